"""``strikewire demo``: the whole service on one machine, showing the samples' strike events.

Starts the local broker unless ``KAFKA_BOOTSTRAP_SERVERS`` is set, starts the worker (all stages),
publishes the shipped sample wire copy, and prints every report and strike event as it arrives on the
output topics, like a dashboard would see them. ``--once`` exits after every sample's report arrived
(for scripts), stopping what it started.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import orjson

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


async def _watch(settings: Settings, bootstrap: str, want: set[str], since: float, once: bool, wait_s: float) -> int:
    from aiokafka import AIOKafkaConsumer

    from agents.kafka_client import aiokafka_security
    from agents.topics import TopicNames

    names = TopicNames(settings.topic_prefix)
    consumer = AIOKafkaConsumer(
        names.enriched, names.deadletter, bootstrap_servers=bootstrap, group_id=None,
        auto_offset_reset="earliest", **aiokafka_security(settings),
    )
    await consumer.start()
    seen: set[str] = set()
    deadline = time.monotonic() + wait_s
    try:
        while not (once and want <= seen):
            if once and time.monotonic() > deadline:
                print(f"demo: timed out; missing reports for {sorted(want - seen)}", file=sys.stderr)
                return 1
            batch = await consumer.getmany(timeout_ms=500)
            for tp, records in batch.items():
                for rec in records:
                    obj = orjson.loads(rec.value)
                    if tp.topic == names.deadletter:
                        if (obj.get("failed_at") or 0) >= since:
                            print(f"DEAD-LETTER {obj.get('article_id')}: {obj.get('reason')}: {obj.get('message')}")
                        continue
                    if obj.get("article_id") not in want or (obj.get("ingested_at") or 0) < since:
                        continue
                    seen.add(obj["article_id"])
                    flag = "strike" if obj.get("is_strike") else "no strike"
                    print(f"REPORT {obj['article_id']}: {flag}, {len(obj.get('events') or [])} event(s)"
                          f"  [{obj.get('title') or ''}]")
                    for event in obj.get("events") or []:
                        print(describe_event(event))
                        print("    json     : " + orjson.dumps(event).decode()[:4000])
                    sys.stdout.flush()
        print(f"demo: all {len(want)} sample reports arrived", file=sys.stderr)
        return 0
    finally:
        await consumer.stop()


def run_demo(settings: Settings, *, once: bool, samples: Path, timeout: float) -> int:
    from agents import localkafka
    from agents.admin import create_topics
    from agents.cli import publish_articles
    from agents.topics import TopicNames

    started_broker = False
    if settings.kafka_bootstrap_servers:
        bootstrap = settings.kafka_bootstrap_servers
    else:
        st = localkafka.status(localkafka.default_state_dir(settings))
        if st and st.get("running"):
            bootstrap = str(st["bootstrap"])
        else:
            print("demo: starting the local Kafka broker ...", file=sys.stderr)
            bootstrap = localkafka.up(localkafka.default_state_dir(settings))
            started_broker = True
    print(f"demo: broker at {bootstrap}", file=sys.stderr)
    asyncio.run(create_topics(settings, bootstrap))
    articles = [a for a in read_paths([samples]) if isinstance(a, RawArticle)]
    skipped = [a for a in read_paths([samples]) if isinstance(a, ReadError)]
    for s in skipped:
        log.debug("not an article: %s (%s)", s.where, s.reason)
    articles = [a for a in articles if not (a.meta.get("file") or "").lower().endswith(".md")]
    from streams.clean import clean

    want = {clean(a).id for a in articles}
    env = dict(os.environ, KAFKA_BOOTSTRAP_SERVERS=bootstrap)
    worker = subprocess.Popen([sys.executable, "-m", "agents.cli", "worker"], env=env)
    code = 1
    try:
        since = time.time()
        sent = asyncio.run(publish_articles(settings, bootstrap, articles,
                                            topic=TopicNames(settings.topic_prefix).raw, progress=False))
        print(f"demo: published {sent} sample article(s); waiting for reports (Ctrl-C to stop)", file=sys.stderr)
        with contextlib.suppress(KeyboardInterrupt):
            code = asyncio.run(_watch(settings, bootstrap, want, since - 1, once, timeout))
            if not once:
                code = 0
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=60)
        except subprocess.TimeoutExpired:
            worker.kill()
        if started_broker:
            localkafka.down(localkafka.default_state_dir(settings))
    return code
