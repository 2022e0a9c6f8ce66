"""The stage table: the one place that says which stages exist, what each reads and writes, how it runs.

Why: which stage reads and writes which topic, its concurrency, its web port offset, its handler and its state
used to be spread over the app factory, the worker, the dashboard, the handlers and the CLI, so a new stage
took about eight edits. Everything now reads :data:`STAGES`: ``agents.app.register_stage`` (source, sinks,
concurrency, state), ``agents.worker`` (which processes to start, their ports), ``agents.dashboard`` (whose lag
to measure), ``agents.handlers.build_handler`` and the ``strikewire worker --stage`` choices. A new stage is one
entry here plus its handler (and, if it keeps state, its state class).

Nothing heavy is imported here (no faust, no spaCy): the factories import their modules when called, so the
deploy checks and the CLI can read the table cheaply.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from agents.topics import ALERTS, CLEAN, DEADLETTER, ENRICHED, ENTITIES, EVENTS, INCIDENTS, RAW

if TYPE_CHECKING:
    import faust

    from agents.handlers import StageHandler
    from streams.settings import Settings


@dataclass(frozen=True)
class StageSpec:
    """One stage: its own Faust app and consumer group (``<app_id>-<name>``)."""

    name: str
    source: str  # base topic name it consumes
    outputs: tuple[str, ...]  # base topic names it produces
    handler: Callable[[Settings], StageHandler]  # builds the stage handler (bytes in, StageOutput out)
    concurrency: int = 1  # batches in flight (Faust agent concurrency)
    port_offset: int = 0  # web port = web_port + offset in ``worker --stage all`` (+10 per extra process)
    offloaded: bool = True  # handler in a child process with a time cap; False = inline (cheap, uses tables)
    scaled: bool = True  # scales on its source's partitions (KEDA); False = one process (global state)
    dashboard: bool = False  # this process serves the dashboard (and its /metrics)
    state: Callable[[faust.App, Settings], Any] | None = None  # its changelogged tables (see agents.app.StageState)
    #: re-key the source before the handler (Faust group_by through ``<...>-<name>-repartition``): (name, key fn)
    partition_by: tuple[str, Callable[[bytes | None], bytes]] | None = None


def _clean(settings: Settings) -> StageHandler:
    from agents.handlers import CleanHandler
    from agents.topics import TopicNames

    return CleanHandler(settings=settings, topics=TopicNames(settings.topic_prefix))


def _entities(settings: Settings) -> StageHandler:
    from agents.handlers import EntitiesHandler
    from agents.topics import TopicNames

    return EntitiesHandler.build(settings, TopicNames(settings.topic_prefix))  # the model loads here, once


def _detect(settings: Settings) -> StageHandler:
    from agents.handlers import DetectHandler
    from agents.topics import TopicNames
    from streams.places import load_gazetteer

    load_gazetteer()  # the place tables (~2 s) load at start, not on the first strike report after a restart
    return DetectHandler(settings=settings, topics=TopicNames(settings.topic_prefix))


def _dedup_state(app: faust.App, settings: Settings) -> Any:
    from agents.app import DedupTable

    return DedupTable(app, settings)


def _alert(settings: Settings) -> StageHandler:
    from agents.alerting import build_alert_handler

    return build_alert_handler(settings)


def _alert_state(app: faust.App, settings: Settings) -> Any:
    from agents.alerting import AlertTables

    return AlertTables(app, settings)


def _fuse(settings: Settings) -> StageHandler:
    from agents.fusing import build_fuse_handler

    return build_fuse_handler(settings)


def _fuse_state(app: faust.App, settings: Settings) -> Any:
    from agents.fusing import FuseTables

    return FuseTables(app, settings)


def _country_key(value: bytes | None) -> bytes:
    from agents.fusing import country_key

    return country_key(value)


#: Every stage, in pipeline order.
STAGES: tuple[StageSpec, ...] = (
    StageSpec("clean", RAW, (CLEAN, DEADLETTER), _clean, port_offset=1),
    # Two batches in flight: while one batch's outputs are sent and acknowledged, the next is already in spaCy
    # (the handler's child takes one batch at a time), so spaCy is not idle during sends (docs/performance.md).
    StageSpec("entities", CLEAN, (ENTITIES, DEADLETTER), _entities, concurrency=2, port_offset=2),
    # One batch in flight: its dedup lookup has to see the claims of the batch before it.
    StageSpec("detect", ENTITIES, (ENRICHED, EVENTS, DEADLETTER), _detect, port_offset=3, state=_dedup_state),
    # Global state (a base seen in one event matters for every later one): one process, which also serves the
    # dashboard on web_port itself.
    StageSpec("alert", EVENTS, (ALERTS, DEADLETTER), _alert, offloaded=False, scaled=False, dashboard=True,
              state=_alert_state),
    # Reports re-keyed by country, so that every report that can belong to one incident meets in one task; the
    # table is keyed by country too (co-partitioned): scales on partitions like the processing stages.
    StageSpec("fuse", EVENTS, (INCIDENTS, ALERTS, DEADLETTER), _fuse, port_offset=4, offloaded=False, state=_fuse_state,
              partition_by=("country", _country_key)),
)

BY_NAME: dict[str, StageSpec] = {s.name: s for s in STAGES}
#: Names of every stage, in pipeline order (``strikewire worker --stage`` choices besides ``all``).
NAMES: tuple[str, ...] = tuple(BY_NAME)
#: Stages whose handler runs in a child process (the spaCy-heavy processing stages).
OFFLOADED: tuple[str, ...] = tuple(s.name for s in STAGES if s.offloaded)


def stage(name: str) -> StageSpec:
    """The spec of stage ``name`` (``ValueError`` for an unknown one)."""
    try:
        return BY_NAME[name]
    except KeyError:
        raise ValueError(f"unknown stage {name!r}; known: {', '.join(NAMES)}") from None


#: The same, under the name modules that also say ``stage`` for a stage's name import it as.
stage_spec = stage

__all__ = ["BY_NAME", "NAMES", "OFFLOADED", "STAGES", "StageSpec", "stage", "stage_spec"]
