"""The fuse stage on the real broker: reports of two strikes, out of order, with a toll update and a
re-delivery, become two incidents on the compacted ``strikes.incidents``; after kill -9 the stage recovers
its incidents from the changelog (none lost, duplicated or reset)."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from agents.handlers import encode
from schemas import Casualty, Evidence, Province, StrikeEvent
from tests.integration.conftest import RunningWorker, collect, produce, run, start_worker, stop_worker

pytestmark = pytest.mark.integration


def _event(aid: str, text: str, published: str, source: str, *, killed: int, claimant: str,
           town: str | None = None, targets: tuple[str, ...] = ()) -> StrikeEvent:
    from schemas import Place

    return StrikeEvent(
        event_id=f"evt-{aid}", article_id=aid, actor="Russian Federation",
        provinces=[Province(code="UA-63", country="UA")],
        places=[Place(name=town, province="UA-63", country="UA")] if town else [],
        casualties=[Casualty(status="killed", count_min=killed, count_max=killed, claimed_by=claimant)],
        killed_min=killed, evidence=[Evidence(start=0, end=len(text), text=text)], targets=list(targets),
        published=published, source=source, event_date="2026-01-07", confidence=0.7,
    )


A1 = _event("a1", "A Russian drone attack on a nine-storey apartment building in Kharkiv killed three people before"
            " dawn.", "2026-01-07T03:05:00Z", "Wire A", killed=3, claimant="Kharkiv's mayor",
            targets=("apartment building",))
A2 = _event("a2", "Russian drones slammed into an apartment building in Kharkiv before dawn, killing four.",
            "2026-01-07T08:40:00Z", "Wire B", killed=4, claimant="the regional governor",
            targets=("apartment building",))
A3 = _event("a3", "The toll from the Russian drone strike on the Kharkiv apartment building before dawn rose to"
            " five, the regional governor said.", "2026-01-08T10:15:00Z", "Wire D", killed=5,
            claimant="regional governor", targets=("apartment building",))
B1 = _event("b1", "A guided bomb hit the centre of Zolochiv at around 13:10 on Wednesday, killing two.",
            "2026-01-07T12:25:00Z", "Local C", killed=2, claimant="the regional governor", town="Zolochiv",
            targets=("the town centre",))
B2 = _event("b2", "Two people were killed when a Russian guided bomb struck the centre of Zolochiv at about 13:10.",
            "2026-01-07T19:30:00Z", "Wire E", killed=2, claimant="the regional governor", town="Zolochiv",
            targets=("the town centre",))


@pytest.fixture(scope="module")
def fuse_worker(kafka_bootstrap: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningWorker]:
    """The fuse stage alone (``worker --stage fuse``), with topics of its own."""
    w = start_worker(kafka_bootstrap, tmp_path_factory.mktemp("fuse"), args=("--stage", "fuse"))
    yield w
    stop_worker(w)


def _final(records: list[dict]) -> dict[str, dict]:  # type: ignore[type-arg]
    """What a compacted topic read to its end gives: the last state per incident id."""
    out: dict[str, dict] = {}  # type: ignore[type-arg]
    for r in records:
        out[r["incident_id"]] = r
    return out


def _live(final: dict[str, dict]) -> list[dict]:  # type: ignore[type-arg]
    return [i for i in final.values() if not i.get("merged_into")]


def _wait_for_log(w: RunningWorker, line: str, wait_s: float = 180.0) -> None:
    import time

    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if line in w.log_path.read_text(errors="replace"):
            return
        assert w.proc.poll() is None, w.log_tail()
        time.sleep(0.5)
    raise AssertionError(f"no {line!r} in the worker log:\n{w.log_tail()}")


async def _cleanup_policy(bootstrap: str, topic: str) -> str:
    from aiokafka.admin import AIOKafkaAdminClient
    from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType

    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        (resp,) = await admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, topic)])
        for res in resp.resources:
            for entry in res[4]:  # (error code, message, type, name, configs)
                if entry[0] == "cleanup.policy":
                    return str(entry[1])
        return "?"
    finally:
        await admin.close()


def test_two_strikes_out_of_order_become_two_incidents_and_survive_kill_9(
    fuse_worker: RunningWorker, tmp_path: Path
) -> None:
    w = fuse_worker
    t = w.topics
    # Topics are the worker's to create (strikes.incidents compacted): wait for it before any client of ours
    # asks the broker about them (a metadata request would auto-create them with the broker's defaults).
    _wait_for_log(w, "stage fuse consuming")
    # out of order (the toll update first), one report re-delivered
    reports = [A3, B1, A2, A1, B2, A2]
    run(produce(w.bootstrap, t.events, [(e.event_id.encode(), encode(e)) for e in reports]))

    def done(got: dict[str, list[dict]]) -> bool:  # type: ignore[type-arg]
        live = _live(_final(got[t.incidents]))
        return sorted(len(i["articles"]) for i in live) == [2, 3]

    got = run(collect(w.bootstrap, [t.incidents, t.deadletter], until=done, wait_s=180))
    assert not got[t.deadletter], got[t.deadletter]
    live = _live(_final(got[t.incidents]))
    assert len(live) == 2, live
    kharkiv = next(i for i in live if "a1" in i["articles"])
    zolochiv = next(i for i in live if "b1" in i["articles"])
    assert sorted(kharkiv["articles"]) == ["a1", "a2", "a3"]
    assert sorted(zolochiv["articles"]) == ["b1", "b2"]
    assert (kharkiv["killed_min"], kharkiv["killed_max"]) == (3, 5)
    assert (zolochiv["killed_min"], zolochiv["killed_max"]) == (2, 2)
    governor = next(h for h in kharkiv["claims"] if h["claimant"] == "governor")
    assert [p["figure"] for p in governor["history"]] == [4, 5]  # by publication time, not arrival
    assert kharkiv["first_seen"] == A1.published and kharkiv["independent_sources"] == 3

    # kill -9 mid-life, restart: the incidents come back from the changelog (not reset, not duplicated)
    os.kill(w.proc.pid, signal.SIGKILL)
    w.proc.wait(timeout=30)
    run_id = w.topics.prefix.removeprefix("it").rstrip(".")
    again = start_worker(w.bootstrap, w.log_path.parent, args=("--stage", "fuse"), run_id=run_id)
    try:
        a4 = _event("a4", "Rescuers ended the search at the Kharkiv apartment building hit by Russian drones before"
                    " dawn; the regional governor said five died.", "2026-01-08T18:00:00Z", "Local F", killed=5,
                    claimant="regional governor", targets=("apartment building",))
        run(produce(w.bootstrap, t.events, [(a4.event_id.encode(), encode(a4))]))

        def recovered(got: dict[str, list[dict]]) -> bool:  # type: ignore[type-arg]
            return any("a4" in i["articles"] for i in _final(got[t.incidents]).values())

        got = run(collect(w.bootstrap, [t.incidents, t.alerts], until=recovered, wait_s=180))
        final = _final(got[t.incidents])
        # incident alerts: one "new incident" per incident (ids are stable: a re-send has the first one's id)
        new = {a["alert_id"]: a["subject"] for a in got[t.alerts] if a["rule_id"] == "incident-new"}
        assert sorted(new.values()) == sorted([kharkiv["incident_id"], zolochiv["incident_id"]])
        assert run(_cleanup_policy(w.bootstrap, t.incidents)) == "compact"
        live = _live(final)
        assert len(live) == 2, live
        after = final[kharkiv["incident_id"]]
        assert sorted(after["articles"]) == ["a1", "a2", "a3", "a4"]
        assert (after["killed_min"], after["killed_max"]) == (3, 5)
        assert after["independent_sources"] == 4
        assert final[zolochiv["incident_id"]]["articles"] == zolochiv["articles"]
    finally:
        stop_worker(again)
        w.proc = again.proc
