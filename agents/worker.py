"""Running workers: one Faust worker per stage process, and a small supervisor for all of them.

``strikewire worker --stage entities`` runs one stage (what a Kubernetes Deployment per stage runs).
``strikewire worker`` (stage ``all``) starts one child process per stage (and ``--processes N`` of
the NLP stage), restarts a child that dies, and forwards SIGTERM/SIGINT so that each Faust worker
shuts down cleanly and commits. It is process supervision on one host, not clustering: scaling
across hosts is Kafka's consumer groups.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import faust

from agents.admin import create_topics
from agents.app import create_app, register_stage
from agents.console import ReadyWatch, say
from agents.kafka_client import BrokerUnreachableError, KafkaAuthError, check_broker
from agents.offload import Offloader
from agents.topology import NAMES, STAGES, stage_spec
from streams.settings import Settings

log = logging.getLogger(__name__)

#: Stages a full worker runs: every stage of the stage table (agents/topology.py).
ALL_STAGES = NAMES
#: Web port offset of each stage in ``worker --stage all``: the dashboard process owns ``web_port``.
PORT_OFFSET = {s.name: s.port_offset for s in STAGES}
#: How long a starting worker waits for an unreachable broker (restarting, not up yet) before giving up.
BROKER_WAIT_S = 300.0


def prepare_broker(settings: Settings, bootstrap: str, *, wait_s: float = BROKER_WAIT_S) -> None:
    """Wait for the broker (it may be restarting), check our credentials once, create the topics.

    Bad credentials or certificates fail at once with ``KafkaAuthError`` (a clear message, no password);
    an unreachable broker is retried with backoff for ``wait_s`` seconds rather than crash-looping.
    """
    deadline = time.monotonic() + wait_s
    delay = 0.5
    while True:
        try:
            asyncio.run(check_broker(settings, bootstrap))
            break
        except KafkaAuthError as exc:
            log.error("%s", exc)
            raise SystemExit(2) from None
        except BrokerUnreachableError as exc:
            if time.monotonic() + delay > deadline:
                raise
            log.warning("%s; retrying in %.1fs", exc, delay)
            time.sleep(delay)
            delay = min(10.0, delay * 2)
    asyncio.run(create_topics(settings, bootstrap))


def run_stage(
    settings: Settings, stage: str, bootstrap: str, *, web_port: int | None = None, log_file: Path | None = None
) -> None:
    """Run one stage's Faust worker in this process until SIGTERM/SIGINT (logging to ``log_file`` if given)."""
    spec = stage_spec(stage)
    log.info("settings: %s", settings.masked_dump())
    prepare_broker(settings, bootstrap)
    # A processing stage's handler runs in a child process of its own, so that a time cap can stop it; inline
    # (nlp_workers=0) is for debugging only: no time cap, and spaCy blocks the event loop. Stages with tables
    # (alert) run inline: their handler reads the tables, and it is cheap.
    offloader = Offloader(stage, settings, in_process=settings.nlp_workers == 0 or not spec.offloaded)
    offloader.start()
    app = create_app(settings, stage=stage, bootstrap=bootstrap, web_port=web_port)
    metrics = register_stage(app, settings, stage, offloader, serve_metrics=not spec.dashboard)
    if spec.dashboard:
        from agents.dashboard import register_dashboard

        register_dashboard(app, settings, bootstrap, stages=[metrics])
    worker = faust.Worker(app, **_faust_logging(settings, log_file))
    try:
        worker.execute_from_commandline()
    finally:
        offloader.stop()


def _faust_logging(settings: Settings, log_file: Path | None) -> dict[str, Any]:
    """faust.Worker's logging arguments: stderr as usual, or ``log_file`` and no start-up banner."""
    kw: dict[str, Any] = {"loglevel": settings.log_level, "redirect_stdouts": False}
    if log_file is not None:
        kw.update(logfile=str(log_file), quiet=True)
    return kw


@dataclass
class Child:
    stage: str
    index: int
    web_port: int
    proc: subprocess.Popen[bytes] | None = None
    restarts: int = 0
    restart_at: float | None = None
    started_at: float = field(default_factory=time.time)


def supervise(settings: Settings, bootstrap: str, *, processes: int = 1, log_file: Path | None = None) -> int:
    """Start every stage as a child process; restart crashed ones; stop all on SIGTERM/SIGINT.

    With ``log_file`` (a person at a terminal, see ``agents.console``) the children write their logs
    there and the terminal gets a few lines: started, ready (with the dashboard's address), stopping.
    """
    stopping = False

    def on_signal(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    # First thing: a SIGTERM while starting (a deploy rolled back) must stop cleanly, not kill by default.
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    log.info("settings: %s", settings.masked_dump())
    prepare_broker(settings, bootstrap)
    children: list[Child] = []
    for stage in ALL_STAGES:
        count = processes if stage == "entities" else 1
        for i in range(count):
            port = settings.web_port + PORT_OFFSET[stage] + 10 * i if settings.web_port else 0
            children.append(Child(stage=stage, index=i, web_port=port))

    def spawn(child: Child) -> None:
        env = dict(os.environ, KAFKA_BOOTSTRAP_SERVERS=bootstrap)
        # --verbose: a child logs to its stderr, which is ours (a terminal, or the file above), never a file of its own.
        cmd = [sys.executable, "-m", "agents.cli", "worker", "--stage", child.stage, "--web-port", str(child.web_port),
               "--verbose"]
        out = log_file.open("ab") if log_file is not None else None
        child.proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT if out else None)
        if out is not None:
            out.close()  # the child holds its own descriptor
        child.started_at = time.time()
        log.info("started %s[%d] pid=%d web=%s:%d", child.stage, child.index, child.proc.pid,
                 settings.web_host, child.web_port)

    started = time.monotonic()
    for child in children:
        if stopping:
            break
        spawn(child)
    watch = ReadyWatch(log_file) if log_file is not None else None
    if watch is not None:
        say(f"strikewire worker: broker {bootstrap}; started {len(children)} stage processes "
            f"({', '.join(sorted({c.stage for c in children}))})")
    while not stopping:
        time.sleep(0.5)
        if watch is not None and watch.ready < len(children) and watch.poll() >= len(children):
            say(f"strikewire worker: ready in {time.monotonic() - started:.0f}s; dashboard "
                f"http://{settings.web_host}:{settings.web_port}/ ; Ctrl-C to stop")
        for child in children:
            assert child.proc is not None
            code = child.proc.poll()
            if code is None or stopping:
                continue
            if child.restart_at is None:
                child.restarts += 1
                quick = time.time() - child.started_at < 60
                backoff = min(30.0, 2.0 ** min(child.restarts, 5)) if quick else 1.0
                child.restart_at = time.time() + backoff
                log.error("%s[%d] exited with %s; restarting in %.0fs (restart #%d)",
                          child.stage, child.index, code, backoff, child.restarts)
            elif time.time() >= child.restart_at:
                child.restart_at = None
                spawn(child)
    if watch is not None:
        say("strikewire worker: stopping")
    _stop_children(children)
    return 0


def _stop_children(children: list[Child], grace_s: float = 30.0) -> None:
    """SIGTERM every running child, wait up to ``grace_s`` in all, then kill the ones still running."""
    for child in children:
        if child.proc and child.proc.poll() is None:
            child.proc.send_signal(signal.SIGTERM)
    deadline = time.time() + grace_s
    for child in children:
        if child.proc is None:
            continue
        try:
            child.proc.wait(timeout=max(0.1, deadline - time.time()))
        except subprocess.TimeoutExpired:
            log.warning("%s[%d] did not stop in time; killing", child.stage, child.index)
            child.proc.kill()
