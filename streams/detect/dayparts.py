"""Part of the day a report puts its strike in (night, morning, afternoon, evening): "before dawn", "on Monday
afternoon", "at around 13:10", "at 8:15 am".

Why apart from ``streams.detect.timing``: the part of the day tells two strikes of one place and day apart (the
grouping of an article's sentences, the fuser's matching across reports); it says nothing about whether a strike is
news, which is what the timing rules decide.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from streams.eventdate import DIED_BEFORE, SAID_BEFORE

_DAYPART_WORDS = re.compile(
    r"\b(?P<w>before\s+dawn|overnight|at\s+night|(?:mon|tues|wednes|thurs|fri|satur|sun)day\s+night|"
    r"(?:in\s+the\s+|this\s+|(?:mon|tues|wednes|thurs|fri|satur|sun)day\s+)(?:morning|afternoon|evening)(?:'s)?)\b",
    re.I,
)
_CLOCK = re.compile(
    r"\b(?:at|after|before|around|about|by)\s+(?:about|around|roughly)?\s*(?P<h>[0-2]?\d)"
    r"(?:[:.](?P<m>[0-5]\d)\s*(?P<ap>[ap]\.?m\.?)?|\s*(?P<ap2>[ap]\.?m\.?)(?!\w))",
    re.I,
)


def _daypart_of_hour(hour: int) -> str:
    return "night" if hour < 5 else "morning" if hour < 12 else "afternoon" if hour < 18 else "evening"


def dayparts(texts: Iterable[str]) -> frozenset[str]:
    """Parts of the day the texts put the strike in (night, morning, afternoon, evening)."""
    out: set[str] = set()
    for t in texts:
        for m in _DAYPART_WORDS.finditer(t):
            if SAID_BEFORE.search(t, max(0, m.start() - 60), m.start()):  # "said on Saturday morning"
                continue
            if DIED_BEFORE.search(t, max(0, m.start() - 40), m.start()):  # "two of the wounded died overnight"
                continue
            w = m["w"].lower()
            out.add(next((p for p in ("morning", "afternoon", "evening") if p in w), "night"))
        for m in _CLOCK.finditer(t):
            hour = int(m["h"])
            ap = (m["ap"] or m["ap2"] or "").lower()
            if ap.startswith("p") and hour < 12:
                hour += 12
            elif ap.startswith("a") and hour == 12:
                hour = 0  # "12:40 a.m." is just after midnight
            if hour < 24:
                out.add(_daypart_of_hour(hour))
    return frozenset(out)
