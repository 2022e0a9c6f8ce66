"""Casualty claims of one event: repeated figures merged, subsets dropped, the ACLED-style ``killed_min``.

Why apart from ``streams.casualties``: that module reads claims out of one sentence; what an event's claims add
up to (the same figure said twice, "a child was among the dead", a toll update, different victims by different
sources) is a question about the event, answered here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from streams.casualties import Claim
from streams.detect.grouping import Event

#: a claim of an event: the claim, who made it, the index of its sentence
EventClaim = tuple[Claim, str | None, int]


def dedupe_claims(claims: list[EventClaim]) -> list[EventClaim]:
    """The same figure repeated in one event ("killing four ... 4 fatalities") is one claim; "a child was among
    the dead" is part of a total given elsewhere in the event, a claim of its own only when there is none."""
    out: list[EventClaim] = []
    seen: dict[tuple[str, int | None, int | None], list[str | None]] = {}
    totals = [(c.status, who) for c, who, _ in claims if not c.subset]
    for c, who, idx in claims:
        # a part of a total said by the same source (or by none): "two camel herders were among those killed",
        # said by elders against the army's "three fighters", is the elders' own figure
        if c.subset and any(s == c.status and _same_source(w, who) for s, w in totals):
            continue
        # "one of the dead was a member of the group", "two of the dead were PKK members and the third was the
        # driver" (of three): people described, not another source's tally ("three of the dead were herders",
        # said by elders against the army's 14 fighters, is the elders' own figure)
        if c.subset and (c.count_max == 1 or c.breakdown) and _N_OF_THE_DEAD.match(c.text) and any(
            o.status == c.status and not o.subset and (c.count_max == 1 or (o.count_min or 0) >= (c.count_max or 0))
            for o, _, _ in claims
        ):
            continue
        key = (c.status, c.count_min, c.count_max)
        if c.count_min is None and c.count_max is None and who is not None and any(
            (o.status, o.count_min, o.count_max) == key and w is not None and i != idx and _same_source(w, who)
            for o, w, i in out
        ):
            # "the air force ... 'neutralised scores of bandits'" and, in the write-up's harm list, "air force:
            # 'scores' of bandits neutralised": one source's vague figure said twice (in one sentence, "several
            # fighters and several civilians" stay two)
            continue
        # the same figure from another named source is a claim of its own ("three people inside, relatives said
        # ... the Asayish put the toll at three"): an independent confirmation, per source
        repeated = any(_same_source(w, who) or _summary(w) or _summary(who) for w in seen.get(key, ()))
        if repeated and (c.count_min is not None or c.count_max is not None):
            if c.update:
                # "killing nine ... the toll had risen to nine": the figure is the update, whatever came between
                out = [(replace(o, update=True), w, i) if (o.status, o.count_min, o.count_max) == key else (o, w, i)
                       for o, w, i in out]
            continue
        seen.setdefault(key, []).append(who)
        out.append((c, who, idx))
    return out


_N_OF_THE_DEAD = re.compile(
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+) of (?:the|those) (?:dead|killed)\b", re.IGNORECASE
)


def _same_source(a: str | None, b: str | None) -> bool:
    """Two claimant names that may be one source: either unnamed, or sharing a word ("Lebanon's health ministry"
    and "the ministry"; "SNCM field researchers" and "the Syrian Network ... (SNCM)"; "Elders in central
    Somalia" and "US Africa Command" differ)."""
    if a is None or b is None:
        return True
    return bool(_words(a) & _words(b)) or _acronym_of(a, b) or _acronym_of(b, a)


def _acronym_of(short: str, full: str) -> bool:
    """"The SDF" and "the Kurdish-led Syrian Democratic Forces": an acronym of one name spells the initials of a
    run of the other's capitalised words."""
    initials = "".join(w[0] for w in re.findall(r"\b[A-Z][\w'\-]*", full) if not w.isupper())
    return any(len(a) >= 2 and a in initials for a in re.findall(r"\b[A-Z]{2,6}\b", short))


# "Ukrainian officials", "local authorities": a lede's summary of whichever official the body quotes
# ("the regional government" in a lede, the head of the region quoted in the body)
_GENERIC_CLAIMANT = re.compile(
    r"(?:the\s+)?(?:[A-Z][a-z]+\s+)?(?:local\s+|regional\s+)?(?:officials|authorities)|an?\s+local\s+official|"
    r"(?:the\s+)?(?:regional|local|provincial|state)\s+government"
)


def _summary(name: str | None) -> bool:
    """A claimant named only as "officials" or "authorities": the same figure from a named official is a repeat."""
    return name is not None and _GENERIC_CLAIMANT.fullmatch(name) is not None


_NOT_NAME_WORDS = frozenset("the a an of in for at and on local said its their his her".split())


def _words(name: str) -> set[str]:
    """A name's words, cut to their first five letters: "elders" and "one elder", "rescuers" and "Rescue workers",
    "the ministry" and "the health minister" share one."""
    return {w[:5] for w in re.findall(r"[a-z][a-z'\-]+", name.lower()) if w not in _NOT_NAME_WORDS}


# "Drone strikes killed five people in two areas", "attacked three districts ..., killing five": a roundup's sum
_ROUNDUP_TOTAL = re.compile(
    r"\b(?:in|across|on|of|attacked|struck|hit|targeted) (?:two|three|four|five|six|several|\d+) "
    r"(?:separate |different )?(?:areas|districts|regions|provinces|towns|cities|villages|communities|locations|"
    r"places|oblasts|governorates|states|attacks|strikes)\b",
    re.IGNORECASE,
)


def drop_roundup_totals(events: list[Event], sentence_text: Callable[[int], str]) -> None:
    """In an article of several strikes, a killed or wounded figure said of all of them together ("Russia attacked
    three districts ..., killing five people in total") is no claim about any one strike."""
    if len(events) < 2:
        return
    for e in events:
        e.claims = [(c, w, i) for c, w, i in e.claims if not _ROUNDUP_TOTAL.search(sentence_text(i))]
    # "Israeli drone strikes killed four people in southern Lebanon and southwestern Syria" over two and two: the
    # lead's figure, grouped with the first strike, is the sum of the strikes' own figures
    for e in events:
        for c, _, i in list(e.claims):
            if c.subset or c.count_min is None or not _TWO_LANDS.search(sentence_text(i)):
                continue
            total = 0
            for o in events:
                figures = [x.count_min for x, _, j in o.claims if j != i and not x.subset and x.status == c.status]
                total += max((f for f in figures if f is not None), default=0)
            if total == c.count_min:
                e.claims = [x for x in e.claims if x[0] is not c]


# "in southern Lebanon and southwestern Syria", "in Kharkiv and Sumy regions": a figure said of two lands at once
_TWO_LANDS = re.compile(
    r"\bin (?:the )?(?:(?:north|south|east|west|central|occupied)[\w-]* )?[A-Z][\w'-]+(?: [A-Z][\w'-]+)? and "
    r"(?:the )?(?:(?:north|south|east|west|central|occupied)[\w-]* )?[A-Z][\w'-]+\b"
)


def drop_summed_leads(events: list[Event]) -> None:
    """An unplaced lead whose figure is the sum of the placed strikes told after it ("Israeli drone strikes killed
    five people in eastern Lebanon and the occupied West Bank on Friday" over two and three) counts them again:
    its figure is dropped (and the lead, now bare, goes with it)."""
    placed = [e for e in events if e.provinces]
    if len(placed) < 2:
        return
    for e in events:
        if e.provinces or e.places or not e.claims:
            continue
        others = [o for o in placed if o is not e]
        sums: dict[str, int] = {}
        for o in others:
            figures: dict[str, int] = {}
            for c, _, _ in o.claims:
                if not c.subset and c.count_min is not None:
                    figures[c.status] = max(figures.get(c.status, 0), c.count_min)
            for status, n in figures.items():
                sums[status] = sums.get(status, 0) + n
        if all(c.count_min is not None and c.count_min == sums.get(c.status) for c, _, _ in e.claims):
            e.claims = []


# "In total, over the past day the Russians killed 5 residents of Donetsk oblast: 3 in Kostiantynivka, ...",
# "Another 11 people were injured across the region": a tally over an area, not this strike's toll
# (but "In total, 41 people were wounded in the attack" and "Nine people were injured in total" are the strike's own)
_AREA_TOTAL = re.compile(
    r"\bin (?:total|all)\b[^.;]{0,40}\bover the (?:past|last) (?:day|24 hours|week)\b|"
    r"\bover the (?:past|last) (?:day|24 hours|week)\b[^.;]{0,40}\bin (?:total|all)\b|"
    r"\b(?:across|throughout) the (?:whole |entire )?(?:region|oblast|province|governorate|state|country)\b",
    re.IGNORECASE,
)


def drop_area_totals(events: list[Event], sentence_text: Callable[[int], str]) -> None:
    """An event's figure said of a whole region or day is dropped when the event has figures of its own."""
    for e in events:
        totals = [i for _, _, i in e.claims if _AREA_TOTAL.search(sentence_text(i))]
        if totals and len(totals) < len(e.claims):
            e.claims = [(c, w, i) for c, w, i in e.claims if i not in totals]


def drop_cross_event_repeats(events: list[Event]) -> None:
    """A figure an earlier event of the same place (or any earlier event, for an event with no place) already has
    is a repeat ("a strike on Kosti killed four people ... In Kosti, four people were killed"), not a second
    claim."""
    for n, later in enumerate(events):
        # "Turkey's defence ministry said separately that 2 PKK terrorists were neutralised in northern Iraq,
        # without giving a location": an event with no province of its own repeats any earlier figure
        earlier = [e for e in events[:n] if set(e.provinces) & set(later.provinces) or not later.provinces]
        if not earlier:
            continue
        # (not a part of an earlier total: "rose to four after a woman died" says nothing of "killing one person"
        # in a separate attack)
        keys = {(c.status, c.count_min, c.count_max) for e in earlier for c, _, _ in e.claims if not c.subset}
        totals = [(c.status, w) for e in earlier for c, w, _ in e.claims if not c.subset and w is not None]
        later.claims = [
            (c, w, i) for c, w, i in later.claims
            if ((c.status, c.count_min, c.count_max) not in keys or (c.count_min is None and c.count_max is None))
            # "..., according to the rescue team, which said one of the wounded had died overnight": a part of
            # the total the same source gave the earlier event
            and not (c.subset and w is not None and any(st == c.status and _same_source(tw, w) for st, tw in totals))
        ]


# a person speaking (for a body the copy named before): "the spokesman said six died on the spot", "the head of the
# regional administration said in the early morning that two had been killed" tell the story's earlier figures
_PERSON_VOICE = re.compile(
    r"(?:the |a |an )?(?:\w+ )?(?:spokes(?:man|woman|person)|head|chief|governor|mayor|minister|commander|he|she)\b",
    re.I,
)


def killed_min(claims: list[EventClaim]) -> int | None:
    """ACLED-style lowest credible killed total of one event.

    Claims that share a verb add up ("seven fighters and two civilians were killed"); a later toll update
    replaces what came before; otherwise separate statements about the strike are alternatives and the
    lowest wins, unless they are about different victims (fighters by one source, soldiers by another), which
    add up as ACLED counts all sides.
    """
    killed = [(c, who, idx) for c, who, idx in claims if c.status == "killed" and c.acled_min is not None]
    if not killed:
        return None
    updates = [(c.acled_min, who, idx) for c, who, idx in killed if c.update and c.acled_min is not None]
    if updates:
        top = max(n for n, _, _ in updates)
        # "... rose to 19, the ministry said. A local monitoring group put the toll at at least 11.": another
        # source's own figure, told after the update, is a rival account the update does not replace
        last = max(idx for _, _, idx in updates)
        rivals = [
            c.acled_min for c, who, idx in killed
            if not c.update and not c.subset and idx > last and c.acled_min is not None and who is not None
            and not _PERSON_VOICE.match(who) and not any(_same_source(who, w) for _, w, _ in updates)
        ]
        return min([top, *rivals])
    units: dict[tuple[int, int], tuple[int, set[str], str | None]] = {}
    for c, who, idx in killed:
        total, victims, _ = units.get((idx, c.group), (0, set(), who))
        units[(idx, c.group)] = (total + (c.acled_min or 0), victims | {c.victims or "people"}, who)
    ordered = [units[k] for k in sorted(units)]
    result, seen, first_who = ordered[0]
    seen = set(seen)
    for total, vs, who in ordered[1:]:
        # residents' "six civilians" against the government's "14 militants" are rival accounts of one toll
        one_source = (who is None and first_who is None) or (
            who is not None and first_who is not None and _same_source(who, first_who)
        )
        if "people" not in vs and "people" not in seen and not vs & seen and one_source:
            result += total
            seen |= vs
        else:
            result = min(result, total)
    return result

