"""The casualty scanner's rules for the dead named person by person: "a 70-year-old woman and her grandson were
killed", "Those killed were a 60-year-old farmer and his two grandsons", "Killed: a shepherd and his 12-year-old son".

Why apart from ``streams.casualties``: a monitor's write-up names its victims by age, sex and kin rather than by a
count, and reading such a list (a possessive and a kin noun as one more person; "the dead were" as a breakdown of a
toll told elsewhere) is a rule family of its own; kept here, the scanner module stays small enough to read.
``_ListRules`` is a mixin of ``streams.casualties._Scanner``.
"""

from __future__ import annotations

from streams.casualty_counts import _age_at, _Count, _count_at, _singular, _sum, _things_after, _victim_after
from streams.casualty_tolls import _ScannerFields
from streams.casualty_words import AUX, POSSESSIVES, STOP, VICTIMS

#: a noun phrase of a coordination before the verb: its count, victims, start and end tokens
_Part = tuple[_Count, str | None, int, int]


class _ListRules(_ScannerFields):
    """Rules of ``streams.casualties._Scanner`` (which defines ``_passive_parts``)."""

    def _passive_parts(self, victims: str | None, k: int) -> tuple[list[_Part], int]:
        raise NotImplementedError

    def _skip_things(self, k: int) -> int:
        """The token after "and four armoured vehicles" at ``k`` when an auxiliary follows: "up to 25 servicemen
        and two armoured vehicles were eliminated" counts the servicemen (the vehicles are no casualties)."""
        toks, n = self.toks, self.n
        if not (k + 2 < n and toks[k].low == "and"):
            return k
        more = _count_at(toks, k + 1)
        if more is None or not _things_after(toks, more.end):
            return k
        q = more.end
        while q < n and q - more.end <= 4 and toks[q].low not in AUX:
            if toks[q].low in STOP:
                return k
            q += 1
        return q if q < n and toks[q].low in AUX else k

    def _kin_at(self, k: int) -> _Count | None:
        """ "his wife", "her 12-year-old son", "their two children": a person (or a count of them) named by a
        possessive in a list of the dead ("a 70-year-old woman and her grandson were killed")."""
        toks, n = self.toks, self.n
        if k + 1 >= n or toks[k].low not in POSSESSIVES:
            return None
        counted = _count_at(toks, k + 1)
        if counted is not None and not counted.article:
            return counted  # "their two children"
        j = k + 4 if _age_at(toks, k + 1) else k + 1
        if j < n and toks[j].low in VICTIMS and _singular(toks[j].low):
            return _Count(1, 1, 1, j, article=True)  # (ends at the noun, past the age)
        return None

    def _dead_were(self, i: int) -> int | None:
        """ "Those killed were a 60-year-old farmer and his two grandsons", "The dead were identified as a teacher,
        her husband and their daughter", "Killed: a shepherd and his 12-year-old son": the dead as a list."""
        toks, n = self.toks, self.n
        low = toks[i].low
        if low in ("killed", "dead") and i >= 1 and toks[i - 1].low in ("those", "the") and i + 1 < n and toks[
            i + 1
        ].low in ("were", "are"):
            j = i + 2
            if j + 1 < n and toks[j].low == "identified" and toks[j + 1].low == "as":
                j += 2
        elif low in ("killed", "dead") and i + 1 < n and toks[i + 1].low == ":" and (
            i == 0 or toks[i - 1].low in (".", ";", "|")
        ):
            j = i + 2
        else:
            return None
        first = _count_at(toks, j)
        if first is None or (low == "killed" and toks[i + 1].low == ":" and not first.article):
            return None  # ("Killed: 3" is a monitor's field, read by ``_labelled``)
        victims, vend = _victim_after(toks, first.end)
        if victims is None:
            return None
        parts, end = self._passive_parts(victims, vend)
        if not parts and first.article:
            return None  # one person named is a detail of a toll told elsewhere
        # who the dead were: a breakdown of a toll told elsewhere ("Three people were killed ... The dead are two
        # employees of the enterprise and a 67-year-old resident"), the toll itself only when there is none
        if first.article:
            # "a 60-year-old farmer and his two grandsons": the people of one list, one figure
            total = first
            for part_cnt, _, _, _ in parts:
                total = _sum(total, part_cnt)
            self.emit("killed", total, victims, j, end, subset=True)
        else:
            first_end = parts[0][2] - 1 if parts else end
            self.emit("killed", first, victims, j, first_end, subset=True)
            for part_cnt, part_v, part_s, part_e in parts:
                self.emit("killed", part_cnt, part_v, part_s, part_e, same_group=True, subset=True)
        return end
