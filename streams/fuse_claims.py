"""Claims in incidents: who gives a figure (``claimant_key``), each claimant's figures over time, the toll range.

Why apart from the fusion state machine (``streams.fuse``): claimant identity is vocabulary and normalisation
("the head of the city military administration, Ihor Savchuk" = "city military administration"; "the health
ministry's emergency operations centre" = "health ministry"), tuned on the toll figures of the incident sets,
while the matcher and the state bounds change for other reasons.

Tolls: a claimant's figure is the claim's ``count_min``; a claim without a claimant counts as the outlet's own
figure. The range is over each claimant's latest figure; names that share a distinctive word are one source.
"""

from __future__ import annotations

import re
from functools import lru_cache

from schemas import StrikeEvent
from schemas.incidents import ClaimHistory, ClaimPoint, Status
from streams.geo import Gazetteer


def ts(published: str | None) -> str:
    """A timestamp's sort key (missing sorts first)."""
    return published or ""

_CLAIMANT_NOISE = re.compile(
    r"^(?:the|a|an)\s+|\s*\([^)]*\)|\s+(?:in|of|for)\s+[A-Z][\w\-' ]+$|\s+(?:media\s+(?:centre|center|office)|"
    r"spokes(?:man|woman|person))$",
    re.I,
)

# "a spokesman for the Arakan Army", "the Arakan Army's information department", "the head of the city
# military administration", "an official of the opposition National Unity Government": a voice of an organisation is
# that organisation
_VOICE_OF = re.compile(
    r"^(?:the |a |an )?(?:spokes(?:man|woman|person)|information department|media (?:office|centre|center)|"
    r"press (?:office|service)|head|chief|chairman|leader|members?|officials?|representatives?)\s+(?:for|of|from)\s+"
    r"(?P<org>.+)$",
    re.I,
)
_ORG_VOICE = re.compile(
    r"^(?P<org>.+?)(?:'s|\u2019s)\s+(?:spokes(?:man|woman|person)|information department|"
    r"media (?:office|centre|center)|press (?:office|service)|(?:emergency )?operations? (?:centre|center|room))$",
    re.I,
)
# "Samara region governor Andrei Kolesov", "the head of the administration, Ihor Savchuk": a role with its holder's
# name is the role
_ROLE_NAME = re.compile(
    r"^(?P<role>.*\b(?i:governor|mayor|spokes(?:man|woman|person)|head|minister|commander|chief|director|leader|"
    r"chairman|administration|official))(?:,?\s+[A-Z][\w'\u2019.-]+(?:\s+[A-Z][\w'\u2019.-]+){0,2},?)$"
)
_MINISTRY_OF = re.compile(
    r"\bministry of (?:national |public )?(?P<field>health|defen[cs]e|interior|information)\b", re.I
)
_CLAIMANT_QUALIFIER = re.compile(
    r"^(?:[A-Z][\w\-]*(?:'s|\u2019s)|regional|region|region's|provincial|province's|local|city's|town's|"
    r"village's|district's|oblast's|state)"
    r"\s+(?=\w)"
)


_REGIONAL_AUTHORITY = re.compile(r"\bregional (?:authorities|government)\b", re.I)


@lru_cache(maxsize=2048)
def claimant_key(claimed_by: str | None) -> str | None:
    """A claimant's name without articles, parentheses, datelines and trailing places ("the Health Ministry
    in Sanaa" -> "health ministry")."""
    if not claimed_by:
        return None
    name = re.split(r"\u2014| - ", claimed_by)[-1].strip()
    name = re.sub(r"\s+(?:that|which|who|whose)\s.*$", "", name)  # "the rescue team that worked at the site"
    name = _MINISTRY_OF.sub(lambda m: f"{m['field']} ministry", name)
    name = _ROLE_NAME.sub(lambda m: m["role"], name)
    for voice in (_VOICE_OF, _ORG_VOICE):
        name = voice.sub(lambda m: m["org"], name)
    prev = None
    while prev != name:
        prev = name
        name = _CLAIMANT_NOISE.sub("", name).strip()
        # "Lebanon's health ministry", "the Lebanese health ministry", "the regional governor": one incident
        # has one country, so the place or demonym before a role adds nothing but spellings
        name = _CLAIMANT_QUALIFIER.sub("", name).strip()
        words = name.split(None, 1)
        if len(words) == 2 and words[0][:1].isupper() and words[1][:1].islower() and _is_country_word(words[0]):
            name = words[1]
        name = _strip_place(name)
    key = name.lower()
    if key in ("authorities", "government") and _REGIONAL_AUTHORITY.search(claimed_by):
        # "the regional authorities": the region's governor and his office (``_aliases``), not a city's
        key = "regional " + key
    return key or None


def _strip_place(name: str) -> str:
    """"Kherson regional military administration" -> "regional military administration": a place before a
    lower-case role is the role's seat, which one incident's reports name or drop at will."""
    m = re.match(r"((?:[A-Z][\w'\u2019-]*\s+){1,3})(?=[a-z])", name)
    if not m:
        return name
    lead = m.group(1).strip()
    found = Gazetteer.load().find(lead)
    if found and found[0].start == 0 and found[-1].end == len(lead):
        return name[m.end():]
    return name


def _is_country_word(word: str) -> bool:
    """The whole word names a country or its people ("Lebanese", "Gaza's"), not a compound ("Houthi-run")."""
    return any(start == 0 and end == len(word) for start, end, _ in Gazetteer.load().country_of(word))


def add_claims(claims: list[ClaimHistory], event: StrikeEvent) -> list[ClaimHistory]:
    latest: dict[tuple[str, Status], int] = {}
    outlet = "outlet:" + (event.source or event.article_id)
    for c in event.casualties:
        if c.count_min is None:
            continue
        who = claimant_key(c.claimed_by)
        key = (who or outlet, c.status)
        # a named claimant's figures in one report: its highest (a breakdown is lower); the outlet's own
        # unattributed figures: the conservative reading, the event's killed_min when it has one
        pick = max if who else min
        latest[key] = pick(latest.get(key, c.count_min), c.count_min)
    if (outlet, "killed") in latest and event.killed_min is not None:
        # (ACLED's conservative "dozens" is 12; the outlet said at least 24)
        vague = max(
            (c.count_min or 0 for c in event.casualties
             if c.status == "killed" and c.count_max is None and claimant_key(c.claimed_by) is None),
            default=0,
        )
        latest[(outlet, "killed")] = max(event.killed_min, vague)
    if event.killed_min == 0 and not any(s == "killed" for _, s in latest):
        latest[(outlet, "killed")] = 0
    by_key = {(h.claimant, h.status): h for h in claims}
    for (who, status), figure in latest.items():
        point = ClaimPoint(at=event.published, figure=figure, article_id=event.article_id)
        old = by_key.get((who, status))
        history = [p for p in (old.history if old else []) if p.article_id != event.article_id] + [point]
        history.sort(key=lambda p: (ts(p.at), p.article_id))
        by_key[(who, status)] = ClaimHistory(claimant=who, status=status, history=history)
    return sorted(by_key.values(), key=lambda h: (h.status, h.claimant))


# role words that many claimants share: "health ministry" and "defence ministry" are two sources
_GENERIC_CLAIMANT_WORDS = frozenset(
    "ministry government official officials source sources military army committee council administration "
    "authorities authority office group team spokesman spokesperson spokeswoman police regional local city state "
    "district provincial township national the of and for in on at said officer officers commander chief head "
    "director spokesmen headquarters operational governorate "
    # words many unrelated bodies share: "the Rapid Support Forces' civilian administration" and "the Sudan Civilian
    # Harm Monitor" are two sources
    "civilian civilians forces human rights media news agency press wing "
    # "residents of Runka" and "two residents and a local official" of the next district are two accounts
    "residents resident witnesses villagers locals".split()
)
# the institution a role-only name stands for: "the district police officer" and "police" are one source. The
# civil authority is one institution however it is styled: "the regional military administration", "the
# authorities", "the operational headquarters" of a region, "the regional government" (a military
# administration is Ukraine's civil authority, so "administration" outranks "military")
_INSTITUTION_CLASSES = (
    ("civil", frozenset("administration authorities authority government headquarters governorate".split())),
    ("police", frozenset({"police"})),
    ("military", frozenset({"military", "army"})),
    ("ministry", frozenset({"ministry"})),
    ("committee", frozenset({"committee"})),
    ("council", frozenset({"council"})),
)
_INSTITUTION_WORDS = frozenset().union(*(words for _, words in _INSTITUTION_CLASSES))


def _aliases(key: str) -> frozenset[str]:
    """The distinctive words of a claimant key ("en nahud resistance committee" -> {en, nahud, resistance})."""
    if key.startswith("outlet:"):
        return _outlet_aliases(key[len("outlet:"):])
    words = re.findall(r"[a-z][a-z'\-]+", key)
    distinctive = frozenset(w for w in words if w not in _GENERIC_CLAIMANT_WORDS)
    if distinctive:
        return distinctive
    # a role-only name is known by its institution: "district police officer" ~ "police", not ~ "army"
    present = set(words)
    for name, members in _INSTITUTION_CLASSES:
        if present & members:
            # (a Ukrainian military administration is headed by the region's governor: one source)
            tier = sorted(present & _LOWER_TIERS) if name == "civil" else []
            if tier:
                return frozenset({f"={name}:{tier[0]}"})  # a city's administration is not the region's
            region = present >= _REGION_ADMINISTRATION or "regional" in present
            return frozenset({"=" + name} | ({"governor"} if region else set()))
    return frozenset()


# a Ukrainian region's military administration is headed by its governor: "the regional governor" and "the regional
# military administration" are one source (a district's or a city's administration is another)
_REGION_ADMINISTRATION = frozenset({"military", "administration"})
_LOWER_TIERS = frozenset({"district", "city", "town", "village", "settlement", "community", "raion", "municipal"})


# an institution's own channel, not a news outlet: "Belgorod Region Governor (Telegram)", "Civil Defence in Gaza"
_INSTITUTION_NAME = re.compile(
    r"\b(?:governor|administration|ministry|civil defen[cs]e|police|army|armed forces|military|government|office|"
    r"committee|council|hospital|general staff|front|forces|command|authority|authorities|mayor)\b",
    re.I,
)


@lru_cache(maxsize=1024)
def _outlet_aliases(name: str) -> frozenset[str]:
    """The words an institution's own channel is known by ("Belgorod Region Governor (Telegram)" ~ "the governor",
    "White Nile State Government (statement)" ~ "a government official"): its name but the places in it, which
    one incident's reports name or drop at will. A news outlet's name ("Gyrfalcon Wire") is no claimant's."""
    if not _INSTITUTION_NAME.search(name):
        return frozenset()
    base = re.sub(r"\s*\([^)]*\)", "", name)
    for m in reversed(Gazetteer.load().find(base)):
        base = base[: m.start] + base[m.end :]
    key = claimant_key(" ".join(base.split()))
    return _aliases(key) if key else frozenset()


def _latest_by_source(claims: list[ClaimHistory], status: str) -> list[int]:
    """Each source's latest figure. Names that share a distinctive word are one source told two ways ("the En
    Nahud resistance committee" then "the resistance committee"; "a relief group" and "the Falam township
    emergency relief committee"): the later figure overtakes the earlier, as one claimant's update would."""
    groups: list[tuple[set[str], list[ClaimPoint]]] = []
    for h in claims:
        if h.status != status or not h.history:
            continue
        words = set(_aliases(h.claimant))
        hits = [g for g in groups if words and g[0] & words]
        points = list(h.history)
        for g in hits:
            words |= g[0]
            points += g[1]
            groups.remove(g)
        groups.append((words, points))
    out = []
    for _, points in groups:
        last = max(ts(p.at) for p in points)
        out.append(max(p.figure for p in points if ts(p.at) == last))
    return out


def toll_range(claims: list[ClaimHistory], status: str) -> tuple[int | None, int | None]:
    figures = _latest_by_source(claims, status)
    if any(figures):
        # "no one was killed" in a first report is overtaken by any later death; a denial is no claim
        figures = [f for f in figures if f]
    return (min(figures), max(figures)) if figures else (None, None)


__all__ = ["add_claims", "claimant_key", "toll_range", "ts"]
