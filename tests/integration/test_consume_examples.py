"""The README's "Consume the enriched topics" examples, run exactly as written against a real broker.

The code blocks are read from README.md (so the README cannot drift from what is tested) and run with
the worker fixture's environment (its bootstrap address and topic prefix) after the seed article went
through the real worker: each must print the seed's Su-34/Tu-22M3 event. kcat comes from Debian
(``make kcat-deps``, part of ``make test``) and kafkajs from tools/node (``make node-deps``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from agents.admin import create_topics
from agents.handlers import encode
from streams.readers import read_path
from streams.settings import Settings
from tests.integration.conftest import RunningWorker, collect, produce, run

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "samples" / "herald-2016-08-16-russian-warplanes-iran.txt"
NODE_MODULES = REPO / "tools" / "node" / "node_modules"


def readme_blocks() -> dict[str, str]:
    text = (REPO / "README.md").read_text()
    section = text.split("## Consume the enriched topics", 1)[1].split("\n## ", 1)[0]
    blocks = dict(re.findall(r"```(\w+)\n(.*?)```", section, flags=re.S))
    assert set(blocks) == {"bash", "python", "js"}, sorted(blocks)
    return blocks


@pytest.fixture(scope="module")
def seed_event(worker: RunningWorker) -> dict[str, object]:
    """The seed article through the real worker; its Su-34 event is on strikes.events."""
    (seed,) = list(read_path(SEED))
    t = worker.topics
    # The worker creates its topics as it starts; created here first, a consumer's metadata request cannot
    # auto-create one with the broker's default partition count before it does.
    run(create_topics(Settings(topic_partitions=3), worker.bootstrap, names=t))
    run(produce(worker.bootstrap, t.raw, [(seed.id.encode(), encode(seed))]))  # type: ignore[union-attr]

    def has_su34(got: dict[str, list[dict]]) -> bool:  # type: ignore[type-arg]
        return any("Su-34" in [a["designation"] for a in e["aircraft"]] for e in got[t.events])

    got = run(collect(worker.bootstrap, [t.events], until=has_su34, wait_s=240))
    assert has_su34(got), worker.log_tail()
    return next(e for e in got[t.events] if "Su-34" in [a["designation"] for a in e["aircraft"]])


def _follow(cmd: list[str], env: dict[str, str], want: str, wait_s: float = 90.0) -> str:
    """Run a consumer that never ends until ``want`` is in its output; return the output."""
    proc = subprocess.Popen(cmd, env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert proc.stdout is not None
    out: list[str] = []
    reader = threading.Thread(target=lambda: out.extend(iter(proc.stdout.readline, "")), daemon=True)  # type: ignore[union-attr]
    reader.start()
    deadline = time.monotonic() + wait_s
    try:
        while time.monotonic() < deadline and proc.poll() is None and want not in "".join(out):
            time.sleep(0.2)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        reader.join(timeout=10)
    return "".join(out)


def _expected(event: dict[str, object]) -> str:
    return f"{event['event_id']} Russian Federation | Su-34, Tu-22M3 | SY-HL, SY-DY, SY-ID"


def test_kcat_example(worker: RunningWorker, seed_event: dict[str, object]) -> None:
    assert shutil.which("kcat"), "kcat is needed: make kcat-deps (Debian package kcat)"
    proc = subprocess.run(["bash", "-c", readme_blocks()["bash"]], env=worker.env, cwd=REPO, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    lines = dict(line.split("\t", 1) for line in proc.stdout.splitlines())
    assert str(seed_event["event_id"]) in lines
    assert '"designation":"Su-34"' in lines[str(seed_event["event_id"])]


def test_python_example(worker: RunningWorker, seed_event: dict[str, object], tmp_path: Path) -> None:
    script = tmp_path / "consume.py"
    script.write_text(readme_blocks()["python"])
    out = _follow([sys.executable, str(script)], worker.env, _expected(seed_event))
    assert _expected(seed_event) in out, out[-3000:]


def test_node_example(worker: RunningWorker, seed_event: dict[str, object], tmp_path: Path) -> None:
    assert shutil.which("node"), "Node.js is needed for this test"
    assert (NODE_MODULES / "kafkajs").is_dir(), "run `make node-deps` first"
    script = tmp_path / "consume.js"
    script.write_text(readme_blocks()["js"])
    out = _follow(["node", str(script)], dict(worker.env, NODE_PATH=str(NODE_MODULES)), _expected(seed_event))
    assert _expected(seed_event) in out, out[-3000:]
