"""Casualty-claim parser: "killing at least 15 civilians", "three were wounded", "the death toll rose to 23".

Why a hand-written scanner and not one big regex: claims come in many shapes (active "killed seven militants",
passive "two civilians were killed", elliptic "one person was killed and three wounded", coordinated "a woman and
three children", subsets "five, including two children" that must not count twice, updates "the toll rose to
23"), and a token scanner handles them in one linear pass with readable rules. Counts follow the evaluation
conventions: exact n -> (n, n); "at least n" -> (n, None); "more than n" -> (n+1, None); "between a and b" ->
(a, b); "up to n" -> (None, n); "a dozen" -> (12, 12); "dozens" -> (24, None); vague ("many", "several") ->
(None, None). ``acled_min`` is ACLED's conservative coding of the same words ("dozens" -> 12, "scores" -> 20).

Works on one sentence at a time; offsets are absolute (the caller passes the sentence start).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from streams.casualty_counts import (
    _age_at,
    _Count,
    _count_at,
    _date_before,
    _group_of,
    _of_phrase_end,
    _rest_named,
    _said_after,
    _singular,
    _skip_subset,
    _sum,
    _things_after,
    _tokens,
    _victim_after,
    number_value,
    skip_ages,
)
from streams.casualty_lists import _ListRules, _Part
from streams.casualty_tolls import _TollRules
from streams.casualty_words import (
    AUX,
    FIGURE_WORDS,
    HURT_WORDS,
    KILL_ACTIVE,
    KILL_PASSIVE,
    LIFE_TAKERS,
    MOTIVE,
    NOMINAL_STATUS,
    NOT_A_COUNT_BEFORE,
    NOT_HURT,
    NOUN_STATUS,
    POSSESSIVES,
    POST_MODIFIER,
    RESULT_NOUNS,
    SPEECH_VERBS,
    SUBSET,
    TAKEN,
    TOLL_STATED,
    TOLL_UPDATE,
    TOTAL_NOUNS,
    VICTIMS,
    WOUND_NOUNS,
    ZERO,
    ClaimStatus,
    blank_appositives,
)

__all__ = ["Claim", "ClaimStatus", "parse_claims", "explicit_zero", "number_value"]


@dataclass(frozen=True)
class Claim:
    status: ClaimStatus
    count_min: int | None
    count_max: int | None
    acled_min: int | None  # ACLED-style lowest credible figure (dozens -> 12); None when vague
    victims: str | None
    start: int
    end: int
    text: str
    update: bool = False  # "the death toll rose to 23": supersedes earlier figures of the same event
    group: int = 0  # claims sharing one verb ("seven fighters and two civilians were killed") add up
    subset: bool = False  # "a child was among the dead": part of a total, a claim only when no total is given
    # "two of the dead were PKK members and the third was the driver": who the dead of a toll were, no tally
    breakdown: bool = False


def explicit_zero(sentence: str) -> bool:
    """True when the sentence states that nobody was killed or hurt ("There were no casualties")."""
    return ZERO.search(sentence) is not None


def parse_claims(sentence: str, offset: int = 0) -> list[Claim]:
    """Casualty claims stated in one sentence (absolute offsets = ``offset`` + position in ``sentence``)."""
    # an explicit zero ("0 injured reported") is no claim: the sentence says so (``explicit_zero``); a killing
    # named as the motive ("in response to the killing of one of its commanders") is an earlier death
    # (read with the asides blanked out; the claims' evidence is quoted as written)
    return [
        c for c in _Scanner(sentence, offset, blank_appositives(sentence)).run()
        if not (c.count_min == 0 and c.count_max == 0)
        and not MOTIVE.search(sentence, 0, max(0, c.start - offset))
    ]


#: the victims' noun phrases of one verb: (count, victims, first token, end token)


class _Scanner(_TollRules, _ListRules):
    """One left-to-right pass over a sentence's tokens; each rule reads a claim at token ``i`` and returns the
    token to go on from, or None when it does not apply there."""

    def __init__(self, sentence: str, offset: int, read: str | None = None) -> None:
        """``read``: the text the rules read, ``sentence`` with parts blanked out (same length); the claims quote
        ``sentence``."""
        read = sentence if read is None else read
        self.sentence = sentence
        self.offset = offset
        self.toks = _tokens(read, offset)
        self.n = len(self.toks)
        self.update = TOLL_UPDATE.search(read) is not None
        self.stated = TOLL_STATED.search(read) is not None
        self.one_by_article: list[int] = []  # claims counted from "a"/"an" ("after a boy died")
        self.claims: list[Claim] = []
        self.used = [False] * self.n
        self.group = 0
        self.relative = (0, 0)  # tokens of a ", which killed ..." clause: its figures describe the strike's dead

    def run(self) -> list[Claim]:
        i = 0
        while i < self.n:
            if self.used[i]:
                i += 1
                continue
            nxt = self._subset(i)
            if nxt is None:
                nxt = self._one_more(i)
            if nxt is None:
                nxt = self._active(i)
            if nxt is None:
                nxt = self._passive(i)
            if nxt is None:
                nxt = self._toll(i)
            if nxt is None:
                nxt = self._bodies(i)
            if nxt is None:
                nxt = self._definite_one(i)
            if nxt is None:
                nxt = self._labelled(i)
            if nxt is None:
                nxt = self._enemy_neutralised(i)
            if nxt is None:
                nxt = self._lives(i)
            if nxt is None:
                nxt = self._buried(i)
            if nxt is None:
                nxt = self._dead_were(i)
            if nxt is None:
                nxt = self._earlier_figure(i)
            i = i + 1 if nxt is None else nxt
        if self.update and len(self.one_by_article) < len(self.claims):
            # "the toll has risen to five after a nine-year-old boy died of his wounds": the one who died is
            # why the toll rose, part of the new figure, not a claim of its own
            for k in self.one_by_article:
                c = self.claims[k]
                self.claims[k] = Claim(c.status, c.count_min, c.count_max, c.acled_min, c.victims, c.start, c.end,
                                       c.text, c.update, c.group, subset=True)
        return self.claims

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
        """A claim over tokens [s, e); claims of one verb share a group ("seven fighters and two civilians")."""
        toks = self.toks
        if s >= 3 and toks[s - 1].low == "of" and toks[s - 3].low == "same" and toks[s - 2].low in FIGURE_WORDS:
            # "Gaza civil defence gave the same figure of six dead": a figure the copy already gave, confirmed
            for q in range(s, e):
                self.used[q] = True
            return
        if not same_group:
            self.group += 1
        subset = subset or self.relative[0] < s < self.relative[1]
        text = self.sentence[toks[s].start - self.offset : toks[e - 1].end - self.offset]
        if cnt.article or (cnt.count_max == 1 and toks[s].low == "another"):
            # (and "... had risen to three after another soldier was lightly hurt": the one more is why)
            self.one_by_article.append(len(self.claims))
        self.claims.append(
            Claim(status, cnt.count_min, cnt.count_max, cnt.acled_min, victims, toks[s].start, toks[e - 1].end,
                  text, self.update, self.group, subset)
        )
        for q in range(s, e):
            self.used[q] = True

    def _subset(self, i: int) -> int | None:
        """Subsets: "including two children", "among them three women", "of whom five were children"."""
        toks = self.toks
        if not (toks[i].low in SUBSET or (toks[i].low == "them" and self._prev(i) == "among")):
            return None
        if toks[i].low == "which" and i >= 2 and toks[i - 1].low == "of" and toks[i - 2].low in RESULT_NOUNS:
            return None  # "as a result of which three policemen were injured": the toll itself, not a part of one
        if toks[i].low == "which" and self._prev(i) not in ("of", "among") and not (
            # "The local emergency room, which earlier reported at least 14 dead, said ... 17": a superseded figure
            i + 1 < self.n and toks[i + 1].low in ("earlier", "previously", "initially", "first")
        ):
            # "the drone strike ..., which killed two civilians": a relative clause, no subset opener; its figures
            # are the strike's own unless the copy gives a total elsewhere ("Nineteen people were wounded in the
            # attack ..., which also killed a 12-year-old boy" after "raising the death toll to five")
            end = next((q for q in range(i + 1, self.n) if toks[q].low in (",", ";", ".")), self.n)
            self.relative = (i, end)
            return None
        j = i + 1
        while j < self.n and toks[j].low not in (",", ";", ".", ")", "\u2014", "and"):
            self.used[j] = True
            j += 1
        return j

    def _active(self, i: int) -> int | None:
        """Active verb or nominal + count: "killing at least 15 civilians", "wounding two people", "shot dead two
        soldiers", "the death of at least 23", "documented the killing of four people"."""
        toks, n = self.toks, self.n
        low = toks[i].low
        shot_dead = low == "shot" and i + 1 < n and toks[i + 1].low == "dead"
        # "the death of at least 23", "the killing of four people", "the martyrdom of three ... the injury of five"
        nominal = NOMINAL_STATUS.get(low) if i + 1 < n and toks[i + 1].low == "of" else None
        if low == "lives" and i >= 2 and toks[i - 1].low == "the" and toks[i - 2].low in LIFE_TAKERS:
            # "the air strike claimed the lives of 6 villagers", "took the lives of three children"
            nominal = "killed" if i + 1 < n and toks[i + 1].low == "of" else None
        death_of = nominal is not None
        if not (low in KILL_ACTIVE or shot_dead or death_of) or self._prev(i) in (
            "were", "was", "been", "be", "are", "is", "being", "got"
        ):
            return None
        status: ClaimStatus = "killed" if shot_dead else nominal or KILL_ACTIVE[low]
        cnt = _count_at(toks, i + (2 if shot_dead or death_of else 1))
        if cnt is None and not death_of and i + 2 < n and toks[i + 1].low in POSSESSIVES and number_value(
            toks[i + 2].low
        ):
            # "killing its two riders", "killing their three children"
            cnt = _count_at(toks, i + 2)
        if cnt is None and not death_of and i + 2 < n and toks[i + 1].low == "the" and number_value(toks[i + 2].low):
            # "killing the two men inside", "killing the three people in the car": a definite count of people
            definite = _count_at(toks, i + 2)
            if definite is not None and _victim_after(toks, definite.end)[0] is not None:
                cnt = definite
        if cnt is None and not death_of and i + 2 < n and toks[i + 1].low == "the":
            # "killing the driver and a passenger": a definite singular person is one ("the people": no count);
            # "killing the 58-year-old driver": the age is no count
            after_age = i + 5 if _age_at(toks, i + 2) else i + 2
            v, vend = _victim_after(toks, after_age, limit=2)
            if v is not None and _singular(toks[vend - 1].low):
                cnt = _Count(1, 1, 1, i + 2, article=True)
        if cnt is not None and _things_after(toks, cnt.end):
            cnt = None
        if cnt is not None:
            victims, vend = _victim_after(toks, cnt.end)
            if cnt.article and victims is None and self._one_more_of(cnt.end):
                # "killing two young men ... and seriously wounding a third": one more person
                self.emit(status, _Count(1, 1, 1, cnt.end + 1), None, i, cnt.end + 1)
                return cnt.end + 1
            if cnt.article and victims is None:
                return i + 1
            if low == "treated" and any(
                toks[q].low in NOT_HURT for q in range(cnt.end, min(n, vend + 4))
            ):
                return vend  # "treated 12 people for shock": no one hurt
            parts, end = self._active_parts(cnt, victims, i, vend if victims else cnt.end)
            for n_part, (part_cnt, part_v, part_s, part_e) in enumerate(parts):
                self.emit(status, part_cnt, part_v, part_s, part_e, same_group=n_part > 0)
            return end
        if low in ("injuring", "wounding") and i + 1 < n and toks[i + 1].low == "others":
            # "killing four civilians and injuring others": wounded, no figure
            self.emit(status, _Count(None, None, None, i + 2), None, i, i + 2)
            return i + 2
        # "killed or injured 4" is too vague to be a claim of either status; "wounded many others"
        if i + 2 < n and toks[i + 1].low in ("many", "several", "scores", "dozens", "numerous") and toks[
            i + 2
        ].low in ("others", "more", "people", "civilians", "of"):
            vague = _count_at(toks, i + 1) or _Count(None, None, None, i + 3)
            self.emit(status, _Count(vague.count_min, vague.count_max, vague.acled_min, i + 3), None, i, i + 3)
            return i + 3
        return None

    def _active_parts(self, cnt: _Count, victims: str | None, i: int, end: int) -> tuple[list[_Part], int]:
        """Coordinated counts after an active verb: "killing a woman and three children" is one claim (4
        civilians); "killing seven fighters and two civilians" is two claims (different victims)."""
        toks, n = self.toks, self.n
        parts: list[_Part] = [(cnt, victims, i, end)]
        while end + 1 < n and toks[end].low in ("and", ","):
            comma = toks[end].low == ","
            # "killing a father and his two sons": a possessive before the next count
            nxt = end + 2 if toks[end + 1].low in POSSESSIVES and end + 2 < n else end + 1
            more = _count_at(toks, nxt)
            if comma and (
                more is None or more.article or (more.end < n and toks[more.end].low in SUBSET | {"of"})
                or toks[parts[0][3] - 1].low in TOTAL_NOUNS
            ):
                # "killing a woman, her two children and ...": a list goes on only with counts ("three people,
                # two of them children" is a breakdown)
                break
            if more is None and toks[nxt].low == "the":
                # "wounding the driver and the elderly patient"
                v_the, vend_the = _victim_after(toks, nxt + 1, limit=2)
                if v_the is not None and _singular(toks[vend_the - 1].low):
                    more = _Count(1, 1, 1, nxt + 1, article=True)
            if more is None:
                break
            v2, vend2 = _victim_after(toks, more.end)
            if v2 is None or (comma and _said_after(toks, vend2)):
                # "killing 30 militants, two security officials said"; "wounded six, two residents and a health
                # worker said"
                break
            last_cnt, last_v, last_s, _ = parts[-1]
            if _group_of(last_v) == _group_of(v2):
                parts[-1] = (_sum(last_cnt, more), last_v if last_v == v2 else "civilians", last_s, vend2)
            else:
                parts.append((more, v2, end + 1, vend2))
            end = vend2
        return parts, end

    def _passive(self, i: int) -> int | None:
        """Count + (victim) + (aux) + participle: "three people were killed", "17 wounded", "two died"."""
        toks, n = self.toks, self.n
        cnt = _count_at(toks, i) if self._prev(i) not in NOT_A_COUNT_BEFORE and not _date_before(toks, i) else None
        if cnt is None or cnt.end <= i:
            return None
        if _things_after(toks, cnt.end):
            return None  # "20 drones were neutralized"
        victims, vend = _victim_after(toks, cnt.end)
        if cnt.article and victims is None and i == 0 and cnt.end < n and toks[cnt.end].low == "martyr" and (
            cnt.end + 1 < n and toks[cnt.end + 1].low in ("in", "and", "fell", "as", "after")
        ):
            # "A martyr in an enemy drone strike that targeted a motorcycle": translated Arabic copy's one dead
            self.emit("killed", cnt, None, i, cnt.end + 1)
            return cnt.end + 1
        if (cnt.article and victims is None) or (self._prev(i) == "of" and i >= 2 and toks[i - 2].low in VICTIMS):
            return i + 1  # "members of a family were killed", "seven members of one family": no one person
        if cnt.article and i >= 3 and toks[i - 1].low == "and" and toks[i - 3].low == "the" and not self.used[i - 2]:
            # "the driver and a woman passenger were killed": the definite person before "and" is one more
            lead, lead_end = _victim_after(toks, i - 2, limit=1)
            if lead is not None and lead_end == i - 1 and _singular(toks[i - 2].low):
                cnt = _sum(_Count(1, 1, 1, i - 1), cnt)
                i -= 3
        k = skip_ages(toks, vend if victims else cnt.end)
        # "one of the injured constables succumbed to his wounds", "one of the two workers taken to hospital has
        # died": one more dead, on top of a toll told elsewhere
        hurt = (
            next((q for q in range(k + 2, min(n, k + 7)) if toks[q].low in HURT_WORDS), None)
            if cnt.count_max == 1 and victims is None and k + 2 < n and toks[k].low == "of"
            and toks[k + 1].low in ("the", "those")
            else None
        )
        if hurt is not None:
            # (past a phrase on the attack and an appositive: "One of the two people injured in the night drone
            # attack on Novoshakhtinsk on 15 July, a 47-year-old man, has died")
            died = next((q for q in range(hurt + 1, min(n, hurt + 20)) if toks[q].low in ("died", "succumbed")
                         or toks[q].low in (";", ".")), None)
            if died is not None and toks[died].low in (";", "."):
                died = None
            if died is not None:
                self.emit("killed", cnt, None, i, died + 1, subset=True)
                return died + 1
        # "three of its fighters", "nine of those killed were militants"
        if k + 1 < n and toks[k].low == "of" and victims is None:
            if k + 2 < n and toks[k + 1].low in ("those", "the") and toks[k + 2].low in ("killed", "dead"):
                v3, _ = _victim_after(toks, k + 3 + (1 if k + 3 < n and toks[k + 3].low == "were" else 0))
                # a part of the dead ("three of the dead were fighters"): the same source's breakdown of its
                # total, or another source's own figure (streams.detect.claims decides which)
                self.emit("killed", cnt, v3, i, k + 3, subset=True)
                if _rest_named(toks, k + 3):  # "... and the third was the driver": who all the dead were
                    self.claims[-1] = replace(self.claims[-1], breakdown=True)
                return k + 3
            v2, vend2 = _victim_after(toks, k + 1, limit=3)
            if v2 is not None:
                victims, k = v2, vend2
        kin = self._kin_at(k + 1) if cnt.article and k + 1 < n and toks[k].low == "," else None
        if kin is not None and kin.count_max == 1 and kin.end + 1 < n and toks[kin.end + 1].low == ",":
            k = kin.end + 2  # "a woman, their mother, was wounded": the appositive names the one person
        elif kin is None and cnt.article and i >= 1 and toks[i - 1].low == "," and k + 1 < n and toks[k].low == "," \
                and toks[k + 1].low in AUX:
            k += 1  # "His passenger, a woman, was wounded": the one person named in an appositive
        elif kin is None:
            k = _skip_subset(toks, k)  # (", his wife and their two children," is a list, not an appositive)
        coordinated, k = self._passive_parts(victims, k)
        if victims and k + 2 < n and toks[k].low in ("who", "that") and toks[k + 1].low in AUX and (
            toks[k + 2].low in KILL_PASSIVE
        ) and not any(toks[q].low == "among" for q in range(i)):
            k += 1  # "mourns two of the town's young men who were martyred at dawn"
        military = _group_of(victims) in ("soldiers", "fighters")
        if military and not coordinated:
            k = self._skip_things(k)
        m, dead_word = self._participle(victims, k)
        if military and m > k and m < n and toks[m].low == "destroyed":
            # "More than 30 servicemen and four armoured vehicles were destroyed": a defence ministry's word for
            # the soldiers it says it killed
            self.emit("killed", cnt, victims, i, m + 1)
            return m + 1
        return self._passive_claim(i, cnt, victims, k, m, dead_word, coordinated)

    def _passive_parts(self, victims: str | None, k: int) -> tuple[list[_Part], int]:
        """"Seven fighters and two civilians were killed": the further noun phrases before the verb."""
        toks, n = self.toks, self.n
        coordinated: list[_Part] = []
        start = k
        if victims:
            k = _of_phrase_end(toks, k)  # "four members of the Revolutionary Guards and two civilians"
        while victims and k + 1 < n and toks[k].low in ("and", ","):
            nxt = k + 2 if toks[k].low == "," and toks[k + 1].low == "and" else k + 1
            more = _count_at(toks, nxt) or self._kin_at(nxt)
            if more is None:
                break
            # "two shepherds and a young man from a neighbouring village had been killed": one more person
            v2, vend2 = _victim_after(toks, more.end, limit=2) if more.article else _victim_after(toks, more.end)
            if v2 is None or (more.article and not _singular(toks[vend2 - 1].low)):
                break
            coordinated.append((more, v2, nxt, vend2))
            k = vend2
        return coordinated, (k if coordinated else start)

    def _participle(self, victims: str | None, k: int) -> tuple[int, bool]:
        """The token after the auxiliaries that follow the noun phrase ending at ``k`` (the participle, when
        there is one), and whether it is "shot dead"."""
        toks, n = self.toks, self.n
        m = k
        if m + 2 < n and toks[m].low == "," and toks[m + 1].low in ("all", "both") and toks[m + 2].low in KILL_PASSIVE:
            m += 2  # "a 34-year-old man, his wife and their two children, all killed"
            return m, False
        while m < n and toks[m].low in AUX:
            m += 1
        if (
            victims
            and m == k
            and m < n
            and toks[m].low not in KILL_PASSIVE
            and (toks[m].low.endswith(("ing", "ed")) or toks[m].low in POST_MODIFIER)
        ):
            # "four soldiers manning air defence systems were killed", "two people in the car died", "three
            # members of al-Qaeda in the Arabian Peninsula (AQAP), including a commander, were killed"
            q = m + 1
            while q < n and q - m <= 12 and toks[q].low not in AUX and toks[q].low not in KILL_PASSIVE:
                if toks[q].low == "(":
                    close = next((r for r in range(q + 1, min(n, q + 8)) if toks[r].low == ")"), None)
                    if close is not None:
                        q = close + 1
                        continue
                # ", including a commander,", "members of a family, four of them children, were killed"
                if toks[q].low == "," and _skip_subset(toks, q) > q:
                    q = _skip_subset(toks, q)
                    continue
                # another count ends the noun phrase, but not one after "of" ("seven members of one family")
                if toks[q].low in (",", ";", ".", ":") or toks[q].low in KILL_ACTIVE or (
                    number_value(toks[q].low) is not None and toks[q - 1].low != "of"
                ):
                    break
                if toks[q].low == "that" and toks[q - 1].low in ("and", "but"):
                    break  # "... - and that a fourth person was seriously wounded": another clause
                q += 1
            r = q
            while r < n and toks[r].low in AUX:
                r += 1
            # "... were killed" needs its auxiliary; "seven members of the structure died" has none
            if r < n and toks[r].low in KILL_PASSIVE and (r > q or toks[r].low in ("died", "perished")):
                m = r
        if victims and m == k and m < n and toks[m].low in ("who", "that"):
            # "a child who was standing outside a house nearby was wounded": the verb after the relative clause
            for r in range(m + 2, min(n - 1, m + 16)):
                # "A resident who helped collect the bodies said 'more than 10' people had died": the clause ends
                # at a verb of speech; what follows is what the resident said
                if toks[r].low in (",", ";", ".", ":") or toks[r].low in SPEECH_VERBS:
                    break
                if toks[r].low in AUX and toks[r + 1].low in KILL_PASSIVE:
                    m = r + 1
                    break
        if victims and m == k and m < n and toks[m].low == ",":
            # "Three people, the owner of the farm and two of his workers, were killed": an appositive naming them
            for r in range(m + 2, min(n - 2, m + 16)):
                if toks[r].low in (";", ".", ":") or toks[r].low in KILL_ACTIVE or toks[r].low in KILL_PASSIVE:
                    break
                if toks[r].low == ",":
                    q = r + 1
                    while q < n and toks[q].low in AUX:
                        q += 1
                    if q > r + 1 and q < n and toks[q].low in KILL_PASSIVE:
                        m = q
                    break
        if m < n and toks[m].low == "shot" and m + 1 < n and toks[m + 1].low == "dead":
            return m + 1, True  # "was shot dead"
        return m, False

    def _passive_claim(
        self,
        i: int,
        cnt: _Count,
        victims: str | None,
        k: int,
        m: int,
        dead_word: bool,
        coordinated: list[_Part],
    ) -> int | None:
        """The claim of a count at ``i`` whose noun phrase ends at ``k`` and whose verb is at ``m``."""
        toks, n = self.toks, self.n
        # "three wounded people died": "wounded" describes the people who died (a toll update), unlike
        # "more than 20 wounded people were taken to hospital"
        if (
            m < n and toks[m].low in ("wounded", "injured") and m + 1 < n and toks[m + 1].low in VICTIMS
            and any(t.low in ("died", "succumbed", "dead") for t in toks[m + 2 : m + 5])
        ):
            return m + 2
        # "a man wounded when the shell hit his house has since died": "wounded" without an auxiliary opens a
        # reduced relative clause on the subject of a later "died" (a toll update, not a count of wounded)
        if (
            m == k and victims and m < n and toks[m].low in ("wounded", "injured")
            and any(t.low in ("died", "succumbed") for t in toks[m + 1 :])
        ):
            return m + 1
        if m > k and m < n and self._hospitalised(i, k, m):
            # "two more employees had been taken to hospital, bringing the number of injured to three": more on top
            # of a toll told elsewhere
            more = cnt.end < n and toks[cnt.end].low == "more"
            self.emit("wounded", cnt, victims, i, m + 1, subset=more and toks[m].low in TAKEN)
            return m + 1
        if m < n and (toks[m].low in KILL_PASSIVE or dead_word) and (victims or m > k or cnt.end == k):
            if m == k and victims and self._prev(i) in ("the", "those", "these") and not coordinated:
                # "the funeral of the two men killed on Saturday": dead already counted, named again
                self.emit(KILL_PASSIVE[toks[m].low], cnt, victims, i, m + 1, subset=True)
                return m + 1
            # "A 64-year-old woman died at the scene and a man died on the way to hospital": one person told by
            # "a"/"an" as the subject is a detail of a total given elsewhere, a claim only when there is none
            # "Two more died before morning": more victims on top of a total told elsewhere, not a toll of their own
            more = cnt.end < n and toks[cnt.end].low == "more"
            self._emit_passive(
                KILL_PASSIVE[toks[m].low], cnt, victims, i, m, coordinated, subset=cnt.article or more
            )
            return m + 1
        if m + 3 < n and toks[m].low == "among" and toks[m + 1].low in ("those", "the") and toks[
            m + 2
        ].low in ("killed", "dead", "wounded", "injured"):
            # "four civilians and two guards were among the dead": six of the dead
            for c_cnt, _, _, _ in coordinated:
                cnt = _sum(cnt, c_cnt)
            self.emit(KILL_PASSIVE.get(toks[m + 2].low, "killed"), cnt, victims, i, m + 3, subset=True)
            return m + 3
        # (also "documented 9 civilian deaths": the victims' word as an adjective)
        if k < n and toks[k].low in NOUN_STATUS and (
            not victims
            or (
                k == cnt.end + 1 and _singular(toks[cnt.end].low) and not cnt.article
                and number_value(toks[cnt.end - 1].low) is not None
            )
        ):
            # "the funeral of the three martyrs": dead already counted, named again
            self.emit(NOUN_STATUS[toks[k].low], cnt, None, i, k + 1, subset=self._prev(i) in ("the", "those", "these"))
            return k + 1
        return None

    def _hospitalised(self, i: int, k: int, m: int) -> bool:
        """The verb at ``m`` after the count at ``i`` tells the wounded: "more than 20 others were being treated for
        shrapnel wounds", "five were hospitalised", "Nine people were taken to hospital" (not the bodies of the dead:
        "the bodies of five people were taken to hospital")."""
        toks, n = self.toks, self.n
        return (
            toks[m].low in ("hospitalised", "hospitalized")
            or (toks[m].low == "treated" and any(t.low in WOUND_NOUNS for t in toks[m + 1 : m + 5]))
            or (
                toks[m].low in TAKEN
                and any(t.low in ("hospital", "hospitals") for t in toks[m + 2 : m + 5])
                and m + 1 < n and toks[m + 1].low == "to"
                and not any(t.low in ("bodies", "corpses", "remains", "dead") for t in toks[max(0, i - 4) : k])
                # (a count cut out of "more than a dozen": the qualifier's own reading stands)
                and not any(t.low in ("than", "least", "most", "about", "nearly", "almost", "over", "some")
                            for t in toks[max(0, i - 2) : i])
            )
        )

    def _emit_passive(
        self, status: ClaimStatus, cnt: _Count, victims: str | None, i: int, m: int, coordinated: list[_Part],
        subset: bool = False,
    ) -> None:
        """One claim per noun phrase before the verb at ``m``, all in one group."""
        if coordinated and any(c.article for c, _, _, _ in coordinated):
            # "two shepherds and a young man ... had been killed": one more person, one figure of three
            for c_cnt, _, _, _ in coordinated:
                cnt = _sum(cnt, c_cnt)
            coordinated = []
        if not coordinated:
            self.emit(status, cnt, victims, i, m + 1, subset=subset)
            return
        first_end = coordinated[0][2] - 1
        if self.toks[first_end - 1].low == ",":
            first_end -= 1
        self.emit(status, cnt, victims, i, first_end)
        for c_cnt, c_v, c_s, c_e in coordinated:
            self.emit(status, c_cnt, c_v, c_s, c_e, same_group=True)
        for q in range(i, m + 1):
            self.used[q] = True
