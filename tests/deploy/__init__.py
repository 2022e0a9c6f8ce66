"""Static checks of the deployment files (Dockerfile, docker-compose.yml, deploy/k8s): no Docker, no cluster."""
