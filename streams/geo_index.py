"""The gazetteer's index: surface-form keys -> place meanings, built once from ``streams/data/*.csv``.

Why a module of its own: building (reading the tables, hand variants overriding generated towns, country
names that are never foreign towns, transliteration keys for spellings the tables lack) is separate from
matching text (``streams.geo``); the builder runs once per process, the matcher on every article.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path

from streams.geo_base import (
    _ARTICLES,
    CONFLICT_COUNTRIES,
    KIND_ADMIN1,
    KIND_CITY,
    _Entry,
    is_weak_key,
    name_key,
)


@dataclass
class _Index:
    """Surface-form key -> meanings; built once from the CSV files."""

    places: dict[tuple[str, ...], list[_Entry]] = field(default_factory=dict)
    countries: dict[tuple[str, ...], tuple[str, bool]] = field(default_factory=dict)  # -> (alpha2, demonym?)
    blocked: set[tuple[str, ...]] = field(default_factory=set)
    admin1_names: dict[str, str] = field(default_factory=dict)
    admin1_country: dict[str, str] = field(default_factory=dict)
    surfaces: dict[tuple[str, ...], str] = field(default_factory=dict)  # one original spelling per key
    # transliteration key -> (folded spelling, meaning): the fallback for spellings the tables lack
    sounds: dict[str, list[tuple[str, _Entry]]] = field(default_factory=dict)

    def add(self, surface: str, entry: _Entry) -> None:
        key = name_key(surface)
        if not key or key in self.blocked:
            return
        entries = self.places.setdefault(key, [])
        for i, old in enumerate(entries):
            if old.codes == entry.codes and old.kind == entry.kind and old.name == entry.name:
                if entry.population > old.population or (old.weak and not entry.weak):
                    entries[i] = entry
                return
        entries.append(entry)
        self.surfaces.setdefault(key, surface)
        # "Al Mayadin" is often written "Mayadin": the article-less form of a region or sizeable town, unless
        # that form already means something else.
        rest = key[1:]
        if (
            len(key) >= 2
            and key[0] in _ARTICLES
            and len(rest[0]) >= 4
            and not entry.hand
            and (entry.kind == KIND_ADMIN1 or entry.population >= 10_000)
            and rest not in self.blocked
            and rest not in self.places
        ):
            self.places[rest] = [replace(entry, alias=True)]
            self.surfaces[rest] = surface.split(None, 1)[-1] if " " in surface else " ".join(rest)


#: Countries whose towns get transliteration keys: where copy spells Arabic, Cyrillic, Pashto or Burmese names
#: in many ways ("Kfarkela" / "Kfar Kila", "Tinzaouatene" / "Tinzaouaten", "Dnepropetrovsk" / "Dnipropetrovsk").
_SOUND_COUNTRIES_EXTRA = frozenset({"RU", "IR", "TR"})
_SOUND_MIN_CHARS = 7
_SOUND_MIN_RATIO = 0.85
_SOUND_MIN_POPULATION = 5_000
_DIGRAPHS = (("kh", "k"), ("gh", "g"), ("ph", "f"), ("dh", "d"), ("th", "t"), ("ou", "u"), ("oo", "u"), ("ee", "i"))


def sound_key(key: tuple[str, ...], min_chars: int = _SOUND_MIN_CHARS, adjectives: bool = True) -> str | None:
    """A spelling-insensitive key of a place name: consonant skeleton after folding common transliteration
    digraphs (kh/gh/ph/dh/th, ou/oo/ee, q/c -> k), without a leading article; None when too short to be safe.

    >>> sound_key(("kfarkela",)) == sound_key(("kfar", "kila"))
    True
    """
    if len(key) > 1 and key[0] in _ARTICLES:
        key = key[1:]
    s = "".join(key)
    if len(s) < min_chars or not s.isalpha():
        return None
    for a, b in _DIGRAPHS:
        s = s.replace(a, b)
    s = s.replace("q", "k").replace("c", "k")
    skeleton = s[0] + re.sub(r"[aeiouy]", "", s[1:])
    # a final "-i" after a consonant is an adjective ("Baghdadi", "Mosuli"), not a spelling of the town; when two
    # names already known to be towns are compared (``adjectives=False``), "Kobani" and "Kobane" are one
    if adjectives and s[-1] == "i" and s[-2] not in "aeiouy":
        skeleton += "i"
    return re.sub(r"(.)\1+", r"\1", skeleton)


def _add_sound_keys(ix: _Index) -> None:
    """Index the towns, districts and regions of conflict countries by :func:`sound_key`."""
    countries = CONFLICT_COUNTRIES | _SOUND_COUNTRIES_EXTRA
    sounds: dict[str, list[tuple[str, _Entry]]] = {}
    for key, entries in ix.places.items():
        sk = sound_key(key)
        if sk is None:
            continue
        for e in entries:
            # villages are left out: a small place spelled differently is as often an unlisted namesake
            # ("Verbove" in Zaporizhzhia, not "Verbovo" in Chernihiv) as a variant spelling
            big = e.kind != KIND_CITY or e.hand or e.population >= _SOUND_MIN_POPULATION
            if e.country in countries and not e.weak and big:
                sounds.setdefault(sk, []).append(("".join(key), e))
    ix.sounds = sounds


def _read_csv(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a data file whose first lines are ``#`` comments (source and licence)."""
    with path.open(encoding="utf-8", newline="") as f:
        yield from csv.DictReader(line for line in f if not line.startswith("#"))


def _forms(field_value: str) -> Iterator[tuple[str, bool]]:
    """Name forms of a ``|``-separated field; a leading ``~`` marks a weak form."""
    for raw in field_value.split("|"):
        raw = raw.strip()
        if raw:
            yield (raw[1:], True) if raw.startswith("~") else (raw, False)


def _build_index(data_dir: Path) -> _Index:
    ix = _Index()
    variants = list(_read_csv(data_dir / "admin1_variants.csv"))
    for row in variants:
        if row["kind"] == "block":
            ix.blocked.add(name_key(row["variant"]))

    admin1_pop: dict[str, int] = {}
    for row in _read_csv(data_dir / "admin1.csv"):
        code, cc = row["code"], row["country"]
        ix.admin1_names[code] = row["name_en"] or row["name"]
        ix.admin1_country[code] = cc
        pop = int(row["population"] or 0)
        admin1_pop[code] = pop
        for form, weak in _forms(row["names"]):
            weak = weak or is_weak_key(name_key(form))
            ix.add(form, _Entry((code,), cc, KIND_ADMIN1, row["name_en"] or row["name"], pop, weak))

    # towns, then the second-level units of the conflict countries (``build_districts.py``)
    district_rows = _read_csv(data_dir / "districts.csv") if (data_dir / "districts.csv").exists() else iter(())
    for row in chain(_read_csv(data_dir / "places.csv"), district_rows):
        code, cc, kind = row["code"], row["country"], row["kind"]
        pop = int(row["population"] or 0)
        name = row["name"]
        lat = float(row["lat"]) if row.get("lat") else None
        lon = float(row["lon"]) if row.get("lon") else None
        for k, (form, weak) in enumerate(_forms(name + "|" + row["aliases"])):
            weak = weak or is_weak_key(name_key(form))
            ix.add(form, _Entry((code,), cc, kind, name.lstrip("~"), pop, weak, alias=k > 0, lat=lat, lon=lon))

    hand: set[tuple[tuple[str, ...], str]] = set()
    for row in variants:
        kind, variant, codes_field = row["kind"], row["variant"], row["code"]
        weak = variant.startswith("~")
        variant = variant.lstrip("~")
        if kind in ("country", "demonym"):
            ix.countries[name_key(variant)] = (codes_field, kind == "demonym")
            continue
        if kind not in ("admin1", "city", "district"):
            continue  # block (handled above), geonames and seat rows serve the build only
        codes = tuple(c for c in codes_field.split("|") if c)
        cc = codes[0].split("-", 1)[0]
        region = row.get("region") or None
        pop = max(admin1_pop.get(c, 0) for c in codes) if kind == KIND_ADMIN1 else int(row.get("population") or 0)
        name = ix.admin1_names.get(codes[0], variant) if kind == KIND_ADMIN1 else (row.get("name") or variant)
        weak = weak or is_weak_key(name_key(variant))
        # A hand variant overrides generated meanings of the same form in the same country; it keeps the position
        # of the generated town it stands for (its own form or its canonical name, in the same province).
        key = name_key(variant)
        lat, lon = _position(ix, (key, name_key(name)), codes[0])
        if key in ix.places and (key, cc) not in hand:
            ix.places[key] = [e for e in ix.places[key] if e.country != cc]
        hand.add((key, cc))
        ix.add(variant, _Entry(codes, cc, kind, name, pop, weak, region, hand=True, lat=lat, lon=lon))
    _drop_country_namesakes(ix)
    _add_final_h_variants(ix)
    _add_sound_keys(ix)
    return ix


def _add_final_h_variants(ix: _Index) -> None:
    """Arabic names end in "-a" or "-ah" at the writer's whim ("Tabqa" / "Tabqah", "Raqqa" / "Raqqah",
    "Qayyarah" / "Qayyara"): in the conflict countries each spelling also finds the town listed under the
    other, unless that spelling already names a place."""
    added: dict[tuple[str, ...], list[_Entry]] = {}
    for key, entries in ix.places.items():
        last = key[-1]
        if len(last) < 5 or not last.isalpha():
            continue
        if last.endswith("ah"):
            other = key[:-1] + (last[:-1],)
        elif last.endswith("a"):
            other = key[:-1] + (last + "h",)
        else:
            continue
        if other in ix.places or other in ix.blocked:
            continue
        keep = [replace(e, alias=True) for e in entries if e.country in CONFLICT_COUNTRIES and not e.weak]
        if keep:
            added.setdefault(other, []).extend(keep)
            ix.surfaces.setdefault(other, " ".join(other))
    ix.places.update(added)


def _position(ix: _Index, keys: tuple[tuple[str, ...], ...], code: str) -> tuple[float | None, float | None]:
    """The position of the biggest generated town under one of ``keys`` in province ``code``."""
    for key in keys:
        towns = [e for e in ix.places.get(key, ()) if e.code == code and e.lat is not None and not e.hand]
        if towns:
            best = max(towns, key=lambda e: e.population)
            return best.lat, best.lon
    return None, None


def _drop_country_namesakes(ix: _Index) -> None:
    """A country's name or demonym is the country, not a foreign town of that name: "in Mali" is not Mali
    prefecture in Guinea, "Lebanon" not Lebanon, Tennessee, "the Malian army" not a village in China. Regions
    and other names that merely start with it stay ("Niger" = Niger State, "Benin" = Benin City, both usual in
    Nigerian copy; "Somali" = Ethiopia's Somali Region)."""
    for key, (cc, _demonym) in ix.countries.items():
        entries = ix.places.get(key)
        if not entries:
            continue
        kept = [e for e in entries if e.country == cc or e.kind == KIND_ADMIN1 or e.hand or name_key(e.name) != key]
        if kept:
            ix.places[key] = kept
        else:
            del ix.places[key]
