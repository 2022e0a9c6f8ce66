"""Apply the arbiter to the rules' sentence readings of one article (the step between classify and grouping).

Why its own step: ``classify`` says what the rules see in each sentence; the arbiter (``streams.arbiter``)
weighs that against the trained sentence classifier and returns, per sentence, the probability of a current
air/drone strike. This module turns those probabilities back into sentence readings the grouping step
understands: promoted sentences become current strikes, demoted ones other violence or background, and every
strike sentence's ``strength`` becomes its probability, so an event's ``confidence`` is calibrated.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right

from schemas import SentenceScores
from streams.arbiter import Arbiter, RuleVerdict, load_arbiter
from streams.detect.cues import (
    AGENT,
    AGENT_EXCLUDE,
    DEBRIS,
    GENERIC,
    MISSILE,
    NONCOMBAT,
    RANGE,
    SHOT_DOWN,
    STRONG,
    blank,
    clause_bounds,
    strike_forms,
    time_reference,
)
from streams.detect.findings import ruled_out_by_writer
from streams.detect.interceptions import INTERCEPTED
from streams.detect.kinds import SentenceInfo, SentenceKind
from streams.detect.sentences import own_claims
from streams.detect.timing import (
    AGGREGATE,
    CAMPAIGN,
    COUNTED,
    TALLY_INCLUDING,
    background_wording,
    dated_weeks_before,
    is_background,
    long_ago,
    opens_as_history,
)
from streams.detect.view import ArticleView, ground_weapon

__all__ = ["judge", "scores_for_view"]
log = logging.getLogger(__name__)
_warned = False
#: The highest probability of a strike sentence the rules read as background because of a date weeks old, or
#: vetoed for a reason a one-sentence classifier cannot see (every drone launched was shot down).
RECALLED_CAP = 0.1


def scores_for_view(view: ArticleView) -> list[SentenceScores] | None:
    """The classifier's scores for each of the view's sentences (a capped piece of a long sentence takes the
    scores of the sentence it came from); None when the entities stage sent none."""
    ea = view.ea
    if not ea.sentence_scores or len(ea.sentence_scores) != len(ea.sentences):
        return None
    starts = [s for s, _ in ea.sentences]
    out = []
    for s, _ in view.sentences:
        i = max(0, bisect_right(starts, s) - 1)
        out.append(ea.sentence_scores[i])
    return out


def _verdict(info: SentenceInfo) -> RuleVerdict:
    return RuleVerdict(
        strike=info.kind == SentenceKind.STRIKE,
        current=info.current,
        other=info.kind == SentenceKind.OTHER,
        strength=info.strength,
    )


def _strike_words_all_background(view: ArticleView, idx: int) -> bool:
    """Sentence ``idx`` names strikes ("strike", "raids", "airstrike"), and every one of them as background."""
    text = view.sentence_text(idx)
    spans = [(m.start(), m.end()) for rx in (STRONG, GENERIC) for m in rx.finditer(text)]
    return bool(spans) and all(is_background(view.published, text, a, b) for a, b in spans)


def _strike_words_in_lead_clause(view: ArticleView, idx: int) -> bool:
    """Every strike word of sentence ``idx`` sits in a leading "Hours after the ... attack on X," clause."""
    text = view.sentence_text(idx)
    spans = [m.start() for rx in (STRONG, GENERIC) for m in rx.finditer(text)]
    return bool(spans) and all(time_reference(text, a) for a in spans)


def _told_as_history(view: ArticleView, infos: list[SentenceInfo], idx: int) -> bool:
    """A strike sentence the rules hold to be no news for a reason the classifier cannot see: dated back, named in
    another story, or worded as a habit or as the day's earlier strike."""
    return (
        _recalled(view, idx, infos[idx])
        or _named_in_other_story(view, infos, idx)
        or background_wording(view.sentence_text(idx))
    )


def _recalled(view: ArticleView, idx: int, info: SentenceInfo) -> bool:
    """The rules read sentence ``idx`` as a strike told weeks or more after it happened, or vetoed, or named only
    to date something else ("The attack came a day after the government announced an airstrike"). A sentence
    whose every date or year is long past ("led to an air strike that killed 14 villagers ... in 2024, the
    defence headquarters said on Thursday") counts too: the weekday is when it was said."""
    strike_not_news = info.kind == SentenceKind.STRIKE and not info.current and not info.continuation
    return strike_not_news and (
        info.vetoed
        or opens_as_history(view, idx)
        or info.recalled
        or dated_weeks_before(view, idx)
        or long_ago(view, idx)
        or _dating_reference(view, idx, info)
        or _tally(view, idx, info)
        or _counted(view, idx, info)
        or _CAMPAIGN_OR_TALLY.search(view.sentence_text(idx)) is not None
        or _SAID_EARLIER.search(view.sentence_text(idx)) is not None
        or _PAST_PERIOD.search(view.sentence_text(idx)) is not None
    )


# "A drone attack on Fastiv last week damaged a substation": the rules' background, dated by the sentence itself to
# a week or more back (which the classifier, reading no dates, cannot see)
_PAST_PERIOD = re.compile(
    r"\blast (?:week|month|year)\b|\b(?:a|one|two|three|four|five|six|several|a few|\d+) (?:weeks?|months?|years?) "
    r"ago\b|\bearlier (?:this|that|in the) (?:month|year)\b|\b(?:a|one|two|three|four|several|\d+) weeks? "
    r"(?:earlier|before)\b|\bweeks earlier\b",
    re.I,
)


# "Ukraine's General Staff ... said a day earlier that its drones had hit an ammunition depot": news of days before
_SAID_EARLIER = re.compile(
    r"\b(?:said|says|reported|announced|claimed)\s+(?:a day|the day|two days|three days|days|\w+ days)\s+"
    r"(?:earlier|before)\b|\b(?:said|reported|announced|claimed)\s+the previous day\b",
    re.I,
)


def _counted(view: ArticleView, idx: int, info: SentenceInfo) -> bool:
    """Every strike the sentence names is in a monitor's count ("the Collective recorded 38 drone and air strikes
    across Burkina Faso"): a bulletin's statistic, however concrete its places and toll."""
    s0, _ = view.sentences[idx]
    spans = [(m.start() + s0, m.end() + s0) for m in COUNTED.finditer(view.sentence_text(idx))]
    return bool(info.triggers) and all(any(a <= t < b for a, b in spans) for t, _ in info.triggers)


def _tally(view: ArticleView, idx: int, info: SentenceInfo) -> bool:
    """Every strike the sentence names is counted over a war or a period ("The Houthis have launched dozens of
    missiles and drones at Israel since the start of the Gaza war"): a tally, however news-like its words."""
    s0, _ = view.sentences[idx]
    text = view.sentence_text(idx)
    if not info.triggers:
        return False
    for a, b in info.triggers:
        left, right = clause_bounds(text, a - s0, b - s0)
        clause = text[left:right]
        # "... killed five, the deadliest strike since the war began" is news: only a perfect tense counts
        if not (AGGREGATE.search(clause) and _PERFECT.search(text[:right])):
            return False
    return True


_CAMPAIGN_OR_TALLY = re.compile(TALLY_INCLUDING + "|" + CAMPAIGN, re.I)
_PERFECT = re.compile(
    r"\b(?:has|have)\s+(?:\w+\s+)?(?:launched|carried out|conducted|fired|struck|hit|bombed|targeted|attacked|"
    r"sent|flown)\b",
    re.I,
)


_THEN = re.compile(r"\s*(?:then|at that time|at the time|that day|on that day|that night|back then)\b", re.I)


def _then_after_recall(view: ArticleView, infos: list[SentenceInfo], idx: int) -> bool:
    """Sentence ``idx`` opens with "Then," right after a strike the rules read as history."""
    if idx == 0 or _THEN.match(view.sentence_text(idx)) is None:
        return False
    prev = infos[idx - 1]
    return prev.kind == SentenceKind.STRIKE and not prev.current


# "The attack came a day after the government announced an airstrike", "... which followed Monday's raid on"
# (or an appositive: "Artillery shells ... hit a residential block ..., a day after the drone attack on a mosque in")
_DATING_REFERENCE = re.compile(
    r"\b(?:came|comes|come|happened|occurred|followed|follows)\b[^.;]{0,40}\b(?:after|before|following)\b[^.;]{0,80}$|"
    # (days, not hours: a strike hours before is the same day's news)
    r",\s+(?:a|one|two|three|four|five|several|\w+ and a half) (?:days?|weeks?) (?:after|before)\b[^.;,]{0,60}$",
    re.I,
)


# "The strikes came days after ...": the opening names the story's own strikes, which the rest of the sentence dates
_DATED_OPENING = re.compile(
    r"(?:the|this|that|these|those|its|their|[A-Z]\w+'s)\s+(?:[\w-]+\s+)?(?:air ?strikes?|airstrikes?|strikes?|"
    r"attacks?|raids?|bombings?|bombardments?)\s+(?=(?:came|comes|followed|follows|happened|occurred)\b)",
    re.I,
)


def _dating_reference(view: ArticleView, idx: int, info: SentenceInfo) -> bool:
    s0, _ = view.sentences[idx]
    text = view.sentence_text(idx)
    opening = _DATED_OPENING.match(text)
    skip = opening.end() if opening else 0
    triggers = [(a, b) for a, b in info.triggers if a - s0 >= skip]

    def dated(a: int, b: int) -> bool:
        # (a verb and its attacker: the attacker's word is where the reference is)
        last = text.rfind(" ", a - s0, b - s0) + 1
        return any(_DATING_REFERENCE.search(text[:k]) for k in {a - s0, last or a - s0})

    return bool(triggers) and all(dated(a, b) for a, b in triggers)


def judge(view: ArticleView, infos: list[SentenceInfo], arbiter: Arbiter | None = None) -> float | None:
    """Rewrite ``infos`` in place with the arbiter's decision and return the best sentence's probability; None
    (infos untouched) when the entities stage sent no scores."""
    global _warned
    scores = scores_for_view(view)
    if scores is None:
        if view.ea.gate_passed and view.ea.sentences and not _warned:
            _warned = True
            log.warning("articles.entities records carry no sentence scores: detection falls back to the rules "
                        "alone and confidences are not calibrated (is the entities stage up to date?)")
        return None
    arb = arbiter or load_arbiter()
    best = 0.0
    # a note scored as one document gives every sentence the note's score: when the rules date its strike to a
    # recall ("gathered to mark one year since a drone strike that killed 20"), the note's score is the recall's,
    # and no other sentence of it may turn that score into a current strike
    shared = len(scores) > 1 and all(sc == scores[0] for sc in scores)
    recalled_note = shared and any(_recalled(view, i, info) for i, info in enumerate(infos))
    # ... and when the rules read one of its sentences as the strike, with its own toll, the note's score is that
    # sentence's: it does not make a strike of the shelling beside it ("The same morning, Russian artillery shelled
    # ..., killing 1 civilian"); a toll only the other sentence gives may be the strike's ("At least five
    # militants were killed, ... troops found two assault rifles")
    strike_in_note = shared and any(info.kind == SentenceKind.STRIKE and info.claims for info in infos)
    promoted: set[int] = set()
    history: set[int] = set()  # strike sentences held to be history (dated back), whatever the classifier says
    demoted: dict[int, list[tuple[int, int]]] = {}  # sentence -> the triggers the rules had found
    exercise, ruled_out = _article_caps(view, infos)
    for idx, (info, sc) in enumerate(zip(infos, scores, strict=True)):
        p = arb.probability(sc, _verdict(info))
        if info.kind == SentenceKind.STRIKE and not info.current and not info.continuation:
            # the rules see a strike but not as news (history, a denial, a tally): only the classifier's own
            # belief in a current strike can overturn that, so it bounds the probability. The arbiter alone
            # learned from event notes, where the rules' "background" is mostly wrong; in articles it is mostly
            # right ("the drone had been on a surveillance flight and had not been armed").
            p = min(p, sc.strike)
            if _told_as_history(view, infos, idx):
                # a date weeks before publication is what the classifier cannot see (it reads no dates)
                p = min(p, RECALLED_CAP)
                if not info.vetoed:  # "of which 80 were shot down" is no history: what follows may be news
                    history.add(idx)
        elif (recalled_note and info.kind != SentenceKind.STRIKE) or (
            strike_in_note and info.kind == SentenceKind.OTHER
        ) or (
            # "F-16s dropped live bombs on mock targets at the Garadagh range": an exercise, however it reads
            info.kind != SentenceKind.STRIKE and NONCOMBAT.search(view.sentence_text(idx)) is not None
        ) or (
            info.kind == SentenceKind.NEUTRAL
            and (_strike_words_all_background(view, idx) or _strike_words_in_lead_clause(view, idx))
        ) or (
            # "The number of strikes fell by a third compared with the previous quarter"; "All targets were hit
            # successfully" in an exercise's write-up
            info.kind == SentenceKind.NEUTRAL
            and (_STATISTIC.search(view.sentence_text(idx)) is not None or exercise)
        ) or _no_strike_told(view, idx, info):
            # "... as imports remained halted after last week's Israeli strike": the only strike the sentence
            # names is dated to the past, which the classifier cannot see
            p = min(p, RECALLED_CAP)
        else:
            capped, past = _held_back(view, infos, idx, sc)
            if capped:
                p = min(p, RECALLED_CAP)
            if past:
                history.add(idx)
        if ruled_out:
            p = min(p, RECALLED_CAP)
        if not info.concrete and not info.continuation:
            # "drones that ram Russian Shahed attack drones ... as Russia launches hundreds of drones a night at
            # its cities": with no place, figure or time around it, no sentence reports a strike, however much it
            # reads like one
            p = min(p, RECALLED_CAP)
        best = max(best, p)
        outcome = _decide(info, p, sc, arb.threshold)
        if outcome == "promoted":
            promoted.add(idx)
        elif outcome == "demoted":
            demoted[idx] = info.triggers
            if info.kind == SentenceKind.OTHER:
                info.triggers = []
    _restore_leads(view, infos, promoted, demoted)
    _continue_history(infos, history)
    return best


# "There were no reports of damage", "caused no damage": nothing the drones hit
_NO_HARM = re.compile(r"\bno (?:reports? of )?(?:damage|casualties|injuries|hits?)\b|\bcaus\w+ no damage\b", re.I)


# "M23 ... accused them of using drones against civilians in areas it controls": a charge of a practice
_CHARGE = re.compile(
    r"\baccus\w* (?:\w+ ){1,6}?of (?:using|deploying|employing|sending) (?:\w+ ){0,2}?(?:drones|UAVs|warplanes|"
    r"aircraft|jets|helicopters|air power)\b",
    re.I,
)


def _no_strike_told(view: ArticleView, idx: int, info: SentenceInfo) -> bool:
    """Sentence ``idx``, where the rules see no strike, tells none however much its words read like one: it charges
    a side with using drones or aircraft and names no place and no toll, or the one drone it names was stopped
    and it gives no toll ("The anti-drone system ... neutralised a drone loaded with explosives before it reached
    the building")."""
    if info.kind != SentenceKind.NEUTRAL or info.claims:
        return False
    text = view.sentence_text(idx)
    if INTERCEPTED.search(text) is not None:
        return True
    return _CHARGE.search(text) is not None and not view.ents(idx, "ADMIN1", "CITY", "DISTRICT")


def _article_caps(view: ArticleView, infos: list[SentenceInfo]) -> tuple[bool, bool]:
    """(an exercise's write-up, the writer's own finding that no air strike happened): what holds every sentence of
    the article back. "Assessment: ... This was artillery shelling, not an air strike": the early reports of one
    in the same write-up are what the finding corrects."""
    exercise = RANGE.search(view.text) is not None and not any(
        info.kind == SentenceKind.STRIKE and info.current for info in infos
    )
    return exercise, any(ruled_out_by_writer(view.sentence_text(i)) for i in range(len(infos)))


def _held_back(view: ArticleView, infos: list[SentenceInfo], idx: int, sc: SentenceScores) -> tuple[bool, bool]:
    """(capped, history): whether the classifier may not make sentence ``idx`` a current strike, and whether that
    is because the sentence tells history (its continuations are history too)."""
    info = infos[idx]
    text = view.sentence_text(idx)
    textual = info.kind != SentenceKind.STRIKE and _air_cue_text(text)
    if (
        info.kind != SentenceKind.STRIKE
        and not (textual or view.aircraft_in(idx))
        and not _toll_after_strike(infos, idx)
    ):
        # "A roadside bomb tore through an army vehicle", "The attackers ... fired at people fleeing": no
        # aircraft, drone or air strike is named, so the classifier's liking for the words promotes nothing
        # (but "At least five militants were killed, ... and troops who swept the camp found ..." right after
        # the bombing is its toll)
        return True, False
    if (
        info.kind != SentenceKind.STRIKE
        and view.ground_munitions
        and any(ground_weapon(e) for j in range(idx, min(idx + 2, len(infos))) for e in view.ents(j, "MUNITION"))
        and not view.aircraft_in(idx)
        and MISSILE.search(text) is not None
        and not _air_cue_text(blank(MISSILE, text))
    ):
        # "Russian missiles hit a residential neighbourhood of Sloviansk" where the article names the missiles as
        # S-300s fired from the ground (in it or the next sentence): such missiles are no air strike
        return True, False
    if (
        info.kind != SentenceKind.STRIKE
        and not info.claims
        and not DEBRIS.search(text)
        and (not textual or (_DOWNED.search(text) is not None and not _air_cue_text(_blank_downed(text))))
    ):
        # "its air defences had shot down a Russian Su-34 fighter-bomber in the east, the fourth Russian jet it says
        # it has downed this month": the only aircraft named is the one brought down; "The Su-34 is a
        # fighter-bomber": an aircraft named with no word of attack, no toll
        return True, False
    zero = info.zero or _NO_HARM.search(text) is not None or (
        idx + 1 < len(infos)
        and infos[idx + 1].kind == SentenceKind.NEUTRAL
        and (infos[idx + 1].zero or _NO_HARM.search(view.sentence_text(idx + 1)) is not None)
    )
    if info.kind != SentenceKind.STRIKE and zero and SHOT_DOWN.search(text) and not DEBRIS.search(text):
        # "its air defences had shot down eight drones launched at Kassala, and there was no damage" (or "There
        # were no reports of damage" right after): an interception, however much the classifier likes its drones
        # (but an event note's "air forces shot down a Ka-52 helicopter ... Casualties unknown" is coded as an
        # air strike)
        return True, False
    if _named_in_other_story(view, infos, idx):
        # "A motorcycle bomb exploded outside the police station ... Officers blamed the same dissident faction
        # behind Thursday's drone attack in Cauca": a story of other violence names an earlier strike by its day
        return True, True
    if (info.current and not info.continuation and (
        opens_as_history(view, idx) or _then_after_recall(view, infos, idx)
    )) or (info.kind != SentenceKind.STRIKE and opens_as_history(view, idx)):
        # "Two weeks ago, army aircraft struck al-Shabaab positions near Tiyeglow" in a story about a suicide
        # bombing; "In January, a drone set fire to a fuel depot in Lyudinovo" (copy of April), which the rules
        # did not read as a strike at all; "... when on 3 March 2022 Russian aircraft dropped heavy bombs on the
        # plant. Then, as a result of the air strike, the plant was destroyed": history, told as it happened
        return True, True
    # "..., and in July the Nigerian Air Force said it had killed a bandit leader in an air strike" (copy of
    # September): the rules took it for news, but its only date is weeks old and the classifier reads it as
    # background
    # background (its continuations, "Local authorities said those strikes killed more than 40 people", too)
    # ("In June, a Turkish drone hit a car near Kalar" after the lead's strike of this week: history, however
    # sure the classifier, which reads no dates, is of the words)
    dated_back = info.current and dated_weeks_before(view, idx) and (
        sc.background > sc.strike or (_dated_main_clause(view.sentence_text(idx)) and _after_news(view, infos, idx))
    )
    return dated_back, dated_back


# the date of a sentence's own clause: "In June, a Turkish drone hit a car", "Pakistan last carried out air strikes
# inside Afghanistan in December" (not one in a clause about something else: "the compound, where villagers had
# been sleeping since fighting reached their villages in January")
_DATE_WORD = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:19|20)\d\d)\b|"
    r"\blast (?:week|month|year)\b"
)
_SUBORDINATE = re.compile(r",? \b(?:where|which|who|whose|while|since|after|before|until|when)\b.*$", re.S)


def _dated_main_clause(text: str) -> bool:
    """The sentence names a month, a year or "last week/month/year" outside its subordinate clauses."""
    return _DATE_WORD.search(_SUBORDINATE.sub("", text, count=1)) is not None


def _after_news(view: ArticleView, infos: list[SentenceInfo], idx: int) -> bool:
    """An earlier sentence of the article reports a current strike that is not itself dated weeks back."""
    return any(
        infos[j].kind == SentenceKind.STRIKE and infos[j].current and not dated_weeks_before(view, j)
        for j in range(idx)
    )


# a strike named by its day, as something known: "Thursday's drone attack", "last week's air strike"
_DAYS_STRIKE = re.compile(
    r"\b(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?: night| morning| evening)?|"
    r"yesterday|last week|last night)(?:'s|\u2019s) (?:[\w-]+ ){0,2}?(?:air ?strikes?|airstrikes?|strikes?|raids?|"
    r"attacks?|bombings?)\b",
    re.I,
)


# "the drone strike in Gondar last week, which ... had killed four people": a strike named with its day after it
_EARLIER_STRIKE = re.compile(
    r"\bthe (?:[\w-]+ ){0,2}?(?:air ?strikes?|airstrikes?|strikes?|raids?|attacks?|bombings?)"
    r"(?: (?:in|on|near|at) (?:[A-Z][\w'-]+ ?){1,3})? (?:last (?:week|month)|(?:on )?(?:monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday)|(?:two|three|four|five|six|several|a few|\d+) (?:days|weeks) ago)\b"
    r"(?:,? (?:which|that|when|in which)\b[^.;]*)?",
    re.I,
)


_EARLIER_OPENING = re.compile(
    r"\s*(?:last (?:week|month)|earlier (?:this|that|in the) (?:week|month)|"
    r"(?:a|one|two|three|several) (?:days?|weeks?) (?:ago|earlier)|days earlier|"
    r"the (?:previous|prior) (?:week|month|day|night))\b",
    re.I,
)
# "The camp buried seven of its residents killed in an air strike on a house the night before.": a strike the
# sentence dates to the day before, at its end
_DAY_BEFORE_END = re.compile(
    r"\b(?:the (?:night|day|evening) before|a day earlier|the previous (?:day|night|evening))\s*[.;]?\s*$", re.I
)


def _named_in_other_story(view: ArticleView, infos: list[SentenceInfo], idx: int) -> bool:
    """Sentence ``idx``, in a story that opens with other violence, names its strike only by its day and gives
    no toll of its own."""
    info = infos[idx]
    if idx == 0 or infos[0].kind != SentenceKind.OTHER or info.kind != SentenceKind.STRIKE:
        return False
    if _EARLIER_OPENING.match(view.sentence_text(idx)) or _DAY_BEFORE_END.search(view.sentence_text(idx)):
        # "Last week, the group used a drone to drop explosives on a police post in Suarez, wounding two": the
        # story's own news is the bombing it opened with
        return True
    s0, _ = view.sentences[idx]
    # "unlike the drone strike in Gondar last week, which the regional health bureau said had killed four people":
    # the earlier strike with its own toll, named to compare
    earlier = [(m.start() + s0, m.end() + s0) for m in _EARLIER_STRIKE.finditer(view.sentence_text(idx))]
    if earlier and info.triggers and all(
        any(t < b and u > a for a, b in earlier) for t, u in info.triggers
    ) and all(any(a <= c.start < b for a, b in earlier) for c in info.claims):
        return True
    # (a figure in a relative clause on the strike named by its day is that strike's: "Beryslav is still clearing up
    # after Tuesday's guided-bomb strike on an aid queue, which killed three people")
    if own_claims(view, idx, info):
        return False
    spans = [(m.start() + s0, m.end() + s0) for m in _DAYS_STRIKE.finditer(view.sentence_text(idx))]
    return bool(info.triggers) and all(any(a <= t < b for a, b in spans) for t, _ in info.triggers)


def _continue_history(infos: list[SentenceInfo], history: set[int]) -> None:
    """A continuation ("The number of victims of that attack rose over several days") of a strike held to be
    history is history too."""
    anchor: int | None = None
    for idx, info in enumerate(infos):
        if info.kind != SentenceKind.STRIKE:
            continue
        if not info.continuation:
            anchor = idx
        elif anchor in history and info.current:
            info.current = False


# what an air or drone strike report names: an aircraft or drone, an air strike, a strike, a bombing
# ("a planned air operation", "the air assets of the FAMa", "Hits were recorded in Chuhuiv")
_AIR_WORDS = re.compile(
    r"\bstrikes?\b|\bstruck\b|\bbomb(?:ed|ing|ings|ard\w*)\b|\bsorties?\b|\b(?:air|aerial)\b|"
    r"\bhits? (?:were|was) (?:recorded|reported)\b",
    re.I,
)


def _toll_after_strike(infos: list[SentenceInfo], idx: int) -> bool:
    prev = infos[idx - 1] if idx > 0 else None
    return bool(infos[idx].claims) and prev is not None and prev.kind == SentenceKind.STRIKE and prev.current


def _air_cue(view: ArticleView, idx: int) -> bool:
    return _air_cue_text(view.sentence_text(idx)) or view.aircraft_in(idx)


def _air_cue_text(text: str) -> bool:
    # "an injured soldier was evacuated by army aviation helicopter" names no attacker
    text = blank(AGENT_EXCLUDE, text)
    return bool(AGENT.search(text) or STRONG.search(text) or _AIR_WORDS.search(text) or strike_forms(text))


# what air defences brought down, and they themselves: "air defences had shot down a Russian Su-34 fighter-bomber",
# "the fourth Russian jet it says it has downed"
_DOWNED = re.compile(
    r"\b(?:shot down|downed|brought down|intercepted)\s+(?:(?:a|an|the|two|three|four|five|six|\d+|another|one)\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:[\w-]*(?:jets?|aircraft|planes?|bombers?|helicopters?|drones?|uavs?|Su-\d+\w*|"
    r"MiG-\d+\w*|Ka-\d+|Mi-\d+\w*))(?:\s+(?:fighter[- ]bombers?|fighter jets?|jets?|bombers?|helicopters?))?\b|"
    r"\b(?:the\s+)?(?:\w+\s+){0,2}(?:jets?|aircraft|planes?|drones?)\s+(?:it|they)\s+(?:says?\s+)?(?:it\s+|they\s+)?"
    r"(?:has|have|had)\s+(?:shot down|downed)\b|\bair[- ]defen[cs]es?\b",
    re.I,
)


def _blank_downed(text: str) -> str:
    return blank(_DOWNED, text)


# a statistic about strikes, not a strike
_STATISTIC = re.compile(
    r"\b(?:number|share|proportion|rate|frequency) of (?:\w+ )?(?:air ?strikes|strikes|raids|attacks|bombings)\b|"
    r"\bcompared (?:with|to) the (?:previous|last|same) (?:quarter|month|year|week|period)\b",
    re.I,
)


def _decide(info: SentenceInfo, p: float, sc: SentenceScores, threshold: float) -> str | None:
    """Apply the arbiter's probability ``p`` to one sentence; "promoted" or "demoted" when it overturned the rules."""
    if info.kind == SentenceKind.STRIKE and info.continuation:
        info.strength = p
        return None
    outcome = None
    if p >= threshold:
        if info.kind != SentenceKind.STRIKE or not info.current:
            outcome = "promoted" if info.kind != SentenceKind.STRIKE else None
            info.kind, info.current = SentenceKind.STRIKE, True
        info.strength = p
    elif info.kind == SentenceKind.STRIKE and info.current:
        # demoted: what the classifier prefers among the other readings
        outcome = "demoted"
        if sc.other >= sc.background and sc.other >= sc.none:
            info.kind, info.current = SentenceKind.OTHER, False
        else:
            info.current = False
        info.strength = p
    elif info.kind == SentenceKind.STRIKE:
        info.strength = p
    return outcome


def _restore_leads(
    view: ArticleView, infos: list[SentenceInfo], promoted: set[int], demoted: dict[int, list[tuple[int, int]]]
) -> None:
    """"Units of the Unmanned Systems Forces struck the Kursk oil depot (city of Kursk). FP-1 long-range strike
    drones were used.": when the classifier turns down the rules' strike sentence but accepts the plain sentence
    right after it in the paragraph, the two tell one strike, and the first says where and when."""
    for idx, triggers in demoted.items():
        nxt = idx + 1
        if nxt not in promoted or "\n" in view.text[view.sentences[idx][1] : view.sentences[nxt][0]]:
            continue
        info = infos[idx]
        info.kind, info.current, info.strength = SentenceKind.STRIKE, True, infos[nxt].strength
        info.triggers = triggers
