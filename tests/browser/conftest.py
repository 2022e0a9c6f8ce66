"""Browser-test fixtures: Debian's headless Chromium driven by Selenium, and process helpers.

Why: the dashboard is only proven by a real browser rendering what arrives over Server-Sent Events from
real topics. Chromium and chromedriver come from Debian (``apt-get install chromium chromium-driver``,
``make browser-deps``); Selenium is told exactly where both are, so it never downloads a browser or a
driver of its own. The flags keep Chromium from reaching for the network (the machines are offline).
Screenshots go to ``test-output/browser/`` (or ``$STRIKEWIRE_TEST_OUTPUT/browser``).
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import pytest

from bench import ports

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("STRIKEWIRE_CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("STRIKEWIRE_CHROMEDRIVER", "/usr/bin/chromedriver"))
CHROMIUM_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--window-size=1600,1100", "--force-device-scale-factor=1",
)


@pytest.fixture(scope="session")
def output_dir() -> Path:
    """Where screenshots are kept after the run (gitignored ``test-output/``)."""
    base = Path(os.environ.get("STRIKEWIRE_TEST_OUTPUT", REPO / "test-output"))
    out = base / "browser"
    out.mkdir(parents=True, exist_ok=True)
    return out


@pytest.fixture(scope="session")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One headless Chromium for the session (fresh profile), driven through Debian's chromedriver."""
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        pytest.fail(f"{', '.join(missing)} missing: run `make browser-deps` "
                    "(apt-get install -y chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        opts.add_argument(flag)
    opts.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=opts)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def free_port(avoid: set[int] | None = None) -> int:
    while True:
        port = ports.worker_port_block()
        if not avoid or port not in avoid:
            return port


@dataclass
class Proc:
    """A child process whose output goes to a log file, shown when a test fails."""

    name: str
    proc: subprocess.Popen[bytes]
    log_path: Path

    def tail(self, n: int = 60) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return "<no log>"

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=45)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


def start(name: str, args: list[str], env: dict[str, str], log_dir: Path) -> Proc:
    log_path = log_dir / f"{name}.log"
    fh = log_path.open("wb")
    proc = subprocess.Popen([sys.executable, *args], env=env, stdout=fh, stderr=subprocess.STDOUT, cwd=REPO)
    return Proc(name, proc, log_path)


def deployment_env(bootstrap: str, tmp: Path, web_port: int) -> dict[str, str]:
    """Environment of a deployment of its own: unique topic prefix and app id (uuid)."""
    run = uuid.uuid4().hex[:10]
    return dict(
        os.environ,
        KAFKA_BOOTSTRAP_SERVERS=bootstrap,
        STRIKEWIRE_TOPIC_PREFIX=f"bt{run}.",
        STRIKEWIRE_APP_ID=f"strikewire-bt{run}",
        STRIKEWIRE_STATE_DIR=str(tmp / "state"),
        STRIKEWIRE_WEB_PORT=str(web_port),
        STRIKEWIRE_TOPIC_PARTITIONS="3",
        STRIKEWIRE_BATCH_WITHIN_S="0.05",
        PYTHONPATH=str(REPO),
    )


def wait_http(url: str, procs: list[Proc], timeout: float = 120.0) -> bytes:
    """GET ``url`` until it answers 200; fail early, with the logs, if a process died."""
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        for p in procs:
            if p.proc.poll() is not None:
                pytest.fail(f"{p.name} exited with {p.proc.returncode} while waiting for {url}:\n{p.tail()}")
        try:
            with urllib.request.urlopen(url, timeout=5) as resp:  # noqa: S310 (a loopback URL we built)
                if resp.status == 200:
                    return bytes(resp.read())
        except OSError as exc:
            last = exc
        time.sleep(0.5)
    pytest.fail(f"{url} did not answer in {timeout:.0f}s ({last}):\n" + "\n".join(p.tail() for p in procs))


def wait_until(what: str, check: Callable[[], Any], timeout: float, interval: float = 0.1) -> Any:
    """Poll ``check`` until it returns something truthy; fail saying ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        got = check()
        if got:
            return got
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.1f}s waiting for {what}")
        time.sleep(interval)


async def produce(bootstrap: str, topic: str, records: list[tuple[bytes, bytes]]) -> None:
    from aiokafka import AIOKafkaProducer

    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=5)
    await producer.start()
    try:
        futures = [await producer.send(topic, value=v, key=k) for k, v in records]
        for fut in futures:
            await fut
    finally:
        await producer.stop()


async def wait_for_record(bootstrap: str, topic: str, match: Callable[[dict[str, Any]], bool],
                          wait_s: float) -> dict[str, Any] | None:
    from aiokafka import AIOKafkaConsumer

    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, group_id=None, auto_offset_reset="earliest")
    await consumer.start()
    try:
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            for recs in (await consumer.getmany(timeout_ms=300)).values():
                for rec in recs:
                    obj = orjson.loads(rec.value)
                    if match(obj):
                        return dict(obj)
        return None
    finally:
        await consumer.stop()


def run(coro: Any) -> Any:
    return asyncio.run(coro)
