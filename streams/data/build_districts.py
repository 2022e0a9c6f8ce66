"""Generate ``districts.csv``: second-level units (districts, townships, LGAs, territories, cercles) of the countries
where strikes are reported, each under its ISO 3166-2 province (run once; the output is committed).

Why: local outlets, monitors and press offices name the district a village lies in ("Kalehe territory", "Zurmi
LGA", "Kyauktaw Township", "Makhmur district") far more often than the village is in a town list; cities500
has the seats of many districts but not the districts themselves, so the province of such a strike was lost.

Input (build time only, never at run time): GeoNames ``admin2Codes.txt`` (CC-BY 4.0, geonames.org), pinned as
committed in ``openeventdata/es-geonames`` at aacd28380493f01892a86cec94abfe2b8f1c7f43 (path ``admin2Codes.txt``,
sha256 in the output's header). GeoNames admin-1 codes are mapped to ISO through the ``geonames`` column of the
committed ``admin1.csv``.

Kept: names of one meaning in their country (a name two provinces share says nothing about the province), not a
form the town table already lists in that country (the town's own row decides), at least 5 letters, and not a
common English word (the matcher would need the country named), and not named like a town of its country
(GeoNames' second-level table predates some provinces; the town row is current). South Sudan, whose states
were redrawn three times since 2015, Ukraine and Russia are left out: their raion
names are adjectives that repeat in every city ("Kyivskyi", "Leninsky"), which ``streams.detect.places`` reads
as city districts.

    python streams/data/build_districts.py --admin2 PATH/admin2Codes.txt
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from streams.geo_base import _ARTICLES, CONFLICT_COUNTRIES, fold, name_key  # noqa: E402
from streams.geo_index import _read_csv  # noqa: E402

SOURCE = "openeventdata/es-geonames@aacd28380493f01892a86cec94abfe2b8f1c7f43:admin2Codes.txt"
COUNTRIES = CONFLICT_COUNTRIES - {"UA", "RU", "SS"}
MIN_LETTERS = 5
# Arabic articles as town tables write them, with the assimilated forms they lack ("En Nuhud", "Ul", "Un")
_BARE_DROP = _ARTICLES | {"en", "un", "ul", "us"}
COMMON_WORD_ZIPF = 3.0

_PREFIX = re.compile(
    r"^(?:caza|province|cercle|territoire|prefecture|departement|mudiriyat|qada'?|degmada|ville|mintaqat|nahiyat|"
    r"muhafazat|district|wilayat)(?:\s+(?:de\s+la|de\s+l'|du|des|de|d'|of|al-|al|el))?\s+",
    re.IGNORECASE,
)
_SUFFIX = re.compile(
    r"\s+(?:district|township|cercle|province|zone|territory|awraja|prefecture|city|local government area|lga|"
    r"department|municipality|sub-?district|county|region|raion)$",
    re.IGNORECASE,
)


def clean_name(name: str) -> str:
    """ "Caza de Marjayoûn" -> "Marjayoûn", "Makhmūr District" -> "Makhmūr", "Province du Sourou" -> "Sourou"."""
    name = _PREFIX.sub("", name.strip())
    prev = None
    while prev != name:
        prev, name = name, _SUFFIX.sub("", name)
    return name.strip(" -'")


def geonames_to_iso(admin1_csv: Path) -> dict[str, str]:
    """GeoNames admin-1 code ("LB.07") -> ISO 3166-2 code, where the map is one to one."""
    out: dict[str, str] = {}
    for row in _read_csv(admin1_csv):
        for g in (row.get("geonames") or "").split("|"):
            if g:
                out[g] = "" if g in out else row["code"]  # a GeoNames unit split over ISO units: ambiguous
    return {g: c for g, c in out.items() if c}


def bare_key(name: str) -> tuple[str, ...]:
    """The name key without Arabic articles: "En Nuhud" and "An Nuhūd" are one name."""
    return tuple(t for t in name_key(name) if t not in _BARE_DROP)


def town_keys(places_csv: Path) -> dict[tuple[str, ...], set[str]]:
    """Article-less name key -> countries where the town table already has that form."""
    keys: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for row in _read_csv(places_csv):
        for form in [row["name"], *row["aliases"].split("|")]:
            form = form.lstrip("~").strip()
            if form:
                keys[bare_key(form)].add(row["country"])
    return keys


def district_rows(lines: list[str], gn_iso: dict[str, str], towns: dict[tuple[str, ...], set[str]]) -> list[dict]:
    from wordfreq import zipf_frequency

    by_key: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for line in lines:
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 3:
            continue
        code, name, ascii_name = parts[0], parts[1], parts[2]
        cc, _, rest = code.partition(".")
        admin1 = f"{cc}.{rest.split('.')[0]}"
        if cc not in COUNTRIES or admin1 not in gn_iso:
            continue
        for form in {clean_name(name), clean_name(ascii_name)}:
            key = name_key(form)
            if key:
                by_key[(cc, " ".join(key))][gn_iso[admin1]].add(form)
    rows = []
    for (cc, key_text), provinces in sorted(by_key.items()):
        key = tuple(key_text.split())
        # a district named like a town of its country is that town's (the town's province is current; GeoNames'
        # second-level table predates some provinces: Sudan's En Nuhud still lies in North Kordofan there)
        if len(provinces) != 1 or cc in towns.get(tuple(t for t in key if t not in _BARE_DROP), set()):
            continue
        letters = sum(len(t) for t in key if t not in ("al", "el"))
        if letters < MIN_LETTERS or all(zipf_frequency(t, "en") >= COMMON_WORD_ZIPF for t in key):
            continue
        ((iso, forms),) = provinces.items()
        ordered = sorted(forms, key=lambda f: (not f.isascii(), f))
        name = ordered[0] if ordered[0].isascii() else fold(ordered[0]).title()
        aliases = [f for f in ordered if f != name]
        rows.append({"name": name, "code": iso, "country": cc, "aliases": "|".join(aliases)})
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--admin2", type=Path, required=True, help="GeoNames admin2Codes.txt (see the docstring)")
    ap.add_argument("--out", type=Path, default=HERE / "districts.csv")
    args = ap.parse_args(argv)
    raw = args.admin2.read_bytes()
    rows = district_rows(
        raw.decode("utf-8").splitlines(), geonames_to_iso(HERE / "admin1.csv"), town_keys(HERE / "places.csv")
    )
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        f.write(
            f"# source: GeoNames admin2Codes.txt (CC-BY 4.0, geonames.org) from {SOURCE} "
            f"(sha256 {hashlib.sha256(raw).hexdigest()}); generated by streams/data/build_districts.py; do not edit\n"
        )
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["name", "code", "country", "kind", "population", "aliases", "lat", "lon"])
        for r in rows:
            w.writerow([r["name"], r["code"], r["country"], "district", 0, r["aliases"], "", ""])
    print(f"{len(rows)} districts -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
