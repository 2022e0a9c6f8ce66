"""Cue patterns and clause helpers of ``streams.detect.cues``, on plain strings."""

from __future__ import annotations

import pytest

from streams.detect.cues import (
    OTHER,
    SEPARATE_EVENT,
    STRONG,
    STRONG_EXCLUDE,
    VERB,
    VERB_EXCLUDE,
    agent_is_object,
    agent_is_victim,
    clause_bounds,
)


@pytest.mark.parametrize(
    "text", ["an airstrike hit the town", "air raids on Aleppo", "a drone strike in Mir Ali", "barrel bombs fell"]
)
def test_strong_cues(text: str) -> None:
    assert STRONG.search(text)


@pytest.mark.parametrize("text", ["air raid sirens sounded", "there were no reports of air strikes there"])
def test_strong_exclusions(text: str) -> None:
    assert STRONG_EXCLUDE.search(text)


def test_verb_exclusions_cover_strike_aircraft_and_drops_of_aid() -> None:
    assert VERB.search("strike fighters") and VERB_EXCLUDE.search("strike fighters")
    assert VERB_EXCLUDE.search("planes dropped leaflets over the city")
    assert not VERB_EXCLUDE.search("planes dropped bombs over the city")


@pytest.mark.parametrize(
    "text", ["artillery shelled the village", "a general strike closed shops", "they struck a deal", "a car bomb"]
)
def test_other_violence_and_other_senses_of_strike(text: str) -> None:
    assert OTHER.search(text)


def test_separate_event_words() -> None:
    assert SEPARATE_EVENT.search("In a separate strike, jets hit Idlib.")
    assert not SEPARATE_EVENT.search("Jets hit Idlib.")


def test_clause_bounds_stop_at_commas_and_conjunctions() -> None:
    text = "Jets struck Idlib, killing five, as talks went on"
    start = text.index("killing")
    left, right = clause_bounds(text, start, start + 7)
    assert text[left:right] == " killing five"
    assert clause_bounds("no split here", 3, 5) == (0, len("no split here"))


def test_agent_is_object_unless_an_instrument_comes_between() -> None:
    assert agent_is_object("militants attacked Turkish army".split())
    assert agent_is_object("they opened fire at".split())
    assert not agent_is_object("the village was targeted with".split())


def test_agent_is_victim_but_not_in_a_partitive() -> None:
    assert agent_is_victim(" was shot down near Kursk")
    assert not agent_is_victim(", of which 80 were shot down")


def test_boat_drones_are_no_air_agents() -> None:
    from streams.detect.cues import AGENT, AGENT_EXCLUDE

    assert AGENT_EXCLUDE.search("video showed a boat drone approaching a warship")
    assert AGENT.search("an uncrewed aerial vehicle struck the market")
