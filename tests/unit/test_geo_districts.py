"""Second-level units: districts, townships, LGAs and territories name the province of a strike.

Why: local copy places a village by its district ("Minova market in Kalehe territory", "Apaukwa village,
Kyauktaw Township", "Bubuce in Augie LGA"); the town table rarely has the village, so the district is the
only way to the province. Pinned here: the designator does not glue the name into an unknown longer name, a
unit named after its seat is a district (not the town, which the fuse stage compares), and the generator's
name cleaning and its rule for units named like a town.
"""

from __future__ import annotations

import pytest

from streams.data.build_districts import bare_key, clean_name, district_rows
from streams.geo import Gazetteer
from streams.geo_base import KIND_CITY, KIND_DISTRICT


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return Gazetteer.load()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("a jet dropped bombs on Apaukwa village, Kyauktaw Township, killing six civilians", "MM-16"),
        ("Air Component aircraft engaged a bandit enclave in Zurmi LGA on Monday", "NG-ZA"),
        ("CH-4 drones struck the Minova market in Kalehe territory", "CD-SK"),
        ("the drone hit a car in Makhmur district", "IQ-AR"),
        ("jets struck Bubuce in Augie Local Government Area of Kebbi State", "NG-KE"),
    ],
)
def test_a_district_names_its_province(gz: Gazetteer, text: str, code: str) -> None:
    assert code in {m.code for m in gz.find(text)}


def test_a_unit_named_after_its_seat_is_a_district_not_the_town(gz: Gazetteer) -> None:
    kinds = [m.kind for m in gz.find("Nigerian jets struck Bubuce, Augie LGA, Kebbi State.") if m.text == "Augie"]
    assert kinds == [KIND_DISTRICT]
    kinds = [m.kind for m in gz.find("Nigerian jets struck the market in Augie, Kebbi State.") if m.text == "Augie"]
    assert kinds == [KIND_CITY]


def test_an_unknown_capitalised_word_after_a_name_still_glues(gz: Gazetteer) -> None:
    # "Zurmi Motors" is a company, not the town; only designators ("LGA", "Township") are let through
    assert "NG-ZA" not in {m.code for m in gz.find("Zurmi Motors said on Monday that sales rose.")}


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Caza de Marjayoûn", "Marjayoûn"),
        ("Makhmūr District", "Makhmūr"),
        ("Province du Sourou", "Sourou"),
        ("Douentza Cercle", "Douentza"),
        ("Kalehe", "Kalehe"),
        ("Mudiriyat Kassala", "Kassala"),
    ],
)
def test_clean_name(raw: str, clean: str) -> None:
    assert clean_name(raw) == clean


def test_generator_keeps_units_of_one_meaning_not_named_like_a_town() -> None:
    lines = [
        "CD.12.05\tKalehe\tKalehe\t1",
        "SD.56.9\tEn Nuhud\tEn Nuhud\t2",  # named like the town An Nuhud (its province is the town row's)
        "AF.01.1\tKohistan\tKohistan\t3",  # two provinces share the name: says nothing
        "AF.07.2\tKohistan\tKohistan\t4",
        "NG.57.3\tBaki\tBaki\t5",  # too short
        "UA.01.4\tZolochivskyi Raion\tZolochivskyi Raion\t6",  # raion adjectives: left out
    ]
    gn_iso = {
        "CD.12": "CD-SK", "SD.56": "SD-KN", "AF.01": "AF-BDS", "AF.07": "AF-FYB", "NG.57": "NG-ZA", "UA.01": "UA-63"
    }
    towns = {bare_key("An Nuhūd"): {"SD"}}
    rows = district_rows(lines, gn_iso, towns)
    assert [(r["name"], r["code"]) for r in rows] == [("Kalehe", "CD-SK")]
