"""Tokens of a text as the gazetteer reads it: folded keys, capitalisation, hyphen joins and runs of names.

Why a module of its own: tokenising is the gazetteer's first step and has no state; the matcher
(``streams.geo``) works on these tokens; what follows a name ("Augie LGA", "Abha International Airport") is read
here too, and whether a name is glued into a longer capitalised one ("Pan Tha Pyay", "Burj al-Shamali").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from streams.geo_base import (
    _APOSTROPHES,
    _ARTICLES,
    _JOIN_RE,
    _LOWER_OK,
    _MAX_TOKENS,
    _TOKEN_RE,
    ADMIN_DESIGNATORS,
    PARTICLES,
    fold,
)


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    key: str
    capital: bool  # starts with an upper-case letter or is a lower-case-allowed word


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    for m in _TOKEN_RE.finditer(text):
        raw = m.group()
        end = m.end()
        # Possessive "Kharkiv's": the name is the part before the apostrophe.
        if len(raw) > 2 and raw[-1] in "sS" and raw[-2] in _APOSTROPHES:
            raw = raw[:-2]
            end -= 2
        key = fold(raw)
        if not key:
            continue
        key = "".join(ch for ch in key if ch.isalnum())
        capital = raw[0].isupper() or raw[0].isdigit() or key in _LOWER_OK
        tokens.append(_Token(m.start(), end, key, capital))
    return tokens


def _hyphenated(text: str, tokens: list[_Token], i: int, j: int) -> bool:
    """Tokens [i, j) are hyphen-joined to a token before or after them."""
    # "al-Nusairat": an Arabic article joined by a hyphen is no longer name
    before = (
        i > 0
        and text[tokens[i - 1].end : tokens[i].start] in ("-", "\u2010", "\u2011")
        and not (tokens[i - 1].key in _ARTICLES and text[tokens[i - 1].start].islower())
    )
    after = j < len(tokens) and text[tokens[j - 1].end : tokens[j].start] in ("-", "\u2010", "\u2011")
    return before or after


def _run_lengths(text: str, tokens: list[_Token]) -> list[int]:
    """For each token, how many tokens from it on are joined by spaces/hyphens only (capped)."""
    n = len(tokens)
    runs = [1] * n
    for i in range(n - 2, -1, -1):
        gap = text[tokens[i].end : tokens[i + 1].start]
        if _JOIN_RE.fullmatch(gap) or (
            # "Donetsk People's Republic": a possessive inside a name that a designator word closes
            tokens[i + 1].key in _POSSESSIVE_CLOSERS and _POSSESSIVE_GAP.fullmatch(gap)
        ):
            runs[i] = min(runs[i + 1] + 1, _MAX_TOKENS)
    return runs


_POSSESSIVE_GAP = re.compile(r"[" + _APOSTROPHES + r"][sS] ")
_POSSESSIVE_CLOSERS = frozenset({"republic"})


def _designated(tokens: list[_Token], j: int) -> bool:
    """tokens[j:] open a second-level unit's designator: "LGA", "Township", "Local Government Area"."""
    if j >= len(tokens):
        return False
    if tokens[j].key in ADMIN_DESIGNATORS:
        return True
    return tokens[j].key == "local" and j + 1 < len(tokens) and tokens[j + 1].key == "government"


_AIRFIELD_WORDS = (("airport",), ("airfield",), ("airbase",), ("air", "base"), ("international", "airport"))


def _airfield_after(tokens: list[_Token], j: int) -> bool:
    """tokens[j:] name the town's airfield: "Abha International Airport", "Kherson Airport" lie at the town they
    are named after, so the name is the town's, not a word of a longer name."""
    keys = tuple(t.key for t in tokens[j : j + 2])
    return any(keys[: len(w)] == w for w in _AIRFIELD_WORDS)


# Capitalised words that do not continue a place name when they stand next to one.
_FUNCTION_WORDS = frozenset(
    [
        "in",
        "at",
        "on",
        "near",
        "from",
        "to",
        "the",
        "of",
        "and",
        "or",
        "for",
        "by",
        "a",
        "an",
        "with",
        "into",
        "outside",
        "around",
        "between",
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "upper",
        "lower",
        "greater",
        "new",
        "old",
        "city",
        "town",
        "village",
        "district",
        "province",
        "region",
        "state",
        "governorate",
        "county",
        "area",
        "camp",
        "airport",
        "base",
        "strike",
        "strikes",
        "airstrike",
        "airstrikes",
        "drone",
        "drones",
        "attack",
        "attacks",
        "said",
        "says",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)


def _after_article(text: str, tokens: list[_Token], runs: list[int], i: int) -> bool:
    """The match at token ``i`` ends a longer Arabic-style name: "Burj al-Shamali" is no "Ash Shamali" region.

    Uses the module's ``_ARTICLES`` (the articles news copy drops or keeps at will)."""
    if i < 2 or tokens[i - 1].key not in _ARTICLES or text[tokens[i - 1].start].isupper():
        return False
    head = tokens[i - 2]
    return runs[i - 2] > 2 and text[head.start].isupper() and head.key not in _FUNCTION_WORDS


def _glued(text: str, tokens: list[_Token], runs: list[int], i: int, j: int, starts: set[int], ends: set[int]) -> bool:
    """True when the match tokens[i:j] sits inside a longer run of capitalised words."""
    if i > 0 and runs[i - 1] > 1 and i not in ends:
        prev = tokens[i - 1]
        if text[prev.start].isupper() and prev.key not in _FUNCTION_WORDS and prev.key not in PARTICLES:
            before = text[max(0, prev.start - 2) : prev.start]
            if prev.start > 0 and not re.search(r"[.!?:\n]\s*$|^$", before):
                return True
    if j < len(tokens) and runs[j - 1] > 1 and j not in starts:
        nxt = tokens[j]
        if text[nxt.start].isupper() and nxt.key not in _FUNCTION_WORDS and nxt.key not in _LOWER_OK:
            return not (_designated(tokens, j) or _airfield_after(tokens, j))
    return False
