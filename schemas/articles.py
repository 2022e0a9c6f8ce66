"""Pydantic v2 models for every message strikewire reads or writes.

These are the wire contract between the newsroom feed, the three processing stages and the
dashboards. Every message carries ``schema_version`` so that consumers can refuse (or adapt to)
a contract they do not know. Field names of ``ArticleReport`` and ``StrikeEvent`` follow what the
evaluation scorer reads (``../shared/eval/score.py``); everything else is extra context for analysts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1
#: separator of the candidate codes in ``EntitySpan.canonical`` (the wire format of ``articles.entities``)
CODE_SEP = "|"


class _Wire(BaseModel):
    """Base of all wire models: immutable, strict about unknown top-level shapes only where it matters."""

    model_config = ConfigDict(frozen=True, extra="ignore", ser_json_bytes="base64", val_json_bytes="base64")


class RawArticle(_Wire):
    """What a newsroom publishes on ``articles.raw``. Only ``text`` is required."""

    schema_version: int = SCHEMA_VERSION
    id: str | None = Field(default=None, description="Stable article id; derived from the text when missing.")
    text: str = Field(description="Article body: plain text or HTML.")
    title: str | None = None
    url: str | None = None
    published: str | None = Field(default=None, description="Publication date or timestamp (ISO 8601).")
    source: str | None = Field(default=None, description="Feed or newsroom name.")
    language: str | None = Field(default=None, description="ISO 639-1 code when the feed states it.")
    meta: dict[str, Any] = Field(default_factory=dict)
    ingested_at: float | None = Field(default=None, description="Unix time the publisher sent it (latency).")


class CleanArticle(_Wire):
    """Output of the clean stage on ``articles.clean``: normalised plain text with a definite id."""

    schema_version: int = SCHEMA_VERSION
    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None
    meta: dict[str, Any] = Field(default_factory=dict)
    ingested_at: float | None = None


class EntitySpan(_Wire):
    """One entity found in the clean text (character offsets into ``CleanArticle.text``)."""

    label: str = Field(description="AIRCRAFT, AIRBASE, ADMIN1, GPE, LOC, ORG, NORP, CARDINAL, ...")
    text: str
    start: int
    end: int
    # an ambiguous place or a region group carries its candidate ISO 3166-2 codes joined by CODE_SEP: ``codes``
    canonical: str | None = Field(default=None, description="Gazetteer id: designation, base id or ISO code.")
    source: Literal["ner", "ruler", "rule"] = "ruler"

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes in ``canonical``, first the most likely ("SD-DS|SD-DN" -> ("SD-DS", "SD-DN")); () if none."""
        return tuple(self.canonical.split(CODE_SEP)) if self.canonical else ()

    @staticmethod
    def join_codes(codes: Sequence[str]) -> str:
        """The ``canonical`` of a place with several candidate codes (the inverse of ``codes``)."""
        return CODE_SEP.join(codes)


class SentenceScores(_Wire):
    """The trained sentence classifier's probabilities for one sentence (they sum to 1)."""

    strike: float = Field(ge=0.0, le=1.0, description="A current air/drone strike report.")
    background: float = Field(ge=0.0, le=1.0, description="An earlier, hypothetical, threatened or denied strike.")
    other: float = Field(ge=0.0, le=1.0, description="Other violence: shelling, ground-launched missiles, IEDs...")
    none: float = Field(ge=0.0, le=1.0, description="None of these.")


class EntityArticle(_Wire):
    """Output of the entities stage on ``articles.entities``."""

    schema_version: int = SCHEMA_VERSION
    article: CleanArticle
    gate_passed: bool = Field(description="True when the cheap relevance gate sent it through the full model.")
    entities: list[EntitySpan] = Field(default_factory=list)
    sentences: list[tuple[int, int]] = Field(default_factory=list, description="Sentence (start, end) offsets.")
    sentence_scores: list[SentenceScores] = Field(
        default_factory=list,
        description="The sentence classifier's scores, one per entry of `sentences` (empty when it did not run).",
    )


class Evidence(_Wire):
    """A sentence (or part) of the clean text that supports an event."""

    start: int
    end: int
    text: str


class Aircraft(_Wire):
    designation: str = Field(description="Canonical designation, e.g. Su-34, MQ-9, Shahed-136.")
    mention: str | None = Field(default=None, description="How the text named it (Fullback, Geran-2...).")
    role: str | None = None
    kind: str | None = Field(default=None, description="fixed-wing, helicopter, drone, loitering-munition.")


class Base(_Wire):
    name: str = Field(description="Canonical air base name.")
    aliases: list[str] = Field(default_factory=list)
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2 of the territory of the base.")
    city: str | None = None
    lat: float | None = None
    lon: float | None = None


class Province(_Wire):
    code: str = Field(description="ISO 3166-2 admin-1 code, e.g. SY-HL.")
    name: str | None = None
    country: str | None = None


class Place(_Wire):
    name: str
    province: str | None = Field(default=None, description="ISO 3166-2 code of the containing admin-1 region.")
    country: str | None = None


class Casualty(_Wire):
    status: Literal["killed", "wounded"]
    count_min: int | None = None
    count_max: int | None = None
    victims: str | None = Field(default=None, description="civilians, fighters, soldiers, people...")
    claimed_by: str | None = None
    text: str | None = Field(default=None, description="The phrase the claim was read from.")
    start: int | None = None
    end: int | None = None


class StrikeEvent(_Wire):
    """One air or drone strike event, on ``strikes.events`` (key = event_id) and inside reports."""

    schema_version: int = SCHEMA_VERSION
    event_id: str
    article_id: str
    actor: str | None = Field(default=None, description="Who struck, when the text says so.")
    aircraft: list[Aircraft] = Field(default_factory=list)
    bases: list[Base] = Field(default_factory=list)
    provinces: list[Province] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    targets: list[str] = Field(default_factory=list)
    target_groups: list[str] = Field(default_factory=list)
    casualties: list[Casualty] = Field(default_factory=list)
    killed_min: int | None = Field(default=None, description="ACLED-style lowest credible killed total.")
    evidence: list[Evidence] = Field(default_factory=list)
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = Field(default=None, description="Outlet (feed or newsroom) of the article.")
    event_date: str | None = Field(
        default=None,
        description="Date of the strike itself (ISO YYYY-MM-DD), read from the text ('on Tuesday', 'overnight',"
        " 'Jan 7') against `published`; null when the text gives no cue.",
    )
    country: str | None = Field(
        default=None,
        description="ISO 3166-1 alpha-2 code of the struck country: its provinces' or places', else the country the"
        " article's other events or places are in (a statement naming only a village); null when unknown.",
    )
    incident_id: str | None = Field(
        default=None, description="The incident this report was fused into (set by the fuse stage / extract)."
    )
    mention: bool = Field(
        default=False,
        description="Told in passing in an article about another strike ('Earlier on Tuesday, drones hit Nizhyn'):"
        " the article is no report of it, so the fuse stage leaves it out of the incidents (incident_id stays null).",
    )


class ArticleReport(_Wire):
    """One per article on ``articles.enriched``, strike or not: what ``strikewire extract`` prints."""

    schema_version: int = SCHEMA_VERSION
    article_id: str
    is_strike: bool
    events: list[StrikeEvent] = Field(default_factory=list)
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None
    gate_passed: bool = True
    ingested_at: float | None = None
    strike_probability: float | None = Field(
        default=None,
        ge=0.0,
        le=1.0,
        description="Calibrated probability that the article reports a current air/drone strike (the best "
        "sentence's); 0 when the relevance gate kept it from the model; null when no sentence scores were given.",
    )


class DeadLetter(_Wire):
    """A record some stage could not process, on ``articles.deadletter``."""

    schema_version: int = SCHEMA_VERSION
    stage: str = Field(description="clean, entities, detect, alert, publish...")
    reason: str = Field(description="Short machine-readable reason: invalid_json, wrong_schema, empty_text, ...")
    error_type: str = Field(description="Exception class name.")
    message: str
    source_topic: str | None = None
    partition: int | None = None
    offset: int | None = None
    key: str | None = None
    article_id: str | None = None
    original: bytes = Field(default=b"", description="The original message bytes (capped), base64 in JSON.")
    original_size: int = 0
    failed_at: float | None = None
