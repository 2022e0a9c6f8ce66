"""Incident reports read off the blind dev set own-incidents-aj (after its first untuned score): a strike told in
passing beside the one an article reports ("Earlier on Tuesday, drones hit Nizhyn") is no report of its incident;
a roundup's item under another country's heading is another strike; "said nine civilians were killed on
Wednesday" dates the killing, and bodies "recovered overnight" do not date the strike.

The texts are written for these tests.
"""

from __future__ import annotations

from spacy.language import Language

from schemas import ArticleReport
from streams.eventdate import event_date_of
from streams.fuse import Fuser, fuse_reports
from tests.unit.detect.conftest import run
from tests.unit.fuse_events import make_event

SEMENIVKA = (
    "Russian guided aerial bombs killed two people and wounded three in the town of Semenivka in Ukraine's "
    "northern Chernihiv region on Tuesday afternoon, the regional governor said. Earlier on Tuesday, drones hit "
    "Nizhyn, in the south-west of the region."
)


def test_a_strike_told_in_passing_is_a_mention(nlp: Language) -> None:
    report = run(nlp, SEMENIVKA, published="2025-06-10T18:25:00Z", force=True)
    assert [([p.name for p in e.places], e.mention) for e in report.events] == [
        (["Semenivka"], False),
        (["Nizhyn"], True),
    ]
    # the same sentence with a toll of its own is a report of that strike too
    tolled = SEMENIVKA.replace("hit Nizhyn,", "hit Nizhyn, killing one man,")
    report = run(nlp, tolled, published="2025-06-10T18:25:00Z", force=True)
    assert not any(e.mention for e in report.events)


def test_the_fuser_leaves_a_mention_out_of_every_incident() -> None:
    nizhyn = make_event("n1", "Drones hit Nizhyn overnight, killing one.", published="2025-06-10T00:10:00Z",
                        source="Regional administration", provinces=("UA-74",), places=(("Nizhyn", "UA-74"),),
                        killed=((1, None),), event_date="2025-06-10")
    mention = make_event("s1", "Earlier on Tuesday, drones hit Nizhyn.", published="2025-06-10T18:25:00Z",
                         source="Wire", provinces=("UA-74",), places=(("Nizhyn", "UA-74"),),
                         event_date="2025-06-10").model_copy(update={"mention": True})
    fuser = Fuser()
    first = fuser.add(nizhyn)
    result = fuser.add(mention)
    assert result.incident_id is None and result.changed == []
    assert fuser.open[first.incident_id or ""].articles == ["n1"]
    fused, incidents = fuse_reports([
        ArticleReport(article_id="n1", is_strike=True, events=[nizhyn]),
        ArticleReport(article_id="s1", is_strike=True, events=[mention]),
    ])
    assert [e.incident_id for r in fused for e in r.events] == [first.incident_id, None]
    assert len(incidents) == 1


def test_a_roundup_item_under_another_countrys_heading_is_another_strike(nlp: Language) -> None:
    text = (
        "Three air strikes last week left disputed tolls.\n\n"
        "Mali: residents say a drone strike on a wedding near Djenne on Friday killed 14 civilians.\n\n"
        "Nigeria: residents of Tsafe, Zamfara State, say Saturday's strike killed eight vigilantes."
    )
    report = run(nlp, text, published="2025-06-23T10:00:00Z", force=True)
    assert [{p.country for p in e.provinces} for e in report.events] == [{"ML"}, {"NG"}]


def test_said_that_people_were_killed_on_a_day_dates_the_killing() -> None:
    texts = [
        "YANGON, June 19 (Wire) - An air strike on the town of Pauk killed 11 civilians, a rescue team said on "
        "Thursday, after rescuers recovered more bodies from the rubble overnight.",
        "The opposition said nine civilians were killed on Wednesday afternoon when two jets bombed a market.",
    ]
    assert event_date_of(texts, "2025-06-19T03:20:00Z") == "2025-06-18"
    # the day a toll was said is still no strike's day
    assert event_date_of(["The toll rose to nine, officials said on Tuesday."], "2025-06-19T03:20:00Z") is None


def test_two_groups_of_residents_are_two_accounts_of_the_toll() -> None:
    from schemas.incidents import ClaimHistory, ClaimPoint
    from streams.fuse_claims import toll_range

    def claim(who: str, figure: int, at: str) -> ClaimHistory:
        return ClaimHistory(claimant=who, status="killed", history=[ClaimPoint(at=at, figure=figure, article_id=who)])

    claims = [
        claim("residents", 8, "2025-06-22T09:10:00Z"),
        claim("two residents", 10, "2025-06-22T14:30:00Z"),
        claim("outlet:Air Force", 31, "2025-06-21T18:05:00Z"),
    ]
    assert toll_range(claims, "killed") == (8, 31)


def test_an_aside_on_a_place_hit_before_is_a_mention(nlp: Language) -> None:
    text = (
        "A Russian drone hit a warehouse in Fastiv on Wednesday night, killing two workers, the regional governor "
        "said. The town lies about 40 km north of Bila Tserkva, hit by drones on Tuesday."
    )
    report = run(nlp, text, published="2025-09-11T06:00:00Z", force=True)
    assert [e.mention for e in report.events] == [False, True]
