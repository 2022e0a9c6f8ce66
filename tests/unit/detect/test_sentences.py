"""Sentence classification (``streams.detect.sentences.classify``) on views of short articles."""

from __future__ import annotations

from streams.detect.kinds import SentenceInfo, SentenceKind
from streams.detect.sentences import classify
from tests.unit.detect.conftest import MakeView


def kinds(infos: list[SentenceInfo]) -> list[tuple[str, bool]]:
    return [(i.kind.value, i.current) for i in infos]


def test_current_strike_other_violence_and_neutral(make_view: MakeView) -> None:
    view = make_view(
        "Russian warplanes struck Idlib on Monday, killing five civilians. Artillery shelled Aleppo. "
        "The talks resume in Geneva next week."
    )
    infos = classify(view)
    assert kinds(infos) == [("strike", True), ("other", False), ("neutral", False)]
    strike = infos[0]
    assert strike.strength == 0.7 and strike.triggers and not strike.continuation
    assert [(c.status, c.count_min) for c in strike.claims] == [("killed", 5)]


def test_strong_word_weighs_most(make_view: MakeView) -> None:
    (info,) = classify(make_view("An airstrike hit a market in Idlib on Monday."))
    assert info.kind is SentenceKind.STRIKE and info.current and info.strength == 1.0


def test_a_named_aircraft_type_that_strikes_weighs_as_much_as_a_strong_word(make_view: MakeView) -> None:
    (typed,) = classify(make_view("Ka-52 helicopter crews struck a concentration of manpower near Krynki on Monday."))
    (generic,) = classify(make_view("Helicopter crews struck a concentration of manpower near Krynki on Monday."))
    assert typed.kind is SentenceKind.STRIKE and typed.strength == 1.0
    assert generic.kind is SentenceKind.STRIKE and generic.strength == 0.7


def test_continuation_joins_the_strike_before(make_view: MakeView) -> None:
    infos = classify(make_view("Israeli jets struck Khan Younis on Tuesday. The strike killed four people."))
    assert kinds(infos) == [("strike", True), ("strike", True)]
    assert infos[1].continuation and infos[1].strength == 0.4


def test_background_and_hypothetical_strikes_are_not_news(make_view: MakeView) -> None:
    infos = classify(
        make_view(
            "Last year, jets struck Idlib, killing ten. Israel threatened to send warplanes to bomb Beirut on Monday."
        )
    )
    assert kinds(infos) == [("strike", False), ("strike", False)]


def test_strike_without_anything_concrete_is_not_news(make_view: MakeView) -> None:
    (info,) = classify(make_view("The military carried out airstrikes."))
    assert info.kind is SentenceKind.STRIKE and not info.current


def test_drones_all_shot_down_are_no_strike(make_view: MakeView) -> None:
    infos = classify(make_view("Russia launched 64 drones at Kyiv overnight. All 64 were shot down."))
    assert not any(i.current for i in infos)


def test_opinion_piece_reports_no_current_strike(make_view: MakeView) -> None:
    infos = classify(make_view("Jets struck Idlib on Monday, killing five.", title="Opinion: the war goes on"))
    assert infos[0].kind is SentenceKind.STRIKE and not infos[0].current


def test_title_lets_the_lede_continue_it(make_view: MakeView) -> None:
    infos = classify(make_view("The strike killed five people in Mir Ali.", title="Drone strike kills five"))
    assert kinds(infos) == [("strike", True)] and infos[0].continuation
    (alone,) = classify(make_view("The strike killed five people in Mir Ali."))
    assert alone.kind is SentenceKind.NEUTRAL


def test_sentence_kind_values_and_defaults() -> None:
    assert [k.value for k in SentenceKind] == ["strike", "other", "neutral"]
    info = SentenceInfo()
    assert info.kind is SentenceKind.NEUTRAL and not info.current and info.triggers == [] and info.claims == []


def test_the_air_force_as_a_source_is_no_air_agent(make_view: MakeView) -> None:
    view = make_view("According to the Air Force, the missile was launched from Russia's Kursk region on Monday.")
    assert classify(view)[0].kind != SentenceKind.STRIKE


def test_a_strike_named_only_to_date_something_else_is_no_report(make_view: MakeView) -> None:
    view = make_view(
        "A Russian drone struck a bus in Marhanets this morning, killing the driver. "
        "Hours after the overnight drone attack on Pavlohrad, the administration urged residents to avoid stops."
    )
    assert kinds(classify(view)) == [("strike", True), ("neutral", False)]


def test_paramotors_and_a_statements_aggression_lede(make_view: MakeView) -> None:
    view = make_view("Paramotors dropped bombs on a monastery in Ye-U township, Sagaing Region, on Thursday.")
    assert kinds(classify(view))[0] == ("strike", True)
    view = make_view(
        "The ministry said the Zionist aggression on the port of Ras Issa this morning killed three port workers. "
        "Enemy warplanes launched more than 12 raids on fuel tanks at Ras Issa port."
    )
    infos = classify(view)
    assert infos[0].kind == SentenceKind.STRIKE and infos[0].current and infos[0].continuation


def test_press_office_air_operations_and_places_the_gazetteer_lacks(make_view: MakeView) -> None:
    for text in (
        "PKK terrorists detected in the Hakurk region of northern Iraq were targeted in an air operation.",
        "3 PKK terrorists were neutralized by our armed UAVs in the area of Kobani in the north of Syria.",
        "The Air Component conducted air interdiction missions on bandit enclaves in Katsina State.",
        "A Russian Ka-52 helicopter fired rockets at Ukrainian positions near Robotyne.",
    ):
        assert kinds(classify(make_view(text)))[0] == ("strike", True), text


def test_a_tally_after_the_claims_clause_is_a_comment_not_a_conflict_total(make_view: MakeView) -> None:
    view = make_view(
        "The death toll from the paramotor bombing of the monastery in Sagaing has risen to 22, a rescue team said, "
        "making it one of the deadliest such attacks this year."
    )
    assert [c.count_min for c in classify(view)[0].claims] == [22]
    view = make_view("Since the war began, 528 people have been killed in air strikes in the province.")
    assert classify(view)[0].claims == []


def test_near_a_town_the_gazetteer_lacks_is_concrete_at_the_start_of_a_sentence(make_view: MakeView) -> None:
    # the rules see no air agent here; the classifier does, and may promote only a sentence that names something
    view = make_view("Near Kisik, four strikes destroyed an ISIS headquarters and a weapons cache.")
    assert classify(view)[0].concrete
    assert not classify(make_view("Four strikes destroyed an ISIS headquarters and a weapons cache."))[0].concrete


def test_gunships_that_raked_hideouts_struck(make_view: MakeView) -> None:
    view = make_view("Army gunships raked insurgent hideouts outside Maiduguri on Friday, the military said.")
    assert kinds(classify(view))[0] == ("strike", True)


def test_gunships_that_engaged_a_hideout_struck_air_defence_engaging_drones_did_not(make_view: MakeView) -> None:
    view = make_view("Army aviation gunships precisely engaged the khwarij hideout in Tirah valley on Thursday.")
    assert kinds(classify(view))[0] == ("strike", True)
    assert kinds(classify(make_view("Air defence forces engaged and destroyed 40 enemy drones over the region.")))[
        0
    ][0] != "strike"
    # what exercises on a range engage
    view = make_view("Apache helicopters engaged targets with live munitions by day and night at the range.")
    assert kinds(classify(view))[0][0] != "strike"


def test_a_stepped_up_campaign_is_background(make_view: MakeView) -> None:
    view = make_view(
        "The RSF has stepped up drone attacks on power and water facilities in Sinnar, White Nile and Khartoum "
        "states in recent months."
    )
    assert kinds(classify(view))[0] == ("strike", False)


def test_a_documented_tally_of_deaths_in_strikes_is_background(make_view: MakeView) -> None:
    view = make_view(
        "Rights groups have documented dozens of civilian deaths in drone strikes in the Kidal, Gao and Timbuktu "
        "regions."
    )
    assert not classify(view)[0].current


def test_press_office_agents_and_headers(make_view: MakeView) -> None:
    """Drone branches, aerospace forces and "uncrewed" vehicles are air agents; a header ending in a colon does
    not make the aircraft after it a target; "planning" as a noun is no plan."""
    texts = [
        "On the night of 14 June, units of the Unmanned Systems Forces struck the Syzran oil refinery in Samara "
        "region.",
        "In a joint operation of the Army and the Colombian Aerospace Force, a bombardment was carried out against "
        "a camp of the ELN near Tibu on Monday.",
        "On Sunday an explosive munition delivered by an uncrewed aerial vehicle struck the market in Kabkabiya.",
        "Update on air operations against Daesh: On Sunday, RAF Typhoon FGR4s conducted a strike on a bunker near "
        "Qayyarah.",
        "On Monday Su-34 crews struck a point near Kostiantynivka with aerial bombs fitted with universal planning "
        "and correction modules.",
    ]
    for text in texts:
        (info,) = classify(make_view(text, published="2026-06-15"))
        assert (info.kind, info.current) == (SentenceKind.STRIKE, True), text


def test_plans_and_attacks_on_aircraft_stay_what_they_are(make_view: MakeView) -> None:
    (planned,) = classify(make_view("The army plans to bomb rebel camps near Tibu on Monday."))
    assert not planned.current
    (downed,) = classify(make_view("Rebels attacked: army helicopters near Tibu on Monday."))
    assert downed.kind is SentenceKind.STRIKE
    (target,) = classify(make_view("Rebels shot down army helicopters near Tibu on Monday."))
    assert target.kind is not SentenceKind.STRIKE


def test_a_tally_of_these_attacks_is_no_claim_of_the_strike(make_view: MakeView) -> None:
    infos = classify(
        make_view(
            "A Turkish drone killed four people near Amuda on Saturday. The strike is the fifth this month. "
            "The Observatory has documented the death of 11 people in these attacks."
        )
    )
    assert [c.count_min for c in infos[0].claims] == [4]
    assert not infos[2].claims


def test_a_tally_word_in_a_relative_clause_does_not_void_the_claim(make_view: MakeView) -> None:
    infos = classify(
        make_view(
            "A drone strike hit a bus station in Dembecha on Thursday, killing eight people. A spokesman for the "
            "Fano militia, which has been fighting federal forces since 2023, said 11 civilians had been killed in "
            "the attack.",
            published="2026-04-11",
        )
    )
    assert [c.count_min for c in infos[1].claims] == [11]


def test_the_toll_of_a_war_is_no_claim_of_the_strike(make_view: MakeView) -> None:
    infos = classify(
        make_view(
            "Israeli air strikes killed 11 people in Zawayda on Monday. Israel's war on Gaza has killed at least "
            "58,000 Palestinians, according to the ministry."
        )
    )
    assert [c.count_min for c in infos[0].claims] == [11] and not infos[1].claims


def test_a_strike_days_back_late_in_a_story_about_something_else_is_a_recall(make_view: MakeView) -> None:
    text = (
        "Fuel loadings at Tuapse resumed on Tuesday evening after a four-day halt, traders said. The first tanker "
        "was expected to sail on Thursday. Freight rates rose. The port was hit during a Ukrainian drone attack "
        "early on Saturday."
    )
    infos = classify(make_view(text, published="2026-03-25T10:00:00Z"))
    assert infos[3].kind is SentenceKind.STRIKE and not infos[3].current and infos[3].recalled
    # the same strike told in the lede is news
    (lede, *_) = classify(make_view("The port of Tuapse was hit during a Ukrainian drone attack early on Saturday.",
                                    published="2026-03-25T10:00:00Z"))
    assert lede.current and not lede.recalled


def test_a_strike_in_a_relative_clause_about_a_place_is_a_reference(make_view: MakeView) -> None:
    infos = classify(
        make_view(
            "Tank shells killed two people in Bureij on Friday. Bureij lies three kilometres east of Nuseirat, "
            "where a school shelter was hit by an air strike on Thursday.",
            published="2026-04-03",
        )
    )
    assert infos[1].kind is SentenceKind.STRIKE and not infos[1].current and infos[1].recalled


def test_air_vectors_of_a_sahel_communique_are_air_agents(make_view: MakeView) -> None:
    (info,) = classify(make_view("On Monday the air vectors of the national armed forces struck a group of terrorists "
                                 "near Djibo, neutralising at least 30 of them."))
    assert info.kind is SentenceKind.STRIKE and info.current


def test_airdrops_and_sonic_booms_are_no_strikes(make_view: MakeView) -> None:
    (aid,) = classify(make_view("C-130 aircraft today carried out seven airdrops of food and medical supplies over "
                                "the northern Gaza Strip."))
    (boom,) = classify(make_view("israeli jets broke the sound barrier over beirut again, no strikes"))
    assert aid.kind is not SentenceKind.STRIKE and boom.kind is not SentenceKind.STRIKE


def test_drone_units_strike_but_drone_operators_and_footage_do_not(make_view: MakeView) -> None:
    (units,) = classify(make_view("Army drone units destroyed an SDF position west of al-Thawra on Sunday."))
    assert units.kind is SentenceKind.STRIKE and units.current
    (footage,) = classify(make_view("Drone footage showed the destroyed position west of al-Thawra on Sunday."))
    assert footage.kind is not SentenceKind.STRIKE


def test_an_aside_about_the_speaker_neither_dates_nor_makes_other_violence(make_view: MakeView) -> None:
    view = make_view(
        "A drone strike hit a minibus near Mota on Thursday, killing 10 passengers. A spokesman for the Fano "
        "militia, which has been fighting federal forces in Amhara since 2023, said 12 civilians had been killed "
        "and accused the army of using a drone in the attack.", published="2026-11-06"
    )
    infos = classify(view)
    assert kinds(infos) == [("strike", True), ("strike", True)]


def test_anniversaries_trials_and_every_drone_downed_are_no_news(make_view: MakeView) -> None:
    anniversary = classify(make_view(
        "Two years ago this week, a drone strike on the grain market in Adi Daero killed 19 people.",
        published="2024-01-09",
    ))
    assert not anniversary[0].current and anniversary[0].recalled
    trial = classify(make_view(
        "A court sentenced a Russian pilot for the bombing of a residential street in Chernihiv in March 2022. "
        "Prosecutors said the Su-34 he flew dropped unguided bombs on the street, killing 11 people.",
        published="2025-10-14",
    ))
    assert [i.current for i in trial] == [False, False] and trial[1].recalled
    downed = classify(make_view(
        "On the night of 3 July, the enemy attacked with 27 Shahed-type strike UAVs launched from the Kursk "
        "direction. As of 07:00, all 27 drones were shot down by air defence over Sumy region.",
        published="2025-07-03",
    ))
    assert not downed[0].current
    # a strike told with its own time after an old one is news
    news = classify(make_view(
        "A court sentenced a pilot for the bombing of Chernihiv in March 2022. On Tuesday, Russian jets bombed "
        "Chernihiv again, killing two people.", published="2025-10-14",
    ))
    assert news[1].current


def test_a_denied_strike_is_a_recall_but_a_targets_plans_are_not_a_hypothetical(make_view: MakeView) -> None:
    (dismissed,) = classify(make_view(
        "An explosion at a warehouse in Shiraz on Saturday was caused by improper storage, officials said, "
        "dismissing claims that the site had been hit by a drone."
    ))
    assert not dismissed.current and dismissed.recalled
    (plans,) = classify(make_view(
        "Overnight, IAF fighter jets struck a Hamas terrorist cell that was planning an imminent attack against "
        "troops in the southern Gaza Strip."
    ))
    assert not plans.recalled


def test_a_statements_list_of_targets_hit_continues_its_strike(make_view: MakeView) -> None:
    view = make_view(
        "Overnight, the armed forces carried out a group strike with Geran-2 attack drones against enterprises of the "
        "military-industrial complex. Among the targets hit was a plant in Kryvyi Rih producing components."
    )
    infos = classify(view)
    assert infos[1].kind == SentenceKind.STRIKE and infos[1].continuation


def test_a_strike_only_claimed_in_videos_is_no_report_when_the_article_rules_out_the_air(make_view: MakeView) -> None:
    rumour = "Videos circulating on social media claimed to show a drone strike on a building in Tripoli on Tuesday."
    denial = "The interior ministry said the explosion was caused by an RPG round and that no aircraft took part."
    infos = classify(make_view(f"{rumour} {denial}"))
    assert not infos[0].current
    # without the denial the claim stays a report (whether to trust it is the reader's call)
    (alone,) = classify(make_view(rumour))
    assert alone.kind == SentenceKind.STRIKE and alone.current


def test_a_strike_told_again_with_a_pronoun_after_a_recalled_one_is_no_news(make_view: MakeView) -> None:
    view = make_view(
        "BOGOTA - The defence minister faced a censure debate on Wednesday over an air force bombing of a rebel camp "
        "in Putumayo in March. Senators said children were in the camp when A-29 aircraft struck it.",
        published="2026-09-10T10:00:00Z",
    )
    infos = classify(view)
    assert not infos[1].current and infos[1].recalled


def test_monitor_and_press_office_negatives_are_no_strike_reports(make_view: MakeView) -> None:
    # a drone that only spotted for a ground-launched missile
    infos = classify(make_view("Target reconnaissance and fire adjustment were carried out by an Orlan-10 unmanned "
                               "aerial vehicle."))
    assert not any(i.kind == SentenceKind.STRIKE for i in infos)
    # an exercise on a range
    infos = classify(make_view("F-16 fighter jets carried out live-fire bombing runs at the Karapinar firing range on "
                               "Tuesday."))
    assert not any(i.kind == SentenceKind.STRIKE for i in infos)
    # every drone downed and nothing hit
    infos = classify(make_view("On the night of 2 November, the enemy attacked with 38 Shahed-136 attack UAVs. Air "
                               "defence forces had shot down all 38 drones over Mykolaiv region. No hits or damage "
                               "were recorded."))
    assert not any(i.kind == SentenceKind.STRIKE and i.current for i in infos)
    # a monitor's correction
    infos = classify(make_view("In our entry of 16 July we listed the attack on a yard in Myrnohrad as a guided aerial "
                               "bomb strike that killed one man. We now attribute it to 152mm artillery fire, and the "
                               "entry has been reclassified."))
    assert not any(i.kind == SentenceKind.STRIKE and i.current for i in infos)
    # a contrast with an earlier strike, and a monitor's count over a quarter
    infos = classify(make_view("Unlike in January, when FARDC Su-25 jets bombed M23 positions near Sake, no "
                               "aircraft were used on Monday."))
    assert not any(i.kind == SentenceKind.STRIKE and i.current for i in infos)
    infos = classify(make_view("Between July and September 2025, the Collective recorded 38 drone and air strikes "
                               "across Burkina Faso, with at least 164 people killed."))
    assert not any(i.kind == SentenceKind.STRIKE and i.current for i in infos)
    # a car bomb is other violence
    infos = classify(make_view("A car packed with explosives blew up next to the market on Sunday, killing 8 people."))
    assert infos[0].kind == SentenceKind.OTHER


def test_an_intercepted_attack_is_no_report_and_a_drone_workshop_is_no_booby_trap(make_view: MakeView) -> None:
    infos = classify(make_view(
        "Jets carried out air strikes on military targets in Sanaa on Monday, destroying a site for assembling and "
        "booby-trapping drones. The Houthis launched 3 explosive-laden drones towards Khamis Mushait this morning; "
        "they were intercepted and destroyed by air defences."
    ))
    assert infos[0].kind == SentenceKind.STRIKE and infos[0].current
    assert not infos[1].current


def test_an_air_ambulance_is_no_strike(make_view: MakeView) -> None:
    for text in (
        "An army helicopter flew the wounded to a military hospital in Baghdad, a security source said.",
        "Army helicopters flew the most seriously injured to the Combined Military Hospital in Quetta.",
    ):
        (info,) = classify(make_view(text))
        assert info.kind != SentenceKind.STRIKE, text
    (info,) = classify(make_view("An army helicopter fired rockets at a militant hideout near Kirkuk."))
    assert info.kind == SentenceKind.STRIKE


def test_a_toll_whose_only_strike_word_describes_the_victims_is_no_strike_sentence(make_view: MakeView) -> None:
    infos = classify(make_view(
        "The army carried out a precise air strike on an al-Shabaab command post near Awdheegle this morning. "
        "Seventeen militants, including two commanders responsible for planning attacks on the capital, were "
        "killed."
    ))
    assert infos[0].kind == SentenceKind.STRIKE and infos[0].current
    # the toll stays a neutral sentence with its claim (grouping gives it to the strike before it), not a
    # continuation read as background because of "planning attacks"
    assert infos[1].kind == SentenceKind.NEUTRAL and [c.count_min for c in infos[1].claims] == [17]


def test_a_repelled_attack_whose_debris_did_harm_is_a_report(make_view: MakeView) -> None:
    infos = classify(make_view(
        "Air defence forces repelled a massive drone attack on the Borisoglebsk district early on Saturday, the "
        "governor said. Falling debris started a fire at an infrastructure facility and damaged the roofs of several "
        "houses. Two people were injured."
    ))
    assert infos[0].kind == SentenceKind.STRIKE and infos[0].current and not infos[0].vetoed
    stopped = classify(make_view(
        "Air defence forces repelled a massive drone attack on the Borisoglebsk district early on Saturday, the "
        "governor said. There was no damage."
    ))
    assert stopped[0].vetoed and not stopped[0].current
