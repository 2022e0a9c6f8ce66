"""Faust app factory: one app (and so one consumer group) per stage.

Each stage runs as its own Faust app with id ``<app_id>-<stage>``, so every stage is its own consumer
group: the stages run in parallel processes and each scales on the partitions of its source topic by
starting more processes of that stage. Agents are thin adapters bound by factory (as in
faust-streaming's ``examples/bound_agent.py``): collect a batch of events, hand the bytes to the
stage handler (in its own process, see ``agents.offload``), send what it returns.

What makes it at-least-once without loss (docs/reliability.md has the whole argument):

* the producer is idempotent with ``acks=all`` (:class:`IdempotentProducer`: Faust enables idempotence
  only inside transactions);
* the consumer commits only offsets that were processed (:class:`SafeConsumer`: Faust acks messages it
  skipped during shutdown or a rebalance, and commits over records its fetcher dropped);
* a batch's outputs are sent and *acknowledged by the broker* before the batch's events are acked, and
  Faust commits only acked offsets;
* the adapter never raises: the handler turns every failure into a dead letter. Faust's ``take_events``
  acks a batch in a ``finally`` even when the body did not finish, so a batch that cannot be finished
  (its sends fail for good, or shutdown cannot wait for it) ends the process with SIGKILL before Faust
  can commit it: the batch is re-delivered to the restarted worker, never skipped;
* on SIGTERM (or a rebalance cancelling the agent) the batch in flight is finished first.

Which topic a stage reads and writes, its concurrency and its state come from the stage table
(``agents/topology.py``). Stages with state (detect's dedup table, the alert stage's tables) share this one
adapter: the state is read before the handler runs and written only after the batch's outputs were
acknowledged by the broker, so a crash in between re-sends (with the same ids), never loses.

The detect stage also keeps the dedup table (fingerprint of the clean text -> first article id and
time, with a changelog): a repeat of a text within ``Settings.dedup_window_s`` gets its report but no
new events. The table is written only after the events it vouches for were acknowledged.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import time
from collections import deque
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

import faust
import orjson
from faust.transport.drivers import aiokafka as faust_aiokafka
from faust.types import TP, EventT, Message, StreamT
from faust.web import Request, Response, View

from agents.handlers import Inbound, Outbound, StageOutput
from agents.kafka_client import faust_credentials
from agents.offload import Offloader
from agents.topics import TopicNames
from agents.topology import StageSpec
from agents.topology import stage as stage_spec
from streams.settings import Settings

if TYPE_CHECKING:
    from agents.metrics import StageMetrics

log = logging.getLogger(__name__)

#: How long a stopping (or rebalancing) agent waits for the batch in flight before giving it up.
FINISH_BATCH_TIMEOUT_S = 120.0
#: Seconds between offset commits of a stage.
COMMIT_INTERVAL_S = 1.0
#: How long the record at a partition's committed offset may stay unprocessed, while later ones are
#: processed, before the consumer fetches again from the committed offsets: with two batches in flight
#: the later one can be acknowledged first.
HEAD_GRACE_S = 10.0
#: Seconds between progress lines in the log (only when the stage consumed something since the last one).
PROGRESS_LOG_S = 30.0
#: Name of the detect stage's dedup table (changelog topic ``<app_id>-detect-dedup-changelog``).
DEDUP_TABLE = "dedup"


class IdempotentProducer(faust_aiokafka.Producer):
    """Faust's aiokafka producer with ``enable_idempotence=True`` and ``acks=all`` outside transactions too.

    Faust turns idempotence on only for its transactional producers (``processing_guarantee=
    "exactly_once"``); at-least-once deployments would otherwise get duplicates and reordering from the
    producer's own retries after a broker restart or a lost ack.
    """

    def _settings_extra(self) -> Mapping[str, Any]:
        return {**super()._settings_extra(), "acks": "all", "enable_idempotence": True}


class SafeConsumer(faust_aiokafka.Consumer):
    """Faust's aiokafka consumer, changed so that it never commits an unprocessed offset.

    1. Skipped messages are not acked. While flow control is suspended (shutdown, rebalance), or for a
       message of an older consumer generation, Faust's stream drops the message unprocessed and acks it
       anyway "so that the lag does not grow"; a stopping consumer then commits it.
    2. A jump in the offsets the fetcher delivers is not taken for a gap at once. Faust treats any jump
       as compacted or transaction-marker offsets and commits over it, but the fetcher also drops records
       it had prefetched for a partition that was paused (table recovery, rebalance): those records would
       be committed and never processed (faust-streaming issues #216, #606). Here the first sighting of a
       jump seeks every partition back to its committed offset (Faust's own recovery step); only a jump
       seen again at the same place after that re-fetch is a real gap (a transaction marker) and is
       committed over. The cost of a real gap is one re-fetch, i.e. some duplicates, never a loss.

    3. Nothing is committed past the first offset that is neither processed nor a known gap. Faust commits
       the first run of consecutive acked offsets as long as it starts at most one past the committed
       offset, and at any place when the committed offset is 0 or unknown (a new group): a record dropped
       at the head of a partition would be committed over.

    All three were seen losing articles on SIGTERM in tests/integration/test_reliability.py.
    """

    _reseek = False

    def ack(self, message: Message) -> bool:
        if not self.app.flow_control.is_active() or message.generation_id != self.app.consumer_generation_id:
            return False
        return super().ack(message)

    async def _add_gap(self, tp: TP, offset_from: int, offset_to: int) -> None:
        # offset_to is the offset of the message after the jump: it exists, it is not part of any gap.
        jumps = self.__dict__.setdefault("_jumps_seen", {}).setdefault(tp, deque(maxlen=1024))
        if offset_to in jumps:
            jumps.remove(offset_to)
            log.info("%s: offsets %d..%d are really missing (transaction markers or compaction)", tp, offset_from,
                     offset_to - 1)
            # Not super()._add_gap: it starts a gap one past the committed offset at the earliest, and the
            # committed offset is the next one to read, which may be the first missing one.
            self._gap[tp].addi(offset_from, offset_to)
            self._gap[tp].merge_overlaps()
            return
        jumps.append(offset_to)
        self._reseek = True
        log.warning("%s: the fetcher skipped offsets %d..%d; not committing over them; fetching again from the "
                    "committed offsets", tp, offset_from, offset_to - 1)

    def _new_offset(self, tp: TP) -> int | None:
        acked = self._acked[tp]
        if acked:
            committed = self._committed_offset[tp]
            start = committed if committed is not None else self.__dict__.get("_start_offsets", {}).get(tp)
            if start is not None and start not in self._acked_index[tp] and not self._gap[tp].overlaps(start):
                # The record at the committed position is not processed, but later ones are: it was dropped
                # (a skipped message) or it does not exist (a transaction marker, a compacted record).
                # Fetch again from the committed offsets; getmany tells the two apart (_check_head).
                # It may also still be in flight (concurrent batches): wait HEAD_GRACE_S before that.
                waiting = self.__dict__.setdefault("_head_waiting", {})
                if waiting.get(tp, (None, 0.0))[0] != start:
                    waiting[tp] = (start, time.monotonic())
                suspects = self.__dict__.setdefault("_head_suspects", {})
                if suspects.get(tp) != start and time.monotonic() - waiting[tp][1] >= HEAD_GRACE_S:
                    suspects[tp] = start
                    self._reseek = True
                    log.warning("%s: offset %d is not processed but later ones are; not committing over it; "
                                "fetching again from the committed offsets", tp, start)
                return None
            self.__dict__.get("_head_waiting", {}).pop(tp, None)
        return super()._new_offset(tp)

    def _check_head(self, tp: TP, offset: int) -> None:
        """After a re-seek, the first record fetched for a partition with an unprocessed head."""
        suspects = self.__dict__.get("_head_suspects", {})
        head = suspects.pop(tp, None)
        if head is not None and offset > head:
            # Fetched from the committed offset, the fetcher returned a later record first: nothing is there.
            log.info("%s: offsets %d..%d hold no records (transaction markers or compaction)", tp, head, offset - 1)
            self._gap[tp].addi(head, offset)
            self._gap[tp].merge_overlaps()

    async def perform_seek(self) -> None:
        await super().perform_seek()
        # Faust records a committed offset of 0 (and "none yet") as None; remember where such a partition
        # starts, so that _new_offset knows its head there too.
        unknown = [tp for tp in self.assignment() if self._committed_offset[tp] is None]
        starts = self.__dict__.setdefault("_start_offsets", {})
        starts.clear()
        if unknown:
            starts.update(await self.earliest_offsets(*unknown))
        # The next record fetched for each partition is the first one at or after its committed offset.
        self.__dict__["_first_after_seek"] = set(self.assignment())

    async def getmany(self, timeout: float) -> AsyncIterator[tuple[TP, Message]]:  # noqa: ASYNC109 (Faust's signature)
        if self._reseek:
            # Between two fetches, so no record of an earlier fetch is still being handed out.
            self._reseek = False
            await self.perform_seek()
        first: set[TP] = self.__dict__.get("_first_after_seek", set())
        async for tp, message in super().getmany(timeout):
            if tp in first:
                first.discard(tp)
                self._check_head(tp, message.offset)
            yield tp, message


class ReliableTransport(faust_aiokafka.Transport):
    """Faust's aiokafka transport with :class:`IdempotentProducer` and :class:`SafeConsumer`."""

    Producer = IdempotentProducer
    Consumer = SafeConsumer


def create_app(settings: Settings, *, stage: str, bootstrap: str, web_port: int | None = None) -> faust.App:
    """A Faust app for one stage (no agents yet: see ``register_stage``)."""
    port = settings.web_port if web_port is None else web_port
    datadir = settings.state_dir / "faust" / f"{stage}-{port}"
    datadir.mkdir(parents=True, exist_ok=True)  # Faust creates only the last level
    app = faust.App(
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
        # Faust's default is 2.8 s; after a crash everything processed since the last commit is processed
        # again, so commit more often (a commit is one small request).
        broker_commit_interval=COMMIT_INTERVAL_S,
        producer_max_request_size=settings.max_message_bytes,
        consumer_max_fetch_size=settings.max_message_bytes,
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
    # App.transport is settable: swap in our producer and consumer before anything has used the transport.
    app.transport = ReliableTransport(app.conf.broker_consumer, app)
    return app


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


class StageState(Protocol):
    """A stage's tables, as the adapter uses them: read before the handler, written after the acks."""

    def context(self, batch: Sequence[Inbound]) -> dict[str, Any]:
        """Keyword arguments for the handler's ``run`` (what the tables say about this batch)."""
        ...

    def apply(self, result: StageOutput) -> None:
        """Write what the batch changed, once its outputs are on the broker."""
        ...


def _repartition_topic(app: faust.App, settings: Settings, names: TopicNames, spec: StageSpec) -> faust.TopicT | None:
    """The topic a re-keyed stage's records pass through (None when the stage is not re-keyed).

    Named like the tables' changelogs ("<app_id>-<stage>-..."), so it falls under the app's internal-topic
    prefix (what the worker's Kafka user may create) and never collides with another deployment's."""
    if spec.partition_by is None:
        return None
    return app.topic(
        f"{app.conf.id}-{names.name(spec.source)}-{spec.partition_by[0]}-repartition",
        key_type=bytes, value_type=bytes, key_serializer="raw", value_serializer="raw",
        partitions=settings.topic_partitions, internal=True,
    )


def _inbound(events: Sequence[EventT]) -> tuple[list[Inbound], list[int | None]]:
    """A batch of Faust events as the stage functions' records, and their Kafka timestamps in milliseconds."""
    batch = [Inbound(e.message.key, e.message.value, e.message.topic, e.message.partition, e.message.offset)
             for e in events]
    return batch, [int(e.message.timestamp * 1000) if e.message.timestamp else None for e in events]


def register_stage(app: faust.App, settings: Settings, stage: str, offloader: Offloader, *,
                   concurrency: int | None = None, serve_metrics: bool = True) -> StageMetrics:
    """Bind the stage's agent (as the stage table says), its tables and web views to ``app``."""
    from agents.metrics import StageMetrics, register_metrics

    spec = stage_spec(stage)
    names = TopicNames(settings.topic_prefix)
    source = _topic(app, names.name(spec.source), settings)
    sinks = {names.name(t): _topic(app, names.name(t), settings) for t in spec.outputs}
    stats = StageStats(stage)
    metrics = StageMetrics(stats)
    state: StageState | None = spec.state(app, settings) if spec.state is not None else None
    repartition = _repartition_topic(app, settings, names, spec)

    async def send_all(outs: Sequence[Outbound]) -> None:
        """Send and wait for the broker's acknowledgement (acks=all) of every record."""
        pending = []
        for out in outs:
            pending.append(await sinks[out.topic].send(key=out.key, value=out.value))
            stats.produced[out.topic] = stats.produced.get(out.topic, 0) + 1
        if pending:
            await asyncio.gather(*pending)

    async def handle(batch: list[Inbound], timestamps: list[int | None]) -> None:
        started = time.perf_counter()
        context = state.context(batch) if state is not None else {}
        result: StageOutput = await offloader.run(batch, **context)
        await send_all(result.outputs)
        if state is not None:
            # Only now: the outputs this state vouches for are on the broker. The batch is done either way; an
            # update that cannot be written only means a later record is judged on older state.
            try:
                state.apply(result)
            except Exception:
                log.exception("stage %s: tables not updated after a batch of %d", stage, len(batch))
        stats.consumed += len(batch)
        stats.batches += 1
        stats.last_batch_at = time.time()
        metrics.observe_batch(time.perf_counter() - started, timestamps)

    async def run(stream: StreamT[bytes]) -> AsyncIterator[None]:
        events: Sequence[EventT]
        if spec.partition_by is not None:
            # Re-keyed through a repartition topic first; Faust flushes the forwarded records before it commits
            # the source offsets, so a crash re-delivers rather than loses.
            name, key_of = spec.partition_by
            stream = stream.group_by(key_of, name=name, topic=repartition)
        # take_events is faust-streaming's (not in its StreamT protocol): batches with the events' offsets.
        async for events in stream.take_events(  # type: ignore[attr-defined]
            settings.batch_size, within=settings.batch_within_s
        ):
            batch, timestamps = _inbound(events)
            task = asyncio.ensure_future(handle(batch, timestamps))
            try:
                await asyncio.shield(task)
            except asyncio.CancelledError:
                # Stopping: take_events will ack this batch on the way out, so finish it first.
                log.info("stage %s: stopping; finishing the batch of %d in flight", stage, len(batch))
                try:
                    await asyncio.wait_for(asyncio.shield(task), FINISH_BATCH_TIMEOUT_S)
                except BaseException as exc:  # whatever it is, the batch is not done
                    abandon(stage, batch, exc)
                raise
            except Exception as exc:  # sends failed for good (the handler itself never raises)
                abandon(stage, batch, exc)
            yield None

    app.agent(source, name=f"strikewire.{stage}", concurrency=concurrency or spec.concurrency)(run)
    _register_views(app, stage, f"{source.get_topic_name()} -> {', '.join(sinks)}", stats, state, offloader)
    if serve_metrics:  # a dashboard process serves its own /metrics (with the cluster's figures too)
        register_metrics(app, [metrics])
    return metrics


def _register_views(
    app: faust.App, stage: str, route: str, stats: StageStats, state: StageState | None, offloader: Offloader
) -> None:
    """The stage's /healthz page, its start-up line and its progress line."""

    async def healthz(self: View, request: Request) -> Response:
        extra = state.health() if state is not None and hasattr(state, "health") else {}
        return self.json({"status": "ok", "handler_restarts": offloader.restarts, **extra, **stats.as_dict()})

    app.page("/healthz")(healthz)

    @app.task
    async def _started() -> None:
        log.info("stage %s consuming %s", stage, route)

    last_logged = [-1]

    @app.timer(PROGRESS_LOG_S)
    async def _progress() -> None:
        # One line when something moved: what a stalled stage looks like (no line) is then visible too.
        if stats.consumed != last_logged[0]:
            last_logged[0] = stats.consumed
            log.info("stage %s: consumed %d in %d batches, produced %s, handler restarts %d", stage, stats.consumed,
                     stats.batches, stats.produced, offloader.restarts)


def abandon(stage: str, batch: Sequence[Inbound], exc: BaseException) -> None:
    """End this process without letting Faust commit ``batch`` (its outputs may not all be written).

    Faust's take_events acks a batch in a ``finally`` whatever happened, and a stopping consumer commits
    acked offsets; SIGKILL is the one exit that commits nothing, so the batch is re-delivered to the
    restarted worker (the supervisor or Kubernetes restarts it). Deliberately not a clean exit.
    """
    first = batch[0] if batch else None
    log.critical(
        "stage %s: cannot finish a batch of %d (first %s[%s]@%s): %r; exiting without commit so that it is "
        "re-delivered", stage, len(batch), first and first.topic, first and first.partition,
        first and first.offset, exc,
    )
    logging.shutdown()
    os.kill(os.getpid(), signal.SIGKILL)


class DedupTable:
    """The detect stage's dedup state: text fingerprint -> (first article id, first seen), with a changelog.

    The source (``articles.entities``) is keyed by the same fingerprint, and the table lets the producer's
    partitioner place each key (``use_partitioner``), so a key's changelog partition is its source
    partition: the table is co-partitioned with the stream even though agents work on mixed batches.
    Entries older than the window stop suppressing events and are deleted by a periodic sweep.
    """

    def __init__(self, app: faust.App, settings: Settings) -> None:
        self.window = settings.dedup_window_s
        self.table = app.Table(
            DEDUP_TABLE,
            key_type=bytes,
            value_type=bytes,
            partitions=settings.topic_partitions,
            use_partitioner=True,
            help="fingerprint of the clean text -> [first article id, first seen (unix time)]",
        )
        sweep_every = max(1.0, min(3600.0, self.window / 10))
        app.timer(sweep_every, on_leader=False)(self.sweep)

    def lookup(self, keys: Iterable[bytes | None], now: float | None = None) -> dict[str, str]:
        """Fingerprints among ``keys`` already emitted within the window, mapped to their first article id."""
        now = time.time() if now is None else now
        seen: dict[str, str] = {}
        for key in keys:
            if not key:
                continue
            entry = self._get(key)
            if entry is not None and now - entry[1] < self.window:
                seen[key.decode("utf-8", "replace")] = entry[0]
        return seen

    def context(self, batch: Sequence[Inbound]) -> dict[str, Any]:
        return {"seen": self.lookup(rec.key for rec in batch)}

    def apply(self, result: StageOutput) -> None:
        self.record(result.claims)

    def record(self, claims: Mapping[str, str], now: float | None = None) -> None:
        now = time.time() if now is None else now
        for fingerprint, article_id in claims.items():
            self.table[fingerprint.encode()] = orjson.dumps([article_id, now])

    async def sweep(self) -> None:
        cutoff = time.time() - self.window
        expired = []
        for key, value in list(self.table.items()):
            entry = _decode_entry(value)
            if entry is None or entry[1] < cutoff:
                expired.append(key)
        for key in expired:
            del self.table[key]
        if expired:
            log.info("dedup: %d fingerprint(s) older than the window removed", len(expired))

    def _get(self, key: bytes) -> tuple[str, float] | None:
        value = self.table.get(key)
        return _decode_entry(value) if value is not None else None


def _decode_entry(value: bytes) -> tuple[str, float] | None:
    try:
        article_id, at = orjson.loads(value)
        return str(article_id), float(at)
    except (orjson.JSONDecodeError, TypeError, ValueError):
        return None
