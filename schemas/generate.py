"""Generate the JSON Schema files of the wire models into ``schemas/json/``.

The files are what non-Python consumers (dashboards, other teams) code against; they are generated
from the pydantic models, never hand-written, and a test fails when they drift from the models.
Run ``strikewire schemas`` (or ``python -m schemas.generate``) after changing a model.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from schemas.alerts import Alert
from schemas.articles import ArticleReport, CleanArticle, DeadLetter, EntityArticle, RawArticle, StrikeEvent
from schemas.incidents import Incident

#: topic -> model of its messages
TOPIC_MODELS: dict[str, type[BaseModel]] = {
    "articles.raw": RawArticle,
    "articles.clean": CleanArticle,
    "articles.entities": EntityArticle,
    "articles.enriched": ArticleReport,
    "strikes.events": StrikeEvent,
    "strikes.alerts": Alert,
    "strikes.incidents": Incident,
    "articles.deadletter": DeadLetter,
}

DEFAULT_DIR = Path(__file__).resolve().parent / "json"


def render(model: type[BaseModel], topic: str) -> str:
    schema = model.model_json_schema(mode="serialization")
    schema["$id"] = f"https://strikewire.invalid/schemas/{topic}.schema.json"
    schema["x-topic"] = topic
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def expected_files() -> dict[str, str]:
    return {f"{topic}.schema.json": render(model, topic) for topic, model in TOPIC_MODELS.items()}


def write_schemas(out: Path | None = None) -> list[Path]:
    out = out or DEFAULT_DIR
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in expected_files().items():
        path = out / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for p in write_schemas():
        print(p)
