"""Alerts on incidents: fired on an incident's state changes, so a strike reported ten times alerts once.

Why: the event rules (``streams/alerts.py``) see every report on its own, so one strike reported by five
outlets fires "killed >= 10" up to five times and nobody is told that claimants disagree. The fuse stage knows
each incident's state before and after every report; these rules compare the two:

- ``incident-new``: a new incident (once per incident; a report joining one fires nothing);
- ``incident-killed-<threshold>``: the highest claimed toll reaches a ``killed_threshold`` rule's threshold
  (the thresholds and severities of the alert rules file) for the first time;
- ``incident-claims-disagree``: claimants' latest killed figures now differ by more than a factor of two;
- ``incident-official-source``: the first official source (a ministry, army, governor, command, spokesman...)
  reports the incident, after unofficial ones did.

Pure: ``transition_alerts(before, after, ...)`` returns the alerts; ids come from the rule id and the
incident id, so a re-sent alert (at-least-once) carries the id of the first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from schemas.alerts import Alert, Severity, alert_id_for
from schemas.articles import Casualty, Province, StrikeEvent
from schemas.incidents import Incident

#: an outlet or claimant that speaks for a government, an army or an armed group
_OFFICIAL = re.compile(
    r"\b(?:ministry|minister|army|armed forces|military|defen[cs]e|government|governor|mayor|command|"
    r"spokes(?:man|woman|person)|general staff|security media cell|idf|centcom|africom|police|administration|"
    r"statement|communiqu[eé]|press release|authorit(?:y|ies)|council)\b",
    re.I,
)


@dataclass(frozen=True)
class IncidentRules:
    """Thresholds (with their severities) and the disagreement factor."""

    killed: tuple[tuple[int, Severity], ...] = ((10, "high"), (50, "critical"))
    disagreement_factor: float = 2.0
    new_severity: Severity = "medium"


def is_official(name: str) -> bool:
    """An outlet or claimant name that speaks for an authority."""
    return bool(_OFFICIAL.search(name))


def _official(inc: Incident | None) -> bool:
    if inc is None:
        return False
    return any(is_official(o) for o in inc.outlets) or any(
        not h.claimant.startswith("outlet:") and is_official(h.claimant) for h in inc.claims
    )


def _disagree(inc: Incident | None, factor: float) -> bool:
    if inc is None or inc.killed_min is None or inc.killed_max is None:
        return False
    return inc.killed_max > factor * max(inc.killed_min, 0) and inc.killed_max > inc.killed_min


def summary_event(inc: Incident) -> StrikeEvent:
    """The incident as one event (the ``event`` an alert carries): its places, aircraft, latest claims."""
    casualties = [
        Casualty(status=h.status, count_min=h.history[-1].figure, claimed_by=h.claimant)
        for h in inc.claims if h.history
    ]
    return StrikeEvent(
        event_id=inc.incident_id,
        article_id=inc.articles[-1] if inc.articles else inc.incident_id,
        incident_id=inc.incident_id,
        actor=inc.actor,
        provinces=[Province(code=c, country=c.split("-")[0]) for c in inc.provinces],
        targets=list(inc.targets),
        casualties=casualties,
        killed_min=inc.killed_min,
        confidence=inc.confidence,
        published=inc.last_seen,
        event_date=inc.event_date,
    )


def transition_alerts(before: Incident | None, after: Incident, rules: IncidentRules, *, now: float) -> list[Alert]:
    """Alerts for the change ``before`` -> ``after`` of one incident (``before`` None: it is new)."""
    if after.merged_into or after.closed:
        return []
    iid = after.incident_id
    where = ", ".join(after.provinces) or after.country or "unknown place"
    out: list[tuple[str, str, Severity, str, str, dict[str, object]]] = []
    if before is None:
        out.append(("incident-new", "incident", rules.new_severity, f"New strike incident in {where}",
                    f"first report of a strike in {where} on {after.event_date or after.first_seen or '?'}", {}))
    old_max = before.killed_max if before is not None and before.killed_max is not None else -1
    for threshold, severity in sorted(rules.killed):
        if after.killed_max is not None and old_max < threshold <= after.killed_max:
            out.append((f"incident-killed-{threshold}", "incident_killed_threshold", severity,
                        f"Toll reaches {after.killed_max} in {where}",
                        f"claimants now say {after.killed_min}-{after.killed_max} killed (threshold {threshold}; "
                        f"{after.independent_sources} sources)", {"threshold": threshold, "previous": old_max}))
    if _disagree(after, rules.disagreement_factor) and not _disagree(before, rules.disagreement_factor):
        out.append(("incident-claims-disagree", "incident_claims_disagree", "medium",
                    f"Claimants disagree on the toll in {where}",
                    f"latest killed figures range {after.killed_min}-{after.killed_max}, more than "
                    f"{rules.disagreement_factor:g}x apart", {"killed_min": after.killed_min,
                                                              "killed_max": after.killed_max}))
    if _official(after) and not _official(before) and before is not None:
        out.append(("incident-official-source", "incident_new_source_kind", "low",
                    f"First official source on the strike in {where}",
                    f"an official source now reports it ({', '.join(after.outlets[-2:])})", {}))
    event = summary_event(after)
    return [
        Alert(alert_id=alert_id_for(rule_id, iid), rule_id=rule_id, kind=kind, severity=sev, title=title, why=why,
              subject=iid, event=event, fired_at=now, details={"incident_id": iid, **details})
        for rule_id, kind, sev, title, why, details in out
    ]


def rules_from_thresholds(thresholds: Sequence[tuple[int, Severity]]) -> IncidentRules:
    """Incident rules with the killed thresholds of the alert rules file."""
    return IncidentRules(killed=tuple(thresholds) or IncidentRules().killed)


__all__ = ["IncidentRules", "is_official", "rules_from_thresholds", "summary_event", "transition_alerts"]
