"""Prometheus metrics: text exposition of stage counters, latency histograms and cluster-level gauges.

Two views, because a stage's numbers live in its own process while lag and dead letters live in Kafka:

- per stage process (``StageMetrics``, ``register_metrics``): records consumed/produced, batches, and two
  latency histograms, batch processing time and record latency (Kafka timestamp of the input record to
  the moment its outputs were handed to the producer: queueing plus processing in this stage);
- per deployment (``ClusterMetrics``, filled by the dashboard's feed): consumer lag of every stage's
  consumer group, messages per topic (end offsets: ``rate()`` of them is each stage's output throughput),
  dead letters by stage and reason, and end-to-end latency from ``ingested_at`` to the report on
  ``articles.enriched``.

The exposition format is written by hand (it is a few lines of text); no global registry, so several
Faust apps in one test process never share counters. See
https://prometheus.io/docs/instrumenting/exposition_formats/ for the format.
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import faust
from faust.web import Request, Response, View

if TYPE_CHECKING:
    from agents.app import StageStats

#: aiohttp appends "; charset=utf-8" itself.
CONTENT_TYPE = "text/plain; version=0.0.4"

#: Latency buckets (seconds): from a fast batch to a slow NLP backlog.
LATENCY_BUCKETS: tuple[float, ...] = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0)


class Histogram:
    """A cumulative Prometheus histogram with fixed buckets."""

    def __init__(self, buckets: Sequence[float] = LATENCY_BUCKETS) -> None:
        self.buckets = tuple(sorted(buckets))
        self.counts = [0] * (len(self.buckets) + 1)  # the last one is +Inf
        self.total = 0.0
        self.count = 0

    def observe(self, value: float) -> None:
        value = max(0.0, value)
        self.counts[bisect.bisect_left(self.buckets, value)] += 1
        self.total += value
        self.count += 1

    def samples(self) -> list[tuple[str, float]]:
        """(le, cumulative count) pairs, +Inf last."""
        out: list[tuple[str, float]] = []
        acc = 0
        for le, n in zip((*[_num(b) for b in self.buckets], "+Inf"), self.counts, strict=True):
            acc += n
            out.append((le, acc))
        return out


def _num(v: float) -> str:
    if v != v:  # NaN
        return "NaN"
    if v in (float("inf"), float("-inf")):
        return "+Inf" if v > 0 else "-Inf"
    return repr(int(v)) if float(v).is_integer() and abs(v) < 1e15 else repr(float(v))


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


class Exposition:
    """Collects samples grouped by metric family and renders the text format."""

    def __init__(self) -> None:
        self._families: dict[str, tuple[str, str, list[str]]] = {}

    def _family(self, name: str, kind: str, help_: str) -> list[str]:
        if name not in self._families:
            self._families[name] = (kind, help_, [])
        return self._families[name][2]

    @staticmethod
    def _labels(labels: Mapping[str, object] | None) -> str:
        if not labels:
            return ""
        return "{" + ",".join(f'{k}="{_escape(str(v))}"' for k, v in labels.items()) + "}"

    def add(self, name: str, kind: str, help_: str, value: float, labels: Mapping[str, object] | None = None) -> None:
        self._family(name, kind, help_).append(f"{name}{self._labels(labels)} {_num(float(value))}")

    def histogram(self, name: str, help_: str, hist: Histogram, labels: Mapping[str, object] | None = None) -> None:
        lines = self._family(name, "histogram", help_)
        base = dict(labels or {})
        for le, n in hist.samples():
            lines.append(f"{name}_bucket{self._labels({**base, 'le': le})} {_num(n)}")
        lines.append(f"{name}_sum{self._labels(base)} {_num(hist.total)}")
        lines.append(f"{name}_count{self._labels(base)} {_num(hist.count)}")

    def render(self) -> str:
        out: list[str] = []
        for name, (kind, help_, lines) in self._families.items():
            out.append(f"# HELP {name} {help_}")
            out.append(f"# TYPE {name} {kind}")
            out.extend(lines)
        return "\n".join(out) + "\n"


# ------------------------------------------------------------------------------------------ per stage
@dataclass
class StageMetrics:
    """Latency histograms beside a stage's ``StageStats`` counters (same process)."""

    stats: StageStats
    batch_seconds: Histogram = field(default_factory=Histogram)
    record_latency_seconds: Histogram = field(default_factory=Histogram)

    @property
    def stage(self) -> str:
        return self.stats.stage

    def observe_batch(self, seconds: float, record_timestamps_ms: Iterable[int | None] = ()) -> None:
        """One batch done: its processing time, and each input record's age now that it is produced."""
        self.batch_seconds.observe(seconds)
        now_ms = time.time() * 1000.0
        for ts in record_timestamps_ms:
            if ts is not None and ts > 0:
                self.record_latency_seconds.observe((now_ms - ts) / 1000.0)

    def collect(self, exp: Exposition) -> None:
        st = self.stats
        lab = {"stage": st.stage}
        exp.add("strikewire_stage_records_consumed_total", "counter",
                "Records this stage process consumed from its source topic.", st.consumed, lab)
        exp.add("strikewire_stage_batches_total", "counter", "Batches this stage process handled.", st.batches, lab)
        for topic, n in sorted(st.produced.items()):
            exp.add("strikewire_stage_records_produced_total", "counter",
                    "Records this stage process produced, by topic.", n, {**lab, "topic": topic})
        exp.add("strikewire_stage_uptime_seconds", "gauge", "Seconds since this stage process started.",
                time.time() - st.started, lab)
        if st.last_batch_at is not None:
            exp.add("strikewire_stage_last_batch_timestamp_seconds", "gauge",
                    "Unix time of the last batch this stage process handled.", st.last_batch_at, lab)
        exp.histogram("strikewire_stage_batch_seconds", "Time to process one batch (decode, stage, send).",
                      self.batch_seconds, lab)
        exp.histogram("strikewire_stage_record_latency_seconds",
                      "Input record's Kafka timestamp to its outputs handed to the producer.",
                      self.record_latency_seconds, lab)


# ---------------------------------------------------------------------------------------- per cluster
@dataclass
class ClusterMetrics:
    """Deployment-wide numbers read from Kafka (filled by the dashboard's feed and lag probe)."""

    deadletters: dict[tuple[str, str], int] = field(default_factory=dict)
    #: (group, topic, partition) -> lag
    lag: dict[tuple[str, str, int], int] = field(default_factory=dict)
    #: topic -> sum of end offsets
    end_offsets: dict[str, int] = field(default_factory=dict)
    e2e_latency_seconds: Histogram = field(default_factory=Histogram)
    events_seen: int = 0
    alerts_seen: int = 0
    alerts_by_severity: dict[str, int] = field(default_factory=dict)
    lag_updated_at: float | None = None
    lag_error: str | None = None

    def count_deadletter(self, stage: str, reason: str) -> None:
        key = (stage or "unknown", reason or "unknown")
        self.deadletters[key] = self.deadletters.get(key, 0) + 1

    def collect(self, exp: Exposition) -> None:
        for (stage, reason), n in sorted(self.deadletters.items()):
            exp.add("strikewire_deadletters_total", "counter",
                    "Records on the dead-letter topic, by stage and reason.", n, {"stage": stage, "reason": reason})
        by_group: dict[tuple[str, str], int] = {}
        for (group, topic, partition), n in sorted(self.lag.items()):
            exp.add("strikewire_consumer_lag", "gauge",
                    "Messages not yet consumed by a stage's consumer group (end offset - committed offset).",
                    n, {"group": group, "topic": topic, "partition": partition})
            by_group[(group, topic)] = by_group.get((group, topic), 0) + n
        for (group, topic), n in sorted(by_group.items()):
            exp.add("strikewire_consumer_lag_sum", "gauge", "Consumer lag summed over partitions.", n,
                    {"group": group, "topic": topic})
        for topic, n in sorted(self.end_offsets.items()):
            exp.add("strikewire_topic_messages_total", "counter",
                    "Messages ever written to a topic (sum of end offsets); rate() is the producing stage's "
                    "throughput.", n, {"topic": topic})
        if self.lag_updated_at is not None:
            exp.add("strikewire_consumer_lag_updated_timestamp_seconds", "gauge",
                    "Unix time the lag figures were read from the broker.", self.lag_updated_at)
        exp.add("strikewire_lag_probe_ok", "gauge", "1 when the last lag probe succeeded.",
                0 if self.lag_error else 1)
        exp.histogram("strikewire_pipeline_latency_seconds",
                      "End to end: article ingested_at to its report on articles.enriched (Kafka timestamp).",
                      self.e2e_latency_seconds)
        exp.add("strikewire_dashboard_events_total", "counter", "Strike events the dashboard feed has read.",
                self.events_seen)
        for sev, n in sorted(self.alerts_by_severity.items()):
            exp.add("strikewire_dashboard_alerts_total", "counter", "Alerts the dashboard feed has read, by severity.",
                    n, {"severity": sev})


def render(stages: Iterable[StageMetrics] = (), cluster: ClusterMetrics | None = None) -> str:
    exp = Exposition()
    for m in stages:
        m.collect(exp)
    if cluster is not None:
        cluster.collect(exp)
    return exp.render()


def metrics_response(view: View, body: str) -> Response:
    return view.text(body, content_type=CONTENT_TYPE)


def register_metrics(app: faust.App, stages: Sequence[StageMetrics]) -> None:
    """``GET /metrics`` on a stage process's web server (stage counters and latency only)."""

    async def metrics(self: View, request: Request) -> Response:
        return metrics_response(self, render(stages))

    app.page("/metrics")(metrics)
