"""Batch handlers: bytes in, (topic, key, bytes) out, one per stage. No Faust here.

The agents stay thin: they collect a batch of Kafka events, hand this module plain tuples, and send
whatever comes back. Keeping the decode/call/encode/dead-letter logic here makes it testable without
a broker and lets every stage run in a child process with a time cap (``agents.offload``; everything
crossing the process boundary is bytes and tuples, cheap to pickle).

Errors are data: any record a stage cannot process becomes a ``DeadLetter`` on the dead-letter topic,
never an exception that would kill the agent. That includes an output too big for the broker
(``Settings.max_message_bytes``) and an article that overruns its time cap (``limit()``, installed by
the child process).

Keys: ``articles.clean`` and ``articles.entities`` are keyed by the fingerprint of the clean text (not
the article id), so that all copies of one text meet on one partition of the detect stage, whose dedup
table is keyed by that fingerprint. ``articles.enriched`` is keyed by article id, ``strikes.events`` by
event id.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import orjson
from pydantic import BaseModel, ValidationError

from agents.topics import TopicNames
from agents.topology import OFFLOADED
from agents.topology import stage as stage_spec
from schemas import ArticleReport, CleanArticle, DeadLetter, EntityArticle
from streams.clean import clean, decode_raw, text_fingerprint
from streams.detect import detect
from streams.errors import (
    InvalidJSONError,
    StageError,
    TooLargeError,
    UndecodableError,
    WrongSchemaError,
    reason_of,
)
from streams.settings import Settings

log = logging.getLogger(__name__)

#: The stages whose handler runs in a child process (from the stage table, ``agents/topology.py``).
STAGES = OFFLOADED


class Inbound(NamedTuple):
    """One consumed record, as plain data."""

    key: bytes | None
    value: bytes | None
    topic: str
    partition: int
    offset: int


class Outbound(NamedTuple):
    """One record to produce."""

    topic: str
    key: bytes
    value: bytes


def encode(model: BaseModel) -> bytes:
    """Compact JSON of a wire model (pydantic's serialiser, in Rust)."""
    return model.__pydantic_serializer__.to_json(model)


class StageOutput(NamedTuple):
    """What a handler returns for a batch: records to produce, and dedup claims to record once they are written.

    ``claims`` maps a text fingerprint to the id of the article whose events were emitted for it (detect only);
    the agent writes them to its dedup table only after the outputs were acknowledged by the broker.
    """

    outputs: list[Outbound]
    claims: dict[str, str]
    #: what a stage with tables changed (``StageState.apply`` writes it after the acks), e.g. the alert stage's
    updates: Any = None


#: A per-article time limit: a context manager that raises ``StageTimeoutError`` when the body overruns.
TimeLimit = Callable[[], AbstractContextManager[None]]


def no_time_limit() -> AbstractContextManager[None]:
    """The limit of handlers run inline (tests, debug): none. Worker processes install a real one."""
    return contextlib.nullcontext()




def _key_text(key: bytes | None) -> str | None:
    if key is None:
        return None
    return key.decode("utf-8", errors="replace")[:512]


@dataclass
class StageHandler:
    """Base of the stage handlers: bytes in, ``StageOutput`` out; every failure becomes a dead letter."""

    settings: Settings
    topics: TopicNames
    limit: TimeLimit = field(default=no_time_limit, kw_only=True)

    stage = "base"

    def dead(self, rec: Inbound, exc: BaseException, *, article_id: str | None = None) -> Outbound:
        return dead_letter(self.stage, self.settings, self.topics, rec, exc, article_id=article_id)

    def __call__(self, batch: Sequence[Inbound]) -> list[Outbound]:
        return self.run(batch).outputs

    def run(self, batch: Sequence[Inbound], **context: Any) -> StageOutput:
        raise NotImplementedError

    def check_size(self, value: bytes) -> bytes:
        """``value`` if the broker will take it, else ``TooLargeError`` (the record is dead-lettered)."""
        # Headroom for the key, headers and the record batch overhead.
        if len(value) > self.settings.max_message_bytes - 65_536:
            raise TooLargeError(
                f"{self.stage} output of {len(value)} bytes exceeds max_message_bytes={self.settings.max_message_bytes}"
            )
        return value


def dead_letter(
    stage: str,
    settings: Settings,
    topics: TopicNames,
    rec: Inbound,
    exc: BaseException,
    *,
    article_id: str | None = None,
) -> Outbound:
    """A dead-letter record for ``rec`` failing with ``exc`` in ``stage`` (original bytes capped)."""
    original = rec.value or b""
    letter = DeadLetter(
        stage=stage,
        reason=reason_of(exc),
        error_type=type(exc).__name__,
        message=str(exc)[:2000],
        source_topic=rec.topic,
        partition=rec.partition,
        offset=rec.offset,
        key=_key_text(rec.key),
        article_id=article_id,
        original=original[: settings.max_deadletter_bytes],
        original_size=len(original),
        failed_at=time.time(),
    )
    log.warning(
        "dead-letter stage=%s reason=%s topic=%s partition=%s offset=%s: %s",
        stage, letter.reason, rec.topic, rec.partition, rec.offset, letter.message[:200],
    )
    key = (article_id or letter.key or f"{rec.topic}:{rec.partition}:{rec.offset}").encode()
    return Outbound(topics.deadletter, key, encode(letter))


def decode_model(value: bytes | None, model: type[BaseModel]) -> BaseModel:
    """Validate one message against a wire model, with a named error for each way it can fail."""
    if value is None:
        raise WrongSchemaError("empty message")
    try:
        return model.model_validate_json(value)
    except ValidationError as exc:
        first = exc.errors()[0]
        kind = first.get("type", "")
        if kind == "json_invalid":
            try:
                value.decode("utf-8")
            except UnicodeDecodeError as uexc:
                raise UndecodableError(f"not UTF-8: {uexc.reason}") from exc
            raise InvalidJSONError(f"invalid JSON: {first.get('msg')}") from exc
        where = ".".join(str(p) for p in first.get("loc", ())) or "<root>"
        raise WrongSchemaError(f"{model.__name__}: {where}: {first.get('msg')}") from exc


@dataclass
class CleanHandler(StageHandler):
    """articles.raw -> articles.clean (or dead letter), keyed by the clean text's fingerprint.

    The key is the fingerprint, not the article id, so that every copy of one text lands on one partition
    downstream: the detect stage's dedup table is keyed by it and so co-partitioned with its source.
    """

    stage = "clean"

    def run(self, batch: Sequence[Inbound], **context: Any) -> StageOutput:
        out: list[Outbound] = []
        for rec in batch:
            try:
                with self.limit():
                    raw = decode_raw(rec.value, max_bytes=self.settings.max_text_bytes)
                    article = clean(
                        raw, max_text_bytes=self.settings.max_text_bytes, min_text_chars=self.settings.min_text_chars
                    )
                    value = self.check_size(encode(article))
                    key = text_fingerprint(article.text).encode()
            except Exception as exc:  # every failure is a dead letter; the stream goes on
                out.append(self.dead(rec, exc, article_id=_key_text(rec.key)))
                continue
            out.append(Outbound(self.topics.clean, key, value))
        return StageOutput(out, {})


@dataclass
class EntitiesHandler(StageHandler):
    """articles.clean -> articles.entities: the gate, then spaCy on what passes, in batches."""

    stage = "entities"
    entity_stage: Callable[[Sequence[CleanArticle]], list[EntityArticle]] | None = None

    @classmethod
    def build(cls, settings: Settings, topics: TopicNames) -> EntitiesHandler:
        from streams.nlp import EntityStage  # the model loads here, once per process

        return cls(settings=settings, topics=topics, entity_stage=EntityStage.build(settings))

    def run(self, batch: Sequence[Inbound], **context: Any) -> StageOutput:
        assert self.entity_stage is not None, "EntitiesHandler.build() loads the pipeline"
        out: list[Outbound] = []
        good: list[tuple[Inbound, CleanArticle]] = []
        for rec in batch:
            try:
                good.append((rec, decode_model(rec.value, CleanArticle)))  # type: ignore[arg-type]
            except Exception as exc:
                out.append(self.dead(rec, exc))
        if not good:
            return StageOutput(out, {})
        results: list[EntityArticle | BaseException]
        try:
            # The whole batch gets one article's time cap: a normal batch takes a fraction of it.
            with self.limit():
                results = list(self.entity_stage([a for _, a in good]))
        except Exception:
            log.exception("entities batch of %d failed; retrying one by one to isolate the record", len(good))
            results = []
            for _, article in good:
                try:
                    with self.limit():
                        results.extend(self.entity_stage([article]))
                except Exception as exc:
                    results.append(exc)
        for (rec, article), result in zip(good, results, strict=True):
            try:
                if isinstance(result, BaseException):
                    raise result
                value = self.check_size(encode(result))
            except Exception as exc:
                out.append(self.dead(rec, exc, article_id=article.id))
                continue
            out.append(Outbound(self.topics.entities, text_fingerprint(article.text).encode(), value))
        return StageOutput(out, {})


@dataclass
class DetectHandler(StageHandler):
    """articles.entities -> articles.enriched (every article) + strikes.events (one per new event).

    Dedup: ``run(batch, seen=...)`` takes the fingerprints already emitted within the dedup window (the
    agent reads them from its table) mapped to the article id that emitted them. A record whose text was
    seen gets its report on ``articles.enriched`` (under its own id: every article is accounted for) but
    emits no events: its events are detected under the first article's id, so they carry exactly the
    event ids already on ``strikes.events``. Fingerprints emitted by this batch come back as ``claims``.
    """

    stage = "detect"

    def run(self, batch: Sequence[Inbound], **context: Any) -> StageOutput:
        seen: dict[str, str] = dict(context.get("seen") or {})
        out: list[Outbound] = []
        claims: dict[str, str] = {}
        good: list[tuple[Inbound, EntityArticle]] = []
        for rec in batch:
            try:
                good.append((rec, decode_model(rec.value, EntityArticle)))  # type: ignore[arg-type]
            except Exception as exc:
                out.append(self.dead(rec, exc))
        for rec, item in good:
            article_id = item.article.id
            try:
                with self.limit():
                    fingerprint = text_fingerprint(item.article.text)
                    first = seen.get(fingerprint)
                    report = _detect_as(item, first)
                    report_value = self.check_size(encode(report))
                    events = [] if first else [
                        Outbound(self.topics.events, e.event_id.encode(), self.check_size(encode(e)))
                        for e in report.events
                    ]
            except Exception as exc:
                out.append(self.dead(rec, exc, article_id=article_id))
                continue
            if first:
                log.info("article %s repeats the text of %s: report only, its %d event(s) were emitted then",
                         article_id, first, len(report.events))
            else:
                seen[fingerprint] = claims[fingerprint] = article_id
            out.append(Outbound(self.topics.enriched, article_id.encode(), report_value))
            out.extend(events)
        return StageOutput(out, claims)


def _detect_as(item: EntityArticle, first_id: str | None) -> ArticleReport:
    """The report of ``item``; for a repeat of ``first_id``'s text, with that article's event ids."""
    if first_id is None or first_id == item.article.id:
        (report,) = detect([item])
        return report
    as_first = item.model_copy(update={"article": item.article.model_copy(update={"id": first_id})})
    (report,) = detect([as_first])
    return report.model_copy(update={"article_id": item.article.id})


def build_handler(stage: str, settings: Settings) -> StageHandler:
    """The handler of one stage (as the stage table builds it), with its heavy parts (spaCy) loaded."""
    return stage_spec(stage).handler(settings)


def loads(value: bytes) -> object:
    """orjson decode (re-exported for agents and tests)."""
    return orjson.loads(value)


__all__ = [
    "STAGES",
    "Inbound",
    "Outbound",
    "StageError",
    "StageHandler",
    "StageOutput",
    "build_handler",
    "decode_model",
    "encode",
    "loads",
    "no_time_limit",
]
