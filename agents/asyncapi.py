"""Generate ``schemas/asyncapi.yaml``: the service's topics as one AsyncAPI 3.0 document.

A team that builds on the output topics (a dashboard, an archive) reads one document in the form their
tools read: which topics exist, their keys, the message schemas, the topic configs the service sets, who
writes and who reads each. Like the JSON Schema files it is generated, never hand-written, and a test
fails when it drifts: channels come from ``agents.topics.ALL`` (a topic added there appears here), message
schemas from ``schemas.generate.TOPIC_MODELS`` (a topic without a model is an error, not a gap), topic
configs from ``agents.admin.topic_configs``, operations from the stages' sources and outputs in
``agents.app``, and the dead-letter reasons from the named stage errors. Everything is taken from the
defaults of ``Settings`` (not the environment), so the file does not depend on who generates it.

Each model's JSON Schema is embedded under ``components.schemas`` with its ``$defs`` hoisted beside it,
so the document stands alone (no file references for a consumer's tool to resolve).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from agents import topics
from agents.topics import ALERTS, CLEAN, DEADLETTER, ENRICHED, ENTITIES, EVENTS, RAW, TopicNames
from schemas.articles import SCHEMA_VERSION
from schemas.generate import DEFAULT_DIR, TOPIC_MODELS
from streams.settings import Settings

ASYNCAPI_FILE = "asyncapi.yaml"
KAFKA_BINDING_VERSION = "0.5.0"

#: What each topic's record key is. A topic missing here is documented with a generic key.
KEYS: dict[str, str] = {
    RAW: "Article id as the newsroom sends it (UTF-8); the publisher uses a hash of the text when there is none.",
    CLEAN: "Fingerprint of the normalised clean text (UTF-8 hex), so that re-published text meets its twin "
           "on one partition for the detect stage's dedup table.",
    ENTITIES: "Fingerprint of the normalised clean text, as on articles.clean.",
    ENRICHED: "Article id (UTF-8).",
    EVENTS: "Event id (UTF-8): deterministic from the article id and the event's content.",
    ALERTS: "Alert id (UTF-8): from the rule id and the alert's subject; each alert fires once.",
    DEADLETTER: "Article id when known, else the source record's key, else 'topic:partition:offset' (UTF-8).",
}

SCHEMA_VERSION_POLICY = (
    f"Every message carries `schema_version` (now {SCHEMA_VERSION}). Adding an optional field does not change it, "
    "so consumers must ignore fields they do not know (the service's own models do: `extra=ignore`). Removing or "
    "renaming a field, or changing a field's type or meaning, increments it; check it before reading a message."
)

#: Stages outside agents.app's SOURCE/OUTPUTS tables: the alert stage (agents.alerting).
def deadletter_reasons() -> list[str]:
    """Every ``reason`` a dead letter can carry: the named stage errors' and the fallback for others."""
    import agents.offload  # noqa: F401  (defines the stage_crashed error, a StageError subclass)
    from streams.errors import StageError, reason_of

    reasons = {reason_of(RuntimeError())}
    todo: list[type[StageError]] = [StageError]
    while todo:
        cls = todo.pop()
        reasons.add(cls.reason)
        todo.extend(cls.__subclasses__())
    return sorted(reasons)


def _stages() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Stage -> (source topic, output topics), from the stage table (agents/topology.py)."""
    from agents.topology import STAGES

    return {spec.name: (spec.source, tuple(spec.outputs)) for spec in STAGES}


def _hoist(schema: dict[str, Any], out: dict[str, Any], name: str) -> None:
    """Put a model's schema and its ``$defs`` into ``out`` (components.schemas), refs rewritten to point there."""
    schema = json.loads(json.dumps(schema).replace('"#/$defs/', '"#/components/schemas/'))
    defs = schema.pop("$defs", {})
    for key in ("$id", "$schema", "x-topic"):
        schema.pop(key, None)
    for def_name, definition in {**defs, name: schema}.items():
        if def_name in out and out[def_name] != definition:
            raise ValueError(f"two different schemas are both called {def_name!r}")
        out[def_name] = definition


def _operations(settings: Settings, stages: dict[str, tuple[str, tuple[str, ...]]]) -> dict[str, Any]:
    """One receive operation per stage's source, one send per output, from the stage table."""
    operations: dict[str, Any] = {}
    for stage, (source, outputs) in sorted(stages.items()):
        group = f"{settings.app_id}-{stage}"
        operations[f"{stage}-receive-{source}"] = {
            "action": "receive",
            "title": f"{stage} stage reads {source}",
            "summary": f"Consumer group {group} (at least once; offsets committed after the outputs are acknowledged).",
            "channel": {"$ref": f"#/channels/{source}"},
            "messages": [{"$ref": f"#/channels/{source}/messages/{TOPIC_MODELS[source].__name__}"}],
            "bindings": {"kafka": {"groupId": {"type": "string", "enum": [group]},
                                   "bindingVersion": KAFKA_BINDING_VERSION}},
        }
        for out in outputs:
            operations[f"{stage}-send-{out}"] = {
                "action": "send",
                "title": f"{stage} stage writes {out}",
                "summary": "Idempotent producer, acks=all.",
                "channel": {"$ref": f"#/channels/{out}"},
                "messages": [{"$ref": f"#/channels/{out}/messages/{TOPIC_MODELS[out].__name__}"}],
            }
    return operations


def _topic_entries(
    settings: Settings, topic: str, model: type[BaseModel], stages: dict[str, tuple[str, tuple[str, ...]]]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The message and the channel of one topic."""
    from agents.admin import topic_configs

    names = TopicNames("")
    message: dict[str, Any] = {
        "name": model.__name__,
        "title": model.__name__,
        "summary": (model.__doc__ or model.__name__).strip().splitlines()[0],
        "contentType": "application/json",
        "payload": {"$ref": f"#/components/schemas/{model.__name__}"},
        "x-schema-version": SCHEMA_VERSION,
        "x-json-schema-file": f"schemas/json/{topic}.schema.json",
    }
    configs = topic_configs(settings, topic)
    topic_conf: dict[str, Any] = {"cleanup.policy": configs.get("cleanup.policy", "delete").split(",")}
    for conf in ("retention.ms", "max.message.bytes"):
        if conf in configs:
            topic_conf[conf] = int(configs[conf])
    writers = sorted(s for s, (_, outs) in stages.items() if topic in outs)
    readers = sorted(s for s, (src, _) in stages.items() if src == topic)
    channel: dict[str, Any] = {
        "address": names.name(topic),
        "title": topic,
        "description": (
            f"Key: {KEYS.get(topic, 'see agents/topics.py.')} "
            f"Written by: {', '.join(f'{w} stage' for w in writers) or 'publishers outside the service'}. "
            f"Read by: {', '.join(f'{r} stage' for r in readers) or 'consumers outside the service'}. "
            f"Every name gets STRIKEWIRE_TOPIC_PREFIX in front."
        ),
        "messages": {model.__name__: {"$ref": f"#/components/messages/{model.__name__}"}},
        "bindings": {"kafka": {
            "topic": names.name(topic),
            "partitions": settings.topic_partitions,
            "replicas": settings.topic_replication,
            "topicConfiguration": topic_conf,
            "bindingVersion": KAFKA_BINDING_VERSION,
        }},
    }
    message["bindings"] = {"kafka": {
        "key": {"type": "string", "description": KEYS.get(topic, "see agents/topics.py")},
        "bindingVersion": KAFKA_BINDING_VERSION,
    }}
    return message, channel


def build(settings: Settings | None = None) -> dict[str, Any]:
    """The AsyncAPI document as a dict (deterministic for given settings)."""
    settings = settings or Settings.model_construct()  # defaults only: never the environment
    every = topics.ALL  # looked up now, so that a topic added to agents/topics.py is in the document
    missing = [t for t in every if t not in TOPIC_MODELS]
    if missing:
        raise ValueError(
            f"no message model for topic(s) {', '.join(missing)}: add them to schemas.generate.TOPIC_MODELS"
        )
    schemas: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    channels: dict[str, Any] = {}
    reasons = deadletter_reasons()
    stages = _stages()
    for topic in every:
        model: type[BaseModel] = TOPIC_MODELS[topic]
        _hoist(model.model_json_schema(mode="serialization"), schemas, model.__name__)
        messages[model.__name__], channels[topic] = _topic_entries(settings, topic, model, stages)
    if "DeadLetter" in schemas:
        reason = schemas["DeadLetter"]["properties"]["reason"]
        reason["enum"] = reasons
    operations = _operations(settings, stages)
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "strikewire",
            "version": f"{SCHEMA_VERSION}.0.0",
            "description": (
                "Kafka topics of strikewire: news wire copy in (articles.raw), a report per article "
                "(articles.enriched), air and drone strike events (strikes.events), alerts (strikes.alerts) and "
                "dead letters (articles.deadletter) out. Messages are JSON (UTF-8), keys are UTF-8 strings. "
                f"{SCHEMA_VERSION_POLICY} Dead-letter reasons: {', '.join(reasons)}. Generated by `strikewire "
                "schemas` from the pydantic models and agents/topics.py; do not edit. Faust's internal changelog "
                f"topics ({settings.app_id}-<stage>-<table>-changelog) are not part of this contract."
            ),
        },
        "defaultContentType": "application/json",
        "servers": {
            "local": {
                "host": "localhost:9092",
                "protocol": "kafka",
                "description": "Set KAFKA_BOOTSTRAP_SERVERS; `strikewire kafka up` prints the local broker's address.",
            },
        },
        "channels": channels,
        "operations": operations,
        "components": {"messages": messages, "schemas": dict(sorted(schemas.items()))},
    }


def render(settings: Settings | None = None) -> str:
    header = (
        "# Generated by `strikewire schemas` (agents/asyncapi.py) from the models and agents/topics.py; "
        "do not edit.\n"
    )
    return header + yaml.safe_dump(build(settings), sort_keys=False, allow_unicode=True, width=120)


def write_asyncapi(out: Path | None = None) -> Path:
    path = (out or DEFAULT_DIR.parent) / ASYNCAPI_FILE
    path.write_text(render(), encoding="utf-8")
    return path
