"""One quick run of ``make bench`` on the session's real broker: every phase completes and the figures parse.

Nothing here is about speed (the figures of a 40-article run mean nothing); the unit side of the benchmark
is in tests/unit/test_bench_smoke.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.run import TARGETS
from tests.integration.conftest import REPO
from tests.unit.test_bench_smoke import FINAL_LINE

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def test_quick_bench_runs_end_to_end(kafka_bootstrap: str, tmp_path: Path) -> None:
    """``python -m bench.run --quick`` on the session broker: every phase completes and the figures parse."""
    out = tmp_path / "bench.json"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.run(
        [sys.executable, "-m", "bench.run", "--quick", "--bootstrap", kafka_bootstrap, "--out", str(out)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=240,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    last = proc.stdout.strip().splitlines()[-1]
    assert FINAL_LINE.match(last), proc.stdout[-2000:]
    results = json.loads(out.read_text())
    assert results["e2e"]["1"]["articles"] == results["e2e"]["2"]["articles"] == 40
    assert results["e2e"]["1"]["strikes"] == results["ceiling"]["1"]["strikes"]
    # Both in-process layouts ran the same corpus to the same strike count; the ceiling is the faster.
    layouts = results["ceiling_layouts"]
    for p in ("1", "2"):
        assert layouts["chain"][p]["strikes"] == layouts["pipelined"][p]["strikes"] == results["e2e"][p]["strikes"]
        assert results["ceiling"][p]["articles_per_s"] == max(layouts[k][p]["articles_per_s"] for k in layouts)
    assert set(results["figures"]) >= set(TARGETS)
    assert any(k.startswith("entities[1]") for k in results["memory"]["2"])
