"""Counting phrases of casualty claims: word tokens, number words, qualifiers ("at least", "dozens"), the
victim noun after a count, and subsets to skip ("including two children").

Why a module of its own: ``streams.casualties`` reads the shape of a claim (active, passive, coordinated,
toll update); what a count phrase is worth is the same in every shape and is tested on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from streams.casualty_words import (
    AUX,
    GROUPS,
    KILL_ACTIVE,
    KILL_PASSIVE,
    NOT_PEOPLE,
    SPEECH_VERBS,
    STOP,
    SUBSET,
    UNITS,
    VAGUE,
    VICTIMS,
)
from streams.eventdate import MONTHS

# (a name with digits is one word: "20 M23 fighters" counts 20 fighters of M23, not 23)
_TOKEN = re.compile(
    r"[A-Z]{1,4}\d{1,4}(?![\w])|\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?|[^\W\d_]+(?:[-'\u2019][^\W\d_]+)*|[^\w\s]"
)

# single quotes too ("five 'terrorists' had been neutralised", "estimated that 'more than 60' were wounded"): a
# stand-alone one is never an apostrophe inside a word, which the word pattern keeps ("it's")
_QUOTES = frozenset({'"', "\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb", "'", "\u2018", "\u2019"})


@dataclass
class _Tok:
    text: str
    low: str
    start: int
    end: int


#: "a group of", "a number of": one word for several people
_COLLECTIVES = frozenset({"group", "number", "band", "cell", "squad", "unit", "gang", "handful", "crowd", "gathering",
                          "convoy", "column", "camp", "hideout", "base", "meeting", "concentration"})


def _tokens(text: str, offset: int) -> list[_Tok]:
    """Word tokens; all-caps acronyms ("IS", "PKK") keep their case so "IS militants" is no "is"."""
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        if word in _QUOTES:
            continue  # 'killed "dozens of terrorists"': a quote mark is no word of the claim
        low = word if len(word) >= 2 and word.isalpha() and word.isupper() else word.lower()
        out.append(_Tok(word, low, m.start() + offset, m.end() + offset))
    # "nine persons lost their lives", "two soldiers paid the supreme price": one verb, read as "died"
    for i in range(len(out) - 1, -1, -1):
        for words, low in _IDIOMS:
            n = _idiom_at(out, i, words)
            if n:
                a, b = out[i].start, out[i + n - 1].end
                out[i : i + n] = [_Tok(text[a - offset : b - offset], low, a, b)]
                break
    return out


_POSSESSIVES = frozenset({"their", "his", "her"})
_INJURIES = frozenset({"injuries", "wounds", "injury", "wound"})
_INJURY_KIND = frozenset({"serious", "severe", "minor", "light", "critical", "gunshot", "shrapnel", "various",
                          "multiple", "fatal", "life-threatening", "moderate", "burn"})
_BODY = frozenset({"leg", "head", "arm", "hand", "chest", "back", "eye", "face", "foot", "shoulder", "neck", "spine",
                   "abdominal", "stomach"})
# Idioms of press offices read as one verb: each a sequence of word sets (an empty set after a set = optional word)
_IDIOMS: tuple[tuple[tuple[frozenset[str], ...], str], ...] = (
    ((frozenset({"lost"}), _POSSESSIVES, frozenset({"lives", "life"})), "died"),
    # Nigerian, Pakistani and Indian military releases: "two soldiers paid the supreme price"
    ((frozenset({"paid"}), frozenset({"the"}), frozenset({"supreme", "ultimate"}), frozenset({"price",
     "sacrifice"})), "died"),
    ((frozenset({"made"}), frozenset({"the"}), frozenset({"supreme", "ultimate"}), frozenset({"sacrifice"})), "died"),
    ((frozenset({"succumbed"}), frozenset({"to"}), _POSSESSIVES | {"the"}, _INJURIES), "died"),
    # Pakistani ISPR releases: "6 khwarij were sent to hell"
    ((frozenset({"sent"}), frozenset({"to"}), frozenset({"hell"})), "killed"),
    # "four others sustained injuries", "three sustained serious injuries", "a guard received a leg injury"
    ((frozenset({"sustained", "suffered", "received"}), frozenset({"a", "an"}), frozenset(), _INJURY_KIND | _BODY,
      frozenset(), _INJURIES), "injured"),
    # "23 people were receiving treatment for wounds": read as "were treated for wounds"
    ((frozenset({"receiving", "received", "undergoing", "underwent", "getting"}), frozenset({"medical"}), frozenset(),
      frozenset({"treatment"})), "treated"),
    # "four people remained in hospital with injuries": the wounded, counted where they are (not "five people
    # remained in hospital in a serious condition", a part of the wounded counted before)
    ((frozenset({"remained", "remain", "remains", "stayed"}), frozenset({"in"}), frozenset({"hospital", "hospitals"}),
      frozenset({"with"}), _INJURY_KIND, frozenset(), _INJURIES), "wounded"),
    # translated Arabic and Amharic posts: "11 people became martyrs", "A young man rose as a martyr"
    ((frozenset({"became", "rose", "fell", "ascended"}), frozenset({"as"}), frozenset(), frozenset({"a"}), frozenset(),
      frozenset({"martyr", "martyrs"})), "died"),
)


def _idiom_at(toks: list[_Tok], i: int, words: tuple[frozenset[str], ...]) -> int:
    """Tokens an idiom covers at ``toks[i]`` (0 = no match); a word set followed by an empty set is optional."""
    j = k = 0
    while k < len(words):
        optional = k + 1 < len(words) and not words[k + 1]
        if i + j < len(toks) and toks[i + j].low in words[k]:
            j += 1
        elif not optional:
            return 0
        k += 2 if optional else 1
    return j


def number_value(word: str) -> int | None:
    """Integer value of a digit string or a number word ("1,200", "seven", "twenty-one"); None otherwise."""
    w = word.lower().replace(",", "")
    if w.isdigit():
        return int(w)
    if w in UNITS:
        return UNITS[w]
    if "-" in w:
        parts = w.split("-")
        if len(parts) == 2 and parts[0] in UNITS and parts[1] in UNITS and UNITS[parts[0]] >= 20:
            return UNITS[parts[0]] + UNITS[parts[1]]
    return None


@dataclass
class _Count:
    count_min: int | None
    count_max: int | None
    acled_min: int | None
    end: int  # index after the number phrase
    article: bool = False  # "a"/"an" standing for one: only valid with a singular victim noun


def _age_at(toks: list[_Tok], k: int) -> bool:
    """Tokens k.. read "<number> - year-old" (or "-month-old"): an age."""
    return (
        k + 2 < len(toks)
        and number_value(toks[k].low) is not None
        and toks[k + 1].low in ("-", "\u2010", "\u2011")
        and toks[k + 2].low.startswith(("year", "month"))
    )


_AGE_JOINS = frozenset({"and", ",", "to", "between", "-"})


def skip_ages(toks: list[_Tok], k: int) -> int:
    """The token after an age phrase at ``k`` ("aged 47 and 52", "aged between 20 and 30"), or ``k`` when there
    is none: ages after the victims are no count ("Two men aged 47 and 52 were injured" hurt two)."""
    if k >= len(toks) or toks[k].low != "aged":
        return k
    j, numbers = k + 1, 0
    while j < len(toks) and (number_value(toks[j].low) is not None or toks[j].low in _AGE_JOINS):
        numbers += number_value(toks[j].low) is not None
        j += 1
    return j if numbers else k


def _qualifier(toks: list[_Tok], i: int) -> tuple[str, int]:
    """The qualifier of a number phrase at token ``i`` ("min", "gt", "max" or "") and the token after it:
    "at least", "more than", "up to", "as many as", "about", "no fewer than"."""
    n = len(toks)
    qual = ""
    j = i
    if j + 1 < n and toks[j].low == "at" and toks[j + 1].low == "least":
        qual, j = "min", j + 2
    elif j + 1 < n and toks[j].low in ("more", "over", "upwards") and toks[j + 1].low == "than":
        qual, j = "gt", j + 2
    elif j < n and toks[j].low == "over" and j + 1 < n and number_value(toks[j + 1].low) is not None:
        qual, j = "gt", j + 1
    elif j + 1 < n and toks[j].low == "up" and toks[j + 1].low == "to":
        qual, j = "max", j + 2
    elif j + 2 < n and toks[j].low == "as" and toks[j + 1].low == "many" and toks[j + 2].low == "as":
        qual, j = "max", j + 3
    elif j + 2 < n and toks[j].low == "no" and toks[j + 1].low in ("fewer", "less") and toks[j + 2].low == "than":
        qual, j = "min", j + 3
    elif j < n and toks[j].low in ("nearly", "almost"):
        qual, j = "max", j + 1
    elif j < n and toks[j].low in ("about", "around", "approximately", "roughly", "some", "all") and j + 1 < n and (
        number_value(toks[j + 1].low) is not None
        # "neutralised about a dozen terrorists"
        or (toks[j + 1].low in ("a", "an") and j + 2 < n and toks[j + 2].low == "dozen" and toks[j].low != "all")
    ):
        j += 1  # "all four people inside": exact
    return qual, j


_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
             "tenth": 10}


_RANGE_WORDS = frozenset({"to", "-", "\u2013", "or"})


def _count_at(toks: list[_Tok], i: int) -> _Count | None:
    """Parse a number phrase starting at token ``i``."""
    n = len(toks)
    qual, j = _qualifier(toks, i)
    if j >= n:
        return None
    low = toks[j].low
    if _age_at(toks, j):
        return None  # "a 47-year-old employee", "the 12-year-old girl": an age, not a count
    # "between 10 and 15"
    if low == "between" and j + 3 < n and toks[j + 2].low == "and":
        a, b = number_value(toks[j + 1].low), number_value(toks[j + 3].low)
        if a is not None and b is not None:
            return _Count(a, b, a, j + 4)
    if low in ("a", "an") and j + 1 < n and toks[j + 1].low == "dozen":
        return _apply(qual, 12, j + 2)
    if low in ("a", "an", "one") and j + 2 < n and toks[j + 1].low == "number" and toks[j + 2].low == "of":
        return _Count(None, None, None, j + 3)
    if low in ("an", "a") and j + 2 < n and toks[j + 1].low in ("unknown", "unspecified", "undisclosed"):
        k = j + 2
        if k < n and toks[k].low == "number":
            k += 1
        if k < n and toks[k].low == "of":
            k += 1
        return _Count(None, None, None, k)
    if low in ("several", "a", "few") and j + 1 < n and toks[j + 1].low == "dozen" and not qual:
        k = j + 2
        if k < n and toks[k].low == "of":
            k += 1
        return _Count(24, None, 12, k)
    if low == "a" and j + 2 < n and toks[j + 1].low == "few" and toks[j + 2].low == "dozen":
        return _Count(24, None, 12, j + 3 + (1 if j + 3 < n and toks[j + 3].low == "of" else 0))
    if low in VAGUE and not qual:
        cmin, cmax, amin = VAGUE[low]
        k = j + 1
        if k < n and toks[k].low == "of":
            k += 1
        if low in ("more", "others") or (low == "some" and k == j + 1):
            return None
        return _Count(cmin, cmax, amin, k)
    if (low in ("a", "the") and j + 1 < n and toks[j + 1].low in _ORDINALS and not qual
            and any(t.low in ("died", "succumbed") for t in toks[j + 2 : j + 6])):
        # "a third worker had died of his injuries": the dead now number three (but "a fourth person, a shepherd,
        # was wounded" is one more person, of another status)
        nth = _ORDINALS[toks[j + 1].low]
        return _Count(nth, nth, nth, j + 2)
    if low in ("a", "an") and not qual:
        if j + 2 < n and toks[j + 1].low in _COLLECTIVES and toks[j + 2].low == "of":
            return None  # "killed a group of militants": no number
        return _Count(1, 1, 1, j + 1, article=True)
    value = number_value(low)
    if value is None:
        return None
    if toks[j].text.isdigit() and len(toks[j].text) == 4 and value > 1900:
        return None  # a year
    k = j + 1
    # "5 to 6", "5-6", "3\u20135"
    if k + 1 < n and toks[k].low in _RANGE_WORDS and number_value(toks[k + 1].low) is not None and not qual:
        hi = number_value(toks[k + 1].low)
        assert hi is not None
        if hi > value:
            return _Count(value, hi, value, k + 2)
    if k < n and toks[k].low in ("hundred", "thousand") and value < 100:
        value *= 100 if toks[k].low == "hundred" else 1000
        k += 1
    if k + 2 < n and toks[k].low == "(" and toks[k + 2].low == ")" and number_value(toks[k + 1].low) == value:
        k += 3  # "twelve (12) terrorists": a communique writes the figure twice
    return _apply(qual, value, k)


def _apply(qual: str, value: int, end: int) -> _Count:
    if qual == "min":
        return _Count(value, None, value, end)
    if qual == "gt":
        return _Count(value + 1, None, value + 1, end)
    if qual == "max":
        return _Count(None, value, None, end)
    return _Count(value, value, value, end)


def _victim_after(toks: list[_Tok], j: int, limit: int = 5) -> tuple[str | None, int]:
    """Victim noun within ``limit`` modifier tokens after ``j``: (category, index after it) or (None, j)."""
    k = j
    acronym = -1
    while k < len(toks) and k - j <= limit:
        low = toks[k].low
        if _age_at(toks, k):
            k += 3  # "two 19-year-old soldiers": the age is a modifier
            continue
        if low.isupper() and low.isalpha():
            acronym = k  # "6 VDP and 1 civilian": an armed group's acronym used as the noun
            k += 1
            continue
        if low in VICTIMS:
            # noun compounds take their head: "rebel fighters", "police officers", "civilian residents"
            while k + 1 < len(toks) and toks[k + 1].low in VICTIMS and toks[k + 1].low != "others":
                k += 1
            # "members of a family", "members of one family": relatives, not fighters
            if toks[k].low in ("members", "member") and k + 3 < len(toks) and toks[k + 1].low == "of" and (
                toks[k + 2].low in ("a", "one", "the", "his", "her", "their", "same") or toks[k + 3].low == "family"
            ) and "family" in (toks[k + 3].low, toks[min(k + 4, len(toks) - 1)].low):
                return "civilians", k + 1
            return VICTIMS[toks[k].low], k + 1
        if low in STOP or low in KILL_ACTIVE or low in KILL_PASSIVE or low in AUX or number_value(low) is not None:
            break
        k += 1
    if acronym >= 0 and acronym == k - 1:
        return "fighters", k
    return None, j


_SHARE = frozenset({"all", "most", "many", "half", "some", "both", "several", "none"})


def _skip_subset(toks: list[_Tok], k: int) -> int:
    """Skip ", including two children," or "(among them ...)" after a noun phrase."""
    n = len(toks)
    if k + 2 < n and toks[k].low == "among" and toks[k + 1].low in ("the", "those") and toks[k + 2].low in (
        "dead", "killed", "wounded", "injured"
    ):
        return k  # "CCM counts one civilian among the dead": the subset itself, not an aside before a verb
    if k < n and toks[k].low in ("including", "among"):
        # "Nine people including two officers and seven civilians were killed": up to the verb
        m = k + 1
        while m < n and toks[m].low not in AUX and toks[m].low not in KILL_PASSIVE and toks[m].low not in (
            ",", ";", ".", ")"
        ):
            m += 1
        return m
    # ", two of them children," / "(three of whom were women)" / ", all of them children,": a breakdown between the
    # count and its verb
    breakdown = (
        k + 3 < n and toks[k].low in (",", "(", "-", "\u2014")
        and (number_value(toks[k + 1].low) is not None or toks[k + 1].low in _SHARE)
        and toks[k + 2].low == "of" and toks[k + 3].low in ("them", "whom")
    )
    if k < n and toks[k].low in (",", "(", "-", "\u2014") and k + 1 < n and (toks[k + 1].low in SUBSET or breakdown):
        m = k + 2
        while m < n and toks[m].low not in (",", ")", ";", ".", "\u2014"):
            m += 1
        return m + 1 if m < n and toks[m].low in (",", ")", "\u2014") else m
    # "two civilians, a driver and his brother, were killed", "Two civilians, shepherds from the village of X, were
    # martyred": an appositive naming who they were
    if k + 2 < n and toks[k].low == "," and (
        toks[k + 1].low in ("a", "an", "the", "his", "her", "their", "both") or toks[k + 1].low in VICTIMS
    ):
        m = k + 2
        while m < n and m - k <= 9 and toks[m].low not in (",", ";", "."):
            m += 1
        if m + 1 < n and toks[m].low == "," and (toks[m + 1].low in AUX or toks[m + 1].low in KILL_PASSIVE):
            return m + 1
    return k


_PLURAL_NOUNS = frozenset({"people", "men", "women", "children", "police", "staff", "crew", "personnel", "militia",
                           "family", "service", "displaced", "kids", "babies", "idps"})


def _singular(noun: str) -> bool:
    """A victim noun in the singular ("driver", "boy"), not "people", "children" or "guards"."""
    return noun not in _PLURAL_NOUNS and not noun.endswith("s")


def _group_of(victims: str | None) -> str:
    return GROUPS.get(victims or "people", "civ")


def _sum(a: _Count, b: _Count) -> _Count:
    def add(x: int | None, y: int | None) -> int | None:
        return None if x is None or y is None else x + y

    return _Count(add(a.count_min, b.count_min), add(a.count_max, b.count_max), add(a.acled_min, b.acled_min), b.end)


def _things_after(toks: list[_Tok], k: int) -> bool:
    """The count before token ``k`` counts things, not people: "20 drones", "20 enemy UAVs", "25 heads of cattle"."""
    for j in range(k, min(len(toks), k + 3)):
        low = toks[j].low
        if low in NOT_PEOPLE:
            return True
        if low in VICTIMS or not low.isalpha() or low in AUX or low in KILL_PASSIVE or low in STOP:
            return False  # the noun phrase ended ("nine wounded when drones hit")
    return False


def _date_before(toks: list[_Tok], i: int) -> bool:
    """"on Aug. 2 killed five": the number is a day of the month, not a count."""
    if i == 0:
        return False
    prev = toks[i - 1].low
    if prev == "." and i >= 2:
        prev = toks[i - 2].low
    return prev.rstrip(".") in MONTHS and toks[i].low.isdigit()


def _of_phrase_end(toks: list[_Tok], k: int) -> int:
    """"four members of the Revolutionary Guards and two civilians": the "and" after an of-phrase that ends the
    first noun phrase of a coordination, or ``k`` when there is none."""
    n = len(toks)
    if not (k < n and toks[k].low == "of"):
        return k
    q = k + 1
    while q < n and q - k <= 6 and toks[q].low not in (",", ";", ".", "and", ":") and toks[q].low not in AUX:
        if toks[q].low in KILL_PASSIVE or (number_value(toks[q].low) is not None and toks[q - 1].low != "of"):
            return k  # ("five members of one family": a number right after "of" is part of the phrase)
        q += 1
    if q + 1 < n and toks[q].low == "and" and _count_at(toks, q + 1) is not None:
        return q
    return k


_THE_REST = frozenset({"third", "fourth", "fifth", "other", "others", "rest", "remaining", "last"})


def _rest_named(toks: list[_Tok], k: int) -> bool:
    """The phrase from ``k`` goes on to the rest of the dead ("and the third was the driver")."""
    return any(toks[q].low == "the" and toks[q + 1].low in _THE_REST for q in range(k, min(len(toks) - 1, k + 13)))


def _said_after(toks: list[_Tok], k: int) -> bool:
    """A speech verb follows at ``k`` or after a few more words of the same phrase ("and a health worker said")."""
    for q in range(k, min(len(toks), k + 6)):
        if toks[q].low in SPEECH_VERBS:
            return True
        if toks[q].low in (",", ".", ";", ":"):
            return False
    return False
