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
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.errors import KafkaError

from agents import localkafka
from agents.topics import TopicNames
from agents.topology import BY_NAME, NAMES
from bench.chaos_records import Record, build_records
from bench.ports import worker_port_block

REPO = Path(__file__).resolve().parents[1]
log = logging.getLogger("chaos")

STAGES = NAMES  # every stage of the stage table (agents/topology.py), the fuse stage included


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


async def _fuse_caught_up(obs: Observed, wait_s: float) -> None:
    """The fuse stage runs behind strikes.events: give it time to put every event seen into an incident."""
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        live_events = {e for evs, merged in obs.incidents.values() if not merged for e in evs}
        if {e for e, _, _ in obs.events} <= live_events:
            return
        await asyncio.sleep(0.5)


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
    async def drive(self, accounted: Callable[[], tuple[int, int]], total: int, deadline: float) -> None:
        """Kill stages and restart the broker at evenly spaced marks of progress until everything is accounted
        for (or the deadline passes, or the supervisor dies)."""
        args = self.args
        plan = ["kill"] * args.kills + ["broker"] * args.broker_restarts
        # Broker restarts in the middle of the kills; actions at evenly spaced marks of progress.
        if args.broker_restarts and args.kills:
            plan = ["kill"] * ((args.kills + 1) // 2) + ["broker"] * args.broker_restarts + \
                ["kill"] * (args.kills // 2)
        marks = [0.1 + 0.7 * (i + 1) / (len(plan) + 1) for i in range(len(plan))]
        kill_order = ["entities", "fuse", "detect", "clean", "alert"]
        kills = 0
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

    async def run(self) -> int:
        args = self.args
        records = build_records(args.articles, poison_rate=args.poison_rate, strike_rate=args.strike_rate,
                                repeat_rate=args.repeat_rate, seed=args.seed, max_text_bytes=args.max_text_bytes)
        articles = [r for r in records if r.kind == "article"]
        poisons = [r for r in records if r.kind != "article"]
        valid_ids = {r.article_id for r in articles if r.article_id}
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

        started = time.monotonic()
        publisher = asyncio.create_task(publish(self.bootstrap, self.topics.raw, records, args.max_message_bytes))
        await self.drive(accounted, len(valid_ids) + len(poisons), started + args.timeout)
        drain_s = time.monotonic() - started
        publish_s = await publisher if publisher.done() else float("nan")
        if not publisher.done():
            publisher.cancel()
        # Let late re-deliveries land before counting them, then stop watching.
        await asyncio.sleep(args.settle_s)
        await _fuse_caught_up(obs, 120.0)
        stop.set()
        await watcher

        # Everything drained must also be committed by now (commits run every few seconds): a stage that
        # processes but no longer commits is the quiet death this run is looking for.
        lag = await group_lag(self.bootstrap, self.app_id, self.topics)
        alive = _children(self.worker.pid) if self.worker and self.worker.poll() is None else {}
        restarts = self.worker_log.read_text(errors="replace").count("; restarting in ")
        code = self.stop_worker()

        return self.judge(obs, records, lag, alive, restarts, code, drain_s, publish_s)

    def judge(self, obs: Observed, records: list[Record], lag: dict[str, int], alive: dict[str, int],
              restarts: int, code: int | None, drain_s: float, publish_s: float) -> int:
        """Count what was lost, unaccounted for, duplicated or left out of an incident; print it; 0 when none."""
        articles = [r for r in records if r.kind == "article"]
        poisons = [r for r in records if r.kind != "article"]
        valid_ids = {r.article_id for r in articles if r.article_id}
        group_of = {r.article_id: r.group for r in articles if r.article_id}
        recovered = set(STAGES) <= set(alive)
        lost = sorted(i for i in valid_ids if not obs.reports.get(i))
        unaccounted = [p for p in poisons if p.kind not in obs.dead.get(p.key.decode(), ())]
        distinct: dict[str, tuple[str | None, tuple[Any, ...]]] = {}
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
