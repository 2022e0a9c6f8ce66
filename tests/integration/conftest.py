"""Integration fixtures: a real worker (all stages, subprocesses) on the session's real broker.

The worker runs as ``python -m agents.cli worker`` exactly as users run it, with a topic prefix and
app id of its own (uuid) so tests never see each other's messages or consumer groups. Its log is
captured to a file and printed when a test fails.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from agents.topics import TopicNames
from bench import ports

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    return ports.free_port()


@dataclass
class RunningWorker:
    bootstrap: str
    topics: TopicNames
    env: dict[str, str]
    web_port: int
    log_path: Path
    proc: subprocess.Popen[bytes]

    def log_tail(self, n: int = 80) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return "<no worker log>"


def start_worker(bootstrap: str, tmp: Path, *, extra_env: dict[str, str] | None = None,
                 args: tuple[str, ...] = (), run_id: str | None = None) -> RunningWorker:
    """``strikewire worker [args]`` with a topic prefix and app id of its own (``run_id``: the same again)."""
    run = run_id or uuid.uuid4().hex[:10]
    web_port = ports.worker_port_block()
    env = dict(
        os.environ,
        KAFKA_BOOTSTRAP_SERVERS=bootstrap,
        STRIKEWIRE_TOPIC_PREFIX=f"it{run}.",
        STRIKEWIRE_APP_ID=f"strikewire-it{run}",
        STRIKEWIRE_STATE_DIR=str(tmp / "state"),
        STRIKEWIRE_WEB_PORT=str(web_port),
        STRIKEWIRE_TOPIC_PARTITIONS="3",
        STRIKEWIRE_BATCH_WITHIN_S="0.05",
        PYTHONPATH=str(REPO),
        **(extra_env or {}),
    )
    log_path = tmp / "worker.log"
    fh = log_path.open("ab")
    proc = subprocess.Popen([sys.executable, "-m", "agents.cli", "worker", *args], env=env, stdout=fh,
                            stderr=subprocess.STDOUT, cwd=REPO)
    return RunningWorker(bootstrap, TopicNames(f"it{run}."), env, web_port, log_path, proc)


def stop_worker(worker: RunningWorker) -> None:
    if worker.proc.poll() is None:
        worker.proc.send_signal(signal.SIGTERM)
        try:
            worker.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            worker.proc.kill()


@pytest.fixture(scope="module")
def worker(kafka_bootstrap: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningWorker]:
    """All stages running against the session broker, with topics of their own."""
    w = start_worker(kafka_bootstrap, tmp_path_factory.mktemp("worker"))
    yield w
    stop_worker(w)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    report = yield
    if report.failed and "worker" in getattr(item, "fixturenames", ()):
        w = item.funcargs.get("worker") if hasattr(item, "funcargs") else None
        if isinstance(w, RunningWorker):
            report.sections.append(("worker log (tail)", w.log_tail()))
    return report


async def produce(bootstrap: str, topic: str, records: list[tuple[bytes | None, bytes]]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True)
    await producer.start()
    try:
        for key, value in records:
            await producer.send_and_wait(topic, value=value, key=key)
    finally:
        await producer.stop()


async def collect(
    bootstrap: str, topics: list[str], *, until: object, wait_s: float = 120.0
) -> dict[str, list[dict]]:  # type: ignore[type-arg]
    """Consume ``topics`` from the beginning until ``until(collected)`` is true or ``timeout``."""
    consumer = AIOKafkaConsumer(*topics, bootstrap_servers=bootstrap, group_id=None, auto_offset_reset="earliest")
    await consumer.start()
    got: dict[str, list[dict]] = {t: [] for t in topics}  # type: ignore[type-arg]
    deadline = time.monotonic() + wait_s
    try:
        while time.monotonic() < deadline:
            batch = await consumer.getmany(timeout_ms=300)
            for tp, recs in batch.items():
                for rec in recs:
                    got[tp.topic].append(orjson.loads(rec.value))
            if until(got):  # type: ignore[operator]
                break
        return got
    finally:
        await consumer.stop()


def run(coro):  # type: ignore[no-untyped-def]
    return asyncio.run(coro)
