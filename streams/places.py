"""Access to the geography layer (``streams.geo``) for the entity stage and detection.

Why a wrapper: the place component and detection only need ``find`` / ``country_of`` / ``admin1_name``, and
going through one cached function keeps the dependency (and its one-off data load) in one place.
"""

from __future__ import annotations

from functools import cache

from streams.geo import Gazetteer


@cache
def load_gazetteer() -> Gazetteer:
    """The geo gazetteer, loaded once per process on first use."""
    return Gazetteer.load()
