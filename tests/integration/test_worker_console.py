"""``strikewire worker`` at a terminal: a few lines of its own; Faust's start-up chatter goes to the log file.

Run under a pseudo-terminal, as a person runs it; the tests that redirect the worker's output to a file
(all the others) check that nothing changed for them.
"""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from agents.topology import STAGES
from bench import ports

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]


def _read_until(fd: int, proc: subprocess.Popen[bytes], text: bytes, wait_s: float) -> bytes:
    out = b""
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline and text not in out and proc.poll() is None:
        if select.select([fd], [], [], 0.5)[0]:
            try:
                out += os.read(fd, 65536)
            except OSError:
                break
    return out


def test_worker_at_a_terminal_is_quiet_and_logs_to_a_file(kafka_bootstrap: str, tmp_path: Path) -> None:
    run = uuid.uuid4().hex[:10]
    port = ports.worker_port_block()
    env = dict(os.environ, KAFKA_BOOTSTRAP_SERVERS=kafka_bootstrap, STRIKEWIRE_TOPIC_PREFIX=f"tty{run}.",
               STRIKEWIRE_APP_ID=f"strikewire-tty{run}", STRIKEWIRE_STATE_DIR=str(tmp_path / "state"),
               STRIKEWIRE_WEB_PORT=str(port), STRIKEWIRE_TOPIC_PARTITIONS="3", PYTHONPATH=str(REPO))
    main, side = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "agents.cli", "worker"], stdin=side, stdout=side, stderr=side,
                            env=env, cwd=REPO, start_new_session=True)
    os.close(side)
    try:
        screen = _read_until(main, proc, b"ready in", 240)
        proc.send_signal(signal.SIGINT)
        screen += _read_until(main, proc, b"\x00never", 60)
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(main)
    text = screen.decode(errors="replace")
    log_file = tmp_path / "state" / "logs" / "worker.log"
    assert f"strikewire worker: logs in {log_file}" in text
    assert f"strikewire worker: broker {kafka_bootstrap}; started {len(STAGES)} stage processes" in text
    assert f"dashboard http://127.0.0.1:{port}/" in text and "strikewire worker: stopping" in text
    assert len(text.strip().splitlines()) <= 6, text
    assert "[^Worker]" not in text and "settings:" not in text
    logged = log_file.read_text(errors="replace")
    assert logged.count("[^Worker]: Ready") >= 4 and "settings: " in logged and "started alert[0]" in logged
