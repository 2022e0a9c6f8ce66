"""The wire contract: generated JSON Schema files match the models; settings never leak secrets."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from schemas import ArticleReport, StrikeEvent
from schemas.generate import DEFAULT_DIR, expected_files
from streams.settings import Settings


def test_checked_in_json_schemas_match_models() -> None:
    for name, text in expected_files().items():
        path = DEFAULT_DIR / name
        assert path.exists(), f"missing {path}: run `make schemas`"
        assert path.read_text() == text, f"{path} is stale: run `make schemas`"


def test_report_schema_has_scorer_fields() -> None:
    schema = json.loads((DEFAULT_DIR / "articles.enriched.schema.json").read_text())
    assert {"article_id", "is_strike", "events", "schema_version"} <= set(schema["properties"])
    event = schema["$defs"]["StrikeEvent"]["properties"]
    assert {"aircraft", "bases", "provinces", "casualties", "killed_min", "event_id", "evidence"} <= set(event)


def test_models_are_frozen_and_versioned() -> None:
    ev = StrikeEvent(event_id="e1", article_id="a1")
    assert ev.schema_version == 1
    with pytest.raises(ValidationError):
        ev.event_id = "other"  # type: ignore[misc]
    report = ArticleReport(article_id="a1", is_strike=True, events=[ev])
    assert ArticleReport.model_validate_json(report.model_dump_json()) == report


def test_masked_dump_hides_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STRIKEWIRE_SASL_PASSWORD", "hunter2-secret")
    monkeypatch.setenv("KAFKA_BOOTSTRAP_SERVERS", "broker:9093")
    s = Settings()
    assert s.kafka_bootstrap_servers == "broker:9093"
    dump = s.masked_dump()
    assert "hunter2-secret" not in repr(dump) and "hunter2-secret" not in repr(s) and "hunter2-secret" not in str(s)
    assert dump["sasl_password"] == "**********"
