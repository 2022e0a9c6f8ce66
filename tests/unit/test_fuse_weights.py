"""The matcher's weights are data: ``similarity`` is the hand weights times its parts, the fuser takes other
weights from its config, and the experiment that fits them (train/fuse_weights.py) labels reports by gold."""

from __future__ import annotations

from streams.fuse import FuseConfig, Fuser
from streams.fuse_match import HAND_WEIGHTS, SIMILARITY_PARTS, event_features, similarity, similarity_parts
from tests.unit.fuse_events import make_event
from train.fuse_weights import _gold_of

A = make_event(
    "w1", "Russian drones hit an apartment building in Kharkiv before dawn, killing three people.",
    published="2026-01-07T03:05:00Z", source="Wire A", provinces=("UA-63",), killed=((3, "Kharkiv's mayor"),),
    event_date="2026-01-07", targets=("apartment building",),
)
B = make_event(
    "w2", "Russian drones slammed into an apartment building in Kharkiv before dawn, killing four.",
    published="2026-01-07T08:40:00Z", source="Wire B", provinces=("UA-63",), killed=((4, "the governor"),),
    event_date="2026-01-07", targets=("apartment building",),
)


def test_similarity_is_the_hand_weights_times_its_parts() -> None:
    a, b = event_features(A), event_features(B)
    parts = similarity_parts(a, b)
    assert parts is not None and len(parts) == len(SIMILARITY_PARTS) == len(HAND_WEIGHTS)
    named = dict(zip(SIMILARITY_PARTS, parts, strict=True))
    assert named["province_match"] == 1.0 and named["province_mismatch"] == 0.0
    assert named["same_exact_date"] == 1.0 and 0.0 < named["shared_terms"] <= 1.0
    assert similarity(a, b) == sum(w * v for w, v in zip(HAND_WEIGHTS, parts, strict=True))


def test_the_fuser_weighs_with_the_weights_of_its_config() -> None:
    hand = Fuser()
    assert hand.add(A).incident_id == hand.add(B).incident_id
    # nothing counts for a match: the two reports stay two incidents
    blind = Fuser(FuseConfig(weights=tuple(0.0 for _ in HAND_WEIGHTS), threshold=1.0))
    assert blind.add(A).incident_id != blind.add(B).incident_id


def test_an_event_of_a_roundup_takes_the_gold_incident_of_its_province() -> None:
    gold = {"i1": {"provinces": ["UA-63"]}, "i2": {"provinces": ["UA-12"]}}
    assert _gold_of(A, ["i2", "i1"], gold) == "i1"
    assert _gold_of(A, ["i2"], gold) == "i2"  # an article of one incident: every event is of it
    assert _gold_of(A, ["i2", "i3"], gold) is None
