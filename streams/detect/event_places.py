"""Where an article's events were: the passes after grouping that make their places coherent and fill them in.

Why apart from ``streams.detect.grouping``: grouping decides which sentences tell one strike; these passes read the
whole article once the events stand (the countries it is about, a city's districts, where the wounded were treated,
a local speaker's or a write-up's "Location:" field, a local report's one town) and correct or complete each
event's provinces and places. Kept here, each module stays small enough to read.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from streams.detect.forms import PLACE_FIELD, form_header
from streams.detect.kinds import SentenceInfo, SentenceKind
from streams.detect.places import (
    care_places,
    district_provinces,
    is_capital,
    place_candidates,
    place_weights,
    target_base_codes,
    target_provinces,
)
from streams.detect.timing import LABEL_START
from streams.detect.view import ArticleView, country_of
from streams.eventdate import event_date_of
from streams.geo_base import CONFLICT_COUNTRIES, name_key

if TYPE_CHECKING:
    from streams.detect.grouping import Event


def drop_care_places(view: ArticleView, events: list[Event]) -> None:
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


def speaker_fallback(view: ArticleView, events: list[Event]) -> None:
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
        # (an incident sheet's "Place:" field before the province of whoever it quotes: "Place: tent encampment in
        # Bani Suheila ... Who says what: Gaza civil defence put the toll at 8")
        field = location if sole and form and e.current else {}
        e.provinces.update(field or e.speaker_provinces or (header if e.current else {}))


_CITY_DISTRICT = re.compile(r"(?:the )?[A-Z][a-z]+(?:skyi|skiy|sky|ckyi|tskyi|zkyi|nyi) (?:city )?district", re.I)
_UNIT_WORD = re.compile(r"\s+(?:district|region|oblast|province|governorate|state|raion|county)\b", re.I)


def sole_place_fallback(view: ArticleView, infos: list[SentenceInfo], events: list[Event]) -> None:
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
    if not towns and len({code for _, code, _ in places}) == 1 and any(
        e.current and any(_THE_CITY.search(view.sentence_text(i)) for i in e.sentences) for e in events
    ):
        # "Update on the night attack on Chernihiv. ... The enemy attacked the city with attack UAVs": the
        # strike's "the city" is the regional centre the copy names, when the tables know such a city
        gaz = load_gazetteer()
        towns = [(name, code) for name, code, _ in places if gaz.city_in(name, code)][:1]
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


_THE_CITY = re.compile(r"\bthe (?:city|town)\b(?!'s| of\b)")


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
    LABEL_START + r"(?:Date|Date of (?:the )?(?:incident|attack|strike|event)|Happened|Occurred|Date & time|"
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
    inside = [ent for ent in view.ea.entities if ent.canonical and m.start(1) <= ent.start < m.end(1)]
    for ent in inside:
        if ent.label == "ADMIN1" and len(ent.codes) > 1 and any(
            o is not ent and o.label in ("CITY", "DISTRICT") and o.codes and o.codes[0] in ent.codes for o in inside
        ):
            continue  # "Bani Suheila, southern Gaza Strip": the territory whose governorate the town gives
        if ent.label in ("ADMIN1", "CITY", "DISTRICT"):
            code = ent.codes[0]
            out.setdefault(code, country_of(code))
        if ent.label == "COUNTRY" or (ent.label == "ADMIN1" and len(ent.codes) == 1):
            firm.add(country_of(ent.codes[0]))
    # "Kira market, near Solenzo, Banwa province, ..., Burkina Faso": a namesake town abroad is not the place
    return {c: cc for c, cc in out.items() if cc in firm} if firm else out


# countries where air and drone strikes are reported (the gazetteer's conflict list, plus states whose territory
# strikes reach: Ukrainian drones over Russia, Israeli jets over Iran, Turkish drones in Iraq)
_THEATRES = CONFLICT_COUNTRIES | frozenset(
    {"RU", "IR", "TR", "CO", "MX", "IN", "PH", "EG", "SA", "AE", "KE", "AZ", "AM", "DZ", "TN", "ER"}
)


def coherent_countries(view: ArticleView, events: list[Event]) -> None:
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


def city_districts(view: ArticleView, events: list[Event]) -> None:
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
            # (or any province the event's own sentences name as a target: "Zaporizhzhia's Zavodskyi district" is
            # no district of Primorye)
            if only_district and cc and (any(c != code and country_of(c) == cc for c in solid | set(e.provinces)
                                             if not named.get(c, False))
                                         or any(c != code and named.get(c) is False for c in e.provinces)):
                del e.provinces[code]
                e.places = {n: v for n, v in e.places.items() if v[0] != code}
