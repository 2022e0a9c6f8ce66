"""The alert stage: ``strikes.events`` -> ``strikes.alerts``, with its state in Faust tables.

A thin adapter around :class:`streams.alerts.AlertEngine`: decode the event, hand the engine the three
tables as read-only views, send the alerts it returns, write its state updates back. The tables have
changelog topics (``<app_id>-alert-alert-*-changelog``), so what was seen and what already fired survive
a restart; alert ids are deterministic, so an alert re-sent after a crash (at-least-once) carries the id
of the first and consumers can drop it.

The state is global across event keys (a base seen in one event matters for every later event), so the
alert stage runs as one process (the worker runs one). Running several would need the tables to be
global tables; nothing else changes.

``python -m agents.alerting`` runs the alert stage with the dashboard on ``web_host:web_port``, alone:
what ``strikewire worker`` runs as its ``alert`` process, and what the browser tests start.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import faust
from faust.types import StreamT
from faust.web import Request, Response, View

from agents.app import StageStats
from agents.handlers import Inbound, Outbound, dead_letter, decode_model, encode
from agents.metrics import StageMetrics
from agents.topics import TopicNames
from schemas import StrikeEvent
from streams.alerts import AlertEngine, StateUpdate, actor_key
from streams.settings import Settings

log = logging.getLogger(__name__)

STAGE = "alert"


def default_rules_path() -> Path:
    """The bundled default rules (``agents/data/alert_rules.yaml``)."""
    return Path(__file__).resolve().parent / "data" / "alert_rules.yaml"


def rules_path(settings: Settings) -> Path:
    """``Settings.alert_rules`` when set, else the bundled default rules."""
    configured = getattr(settings, "alert_rules", None)
    return Path(configured) if configured else default_rules_path()


@dataclass
class AlertHandler:
    """Bytes in, (alerts + dead letters, state updates) out: the agent's whole logic, without Faust."""

    settings: Settings
    topics: TopicNames
    engine: AlertEngine

    def __call__(
        self,
        rec: Inbound,
        *,
        last_seen: Mapping[str, float],
        max_toll: Mapping[str, int],
        fired: Mapping[str, float],
        now: float | None = None,
    ) -> tuple[list[Outbound], StateUpdate]:
        try:
            event = cast(StrikeEvent, decode_model(rec.value, StrikeEvent))
            result = self.engine.evaluate(
                event, last_seen=last_seen, max_toll=max_toll, fired=fired, now=time.time() if now is None else now
            )
        except Exception as exc:  # a poison event becomes a dead letter; the stream goes on
            key = rec.key.decode("utf-8", "replace") if rec.key else None
            return [dead_letter(STAGE, self.settings, self.topics, rec, exc, article_id=key)], StateUpdate()
        outs = [Outbound(self.topics.alerts, a.alert_id.encode(), encode(a)) for a in result.alerts]
        for a in result.alerts:
            log.info("alert %s [%s] %s: %s", a.rule_id, a.severity, a.title, a.why)
        return outs, result.updates


def _raw_topic(app: faust.App, name: str, settings: Settings) -> faust.TopicT:
    return app.topic(name, key_type=bytes, value_type=bytes, key_serializer="raw", value_serializer="raw",
                     partitions=settings.topic_partitions)


def register_alert_stage(app: faust.App, settings: Settings) -> StageMetrics:
    """Bind the alert agent and its tables to ``app``; return its metrics (for ``/metrics``)."""
    topics = TopicNames(settings.topic_prefix)
    handler = AlertHandler(settings, topics, AlertEngine.from_file(rules_path(settings)))
    log.info("alert rules: %s (%d active)", rules_path(settings), len(handler.engine.rules.active))
    source = _raw_topic(app, topics.events, settings)
    sinks = {t: _raw_topic(app, t, settings) for t in (topics.alerts, topics.deadletter)}
    partitions = settings.topic_partitions
    last_seen = app.Table("alert-last-seen", key_type=str, value_type=float, partitions=partitions,
                          help="tracked value (aircraft:/base:/actor_base_country:) -> latest event time seen")
    max_toll = app.Table("alert-max-toll", key_type=str, value_type=int, partitions=partitions,
                         help="event:/incident: key -> highest killed figure reported")
    fired = app.Table("alert-fired", key_type=str, value_type=float, partitions=partitions,
                      help="alert id -> time fired (each alert fires once)")
    stats = StageStats(STAGE)
    metrics = StageMetrics(stats)

    async def run(stream: StreamT[bytes]) -> AsyncIterator[None]:
        async for event in stream.events():
            msg = event.message
            started = time.perf_counter()
            rec = Inbound(msg.key, msg.value, msg.topic, msg.partition, msg.offset)
            stats.consumed += 1
            stats.batches += 1
            stats.last_batch_at = time.time()
            outs, updates = handler(
                rec,
                last_seen=cast(Mapping[str, float], last_seen),
                max_toll=cast(Mapping[str, int], max_toll),
                fired=cast(Mapping[str, float], fired),
            )
            for out in outs:
                await sinks[out.topic].send(key=out.key, value=out.value)
                stats.produced[out.topic] = stats.produced.get(out.topic, 0) + 1
            # State after the sends: a crash in between re-fires with the same alert id (at-least-once),
            # never loses an alert.
            for k, seen in updates.last_seen.items():
                last_seen[k] = seen
            for k, toll in updates.max_toll.items():
                max_toll[k] = toll
            for k, at in updates.fired.items():
                fired[k] = at
            metrics.observe_batch(time.perf_counter() - started, [msg.timestamp * 1000.0 if msg.timestamp else None])
            yield None

    app.agent(source, name=f"strikewire.{STAGE}")(run)

    async def healthz(self: View, request: Request) -> Response:
        return self.json({"status": "ok", "rules": len(handler.engine.rules.active), **stats.as_dict()})

    app.page("/healthz")(healthz)

    @app.task
    async def _warm_gazetteer() -> None:
        # Actors are keyed by country through the geo gazetteer (~2 s to load): load it off the event loop
        # at start rather than inside the agent on the first event.
        await asyncio.get_running_loop().run_in_executor(None, actor_key, "Russia")

    return metrics


_SEVERITY_COLOUR = {"critical": "\033[1;97;41m", "high": "\033[1;30;43m", "medium": "\033[1;33m",
                    "low": "\033[36m", "info": "\033[2m"}


def format_alert_line(obj: Mapping[str, Any], *, colour: bool = False) -> str:
    """One human line for an alert (``strikewire tail strikes.alerts --pretty``); JSON stays the default.

    ``[HIGH    ] 2016-08-16 First sighting: launch base Shahid Nojeh Air Base — why... (rule, event)``
    """
    sev = str(obj.get("severity") or "?")
    event = obj.get("event") or {}
    when = str(event.get("published") or "")[:10] or time.strftime("%Y-%m-%d", time.gmtime(obj.get("fired_at") or 0))
    badge = f"[{sev.upper():<8}]"
    if colour:
        badge = f"{_SEVERITY_COLOUR.get(sev, '')}{badge}\033[0m"
    return (f"{badge} {when} {obj.get('title')} — {obj.get('why')} "
            f"(rule {obj.get('rule_id')}, event {event.get('event_id')})")


def main() -> int:
    """Run the alert stage and the dashboard in this process (``python -m agents.alerting``)."""
    from agents.admin import create_topics
    from agents.app import create_app
    from agents.dashboard import register_dashboard
    from agents.kafka_client import resolve_bootstrap
    from streams.settings import load_settings

    settings = load_settings()
    logging.basicConfig(level=getattr(logging, settings.log_level.upper(), logging.INFO),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    bootstrap = resolve_bootstrap(settings)
    log.info("settings: %s", settings.masked_dump())
    asyncio.run(create_topics(settings, bootstrap))
    app = create_app(settings, stage=STAGE, bootstrap=bootstrap)
    Path(str(app.conf.datadir)).mkdir(parents=True, exist_ok=True)
    metrics = register_alert_stage(app, settings)
    register_dashboard(app, settings, bootstrap, stages=[metrics])
    worker: Any = faust.Worker(app, loglevel=settings.log_level, redirect_stdouts=False)
    worker.execute_from_commandline()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
