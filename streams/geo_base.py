"""Geography primitives: name folding and keys, the word lists the matcher needs, and what a place entry is.

Why a module of its own: the index builder (``streams.geo_index``), the matcher (``streams.geo``) and the
table generator (``streams/data/build_geo.py``) all fold names the same way and read the same word lists;
keeping them here lets each of those modules stay small.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

# Apostrophe-like characters are deleted when folding, so "Ma'rib", "Ma’rib" and "Marib" meet.
_APOSTROPHES = "'’‘ʼʻ`´ʿʾ"
_APOS_TABLE = str.maketrans("", "", _APOSTROPHES)
# Letters that NFKD does not decompose into ASCII.
_SPECIAL = str.maketrans(
    {
        "ı": "i",
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "þ": "th",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ħ": "h",
        "ŧ": "t",
        "ŋ": "n",
        "ə": "e",
        "Ə": "E",
    }
)
_TOKEN_RE = re.compile(r"[^\W_]+(?:[" + _APOSTROPHES + r"][^\W_]+)*")
_SPLIT_RE = re.compile(r"[^0-9a-z]+")
# Two tokens belong to one name only when separated by a space or a hyphen (never a comma or a line break).
_JOIN_RE = re.compile(r"[ \t\u00a0]{1,2}|[-\u2010\u2011\u2013]")

# Words that may be lower case inside a capitalised name ("Deir ez-Zor", "Jabal al-Zawiya", "Kyiv oblast").
PARTICLES = frozenset(
    [
        "al",
        "el",
        "il",
        "ad",
        "ar",
        "as",
        "ash",
        "at",
        "az",
        "an",
        "ed",
        "er",
        "es",
        "et",
        "ez",
        "adh",
        "ath",
        "edh",
        "ul",
        "e",
        "i",
        "de",
        "del",
        "della",
        "des",
        "du",
        # (French: "Port-au-Prince", "Trou-aux-Cerfs")
        "au",
        "aux",
        "la",
        "le",
        "les",
        "da",
        "di",
        "do",
        "dos",
        "das",
        "van",
        "von",
        "der",
        "den",
        "wa",
        "w",
        "and",
        "of",
        "the",
        "on",
        "upon",
        "sur",
        "bin",
        "ibn",
        "bint",
        "y",
    ]
)
# Region words: after an admin-1 name they extend the match ("Idlib province") and, for a city that has its
# own code, switch to the surrounding region ("Kyiv oblast" is UA-32, "Kyiv" is UA-30).
REGION_WORDS = frozenset(
    [
        "province",
        "provinces",
        "governorate",
        "governorates",
        "region",
        "regions",
        "regional",  # "the Kyiv regional military administration": the region around the city
        "oblast",
        "oblasts",
        "state",
        "states",
        "district",
        "prefecture",
        "county",
        "division",
        "krai",
        "kray",
        "republic",
        "territory",
        "countryside",
        "muhafazah",
        "wilayah",
        "wilaya",
        "vilayet",
        "department",
        "departement",
        "emirate",
        "canton",
    ]
)
# Words an administrative name is written with that are not part of it: "Kyauktaw Township", "Zurmi LGA".
ADMIN_DESIGNATORS = frozenset(
    ["township", "townships", "lga", "locality", "municipality", "commune", "woreda", "tehsil", "subdistrict",
     "raion", "rayon", "hromada", "cercle", "chiefdom", "zone", "sub-district"]
)
_LOWER_OK = PARTICLES | REGION_WORDS | ADMIN_DESIGNATORS | frozenset({"city", "camp", "town", "village"})
# Generic words: a name made only of these ("North", "Centre-Nord" is not: "Centre", "Est") is weak.
GENERIC_WORDS = frozenset(
    [
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "centre",
        "center",
        "middle",
        "upper",
        "lower",
        "far",
        "nord",
        "sud",
        "est",
        "ouest",
        "norte",
        "sur",
        "este",
        "oeste",
        "centro",
        "capital",
        "coast",
        "coastal",
        "islands",
        "island",
        "lakes",
        "lake",
        "river",
        "mountain",
        "mountains",
        "highlands",
        "lowlands",
        "plateau",
        "valley",
        "interior",
        "littoral",
        "red",
        "sea",
        "great",
        "new",
        "old",
        "city",
        "province",
        "region",
        "state",
        "district",
        "governorate",
        "first",
        "second",
        "third",
    ]
)

# Arabic articles that news copy drops or keeps at will ("Al Mayadin" / "Mayadin", "al-Bab").
_ARTICLES = frozenset(
    {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ath", "adh", "ed", "er", "es", "et", "ez"}
)

KIND_ADMIN1 = "admin1"
KIND_CITY = "city"
KIND_DISTRICT = "district"
KIND_COUNTRY = "country"
_KIND_RANK = {KIND_ADMIN1: 0, KIND_CITY: 1, KIND_DISTRICT: 2, KIND_COUNTRY: 3}
_MAX_TOKENS = 8
# A generated town this big is evidence for its country; smaller ones need evidence from elsewhere.
ANCHOR_POPULATION = 100_000
# Countries with recurring air/drone strikes: a small prior when nothing else separates namesakes
# ("Al Jawf" in Yemen or Saudi Arabia).
CONFLICT_COUNTRIES = frozenset(
    [
        "SY",
        "IQ",
        "YE",
        "UA",
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
        "PS",
        "LB",
        "CD",
        "MZ",
        "CM",
        "TD",
        "CF",
        "IL",
    ]
)
# Score gap under which a second meaning still counts as a candidate.
AMBIGUITY_MARGIN = 1.5
# Weights of evidence for a country: caller's countries, unambiguous strong places, country names, demonyms.
_W_CALLER = 3.0
_W_PLACE = 1.0
_W_NAME = 1.0
_W_DEMONYM = 0.5
_W_GROUP = 1.0
# Armed groups that fight in one theatre: naming one is evidence for its countries, as a named region is, so that
# "Near Hit, one strike destroyed an ISIS vehicle" resolves without a country name. Groups with branches in many
# theatres count only under a branch name ("ISWAP", "ISKP"); bare "ISIS" means Iraq and Syria.
_GROUP_THEATRES: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = tuple(
    (re.compile(pattern), tuple(countries.split()))
    for pattern, countries in (
        (
            r"\b(?:ISIS|ISIL|Daesh|Da'esh|Islamic State(?: group)?)\b(?![- ](?:K\b|Khorasan|West|Sahel|Somalia|"
            r"Mozambique|in (?:the )?(?:Greater|West|Somalia|Sahel|Khorasan|Mozambique|Central|Libya|Sinai)))",
            "IQ SY",
        ),
        (r"\b(?:ISWAP|Boko Haram)\b|\bIslamic State West Africa\b", "NG"),
        (r"\b(?:ISKP|ISIS-K|IS-K)\b|\bIslamic State[- ]Khorasan\b", "AF"),
        (r"\b(?:al-Shabaab|al-Shabab|Al-Shabaab|Al Shabaab|al Shabaab|Shabaab)\b", "SO"),
        (r"\b(?:Houthis?|Ansar Allah|Ansarallah|AQAP)\b", "YE"),
        (r"(?<!Kataib )(?<!Kata'ib )(?<!Kata\u2019ib )\b(?:Hezbollah|Hizbollah|Hizbullah)\b", "LB"),
        (r"\b(?:Hamas|Qassam Brigades|Palestinian Islamic Jihad)\b", "PS"),
        (r"\b(?:JNIM|Jama'at Nasr al-Islam wal Muslimin)\b", "ML BF"),
        (r"\b(?:TTP|Tehreek-e-Taliban Pakistan|Tehrik-i-Taliban Pakistan|Pakistani Taliban)\b", "PK"),
        (r"\b(?:HTS|Hayat Tahrir al-Sham|SDF|Syrian Democratic Forces|YPG)\b", "SY"),
        # (the army's and its allies' posts say "the Rapid Support militia")
        (r"\b(?:Rapid Support(?: Forces| militia)?|RSF)\b", "SD"),
        (r"\b(?:Arakan Army|Kachin Independence Army|Ta'ang National Liberation Army|TNLA)\b", "MM"),
        (r"\bM23\b|\bAFC/M23\b|\bFARDC\b|\bCODECO\b", "CD"),
        # more one-theatre forces (from their public profiles): Myanmar's resistance, Ethiopia's and Pakistan's
        # insurgents, Mali's Azawad rebels, Iraq's militias, Libya's eastern army, Mozambique's and Cameroon's
        (r"\bNational Unity Government\b|\bPeople's Defen[cs]e Forces?\b|\bKaren National Union\b|\bKNU\b|"
         r"\bKarenni Nationalities Defen[cs]e Force\b|\bKNDF\b|\bChin National Front\b|\bMNDAA\b|"
         r"\bMyanmar National Democratic Alliance Army\b", "MM"),
        (r"\bFano\b|\bTPLF\b|\bTigray People's Liberation Front\b|\bOromo Liberation Army\b", "ET"),
        # not bare "khawarij": Somalia's government calls al-Shabaab that too
        (r"\bBalochistan Liberation Army\b|\bFitna al[- ](?:Khwarij|Hindustan)\b", "PK"),
        (r"\bAzawad Liberation Front\b|\bCSP-DPA\b", "ML"),
        (r"\bKata(?:'|\u2019)?ib Hezbollah\b|\bPopular Mobili[sz]ation Forces\b|\bHashd al-Shaabi\b", "IQ"),
        (r"\bLibyan National Army\b", "LY"),
        (r"\bAnsar al-Sunna\b", "MZ"),
        (r"\bAmbazonia\w*\b", "CM"),
        (r"\bAllied Democratic Forces\b", "CD UG"),
        (r"\bLakurawa\b", "NG"),
        # national armies at home, named by their own acronyms
        (r"\bFAMa\b", "ML"),
        (r"\bTatmadaw\b", "MM"),
        (r"\b(?:FARC|ELN|Clan del Golfo|Gulf Clan)\b", "CO"),
    )
)


def group_theatres(text: str) -> set[str]:
    """Countries of the one-theatre armed groups ``text`` names."""
    return {cc for rx, ccs in _GROUP_THEATRES if rx.search(text) for cc in ccs}


# An air force whose strikes fall in a few neighbouring countries: "an Israeli enemy drone targeted a house" in a
# town named like an Algerian province is the Lebanese Blida. Weaker than a named country (a demonym's weight, and
# never what makes a text "about" a country), so it only tips a choice between namesakes.
_ATTACKER_THEATRES: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = tuple(
    (re.compile(pattern), tuple(countries.split()))
    for pattern, countries in (
        (r"\bIsraeli (?:enemy |army |military |air force )?(?:war ?planes?|jets?|drones?|aircraft|air ?strikes?|"
         r"airstrikes?|raids?|helicopters?|strikes?)\b", "LB PS SY YE IR"),
        (r"\bTurkish (?:army |military )?(?:drones?|war ?planes?|jets?|aircraft|air ?strikes?|airstrikes?)\b", "IQ SY"),
    )
)


def attacker_theatres(text: str) -> set[str]:
    """Countries where the air force whose aircraft ``text`` names usually strikes."""
    return {cc for rx, ccs in _ATTACKER_THEATRES if rx.search(text) for cc in ccs}


# the language copy was translated from, where its note says so ("[Translated from French]", "translated from the
# Amharic"): a weak hint of the country, for a town name shared across countries when the text names none
_TRANSLATED_FROM = re.compile(r"\btranslated from (?:the )?([A-Z][a-z]+)\b", re.I)
_LANGUAGE_COUNTRIES: dict[str, tuple[str, ...]] = {
    "ukrainian": ("UA",), "russian": ("RU", "UA"), "burmese": ("MM",), "amharic": ("ET",), "tigrinya": ("ET", "ER"),
    "somali": ("SO",), "hausa": ("NG", "NE"), "pashto": ("AF", "PK"), "dari": ("AF",), "urdu": ("PK",),
    "hebrew": ("IL",), "persian": ("IR",), "farsi": ("IR",), "kurdish": ("IQ", "SY", "TR"), "turkish": ("TR",),
    "french": ("ML", "BF", "NE", "TD", "CD", "CF", "CM", "SN", "BJ", "TG", "CI", "GN", "HT"),
    "spanish": ("CO", "MX", "VE", "PE", "EC", "SV", "HN", "GT", "NI"), "portuguese": ("MZ", "BR", "AO"),
    "arabic": ("SY", "IQ", "YE", "LB", "PS", "SD", "LY", "EG", "SA", "JO", "TN", "DZ", "MA", "SO"),
    "swahili": ("KE", "TZ", "CD"), "tamil": ("LK", "IN"), "bengali": ("BD",),
}


def translated_from(text: str) -> set[str]:
    """Countries whose language the copy says it was translated from."""
    m = _TRANSLATED_FROM.search(text[:400])
    return set(_LANGUAGE_COUNTRIES.get(m.group(1).lower(), ())) if m else set()


# "Lake Chad", "the Gulf of Oman", "the Sea of Japan": the water, not the country
_WATER_BEFORE = re.compile(r"\b(?:Lake|Gulf of|Sea of|Bay of)\s+$")
# "Saudi-led", "Russian-occupied", "Houthi-held", "Turkish-made": who leads, holds or made it, not where it is
_DEMONYM_ACTOR = re.compile(
    r"[-‐‑ ](?:led|backed|supported|allied|aligned|occupied|controlled|held|made|built|manufactured|supplied)\b",
    re.I,
)


def km_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (lat, lon) points."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def fold(text: str) -> str:
    """Lower-case ASCII form of ``text``: accents, apostrophes and special letters folded away."""
    text = text.translate(_SPECIAL).translate(_APOS_TABLE)
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def name_key(name: str) -> tuple[str, ...]:
    """The dict key of a place name: its folded tokens ("Deir ez-Zor" -> ("deir", "ez", "zor")). A possessive "'s"
    is dropped as the text tokenizer drops it ("Donetsk People's Republic" is read as "Donetsk People Republic")."""
    return tuple(t for t in _SPLIT_RE.split(fold(_POSSESSIVE_RE.sub("", name))) if t)


# "People's", "Beirut's": the possessive ending ``streams.geo_tokens`` strips from a token
_POSSESSIVE_RE = re.compile(r"(?<=[^\W_])[" + _APOSTROPHES + r"][sS](?![^\W_])")


def is_weak_key(key: tuple[str, ...]) -> bool:
    """A key made only of generic words ("Nord", "Far North", "Central") needs country context to count."""
    return all(t in GENERIC_WORDS or t in PARTICLES for t in key)


@dataclass(frozen=True)
class PlaceMatch:
    """One place mention in a text, resolved to an admin-1 code."""

    start: int
    end: int
    text: str
    code: str  # ISO 3166-2 admin-1 code (first level; lower levels are mapped to their parent)
    country: str  # ISO 3166-1 alpha-2
    kind: str  # "admin1" | "city" | "district" | "country"
    name: str  # canonical name of the place
    population: int = 0
    ambiguous: bool = False  # the surface form maps to several admin-1 codes (candidates below)
    candidates: tuple[str, ...] = ()
    weak: bool = False  # a form that is also a common English word ("Hit"), accepted on country evidence
    lat: float | None = None  # a town's position, when the tables have it
    lon: float | None = None


@dataclass(frozen=True, slots=True)
class _Entry:
    """One meaning of a surface form."""

    codes: tuple[str, ...]  # admin-1 code(s); a region group ("Donbas") has several
    country: str
    kind: str
    name: str
    population: int
    weak: bool  # counted only when the text or the caller gives evidence for ``country``
    region_code: str | None = None  # city with its own code: the code of the region around it
    hand: bool = False  # from the hand-reviewed variants file
    alias: bool = False  # an alternate name of a generated town (GeoNames), not its main name
    sound: bool = False  # matched by transliteration key only (see ``Gazetteer._sound_hit``)
    lat: float | None = None  # a generated town's position (GeoNames, 0.01 degree)
    lon: float | None = None

    @property
    def anchor(self) -> bool:
        """Strong enough to tell which country a text is about."""
        return not self.weak and (
            self.kind in (KIND_ADMIN1, KIND_DISTRICT)
            or self.hand
            or (self.population >= ANCHOR_POPULATION and not self.alias)
        )

    @property
    def code(self) -> str:
        return self.codes[0]
