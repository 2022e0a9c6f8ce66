"""Strike aircraft and launch bases (``streams.detect.aircraft``) on views of single sentences."""

from __future__ import annotations

from streams.detect.aircraft import launch_bases, launch_spans, strike_aircraft
from tests.unit.detect.conftest import MakeView


def test_strike_aircraft_leaves_out_the_one_shot_down(make_view: MakeView) -> None:
    view = make_view("Su-34 bombers struck Idlib on Monday. A Bayraktar TB2 was shot down near Aleppo.")
    assert strike_aircraft(view, 0) == [("Su-34", "Su-34")]
    assert strike_aircraft(view, 1) == []


def test_strike_aircraft_leaves_out_parked_and_product_aircraft(make_view: MakeView) -> None:
    view = make_view("Drones hit Starokostiantyniv air base, home to Ukraine's Su-24 bombers, on Monday.")
    assert "Su-24" not in {d for d, _ in strike_aircraft(view, 0)}


def test_launch_base_from_the_gazetteer_and_its_span(make_view: MakeView) -> None:
    text = "Six Tu-95MS bombers took off from the Engels air base and fired missiles at Odesa."
    view = make_view(text)
    ((start, stop),) = launch_spans(view, 0)
    assert text[start:stop] == "took off from the Engels air base"
    assert [h.entry.country for h in launch_bases(view, 0)] == ["RU"]


def test_unlisted_airfield_is_a_base_of_its_own(make_view: MakeView) -> None:
    view = make_view("The jets took off from the Foo Bar airfield in Syria and bombed Idlib.")
    (hit,) = launch_bases(view, 0)
    assert hit.entry.name == "Foo Bar Airfield"


def test_no_launch_cue_no_base(make_view: MakeView) -> None:
    view = make_view("Drones struck the Engels air base on Monday.")
    assert launch_spans(view, 0) == [] and launch_bases(view, 0) == []


def test_sukhoi_numbers_and_the_harbin_y12_are_aircraft(make_view: MakeView) -> None:
    view = make_view("Two Sukhoi-25 jets and a military Y-12 aircraft bombed Kilolirwe on Monday.")
    names = {e.canonical for e in view.ents(0, "AIRCRAFT")}
    assert names == {"Su-25", "Y-12"}


def test_a_designation_with_a_variant_suffix_is_reported_as_written() -> None:
    from streams.detect.report import as_written
    from streams.lexicon import aircraft_family, alias_matcher

    text = "Two FTC-2000G jets and a Su-30SME fighter bombed the town, while Su-34s and a Geran-2 hit the port."
    found = [(text[m.start : m.end], m.canonical) for m in alias_matcher().finditer(text) if m.label == "AIRCRAFT"]
    assert ("FTC-2000G", "FTC-2000") in found and ("Su-30SME", "Su-30SM") in found
    assert [as_written(c, w) for w, c in found] == ["FTC-2000G", "Su-30SME", "Su-34", "Shahed-136"]
    # the fuse stage compares the family: one strike told with and without the suffix
    assert aircraft_family("FTC-2000G") == "FTC-2000" and aircraft_family("Su-34") == "Su-34"
