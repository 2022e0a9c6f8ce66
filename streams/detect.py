"""Stage 3, detect: entity-tagged articles to strike reports (events with aircraft, bases, provinces, casualties).

Why rules: the product must tell an air or drone strike from shelling, ground- or ship-launched missiles,
suicide bombings, IEDs, labour strikes, "strike a deal" and strikes mentioned only as background, and must say
which places were hit (not the launch base, the dateline or places named for context). Those distinctions are
lexical and structural, and rules over sentences keep them explainable, testable and fast (no model calls here:
the entity stage already tagged aircraft, weapons, bases and places).

How: every sentence is classified (``streams.events.classify``) as a current air/drone strike, a background or
hypothetical strike, other violence, or neutral. Sentences that continue a strike (casualty figures, "the strike
hit...", the aircraft used) join the strike before them. Strike sentences are grouped into events by place;
each event collects its aircraft, launch bases, target provinces and casualty claims, and an ACLED-style
``killed_min``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from schemas import (
    Aircraft,
    ArticleReport,
    Base,
    Casualty,
    EntityArticle,
    Evidence,
    Place,
    Province,
    StrikeEvent,
)
from streams import events as ev
from streams import lexicon
from streams.casualties import Claim, explicit_zero, parse_claims
from streams.eventdate import event_date_of

STAGE = "detect"


@dataclass
class _Event:
    sentences: list[int] = field(default_factory=list)
    aircraft: dict[str, str] = field(default_factory=dict)  # designation -> mention
    bases: dict[str, ev.BaseHit] = field(default_factory=dict)
    provinces: dict[str, str] = field(default_factory=dict)  # code -> country
    places: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (code, country)
    claims: list[tuple[Claim, str | None, int]] = field(default_factory=list)  # claim, claimant, sentence index
    zero: bool = False
    actor: str | None = None
    targets: list[str] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)
    current: bool = False
    strength: float = 0.0
    days: set[str] = field(default_factory=set)  # weekdays / dates the strike sentences name


def detect(batch: Sequence[EntityArticle]) -> list[ArticleReport]:
    """One report per article, in order."""
    return [detect_one(a) for a in batch]


def _report(ea: EntityArticle, is_strike: bool, events: list[StrikeEvent]) -> ArticleReport:
    a = ea.article
    return ArticleReport(
        article_id=a.id,
        is_strike=is_strike,
        events=events,
        title=a.title,
        url=a.url,
        published=a.published,
        source=a.source,
        gate_passed=ea.gate_passed,
        ingested_at=a.ingested_at,
    )


def detect_one(ea: EntityArticle) -> ArticleReport:
    """Strike report of one article (not a strike when the gate kept it from the model)."""
    if not ea.gate_passed:
        return _report(ea, False, [])
    doc = ev.ArticleView.build(ea)
    infos = ev.classify(doc)
    if not any(i.kind == ev.STRIKE and i.current for i in infos):
        return _report(ea, False, [])
    events = _merge_launch_ledes(_group(doc, infos))
    _coherent_countries(doc, events)
    _city_districts(doc, events)
    _cross_event_repeats(events)
    # an earlier strike the article recalls ("Last week, bombers struck Raqqa, killing 20") is an event of its
    # own only when it is specific (a target province), recent ("In December 2023, a drone killed 85 people in
    # Tudun Biri" is history, not news) and anchored by a casualty figure or a time ("it has increasingly used
    # drones to hit infrastructure in Darfur" names no strike at all)
    events = [
        e for e in events
        if e.current or (
            e.provinces and not any(ev.long_ago(doc, i) for i in e.sentences)
            and (e.claims or any(ev.anchored(doc, i) for i in e.sentences))
        )
    ]
    if not any(e.current for e in events):
        return _report(ea, False, [])
    out = [_to_model(doc, e) for e in events]
    return _report(ea, True, out)


def _group(doc: ev.ArticleView, infos: list[ev.SentenceInfo]) -> list[_Event]:
    """Strike sentences (and their continuations) into events."""
    events: list[_Event] = []
    current: _Event | None = None
    last_violence = -10
    last_kind = ev.NEUTRAL
    for idx, info in enumerate(infos):
        if info.kind == ev.STRIKE and info.continuation and not info.current:
            continue  # "the strike came a day after...": background said about the strike, not part of it
        if info.kind == ev.STRIKE:
            provinces = doc.target_provinces(idx, info)
            names = {n for n, _, _ in doc.target_places(idx, info)}
            if current is None or (not info.continuation and _new_event(doc, idx, current, provinces, names)):
                current = _Event(current=info.current)
                events.append(current)
            _absorb(doc, current, idx, info, provinces)
            last_violence, last_kind = idx, ev.STRIKE
        elif info.kind == ev.OTHER:
            last_violence, last_kind = idx, ev.OTHER
        elif (
            info.kind == ev.NEUTRAL
            and current is not None
            and last_kind == ev.STRIKE
            and idx - last_violence <= 3
            and (info.claims or info.zero or doc.aircraft_in(idx) or doc.bases_in(idx))
        ):
            # continuation: casualty figures, the aircraft used or where it flew from, said of the strike
            _absorb(doc, current, idx, info, doc.target_provinces(idx, info) if info.claims else {})
    return events


def _merge_launch_ledes(events: list[_Event]) -> list[_Event]:
    """A launch report without a target ("the bombers took off from near Hamedan") and a later account of
    the same mission ("Su-34 and Tu-22M3 bombers ... targeted Aleppo, Deir el-Zour and Idlib") are one event:
    analysts want the base and the targets on the same record (the dashboard draws base -> target)."""
    out = list(events)
    for lede in events:
        if not lede.bases or lede.provinces or lede.claims:
            continue
        mates = [
            e for e in out
            if e is not lede and not e.bases and (e.aircraft or e.provinces) and e.current == lede.current
            and (e.actor is None or lede.actor is None or e.actor == lede.actor)
        ]
        if not mates:
            continue
        # prefer the same named attacker, then an account naming the aircraft, then the next one after the lede
        first = min(lede.sentences)
        mate = max(
            mates,
            key=lambda e: (
                e.actor is not None and e.actor == lede.actor,
                bool(e.aircraft),
                min(e.sentences) > first,
                -abs(min(e.sentences) - first),
            ),
        )
        mate.sentences = sorted(set(mate.sentences) | set(lede.sentences))
        for name, hit in lede.bases.items():
            mate.bases.setdefault(name, hit)
        for d, m in lede.aircraft.items():
            mate.aircraft.setdefault(d, m)
        mate.targets.extend(t for t in lede.targets if t not in mate.targets)
        mate.target_groups.extend(g for g in lede.target_groups if g not in mate.target_groups)
        mate.actor = mate.actor or lede.actor
        mate.strength = max(mate.strength, lede.strength)
        mate.days |= lede.days
        out.remove(lede)
    return out


def _new_event(doc: ev.ArticleView, idx: int, current: _Event, provinces: dict[str, str], names: set[str]) -> bool:
    """A strike sentence starts a new event: "a separate strike", or other provinces / other places than before."""
    if ev.SEPARATE_EVENT.search(doc.sentence_text(idx)):
        return True
    # history and news are never one event ("In December 2023, a drone killed 85 in Kaduna. Last week jets struck
    # Kaduna again")
    if current.sentences and ev.long_ago(doc, idx) != ev.long_ago(doc, current.sentences[0]):
        return True
    if provinces and current.provinces and not set(provinces) & set(current.provinces):
        return True
    if names and current.places and not names & set(current.places):
        return True
    # "On Monday jets struck X ... On Wednesday drones hit X again": another day, another event
    days = ev.days_named(doc.sentence_text(idx))
    if days and current.days and not days & current.days:
        return True
    # a different attacker ("Russian ... ; Ukrainian drones ...")
    info_actor = doc.actor(idx, [(doc.sentences[idx][0], doc.sentences[idx][1])])
    return bool(info_actor and current.actor and info_actor != current.actor and current.provinces)


def _city_districts(doc: ev.ArticleView, events: list[_Event]) -> None:
    """Drop a province named only through a city district when the event has another in the same country."""
    for e in events:
        named: dict[str, bool] = {}  # code -> named only through a district so far
        for i in e.sentences:
            districts = doc.district_provinces(i)
            for code in doc.target_provinces(i, ev.SentenceInfo()):
                named[code] = named.get(code, True) and code in districts
        for code, only_district in named.items():
            cc = e.provinces.get(code)
            if only_district and cc and any(
                c != code and c2 == cc and not named.get(c, False) for c, c2 in e.provinces.items()
            ):
                del e.provinces[code]
                e.places = {n: v for n, v in e.places.items() if v[0] != code}


def _coherent_countries(doc: ev.ArticleView, events: list[_Event]) -> None:
    """Drop target places of a country the article neither names nor mostly talks about.

    A town name shared across countries ("Balad" in Iraq, a district "Daraa al-Balad" in Syria) can resolve to
    the wrong one; an article about strikes in Syria that never mentions Iraq does not have an Iraqi target.
    """
    weights = doc.place_weights(sorted({i for e in events for i in e.sentences}))
    if not weights:
        return
    top = max(weights.values())
    keep = {cc for cc, w in weights.items() if w >= 0.5 * top or cc in doc.countries_named}
    for e in events:
        e.provinces = {c: cc for c, cc in e.provinces.items() if cc in keep}
        e.places = {n: v for n, v in e.places.items() if v[1] in keep}


def _absorb(doc: ev.ArticleView, event: _Event, idx: int, info: ev.SentenceInfo, provinces: dict[str, str]) -> None:
    event.sentences.append(idx)
    event.current = event.current or info.current
    event.strength = max(event.strength, info.strength)
    for code, cc in provinces.items():
        event.provinces.setdefault(code, cc)
    for name, code, cc in doc.target_places(idx, info):
        event.places.setdefault(name, (code, cc))
    for designation, mention in doc.strike_aircraft(idx, info):
        event.aircraft.setdefault(designation, mention)
    for hit in doc.launch_bases(idx):
        event.bases.setdefault(hit.entry.name, hit)
    claimant = doc.claimant(idx)
    for c in info.claims:
        event.claims.append((c, claimant, idx))
    event.zero = event.zero or info.zero
    if info.kind == ev.STRIKE:
        event.days |= ev.days_named(doc.sentence_text(idx))
        event.targets.extend(t for t in doc.targets(idx) if t not in event.targets)
        event.target_groups.extend(g for g in doc.target_groups(idx) if g not in event.target_groups)
    if event.actor is None and info.kind == ev.STRIKE:
        event.actor = doc.actor(idx, info.triggers)


def _dedupe_claims(claims: list[tuple[Claim, str | None, int]]) -> list[tuple[Claim, str | None, int]]:
    """The same figure repeated in one event ("killing four ... 4 fatalities") is one claim; "a child was among
    the dead" is part of a total given elsewhere in the event, a claim of its own only when there is none."""
    out: list[tuple[Claim, str | None, int]] = []
    seen: set[tuple[str, int | None, int | None]] = set()
    totals = {c.status for c, _, _ in claims if not c.subset}
    for c, who, idx in claims:
        if c.subset and c.status in totals:
            continue
        key = (c.status, c.count_min, c.count_max)
        if key in seen and (c.count_min is not None or c.count_max is not None):
            if c.update:
                # "killing nine ... the toll had risen to nine": the figure is the update, whatever came between
                out = [(replace(o, update=True), w, i) if (o.status, o.count_min, o.count_max) == key else (o, w, i)
                       for o, w, i in out]
            continue
        seen.add(key)
        out.append((c, who, idx))
    return out


def _cross_event_repeats(events: list[_Event]) -> None:
    """A figure an earlier event of the same place already has is a repeat ("a strike on Kosti killed four
    people ... In Kosti, four people were killed"), not a second claim."""
    for n, later in enumerate(events):
        earlier = [e for e in events[:n] if set(e.provinces) & set(later.provinces)]
        if not earlier:
            continue
        keys = {(c.status, c.count_min, c.count_max) for e in earlier for c, _, _ in e.claims}
        later.claims = [
            (c, w, i) for c, w, i in later.claims
            if (c.status, c.count_min, c.count_max) not in keys or (c.count_min is None and c.count_max is None)
        ]


def killed_min(claims: list[tuple[Claim, str | None, int]]) -> int | None:
    """ACLED-style lowest credible killed total of one event.

    Claims that share a verb add up ("seven fighters and two civilians were killed"); a later toll update
    replaces what came before; otherwise separate statements about the strike are alternatives and the
    lowest wins, unless they are about different victims (fighters by one source, soldiers by another), which
    add up as ACLED counts all sides.
    """
    killed = [(c, idx) for c, _, idx in claims if c.status == "killed" and c.acled_min is not None]
    if not killed:
        return None
    updates = [c.acled_min for c, _ in killed if c.update and c.acled_min is not None]
    if updates:
        return max(updates)
    units: dict[tuple[int, int], tuple[int, set[str]]] = {}
    for c, idx in killed:
        total, victims = units.get((idx, c.group), (0, set()))
        units[(idx, c.group)] = (total + (c.acled_min or 0), victims | {c.victims or "people"})
    ordered = [units[k] for k in sorted(units)]
    result, seen = ordered[0]
    seen = set(seen)
    for total, vs in ordered[1:]:
        if "people" not in vs and "people" not in seen and not vs & seen:
            result += total
            seen |= vs
        else:
            result = min(result, total)
    return result


def _event_id(article_id: str, e: _Event, first_offset: int) -> str:
    content = "|".join(
        [article_id, ",".join(sorted(e.provinces)), ",".join(sorted(e.aircraft)), str(first_offset)]
    )
    return "evt-" + hashlib.sha1(content.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]


def _to_model(doc: ev.ArticleView, e: _Event) -> StrikeEvent:
    a = doc.article
    claims = _dedupe_claims(e.claims)
    km = killed_min(claims)
    if km is None and e.zero:
        km = 0
    evidence = [Evidence(start=s, end=t, text=a.text[s:t]) for s, t in (doc.sentences[i] for i in e.sentences)]
    first = evidence[0].start if evidence else 0
    table = lexicon.aircraft_table()
    aircraft = [
        Aircraft(
            designation=d,
            mention=m,
            role=table[d].role if d in table else None,
            kind=table[d].kind if d in table else None,
        )
        for d, m in e.aircraft.items()
    ]
    bases = [
        Base(
            name=h.entry.name,
            aliases=list(h.entry.aliases),
            country=h.entry.country or None,
            city=h.entry.city or None,
            lat=h.entry.lat if h.entry.lat or h.entry.lon else None,
            lon=h.entry.lon if h.entry.lat or h.entry.lon else None,
        )
        for h in e.bases.values()
    ]
    provinces = [Province(code=c, name=doc.admin1_name(c), country=cc) for c, cc in e.provinces.items()]
    places = [Place(name=n, province=code, country=cc) for n, (code, cc) in e.places.items()]
    casualties = [
        Casualty(
            status="killed" if c.status == "killed" else "wounded",
            count_min=c.count_min,
            count_max=c.count_max,
            victims=c.victims,
            claimed_by=who,
            text=c.text,
            start=c.start,
            end=c.end,
        )
        for c, who, _ in claims
    ]
    confidence = min(0.99, 0.5 + 0.3 * e.strength + (0.1 if e.provinces else 0) + (0.05 if e.aircraft else 0))
    return StrikeEvent(
        event_id=_event_id(a.id, e, first),
        article_id=a.id,
        actor=e.actor,
        aircraft=aircraft,
        bases=bases,
        provinces=provinces,
        places=places,
        targets=e.targets,
        target_groups=e.target_groups,
        casualties=casualties,
        killed_min=km,
        evidence=evidence,
        confidence=round(confidence, 3),
        title=a.title,
        url=a.url,
        published=a.published,
        source=a.source,
        event_date=event_date_of([x.text for x in evidence], a.published),
    )


__all__ = ["STAGE", "detect", "detect_one", "killed_min", "explicit_zero", "parse_claims"]
