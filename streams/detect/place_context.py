"""Context spans of a sentence whose places are not targets: where the drones came from, the dateline, the speaker
and where they spoke, relative clauses, regions flown over, what a strike answered, what may come.

Why its own module: ``streams.detect.places`` decides which place names of a strike sentence were hit; these are
the parts of the sentence it never looks in, each a reading of the words around a place, not of the place.
"""

from __future__ import annotations

import re

from streams.detect.aircraft import launch_spans
from streams.detect.cues import AGENT, CLAUSE_SPLIT, OTHER, SAID, STRONG, VERB
from streams.detect.timing import FUTURE
from streams.detect.view import ArticleView, ground_weapon

__all__ = ["excluded_spans"]

_I = re.IGNORECASE

_LAUNCHED_FROM = re.compile(
    r"\b(?:launch(?:ed|es|ing)?|fired)\b[^.;:]{0,60}?\b(from\b[^,;.()]*?"
    # "the missiles were fired from over the Mediterranean, west of Baniyas": where they were fired from
    r"(?:,\s+(?:\w+\s+)?(?:north|south|east|west)\w*\s+of\s+[^,;.()]*?)?)"
    r"(?=\s+(?:on|at|against|into|towards?|targeting|hitting)\b|[,;.(]|$)",
    _I,
)
# "the village of Laman ..., close to the border with Pakistan's South Waziristan": the neighbour across the border
_BORDER_WITH = re.compile(
    r"(?i:\b(?:border|frontier)s? with\b)[^,;.()]*|"
    # "communities along the Sokoto border": the neighbouring state the border runs along
    r"\balong the [A-Z][\w'\u2019-]+(?: [A-Z][\w'\u2019-]+)? (?:border|frontier)\b"
)

# ", which ...", and ", from which rockets were fired toward the Kiryat Shmona area": a launch point's clause
_RELATIVE = re.compile(r", (?:which|who|whose|where|from which|from where) (?!was hit|were hit)", _I)

_SPOKE_IN = re.compile(
    r"\b(?:told|briefed) (?:reporters|journalists|the press|a (?:news|press) conference) in "
    r"([A-Z][\w'\u2019-]+(?: [A-Z][\w'\u2019-]+)?)|"
    r"\b(?:officials?|sources?|spokes(?:man|woman|person)|authorities|commanders?|diplomats?)(?: based)? in "
    r"([A-Z][\w'\u2019-]+(?: [A-Z][\w'\u2019-]+)?),? (?:speaking|who spoke|said|told|says)\b"
)
_LABEL_ONLY = re.compile(r"\s*(?:[A-Z][\w' -]{0,40}:)?\s*")
# what an air strike hits, named after other violence's weapons: "artillery positions", "rocket launchers"
_OTHER_AS_TARGET = re.compile(
    r"\b(?:artillery|mortars?|rockets?|howitzers?|tanks?|multiple[- ]rocket)(?: launch)? (?:positions?|pieces?|units?|"
    r"batter(?:y|ies)|emplacements?|launchers?|systems?|depots?|crews?|guns?)\b|\brocket launchers?\b|"
    # "struck a surface-to-surface missile launch array": the launcher is what the jets hit
    r"\b(?:(?:surface-to-surface|ballistic|cruise|anti-ship) )?missile (?:launch(?:ers?|ing sites?| arrays?| sites?|"
    r" pads?| positions?)|batter(?:y|ies)|sites?|depots?|stores?)\b",
    re.I,
)
_FAMILY = re.compile(r"\b([A-Z][\w'\u2019-]+(?: [A-Z][\w'\u2019-]+)?) (?:family|family's|clan|clan's|household)\b")
_DESTINATION = re.compile(
    r"\b(?:bound for|headed (?:to|for)|heading (?:to|for)|en route to|on (?:its|their|his|her) way to|"
    # "a bus at Gashena as it was leaving for Dessie"
    r"(?:leaving|departing|setting off|set off|left) for|"
    r"travell?ing to|(?:vehicles|buses|trucks|lorries|minibuses|convoys?|flights?|boats?) (?:to|for))\s+(?:the\s+)?"
    r"(?:(?:city|town|village|port) of\s+)?(?P<place>[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)?)"
)
# "flying over the occupied left bank of the Dnipro", "across the Dnipro river": a river, not the city
_RIVER = re.compile(
    r"\bbanks? of the (?P<a>[A-Z][\w'\u2019-]+)\b|\b(?:the|across) (?P<b>[A-Z][\w'\u2019-]+) [Rr]iver\b"
)
_RESPONSE_TO = re.compile(r"\b(?:in (?:response|retaliation|revenge|reprisal) (?:to|for)|to avenge)\b", _I)
_DOWNED_OVER = re.compile(
    r"\b(?:destroyed|downed|shot down|intercepted|neutrali[sz]ed|suppressed)\b[^.;]{0,60}?\b(?:drones|UAVs|"
    r"missiles|aircraft)\b[^.;]{0,40}?\bover\b",
    _I,
)


def excluded_spans(view: ArticleView, idx: int) -> list[tuple[int, int]]:
    """Relative spans of sentence ``idx`` whose places are not targets."""
    text = view.sentence_text(idx)
    s0, _ = view.sentences[idx]
    spans = list(launch_spans(view, idx))
    # "Russia launched 31 Shahed-type drones overnight from the Primorsko-Akhtarsk airfield in Russia's Krasnodar
    # region": where they came from (no base of their own unless named as one), up to what they were launched at
    for m in _LAUNCHED_FROM.finditer(text):
        verb = VERB.search(text, m.start(1), m.end(1))  # "drones launched from Iranian territory struck a house"
        spans.append((m.start(1), verb.start() if verb else m.end(1)))
    if s0 < view.dateline_end:
        spans.append((0, view.dateline_end - s0))
    for m in _RELATIVE.finditer(text):
        end = text.find(",", m.end())
        end2 = text.find(".", m.end())
        stops = [x for x in (end, end2) if x != -1]
        spans.append((m.start(), min(stops) if stops else len(text)))
    # the speaker: "Officials in Iraq's Kurdistan region said", "Syria's state news agency SANA said"
    for m in SAID.finditer(text):
        spans.append((m.start(1), m.end(1)))
    # where the speaker spoke: "told reporters in Kabul", "security officials in Peshawar, speaking on condition"
    for m in _SPOKE_IN.finditer(text):
        g = 1 if m.group(1) else 2
        spans.append((m.start(g), m.end(g)))
    # "air defences had destroyed 41 Ukrainian drones overnight over seven regions, including Bryansk, Kursk and
    # Tula": regions flown over, where drones were downed, are not targets
    for m in _DOWNED_OVER.finditer(text):
        stop = text.find(".", m.end())
        spans.append((m.end(), stop if stop != -1 else len(text)))
    # "... struck HTS headquarters in the Idlib countryside, in response to what it called terrorist attacks on army
    # positions in the Latakia countryside": the provocation's places are not the strike's ("In retaliation for
    # the attack on X, jets struck Y": up to the comma)
    for m in _RESPONSE_TO.finditer(text):
        comma = text.find(",", m.end())
        opening = _LABEL_ONLY.fullmatch(text, 0, m.start()) is not None  # "Coalition: In response to the threat, ..."
        # "In support of ..., and in response to the enemy's attacks on our villages, the fighters launched ...":
        # the main clause after the comma is the strike
        main_after = comma != -1 and VERB.search(text, comma) is not None
        end = comma if (opening or main_after) and comma != -1 else len(text)
        spans.append((m.start(), end))
    for m in _BORDER_WITH.finditer(text):
        spans.append(m.span())
    for m in _RIVER.finditer(text):
        river = "a" if m.group("a") else "b"
        spans.append((m.start(river), m.end(river)))
    # "the rubble of the Hamdan family home": a family's or a clan's name, not a place
    for m in _FAMILY.finditer(text):
        spans.append((m.start(1), m.end(1)))
    # "a bus and several trucks bound for Gao", "waiting for vehicles to Gao": where the people hit were going
    for m in _DESTINATION.finditer(text):
        spans.append((m.start("place"), m.end("place")))
    # "... as Israel prepared for an offensive in Rafah": a clause about what may come, not what was hit;
    # "shelling Armenian positions in the direction of Goris with artillery ..., while in the direction of Jermuk
    # attack UAVs struck": a clause about the shelling, beside the one about the strike
    clauses = _clauses(text)
    air = [bool(STRONG.search(text[a:b]) or AGENT.search(text[a:b])) for a, b in clauses]
    # "after Cambodian forces fired BM-21 rockets into civilian areas of Si Sa Ket": a ground weapon's clause
    as_target = [m.span() for m in _OTHER_AS_TARGET.finditer(text)]
    ground = [
        e.start - s0
        for e in view.ents(idx, "MUNITION")
        if ground_weapon(e) and not any(a <= e.start - s0 < b for a, b in as_target)
    ]
    for (a, b), is_air in zip(clauses, air, strict=True):
        clause = text[a:b]
        future = FUTURE.search(clause) and not STRONG.search(clause) and not VERB.search(clause)
        # (but "hitting a support base and artillery positions in Preah Vihear" names what the jets hit)
        other = (
            OTHER.search(_OTHER_AS_TARGET.sub(" ", clause))
            or any(a <= g < b for g in ground)
            # "..., and ground troops located weapons in central Gaza": what the ground forces did, beside the jets
            or _GROUND_FORCES.search(clause)
        )
        if future or (other and not is_air and any(air)):
            spans.append((a, b))
    return spans


_GROUND_FORCES = re.compile(r"\b(?:ground (?:troops|forces|units)|infantry|ground operations?)\b", re.I)


def _clauses(text: str) -> list[tuple[int, int]]:
    """The sentence's clauses (``CLAUSE_SPLIT``), as (start, end) offsets."""
    out, pos = [], 0
    for cut in CLAUSE_SPLIT.finditer(text):
        out.append((pos, cut.start()))
        pos = cut.end()
    out.append((pos, len(text)))
    return out
