"""The place-role experiment (train/place_roles.py): its features read the right things off a real article, and
its cross-validation keeps the threshold it chose on the training files away from the file it scores."""

from __future__ import annotations

import numpy as np

from schemas import CleanArticle
from streams.detect.report import judged_events
from train.place_roles import FEATURES, Article, _best_threshold, _counts, candidate_features, cross_validate

_TEXT = (
    "KYIV, March 3 - Russian drones struck an apartment block in Sumy overnight, killing three people, the "
    "regional governor said. The drones were launched from Russia's Kursk region, the air force said."
)


def _features(entity_stage: object) -> dict[str, dict[str, float]]:
    article = CleanArticle(id="pr-1", text=_TEXT, published="2026-03-03")
    (ea,) = entity_stage([article])  # type: ignore[operator]
    view, infos, _, events = judged_events(ea)
    return {code: dict(zip(FEATURES, x, strict=True)) for code, x in candidate_features(view, infos, events).items()}


def test_features_of_a_target_province_and_not_of_the_launch_region(entity_stage: object) -> None:
    feats = _features(entity_stage)
    assert set(feats) == {"UA-59"}  # Sumy; the Kursk launch region and the Kyiv dateline are no candidates
    sumy = feats["UA-59"]
    assert sumy["target_current"] == 1.0 and sumy["rules_first"] == 1.0
    assert sumy["competitors"] == 0.0 and sumy["dateline"] == 0.0


def _article(source: str, gold: set[str], codes: list[str], xs: list[float]) -> Article:
    return Article(source, f"{source}-{len(codes)}", gold, codes, [[x, 1.0 - x] for x in xs])


def test_a_threshold_drops_only_what_scores_under_it() -> None:
    arts = [_article("a", {"SY-HL"}, ["SY-HL", "SY-ID"], [0.9, 0.1])]
    probs = [np.array([0.9, 0.1])]
    assert _counts(arts, None, 0.0) == (1, 1, 0)  # rules alone keep both
    assert _counts(arts, probs, 0.5) == (1, 0, 0)
    assert _best_threshold(arts, probs) > 0.1


def test_cross_validation_learns_a_separable_role_on_files_it_did_not_see() -> None:
    # in every file, the province with feature 1.0 was hit and the one with 0.0 only named
    arts = [_article(s, {"A-1"}, ["A-1", "B-2"], [1.0, 0.0]) for s in "abcdefgh" for _ in range(5)]
    lines, per = cross_validate(arts)
    assert lines[-1].startswith("TOTAL")
    assert all(counts == (5, 0, 0) for _, counts in per.values())  # the named-only province dropped everywhere
