"""The chaos run: articles and poison through the real worker while its processes and the broker die.

``make chaos`` (``python -m bench.chaos``) starts a broker of its own (``agents.localkafka``, in a
temporary state directory), the full worker (``python -m agents.cli worker``: the supervisor and one
process per stage), publishes synthetic wire copy with a share of poison of every kind the clean stage
refuses, and while the articles flow kills stage processes with SIGKILL and restarts the broker. It then
checks, from the output topics alone:

* lost: valid articles (by id) with no report on ``articles.enriched``;
* unaccounted: poison records with no dead letter of the expected reason on ``articles.deadletter``;
* duplicates: distinct events on ``strikes.events`` that are the same event (the same text's event with
  the same evidence, places and aircraft) under different event ids, after dropping re-deliveries of one
  event id; the raw re-deliveries (records minus distinct event ids) are printed separately;
* that every event a report names is on ``strikes.events`` (dedup suppresses repeats, never first events);
* incidents: every distinct event is in exactly one live incident on ``strikes.incidents`` (none lost, none
  in two), and no incident's record ever holds fewer events than its previous one (state reset after a kill);
* that every stage committed everything it drained (a stage that processes but stopped committing is
  the quiet Faust death this run is looking for);
* that every stage process is alive again at the end (the supervisor restarted the killed ones with
  nobody's help), and how long everything took to drain.

Re-publications are part of the mix: some valid articles are published twice with the same id, some
again under a new id with the same text (a second feed carrying the same agency story); neither may
produce new events.

The last line of stdout is the summary for scripts::

    chaos: articles=20000 poison=400 lost=0 unaccounted=0 duplicates=0 redeliveries=N drain_s=S

Exit status 0 only when lost, unaccounted and duplicates are 0 and every stage recovered. Everything
else (the chaos actions, restarts seen, per-reason counts) goes to stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.errors import KafkaError

from agents import localkafka
from agents.topics import TopicNames
from agents.topology import BY_NAME, NAMES
from bench.ports import worker_port_block

REPO = Path(__file__).resolve().parents[1]
log = logging.getLogger("chaos")

STAGES = NAMES  # every stage of the stage table (agents/topology.py), the fuse stage included
POISON_KINDS = (
    "undecodable_bytes",
    "invalid_json",
    "wrong_schema",
    "empty_text",
    "too_large",
    "binary_content",
    "unsupported_language",
)

# ------------------------------------------------------------------------------------- synthetic wire copy

_FIRST = "Amina Carlos Dmitri Elena Farid Grace Hassan Ingrid Jonas Keiko Luis Maria Nadia Omar Priya Rafael".split()
_LAST = "Okafor Mendes Ivanov Rossi Haddad Lindqvist Tanaka Garcia Novak Chen Mensah Kowalski Duarte Ahmed".split()
_CITIES = "Lisbon Nairobi Ottawa Jakarta Lima Oslo Accra Hanoi Quito Tbilisi Dakar Manila Porto Tallinn".split()
_ORGS = ["the central bank", "the finance ministry", "the city council", "the health ministry", "parliament",
         "the national statistics office", "the transport authority", "the supreme court", "the electoral commission",
         "the teachers' union", "the chamber of commerce", "the port authority"]
_TOPICS = ["the budget", "a new rail line", "fuel prices", "the hospital reform", "school funding", "a water project",
           "the pension plan", "a tax on imports", "the harvest", "a housing programme", "broadband coverage"]
_SPORT = ["the league final", "a cup tie", "the marathon", "a qualifying match", "the rowing regatta", "the derby"]
_WEATHER = ["heavy rain", "a heatwave", "strong winds", "an early frost", "coastal flooding", "a dust storm"]

_PARAGRAPHS = [
    "{org} said on {day} that it would review {topic} after {n} months of consultations, a spokesperson told "
    "reporters in {city}.",
    "\"We have listened to the concerns of residents and businesses,\" said {person}, who has led the talks since "
    "{year}. \"The proposal is not final, but it is a step in the right direction.\"",
    "Analysts at a {city} research group estimated the cost at {n}.{m} billion, and said the plan would take at "
    "least {k} years to complete if it was approved by {org}.",
    "Opposition members criticised the timing of the announcement, saying {topic} had been delayed for years and "
    "that {n} per cent of voters wanted a decision before the end of the year.",
    "In {city}, {weather} disrupted traffic on {day}, and the weather service said the conditions would last until "
    "the weekend. Officials urged drivers to avoid the coastal road.",
    "{person} scored twice as the home side won {sport} {k}-{m} in front of {n},{m}00 supporters, extending an "
    "unbeaten run that began in {year}.",
    "The index closed {m}.{k} per cent higher on {day}, led by shares of energy and telecoms companies, while the "
    "currency held steady against the dollar in {city} trading.",
    "Police in {city} said {k} people had been detained after a protest over {topic}. The demonstration was largely "
    "peaceful, according to a statement from {org}.",
    "The report, published by {org}, found that {n} per cent of households had cut spending on food and energy, "
    "the highest share since records began in {year}.",
    "{person}, a farmer near {city}, said the season had been difficult. \"We planted late because of {weather}, "
    "and now the prices are lower than last year,\" he said.",
]

# (town, province name as the text gives it) pairs the gazetteer knows; aircraft designations it knows.
_STRIKE_PLACES = [("Idlib", "Idlib province"), ("Ariha", "Idlib province"), ("Marib", "Marib governorate"),
                  ("Saada", "Saada governorate"), ("Kharkiv", "Kharkiv region"), ("Mosul", "Nineveh province"),
                  ("Deir ez-Zor", "Deir ez-Zor province"), ("Kunduz", "Kunduz province")]
_STRIKE_ACTORS = [("Russian", "Su-34"), ("Russian", "Su-25"), ("Syrian", "MiG-23"), ("Saudi-led coalition", "F-15"),
                  ("U.S.", "MQ-9 Reaper"), ("Iraqi", "F-16"), ("Turkish", "Bayraktar TB2")]
_STRIKE_LEDES = [
    "{actor} {aircraft} warplanes struck {town} in {province} on {day}, killing {k} civilians, a monitoring group "
    "and local officials said.",
    "An air strike by {actor} {aircraft} jets hit a market in {town}, {province}, on {day}, killing at least {k} "
    "people and wounding {n} others, rescue workers said.",
    "A drone strike carried out by a {actor} {aircraft} killed {k} fighters near {town} in {province} on {day}, "
    "according to a statement from the local authorities.",
]


@dataclass
class Record:
    """One message of the run: what is published and what must come out of it."""

    key: bytes
    value: bytes
    kind: str  # "article" or a poison reason
    article_id: str | None = None
    group: str | None = None  # the id of the first article with this text (re-publications share it)


def _fill(template: str, rng: random.Random) -> str:
    return template.format(
        org=rng.choice(_ORGS), day=rng.choice("Monday Tuesday Wednesday Thursday Friday".split()),
        topic=rng.choice(_TOPICS), n=rng.randint(3, 95), m=rng.randint(1, 9), k=rng.randint(2, 9),
        city=rng.choice(_CITIES), person=f"{rng.choice(_FIRST)} {rng.choice(_LAST)}", year=rng.randint(1995, 2024),
        weather=rng.choice(_WEATHER), sport=rng.choice(_SPORT),
    )


def wire_article(i: int, rng: random.Random, *, strike: bool) -> dict[str, Any]:
    """A synthetic agency story of 4-10 paragraphs (about 1.5-4 KB); a strike report when ``strike``."""
    paras = [_fill(rng.choice(_PARAGRAPHS), rng) for _ in range(rng.randint(4, 10))]
    title = f"{rng.choice(_CITIES)}: {rng.choice(_TOPICS)} under review"
    if strike:
        actor, aircraft = rng.choice(_STRIKE_ACTORS)
        town, province = rng.choice(_STRIKE_PLACES)
        lede = rng.choice(_STRIKE_LEDES).format(actor=actor, aircraft=aircraft, town=town, province=province,
                                                day=rng.choice("Monday Tuesday Wednesday".split()),
                                                k=rng.randint(2, 40), n=rng.randint(2, 60))
        paras.insert(0, lede)
        title = f"Air strike kills civilians in {town}"
    # A dateline and a serial make every text unique, as real copy is.
    paras[0] = f"{rng.choice(_CITIES).upper()}, {rng.randint(1, 28)} May (Chaos Wire {i:06d}) - {paras[0]}"
    return {"id": f"chaos-{i:06d}", "title": title, "text": "\n\n".join(paras), "source": "Chaos Wire",
            "published": f"2026-05-{rng.randint(1, 28):02d}", "language": "en"}


def poison(kind: str, i: int, rng: random.Random, *, max_text_bytes: int) -> bytes:
    """One poison message of ``kind`` (a clean-stage dead-letter reason)."""
    pid = f"poison-{kind}-{i:06d}"
    if kind == "undecodable_bytes":
        return b'{"id": "' + pid.encode() + b'", "text": "caf\xe9 \xff\xfe\xfd not utf-8"}'
    if kind == "invalid_json":
        return rng.choice([b'{"id": "%s", "text": "unterminated' % pid.encode(), b"<html>not json</html>",
                           b'{"id": "%s", text: no quotes}' % pid.encode()])
    if kind == "wrong_schema":
        return rng.choice([orjson.dumps({"id": pid, "title": "no text field"}), orjson.dumps([pid, "a list"]),
                           orjson.dumps({"id": pid, "text": 12345})])
    if kind == "empty_text":
        return orjson.dumps({"id": pid, "text": rng.choice(["", "   \n\t ", "<p></p><div> </div>", "&nbsp;"])})
    if kind == "too_large":
        body = ("Officials said the talks on the budget would resume next week. " * (max_text_bytes // 60 + 200))
        return orjson.dumps({"id": pid, "text": body})
    if kind == "binary_content":
        blob = bytes(rng.randrange(256) for _ in range(3000)).decode("latin-1")
        return orjson.dumps({"id": pid, "text": "\x89PNG\r\n\x1a\n\x00\x00" + blob})
    if kind == "unsupported_language":
        return rng.choice([
            orjson.dumps({"id": pid, "text": "Правительство заявило в понедельник, что бюджет будет пересмотрен "
                                              "после консультаций с регионами и профсоюзами. " * 3}),
            orjson.dumps({"id": pid, "language": "fr", "text": "Le gouvernement a annoncé lundi que le budget "
                                                                "serait révisé après des consultations. " * 3}),
        ])
    raise ValueError(kind)


def build_records(n: int, *, poison_rate: float, strike_rate: float, repeat_rate: float, seed: int,
                  max_text_bytes: int) -> list[Record]:
    """``n`` messages in publication order: articles, poison, and re-publications of earlier articles."""
    rng = random.Random(seed)
    n_poison = round(n * poison_rate)
    n_repeat = round(n * repeat_rate)
    n_articles = n - n_poison - n_repeat
    records: list[Record] = []
    for i in range(n_articles):
        art = wire_article(i, rng, strike=rng.random() < strike_rate)
        records.append(Record(art["id"].encode(), orjson.dumps(art), "article", art["id"], art["id"]))
    originals = list(records)
    # Re-publications: half with the same id (a feed re-sending), half with a new id (another feed's copy).
    for j in range(n_repeat):
        orig = rng.choice(originals)
        art = orjson.loads(orig.value)
        if j % 2:
            art["id"] = f"{orig.article_id}-copy{j}"
            art["source"] = "Second Wire"
        records.insert(rng.randrange(len(records) + 1),
                       Record(art["id"].encode(), orjson.dumps(art), "article", art["id"], orig.group))
    for j in range(n_poison):
        kind = POISON_KINDS[j % len(POISON_KINDS)]
        key = f"poison-{kind}-{j:06d}".encode()
        value = poison(kind, j, rng, max_text_bytes=max_text_bytes)
        records.insert(rng.randrange(len(records) + 1), Record(key, value, kind))
    # Repeats must come after their original to be repeats, not originals.
    seen: set[str] = set()
    ordered: list[Record] = []
    late: list[Record] = []
    for rec in records:
        if rec.kind == "article" and rec.group != rec.article_id and rec.group not in seen:
            late.append(rec)
            continue
        if rec.kind == "article" and rec.group == rec.article_id:
            seen.add(rec.group)
        ordered.append(rec)
    return ordered + late


# --------------------------------------------------------------------------------------------- the run


@dataclass
class Observed:
    """What the output topics said so far."""

    reports: Counter[str] = field(default_factory=Counter)
    report_events: set[str] = field(default_factory=set)
    dead: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    dead_stage: Counter[str] = field(default_factory=Counter)
    events: list[tuple[str, str, tuple[Any, ...]]] = field(default_factory=list)
    #: incident id -> (its latest record's events, merged_into); resets: a record with fewer events than the
    #: one before it for the same incident (state lost and rebuilt from nothing)
    incidents: dict[str, tuple[frozenset[str], str | None]] = field(default_factory=dict)
    incident_resets: int = 0


async def watch(bootstrap: str, topics: TopicNames, obs: Observed, stop: asyncio.Event) -> None:
    """Consume the output topics from the beginning into ``obs`` until ``stop`` (survives broker restarts)."""
    consumer = AIOKafkaConsumer(topics.enriched, topics.deadletter, topics.events, topics.incidents,
                                bootstrap_servers=bootstrap,
                                group_id=None, auto_offset_reset="earliest", enable_auto_commit=False,
                                isolation_level="read_committed",
                                max_partition_fetch_bytes=8 * 1024 * 1024, retry_backoff_ms=500)
    await consumer.start()
    try:
        while not stop.is_set():
            try:
                batch = await consumer.getmany(timeout_ms=500, max_records=5000)
            except KafkaError as exc:  # the broker restart is part of the run; keep the position and retry
                log.info("watcher: %r; retrying", exc)
                await asyncio.sleep(0.5)
                continue
            for tp, recs in batch.items():
                for rec in recs:
                    obj = orjson.loads(rec.value) if rec.value else {}
                    if tp.topic == topics.enriched:
                        obs.reports[obj["article_id"]] += 1
                        obs.report_events.update(e["event_id"] for e in obj.get("events", ()))
                    elif tp.topic == topics.incidents:
                        iid, events = obj["incident_id"], frozenset(obj.get("events") or ())
                        before = obs.incidents.get(iid)
                        if before is not None and not before[1] and len(events) < len(before[0]):
                            obs.incident_resets += 1
                        obs.incidents[iid] = (events, obj.get("merged_into"))
                    elif tp.topic == topics.deadletter:
                        key = obj.get("key") or obj.get("article_id") or ""
                        obs.dead[key].append(obj["reason"])
                        obs.dead_stage[f"{obj['stage']}:{obj['reason']}"] += 1
                    else:
                        ev = obj.get("evidence") or [{}]
                        signature = (ev[0].get("start"), ev[0].get("end"),
                                     tuple(sorted(p["code"] for p in obj.get("provinces", []))),
                                     tuple(sorted(a["designation"] for a in obj.get("aircraft", []))))
                        obs.events.append((obj["event_id"], obj["article_id"], signature))
    finally:
        await consumer.stop()


async def publish(bootstrap: str, topic: str, records: list[Record], max_bytes: int) -> float:
    """Send every record (retrying any send that fails, e.g. across a broker restart); return seconds taken."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True, linger_ms=20,
                                max_request_size=max_bytes, request_timeout_ms=30_000)
    await producer.start()
    started = time.monotonic()
    try:
        pending = list(records)
        while pending:
            futures = []
            retry = []
            for rec in pending:
                try:
                    futures.append((rec, await producer.send(topic, key=rec.key, value=rec.value)))
                except KafkaError as exc:  # e.g. no metadata while the broker restarts
                    log.warning("publish of %s failed (%r); resending", rec.key.decode(), exc)
                    retry.append(rec)
            for rec, fut in futures:
                try:
                    await fut
                except Exception as exc:  # resent; a duplicate is a re-publication the service must absorb
                    log.warning("publish of %s failed (%r); resending", rec.key.decode(), exc)
                    retry.append(rec)
            if retry:
                await asyncio.sleep(1.0)
            pending = retry
    finally:
        await producer.stop()
    return time.monotonic() - started


async def group_lag(bootstrap: str, app_id: str, topics: TopicNames) -> dict[str, int]:
    """Uncommitted records per stage's consumer group (end offset minus committed offset, summed)."""
    for attempt in range(10):
        try:
            return await _group_lag(bootstrap, app_id, topics)
        except KafkaError as exc:
            log.info("lag check: %r; retrying", exc)
            await asyncio.sleep(1.0 + attempt)
    return await _group_lag(bootstrap, app_id, topics)


async def _group_lag(bootstrap: str, app_id: str, topics: TopicNames) -> dict[str, int]:
    from aiokafka import TopicPartition
    from aiokafka.admin import AIOKafkaAdminClient

    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap)
    await admin.start()
    await consumer.start()
    try:
        lag: dict[str, int] = {}
        for stage, source in ((s, topics.name(BY_NAME[s].source)) for s in STAGES):
            committed = await admin.list_consumer_group_offsets(f"{app_id}-{stage}")
            parts = consumer.partitions_for_topic(source) or set()
            if not parts:
                await consumer.topics()
                parts = consumer.partitions_for_topic(source) or set()
            ends = await consumer.end_offsets([TopicPartition(source, p) for p in parts])
            lag[stage] = sum(end - (committed[tp].offset if tp in committed and committed[tp].offset >= 0 else 0)
                             for tp, end in ends.items())
        return lag
    finally:
        await consumer.stop()
        await admin.close()


def _children(pid: int) -> dict[str, int]:
    """Stage name -> pid of the supervisor's live children."""
    out: dict[str, int] = {}
    try:
        kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return out
    for kid in kids:
        try:
            argv = Path(f"/proc/{kid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"--stage" in argv:
            out[argv[argv.index(b"--stage") + 1].decode()] = int(kid)
    return out


class Chaos:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.run_id = uuid.uuid4().hex[:8]
        self.state = Path(args.state_dir or tempfile.mkdtemp(prefix="strikewire-chaos-"))
        self.broker_dir = self.state / "kafka"
        self.topics = TopicNames(f"chaos{self.run_id}.")
        self.app_id = f"strikewire-chaos{self.run_id}"
        self.worker: subprocess.Popen[bytes] | None = None
        self.worker_log = self.state / "worker.log"
        self.actions: list[str] = []
        self.bootstrap = ""

    # -- processes
    def start_worker(self) -> None:
        env = dict(os.environ, KAFKA_BOOTSTRAP_SERVERS=self.bootstrap, STRIKEWIRE_TOPIC_PREFIX=self.topics.prefix,
                   STRIKEWIRE_APP_ID=self.app_id, STRIKEWIRE_STATE_DIR=str(self.state / "worker"),
                   STRIKEWIRE_WEB_PORT=str(worker_port_block()), STRIKEWIRE_TOPIC_PARTITIONS=str(self.args.partitions),
                   PYTHONPATH=str(REPO))
        fh = self.worker_log.open("ab")
        self.worker = subprocess.Popen([sys.executable, "-m", "agents.cli", "worker"], env=env, stdout=fh,
                                       stderr=subprocess.STDOUT, cwd=REPO)
        fh.close()

    def stop_worker(self) -> int | None:
        if self.worker is None:
            return None
        if self.worker.poll() is None:
            self.worker.send_signal(signal.SIGTERM)
            try:
                self.worker.wait(timeout=90)
            except subprocess.TimeoutExpired:
                log.error("worker did not stop within 90 s of SIGTERM; killing it")
                self.worker.kill()
                self.worker.wait()
        return self.worker.returncode

    async def wait_stages(self, wait_s: float = 180.0) -> dict[str, int]:
        assert self.worker is not None
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            kids = _children(self.worker.pid)
            if set(STAGES) <= set(kids):
                return kids
            await asyncio.sleep(0.5)
        raise RuntimeError(f"stages not all running after {wait_s:.0f}s: {_children(self.worker.pid)}")

    async def kill_stage(self, stage: str) -> None:
        assert self.worker is not None
        kids = await self.wait_stages()
        os.kill(kids[stage], signal.SIGKILL)
        killed_at = time.monotonic()
        log.warning("chaos: kill -9 %s stage process pid %d", stage, kids[stage])
        # Nobody helps: the supervisor must notice and start a new one.
        while _children(self.worker.pid).get(stage) in (None, kids[stage]):
            if time.monotonic() - killed_at > 180:
                raise RuntimeError(f"the supervisor did not restart {stage} within 180 s")
            await asyncio.sleep(0.2)
        self.actions.append(f"kill -9 {stage} (pid {kids[stage]}; replaced in {time.monotonic() - killed_at:.1f}s)")

    async def restart_broker(self) -> None:
        log.warning("chaos: restarting the broker")
        started = time.monotonic()
        await asyncio.to_thread(localkafka.down, self.broker_dir)
        await asyncio.sleep(self.args.broker_down_s)
        bootstrap = await asyncio.to_thread(localkafka.up, self.broker_dir)
        assert bootstrap == self.bootstrap, f"broker came back on {bootstrap}, not {self.bootstrap}"
        self.actions.append(f"broker restart ({time.monotonic() - started:.1f}s)")

    # -- the run
    async def run(self) -> int:
        args = self.args
        records = build_records(args.articles, poison_rate=args.poison_rate, strike_rate=args.strike_rate,
                                repeat_rate=args.repeat_rate, seed=args.seed, max_text_bytes=args.max_text_bytes)
        articles = [r for r in records if r.kind == "article"]
        poisons = [r for r in records if r.kind != "article"]
        valid_ids = {r.article_id for r in articles if r.article_id}
        group_of = {r.article_id: r.group for r in articles if r.article_id}
        repeats = sum(1 for r in articles if r.group != r.article_id) + len(articles) - len(valid_ids)
        log.info("chaos: %d records (%d valid article ids, %d re-publications, %d poison) in %s", len(records),
                 len(valid_ids), repeats, len(poisons), self.state)

        self.bootstrap = await asyncio.to_thread(localkafka.up, self.broker_dir)
        self.start_worker()
        await self.wait_stages(wait_s=300)
        obs = Observed()
        stop = asyncio.Event()
        watcher = asyncio.create_task(watch(self.bootstrap, self.topics, obs, stop))

        def accounted() -> tuple[int, int]:
            done_articles = sum(1 for i in valid_ids if obs.reports.get(i))
            done_poison = sum(1 for p in poisons if p.kind in obs.dead.get(p.key.decode(), ()))
            return done_articles, done_poison

        total = len(valid_ids) + len(poisons)
        plan = ["kill"] * args.kills + ["broker"] * args.broker_restarts
        # Broker restarts in the middle of the kills; actions at evenly spaced marks of progress.
        if args.broker_restarts and args.kills:
            plan = ["kill"] * ((args.kills + 1) // 2) + ["broker"] * args.broker_restarts + \
                ["kill"] * (args.kills // 2)
        marks = [0.1 + 0.7 * (i + 1) / (len(plan) + 1) for i in range(len(plan))]
        kill_order = ["entities", "fuse", "detect", "clean", "alert"]
        started = time.monotonic()
        publisher = asyncio.create_task(publish(self.bootstrap, self.topics.raw, records, args.max_message_bytes))
        kills = 0
        deadline = started + args.timeout
        done = (0, 0)
        while time.monotonic() < deadline:
            done = accounted()
            progress = sum(done) / total
            if plan and progress >= marks[0]:
                marks.pop(0)
                action = plan.pop(0)
                if action == "kill":
                    await self.kill_stage(kill_order[kills % len(kill_order)])
                    kills += 1
                else:
                    await self.restart_broker()
            if not plan and sum(done) == total:
                break
            if self.worker is not None and self.worker.poll() is not None:
                log.error("the worker supervisor exited (%s)", self.worker.returncode)
                break
            await asyncio.sleep(0.25)
        drain_s = time.monotonic() - started
        publish_s = await publisher if publisher.done() else float("nan")
        if not publisher.done():
            publisher.cancel()
        # Let late re-deliveries land before counting them, then stop watching.
        await asyncio.sleep(args.settle_s)
        # The fuse stage runs behind strikes.events: give it time to put every event seen into an incident.
        fuse_deadline = time.monotonic() + 120
        while time.monotonic() < fuse_deadline:
            live_events = {e for evs, merged in obs.incidents.values() if not merged for e in evs}
            if {e for e, _, _ in obs.events} <= live_events:
                break
            await asyncio.sleep(0.5)
        stop.set()
        await watcher

        # Everything drained must also be committed by now (commits run every few seconds): a stage that
        # processes but no longer commits is the quiet death this run is looking for.
        lag = await group_lag(self.bootstrap, self.app_id, self.topics)
        alive = _children(self.worker.pid) if self.worker and self.worker.poll() is None else {}
        recovered = set(STAGES) <= set(alive)
        restarts = self.worker_log.read_text(errors="replace").count("; restarting in ")
        code = self.stop_worker()

        lost = sorted(i for i in valid_ids if not obs.reports.get(i))
        unaccounted = [p for p in poisons if p.kind not in obs.dead.get(p.key.decode(), ())]
        distinct: dict[str, tuple[str, tuple[Any, ...]]] = {}
        for event_id, article_id, signature in obs.events:
            distinct.setdefault(event_id, (group_of.get(article_id, article_id), signature))
        redeliveries = len(obs.events) - len(distinct)
        by_identity = Counter(distinct.values())
        duplicates = sum(n - 1 for n in by_identity.values())
        dup_reports = sum(n - 1 for n in obs.reports.values())
        # Reports name their events; every one of them must be on strikes.events (dedup must not eat events).
        missing_events = sorted(obs.report_events - set(distinct))
        # Incidents (strikes.incidents read to its end): every distinct event is in exactly one live incident.
        in_live = Counter(e for events, merged in obs.incidents.values() if not merged for e in events)
        incident_missing = sorted(set(distinct) - set(in_live))
        incident_dups = sorted(e for e, n in in_live.items() if n > 1)
        live_incidents = sum(1 for _, merged in obs.incidents.values() if not merged)

        err = sys.stderr
        print(f"chaos: actions: {'; '.join(self.actions) or 'none'}", file=err)
        print(f"chaos: stage restarts by the supervisor: {restarts}; stages alive at the end: "
              f"{', '.join(sorted(alive)) or 'none'}; worker exit on SIGTERM: {code}", file=err)
        print(f"chaos: uncommitted records per stage after the drain: {lag}", file=err)
        print(f"chaos: published in {publish_s:.1f}s; reports {sum(obs.reports.values())} "
              f"({dup_reports} repeated), events {len(obs.events)} ({len(distinct)} distinct ids), "
              f"dead letters {sum(len(v) for v in obs.dead.values())}", file=err)
        by_reason = ", ".join(f"{k}={v}" for k, v in sorted(obs.dead_stage.items()))
        print(f"chaos: dead letters by stage:reason: {by_reason}", file=err)
        if lost:
            print(f"chaos: LOST {len(lost)}: {', '.join(lost[:20])}", file=err)
        if unaccounted:
            print("chaos: UNACCOUNTED " + ", ".join(f"{p.key.decode()} (want {p.kind}, got "
                                                      f"{obs.dead.get(p.key.decode())})" for p in unaccounted[:20]),
                  file=err)
        if duplicates:
            dups = [ident for ident, n in by_identity.items() if n > 1][:10]
            print(f"chaos: DUPLICATE events: {dups}", file=err)
        if missing_events:
            print(f"chaos: MISSING {len(missing_events)} event(s) named in reports but not on strikes.events: "
                  f"{', '.join(missing_events[:10])}", file=err)
        print(f"chaos: incidents {live_incidents} live ({len(obs.incidents)} ids); events in no incident "
              f"{len(incident_missing)}, in two {len(incident_dups)}; incident resets {obs.incident_resets}", file=err)
        if incident_missing or incident_dups or obs.incident_resets:
            print(f"chaos: INCIDENTS WRONG: missing {incident_missing[:10]} duplicated {incident_dups[:10]}",
                  file=err)
        if not recovered:
            print(f"chaos: NOT RECOVERED: stages alive {sorted(alive)}; see {self.worker_log}", file=err)
        print(f"chaos: articles={len(records)} poison={len(poisons)} lost={len(lost)} unaccounted={len(unaccounted)} "
              f"duplicates={duplicates} redeliveries={redeliveries} drain_s={drain_s:.0f}", flush=True)
        if any(lag.values()):
            print(f"chaos: NOT COMMITTED: {lag}", file=err)
        ok = not lost and not unaccounted and not duplicates and not missing_events and recovered and not any(
            lag.values()) and not incident_missing and not incident_dups and not obs.incident_resets
        return 0 if ok else 1

    def cleanup(self) -> None:
        self.stop_worker()
        localkafka.down(self.broker_dir)
        if not self.args.keep and not self.args.state_dir:
            shutil.rmtree(self.state, ignore_errors=True)
        else:
            print(f"chaos: state kept in {self.state} (worker log {self.worker_log})", file=sys.stderr)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.chaos", description=__doc__.splitlines()[0] if __doc__ else "")
    p.add_argument("--articles", type=int, default=20_000, help="messages to publish, poison included")
    p.add_argument("--poison-rate", type=float, default=0.02, help="share of poison messages (every kind)")
    p.add_argument("--strike-rate", type=float, default=0.05, help="share of articles reporting a strike")
    p.add_argument("--repeat-rate", type=float, default=0.02,
                   help="share of re-publications (half same id, half new id with the same text)")
    p.add_argument("--kills", type=int, default=3, help="stage processes to kill -9 while articles flow")
    p.add_argument("--broker-restarts", type=int, default=1, help="broker restarts while articles flow")
    p.add_argument("--broker-down-s", type=float, default=3.0, help="seconds the broker stays down")
    p.add_argument("--partitions", type=int, default=6)
    p.add_argument("--seed", type=int, default=20_000)
    p.add_argument("--timeout", type=float, default=1800.0, help="give up draining after S seconds")
    p.add_argument("--settle-s", type=float, default=5.0, help="seconds to keep watching after the drain")
    p.add_argument("--max-text-bytes", type=int, default=1_000_000, help="the service's limit (for too_large poison)")
    p.add_argument("--max-message-bytes", type=int, default=8_388_608)
    p.add_argument("--state-dir", default=None, help="keep broker data and logs here (default: a temp dir, removed)")
    p.add_argument("--keep", action="store_true", help="keep the temporary state dir")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                        stream=sys.stderr)
    logging.getLogger("aiokafka").setLevel(logging.CRITICAL)  # broker restarts make it loud, on purpose
    chaos = Chaos(args)
    try:
        return asyncio.run(chaos.run())
    finally:
        with contextlib.suppress(Exception):
            chaos.cleanup()


if __name__ == "__main__":
    raise SystemExit(main())
