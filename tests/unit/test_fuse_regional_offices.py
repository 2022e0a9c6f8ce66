"""Claimants read off the dev incident sets in session 24: a Ukrainian region's governor heads its military
administration (one source), a district's or a city's administration is another source, and "the Ministry of
National Defence" is the defence ministry. Measured: untuned incident sets' toll range exact 0.753 -> 0.774 (five
sets up, one down), read sets 0.880 -> 0.884, none down."""

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
