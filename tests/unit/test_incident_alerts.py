"""Alerts on incident state changes: once per incident, on thresholds crossed, on disagreement, on an
official source; nothing for a report that changes nothing."""

from __future__ import annotations

from schemas.incidents import ClaimHistory, ClaimPoint, Incident
from streams.incident_alerts import IncidentRules, is_official, summary_event, transition_alerts

NOW = 1_800_000_000.0


def _inc(killed: dict[str, int], outlets: list[str], **over: object) -> Incident:
    claims = [ClaimHistory(claimant=who, status="killed", history=[ClaimPoint(figure=n, article_id="a")])
              for who, n in killed.items()]
    figures = list(killed.values())
    data: dict[str, object] = dict(
        incident_id="inc-1", provinces=["UA-63"], country="UA", outlets=outlets, claims=claims,
        killed_min=min(figures) if figures else None, killed_max=max(figures) if figures else None,
        articles=[f"a{i}" for i in range(len(outlets))], independent_sources=len(outlets),
    )
    data.update(over)
    return Incident.model_validate(data)


def _rules(before: Incident | None, after: Incident) -> list[str]:
    return [a.rule_id for a in transition_alerts(before, after, IncidentRules(), now=NOW)]


def test_new_incident_fires_once_and_a_joining_report_fires_nothing() -> None:
    first = _inc({"outlet:Wire A": 3}, ["Wire A"])
    assert _rules(None, first) == ["incident-new"]
    joined = _inc({"outlet:Wire A": 3, "outlet:Wire B": 3}, ["Wire A", "Wire B"])
    assert _rules(first, joined) == []


def test_toll_crossing_a_threshold_fires_once() -> None:
    low = _inc({"outlet:W": 8}, ["W"])
    high = _inc({"outlet:W": 12}, ["W"])
    higher = _inc({"outlet:W": 14}, ["W"])
    assert _rules(low, high) == ["incident-killed-10"]
    assert _rules(high, higher) == []
    (alert,) = transition_alerts(low, high, IncidentRules(), now=NOW)
    assert alert.severity == "high" and alert.event.incident_id == "inc-1" and alert.details["threshold"] == 10


def test_claimants_disagreeing_by_more_than_twice_fire() -> None:
    agree = _inc({"outlet:W": 9}, ["W"])
    apart = _inc({"outlet:W": 9, "security sources": 21}, ["W", "Frontier Herald"])
    assert _rules(agree, apart) == ["incident-killed-10", "incident-claims-disagree"]


def test_first_official_source_fires_and_merged_or_closed_records_never_do() -> None:
    local = _inc({"outlet:Kharkiv Today": 2}, ["Kharkiv Today"])
    official = _inc({"outlet:Kharkiv Today": 2, "regional governor": 2},
                    ["Kharkiv Today", "Ministry of Defence (statement)"])
    assert _rules(local, official) == ["incident-official-source"]
    assert _rules(local, official.model_copy(update={"merged_into": "inc-0"})) == []
    assert _rules(None, official.model_copy(update={"closed": True})) == []
    assert is_official("IDF Spokesperson's Unit") and not is_official("Meridian Wire")


def test_summary_event_carries_the_latest_claims() -> None:
    ev = summary_event(_inc({"outlet:W": 9, "governor": 11}, ["W", "X"]))
    assert ev.incident_id == "inc-1" and ev.killed_min == 9
    assert {(c.claimed_by, c.count_min) for c in ev.casualties} == {("outlet:W", 9), ("governor", 11)}
