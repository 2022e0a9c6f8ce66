"""``strikewire demo --once`` as a newcomer runs it: a short screen with the seed's facts, logs in files.

The demo runs as users run it (``python -m agents.cli demo --once``) against the session's broker, with a
topic prefix, app id, web ports and state directory of its own. What it prints is counted (issue 13: at
most 60 lines for the shipped samples) and checked for the seed article's facts; what it does not print
must be in the log files it names.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from bench import ports

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]


def test_demo_once_prints_a_short_screen_with_the_seed_facts(kafka_bootstrap: str, tmp_path: Path) -> None:
    run = uuid.uuid4().hex[:10]
    state = tmp_path / "state"
    env = dict(
        os.environ,
        KAFKA_BOOTSTRAP_SERVERS=kafka_bootstrap,
        STRIKEWIRE_TOPIC_PREFIX=f"demo{run}.",
        STRIKEWIRE_APP_ID=f"strikewire-demo{run}",
        STRIKEWIRE_STATE_DIR=str(state),
        STRIKEWIRE_WEB_PORT=str(ports.worker_port_block()),
        STRIKEWIRE_TOPIC_PARTITIONS="3",
        PYTHONPATH=str(REPO),
    )
    proc = subprocess.run([sys.executable, "-m", "agents.cli", "demo", "--once", "--timeout", "400"], env=env,
                          cwd=REPO, capture_output=True, text=True, timeout=600)
    screen = proc.stderr + proc.stdout
    logs = state / "logs"
    worker_tail = (logs / "worker.log").read_text(errors="replace")[-6000:] if (logs / "worker.log").exists() else ""
    assert proc.returncode == 0, screen + "\n--- worker.log\n" + worker_tail
    lines = screen.splitlines()
    assert len(lines) <= 60, screen
    for fact in ("Su-34", "Tu-22M3", "Shahid Nojeh Air Base", "SY-HL, SY-DY, SY-ID"):
        assert fact in proc.stdout, fact
    assert "None" not in proc.stdout
    assert "Traceback" not in screen and "GroupCoordinator" not in screen and "[^Worker]" not in screen
    assert f"broker at {kafka_bootstrap}" in proc.stderr
    assert "worker ready" in proc.stderr and "published 6 sample articles" in proc.stderr
    assert re.match(r"demo: 6 of 6 reports \(\d+ strikes, \d+ events\), 0 dead letters", proc.stderr.splitlines()[-1])
    # the logs are where the demo said they are, and hold what the screen left out
    assert str(logs / "worker.log") in proc.stderr and str(logs) in proc.stderr.splitlines()[-1]
    worker_log = (logs / "worker.log").read_text(errors="replace")
    assert worker_log.count("[^Worker]: Ready") >= 4 and "started alert[0]" in worker_log
    assert (logs / "demo.log").exists()
