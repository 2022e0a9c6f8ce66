"""Run a stage handler off the event loop, in a child process, with a time cap per article.

Why a process: spaCy holds the GIL for most of its work, so a thread would still starve Faust's
heartbeats and commits; and a process is the only thing that can be stopped when an article makes a
stage hang. Each stage worker therefore owns one child (spawned, never forked from a process that has
an event loop and Kafka sockets) that builds the handler once (the spaCy model, the gazetteers) and then
answers batches over a pipe; everything crossing it is bytes and tuples.

Bounded work, in two layers:

* In the child, ``SIGALRM`` (``setitimer``) bounds every article to ``Settings.article_timeout_s``: the
  handlers wrap each unit of work in their ``limit()``, and an overrun raises ``StageTimeoutError``,
  which the handler dead-letters like any other failure (a whole NLP batch gets one article's cap; if it
  overruns, its articles are retried one by one, each with the cap).
* In the parent, a hard deadline for what the alarm cannot interrupt (a C extension that never returns
  to the interpreter): the child is killed and replaced, and the batch is re-run one record at a time;
  the record that hangs (or kills) the child alone is dead-lettered (``timeout`` / ``stage_crashed``).

A child that dies (OOM killer, kill -9) is replaced the same way. When the stage worker itself dies, the
child sees its pipe close (and, on Linux, gets SIGKILL through ``PR_SET_PDEATHSIG``) and exits.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import logging
import multiprocessing
import signal
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

import orjson

from agents.handlers import Inbound, Outbound, StageHandler, StageOutput, build_handler, dead_letter
from agents.topics import TopicNames
from streams.errors import StageError, StageTimeoutError
from streams.settings import Settings

log = logging.getLogger(__name__)

#: Seconds a child may take to start (import spaCy, load the model and gazetteers).
START_TIMEOUT_S = 300.0
#: Slack on top of the caps before the parent kills a child that does not answer.
GRACE_S = 10.0


class StageCrashedError(StageError):
    """The stage's child process died while processing this record."""

    reason = "stage_crashed"


class _ChildLost(Exception):
    """The child died or overran the hard deadline; it has been stopped."""

    def __init__(self, message: str, *, timed_out: bool) -> None:
        super().__init__(message)
        self.timed_out = timed_out

    def as_stage_error(self) -> StageError:
        return StageTimeoutError(str(self)) if self.timed_out else StageCrashedError(str(self))


# ------------------------------------------------------------------------------------------- the child


def _alarm_limit(seconds: float) -> Any:
    """A ``TimeLimit`` for the child's main thread: SIGALRM after ``seconds`` raises ``StageTimeoutError``."""

    @contextlib.contextmanager
    def limit() -> Iterator[None]:
        previous = signal.getitimer(signal.ITIMER_REAL)[0]
        if previous:  # nested: the outer, tighter deadline stays in charge
            yield
            return
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)

    return limit


def _on_alarm(signum: int, frame: object) -> None:
    raise StageTimeoutError("article overran the per-article time cap")


def _die_with_parent() -> None:
    # Best effort, Linux only: SIGKILL this child when the stage worker that spawned it dies.
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _child_main(stage: str, settings_json: str, conn: Connection) -> None:
    """Entry point of the child: build the handler, then answer batches until the pipe closes."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    settings = Settings.model_validate_json(settings_json)
    logging.basicConfig(level=getattr(logging, settings.log_level.upper(), logging.INFO),
                        format="%(asctime)s %(levelname)s %(name)s[child]: %(message)s")
    try:
        handler = build_handler(stage, settings)
    except Exception as exc:  # reported to the parent, which fails the worker's start
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
        return
    handler.limit = _alarm_limit(settings.article_timeout_s)
    signal.signal(signal.SIGALRM, _on_alarm)
    conn.send(("ready", None))
    while True:
        try:
            batch, context = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        try:
            result: tuple[str, Any] = ("ok", handler.run(batch, **context))
        except BaseException as exc:  # the handlers catch per record; this is a bug, reported to the parent
            result = ("error", f"{type(exc).__name__}: {exc}")
        conn.send(result)


# ------------------------------------------------------------------------------------------ the parent


class Offloader:
    """Calls a stage's handler inline or in a child process, always awaited from the event loop."""

    def __init__(self, stage: str, settings: Settings, *, in_process: bool) -> None:
        self.stage = stage
        self.settings = settings
        self.in_process = in_process
        self.restarts = 0
        self._handler: StageHandler | None = None
        self._proc: BaseProcess | None = None
        self._conn: Connection | None = None
        # One thread talks to the child, so that the event loop never blocks on the pipe.
        self._io = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"offload-{stage}")

    @property
    def child_pid(self) -> int | None:
        """Pid of the handler's child process (None inline or before start)."""
        return self._proc.pid if self._proc is not None else None

    def start(self) -> None:
        """Build the handler now (load the model), so a missing model fails the worker at start."""
        if self.in_process:
            self._handler = build_handler(self.stage, self.settings)
            return
        self._start_child()

    async def restart(self) -> None:
        """Replace the child (off the event loop: loading the model takes seconds)."""
        if self.in_process:
            self.restarts += 1
            return
        await asyncio.get_running_loop().run_in_executor(self._io, self._restart_child)

    def stop(self) -> None:
        self._stop_child()
        self._io.shutdown(wait=False, cancel_futures=True)

    async def __call__(self, batch: Sequence[Inbound], **context: Any) -> list[Outbound]:
        return (await self.run(batch, **context)).outputs

    async def run(self, batch: Sequence[Inbound], **context: Any) -> StageOutput:
        """The handler's output for ``batch``; never loses a record (a record it cannot run is dead-lettered)."""
        if self._handler is not None:
            return self._handler.run(batch, **context)
        cap = self.settings.article_timeout_s
        try:
            return await self._ask(batch, context, deadline=3 * cap + GRACE_S)
        except _ChildLost as lost:
            log.error("stage %s: %s; running the %d record(s) of the batch one by one", self.stage, lost, len(batch))
        outputs: list[Outbound] = []
        claims: dict[str, str] = {}
        seen = dict(context.get("seen") or {})
        for rec in batch:
            one_context = {**context, "seen": seen} if "seen" in context else context
            try:
                result = await self._ask([rec], one_context, deadline=cap + GRACE_S)
            except _ChildLost as lost:
                log.error("stage %s: record %s[%d]@%d lost the child: %s", self.stage, rec.topic, rec.partition,
                          rec.offset, lost)
                outputs.append(self.dead_letter(rec, lost.as_stage_error()))
                continue
            outputs.extend(result.outputs)
            claims.update(result.claims)
            seen.update(result.claims)
        return StageOutput(outputs, claims)

    def dead_letter(self, rec: Inbound, exc: BaseException) -> Outbound:
        """A dead letter for a record the handler could not process at all (built in this process)."""
        return dead_letter(self.stage, self.settings, TopicNames(self.settings.topic_prefix), rec, exc)

    # ---------------------------------------------------------------------------------------- internals

    async def _ask(self, batch: Sequence[Inbound], context: Mapping[str, Any], *, deadline: float) -> StageOutput:
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self._io, self._roundtrip, list(batch), dict(context), deadline)
        except _ChildLost:
            # The lost child is already stopped; start one unless a batch queued behind did so already.
            await loop.run_in_executor(self._io, self._ensure_child)
            raise

    def _ensure_child(self) -> None:
        if self._conn is None or self._proc is None or not self._proc.is_alive():
            self._restart_child()

    def _roundtrip(self, batch: list[Inbound], context: dict[str, Any], deadline: float) -> StageOutput:
        self._ensure_child()
        assert self._conn is not None and self._proc is not None
        proc = self._proc
        try:
            self._conn.send((batch, context))
            if not self._conn.poll(deadline):
                # Kill it here, in the one I/O thread: another batch queued behind this one (the entities
                # agent has two in flight) must never be sent to it and read this batch's late answer.
                self._stop_child()
                raise _ChildLost(f"no answer within {deadline:.0f}s (pid {proc.pid})", timed_out=True)
            status, payload = self._conn.recv()
        except (EOFError, OSError, BrokenPipeError) as exc:
            self._stop_child()
            raise _ChildLost(f"child process died (pid {proc.pid}, exit {proc.exitcode}): {exc!r}",
                             timed_out=False) from exc
        if status != "ok":
            self._stop_child()
            raise _ChildLost(f"child process failed: {payload}", timed_out=False)
        return StageOutput(*payload)

    def _start_child(self) -> None:
        ctx = multiprocessing.get_context("spawn")
        parent_conn, child_conn = ctx.Pipe(duplex=True)
        proc = ctx.Process(
            target=_child_main,
            args=(self.stage, _settings_json(self.settings), child_conn),
            name=f"strikewire-{self.stage}-handler",
            daemon=True,
        )
        started = time.monotonic()
        proc.start()
        child_conn.close()
        self._proc, self._conn = proc, parent_conn
        # Fail fast (model missing) rather than on the first message.
        if not parent_conn.poll(START_TIMEOUT_S):
            self._stop_child()
            raise RuntimeError(f"stage {self.stage}: handler process did not start within {START_TIMEOUT_S:.0f}s")
        try:
            status, payload = parent_conn.recv()
        except EOFError:
            status, payload = "error", f"exited with {proc.exitcode}"
        if status != "ready":
            self._stop_child()
            raise RuntimeError(f"stage {self.stage}: handler process failed to start: {payload}")
        log.info("stage %s: handler process pid %d ready in %.1fs", self.stage, proc.pid, time.monotonic() - started)

    def _restart_child(self) -> None:
        self.restarts += 1
        self._stop_child()
        self._start_child()

    def _stop_child(self) -> None:
        proc, conn = self._proc, self._conn
        self._proc = self._conn = None
        if conn is not None:
            conn.close()
        if proc is not None:
            if proc.is_alive():
                proc.kill()
            proc.join(timeout=10)


def _settings_json(settings: Settings) -> str:
    """Settings for the child, secrets included (they never leave this machine's process pipe)."""
    data: dict[str, Any] = settings.model_dump(mode="python")
    for name, value in list(data.items()):
        if hasattr(value, "get_secret_value"):
            data[name] = value.get_secret_value()
    return orjson.dumps(data, default=str).decode()
