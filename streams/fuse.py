"""Incident fusion: the reports of one strike from many outlets become one live incident with its toll history.

Why: a strike is reported by a flash, a full story, a local outlet, a ministry, a monitor, a follow-up; each
article makes its own ``StrikeEvent``, so without fusion a dashboard shows one strike five times and every
alert fires five times. This module decides, report by report in order of arrival, which incident a report
belongs to, and keeps each incident's state (places, sources, each claimant's figures over time).

It is pure and typed: :class:`Fuser` holds the open incidents of one partition (the fuse stage keys its input
by country, so every report that could belong to one incident meets in one task) and an archive of recently
closed ones; :meth:`Fuser.add` takes a report and returns the incident states it changed (the new or updated
incident, and the final record of any incident a bridging report merged into another). The Faust stage stores
the returned states in its changelogged table and on the compacted ``strikes.incidents``; ``strikewire extract
--incidents-out`` runs the same class in-process.

Matching (``similarity``): hard gates first (same country when both know it; the date windows must overlap),
then a score from overlapping provinces, shared or conflicting towns (two strikes in one province on one day
stay apart when they hit different towns), actor, aircraft, targets, and the distinctive words of the
evidence. A report that scores above the threshold for two incidents which are themselves compatible bridges
them: the younger is merged into the older and its final record says ``merged_into``.

Tolls (``streams.fuse_claims``): a claimant's figure is the claim's ``count_min``; a claim without a claimant counts
as the outlet's own figure. ``killed_min``/``killed_max`` is the range over each claimant's latest figure
(``killed_min`` the ACLED-style conservative one); wounded likewise.

Bounded state: an incident with no report for ``quiet_s`` of stream time (the latest ``published`` seen) is
closed (its final record says ``closed``) and moves to a per-country archive of at most ``archive_size``
incidents; a late report that matches an archived incident reopens it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime

from pydantic import BaseModel, Field

from schemas import ArticleReport, StrikeEvent
from schemas.incidents import ClaimHistory, Incident
from streams.eventdate import published_date
from streams.fuse_claims import add_claims, claimant_key, toll_range
from streams.fuse_claims import ts as _ts
from streams.fuse_match import (
    HAND_WEIGHTS,
    MAX_TERMS,
    Features,
    conflicts,
    event_features,
    incident_features,
    own_places,
    similarity,
    towns_apart,
)

STAGE = "fuse"

@dataclass(frozen=True)
class FuseConfig:
    """Knobs of the matcher and of the state bounds."""

    threshold: float = 2.0
    weights: tuple[float, ...] = HAND_WEIGHTS  # of ``fuse_match.SIMILARITY_PARTS``
    quiet_s: float = 3 * 86400.0
    archive_size: int = 300


@dataclass
class FuseResult:
    """What one report did: the incident it joined and every incident state that changed."""

    incident_id: str | None  # (None: a passing mention of a strike, fused into nothing)
    changed: list[Incident] = field(default_factory=list)


# ------------------------------------------------------------------------------------------ state
def _incident_id(event: StrikeEvent) -> str:
    return "inc-" + hashlib.sha256(event.event_id.encode()).hexdigest()[:16]


def _union(old: Iterable[str], new: Iterable[str]) -> list[str]:
    out = list(old)
    seen = set(out)
    for x in new:
        if x and x not in seen:
            out.append(x)
            seen.add(x)
    return out


def _confidence(inc_conf: float, event_conf: float, n_sources: int) -> float:
    base = max(inc_conf if n_sources > 1 else 0.0, event_conf)
    return round(min(0.99, 1.0 - (1.0 - base) * (0.6 ** max(0, n_sources - 1))), 3)


def _most_common_actor(actors: list[str], first: str | None) -> str | None:
    return first if first else (actors[0] if actors else None)


def absorb(inc: Incident | None, event: StrikeEvent, feats: Features, now: str | None) -> Incident:
    """The incident state after one more report (a new incident when ``inc`` is None)."""
    if inc is None:
        inc = Incident(incident_id=_incident_id(event), confidence=event.confidence)
    lo = feats.date_lo
    hi = feats.date_hi
    old_lo = date.fromisoformat(inc.date_lo) if inc.date_lo else None
    old_hi = date.fromisoformat(inc.date_hi) if inc.date_hi else None
    if inc.event_date and not feats.exact:
        lo, hi = old_lo, old_hi
    elif not (feats.exact and not inc.event_date) and old_lo and old_hi and lo and hi:
        lo, hi = max(lo, old_lo), min(hi, old_hi)
        if lo > hi:  # windows only touch a merged report's edges: keep the older estimate
            lo, hi = old_lo, old_hi
    event_date = inc.event_date or event.event_date
    claims = add_claims(list(inc.claims), event)
    kmin, kmax = toll_range(claims, "killed")
    wmin, wmax = toll_range(claims, "wounded")
    outlets = _union(inc.outlets, [event.source or event.article_id])
    countries = _union(inc.countries, sorted(feats.countries))
    actors = _union(inc.actors, [event.actor] if event.actor else [])
    seen = [x for x in (inc.first_seen, inc.last_seen, event.published) if x]
    terms = _union(inc.terms, sorted(feats.terms))[:MAX_TERMS]
    return inc.model_copy(
        update={
            "first_seen": min(seen) if seen else None,
            "last_seen": max(seen) if seen else None,
            "updated_at": now,
            "event_date": event_date,
            "date_lo": lo.isoformat() if lo else None,
            "date_hi": hi.isoformat() if hi else None,
            "country": inc.country or (countries[0] if countries else None),
            "countries": countries,
            "provinces": _union(inc.provinces, [p.code for p in event.provinces]),
            "places": _union(inc.places, [p.name for p in own_places(event)]),
            "towns": _union(inc.towns, sorted(feats.towns)),
            "dayparts": _union(inc.dayparts, sorted(feats.dayparts)),
            "actor": _most_common_actor(actors, inc.actor),
            "actors": actors,
            "aircraft": _union(inc.aircraft, [a.designation for a in event.aircraft]),
            "bases": _union(inc.bases, [b.name for b in event.bases]),
            "targets": _union(inc.targets, event.targets)[:40],
            "terms": terms,
            "mentioned": _union(inc.mentioned, sorted(feats.mentioned))[:MAX_TERMS],
            "articles": _union(inc.articles, [event.article_id]),
            "events": _union(inc.events, [event.event_id]),
            "outlets": outlets,
            "independent_sources": len(outlets),
            "claims": claims,
            "killed_min": kmin,
            "killed_max": kmax,
            "wounded_min": wmin,
            "wounded_max": wmax,
            "confidence": _confidence(inc.confidence, event.confidence, len(outlets)),
            "closed": False,
        }
    )


def merge(keep: Incident, gone: Incident, now: str | None) -> tuple[Incident, Incident]:
    """``gone`` absorbed into ``keep``: the new ``keep`` and ``gone``'s final record (``merged_into``)."""
    by_key = {(h.claimant, h.status): list(h.history) for h in keep.claims}
    for h in gone.claims:
        points = {(p.article_id, p.figure): p for p in by_key.get((h.claimant, h.status), []) + list(h.history)}
        by_key[(h.claimant, h.status)] = sorted(points.values(), key=lambda p: (_ts(p.at), p.article_id))
    claims = [
        ClaimHistory(claimant=c, status=s, history=v)
        for (c, s), v in sorted(by_key.items(), key=lambda x: (x[0][1], x[0][0]))
    ]
    kmin, kmax = toll_range(claims, "killed")
    wmin, wmax = toll_range(claims, "wounded")
    outlets = _union(keep.outlets, gone.outlets)
    seen = [x for x in (keep.first_seen, keep.last_seen, gone.first_seen, gone.last_seen) if x]
    lo = [x for x in (keep.date_lo, gone.date_lo) if x]
    hi = [x for x in (keep.date_hi, gone.date_hi) if x]
    merged = keep.model_copy(
        update={
            "first_seen": min(seen) if seen else None,
            "last_seen": max(seen) if seen else None,
            "updated_at": now,
            "event_date": keep.event_date or gone.event_date,
            "date_lo": max(lo) if lo and (not hi or max(lo) <= min(hi)) else keep.date_lo,
            "date_hi": min(hi) if hi and (not lo or max(lo) <= min(hi)) else keep.date_hi,
            "country": keep.country or gone.country,
            "countries": _union(keep.countries, gone.countries),
            "provinces": _union(keep.provinces, gone.provinces),
            "places": _union(keep.places, gone.places),
            "towns": _union(keep.towns, gone.towns),
            "dayparts": _union(keep.dayparts, gone.dayparts),
            "actor": keep.actor or gone.actor,
            "actors": _union(keep.actors, gone.actors),
            "aircraft": _union(keep.aircraft, gone.aircraft),
            "bases": _union(keep.bases, gone.bases),
            "targets": _union(keep.targets, gone.targets)[:40],
            "terms": _union(keep.terms, gone.terms)[:MAX_TERMS],
            "mentioned": _union(keep.mentioned, gone.mentioned)[:MAX_TERMS],
            "articles": _union(keep.articles, gone.articles),
            "events": _union(keep.events, gone.events),
            "outlets": outlets,
            "independent_sources": len(outlets),
            "claims": claims,
            "killed_min": kmin,
            "killed_max": kmax,
            "wounded_min": wmin,
            "wounded_max": wmax,
            "confidence": _confidence(max(keep.confidence, gone.confidence), 0.0, len(outlets)),
            "closed": False,
        }
    )
    return merged, gone.model_copy(update={"merged_into": keep.incident_id, "updated_at": now, "closed": True})


def _parse_ts(ts: str | None) -> datetime | None:
    if not ts:
        return None
    try:
        dt = datetime.fromisoformat(ts.replace("Z", "+00:00"))
    except ValueError:
        d = published_date(ts)
        return datetime(d.year, d.month, d.day, tzinfo=UTC) if d else None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


# ------------------------------------------------------------------------------------------ the fuser
@dataclass
class Fuser:
    """Open incidents (and a bounded archive of closed ones) of one partition; reports in, states out."""

    config: FuseConfig = field(default_factory=FuseConfig)
    open: dict[str, Incident] = field(default_factory=dict)
    archive: dict[str, Incident] = field(default_factory=dict)
    clock: str | None = None  # stream time: the latest `published` seen

    def _tick(self, published: str | None) -> None:
        if published and (self.clock is None or (_parse_ts(published) or 0) > (_parse_ts(self.clock) or 0)):  # type: ignore[operator]
            self.clock = published

    def add(self, event: StrikeEvent) -> FuseResult:
        """Fuse one report; returns its incident id and every incident state that changed.

        Idempotent: a report already fused (a re-delivery after a crash) changes nothing.
        """
        if event.mention:
            # "Earlier on Tuesday, drones hit Nizhyn" in a story on Semenivka: no report of the Nizhyn strike (no
            # source, no toll, no place of its own to add), and no incident of its own either
            return FuseResult(None, [])
        for inc in (*self.open.values(), *self.archive.values()):
            if event.event_id in inc.events:
                return FuseResult(inc.incident_id, [])
        self._tick(event.published)
        changed: list[Incident] = self.expire()
        feats = event_features(event)
        if not event.event_date:
            # An undated sentence of an article that dated its strike is about that day (an article reports
            # one day's news; a recalled earlier strike is named with its own date).
            dated = [i.event_date for i in self.open.values() if event.article_id in i.articles and i.event_date]
            if dated:
                d = date.fromisoformat(dated[-1])
                feats = replace(feats, date_lo=d, date_hi=d)
        scored: list[tuple[float, Incident]] = []
        for inc in list(self.open.values()) + list(self.archive.values()):
            inc_feats = incident_features(inc)
            if event.article_id in inc.articles and towns_apart(feats, inc_feats):
                continue  # the article itself told the two strikes apart by their towns (Hadiach, Karlivka)
            s = similarity(feats, inc_feats, self.config.weights)
            if s is not None and s >= self.config.threshold:
                scored.append((s, inc))
        scored.sort(key=lambda x: (-x[0], _ts(x[1].first_seen), x[1].incident_id))
        if not scored and not event.casualties and (not event.event_date or not (feats.provinces or feats.towns)):
            # A detail of the article's strike that extraction made an event of its own (the aircraft, a
            # district): no toll and no date of its own, so nothing says it is another strike; nor does a dated
            # sentence that names no place ("Russia launched 52 drones overnight", a roundup's lead).
            scored = [
                (0.0, inc) for inc in self.open.values()
                if event.article_id in inc.articles
                and not (feats.countries and inc.countries and not feats.countries & set(inc.countries))
            ][-1:]
        if not scored:
            scored = self._sole_candidate(feats)
        if not scored:
            inc = absorb(None, event, feats, self.clock)
            self.open[inc.incident_id] = inc
            return FuseResult(inc.incident_id, [*changed, inc])
        best = scored[0][1]
        self.archive.pop(best.incident_id, None)
        best_feats = incident_features(best)
        if len(scored) > 1 and all(conflicts(best_feats, incident_features(o)) for _, o in scored[1:]):
            # a report that fits two incidents told apart ("drone attacks killed four in Kremenchuk and two in
            # Lubny") sums them up: it joins the closer one without lending it the other's towns
            feats = replace(feats, towns=feats.towns & best_feats.towns or feats.towns)
        inc = absorb(best, event, feats, self.clock)
        # A report that fits two incidents bridges them when, once it has joined the best one, nothing tells that
        # incident and the other apart: one strike, seen twice (once by town and once by province; or the village
        # and the mountain area an article names together). Incidents told apart by anything are never merged.
        for _, other in scored[1:]:
            if conflicts(incident_features(inc), incident_features(other)):
                continue
            keep, gone = (inc, other) if _ts(inc.first_seen) <= _ts(other.first_seen) else (other, inc)
            keep, final = merge(keep, gone, self.clock)
            self.open.pop(gone.incident_id, None)
            self.archive.pop(gone.incident_id, None)
            changed.append(final)
            inc = keep
        self.open[inc.incident_id] = inc
        changed.append(inc)
        return FuseResult(inc.incident_id, changed)

    def _sole_candidate(self, feats: Features) -> list[tuple[float, Incident]]:
        """A report that names neither province nor town ("the toll of Saturday's strike on the livestock market
        has risen to 29") joins the one open incident of its country and day that nothing tells apart from it;
        with two such incidents it cannot say which, and stays a report of its own."""
        if feats.provinces or feats.towns or not feats.countries or not feats.exact:
            return []
        found = [
            inc for inc in self.open.values()
            if inc.event_date == feats.date_lo.isoformat()  # type: ignore[union-attr]
            and feats.countries & set(inc.countries)
            and not conflicts(feats, incident_features(inc))
        ]
        return [(0.0, found[0])] if len(found) == 1 else []

    def expire(self) -> list[Incident]:
        """Close the incidents quiet for ``quiet_s`` of stream time; trim the archive to its size."""
        now = _parse_ts(self.clock)
        if now is None:
            return []
        out = []
        for iid, inc in list(self.open.items()):
            last = _parse_ts(inc.last_seen)
            if last is not None and (now - last).total_seconds() > self.config.quiet_s:
                del self.open[iid]
                final = inc.model_copy(update={"closed": True, "updated_at": self.clock})
                self.archive[iid] = final
                out.append(final)
        while len(self.archive) > self.config.archive_size:
            self.archive.pop(next(iter(self.archive)))
        return out

    def close_all(self) -> list[Incident]:
        """Every open incident's current state (end of a batch run)."""
        return list(self.open.values())

    def dump(self) -> bytes:
        """The whole state as JSON (the fuse stage's table value for one country)."""
        return FuserState(open=list(self.open.values()), archive=list(self.archive.values()),
                          clock=self.clock).model_dump_json().encode()

    @classmethod
    def load(cls, data: bytes | None, config: FuseConfig | None = None) -> Fuser:
        """A fuser from :meth:`dump`'s JSON (``None`` or empty: a fresh one)."""
        fuser = cls(config or FuseConfig())
        if data:
            st = FuserState.model_validate_json(data)
            fuser.open = {i.incident_id: i for i in st.open}
            fuser.archive = {i.incident_id: i for i in st.archive}
            fuser.clock = st.clock
        return fuser


class FuserState(BaseModel):
    """What a :class:`Fuser` holds, as stored in the fuse stage's changelogged table."""

    open: list[Incident] = Field(default_factory=list)
    archive: list[Incident] = Field(default_factory=list)
    clock: str | None = None


def partition_key(event: StrikeEvent) -> str:
    """The key the fuse stage partitions reports by: the struck country (reports of one strike share it), or
    "-" when the report names none."""
    for p in event.provinces:
        cc = p.country or p.code.split("-")[0]
        if cc:
            return cc
    for pl in event.places:
        if pl.country:
            return pl.country
    return event.country or "-"


def fuse_reports(
    reports: Iterable[ArticleReport], config: FuseConfig | None = None
) -> tuple[list[ArticleReport], list[Incident]]:
    """Batch form: fuse reports in the order given; each event gets the id of the incident it ended in (an
    absorbed incident's id is followed to the one it merged into, as a reader of the compacted topic would),
    and every incident's final state (merged ones included, with ``merged_into``) is returned."""
    # one fuser per partition key, as the fuse stage runs: reports of different keys never meet
    fusers: dict[str, Fuser] = {}
    final: dict[str, Incident] = {}
    staged: list[tuple[ArticleReport, list[str | None]]] = []
    for report in reports:
        ids: list[str | None] = []
        for event in report.events:
            key = partition_key(event)
            fuser = fusers.get(key) or fusers.setdefault(key, Fuser(config or FuseConfig()))
            result = fuser.add(event)
            ids.append(result.incident_id)
            for inc in result.changed:
                final[inc.incident_id] = inc
        staged.append((report, ids))
    for fuser in fusers.values():
        for inc in fuser.close_all():
            final[inc.incident_id] = inc

    def root(iid: str | None) -> str | None:
        if iid is None:
            return None
        seen = set()
        while final.get(iid) is not None and final[iid].merged_into and iid not in seen:
            seen.add(iid)
            iid = final[iid].merged_into or iid
        return iid

    out = []
    for r, ids in staged:
        events = [e.model_copy(update={"incident_id": root(i)}) for e, i in zip(r.events, ids, strict=True)]
        out.append(r.model_copy(update={"events": events}))
    return out, list(final.values())


__all__ = [
    "fuse_reports",
    "STAGE",
    "Features",
    "FuseConfig",
    "FuseResult",
    "Fuser",
    "FuserState",
    "partition_key",
    "absorb",
    "claimant_key",
    "conflicts",
    "event_features",
    "incident_features",
    "merge",
    "similarity",
]
