"""The casualty scanner's rules for a toll told as a whole: "the death toll rose to 23", "five bodies were
recovered", a monitor's field "Confirmed dead: 19", and one named victim ("the driver was killed").

Why apart from ``streams.casualties``: these rules read a figure from around a toll word, a body count or a label,
not from a count and the verb of its noun phrase, which is what the scanner's main rules parse; kept here, each
module stays small enough to read. ``_TollRules`` is a mixin of ``streams.casualties._Scanner``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from streams.casualty_counts import _age_at, _Count, _count_at, _singular, _Tok, _victim_after, number_value
from streams.casualty_words import AUX, HURT_TOLL, KILL_PASSIVE, NOT_A_COUNT_BEFORE, VAGUE, VICTIMS, ClaimStatus

if TYPE_CHECKING:
    from streams.casualties import Claim

#: field labels of a monitor's note ("Dead: 19", "Wounded: 11") and the status they count
_FIELD_LABELS: dict[str, ClaimStatus] = {
    "dead": "killed", "killed": "killed", "deaths": "killed", "fatalities": "killed",
    "wounded": "wounded", "injured": "wounded", "injuries": "wounded",
}


#: what an army's statement calls the enemy it killed, and its words for killing ("terrorists were neutralised")
_ENEMY = frozenset({"terrorists", "militants", "bandits", "insurgents", "jihadists", "extremists"})
_NEUTRALISED = frozenset({"neutralised", "neutralized", "eliminated"})
_LIFE_VERBS = frozenset({"claimed", "claiming", "claims", "cost", "costing", "costs", "took", "taking", "takes"})
_ONE_MORE_ORDINALS = frozenset({"second", "third", "fourth", "fifth", "sixth"})


class _ScannerFields:
    """What the scanner's rule mixins (``_TollRules``, ``streams.casualty_lists._ListRules``) read of
    ``streams.casualties._Scanner``, which sets these fields and defines ``emit``."""

    sentence: str
    offset: int
    toks: list[_Tok]
    n: int
    update: bool
    stated: bool
    claims: list[Claim]

    def emit(
        self,
        status: ClaimStatus,
        cnt: _Count,
        victims: str | None,
        s: int,
        e: int,
        same_group: bool = False,
        subset: bool = False,
    ) -> None:
        raise NotImplementedError

    def _prev(self, i: int) -> str:
        return self.toks[i - 1].low if i else ""


class _TollRules(_ScannerFields):
    """Rules of ``streams.casualties._Scanner`` for a toll told as a whole."""

    def _labelled(self, i: int) -> int | None:
        """A monitor's field: "Confirmed dead: 19", "Killed: 3", "Wounded: at least 34", "Civilians reported killed:
        3\u20135", "Children killed: 2", "Number of deaths: 4", "Deaths reported: two"."""
        toks = self.toks
        status = _FIELD_LABELS.get(toks[i].low)
        colon = i + 2 if i + 1 < self.n and toks[i + 1].low == "reported" else i + 1
        if status is None or colon + 1 >= self.n or toks[colon].text != ":":
            return None
        victims = None
        j = i - 1
        if j >= 0 and toks[j].low in ("confirmed", "reported", "total", "civilian"):
            j -= 1
        if j >= 0 and toks[j].low in VICTIMS:
            victims = VICTIMS[toks[j].low]  # "Civilians reported killed:", "Children killed:"
            j -= 1
        elif j >= 1 and toks[j].low == "of" and toks[j - 1].low == "number":
            j -= 2  # "Number of deaths:"
        if j >= 0 and toks[j].text[:1].isalnum():
            return None  # a field opens its line; "the number of dead: ...", "said three civilians killed:" are prose
        if toks[colon + 1].low in ("unknown", "unclear", "unconfirmed", "undetermined"):
            return None  # "Wounded: unknown": the note has no figure, and claims none
        cnt = _count_at(toks, colon + 1)
        if cnt is None or cnt.article:
            return None
        self.emit(status, cnt, victims, colon + 1, cnt.end)
        return cnt.end

    def _enemy_neutralised(self, i: int) -> int | None:
        """An army's claim with no figure: "terrorists were neutralised in an air operation", "had neutralised
        terrorists in the Tarkint area": killed, a vague number (null/null, as "several")."""
        toks, n = self.toks, self.n
        if toks[i].low not in _ENEMY or self._prev(i) in VAGUE or number_value(self._prev(i)) is not None:
            return None
        j = i + 1
        while j < n and toks[j].low in AUX:
            j += 1
        passive = j > i + 1 and j < n and toks[j].low in _NEUTRALISED
        active = i >= 1 and toks[i - 1].low in _NEUTRALISED and self._prev(i - 1) not in (
            "were", "was", "been", "are", "is", "being"
        )
        if not (passive or active):
            return None
        start, end = (i, j + 1) if passive else (i - 1, i + 1)
        self.emit("killed", _Count(None, None, None, end), "fighters", start, end)
        return end

    def _lives(self, i: int) -> int | None:
        """ "The drone attack has now claimed two lives", "cost three lives": the dead counted as lives."""
        toks, n = self.toks, self.n
        if toks[i].low not in _LIFE_VERBS or i + 2 >= n:
            return None
        cnt = _count_at(toks, i + 1)
        if cnt is None or cnt.article or cnt.end >= n:
            return None
        if not (toks[cnt.end].low == "lives" or (toks[cnt.end].low == "life" and cnt.count_max == 1)):
            return None  # "has claimed one life" is the singular
        self.emit("killed", cnt, "people", i + 1, cnt.end + 1)
        return cnt.end + 1

    def _earlier_figure(self, i: int) -> int | None:
        """ "killed 11 people, up from eight reported on Wednesday", "raising the toll from eight", "the toll rose
        from eight to 11": the figure the new one replaces, a claim of the same status as the one before it."""
        toks, n = self.toks, self.n
        if toks[i].low != "from" or i < 1 or i + 1 >= n or not self.claims:
            return None
        before = toks[i - 1].low
        if not (
            before in ("up", "risen", "rose", "climbed", "increased", "jumped")
            or (before == "toll" and i >= 2 and toks[i - 2].low in ("the", "death"))
        ):
            return None
        cnt = _count_at(toks, i + 1)
        if cnt is None or cnt.article or cnt.end > n:
            return None
        if cnt.end < n and toks[cnt.end].low not in ("reported", "earlier", "previously", "to", ",", ".", ";", "on",
                                                     "dead", "killed", "a", "the", "in", "given"):
            return None  # "up from 9% a month earlier", "toll from Thursday's strike"
        update, self.update = self.update, False  # the replaced figure is no update of its own
        self.emit(self.claims[-1].status, cnt, None, i + 1, cnt.end)
        self.update = update
        return cnt.end

    def _one_more_of(self, k: int) -> bool:
        """Token ``k`` is the ordinal of "wounding a third" (not "a third of the village")."""
        toks, n = self.toks, self.n
        return k < n and toks[k].low in _ONE_MORE_ORDINALS and (k + 1 >= n or toks[k + 1].low in (",", ";", ".", "and"))

    def _buried(self, i: int) -> int | None:
        """ "15 people had been buried", "the village buried 12 of its residents": the dead counted at their
        burial (not "two people were buried under the rubble", who may be alive)."""
        toks, n = self.toks, self.n
        if self._prev(i) in ("buried", "burying"):
            cnt = _count_at(toks, i)
            if cnt is None or cnt.article or cnt.count_min is None:
                return None
            end = cnt.end
            if end < n and toks[end].low == "of" and end + 1 < n and toks[end + 1].low in ("its", "their", "the"):
                end += 2
            victims, vend = _victim_after(toks, end, limit=2)
            if victims is None:
                return None
            self.emit("killed", cnt, victims, i - 1, vend)
            return vend
        cnt = _count_at(toks, i) if self._prev(i) not in NOT_A_COUNT_BEFORE else None
        if cnt is None or cnt.article or cnt.count_min is None:
            return None
        victims, vend = _victim_after(toks, cnt.end, limit=2)
        if victims is None:
            return None
        m = vend
        while m < n and toks[m].low in AUX:
            m += 1
        if m == vend or m >= n or toks[m].low != "buried":
            return None
        if m + 1 < n and toks[m + 1].low in ("under", "beneath", "alive", "in", "by", "when"):
            return None  # "buried under the rubble", "buried in the collapse": trapped, not the dead
        self.emit("killed", cnt, victims, i, m + 1)
        return m + 1

    def _one_more(self, i: int) -> int | None:
        """ "Two people were killed and a third was wounded", "another worker was wounded": one more person."""
        toks, n = self.toks, self.n
        j = i + 1
        if toks[i].low == "a" and j < n and toks[j].low in _ONE_MORE_ORDINALS:
            j += 1
        elif toks[i].low != "another":
            return None
        victims = None
        if j < n and toks[j].low in VICTIMS and _singular(toks[j].low):
            victims = VICTIMS[toks[j].low]
            j += 1
        m = j
        while m < n and toks[m].low in AUX:
            m += 1
        if m == j or m >= n or toks[m].low not in KILL_PASSIVE:
            return None
        if toks[i].low == "a" and toks[m].low in ("died", "dead", "killed"):
            return None  # "a third worker had died of his injuries": the dead now number three (a toll)
        self.emit(KILL_PASSIVE[toks[m].low], _Count(1, 1, 1, j), victims, i, m + 1)
        return m + 1

    def _bodies(self, i: int) -> int | None:
        """"five bodies were recovered": a toll told by the dead found."""
        toks, n = self.toks, self.n
        cnt = _count_at(toks, i) if self._prev(i) not in NOT_A_COUNT_BEFORE else None
        if cnt is not None and not cnt.article and self._bodies_of(i):
            # "troops recovered the bodies of five members of the armed group"; "found the bodies of two more
            # militants, raising the number killed to nine": more dead on top of a toll, not a toll
            # ("has risen to 11 ... after crews recovered the bodies of two men and a boy": why the toll rose)
            more = (cnt.end < n and toks[cnt.end].low == "more") or self.update
            self.emit("killed", cnt, None, i, cnt.end, subset=more)
            return cnt.end
        if cnt is None or cnt.article or cnt.end >= n or toks[cnt.end].low not in ("bodies", "corpses", "names"):
            return None
        if toks[cnt.end].low == "names":
            # a monitor's "has verified 11 names" of the dead
            if self._prev(i) in ("verified", "identified", "documented", "confirmed", "recorded", "collected"):
                self.emit("killed", cnt, "people", i, cnt.end + 1)
                return cnt.end + 1
            return None
        if self._prev(i) in ("received", "receiving", "receives", "recovered", "retrieved", "counted", "collected",
                             "buried", "identified", "pulled"):
            # "the hospital received nine bodies", "rescuers recovered five bodies"
            self.emit("killed", cnt, "people", i, cnt.end + 1)
            return cnt.end + 1
        m = cnt.end + 1
        coordinated = m < n and toks[m].low == "and"
        if coordinated:
            # "three bodies and one wounded man had been brought in": the verb after the coordinated phrase
            m = next((q for q in range(m + 1, min(n, m + 6)) if toks[q].low in AUX or toks[q].low in (",", ";", ".")),
                     n)
        while m < n and toks[m].low in AUX:
            m += 1
        if m < n and toks[m].low in (
            "recovered", "retrieved", "found", "pulled", "collected", "buried", "brought", "received"
        ):
            if coordinated:  # the phrase after "and" is read on its own ("one wounded man")
                self.emit("killed", cnt, "people", i, cnt.end + 1)
                return cnt.end + 1
            self.emit("killed", cnt, "people", i, m + 1)
            return m + 1
        return None

    def _definite_one(self, i: int) -> int | None:
        """ "the driver was killed", "the pilot died", "The driver, a 38-year-old man, died at the scene", "The
        67-year-old victim was hospitalised": one named victim, in the singular."""
        toks, n = self.toks, self.n
        noun = i + 4 if toks[i].low == "the" and _age_at(toks, i + 1) else i + 1
        if not (toks[i].low == "the" and noun + 1 < n and toks[noun].low in VICTIMS and _singular(toks[noun].low)):
            return None
        m = noun + 1
        if toks[m].low == ",":
            # an appositive saying who the victim was: ", a 38-year-old man,"
            close = next((q for q in range(m + 2, min(n, m + 9)) if toks[q].low in (",", ";", ".")), None)
            if close is None or toks[close].low != "," or toks[m + 1].low not in ("a", "an", "the", "aged"):
                return None
            m = close + 1
        bare = m
        if m < n and toks[m].low == "was":
            m += 1
            while m < n and toks[m].low in AUX:
                m += 1
        if m < n and m > bare and toks[m].low in ("hospitalised", "hospitalized"):
            self.emit("wounded", _Count(1, 1, 1, m + 1), VICTIMS[toks[noun].low], i, m + 1)
            return m + 1
        if m >= n or toks[m].low not in KILL_PASSIVE or (m == bare and toks[m].low != "died"):
            return None
        self.emit(KILL_PASSIVE[toks[m].low], _Count(1, 1, 1, m + 1), VICTIMS[toks[noun].low], i, m + 1)
        return m + 1

    def _bodies_of(self, i: int) -> bool:
        """Token ``i`` follows "recovered the bodies of"."""
        toks = self.toks
        return (
            i >= 4
            and toks[i - 1].low == "of"
            and toks[i - 2].low in ("bodies", "corpses", "remains")
            and toks[i - 3].low == "the"
            and toks[i - 4].low in ("recovered", "retrieved", "found", "received", "collected", "pulled", "buried")
        )

    def _toll(self, i: int) -> int | None:
        """"the death toll rose to 23", "toll had risen to 23", "put the toll at six", "the dead numbered 11"."""
        toks = self.toks
        word = toks[i].low
        if not (i + 1 < self.n and (
            (word in ("to", "at") and (self.update or self.stated))
            or (word == "numbered" and self.stated)
            # "the death toll had reached four"
            or (word == "reached" and self.update and i >= 2 and toks[i - 1].low in AUX | {"toll"})
            # "gave a toll of 14", "gave the toll as 9"
            or (word in ("of", "as") and self.stated and i >= 1 and toks[i - 1].low == "toll")
        )):
            return None
        cnt = _count_at(toks, i + 1)
        if cnt is None or cnt.count_min is None:
            return None
        if word == "at" and i >= 2 and toks[i - 1].low in ("wounded", "injured", "hurt") and toks[i - 2].low == "the":
            # "... put the number of dead at 7 and the wounded at 15"
            self.emit("wounded", cnt, None, i + 1, cnt.end)
            return cnt.end
        if word in ("numbered", "reached"):
            before = self.sentence[max(0, toks[i].start - self.offset - 120) : toks[i].start - self.offset]
            self.emit("wounded" if word == "reached" and HURT_TOLL.search(before) else "killed", cnt, None, i + 1,
                      cnt.end)
            return cnt.end
        j = i - 1
        stops = ("toll", "number", "rose", "risen", "climbed", "reached", "increased", "stood", "stands",
                 "numbered", "figure", "count", "dead", "deaths", "fatalities", ",", ";", ".")
        while j >= 0 and toks[j].low not in stops:
            j -= 1
        # "the toll rose to 9", "raised the death toll at the checkpoint to four"
        # ("bringing the death toll from Wednesday's Russian drone strike to four": the toll of a named strike)
        of_strike = j >= 0 and toks[j].low == "toll" and j + 1 < i and toks[j + 1].low in ("from", "of", "in")
        if j >= 0 and toks[j].low not in (",", ";", ".") and (i - j <= 5 or (of_strike and i - j <= 12)):
            # "the number of people hurt had risen to 16": a toll of the wounded
            before = self.sentence[max(0, toks[i].start - self.offset - 120) : toks[i].start - self.offset]
            hurt = HURT_TOLL.search(before) is not None
            self.emit("wounded" if hurt else "killed", cnt, None, i + 1, cnt.end)
            return cnt.end
        return None
