"""Aircraft and bases: which aircraft flew the strike, and which air bases it flew from.

Why rules: the entity stage tags every aircraft and base the text names, but a sentence also names aircraft
that were shot down, parked at the target, sold, escorting or spotting, and bases that were hit rather than
flown from. The analyst wants the strike aircraft and the launch base (the dashboard draws base -> target).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from schemas import EntitySpan
from streams import lexicon
from streams.detect.cues import (
    AGENT,
    VERB,
    VERB_EXCLUDE,
    VICTIM_AIR,
    agent_is_object,
    agent_is_victim,
    clause_bounds,
)
from streams.detect.view import ArticleView, country_of

_I = re.IGNORECASE

_PRODUCTION = re.compile(
    r"\b(?:assembl(?:es|ed|ing)|manufactur(?:es|ed|ing)|produc(?:es|ed|ing)|builds|built|makes)\b", _I
)


_HOME_OF = re.compile(r"\b(?:home (?:to|of)|hous(?:es|ing|ed)|host(?:s|ing|ed))\s+(?:[\w'\u2019-]+\s+){0,3}$", _I)


_BY_AGENT = re.compile(r"\bby (?:an? |the |its |their )?(?:[\w'\u2019-]+ ){0,2}$", _I)


# The aircraft did something other than strike: it is not listed as a strike aircraft.
_NOT_STRIKING = re.compile(
    r"\b(?:flying over|flew over|overflew|overflying|(?:was|were) (?:also )?seen|no reports? of|shot down|"
    r"shoot(?:s|ing)? down|downed|intercept(?:ed|ing|s)?|crash(?:ed|es|ing)?|crash-landed|"
    r"brought down|land(?:ed|ing|s)?|patrol\w*|scrambl\w*|escort\w*|"
    # "Su-34 bombers ... delivered FAB-1500 guided aerial bombs on": delivered what strikes, not to a buyer
    r"deliver\w*(?! (?:an? |the )?(?:[\w-]+ ){0,3}(?:bombs?|strikes?|blows?|missiles?|munitions?|ordnance|"
    r"payloads?)\b)|"
    r"purchas\w*|bought|acquir\w*|"
    r"order(?:ed|s)|procur\w*|sold|sell\w*|display\w*|unveil\w*|exercises?|drills?|manufactur\w*|produc\w*|"
    r"built|builds|assembl\w*|"
    r"export\w*|spotted|sighted|hover\w*|grounded|received|receiv\w+|supply|supplied|transfer\w*|upgrade\w*|"
    r"training|fleet|refuel\w*|tankers?)\b",
    _I,
)


# "the bombs were released by Su-34 jets flying over the occupied left bank": flying over while it struck
_RELEASED = re.compile(r"\b(?:bombs?|munitions?) (?:were |was )?(?:released|dropped) by\b", _I)


_SUPPORT_ROLES = frozenset({"tanker", "awacs"})


_RECON_ROLES = frozenset({"recon", "recon-drone", "patrol"})


_SPOTTING = re.compile(r"\b(?:guid\w+|spott\w+|reconnaissance|surveillance|adjust\w*|correct\w*|locat\w+)\b", _I)


# "Kursk region", and "Kursk and Oryol regions": a launch area named by its city, not the city's airfield
_REGION_AFTER = re.compile(
    r"(?:\s*,?\s+(?:and|or)\s+[A-Z][\w'-]+)?\s*(?:regions?|oblasts?|provinces?|governorates?|states?|districts?|"
    r"area|border|countryside)\b",
    _I,
)


_AIRFIELD_WORD = re.compile(
    r"\b(?:air force base|air base|airbase|airfield|air field|airport|air station|airstrip|air strip)\b", _I
)


_LAUNCH = re.compile(
    r"\b(?:took off|taken off|taking off|take off|takes off|flying (?:out )?from|flown (?:out )?from|"
    r"flew (?:out )?from|flew out of|operating (?:from|out of)|operated (?:from|out of)|launched from|"
    r"based (?:at|in)|stationed (?:at|in)|deployed (?:at|to)|depart(?:ed|ing) from|sortied from|"
    r"scrambled from|returned to)\b",
    _I,
)


_FROM_BASE = re.compile(r"\bfrom (?:the |near (?:the )?)?$", _I)


@dataclass(frozen=True)
class BaseHit:
    entry: lexicon.BaseEntry
    mention: str



def strike_aircraft(view: ArticleView, idx: int) -> list[tuple[str, str]]:
    """Aircraft of the strike in sentence ``idx``: not those shot down, landing, escorting, sold..."""
    s0, _ = view.sentences[idx]
    text = view.sentence_text(idx)
    out = []
    table = lexicon.aircraft_table()
    for e in view.ents(idx, "AIRCRAFT"):
        if not e.canonical:
            continue
        role = table[e.canonical].role if e.canonical in table else ""
        if role in _SUPPORT_ROLES or (role in _RECON_ROLES and _SPOTTING.search(text)):
            continue  # tankers, AWACS and spotter drones take part in a raid but drop nothing
        left, right = clause_bounds(text, e.start - s0, e.end - s0)
        clause = text[left:right]
        if _NOT_STRIKING.search(clause) and not VERB.search(VERB_EXCLUDE.sub(" ", clause)) and not _RELEASED.search(
            clause
        ):
            continue
        rel = e.start - s0
        before = text[max(0, rel - 40) : rel]
        made = list(_PRODUCTION.finditer(text[max(0, rel - 70) : rel]))
        if made and not VERB.search(VERB_EXCLUDE.sub(" ", text[max(0, rel - 70) + made[-1].end() : rel])):
            continue  # "the Alabuga plant, which assembles Geran-2 drones, the Russian version of the Shahed-136"
        if _named_place(view, idx, e):
            continue  # "a bandit enclave in Anka Local Government Area": the town, not the TAI Anka drone
        if _HOME_OF.search(before):
            continue  # "Starokostiantyniv air base, home to Ukraine's Su-24 bombers": parked at the target
        if _BY_AGENT.search(before) and VICTIM_AIR.search(text[:rel]):
            continue  # "29 missiles were downed, six of them by a Ukrainian F-16 pilot": the interceptor
        if agent_is_object(text[max(0, rel - 80) : rel].split()[-6:]) or agent_is_victim(
            text[e.end - s0 : e.end - s0 + 80]
        ):
            continue  # "damaging two Tu-95 bombers", "the Su-25 was shot down"
        out.append((e.canonical, e.text))
    return out


_UNIT_AFTER = re.compile(
    r"\s+(?:local government area|lga|district|township|town|village|municipality|community)\b", _I
)
_AT_PLACE = re.compile(r"\b(?:in|near|outside|around|of|at|from)\s+$", _I)
# "Anka drones", "the Anka UAV": the aircraft, whatever word comes before it
_TYPE_NOUN_AFTER = re.compile(r"(?:-\w+)?\s+(?:drones?|UAVs?|aircraft|unmanned)\b", _I)


def _named_place(view: ArticleView, idx: int, e: EntitySpan) -> bool:
    """The aircraft's name is also a place named as one: "in Anka Local Government Area", "near Anka"."""
    s0, _ = view.sentences[idx]
    text = view.sentence_text(idx)
    if not any(p.start <= e.start and e.end <= p.end for p in view.ents(idx, "CITY", "DISTRICT", "ADMIN1")):
        return False
    if _TYPE_NOUN_AFTER.match(text, e.end - s0):
        return False
    # ("Residents of Anka in Zamfara State said 14 gold miners were killed")
    return bool(_UNIT_AFTER.match(text, e.end - s0) or _AT_PLACE.search(text[max(0, e.start - s0 - 12) : e.start - s0]))


def launch_bases(view: ArticleView, idx: int) -> list[BaseHit]:
    """Bases the strike aircraft took off from, named in sentence ``idx``."""
    s0, _ = view.sentences[idx]
    text = view.sentence_text(idx)
    table = lexicon.base_table()
    out: list[BaseHit] = []
    mentions = sorted(view.ents(idx, "AIRBASE", "AIRBASE_CITY"), key=lambda e: (e.start, e.label))
    for span in launch_spans(view, idx):
        if _DIRECTIONS.search(text, span[0], span[1]):
            continue  # "launched from the directions of Kursk, Millerovo and Chauda": launch areas, not bases
        # only the first base or city named after the cue: later ones are landmarks ("... of Tehran")
        inside = [
            e
            for e in mentions
            if e.canonical in table
            and span[0] <= e.start - s0 < span[1]
            and not (e.label == "AIRBASE_CITY" and _REGION_AFTER.match(text, e.end - s0))
            and not _AREA_AFTER.match(text, e.end - s0)
        ]
        hits: list[BaseHit] = []
        if inside:
            # ... and those listed with it ("launched from Kursk, Shatalovo and Primorsko-Akhtarsk")
            hits = _listed_bases(view, inside[0], mentions, table)
        elif (unlisted := _unlisted_base(view, idx, span)) is not None:
            hits = [unlisted]
        for hit in hits:
            if all(h.entry.name != hit.entry.name for h in out):
                out.append(hit)
    # "from the Olenya air base": an air base named after "from" in a sentence about strike aircraft
    for e in view.ents(idx, "AIRBASE"):
        before = text[max(0, e.start - s0 - 12) : e.start - s0]
        after = text[e.end - s0 : e.end - s0 + 40]
        if _FROM_BASE.search(before) and e.canonical in table and AGENT.search(text) and not _AREA_AFTER.match(after):
            # (not "launched from the Yeysk and Chauda directions": launch areas)
            # ... and the bases or base towns listed with it ("from Millerovo and Oryol")
            for hit in _listed_bases(view, e, mentions, table):
                if all(h.entry.name != hit.entry.name for h in out):
                    out.append(hit)
    return out


def _listed_bases(
    view: ArticleView, first: EntitySpan, mentions: list[EntitySpan], table: dict[str, lexicon.BaseEntry]
) -> list[BaseHit]:
    """The base (or base town) ``first`` and those listed right after it: "from Kursk, Shatalovo and
    Primorsko-Akhtarsk"."""
    listed = [first]
    for e in mentions:
        if e.start < listed[-1].end or e.canonical not in table:
            continue
        if not _LIST_GAP.fullmatch(view.text, listed[-1].end, e.start):
            break
        listed.append(e)
    return [BaseHit(table[e.canonical], e.text) for e in listed if e.canonical]


_DIRECTIONS = re.compile(r"\bdirections? of\b", _I)
_AREA_AFTER = re.compile(r"(?:(?:,| and| or) [A-Z][\w-]+)* (?:directions?|axis|axes)\b")
_TOOK_OFF = re.compile(r"(?:took|taken|taking|take|takes) off\b|fl(?:ying|ew|own)\b|sortied\b|depart", _I)
_BASE_IN = re.compile(r"\b(?:base|airbase|airfield|airport|air station)\s+(?:in|at|near|outside)\s+$", _I)
_LIST_GAP = re.compile(r"\s*(?:,|,? and|,? or)\s*")


def _unlisted_base(view: ArticleView, idx: int, span: tuple[int, int]) -> BaseHit | None:
    """A base the gazetteer does not list: "took off from the Tabqa air base", "flying from Kirkuk"."""
    s0, _ = view.sentences[idx]
    text = view.sentence_text(idx)
    piece = text[span[0] : span[1]]
    m = _AIRFIELD_WORD.search(piece)
    if m:
        words = piece[: m.start()].split()
        name_words: list[str] = []
        for w in reversed(words[-4:]):
            if not w[:1].isupper():
                break
            name_words.insert(0, w.rstrip(",'\u2019s") if w.endswith(("'s", "\u2019s")) else w)
        if name_words:
            name = " ".join([*name_words, m.group().title()])
            return BaseHit(lexicon.BaseEntry(name, (), "", _country_near(view, idx, span), 0.0, 0.0), name)
    # a town named right after the cue ("took off from Kirkuk"), not a region ("from Russia's Kursk region"); a
    # state's name that is also its capital's ("took off from Katsina", "the NAF base in Katsina") is the town
    from streams.places import load_gazetteer

    gaz = load_gazetteer()
    flight = _TOOK_OFF.match(piece) is not None  # (not "a monitoring group based in Gaziantep")
    places = [
        e
        for e in view.ents(idx, "CITY", "ADMIN1")
        if span[0] <= e.start - s0 < span[1]
        and (e.label == "CITY" or (flight and len(e.codes) == 1 and gaz.city_in(e.text, e.codes[0])))
    ]
    if places and places[0].canonical:
        first = places[0]
        head = text[span[0] : first.start - s0]
        assert first.canonical is not None
        # ("took off from the NAF base in Katsina": the town the base is in)
        near = 9 if _BASE_IN.search(head) else 6
        # (not "launched from the Navlya direction": a launch area)
        if (
            len(head.split()) <= near
            and not _REGION_AFTER.match(text, first.end - s0)
            and not _AREA_AFTER.match(text, first.end - s0)
        ):
            cc = country_of(first.codes[0])
            return BaseHit(lexicon.BaseEntry(first.text, (), first.text, cc, 0.0, 0.0), first.text)
    return None


def _country_near(view: ArticleView, idx: int, span: tuple[int, int]) -> str:
    s0, _ = view.sentences[idx]
    for e in view.ents(idx, "COUNTRY", "ADMIN1", "CITY", "DISTRICT"):
        if span[0] <= e.start - s0 < span[1] + 40 and e.canonical:
            return country_of(e.codes[0])
    return ""


# what a launched drone or missile does where it arrives ("a drone launched from Yemen slammed into a warehouse")
_IMPACT = re.compile(r"\b(?:slammed|crashed|smashed|exploded|ploughed|plowed|plunged|rammed|fell|landed)\b")


def launch_spans(view: ArticleView, idx: int) -> list[tuple[int, int]]:
    """Relative spans from a launch cue ("took off from") to the next attack verb or clause end."""
    text = view.sentence_text(idx)
    spans = []
    for m in _LAUNCH.finditer(text):
        v = VERB.search(text, m.end())
        impact = _IMPACT.search(text, m.end())
        stop = min(x.start() for x in (v, impact) if x) if (v or impact) else len(text)
        for cut in (" and ", " while ", "; "):
            c = text.find(cut, m.end(), stop)
            if c != -1:
                stop = min(stop, c)
        spans.append((m.start(), stop))
    return spans
