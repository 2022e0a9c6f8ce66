"""Batch handlers: bytes in, (topic, key, bytes) out, one per stage. No Faust here.

The agents stay thin: they collect a batch of Kafka events, hand this module plain tuples, and send
whatever comes back. Keeping the decode/call/encode/dead-letter logic here makes it testable without
a broker and lets the NLP stage run in a worker process (everything crossing the process boundary is
bytes and tuples, cheap to pickle).

Errors are data: any record a stage cannot process becomes a ``DeadLetter`` on the dead-letter topic,
never an exception that would kill the agent.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol

import orjson
from pydantic import BaseModel, ValidationError

from agents.topics import TopicNames
from schemas import CleanArticle, DeadLetter, EntityArticle
from streams.clean import clean, decode_raw
from streams.detect import detect
from streams.errors import InvalidJSONError, StageError, UndecodableError, WrongSchemaError, reason_of
from streams.settings import Settings

log = logging.getLogger(__name__)

STAGES = ("clean", "entities", "detect")


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


class Handler(Protocol):
    stage: str

    def __call__(self, batch: Sequence[Inbound]) -> list[Outbound]: ...


def _key_text(key: bytes | None) -> str | None:
    if key is None:
        return None
    return key.decode("utf-8", errors="replace")[:512]


@dataclass
class _Base:
    settings: Settings
    topics: TopicNames

    stage = "base"

    def dead(self, rec: Inbound, exc: BaseException, *, article_id: str | None = None) -> Outbound:
        return dead_letter(self.stage, self.settings, self.topics, rec, exc, article_id=article_id)


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
class CleanHandler(_Base):
    """articles.raw -> articles.clean (or dead letter)."""

    stage = "clean"

    def __call__(self, batch: Sequence[Inbound]) -> list[Outbound]:
        out: list[Outbound] = []
        for rec in batch:
            try:
                raw = decode_raw(rec.value, max_bytes=self.settings.max_text_bytes)
                article = clean(
                    raw, max_text_bytes=self.settings.max_text_bytes, min_text_chars=self.settings.min_text_chars
                )
            except Exception as exc:  # every failure is a dead letter; the stream goes on
                out.append(self.dead(rec, exc, article_id=_key_text(rec.key)))
                continue
            out.append(Outbound(self.topics.clean, article.id.encode(), encode(article)))
        return out


@dataclass
class EntitiesHandler(_Base):
    """articles.clean -> articles.entities: the gate, then spaCy on what passes, in batches."""

    stage = "entities"
    entity_stage: Callable[[Sequence[CleanArticle]], list[EntityArticle]] | None = None

    @classmethod
    def build(cls, settings: Settings, topics: TopicNames) -> EntitiesHandler:
        from streams.nlp import EntityStage  # the model loads here, once per process

        return cls(settings=settings, topics=topics, entity_stage=EntityStage.build(settings))

    def __call__(self, batch: Sequence[Inbound]) -> list[Outbound]:
        assert self.entity_stage is not None, "EntitiesHandler.build() loads the pipeline"
        out: list[Outbound] = []
        good: list[tuple[Inbound, CleanArticle]] = []
        for rec in batch:
            try:
                good.append((rec, decode_model(rec.value, CleanArticle)))  # type: ignore[arg-type]
            except Exception as exc:
                out.append(self.dead(rec, exc, article_id=_key_text(rec.key)))
        if not good:
            return out
        try:
            results = self.entity_stage([a for _, a in good])
        except Exception:
            log.exception("entities batch of %d failed; retrying one by one to isolate the record", len(good))
            results = []
            for rec, article in good:
                try:
                    results.extend(self.entity_stage([article]))
                except Exception as exc:
                    out.append(self.dead(rec, exc, article_id=article.id))
                    good = [g for g in good if g[0] is not rec]
        for (_, article), result in zip(good, results, strict=True):
            out.append(Outbound(self.topics.entities, article.id.encode(), encode(result)))
        return out


@dataclass
class DetectHandler(_Base):
    """articles.entities -> articles.enriched (every article) + strikes.events (one per event)."""

    stage = "detect"

    def __call__(self, batch: Sequence[Inbound]) -> list[Outbound]:
        out: list[Outbound] = []
        good: list[tuple[Inbound, EntityArticle]] = []
        for rec in batch:
            try:
                good.append((rec, decode_model(rec.value, EntityArticle)))  # type: ignore[arg-type]
            except Exception as exc:
                out.append(self.dead(rec, exc, article_id=_key_text(rec.key)))
        for rec, item in good:
            try:
                (report,) = detect([item])
            except Exception as exc:
                out.append(self.dead(rec, exc, article_id=item.article.id))
                continue
            out.append(Outbound(self.topics.enriched, report.article_id.encode(), encode(report)))
            for event in report.events:
                out.append(Outbound(self.topics.events, event.event_id.encode(), encode(event)))
        return out


def build_handler(stage: str, settings: Settings) -> Handler:
    """The handler of one stage, with its heavy parts (spaCy) loaded."""
    topics = TopicNames(settings.topic_prefix)
    if stage == "clean":
        return CleanHandler(settings=settings, topics=topics)
    if stage == "entities":
        return EntitiesHandler.build(settings, topics)
    if stage == "detect":
        return DetectHandler(settings=settings, topics=topics)
    raise ValueError(f"unknown stage {stage!r}; known: {', '.join(STAGES)}")


def loads(value: bytes) -> object:
    """orjson decode (re-exported for agents and tests)."""
    return orjson.loads(value)


__all__ = ["STAGES", "Inbound", "Outbound", "StageError", "build_handler", "decode_model", "encode", "loads"]
