"""Geography layer: admin-1 regions (ISO 3166-2), a town -> province table, and a fast text matcher.

Why it exists: a strike's target provinces must come out as ISO 3166-2 first-level codes, but wire copy and
ACLED notes name places in many spellings ("Deir ez-Zor", "Dayr az Zawr", "Deir al-Zour"), name towns and
districts instead of provinces ("Mantaf village, Idleb", "(Seytenga, Seno)"), and reuse names across countries
("Gaza" in Palestine and Mozambique, "Tripoli" in Libya and Lebanon). This module turns raw text into place
mentions with their admin-1 code, country and population, so callers can keep the places of the country the
article is about.

Data comes from three reviewed CSV files in ``streams/data`` (see their header lines for source and licence):

- ``admin1.csv``: every first-level subdivision pycountry lists, with generated name forms;
- ``places.csv``: towns, cities and lower-level subdivisions with the admin-1 code that contains them;
- ``admin1_variants.csv``: hand-written English/transliterated variants, country names and demonyms, region
  groups ("Donbas", "Darfur"), city/region pairs ("Kyiv" city vs Kyiv oblast) and blocked surface forms.

Matching works on raw text without spaCy: the text is cut into word tokens, each folded (accents, apostrophes
and case removed), and the longest token sequence found in one dict wins, left to right. A match must be
capitalised in the text (particles such as "al", "ez", "de" and region words such as "province" may be lower
case), so the common word "bay" never matches while the Somali region "Bay" can. Country names and demonyms
are reported by :meth:`Gazetteer.country_of`, not by :meth:`Gazetteer.find` (kind "country" is reserved).
Everything loads once, lazily, through the cached :meth:`Gazetteer.load`; nothing is read at import time.

Layout: name folding, word lists and the entry type live in ``streams.geo_base``, building the index from the
tables (and the transliteration keys) in ``streams.geo_index``; this module matches text.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from pathlib import Path

from streams.geo_base import (
    _ARTICLES,
    _DEMONYM_ACTOR,
    _KIND_RANK,
    _W_CALLER,
    _W_DEMONYM,
    _W_GROUP,
    _W_NAME,
    _W_PLACE,
    _WATER_BEFORE,
    AMBIGUITY_MARGIN,
    ANCHOR_POPULATION,
    CONFLICT_COUNTRIES,
    DATA_DIR,
    KIND_ADMIN1,
    KIND_CITY,
    KIND_DISTRICT,
    REGION_WORDS,
    PlaceMatch,
    _Entry,
    attacker_theatres,
    group_theatres,
    name_key,
    translated_from,
)
from streams.geo_index import (
    _SOUND_MIN_RATIO,
    _build_index,
    _Index,
    sound_key,
)
from streams.geo_tokens import _after_article, _designated, _glued, _hyphenated, _run_lengths, _Token, _tokenize


class Gazetteer:
    """Place-name matcher over admin-1 regions, districts and towns. Build with :meth:`load`."""

    def __init__(self, index: _Index) -> None:
        self._ix = index
        self._max_tokens = max((len(k) for k in index.places), default=1)
        self._max_country_tokens = max((len(k) for k in index.countries), default=1)

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls) -> Gazetteer:
        """The gazetteer built from ``streams/data/*.csv``; built once per process and cached."""
        return _load_cached(DATA_DIR)

    @classmethod
    def from_dir(cls, data_dir: Path) -> Gazetteer:
        """Build from another data directory (same file names); not cached."""
        return cls(_build_index(data_dir))

    # ------------------------------------------------------------------ queries
    def admin1_name(self, code: str) -> str | None:
        """English name of an admin-1 code ("SY-ID" -> "Idlib"), or None when unknown."""
        return self._ix.admin1_names.get(code.upper())

    def admin1_country(self, code: str) -> str | None:
        """Country (alpha-2) of an admin-1 code, or None when unknown."""
        return self._ix.admin1_country.get(code.upper())

    def city_in(self, name: str, code: str) -> bool:
        """A town of admin-1 region ``code`` is called ``name`` (as "Chernihiv" is both a city and its oblast)."""
        # (a hand-listed region keeps the position of the town of its form: that town is the region's seat)
        return any(
            code.upper() in e.codes and (e.kind == KIND_CITY or (e.kind == KIND_ADMIN1 and e.lat is not None))
            for e in self._ix.places.get(name_key(name), [])
        )

    def country_of(self, text: str) -> list[tuple[int, int, str]]:
        """Country names and demonyms in ``text`` ("Syria", "Syrian", "Yemeni") as (start, end, alpha2)."""
        return [(s, e, cc) for s, e, cc, _ in self._country_mentions(text, _tokenize(text))]

    def is_demonym(self, text: str) -> bool:
        """``text`` is a people's name ("Syrian", "Lebanese"), not a country's ("Syria")."""
        found = self._ix.countries.get(name_key(text))
        return bool(found and found[1])

    def countries_in(self, text: str) -> set[str]:
        """Countries the text is about: countries named, and countries of unambiguous strong place mentions.

        Demonyms do not count: in "Turkish drones struck Duhok" the demonym names the attacker.
        """
        found = {cc for _, _, cc, w in self._country_mentions(text, _tokenize(text)) if w >= _W_NAME}
        for m in self.find(text):
            if not m.ambiguous and (m.kind in (KIND_ADMIN1, KIND_DISTRICT) or m.population >= ANCHOR_POPULATION):
                found.add(m.country)
        return found

    def find(self, text: str, *, countries: set[str] | None = None, glue: bool = True) -> list[PlaceMatch]:
        """All place mentions in ``text``: longest match first, left to right, never overlapping.

        Forms must be capitalised in the text (particles and region words excepted). A form with several
        meanings is resolved by evidence: ``countries`` (alpha-2) given by the caller weigh most, then countries
        of unambiguous admin-1 names, hand-listed places and big cities in the text, then country names and
        demonyms; a town whose admin-1 region is also named wins over its namesakes ("Yakovlivka, Kharkiv").
        Weak forms ("Nord", "Bay") count only for a country with evidence, and once the text has evidence,
        small towns (under 100,000 people) of countries without any are dropped.
        """
        tokens = _tokenize(text)
        if not tokens:
            return []
        runs = _run_lengths(text, tokens)
        spans = self._scan(text, tokens, runs)
        starts = {i for i, _, _ in spans}
        ends = {j for _, j, _ in spans}
        # A neighbour that is itself a place ("Hama-Aleppo") does not glue.
        # (``glue=False``: the caller capitalised a lower-case text, so capitals say nothing about name runs)
        glued = [glue and _glued(text, tokens, runs, i, j, starts, ends) for i, j, _ in spans]
        evidence, place_evidence, named = self._evidence(
            text, tokens, countries, [sp for sp, g in zip(spans, glued, strict=True) if not g]
        )
        named_codes, regions_named = _regions_named(spans)
        # the language the copy was translated from: a tie-breaker between namesakes, never a reason to keep one
        hint = translated_from(text)
        any_evidence = any(w >= _W_PLACE for w in named.values())
        out: list[PlaceMatch] = []
        minor: list[bool] = []  # parallel to out: a small generated town (may yield to a named region)
        homes: dict[str, tuple[str, PlaceMatch]] = {}  # a namesake town's text -> (its code, the region it is in)
        for (i, j, entries), is_glued in zip(spans, glued, strict=True):
            if _after_article(text, tokens, runs, i):
                continue
            if is_glued:
                # Part of a longer capitalised name ("Pan Tha Pyay", "Gire Bihar", "Bangui Mallam"): only a
                # region or hand-listed place of a country the text is about survives.
                entries = [
                    e
                    for e in entries
                    if (e.kind == KIND_ADMIN1 or e.hand) and not e.weak and place_evidence.get(e.country, 0.0) > 0
                ]
            ranked = _resolve(entries, evidence, named_codes, any_evidence, place_evidence, hint)
            if not ranked or _namesakes_elsewhere(ranked, regions_named):
                continue
            best = ranked[0]
            codes = _codes(ranked)
            # "Idlib province", "Kyiv oblast": a region word right after a name joins the match.
            if j < len(tokens) and runs[j - 1] > 1 and tokens[j].key in REGION_WORDS and best.kind != KIND_DISTRICT:
                j += 1
                if best.region_code:
                    codes = [best.region_code]
            elif best.region_code and _around_city(text, tokens[i].start, out):
                codes = [best.region_code]
            kind = best.kind
            if kind == KIND_CITY and _designated(tokens, j):
                kind = KIND_DISTRICT  # "Augie LGA", "Kawlin township": the unit named after its seat, not the town
            start, end = tokens[i].start, tokens[j - 1].end
            match = PlaceMatch(
                start=start,
                end=end,
                text=text[start:end],
                code=codes[0],
                country=codes[0].split("-", 1)[0],
                kind=kind,
                name=self._ix.admin1_names.get(codes[0], best.name) if best.kind == KIND_ADMIN1 else best.name,
                population=best.population,
                ambiguous=len(codes) > 1,
                candidates=tuple(codes) if len(codes) > 1 else (),
                weak=best.weak,
                lat=best.lat,
                lon=best.lon,
            )
            out.append(_rehome(text, tokens, spans, evidence, out, minor, homes, match))
            minor.append(best.kind == KIND_CITY and not best.hand)
        return out

    def ruler_patterns(self) -> list[dict[str, str]]:
        """spaCy EntityRuler phrase patterns: ADMIN1 for region names, PLACE for towns and districts.

        Weak forms and generated places under 1,000 people are left out (a ruler has no context to rescue
        them). Use with ``phrase_matcher_attr="LOWER"``; the id is the best meaning's admin-1 code, so a
        component should still call :meth:`find` for ambiguity and context.
        """
        patterns: list[dict[str, str]] = []
        for key, entries in self._ix.places.items():
            strong = [e for e in entries if not e.weak and (e.kind != KIND_CITY or e.hand or e.population >= 1000)]
            if not strong:
                continue
            best = max(strong, key=lambda e: (_prior(e), e.population))
            label = "ADMIN1" if best.kind == KIND_ADMIN1 else "PLACE"
            patterns.append({"label": label, "pattern": self._ix.surfaces[key], "id": best.code})
        return patterns

    # ------------------------------------------------------------------ internals
    def _scan(self, text: str, tokens: list[_Token], runs: list[int]) -> list[tuple[int, int, list[_Entry]]]:
        """Longest capitalised token sequences that are place names: (first token, end token, meanings)."""
        spans: list[tuple[int, int, list[_Entry]]] = []
        upper_text = text.isupper()
        places = self._ix.places
        i, n_tok = 0, len(tokens)
        while i < n_tok:
            first = tokens[i]
            hit = None
            # A name may open with a lower-case article when the next word is capitalised ("al-Bab").
            lead_article = first.key in _ARTICLES and not text[first.start].isupper()
            # ... or with a compass adjective listed as part of a name ("northern Gaza" = North Gaza)
            lead_compass = first.key in _COMPASS and not text[first.start].isupper()
            if (first.capital or lead_compass) and (
                upper_text or text[first.start].isupper() or lead_article or lead_compass
            ):
                for n in range(min(self._max_tokens, runs[i]), 0, -1):
                    if not tokens[i + n - 1].capital:
                        continue
                    if (lead_article or lead_compass) and (n < 2 or not text[tokens[i + 1].start].isupper()):
                        continue
                    key = tuple(t.key for t in tokens[i : i + n])
                    if lead_compass and key not in _COMPASS_FORMS:
                        continue
                    entries = places.get(key)
                    if entries and all(t.capital for t in tokens[i + (1 if lead_compass else 0) : i + n]):
                        hit = (i, i + n, entries)
                        break
            if hit is None and first.capital and text[first.start].isupper():
                hit = self._joined_hit(text, tokens, runs, i) or self._sound_hit(text, tokens, runs, i)
            if hit:
                spans.append(hit)
                i = hit[1]
            else:
                i += 1
        return spans

    def _joined_hit(
        self, text: str, tokens: list[_Token], runs: list[int], i: int
    ) -> tuple[int, int, list[_Entry]] | None:
        """A name the tables list as one word, written as two or three ("Kyauk Taw" = Kyauktaw, "Ain Diwar" as
        "Aindiwar"): the same letters, only a space apart."""
        for n in range(min(3, runs[i]), 1, -1):
            window = tokens[i : i + n]
            if not all(t.capital and text[t.start].isupper() for t in window) or _hyphenated(text, tokens, i, i + n):
                continue
            entries = self._ix.places.get(("".join(t.key for t in window),))
            if entries:
                return (i, i + n, entries)
        return None

    def _sound_hit(
        self, text: str, tokens: list[_Token], runs: list[int], i: int
    ) -> tuple[int, int, list[_Entry]] | None:
        """A capitalised name the tables lack, matched by its transliteration key ("Kfarkela" -> Kfar Kila).

        The meanings come back weak: they count only when the text or the caller gives evidence for their
        country (a demonym is enough); the spelling must be close to the listed one (similarity >= 0.85), not
        only share consonants, and the closest listed spellings must all lie in one admin-1 region.
        """
        ix = self._ix
        for n in range(min(3, runs[i]), 0, -1):
            window = tokens[i : i + n]
            if not all(t.capital for t in window) or _hyphenated(text, tokens, i, i + n):
                continue  # part of a longer name ("Slavyansk-na-Kubani" is not Sloviansk)
            key = tuple(t.key for t in window)
            if key in ix.countries or key in ix.blocked:
                continue
            sk = sound_key(key)
            hits = ix.sounds.get(sk) if sk else None
            if not hits:
                continue
            joined = "".join(key)
            scored = [(difflib.SequenceMatcher(None, joined, spelled).ratio(), e) for spelled, e in hits]
            best = max(r for r, _ in scored)
            close = [e for r, e in scored if r == best]
            # the closest spellings must agree on one region: the fallback never guesses between regions
            if best >= _SOUND_MIN_RATIO and len({e.code for e in close}) == 1:
                return (i, i + n, [replace(e, weak=True, alias=True, sound=True) for e in close])
        return None

    def _country_mentions(self, text: str, tokens: list[_Token]) -> list[tuple[int, int, str, float]]:
        """(start, end, alpha2, weight): names weigh more than demonyms; "Saudi-led" is an actor, not a place."""
        runs = _run_lengths(text, tokens)
        out: list[tuple[int, int, str, float]] = []
        i = 0
        while i < len(tokens):
            hit = None
            if text[tokens[i].start].isupper():
                for n in range(min(self._max_country_tokens, runs[i]), 0, -1):
                    found = self._ix.countries.get(tuple(t.key for t in tokens[i : i + n]))
                    if found and tokens[i + n - 1].capital:
                        hit = (n, found)
                        break
            if hit is None:
                i += 1
                continue
            n, (cc, is_demonym) = hit
            start, end = tokens[i].start, tokens[i + n - 1].end
            if _WATER_BEFORE.search(text, max(0, start - 12), start):
                i += n  # "Lake Chad", "the Gulf of Oman": a body of water named after the country
                continue
            if not (is_demonym and _DEMONYM_ACTOR.match(text, end)):
                out.append((start, end, cc, _W_DEMONYM if is_demonym else _W_NAME))
            i += n
        return out

    def _evidence(
        self,
        text: str,
        tokens: list[_Token],
        countries: set[str] | None,
        spans: list[tuple[int, int, list[_Entry]]],
    ) -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
        """(all evidence, evidence from the caller and from places only, all evidence but demonyms') per country.

        The last one says which countries a text is about: those it names, or a place of, not one only a demonym
        names ("Russian bombers hit Beryslav ... the Russian army" is about a town in Ukraine)."""
        evidence: dict[str, float] = {}
        places: dict[str, float] = {}
        demonyms: dict[str, float] = {}
        for cc in countries or ():
            evidence[cc] = evidence.get(cc, 0.0) + _W_CALLER
            places[cc] = places.get(cc, 0.0) + _W_CALLER
        for _, _, cc, w in self._country_mentions(text, tokens):
            evidence[cc] = evidence.get(cc, 0.0) + w
            if w == _W_DEMONYM:
                demonyms[cc] = demonyms.get(cc, 0.0) + w
        for cc in group_theatres(text):
            evidence[cc] = evidence.get(cc, 0.0) + _W_GROUP
        for cc in attacker_theatres(text):  # (a hint, like a demonym: never what the text is "about")
            evidence[cc] = evidence.get(cc, 0.0) + _W_DEMONYM
            demonyms[cc] = demonyms.get(cc, 0.0) + _W_DEMONYM
        for _, _, entries in spans:
            strong = {e.country for e in entries if e.anchor}
            if len(strong) == 1:
                cc = next(iter(strong))
                evidence[cc] = evidence.get(cc, 0.0) + _W_PLACE
                places[cc] = places.get(cc, 0.0) + _W_PLACE
        return evidence, places, {cc: w - demonyms.get(cc, 0.0) for cc, w in evidence.items()}


def _rehome(
    text: str,
    tokens: list[_Token],
    spans: list[tuple[int, int, list[_Entry]]],
    evidence: dict[str, float],
    out: list[PlaceMatch],
    minor: list[bool],
    homes: dict[str, tuple[str, PlaceMatch]],
    match: PlaceMatch,
) -> PlaceMatch:
    """``match`` as it goes into ``out``: when it is the region that contains the town before it, that town (a
    namesake of another country, or a small generated town: "Kani Township, Sagaing Region" is no district of
    Japan) leaves ``out`` and is remembered in ``homes``; a later mention of such a town is read in its region
    ("near Kani in Sagaing Region ... struck positions near Kani")."""
    if out and (minor[-1] or out[-1].country != match.country):
        mentions = sum(1 for i, j, _ in spans if text[tokens[i].start : tokens[j - 1].end] == out[-1].text)
        if _container_of_namesake(text, out[-1], match, evidence, mentions):
            homes[out[-1].text] = (out[-1].code, match)
            out.pop()
            minor.pop()
            return match
    if match.text in homes and homes[match.text][0] == match.code:
        region = homes[match.text][1]
        return replace(match, code=region.code, country=region.country, candidates=(), ambiguous=False)
    return match


def _container_of_namesake(
    text: str, town: PlaceMatch, match: PlaceMatch, evidence: dict[str, float], mentions: int = 1
) -> bool:
    """ "Kalynivske, Dnipropetrovsk", "(Bane, Boulgou)", "Kani in Sagaing Region": a generated town followed by a
    region or district that does not contain it is a namesake missing from the table; the region says where the
    place is (when nothing but the town's own ``mentions`` speaks for the town's country)."""
    return (
        match.kind in (KIND_ADMIN1, KIND_DISTRICT)
        and not match.ambiguous
        and match.code not in (town.candidates or (town.code,))
        and (town.country == match.country or evidence.get(town.country, 0.0) <= _W_PLACE * max(1, mentions))
        and _CONTAINER_GAP.fullmatch(text, town.end, match.start) is not None
    )


def _rank(e: _Entry) -> tuple[int, int]:
    return (-e.population, _KIND_RANK.get(e.kind, 9))


def _prior(e: _Entry) -> float:
    """How likely a meaning is before context: regions > hand-listed places > towns by size."""
    if e.kind == KIND_ADMIN1:
        return 4.0
    if e.hand:
        return 3.0
    return min(3.5, math.log10(e.population + 10) / 2)


def _resolve(
    entries: list[_Entry],
    evidence: dict[str, float],
    named_codes: set[str],
    any_evidence: bool,
    place_evidence: dict[str, float],
    hint: frozenset[str] | set[str] = frozenset(),
) -> list[_Entry]:
    """Meanings of one surface form that count in this text, best first; [] when none does."""
    kept = []
    for e in entries:
        ev = evidence.get(e.country, 0.0)
        # a weak form needs its country named; a spelling variant found by sound also takes a demonym
        # ("the Malian army ... near Tinzaouatene")
        if e.weak and ev < (_W_DEMONYM if e.sound else _W_PLACE):
            continue
        if e.sound and not place_evidence.get(e.country) and any(place_evidence.values()):
            # "Russian drones hit the Zavodskyi district of Mykolaiv": a spelling variant is not read in a country
            # only a demonym names while the text's places lie in another ("the Malian army ... near
            # Tinzaouatene", from Algiers, keeps it: Bamako is named)
            continue
        if any_evidence and ev <= 0 and not e.anchor and not e.hand:
            continue  # a small town of a country the text is not about
        kept.append(e)

    def score(e: _Entry) -> float:
        s = _prior(e) + 2.0 * evidence.get(e.country, 0.0) + (0.3 if e.country in CONFLICT_COUNTRIES else 0.0)
        s += _W_DEMONYM if e.country in hint else 0.0
        if e.kind != KIND_ADMIN1 and any(c in named_codes for c in e.codes):
            s += 3.0  # its region is named too: "Yakovlivka, Kharkiv"
        return s

    scored = sorted(((score(e), e) for e in kept), key=lambda se: (-se[0], -se[1].population))
    if not scored:
        return []
    # Meanings far behind the best are not real candidates ("Donetsk" the oblast vs a Russian village).
    top = scored[0][0]
    return [e for s, e in scored if s >= top - AMBIGUITY_MARGIN]


def _regions_named(spans: list[tuple[int, int, list[_Entry]]]) -> tuple[set[str], set[str]]:
    """(regions named by a form that means nothing else, regions named also where a town shares the region's name
    ("Michoacan")): the first weighs a town's meanings, the second tells a namesake the tables lack."""
    alone: set[str] = set()
    named: set[str] = set()
    for _, _, entries in spans:
        regions = {e.code for e in entries if e.kind == KIND_ADMIN1 and e.anchor}
        if len({e.code for e in entries if e.kind == KIND_ADMIN1}) == 1:
            named |= regions
            if len(entries) == 1:
                alone |= regions
    return alone, named


#: a generated town this small, listed in several regions, is as likely a namesake the tables lack
_NAMESAKE_POPULATION = 5000


def _namesakes_elsewhere(ranked: list[_Entry], named_codes: set[str]) -> bool:
    """"an explosive device dropped by a drone hit his house in the community of El Aguaje" in a story that names
    Michoacan: the tables list small El Aguajes in three other states, none in the one the text names, so the
    village is one the tables lack, not one of theirs."""
    if len({e.code for e in ranked}) < 2 or any(
        e.hand or e.kind != KIND_CITY or e.population >= _NAMESAKE_POPULATION for e in ranked
    ):
        return False
    same = {c for c in named_codes if c.split("-", 1)[0] == ranked[0].country}
    return bool(same) and not any(e.code in same for e in ranked)


def _codes(ranked: Iterable[_Entry]) -> list[str]:
    seen: list[str] = []
    for e in ranked:
        for c in e.codes:
            if c not in seen:
                seen.append(c)
    return seen


# (the town's own unit word may come between: "Kani Township, Sagaing Region")
_CONTAINER_GAP = re.compile(
    r"[ \t]*(?:(?:[Tt]ownship|[Dd]istrict|[Vv]illage|[Tt]own|LGA|[Tt]ehsil|[Cc]ommune)[ \t]*)?(?:[,(]|in(?: the)?[ \t])"
    r"[ \t]*"
)
_COMPASS = frozenset({"northern", "southern", "central", "eastern", "western"})
#: Lower-case compass + name that denote one admin-1 region in usage ("northern Gaza" is North Gaza
#: governorate); "southern Lebanon" or "eastern Ukraine" are loose areas and stay unmatched.
_COMPASS_FORMS = frozenset(
    {("northern", "gaza"), ("central", "gaza"), ("northern", "gaza", "strip"), ("central", "gaza", "strip")}
)


_CONTAINER_BEFORE = re.compile(
    r"(?:[^\W\d_][\w.'’]*|\))[ \t]*,[ \t]*$|\b(?:district|township|area|village|town)[ \t]*\($"
)


_BEARING_BEFORE = re.compile(r"\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\s+(?:the\s+)?$", re.I)


def _around_city(text: str, start: int, previous: list[PlaceMatch]) -> bool:
    """A city with its own code named as the region around a place: "Rusaniv, Kyiv", or "the Hezyaz power station
    south of Sanaa" (outside the city, in the region around it)."""
    bearing = _BEARING_BEFORE.search(text, max(0, start - 30), start) is not None
    return bearing or _in_container_position(text, start, previous)


def _in_container_position(text: str, start: int, previous: list[PlaceMatch]) -> bool:
    """True for "Rusaniv, Kyiv" or "(Old City, Sanaa)": a city name used as the region of the place before it.

    A list of big places ("Kharkiv, Kyiv and Odesa") is not a container: the previous mention is then itself
    an admin-1 region or a city of 100,000 people or more.
    """
    before = text[max(0, start - 60) : start]
    if not _CONTAINER_BEFORE.search(before):
        return False
    if previous:
        prev = previous[-1]
        gap = text[prev.end : start]
        if len(gap) <= 3 and (prev.kind == KIND_ADMIN1 or prev.population >= 100_000):
            return False
    return True


@cache
def _load_cached(data_dir: Path) -> Gazetteer:
    return Gazetteer(_build_index(data_dir))
