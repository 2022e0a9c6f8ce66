"""A newcomer's mistakes get one clear line with the fix and exit code 2, before Kafka is touched.

Each case runs the command line as users run it (``python -m agents.cli``) in a fresh state directory
with no broker configured, so that a check done after a Kafka call would show up as the wrong message.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from agents.preflight import InputError, check_paths

REPO = Path(__file__).resolve().parents[2]


def _cli(args: list[str], tmp_path: Path, *, bootstrap: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KAFKA_", "STRIKEWIRE_"))}
    env.update(PYTHONPATH=str(REPO), STRIKEWIRE_STATE_DIR=str(tmp_path / "state"))
    if bootstrap:
        env["KAFKA_BOOTSTRAP_SERVERS"] = bootstrap
    return subprocess.run([sys.executable, "-m", "agents.cli", *args], env=env, cwd=tmp_path, capture_output=True,
                          text=True, timeout=60)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # closed again when the block ends: nothing listens there


def _one_clear_line(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("strikewire: ")
    return lines[0]


def test_publish_missing_file_says_so_before_the_broker(tmp_path: Path) -> None:
    line = _one_clear_line(_cli(["publish", "missing.jsonl"], tmp_path))
    assert "no such file or folder: missing.jsonl" in line and "check the path" in line
    assert "broker" not in line


def test_extract_missing_file(tmp_path: Path) -> None:
    line = _one_clear_line(_cli(["extract", "nowhere.txt"], tmp_path))
    assert "no such file or folder: nowhere.txt" in line


def test_publish_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    line = _one_clear_line(_cli(["publish", "empty"], tmp_path))
    assert "folder empty holds no article files" in line


def test_unreadable_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text("Jets struck the town.")
    if os.geteuid() == 0:
        # root reads anything, and the interpreter may live where an unprivileged user cannot run it:
        # make the permission check see what a newsroom account would see.
        real_access = os.access
        monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == locked else real_access(p, mode))
    else:
        locked.chmod(0o000)
    try:
        with pytest.raises(InputError) as err:
            check_paths([str(locked)])
    finally:
        locked.chmod(0o755)
    assert str(err.value) == (f"cannot read folder {locked}: permission denied; fix its permissions "
                              f"(chmod u+rx {locked}) or run as its owner")


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = tmp_path / "a.jsonl"
    secret.write_text("{}")
    monkeypatch.setattr(os, "access", lambda p, mode: Path(p) != secret)
    with pytest.raises(InputError, match=r"cannot read file .*a.jsonl: permission denied; fix its permissions"):
        check_paths(["-", str(secret)])


def test_tail_unknown_topic_lists_the_known_ones(tmp_path: Path) -> None:
    line = _one_clear_line(_cli(["tail", "strikes.event"], tmp_path))
    assert "unknown topic 'strikes.event'" in line and "strikes.events" in line


def test_publish_unknown_topic(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Jets struck the town.")
    line = _one_clear_line(_cli(["publish", "a.txt", "--topic", "raw"], tmp_path))
    assert "unknown topic 'raw'" in line and "articles.raw" in line


@pytest.mark.parametrize("command", [["publish", "a.txt"], ["tail", "strikes.events"], ["topics", "create"]])
def test_bootstrap_that_does_not_answer(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "a.txt").write_text("Jets struck the town.")
    address = f"127.0.0.1:{_closed_port()}"
    line = _one_clear_line(_cli(command, tmp_path, bootstrap=address))
    assert f"no Kafka broker answers at {address}" in line and "strikewire kafka up" in line


def test_no_broker_configured(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Jets struck the town.")
    line = _one_clear_line(_cli(["publish", "a.txt"], tmp_path))
    assert "KAFKA_BOOTSTRAP_SERVERS" in line and "strikewire kafka up" in line


def test_help_has_no_restructuredtext_markup(tmp_path: Path) -> None:
    proc = _cli(["--help"], tmp_path)
    assert proc.returncode == 0
    assert "The strikewire command line" in proc.stdout
    assert "``" not in proc.stdout
