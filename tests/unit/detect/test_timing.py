"""Time and modality rules of ``streams.detect.timing``: on strings with a publication date, or on a view."""

from __future__ import annotations

import datetime as dt

from streams.detect.timing import (
    anchored,
    dated_long_ago,
    dated_weeks_before,
    days_named,
    is_background,
    long_ago,
    modal,
    month_opening_before,
    opens_as_history,
    recall_aside,
)
from tests.unit.detect.conftest import MakeView

PUBLISHED = dt.date(2024, 5, 6)


def _background(text: str, word: str, published: dt.date | None = PUBLISHED) -> bool:
    start = text.index(word)
    return is_background(published, text, start, start + len(word))


def test_days_named_skips_when_it_was_said() -> None:
    assert days_named("Jets struck Idlib on Tuesday, the ministry said on Friday.") == {"tuesday"}
    assert days_named("Drones hit Kharkiv on 3 March and on March 5.") == {"3-mar", "5-mar"}
    assert days_named("Jets struck Idlib.") == set()


def test_background_history_habit_and_old_dates() -> None:
    assert _background("Last week, jets struck Idlib.", "struck")
    assert _background("The army has repeatedly bombed the area.", "bombed")
    assert _background("On April 11, 2023, a jet dropped bombs on the village.", "dropped")
    assert _background("On 12 January, jets struck the town.", "struck")  # months before publication


def test_news_is_no_background() -> None:
    assert not _background("On Monday, jets struck Idlib, killing five.", "struck")
    assert not _background("On 4 May, jets struck the town.", "struck")
    # without a publication date only the words decide
    assert not _background("On April 11, 2023, a jet dropped bombs.", "dropped", published=None)


def test_modal_hypothetical_and_denied() -> None:
    text = "Israel threatened to strike Beirut"
    assert modal(text, text.index("strike"), text.index("strike") + 6)
    text = "The army did not bomb the village"
    assert modal(text, text.index("bomb"), text.index("bomb") + 4)
    text = "Jets bombed the village"
    assert not modal(text, text.index("bombed"), text.index("bombed") + 6)


def test_dated_long_ago() -> None:
    assert dated_long_ago("In December 2023, a drone killed 85 people.", PUBLISHED)
    assert not dated_long_ago("On 1 May 2024, a drone killed 5 people.", PUBLISHED)
    assert not dated_long_ago("A drone killed 5 people.", PUBLISHED)  # no date at all


def test_long_ago_and_anchored_on_a_view(make_view: MakeView) -> None:
    view = make_view("In December 2023, a drone killed 85 people. Jets struck the town on Monday. Jets struck it.")
    assert [long_ago(view, i) for i in range(3)] == [True, False, False]
    assert view.long_ago_cache == {0: True, 1: False, 2: False}
    assert [anchored(view, i) for i in range(3)] == [True, True, False]
    undated = make_view("In December 2023, a drone killed 85 people.", published="")
    assert not long_ago(undated, 0)


def test_clock_times_without_minutes_and_said_on_mornings() -> None:
    from streams.detect.dayparts import dayparts

    assert dayparts(["A drone hit a grain elevator shortly after 5 a.m. on Saturday."]) == {"morning"}
    assert dayparts(["It hit at about 1:40 a.m., the head said on Saturday morning."]) == {"night"}
    assert dayparts(["Strikes hit 3 sites in the district."]) == frozenset()


def test_a_denial_of_harming_civilians_is_no_denial_of_the_strike() -> None:
    text = "The army denied that it had targeted civilians in a drone strike on the market."
    start = text.index("drone strike")
    assert not modal(text, start, start + len("drone strike"))
    text = "The army denied that its jets bombed the market."
    start = text.index("bombed")
    assert modal(text, start, start + len("bombed"))


def test_a_standing_accusation_over_strikes_is_background() -> None:
    assert _background("Rights groups have accused the army of killing civilians in drone strikes.", "drone strikes")
    assert not _background("Rights groups accused the army of killing 12 civilians in a drone strike.", "drone strike")


def test_dayparts_of_half_past_midnight_and_not_of_a_later_death() -> None:
    from streams.detect.dayparts import dayparts

    assert dayparts(["The building was hit by two missiles at about 12:40 a.m."]) == {"night"}
    assert dayparts(["The toll rose to 17 after two of the wounded died overnight."]) == frozenset()


def test_a_toll_since_a_ceasefire_is_an_aggregate() -> None:
    from streams.detect.timing import AGGREGATE

    assert AGGREGATE.search("Gaza health authorities say hundreds of people have been killed since it took effect.")
    assert AGGREGATE.search("Strikes have continued since the ceasefire")
    assert not AGGREGATE.search("The strike killed five people on Monday.")


def test_a_records_date_label_is_the_incident_not_background() -> None:
    import datetime as dt

    from streams.detect.timing import is_background

    record = "Date: 3 October 2025, morning\nLocation: farmland near Jilib\nType: air strike"
    at = record.find("air strike")
    assert not is_background(dt.date(2025, 10, 14), record, at, at + 10)  # filed 11 days later
    assert is_background(dt.date(2026, 3, 1), record, at, at + 10)  # months later: a recall
    prose = "On 3 October 2025, an air strike hit farmland near Jilib."
    at = prose.find("air strike")
    assert is_background(dt.date(2025, 10, 14), prose, at, at + 10)


def test_last_struck_names_the_strike_before_this_one() -> None:
    assert _background("Israeli jets last struck the port of Hodeidah in December.", "struck")
    assert not _background("Israeli jets struck the port of Hodeidah on Sunday.", "struck")


def test_a_month_named_alone_dates_only_a_recall(make_view: MakeView) -> None:
    view = make_view("Jets last bombed the port in December. Jets bombed the port on Monday.", published="2024-05-06")
    assert dated_weeks_before(view, 0) and not dated_weeks_before(view, 1)
    this_month = make_view("Jets bombed the port in May.", published="2024-05-06")
    assert not dated_weeks_before(this_month, 0)
    # in a strike's own clause the month may date something else: "since a ceasefire took effect in October"
    assert not _background("The strike was the deadliest since a ceasefire took effect in April.", "strike")


def test_a_dateline_dates_the_copy_not_the_sentence(make_view: MakeView) -> None:
    view = make_view("KYIV, Oct 14 (Dnieper Herald) - A court sentenced a pilot for a bombing in March 2022.",
                     published="2025-10-14")
    assert view.dateline_end > 0
    assert dated_weeks_before(view, 0) and long_ago(view, 0)


def test_since_the_start_of_the_war_is_background() -> None:
    text = "The Houthis have launched dozens of drones at Israel since the start of the Gaza war."
    assert _background(text, "launched")
    assert _background("Jets have struck the town since the war began.", "struck")


def test_a_mistaken_belief_and_a_habit_are_no_strike_report() -> None:
    from streams.detect.timing import is_background, modal

    text = ("Some residents initially believed the blast was a drone attack, as quadcopter attacks on police posts "
            "have become common in the district.")
    a = text.index("drone attack")
    assert modal(text, a, a + len("drone attack"))
    b = text.index("quadcopter attacks")
    assert is_background(None, text, b, b + len("quadcopter attacks"))
    plain = "Residents said the drone attack on Friday killed four people."
    c = plain.index("drone attack")
    assert not modal(plain, c, c + 12) and not is_background(None, plain, c, c + 12)


def test_a_months_count_of_bombs_is_a_tally() -> None:
    from streams.detect.timing import is_background

    text = "Russia had dropped more than 3,200 guided bombs across Ukraine in April alone, most of them on Donetsk."
    a = text.index("guided bombs")
    assert is_background(None, text, a, a + len("guided bombs"))
    plain = "Russia dropped 3,200 guided bombs on Donetsk in April, officials said."
    b = plain.index("guided bombs")
    assert not is_background(None, plain, b, b + len("guided bombs"))


def test_strikes_on_several_occasions_are_a_habit_not_this_strike() -> None:
    text = "Military air strikes have on several occasions killed civilians in the region."
    assert _background(text, "strikes")
    assert not _background("Military air strikes killed civilians in the region on Tuesday.", "strikes")


def test_reported_at_the_time_dates_the_sentence_to_an_earlier_report() -> None:
    text = ("Tabriz was also hit on Friday, when strikes on a base outside the city killed three soldiers, Iranian "
            "media reported at the time.")
    start = text.index("strikes on")
    assert is_background(dt.date(2025, 6, 17), text, start, start + 7)
    now = "Strikes on a base outside the city killed three soldiers, Iranian media reported."
    assert not is_background(dt.date(2025, 6, 17), now, 0, 7)


def test_a_sentence_opening_with_a_month_weeks_past_is_history(make_view: MakeView) -> None:
    view = make_view("In December, Ukraine's air force said Su-24 jets had destroyed the landing ship there. "
                     "In May, jets struck the port. Drones hit the port in December.", published="2024-05-20")
    assert [month_opening_before(view, i) for i in range(3)] == [True, False, False]
    assert opens_as_history(view, 0) and not opens_as_history(view, 1)
    last_year = make_view("In April last year, a drone attack set fire to fuel tanks at the same depot.")
    assert opens_as_history(last_year, 0)


def test_a_recall_opener_of_translated_copy() -> None:
    assert recall_aside("It will be remembered that last month the air force carried out strikes near Abala.")
    assert recall_aside("It is worth mentioning that an air strike on a house a week ago killed eleven people.")
    # noted in passing, with nothing dated back: may be today's strike
    assert not recall_aside("It is worth mentioning that the strike hit a house near the market.")


def test_a_negated_object_denies_the_strike_verb() -> None:
    text = "Residents said jet fighters flew over the town twice on Sunday morning but dropped no bombs."
    start = text.index("jet fighters")
    assert modal(text, start, text.index(" no bombs"))
    assert not modal("Jet fighters dropped two bombs.", 0, len("Jet fighters dropped"))
