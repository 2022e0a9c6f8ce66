"""Sentence classification: what kind of violence each sentence of an article reports, and whether as news.

Why rules, and why here: the product must tell an air or drone strike from shelling, ground- or ship-launched
missiles, bombings, IEDs, labour strikes and strikes mentioned only as background. ``classify`` weighs the cues
of ``streams.detect.cues`` (strong words such as "airstrike", an air agent near an attack verb, a generic "the
strike" right after a strike) and the time rules of ``streams.detect.timing``, and returns one ``SentenceInfo``
per sentence; grouping them into events is ``streams.detect.grouping``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from streams import lexicon
from streams.casualties import Claim, explicit_zero, parse_claims
from streams.detect.cues import (
    AGENT,
    AGENT_EXCLUDE,
    AIR_SUPPORT,
    ALL_DOWNED,
    ATTACK_DRONE,
    DAMAGE,
    DEBRIS,
    DROP,
    DURING_CLASH,
    FORCE_BOMBED,
    GENERIC,
    GENERIC_STRONG,
    MISSILE,
    NAVAL,
    NONCOMBAT,
    OPINION,
    OPINION_TITLE,
    OTHER,
    RANGE,
    RECON_ONLY,
    RELATIVE_ASIDE,
    SECONDARY,
    SEND,
    STRONG,
    STRONG_EXCLUDE,
    SUBORDINATE,
    TOLL_OF_STRIKE,
    VERB,
    VERB_EXCLUDE,
    VETO,
    VICTIM_AIR,
    agent_is_object,
    agent_is_victim,
    blank,
    clause_bounds,
    strike_forms,
    time_reference,
)
from streams.detect.forms import form_header
from streams.detect.interceptions import DOWNED_ALL, NO_HIT, debris_of_the_downed, hit_nothing, launch_all_downed
from streams.detect.kinds import SentenceInfo, SentenceKind
from streams.detect.timing import (
    AGGREGATE,
    CONCRETE_TIME,
    DATE,
    FULL_DATE,
    YEARS_AGO,
    dated_weeks_before,
    denied,
    is_background,
    long_ago,
    modal,
)
from streams.detect.view import ArticleView
from streams.eventdate import resolve_event_date

Trigger = tuple[int, int, float]  # relative start, end, weight


@dataclass
class _Scan:
    """What the pass over an article's sentences has seen so far."""

    opinion: bool  # an opinion piece: its strikes are never news
    last_strike: int = -10  # index of the last strike sentence that counts (0 when the title reports one)
    last_other: int = -10  # index of the last sentence about other violence
    air_missiles: bool | None = None  # whether missiles here come from the air; decided when first needed


def classify(view: ArticleView) -> list[SentenceInfo]:
    """One ``SentenceInfo`` per sentence of the article."""
    scan = _Scan(opinion=_is_opinion(view))
    if _title_reports_strike(view, scan.opinion):
        # "Drone strike kills five in Mir Ali" over a body that says only "the strike": the lede continues it
        scan.last_strike = 0
    infos: list[SentenceInfo] = []
    for idx in range(len(view.sentences)):
        infos.append(_classify_sentence(view, idx, infos, scan))
    _generic_lede(view, infos, scan.opinion)
    _require_concrete(view, infos)
    _definite_details(view, infos)
    _stale_aside(view, infos)
    _denied_rumour(view, infos)
    hit_nothing(view, infos)
    return infos


# "Videos circulating on social media claimed to show a drone strike on a building": a strike only said to be seen
_RUMOUR = re.compile(
    r"\b(?:claimed|claiming|purported|purporting|appeared|appearing|said) to show\b|\brumou?rs? (?:of|that)\b|"
    r"\bunverified (?:videos?|footage|reports?|claims?)\b",
    re.I,
)
# "initial reports that drones had dropped bombs on the village were found to be incorrect": a strike told only as
# the rumour a finding corrects
_DEBUNKED = re.compile(
    r"\b(?:reports?|claims?|accounts?|rumou?rs?) (?:that|of)\b[^.;]{0,120}?\b(?:were|was|had been|have been|"
    r"has been|proved|proven|turned out)\s+(?:found\s+|shown\s+)?(?:to be\s+)?(?:incorrect|false|untrue|unfounded|"
    r"baseless|wrong|inaccurate|mistaken)\b",
    re.I,
)
# "the explosion was caused by an RPG round", "no aircraft took part in the clashes": the article rules the air out
_AIR_DENIAL = re.compile(
    r"\bno (?:aircraft|drones?|warplanes?|jets?|air ?strikes?|air power) (?:took part|was used|were used|"
    r"(?:was|were) involved|(?:was|were) in the air)\b|"
    r"\bnot (?:an? )?(?:air ?strike|drone (?:strike|attack)|air (?:raid|attack))\b|"
    r"\b(?:was|were) caused by (?:an? )?(?:RPG|rocket-propelled grenade|artillery|mortar|shell|IED|gas|fuel|"
    r"explosive device|car bomb|landmine|mine)\b",
    re.I,
)


# "we now attribute it to 152mm artillery fire, and the entry has been reclassified": a monitor's correction
_RECLASSIFIED = re.compile(
    r"\b(?:now )?attribut\w+ (?:it|the attack|the blast|the strike|the explosion|the damage) to (?:\d+ ?mm )?"
    r"(?:artillery|mortar|shell\w*|rockets?|MLRS|an? IED|a (?:land)?mine|ground fire)\b|"
    r"\b(?:has been|was|were|have been) reclassified\b",
    re.I,
)
def _denied_rumour(view: ArticleView, infos: list[SentenceInfo]) -> None:
    """A strike only said to be seen (a video "claimed to show" it) is no report when the article rules out the air
    ("the interior ministry said the explosion was caused by an RPG round and that no aircraft took part"); no strike
    is a report when a monitor reclassifies the attack as artillery, or when every drone was downed and nothing was
    hit."""
    debunked = _DEBUNKED.search(view.text) is not None
    air_ruled_out = debunked or _AIR_DENIAL.search(view.text) is not None
    nothing_struck = bool(_RECLASSIFIED.search(view.text)) or (
        bool(DOWNED_ALL.search(view.text) or ALL_DOWNED.search(view.text)) and bool(NO_HIT.search(view.text))
    )
    if not (air_ruled_out or nothing_struck):
        return
    for idx, info in enumerate(infos):
        if info.kind != SentenceKind.STRIKE or not info.current:
            continue
        text = view.sentence_text(idx)
        if nothing_struck or _RUMOUR.search(text) or (debunked and _DEBUNKED.search(text)):
            info.current, info.recalled = False, True


#: A strike named this many days or more before publication, late in a story that leads with something else, is
#: a recall ("Loadings at Tuapse resumed on Tuesday ... The port was hit during a drone attack early on Saturday.")
STALE_DAYS = 3


def _stale_aside(view: ArticleView, infos: list[SentenceInfo]) -> None:
    first = next((i for i, info in enumerate(infos) if info.kind == SentenceKind.STRIKE and info.current), None)
    if first is None or first < 2 or view.published is None:
        return
    info = infos[first]
    if info.claims or info.continuation:
        return
    day = resolve_event_date([view.sentence_text(first)], view.article.published)
    if day is not None and (view.published - day).days >= STALE_DAYS:
        info.current, info.recalled = False, True


def _is_opinion(view: ArticleView) -> bool:
    title = view.article.title
    return bool(OPINION.search(view.text)) or bool(title and OPINION_TITLE.match(title))


def _title_reports_strike(view: ArticleView, opinion: bool) -> bool:
    title = view.article.title or ""
    strong = STRONG.search(blank(STRONG_EXCLUDE, title)) or _TITLE_HIT.search(title)
    if strong is None or opinion:
        return False
    return not is_background(view.published, title, strong.start(), strong.end())


# a headline's aircraft or drone and its present-tense verb: "Two bakers killed as drone hits bakery on Myru Street",
# "Jets pound market in Maiwut", "Shahed slams into dormitory"
_TITLE_HIT = re.compile(
    r"\b(?:drones?|shaheds?|gerans?|uavs?|jets?|warplanes?|helicopters?|gunships?|bombers?)['\u2019]? "
    r"(?:hits?|strikes?|bombs?|pounds?|kills?|destroys?|slams? into|crashes into|smashes into|falls? on)\b",
    re.I,
)


def _classify_sentence(view: ArticleView, idx: int, infos: list[SentenceInfo], scan: _Scan) -> SentenceInfo:
    """The ``SentenceInfo`` of sentence ``idx``, given those before it (``infos``) and the scan state."""
    s0, _ = view.sentences[idx]
    text = view.sentence_text(idx)
    info = SentenceInfo()
    # conflict-wide totals ("528 people have been killed since the war began") are not claims about a strike
    info.claims = _specific_claims(text, s0)
    info.zero = explicit_zero(text)
    triggers = _strike_triggers(view, idx, text)
    # "A spokesman for the Fano militia, which has been fighting federal forces since 2023, said": the aside
    # describes the speaker, not what happened
    other = bool(OTHER.search(blank(RELATIVE_ASIDE, text)))
    if view.ground_munitions and not triggers and view.ents(idx, "MUNITION"):
        other = True
    if not triggers and scan.last_strike >= 0 and not other and not VETO.search(text):
        generic = _continuation_trigger(view, idx, text, infos, scan, info)
        if generic is not None:
            triggers.append(generic)
            info.continuation = True
    elif not triggers and scan.last_strike < 0 and info.claims and not other:
        # a follow-up that opens with the toll ("... bringing the toll of the night strike to nine"): the strike
        # it updates is the story, though no sentence before tells it
        toll = TOLL_OF_STRIKE.search(text)
        if toll is not None:
            triggers.append((toll.start(), toll.end(), 0.4))
    # "Hours after the overnight drone attack on Pavlohrad, the administration urged ...": a strike named only to
    # date something else, later in an article, is a reference, not a report of a strike
    if triggers and idx > 0 and not info.claims and all(time_reference(text, a) for a, _, _ in triggers):
        triggers = []
    if triggers:
        info.kind = SentenceKind.STRIKE
        info.triggers = [(s0 + a, s0 + b) for a, b, _ in triggers]
        info.strength = max(w for _, _, w in triggers)
        info.current = _is_current(view, idx, text, info, triggers, infos, scan)
        if info.current or not info.continuation:
            scan.last_strike = idx
    elif other:
        info.kind = SentenceKind.OTHER
        scan.last_other = idx
    return info


def _specific_claims(text: str, s0: int) -> list[Claim]:
    """The sentence's claims, without conflict-wide totals: a claim whose clause, or what comes before it, says
    "since the war began" or "this year" is a tally ("Since the war began, 528 people have been killed"); a
    tally said after the claim's clause is a comment on it ("has risen to 22, ..., one of the deadliest such
    attacks this year")."""
    out = []
    # "A spokesman for the Fano militia, which has been fighting federal forces since 2023, said 11 civilians had
    # been killed": a tally word inside a relative clause about someone says nothing of the claim
    plain = blank(RELATIVE_ASIDE, text)
    for c in parse_claims(text, s0):
        _, right = clause_bounds(text, c.start - s0, c.end - s0)
        if not AGGREGATE.search(plain[:right]):
            out.append(c)
    return out


_DEFINITE_BEFORE = re.compile(r"\b[Tt]he (?:[\w-]+(?:'s|\u2019s)? ){0,2}$")


def _continuation_trigger(
    view: ArticleView, idx: int, text: str, infos: list[SentenceInfo], scan: _Scan, info: SentenceInfo
) -> Trigger | None:
    """A generic strike word ("the strike", "the missiles") that continues the strike told just before."""
    g = GENERIC.search(text)
    if g is None:
        if scan.air_missiles is None:
            scan.air_missiles = _air_missiles(view, infos)
        if scan.air_missiles:
            g = MISSILE.search(text)
    if g is not None and _subordinate(text, g.start(), g.end()):
        # "Seventeen militants, including two commanders responsible for planning attacks on the capital, were
        # killed": the strike word belongs to a detail about the victims; the sentence is the toll, not a strike
        return None
    # ("the strike", "the missile strike", "the night's air raid": the one told before)
    definite = g is not None and _DEFINITE_BEFORE.search(text, max(0, g.start() - 30), g.start()) is not None
    near = idx - scan.last_strike <= 2 or (definite and scan.last_other < scan.last_strike)
    placed = bool(view.ents(idx, "ADMIN1", "CITY", "DISTRICT")) and g is not None and bool(
        GENERIC_STRONG.match(g.group())
    )
    s0 = view.sentences[idx][0]
    if g is not None and near and (own_claims(view, idx, info) or info.zero or placed):
        return (g.start(), g.end(), 0.4)
    hit = _PASSIVE_HIT.search(text)
    if (
        hit is not None
        and idx - scan.last_strike == 1
        and infos[scan.last_strike].current
        # (the place right after the verb: not "travelling towards Shabwa province when it was hit by two missiles")
        and any(0 <= e.start - s0 - hit.end() <= 4 for e in view.ents(idx, "ADMIN1", "CITY", "DISTRICT"))
        and _IN_BEFORE.match(text, hit.end())
    ):
        # "At night the enemy attacked the regional centre with Shahed-type drones. A hotel and a dormitory were hit
        # in Chernihiv.": where the attack told just before landed
        return (hit.start(), hit.end(), 0.4)
    return None


def own_claims(view: ArticleView, idx: int, info: SentenceInfo) -> list[Claim]:
    """The claims of sentence ``idx`` but those of a relative clause about something it names: "The PKK claimed
    responsibility for the attack in Ankara, which killed five people" gives the strike before it no figure."""
    text = view.sentence_text(idx)
    s0 = view.sentences[idx][0]
    return [c for c in info.claims if not (c.subset and ", which " in text[: c.start - s0])]


_IN_BEFORE = re.compile(r"\s+(?:in|at|near|outside)\s", re.I)
_PASSIVE_HIT = re.compile(
    r"\b(?:was|were|has been|have been) (?:hit|struck|damaged|destroyed)\b|"
    # "Hits on infrastructure facilities were recorded in Kremenchuk" (the Ukrainian Air Force's summary)
    r"\b(?:hits|impacts)\b[^.;]{0,50}?\b(?:were|was|have been) recorded\b",
    re.I,
)


_STRUCK_IT = re.compile(r"\b(?:struck|hit|bombed|targeted|attacked|shelled) (?:it|them)\b", re.I)


def _retold_recall(view: ArticleView, idx: int, text: str, infos: list[SentenceInfo], scan: _Scan) -> bool:
    """ "... were in the camp when A-29 aircraft struck it" after "a bombing of a rebel camp in March": the strike
    before, told again with a pronoun for its target and no time of its own."""
    last = scan.last_strike
    return (
        0 <= last < idx
        and (not infos[last].current or dated_weeks_before(view, last))
        and _STRUCK_IT.search(text) is not None
        and not CONCRETE_TIME.search(text)
    )


def _background_trigger(view: ArticleView, text: str, a: int, b: int) -> bool:
    """The trigger at [a, b) tells background; so does a verb whose attacker is named in a background clause
    ("... killing two people and wounding five, residents said, a day after the drone attack on a mosque")."""
    if is_background(view.published, text, a, b):
        return True
    _, right = clause_bounds(text, a, a + 1)
    return b > right and is_background(view.published, text, b - 1, b)


def _is_current(
    view: ArticleView,
    idx: int,
    text: str,
    info: SentenceInfo,
    triggers: list[Trigger],
    infos: list[SentenceInfo],
    scan: _Scan,
) -> bool:
    """The strike of sentence ``idx`` is reported as news: not background, hypothetical, denied or a detail."""
    if scan.opinion or not any(
        not _background_trigger(view, text, a, b) and not modal(text, a, b) and not _subordinate(text, a, b)
        for a, b, _ in triggers
    ):
        # "There was no drone and no air attack", "dismissing claims that the site had been hit by a drone": a
        # denied strike is no news, however sure the classifier is of the words ("planning an imminent attack"
        # about the target is no hypothetical strike, so only denials count here)
        info.recalled = all(denied(text, a, b) for a, b, _ in triggers)
        return False
    # "killed 10 militants in an operation, with helicopter gunships providing support": a ground operation
    if AIR_SUPPORT.search(text) and not any(w == 1.0 for _, _, w in triggers):
        return False
    # "Turkish warplanes also carried out airstrikes in the same area" after a clash: part of the clash
    if not info.continuation and idx > 0 and infos[0].kind == SentenceKind.OTHER and SECONDARY.search(text):
        return False
    # "The strike hit a farm near Kismayo" after "A U.S. airstrike last year killed three": it is the same,
    # earlier strike
    if info.continuation and 0 <= scan.last_strike < idx and not infos[scan.last_strike].current:
        return False
    if _retold_recall(view, idx, text, infos, scan):
        info.recalled = True
        return False
    # "... on the night of Aug. 12, 2025": only dates long past, and no weekday or "overnight"
    # "Two years ago this week, a drone strike ...": the week is the anniversary's, not the strike's
    if long_ago(view, idx) and not CONCRETE_TIME.search(_AGO_THIS.sub(" ", FULL_DATE.sub(" ", text))):
        return False
    elapsed = YEARS_AGO.search(text)
    if elapsed and all(elapsed.start() < a for a, _, _ in triggers):
        info.recalled = True  # "Two years ago this week, a drone strike", "on the first anniversary of the strike"
        return False
    # "A court sentenced a pilot for the bombing of a street in Chernihiv in March 2022. Prosecutors said the Su-34
    # he flew dropped unguided bombs, killing 11": with no time of its own, the strike told next is that old one
    told_before = [
        j for j in (idx - 1, idx - 2)
        if j >= 0 and (STRONG.search(view.sentence_text(j)) or GENERIC.search(view.sentence_text(j)))
    ]
    if (
        told_before
        and not any(i.current for i in infos)
        and long_ago(view, told_before[0])
        and not CONCRETE_TIME.search(text)
        and not DATE.search(text)
        and not FULL_DATE.search(text)
    ):
        info.recalled = True
        return False
    # "Bureij lies three kilometres east of Nuseirat, where a school shelter was hit by an air strike on Thursday":
    # a strike told in a relative clause about a place is a reference, not the news
    if all(_WHERE_CLAUSE.search(text[:a]) for a, _, _ in triggers):
        info.recalled = True
        return False
    downed = launch_all_downed(view, idx, text, info, infos)
    if downed:
        info.vetoed = True
    return not downed


_WHERE_CLAUSE = re.compile(r",\s+where\b[^.;]*$", re.I)
_AGO_THIS = re.compile(r"\b(?:years?|months?) ago this (?:week|month)\b", re.I)


def _generic_lede(view: ArticleView, infos: list[SentenceInfo], opinion: bool) -> None:
    """"Israeli strikes on southern Lebanon killed 558 people. Israeli fighter jets struck ...": a generic strike
    sentence right before the first air-strike sentence is part of it too."""
    first = next(
        # (not an interception: "had shot down all 14 Shahed drones Russia launched overnight")
        (i for i, info in enumerate(infos) if info.kind == SentenceKind.STRIKE and not info.continuation
         and not info.vetoed),
        None,
    )
    if first is None:
        return
    for idx in range(max(0, first - 2), first):
        info = infos[idx]
        text = view.sentence_text(idx)
        if info.kind != SentenceKind.NEUTRAL or VETO.search(text):
            continue
        g = GENERIC.search(text)
        if g is not None and GENERIC_STRONG.match(g.group()) and (
            info.claims or view.ents(idx, "ADMIN1", "CITY", "DISTRICT")
        ):
            s0, _ = view.sentences[idx]
            info.kind, info.continuation, info.strength = SentenceKind.STRIKE, True, 0.4
            info.triggers = [(s0 + g.start(), s0 + g.end())]
            info.current = (
                not opinion
                and not is_background(view.published, text, g.start(), g.end())
                and not modal(text, g.start(), g.end())
            )


# "fired rockets at positions near Robotyne": a named place the gazetteer lacks is still a place
_NEAR_NAME = re.compile(
    r"\b(?i:near|outside|(?:north|south|east|west)(?:-?(?:east|west))? of|the (?:town|village|city|area|hamlet) of|"
    r"in the (?:area|vicinity) of) (?:the )?[A-Z][a-z\u00e0-\u00ff'\u2019-]{1,}"
)


def _require_concrete(view: ArticleView, infos: list[SentenceInfo]) -> None:
    """A current strike needs something concrete (a place, a casualty figure or a time) in it or next to it (or,
    on an incident sheet, in its labelled fields)."""
    form = form_header(view.text)
    concrete = [
        bool(
            view.ents(idx, "ADMIN1", "CITY", "DISTRICT", "AIRBASE")
            or _NEAR_NAME.search(view.sentence_text(idx))
            or info.claims
            or info.zero
            or CONCRETE_TIME.search(view.sentence_text(idx))
            or DATE.search(view.sentence_text(idx))
        )
        for idx, info in enumerate(infos)
    ]
    for idx, info in enumerate(infos):
        # a neighbour about other violence does not count: "Fighting broke out in X. The military carried out
        # airstrikes." reports a clash with air support, not a strike of its own
        around = [
            j for j in range(max(0, idx - 1), min(len(infos), idx + 2))
            if j == idx or infos[j].kind != SentenceKind.OTHER
        ]
        info.concrete = form or any(concrete[j] for j in around)
        if info.kind == SentenceKind.STRIKE and info.current and not info.continuation and not info.concrete:
            if _THE_STRIKE.search(view.sentence_text(idx)) and any(
                i.kind == SentenceKind.STRIKE and i.current for i in infos[:idx]
            ):
                # "According to the director, the strike was carried out by a Turkish Bayraktar TB2 drone": a
                # detail of the strike told before (its aircraft), which needs nothing concrete of its own
                info.continuation = True
            else:
                info.current = False


def _definite_details(view: ArticleView, infos: list[SentenceInfo]) -> None:
    """"Ukraine's air force said the Shahed drones that hit the city had been launched from the Shatalovo airfield":
    a later sentence on the weapons of the strike told before (their type, their base) is a detail of that strike,
    however much the classifier reads the launch count around it as background."""
    for idx, info in enumerate(infos):
        if (
            info.kind == SentenceKind.STRIKE and info.current and not info.continuation
            and _THE_WEAPONS_THAT_HIT.search(view.sentence_text(idx))
            and any(i.kind == SentenceKind.STRIKE and i.current for i in infos[:idx])
        ):
            info.continuation = True


_THE_WEAPONS_THAT_HIT = re.compile(
    r"\bthe (?:[\w-]+ ){0,2}(?:drones?|missiles?|bombs?|jets?|aircraft|warplanes?|UAVs?|Shaheds?) (?:that|which) "
    r"(?:had )?(?:hit|struck)\b",
    re.I,
)


# "the strike", "the attack", "took part in the air raid": the strike the article has told already
_THE_STRIKE = re.compile(r"\bthe (?:air ?|drone |aerial )?(?:strike|attack|raid|bombing|airstrike)\b", re.I)


def _agents(view: ArticleView, idx: int, text: str) -> list[tuple[int, int]]:
    """Air agents in the sentence (relative spans), minus those that are the target rather than the attacker."""
    s0, _ = view.sentences[idx]
    masked = blank(AGENT_EXCLUDE, text)
    spans = [(m.start(), m.end()) for m in AGENT.finditer(masked)]
    table = lexicon.munition_table()
    for e in view.ents(idx, "AIRCRAFT"):
        spans.append((e.start - s0, e.end - s0))
    for e in view.ents(idx, "MUNITION"):
        if e.canonical in table and table[e.canonical].carrier == "air":
            spans.append((e.start - s0, e.end - s0))
    out = []
    for a0, a1 in sorted(spans):
        # (eight words: "destroying two MiG-29 fighters of the Ukrainian air force")
        if agent_is_object(text[max(0, a0 - 80) : a0].split()[-8:]):
            continue
        if agent_is_victim(text[a1 : a1 + 80]):
            continue
        out.append((a0, a1))
    return out


def _air_missiles(view: ArticleView, infos: list[SentenceInfo]) -> bool:
    """Missiles in this article come from the air: air-launched weapons named, or fired by aircraft."""
    if view.ground_munitions or NAVAL.search(view.text):
        return False
    if view.air_munitions:
        return True
    return any(
        info.kind == SentenceKind.STRIKE and not info.continuation and MISSILE.search(view.sentence_text(i)) is not None
        for i, info in enumerate(infos)
    )


def _strike_triggers(view: ArticleView, idx: int, text: str) -> list[tuple[int, int, float]]:
    """Air-strike evidence in one sentence: (relative start, end, weight)."""
    if VETO.search(text) and not DROP.search(text):
        return []
    if RANGE.search(text) or RECON_ONLY.search(text):
        return []  # an exercise on a range; a drone that only spotted for the guns or missiles
    triggers: list[tuple[int, int, float]] = []
    for m in STRONG.finditer(blank(STRONG_EXCLUDE, text)):
        triggers.append((m.start(), m.end(), 1.0))
    triggers += [(a, b, 1.0) for a, b in strike_forms(text) if not any(a < t1 and b > t0 for t0, t1, _ in triggers)]
    # "Colombia's military bombed a camp": a state force that bombs does it from the air
    for m in FORCE_BOMBED.finditer(text):
        triggers.append((m.start(), m.end(), 0.6))
    agents = _agents(view, idx, text)
    s0 = view.sentences[idx][0]
    typed = {(e.start - s0, e.end - s0) for e in view.ents(idx, "AIRCRAFT")}
    # a crash, an exercise, a fire-fighting flight: aircraft and "killed"/"fired" in one sentence are no strike
    if agents and not NONCOMBAT.search(text):
        verb_text = blank(VERB_EXCLUDE, text)
        verbs = [(m.start(), m.end()) for m in VERB.finditer(verb_text)]
        if ATTACK_DRONE.search(text) or view.ents(idx, "AIRCRAFT"):
            verbs += [(m.start(), m.end()) for m in SEND.finditer(text)]
        for a0, a1 in agents:
            clause_l, clause_r = clause_bounds(text, a0, a1)
            clause = text[clause_l:clause_r]
            if VICTIM_AIR.search(clause) and not any(clause_l <= v0 < clause_r for v0, _ in verbs):
                continue
            near = [v for v in verbs if abs(v[0] - a0) < 220]
            if near:
                v0, v1 = min(near, key=lambda v: abs(v[0] - a0))
                # "Ka-52 and Mi-28NM helicopter crews struck ...": a named aircraft type that strikes is as sure a
                # sign as "airstrike"; "drones struck" or "aircraft struck" stays weaker
                weight = 1.0 if (a0, a1) in typed else 0.7
                triggers.append((min(a0, v0), max(a1, v1), weight))
    if DEBRIS.search(text):
        # "debris from a downed drone damaged a kindergarten": the attack did the damage
        debris_agent = AGENT.search(blank(AGENT_EXCLUDE, text)) if DAMAGE.search(text) else None
        if debris_agent:
            triggers.append((debris_agent.start(), debris_agent.end(), 0.6))
        else:  # ("As a result of falling debris ... in Novokuibyshevsk, a fire broke out")
            triggers += debris_of_the_downed(view, idx, text)
    return triggers


def _subordinate(text: str, start: int, end: int) -> bool:
    """The strike is a detail of another event: "clashed, supported by coalition air raids"."""
    left, _ = clause_bounds(text, start, end)
    return bool(SUBORDINATE.search(text[max(0, left - 2) : start])) or bool(DURING_CLASH.search(text[:start]))


