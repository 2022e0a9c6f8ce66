"""End to end through a real broker: the seed article and poison records through the three agents."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from agents.handlers import encode
from streams.readers import read_path
from tests.integration.conftest import RunningWorker, collect, produce, run

pytestmark = pytest.mark.integration

SEED = Path(__file__).resolve().parents[2] / "samples" / "herald-2016-08-16-russian-warplanes-iran.txt"


def test_seed_article_becomes_a_strike_event_and_poison_is_dead_lettered(worker: RunningWorker) -> None:
    (seed,) = list(read_path(SEED))
    t = worker.topics
    run(produce(worker.bootstrap, t.raw, [
        (b"poison-json", b"{this is not json"),
        (b"poison-schema", b'{"title": "no text"}'),
        (seed.id.encode(), encode(seed)),  # type: ignore[union-attr]
        (b"poison-empty", orjson.dumps({"id": "poison-empty", "text": "   "})),
    ]))

    def done(got: dict[str, list[dict]]) -> bool:  # type: ignore[type-arg]
        # every event of the seed's report is on strikes.events too (they may sit on different partitions, so
        # the first one to arrive is not enough)
        reports = [r for r in got[t.enriched] if r["article_id"] == seed.id]
        on_topic = {e["event_id"] for e in got[t.events]}
        return bool(reports) and len(got[t.deadletter]) >= 3 and all(
            e["event_id"] in on_topic for e in reports[0]["events"])

    got = run(collect(worker.bootstrap, [t.enriched, t.events, t.deadletter], until=done, wait_s=180))
    (report,) = [r for r in got[t.enriched] if r["article_id"] == seed.id]
    assert report["is_strike"] is True
    designations = {a["designation"] for e in report["events"] for a in e["aircraft"]}
    assert {"Su-34", "Tu-22M3"} <= designations
    codes = {p["code"] for e in report["events"] for p in e["provinces"]}
    assert {"SY-HL", "SY-DY", "SY-ID"} <= codes
    bases = [b for e in report["events"] for b in e["bases"]]
    assert any(b["country"] == "IR" and "Nojeh" in b["name"] for b in bases)
    # one event carries the mission: both aircraft, the base in Iran and the three provinces
    mission = [e for e in report["events"] if {a["designation"] for a in e["aircraft"]} >= {"Su-34", "Tu-22M3"}]
    assert len(mission) == 1
    assert [b["country"] for b in mission[0]["bases"]] == ["IR"]
    assert {p["code"] for p in mission[0]["provinces"]} >= {"SY-HL", "SY-DY", "SY-ID"}
    killed = [c for e in report["events"] for c in e["casualties"] if c["status"] == "killed"]
    assert any(c["count_min"] == 15 for c in killed)
    # strikes.events carries the same events, keyed by event id
    assert {e["event_id"] for e in report["events"]} <= {e["event_id"] for e in got[t.events]}

    reasons = {d["key"]: d for d in got[t.deadletter]}
    assert reasons["poison-json"]["reason"] == "invalid_json"
    assert reasons["poison-schema"]["reason"] == "wrong_schema"
    assert reasons["poison-empty"]["reason"] == "empty_text"
    for d in reasons.values():
        assert d["stage"] == "clean" and d["source_topic"] == t.raw
        assert d["partition"] is not None and d["offset"] is not None and d["original"]


def test_worker_keeps_going_after_poison(worker: RunningWorker) -> None:
    """After poison records the same worker still processes a valid article."""
    t = worker.topics
    run(produce(worker.bootstrap, t.raw, [
        (b"bin", b"\x00\xff\xfe binary"),
        (b"after-poison", orjson.dumps({"id": "after-poison", "text": "Officials said the town council met on "
                                        "Tuesday to discuss the budget for the coming year."})),
    ]))
    got = run(collect(worker.bootstrap, [t.enriched, t.deadletter],
                      until=lambda g: any(r["article_id"] == "after-poison" for r in g[t.enriched]), wait_s=120))
    (report,) = [r for r in got[t.enriched] if r["article_id"] == "after-poison"]
    assert report["is_strike"] is False and report["events"] == []
    assert any(d["key"] == "bin" and d["reason"] == "undecodable_bytes" for d in got[t.deadletter])
    assert worker.proc.poll() is None
