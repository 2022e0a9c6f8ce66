"""Target places and provinces (``streams.detect.places``), and the ``|``-joined codes they read."""

from __future__ import annotations

from schemas import EntitySpan
from streams.detect.places import (
    district_provinces,
    place_candidates,
    place_weights,
    target_places,
    target_provinces,
)
from tests.unit.detect.conftest import MakeView


def test_entity_span_codes_round_trip() -> None:
    span = EntitySpan(label="ADMIN1", text="Darfur", start=0, end=6, canonical="SD-DS|SD-DN")
    assert span.codes == ("SD-DS", "SD-DN")
    assert EntitySpan.join_codes(span.codes) == span.canonical
    assert span.model_dump()["canonical"] == "SD-DS|SD-DN"  # the wire format is unchanged
    assert EntitySpan(label="CITY", text="x", start=0, end=1).codes == ()
    assert EntitySpan(label="CITY", text="x", start=0, end=1, canonical="SY-ID").codes == ("SY-ID",)


def test_dateline_and_launch_region_are_no_targets(make_view: MakeView) -> None:
    view = make_view(
        "KYIV (Reuters) - Russian bombers flying from Russia's Kursk region struck Kharkiv overnight."
    )
    assert target_provinces(view, 0) == {"UA-63": "UA"}


def test_target_places_are_towns_with_their_province(make_view: MakeView) -> None:
    view = make_view("Jets struck Maarat al-Numan in Idlib on Monday.")
    assert target_provinces(view, 0) == {"SY-ID": "SY"}
    assert target_places(view, 0) == [("Maarat al-Numan", "SY-ID", "SY")]
    assert place_weights(view, [0]) == {"SY": 3.0}  # a region weighs 2, a town 1


def test_candidates_are_computed_once_per_sentence(make_view: MakeView) -> None:
    view = make_view("Jets struck Idlib on Monday.")
    first = place_candidates(view, 0)
    assert place_candidates(view, 0) is first and view.place_cache == {0: first}


def test_speaker_attribute_and_capital_as_government_are_no_targets(make_view: MakeView) -> None:
    view = make_view("Moscow said the Tripoli-based government was behind it.")
    assert target_provinces(view, 0) == {}


def test_a_district_namesake_is_only_a_district_province(make_view: MakeView) -> None:
    view = make_view("Drones hit the Shevchenkivskyi district on Monday.")
    assert district_provinces(view, 0) == set(target_provinces(view, 0))
    plain = make_view("Drones hit Kharkiv on Monday.")
    assert district_provinces(plain, 0) == set()
