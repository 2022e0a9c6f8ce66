"""Casualty-claim parsing on sentences written for these tests (counts follow the evaluation conventions)."""

from __future__ import annotations

import pytest

from streams.casualties import explicit_zero, number_value, parse_claims


def _claims(text: str) -> list[tuple[str, int | None, int | None]]:
    return [(c.status, c.count_min, c.count_max) for c in parse_claims(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The raid killed seven fighters near the bridge.", [("killed", 7, 7)]),
        ("That brings the number of soldiers killed to three.", [("killed", 3, 3)]),
        ("Up to 15 occupiers were killed.", [("killed", None, 15)]),
        ("At least 30 bodies had been received at the hospital.", [("killed", 30, None)]),
        ("The driver was killed and five passengers were injured.", [("killed", 1, 1), ("wounded", 5, 5)]),
        ("The soldiers were killed.", []),
        ("One employee was killed and two more were injured.", [("killed", 1, 1), ("wounded", 2, 2)]),
        ("A passer-by on a motorbike was wounded by shrapnel.", [("wounded", 1, 1)]),
        ("Troops recovered the bodies of five members of the armed group.", [("killed", 5, 5)]),
        ("Turkey said five 'terrorists' had been neutralised.", [("killed", 5, 5)]),
        ("A health worker estimated that 'more than 60' were wounded.", [("wounded", 61, None)]),
        ("The number of people killed in Friday's strike had risen to 27.", [("killed", 27, 27)]),
        ("The number of soldiers wounded rose to 9.", [("wounded", 9, 9)]),
        ("Jets bombed the market, killing at least 12 civilians.", [("killed", 12, None)]),
        ("The strike killed more than 20 soldiers, officials said.", [("killed", 21, None)]),
        ("Between 10 and 15 people were killed in the bombing.", [("killed", 10, 15)]),
        ("Up to 30 people were wounded.", [("wounded", None, 30)]),
        ("A dozen people were hurt.", [("wounded", 12, 12)]),
        ("Dozens of people were injured in the attack.", [("wounded", 24, None)]),
        ("The drone hit a house, killing five, including two children.", [("killed", 5, 5)]),
        ("Two people were killed and three wounded.", [("killed", 2, 2), ("wounded", 3, 3)]),
        ("One man died and 14 others were injured.", [("killed", 1, 1), ("wounded", 14, 14)]),
        ("It killed a farmer and two of his sons.", [("killed", 3, 3)]),
        ("The bombs killed a teacher and four pupils.", [("killed", 5, 5)]),
        ("Twenty-one militants were killed, the army said.", [("killed", 21, 21)]),
        ("Seven fighters and two civilians were killed.", [("killed", 7, 7), ("killed", 2, 2)]),
        ("The jets killed several dozen militants.", [("killed", 24, None)]),
        ("The blast wounded many others.", [("wounded", None, None)]),
        ("Three guards stationed at the gate were killed.", [("killed", 3, 3)]),
        ("The death toll has risen to 19, the governor said.", [("killed", 19, 19)]),
        ("1,200 people were displaced by the fighting.", []),
        ("The convoy of 40 trucks was hit near the crossing.", []),
        ("In 2019, the town was captured.", []),
        ("Two guards at the warehouse were lightly wounded.", [("wounded", 2, 2)]),
        ("An Israeli drone fired at a tent, killing a father and his two sons.", [("killed", 3, 3)]),
        ("More than 20 others were being treated for shrapnel wounds.", [("wounded", 21, None)]),
        ("Five people were hospitalised after the raid.", [("wounded", 5, 5)]),
        ("More than 20 wounded people were taken to hospital.", [("wounded", 21, None)]),
        ("The rebels said nine civilians were martyred.", [("killed", 9, 9)]),
        ("A 47-year-old employee of the facility was killed.", [("killed", 1, 1)]),
        ("Two 19-year-old soldiers were wounded.", [("wounded", 2, 2)]),
        ("Fighter jets struck a depot and eliminated a Hezbollah operative.", [("killed", 1, 1)]),
        ("Two gunmen were eliminated in the raid.", [("killed", 2, 2)]),
        ("The threat was eliminated.", []),
        ("Three soldiers were seriously injured in the raid.", [("wounded", 3, 3)]),
        ('The army said its helicopters had killed "dozens of terrorists" near the town.', [("killed", 24, None)]),
        ("The strike killed \u201cat least nine\u201d fighters.", [("killed", 9, None)]),
        # a definite count after the verb, and an ISPR idiom
        ("A drone struck a civilian car, killing the three people inside.", [("killed", 3, 3)]),
        ("Gunships engaged the hideout, and 6 khwarij were sent to hell.", [("killed", 6, 6)]),
        # a share of the victims between the count and its verb
        ("A local lawmaker said six people, all of them children, were killed in the attack.", [("killed", 6, 6)]),
        # press-office idioms
        ("Two soldiers paid the supreme price, while four others sustained injuries.",
         [("killed", 2, 2), ("wounded", 4, 4)]),
        ("Three civilians succumbed to their injuries.", [("killed", 3, 3)]),
        ("Two guards suffered serious wounds.", [("wounded", 2, 2)]),
        # a toll of the wounded whose subject is long
        ("The number of people injured in Sunday's drone attack on the Syzran oil refinery has risen to five.",
         [("wounded", 5, 5)]),
        ("The number of injured rose to 12 and the death toll has risen to five.",
         [("wounded", 12, 12), ("killed", 5, 5)]),
    ],
)
def test_claims(text: str, expected: list[tuple[str, int | None, int | None]]) -> None:
    assert _claims(text) == expected


def test_toll_update_is_flagged() -> None:
    (claim,) = parse_claims("Hospital officials said the toll had climbed to 31 by the evening.")
    assert claim.update and claim.count_min == 31


@pytest.mark.parametrize(
    "text",
    [
        "A drone strike near the town killed 13 militants, the ministry said, raising its earlier toll.",
        "The strike killed 13 militants, up from an earlier figure of eight.",
    ],
)
def test_toll_update_said_after_the_figure(text: str) -> None:
    (claim,) = parse_claims(text)
    assert claim.update and claim.count_min == 13


def test_dozens_has_acled_minimum_of_twelve() -> None:
    (claim,) = parse_claims("Warplanes killed dozens of fighters in the hills.")
    assert (claim.count_min, claim.count_max, claim.acled_min) == (24, None, 12)


def test_victims_and_offsets() -> None:
    text = "Later, the strike killed nine rebel fighters near the dam."
    (claim,) = parse_claims(text, offset=100)
    assert claim.victims == "fighters"
    assert claim.text == "killed nine rebel fighters"
    assert text[claim.start - 100 : claim.end - 100] == claim.text


@pytest.mark.parametrize(
    "text",
    ["There were no casualties.", "No one was hurt in the raid.", "The ministry said there were no fatalities."],
)
def test_explicit_zero(text: str) -> None:
    assert explicit_zero(text)
    assert _claims(text) == []


def test_number_words() -> None:
    assert number_value("seven") == 7
    assert number_value("thirty-two") == 32
    assert number_value("1,250") == 1250
    assert number_value("several") is None


def test_wounded_who_died_are_no_wounded_claim() -> None:
    got = _claims("The toll had risen to nine after three wounded people died in a clinic.")
    assert got == [("killed", 9, 9)]


def test_raised_toll_with_a_place_between() -> None:
    (claim,) = parse_claims("The Observatory later raised the death toll at the checkpoint to four.")
    assert claim.update and (claim.count_min, claim.count_max) == (4, 4)


def test_toll_updates_in_the_present_tense() -> None:
    (claim,) = parse_claims("The governor updates the toll in Sevastopol: two people killed.")
    assert claim.update and claim.count_min == 2


# one case per rule of the scanner: (text, [(status, min, max, victims, group, subset, update)])
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # active verb + count, coordinated parts of different victims share a group
        ("Jets struck, killing seven fighters and two civilians.",
         [("killed", 7, 7, "fighters", 1, False, False), ("killed", 2, 2, "civilians", 1, False, False)]),
        # a vague count after an active verb
        ("The blast wounded many others.", [("wounded", None, None, "people", 1, False, False)]),
        # count + victims + participle, after a modifier ("in the car") and an auxiliary
        ("Two people in the car were killed.", [("killed", 2, 2, "people", 1, False, False)]),
        ("Four soldiers manning air defence systems were killed.", [("killed", 4, 4, "soldiers", 1, False, False)]),
        # "treated for wounds" / "hospitalised" are wounded
        ("Five were hospitalised.", [("wounded", 5, 5, None, 1, False, False)]),
        # "among the dead": a subset of a total
        ("Three children were among the dead.", [("killed", 3, 3, "children", 1, True, False)]),
        # a noun of status after the count
        ("The attack caused 4 fatalities.", [("killed", 4, 4, None, 1, False, False)]),
        # "nine of those killed were militants"
        ("Nine of those killed were militants.", [("killed", 9, 9, "fighters", 1, True, False)]),
        # a subset clause is skipped, not counted twice
        ("Six people, including two children, were killed.", [("killed", 6, 6, "people", 1, False, False)]),
        # toll update
        ("The death toll rose to 23.", [("killed", 23, 23, None, 1, False, True)]),
    ],
)
def test_scanner_rules(text: str, expected: list[tuple[object, ...]]) -> None:
    got = [(c.status, c.count_min, c.count_max, c.victims, c.group, c.subset, c.update) for c in parse_claims(text)]
    assert got == expected


def test_claim_offsets_are_absolute_and_text_is_the_phrase() -> None:
    sentence = "Jets bombed the market, killing at least 12 civilians."
    (claim,) = parse_claims(sentence, offset=100)
    assert claim.text == "killing at least 12 civilians"
    assert (claim.start, claim.end) == (100 + sentence.index("killing"), 100 + len(sentence) - 1)


def test_qualifiers_set_the_bounds() -> None:
    assert _claims("No fewer than 8 people were killed.") == [("killed", 8, None)]
    assert _claims("As many as 8 people were killed.") == [("killed", None, 8)]
    assert _claims("Nearly 8 people were killed.") == [("killed", None, 8)]
    assert _claims("About 8 people were killed.") == [("killed", 8, 8)]


def test_toll_update_with_a_long_subject_before_the_verb() -> None:
    # the verb stands more than 40 characters after "toll"
    (claim,) = parse_claims(
        "The toll from Saturday night's bombardment of the fuel depot and the nearby grain silos has climbed to 14."
    )
    assert claim.update and (claim.status, claim.count_min, claim.count_max) == ("killed", 14, 14)


def test_toll_brought_to_a_figure_is_an_update() -> None:
    got = [(c.status, c.count_min, c.update) for c in parse_claims(
        "A teenager hurt in the raid died overnight, bringing the death toll to seven, the mayor said.")]
    assert got == [("killed", 7, True)]


def test_wounded_in_a_relative_clause_of_a_later_death_is_no_wounded_claim() -> None:
    assert _claims("An elderly man wounded when the shell hit his barn has died in hospital.") == []
    # without a later death the same shape is a count of wounded
    assert _claims("Three people wounded in the blast were taken to a clinic.") == [("wounded", 3, 3)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The monitor documented the killing of four people on Friday.", [("killed", 4, 4)]),
        ("A police officer said at least five bodies had been recovered from the site.", [("killed", 5, None)]),
        (
            "Three suspected members of al-Qaeda in the Arabian Peninsula (AQAP), including a local commander, were "
            "killed when a drone struck their car.",
            [("killed", 3, 3)],
        ),
        ("Five bodies of the victims lay in the street.", []),
        ("A drone struck a minibus, killing the driver and a passenger.", [("killed", 2, 2)]),
        ("The strike killed the people inside.", []),
        ("The governor said the number of people hurt had risen to 16.", [("wounded", 16, 16)]),
        ("The death toll from the strike on the wounded rose to 5.", [("killed", 5, 5)]),
        ("Two firefighters were injured while fighting the blaze.", [("wounded", 2, 2)]),
        ("The drone killed a paramedic, wounding the driver and the elderly patient.",
         [("killed", 1, 1), ("wounded", 2, 2)]),
        ("Two more residents sought help, bringing the number of injured to eight.", [("wounded", 8, 8)]),
        ("The number of strikes rose to 12.", []),
        ("The aggression resulted in the martyrdom of three soldiers and the injury of five others.",
         [("killed", 3, 3), ("wounded", 5, 5)]),
    ],
)
def test_tolls_told_as_noun_phrases_and_long_subjects(
    text: str, expected: list[tuple[str, int | None, int | None]]
) -> None:
    assert _claims(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Yemen's information minister put the toll at six, saying the Houthis had used a drone.",
         [("killed", 6, 6)]),
        ("The health ministry put the death toll at 12.", [("killed", 12, 12)]),
        ("Officials put the number of dead at 7 and the wounded at 15.", [("killed", 7, 7), ("wounded", 15, 15)]),
        ("The toll stood at nine on Sunday.", [("killed", 9, 9)]),
        ("Medics said the dead numbered at least 11.", [("killed", 11, None)]),
        ("The number of people killed by a Russian drone attack on a humanitarian aid point in Korabel has risen "
         "to two, the administration said.", [("killed", 2, 2)]),
        # not tolls: the time of an attack, blame
        ("The army put the attack at 3 am.", []),
        ("He put the blame at the door of 3 commanders.", []),
    ],
)
def test_tolls_stated_with_put_stood_and_numbered(
    text: str, expected: list[tuple[str, int | None, int | None]]
) -> None:
    assert _claims(text) == expected


def test_the_death_that_raised_a_toll_is_part_of_it() -> None:
    claims = parse_claims(
        "The death toll from Thursday's drone attack has risen to five after a nine-year-old boy died of his "
        "wounds overnight."
    )
    assert [(c.count_min, c.subset) for c in claims] == [(5, False), (1, True)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The drone struck a bus, killing the 58-year-old driver and wounding six passengers.",
         [("killed", 1, 1), ("wounded", 6, 6)]),
        ("Three people, two of them children, were killed and five wounded.", [("killed", 3, 3), ("wounded", 5, 5)]),
        ("A child who was standing outside a house nearby was wounded by shrapnel.", [("wounded", 1, 1)]),
        ("More than 50 people are still being treated for their wounds.", [("wounded", 51, None)]),
        ("The death toll from a bombing by military paramotors on a monastery sheltering displaced people in the "
         "central Sagaing region has risen to 22, a rescue team said.", [("killed", 22, 22)]),
    ],
)
def test_ages_breakdowns_relative_clauses_and_long_update_subjects(
    text: str, expected: list[tuple[str, int | None, int | None]]
) -> None:
    assert _claims(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # press offices: "neutralized" is a killed claim, of people only
        ("Our armed UAVs neutralized 3 terrorists.", [("killed", 3, 3)]),
        ("5 PKK terrorists were neutralized.", [("killed", 5, 5)]),
        ("Air defence units neutralized 20 enemy UAVs.", []),
        ("The ministry said four people were killed and nine wounded when drones hit the station.",
         [("killed", 4, 4), ("wounded", 9, 9)]),
        # bodies received or brought in; "scores of" is vague
        ("Staff at the hospital said they had received nine bodies that night.", [("killed", 9, 9)]),
        ("A doctor said that between 15 and 22 bodies had been brought in.", [("killed", 15, 22)]),
        ("Jets pounded positions near Jilib, killing scores of militants.", [("killed", None, None)]),
        # "seven members of the structure died"; "the driver and a woman passenger were killed"
        ("Seven members of the structure died in the operation.", [("killed", 7, 7)]),
        ("The governor said the driver and a woman passenger were killed.", [("killed", 2, 2)]),
    ],
)
def test_press_office_verbs_bodies_and_coordinated_subjects(
    text: str, expected: list[tuple[str, int | None, int | None]]
) -> None:
    assert _claims(text) == expected


def test_monitors_count_the_dead_by_names_and_press_offices_by_neutralisation() -> None:
    assert _claims("GCDP has verified 11 names from hospital records, including Maryam (34).") == [("killed", 11, 11)]
    assert _claims("The list gave 11 names of candidates.") == []
    assert _claims("The assessment confirmed the neutralisation of no fewer than 17 bandits.") == [("killed", 17, None)]


def test_the_citys_toll_is_a_toll() -> None:
    claims = parse_claims("Rescuers found a fourth body, bringing the city's toll to four, he said.")
    assert [(c.status, c.count_min, c.update) for c in claims] == [("killed", 4, True)]


def test_martyring_a_single_victim_and_an_appositive_before_the_verb() -> None:
    assert [(c.status, c.count_min) for c in parse_claims(
        "Aircraft bombed civilian homes, martyring nine civilians, mostly women and children.")] == [("killed", 9)]
    assert [(c.status, c.count_min) for c in parse_claims(
        "A drone hit the police station, killing a patrolman and wounding two others."
    )] == [("killed", 1), ("wounded", 2)]
    assert [(c.status, c.count_min) for c in parse_claims(
        "Media reported that two civilians, a driver and his brother, were killed.")] == [("killed", 2)]


def test_a_relative_clause_ends_at_a_verb_of_speech() -> None:
    from streams.casualties import parse_claims

    claims = parse_claims('A resident who helped collect the bodies said "more than 10" people had died.')
    assert [(c.status, c.count_min, c.count_max) for c in claims] == [("killed", 11, None)]


def test_all_before_a_count_is_exact() -> None:
    from streams.casualties import parse_claims

    claims = parse_claims("A drone struck a car on the road, killing all four people inside.")
    assert [(c.count_min, c.count_max) for c in claims] == [(4, 4)]


def test_a_breakdown_inside_a_post_modifier_and_no_one_from_of_a() -> None:
    from streams.casualties import parse_claims

    family = parse_claims("Five members of a family, four of them children, were killed on Sunday, residents said.")
    assert [(c.count_min, c.subset) for c in family] == [(5, False)]
    long_name = parse_claims(
        "Officials said 15 militants of the Pakistani Taliban (TTP) and the Hafiz Gul Bahadur group were killed."
    )
    assert [(c.count_min, c.count_max) for c in long_name] == [(15, 15)]


def test_citizens_are_victims() -> None:
    from streams.casualties import parse_claims

    claims = parse_claims("Five citizens were martyred, among them two children, when aircraft targeted a tent.")
    assert [(c.status, c.count_min) for c in claims] == [("killed", 5)]


def test_one_more_person_joins_a_passive_count_and_another_clause_stops_the_scan() -> None:
    from streams.casualties import parse_claims

    three = parse_claims("Two shepherds and a young man from a neighbouring village had been killed when jets bombed.")
    assert [(c.count_min, c.count_max) for c in three] == [(3, 3)]
    split = parse_claims("The monitor said three people were killed - two civilians and a member of the Asayish "
                         "internal security forces - and that a fourth person was seriously wounded.")
    assert [(c.status, c.count_min) for c in split] == [("killed", 3), ("wounded", 1)]


def test_a_count_after_of_is_part_of_the_noun_phrase() -> None:
    from streams.casualties import parse_claims

    claims = parse_claims("Seven members of one family, including three children, were killed when a warplane struck.")
    assert [(c.count_min, c.count_max) for c in claims] == [(7, 7)]


def test_mostly_opens_a_breakdown() -> None:
    from streams.casualties import parse_claims

    claims = parse_claims("A Taliban spokesman said 31 people, mostly women and children, were killed.")
    assert [(c.count_min, c.count_max) for c in claims] == [(31, 31)]


def test_lost_their_lives_is_died() -> None:
    claims = parse_claims("The state government said nine persons lost their lives and seven others were wounded.")
    assert [(c.status, c.count_min, c.text) for c in claims] == [
        ("killed", 9, "nine persons lost their lives"), ("wounded", 7, "seven others were wounded")
    ]
    assert parse_claims("The army lost three aircraft.") == []
    assert parse_claims("they lost their") == []


def test_two_more_died_adds_to_a_total_told_elsewhere() -> None:
    (more,) = parse_claims("Two more died before morning, he said.")
    assert more.count_min == 2 and more.subset
    (plain,) = parse_claims("Two people died before morning.")
    assert not plain.subset


def test_tolls_stated_as_the_dead_put_at_or_a_toll_given() -> None:
    """"put the dead at between 18 and 25", "gave a toll of 14", "gave the toll as nine"; not a toll of damage."""
    def got(text: str) -> list[tuple[str, int | None, int | None]]:
        return [(c.status, c.count_min, c.count_max) for c in parse_claims(text)]

    assert got("Initial counts by volunteers put the dead at between 18 and 25.") == [("killed", 18, 25)]
    assert got("A community leader gave a toll of 14.") == [("killed", 14, 14)]
    assert got("The governor gave the toll as nine dead.") == [("killed", 9, 9)]
    assert got("He gave a toll of the damage.") == []
    assert got("The dead were put at the entrance of the morgue.") == []


def test_a_number_of_victims_or_martyrs_that_rose_is_a_toll_update() -> None:
    (claim,) = parse_claims(
        "The number of victims of the aerial bombardment carried out by a government aircraft on the town of Ayod "
        "in Jonglei State on Monday rose to nine, the county commissioner said on Wednesday."
    )
    assert (claim.status, claim.count_min, claim.update) == ("killed", 9, True)
    killed = [c for c in parse_claims("Later, the ministry said that the number of martyrs rose to 5.")]
    assert [(c.status, c.count_min, c.update) for c in killed] == [("killed", 5, True)]


def test_an_ordinal_death_gives_the_new_toll_but_an_ordinal_wounded_is_one_more() -> None:
    (dead, hurt) = parse_claims("By midday he raised the toll, saying a third worker had died of his injuries, and "
                                "that seven other people were wounded.")
    assert (dead.status, dead.count_min, dead.update) == ("killed", 3, True)
    (one,) = parse_claims("Local officials said a fourth person, a shepherd, was wounded.")
    assert (one.status, one.count_min) == ("wounded", 1)


def test_claimed_the_lives_of_is_a_toll_but_saved_the_lives_of_is_not() -> None:
    (dead, hurt) = parse_claims("An air strike on Sunday claimed the lives of 6 villagers, while 4 injured persons "
                                "were taken to hospital.")
    assert (dead.status, dead.count_min, hurt.status, hurt.count_min) == ("killed", 6, "wounded", 4)
    assert parse_claims("Doctors saved the lives of six people.") == []


def test_one_of_the_injured_who_died_is_one_more_dead_on_top_of_a_toll() -> None:
    (one,) = parse_claims("The injured were taken to hospital, where one of the injured constables succumbed to his "
                          "wounds on Wednesday morning, the DPO said.")
    assert (one.status, one.count_min, one.count_max, one.subset) == ("killed", 1, 1, True)
    (later,) = parse_claims("One of the wounded died in hospital on Wednesday.")
    assert (later.status, later.subset) == ("killed", True)
    # one of the wounded who was taken somewhere is no death
    assert [c.status for c in parse_claims("One of the wounded was taken to Kabul by helicopter.")] == []


def test_a_coordination_after_an_of_phrase_keeps_both_noun_phrases() -> None:
    guards, civilians, hurt = parse_claims("He said that four members of the Revolutionary Guards and two civilians "
                                           "had been killed, and that 14 people were wounded.")
    assert (guards.count_min, civilians.count_min, guards.group) == (4, 2, civilians.group)
    assert (hurt.status, hurt.count_min) == ("wounded", 14)
    family, neighbours = parse_claims("Five members of one family and two neighbours were killed.")
    assert (family.count_min, neighbours.count_min, family.group) == (5, 2, neighbours.group)


def test_an_appositive_of_plural_victims_sits_between_the_count_and_its_verb() -> None:
    dead, hurt = parse_claims("Two civilians, shepherds from the village of Chalke, were martyred and one other "
                              "person was injured when a drone bombarded them.")
    assert (dead.status, dead.count_min, hurt.status, hurt.count_min) == ("killed", 2, "wounded", 1)


def test_translated_copys_martyrs_who_ascended_and_a_figure_written_twice() -> None:
    (dead,) = parse_claims("Three citizens ascended as martyrs and others were injured in the bombing.")
    assert (dead.status, dead.count_min) == ("killed", 3)
    (twelve,) = parse_claims("The provisional assessment reports twelve (12) terrorists neutralised and fourteen (14) "
                             "motorcycles destroyed.")
    assert (twelve.status, twelve.count_min, twelve.count_max) == ("killed", 12, 12)


def test_raising_the_number_of_martyrs_or_killed_to_n_is_a_toll_update() -> None:
    claims = parse_claims("The centre announced that one of the injured succumbed to his wounds, raising the number "
                          "of martyrs to two.")
    assert [(c.count_min, c.update) for c in claims if not c.subset] == [(2, True)]
    claims = parse_claims("Search teams had found the bodies of two more militants at the site, raising the number "
                          "killed in the strike to nine.")
    assert [(c.count_min, c.update, c.subset) for c in claims] == [(2, True, True), (9, True, False)]
    (taliban, hurt) = parse_claims("47 Taliban were killed and 19 others wounded, the ministry said.")
    assert (taliban.count_min, taliban.victims, hurt.count_min) == (47, "fighters", 19)
