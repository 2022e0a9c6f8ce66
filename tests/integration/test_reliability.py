"""Reliability against a real broker: what docs/reliability.md claims, each claim with a test.

* the producer is idempotent (seen broker-side: the record batches carry a producer id), which Faust
  alone does not do outside transactions;
* SIGTERM in the middle of a stream stops the worker cleanly and loses nothing; a restarted worker
  finishes the rest;
* an article that overruns the per-article time cap inside a stage is dead-lettered (``timeout``) and the
  stage goes on with the others, in the same worker;
* a re-published article (same id, or the same text under a new id) gets its report but emits no event
  twice;
* ``processing_guarantee="exactly_once"`` runs on the single-node broker;
* the web endpoints listen on 127.0.0.1 only and refuse writes.
"""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import faust
import orjson
import pytest
from aiokafka import AIOKafkaConsumer
from aiokafka.record.default_records import DefaultRecordBatch

from agents import localkafka
from agents.app import create_app
from agents.handlers import encode
from agents.topics import TopicNames
from bench.chaos_records import wire_article
from streams.readers import read_path
from streams.settings import Settings
from tests.integration.conftest import (
    REPO,
    RunningWorker,
    collect,
    free_port,
    produce,
    run,
    start_worker,
    stop_worker,
)

pytestmark = pytest.mark.integration

SEED = REPO / "samples" / "herald-2016-08-16-russian-warplanes-iran.txt"


def _articles(n: int, prefix: str) -> list[tuple[bytes, bytes]]:
    import random

    rng = random.Random(n)
    out = []
    for i in range(n):
        art = wire_article(i, rng, strike=i % 20 == 0)
        art["id"] = f"{prefix}-{i:04d}"
        out.append((art["id"].encode(), orjson.dumps(art)))
    return out


# ----------------------------------------------------------------------------------------------- producer


def _producer_ids(state_dir: Path, topic: str) -> list[int]:
    """Producer id of every record batch in partition 0 of ``topic``, read from the broker's segment file."""
    segment = state_dir / "data" / f"{topic}-0" / "00000000000000000000.log"
    data = segment.read_bytes()
    ids = []
    pos = 0
    while pos + 12 <= len(data):
        length = int.from_bytes(data[pos + 8:pos + 12], "big")
        if length == 0:
            break
        ids.append(DefaultRecordBatch(data[pos:pos + 12 + length]).producer_id)
        pos += 12 + length
    return ids


def test_stage_producer_is_idempotent_broker_side(tmp_path: Path) -> None:
    """Batches from the stage apps' producer carry a producer id (idempotence on); plain Faust's do not."""
    state = tmp_path / "kafka"
    bootstrap = localkafka.up(state)
    try:
        settings = Settings(state_dir=tmp_path)

        async def send_with(app: faust.App, topic: str) -> None:
            await app.producer.start()
            try:
                await app.producer.send_and_wait(topic, b"k", b"v", partition=0, timestamp=None, headers=None)
            finally:
                await app.producer.stop()

        ours = create_app(settings, stage="clean", bootstrap=bootstrap, web_port=free_port())
        plain = faust.App("plain-faust", broker=f"kafka://{bootstrap}", producer_acks=-1,
                          datadir=str(tmp_path / "plain"))
        asyncio.run(send_with(ours, "idem-ours"))
        asyncio.run(send_with(plain, "idem-plain"))
        assert all(pid >= 0 for pid in _producer_ids(state, "idem-ours")) and _producer_ids(state, "idem-ours")
        assert _producer_ids(state, "idem-plain") == [-1]  # why IdempotentProducer exists
    finally:
        localkafka.down(state)


# ------------------------------------------------------------------------------------------------ SIGTERM


def _relaunch(w: RunningWorker, log_name: str) -> subprocess.Popen[bytes]:
    fh = (w.log_path.parent / log_name).open("wb")
    return subprocess.Popen([sys.executable, "-m", "agents.cli", "worker"], env=w.env, stdout=fh,
                            stderr=subprocess.STDOUT, cwd=REPO)


def _wait_for_line(path: Path, text: str, wait_s: float = 60.0) -> None:
    deadline = time.monotonic() + wait_s
    while text not in path.read_text(errors="replace"):
        assert time.monotonic() < deadline, f"{text!r} not in {path} after {wait_s:.0f}s"
        time.sleep(0.2)


def test_sigterm_mid_stream_loses_nothing(kafka_bootstrap: str, tmp_path: Path) -> None:
    w = start_worker(kafka_bootstrap, tmp_path, extra_env={"STRIKEWIRE_BATCH_SIZE": "16"})
    t = w.topics
    records = _articles(400, "term")
    ids = {k.decode() for k, _ in records}
    try:
        run(produce(kafka_bootstrap, t.raw, records))
        got = run(collect(kafka_bootstrap, [t.enriched], until=lambda g: len(g[t.enriched]) >= 60, wait_s=180))
        assert len(got[t.enriched]) >= 60, w.log_tail()
        w.proc.send_signal(signal.SIGTERM)
        assert w.proc.wait(timeout=120) == 0, w.log_tail()
        first = {r["article_id"] for r in got[t.enriched]}
        assert first < ids  # stopped in the middle, not after the end
        again = _relaunch(w, "worker2.log")
        try:
            got = run(collect(kafka_bootstrap, [t.enriched],
                              until=lambda g: ids <= {r["article_id"] for r in g[t.enriched]}, wait_s=240))
        finally:
            _wait_for_line(w.log_path.parent / "worker2.log", "started alert[0]")  # a signal before that kills
            again.send_signal(signal.SIGTERM)
            assert again.wait(timeout=120) == 0
        missing = ids - {r["article_id"] for r in got[t.enriched]}
        assert not missing, f"no report for {sorted(missing)}; last seen: {_trace(kafka_bootstrap, t, missing)}"
    finally:
        stop_worker(w)


def _trace(bootstrap: str, t: TopicNames, ids: set[str]) -> dict[str, list[str]]:
    """For a failure message: on which topics the missing articles are (to tell which stage lost them)."""
    async def scan() -> dict[str, list[str]]:
        topics = [t.raw, t.clean, t.entities, t.enriched, t.deadletter]
        consumer = AIOKafkaConsumer(*topics, bootstrap_servers=bootstrap, group_id=None,
                                    auto_offset_reset="earliest")
        await consumer.start()
        where: dict[str, list[str]] = {}
        try:
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:
                for tp, recs in (await consumer.getmany(timeout_ms=300)).items():
                    for rec in recs:
                        for article_id in ids:
                            if f'"{article_id}"'.encode() in (rec.value or b""):
                                where.setdefault(article_id, []).append(f"{tp.topic[len(t.prefix):]}@{tp.partition}:"
                                                                        f"{rec.offset}")
        finally:
            await consumer.stop()
        return where

    return run(scan())


# --------------------------------------------------------------------------- one worker, several claims


def restarts(w: RunningWorker) -> str:
    """The supervisor's restart lines, each with the 40 log lines before it (the stage's traceback)."""
    lines = w.log_path.read_text(errors="replace").splitlines()
    return "\n\n".join("\n".join(lines[max(0, i - 40):i + 1]) for i, ln in enumerate(lines) if "exited with" in ln)


@pytest.fixture(scope="module")
def capped_worker(kafka_bootstrap: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningWorker]:
    """All stages with a 2-second time cap per article (so that a few hundred KB of text overrun it)."""
    w = start_worker(kafka_bootstrap, tmp_path_factory.mktemp("capped"),
                     extra_env={"STRIKEWIRE_ARTICLE_TIMEOUT_S": "2"})
    yield w
    stop_worker(w)


def test_article_over_the_time_cap_is_dead_lettered_and_the_stage_goes_on(capped_worker: RunningWorker) -> None:
    w, t = capped_worker, capped_worker.topics
    (seed,) = list(read_path(SEED))
    text = seed.text  # type: ignore[union-attr]
    huge = {"id": "huge-strike", "text": "\n\n".join([text] * (400_000 // len(text)))}  # ~400 KB of strikes
    after = {"id": "after-huge", "text": "Officials said the council met on Tuesday to approve the budget for the "
                                         "coming year, after a long debate."}
    run(produce(w.bootstrap, t.raw, [(b"huge-strike", orjson.dumps(huge)), (b"after-huge", orjson.dumps(after))]))

    def done(g: dict[str, list[dict]]) -> bool:  # type: ignore[type-arg]
        return any(r["article_id"] == "after-huge" for r in g[t.enriched]) and any(
            d.get("article_id") == "huge-strike" for d in g[t.deadletter])

    got = run(collect(w.bootstrap, [t.enriched, t.deadletter], until=done, wait_s=180))
    (dead,) = [d for d in got[t.deadletter] if d.get("article_id") == "huge-strike"]
    assert (dead["stage"], dead["reason"], dead["error_type"]) == ("entities", "timeout", "StageTimeoutError")
    assert dead["source_topic"] == t.clean and dead["original_size"] > 300_000
    assert len(dead["original"]) <= 4 * 65_536 // 3 + 4  # base64 of the capped bytes
    assert any(r["article_id"] == "after-huge" for r in got[t.enriched])
    assert w.proc.poll() is None
    assert not restarts(w), restarts(w)  # no stage process had to be restarted


def test_republished_text_gets_reports_but_no_second_events(capped_worker: RunningWorker) -> None:
    w, t = capped_worker, capped_worker.topics
    (seed,) = list(read_path(SEED))
    first = seed.model_copy(update={"id": "herald-1"})  # type: ignore[union-attr]
    copy = seed.model_copy(update={"id": "herald-1-syndicated", "source": "another feed"})  # type: ignore[union-attr]
    run(produce(w.bootstrap, t.raw, [(b"herald-1", encode(first))]))
    got = run(collect(w.bootstrap, [t.enriched], until=lambda g: any(
        r["article_id"] == "herald-1" for r in g[t.enriched]), wait_s=180))
    run(produce(w.bootstrap, t.raw, [(b"herald-1", encode(first)), (b"herald-1-syndicated", encode(copy))]))

    def done(g: dict[str, list[dict]]) -> bool:  # type: ignore[type-arg]
        ids = [r["article_id"] for r in g[t.enriched]]
        return ids.count("herald-1") >= 2 and "herald-1-syndicated" in ids

    got = run(collect(w.bootstrap, [t.enriched, t.events], until=done, wait_s=180))
    time.sleep(2)
    got = run(collect(w.bootstrap, [t.enriched, t.events], until=lambda g: False, wait_s=3))
    reports = {r["article_id"]: r for r in got[t.enriched]}
    want = sorted(e["event_id"] for e in reports["herald-1"]["events"])
    assert want, "the seed article reports strike events"
    assert sorted(e["event_id"] for e in reports["herald-1-syndicated"]["events"]) == want
    assert reports["herald-1-syndicated"]["is_strike"] is True
    on_topic = [e for e in got[t.events] if e["article_id"] in ("herald-1", "herald-1-syndicated")]
    assert sorted(e["event_id"] for e in on_topic) == want  # each event once, none for the copy


def _listening_on(port: int) -> set[str]:
    """Local addresses with a socket listening on ``port`` (from /proc/net/tcp and tcp6)."""
    out = set()
    for name in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(name) as fh:
            for line in fh.readlines()[1:]:
                local, state = line.split()[1], line.split()[3]
                addr, _, hexport = local.rpartition(":")
                if state == "0A" and int(hexport, 16) == port:
                    out.add(addr)
    return out


def test_web_endpoints_bind_loopback_and_are_read_only(capped_worker: RunningWorker) -> None:
    w = capped_worker
    ports = {"alert": w.web_port, "clean": w.web_port + 1, "entities": w.web_port + 2, "detect": w.web_port + 3}
    deadline = time.monotonic() + 120
    for stage, port in ports.items():
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as resp:
                    assert resp.status == 200
                    break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        assert _listening_on(port) == {"0100007F"}, f"{stage} web server must bind 127.0.0.1 only"
        for path in ("/", "/healthz", "/metrics", "/api/summary", "/api/rules", "/api/events", "/router/",
                     "/graph/", "/table/x/"):
            for method in ("POST", "PUT", "DELETE", "PATCH"):
                req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=b"{}", method=method)
                with pytest.raises(urllib.error.HTTPError) as err:
                    urllib.request.urlopen(req, timeout=5)
                assert err.value.code in (404, 405), f"{method} {path} on {stage}: {err.value.code}"
        req = urllib.request.Request(f"http://127.0.0.1:{port}/healthz", data=b"{}", method="POST")
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(req, timeout=5)
        assert err.value.code == 405


# ---------------------------------------------------------------------------------------- exactly_once


def test_exactly_once_runs_on_the_single_node_broker(kafka_bootstrap: str, tmp_path: Path) -> None:
    """Transactions work on the one-node broker (what they add is in docs/reliability.md)."""
    w = start_worker(kafka_bootstrap, tmp_path, extra_env={"STRIKEWIRE_PROCESSING_GUARANTEE": "exactly_once"})
    t = w.topics
    records = _articles(60, "eos") + [(b"eos-poison", b"{not json")]
    ids = {k.decode() for k, _ in records if k != b"eos-poison"}

    async def read_committed() -> tuple[set[str], list[dict]]:  # type: ignore[type-arg]
        consumer = AIOKafkaConsumer(t.enriched, t.deadletter, bootstrap_servers=kafka_bootstrap, group_id=None,
                                    auto_offset_reset="earliest", isolation_level="read_committed")
        await consumer.start()
        reports: set[str] = set()
        dead: list[dict] = []  # type: ignore[type-arg]
        try:
            deadline = time.monotonic() + 240
            while time.monotonic() < deadline and not (ids <= reports and dead):
                for tp, recs in (await consumer.getmany(timeout_ms=500)).items():
                    for rec in recs:
                        obj = orjson.loads(rec.value or b"{}")
                        if tp.topic == t.enriched:
                            reports.add(obj["article_id"])
                        else:
                            dead.append(obj)
            return reports, dead
        finally:
            await consumer.stop()

    try:
        run(produce(kafka_bootstrap, t.raw, records))
        reports, dead = asyncio.run(read_committed())
        assert ids <= reports, w.log_tail()
        assert [d["reason"] for d in dead] == ["invalid_json"]
        assert "transactional producers" in w.log_path.read_text(errors="replace")
    finally:
        stop_worker(w)

