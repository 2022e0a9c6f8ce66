"""Attacker, claimant, targets and target groups (``streams.detect.actors``)."""

from __future__ import annotations

from streams.detect.actors import actor, claimant, target_groups, targets
from tests.unit.detect.conftest import MakeView


def _trigger(text: str, word: str) -> list[tuple[int, int]]:
    start = text.index(word)
    return [(start, start + len(word))]


def test_actor_is_the_country_named_before_the_strike_words(make_view: MakeView) -> None:
    text = "Israeli warplanes struck Khan Younis on Tuesday."
    assert actor(make_view(text), 0, _trigger(text, "warplanes struck")) == "Israel"


def test_actor_group_but_not_a_target_group(make_view: MakeView) -> None:
    text = "Houthi drones struck a ship on Monday."
    assert actor(make_view(text), 0, _trigger(text, "drones struck")) == "Houthi"
    text = "Jets struck al-Shabaab fighters near Jilib on Monday."
    assert actor(make_view(text), 0, _trigger(text, "struck")) is None


def test_unclear_attribution_has_no_actor(make_view: MakeView) -> None:
    text = "It was not clear whether Russian or Syrian jets struck Idlib."
    assert actor(make_view(text), 0, _trigger(text, "jets struck")) is None


def test_claimant_from_according_to_or_said(make_view: MakeView) -> None:
    assert claimant(make_view("Five people were killed, according to the health ministry."), 0) == "the health ministry"
    assert claimant(make_view("The Syrian Observatory said five people were killed."), 0) == "The Syrian Observatory"
    assert claimant(make_view("Five people were killed."), 0) is None


def test_targets_and_target_groups(make_view: MakeView) -> None:
    view = make_view("Turkish jets struck PKK positions and destroyed ammunition depots near a market.")
    assert target_groups(view, 0) == ["PKK"]
    assert targets(view, 0) == ["PKK positions", "ammunition depots"]  # "near a market" is where, not what


def test_claimant_by_role_and_through_he_said(make_view: MakeView) -> None:
    view = make_view(
        "A drone attack on Dnipro killed four people, the regional governor said. "
        "Six other people were wounded, he said. "
        "The toll rose to 12, as the Taliban government's spokesman said on Wednesday."
    )
    assert [claimant(view, i) for i in range(3)] == [
        "the regional governor", "the regional governor", "the Taliban government's spokesman",
    ]


def test_each_claim_takes_the_claimant_named_nearest_to_it(make_view: MakeView) -> None:
    text = (
        "A drone strike on a market killed at least 11 people on Wednesday, a health worker told local media, "
        "while a spokesman for the Fano militia said 17 people were killed."
    )
    view = make_view(text)
    first, second = text.index("at least 11"), text.index("17 people")
    assert claimant(view, 0, (first, first + 20)) == "a health worker"
    assert claimant(view, 0, (second, second + 20)) == "a spokesman for the Fano militia"
    assert claimant(view, 0) == "a health worker"


def test_claimants_by_appositive_lower_case_office_and_received_by(make_view: MakeView) -> None:
    text = ("Officials said a drone hit the market, the opposition National Unity Government said, while a local "
            "rescue team said 12 people had been killed.")
    view = make_view(text)
    assert claimant(view, 0, (text.index("12 people"), text.index("12 people") + 9)) == "a local rescue team"
    assert claimant(
        make_view("The Kordofan Doctors' Committee, a medical group, put the death toll at nine."), 0
    ) == "The Kordofan Doctors' Committee"
    assert claimant(make_view("Four were killed, the health office in Taiz governorate said."), 0) == (
        "the health office in Taiz governorate"
    )
    assert claimant(
        make_view("According to the information received by the Ministry, 11 civilians were killed."), 0
    ) == "the Ministry"


def test_rescue_services_in_lower_case_are_claimants(make_view: MakeView) -> None:
    text = "Five people were killed when a jet struck a tent west of Khan Yunis, the civil defence said."
    assert claimant(make_view(text), 0) == "the civil defence"
    assert claimant(make_view("Three were killed in the strike, paramedics said."), 0) == "paramedics"


def test_a_role_with_its_holders_name_before_said(make_view: MakeView) -> None:
    text = "Three people were killed, the head of the city military administration, Ihor Savchuk, said."
    assert claimant(make_view(text), 0) == "the head of the city military administration"
    text = "A drone hit a block, killing two, regional governor Oleh Marchuk said."
    assert claimant(make_view(text), 0) == "regional governor"


def test_a_figure_inside_anothers_statement_is_that_sources(make_view: MakeView) -> None:
    from streams.detect.actors import claimant as claimant_at

    text = ("MOGADISHU, Aug 20 (Wire) - Residents said on Thursday that a drone strike had killed six civilians, "
            "contradicting the government's statement that 14 militants had died.")
    view = make_view(text)
    s0 = view.sentences[0][0]
    six, fourteen = text.index("six"), text.index("14")
    assert claimant_at(view, 0, at=(s0 + six, s0 + six + 3)) == "Residents"
    assert claimant_at(view, 0, at=(s0 + fourteen, s0 + fourteen + 2)) == "the government"


def test_a_paragraph_of_figures_sourced_at_its_end(make_view: MakeView) -> None:
    view = make_view(
        "A Ukrainian drone attacked a car near Shebekino on Wednesday, the regional governor said.\n\n"
        "The driver died at the scene. Three passengers were taken to hospital, according to the governor."
    )
    assert claimant(view, 1, view.sentences[1]) == "the governor"
    # a figure in a paragraph of its own, with no source around it, stays the outlet's
    view = make_view("A drone attacked a car near Shebekino on Wednesday.\n\nThe driver died at the scene.")
    assert claimant(view, 1, view.sentences[1]) is None


def test_the_first_of_two_sources_said_is_the_claimant() -> None:
    from streams.detect.actors import _claimants_in

    found = _claimants_in("The strike killed 12 passengers, a spokesman for the Fano militia and two residents said.")
    assert [name for _, _, name in found] == ["a spokesman for the Fano militia"]


def test_a_claimant_with_a_which_clause_before_its_verb() -> None:
    from streams.detect.actors import _claimants_in

    found = _claimants_in("The civil defence, which led the rescue, put the toll at 18.")
    assert [name for _, _, name in found] == ["The civil defence"]


def test_a_claimant_after_a_closing_quote() -> None:
    from streams.detect.actors import _claimants_in

    found = _claimants_in('"We have recovered seven bodies so far," a member of the relief committee said.')
    assert [name for _, _, name in found] == ["a member of the relief committee"]


def test_claimants_with_place_phrases_present_tense_and_a_statement_without_possessive() -> None:
    from streams.detect.actors import _claimants_in

    def names(text: str) -> list[str]:
        return [name for _, _, name in _claimants_in(text)]

    assert names("The toll rose to six, a spokesman for the Houthi-run health ministry in Sanaa said.") == [
        "a spokesman for the Houthi-run health ministry in Sanaa"]
    assert names("Six civilians were killed, a municipal councillor in the town told us.") == [
        "a municipal councillor in the town"]
    assert names("Ten passengers died, a health worker at the town's hospital said.") == [
        "a health worker at the town's hospital"]
    assert "Elders and residents in Jilib" in names(
        "Elders and residents in Jilib say a drone killed five farm workers, disputing a government statement that "
        "12 militants died.")


def test_said_before_its_speaker_after_a_quote_and_whose_figure() -> None:
    from streams.detect.actors import _claimants_in

    quote = _claimants_in('"We have received 11 bodies and more than 30 wounded," said the official, who asked not to '
                          'be named.')
    assert [name for _, _, name in quote] == ["the official"]
    assert [name for _, _, name in _claimants_in("Fano's figure of 17 dead could not be verified.")] == ["Fano"]


def test_an_unsourced_figure_after_a_sourced_sentence_is_that_sources(make_view: MakeView) -> None:
    from streams.detect.actors import claimant

    view = make_view(
        "Israeli strikes in southern Lebanon killed four people on Monday, Lebanon's health ministry said. "
        "A strike on a house in Bint Jbeil killed three people, and a drone strike near Tyre killed one person.\n\n"
        "A drone struck a car in Nabatieh, killing two."
    )
    assert claimant(view, 1) == "Lebanon's health ministry"
    assert claimant(view, 2) is None  # another paragraph


def test_a_role_with_a_named_appositive_is_the_name_and_a_section_label_is_no_part_of_it() -> None:
    from streams.detect.actors import _claimants_in

    found = _claimants_in(
        "NIGERIA: A monitoring group, the Lake Chad Civilian Protection Network, says at least 25 fishermen were "
        "killed."
    )
    assert [name for _, _, name in found] == ["the Lake Chad Civilian Protection Network"]
    # a named claimant with a description keeps its name
    found = _claimants_in("The civil defence, which led the rescue, put the toll at 18.")
    assert [name for _, _, name in found] == ["The civil defence"]
    found = _claimants_in("NIGER: The civil society collective in Banibangou says 23 civilians were killed.")
    assert [name for _, _, name in found] == ["The civil society collective in Banibangou"]


def test_a_military_unit_is_a_claimant() -> None:
    from streams.detect.actors import _claimants_in

    found = _claimants_in("Corporal Pabon, 27, died overnight at a clinic in Cucuta, the brigade said.")
    assert [name for _, _, name in found] == ["the brigade"]


def test_a_monitor_that_assesses_is_a_claimant() -> None:
    from streams.detect.actors import _claimants_in

    found = _claimants_in("The Sudan Civilian Harm Network assesses that between 10 and 14 people were killed.")
    assert [name for _, _, name in found] == ["The Sudan Civilian Harm Network"]


def test_claimants_speaking_anonymously_and_after_while() -> None:
    from streams.detect.actors import _claimants_in

    found = _claimants_in("Two Pakistani security officials, speaking on condition of anonymity, said 15 militants "
                          "were killed.")
    assert [name for _, _, name in found] == ["Two Pakistani security officials"]
    text = ("The strike killed at least eight civilians, residents said, while the Oromo Liberation Army (OLA) rebel "
            "group put the toll at 14.")
    assert {name for _, _, name in _claimants_in(text)} == {"residents", "the Oromo Liberation Army (OLA) rebel group"}


def test_rites_and_plans_are_no_sources() -> None:
    from streams.detect.actors import _claimants_in

    assert _claimants_in("He had helped to bury seven of the dead on Tuesday according to Islamic rites.") == ()
    found = _claimants_in("Seven people died, according to the health ministry.")
    assert [name for _, _, name in found] == ["the health ministry"]


def test_a_long_name_with_an_aside_and_a_present_tense_report_are_claimants() -> None:
    from streams.detect.actors import _claimants_in

    text = ("The township administration of the shadow National Unity Government (NUG), which opposes the junta, put "
            "the death toll at 16.")
    assert [n for _, _, n in _claimants_in(text)] == [
        "The township administration of the shadow National Unity Government (NUG)"
    ]
    assert [n for _, _, n in _claimants_in("The NUG-administered township office reports 16 dead.")] == [
        "The NUG-administered township office"
    ]


def test_claiming_responsibility_is_no_account_of_the_toll() -> None:
    from streams.detect.actors import _claimants_in

    text = "The Pakistani Taliban claimed responsibility for a drone attack that killed three policemen."
    assert _claimants_in(text) == ()
    assert [n for _, _, n in _claimants_in("The Pakistani Taliban claimed that 12 soldiers were killed.")] == [
        "The Pakistani Taliban"
    ]


def test_a_group_named_by_its_kind_takes_the_name_the_next_sentence_gives_it(make_view: MakeView) -> None:
    view = make_view("An air strike on a camp near Demoso killed nine people, a resistance group said on Sunday. "
                     "The Karenni Nationalities Defence Force said the camp sheltered 600 people.")
    assert claimant(view, 0) == "The Karenni Nationalities Defence Force"
    # a named group two sentences on, or a role, is no name for it
    view = make_view("An air strike killed nine people, a resistance group said. The camp sheltered 600 people. "
                     "The Karenni Nationalities Defence Force said it would respond.")
    assert claimant(view, 0) == "a resistance group"
    view = make_view("An air strike killed nine people, a resistance group said. A spokesman for the army said "
                     "only fighters were hit.")
    assert claimant(view, 0) == "a resistance group"


def test_claimant_named_through_a_voice_or_a_places_possessive(make_view: MakeView) -> None:
    text = ("An air strike on a monastery killed at least 14 displaced civilians on Sunday, an official of the "
            "opposition National Unity Government said, while a local monitoring group put the toll at 17.")
    view = make_view(text)
    first, second = text.index("at least 14"), text.index("at 17")
    assert claimant(view, 0, (first, first + 11)) == "an official of the opposition National Unity Government"
    assert claimant(view, 0, (second, second + 5)) == "a local monitoring group"
    text = ("At least 27 people were killed when a military aircraft bombed the market, the town's Emergency Response "
            "Room said.")
    assert claimant(make_view(text), 0) == "the town's Emergency Response Room"
    # a role stays ahead of a voice of a name when the sentence gives no claim position
    text = "At least 11 died, a health worker said, while a spokesman for the Fano militia said 17 were killed."
    assert claimant(make_view(text), 0) == "a health worker"


def test_claimant_after_an_appositive_of_place_or_time(make_view: MakeView) -> None:
    text = ("The toll has risen to 12, local civil society leaders said, while the M23 rebel group, which controls "
            "the town, said eight people had been killed.")
    view = make_view(text)
    twelve, eight = text.index("12"), text.index("eight")
    assert claimant(view, 0, (twelve, twelve + 2)) == "local civil society leaders"
    assert claimant(view, 0, (eight, eight + 5)) == "the M23 rebel group"
    text = "The militant group, in a claim published by its Amaq news agency, said it had killed 11 soldiers."
    assert claimant(make_view(text), 0) == "The militant group"
    text = "A Syrian war monitor, the Levant Casualty Monitor, said three people were killed there."
    assert claimant(make_view(text), 0) == "the Levant Casualty Monitor"
    assert claimant(make_view("Sahel Civilian Watch has confirmed the deaths of 17 civilians."), 0) == (
        "Sahel Civilian Watch"
    )


def test_a_statements_issuer_gives_its_unsourced_figures(make_view: MakeView) -> None:
    view = make_view("Communique of the Azawad Liberation Front (FLA).\n\nThe strike killed 21 civilians.")
    assert claimant(view, 1) == "the Azawad Liberation Front (FLA)"
    view = make_view("IDF statement.\n\nThe two terrorists were eliminated.")
    assert claimant(view, 1) == "IDF"
    assert claimant(make_view("Press release.\n\nFive children were killed."), 1) is None
    # wire copy has no issuer line
    assert claimant(make_view("KYIV - Statement by the president came late.\n\nFive were killed."), 1) is None


def test_targets_of_another_strike_in_a_trailing_clause_are_not_this_ones(make_view: MakeView) -> None:
    text = ("A drone attack on Kryvyi Rih killed one person, the head of the city's defence council said, hours "
            "after a drone hit a utility truck in Nikopol.")
    assert targets(make_view(text), 0) == []


def test_claimant_is_a_ministrys_operations_centre(make_view: MakeView) -> None:
    text = ("A drone struck a car near Abbasiyeh, killing one person and wounding three, the health ministry's "
            "emergency operations centre said.")
    assert claimant(make_view(text), 0) == "the health ministry's emergency operations centre"


def test_a_claimant_reached_by_phone_and_an_accuser_of_the_attacker(make_view: MakeView) -> None:
    text = "A local elected official in Tinzaouaten, reached by phone, said eight herders were killed."
    assert claimant(make_view(text), 0) == "A local elected official in Tinzaouaten"
    text = ("Mali's army said its drones had neutralised several terrorists in the sector, a day after separatist "
            "rebels accused it of killing 12 civilians at a water point.")
    view = make_view(text)
    several, twelve = text.index("several"), text.index("12")
    # the accusers give the figure after them, not the army's claim before them
    assert claimant(view, 0, (twelve, twelve + 2)) == "separatist rebels"
    assert claimant(view, 0, (several, several + 7)) == "Mali's army"
