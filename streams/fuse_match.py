"""Incident matching: what a report and an incident are compared on, and the score (``similarity``).

Why its own module: the fusion state machine (``streams.fuse``) and the matching features change for
different reasons; this is the part tuned against the incident corpus (hard gates: same country, overlapping
date windows; then provinces, towns, part of the day, actor, aircraft, targets and distinctive evidence words).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from schemas import Place, StrikeEvent
from schemas.incidents import Incident
from streams.detect.bearings import care_before, far_bearing
from streams.detect.cues import other_strike_spans
from streams.detect.dayparts import dayparts
from streams.detect.places import institution_seat
from streams.eventdate import early_utc, late_utc, published_date
from streams.geo import Gazetteer, PlaceMatch
from streams.geo_base import _ARTICLES, GENERIC_WORDS, fold, km_between, name_key
from streams.geo_index import sound_key
from streams.lexicon import aircraft_family

#: towns this close are one strike's neighbourhood (a village and the town next to it), not two places
NEAR_KM = 12.0
#: a report without a date cue happened on, or up to this many days before, its publication
UNDATED_LOOKBACK_DAYS = 3
#: cap on the distinctive words kept per incident (bounded state)
MAX_TERMS = 160

_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019\-]{3,}")
_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'\-]+(?:,\s+[A-Za-z .'\-]+?)?(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
                       r"\s*(?:\([^)]*\))?\s*[-\u2013\u2014]\s+")
# Words every strike report uses: they say nothing about which strike it is.
_COMMON = frozenset(
    """
    that this with from have were been their there they them than then when where which while what said says
    told also after before into over under about about more most some such other others would could should
    will shall being does during against between among including include including killed killing kills
    wounded wounding injured injuring dead death deaths toll people person persons civilians civilian strike
    strikes struck striking airstrike airstrikes attack attacks attacked drone drones aircraft warplanes
    warplane jets military forces force army officials official ministry statement spokesman spokesperson
    local sources source according reported reports report news agency wire press monday tuesday wednesday
    thursday friday saturday sunday morning afternoon evening night overnight today yesterday week hours
    early late least several dozens dozen many area region province district city town village near
    january february march april may june july august september october november december told reporters
    added later earlier still since because however hospital hospitals rescue rescuers emergency
    three four five seven eight nine eleven twelve thirteen fourteen fifteen twenty thirty dozen hundreds
    regional governor mayor minister president spokesperson office officer authorities
    """.split()
)
_TOWN_KINDS = frozenset({"city", "district"})


@dataclass(frozen=True)
class Features:
    """What matching compares, for a report or an incident."""

    countries: frozenset[str]
    provinces: frozenset[str]
    towns: frozenset[str]
    actor: str | None
    aircraft: frozenset[str]
    targets: frozenset[str]
    terms: frozenset[str]
    date_lo: date | None
    date_hi: date | None
    exact: bool
    dayparts: frozenset[str] = frozenset()
    articles: frozenset[str] = frozenset()
    points: frozenset[tuple[float, float]] = frozenset()  # positions of the towns the tables place
    # town keys of every capitalised name in a report's evidence (empty for an incident): a town the other side
    # found may be named here in words the town rules did not catch ("near Adan Yabaal")
    mentioned: frozenset[str] = frozenset()
    night: bool = False  # a report's "last night", dated to its morning: the night began the evening before
    # a report's "overnight", dated to its morning: the night may have begun the evening before (a strike the other
    # side puts in the evening or at night, or at no time of day)
    overnight: bool = False


# ------------------------------------------------------------------------------------------ features
_TOWN_KEY_MIN_CHARS = 4
_PLACE_KINDS = frozenset(
    "camp refugee village town city district neighbourhood neighborhood quarter suburb area township".split()
)
# what was hit, said in other words by other outlets
_TARGET_SYNONYMS = {"home": "house", "homes": "house", "houses": "house", "residence": "house",
                    "buildings": "building", "vehicles": "vehicle", "cars": "car", "trucks": "truck"}
_NAMED_TOWN = re.compile(
    # "the village of Kfar Tebnit", "in the area of Abbassieh"
    r"\b(?:town|village|hamlet|neighbou?rhood|suburb|camp|(?:in|near) the (?:area|vicinity)) of "
    r"(?P<name>(?:al-|el-)?[A-Z][\w'\u2019-]+(?: [A-Z][\w'\u2019-]+){0,2})|"
    # "in Kherson's Korabel neighbourhood", "the Shujaiya district"
    r"\b(?:in|on|at|the) (?:[A-Z][\w-]+(?:'s|\u2019s) )?(?P<quarter>(?:al-|el-)?[A-Z][\w'\u2019-]+"
    r"(?: [A-Z][\w'\u2019-]+)?) (?:neighbou?rhood|quarter|suburb|district|camp)\b|"
    # "Residents of Yontoy, a farming village on the Juba river"
    r"\b(?P<appos>[A-Z][\w'\u2019-]+(?: [A-Z][\w'\u2019-]+)?), an? (?:[a-z]+ ){0,2}(?:village|town|hamlet|"
    r"community|settlement)\b|"
    # "enclaves at Bubuce in Augie Local Government Area", "a compound in Mado in Jamame district"
    r"\b(?:at|in|near) (?P<local>[A-Z][\w'\u2019-]+(?: [A-Z][\w'\u2019-]+)?) in "
    r"[A-Z][\w'\u2019-]+(?: [A-Z][\w'\u2019-]+)? (?:Local Government Area|LGA|district|township|county)\b|"
    # "a monastery in Kawlin town in Sagaing Region"
    r"\b(?:in|at|near) (?P<post>[A-Z][\w'\u2019-]+(?: [A-Z][\w'\u2019-]+)?) (?:town|village)\b"
)
# Names (one or two capitalised words) after a locative word in a report's evidence, for ``Features.mentioned``:
# "near Adan Yabaal", "between Adan Yabaal and ..."; not "Adan Yabaal was quiet"
_CAPITALISED = re.compile(
    r"\b(?:near|in|at|on|outside|around|between|of|(?:km|kilometres|kilometers|miles) from)\s+(?:the\s+)?"
    r"(?P<name>[A-Z][\w'\u2019-]+(?: [A-Z][\w'\u2019-]+)?)"
)
_MENTION_MIN_KEY = 3
# Parts of the day that cannot be one strike: a strike "overnight" is often told as "early morning".
_DAYTIME = frozenset({"morning", "afternoon", "evening"})


def _evidence(event: StrikeEvent) -> tuple[str, ...]:
    """The event's evidence sentences without clauses about another strike ("..., hours after a drone hit a
    utility truck in Nikopol"): that strike's town and words would pull the report into its incident. Features,
    towns, mentions and the incident's places all read it, so it is worked out once per evidence."""
    return _blank_other_strikes(tuple(e.text for e in event.evidence))


@lru_cache(maxsize=4096)
def _blank_other_strikes(texts: tuple[str, ...]) -> tuple[str, ...]:
    out = []
    for text in texts:
        for a, b in other_strike_spans(text):
            text = text[:a] + " " * (b - a) + text[b:]
        out.append(text)
    return tuple(out)


def own_places(event: StrikeEvent) -> list[Place]:
    """The event's places but those its evidence names only in a clause about another strike."""
    blanked = " ".join(_evidence(event))
    named = " ".join(e.text for e in event.evidence)
    return [p for p in event.places if p.name in blanked or p.name not in named]


def _strip_dateline(text: str) -> str:
    return _DATELINE.sub("", text, count=1)


def _terms(texts: Iterable[str]) -> frozenset[str]:
    out = set()
    for t in texts:
        for w in _WORD.findall(_strip_dateline(t)):
            k = fold(w).replace("'", "").replace("\u2019", "")
            head, _, rest = k.partition("-")
            if rest and head in _ARTICLES:
                k = rest  # "al-Nahud" = "Nahud"
            if len(k) >= 4 and k not in _COMMON:
                out.add(k)
    return frozenset(out)


def _target_terms(targets: Iterable[str]) -> frozenset[str]:
    return frozenset(_TARGET_SYNONYMS.get(t, t) for t in _terms(targets))


@lru_cache(maxsize=65536)
def town_key(name: str) -> str:
    """How towns are compared: by transliteration key ("Jabalia" = "Jabaliya", "Bint Jbeil" = "Bent Jbeil",
    "Bulo Burte" = "Bulobarde", "Bermal" = "Barmal"); names under four letters folded. Looser than the
    gazetteer's fallback: here two reports of one country and a few days are compared, not a text against
    every town of the tables."""
    # "Nuseirat camp" = "Nuseirat", "the village of X" = "X": the kind of place is no part of its name
    words = tuple(w for w in name_key(name) if w not in _PLACE_KINDS) or name_key(name)
    if len(words) > 1 and words[0] == "en":
        words = words[1:]  # Sudanese "En Nahud" = "Al-Nahud": the article, as "al" is (sound_key drops that)
    # "Bubuche" / "Bubuce": "ch" and "c" write one sound in Hausa, Turkish and Slavic transliterations
    # (and French-Congolese "tsh" / "tch": "Kitshanga" = "Kichanga" = "Kitchanga")
    words = tuple(w.replace("tsh", "c").replace("tch", "c").replace("ch", "c") for w in words)
    # a final "h" after a vowel is silent ("Sperah" = "Spera", "Hodeidah" = "Hodeida")
    words = (*words[:-1], re.sub(r"(?<=[aeiou])h$", "", words[-1]))
    key = sound_key(words, min_chars=_TOWN_KEY_MIN_CHARS, adjectives=False)
    # d and t, b and p alternate in transliteration ("Bulo Burte" = "Bulobarde", Burmese "Depayin" = "Tabayin");
    # within one country and a few days, the looser key joins more spellings than it confuses towns
    return key.replace("d", "t").replace("b", "p") if key else fold(name)


def _towns(event: StrikeEvent, countries: frozenset[str], points: set[tuple[float, float]]) -> frozenset[str]:
    """Folded names of the towns and districts the event's evidence names inside its own provinces (their
    positions, where the tables have them, go to ``points``)."""
    gaz = Gazetteer.load()
    codes = {p.code for p in event.provinces}
    names: set[str] = set()
    text = " ".join(_strip_dateline(t) for t in _evidence(event))
    # without a country the text scan would read any capitalised word that some town somewhere is called
    # ("Malian", an aircraft's name) as a town, and a wrong town keeps two reports of one strike apart
    for m in gaz.find(text, countries=set(countries)) if countries else ():
        before = text[max(0, m.start - 60) : m.start]
        if far_bearing(before) or care_before(before) or institution_seat(before):
            continue  # "approximately 220 km north of Mogadishu", "evacuated to a clinic in Cucuta": not the place hit
        if _AREA_AFTER.match(text, m.end) or _UNIT_NAME.search(m.name):
            # "in the Metina region", "in the Seversky district": an area around villages, no town to tell
            # strikes apart by
            continue
        if m.kind in _TOWN_KINDS and m.country in countries and not _region_namesake(gaz, m):
            names.add(town_key(m.name))
            if m.lat is not None and m.lon is not None:
                points.add((m.lat, m.lon))
    # "the town of Kfar Tebnit": a town the gazetteer lacks still tells two strikes apart
    for named in _NAMED_TOWN.finditer(text):
        name = named["name"] or named["quarter"] or named["appos"] or named["local"] or named["post"]
        if named["quarter"] and _ADJECTIVAL_DISTRICT.fullmatch(named["quarter"]):
            # "Mykolaiv's Zavodskyi district", "the Zavodskyi district of Mykolaiv": a part of the city, which is
            # the town (the gazetteer reads the bare name as its region)
            city = _DISTRICT_CITY.search(text, max(0, named.start() - 30), named.end() + 40)
            if city:
                seat = city["before"] or city["after"]
                names.add(town_key(seat))
                found = gaz.find(seat)
                if found and found[0].lat is not None and found[0].lon is not None:
                    points.add((found[0].lat, found[0].lon))
            continue
        known = gaz.find(name)
        if not known:
            names.add(town_key(name))
        elif known[0].kind in _TOWN_KINDS and not _region_namesake(gaz, known[0]):
            names.add(town_key(known[0].name))
    for p in own_places(event):
        if codes and p.province and p.province not in codes:
            continue
        matches = gaz.find(p.name)
        if _city_named(p.name, text):
            names.add(town_key(p.name))  # "a hotel in the centre of Chernihiv": the regional centre, a town
            if matches and matches[0].lat is not None and matches[0].lon is not None:
                points.add((matches[0].lat, matches[0].lon))  # (the region's row keeps its seat's position)
            continue
        if any(m.kind not in _TOWN_KINDS or _region_namesake(gaz, m) for m in matches):
            continue  # a region (or its namesake town), not a town
        if _AREA_WORD.search(p.name) or _UNIT_NAME.search(p.name) or re.search(
            re.escape(p.name) + _AREA_AFTER.pattern, text, re.I
        ):
            continue  # "Amuda region", "in the Metina region": the area around a town or villages
        names.add(town_key(matches[0].name if matches else p.name))
        if matches and matches[0].lat is not None and matches[0].lon is not None:
            points.add((matches[0].lat, matches[0].lon))
    return frozenset(names)


# a post-Soviet city district, named by an adjective ("Zavodskyi", "Shevchenkivskyi", "Tsentralnyi")
_ADJECTIVE = r"[A-Z][a-z]+(?:skyi|skiy|sky|ckyi|tskyi|zkyi|nyi|ny)"
_ADJECTIVAL_DISTRICT = re.compile(_ADJECTIVE)
_DISTRICT_CITY = re.compile(
    rf"\b(?P<before>[A-Z][\w-]+)(?:'s|\u2019s) {_ADJECTIVE} district\b|"
    rf"\b{_ADJECTIVE} district of (?P<after>[A-Z][\w-]+)"
)


# a place named as an area ("the Metina region", "the Zab area", "the Qandil mountains"): it holds the villages other
# reports name, so it neither matches nor contradicts them
# (and a Malian "cercle", "the Niono circle" in translation: the district around the town, not the town)
_AREA = r"(?:region|area|areas|mountains?|countryside|hills|valley|sector|zone|outskirts|circle|cercle)\b"
_AREA_AFTER = re.compile(r"\s+" + _AREA, re.I)
_AREA_WORD = re.compile(r"\s" + _AREA + r"\s*$", re.I)
# a district the tables hold under its unit word ("Seversky district"): the district, not a town
_UNIT_NAME = re.compile(r"\s(?:district|raion|territory)$", re.I)


_DATELINE_PLACE = re.compile(r"^\s*(?P<name>[A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-]+)?)\b")


@lru_cache(maxsize=65536)
def _mention_key(name: str) -> str | None:
    """The town key of a capitalised name after a locative word, or None when it cannot be a town: a word every
    report uses (weekdays and months among them), or a name the gazetteer knows only as a region or a country
    ("in Sagaing", "of Syria": the provinces and countries say that already)."""
    if fold(name) in _COMMON:  # weekdays and months too: "on Sunday", "in August"
        return None
    key = town_key(name)
    if len(key) < _MENTION_MIN_KEY:
        return None
    matches = Gazetteer.load().find(name)
    if matches and all(m.kind not in _TOWN_KINDS for m in matches):
        return None
    return key


def _mentioned(event: StrikeEvent) -> frozenset[str]:
    out: set[str] = set()
    for text in _evidence(event):
        # a local outlet's dateline ("LAKKI MARWAT - ...") is often the district of the strike: named in passing
        dateline = _DATELINE.match(text)
        place = _DATELINE_PLACE.match(text) if dateline else None
        if place:
            key = _mention_key(place["name"].title())
            if key:
                out.add(key)
        for m in _CAPITALISED.finditer(_strip_dateline(text)):
            words = m["name"].split()
            for name in {m["name"], *words}:
                key = _mention_key(name)
                if key:
                    out.add(key)
    return frozenset(out)


def _city_named(name: str, text: str) -> bool:
    """The text names the place as a city ("a hotel in the centre of Chernihiv", "the city of Kharkiv", "Sumy
    city"): the regional centre itself, a town to tell strikes apart by, not its region."""
    n = re.escape(name)
    # (not "on the edge of the government-held city of Marib": a camp outside it)
    pattern = rf"\b(?:centre|center|downtown|heart) of (?:the city of )?{n}\b|\bin the city of {n}\b|\b{n} city\b"
    return re.search(pattern, text) is not None


def _region_namesake(gaz: Gazetteer, m: PlaceMatch) -> bool:
    """A town named like its own admin-1 region ("Gaza" in Gaza Governorate) says no more than the region: the
    gazetteer already reads Kharkiv or Odesa as the region, so such a name is no town to tell strikes apart by."""
    region = gaz.admin1_name(m.code)
    if not region:
        return False
    return name_key(m.name) == tuple(t for t in name_key(region) if t not in GENERIC_WORDS)


def _countries(event: StrikeEvent) -> frozenset[str]:
    cc = {p.country or p.code.split("-")[0] for p in event.provinces}
    if not cc:
        cc = {p.country for p in event.places if p.country}
    if not cc and event.country:
        cc = {event.country}  # the article's country (a statement naming only a village)
    return frozenset(c for c in cc if c)


# "the crime committed by the militia last night" in a statement of the next morning: the night began the evening
# before (the event date reads such a night as the morning's, as it does "overnight")
_LAST_NIGHT = re.compile(r"\blast night\b", re.I)
_OVERNIGHT = re.compile(r"\b(?:overnight|during the night)\b", re.I)
# "this evening" in copy stamped early in the UTC day: the evening of the day before west of UTC (a post at 05:00Z
# from Michoacan was written at 23:00 local time)
_THIS_EVENING = re.compile(r"\b(?:this evening|tonight)\b", re.I)


def _window(event_date: str | None, published: str | None) -> tuple[date | None, date | None, bool]:
    if event_date:
        d = date.fromisoformat(event_date)
        return d, d, True
    pub = published_date(published)
    if pub is None:
        return None, None, False
    # copy filed late in the UTC day is often about the next day east of UTC ("shortly after midnight" in a
    # Gaza story stamped 23:05Z)
    hi = pub + timedelta(days=1) if late_utc(published) else pub
    return pub - timedelta(days=UNDATED_LOOKBACK_DAYS), hi, False


def attacker_key(actor: str | None) -> str | None:
    """An attacker as matching compares it: "the Houthis" = "Houthi", "Rapid Support Forces" = "rapid support force"
    (one report's plural is another's adjective). Not ``alerts.actor_key``, which folds an actor to its country."""
    if not actor:
        return None
    words = re.sub(r"^the\s+", "", actor.strip().lower()).split()
    return " ".join(words[:-1] + [re.sub(r"(?<=\w{3})s$", "", words[-1])]) if words else None


def event_features(event: StrikeEvent) -> Features:
    countries = _countries(event)
    lo, hi, exact = _window(event.event_date, event.published)
    said = " ".join(x.text for x in event.evidence)
    morning_of = exact and lo == published_date(event.published)
    evening_before = _THIS_EVENING.search(said) is not None and early_utc(event.published)
    night = bool(morning_of and (_LAST_NIGHT.search(said) or evening_before))
    overnight = bool(morning_of and not night and _OVERNIGHT.search(said))
    points: set[tuple[float, float]] = set()
    towns = _towns(event, countries, points)
    return Features(
        countries=countries,
        provinces=frozenset(p.code for p in event.provinces),
        towns=towns,
        points=frozenset(points),
        actor=attacker_key(event.actor),
        aircraft=frozenset(aircraft_family(a.designation) for a in event.aircraft),
        targets=_target_terms(event.targets),
        terms=_terms(_evidence(event)),
        date_lo=lo,
        date_hi=hi,
        exact=exact,
        dayparts=dayparts(_strip_dateline(t) for t in _evidence(event)),
        articles=frozenset({event.article_id}),
        mentioned=_mentioned(event),
        night=night,
        overnight=overnight,
    )


def incident_features(inc: Incident) -> Features:
    return Features(
        points=_points(tuple(inc.places), tuple(inc.provinces)),
        countries=frozenset(inc.countries),
        provinces=frozenset(inc.provinces),
        towns=frozenset(inc.towns),
        actor=attacker_key(inc.actor),
        aircraft=frozenset(aircraft_family(a) for a in inc.aircraft),
        targets=_target_terms(inc.targets),
        terms=frozenset(inc.terms),
        date_lo=date.fromisoformat(inc.date_lo) if inc.date_lo else None,
        date_hi=date.fromisoformat(inc.date_hi) if inc.date_hi else None,
        exact=inc.event_date is not None,
        dayparts=frozenset(inc.dayparts),
        articles=frozenset(inc.articles),
        mentioned=frozenset(inc.mentioned),
    )


@lru_cache(maxsize=4096)
def _points(places: tuple[str, ...], provinces: tuple[str, ...]) -> frozenset[tuple[float, float]]:
    """Positions of an incident's places that the tables know, inside its provinces."""
    gaz = Gazetteer.load()
    out = set()
    for name in places:
        for m in gaz.find(name)[:1]:
            if m.lat is not None and m.lon is not None and (not provinces or m.code in provinces):
                out.add((m.lat, m.lon))
    return frozenset(out)


def _near(a: Features, b: Features) -> bool:
    """Two reports name towns within ``NEAR_KM`` of each other: a village and the town next to it, one strike."""
    return any(km_between(p, q) <= NEAR_KM for p in a.points for q in b.points)


# ------------------------------------------------------------------------------------------ matching
def towns_apart(a: Features, b: Features) -> bool:
    """Both name towns, none shared, none near the other's, none named in the other's words: two places."""
    return bool(a.towns and b.towns and not a.towns & b.towns and not _near(a, b) and not _named_by_other(a, b))


def _named_by_other(a: Features, b: Features) -> bool:
    """One side's town is named in the other's evidence, where no town rule caught it."""
    return bool(a.towns & b.mentioned or b.towns & a.mentioned)


def _same_unlisted_place(a: Features, b: Features) -> bool:
    """Both name a place after a locative word that neither side's town rules found ("in Kalehe territory")."""
    return bool((a.mentioned & b.mentioned) - a.towns - b.towns)


def _late(f: Features) -> bool:
    """The other side's strike may be the evening before an "overnight" one: told in the evening, or at no time of
    day ("late on Tuesday"); a night of its own is the night before ("the second night in a row")."""
    return not f.dayparts or "evening" in f.dayparts and "night" not in f.dayparts


def _dates_overlap(a: Features, b: Features) -> bool:
    if a.date_lo is None or b.date_lo is None or a.date_hi is None or b.date_hi is None:
        return True
    a_lo = a.date_lo - timedelta(days=1) if a.night or (a.overnight and _late(b)) else a.date_lo
    b_lo = b.date_lo - timedelta(days=1) if b.night or (b.overnight and _late(a)) else b.date_lo
    return a_lo <= b.date_hi and b_lo <= a.date_hi


def conflicts(a: Features, b: Features) -> bool:
    """True when something tells the two apart: another country or date, other towns, provinces, part of the
    day, targets, attacker or aircraft."""
    if a.countries and b.countries and not (a.countries & b.countries):
        return True
    if not _dates_overlap(a, b):
        return True
    pairs = (
        (a.provinces, b.provinces),
        (a.towns, b.towns) if not (_near(a, b) or _named_by_other(a, b)) else (frozenset(), frozenset()),
        (a.dayparts, b.dayparts),
        (a.targets, b.targets),
        (a.aircraft, b.aircraft),
    )
    if any(x and y and not (x & y) for x, y in pairs):
        return True
    return bool(a.actor and b.actor and a.actor != b.actor)


#: what ``similarity`` weighs, in the order of ``HAND_WEIGHTS``; each is 0 or 1 but the last (shared distinctive
#: words, a cosine in [0, 1])
SIMILARITY_PARTS = (
    "province_match", "province_mismatch", "town_match", "town_near", "town_mismatch", "place_named",
    "actor_match", "actor_mismatch", "aircraft_match", "aircraft_mismatch", "target_match", "target_mismatch",
    "daytime_conflict", "daypart_conflict", "same_exact_date", "same_article", "shared_terms",
)
#: the weights written by hand and tuned on the incident corpus (``train/fuse_weights.py`` compares them with
#: fitted ones)
HAND_WEIGHTS = (2.0, -2.0, 3.0, 1.0, -3.0, 1.5, 0.5, -1.0, 1.0, -0.5, 1.0, -1.0, -3.0, -1.5, 1.0, 1.5, 4.0)


def similarity_parts(a: Features, b: Features) -> list[float] | None:
    """The parts ``similarity`` weighs (``SIMILARITY_PARTS``); ``None`` = cannot be one strike (other country,
    dates that do not overlap)."""
    if a.countries and b.countries and not (a.countries & b.countries):
        return None
    if not _dates_overlap(a, b):
        return None
    x = dict.fromkeys(SIMILARITY_PARTS, 0.0)
    if a.provinces and b.provinces:
        x["province_match" if a.provinces & b.provinces else "province_mismatch"] = 1.0
    if a.towns and b.towns:
        near = _near(a, b) or _named_by_other(a, b)
        x["town_match" if a.towns & b.towns else "town_near" if near else "town_mismatch"] = 1.0
    elif _named_by_other(a, b) or _same_unlisted_place(a, b):
        # one side's towns are unknown (a village the tables lack, "on the edge of Wetlet town"), yet both
        # reports name the same place after a locative word: weaker than two towns that match
        x["place_named"] = 1.0
    if a.actor and b.actor:
        x["actor_match" if a.actor == b.actor else "actor_mismatch"] = 1.0
    if a.aircraft and b.aircraft:
        x["aircraft_match" if a.aircraft & b.aircraft else "aircraft_mismatch"] = 1.0
    if a.targets and b.targets:
        x["target_match" if a.targets & b.targets else "target_mismatch"] = 1.0
    if a.dayparts and b.dayparts and not (a.dayparts & b.dayparts):
        # "on Monday morning" and "on Monday afternoon": two strikes; "overnight" and "morning" may be one
        both_daytime = a.dayparts <= _DAYTIME and b.dayparts <= _DAYTIME
        x["daytime_conflict" if both_daytime else "daypart_conflict"] = 1.0
    if a.exact and b.exact and a.date_lo == b.date_lo:
        x["same_exact_date"] = 1.0
    if a.articles & b.articles:
        x["same_article"] = 1.0  # one article's events are often one strike that extraction split
    if a.terms and b.terms:
        x["shared_terms"] = len(a.terms & b.terms) / math.sqrt(len(a.terms) * len(b.terms))
    return list(x.values())


def similarity(a: Features, b: Features, weights: tuple[float, ...] = HAND_WEIGHTS) -> float | None:
    """How strongly two reports (or a report and an incident) look like one strike; ``None`` = cannot be."""
    parts = similarity_parts(a, b)
    if parts is None:
        return None
    return sum(w * v for w, v in zip(weights, parts, strict=True))
