"""The live dashboard on the worker's web server: page, Server-Sent Events feed, summary, metrics.

Views (all on ``web_host:web_port`` of the process that calls :func:`register_dashboard`):

- ``GET /``                 the dashboard page (``agents/static/index.html``; JS, CSS and map geometry are
                            bundled under ``/static/``: nothing is fetched from the internet);
- ``GET /api/events``       ``text/event-stream``: the recent backlog, then every strike event and alert as
                            it arrives. Each SSE message is a batch (``event: batch``, JSON list of items);
                            its ``id`` is the last item's sequence number, so a browser that reconnects
                            (``Last-Event-ID``) gets exactly what it missed while it is still in the backlog;
- ``GET /api/summary``      counts by province, aircraft type, launch base and casualty claimant (JSON);
- ``GET /api/event/{id}``   one event with its alerts (JSON), while it is in the backlog;
- ``GET /api/rules``        the alert rules in force (JSON);
- ``GET /api/incidents``    the latest incidents (``strikes.incidents``: sources, toll range, toll history,
                            articles), newest first; updates come on ``/api/events`` as ``incident`` items;
- ``GET /metrics``          Prometheus text: this process's stage metrics, consumer lag of every stage's
                            group, dead letters by stage and reason, messages per topic, end-to-end latency.

The feed is one aiokafka consumer without a group (it commits nothing and never disturbs the stages'
groups), assigned every partition of ``strikes.events``, ``strikes.alerts`` (from ``end - backlog``),
``strikes.incidents`` (compacted, from the beginning; the newest ``MAX_INCIDENTS`` are kept),
``articles.deadletter`` (from the beginning, for the counts) and ``articles.enriched`` (from the end, for
the latency histogram). It fans out to any number of browsers through bounded queues: a browser too slow
to keep up is disconnected and reconnects from its ``Last-Event-ID``.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import logging
import math
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import faust
import orjson
from aiohttp import web as aioweb
from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from faust.web import Request, Response, View

from agents.alerting import rules_path
from agents.kafka_client import aiokafka_security
from agents.metrics import ClusterMetrics, StageMetrics, metrics_response, render
from agents.topics import TopicNames
from agents.topology import STAGES
from streams.alerts import AlertRulesError, load_rules, rules_summary
from streams.settings import Settings

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"

#: Consumer group of each stage (``<app_id>-<stage>``) and the topic it consumes: what lag is measured on.
STAGE_SOURCES = {s.name: s.source for s in STAGES}
DEFAULT_BACKLOG = 5000
SSE_BATCH = 500
SSE_QUEUE = 2000  # batches per client before it is deemed too slow
STATS_EVERY_S = 5.0  # server totals, also the keep-alive
LAG_PROBE_S = 10.0
TOP_N = 100
#: Incidents the dashboard keeps (the newest by last report); merged ones are dropped.
MAX_INCIDENTS = 500


@dataclass
class Item:
    """One feed item: a strike event or an alert, as the JSON object it was on the wire."""

    seq: int
    kind: str  # "event" | "alert" | "incident" (incidents are not in the backlog: /api/incidents has them)
    ts: int  # Kafka timestamp (ms)
    data: dict[str, Any]

    def wire(self) -> dict[str, Any]:
        return {"seq": self.seq, "type": self.kind, "ts": self.ts, "data": self.data}


@dataclass
class Summary:
    """Counts over every distinct event and alert the feed has read (backlog and live)."""

    events: dict[str, dict[str, Any]] = field(default_factory=dict)  # event_id -> facts counted
    provinces: dict[str, dict[str, Any]] = field(default_factory=dict)
    aircraft: dict[str, int] = field(default_factory=dict)
    bases: dict[str, dict[str, Any]] = field(default_factory=dict)
    claimants: dict[str, dict[str, int]] = field(default_factory=dict)
    alerts: set[str] = field(default_factory=set)
    alerts_by_rule: dict[str, int] = field(default_factory=dict)
    alerts_by_severity: dict[str, int] = field(default_factory=dict)

    @staticmethod
    def _facts(ev: dict[str, Any]) -> dict[str, Any]:
        claims = []
        for c in ev.get("casualties") or []:
            n = c.get("count_min") if c.get("count_min") is not None else c.get("count_max")
            claims.append((c.get("claimed_by") or "unattributed", c.get("status"), n))
        return {
            "provinces": [(p.get("code"), p.get("name"), p.get("country")) for p in ev.get("provinces") or []],
            "aircraft": sorted({a.get("designation") for a in ev.get("aircraft") or [] if a.get("designation")}),
            "bases": [(b.get("name"), b.get("country"), b.get("lat"), b.get("lon")) for b in ev.get("bases") or []],
            "claims": claims,
            "killed": ev.get("killed_min"),
        }

    def _count(self, facts: dict[str, Any], sign: int) -> None:
        for code, name, country in facts["provinces"]:
            if not code:
                continue
            row = self.provinces.setdefault(code, {"code": code, "name": name, "country": country, "events": 0,
                                                   "killed": 0})
            row["events"] += sign
            row["killed"] += sign * (facts["killed"] or 0)
            if row["events"] <= 0:
                del self.provinces[code]
        for designation in facts["aircraft"]:
            self.aircraft[designation] = self.aircraft.get(designation, 0) + sign
            if self.aircraft[designation] <= 0:
                del self.aircraft[designation]
        for name, country, lat, lon in facts["bases"]:
            if not name:
                continue
            row = self.bases.setdefault(name, {"name": name, "country": country, "lat": lat, "lon": lon, "events": 0})
            row["events"] += sign
            if row["events"] <= 0:
                del self.bases[name]
        for who, status, n in facts["claims"]:
            row = self.claimants.setdefault(who, {"claims": 0, "killed": 0, "wounded": 0})
            row["claims"] += sign
            if status in ("killed", "wounded") and n:
                row[status] += sign * int(n)
            if row["claims"] <= 0:
                del self.claimants[who]

    def add_event(self, ev: dict[str, Any]) -> None:
        """Count an event; a re-sent event (same id) replaces its earlier version in the counts."""
        eid = str(ev.get("event_id"))
        old = self.events.get(eid)
        if old is not None:
            self._count(old, -1)
        facts = self._facts(ev)
        self.events[eid] = facts
        self._count(facts, +1)

    def add_alert(self, alert: dict[str, Any]) -> bool:
        aid = str(alert.get("alert_id"))
        if aid in self.alerts:
            return False
        self.alerts.add(aid)
        rule, sev = str(alert.get("rule_id")), str(alert.get("severity"))
        self.alerts_by_rule[rule] = self.alerts_by_rule.get(rule, 0) + 1
        self.alerts_by_severity[sev] = self.alerts_by_severity.get(sev, 0) + 1
        return True

    def as_dict(self) -> dict[str, Any]:
        def top(rows: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
            return sorted(rows, key=lambda r: (-r[key], str(r.get("name") or r.get("code"))))[:TOP_N]

        return {
            "events": len(self.events),
            "alerts": len(self.alerts),
            "provinces": top(list(self.provinces.values()), "events"),
            "aircraft": top([{"name": k, "events": v} for k, v in self.aircraft.items()], "events"),
            "bases": top(list(self.bases.values()), "events"),
            "claimants": top([{"name": k, **v} for k, v in self.claimants.items()], "claims"),
            "alerts_by_rule": dict(sorted(self.alerts_by_rule.items())),
            "alerts_by_severity": dict(sorted(self.alerts_by_severity.items())),
        }


class Feed:
    """Reads the topics, keeps the backlog and the counts, fans items out to subscribers."""

    def __init__(self, settings: Settings, bootstrap: str, *, backlog: int = DEFAULT_BACKLOG) -> None:
        self.settings = settings
        self.bootstrap = bootstrap
        self.topics = TopicNames(settings.topic_prefix)
        self.backlog = max(1, backlog)
        # One ring per kind, so that a burst of alerts never pushes the events out of the backlog.
        self.rings: dict[str, deque[Item]] = {"event": deque(maxlen=self.backlog), "alert": deque(maxlen=self.backlog)}
        self.by_event: dict[str, Item] = {}
        self.incidents: dict[str, dict[str, Any]] = {}
        self.summary = Summary()
        self.cluster = ClusterMetrics()
        self.seq = 0
        self.ready = False
        self.started_at = time.time()
        self.subscribers: set[asyncio.Queue[list[Item] | None]] = set()
        self.closing = asyncio.Event()

    # ---- subscribers
    def subscribe(self) -> asyncio.Queue[list[Item] | None]:
        q: asyncio.Queue[list[Item] | None] = asyncio.Queue(maxsize=SSE_QUEUE)
        self.subscribers.add(q)
        return q

    def unsubscribe(self, q: asyncio.Queue[list[Item] | None]) -> None:
        self.subscribers.discard(q)

    def snapshot(self, after: int = 0) -> list[Item]:
        """Backlog items newer than ``after``, in sequence order."""
        merged = heapq.merge(self.rings["event"], self.rings["alert"], key=lambda it: it.seq)
        return [it for it in merged if it.seq > after]

    def close_clients(self) -> None:
        self.closing.set()
        for q in list(self.subscribers):
            with contextlib.suppress(asyncio.QueueFull):
                q.put_nowait(None)

    def _publish(self, batch: list[Item]) -> None:
        if not batch:
            return
        for q in list(self.subscribers):
            try:
                q.put_nowait(batch)
            except asyncio.QueueFull:
                # Too slow: drop it; its EventSource reconnects with Last-Event-ID and resumes from the backlog.
                self.subscribers.discard(q)
                with contextlib.suppress(asyncio.QueueEmpty):
                    q.get_nowait()
                q.put_nowait(None)

    # ---- records
    def ingest(self, topic: str, value: bytes | None, timestamp_ms: int | None) -> Item | None:
        """Decode one record of any feed topic; return the feed item it makes, if any."""
        if value is None:
            return None
        try:
            obj = orjson.loads(value)
        except orjson.JSONDecodeError:
            log.warning("dashboard: undecodable record on %s", topic)
            return None
        if not isinstance(obj, dict):
            return None
        ts = int(timestamp_ms or time.time() * 1000)
        if topic == self.topics.deadletter:
            self.cluster.count_deadletter(str(obj.get("stage") or ""), str(obj.get("reason") or ""))
            return None
        if topic == self.topics.enriched:
            ingested = obj.get("ingested_at")
            if isinstance(ingested, int | float) and ingested > 0:
                self.cluster.e2e_latency_seconds.observe(ts / 1000.0 - float(ingested))
            return None
        if topic == self.topics.events:
            if not obj.get("event_id"):
                return None
            self.summary.add_event(obj)
            self.cluster.events_seen += 1
            item = self._append("event", ts, obj)
            self.by_event[str(obj["event_id"])] = item
            return item
        if topic == self.topics.incidents:
            view = incident_view(obj)
            if view is None:
                return None
            if view["merged_into"]:
                self.incidents.pop(view["id"], None)
            else:
                self.incidents[view["id"]] = view
                if len(self.incidents) > MAX_INCIDENTS:
                    oldest = min(self.incidents.values(), key=lambda v: str(v.get("last_seen") or ""))
                    del self.incidents[oldest["id"]]
            self.seq += 1
            return Item(self.seq, "incident", ts, view)
        if topic == self.topics.alerts:
            if not obj.get("alert_id") or not self.summary.add_alert(obj):
                return None  # a re-sent alert (same id) is shown once
            sev = str(obj.get("severity"))
            self.cluster.alerts_seen += 1
            self.cluster.alerts_by_severity[sev] = self.cluster.alerts_by_severity.get(sev, 0) + 1
            return self._append("alert", ts, obj)
        return None

    def _append(self, kind: str, ts: int, obj: dict[str, Any]) -> Item:
        self.seq += 1
        item = Item(self.seq, kind, ts, obj)
        ring = self.rings[kind]
        if len(ring) == ring.maxlen:
            old = ring[0]
            if old.kind == "event" and self.by_event.get(str(old.data.get("event_id"))) is old:
                del self.by_event[str(old.data.get("event_id"))]
        ring.append(item)
        return item

    def latest_incidents(self, limit: int = TOP_N) -> list[dict[str, Any]]:
        """The newest incidents by their last report."""
        return sorted(self.incidents.values(), key=lambda v: str(v.get("last_seen") or ""), reverse=True)[:limit]

    def event_detail(self, event_id: str) -> dict[str, Any] | None:
        item = self.by_event.get(event_id)
        if item is None:
            return None
        alerts = [it.data for it in self.rings["alert"] if (it.data.get("event") or {}).get("event_id") == event_id]
        return {"event": item.data, "received_ts": item.ts, "alerts": alerts}

    # ---- consuming
    async def run(self) -> None:
        """Consume until cancelled (an app task); reconnects after broker errors."""
        try:
            while not self.closing.is_set():
                try:
                    await self._consume()
                except asyncio.CancelledError:
                    raise
                except Exception:
                    log.exception("dashboard feed: consumer failed; retrying in 2s")
                    await asyncio.sleep(2.0)
        finally:
            self.close_clients()

    async def _partitions(self, consumer: AIOKafkaConsumer, topics: Sequence[str]) -> list[TopicPartition]:
        while True:
            await consumer._client.force_metadata_update()  # topics created after start
            found = {t: consumer.partitions_for_topic(t) for t in topics}
            missing = [t for t, p in found.items() if not p]
            if not missing:
                return [TopicPartition(t, p) for t, ps in found.items() for p in sorted(ps or ())]
            log.info("dashboard feed: waiting for topics %s", ", ".join(missing))
            await asyncio.sleep(2.0)

    async def _consume(self) -> None:
        t = self.topics
        consumer = AIOKafkaConsumer(
            bootstrap_servers=self.bootstrap, group_id=None, enable_auto_commit=False,
            auto_offset_reset="earliest", max_partition_fetch_bytes=4 * 1024 * 1024,
            **aiokafka_security(self.settings),
        )
        await consumer.start()
        try:
            parts = await self._partitions(consumer, [t.events, t.alerts, t.deadletter, t.enriched, t.incidents])
            consumer.assign(parts)
            begin = await consumer.beginning_offsets(parts)
            end = await consumer.end_offsets(parts)
            per_topic: dict[str, int] = {}
            for tp in parts:
                per_topic[tp.topic] = per_topic.get(tp.topic, 0) + 1
            for tp in parts:
                if tp.topic == t.enriched:
                    consumer.seek(tp, end[tp])
                elif tp.topic in (t.deadletter, t.incidents):
                    consumer.seek(tp, begin[tp])
                else:
                    cap = math.ceil(self.backlog / per_topic[tp.topic])
                    consumer.seek(tp, max(begin[tp], end[tp] - cap))
            catching_up = {tp: end[tp] for tp in parts if tp.topic in (t.events, t.alerts) and end[tp] > 0}
            log.info("dashboard feed: reading %s from %s", ", ".join(sorted(per_topic)), self.bootstrap)
            while not self.closing.is_set():
                records = await consumer.getmany(timeout_ms=500, max_records=2000)
                batch: list[Item] = []
                for tp, recs in records.items():
                    for rec in recs:
                        item = self.ingest(tp.topic, rec.value, rec.timestamp)
                        if item is not None:
                            batch.append(item)
                        if tp in catching_up and rec.offset + 1 >= catching_up[tp]:
                            del catching_up[tp]
                if not catching_up:
                    self.ready = True
                for i in range(0, len(batch), SSE_BATCH):
                    self._publish(batch[i:i + SSE_BATCH])
        finally:
            await consumer.stop()

    async def probe_lag(self) -> None:
        """Every few seconds: committed offsets of each stage's group vs end offsets (an app task)."""
        admin = AIOKafkaAdminClient(bootstrap_servers=self.bootstrap, **aiokafka_security(self.settings))
        offsets = AIOKafkaConsumer(bootstrap_servers=self.bootstrap, group_id=None, enable_auto_commit=False,
                                   **aiokafka_security(self.settings))
        await admin.start()
        await offsets.start()
        try:
            while not self.closing.is_set():
                try:
                    await self._probe_once(admin, offsets)
                    self.cluster.lag_error = None
                except asyncio.CancelledError:
                    raise
                except Exception as exc:
                    self.cluster.lag_error = f"{type(exc).__name__}: {exc}"
                    log.warning("dashboard: lag probe failed: %s", self.cluster.lag_error)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.closing.wait(), LAG_PROBE_S)
        finally:
            await offsets.stop()
            await admin.close()

    async def _probe_once(self, admin: AIOKafkaAdminClient, offsets: AIOKafkaConsumer) -> None:
        t = self.topics
        names = t.all()
        await offsets._client.force_metadata_update()
        parts = [TopicPartition(n, p) for n in names for p in sorted(offsets.partitions_for_topic(n) or ())]
        if not parts:
            return
        end = await offsets.end_offsets(parts)
        totals: dict[str, int] = {}
        for tp, off in end.items():
            totals[tp.topic] = totals.get(tp.topic, 0) + int(off)
        lag: dict[tuple[str, str, int], int] = {}
        for stage, source in STAGE_SOURCES.items():
            group = f"{self.settings.app_id}-{stage}"
            committed = await admin.list_consumer_group_offsets(group)
            topic = t.name(source)
            if not committed:
                continue
            for tp in (p for p in parts if p.topic == topic):
                meta = committed.get(tp)
                done = meta.offset if meta is not None and meta.offset >= 0 else 0
                lag[(group, topic, tp.partition)] = max(0, int(end[tp]) - int(done))
        self.cluster.end_offsets = totals
        self.cluster.lag = lag
        self.cluster.lag_updated_at = time.time()


def incident_view(obj: dict[str, Any]) -> dict[str, Any] | None:
    """What the page shows of an incident: places, sources, toll range and history, articles."""
    iid = obj.get("incident_id")
    if not isinstance(iid, str) or not iid:
        return None
    history = sorted(
        ([p.get("at"), p.get("figure"), h.get("claimant"), p.get("article_id")]
         for h in obj.get("claims") or [] if isinstance(h, dict) and h.get("status") == "killed"
         for p in h.get("history") or [] if isinstance(p, dict)),
        key=lambda x: str(x[0] or ""),
    )
    keep = ("event_date", "first_seen", "last_seen", "country", "provinces", "actor", "aircraft", "outlets",
            "articles", "killed_min", "killed_max", "wounded_min", "wounded_max", "confidence", "closed",
            "merged_into")
    return {"id": iid, **{k: obj.get(k) for k in keep}, "places": (obj.get("places") or [])[:6],
            "sources": obj.get("independent_sources") or 0, "history": history}


def _sse(batch: list[Item]) -> bytes:
    data = orjson.dumps([it.wire() for it in batch])
    return b"id: %d\nevent: batch\ndata: %s\n\n" % (batch[-1].seq, data)


def _stats_frame(feed: Feed) -> bytes:
    """Server-wide totals (the page holds only the backlog and what came since)."""
    body = {"events": len(feed.summary.events), "alerts": len(feed.summary.alerts), "ready": feed.ready,
            "backlog": feed.backlog}
    return b"event: stats\ndata: %s\n\n" % orjson.dumps(body)


async def stream_events(feed: Feed, req: aioweb.Request) -> aioweb.StreamResponse:
    """``/api/events``: server-sent events: a hello, the totals, the backlog after ``Last-Event-ID`` (or
    ``?after=``), then every new batch live, with the totals as a keep-alive when nothing comes."""
    resp = aioweb.StreamResponse(headers={
        "Content-Type": "text/event-stream", "Cache-Control": "no-cache", "X-Accel-Buffering": "no",
    })
    await resp.prepare(req)
    try:
        after = int(req.headers.get("Last-Event-ID") or req.query.get("after") or 0)
    except ValueError:
        after = 0
    if after > feed.seq:
        after = 0  # the feed restarted: sequence numbers began again
    q = feed.subscribe()
    try:
        await resp.write(b"retry: 2000\nevent: hello\ndata: %s\n\n" % orjson.dumps(
            {"seq": feed.seq, "backlog": feed.backlog, "started_at": feed.started_at}))
        await resp.write(_stats_frame(feed))
        sent = after
        backlog = feed.snapshot(after)
        for i in range(0, len(backlog), SSE_BATCH):
            chunk = backlog[i:i + SSE_BATCH]
            await resp.write(_sse(chunk))
            sent = chunk[-1].seq
        while not feed.closing.is_set():
            try:
                batch = await asyncio.wait_for(q.get(), STATS_EVERY_S)
            except TimeoutError:
                await resp.write(_stats_frame(feed))  # doubles as the keep-alive
                continue
            if batch is None:
                break
            batch = [it for it in batch if it.seq > sent]
            if batch:
                await resp.write(_sse(batch))
                sent = batch[-1].seq
    except (ConnectionResetError, asyncio.CancelledError):
        pass
    finally:
        feed.unsubscribe(q)
    return resp


def register_dashboard(
    app: faust.App, settings: Settings, bootstrap: str, *, stages: Sequence[StageMetrics] = ()
) -> Feed:
    """Bind the dashboard's views and its feed to ``app``'s web server; return the feed (tests read it)."""
    backlog = int(getattr(settings, "dashboard_backlog", DEFAULT_BACKLOG) or DEFAULT_BACKLOG)
    feed = Feed(settings, bootstrap, backlog=backlog)
    try:
        rules = rules_summary(load_rules(rules_path(settings)))
    except AlertRulesError as exc:
        log.error("dashboard: %s", exc)
        rules = []
    index_html = STATIC_DIR / "index.html"

    async def index(self: View, request: Request) -> Response:
        # Read per request (a few kB): editing the page needs no restart, and nothing is read at import.
        return self.html(index_html.read_text(encoding="utf-8"))

    async def events(self: View, request: Request) -> Any:
        return await stream_events(feed, request)  # type: ignore[arg-type]

    async def summary(self: View, request: Request) -> Response:
        return self.json({"generated_at": time.time(), "ready": feed.ready, "backlog": feed.backlog,
                          **feed.summary.as_dict()})

    async def event_detail(self: View, request: Request, event_id: str) -> Response:
        found = feed.event_detail(event_id)
        if found is None:
            return self.json({"error": "not in the dashboard's backlog", "event_id": event_id}, status=404)
        return self.json(found)

    async def incidents_view(self: View, request: Request) -> Response:
        return self.json({"generated_at": time.time(), "incidents": feed.latest_incidents()})

    async def rules_view(self: View, request: Request) -> Response:
        return self.json({"source": str(rules_path(settings)), "rules": rules})

    async def metrics(self: View, request: Request) -> Response:
        return metrics_response(self, render(stages, feed.cluster))

    app.page("/")(index)
    app.page("/api/events")(events)
    app.page("/api/summary")(summary)
    app.page("/api/event/{event_id}")(event_detail)
    app.page("/api/rules")(rules_view)
    app.page("/api/incidents")(incidents_view)
    app.page("/metrics")(metrics)
    app.web.add_static("/static/", STATIC_DIR)

    async def on_shutdown(_: aioweb.Application) -> None:
        feed.close_clients()

    web_app = getattr(app.web, "web_app", None)
    if web_app is not None:
        web_app.on_shutdown.append(on_shutdown)

    @app.task
    async def _dashboard_feed() -> None:
        await feed.run()

    @app.task
    async def _dashboard_lag() -> None:
        await feed.probe_lag()

    return feed
