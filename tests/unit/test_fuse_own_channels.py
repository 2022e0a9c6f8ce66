"""Fusion rules read off the dev incident sets in session 23: an institution's own channel is that institution's
voice ("Belgorod Region Governor (Telegram)" and "the governor"), a regional centre named as a city is a town, and a
"cercle" is an area, not a town."""

from __future__ import annotations

from schemas.incidents import ClaimHistory, ClaimPoint
from streams.fuse_claims import _aliases, toll_range
from streams.fuse_match import event_features, town_key
from tests.unit.fuse_events import make_event as _event


def _history(claimant: str, *points: tuple[str, int]) -> ClaimHistory:
    return ClaimHistory(
        claimant=claimant,
        status="killed",
        history=[ClaimPoint(at=at, figure=n, article_id=f"a-{at}") for at, n in points],
    )


def test_an_institutions_own_channel_is_that_institution() -> None:
    assert _aliases("outlet:Belgorod Region Governor (Telegram)") & _aliases("governor")
    assert _aliases("outlet:Civil Defence in Gaza (Telegram)") & _aliases("civil defence agency")
    assert _aliases("outlet:White Nile State Government (statement)") & _aliases("government official")
    # a news outlet's own figure stays the outlet's
    assert _aliases("outlet:Gyrfalcon Wire") == frozenset()
    # the governor's post said one dead; a later story quotes the governor with two: the governor's latest is two
    claims = [
        _history("outlet:Belgorod Region Governor (Telegram)", ("2026-03-01T06:00:00Z", 1)),
        _history("governor", ("2026-03-01T15:00:00Z", 2)),
    ]
    assert toll_range(claims, "killed") == (2, 2)
    # two different bodies keep their own figures
    claims = [
        _history("outlet:Belgorod Region Governor (Telegram)", ("2026-03-01T06:00:00Z", 1)),
        _history("health ministry", ("2026-03-01T15:00:00Z", 2)),
    ]
    assert toll_range(claims, "killed") == (1, 2)


def test_a_regional_centre_named_as_a_city_is_a_town() -> None:
    hotel = _event("c1", "Russian drones struck a hotel in the centre of Chernihiv shortly before 2 a.m.",
                   published="2026-03-03T01:00:00Z", source="Wire A", provinces=("UA-74",),
                   places=(("Chernihiv", "UA-74"),), event_date="2026-03-03")
    assert town_key("Chernihiv") in event_features(hotel).towns
    region = _event("c2", "Russian drones struck Chernihiv region overnight.",
                    published="2026-03-03T01:00:00Z", source="Wire A", provinces=("UA-74",),
                    places=(("Chernihiv", "UA-74"),), event_date="2026-03-03")
    assert town_key("Chernihiv") not in event_features(region).towns


def test_a_malian_cercle_is_an_area_not_a_town() -> None:
    event = _event("m1", "The aerial vectors of the FAMa neutralised a gathering of terrorists in the Niono circle.",
                   published="2026-07-24T20:00:00Z", source="FAMa", provinces=("ML-4",),
                   places=(("Niono", "ML-4"),), event_date="2026-07-23", actor=None)
    assert town_key("Niono") not in event_features(event).towns


def test_a_city_district_named_by_an_adjective_is_its_city() -> None:
    first = _event("z1", "Three people were killed when drones hit the Zavodskyi district of Mykolaiv overnight.",
                   published="2026-05-09T06:00:00Z", source="Wire A", provinces=("UA-48",), event_date="2026-05-09")
    second = _event("z2", "Drones struck a house in Mykolaiv's Inhulskyi district overnight.",
                    published="2026-05-09T08:00:00Z", source="Wire B", provinces=("UA-48",), event_date="2026-05-09")
    assert event_features(first).towns == event_features(second).towns == {town_key("Mykolaiv")}
