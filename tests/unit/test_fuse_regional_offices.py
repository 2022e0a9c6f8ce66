"""Claimants and dates read off the dev incident sets in session 24: a Ukrainian region's governor heads its military
administration (one source), a district's or a city's administration is another source, and "the Ministry of
National Defence" is the defence ministry; an "overnight" strike may be the evening before, and "this evening" in
copy stamped early in the UTC day (west of UTC) is the evening before."""

from __future__ import annotations

from schemas.incidents import ClaimHistory, ClaimPoint
from streams.fuse_claims import _aliases, claimant_key, toll_range


def _history(claimant: str, *points: tuple[str, int]) -> ClaimHistory:
    return ClaimHistory(
        claimant=claimant,
        status="killed",
        history=[ClaimPoint(at=at, figure=n, article_id=f"a-{at}") for at, n in points],
    )


def test_the_regional_governor_is_the_regional_military_administration() -> None:
    assert _aliases(claimant_key("the head of the Zaporizhzhia regional military administration") or "") & _aliases(
        claimant_key("the regional governor") or ""
    )
    claims = [
        _history(claimant_key("the regional governor") or "", ("2026-10-26T13:05:00Z", 3)),
        _history(claimant_key("the regional military administration") or "", ("2026-10-27T07:30:00Z", 4)),
    ]
    assert toll_range(claims, "killed") == (4, 4)


def test_a_city_or_district_administration_is_another_source() -> None:
    region = _aliases(claimant_key("the head of the regional military administration") or "")
    lowers = ("the head of the Pryluky city military administration", "the Nikopol district military administration")
    for lower in lowers:
        assert not region & _aliases(claimant_key(lower) or "")
    claims = [
        _history(claimant_key(lowers[0]) or "", ("2026-07-08T09:00:00Z", 3)),
        _history(claimant_key("the regional military administration") or "", ("2026-07-08T06:00:00Z", 2),
                 ("2026-07-09T06:00:00Z", 4)),
    ]
    assert toll_range(claims, "killed") == (3, 4)


def test_a_ministry_of_national_defence_is_the_defence_ministry() -> None:
    assert claimant_key("Ministry of National Defence") == "defence ministry"
    assert claimant_key("the Ministry of Public Health") == "health ministry"
    assert _aliases("outlet:Ministry of National Defence of Colombia (X)") & _aliases("defence ministry")


def test_an_overnight_strike_may_be_the_evening_before_but_not_the_night_before() -> None:
    from streams.fuse_match import _dates_overlap, event_features
    from tests.unit.fuse_events import make_event

    late = make_event("k1", "A Russian drone attack on Kryvyi Rih late on Tuesday killed one person.",
                      published="2026-07-14T20:10:00Z", source="Wire", provinces=("UA-12",), event_date="2026-07-14")
    overnight = make_event("k2", "Overnight, Russian forces struck a plant in Krivoy Rog with Geran-2 drones.",
                           published="2026-07-15T07:00:00Z", source="MoD", provinces=("UA-12",),
                           event_date="2026-07-15")
    assert _dates_overlap(event_features(late), event_features(overnight))
    # "the second night in a row": two nights, two strikes
    night_before = make_event("o1", "Russian drones struck port infrastructure in Odesa overnight, killing two.",
                              published="2026-01-20T05:20:00Z", source="GPS", provinces=("UA-51",),
                              event_date="2026-01-20")
    next_night = make_event("o2", "A Russian drone attack on Odesa overnight killed one person at about 1:50 a.m.",
                            published="2026-01-21T07:30:00Z", source="Wire", provinces=("UA-51",),
                            event_date="2026-01-21")
    assert not _dates_overlap(event_features(night_before), event_features(next_night))


def test_this_evening_in_copy_stamped_early_in_the_utc_day_is_the_evening_before() -> None:
    from streams.fuse_match import _dates_overlap, event_features
    from tests.unit.fuse_events import make_event

    wednesday = make_event("a1", "At around 7 pm on Wednesday, drones dropped explosives on houses in El Aguaje.",
                           published="2026-09-10T03:10:00Z", source="Local", provinces=("MX-MIC",),
                           event_date="2026-09-09", actor=None)
    post = make_event("a2", "The SSP reports that this evening an attack with drones was recorded in El Aguaje.",
                      published="2026-09-10T05:00:00Z", source="SSP", provinces=("MX-MIC",),
                      event_date="2026-09-10", actor=None)
    assert _dates_overlap(event_features(wednesday), event_features(post))
    stamped_later = post.model_copy(update={"published": "2026-09-10T19:00:00Z"})
    assert not _dates_overlap(event_features(wednesday), event_features(stamped_later))


def test_one_attacker_in_the_plural_or_as_an_adjective_is_one_attacker() -> None:
    from streams.fuse_match import attacker_key as actor_key
    from streams.fuse_match import conflicts, event_features
    from tests.unit.fuse_events import make_event

    assert actor_key("the Houthis") == actor_key("Houthi") == "houthi"
    assert actor_key("Israel") != actor_key("Hezbollah")
    first = make_event("t1", "A Houthi drone dropped a bomb on the qat market in Taiz on Thursday morning.",
                       published="2026-08-20T09:50:00Z", source="Local", provinces=("YE-TA",),
                       event_date="2026-08-20", actor="Houthi")
    later = make_event("t2", "The toll from Thursday's drone attack on a market in Taiz has risen to five.",
                       published="2026-08-21T11:10:00Z", source="Wire", provinces=("YE-TA",),
                       event_date="2026-08-20", actor="Houthis")
    assert not conflicts(event_features(first), event_features(later))


def test_the_attacks_own_weekday_dates_it() -> None:
    from streams.eventdate import event_date_of

    text = ("Oil production at the Khurmala field remained halted on Monday after a drone attack on Sunday evening "
            "set a storage tank on fire.")
    assert event_date_of([text], "2026-09-07T11:00:00Z") == "2026-09-06"
    assert event_date_of(["Production remained halted on Monday."], "2026-09-07T11:00:00Z") == "2026-09-07"
