"""The relevance gate: recall first (a strike report must never be gated out), cheap rejection of the rest."""

from __future__ import annotations

import pytest

from streams.gate import gate


@pytest.mark.parametrize(
    "text",
    [
        "Warplanes pounded the northern town overnight, killing six people.",
        "A drone strike hit a car on the coastal road near the port.",
        "Government helicopters dropped barrel bombs on the eastern districts.",
        "The air force said two Su-34s struck a fuel depot east of the river.",
        "Russia fired Kh-101 cruise missiles from strategic bombers.",
        "Houthi forces launched Samad-3 drones at the refinery; there were no injuries.",
        "Airstrikes by the coalition targeted a weapons store in the valley.",
        "A quadcopter dropped a grenade on a checkpoint, wounding two soldiers.",
        "An MQ-9 Reaper fired on a vehicle outside the town.",
        "Russian aviation struck positions near the village, the ministry said.",
        "Near Raqqa, two strikes destroyed an ISIS fighting position and a vehicle.",
        "Coalition forces struck a tactical unit near the river crossing.",
    ],
)
def test_strike_reports_pass(text: str) -> None:
    assert gate(text)


@pytest.mark.parametrize(
    "text",
    [
        "Teachers marched through the capital demanding higher wages and smaller classes.",
        "The central bank raised interest rates by half a percentage point on Thursday.",
        "Police arrested three men after a shop was looted in the market district.",
        "Gunmen on motorbikes attacked a village, killing four farmers, residents said.",
        "The football club struck out in the transfer window again this summer.",
    ],
)
def test_unrelated_articles_are_gated_out(text: str) -> None:
    assert not gate(text)


def test_title_alone_can_pass() -> None:
    assert gate("Officials gave no further details.", title="Air strike kills five in border town")


def test_gate_is_linear_on_hostile_input() -> None:
    # a megabyte of near-misses must not blow up the regex
    assert not gate("ai" * 500_000)
    assert gate("x " * 200_000 + " airstrike")


def test_press_office_air_words_pass_the_gate() -> None:
    assert gate("Terrorists detected in the Hakurk region were targeted in an air operation.")
    assert gate("The Air Component conducted air interdiction missions on bandit enclaves.")
    assert gate("Junta troops on paramotors dropped bombs on the monastery.")
    assert not gate("The operation of the new airport terminal was delayed.")
