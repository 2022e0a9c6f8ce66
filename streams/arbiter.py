"""The final strike decision per sentence: the trained classifier and the rules, weighed by a learned model.

Why: the rules (``streams.detect.sentences.classify``) are precise on copy like what they were written for and blind to
other styles ("Near Raqqa, two strikes destroyed ..."); the sentence classifier generalises but has no notion
of the gazetteers or of what "the strike" refers back to. Neither decides alone. A logistic model over the
classifier's four probabilities and the rules' verdict, fitted on out-of-fold predictions
(``train/calibrate.py``, coefficients in ``streams/models/arbiter.json``), gives for each sentence the
probability that it reports a current air/drone strike. That probability is calibrated (its expected
calibration error is reported in docs/model.md), so it is also each event's ``confidence``.

A sentence the rules took for a strike and the arbiter does not is demoted (to other violence when the
classifier says so, else to background); a sentence the rules missed and the arbiter accepts is promoted.
Continuations ("the strike hit ...") keep the rules' reading: their meaning comes from the sentence before.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from schemas import SentenceScores

__all__ = ["Arbiter", "RuleVerdict", "features", "load_arbiter", "DEFAULT_PATH"]

DEFAULT_PATH = Path(__file__).resolve().parent / "models" / "arbiter.json"
FEATURES = (
    "logit_strike", "logit_background", "logit_other", "rule_current", "rule_background", "rule_other",
    "rule_strength",
)
#: Probabilities are read as logits clipped to +-LOGIT_CAP: a bag-of-words model far from its training data says
#: 0.9999994 as easily as 0.99, and the arbiter must not let one such score outvote everything else.
LOGIT_CAP = 5.0


@dataclass(frozen=True)
class RuleVerdict:
    """What the rules said of one sentence."""

    strike: bool = False
    current: bool = False
    other: bool = False
    strength: float = 0.0


def _logit(p: float) -> float:
    if p <= 0.0:
        return -LOGIT_CAP
    if p >= 1.0:
        return LOGIT_CAP
    return max(-LOGIT_CAP, min(LOGIT_CAP, math.log(p / (1 - p))))


def features(scores: SentenceScores, rule: RuleVerdict) -> list[float]:
    """The arbiter's inputs, in the order of ``FEATURES``."""
    return [
        _logit(scores.strike),
        _logit(scores.background),
        _logit(scores.other),
        float(rule.strike and rule.current),
        float(rule.strike and not rule.current),
        float(rule.other),
        rule.strength if rule.strike else 0.0,
    ]


@dataclass(frozen=True)
class Arbiter:
    """A logistic model: p(current strike) = sigmoid(bias + weights . features)."""

    bias: float
    weights: tuple[float, ...]
    threshold: float = 0.5

    def probability(self, scores: SentenceScores, rule: RuleVerdict) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, features(scores, rule), strict=True))
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        e = math.exp(z)
        return e / (1.0 + e)

    def probabilities(self, scores: Sequence[SentenceScores], rules: Sequence[RuleVerdict]) -> list[float]:
        return [self.probability(s, r) for s, r in zip(scores, rules, strict=True)]


@lru_cache(maxsize=4)
def load_arbiter(path: Path = DEFAULT_PATH) -> Arbiter:
    """The fitted arbiter shipped with the model (read once per process, not at import)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if list(data["features"]) != list(FEATURES):
        raise RuntimeError(f"{path}: features {data['features']} do not match this code's {FEATURES}")
    return Arbiter(bias=float(data["bias"]), weights=tuple(float(w) for w in data["weights"]),
                   threshold=float(data.get("threshold", 0.5)))
