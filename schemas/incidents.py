"""The incident wire model, on the compacted topic ``strikes.incidents`` (key = incident_id).

An incident is one real-world strike as many outlets reported it: a wire flash, a full story, a ministry
statement, a monitoring group, a next-day follow-up. The value is always the incident's full current state
(compaction keeps the last one per key), so a consumer that reads the topic to its end has every incident
without replaying ``strikes.events``. The matching features (date window, towns, distinctive terms) are part of
the state on purpose: the fuse stage rebuilds its tables from this very record after a restart, and a late
report of a closed incident can reopen it from the record.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from schemas.articles import SCHEMA_VERSION, _Wire

Status = Literal["killed", "wounded"]


class ClaimPoint(_Wire):
    """One figure a claimant gave, in one article, at one time."""

    at: str | None = Field(default=None, description="`published` of the article that carried the figure.")
    figure: int = Field(description="The claim's lowest credible count (count_min).")
    article_id: str


class ClaimHistory(_Wire):
    """Every figure one claimant gave for one status, oldest first; the last is the claimant's current one."""

    claimant: str = Field(description="Normalised claimant, or 'outlet:<name>' when the text names none.")
    status: Status
    history: list[ClaimPoint] = Field(default_factory=list)


class Incident(_Wire):
    """One fused strike, on ``strikes.incidents``: the full current state."""

    schema_version: int = SCHEMA_VERSION
    incident_id: str = Field(description="Stable id: derived from the first report's event id.")
    first_seen: str | None = Field(default=None, description="Earliest `published` of its reports.")
    last_seen: str | None = Field(default=None, description="Latest `published` of its reports.")
    updated_at: str | None = Field(default=None, description="Stream time (latest `published` seen) of this state.")
    event_date: str | None = Field(default=None, description="Date of the strike (YYYY-MM-DD) when a report says.")
    date_lo: str | None = Field(default=None, description="Earliest date the strike can have happened.")
    date_hi: str | None = Field(default=None, description="Latest date the strike can have happened.")
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2 of the struck territory.")
    countries: list[str] = Field(default_factory=list)
    provinces: list[str] = Field(default_factory=list, description="ISO 3166-2 admin-1 codes.")
    places: list[str] = Field(default_factory=list, description="Places the reports name.")
    towns: list[str] = Field(
        default_factory=list,
        description="Town/district match keys: transliteration keys (\"jbl\" = Jabalia/Jabaliya), else folded names.",
    )
    dayparts: list[str] = Field(default_factory=list, description="night/morning/afternoon/evening, when said.")
    actor: str | None = None
    actors: list[str] = Field(default_factory=list)
    aircraft: list[str] = Field(default_factory=list)
    bases: list[str] = Field(default_factory=list)
    targets: list[str] = Field(default_factory=list)
    terms: list[str] = Field(default_factory=list, description="Distinctive words of the evidence (capped).")
    mentioned: list[str] = Field(
        default_factory=list,
        description="Town match keys of names the reports give in passing (after 'near', 'on the', a dateline): a "
        "later report's town among them is no conflict.",
    )
    articles: list[str] = Field(default_factory=list)
    events: list[str] = Field(default_factory=list)
    outlets: list[str] = Field(default_factory=list)
    independent_sources: int = Field(default=0, description="Distinct outlets that reported it.")
    claims: list[ClaimHistory] = Field(default_factory=list)
    killed_min: int | None = Field(default=None, description="Lowest of the claimants' latest killed figures.")
    killed_max: int | None = Field(default=None, description="Highest of the claimants' latest killed figures.")
    wounded_min: int | None = None
    wounded_max: int | None = None
    confidence: float = Field(default=0.5, ge=0.0, le=1.0, description="Grows with independent sources.")
    merged_into: str | None = Field(default=None, description="Set on the final record of an absorbed incident.")
    closed: bool = Field(default=False, description="Quiet for the configured period; left the live tables.")
