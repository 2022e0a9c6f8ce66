"""Gazetteer components on ``spacy.blank("en")``: no trained model is loaded to test a rule."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

import streams.components  # noqa: F401  (registers the factories)
from streams.components import PLACE_SPANS, STRIKE_SPANS


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("strike_gazetteer")
    return pipeline


def _tags(nlp: Language, text: str) -> list[tuple[str, str, str]]:
    doc = nlp(text)
    return [(s.text, s.label_, s.kb_id_) for s in doc.spans[STRIKE_SPANS]]


def test_designations_plurals_and_spelling_variants(nlp: Language) -> None:
    tags = _tags(nlp, "Two Su-34s, an SU 34 and a Sukhoi Su-34 flew with F-16s and MQ-9 Reapers.")
    assert ("Su-34s", "AIRCRAFT", "Su-34") in tags
    assert ("SU 34", "AIRCRAFT", "Su-34") in tags
    assert ("Sukhoi Su-34", "AIRCRAFT", "Su-34") in tags
    assert ("F-16s", "AIRCRAFT", "F-16") in tags
    assert ("MQ-9 Reapers", "AIRCRAFT", "MQ-9") in tags


def test_aliases_map_to_the_designation(nlp: Language) -> None:
    tags = _tags(nlp, 'Geran-2 drones and a "Fullback" bomber; Frogfoot jets and an A-29 Super Tucano.')
    canon = {kb for _, label, kb in tags if label == "AIRCRAFT"}
    assert canon == {"Shahed-136", "Su-34", "Su-25", "A-29"}


def test_longest_designation_wins(nlp: Language) -> None:
    tags = _tags(nlp, "F-35I and F-15I jets, a Wing Loong II drone and a Bayraktar Akinci.")
    canon = [kb for _, label, kb in tags if label == "AIRCRAFT"]
    assert canon == ["F-35I", "F-15I", "Wing Loong II", "Bayraktar Akinci"]


def test_weak_aliases_need_an_aircraft_noun(nlp: Language) -> None:
    assert _tags(nlp, "A tornado hit the town and a hawk circled the field.") == []
    assert _tags(nlp, "Tornado jets and Hawk trainers took part.") == [
        ("Tornado", "AIRCRAFT", "Tornado"),
        ("Hawk", "AIRCRAFT", "Hawk"),
    ]


def test_air_launched_weapons_are_not_aircraft(nlp: Language) -> None:
    tags = _tags(nlp, "Bombers fired Kh-101 missiles; MiG-31K jets carried Kinzhal missiles; glide bombs fell.")
    assert ("Kh-101", "MUNITION", "Kh-101") in tags
    assert ("Kinzhal", "MUNITION", "Kinzhal") in tags
    assert ("glide bombs", "MUNITION", "KAB") in tags
    assert ("MiG-31K", "AIRCRAFT", "MiG-31K") in tags


def test_bases_and_their_cities(nlp: Language) -> None:
    tags = _tags(nlp, "The jets flew from Hmeimim air base; the bombers took off from near Hamedan.")
    assert ("Hmeimim air base", "AIRBASE", "Hmeimim Air Base") in tags
    assert ("Hamedan", "AIRBASE_CITY", "Shahid Nojeh Air Base") in tags


def test_data_files_come_from_the_component_config(tmp_path: Path) -> None:
    aircraft = tmp_path / "aircraft.csv"
    aircraft.write_text(
        "# test data\ndesignation,variants,weak,nato_name,role,kind,operators\n"
        "XQ-58,XQ-58 Valkyrie|Valkyrie,,,combat-drone,drone,US\n",
        encoding="utf-8",
    )
    munitions = tmp_path / "munitions.csv"
    munitions.write_text("# test data\nname,variants,kind,carrier,carriers\n", encoding="utf-8")
    bases = tmp_path / "airbases.csv"
    bases.write_text("# test data\nname,aliases,city,country,lat,lon\n", encoding="utf-8")
    pipeline = spacy.blank("en")
    pipeline.add_pipe(
        "strike_gazetteer",
        config={"aircraft_path": str(aircraft), "munitions_path": str(munitions), "airbases_path": str(bases)},
    )
    doc = pipeline("An XQ-58 Valkyrie flew beside an Su-34.")
    assert [(s.text, s.kb_id_) for s in doc.spans[STRIKE_SPANS]] == [("XQ-58 Valkyrie", "XQ-58")]


def test_place_gazetteer_writes_codes() -> None:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("place_gazetteer")
    doc = pipeline("Warplanes struck Idlib province and the town of Saraqib in Syria.")
    spans = {(s.text, s.label_, s.kb_id_) for s in doc.spans[PLACE_SPANS]}
    assert ("Syria", "COUNTRY", "SY") in spans
    assert any(kb == "SY-ID" and label == "ADMIN1" for _, label, kb in spans)


def test_missing_model_is_an_error_not_a_fallback() -> None:
    from streams.errors import ModelNotInstalledError
    from streams.nlp import EntityStage
    from streams.settings import Settings

    with pytest.raises(ModelNotInstalledError):
        EntityStage.build(Settings(spacy_model="no_such_spacy_model_xyz"))


def test_place_gazetteer_reads_copy_typed_in_lower_case() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("place_gazetteer")
    doc = nlp("russian drone hit a bus in nikopol this morning, 2 dead")
    assert {(s.text, s.kb_id_) for s in doc.spans[PLACE_SPANS] if s.label_ != "COUNTRY"} == {("nikopol", "UA-12")}
    # "hit" is an English word first: capitalised by us, never a town (Hit, Iraq)
    doc = nlp("turkish drones hit a village in duhok province, killing two shepherds")
    assert {s.kb_id_ for s in doc.spans[PLACE_SPANS] if s.label_ != "COUNTRY"} == {"IQ-DA"}


def test_strike_gazetteer_reads_copy_typed_in_lower_case() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("strike_gazetteer")
    doc = nlp("russian shaheds hit chernihiv last night - one injured")
    assert {(s.text, s.kb_id_) for s in doc.spans[STRIKE_SPANS]} == {("shaheds", "Shahed-136")}
    # in capitalised copy the names stay case-sensitive: "a shahed" (a martyr) is no drone
    doc = nlp("Mourners carried the body of a shahed through Gaza City.")
    assert not [s for s in doc.spans[STRIKE_SPANS] if s.label_ == "AIRCRAFT"]


def test_copy_in_lower_case_may_hold_a_designation_in_capitals() -> None:
    from streams.components import typed_in_lower_case

    assert typed_in_lower_case("FA-50s dropping bombs on a camp in butig lanao del sur")
    assert typed_in_lower_case("russian drone hit a bus in nikopol")
    assert not typed_in_lower_case("Russian drones hit a bus in Nikopol")
    nlp = spacy.blank("en")
    nlp.add_pipe("place_gazetteer")
    doc = nlp("FA-50s dropping bombs on a dawlah islamiyah camp in butig lanao del sur")
    assert {s.kb_id_ for s in doc.spans[PLACE_SPANS] if s.label_ != "COUNTRY"} == {"PH-14"}
