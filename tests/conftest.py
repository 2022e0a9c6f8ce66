"""Shared fixtures.

The Kafka broker fixture lives in the ``tests.kafka_broker`` plugin (session-scoped, real broker:
KAFKA_BOOTSTRAP_SERVERS, testcontainers when Docker answers, else the project's local broker).
Tests that need the spaCy model load it once per session through ``entity_stage``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from streams.settings import Settings

pytest_plugins = ["tests.kafka_broker"]


@pytest.fixture(scope="session")
def settings() -> Settings:
    """Default settings (environment ignored for the fields tests depend on)."""
    return Settings(kafka_bootstrap_servers=None, topic_prefix="", nlp_workers=0)


@pytest.fixture(scope="session")
def entity_stage(settings: Settings) -> Iterator[object]:
    """The real spaCy entity stage, loaded once for the whole session."""
    from streams.nlp import EntityStage

    yield EntityStage.build(settings)


@pytest.fixture
def unique_prefix() -> str:
    """A topic prefix of its own for each integration test (uuid), so tests never share topics."""
    return f"t{uuid.uuid4().hex[:10]}."
