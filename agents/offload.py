"""Run a stage handler off the event loop.

spaCy holds the GIL for most of its work, so a thread would still starve Faust's heartbeats and
commits. The NLP stage therefore runs in a worker process (spawned, never forked from a process that
has an event loop and Kafka sockets), which loads the model once at start-up; batches cross the
boundary as bytes. Cheap stages run inline: a process hop would cost more than the work.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import orjson

from agents.handlers import Handler, Inbound, Outbound, build_handler, dead_letter
from agents.topics import TopicNames
from streams.settings import Settings

_HANDLER: Handler | None = None


def _init_worker(stage: str, settings_json: str) -> None:
    global _HANDLER
    _HANDLER = build_handler(stage, Settings.model_validate_json(settings_json))


def _run_in_worker(batch: Sequence[Inbound]) -> list[Outbound]:
    assert _HANDLER is not None, "worker process was not initialised"
    return _HANDLER(batch)


def _ping() -> bool:
    return _HANDLER is not None


class Offloader:
    """Calls a stage's handler inline or in a dedicated process, always awaited from the loop."""

    def __init__(self, stage: str, settings: Settings, *, in_process: bool) -> None:
        self.stage = stage
        self.settings = settings
        self.in_process = in_process
        self._handler: Handler | None = None
        self._pool: ProcessPoolExecutor | None = None

    def start(self) -> None:
        """Load the handler (and the model) now, so a missing model fails the worker at start."""
        if self.in_process:
            self._handler = build_handler(self.stage, self.settings)
            return
        ctx = multiprocessing.get_context("spawn")
        self._pool = ProcessPoolExecutor(
            max_workers=1,
            mp_context=ctx,
            initializer=_init_worker,
            initargs=(self.stage, _settings_json(self.settings)),
        )
        # Fail fast (model missing) rather than on the first message.
        self._pool.submit(_ping).result(timeout=300)

    async def __call__(self, batch: Sequence[Inbound]) -> list[Outbound]:
        if self._handler is not None:
            return self._handler(batch)
        if self._pool is None:
            raise RuntimeError("Offloader.start() was not called")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, _run_in_worker, list(batch))

    def restart(self) -> None:
        self.stop()
        self.start()

    def dead_letter(self, rec: Inbound, exc: BaseException) -> Outbound:
        """A dead letter for a record the handler could not process at all (built in this process)."""
        return dead_letter(self.stage, self.settings, TopicNames(self.settings.topic_prefix), rec, exc)

    def stop(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


def _settings_json(settings: Settings) -> str:
    """Settings for the child, secrets included (they never leave this machine's process pipe)."""
    data: dict[str, Any] = settings.model_dump(mode="python")
    for name, value in list(data.items()):
        if hasattr(value, "get_secret_value"):
            data[name] = value.get_secret_value()
    return orjson.dumps(data, default=str).decode()
