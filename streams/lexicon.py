"""Aircraft, air-launched weapon and air base gazetteers: loading the reviewed CSV files and matching them.

Why a module of its own: the spaCy component (``streams.components``) needs the aliases to tag mentions, and
detection (``streams.detect``) needs the metadata behind a tag (an aircraft's kind, a base's country and city)
without re-reading files per article. Both go through the cached loaders here; nothing is read at import time.

Matching is a character-level regex built as a prefix tree (trie) of all aliases, so one pass over the text
finds every alias, longest first, in time linear in the text. The tree has no repetition (only bounded optional
groups), so there is no catastrophic backtracking on hostile input. Aliases with a digit ("Su-34", "MQ-9") match
case-insensitively; plain-word aliases ("Reaper", "Fullback") must match with their capitalisation, and
"weak" aliases that are also ordinary words ("Hawk", "Tornado") only count next to an aircraft noun or in quotes.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"
AIRCRAFT_CSV = DATA_DIR / "aircraft.csv"
MUNITIONS_CSV = DATA_DIR / "munitions.csv"
AIRBASES_CSV = DATA_DIR / "airbases.csv"
ARMED_GROUPS_CSV = DATA_DIR / "armed_groups.csv"

_SEPARATORS = "-\u2010\u2011\u2012\u2013\u2014\u2015 \u00a0"
_SEP_CLASS = "[-\u2010\u2011\u2012\u2013\u2014\u2015 \u00a0]?"
_KEY_DROP = re.compile(r"[\W_]+")
_AIRCRAFT_NOUN = re.compile(
    r"jets?|fighters?|bombers?|aircraft|(?:war)?planes?|helicopters?|gunships?|drones?|uavs?|"
    r"ground-attack|interceptors?|trainers?|munitions?|kamikaze|quadcopters?|loitering",
    re.IGNORECASE,
)
_QUOTES = frozenset("\"'\u201c\u201d\u2018\u2019")
_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")
_BASE_SUFFIXES = ("air base", "airbase", "airfield", "air field", "airport", "air station")


def alias_key(text: str) -> str:
    """Lookup key of an alias or a matched text: casefolded, separators and punctuation removed."""
    return _KEY_DROP.sub("", text.casefold())


@dataclass(frozen=True, slots=True)
class AircraftEntry:
    designation: str
    nato_name: str | None
    role: str
    kind: str  # fixed-wing | helicopter | drone | loitering-munition
    operators: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MunitionEntry:
    name: str
    kind: str
    carrier: str  # air | ground | ship | any


@dataclass(frozen=True, slots=True)
class BaseEntry:
    name: str
    aliases: tuple[str, ...]
    city: str
    country: str
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class Mention:
    """One gazetteer hit in a text: ``label`` is AIRCRAFT, MUNITION, AIRBASE or AIRBASE_CITY."""

    start: int
    end: int
    label: str
    canonical: str


def read_rows(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a data file whose first lines are ``#`` comments (source note and column docs)."""
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(line for line in f if not line.startswith("#")):
            yield {k: (v or "").strip() for k, v in row.items() if k}


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


def _trie_regex(words: Iterable[str]) -> str:
    """Regex source matching any of ``words`` (longest first); separators in a word match any or none."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for ch in word:
            token = "\x00" if ch in _SEPARATORS else ch.casefold()
            node = node.setdefault(token, {})
        node[""] = {}

    def render(node: dict[str, Any]) -> str:
        alts = []
        for ch in sorted(k for k in node if k):
            piece = _SEP_CLASS if ch == "\x00" else re.escape(ch)
            alts.append(piece + render(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return render(root)


@dataclass(frozen=True)
class _Alias:
    label: str
    canonical: str
    surface: str  # as written in the data file
    case_sensitive: bool
    weak: bool


class AliasMatcher:
    """All aliases of the three gazetteers compiled into one trie regex; see the module docstring."""

    def __init__(self, aliases: list[_Alias]) -> None:
        self._by_key: dict[str, list[_Alias]] = {}
        for a in aliases:
            key = alias_key(a.surface)
            if key:
                self._by_key.setdefault(key, []).append(a)
        source = _trie_regex(a.surface for a in aliases if alias_key(a.surface))
        # "FTC-2000G", "Su-30SME", "Mi-24P": a designation written with a variant suffix (capitals and digits)
        self._pattern = re.compile(
            r"(?<![\w/])(?:" + source + r")(?P<variant>(?-i:[A-Z0-9][A-Z0-9]{0,3}))?(?:['\u2019]?s)?(?![\w])",
            re.IGNORECASE,
        )

    def _lookup(self, matched: str) -> list[_Alias]:
        key = alias_key(matched)
        hits = self._by_key.get(key)
        if hits is None and key.endswith("s"):
            hits = self._by_key.get(key[:-1])
            if hits is not None:
                matched = re.sub(r"['\u2019]?s$", "", matched)
        if not hits:
            return []
        letters = _KEY_DROP.sub("", matched)
        out = []
        for a in hits:
            if a.case_sensitive and _KEY_DROP.sub("", a.surface) != letters[: len(_KEY_DROP.sub("", a.surface))]:
                continue
            out.append(a)
        return out

    def finditer(self, text: str) -> Iterator[Mention]:
        for m in self._pattern.finditer(text):
            if _ARTICLE_AND_NUMBER.fullmatch(m.group()) or _AGE_AFTER.match(text, m.end()):
                continue  # "a 10-year-old boy", "a 10 km stretch": an article and a number, not the A-10
            hits = self._lookup(m.group())
            if not hits and m.group("variant"):
                # the suffix is a variant of a designation (one with digits), not part of any listed name
                base = text[m.start() : m.start("variant")]
                hits = [a for a in self._lookup(base) if a.label == "AIRCRAFT" and _has_digit(a.surface)]
            if not hits:
                continue
            seen: set[tuple[str, str]] = set()
            for a in hits:
                if (a.label, a.canonical) in seen:
                    continue
                if a.weak and not _weak_ok(text, m.start(), m.end()):
                    continue
                seen.add((a.label, a.canonical))
                yield Mention(m.start(), m.end(), a.label, a.canonical)


# a lower-case letter, a space and digits ("a 10"), or a figure that runs on into an age or a measure ("-year-old")
_ARTICLE_AND_NUMBER = re.compile(r"[a-z]\s+\d+")
_AGE_AFTER = re.compile(r"-(?:year|month|day|week|km|metre|meter|mile|strong|member)\b", re.IGNORECASE)


def _weak_ok(text: str, start: int, end: int) -> bool:
    """A weak alias ("Hawk", "Tornado") counts in quotes or when one of the next three words is an aircraft noun."""
    before = text[max(0, start - 1) : start]
    after = text[end : end + 1]
    if before in _QUOTES and after in _QUOTES:
        return True
    words = _WORD.findall(text[end : end + 40])[:3]
    return any(_AIRCRAFT_NOUN.fullmatch(w) for w in words)


@cache
def aircraft_table(path: Path = AIRCRAFT_CSV) -> dict[str, AircraftEntry]:
    """Designation -> entry, from ``aircraft.csv``."""
    out: dict[str, AircraftEntry] = {}
    for row in read_rows(path):
        out[row["designation"]] = AircraftEntry(
            designation=row["designation"],
            nato_name=row.get("nato_name") or None,
            role=row.get("role", ""),
            kind=row.get("kind", ""),
            operators=tuple(_split(row.get("operators", ""))),
        )
    return out


@cache
def aircraft_family(designation: str) -> str:
    """The table's designation a variant belongs to ("FTC-2000G" -> "FTC-2000", "Su-30SME" -> "Su-30SM"): reports
    of one strike that name the type with and without its suffix name one aircraft."""
    table = aircraft_table()
    if designation in table:
        return designation
    key = alias_key(designation)
    best = max((d for d in table if alias_key(d) and key.startswith(alias_key(d))), key=len, default=None)
    return best or designation


@cache
def munition_table(path: Path = MUNITIONS_CSV) -> dict[str, MunitionEntry]:
    """Name -> entry, from ``munitions.csv``."""
    return {
        row["name"]: MunitionEntry(name=row["name"], kind=row.get("kind", ""), carrier=row.get("carrier", "air"))
        for row in read_rows(path)
    }


@cache
def base_table(path: Path = AIRBASES_CSV) -> dict[str, BaseEntry]:
    """Canonical base name -> entry, from ``airbases.csv``."""
    out: dict[str, BaseEntry] = {}
    for row in read_rows(path):
        out[row["name"]] = BaseEntry(
            name=row["name"],
            aliases=tuple(_split(row.get("aliases", ""))),
            city=row.get("city", ""),
            country=row.get("country", ""),
            lat=float(row.get("lat") or 0.0),
            lon=float(row.get("lon") or 0.0),
        )
    return out


def _has_digit(s: str) -> bool:
    return any(ch.isdigit() for ch in s)


def _aircraft_aliases(path: Path) -> Iterator[_Alias]:
    for row in read_rows(path):
        designation = row["designation"]
        weak = set(_split(row.get("weak", "")))
        surfaces = [designation, *_split(row.get("variants", ""))]
        for s in surfaces:
            yield _Alias("AIRCRAFT", designation, s, not _has_digit(s), s in weak)
        nato = row.get("nato_name", "")
        # A NATO reporting name is often an ordinary word ("Bear", "Candid"): weak unless listed as a variant.
        for s in (weak | ({nato} if nato else set())) - set(surfaces):
            yield _Alias("AIRCRAFT", designation, s, True, True)


def _munition_aliases(path: Path) -> Iterator[_Alias]:
    for row in read_rows(path):
        name = row["name"]
        for s in [name, *_split(row.get("variants", ""))]:
            # Lower-case generic forms ("glide bombs", "barrel bomb") match in any case.
            yield _Alias("MUNITION", name, s, not _has_digit(s) and not s.islower(), False)


def _base_aliases(path: Path) -> Iterator[_Alias]:
    for row in read_rows(path):
        name = row["name"]
        forms = {name, *_split(row.get("aliases", ""))}
        for form in list(forms):
            low = form.casefold()
            if not any(low.endswith(suf) for suf in _BASE_SUFFIXES):
                forms.update(f"{form} {suf}" for suf in ("air base", "airbase", "airfield"))
        for s in sorted(forms):
            yield _Alias("AIRBASE", name, s, not _has_digit(s), False)
        if row.get("city"):
            yield _Alias("AIRBASE_CITY", name, row["city"], True, False)


@cache
def alias_matcher(
    aircraft_path: Path = AIRCRAFT_CSV, munitions_path: Path = MUNITIONS_CSV, airbases_path: Path = AIRBASES_CSV
) -> AliasMatcher:
    """The compiled matcher over the three files (cached per set of paths)."""
    aliases = [
        *_aircraft_aliases(aircraft_path),
        *_munition_aliases(munitions_path),
        *_base_aliases(airbases_path),
    ]
    return AliasMatcher(aliases)


@cache
def armed_group_pattern(path: Path = ARMED_GROUPS_CSV) -> tuple[re.Pattern[str], dict[str, str]]:
    """One case-sensitive trie regex over armed-group names and aliases, and alias -> canonical name."""
    names: dict[str, str] = {}
    for row in read_rows(path):
        for alias in [row["name"], *_split(row.get("aliases", ""))]:
            names[alias] = row["name"]
    source = _trie_regex(names)
    # matched case-insensitively, then kept only when written as listed ("IS" the group, not "is")
    return re.compile(r"(?<![\w-])(?:" + source + r")(?![\w-])", re.IGNORECASE), names
