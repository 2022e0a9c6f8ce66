"""Grouping: strike sentences (and the sentences that continue them) into events, one per strike.

Why: an article tells one strike over several sentences ("Jets struck X. Five were killed. The Su-34s took off
from Y") and often several strikes in one article ("a separate strike", another town, another day, another
attacker). Each event collects its aircraft, launch bases, target provinces and places, and casualty claims.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from streams.casualties import Claim
from streams.clean import LIST_BULLET
from streams.detect.actors import actor, claimant, target_groups, targets
from streams.detect.aircraft import BaseHit, launch_bases, strike_aircraft
from streams.detect.cues import SEPARATE_EVENT
from streams.detect.dayparts import dayparts
from streams.detect.kinds import SentenceInfo, SentenceKind
from streams.detect.places import (
    care_places,
    district_provinces,
    is_capital,
    place_candidates,
    place_weights,
    speaker_provinces,
    target_base_codes,
    target_places,
    target_provinces,
)
from streams.detect.regional_centres import regional_centres
from streams.detect.sentences import own_claims
from streams.detect.timing import LABEL_START, PLACE_FIELD, days_named, form_header, long_ago
from streams.detect.view import ArticleView, country_of
from streams.eventdate import event_date_of
from streams.geo_base import CONFLICT_COUNTRIES, name_key


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
    _coherent_countries(view, events)
    _city_districts(view, events)
    _care_places(view, events)
    _speaker_fallback(view, events)
    _sole_place_fallback(view, infos, events)
    return events


def _care_places(view: ArticleView, events: list[Event]) -> None:
    """Drop a place named only as where the wounded were treated ("taken to Kismayo for treatment") when the
    event has a place of its own in another sentence."""
    for e in events:
        cared = [c for i in e.sentences for c in care_places(view, i)]
        if not cared:
            continue
        care_spans = {(c.start, c.end) for c in cared}
        care = {c.codes[0] for c in cared}
        own = {
            c.codes[0] for i in e.sentences for c in place_candidates(view, i) if (c.start, c.end) not in care_spans
        } | {c for i in e.sentences for c in target_base_codes(view, i)}
        drop = care - own
        if own and drop:
            e.provinces = {c: cc for c, cc in e.provinces.items() if c not in drop}
            e.places = {n: v for n, v in e.places.items() if v[0] not in drop}


def _speaker_fallback(view: ArticleView, events: list[Event]) -> None:
    """An event with no target province takes the province of its local speaker ("the Kherson regional military
    administration said"; "residents in Buuloburde said the strike west of the town killed four"), or else of
    the write-up's "Location:" line when the article has one strike."""
    sole = sum(e.current for e in events) == 1
    # (an incident sheet is one incident however many of its lines read as strikes: "Category: air/drone strike",
    # "Claims: ... the refinery was hit by drones")
    # (two regex searches of the head: only when some strike needs a place, or the one strike may take the field's)
    form = (sole or any(e.current and not e.provinces for e in events)) and form_header(view.text)
    location = _location_header(view) if sole or form else {}
    header = location or (_dateline_provinces(view) if sole else {})
    for e in events:
        if e.provinces:
            if sole and form and e.current:
                # an incident sheet's "Location:" field is where its one incident was, beside the places its
                # narrative names (a border strike: "Location: ... Tinzaouaten, on both sides of the border")
                for code, country in location.items():
                    e.provinces.setdefault(code, country)
            continue
        e.provinces.update(e.speaker_provinces or (header if e.current else {}))


_CITY_DISTRICT = re.compile(r"(?:the )?[A-Z][a-z]+(?:skyi|skiy|sky|ckyi|tskyi|zkyi|nyi) (?:city )?district", re.I)
_UNIT_WORD = re.compile(r"\s+(?:district|region|oblast|province|governorate|state|raion|county)\b", re.I)


def _sole_place_fallback(view: ArticleView, infos: list[SentenceInfo], events: list[Event]) -> None:
    """A local report that names its town once, but not in the strike's sentence ("Dear residents of Koriukivka!
    Tonight at 03:40 an enemy drone hit our central boiler house"; the headline "Night of fear in Ichnia: a
    'shahed' fell near the kindergarten" over a body that names no town): when no event found a province, the one
    town the whole article names (outside its dateline and its sentences of other violence or history; no national
    capital, no region of another province) is where the strike was."""
    if not events or any(e.provinces for e in events) or not any(e.current for e in events):
        return
    from streams.places import load_gazetteer

    # (each name read as its best meaning: "Romny" is the Sumy region town, not its namesake on the Amur)
    # ("In late March, gunmen stormed Mirebalais" beside a strike in the capital names no place of the strike)
    aside = [view.sentences[i] for i, info in enumerate(infos) if info.kind == SentenceKind.OTHER or (
        info.kind == SentenceKind.STRIKE and not info.current
    )]
    named = [
        ent for ent in view.ea.entities
        if ent.label in ("ADMIN1", "CITY", "DISTRICT") and ent.canonical and ent.codes
        and ent.start >= view.dateline_end and not any(a <= ent.start < b for a, b in aside)
    ]
    title = view.article.title or ""
    found = load_gazetteer().find(title)
    places = [(e.text, e.codes[0], e.label != "ADMIN1") for e in named]
    places += [(m.text, m.code, m.kind != "admin1") for m in found]
    if any(not _CITY_DISTRICT.fullmatch(name) for name, _, town in places if town):
        # "Kamyanske. ... residents of the Dniprovskyi district woke": a city's district by its adjectival name
        # (the tables hold it for one city only) is a part of the town named, not a second place
        places = [p for p in places if not _CITY_DISTRICT.fullmatch(p[0])]
    towns = [(name, code) for name, code, town in places if town]
    # (a post headed by its district alone, "Chernihiv district. In the afternoon, Russian aircraft struck the
    # territory of an agricultural enterprise", names its region, with its unit word, and no town: the region is
    # the strike's; a bare region name may be a country's, "NIGER:")
    unit = any(
        e.label == "ADMIN1" and (_UNIT_WORD.match(view.text, e.end) or _UNIT_WORD.search(" " + e.text.split()[-1]))
        for e in named
    )
    if not (towns or unit) or any(is_capital(name) for name, _, _ in places) or len(
        {code for _, code, _ in places}
    ) != 1:
        return
    code = places[0][1]
    names = {name_key(n): n for n, _ in towns}
    for e in events:
        if e.current:
            e.provinces[code] = country_of(code)
            if len(names) == 1:
                e.places[next(iter(names.values()))] = (code, country_of(code))


def _dateline_provinces(view: ArticleView) -> dict[str, str]:
    """Provinces of a local dateline ("SHARANA, Paktika —", "KISMAYO -"): copy filed from a provincial town is
    about its surroundings; a national capital's dateline ("NAIROBI, July 25 -") is a bureau, not a place, and so
    is a city abroad ("ABIDJAN, Oct 16 - Burkina Faso's army said"): one in a country the article never names.
    A town in title case ("Bent Jbeil - An Israeli drone strike ...") is a local outlet's, never a bureau abroad."""
    out: dict[str, str] = {}
    named = frozenset() if view.local_dateline else view.countries_named
    end = view.local_dateline_end or view.dateline_end
    for ent in view.ea.entities:
        if ent.start >= end:
            continue
        if ent.label in ("ADMIN1", "CITY", "DISTRICT") and ent.canonical and len(ent.codes) == 1:
            if is_capital(ent.text) or (named and country_of(ent.codes[0]) not in named):
                return {}
            out.setdefault(ent.codes[0], country_of(ent.codes[0]))
    return out


# The label may follow the sentence before it (timing.LABEL_START); the place runs to the sentence's end or to the
# next label ("Location: Djibo, Soum province Date: Sunday ...").
# A write-up's line breaks may be gone (the clean stage joins wrapped lines): a capitalised label after a space
# starts a field too ("entry LCR-2022-0411 Place: ... Date and time: ...").
_LABEL_END = r"(?=\.\s|\.?$|\n|\s+[A-Z][a-z]+(?: (?:of|and) [a-z]+)?:)"
_LOCATION_LINE = re.compile(
    r"(?:" + LABEL_START + r"|(?<=[\w)] ))"
    + PLACE_FIELD + r"[ \t]*:[ \t]*([^\n]{3,200}?)" + _LABEL_END
)


# a write-up's title line with its place and date: "Observatory - Kantchari (Tapoa province, Est region), 14 March 2026"
# (or its first sentence: "Mali - Anefis (Kidal region), 14 October 2026. A drone strike at about 10:00 hit ...")
_TITLE_LINE = re.compile(
    r"[ \t]*([^\n]{3,200}?,?[ \t]*(?:\d{1,2} [A-Z][a-z]{2,8},? 20\d\d|[A-Z][a-z]{2,8} \d{1,2}, 20\d\d))"
    r"(?:\.?[ \t]*\n|\.[ \t]+(?=[A-Z]))"
)


# "Date of incident: 24 July 2026, approximately 10:00 local time." on an incident write-up
_DATE_LINE = re.compile(
    LABEL_START + r"(?:Date|Date of (?:the )?(?:incident|attack|strike|event)|"
    r"(?:Date|Time),? and (?:time|place|location|locality)|(?:Place|Location|Locality) and (?:date|time))"
    r"[ \t]*:[ \t]*([^\n]{3,120}?)"
    + _LABEL_END
)


def header_date(view: ArticleView) -> str | None:
    """The ISO date on a write-up's "Date:" line, for its one strike when its own sentences give none."""
    m = _DATE_LINE.search(view.text[:2000])
    return event_date_of([m.group(1)], view.article.published) if m else None


def _location_header(view: ArticleView) -> dict[str, str]:
    """Provinces named on an incident write-up's "Location: Kyaukhtu village, Gangaw township, Magway region" line."""
    m = _LOCATION_LINE.search(view.text[:2000]) or _TITLE_LINE.match(view.text)
    if not m:
        return {}
    out: dict[str, str] = {}
    firm: set[str] = set()  # countries the line itself names, or names a region of
    for ent in view.ea.entities:
        if not (ent.canonical and m.start(1) <= ent.start < m.end(1)):
            continue
        if ent.label in ("ADMIN1", "CITY", "DISTRICT"):
            code = ent.codes[0]
            out.setdefault(code, country_of(code))
        if ent.label == "COUNTRY" or (ent.label == "ADMIN1" and len(ent.codes) == 1):
            firm.add(country_of(ent.codes[0]))
    # "Kira market, near Solenzo, Banwa province, ..., Burkina Faso": a namesake town abroad is not the place
    return {c: cc for c, cc in out.items() if cc in firm} if firm else out


def _group(view: ArticleView, infos: list[SentenceInfo]) -> list[Event]:
    """Strike sentences (and their continuations) into events."""
    events: list[Event] = []
    current: Event | None = None
    umbrella: Event | None = None  # the placeless strike sentence over a town-by-town post's items
    last_violence = -10
    last_claims = -10
    last_kind = SentenceKind.NEUTRAL
    for idx, info in enumerate(infos):
        if info.kind == SentenceKind.STRIKE and info.continuation and not info.current:
            continue  # "the strike came a day after...": background said about the strike, not part of it
        if info.kind == SentenceKind.STRIKE:
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
                # a roundup item's heading ("NIGERIA - 6 August, Bubuce, Augie LGA, Kebbi State.") says where
                # and when the strike sentence under it was, as does the sentence a "Shortly after the
                # identification, an IAF aircraft struck" follows: it joins the event as its first sentence
                provinces = target_provinces(view, idx - 1)
                names = {n for n, _, _ in target_places(view, idx - 1)}
            if current is None or (not info.continuation and _new_event(view, idx, info, current, provinces, names)):
                item = current is not None and _place_headed(view, idx)
                if item and umbrella is None and current is not None and _could_head_items(current):
                    umbrella = current
                current = Event(current=info.current, lead=umbrella.sentences[0] if umbrella and item else None)
                events.append(current)
            if header and provinces:
                _absorb(view, current, idx - 1, infos[idx - 1], provinces)
            _absorb(view, current, idx, info, provinces)
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
            _absorb(view, current, idx, info, target_provinces(view, idx) if info.claims else {})
            if info.claims:
                last_claims = idx
    return _under_umbrella(events, umbrella)


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
    if days and current.days and not days & current.days:
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


# countries where air and drone strikes are reported (the gazetteer's conflict list, plus states whose territory
# strikes reach: Ukrainian drones over Russia, Israeli jets over Iran, Turkish drones in Iraq)
_THEATRES = CONFLICT_COUNTRIES | frozenset(
    {"RU", "IR", "TR", "CO", "MX", "IN", "PH", "EG", "SA", "AE", "KE", "AZ", "AM", "DZ", "TN", "ER"}
)


def _coherent_countries(view: ArticleView, events: list[Event]) -> None:
    """Drop target places of a country the article neither names nor mostly talks about.

    A town name shared across countries ("Balad" in Iraq, a district "Daraa al-Balad" in Syria) can resolve to
    the wrong one; an article about strikes in Syria that never mentions Iraq does not have an Iraqi target.
    """
    weights = place_weights(view, sorted({i for e in events for i in e.sentences}))
    if not weights:
        return
    top = max(weights.values())
    keep = {cc for cc, w in weights.items() if w >= 0.5 * top or cc in view.countries_named}
    named = view.countries_named
    if named:
        # "the weekly market at Kira" in a report about Burkina Faso: a town of a country the article never names,
        # outside any war, is a namesake when the article names other countries
        keep = {cc for cc in keep if cc in named or cc in _THEATRES}
    for e in events:
        e.provinces = {c: cc for c, cc in e.provinces.items() if cc in keep}
        e.places = {n: v for n, v in e.places.items() if v[1] in keep}


def _city_districts(view: ArticleView, events: list[Event]) -> None:
    """Drop a province named only through a city district ("Dniprovskyi district" is in Kyiv, Kherson and
    Zaporizhzhia) when the event, or another event of the article, has another province in the same country."""
    named_by: list[dict[str, bool]] = []
    for e in events:
        named: dict[str, bool] = {}  # code -> named only through a district so far
        for i in e.sentences:
            districts = district_provinces(view, i)
            for code in target_provinces(view, i):
                named[code] = named.get(code, True) and code in districts
        named_by.append(named)
    # provinces the article places its strikes in other than through a district: a target, or a local speaker's
    solid = {c for named in named_by for c, only in named.items() if not only}
    solid |= {c for e in events for c in e.speaker_provinces}
    for e, named in zip(events, named_by, strict=True):
        for code, only_district in named.items():
            cc = e.provinces.get(code)
            if only_district and cc and any(c != code and country_of(c) == cc for c in solid | set(e.provinces)
                                            if not named.get(c, False)):
                del e.provinces[code]
                e.places = {n: v for n, v in e.places.items() if v[0] != code}

