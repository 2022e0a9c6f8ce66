"""Vague and ranged casualty counts read as words wherever a person reads them (never "None")."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from agents.alerting import format_alert_line
from agents.demo import describe_event
from schemas import StrikeEvent
from schemas.articles import Casualty
from streams.alerts import AlertEngine, parse_rules
from streams.wording import claim_phrase, count_phrase

APP_JS = Path(__file__).resolve().parents[2] / "agents" / "static" / "app.js"

CASES = [
    ((None, None, "wounded many others"), "many"),
    ((None, None, "several were killed"), "several"),
    ((None, None, None), "many"),
    ((15, 15, "killing 15 civilians"), "15"),
    ((24, None, "dozens were killed"), "at least 24"),
    ((None, 8, "up to eight"), "up to 8"),
    ((10, 15, "between 10 and 15"), "10-15"),
    ((0, 0, "no one was hurt"), "0"),
]


@pytest.mark.parametrize(("args", "expected"), CASES)
def test_count_phrase(args: tuple[int | None, int | None, str | None], expected: str) -> None:
    assert count_phrase(*args) == expected


def test_claim_phrase_for_a_vague_claim() -> None:
    claim = {"status": "wounded", "count_min": None, "count_max": None, "text": "wounded many others"}
    assert claim_phrase(claim) == "wounded many people"
    claim.update(claimed_by="activists", victims="civilians")
    assert claim_phrase(claim) == "wounded many civilians (activists)"


def test_demo_and_tail_pretty_print_have_no_none() -> None:
    event = {"event_id": "e1", "casualties": [
        {"status": "killed", "count_min": 15, "count_max": None, "victims": "civilians", "claimed_by": "activists"},
        {"status": "wounded", "count_min": None, "count_max": None, "text": "wounded many others"},
    ], "killed_min": 15}
    text = describe_event(event)
    assert "killed at least 15 civilians (activists); wounded many people" in text
    assert "None" not in describe_event({"event_id": "e2", "casualties": event["casualties"][1:]})


def test_alert_why_uses_the_claims_own_words() -> None:
    engine = AlertEngine(parse_rules('{"rules": [{"id": "k10", "kind": "killed_threshold", "severity": "high", '
                                     '"threshold": 10}]}'))
    event = StrikeEvent(event_id="e1", article_id="a1", casualties=[
        Casualty(status="killed", count_min=None, count_max=12, claimed_by="medics", text="up to 12 killed")])
    (alert,) = engine.evaluate(event, last_seen={}, max_toll={}, fired={}, now=0.0).alerts
    assert "medics claim up to 12 killed" in alert.why
    assert "None" not in format_alert_line(alert.model_dump())


@pytest.mark.node
def test_dashboard_js_words_counts_the_same_way() -> None:
    assert shutil.which("node"), "Node.js is needed for this test (Debian: apt-get install nodejs)"
    src = APP_JS.read_text()
    func = re.search(r"const VAGUE_WORDS[\s\S]*?\n}\n", src)
    assert func, "countWords() not found in app.js"
    calls = [{"count_min": a[0], "count_max": a[1], "text": a[2]} for a, _ in CASES]
    script = func.group(0) + f"for (const c of {calls!r}) console.log(countWords(c));".replace("None", "null")
    out = subprocess.run(["node", "-e", script], capture_output=True, text=True, timeout=30, check=True).stdout
    assert out.splitlines() == [e.replace("-", "\u2013") for _, e in CASES]
