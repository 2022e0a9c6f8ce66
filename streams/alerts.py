"""Alert rules over strike events: rules as data, evaluation as a pure function of (event, state).

The rules come from a YAML or JSON file (``agents/data/alert_rules.yaml`` by default; see there for the
format, with comments). :class:`AlertEngine` never touches Kafka or Faust: given one event and read-only
views of the state it returns the alerts that fire and the state updates to apply. The alert agent
passes its Faust tables as the views and writes the updates back (so the state survives restarts through
the tables' changelog topics); tests pass plain dicts through :class:`MemoryState`.

State (three string-keyed maps):

- ``last_seen``: ``"aircraft:Su-34"``, ``"base:Shahid Nojeh Air Base"``, ``"actor_base_country:RU>IR"``
  -> latest event time (Unix seconds) that thing was seen in a strike event;
- ``max_toll``: ``"event:<event_id>"`` and ``"incident:<day>|<provinces>"`` -> highest killed figure seen;
- ``fired``: alert id -> time it fired. An alert whose id is there never fires again.

Event time is the event's ``published`` date when it parses, else the caller's ``now``: replaying old
copy ("not seen in the last 30 days") then means 30 days of news, not 30 days of wall clock.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from schemas.alerts import Alert, Severity, alert_id_for
from schemas.articles import StrikeEvent
from streams.wording import count_phrase

log = logging.getLogger(__name__)

DAY_S = 86_400.0

SeenField = Literal["aircraft", "base", "actor_base_country"]
TollMatch = Literal["event", "incident"]
_Emit = Callable[..., None]
_ALL_MATCH: tuple[TollMatch, ...] = ("event", "incident")
_ALL_SEEN: tuple[SeenField, ...] = ("aircraft", "base", "actor_base_country")


class AlertRulesError(ValueError):
    """The alert rules file is missing, unreadable or invalid; the message says where."""


# ------------------------------------------------------------------------------------------------ rules
class _Rule(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
    severity: Severity = "medium"
    description: str = ""
    enabled: bool = True


class KilledThresholdRule(_Rule):
    """A killed claim (or the event's lowest credible killed total) at or above ``threshold``."""

    kind: Literal["killed_threshold"]
    threshold: int = Field(ge=1)


class FirstSeenRule(_Rule):
    """An aircraft type, a launch base, or an actor flying from a country, not seen in ``window_days``."""

    kind: Literal["first_seen"]
    field: SeenField
    window_days: float = Field(gt=0)
    known: list[str] = Field(
        default_factory=list, description="Values treated as always seen (a baseline, so a fresh state is quiet)."
    )


class WatchedProvinceRule(_Rule):
    """A strike in any of ``provinces`` (ISO 3166-2 codes; a bare country code watches the whole country)."""

    kind: Literal["watched_province"]
    provinces: list[str] = Field(min_length=1)

    @field_validator("provinces")
    @classmethod
    def _upper(cls, v: list[str]) -> list[str]:
        return [p.strip().upper() for p in v]


class TollRaisedRule(_Rule):
    """A later report raising the killed figure of an event (or incident) already seen."""

    kind: Literal["toll_raised"]
    min_increase: int = Field(default=1, ge=1)
    match: list[TollMatch] = Field(default_factory=lambda: list(_ALL_MATCH), min_length=1)


Rule = Annotated[
    KilledThresholdRule | FirstSeenRule | WatchedProvinceRule | TollRaisedRule, Field(discriminator="kind")
]


class RuleSet(BaseModel):
    """The whole rules file."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: Literal[1] = 1
    rules: list[Rule]

    @field_validator("rules")
    @classmethod
    def _unique_ids(cls, v: list[Rule]) -> list[Rule]:
        seen: set[str] = set()
        for rule in v:
            if rule.id in seen:
                raise ValueError(f"duplicate rule id {rule.id!r}")
            seen.add(rule.id)
        return v

    @property
    def active(self) -> list[Rule]:
        return [r for r in self.rules if r.enabled]


def parse_rules(text: str, *, source: str = "<rules>") -> RuleSet:
    """Rules from YAML (or JSON, which is YAML) text."""
    try:
        data = yaml.safe_load(text) if not source.endswith(".json") else json.loads(text)
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        raise AlertRulesError(f"{source}: not valid YAML/JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise AlertRulesError(f"{source}: expected a mapping with a 'rules' list")
    try:
        return RuleSet.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors(include_url=False)
        )
        raise AlertRulesError(f"{source}: invalid alert rules: {problems}") from exc


def load_rules(path: Path) -> RuleSet:
    """Rules from a YAML or JSON file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise AlertRulesError(f"cannot read alert rules {path}: {exc}") from exc
    return parse_rules(text, source=str(path))


# ------------------------------------------------------------------------------------------------ state
@dataclass(frozen=True)
class StateUpdate:
    """What to write back after one event (only changed keys)."""

    last_seen: dict[str, float] = field(default_factory=dict)
    max_toll: dict[str, int] = field(default_factory=dict)
    fired: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Evaluation:
    alerts: list[Alert]
    updates: StateUpdate


@dataclass
class MemoryState:
    """The engine's state as plain dicts (tests, in-process use); the agent uses Faust tables instead."""

    last_seen: dict[str, float] = field(default_factory=dict)
    max_toll: dict[str, int] = field(default_factory=dict)
    fired: dict[str, float] = field(default_factory=dict)

    def apply(self, updates: StateUpdate) -> None:
        self.last_seen.update(updates.last_seen)
        self.max_toll.update(updates.max_toll)
        self.fired.update(updates.fired)


# ------------------------------------------------------------------------------------------- event facts
def event_time(event: StrikeEvent, now: float) -> float:
    """The event's publication time (Unix seconds) when it parses, else ``now``."""
    raw = (event.published or "").strip()
    if not raw:
        return now
    try:
        dt = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        try:
            dt = datetime.strptime(raw[:10], "%Y-%m-%d")
        except ValueError:
            return now
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.timestamp()


def killed_figure(event: StrikeEvent) -> tuple[int | None, str | None]:
    """The highest killed figure any claim in the event makes, and who claims it."""
    best: int | None = event.killed_min
    by: str | None = None
    for c in event.casualties:
        if c.status != "killed":
            continue
        n = c.count_min if c.count_min is not None else c.count_max
        if n is not None and (best is None or n > best or (n == best and by is None)):
            best, by = n, c.claimed_by
    return best, by


@lru_cache(maxsize=4096)
def actor_key(actor: str) -> str:
    """A stable key for an actor: its country when the actor starts with a country name or demonym
    ("Russia", "Russian", "Russian Air Force" -> "RU"), else its folded text ("the coalition")."""
    from streams.geo import Gazetteer  # loaded once, on the first event with an actor and a base

    mentions = Gazetteer.load().country_of(actor)
    if mentions and mentions[0][0] == 0:
        return mentions[0][2]
    return " ".join(actor.lower().split())


def _norm_actor(actor: str | None) -> str | None:
    return actor_key(actor.strip()) if actor and actor.strip() else None


def seen_values(event: StrikeEvent, what: SeenField) -> list[str]:
    """The values of one tracked field in an event (deduplicated, in order)."""
    values: list[str] = []
    if what == "aircraft":
        values = [a.designation for a in event.aircraft if a.designation]
    elif what == "base":
        values = [b.name for b in event.bases if b.name]
    elif what == "actor_base_country":
        actor = _norm_actor(event.actor)
        if actor:
            values = [f"{actor}>{b.country}" for b in event.bases if b.country]
    return list(dict.fromkeys(values))


def _seen_key(what: SeenField, value: str) -> str:
    return f"{what}:{value}"


def toll_keys(event: StrikeEvent, match: Iterable[TollMatch]) -> list[str]:
    """State keys under which an event's killed figure is compared with earlier reports."""
    keys: list[str] = []
    for m in match:
        if m == "event":
            keys.append(f"event:{event.event_id}")
        elif m == "incident":
            day = (event.published or "")[:10]
            provinces = sorted({p.code for p in event.provinces})
            if len(day) == 10 and provinces:
                keys.append(f"incident:{day}|{','.join(provinces)}")
    return keys


def _fmt_days(seconds: float) -> str:
    days = seconds / DAY_S
    return f"{days:.0f} days" if days >= 2 else f"{seconds / 3600:.0f} hours"


def _country_name(code: str) -> str:
    """'Iran (IR)' for 'IR'; the code alone when pycountry does not know it."""
    import pycountry  # lazily: only alert texts need it

    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return code
    name = getattr(country, "common_name", None) or country.name
    return f"{name.split(',')[0]} ({code.upper()})"


def _place(event: StrikeEvent) -> str:
    names = [p.name or p.code for p in event.provinces]
    return ", ".join(names) if names else "an unknown place"


# ----------------------------------------------------------------------------------------------- engine
@dataclass
class AlertEngine:
    """Evaluates every active rule on one event against read-only state."""

    rules: RuleSet

    @classmethod
    def from_file(cls, path: Path) -> AlertEngine:
        return cls(load_rules(path))

    def evaluate(
        self,
        event: StrikeEvent,
        *,
        last_seen: Mapping[str, float],
        max_toll: Mapping[str, int],
        fired: Mapping[str, float],
        now: float,
    ) -> Evaluation:
        """Alerts that fire for ``event`` (none already in ``fired``) and the state updates to write."""
        t = event_time(event, now)
        alerts: list[Alert] = []
        updates = StateUpdate()

        def emit(rule: _Rule, kind: str, subject: str, title: str, why: str, **details: Any) -> None:
            aid = alert_id_for(rule.id, subject)
            if aid in fired or aid in updates.fired:
                return
            alerts.append(
                Alert(
                    alert_id=aid, rule_id=rule.id, kind=kind, severity=rule.severity, title=title, why=why,
                    subject=subject, event=event, fired_at=now, details=details,
                )
            )
            updates.fired[aid] = now

        for rule in self.rules.active:
            if isinstance(rule, KilledThresholdRule):
                self._killed(rule, event, emit)
            elif isinstance(rule, FirstSeenRule):
                self._first_seen(rule, event, t, last_seen, emit)
            elif isinstance(rule, WatchedProvinceRule):
                self._watched(rule, event, emit)
            elif isinstance(rule, TollRaisedRule):
                self._toll(rule, event, max_toll, emit, updates)

        # Every tracked value is recorded whether or not a rule looks at it, so that enabling a rule
        # later starts from what was already seen rather than from nothing.
        for what in _ALL_SEEN:
            for value in seen_values(event, what):
                key = _seen_key(what, value)
                prev = last_seen.get(key)
                if prev is None or t > prev:
                    updates.last_seen[key] = t
        figure, _ = killed_figure(event)
        if figure is not None:
            for key in toll_keys(event, _ALL_MATCH):
                prev_toll = max_toll.get(key)
                if prev_toll is None or figure > prev_toll:
                    updates.max_toll[key] = max(figure, updates.max_toll.get(key, figure))
        return Evaluation(alerts, updates)

    # each rule kind -------------------------------------------------------------------------------
    @staticmethod
    def _killed(rule: KilledThresholdRule, event: StrikeEvent, emit: _Emit) -> None:
        figure, by = killed_figure(event)
        if figure is None or figure < rule.threshold:
            return
        claim = f"{by} claim" if by else "the report gives"
        source = next((c for c in event.casualties if c.status == "killed" and c.claimed_by == by
                       and (c.count_min if c.count_min is not None else c.count_max) == figure), None)
        # The claim's own range in words ("up to 12" must not read "at least 12"); killed_min is a floor.
        amount = count_phrase(source.count_min, source.count_max, source.text) if source else f"at least {figure}"
        emit(
            rule, rule.kind, event.event_id,
            f"{figure}+ killed in {_place(event)}",
            f"{claim} {amount} killed, at or above the threshold of {rule.threshold}.",
            killed=figure, claimed_by=by, threshold=rule.threshold,
        )

    @staticmethod
    def _first_seen(
        rule: FirstSeenRule, event: StrikeEvent, t: float, last_seen: Mapping[str, float], emit: _Emit
    ) -> None:
        window = rule.window_days * DAY_S
        known = {k.lower() for k in rule.known}
        label = {"aircraft": "aircraft type", "base": "launch base", "actor_base_country": "actor"}[rule.field]
        for value in seen_values(event, rule.field):
            if value.lower() in known:
                continue
            prev = last_seen.get(_seen_key(rule.field, value))
            if prev is not None and t - prev <= window:
                continue  # seen recently (or a newer sighting exists: this is older news)
            shown = f"{label} {value}"
            if rule.field == "actor_base_country":
                actor, _, country = value.partition(">")
                shown = f"{event.actor or actor} flying from {_country_name(country)}"
            if prev is None:
                why = f"First sighting of {shown}: not in any earlier strike event."
                title = f"First sighting: {shown}"
            else:
                why = (
                    f"{shown[0].upper()}{shown[1:]} seen again after {_fmt_days(t - prev)}, "
                    f"longer than the {rule.window_days:g}-day window."
                )
                title = f"Not seen in {rule.window_days:g} days: {shown}"
            # The subject names the sighting (value + event), so a later gap-then-return fires anew.
            emit(
                rule, rule.kind, f"{value}|{event.event_id}", title, why,
                field=rule.field, value=value, last_seen=prev, window_days=rule.window_days,
                days_since=None if prev is None else round((t - prev) / DAY_S, 1),
            )

    @staticmethod
    def _watched(rule: WatchedProvinceRule, event: StrikeEvent, emit: _Emit) -> None:
        watched = set(rule.provinces)
        hits = [
            p for p in event.provinces
            if p.code.upper() in watched or (p.country or p.code.split("-")[0]).upper() in watched
        ]
        if not hits:
            return
        names = ", ".join(f"{p.name or p.code} ({p.code})" for p in hits)
        emit(
            rule, rule.kind, event.event_id, f"Strike in watched province: {names}",
            f"The event's target provinces include {names}, on the watch list of rule {rule.id}.",
            provinces=[p.code for p in hits],
        )

    @staticmethod
    def _toll(
        rule: TollRaisedRule, event: StrikeEvent, max_toll: Mapping[str, int], emit: _Emit, updates: StateUpdate
    ) -> None:
        figure, by = killed_figure(event)
        if figure is None:
            return
        for key in toll_keys(event, rule.match):
            prev = max_toll.get(key)
            if prev is None or figure - prev < rule.min_increase:
                continue
            scope = "this event" if key.startswith("event:") else f"the incident {key.split(':', 1)[1]}"
            emit(
                rule, rule.kind, f"{key}>{figure}",
                f"Toll raised to {figure} killed (was {prev}) in {_place(event)}",
                f"A new report{' by ' + by if by else ''} puts the killed figure of {scope} at {figure}, "
                f"up from the earlier {prev}.",
                previous=prev, killed=figure, claimed_by=by, key=key,
            )
            return  # one alert per raised figure, whichever key matched first


def rules_summary(rules: RuleSet) -> list[dict[str, Any]]:
    """One row per rule (id, kind, severity, what it watches): for the dashboard and the README."""
    rows = []
    for r in rules.rules:
        if isinstance(r, KilledThresholdRule):
            what = f"killed claim >= {r.threshold}"
        elif isinstance(r, FirstSeenRule):
            what = f"{r.field} not seen in {r.window_days:g} days"
        elif isinstance(r, WatchedProvinceRule):
            what = "strike in " + ", ".join(r.provinces)
        else:
            what = f"killed figure raised by >= {r.min_increase} ({' or '.join(r.match)} match)"
        rows.append({"id": r.id, "kind": r.kind, "severity": r.severity, "enabled": r.enabled, "what": what,
                     "description": r.description})
    return rows


__all__ = [
    "AlertEngine",
    "AlertRulesError",
    "Evaluation",
    "FirstSeenRule",
    "KilledThresholdRule",
    "MemoryState",
    "RuleSet",
    "StateUpdate",
    "TollRaisedRule",
    "WatchedProvinceRule",
    "actor_key",
    "event_time",
    "killed_figure",
    "load_rules",
    "parse_rules",
    "rules_summary",
    "seen_values",
    "toll_keys",
]
