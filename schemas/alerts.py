"""The alert wire model, on ``strikes.alerts`` (key = alert_id).

An alert says which rule fired, how loudly, why (a sentence an analyst can read), and carries the
strike event that fired it, so a consumer never needs a second look-up. ``alert_id`` is derived from
the rule id and the rule's subject only, so the same alert re-sent after a crash (at-least-once) has
the same id and consumers can drop the duplicate.
"""

from __future__ import annotations

import hashlib
from typing import Any, Literal

from pydantic import Field

from schemas.articles import SCHEMA_VERSION, StrikeEvent, _Wire

Severity = Literal["info", "low", "medium", "high", "critical"]

#: Severities from least to most urgent (dashboards sort and colour by this order).
SEVERITIES: tuple[Severity, ...] = ("info", "low", "medium", "high", "critical")


def alert_id_for(rule_id: str, subject: str) -> str:
    """Deterministic alert id: the same rule firing on the same subject always gives the same id."""
    digest = hashlib.sha256(f"{rule_id}\x1f{subject}".encode()).hexdigest()[:20]
    return f"{rule_id}:{digest}"


class Alert(_Wire):
    """One fired alert rule, on ``strikes.alerts``."""

    schema_version: int = SCHEMA_VERSION
    alert_id: str = Field(description="rule_id + ':' + hash of (rule_id, subject); stable across re-sends.")
    rule_id: str = Field(description="Id of the rule in the alert rules file.")
    kind: str = Field(description="Rule kind: killed_threshold, first_seen, watched_province, toll_raised.")
    severity: Severity
    title: str = Field(description="One line for a feed or a pager.")
    why: str = Field(description="Why the rule fired, in words, with the figures it compared.")
    subject: str = Field(description="What the rule fired about (base name, aircraft type, province, toll key).")
    event: StrikeEvent = Field(description="The strike event that fired the rule.")
    fired_at: float = Field(description="Unix time the alert stage fired it.")
    details: dict[str, Any] = Field(
        default_factory=dict, description="Rule-specific figures: threshold, previous toll, days since last seen..."
    )
