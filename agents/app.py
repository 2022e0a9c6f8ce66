"""Faust app factory: one app (and so one consumer group) per stage.

Each stage runs as its own Faust app with id ``<app_id>-<stage>``, so every stage is its own consumer
group: the stages run in parallel processes and each scales on the partitions of its source topic by
starting more processes of that stage. Agents are thin adapters bound by factory (as in
faust-streaming's ``examples/bound_agent.py``): collect a batch of events, hand the bytes to the
stage handler (off the event loop for the NLP stage), send what it returns. Offsets are acknowledged
only after the batch's outputs were handed to the producer, and Faust flushes the producer before it
commits, so a crash re-delivers rather than loses.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Sequence
from typing import Any

import faust
from faust.types import EventT, StreamT
from faust.web import Request, Response, View

from agents.handlers import Inbound, Outbound
from agents.kafka_client import faust_credentials
from agents.offload import Offloader
from agents.topics import CLEAN, DEADLETTER, ENRICHED, ENTITIES, EVENTS, RAW, TopicNames
from streams.settings import Settings

log = logging.getLogger(__name__)

SOURCE = {"clean": RAW, "entities": CLEAN, "detect": ENTITIES}
OUTPUTS = {"clean": (CLEAN, DEADLETTER), "entities": (ENTITIES, DEADLETTER), "detect": (ENRICHED, EVENTS, DEADLETTER)}


def create_app(settings: Settings, *, stage: str, bootstrap: str, web_port: int | None = None) -> faust.App:
    """A Faust app for one stage (no agents yet: see ``register_stage``)."""
    port = settings.web_port if web_port is None else web_port
    datadir = settings.state_dir / "faust" / f"{stage}-{port}"
    datadir.mkdir(parents=True, exist_ok=True)  # Faust creates only the last level
    return faust.App(
        f"{settings.app_id}-{stage}",
        broker=[f"kafka://{h.strip()}" for h in bootstrap.split(",") if h.strip()],
        broker_credentials=faust_credentials(settings),
        value_serializer="raw",
        key_serializer="raw",
        topic_partitions=settings.topic_partitions,
        topic_replication_factor=settings.topic_replication,
        topic_allow_declare=True,
        processing_guarantee=settings.processing_guarantee,
        producer_acks=-1,
        consumer_auto_offset_reset="earliest",
        datadir=str(datadir),
        store="memory://",
        web_enabled=True,
        web_host=settings.web_host,
        web_bind=settings.web_host,
        web_port=port,
        web_in_thread=False,
        stream_wait_empty=False,
    )


def _topic(app: faust.App, name: str, settings: Settings) -> faust.TopicT:
    return app.topic(
        name,
        key_type=bytes,
        value_type=bytes,
        key_serializer="raw",
        value_serializer="raw",
        partitions=settings.topic_partitions,
    )


class StageStats:
    """Counters the web views and logs read (per process)."""

    def __init__(self, stage: str) -> None:
        self.stage = stage
        self.started = time.time()
        self.consumed = 0
        self.produced: dict[str, int] = {}
        self.batches = 0
        self.last_batch_at: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "stage": self.stage,
            "uptime_s": round(time.time() - self.started, 1),
            "consumed": self.consumed,
            "produced": dict(self.produced),
            "batches": self.batches,
            "last_batch_at": self.last_batch_at,
        }


def register_stage(app: faust.App, settings: Settings, stage: str, offloader: Offloader) -> StageStats:
    """Bind the stage's agent and web views to ``app``."""
    names = TopicNames(settings.topic_prefix)
    source = _topic(app, names.name(SOURCE[stage]), settings)
    sinks = {names.name(t): _topic(app, names.name(t), settings) for t in OUTPUTS[stage]}
    stats = StageStats(stage)
    from agents.metrics import StageMetrics, register_metrics

    metrics = StageMetrics(stats)

    async def send_all(outs: Sequence[Outbound]) -> None:
        for out in outs:
            await sinks[out.topic].send(key=out.key, value=out.value)
            stats.produced[out.topic] = stats.produced.get(out.topic, 0) + 1

    async def run(stream: StreamT[bytes]) -> AsyncIterator[None]:
        events: Sequence[EventT]
        # take_events is faust-streaming's (not in its StreamT protocol): batches with the events' offsets.
        async for events in stream.take_events(  # type: ignore[attr-defined]
            settings.batch_size, within=settings.batch_within_s
        ):
            batch = [
                Inbound(e.message.key, e.message.value, e.message.topic, e.message.partition, e.message.offset)
                for e in events
            ]
            stats.consumed += len(batch)
            stats.batches += 1
            stats.last_batch_at = time.time()
            started = time.perf_counter()
            await send_all(await _process(batch))
            metrics.observe_batch(time.perf_counter() - started, [int(e.message.timestamp * 1000) for e in events])
            yield None

    async def _process(batch: list[Inbound]) -> list[Outbound]:
        # Never let an exception escape: take_events acks the batch whatever happens, so an escaping
        # error would lose it. Restart the worker process once, then dead-letter what still fails.
        try:
            return await offloader(batch)
        except Exception as exc:
            log.exception("stage %s: batch of %d failed; restarting the stage handler", stage, len(batch))
            try:
                offloader.restart()
                return await offloader(batch)
            except Exception as exc2:
                log.exception("stage %s: batch failed again; dead-lettering %d records", stage, len(batch))
                return [offloader.dead_letter(rec, exc2 or exc) for rec in batch]

    app.agent(source, name=f"strikewire.{stage}")(run)

    async def healthz(self: View, request: Request) -> Response:
        return self.json({"status": "ok", **stats.as_dict()})

    app.page("/healthz")(healthz)
    register_metrics(app, [metrics])

    @app.task
    async def _started() -> None:
        log.info("stage %s consuming %s -> %s", stage, source.get_topic_name(), ", ".join(sinks))

    return stats
