"""The chaos run, small: what ``make chaos`` does with 20,000 articles, here with 600 (about a minute).

It runs ``python -m bench.chaos`` exactly as ``make chaos`` does, with its own broker (the run restarts
it, so it cannot share the session's), one kill -9 of a stage process and one broker restart while the
articles flow, and checks the summary line the issue asks for.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.integration.conftest import REPO

pytestmark = [pytest.mark.integration, pytest.mark.slow]

LINE = re.compile(
    r"^chaos: articles=(?P<articles>\d+) poison=(?P<poison>\d+) lost=(?P<lost>\d+) "
    r"unaccounted=(?P<unaccounted>\d+) duplicates=(?P<duplicates>\d+) redeliveries=(?P<redeliveries>\d+) "
    r"drain_s=(?P<drain>\d+)$"
)


def test_small_chaos_run_loses_nothing() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "bench.chaos", "--articles", "600", "--kills", "1", "--broker-restarts", "1",
         "--partitions", "3", "--timeout", "240"],
        cwd=REPO, capture_output=True, timeout=600,
    )
    out, err = proc.stdout.decode(errors="replace"), proc.stderr.decode(errors="replace")
    lines = out.strip().splitlines()
    assert lines, err[-5000:]
    match = LINE.match(lines[-1])
    assert match, f"unexpected summary line {lines[-1]!r}\n{err[-5000:]}"
    got = {k: int(v) for k, v in match.groupdict().items()}
    assert (got["articles"], got["poison"]) == (600, 12)
    assert (got["lost"], got["unaccounted"], got["duplicates"]) == (0, 0, 0), err[-5000:]
    assert proc.returncode == 0, err[-5000:]
    # The actions really happened, and the supervisor put the killed stage back by itself.
    assert "kill -9 entities" in err and "broker restart" in err
    assert "stages alive at the end: alert, clean, detect, entities, fuse" in err
    # the fuse stage's incidents hold every event exactly once, none reset
    assert "events in no incident 0, in two 0; incident resets 0" in err, err[-5000:]
