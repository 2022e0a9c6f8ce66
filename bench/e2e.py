"""End to end through a real broker: the service's worker, and the naive peer, as subprocesses.

Each run gets a topic prefix and app id of its own (uuid), so runs never share topics or consumer
groups and a broker someone else runs (``KAFKA_BOOTSTRAP_SERVERS``) is left as it was found, less
the topics this module deletes at the end. Workers are started exactly as users start them
(``python -m agents.cli worker --processes P``) and warmed up (model loaded, partitions assigned,
one batch through every stage) before anything is timed.

Times are ``time.time()`` on one machine: the publisher stamps ``ingested_at`` (``RawArticle``
carries it, ``ArticleReport`` passes it on) and the consumer of ``articles.enriched`` takes the
difference at arrival.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import resource
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from agents.cli import publish_articles
from agents.handlers import encode
from agents.topics import TopicNames
from bench import naive
from bench.ports import free_port, worker_port_block
from bench.procs import ProcInfo, all_cpu, cpu_seconds, descendants, machine_busy_seconds, stage_trees, tree_peak_mb
from schemas import RawArticle
from streams.settings import Settings

log = logging.getLogger(__name__)
REPO = Path(__file__).resolve().parents[1]
PARTITIONS = 6


@dataclass
class Arrival:
    arrived: float
    ingested_at: float | None
    is_strike: bool


@dataclass
class Collector:
    """Consumes a topic from the beginning and records the first arrival of each wanted article id."""

    bootstrap: str
    topic: str
    seen: dict[str, Arrival] = field(default_factory=dict)
    want: set[str] = field(default_factory=set)
    _consumer: AIOKafkaConsumer | None = None

    async def start(self) -> None:
        self._consumer = AIOKafkaConsumer(
            self.topic, bootstrap_servers=self.bootstrap, group_id=None, auto_offset_reset="earliest",
            enable_auto_commit=False, fetch_max_wait_ms=50, max_partition_fetch_bytes=4 * 1_048_576,
        )
        await self._consumer.start()

    async def stop(self) -> None:
        if self._consumer is not None:
            await self._consumer.stop()

    async def until_all(self, want: set[str], timeout_s: float) -> bool:
        """Consume until every id of ``want`` has arrived (True) or ``timeout_s`` passes (False)."""
        assert self._consumer is not None
        self.want |= want
        deadline = time.monotonic() + timeout_s
        while not want <= self.seen.keys():
            if time.monotonic() > deadline:
                return False
            batch = await self._consumer.getmany(timeout_ms=100, max_records=2000)
            now = time.time()
            for records in batch.values():
                for rec in records:
                    obj = orjson.loads(rec.value) if rec.value else {}
                    aid = obj.get("article_id")
                    if aid in self.want and aid not in self.seen:
                        self.seen[aid] = Arrival(now, obj.get("ingested_at"), bool(obj.get("is_strike")))
        return True


def with_ids(articles: Sequence[RawArticle], tag: str) -> list[RawArticle]:
    """The same articles under fresh ids (a run never matches an earlier run's reports)."""
    return [a.model_copy(update={"id": f"{tag}-{i:06d}", "ingested_at": None}) for i, a in enumerate(articles)]


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty sequence."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-q * len(ordered) // 100))))
    return ordered[rank - 1]


# ----------------------------------------------------------------------------------------------- worker
def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class CpuMeter:
    """CPU seconds each part used over a window: every stage's tree (the spaCy process of the entities
    stage apart), the broker, this process (publisher and consumer) and, from /proc/stat, everything
    else on the machine (other people's jobs on a shared machine show up there)."""

    def __init__(self, trees: Callable[[], dict[str, list[ProcInfo]]], extra: dict[str, int]) -> None:
        self.trees = trees
        self.extra = extra
        self._pids: dict[int, float] = {}
        self._all: dict[int, tuple[float, str]] = {}
        #: The busiest processes that are not ours over the window ("1.23s command line").
        self.others: list[str] = []

    def _parts(self) -> dict[str, list[int]]:
        parts: dict[str, list[int]] = {}
        for name, tree in self.trees().items():
            for info in tree:
                part = f"{name}/spacy" if "multiprocessing.spawn" in info.cmdline else name
                parts.setdefault(part, []).append(info.pid)
        for name, pid in self.extra.items():
            parts[name] = [pid]
        return parts

    def start(self) -> None:
        self._pids = {pid: cpu_seconds(pid) for pids in self._parts().values() for pid in pids}
        self._all = all_cpu()
        self._own = _own_cpu()
        self._machine = machine_busy_seconds()
        self._wall = time.monotonic()

    def stop(self) -> dict[str, float]:
        out = {
            part: round(sum(cpu_seconds(pid) - self._pids.get(pid, 0.0) for pid in pids), 2)
            for part, pids in sorted(self._parts().items())
        }
        out["bench (publisher, consumer)"] = round(_own_cpu() - self._own, 2)
        ours = sum(out.values())
        out["other processes on the machine"] = round(max(0.0, machine_busy_seconds() - self._machine - ours), 2)
        out["wall"] = round(time.monotonic() - self._wall, 2)
        mine = {pid for pids in self._parts().values() for pid in pids} | {os.getpid()}
        now = all_cpu()
        busiest = sorted(
            ((cpu - self._all.get(pid, (0.0, ""))[0], cmd) for pid, (cpu, cmd) in now.items() if pid not in mine),
            reverse=True,
        )
        self.others = [f"{used:.2f}s {cmd[:100]}" for used, cmd in busiest[:3] if used >= 0.05]
        return out


async def await_quiet(
    trees: Callable[[], dict[str, list[ProcInfo]]], extra_pids: dict[str, int], threshold: float, max_wait: float
) -> tuple[float, float]:
    """Wait (up to ``max_wait`` s) until processes that are not ours keep fewer than ``threshold`` cores busy.

    Ours (an idle worker, the broker) are measured and left out. Returns (seconds waited, other cores).
    """
    started = time.monotonic()
    while True:
        meter = CpuMeter(trees, extra_pids)
        meter.start()
        await asyncio.sleep(2.0)
        cpu = meter.stop()
        other = cpu["other processes on the machine"] / cpu["wall"]
        if other < threshold or time.monotonic() - started >= max_wait:
            return round(time.monotonic() - started, 1), round(other, 2)
        log.info("machine busy with other work (%.2f cores); waiting", other)
        await asyncio.sleep(3.0)


@dataclass
class Worker:
    """``strikewire worker --processes P`` on its own topics, as a subprocess."""

    bootstrap: str
    processes: int
    state_dir: Path
    run: str = field(default_factory=lambda: uuid.uuid4().hex[:8])
    proc: subprocess.Popen[bytes] | None = None
    web_port: int = 0

    @property
    def prefix(self) -> str:
        return f"bench{self.run}."

    @property
    def topics(self) -> TopicNames:
        return TopicNames(self.prefix)

    @property
    def log_path(self) -> Path:
        return self.state_dir / f"worker-{self.run}.log"

    def start(self) -> None:
        self.web_port = worker_port_block()
        env = dict(
            os.environ,
            KAFKA_BOOTSTRAP_SERVERS=self.bootstrap,
            STRIKEWIRE_TOPIC_PREFIX=self.prefix,
            STRIKEWIRE_APP_ID=f"strikewire-bench{self.run}",
            STRIKEWIRE_STATE_DIR=str(self.state_dir / self.run),
            STRIKEWIRE_WEB_PORT=str(self.web_port),
            STRIKEWIRE_TOPIC_PARTITIONS=str(PARTITIONS),
            PYTHONPATH=str(REPO),
        )
        fh = self.log_path.open("wb")
        cmd = [sys.executable, "-m", "agents.cli", "worker", "--processes", str(self.processes)]
        self.proc = subprocess.Popen(cmd, env=env, stdout=fh, stderr=subprocess.STDOUT, cwd=REPO)
        log.info("worker --processes %d started (pid %d, log %s)", self.processes, self.proc.pid, self.log_path)

    def entities_consumed(self) -> list[int]:
        """``consumed`` of each entities process (from its /healthz), -1 when it does not answer yet."""
        out = []
        for i in range(self.processes):
            url = f"http://127.0.0.1:{self.web_port + 2 + 10 * i}/healthz"
            try:
                with urllib.request.urlopen(url, timeout=2) as resp:
                    out.append(int(orjson.loads(resp.read()).get("consumed", 0)))
            except (OSError, ValueError):
                out.append(-1)
        return out

    def trees(self) -> dict[str, list[ProcInfo]]:
        assert self.proc is not None
        return stage_trees(self.proc.pid)

    def check_alive(self) -> None:
        if self.proc is not None and self.proc.poll() is not None:
            raise RuntimeError(f"worker exited with {self.proc.returncode}:\n{self.log_tail()}")

    def log_tail(self, n: int = 60) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return "<no log>"

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            for info in reversed(descendants(self.proc.pid)):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(info.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)


async def warm_up(worker: Worker, settings: Settings, warm: Sequence[RawArticle], timeout_s: float = 240) -> float:
    """Publish warm-up rounds until every entities process has consumed and all reports arrived."""
    started = time.monotonic()
    collector = Collector(worker.bootstrap, worker.topics.enriched)
    await collector.start()
    try:
        round_no = 0
        while True:
            worker.check_alive()
            batch = with_ids(warm, f"warm{round_no}")
            await publish_articles(settings, worker.bootstrap, batch, topic=worker.topics.raw, progress=False)
            left = timeout_s - (time.monotonic() - started)
            if left <= 0 or not await collector.until_all({a.id for a in batch if a.id}, left):
                worker.check_alive()
                raise TimeoutError(f"worker did not warm up in {timeout_s:.0f}s:\n{worker.log_tail()}")
            consumed = await asyncio.to_thread(worker.entities_consumed)
            if all(c > 0 for c in consumed):
                return time.monotonic() - started
            round_no += 1
    finally:
        await collector.stop()


async def max_throughput(
    worker: Worker, settings: Settings, articles: Sequence[RawArticle], *, extra_pids: dict[str, int],
    timeout_s: float = 1800,
) -> dict[str, Any]:
    """Publish all ``articles`` at once; time from the first send to the last report on enriched."""
    batch = with_ids(articles, f"tp{worker.processes}-{uuid.uuid4().hex[:6]}")
    collector = Collector(worker.bootstrap, worker.topics.enriched)
    await collector.start()
    meter = CpuMeter(worker.trees, extra_pids)
    meter.start()
    try:
        started = time.time()

        async def publish() -> float:
            await publish_articles(settings, worker.bootstrap, batch, topic=worker.topics.raw, progress=False)
            return time.time() - started

        publishing = asyncio.create_task(publish())
        ok = await collector.until_all({a.id for a in batch if a.id}, timeout_s)
        published_s = await publishing
        cpu = meter.stop()
    finally:
        await collector.stop()
    if not ok:
        raise TimeoutError(f"only {len(collector.seen)} of {len(batch)} reports arrived:\n{worker.log_tail()}")
    last = max(a.arrived for a in collector.seen.values())
    seconds = last - started
    return {
        "articles": len(batch),
        "seconds": round(seconds, 3),
        "articles_per_s": round(len(batch) / seconds, 2),
        "publish_seconds": round(published_s, 3),
        "strikes": sum(a.is_strike for a in collector.seen.values()),
        "cpu_seconds": cpu,
        "busiest_others": meter.others,
    }


async def paced_latency(
    worker: Worker, settings: Settings, articles: Sequence[RawArticle], rate: float, *, extra_pids: dict[str, int],
) -> dict[str, Any]:
    """Publish ``articles`` at a steady ``rate``; latency = arrival on enriched - ingested_at.

    The articles should be texts the worker has not seen: a repeated text takes the detect stage's
    dedup path (a report, no events), which is not the steady state being measured.
    """
    pool = with_ids(articles, f"lat-{uuid.uuid4().hex[:6]}")
    producer = AIOKafkaProducer(bootstrap_servers=worker.bootstrap, acks="all", enable_idempotence=True, linger_ms=5)
    collector = Collector(worker.bootstrap, worker.topics.enriched)
    await collector.start()
    await producer.start()
    meter = CpuMeter(worker.trees, extra_pids)
    meter.start()
    try:
        want = {a.id for a in pool if a.id}
        consume = asyncio.create_task(collector.until_all(want, len(pool) / rate + 600))
        started = time.monotonic()
        lag = 0.0
        for i, raw in enumerate(pool):
            delay = started + i / rate - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            else:
                lag = max(lag, -delay)
            raw = raw.model_copy(update={"ingested_at": time.time()})
            await producer.send(worker.topics.raw, value=encode(raw), key=(raw.id or "").encode())
        await producer.flush()
        sent_s = time.monotonic() - started
        ok = await consume
        cpu = meter.stop()
    finally:
        await producer.stop()
        await collector.stop()
    if not ok:
        raise TimeoutError(f"only {len(collector.seen)} of {len(pool)} reports arrived:\n{worker.log_tail()}")
    lat = [(a.arrived - a.ingested_at) * 1000 for a in collector.seen.values() if a.ingested_at is not None]
    return {
        "rate_per_s": round(rate, 2),
        "articles": len(pool),
        "publish_seconds": round(sent_s, 2),
        "publisher_max_lag_ms": round(lag * 1000, 1),
        "p50_ms": round(percentile(lat, 50), 1),
        "p95_ms": round(percentile(lat, 95), 1),
        "p99_ms": round(percentile(lat, 99), 1),
        "max_ms": round(max(lat), 1),
        "cpu_seconds": cpu,
        "busiest_others": meter.others,
    }


def worker_memory(worker: Worker) -> dict[str, Any]:
    """Peak RSS (VmHWM) of each stage's process tree, and which processes it counts."""
    out: dict[str, Any] = {}
    for name, tree in sorted(worker.trees().items()):
        out[name] = {"peak_rss_mb": tree_peak_mb(tree), "processes": len(tree)}
    return out


# ------------------------------------------------------------------------------------------------ naive
@dataclass
class NaivePeer:
    """The naive per-message Faust app (``bench.naive``) as a subprocess, on topics of its own."""

    bootstrap: str
    state_dir: Path
    model: str
    run: str = field(default_factory=lambda: uuid.uuid4().hex[:8])
    proc: subprocess.Popen[bytes] | None = None

    @property
    def prefix(self) -> str:
        return f"bench{self.run}."

    @property
    def raw(self) -> str:
        return self.prefix + naive.RAW

    @property
    def out(self) -> str:
        return self.prefix + naive.OUT

    @property
    def log_path(self) -> Path:
        return self.state_dir / f"naive-{self.run}.log"

    async def create_topics(self) -> None:
        admin = AIOKafkaAdminClient(bootstrap_servers=self.bootstrap)
        await admin.start()
        try:
            await admin.create_topics(
                [NewTopic(name=t, num_partitions=PARTITIONS, replication_factor=1) for t in (self.raw, self.out)]
            )
        finally:
            await admin.close()

    def start(self) -> None:
        cmd = [sys.executable, "-m", "bench.naive", "--bootstrap", self.bootstrap, "--prefix", self.prefix,
               "--model", self.model, "--web-port", str(free_port()),
               "--datadir", str(self.state_dir / f"naive-{self.run}")]
        fh = self.log_path.open("wb")
        env = dict(os.environ, PYTHONPATH=str(REPO))
        self.proc = subprocess.Popen(cmd, env=env, stdout=fh, stderr=subprocess.STDOUT, cwd=REPO)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)

    def trees(self) -> dict[str, list[ProcInfo]]:
        return {"naive": descendants(self.proc.pid)} if self.proc else {}

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return "<no log>"


async def naive_warm_up(peer: NaivePeer, settings: Settings, warm: Sequence[RawArticle]) -> None:
    """Send a few articles through the naive app and wait for them (model loaded, partitions assigned)."""
    collector = Collector(peer.bootstrap, peer.out)
    await collector.start()
    try:
        batch = with_ids(warm, f"nwarm-{uuid.uuid4().hex[:6]}")
        await publish_articles(settings, peer.bootstrap, batch, topic=peer.raw, progress=False)
        if not await collector.until_all({a.id for a in batch if a.id}, 300):
            raise TimeoutError(f"naive peer did not warm up:\n{peer.log_tail()}")
    finally:
        await collector.stop()


async def naive_throughput(
    peer: NaivePeer, settings: Settings, articles: Sequence[RawArticle], *, extra_pids: dict[str, int],
) -> dict[str, Any]:
    """Publish ``articles`` to the (warm) naive app at once and time until every output arrived."""
    batch = with_ids(articles, f"naive-{uuid.uuid4().hex[:6]}")
    collector = Collector(peer.bootstrap, peer.out)
    await collector.start()
    meter = CpuMeter(peer.trees, extra_pids)
    meter.start()
    try:
        started = time.time()
        publish = asyncio.create_task(
            publish_articles(settings, peer.bootstrap, batch, topic=peer.raw, progress=False)
        )
        ok = await collector.until_all({a.id for a in batch if a.id}, 1800)
        await publish
        cpu = meter.stop()
    finally:
        await collector.stop()
    if not ok:
        raise TimeoutError(f"naive: only {len(collector.seen)} of {len(batch)} arrived:\n{peer.log_tail()}")
    seconds = max(collector.seen[a.id].arrived for a in batch if a.id) - started
    memory = tree_peak_mb(descendants(peer.proc.pid)) if peer.proc else 0.0
    return {
        "articles": len(batch),
        "seconds": round(seconds, 3),
        "articles_per_s": round(len(batch) / seconds, 2),
        "peak_rss_mb": memory,
        "cpu_seconds": cpu,
        "busiest_others": meter.others,
    }


async def delete_topics(bootstrap: str, prefixes: Sequence[str]) -> None:
    """Best effort: remove the topics of this benchmark's runs (they carry unique prefixes)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    try:
        await admin.start()
        names = [t for t in await admin.list_topics() if any(t.startswith(p) for p in prefixes)]
        if names:
            await admin.delete_topics(names)
    except Exception as exc:  # cleanup must never hide the figures
        log.warning("could not delete benchmark topics: %s", exc)
    finally:
        with contextlib.suppress(Exception):
            await admin.close()

