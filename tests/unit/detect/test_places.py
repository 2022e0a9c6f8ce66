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


def test_an_aircraft_type_named_like_a_town_is_no_target(make_view: MakeView) -> None:
    # "Akinci" is also a town in Turkey; here it is the drone that struck a well in Mali
    view = make_view("An Akinci drone struck a well used by nomads in the Kidal region on Sunday.")
    assert [e.label for e in view.ents(0, "AIRCRAFT")] == ["AIRCRAFT"]
    # the trained NER of the service also tags the word as a town (the blank test pipeline does not)
    town = EntitySpan(label="CITY", text="Akinci", start=3, end=9, canonical="TR-47")
    view._by_sentence[0].append(town)
    assert target_provinces(view, 0) == {"ML-8": "ML"}


def test_a_capital_that_is_a_region_of_its_own_is_the_government_when_not_a_location(make_view: MakeView) -> None:
    view = make_view("Niger condemned the drone strike in the Kidal region and blamed Bamako for the deaths.")
    assert target_provinces(view, 0) == {"ML-8": "ML"}
    # as a location it is still a target
    assert target_provinces(make_view("A drone struck a depot in Bamako on Sunday."), 0) == {"ML-BKO": "ML"}


def test_a_distance_from_a_town_places_the_strike_there(make_view: MakeView) -> None:
    view = make_view("A Malian army drone struck a water point about 15 km from Tinzaouatene on Friday.")
    assert set(target_provinces(view, 0)) == {"ML-8"}
    launched = make_view("Russian jets fired missiles from Belgorod at Kharkiv on Friday.")
    assert "RU-BEL" not in target_provinces(launched, 0)


def test_descriptors_launch_airspace_occupied_launch_areas_and_parts_of_gaza(make_view: MakeView) -> None:
    view = make_view("A drone launched from Yemen slammed into a warehouse near the port of the Red Sea city of Eilat.")
    assert set(target_provinces(view, 0)) == {"IL-D"}
    view = make_view("A Nigerian Air Force strike hit a weekly market in Mariga local government area of Niger State.")
    assert set(target_provinces(view, 0)) == {"NG-NI"}
    view = make_view(
        "The enemy attacked with missiles fired by bombers from the airspace of Saratov region and drones launched "
        "from Russia's Kursk region and from occupied Crimea."
    )
    assert target_provinces(view, 0) == {}
    view = make_view("An Israeli aircraft struck three men in the area of Khan Yunis in southern Gaza on Monday.")
    assert set(target_provinces(view, 0)) == {"PS-KYS"}


def test_a_street_named_after_a_region_is_no_target(make_view: MakeView) -> None:
    view = make_view("One drone struck a two-storey house on Kyivska Street in Pryluky before dawn on Wednesday.")
    assert set(target_provinces(view, 0)) == {"UA-74"}


def test_a_capital_that_acts_is_its_government(make_view: MakeView) -> None:
    view = make_view(
        "A drone attack on Pavlohrad killed three people overnight, officials said on Sunday, as Moscow kept up "
        "pressure on eastern Ukraine."
    )
    assert "RU-MOW" not in target_provinces(view, 0)


def test_the_blue_nile_river_is_no_state(make_view: MakeView) -> None:
    view = make_view(
        "Drones struck the substation in Singa, cutting power to the water pumping station on the Blue Nile."
    )
    assert "SD-NB" not in target_provinces(view, 0)
    view = make_view("Drones struck a market in Ed Damazin, Blue Nile state, on Monday.")
    assert "SD-NB" in target_provinces(view, 0)


def test_where_the_speaker_spoke_is_no_target(make_view: MakeView) -> None:
    from streams.detect.places import target_provinces

    view = make_view("A spokesman told reporters in Kabul that an air strike killed 10 civilians in Spera district.")
    assert "AF-KAB" not in target_provinces(view, 0)


def test_a_far_town_is_a_bearing_and_a_near_one_a_place(make_view: MakeView) -> None:
    far = make_view("A US airstrike hit al-Shabaab on Friday near a village 220 km north of Mogadishu.")
    assert target_provinces(far, 0) == {}
    near = make_view("Jets struck a hideout on Friday about 60 km south-east of Palmyra.")
    assert target_provinces(near, 0) == {"SY-HI": "SY"}


def test_a_town_said_to_lie_in_another_region_is_not_the_tables_namesake(make_view: MakeView) -> None:
    view = make_view("An Israeli drone struck a car outside Beit Jinn in the Damascus countryside on Friday.")
    assert target_provinces(view, 0) == {"SY-RD": "SY"}
    view = make_view("A jet dropped two bombs on Nyaung Pin Thar village in Sagaing region on Sunday.")
    assert target_provinces(view, 0) == {"MM-01": "MM"}


def test_the_authorities_in_a_capital_are_its_government(make_view: MakeView) -> None:
    view = make_view("The strikes hit Ain Issa as talks between the SDF and the authorities in Damascus stalled.")
    assert "SY-DI" not in target_provinces(view, 0)


def test_the_seat_of_a_speaking_institution_is_no_target(make_view: MakeView) -> None:
    view = make_view(
        "Israeli warplanes struck a house in Deir al-Balah overnight, killing five, according to the Health "
        "Ministry in Gaza."
    )
    assert target_provinces(view, 0) == {"PS-DEB": "PS"}


def test_a_forest_of_a_local_government_area_in_another_state(make_view: MakeView) -> None:
    view = make_view(
        "Jets bombed a bandits' camp in the Kagara forest of Maru Local Government Area, Zamfara State, on Tuesday."
    )
    assert target_provinces(view, 0) == {"NG-ZA": "NG"}


def test_the_first_word_of_a_facilitys_name_is_no_place(make_view: MakeView) -> None:
    view = make_view("The strike on the Shuhada al-Nuseirat school killed 17 people on Thursday.")
    assert "PS-TBS" not in target_provinces(view, 0)


def test_regions_where_drones_were_downed_are_no_targets(make_view: MakeView) -> None:
    view = make_view(
        "Russia's Defence Ministry said air defences had destroyed 41 Ukrainian drones overnight over seven regions, "
        "including Bryansk, Kursk and Tula."
    )
    assert target_provinces(view, 0) == {}
    hit = make_view("Ukrainian drones struck an oil depot in Bryansk overnight.")
    assert target_provinces(hit, 0) == {"RU-BRY": "RU"}


def test_a_town_in_another_regions_district_is_a_namesake(make_view: MakeView) -> None:
    view = make_view("Strikes hit the Al-Talh market in Saada's Sahar district on Sunday, killing 12.")
    assert target_provinces(view, 0) == {"YE-SD": "YE"}


def test_a_neighbourhood_of_a_city_is_that_city(make_view: MakeView) -> None:
    view = make_view("Israeli aircraft struck a house in the Tal as-Sultan neighbourhood of Rafah on Sunday.")
    assert "IN-MP" not in target_provinces(view, 0)


def test_a_town_in_the_bekaa_valley_gives_its_own_governorate(make_view: MakeView) -> None:
    view = make_view("An Israeli drone struck a motorcycle near Baalbek in the Bekaa Valley on Tuesday.")
    assert target_provinces(view, 0) == {"LB-BH": "LB"}


def test_where_drones_were_launched_from_is_no_target(make_view: MakeView) -> None:
    view = make_view("Russia launched 31 drones overnight from an airfield in Russia's Kursk region at Kharkiv.")
    assert target_provinces(view, 0) == {"UA-63": "UA"}
    view = make_view("Russia launched 31 drones overnight from an airfield in Russia's Kursk region.")
    assert target_provinces(view, 0) == {}
    # the launch phrase ends at the strike verb: the place hit is still a target
    view = make_view("Drones launched from Russian territory struck a house near Kharkiv.")
    assert target_provinces(view, 0) == {"UA-63": "UA"}


def test_a_town_said_to_lie_in_another_country_is_not_the_tables_namesake(make_view: MakeView) -> None:
    text = "An IDF aircraft struck a structure in the area of Beit Jinn in southern Syria on Sunday."
    assert "IL-Z" not in target_provinces(make_view(text), 0)


def test_the_reference_of_a_known_places_bearing_and_a_sea_are_no_targets(make_view: MakeView) -> None:
    text = "Drones struck an oil refinery in the Russian city of Ryazan, south-east of Moscow, early on Thursday."
    assert set(target_provinces(make_view(text), 0)) == {"RU-RYA"}
    # after a village the tables lack, the reference city is the only clue and stays
    text = "A drone struck a house in the village of Zzyzxville, about 10 km north of Kherson, on Monday."
    assert "UA-65" in target_provinces(make_view(text), 0)
    text = "A drone hit a boat on the eastern shore of the Sea of Azov near Berdiansk on Monday."
    assert "RU-ROS" not in target_provinces(make_view(text), 0)


def test_a_town_said_to_lie_in_another_district_of_is_not_the_tables_namesake(make_view: MakeView) -> None:
    text = ("Security forces supported by aerial assets struck khawarij in the Kurachi area of North Waziristan "
            "District, killing six.")
    assert set(target_provinces(make_view(text), 0)) == {"PK-KP"}


def test_a_launch_points_clause_a_street_and_a_township_before_the_region(make_view: MakeView) -> None:
    text = ("Jets struck a weapons depot in the area of Srifa in southern Lebanon, from which rockets were fired "
            "toward the Kiryat Shmona area earlier today.")
    assert "IL-Z" not in target_provinces(make_view(text), 0)
    text = "A drone struck a car on Sovetskaya street in Shebekino, Belgorod region, on Monday."
    assert set(target_provinces(make_view(text), 0)) == {"RU-BEL"}


def test_launch_directions_are_no_targets(make_view: MakeView) -> None:
    text = ("Drones launched from the directions of Kursk, Millerovo and Chauda, Crimea, hit Odesa on Monday night.")
    assert "UA-43" not in target_provinces(make_view(text), 0)


def test_a_seat_named_for_its_regime_is_no_target(make_view: MakeView) -> None:
    # de facto seats (Port Sudan) and capitals that are provinces (Kinshasa) alike
    view = make_view("The army of the Port Sudan authority bombed the market of Ed Daein on Sunday.")
    assert target_provinces(view, 0) == {"SD-DE": "SD"}
    view = make_view("On Monday the Kinshasa regime used CH-4 drones to bomb Minova in Kalehe territory.")
    assert target_provinces(view, 0) == {"CD-SK": "CD"}
    # the place itself, when struck, stays: "Port Sudan" with no regime word after it
    view = make_view("Drones struck the airport of Port Sudan on Sunday.")
    assert target_provinces(view, 0) == {"SD-RS": "SD"}


def test_the_places_of_what_a_strike_answers_are_not_its_targets(make_view: MakeView) -> None:
    view = make_view(
        "The defence ministry said its air force had struck terrorist headquarters in the Idlib countryside, in "
        "response to what it called terrorist attacks on army positions in the Latakia countryside."
    )
    assert target_provinces(view, 0) == {"SY-ID": "SY"}
    view = make_view("Coalition: In response to the threat, we carried out air strikes on military targets in Sanaa.")
    assert target_provinces(view, 0) == {"YE-SA": "YE"}


def test_a_drone_named_after_a_town_is_the_weapon(make_view: MakeView) -> None:
    view = make_view("The group said it had targeted a vital site in the port of Eilat with a Yafa drone.")
    assert target_provinces(view, 0) == {"IL-D": "IL"}
    assert [e.canonical for e in view.ents(0, "AIRCRAFT")] == ["Yafa"]
