"""The local broker's operating-system helpers (agents.broker_process), without a broker."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from agents import broker_process as bp


def test_state_round_trip_and_missing(tmp_path: Path) -> None:
    assert bp.read_state(tmp_path) == {}
    bp.write_state(tmp_path, {"port": 9092, "bootstrap": "127.0.0.1:9092"})
    assert bp.read_state(tmp_path) == {"port": 9092, "bootstrap": "127.0.0.1:9092"}
    assert not (tmp_path / f"{bp.STATE_NAME}.tmp").exists()


def test_tail_text_keeps_the_last_lines(tmp_path: Path) -> None:
    log = tmp_path / "kafka.log"
    log.write_text("".join(f"line {i}\n" for i in range(100)))
    assert bp.tail_text(log, 3) == "line 97\nline 98\nline 99"
    assert bp.tail_text(tmp_path / "absent.log", 3) == ""
    assert bp.tail_text(None, 3) == ""
    assert bp.with_tail("failed", log).startswith("failed\n--- last lines of")
    assert bp.with_tail("failed", tmp_path / "absent.log") == "failed"


def test_reuse_port_refuses_a_taken_or_avoided_port() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as held:
        held.bind((bp.HOST, 0))
        held.listen()
        taken = held.getsockname()[1]
        assert bp.reuse_port(taken) is None
    free = bp.free_port()
    assert bp.reuse_port(free, avoid=free) is None
    assert bp.reuse_port("9092") is None  # not an int: a corrupt state file


def test_random_kafka_uuid_is_22_url_safe_chars_never_an_option() -> None:
    for _ in range(200):
        text = bp.random_kafka_uuid()
        assert len(text) == 22 and not text.startswith("-")
        assert set(text) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def test_running_pid_ignores_a_stale_or_foreign_pid(tmp_path: Path) -> None:
    assert bp.running_pid(tmp_path) is None
    (tmp_path / bp.PID_NAME).write_text(f"{os.getpid()}\n")  # alive, but not a Kafka broker of this dir
    assert bp.running_pid(tmp_path) is None
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (tmp_path / bp.PID_NAME).write_text(proc.stdout)  # exited
    assert bp.running_pid(tmp_path) is None
    assert bp.pid_alive(os.getpid())
