"""deploy/grafana/strikewire.json queries only metrics (and labels) the service exports.

The exported series are taken from a real render of ``agents.metrics`` (every family filled in), not from
a list kept by hand, so a renamed metric or label breaks this test rather than a dashboard panel.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from agents.app import StageStats
from agents.metrics import ClusterMetrics, StageMetrics, render

BOARD = Path(__file__).resolve().parents[2] / "deploy" / "grafana" / "strikewire.json"

#: PromQL functions, aggregations and keywords the board may use.
PROMQL_WORDS = {
    "sum", "min", "max", "avg", "count", "topk", "bottomk", "by", "without", "rate", "irate", "increase",
    "histogram_quantile", "time", "clamp_min", "on", "ignoring", "and", "or", "unless", "offset",
}
SERIES = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? \S+$")


def exported() -> dict[str, set[str]]:
    """Series name -> label names, from a render with every metric family present."""
    stats = StageStats("clean")
    stats.consumed, stats.batches, stats.last_batch_at = 3, 1, 1.0
    stats.produced = {"articles.clean": 3}
    stage = StageMetrics(stats)
    stage.observe_batch(0.1, [1])
    cluster = ClusterMetrics(lag={("g", "t", 0): 1}, end_offsets={"t": 5}, lag_updated_at=1.0,
                             alerts_by_severity={"high": 1})
    cluster.count_deadletter("clean", "invalid_json")
    cluster.e2e_latency_seconds.observe(0.2)
    out: dict[str, set[str]] = {}
    for line in render([stage], cluster).splitlines():
        if line.startswith("#"):
            continue
        m = SERIES.match(line)
        assert m, line
        labels = {kv.split("=", 1)[0] for kv in re.findall(r'\w+="[^"]*"', m.group(2) or "")}
        out.setdefault(m.group(1), set()).update(labels)
    return out


def queries() -> list[tuple[str, str]]:
    board = json.loads(BOARD.read_text())
    found = []
    for panel in board["panels"]:
        for target in panel.get("targets", []):
            found.append((panel["title"], target["expr"]))
    return found


def test_board_has_the_four_views() -> None:
    titles = " | ".join(t for t, _ in queries()).lower()
    for view in ("consumed per stage", "latency", "dead letters by reason", "consumer lag"):
        assert view in titles
    assert len(queries()) >= 10


def test_every_queried_metric_and_label_is_exported() -> None:
    series = exported()
    for title, expr in queries():
        text = re.sub(r'"[^"]*"', '""', expr)  # label values
        text = re.sub(r"\[[^\]]*\]", "", text)  # range selectors
        used: set[str] = set()
        for name, matchers in re.findall(r"([a-zA-Z_:][a-zA-Z0-9_:]*)\{([^}]*)\}", text):
            assert name in series, f"{title}: {name} is not exported"
            for label in re.findall(r"(\w+)\s*[=!~]", matchers):
                assert label in series[name], f"{title}: {name} has no label {label!r}"
        text = re.sub(r"\{[^}]*\}", "", text)
        grouping = set()
        for labels in re.findall(r"\b(?:by|without)\s*\(([^)]*)\)", text):
            grouping |= {x.strip() for x in labels.split(",") if x.strip()}
        text = re.sub(r"\b(?:by|without)\s*\([^)]*\)", "", text)
        for word in re.findall(r"[a-zA-Z_:][a-zA-Z0-9_:]*", text):
            if word in PROMQL_WORDS:
                continue
            assert word in series, f"{title}: {word!r} is neither exported nor a PromQL word ({expr})"
            used.add(word)
        assert used, f"{title}: no metric in {expr}"
        known = set().union(*(series[u] for u in used))
        assert grouping <= known, f"{title}: grouping by {sorted(grouping - known)} which {sorted(used)} lack"


def test_a_wrong_name_would_be_caught() -> None:
    series = exported()
    assert "strikewire_stage_records_consumed_total" in series
    assert "strikewire_deadletters_total" in series and {"stage", "reason"} <= series["strikewire_deadletters_total"]
    assert "le" in series["strikewire_pipeline_latency_seconds_bucket"]
    assert "strikewire_records_consumed_total" not in series
