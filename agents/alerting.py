"""The alert stage: ``strikes.events`` -> ``strikes.alerts``, with its state in Faust tables.

A handler around :class:`streams.alerts.AlertEngine` run by the common stage adapter (``agents.app.
register_stage``, the stage table's ``alert`` entry): decode the event, hand the engine the three tables as
read-only views, send the alerts it returns, and write its state updates back once the broker acknowledged
them. The tables have
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
from collections import ChainMap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import faust

from agents.app import register_stage
from agents.handlers import Inbound, Outbound, StageHandler, StageOutput, dead_letter, decode_model, encode
from agents.metrics import StageMetrics
from agents.offload import Offloader
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


@dataclass
class AlertStageHandler(StageHandler):
    """The alert stage in the common handler shape: a batch in, alerts out, the table updates beside them.

    The tables come in as read-only mappings (``AlertTables.context``); each event of the batch sees the
    updates of the events before it, and the batch's updates go back in ``StageOutput.updates``, which the
    adapter writes only after the alerts were acknowledged by the broker.
    """

    stage = STAGE
    engine: AlertEngine | None = None

    def run(self, batch: Sequence[Inbound], **context: Any) -> StageOutput:
        assert self.engine is not None, "build_alert_handler() loads the rules"
        per_record = AlertHandler(self.settings, self.topics, self.engine)
        pending = StateUpdate()
        outs: list[Outbound] = []
        for rec in batch:
            o, upd = per_record(
                rec,
                last_seen=ChainMap(pending.last_seen, context.get("last_seen") or {}),
                max_toll=ChainMap(pending.max_toll, context.get("max_toll") or {}),
                fired=ChainMap(pending.fired, context.get("fired") or {}),
            )
            outs.extend(o)
            pending.last_seen.update(upd.last_seen)
            pending.max_toll.update(upd.max_toll)
            pending.fired.update(upd.fired)
        return StageOutput(outs, {}, pending)


def build_alert_handler(settings: Settings) -> AlertStageHandler:
    """The alert stage's handler (the stage table's factory): rules loaded, the gazetteer warm."""
    engine = AlertEngine.from_file(rules_path(settings))
    log.info("alert rules: %s (%d active)", rules_path(settings), len(engine.rules.active))
    # Actors are keyed by country through the geo gazetteer (~2 s to load): load it at start rather than
    # inside the agent on the first event.
    actor_key("Russia")
    return AlertStageHandler(settings=settings, topics=TopicNames(settings.topic_prefix), engine=engine)


class AlertTables:
    """The alert stage's state: three changelogged tables (what was seen, the highest tolls, what fired)."""

    def __init__(self, app: faust.App, settings: Settings) -> None:
        # The tables are written after the batch's sends were acknowledged, outside the stream's iteration, so
        # the producer's partitioner places each key (as the dedup table does); the stage runs as one process
        # that owns every partition, so recovery reads every changelog partition either way.
        kw: dict[str, Any] = {"key_type": str, "partitions": settings.topic_partitions, "use_partitioner": True}
        self.last_seen = app.Table("alert-last-seen", value_type=float, **kw,
                                   help="tracked value (aircraft:/base:/actor_base_country:) -> latest event time seen")
        self.max_toll = app.Table("alert-max-toll", value_type=int, **kw,
                                  help="event:/incident: key -> highest killed figure reported")
        self.fired = app.Table("alert-fired", value_type=float, **kw,
                               help="alert id -> time fired (each alert fires once)")
        self.rules = len(AlertEngine.from_file(rules_path(settings)).rules.active)

    def context(self, batch: Sequence[Inbound]) -> dict[str, Any]:
        return {
            "last_seen": cast(Mapping[str, float], self.last_seen),
            "max_toll": cast(Mapping[str, int], self.max_toll),
            "fired": cast(Mapping[str, float], self.fired),
        }

    def apply(self, result: StageOutput) -> None:
        # After the sends were acknowledged: a crash in between re-fires with the same alert id
        # (at-least-once), never loses an alert.
        updates: StateUpdate = result.updates or StateUpdate()
        for k, seen in updates.last_seen.items():
            self.last_seen[k] = seen
        for k, toll in updates.max_toll.items():
            self.max_toll[k] = toll
        for k, at in updates.fired.items():
            self.fired[k] = at

    def health(self) -> dict[str, Any]:
        return {"rules": self.rules}


def register_alert_stage(app: faust.App, settings: Settings) -> StageMetrics:
    """Bind the alert agent and its tables to ``app`` (the common adapter, inline handler); return its
    metrics for the dashboard's ``/metrics``."""
    offloader = Offloader(STAGE, settings, in_process=True)
    offloader.start()
    return register_stage(app, settings, STAGE, offloader, serve_metrics=False)


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
