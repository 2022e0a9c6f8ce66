"""Regional centres: cities named like their region ("Chernihiv", "Jenin", "Baalbek") kept as a place of the event
where the copy means the city.

Why a module of its own: the gazetteer reads such a name as the region (its hand row overrides the generated town),
and the place rules (``streams.detect.places``) take no region as a town, so "a hotel in the centre of Chernihiv"
left its event with the oblast alone; these rules say when the name is the city, from the words around it.
"""

from __future__ import annotations

import re

from streams.detect.bearings import care_before
from streams.detect.places import institution_seat, place_candidates
from streams.detect.view import ArticleView, country_of

# "the Chernihiv region", "Kharkiv oblast": the region, not its city
_REGION_WORD_AFTER = re.compile(
    r"(?:'s|\u2019s)?\s+(?:region|oblast|province|governorate|state|district|area|raion|countryside)\b", re.I
)


# ... and named as a city: "in the centre of Chernihiv", "the city of Kherson", "Sumy city"
_CITY_BEFORE = re.compile(
    r"\b(?:(?:centre|center|outskirts|suburbs?|streets?|residents|mayor|heart|downtown) of|(?:city|town) of|"
    r"city military administration of)\s+$",
    re.I,
)
_CITY_AFTER = re.compile(r"\s+(?:city|town)\b|(?:'s|\u2019s) (?:city centre|mayor|residents)\b", re.I)


# "the Dniprovskyi district", "Kyivskyi district": a city's district, named by an adjective
_CITY_DISTRICT = re.compile(r"\b[A-Z][a-z]+(?:skyi|skiy|sky|ckyi|tskyi|zkyi) (?:city )?district\b")


def regional_centres(view: ArticleView, idx: int) -> list[tuple[str, str, str]]:
    """Cities named like their region and meant as the city ("a hotel in the centre of Chernihiv"): the
    gazetteer reads the name as the region, which names no town, so two strikes of one oblast on one day (the
    city's and a village's) would look alike to the fuse stage."""
    from streams.places import load_gazetteer

    gaz = load_gazetteer()
    out = []
    # a copy that names a city district ("a trolleybus in Kherson ... at a stop in the Dniprovskyi district") means
    # the city by a bare name: post-Soviet city districts have adjectival names, villages and raions do not
    city_district = _CITY_DISTRICT.search(view.text) is not None
    for e in place_candidates(view, idx):
        if e.label != "ADMIN1" or not e.canonical or len(e.codes) != 1 or _REGION_WORD_AFTER.match(view.text, e.end):
            continue
        ahead = view.text[max(0, e.start - 80) : e.start]
        if care_before(ahead) or institution_seat(ahead):
            continue  # "taken to hospital in Chernihiv", "the health ministry in Jenin": not where the strike was
        before = _CITY_BEFORE.search(view.text, max(0, e.start - 40), e.start)
        after = _CITY_AFTER.match(view.text, e.end)
        # ("the West Bank city of Jenin" says so itself; "the centre of Chernihiv" only of a city the tables know)
        said = (before is not None and before.group().lower().startswith(("city", "town"))) or (
            after is not None and after.group().split()[0].lower() == "city"
        )
        # ... or a bare name where the same copy calls the region "X region" ("Summary of the day in Chernihiv
        # region. ... A hotel and a dormitory were hit in Chernihiv."): the bare name is the city
        region_too = re.search(re.escape(e.text) + _REGION_WORD_AFTER.pattern, view.text, re.I) is not None
        if said or ((before or after or region_too or city_district) and gaz.city_in(e.text, e.codes[0])):
            out.append((e.text, e.codes[0], country_of(e.codes[0])))
    return out
