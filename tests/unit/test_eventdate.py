"""The strike's own date, resolved from the report's words against its publication time."""

from __future__ import annotations

from datetime import date

import pytest

from streams.eventdate import event_date_of, published_date, resolve_event_date

PUB = "2026-01-21T07:30:00Z"  # a Wednesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A drone hit Odesa overnight, the governor said.", date(2026, 1, 21)),
        ("A drone strike on Monday killed two.", date(2026, 1, 19)),
        ("A drone strike on Wednesday killed two.", date(2026, 1, 21)),
        ("Tuesday's strike killed two, the governor said on Wednesday.", date(2026, 1, 20)),
        ("Jets bombed the market yesterday.", date(2026, 1, 20)),
        ("The strike last week killed nine.", date(2026, 1, 14)),
        ("The strike on Jan 7 killed three.", date(2026, 1, 7)),
        ("The strike on 18 January killed 11.", date(2026, 1, 18)),
        ("Bombers hit the town on December 30.", date(2025, 12, 30)),
        ("The strike, at 1:50 a.m. (2350 GMT on Tuesday), hit a block.", None),
        ("A strike killed two people, the ministry said on Monday.", None),
        ("Algeria on Sunday condemned a drone strike.", None),
        ("A drone strike killed two people.", None),
        ("Jets bombed houses shortly after midnight on Monday.", date(2026, 1, 19)),
        ("It came after Monday's strike on a minibus.", None),
        ("A third soldier has died after Monday's drone attack on the base.", date(2026, 1, 19)),
        ("Two of the wounded died on Monday.", None),
    ],
)
def test_cues(text: str, expected: date | None) -> None:
    assert resolve_event_date([text], PUB) == expected


def test_dateline_date_is_not_the_strike_date() -> None:
    text = "KYIV, Jan 21 (Meridian Wire) - A drone hit the city on Monday."
    assert resolve_event_date([text], PUB) == date(2026, 1, 19)


def test_explicit_date_beats_a_weekday_in_an_earlier_sentence() -> None:
    assert resolve_event_date(["It struck on Monday.", "The raid on Jan 18 was the worst."], PUB) == date(2026, 1, 18)


def test_no_publication_no_relative_date() -> None:
    assert resolve_event_date(["It struck yesterday."], None) is None
    assert published_date("not a date") is None
    assert published_date("2026-02-03") == date(2026, 2, 3)
    assert event_date_of(["It struck yesterday."], PUB) == "2026-01-20"


def test_a_possessive_weekday_after_after_is_another_strike() -> None:
    text = "A drone hit an aid queue in Kherson, the second attack in two days, after Monday's strike on a minibus."
    assert resolve_event_date([text], "2026-08-04T09:10:00Z") is None
    assert resolve_event_date(["Tuesday's strike killed four."], "2026-08-06T09:10:00Z") == date(2026, 8, 4)


def test_dateline_with_a_country_is_not_the_strike_date() -> None:
    texts = ["TAIZ, Yemen, Aug 21 (Crescent Wire Service) - The death toll from Thursday's drone attack on a market "
             "has risen to five, the city's health office said on Friday."]
    assert event_date_of(texts, "2026-08-21T11:10:00Z") == "2026-08-20"


def test_a_dateline_without_a_city_and_a_death_overnight_date_nothing() -> None:
    text = "Jan 21 (Pan-Oceanic Press) - A second worker has died, the governor said on Wednesday."
    assert resolve_event_date([text, "It raised the toll from Monday's attack to two."], PUB) == date(2026, 1, 19)
    assert resolve_event_date(["The strike killed 14; two of the wounded died overnight."], PUB) is None


def test_a_datelines_local_date_is_the_day_overnight_means() -> None:
    # filed at 23:40 UTC on Oct 2, datelined Oct 3 in Kabul: "overnight" is the night into Oct 3
    text = "KABUL, Oct 3 (Tidewater) - Pakistani aircraft bombed houses in Khost overnight, killing eight."
    assert event_date_of([text], "2026-10-02T23:40:00Z") == "2026-10-03"
    # a dateline far from publication is no local date; a named weekday still counts back from the copy's day
    assert event_date_of(["KABUL, Oct 9 (Tidewater) - Aircraft bombed houses overnight."], "2026-10-02T23:40:00Z") == (
        "2026-10-02"
    )
    assert event_date_of([text.replace("overnight", "on Friday")], "2026-10-02T23:40:00Z") == "2026-10-02"


def test_a_weekday_names_the_night_that_overnight_only_places_in_it() -> None:
    text = ("The number of people killed in the overnight drone attack on Bila Tserkva on Friday has risen to three, "
            "the mayor said on Saturday morning.")
    assert resolve_event_date([text], "2026-10-03T09:00:00Z") == date(2026, 10, 2)


def test_last_friday_in_copy_of_a_friday_is_a_week_back() -> None:
    text = "The attack in the early hours of last Friday has now killed four people."
    assert resolve_event_date([text], "2026-10-09T12:00:00Z") == date(2026, 10, 2)
    assert resolve_event_date(["The attack on Friday killed four."], "2026-10-09T12:00:00Z") == date(2026, 10, 9)


def test_a_feature_dates_the_strike_by_the_days_since_it() -> None:
    five = "Five days after a military helicopter fired rockets into their monastery school, the monks still sweep."
    assert resolve_event_date([five], "2026-10-20T09:00:00Z") == date(2026, 10, 15)
    week = "A week after Russian drones hit their building, residents are still sleeping at relatives' homes."
    assert resolve_event_date([week], "2026-10-09T12:00:00Z") == date(2026, 10, 2)
    placed = "KAWLIN, Myanmar - " + five
    assert resolve_event_date([placed], "2026-10-20T09:00:00Z") == date(2026, 10, 15)
