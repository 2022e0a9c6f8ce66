"""Short copy that the rules misread before (read off dev set heldout-aa and incident dev set own-incidents-r):
a monitor's own finding that no air strike happened, an air ambulance, a recalled strike "last August", the air
force's "Hits were recorded in X", a local outlet's title-case dateline, "The strikes ..." after the sentence that
said where, a region named in two countries, a town's stated container, subsets "among the dead", aircraft that
"delivered" bombs, what a missile destroyed on the ground, "air-land operations", and a family's name.

Rules are tested on ``spacy.blank`` views (``make_view``, ``run``); what needs the trained sentence classifier
(the writer's finding, which overrides it) goes through the real entity stage.
"""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.language import Language

from schemas import CleanArticle
from streams.casualties import parse_claims
from streams.detect import detect_one
from streams.detect.findings import ruled_out_by_writer
from streams.detect.kinds import SentenceKind
from streams.detect.sentences import classify
from streams.detect.timing import is_background
from streams.geo import Gazetteer
from streams.sentence_model import sentence_spans
from tests.unit.detect.conftest import MakeView, run


@pytest.mark.parametrize(
    "text",
    [
        "No air strike took place.",
        "Reclassified. This was artillery shelling, not an air strike.",
        "No aircraft was involved in this incident.",
        "A landmine; no new air strike.",
    ],
)
def test_the_writers_finding_rules_a_strike_out(text: str) -> None:
    assert ruled_out_by_writer(text)


@pytest.mark.parametrize(
    "text",
    [
        "The army said no air strike took place.",  # a party's denial is a claim like any other
        "Was it an air strike or not an air strike?",
        "An air strike hit the market.",
        "There were no casualties.",
    ],
)
def test_a_denial_by_a_party_or_a_plain_report_is_no_finding(text: str) -> None:
    assert not ruled_out_by_writer(text)


_REASSESSED = (
    "Casualty Monitor - incident note CM/UA/23-517\n"
    "Place: a residential street near the railway station, Lyman, Donetsk region. Date: 28 July 2023, about 07:30.\n"
    "Account: Initial reports from a local channel described the attack as a strike with a guided aerial bomb. "
    "Fragments recovered at the site are consistent with 152 mm artillery fired from the east.\n"
    "Tolls: Two residents were killed and three wounded, according to the regional military administration.\n"
    "Assessment: Reclassified. This was artillery shelling, not an air strike."
)


def test_a_write_up_that_reclassifies_an_air_strike_reports_none(entity_stage: object) -> None:
    (ea,) = entity_stage([CleanArticle(id="t", text=_REASSESSED, published="2023-08-02")])  # type: ignore[operator]
    assert not detect_one(ea).is_strike
    # the same note with a plain account and no findings is a strike report (since the ninth-round model, session
    # 22, "Initial reports ... described the attack as a strike" beside fragments of artillery reads as doubtful
    # even without the assessment line)
    kept = _REASSESSED.rsplit("\n", 1)[0].replace(
        "Initial reports from a local channel described the attack as a strike with a guided aerial bomb. "
        "Fragments recovered at the site are consistent with 152 mm artillery fired from the east.",
        "A guided aerial bomb hit the street.",
    )
    (ea,) = entity_stage([CleanArticle(id="t", text=kept, published="2023-08-02")])  # type: ignore[operator]
    assert detect_one(ea).is_strike


def test_a_clock_time_is_no_list_number() -> None:
    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    doc = blank("Date: 28 July 2023, about 07:30.\nAccount: Neighbours said an air strike brought the building down.")
    texts = [doc.text[a:b] for a, b in sentence_spans(doc)]
    assert texts[0] == "Date: 28 July 2023, about 07:30."
    assert texts[1].startswith("Account:")


def test_an_air_ambulance_is_no_attacker(make_view: MakeView) -> None:
    infos = classify(
        make_view(
            "During the operation in Datta Khel, own troops engaged the khwarij location and six khwarij were "
            "killed, while an injured soldier was evacuated by army aviation helicopter."
        )
    )
    assert all(i.kind != SentenceKind.STRIKE for i in infos)


@pytest.mark.parametrize(
    "text",
    [
        "Health workers recalled a drone strike near Debre Markos last August that hit a clinic's supply truck.",
        "A drone strike near Debre Markos last August hit a clinic's supply truck.",
    ],
)
def test_a_strike_last_august_or_recalled_is_background(text: str) -> None:
    start = text.index("drone strike")
    assert is_background(dt.date(2024, 5, 20), text, start, start + len("drone strike"))


def test_hits_recorded_in_a_region_continue_the_nights_attack(nlp: Language) -> None:
    report = run(
        nlp,
        "On the night of 1 September the enemy attacked with 71 Shahed-type attack UAVs launched from Millerovo "
        "and Oryol. Air defence shot down or suppressed 58 of them. Hits were recorded in Kyiv region.",
        published="2026-09-01",
    )
    assert report.is_strike
    assert {p.code for e in report.events for p in e.provinces} == {"UA-32"}


def test_a_local_title_case_dateline_says_where_when_nothing_else_does(nlp: Language) -> None:
    report = run(
        nlp,
        "Bint Jbeil - An Israeli drone strike on a motorcycle near the hospital roundabout this morning killed one "
        "man and wounded a passer-by, the health ministry said.",
    )
    assert {p.code for e in report.events for p in e.provinces} == {"LB-NA"}


def test_a_headline_like_opening_that_is_no_place_is_no_dateline(make_view: MakeView) -> None:
    view = make_view("Breaking News - Israeli jets struck Tyre on Monday.")
    assert (view.local_dateline_end, view.dateline_end) == (0, 0)
    assert make_view("Bint Jbeil - An Israeli drone struck a car.").local_dateline_end == len("Bint Jbeil - ")


def test_the_strikes_after_the_sentence_that_says_where(entity_stage: object) -> None:
    # the rules read no strike in the first sentence; the classifier reads one in the second, which says nowhere
    text = (
        "The Joint Forces Command of the Coalition announced that it had carried out 11 targeting operations "
        "against the Houthi militia in Hayran and Abs, Hajjah governorate, during the past 24 hours. The strikes "
        "destroyed six military vehicles and killed more than 45 Houthi elements."
    )
    (ea,) = entity_stage([CleanArticle(id="t", text=text, published="2024-05-06")])  # type: ignore[operator]
    report = detect_one(ea)
    assert report.is_strike
    assert {p.code for e in report.events if e.provinces for p in e.provinces} == {"YE-HJ"}


def test_a_region_of_two_countries_goes_by_the_evidence() -> None:
    gaz = Gazetteer.load()
    yemen = gaz.find("Coalition jets pounded Houthi positions around Al Hazm in Al Jawf province.")
    saudi = gaz.find("Saudi air defences intercepted a drone over Al Jawf province near Sakaka.")
    assert {m.code for m in yemen if m.text == "Al Jawf province"} == {"YE-JA"}
    assert {m.code for m in saudi if m.text == "Al Jawf province"} == {"SA-12"}


def test_a_town_of_another_country_before_its_stated_region_is_a_namesake() -> None:
    found = Gazetteer.load().find("Jets hit a camp near Legyi village, Kani Township, Sagaing Region, on 14 March.")
    assert {m.country for m in found} == {"MM"}


def test_arabic_names_of_israeli_towns() -> None:
    found = Gazetteer.load().find("a vital target in the occupied Asqalan area, Israel")
    assert "IL-D" in {m.code for m in found}


@pytest.mark.parametrize(
    ("text", "subset"),
    [
        ("CCM counts one civilian among the dead.", True),
        ("Two women among the dead were identified.", True),
        ("Five people, among them two children, were killed.", False),
    ],
)
def test_among_the_dead_is_a_subset(text: str, subset: bool) -> None:
    (claim,) = parse_claims(text, 0)
    assert claim.status == "killed" and claim.subset is subset


def test_bombers_that_delivered_bombs_took_part(nlp: Language) -> None:
    report = run(
        nlp,
        "Su-34 bombers of the Aerospace Forces delivered FAB-1500 guided aerial bombs on a temporary deployment "
        "point near Kurakhove, eliminating more than 40 Ukrainian servicemen.",
    )
    assert {a.designation for e in report.events for a in e.aircraft} == {"Su-34"}


def test_jets_destroyed_on_the_ground_by_a_missile_are_no_air_strike(nlp: Language) -> None:
    report = run(
        nlp,
        "An Iskander-M operational-tactical missile system struck the Dolgintsevo airfield in Dnipropetrovsk "
        "region, destroying two MiG-29 fighters of the Ukrainian air force parked on the ground, the Russian "
        "Ministry of Defence said.",
        force=True,
    )
    assert not report.is_strike


def test_air_land_operations_are_air_strikes(make_view: MakeView) -> None:
    (info,) = classify(
        make_view(
            "Armed Forces of Burkina Faso: air-land operations on 16 September destroyed a terrorist base in the "
            "Djibo sector, neutralising dozens of terrorists.",
            published="2026-09-17",
        )
    )
    assert info.kind is SentenceKind.STRIKE and info.strength == 1.0


def test_a_follow_up_that_opens_with_the_toll_names_its_strike(make_view: MakeView) -> None:
    (info, _) = classify(
        make_view(
            "Rescuers pulled two more bodies from the rubble of the family home at dawn, bringing the toll of the "
            "night strike to nine, civil defence crews said. Thirteen people were wounded.",
        )
    )
    assert info.kind is SentenceKind.STRIKE and info.triggers


def test_a_familys_name_is_no_place(nlp: Language) -> None:
    report = run(
        nlp,
        "An Israeli air strike on the Hamdan family home in Jabalia killed seven people overnight, civil defence "
        "crews said.",
    )
    assert {p.code for e in report.events for p in e.provinces} == {"PS-NGZ"}


def test_a_shelling_clause_beside_the_strike_gives_no_province(nlp: Language) -> None:
    report = run(
        nlp,
        "Since 00:05 the armed forces of Azerbaijan have been shelling Armenian positions in the direction of Goris "
        "with artillery, while in the direction of Jermuk attack UAVs struck a military post, killing one soldier.",
    )
    assert {p.code for e in report.events for p in e.provinces} == {"AM-VD"}  # Jermuk, not Goris (Syunik)


def test_a_strike_named_by_its_day_in_a_story_of_other_violence_is_a_reference(entity_stage: object) -> None:
    text = (
        "A motorcycle bomb exploded outside the police station in Jamundi late on Friday, injuring two passers-by, "
        "police said. Officers blamed the same dissident faction behind Thursday's drone attack in Cauca."
    )
    (ea,) = entity_stage([CleanArticle(id="t", text=text, published="2026-09-19")])  # type: ignore[operator]
    assert not detect_one(ea).is_strike


def test_the_jets_targets_named_after_guns_and_a_ground_weapons_clause(nlp: Language) -> None:
    report = run(
        nlp,
        "At 06:15 this morning the Royal Thai Air Force deployed F-16 aircraft to strike Cambodian military targets, "
        "hitting a support base and artillery positions in Preah Vihear province, after Cambodian forces fired "
        "BM-21 rockets into civilian areas of Si Sa Ket province overnight.",
    )
    assert {p.code for e in report.events for p in e.provinces} == {"KH-13"}


@pytest.mark.parametrize(
    "text",
    [
        "One of the two injured workers has died.",
        "The refinery halted two units, and one of the two workers taken to hospital has died, officials said.",
    ],
)
def test_one_of_the_wounded_who_died_is_one_more_dead(text: str) -> None:
    (claim,) = parse_claims(text, 0)
    assert (claim.status, claim.count_min, claim.count_max, claim.subset) == ("killed", 1, 1, True)


def test_the_gate_passes_air_land_operations() -> None:
    from streams.gate import gate

    assert gate("Air-land operations on 16 September destroyed a terrorist base in the Djibo sector.", None)


def test_a_national_armys_statement_with_no_known_place_is_about_its_country(nlp: Language) -> None:
    report = run(
        nlp,
        "Armed Forces of Burkina Faso: air-land operations on 16 September destroyed a terrorist base in the "
        "Kelbo sector, neutralising dozens of terrorists.",
        published="2026-09-17",
    )
    assert report.is_strike and [e.country for e in report.events] == ["BF"]


def test_last_weeks_drone_attack_in_a_story_of_a_bombing_is_background(entity_stage: object) -> None:
    text = (
        "CALI, Colombia, Jun 17 - A motorcycle loaded with explosives blew up next to a police station in the town "
        "of Jamundi on Monday, killing two police officers, authorities said.\n\n"
        "The governor blamed a faction of the FARC dissidents.\n\n"
        "Last week, the group used a drone to drop explosives on a police post in Suarez, Cauca, wounding two "
        "officers, according to the army."
    )
    (ea,) = entity_stage([CleanArticle(id="t", text=text, published="2024-06-17")])  # type: ignore[operator]
    assert not detect_one(ea).is_strike


def test_the_last_round_of_fighting_is_background() -> None:
    text = "The last round of fighting ended after three days of Israeli air strikes that killed dozens."
    start = text.index("air strikes")
    assert is_background(dt.date(2024, 12, 4), text, start, start + len("air strikes"))


def test_a_region_group_adds_nothing_once_a_place_in_one_of_its_regions_is_named(nlp: Language) -> None:
    report = run(
        nlp,
        "An Antonov aircraft of the army's air force dropped barrel bombs on a market in El Geneina, the capital of "
        "West Darfur state, on Saturday, killing twelve civilians. A lawyers' group said the repeated targeting "
        "of markets in Darfur amounts to war crimes, and that the bombing killed at least 15 people.",
    )
    assert {p.code for e in report.events for p in e.provinces} == {"SD-DW"}


def test_a_small_town_listed_only_in_regions_the_text_does_not_name_is_a_namesake() -> None:
    found = Gazetteer.load().find(
        "Drones dropped explosives on houses in western Michoacan state. Separately, a farmer was killed in the "
        "community of El Aguaje."
    )
    assert {m.code for m in found} == {"MX-MIC"}


def test_interceptions_with_no_damage_after_them_are_no_strike(entity_stage: object) -> None:
    text = (
        "SANAA, Yemen, Feb 9 - The coalition said it had intercepted two explosive-laden drones launched by the "
        "Houthis towards Khamis Mushait in southern Saudi Arabia. There were no reports of damage."
    )
    (ea,) = entity_stage([CleanArticle(id="t", text=text, published="2021-02-09")])  # type: ignore[operator]
    assert not detect_one(ea).is_strike


def test_the_continuation_of_a_strike_dated_weeks_back_is_history(entity_stage: object) -> None:
    text = (
        "QAMISHLI, Syria, Jan 18 - A Turkish drone struck a car near the town of Amuda on Thursday, killing two "
        "members of the Asayish, the SDF said.\n\nTurkey stepped up drone strikes across northeastern Syria in "
        "October after an attack in Ankara, hitting oil facilities and checkpoints. Local authorities said those "
        "strikes killed more than 40 people."
    )
    (ea,) = entity_stage([CleanArticle(id="t", text=text, published="2024-01-18")])  # type: ignore[operator]
    report = detect_one(ea)
    assert {p.code for e in report.events for p in e.provinces} == {"SY-HA"}


def test_a_habit_is_no_strike() -> None:
    text = "Analysts say the army relies increasingly on drone strikes in the Sahel region."
    start = text.index("drone strikes")
    assert is_background(dt.date(2026, 10, 20), text, start, start + len("drone strikes"))


def test_the_bekaa_means_the_region_of_the_town_named_nearest(nlp: Language) -> None:
    report = run(
        nlp,
        "BEIRUT, June 30 - Israeli warplanes struck hills east of Baalbek in Lebanon's "
        "Bekaa valley on Tuesday, killing four people, Lebanon's health ministry said.",
        published="2024-06-30",
    )
    assert {p.code for e in report.events for p in e.provinces} == {"LB-BH"}


def test_a_campaign_against_cities_including_one_is_a_tally(entity_stage: object) -> None:
    text = (
        "Army jets struck an RSF convoy near Mellit on Monday, killing 12 fighters, the army said. The RSF, for its "
        "part, has used long-range drones to attack army-held cities including Port Sudan."
    )
    (ea,) = entity_stage([CleanArticle(id="t", text=text, published="2025-05-06")])  # type: ignore[operator]
    assert {p.code for e in detect_one(ea).events if e.provinces for p in e.provinces} == {"SD-DN"}


def test_an_intensified_campaign_is_no_strike_of_its_own(entity_stage: object) -> None:
    text = (
        "An air strike on a crowded livestock market in the Sudanese town of Al-Nahud killed at least 23 people on "
        "Saturday, a local volunteer group said.\n\nThe army, which holds El Obeid in North Kordofan, has "
        "intensified air and drone attacks on RSF-held towns in Kordofan since the paramilitary group took most "
        "of Darfur."
    )
    (ea,) = entity_stage([CleanArticle(id="t", text=text, published="2025-07-26")])  # type: ignore[operator]
    assert {p.code for e in detect_one(ea).events if e.provinces for p in e.provinces} == {"SD-GK"}
