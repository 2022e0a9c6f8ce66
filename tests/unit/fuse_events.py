"""Strike events written for the fuse-stage tests (``tests/unit/test_fuse*.py``)."""

from __future__ import annotations

from schemas import Casualty, Evidence, Place, Province, StrikeEvent


def make_event(
    aid: str,
    text: str,
    *,
    published: str,
    source: str,
    provinces: tuple[str, ...] = (),
    places: tuple[tuple[str, str], ...] = (),
    killed: tuple[tuple[int, str | None], ...] = (),
    event_date: str | None = None,
    actor: str | None = "Russian Federation",
    targets: tuple[str, ...] = (),
) -> StrikeEvent:
    casualties = [Casualty(status="killed", count_min=n, count_max=n, claimed_by=who) for n, who in killed]
    return StrikeEvent(
        event_id=f"evt-{aid}",
        article_id=aid,
        actor=actor,
        provinces=[Province(code=c, country=c.split("-")[0]) for c in provinces],
        places=[Place(name=n, province=c, country=c.split("-")[0]) for n, c in places],
        casualties=casualties,
        killed_min=min((n for n, _ in killed), default=None),
        evidence=[Evidence(start=0, end=len(text), text=text)],
        targets=list(targets),
        published=published,
        source=source,
        event_date=event_date,
        confidence=0.7,
    )
