"""Grouping: strike sentences (and the sentences that continue them) into events, one per strike.

Why: an article tells one strike over several sentences ("Jets struck X. Five were killed. The Su-34s took off
from Y") and often several strikes in one article ("a separate strike", another town, another day, another
attacker). Each event collects its aircraft, launch bases, target provinces and places, and casualty claims.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from streams.casualties import Claim
from streams.clean import LIST_BULLET
from streams.detect.actors import actor, claimant, target_groups, targets
from streams.detect.aircraft import BaseHit, launch_bases, strike_aircraft
from streams.detect.cues import SEPARATE_EVENT, other_strike_spans
from streams.detect.dayparts import dayparts
from streams.detect.event_places import (
    city_districts,
    coherent_countries,
    drop_care_places,
    sole_place_fallback,
    speaker_fallback,
)
from streams.detect.kinds import SentenceInfo, SentenceKind
from streams.detect.places import (
    aside_provinces,
    district_provinces,
    speaker_provinces,
    target_places,
    target_provinces,
)
from streams.detect.regional_centres import regional_centres
from streams.detect.sentences import own_claims
from streams.detect.timing import days_named, long_ago
from streams.detect.view import ArticleView
from streams.eventdate import resolve_event_date
from streams.geo_base import name_key


@dataclass
class Event:
    """One strike of an article, as grouping assembles it."""

    sentences: list[int] = field(default_factory=list)
    aircraft: dict[str, str] = field(default_factory=dict)  # designation -> mention
    bases: dict[str, BaseHit] = field(default_factory=dict)
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
    dayparts: set[str] = field(default_factory=set)  # morning / afternoon / evening / night they name
    speaker_provinces: dict[str, str] = field(default_factory=dict)  # of local speakers ("the X governor said")
    lead: int | None = None  # a roundup item's: the sentence over the items, which says when ("overnight")


def group_events(view: ArticleView, infos: list[SentenceInfo]) -> list[Event]:
    """The events of an article from its sentence infos: grouped, launch ledes merged, places made coherent."""
    events = _merge_launch_ledes(_group(view, infos))
    coherent_countries(view, events)
    city_districts(view, events)
    drop_care_places(view, events)
    speaker_fallback(view, events)
    sole_place_fallback(view, infos, events)
    return events


def _group(view: ArticleView, infos: list[SentenceInfo]) -> list[Event]:
    """Strike sentences (and their continuations) into events."""
    events: list[Event] = []
    current: Event | None = None
    umbrella: Event | None = None  # the placeless strike sentence over a town-by-town post's items
    last_violence = -10
    last_claims = -10
    last_kind = SentenceKind.NEUTRAL
    asides: set[str] = set()  # provinces the current event's sentences name in clauses about another strike
    held: list[tuple[Event, tuple[Claim, str | None, int], set[str]]] = []  # those clauses' figures, for their event
    for idx, info in enumerate(infos):
        if info.kind == SentenceKind.STRIKE and info.continuation and not info.current:
            continue  # "the strike came a day after...": background said about the strike, not part of it
        if _bases_of_vetoed_launch(view, idx, info, current):
            continue
        if info.kind == SentenceKind.STRIKE:
            provinces, names, header, aside = _where(view, infos, idx)
            if current is None or (
                _new_event(view, idx, info, current, provinces, names)
                if not info.continuation
                else _aside_told_of(current, provinces, asides) or _other_section(view, idx, current, provinces)
            ):
                asides = set()
                item = current is not None and _place_headed(view, idx)
                if item and umbrella is None and current is not None and _could_head_items(current):
                    umbrella = current
                current = Event(current=info.current, lead=umbrella.sentences[0] if umbrella and item else None)
                events.append(current)
            asides |= aside
            if header and provinces:
                _absorb(view, current, idx - 1, infos[idx - 1], provinces)
            _absorb(view, current, idx, info, provinces)
            _hold_aside_claims(view, idx, current, aside, held)
            last_violence, last_kind = idx, SentenceKind.STRIKE
        elif info.kind == SentenceKind.OTHER:
            last_violence, last_kind = idx, SentenceKind.OTHER
        elif info.kind == SentenceKind.NEUTRAL and current is not None and current.current and _place_item(view, idx):
            if umbrella is None and _could_head_items(current):
                umbrella = current
            current = _item_event(view, idx, info, umbrella)
            events.append(current)
            last_violence, last_kind = idx, SentenceKind.STRIKE
            if info.claims:
                last_claims = idx
        elif info.kind == SentenceKind.NEUTRAL and info.claims and _casualty_section(view, idx) and any(
            e.current for e in events
        ):
            # a write-up's "Casualties:" / "Reported harm:" section (the label line and the list under it) counts
            # the incident's dead, not those of the earlier strikes a sentence before it recalled ("which have
            # repeatedly launched drones at El Obeid") nor of what it mentioned in between ("Artillery fire on the
            # nearby village the same afternoon is not part of this sheet.")
            current = next(e for e in reversed(events) if e.current)
            # (a place a list item names is where the wounded were taken or who counted, once the strike's own
            # place is known: "- association: 10 killed; 6 wounded taken to Sokoto")
            _absorb(view, current, idx, info, {} if current.provinces else target_provinces(view, idx))
            last_claims = idx
        elif (
            info.kind == SentenceKind.NEUTRAL
            and current is not None
            and last_kind == SentenceKind.STRIKE
            # "Meanwhile, in Upper Nile State, White Army youth attacked a barge ..., killing two crew members":
            # the story turns to something else, whose figures are not the strike's
            and not _TURN.match(view.sentence_text(idx))
            and (idx - last_violence <= 3 or (info.claims and (idx - last_claims == 1 or _within_reach(
                view, idx, idx - last_violence, current))))
            and (own_claims(view, idx, info) or info.zero or view.aircraft_in(idx) or launch_bases(view, idx))
        ):
            # continuation: casualty figures, the aircraft used or where it flew from, said of the strike (a run
            # of figure sentences, as in a write-up's casualty section, goes on as long as it runs)
            into = _toll_owner(view, idx, current, events)
            _absorb(view, into, idx, info, target_provinces(view, idx) if info.claims else {})
            if info.claims:
                last_claims = idx
    for origin, claim, _ in held:
        origin.claims.append(claim)  # no event of the aside's own: the figure stays where it was said
    return _under_umbrella(events, umbrella)


def _where(
    view: ArticleView, infos: list[SentenceInfo], idx: int
) -> tuple[dict[str, str], set[str], bool, set[str]]:
    """Where strike sentence ``idx`` says the strike was: (provinces, place names, whether a heading before it
    says so, the provinces it names only in a clause about another strike)."""
    provinces = target_provinces(view, idx)
    names = {n for n, _, _ in target_places(view, idx)}
    header = (
        not provinces and idx > 0 and infos[idx - 1].kind == SentenceKind.NEUTRAL
        and (
            _HEADER.match(view.sentence_text(idx - 1)) is not None
            or _LEAD_IN.match(view.sentence_text(idx)) is not None
        )
    )
    if header:
        # a roundup item's heading ("NIGERIA - 6 August, Bubuce, Augie LGA, Kebbi State.") says where and when the
        # strike sentence under it was, as does the sentence a "Shortly after the identification, an IAF aircraft
        # struck" follows: it joins the event as its first sentence
        provinces = target_provinces(view, idx - 1)
        names = {n for n, _, _ in target_places(view, idx - 1)}
    aside = aside_provinces(view, idx) if not header else set()
    if aside and set(provinces) - aside:
        provinces = {code: cc for code, cc in provinces.items() if code not in aside}
    return provinces, names, header, aside


def _aside_told_of(current: Event, provinces: dict[str, str], asides: set[str]) -> bool:
    """"In Lebanon, the health ministry said two people were killed ... in the strike near the town of Mashghara"
    after "..., hours after an Israeli drone killed two men in Lebanon's Bekaa valley": "the strike" is the one the
    aside told of, in another country."""
    return bool(set(provinces) & asides and not set(provinces.values()) & set(current.provinces.values()))


def _other_section(view: ArticleView, idx: int, current: Event, provinces: dict[str, str]) -> bool:
    """"Nigeria: residents of Runka, Katsina State, say Saturday's strike killed eight" after a roundup's item on
    Mali: "the strike" under a country's heading, in another country than the one told so far, is another."""
    s0, _ = view.sentences[idx]
    text = view.sentence_text(idx)
    headed = any(
        e.start == s0 and text[e.end - s0 : e.end - s0 + 1] == ":" for e in view.ents(idx, "COUNTRY")
    )
    return headed and bool(provinces) and not set(provinces.values()) & set(current.provinces.values())


def _toll_owner(view: ArticleView, idx: int, current: Event, events: list[Event]) -> Event:
    """"A local monitoring group put the toll at at least 11." after a sentence on the army's earlier strikes: "the
    toll" is the story's strike's."""
    if not current.current and _THE_TOLL.search(view.sentence_text(idx)) and any(e.current for e in events):
        return next(e for e in reversed(events) if e.current)
    return current


def _hold_aside_claims(
    view: ArticleView, idx: int, event: Event, aside: set[str],
    held: list[tuple[Event, tuple[Claim, str | None, int], set[str]]],
) -> None:
    """"An Israeli air strike on Nuseirat killed five people, hours after an Israeli drone killed two men in a car
    in Lebanon's Bekaa valley. ... In Lebanon, the health ministry said two people were killed in the strike near
    Mashghara": the aside's figure waits for the event of its own province (and stays with the first if none
    comes); a figure ``event`` takes from ``held``, the first sentence of its province, moves to it."""
    for item in list(held):
        origin, claim, provinces = item
        if origin is not event and provinces & set(event.provinces):
            event.claims.append(claim)
            held.remove(item)
    if not aside:
        return
    s0 = view.sentences[idx][0]
    spans = other_strike_spans(view.sentence_text(idx))
    for x in [x for x in event.claims if x[2] == idx and any(a <= x[0].start - s0 < b for a, b in spans)]:
        event.claims.remove(x)
        held.append((event, x, aside))


# a toll said of "the" strike: the story's own ("put the toll at 11", "the death toll stood at nine")
_THE_TOLL = re.compile(
    r"\b(?:put|puts|putting|gave|gives|placed|places) the (?:death )?toll at\b|"
    r"\bthe (?:death )?toll (?:stood|stands|was|is|has risen|had risen|rose)\b",
    re.I,
)


def _under_umbrella(events: list[Event], umbrella: Event | None) -> list[Event]:
    """A town-by-town post's items carry the strike town by town (with the aircraft and bases the sentence over
    them names); that sentence, naming no town, is no strike of its own."""
    if umbrella is None or not any(e.lead is not None for e in events):
        return events
    for e in events:
        if e.lead is not None:
            e.aircraft = {**umbrella.aircraft, **e.aircraft}
            e.bases = {**umbrella.bases, **e.bases}
            e.actor = e.actor or umbrella.actor
    return [e for e in events if e is not umbrella]


def _item_event(view: ArticleView, idx: int, info: SentenceInfo, umbrella: Event | None) -> Event:
    """A town-by-town post under its strike ("The enemy attacked Poltava region with attack drones overnight.
    Lubny: a hit on a five-storey residential building. 3 people were killed"): each town's item is a strike of
    its own, with the figures under it, dated by the sentence over the items."""
    event = Event(current=True, lead=umbrella.sentences[0] if umbrella else None)
    _absorb(view, event, idx, info, target_provinces(view, idx))
    return event


def _could_head_items(event: Event) -> bool:
    """A current strike that names no town and counts no one: "The enemy attacked Poltava region overnight."."""
    return event.current and not event.places and not event.claims


# "Lubny: a hit on ...", "Karlivka community: several private houses were damaged."
_PLACE_ITEM = re.compile(
    r"\s*[A-Z][\w'\u2019-]+(?: [A-Z][\w'\u2019-]+)?(?: (?:community|district|city|town|village|hromada|raion))?:\s"
)
_HARM = re.compile(r"\b(?:hit|hits|damaged|destroyed|killed|injured|wounded|fire|blaze|struck)\b", re.I)


def _place_headed(view: ArticleView, idx: int) -> bool:
    """Sentence ``idx`` opens with a town's name and a colon ("Lubny: ...", not a form's "Narrative: ...")."""
    text = view.sentence_text(idx)
    if _PLACE_ITEM.match(text) is None:
        return False
    s0, _ = view.sentences[idx]
    indent = len(text) - len(text.lstrip())
    return any(e.start == s0 + indent for e in view.ents(idx, "CITY", "DISTRICT"))


def _place_item(view: ArticleView, idx: int) -> bool:
    """Sentence ``idx`` is a roundup item headed by the name of a town that was hit."""
    text = view.sentence_text(idx)
    m = _PLACE_ITEM.match(text)
    if m is None or not _HARM.search(text, m.end()):
        return False
    return _place_headed(view, idx) and bool(target_places(view, idx))


_TURN = re.compile(r"\s*(?:meanwhile|elsewhere|separately|in (?:a|another) separate \w+)\b", re.I)


# how many sentences after its strike a casualty figure is still the strike's (quotes split a paragraph into
# short sentences: '"They were not terrorists. They were our members. We have the list," he said')
_CLAIMS_REACH = 6


def _within_reach(view: ArticleView, idx: int, distance: int, event: Event) -> bool:
    """A figure sentence a few sentences after its strike that names no place outside the strike's provinces."""
    return distance <= _CLAIMS_REACH and set(target_provinces(view, idx)) <= set(event.provinces)


# the label of a write-up's casualty section
_CASUALTY_LABEL = re.compile(
    r"\s*(?:(?:(?:Civilians?|Children|Women|Men|Fighters|Combatants|Militants|Number of) )?(?:reported )?"
    r"(?:dead|killed|deaths|injured|wounded|fatalities)(?: reported)?|"
    r"Casualties|Victims|Tolls?|(?:Reported |Civilian )?harm|Human cost|"
    r"(?:Reported )?(?:casualt(?:y|ies)|tolls?)(?: figures| reported)?)\s*:",
    re.I,
)
# an item of a list ("\u2013 rescue group: four killed, seven wounded"), one line each since the clean stage
_LIST_ITEM = re.compile(r"\s*(?:" + LIST_BULLET + r"|\d{1,2}[.)])\s")


def _casualty_section(view: ArticleView, idx: int) -> bool:
    """Sentence ``idx`` is in a write-up's casualty section: its label line or an item of the list under it."""
    while idx >= 0:
        text = view.sentence_text(idx)
        if _CASUALTY_LABEL.match(text):
            return True
        if not _LIST_ITEM.match(text):
            return False
        idx -= 1
    return False


# a strike sentence that goes on from the one before: "Shortly after the identification, an IAF aircraft struck";
# "... had carried out 11 targeting operations against the Houthi militia in Hayran and Abs, Hajjah governorate.
# The strikes destroyed six military vehicles": the operations the sentence before announced
_LEAD_IN = re.compile(
    r"\s*(?:(?:Shortly|Soon|Moments|Minutes|Immediately) (?:after|afterwards|later)\b|Subsequently\b|"
    r"(?:Following|After) (?:the|this) (?:identification|detection|sighting|surveillance)\b|"
    r"(?:The|These) (?:air ?strikes|airstrikes|strikes|raids|sorties|operations|bombings)\b)"
)


# the heading of a roundup item: "NIGERIA - 6 August, Bubuce, Augie LGA, Kebbi State.", "12 March, Kyaukhtu, Magway."
_HEADER = re.compile(
    r"\s*(?:[A-Z][A-Z .'-]{2,30} [-\u2013\u2014] )?(?:\d{1,2} [A-Z][a-z]{2,8}|[A-Z][a-z]{2,8} \d{1,2})(?:,? \d{4})?, "
    r"[^.]{3,160}\.?\s*$"
)


def _bases_of_vetoed_launch(view: ArticleView, idx: int, info: SentenceInfo, current: Event | None) -> bool:
    """"Ukraine's air force said Russia had launched 58 Shahed-type drones ... from Millerovo and Oryol, and that 41
    were shot down or jammed" right after the strike: a night's launch count, vetoed as a report of its own by its
    interceptions, still says where the strike's drones took off from (its bases join the strike told before)."""
    if not (info.kind == SentenceKind.STRIKE and info.vetoed and current is not None and current.current):
        return False
    if idx - current.sentences[-1] > 2:
        return False
    hits = launch_bases(view, idx)
    for hit in hits:
        current.bases.setdefault(hit.entry.name, hit)
    return bool(hits)


def _new_event(
    view: ArticleView, idx: int, info: SentenceInfo, current: Event, provinces: dict[str, str], names: set[str]
) -> bool:
    """A strike sentence starts a new event: "a separate strike", or other provinces / other places than before."""
    text = view.sentence_text(idx)
    if SEPARATE_EVENT.search(text):
        return True
    # history and news are never one event ("In December 2023, a drone killed 85 in Kaduna. Last week jets struck
    # Kaduna again")
    if current.sentences and long_ago(view, idx) != long_ago(view, current.sentences[0]):
        return True
    # a strike the rules read as background ("rights groups have documented dozens of deaths in drone strikes in
    # the Kidal, Gao and Timbuktu regions") is never part of the news event before it
    if current.current and not info.current:
        return True
    # a report whose only province is its local speaker's ("the Kherson regional administration said") is still
    # told apart from a strike elsewhere ("On Monday, a drone hit a minibus in Kyiv's Dniprovskyi district")
    known = current.provinces or current.speaker_provinces
    # a city district's namesake ("the city's Kyivskyi district" after "Kharkiv") says nothing about another place
    firm = set(provinces) - (district_provinces(view, idx) if _SAME_CITY.search(text) else set())
    if firm and known and not firm & set(known):
        return True
    # (and its place is the city's: "the city's Kyivskyi district" after "a trolleybus in Kharkiv")
    inner = {m.group(1) for m in _SAME_CITY.finditer(text)}
    names = {n for n in names if not any(n.startswith(d) for d in inner)}
    if names and current.places and not _keys(names) & _keys(current.places):
        return True
    # "On Monday jets struck X ... On Wednesday drones hit X again": another day, another event
    days = days_named(_when_text(view, idx))
    if days and current.days and not days & current.days and not _same_date(view, days, current.days):
        return True
    # "In the morning, a drone hit a car in X ... In the afternoon, warplanes struck a house in Y"
    parts = dayparts([_when_text(view, idx)])
    if parts and current.dayparts and not parts & current.dayparts:
        return True
    # a roundup's items: "A drone attack on Kharkiv killed four ... A guided bomb killed two in the town of
    # Zolochiv": each strike sentence with its own death toll (not the same figure again, as a headline over
    # its lede has) and a town not yet named is a strike of its own
    killed = {c.count_min for c in info.claims if c.status == "killed"}
    before = {c.count_min for c, _, i in current.claims if c.status == "killed" and i in current.sentences[:1]}
    if names and not _keys(names) & _keys(current.places) and killed and before and not killed & before:
        return True
    # a different attacker ("Russian ... ; Ukrainian drones ...")
    info_actor = actor(view, idx, [(view.sentences[idx][0], view.sentences[idx][1])])
    return bool(info_actor and current.actor and info_actor != current.actor and current.provinces)


def _same_date(view: ArticleView, days: set[str], others: set[str]) -> bool:
    """A weekday and a date that are one day ("on Sunday night" in copy of Monday 14 July, "on 13 July")."""
    def dates(named: set[str]) -> set[dt.date]:
        found = (resolve_event_date(["on " + d.replace("-", " ")], view.article.published) for d in named)
        return {d for d in found if d is not None}

    return bool(dates(days) & dates(others))


def _keys(names: Iterable[str]) -> set[str]:
    """Place names as one spelling: "Dan Sadau" and "Dansadau", "Deir ez-Zor" and "Deir Ezzor" are one town."""
    return {"".join(name_key(n)) for n in names}


def _when_text(view: ArticleView, idx: int) -> str:
    """Sentence ``idx`` without the dateline ("YANGON, July 23 (Atlas Newswire) -"): the day a story was filed
    is not the day of its strike, so a later "after Wednesday's strike" is no other day than the lede's."""
    start, end = view.sentences[idx]
    return view.text[max(start, view.dateline_end) if start < view.dateline_end else start : end]


# "the city's Kyivskyi district": a district of the city the article already named
_SAME_CITY = re.compile(r"\b(?:the|this) (?:city|town|capital)(?:'s|\u2019s) ([A-Z][\w'\u2019-]+) (?:district|raion)\b")


def _absorb(view: ArticleView, event: Event, idx: int, info: SentenceInfo, provinces: dict[str, str]) -> None:
    event.sentences.append(idx)
    event.current = event.current or info.current
    event.strength = max(event.strength, info.strength)
    for code, cc in provinces.items():
        event.provinces.setdefault(code, cc)
    for name, code, cc in target_places(view, idx) + regional_centres(view, idx):
        event.places.setdefault(name, (code, cc))
    for designation, mention in strike_aircraft(view, idx):
        event.aircraft.setdefault(designation, mention)
    for hit in launch_bases(view, idx):
        event.bases.setdefault(hit.entry.name, hit)
    for c in info.claims:
        event.claims.append((c, claimant(view, idx, (c.start, c.end)), idx))
    event.zero = event.zero or info.zero
    for code, cc in speaker_provinces(view, idx).items():
        event.speaker_provinces.setdefault(code, cc)
    if info.kind == SentenceKind.STRIKE:
        event.days |= days_named(_when_text(view, idx))
        event.dayparts |= dayparts([_when_text(view, idx)])
        event.targets.extend(t for t in targets(view, idx) if t not in event.targets)
        event.target_groups.extend(g for g in target_groups(view, idx) if g not in event.target_groups)
    if event.actor is None and info.kind == SentenceKind.STRIKE:
        event.actor = actor(view, idx, info.triggers)


def _merge_launch_ledes(events: list[Event]) -> list[Event]:
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
        mate.dayparts |= lede.dayparts
        out.remove(lede)
    return out
