"""Interceptions: attacks whose drones or missiles were all shot down, jammed or repelled and hit nothing.

Why a module of its own: an air force's count of what it faced reads like a strike report ("the enemy launched 46
Shahed drones ... Hits were recorded in ..."), so the sentence rules (``streams.detect.sentences``) need a separate
reading of what was stopped, what got through and what the debris did; kept here, each module stays readable.
"""

from __future__ import annotations

import re

from streams.detect.cues import AGENT, AGENT_EXCLUDE, ALL_DOWNED, DEBRIS, LAUNCHED, blank
from streams.detect.kinds import SentenceInfo, SentenceKind
from streams.detect.view import ArticleView

# "air defence forces had shot down all 38 drones ... No hits or damage were recorded": nothing was struck
DOWNED_ALL = re.compile(
    r"\b(?:shot down|destroyed|intercepted|downed|neutrali[sz]ed) (?:all|every one of the|each of the) "
    r"(?:\d+ |the |of the )?(?:\w+ )?(?:drones|UAVs|missiles|targets|aircraft)\b",
    re.I,
)
NO_HIT = re.compile(r"\bno (?:hits|impacts|damage|casualties or damage|damage or casualties)\b", re.I)


# "The Houthis launched 3 drones towards Khamis Mushait; they were intercepted and destroyed", "repelled a drone
# attack by the militia on Merowe, causing no damage": an attack that hit nothing
_STOPPED = r"(?:were|was|had been) (?:all )?(?:intercepted|shot down|downed)\b"
INTERCEPTED = re.compile(
    r"\b" + _STOPPED + r"|\brepell?(?:ed|ing)? (?:a|an|the) (?:\w+ ){0,2}(?:drone|air) attacks?\b|"
    # "an attempt by the Kyiv regime to carry out a terrorist attack using fixed-wing UAVs ... was thwarted"
    r"\battempt\b[^.;]{0,200}\b(?:was|were|has been|had been) (?:thwarted|foiled|prevented|stopped|suppressed)\b|"
    # "Troops neutralised two drones loaded with explosives using anti-drone equipment before they reached the base"
    r"\b(?:neutrali[sz]ed|jammed|disabled) (?:\w+ ){0,2}(?:drones?|UAVs?)\b[^.;]{0,80}\bbefore (?:they|it) "
    r"(?:reached|hit)\b",
    re.I,
)
_NO_HARM = re.compile(
    r"\bno (?:damage|casualties|injuries|hits)\b|\bwithout (?:causing )?(?:any )?(?:damage|casualties|injuries)\b|"
    r"\bcausing no (?:damage|casualties)\b|\b(?:no one|nobody|no-one) (?:was|were) (?:hurt|injured|wounded|killed)\b",
    re.I,
)


def hit_nothing(view: ArticleView, infos: list[SentenceInfo]) -> None:
    """A strike sentence whose attack was intercepted or repelled and that gives no toll is no report, and no
    earlier strike either: vetoed."""
    for idx, info in enumerate(infos):
        if info.kind != SentenceKind.STRIKE or not info.current or info.continuation:
            continue
        text = view.sentence_text(idx)
        if _GOT_THROUGH_RELATIVE.search(text) or _part_stopped(text):
            # "the Shahed drones that hit the city had been launched from ..., of which 49 were shot down"; "58 of
            # the 74 Shahed-136 drones were shot down": the rest got through
            continue
        if INTERCEPTED.search(text) and (not info.claims or _NO_HARM.search(text)):
            if not _NO_HARM.search(text) and _debris_harm(view, infos, idx):
                continue  # "repelled a drone attack on the district ... Falling debris damaged the roofs of houses"
            info.current, info.vetoed = False, True
        elif not info.claims and idx + 1 < len(infos) and not infos[idx + 1].claims:
            # "The Houthis launched 3 drones towards Khamis Mushait. They were intercepted and destroyed by ..."
            after = _THEY_INTERCEPTED.match(view.sentence_text(idx + 1))
            same_para = "\n" not in view.text[view.sentences[idx][1] : view.sentences[idx + 1][0]]
            if (after and same_para) or _downed_harmless(view, infos, idx):
                info.current, info.vetoed = False, True


# "58 of the 74 Shahed-136 drones were shot down"
_N_OF_M = re.compile(r"\b(\d{1,4}) of (?:the |its |their )?(\d{1,4})\b")


def _part_stopped(text: str) -> bool:
    """The sentence counts fewer stopped than came ("58 of the 74")."""
    return any(int(m.group(1)) < int(m.group(2)) for m in _N_OF_M.finditer(text))


# the drones that got through, named apart from the ones stopped
_GOT_THROUGH_RELATIVE = re.compile(
    r"\b(?:drones?|missiles?|UAVs?|Shaheds?)\s+(?:that|which)\s+(?:had\s+)?(?:hit|struck)\b", re.I
)


# what the wreckage of a downed drone did: "Falling debris started a fire ... and damaged the roofs of several houses"
DEBRIS_HARM = re.compile(r"\b(?:damag\w+|destroy\w*|set fire|started a fire|sparked a fire|caught fire|injur\w+|"
                         r"wound\w+|kill\w+|hit|a fire (?:started|broke out))\b", re.I)


def _debris_harm(view: ArticleView, infos: list[SentenceInfo], idx: int) -> bool:
    """Sentence ``idx`` or one of the two after it says that debris of the stopped attack did harm on the ground
    (what the attack then hit, as the monitors and the regional authorities count it)."""
    for j in range(idx, min(len(infos), idx + 3)):
        text = view.sentence_text(j)
        debris = DEBRIS.search(text)
        if debris and (DEBRIS_HARM.search(text, debris.end()) or (j > idx and infos[j].claims)):
            return True
    return False


# "Drones were destroyed over the Millerovo and Tarasovsky districts": what was launched, stopped (not "all")
_SOME_DOWNED = re.compile(
    r"^\s*(?:the )?(?:\d+ |several |some |most |all (?:the )?)?(?:(?:enemy|attack|hostile) )?"
    r"(?:drones|UAVs|missiles|rockets)"
    r"(?: and (?:\w+ )?(?:drones|UAVs|missiles|rockets))? (?:were|had been) (?:all )?(?:intercepted|shot down|downed|"
    r"destroyed|suppressed|jammed)\b",
    re.I,
)


def _downed_harmless(view: ArticleView, infos: list[SentenceInfo], idx: int) -> bool:
    """"attempted a massive UAV attack on the region. Drones were destroyed over the Millerovo and Tarasovsky
    districts. No one was hurt, there is no damage on the ground.": stopped, and the next sentences say nothing
    was harmed, without a toll or debris damage (also "Air defence forces repelled the attack in the Kamensky and
    Krasnosulinsky districts. All drones were destroyed. ... there were no casualties or damage on the ground")."""
    stop = next((
        j for j in range(idx + 1, min(len(infos), idx + 3))
        if _SOME_DOWNED.match(view.sentence_text(j)) or (j == idx + 1 and _REPELLED_THE_ATTACK.search(
            view.sentence_text(j)))
    ), None)
    if stop is None:
        return False
    after = range(idx + 1, min(len(infos), stop + 3))
    if any(infos[j].claims for j in after) or any(_debris_harm(view, infos, j) for j in range(idx + 1, stop + 1)):
        return False
    return any(_NO_HARM.search(view.sentence_text(j)) for j in after)


# "Air defence forces repelled the attack in the Kamensky district": the attack the sentence before told of
_REPELLED_THE_ATTACK = re.compile(r"\brepell?ed (?:the|this|that) (?:\w+ ){0,2}?attacks?\b", re.I)


# the next sentence says what the one before launched was stopped: "They were intercepted", "All of them were
# shot down"
_THEY_INTERCEPTED = re.compile(r"(?:they|it|both|all (?:of them|\w+)) " + _STOPPED, re.I)


def launch_all_downed(
    view: ArticleView, idx: int, text: str, info: SentenceInfo, infos: list[SentenceInfo]
) -> bool:
    """Sentence ``idx`` launches drones or missiles that were all downed (in it or the next sentence), or is that
    "All N were destroyed" after such a launch: an interception, vetoed as a report."""
    # "Russia launched 64 drones ... All 64 were shot down and none reached its target"
    all_downed = bool(
        LAUNCHED.search(text)
        and not info.claims
        and (
            ALL_DOWNED.search(text)
            # "it had shot down all 14 Shahed drones Russia launched overnight"
            or DOWNED_ALL.search(text)
            or (idx + 1 < len(view.sentences) and ALL_DOWNED.search(view.sentence_text(idx + 1)))
        )
    )
    # "61 Shahed-type attack UAVs and decoy drones ... 47 attack UAVs were shot down ...; 14 decoy drones were lost"
    all_downed = all_downed or (
        LAUNCHED.search(text) is not None and not info.claims and _accounted_for(view, idx, text)
    )
    # "... launched 14 Shahed-type attack drones from the north-east. All 14 were destroyed by mobile fire groups
    # and fighter aircraft over Poltava region": the fighters named are the interceptors
    return all_downed or (
        idx > 0
        and not info.claims
        and infos[idx - 1].vetoed
        and LAUNCHED.search(view.sentence_text(idx - 1)) is not None
        and ALL_DOWNED.match(text.lstrip()) is not None
    )


# "the enemy attacked with 61 Shahed-type attack UAVs and decoy drones": how many were launched
_LAUNCH_COUNT = re.compile(r"\b(\d{1,4}) (?:[\w-]+ ){0,3}?(?:drones|UAVs|missiles|Shaheds|Gerans)\b", re.I)
# "47 attack UAVs were shot down ...; 14 decoy drones were lost in location without negative consequences"
_STOPPED_COUNT = re.compile(
    r"\b(\d{1,4}) (?:[\w-]+ ){0,3}?(?:drones|UAVs|missiles|Shaheds|Gerans|of them)\b[^.;\d]{0,40}? "
    r"(?:were|was|had been|have been) (?:\w+ )?(?:shot down|downed|intercepted|destroyed|suppressed|jammed|lost|"
    r"neutrali[sz]ed)\b",
    re.I,
)
# what got through: "Hits by 12 attack UAVs were recorded at 7 locations"
_GOT_THROUGH = re.compile(r"\b(?:hits?|impacts?|struck|hit|damag\w+|fell|falling|debris|fragments)\b", re.I)


def _accounted_for(view: ArticleView, idx: int, text: str) -> bool:
    """The next sentence counts every launched drone as stopped (shot down, jammed, lost) and tells of no hit: "61
    Shahed-type attack UAVs and decoy drones ... 47 attack UAVs were shot down ...; 14 decoy drones were lost in
    location without negative consequences". When ballistic missiles came with the drones ("2 Iskander-M ballistic
    missiles ... and 58 Shahed-type strike UAVs"), the drones are what is counted, and what the missiles hit ("The
    ballistic missiles struck the outskirts of Konotop") is no air strike."""
    counts = list(_LAUNCH_COUNT.finditer(text))
    if not counts or idx + 1 >= len(view.sentences):
        return False
    drones = [m for m in counts if _DRONE_WORD.search(m.group())]
    ground = _GROUND_MISSILE.search(text) is not None and bool(drones)
    launched = sum(int(m.group(1)) for m in drones) if ground else int(counts[0].group(1))
    after = view.sentence_text(idx + 1)
    stopped = sum(int(m.group(1)) for m in _STOPPED_COUNT.finditer(after))
    later = view.sentence_text(idx + 2) if idx + 2 < len(view.sentences) else ""
    if ground and _MISSILES_HIT.match(later):
        later = ""
    blanked = _STOPPED_COUNT.sub(" ", after)
    return stopped >= launched and not _GOT_THROUGH.search(blanked) and not _GOT_THROUGH.search(later)


_DRONE_WORD = re.compile(r"\b(?:drones|UAVs|Shaheds|Gerans)\b", re.I)
# missiles fired from the ground, and a sentence that tells what they hit
_GROUND_MISSILE = re.compile(r"\b(?:ballistic|Iskander|S-300|S-400|KN-23|Tochka)\b", re.I)
_MISSILES_HIT = re.compile(r"\s*(?:the |both )?(?:[\w-]+ ){0,2}?missiles?\b", re.I)


# the drones the sentence before destroyed: "Tonight air defence forces destroyed 11 UAVs over the region."
_DOWNED_BEFORE = re.compile(r"\b(?:shot down|downed|intercepted|destroyed|repelled)\b", re.I)


def debris_of_the_downed(view: ArticleView, idx: int, text: str) -> list[tuple[int, int, float]]:
    """"Debris of one of them fell at an enterprise in Ryazan, and a fire started" after the drones downed in the
    sentence before: the harm the attack did, with the debris as its trigger."""
    debris = DEBRIS.search(text)
    if idx == 0 or debris is None or DEBRIS_HARM.search(text, debris.end()) is None:
        return []
    before = view.sentence_text(idx - 1)
    agents = AGENT.search(blank(AGENT_EXCLUDE, before))
    if agents is None or _DOWNED_BEFORE.search(before) is None:
        return []
    return [(debris.start(), debris.end(), 0.6)]
