"""Loaders of the deployment files for tests/deploy/test_deploy.py: the Kubernetes manifests, the compose file,
the Dockerfile's instructions, and the names the code gives them (stages, settings, services).

Why a module of its own: the tests read as statements about the files; how a file is parsed is said once, here.
"""

from __future__ import annotations

import os
import re
import shlex
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import AliasChoices

from agents.worker import ALL_STAGES
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


def k8s_files() -> list[Path]:
    return sorted(p for p in K8S.glob("*.yaml") if p.name != "kustomization.yaml")


def k8s_docs() -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = []
    for path in k8s_files():
        docs.extend(d for d in yaml.safe_load_all(path.read_text()) if d is not None)
    return docs


def of_kind(kind: str) -> list[dict[str, Any]]:
    return [d for d in k8s_docs() if d["kind"] == kind]


def one(kind: str) -> dict[str, Any]:
    found = of_kind(kind)
    assert len(found) == 1, f"expected exactly one {kind} in deploy/k8s, found {len(found)}"
    return found[0]


def compose() -> dict[str, Any]:
    data = yaml.safe_load(COMPOSE.read_text())
    assert isinstance(data, dict)
    return data


def strikewire_services() -> dict[str, dict[str, Any]]:
    """Compose services that run the strikewire image."""
    return {
        name: svc
        for name, svc in compose()["services"].items()
        if str(svc.get("image", "")).split(":")[0] == STRIKEWIRE_IMAGE
    }


def env_dict(env: Any) -> dict[str, str]:
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


def configmap() -> dict[str, str]:
    return {k: str(v) for k, v in one("ConfigMap")["data"].items()}


def secret_keys(secret: dict[str, Any]) -> set[str]:
    return set(secret.get("stringData") or {}) | set(secret.get("data") or {})


def containers() -> Iterator[dict[str, Any]]:
    for dep in of_kind("Deployment"):
        pod = dep["spec"]["template"]["spec"]
        yield from pod.get("initContainers", [])
        yield from pod["containers"]


def deployments() -> dict[str, dict[str, Any]]:
    """Worker Deployments by the stage their container runs (``worker --stage <stage>``)."""
    out = {}
    for dep in of_kind("Deployment"):
        args = container(dep)["args"]
        assert args[:2] == ["worker", "--stage"] and len(args) == 3, f"{dep['metadata']['name']}: {args}"
        out[args[2]] = dep
    return out


def container(dep: dict[str, Any]) -> dict[str, Any]:
    (container,) = dep["spec"]["template"]["spec"]["containers"]
    return container


def dockerfile_instructions() -> list[tuple[str, str]]:
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


def dockerfile_stages() -> list[list[tuple[str, str]]]:
    stages: list[list[tuple[str, str]]] = []
    for ins in dockerfile_instructions():
        if ins[0] == "FROM":
            stages.append([])
        if stages:
            stages[-1].append(ins)
    return stages


def dockerfile_args() -> dict[str, str]:
    """Global ARG defaults (before the first FROM)."""
    args = {}
    for word, rest in dockerfile_instructions():
        if word == "FROM":
            break
        if word == "ARG" and "=" in rest:
            key, _, value = rest.partition("=")
            args[key.strip()] = value.strip()
    return args


def dockerfile_env() -> dict[str, str]:
    env: dict[str, str] = {}
    for word, rest in dockerfile_stages()[-1]:
        if word == "ENV":
            for token in shlex.split(rest):
                key, _, value = token.partition("=")
                env[key] = value
    return env


def allowed_env_names() -> set[str]:
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


def settings_from(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings loaded from exactly ``env`` (the test process's own STRIKEWIRE_* vars removed)."""
    allowed = allowed_env_names()
    for key in list(os.environ):
        if key.upper() in allowed:
            monkeypatch.delenv(key)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return Settings()


def stage_sources() -> dict[str, str]:
    """Stage -> source topic of the stages KEDA scales on lag (``scaled`` in the stage table,
    ``agents/topology.py``, which imports neither Faust's runtime nor the NLP stack)."""
    from agents.topology import STAGES

    return {s.name: s.source for s in STAGES if s.scaled}


def scaled_stages() -> set[str]:
    """Stages KEDA scales on lag: the partition-parallel stages of the stage table."""
    return set(stage_sources())


def single_stages() -> set[str]:
    """Stages of ``agents.worker.ALL_STAGES`` that run as one pod (not KEDA-scaled): the alert stage."""
    return set(ALL_STAGES) - scaled_stages()


def selects(selector: dict[str, str], dep: dict[str, Any]) -> bool:
    return selector.items() <= dep["spec"]["template"]["metadata"]["labels"].items()


def service(name: str) -> dict[str, Any]:
    found = [s for s in of_kind("Service") if s["metadata"]["name"] == name]
    assert len(found) == 1, f"expected one Service {name} in deploy/k8s, found {len(found)}"
    return found[0]


def kafka_version_from_pom() -> str:
    if not KAFKA_POM.exists():
        pytest.skip("deploy/kafka/pom.xml does not exist yet: the local broker's version is read from it")
    root = ET.parse(KAFKA_POM).getroot()
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    node = root.find("m:properties/m:kafka.version", ns)
    if node is None:
        node = root.find("properties/kafka.version")
    assert node is not None and node.text, "deploy/kafka/pom.xml has no <kafka.version> property"
    return node.text.strip()


def memory_mib(quantity: str) -> float:
    units = {"Ki": 1 / 1024, "Mi": 1, "Gi": 1024, "K": 1e3 / 2**20, "M": 1e6 / 2**20, "G": 1e9 / 2**20}
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([KMG]i?)?", quantity)
    assert match, f"unparsed memory quantity {quantity!r}"
    return float(match.group(1)) * units.get(match.group(2) or "", 1 / 2**20)
