"""What a person at a terminal sees: a few lines of their own, every process's logs in files.

Faust and aiokafka log a lot at INFO while a worker starts (topic tables, assignors, a harmless
``GroupCoordinatorNotAvailableError`` while the coordinator is elected). That is what a log file is
for; a person who typed ``strikewire worker`` or ``strikewire demo`` wants to know where the broker is,
that the worker is ready, what arrived, and where the logs are. This module holds those few lines and
the plumbing around them: the log directory (``<state_dir>/logs``), a root logger that writes to a file
while only warnings reach the terminal, and a watch on a worker log for Faust's readiness lines.

When stderr is not a terminal (tests, CI, ``> file``, a container) nothing changes: logs go to stderr as
before, so whoever redirected them gets all of them.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from streams.settings import Settings

#: Faust's line when a worker (one stage process) has started its agents and joined its group.
READY_MARK = b"[^Worker]: Ready"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_dir(settings: Settings) -> Path:
    path = Path(settings.state_dir) / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def say(line: str) -> None:
    """One line for the person at the terminal (stderr: stdout stays for data)."""
    print(line, file=sys.stderr, flush=True)


def interactive() -> bool:
    return sys.stderr.isatty()


def log_to_file(path: Path, level: str) -> None:
    """Send this process's logs to ``path`` (appending); only warnings and errors still reach stderr."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    to_file = logging.FileHandler(path, encoding="utf-8")
    to_file.setFormatter(logging.Formatter(LOG_FORMAT))
    to_terminal = logging.StreamHandler(sys.stderr)
    to_terminal.setLevel(logging.WARNING)
    to_terminal.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root.addHandler(to_file)
    root.addHandler(to_terminal)
    root.setLevel(getattr(logging, level.upper(), logging.INFO))


def quiet_worker_log(settings: Settings, *, verbose: bool, stage: str) -> Path | None:
    """The log file of a worker run at a terminal (None: log to stderr as usual) and its first line."""
    if verbose or not interactive():
        return None
    path = log_dir(settings) / ("worker.log" if stage == "all" else f"worker-{stage}.log")
    log_to_file(path, settings.log_level)
    say(f"strikewire worker: logs in {path} (--verbose shows them here)")
    return path


class ReadyWatch:
    """Counts Faust's readiness lines in a log file that other processes append to."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._offset = 0
        self._tail = b""
        self.ready = 0

    def poll(self) -> int:
        try:
            with self.path.open("rb") as fh:
                fh.seek(self._offset)
                chunk = fh.read()
        except OSError:
            return self.ready
        self._offset += len(chunk)
        data = self._tail + chunk
        self.ready += data.count(READY_MARK)
        # Keep the end of the chunk in case a mark is split between two reads.
        self._tail = data[-(len(READY_MARK) - 1):] if data and not data.endswith(READY_MARK) else b""
        return self.ready
