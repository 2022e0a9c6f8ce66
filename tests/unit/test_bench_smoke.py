"""The benchmark's parts without timing anything (the quick run on a real broker: tests/integration/test_bench.py).

No assertion here is about speed: on shared 2-core machines absolute times are noise, and the
benchmark's own output says which targets a run met. What is tested is that the corpus is what the
docs say (deterministic, wire-length, about 5% strike reports), that the figures are computed and
printed in the form scripts parse.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from bench.corpus import generate, generate_labelled, warm_up_articles
from bench.e2e import percentile, with_ids
from bench.procs import cpu_seconds, descendants, own_peak_rss_mb
from bench.run import TARGETS, final_line, met, table
from streams.gate import gate

REPO = Path(__file__).resolve().parents[2]
FINAL_LINE = re.compile(
    r"^bench: e2e_over_ceiling=\d+\.\d\d e2e_over_naive=\d+\.\d p99_ms=\d+ scale_2_over_1=\d+\.\d\d rss_mb=\d+$"
)


def test_corpus_is_deterministic_and_wire_length() -> None:
    a, b = generate(50, seed=7), generate(50, seed=7)
    assert [x.model_dump() for x in a] == [x.model_dump() for x in b]
    assert generate(5, seed=8)[0].text != a[0].text
    words = [len(x.text.split()) for x in a]
    assert min(words) >= 300 and max(words) <= 900
    assert all(x.text.count("\n\n") >= 3 for x in a)
    assert len({x.id for x in a}) == 50


def test_corpus_mix_is_about_five_percent_strikes() -> None:
    kinds = [k for _, k in generate_labelled(2000, seed=4)]
    share = kinds.count("strike") / len(kinds)
    assert 0.03 < share < 0.08
    assert {"politics", "economy", "sport", "weather", "courts", "lookalike"} <= set(kinds)


def test_every_strike_report_passes_the_gate_and_most_other_copy_does_not() -> None:
    labelled = generate_labelled(600, seed=4)
    assert all(gate(a.text, a.title) for a, k in labelled if k == "strike")
    ordinary = [a for a, k in labelled if k not in ("strike", "lookalike")]
    assert sum(gate(a.text, a.title) for a in ordinary) / len(ordinary) < 0.02


def test_warm_up_set_contains_strike_reports() -> None:
    warm = warm_up_articles(12)
    assert len(warm) == 12
    assert sum(gate(a.text, a.title) for a in warm) >= 4


def test_with_ids_gives_fresh_ids_and_clears_the_stamp() -> None:
    arts = [a.model_copy(update={"ingested_at": 1.0}) for a in generate(3)]
    out = with_ids(arts, "x")
    assert [a.id for a in out] == ["x-000000", "x-000001", "x-000002"]
    assert all(a.ingested_at is None for a in out)
    assert [a.text for a in out] == [a.text for a in arts]


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50
    assert percentile(values, 99) == 99
    assert percentile(values, 100) == 100
    assert percentile([5.0], 99) == 5.0


def test_proc_helpers_see_this_process() -> None:
    assert own_peak_rss_mb() > 1
    assert cpu_seconds(os.getpid()) > 0
    assert descendants(os.getpid())[0].pid == os.getpid()


def _fake_results() -> dict[str, Any]:
    tp = {"articles": 100, "articles_per_s": 50.0, "strikes": 5, "seconds": 2.0,
          "cpu_seconds": {"entities[0]/spacy": 0.5, "broker": 0.1, "other processes on the machine": 0.0, "wall": 2.0}}
    mem = {"entities[0]": {"peak_rss_mb": 420.0, "processes": 3}}
    return {
        "ceiling": {"1": {"articles": 100, "articles_per_s": 55.0, "layout": "chain"},
                    "2": {"articles": 100, "articles_per_s": 100.0, "layout": "chain"}},
        "e2e": {"1": tp, "2": {**tp, "articles_per_s": 90.0}},
        "latency": {"rate_per_s": 25.0, "p50_ms": 100.0, "p95_ms": 200.0, "p99_ms": 300.0, "articles": 50,
                    "publish_seconds": 2.0},
        "naive": {"articles": 10, "articles_per_s": 4.0},
        "memory": {"1": mem, "2": mem},
        "figures": {"e2e_over_ceiling": 0.91, "e2e_over_naive": 12.5, "p99_ms": 300.0, "scale_2_over_1": 1.8,
                    "rss_mb": 420.0},
    }


def test_final_line_has_the_documented_form() -> None:
    line = final_line({"e2e_over_ceiling": 0.934, "e2e_over_naive": 12.06, "p99_ms": 409.6,
                       "scale_2_over_1": 1.7, "rss_mb": 480.2})
    assert line == "bench: e2e_over_ceiling=0.93 e2e_over_naive=12.1 p99_ms=410 scale_2_over_1=1.70 rss_mb=480"
    assert FINAL_LINE.match(line)


def test_table_marks_each_target() -> None:
    text = table(_fake_results())
    assert text.count("| yes |") == len(TARGETS)
    assert met("p99_ms", 999.0) and not met("p99_ms", 1000.0)
    assert not met("scale_2_over_1", 1.59)


def test_table_shows_both_ceiling_layouts_and_names_the_faster() -> None:
    results = _fake_results()
    results["ceiling_layouts"] = {
        "chain": {"1": {"articles": 100, "articles_per_s": 50.0}, "2": {"articles": 100, "articles_per_s": 100.0}},
        "pipelined": {"1": {"articles": 100, "articles_per_s": 55.0}, "2": {"articles": 100, "articles_per_s": 90.0}},
    }
    results["ceiling"] = {"1": {**results["ceiling_layouts"]["pipelined"]["1"], "layout": "pipelined"},
                          "2": {**results["ceiling_layouts"]["chain"]["2"], "layout": "chain"}}
    text = table(results)
    assert "| in-process ceiling, 1 NLP process, pipelined | 55.0 articles/s | 100 articles (the ceiling) |" in text
    assert "| in-process ceiling, 1 NLP process, chain | 50.0 articles/s | 100 articles |" in text
    assert "| in-process ceiling, 2 NLP processes, chain | 100.0 articles/s | 100 articles (the ceiling) |" in text


def test_port_blocks_lie_outside_the_ephemeral_range_and_are_free() -> None:
    import random
    import socket

    from bench.ports import ephemeral_range, free_port_block

    lo, hi = ephemeral_range()
    for seed in range(20):
        base = free_port_block(24, rng=random.Random(seed))
        assert base + 23 < lo or base > hi, (base, lo, hi)
        with socket.socket() as s:
            s.bind(("127.0.0.1", base + 23))  # the last port of the block can be bound
