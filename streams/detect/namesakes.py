"""Namesakes: a name the tables place in one region or country that the text places in another.

Why a module of its own: the place rules (``streams.detect.places``) read which places a sentence says were hit;
whether the table's row for a name is the place the text means ("Beit Jinn in the Damascus countryside" is not the
namesake in Quneitra, "Beit Jinn in southern Syria" not Israel's Beit Jann, "Haret Hreik in Beirut's southern suburbs"
is no part of Beirut) is read from the words right after it, and is tested on its own.
"""

from __future__ import annotations

import re

from schemas import EntitySpan
from streams.detect.view import ArticleView, country_of

# "Nyaung Pin Thar village in Sagaing region's Kyunhla township", "Beit Jinn in the Damascus countryside"
# "the Kagara forest of Maru Local Government Area, Zamfara State"
_IN_REGION_AFTER = re.compile(
    r"(?:\s+(?:village|town|city|area|camp|district|forest|hills?|mountains?|valley|market|hospital|school|mosque|"
    r"bridge|farm|neighbou?rhood))?"
    r"(?:\s+(?:of|in)\s+(?P<inner>[A-Z])[\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)?\s+"
    r"(?:Local Government Area|LGA|district|township|county|municipality|locality))?"
    # "Nyaung Pin Thar village, Wetlet township, Sagaing Region"
    r"(?:,\s+[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)?\s+(?:[Tt]ownship|[Dd]istrict|LGA|[Cc]ounty|[Cc]ircle))?"
    # "Dachne of the Donetsk People's Republic", "the Kurachi area of North Waziristan District"
    r"\s*(?:,|\s+in|\s+of)\s+(?:the\s+)?"
)


# the rest of a list of names the region after it covers: ", Dachne and Hirnyk" in "hit the areas of Bohoiavlenka,
# Dachne and Hirnyk in Donetsk region"
_LIST_REST = re.compile(
    r"(?:,\s+[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)?)*(?:,?\s+and\s+[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)?)"
)


def _in_other_region(view: ArticleView, idx: int, town: EntitySpan) -> bool:
    """The town is said to lie in a region its table entry does not: the tables hold a namesake elsewhere. (A town
    the tables list in several regions may be one of a list the region closes.)"""
    s0, _ = view.sentences[idx]
    text = view.sentence_text(idx)
    m = _IN_REGION_AFTER.match(text, town.end - s0)
    if m is None and len(town.codes) > 1:
        rest = _LIST_REST.match(text, town.end - s0)
        m = _IN_REGION_AFTER.match(text, rest.end()) if rest else None
    if m is None or not town.codes:
        return False
    # "the Al-Talh market in Saada's Sahar district": the region may open the district phrase
    starts = {s0 + m.end()} | ({s0 + m.start("inner")} if m.group("inner") else set())
    region = next((r for r in view.ents(idx, "ADMIN1", "DISTRICT") if r.start in starts and r.codes), None)
    if region is not None and _SUBURBS_OF.match(view.text, region.end):
        return False  # "Haret Hreik in Beirut's southern suburbs": around the city, not in it
    return region is not None and not set(town.codes) & set(region.codes)


_SUBURBS_OF = re.compile(r"(?:'s|\u2019s)\s+(?:[\w-]+ern\s+)?(?:suburbs?|outskirts|periphery|environs)\b", re.I)


# "southern ", "far north-eastern ", "central ": the part of a country a place is said to lie in (optional)
BEARING_PART = (
    r"(?:(?:far\s+|extreme\s+)?(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)"
    r"(?:ern)?\s+)?"
)
# "Beit Jinn in southern Syria", "Minova, eastern Congo": the country a town is said to lie in
_IN_COUNTRY_AFTER = re.compile(
    r"(?:\s+(?:village|town|city|area|camp|district))?\s*(?:,|\s+in)\s+(?:the\s+)?" + BEARING_PART
)


def _in_other_country(view: ArticleView, idx: int, town: EntitySpan) -> bool:
    """The town is said to lie in a country its table entries do not: the tables hold a namesake abroad (Israel's
    Beit Jann for Syria's Beit Jinn)."""
    s0, _ = view.sentences[idx]
    m = _IN_COUNTRY_AFTER.match(view.sentence_text(idx), town.end - s0)
    if m is None or not town.codes:
        return False
    country = next((c for c in view.ents(idx, "COUNTRY") if c.start == s0 + m.end() and c.canonical), None)
    return country is not None and not {country_of(c) for c in town.codes} & {country_of(country.canonical or "")}


def placed_elsewhere(view: ArticleView, idx: int, e: EntitySpan) -> bool:
    """The text places ``e`` elsewhere than its table row does (or names it only as what a town lies around)."""
    if _SUBURBS_OF.match(view.text, e.end) and any(
        t.end < e.start and view.text[t.end : e.start].strip(" ,") == "in" for t in view.ents(idx, "CITY", "DISTRICT")
    ):
        return True  # "Haret Hreik in Beirut's southern suburbs": the town named is the place, around the city
    return e.label in ("CITY", "DISTRICT") and (_in_other_region(view, idx, e) or _in_other_country(view, idx, e))


__all__ = ["BEARING_PART", "placed_elsewhere"]
