"""The fuse stage: ``strikes.events`` -> ``strikes.incidents`` (+ incident alerts), open incidents in a table.

A thin handler around :class:`streams.fuse.Fuser`, run by the common stage adapter (``agents.app.
register_stage``; the stage table's ``fuse`` entry). Reports that can belong to one incident must meet in one
task, so the adapter first re-keys ``strikes.events`` (keyed by event id) by country (:func:`country_key`,
Faust's ``group_by`` through the internal topic ``<app_id>-fuse-...-country-repartition``). The table
``fuse-incidents`` is keyed by the same country key and placed by the producer's partitioner, so a country's
state lives in the changelog partition of the repartition partition its reports arrive on: whichever worker
owns that partition owns the country's state, and a rebalance moves both together.

Per batch: the adapter reads the states of the batch's countries, the handler fuses the reports and returns
each changed incident's full state (key incident id, for the compacted ``strikes.incidents``) plus the new
states; the adapter writes the states only after the broker acknowledged the incidents. Incident alerts
(``streams/incident_alerts.py``: new incident, toll past a threshold, claimants disagreeing, first official
source) fire on the state changes the fuser reports, so they go out here, to ``strikes.alerts``. A crash in between
re-delivers the reports and re-sends the same states (the fuser is deterministic and idempotent per event id).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import faust
import orjson

from agents.handlers import Inbound, Outbound, StageHandler, StageOutput, decode_model, encode
from agents.topics import TopicNames
from schemas import StrikeEvent
from streams.alerts import AlertEngine, KilledThresholdRule
from streams.fuse import STAGE, FuseConfig, Fuser, partition_key
from streams.incident_alerts import IncidentRules, rules_from_thresholds, transition_alerts
from streams.settings import Settings

log = logging.getLogger(__name__)

#: Name of the fuse stage's table (changelog ``<app_id>-fuse-fuse-incidents-changelog``).
FUSE_TABLE = "fuse-incidents"
#: Suffix of the repartition topic of the re-keyed reports.
PARTITION_NAME = "country"


def country_key(value: bytes | None) -> bytes:
    """The re-key of one ``strikes.events`` record: its country. Never raises: a record that cannot be read
    goes on under "-" and is dead-lettered by the handler."""
    try:
        obj = orjson.loads(value or b"null")
        event = StrikeEvent.model_validate(obj)
    except Exception:  # poison is the handler's to report
        return b"-"
    return partition_key(event).encode()


def fuse_config(settings: Settings) -> FuseConfig:
    return FuseConfig(quiet_s=settings.fuse_quiet_s, archive_size=settings.fuse_archive_size)


@dataclass
class FuseHandler(StageHandler):
    """Reports in (re-keyed by country), incident states out, the countries' new fuser states beside them."""

    stage = STAGE
    config: FuseConfig = field(default_factory=FuseConfig)
    alert_rules: IncidentRules = field(default_factory=IncidentRules)

    def run(self, batch: Sequence[Inbound], **context: Any) -> StageOutput:
        states: Mapping[bytes, bytes] = context.get("states") or {}
        fusers: dict[bytes, Fuser] = {}
        out: list[Outbound] = []
        for rec in batch:
            try:
                event = cast(StrikeEvent, decode_model(rec.value, StrikeEvent))
                key = rec.key or country_key(rec.value)
                fuser = fusers.get(key)
                if fuser is None:
                    fuser = fusers[key] = Fuser.load(states.get(key), self.config)
                with self.limit():
                    before = {**fuser.archive, **fuser.open}
                    result = fuser.add(event)
                    records = [
                        Outbound(self.topics.incidents, inc.incident_id.encode(), self.check_size(encode(inc)))
                        for inc in result.changed
                    ]
                    now = time.time()
                    records += [
                        Outbound(self.topics.alerts, a.alert_id.encode(), encode(a))
                        for inc in result.changed
                        for a in transition_alerts(before.get(inc.incident_id), inc, self.alert_rules, now=now)
                    ]
            except Exception as exc:  # every failure is a dead letter; the stream goes on
                out.append(self.dead(rec, exc))
                continue
            out.extend(records)
        updates: dict[bytes, bytes] = {}
        for key, f in fusers.items():
            data = f.dump()
            if len(data) > self.settings.max_message_bytes - 65_536:
                log.warning("fuse: state of %r too large (%d bytes); dropping its closed incidents", key, len(data))
                f.archive.clear()
                data = f.dump()
            updates[key] = data
        return StageOutput(out, {}, updates)


def build_fuse_handler(settings: Settings) -> FuseHandler:
    """The fuse stage's handler (the stage table's factory), with the gazetteer loaded at start."""
    from agents.alerting import rules_path
    from streams.geo import Gazetteer

    Gazetteer.load()  # towns are read through the gazetteer (~2 s): at start, not on the first report
    engine = AlertEngine.from_file(rules_path(settings))
    thresholds = [(r.threshold, r.severity) for r in engine.rules.active if isinstance(r, KilledThresholdRule)]
    return FuseHandler(settings=settings, topics=TopicNames(settings.topic_prefix), config=fuse_config(settings),
                       alert_rules=rules_from_thresholds(thresholds))


class FuseTables:
    """The fuse stage's state: country key -> its fuser's state (open incidents, archive, stream time)."""

    def __init__(self, app: faust.App, settings: Settings) -> None:
        self.table = app.Table(
            FUSE_TABLE,
            key_type=bytes,
            value_type=bytes,
            partitions=settings.topic_partitions,
            use_partitioner=True,
            help="country key -> open and recently closed incidents of that country (streams.fuse.FuserState)",
        )

    def context(self, batch: Sequence[Inbound]) -> dict[str, Any]:
        keys = {rec.key or country_key(rec.value) for rec in batch}
        return {"states": {k: v for k in keys if (v := self.table.get(k)) is not None}}

    def apply(self, result: StageOutput) -> None:
        for key, value in (result.updates or {}).items():
            self.table[key] = value

    def health(self) -> dict[str, Any]:
        return {"countries": len(self.table)}


__all__ = ["FUSE_TABLE", "PARTITION_NAME", "FuseHandler", "FuseTables", "build_fuse_handler", "country_key"]
