"""schemas/asyncapi.yaml: generated from the models and agents/topics.py, checked in, valid AsyncAPI 3.0."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from agents import asyncapi, topics
from agents.admin import DEADLETTER_RETENTION_MS
from schemas import generate

REPO = Path(__file__).resolve().parents[2]
CHECKED_IN = REPO / "schemas" / "asyncapi.yaml"
NODE_TOOLS = REPO / "tools" / "node"


def test_checked_in_asyncapi_matches_the_models_and_topics() -> None:
    assert CHECKED_IN.exists(), "missing schemas/asyncapi.yaml: run `make schemas`"
    assert CHECKED_IN.read_text() == asyncapi.render(), "schemas/asyncapi.yaml is stale: run `make schemas`"


def test_every_topic_is_a_channel_with_key_schema_and_configs() -> None:
    doc = yaml.safe_load(CHECKED_IN.read_text())
    assert doc["asyncapi"] == "3.0.0"
    assert list(doc["channels"]) == list(topics.ALL)
    for topic, channel in doc["channels"].items():
        (ref,) = channel["messages"].values()
        message = doc["components"]["messages"][ref["$ref"].rsplit("/", 1)[1]]
        assert message["payload"]["$ref"] == f"#/components/schemas/{generate.TOPIC_MODELS[topic].__name__}"
        assert message["bindings"]["kafka"]["key"]["type"] == "string"
        assert "schema_version" in doc["components"]["schemas"][generate.TOPIC_MODELS[topic].__name__]["properties"]
        assert channel["bindings"]["kafka"]["topicConfiguration"]["max.message.bytes"] > 0
    dead = doc["channels"]["articles.deadletter"]["bindings"]["kafka"]["topicConfiguration"]
    assert dead["retention.ms"] == DEADLETTER_RETENTION_MS
    assert "$defs" not in CHECKED_IN.read_text()  # hoisted: the document stands alone


def test_deadletter_reasons_are_an_enum() -> None:
    doc = yaml.safe_load(CHECKED_IN.read_text())
    enum = doc["components"]["schemas"]["DeadLetter"]["properties"]["reason"]["enum"]
    assert {"invalid_json", "wrong_schema", "empty_text", "too_large", "timeout", "stage_crashed",
            "stage_exception"} <= set(enum)


def test_operations_follow_the_stages() -> None:
    ops = asyncapi.build()["operations"]
    assert ops["clean-receive-articles.raw"]["action"] == "receive"
    assert ops["detect-send-strikes.events"]["action"] == "send"
    assert ops["alert-send-strikes.alerts"]["channel"] == {"$ref": "#/channels/strikes.alerts"}


def test_a_topic_added_to_agents_topics_appears(monkeypatch: pytest.MonkeyPatch) -> None:
    class ProbeItem(BaseModel):
        """A test topic's message."""

        schema_version: int = 1
        probe_id: str

    monkeypatch.setattr(topics, "ALL", (*topics.ALL, "strikes.test"))
    with pytest.raises(ValueError, match=r"no message model for topic\(s\) strikes.test"):
        asyncapi.build()
    monkeypatch.setitem(generate.TOPIC_MODELS, "strikes.test", ProbeItem)
    doc = asyncapi.build()
    assert doc["channels"]["strikes.test"]["address"] == "strikes.test"
    assert doc["components"]["schemas"]["ProbeItem"]["properties"]["probe_id"]["type"] == "string"


@pytest.mark.node
def test_asyncapi_parser_accepts_the_document() -> None:
    """The official parser (npm @asyncapi/parser, pinned in tools/node/package-lock.json) finds no error."""
    assert shutil.which("node"), "Node.js is needed for this test (Debian: apt-get install nodejs)"
    assert (NODE_TOOLS / "node_modules" / "@asyncapi" / "parser").is_dir(), "run `make node-deps` first"
    proc = subprocess.run(["node", str(NODE_TOOLS / "validate-asyncapi.mjs"), str(CHECKED_IN)], capture_output=True,
                          text=True, timeout=120, cwd=REPO)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"asyncapi: valid 3.0.0: {len(topics.ALL)} channels" in proc.stdout
    assert " error " not in f" {proc.stdout}"


@pytest.mark.node
def test_asyncapi_parser_rejects_a_broken_document(tmp_path: Path) -> None:
    """The validation can fail: a dangling reference is reported as an error."""
    broken = tmp_path / "broken.yaml"
    broken.write_text(CHECKED_IN.read_text().replace("#/components/schemas/Casualty", "#/components/schemas/Nope"))
    proc = subprocess.run(["node", str(NODE_TOOLS / "validate-asyncapi.mjs"), str(broken)], capture_output=True,
                          text=True, timeout=120, cwd=REPO)
    assert proc.returncode == 1 and "invalid-ref" in proc.stdout and "INVALID" in proc.stdout
