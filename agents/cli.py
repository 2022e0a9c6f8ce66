"""The ``strikewire`` command line: broker, topics, worker, publish, tail, extract, demo.

Everything a newsroom engineer or an analyst runs goes through here; the heavy lifting lives in
``agents.*`` (Kafka side) and ``streams.*`` (processing). Output meant for scripts (reports, messages)
goes to stdout as JSON lines; progress and diagnostics go to stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import orjson

from agents.topology import NAMES as STAGE_NAMES
from schemas import RawArticle
from streams.readers import ReadError, from_mapping, from_wire_text, read_paths
from streams.settings import Settings, load_settings

log = logging.getLogger("strikewire")


def _settings() -> Settings:
    return load_settings()


def _setup_logging(level: str) -> None:
    logging.basicConfig(
        level=getattr(logging, level.upper(), logging.INFO),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


# ---------------------------------------------------------------------------------------------- kafka
def cmd_kafka(args: argparse.Namespace) -> int:
    from agents import localkafka

    settings = _settings()
    if args.action == "up":
        bootstrap = localkafka.up(localkafka.default_state_dir(settings))
        print(bootstrap)
    elif args.action == "down":
        localkafka.down(localkafka.default_state_dir(settings))
        print("stopped", file=sys.stderr)
    else:
        st = localkafka.status(localkafka.default_state_dir(settings))
        print(orjson.dumps(st or {"running": False}).decode())
        return 0 if st and st.get("running") else 1
    return 0


def _bootstrap(settings: Settings, *, start_local: bool = False) -> str:
    from agents.kafka_client import NoBrokerError, resolve_bootstrap

    try:
        return resolve_bootstrap(settings)
    except NoBrokerError:
        if not start_local:
            raise
    from agents import localkafka

    log.info("KAFKA_BOOTSTRAP_SERVERS is not set: starting the project's local broker")
    return localkafka.up(localkafka.default_state_dir(settings))


# --------------------------------------------------------------------------------------------- topics
def cmd_topics(args: argparse.Namespace) -> int:
    from agents import preflight
    from agents.admin import create_topics
    from agents.topics import TopicNames

    settings = _settings()
    bootstrap = _bootstrap(settings)
    if args.action == "create":
        preflight.check_broker(settings, bootstrap)
        created = asyncio.run(create_topics(settings, bootstrap))
        print(f"created {len(created)} topic(s): {', '.join(created) or '-'} on {bootstrap}", file=sys.stderr)
    for name in TopicNames(settings.topic_prefix).all():
        print(name)
    return 0


# --------------------------------------------------------------------------------------------- worker
def cmd_worker(args: argparse.Namespace) -> int:
    from agents.console import quiet_worker_log
    from agents.worker import run_stage, supervise

    settings = _settings()
    log_file = quiet_worker_log(settings, verbose=args.verbose, stage=args.stage)
    bootstrap = _bootstrap(settings, start_local=args.stage == "all")
    if args.stage == "all":
        return supervise(settings, bootstrap, processes=args.processes, log_file=log_file)
    run_stage(settings, args.stage, bootstrap, web_port=args.web_port, log_file=log_file)
    return 0


# -------------------------------------------------------------------------------------------- publish
def _stdin_articles() -> Iterator[RawArticle | ReadError]:
    data = sys.stdin.read()
    lines = [ln for ln in data.splitlines() if ln.strip()]
    try:
        objs = [orjson.loads(ln) for ln in lines]
        if objs and all(isinstance(o, dict) for o in objs):
            for o in objs:
                yield from_mapping(o)
            return
    except orjson.JSONDecodeError:
        pass
    yield from_wire_text(data, name="<stdin>")


def _articles(paths: Sequence[str]) -> Iterator[RawArticle | ReadError]:
    if not paths or list(paths) == ["-"]:
        yield from _stdin_articles()
    else:
        yield from read_paths([Path(p) for p in paths])


async def publish_articles(
    settings: Settings, bootstrap: str, articles: Sequence[RawArticle], *, topic: str, progress: bool = True
) -> int:
    """Send articles to ``topic`` (key = article id) with acks=all and idempotence; return the count."""
    from aiokafka import AIOKafkaProducer

    from agents.handlers import encode
    from agents.kafka_client import aiokafka_security
    from streams.clean import text_fingerprint

    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap, acks="all", enable_idempotence=True, linger_ms=5,
        max_request_size=max(1_048_576, settings.max_text_bytes * 2 + 65_536), **aiokafka_security(settings),
    )
    await producer.start()
    sent = 0
    try:
        bar = None
        if progress:
            from tqdm import tqdm

            bar = tqdm(total=len(articles), unit="article", file=sys.stderr, desc=f"publish -> {topic}")
        futures = []
        for raw in articles:
            if raw.ingested_at is None:
                raw = raw.model_copy(update={"ingested_at": time.time()})
            key = (raw.id or text_fingerprint(raw.text)).encode()
            futures.append(await producer.send(topic, value=encode(raw), key=key))
            sent += 1
            if bar is not None:
                bar.update(1)
        for fut in futures:
            await fut
        if bar is not None:
            bar.close()
    finally:
        await producer.stop()
    return sent


def cmd_publish(args: argparse.Namespace) -> int:
    from agents import preflight

    settings = _settings()
    preflight.check_paths(args.paths)
    topic = preflight.check_topic(args.topic, settings.topic_prefix)
    bootstrap = _bootstrap(settings)
    preflight.check_broker(settings, bootstrap)
    good: list[RawArticle] = []
    bad = 0
    for item in _articles(args.paths):
        if isinstance(item, ReadError):
            bad += 1
            print(f"skipped {item.where}: {item.reason}", file=sys.stderr)
        else:
            good.append(item)
    sent = asyncio.run(publish_articles(settings, bootstrap, good, topic=topic, progress=not args.quiet))
    print(f"sent {sent} article(s) to {topic} on {bootstrap}" + (f"; {bad} unreadable skipped" if bad else ""),
          file=sys.stderr)
    return 0 if not bad else 3


# ----------------------------------------------------------------------------------------------- tail
async def tail_topic(
    settings: Settings, bootstrap: str, topic: str, *, max_messages: int | None, idle_s: float | None,
    from_beginning: bool = True, pretty: bool = False,
) -> int:
    """Print messages of ``topic`` as JSON lines until ``max_messages`` or ``idle_s`` seconds of silence."""
    from aiokafka import AIOKafkaConsumer

    from agents.kafka_client import aiokafka_security

    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=bootstrap, group_id=None, enable_auto_commit=False,
        auto_offset_reset="earliest" if from_beginning else "latest", **aiokafka_security(settings),
    )
    await consumer.start()
    count = 0
    try:
        last = time.monotonic()
        while max_messages is None or count < max_messages:
            batch = await consumer.getmany(timeout_ms=500, max_records=100)
            got = False
            for records in batch.values():
                for rec in records:
                    got = True
                    try:
                        obj = orjson.loads(rec.value) if rec.value is not None else None
                    except orjson.JSONDecodeError:
                        obj = {"undecodable": (rec.value or b"")[:200].decode("utf-8", "replace")}
                    sys.stdout.write(_line(obj, pretty) + "\n")
                    count += 1
                    if max_messages is not None and count >= max_messages:
                        break
            sys.stdout.flush()
            if got:
                last = time.monotonic()
            elif idle_s is not None and time.monotonic() - last > idle_s:
                break
    finally:
        await consumer.stop()
    return count


def _line(obj: object, pretty: bool) -> str:
    if pretty and isinstance(obj, dict):
        if "rule_id" in obj:
            from agents.alerting import format_alert_line

            return format_alert_line(obj, colour=sys.stdout.isatty())
        if "event_id" in obj:
            from agents.demo import describe_event

            return describe_event(obj)
    return orjson.dumps(obj).decode()


def cmd_tail(args: argparse.Namespace) -> int:
    from agents import preflight

    settings = _settings()
    topic = preflight.check_topic(args.topic, settings.topic_prefix)
    bootstrap = _bootstrap(settings)
    preflight.check_broker(settings, bootstrap)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(tail_topic(settings, bootstrap, topic, max_messages=args.max, idle_s=args.timeout,
                               from_beginning=not args.latest, pretty=args.pretty))
    return 0


# -------------------------------------------------------------------------------------------- extract
def cmd_extract(args: argparse.Namespace) -> int:
    from agents.preflight import check_paths
    from schemas import DeadLetter
    from streams.pipeline import Extractor

    check_paths(args.paths)
    settings = _settings()
    extractor = Extractor.build(settings)
    failed = 0

    def readable() -> Iterator[RawArticle]:
        nonlocal failed
        for item in _articles(args.paths):
            if isinstance(item, ReadError):
                failed += 1
                print(f"unreadable {item.where}: {item.reason}", file=sys.stderr)
            else:
                yield item

    out = sys.stdout
    articles: Iterable[RawArticle] = readable()
    if args.incidents_out:
        # incidents are fused in order of publication, as a live feed would deliver them
        articles = sorted(articles, key=lambda a: a.published or "")
    reports = []
    for result in extractor.run(articles):
        if isinstance(result, DeadLetter):
            failed += 1
            print(f"dead-letter {result.article_id or '-'}: {result.reason}: {result.message}", file=sys.stderr)
        elif args.incidents_out:
            reports.append(result)
        else:
            out.write(result.model_dump_json() + "\n")
    if args.incidents_out:
        from streams.fuse import fuse_reports

        fused, incidents = fuse_reports(reports)
        for report in fused:
            out.write(report.model_dump_json() + "\n")
        with open(args.incidents_out, "w", encoding="utf-8") as fh:
            for inc in incidents:
                fh.write(inc.model_dump_json() + "\n")
    out.flush()
    return 0 if not failed else 3


# ---------------------------------------------------------------------------------------------- other
def cmd_schemas(args: argparse.Namespace) -> int:
    from agents.asyncapi import write_asyncapi
    from schemas.generate import write_schemas

    for path in write_schemas(Path(args.out) if args.out else None):
        print(path)
    print(write_asyncapi(Path(args.out).parent if args.out else None))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from agents.demo import run_demo

    return run_demo(_settings(), once=args.once, samples=Path(args.samples), timeout=args.timeout,
                    verbose=args.verbose)


def build_parser() -> argparse.ArgumentParser:
    # The docstring's first line, without its reStructuredText literal markup (``x``), which --help would show.
    p = argparse.ArgumentParser(prog="strikewire",
                                description=__doc__.splitlines()[0].replace("``", "") if __doc__ else None)
    sub = p.add_subparsers(dest="command", required=True)

    k = sub.add_parser("kafka", help="the project's local Apache Kafka broker (KRaft, from Maven Central jars)")
    k.add_argument("action", choices=["up", "down", "status"])
    k.set_defaults(func=cmd_kafka)

    t = sub.add_parser("topics", help="create (idempotently) or list the service's topics")
    t.add_argument("action", choices=["create", "list"])
    t.set_defaults(func=cmd_topics)

    w = sub.add_parser("worker", help="run the Faust worker(s)")
    w.add_argument("--stage", default="all", choices=["all", *STAGE_NAMES])
    w.add_argument("--processes", type=int, default=1, help="entities (NLP) stage processes with --stage all")
    w.add_argument("--web-port", type=int, default=None, help="web port of a single-stage worker")
    w.add_argument("--verbose", action="store_true", help="at a terminal: show the logs here, not only in .state/logs/")
    w.set_defaults(func=cmd_worker)

    pub = sub.add_parser("publish", help="send articles (JSONL, ninjs JSON, wire text, plain text) to a topic")
    pub.add_argument("paths", nargs="*", help="files or folders; '-' or none = stdin")
    pub.add_argument("--topic", default="articles.raw")
    pub.add_argument("--quiet", action="store_true", help="no progress bar")
    pub.set_defaults(func=cmd_publish)

    tl = sub.add_parser("tail", help="print a topic's messages as JSON lines")
    tl.add_argument("topic")
    tl.add_argument("--max", type=int, default=None, help="stop after N messages")
    tl.add_argument("--timeout", type=float, default=None, help="stop after S seconds without a message")
    tl.add_argument("--latest", action="store_true", help="only new messages (default: from the beginning)")
    tl.add_argument("--pretty", action="store_true", help="one human-readable line per alert/event")
    tl.set_defaults(func=cmd_tail)

    ex = sub.add_parser("extract", help="run the stages in-process (no Kafka); one report per article")
    ex.add_argument("paths", nargs="*", help="files or folders; '-' or none = stdin")
    ex.add_argument("--incidents-out", default=None, metavar="FILE",
                    help="fuse the reports into incidents (articles in `published` order); events get incident_id,"
                         " every incident's final state goes to FILE")
    ex.set_defaults(func=cmd_extract)

    sc = sub.add_parser("schemas", help="write the JSON Schema files of the wire models and schemas/asyncapi.yaml")
    sc.add_argument("--out", default=None)
    sc.set_defaults(func=cmd_schemas)

    d = sub.add_parser("demo", help="broker + worker + samples, printing strike events as they arrive")
    d.add_argument("--once", action="store_true", help="exit once every sample's report has arrived")
    d.add_argument("--samples", default="samples")
    d.add_argument("--timeout", type=float, default=300.0, help="with --once: give up after S seconds")
    d.add_argument("--verbose", action="store_true", help="show every process's logs here as well as in .state/logs/")
    d.set_defaults(func=cmd_demo)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _setup_logging(_settings().log_level if args.command != "extract" else "WARNING")
    from agents.kafka_client import NoBrokerError
    from agents.preflight import InputError

    try:
        return int(args.func(args) or 0)
    except (NoBrokerError, InputError) as exc:
        print(f"strikewire: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        from streams.errors import ModelNotInstalledError, SentenceModelMissingError

        if isinstance(exc, (ModelNotInstalledError, SentenceModelMissingError)):
            print(f"strikewire: {exc}", file=sys.stderr)
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main())
