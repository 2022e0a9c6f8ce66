"""Access to the geography layer (``streams.geo``) for the entity stage and detection.

Why a wrapper: detection and the place component only need ``find`` / ``country_of`` / ``admin1_name``; going
through one function keeps the dependency in one place. While ``streams.geo`` (or its data files) is not
available, a deliberately tiny stand-in built from pycountry's subdivision names answers the same calls so
the pipeline keeps running; it is TEMPORARY and is removed once geo lands.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any


@dataclass(frozen=True)
class _FallbackMatch:
    start: int
    end: int
    text: str
    code: str
    country: str
    kind: str
    name: str
    population: int = 0
    ambiguous: bool = False
    candidates: tuple[str, ...] = ()


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).replace("'", "").replace("\u2019", "")


class _FallbackGazetteer:
    """TEMPORARY stand-in for streams.geo.Gazetteer: admin-1 names only, plus a handful of big cities."""

    _EXTRA = {
        "Aleppo": "SY-HL", "Raqqa": "SY-RA", "Deir el-Zour": "SY-DY", "Deir ez-Zor": "SY-DY", "Idlib": "SY-ID",
        "Hamedan": "IR-13", "Tehran": "IR-23", "Damascus": "SY-DI", "Homs": "SY-HI",
    }
    _COUNTRIES = {"Syria": "SY", "Syrian": "SY", "Iran": "IR", "Iranian": "IR", "Russia": "RU", "Russian": "RU"}

    def __init__(self) -> None:
        import pycountry

        names: dict[str, str] = dict(self._EXTRA)
        for sub in pycountry.subdivisions:
            if sub.parent_code is None:
                names.setdefault(_fold(str(sub.name)), str(sub.code))
        self._names = names
        alts = sorted(names, key=len, reverse=True)
        self._re = re.compile(r"\b(?:" + "|".join(re.escape(a) for a in alts) + r")\b")
        self._cre = re.compile(r"\b(?:" + "|".join(self._COUNTRIES) + r")\b")

    def find(self, text: str, *, countries: set[str] | None = None) -> list[_FallbackMatch]:
        out = []
        for m in self._re.finditer(text):
            code = self._names[m.group()]
            out.append(_FallbackMatch(m.start(), m.end(), m.group(), code, code[:2], "admin1", m.group()))
        return out

    def country_of(self, text: str) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), self._COUNTRIES[m.group()]) for m in self._cre.finditer(text)]

    def admin1_name(self, code: str) -> str | None:
        for name, c in self._names.items():
            if c == code:
                return name
        return None


@cache
def load_gazetteer() -> Any:
    """The geo gazetteer (cached), or the temporary stand-in while geo is not importable."""
    try:
        from streams.geo import Gazetteer

        return Gazetteer.load()
    except (ImportError, FileNotFoundError):
        return _FallbackGazetteer()
