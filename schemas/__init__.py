"""Wire contracts of strikewire: every message on every topic is one of these models.

Kept free of any import from ``streams`` or ``agents`` so that consumers (dashboards, other
services) can depend on the contract alone.
"""

from schemas.alerts import SEVERITIES, Alert, Severity, alert_id_for
from schemas.articles import (
    SCHEMA_VERSION,
    Aircraft,
    ArticleReport,
    Base,
    Casualty,
    CleanArticle,
    DeadLetter,
    EntityArticle,
    EntitySpan,
    Evidence,
    Place,
    Province,
    RawArticle,
    SentenceScores,
    StrikeEvent,
)
from schemas.incidents import ClaimHistory, ClaimPoint, Incident

__all__ = [
    "SCHEMA_VERSION",
    "SEVERITIES",
    "Aircraft",
    "Alert",
    "ArticleReport",
    "Base",
    "Casualty",
    "ClaimHistory",
    "ClaimPoint",
    "CleanArticle",
    "DeadLetter",
    "EntityArticle",
    "EntitySpan",
    "SentenceScores",
    "Evidence",
    "Incident",
    "Place",
    "Province",
    "RawArticle",
    "Severity",
    "StrikeEvent",
    "alert_id_for",
]
