"""``strikewire demo``: the whole service on one machine, showing the samples' strike events.

Starts the local broker unless ``KAFKA_BOOTSTRAP_SERVERS`` is set, starts the worker (all stages),
waits until it is ready, publishes the shipped sample wire copy, and prints every report and strike event
as it arrives on the output topics, then a one-line summary. A newcomer sees those few lines (at most 60
for the samples); every process's logs go to files under ``<state_dir>/logs/`` that the demo names, and
``--verbose`` shows them live as well. ``--once`` exits after every sample's report arrived (for
scripts), stopping what it started.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import orjson

from agents.console import ReadyWatch, log_dir, log_to_file, say
from schemas import RawArticle
from streams.readers import ReadError, read_paths
from streams.settings import Settings
from streams.wording import claim_phrase

log = logging.getLogger(__name__)


def describe_event(event: dict[str, Any]) -> str:
    def names(key: str, field: str) -> str:
        return ", ".join(str(x.get(field)) for x in event.get(key) or []) or "-"

    claims = "; ".join(claim_phrase(c) for c in event.get("casualties") or [])
    bases = ", ".join(
        b["name"] + (f" ({b['country']})" if b.get("country") else "") for b in event.get("bases") or []
    )
    return (
        f"  STRIKE {event.get('event_id')}  actor={event.get('actor') or '-'}\n"
        f"    aircraft : {names('aircraft', 'designation')}\n"
        f"    bases    : {bases or '-'}\n"
        f"    provinces: {names('provinces', 'code')}\n"
        f"    claims   : {claims or '-'}"
        + (f"   killed_min={event['killed_min']}" if event.get("killed_min") is not None else "")
    )


@dataclass
class _Tally:
    """What the demo saw, for its one-line summary."""

    reports: set[str] = field(default_factory=set)
    strikes: int = 0
    events: int = 0
    dead: int = 0


async def _watch(settings: Settings, bootstrap: str, want: set[str], since: float, once: bool, wait_s: float,
                 tally: _Tally) -> int:
    from aiokafka import AIOKafkaConsumer

    from agents.kafka_client import aiokafka_security
    from agents.topics import TopicNames

    names = TopicNames(settings.topic_prefix)
    consumer = AIOKafkaConsumer(
        names.enriched, names.deadletter, bootstrap_servers=bootstrap, group_id=None,
        auto_offset_reset="earliest", **aiokafka_security(settings),
    )
    await consumer.start()
    seen = tally.reports
    deadline = time.monotonic() + wait_s
    try:
        while not (once and want <= seen):
            if once and time.monotonic() > deadline:
                say(f"demo: timed out after {wait_s:.0f}s; missing reports for {sorted(want - seen)}")
                return 1
            batch = await consumer.getmany(timeout_ms=500)
            for tp, records in batch.items():
                for rec in records:
                    obj = orjson.loads(rec.value)
                    if tp.topic == names.deadletter:
                        if (obj.get("failed_at") or 0) >= since:
                            tally.dead += 1
                            print(f"DEAD-LETTER {obj.get('article_id')}: {obj.get('reason')}: {obj.get('message')}")
                        continue
                    if obj.get("article_id") not in want or (obj.get("ingested_at") or 0) < since:
                        continue
                    seen.add(obj["article_id"])
                    events = obj.get("events") or []
                    tally.strikes += bool(obj.get("is_strike"))
                    tally.events += len(events)
                    flag = "strike" if obj.get("is_strike") else "no strike"
                    print(f"REPORT {obj['article_id']}: {flag}, {len(events)} event(s)  [{obj.get('title') or ''}]")
                    for event in events:
                        print(describe_event(event))
                    sys.stdout.flush()
        return 0
    finally:
        await consumer.stop()


def _pump(source: IO[bytes], sink: Path, echo: bool) -> None:
    """Copy a child's output into its log file (and to the terminal with --verbose) as it comes."""
    with sink.open("ab") as fh:
        for chunk in iter(source.readline, b""):
            fh.write(chunk)
            fh.flush()
            if echo:
                sys.stderr.buffer.write(chunk)
                sys.stderr.flush()


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "<no log>"


def _demo_broker(settings: Settings, kafka_log: Path) -> tuple[str, bool]:
    """The broker the demo uses: KAFKA_BOOTSTRAP_SERVERS, the running local one, or a local one started now
    (then True: the demo stops it at the end)."""
    from agents import localkafka

    if settings.kafka_bootstrap_servers:
        say(f"demo: broker at {settings.kafka_bootstrap_servers} (KAFKA_BOOTSTRAP_SERVERS)")
        return settings.kafka_bootstrap_servers, False
    state = localkafka.default_state_dir(settings)
    st = localkafka.status(state)
    started = False
    if st and st.get("running"):
        bootstrap, how = str(st["bootstrap"]), "already running"
    else:
        say("demo: starting the local Kafka broker ...")
        bootstrap, how, started = localkafka.up(state), "started", True
    # The broker keeps its log beside its data; a link puts it with the others.
    with contextlib.suppress(OSError):
        kafka_log.unlink(missing_ok=True)
        kafka_log.symlink_to(localkafka.log_path(state).resolve())
    say(f"demo: broker up at {bootstrap} ({how}; log {kafka_log})")
    return bootstrap, started


def run_demo(settings: Settings, *, once: bool, samples: Path, timeout: float, verbose: bool = False) -> int:
    """Broker, worker, samples; a few lines of its own on stderr and each report on stdout as it arrives."""
    from agents import localkafka
    from agents.admin import create_topics
    from agents.cli import publish_articles
    from agents.topics import TopicNames
    from agents.worker import ALL_STAGES

    began = time.monotonic()
    logs = log_dir(settings)
    demo_log, worker_log, kafka_log = logs / "demo.log", logs / "worker.log", logs / "kafka.log"
    if not verbose:
        log_to_file(demo_log, settings.log_level)
    bootstrap, started_broker = _demo_broker(settings, kafka_log)
    asyncio.run(create_topics(settings, bootstrap))
    articles = [a for a in read_paths([samples]) if isinstance(a, RawArticle)]
    skipped = [a for a in read_paths([samples]) if isinstance(a, ReadError)]
    for s in skipped:
        log.debug("not an article: %s (%s)", s.where, s.reason)
    articles = [a for a in articles if not (a.meta.get("file") or "").lower().endswith(".md")]
    from streams.clean import clean

    want = {clean(a).id for a in articles}
    env = dict(os.environ, KAFKA_BOOTSTRAP_SERVERS=bootstrap)
    worker_log.write_bytes(b"")
    say(f"demo: starting the worker (log {worker_log}) ...")
    worker = subprocess.Popen([sys.executable, "-m", "agents.cli", "worker"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert worker.stdout is not None
    pump = threading.Thread(target=_pump, args=(worker.stdout, worker_log, verbose), daemon=True)
    pump.start()
    code = 1
    tally = _Tally()
    try:
        watch = ReadyWatch(worker_log)
        ready_by = time.monotonic() + timeout
        while watch.poll() < len(ALL_STAGES):
            if worker.poll() is not None or time.monotonic() > ready_by:
                why = f"exited with code {worker.returncode}" if worker.returncode is not None else "is not ready"
                say(f"demo: the worker {why}; the end of {worker_log}:\n{_tail(worker_log)}")
                return 1
            time.sleep(0.3)
        say(f"demo: worker ready ({len(ALL_STAGES)} stage processes) after {time.monotonic() - began:.0f}s; "
            f"dashboard http://{settings.web_host}:{settings.web_port}/")
        since = time.time()
        raw_topic = TopicNames(settings.topic_prefix).raw
        sent = asyncio.run(publish_articles(settings, bootstrap, articles, topic=raw_topic, progress=False))
        say(f"demo: published {sent} sample articles to {raw_topic}; reports follow as they arrive"
            + ("" if once else " (Ctrl-C to stop)"))
        with contextlib.suppress(KeyboardInterrupt):
            code = asyncio.run(_watch(settings, bootstrap, want, since - 1, once, timeout, tally))
            if not once:
                code = 0
        say(f"demo: {len(tally.reports)} of {len(want)} reports ({tally.strikes} strikes, {tally.events} events), "
            f"{tally.dead} dead letters in {time.monotonic() - began:.0f}s; logs: {demo_log.name}, "
            f"{worker_log.name}{', ' + kafka_log.name if kafka_log.exists() else ''} in {logs}")
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=60)
        except subprocess.TimeoutExpired:
            worker.kill()
        pump.join(timeout=5)
        if started_broker:
            localkafka.down(localkafka.default_state_dir(settings))
    return code
