"""Topic names: the one module that knows them.

Every name gets ``Settings.topic_prefix`` in front so that several deployments (or tests) can share
one cluster. Keys are article ids everywhere except ``strikes.events`` and ``strikes.alerts``
(event ids) and ``strikes.incidents`` (incident ids; compacted: the last state of each incident stays).
"""

from __future__ import annotations

from dataclasses import dataclass

RAW = "articles.raw"
CLEAN = "articles.clean"
ENTITIES = "articles.entities"
ENRICHED = "articles.enriched"
EVENTS = "strikes.events"
ALERTS = "strikes.alerts"
INCIDENTS = "strikes.incidents"
DEADLETTER = "articles.deadletter"

ALL = (RAW, CLEAN, ENTITIES, ENRICHED, EVENTS, ALERTS, INCIDENTS, DEADLETTER)
#: Topics created with ``cleanup.policy=compact``: their value per key is a full current state.
COMPACTED = (INCIDENTS,)


@dataclass(frozen=True)
class TopicNames:
    """Resolved (prefixed) topic names of one deployment."""

    prefix: str = ""

    def name(self, base: str) -> str:
        if base not in ALL:
            raise KeyError(f"unknown topic {base!r}; known: {', '.join(ALL)}")
        return f"{self.prefix}{base}"

    @property
    def raw(self) -> str:
        return self.name(RAW)

    @property
    def clean(self) -> str:
        return self.name(CLEAN)

    @property
    def entities(self) -> str:
        return self.name(ENTITIES)

    @property
    def enriched(self) -> str:
        return self.name(ENRICHED)

    @property
    def events(self) -> str:
        return self.name(EVENTS)

    @property
    def alerts(self) -> str:
        return self.name(ALERTS)

    @property
    def incidents(self) -> str:
        return self.name(INCIDENTS)

    @property
    def deadletter(self) -> str:
        return self.name(DEADLETTER)

    def all(self) -> list[str]:
        return [self.name(t) for t in ALL]

    def resolve(self, name: str) -> str:
        """Accept a base name ('articles.raw') or an already prefixed one."""
        if name in ALL:
            return self.name(name)
        if self.prefix and name.startswith(self.prefix) and name[len(self.prefix):] in ALL:
            return name
        raise KeyError(f"unknown topic {name!r}; known: {', '.join(ALL)}")
