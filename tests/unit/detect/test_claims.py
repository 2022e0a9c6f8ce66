"""What an event's casualty claims add up to (``streams.detect.claims``)."""

from __future__ import annotations

from collections.abc import Callable

from streams.casualties import parse_claims
from streams.detect.claims import (
    EventClaim,
    dedupe_claims,
    drop_area_totals,
    drop_cross_event_repeats,
    drop_roundup_totals,
    killed_min,
)
from streams.detect.grouping import Event, group_events
from streams.detect.sentences import classify
from streams.detect.view import ArticleView
from tests.unit.detect.conftest import MakeView


def claims_of(*sentences: str, first: int = 0) -> list[EventClaim]:
    """The claims of these sentences, as an event holds them (sentence indexes from ``first``)."""
    return [(c, None, first + idx) for idx, s in enumerate(sentences) for c in parse_claims(s)]


Drop = Callable[[list[Event], Callable[[int], str]], None]


def _claims_after(view: ArticleView, drop: Drop) -> list[tuple[str, int | None]]:
    """(status, count) of every claim of the view's events, after ``drop`` has had its say, sorted."""
    events = group_events(view, classify(view))
    drop(events, view.sentence_text)
    return sorted((c.status, c.count_min) for e in events for c, _, _ in e.claims)


def test_killed_min_takes_lowest_account_but_adds_distinct_victims() -> None:
    fighters = claims_of("The army said 12 fighters were killed.")
    civilians = claims_of("Residents said four civilians were killed.", first=1)
    other = claims_of("Activists said 20 people were killed.", first=1)
    assert killed_min(fighters + civilians) == 16
    assert killed_min(fighters + other) == 12


def test_killed_min_of_one_verb_adds_up_and_an_update_wins() -> None:
    assert killed_min(claims_of("Seven fighters and two civilians were killed.")) == 9
    assert killed_min(claims_of("The strike killed five people.", "The death toll rose to nine.")) == 9
    assert killed_min(claims_of("Three people were wounded.")) is None


def test_dedupe_drops_repeats_and_subsets_of_a_total() -> None:
    got = dedupe_claims(
        claims_of("The strike killed four people.", "Four people were killed.", "A child was among the dead.")
    )
    assert [(c.status, c.count_min, c.subset) for c, _, _ in got] == [("killed", 4, False)]
    (alone,) = dedupe_claims(claims_of("A child was among the dead."))
    assert alone[0].subset


def test_dedupe_marks_a_repeated_figure_as_the_update() -> None:
    got = dedupe_claims(claims_of("The strike killed nine people.", "The toll had risen to nine."))
    assert [(c.count_min, c.update) for c, _, _ in got] == [(9, True)]


def test_cross_event_repeat_of_the_same_place_is_dropped() -> None:
    first = Event(provinces={"SD-WN": "SD"}, claims=claims_of("A strike on Kosti killed four people."))
    later = Event(provinces={"SD-WN": "SD"}, claims=claims_of("In Kosti, four people were killed."))
    elsewhere = Event(provinces={"SD-KH": "SD"}, claims=claims_of("Four people were killed."))
    drop_cross_event_repeats([first, later, elsewhere])
    assert later.claims == [] and len(first.claims) == 1 and len(elsewhere.claims) == 1


def test_a_part_of_the_dead_is_dropped_only_against_its_own_sources_total() -> None:
    from streams.casualties import parse_claims
    from streams.detect.claims import dedupe_claims

    total = parse_claims("A strike killed more than 30 people.")[0]
    part = parse_claims("At least nine of those killed were militants.")[0]
    assert part.subset
    same = dedupe_claims([(total, "the health ministry", 0), (part, "the ministry", 1)])
    other = dedupe_claims([(total, "the health ministry", 0), (part, "the Israeli military", 1)])
    assert [c.count_min for c, _, _ in same] == [31]
    assert [c.count_min for c, _, _ in other] == [31, 9]


def test_rival_accounts_of_one_toll_are_alternatives_not_a_sum() -> None:
    from streams.casualties import parse_claims
    from streams.detect.claims import killed_min

    civilians = parse_claims("The strike killed six civilians.")[0]
    militants = parse_claims("The strike killed 14 militants.")[0]
    assert killed_min([(civilians, "residents", 0), (militants, "the government", 1)]) == 6
    assert killed_min([(civilians, None, 0), (militants, None, 1)]) == 20  # one narrative, all sides


def test_a_roundups_total_over_several_strikes_is_no_claim_of_one(make_view: MakeView) -> None:
    view = make_view(
        "Drone strikes killed five people in two areas of northern Iraq on Sunday. "
        "In Sinjar, a drone hit a vehicle, killing three fighters. "
        "Hours later, near Penjwen in Sulaymaniyah, a drone struck a car and killed two men."
    )
    assert sorted(n for _, n in _claims_after(view, drop_roundup_totals)) == [2, 3]


def test_one_person_told_by_an_article_is_a_detail_of_the_total() -> None:
    from streams.casualties import parse_claims
    from streams.detect.claims import dedupe_claims, killed_min

    total = parse_claims("Russian aircraft dropped two bombs, killing two people and wounding six.")[0]
    detail = parse_claims("A 64-year-old woman died at the scene and a man died on the way to hospital.")
    assert detail and all(c.subset for c in detail)
    kept = dedupe_claims([(total, "the governor", 0)] + [(c, None, 1) for c in detail])
    assert [c.count_min for c, _, _ in kept] == [2]
    assert killed_min(kept) == 2
    # alone, the one person is the claim; an active verb's object is no detail ("had killed a suicide bomber")
    alone = parse_claims("A child died when the drone hit the house.")
    assert [(c.count_min, c.subset) for c, _, _ in dedupe_claims([(c, None, 0) for c in alone])] == [(1, True)]
    assert not parse_claims("The drone had killed a suicide bomber travelling in the vehicle.")[0].subset


def test_one_of_the_dead_described_by_another_source_is_no_tally() -> None:
    from streams.casualties import parse_claims
    from streams.detect.claims import dedupe_claims

    total = parse_claims("The drone strike killed two people.")[0]
    one = parse_claims("One of the dead was a member of the group and the other was his cousin.")[0]
    also = parse_claims("A civilian was also killed in the Tehran area.")[0]
    kept = dedupe_claims([(total, "the health ministry", 0), (one, "a security source", 1)])
    assert [c.count_min for c, _, _ in kept] == [2]
    # another source's own person stays its claim
    kept = dedupe_claims([(total, "the army", 0), (also, "state media", 1)])
    assert [c.count_min for c, _, _ in kept] == [2, 1]


def test_a_placeless_events_figure_repeats_an_earlier_events() -> None:
    first = Event(provinces={"IQ-AR": "IQ"}, claims=claims_of("A drone killed two members of the PKK."))
    placeless = Event(provinces={}, claims=claims_of("Two PKK terrorists were neutralised."))
    drop_cross_event_repeats([first, placeless])
    assert placeless.claims == [] and len(first.claims) == 1


def test_one_figure_from_two_sources_is_two_claims_from_one_source_one() -> None:
    """Per source, as the evaluation counts claims: relatives and the Asayish both say three; "Elders in central
    Somalia" and "one elder" are one source."""
    three = parse_claims("A drone struck a car, killing the three people inside.")[0]
    again = parse_claims("The Asayish put the toll at three.")[0]
    kept = dedupe_claims([(three, "relatives", 0), (again, "The Asayish internal security forces", 1)])
    assert [(c.count_min, who) for c, who, _ in kept] == [(3, "relatives"), (3, "The Asayish internal security forces")]
    kept = dedupe_claims([(three, "Elders in central Somalia", 0), (again, "one elder", 1)])
    assert [c.count_min for c, _, _ in kept] == [3]
    kept = dedupe_claims([(three, "the health ministry", 0), (again, None, 1)])
    assert [c.count_min for c, _, _ in kept] == [3]


def test_a_ledes_officials_are_the_official_the_body_quotes() -> None:
    two = parse_claims("A drone attack killed two people, Ukrainian officials said.")[0]
    again = parse_claims("Two people were killed, the regional military administration said.")[0]
    kept = dedupe_claims([(two, "Ukrainian officials", 0), (again, "the Kyiv regional military administration", 1)])
    assert [(c.count_min, who) for c, who, _ in kept] == [(2, "Ukrainian officials")]
    # two named sources of one figure stay two claims
    kept = dedupe_claims([(two, "relatives", 0), (again, "the Kyiv regional military administration", 1)])
    assert len(kept) == 2


def test_a_tally_over_a_region_is_no_claim_of_the_strike(make_view: MakeView) -> None:
    view = make_view(
        "Russian jets dropped two guided bombs on Kostiantynivka on Monday, killing two people and injuring six. "
        "In total, over the past day the Russians killed 5 residents of Donetsk oblast. "
        "Another 11 people were injured across the region."
    )
    assert _claims_after(view, drop_area_totals) == [("killed", 2), ("wounded", 6)]


def test_in_total_of_the_strike_itself_stays_a_claim(make_view: MakeView) -> None:
    view = make_view(
        "A drone struck a high-rise in the Kyivskyi district overnight, killing two people. "
        "Nine people were injured in total, one of them a child, the governor said."
    )
    assert _claims_after(view, drop_area_totals) == [("killed", 2), ("wounded", 9)]
