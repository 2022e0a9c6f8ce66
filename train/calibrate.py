"""Fit the arbiter (streams/models/arbiter.json) on out-of-fold classifier scores and the rules' verdicts.

``python -m train.calibrate --oof train/out/bow/oof.jsonl`` (run by ``make train`` after the cross-validation):
for every training example it takes the classifier's out-of-fold probabilities (the model that scored it never
saw its source), runs the rule engine on the example's text for the rules' verdict, and fits a logistic
regression (Newton's method, small L2) of "is a current strike" on the features of ``streams.arbiter``.
The dev articles' sentences are left out of the fit: their labels came from the rules themselves.

It prints the fit's expected calibration error and the decision's accuracy per held-out source, next to the
rules alone and the classifier alone.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import defaultdict
from pathlib import Path

import numpy as np

from schemas import CleanArticle, RawArticle, SentenceScores
from streams.arbiter import DEFAULT_PATH, FEATURES, RuleVerdict, features
from train.train import REPO, load, sha256

CIRCULAR = {"articles"}  # labelled by the rules: fitting on them would teach the arbiter to trust the rules


def rule_verdicts(texts: list[str], published: list[str | None]) -> list[RuleVerdict]:
    from streams.detect import ArticleView, SentenceKind, classify
    from streams.pipeline import Extractor
    from streams.settings import Settings

    extractor = Extractor.build(Settings())
    out: list[RuleVerdict] = []
    step = 256
    for i in range(0, len(texts), step):
        chunk = texts[i : i + step]
        raws = [RawArticle(id=hashlib.sha1(t.encode(), usedforsecurity=False).hexdigest()[:16], text=t, published=d)
                for t, d in zip(chunk, published[i : i + step], strict=True)]
        cleaned = [extractor.clean_one(r) for r in raws]
        ok = [c for c in cleaned if isinstance(c, CleanArticle)]
        eas = iter(extractor.entity_stage(ok))
        for c in cleaned:
            if not isinstance(c, CleanArticle):
                out.append(RuleVerdict())
                continue
            ea = next(eas)
            if not ea.gate_passed:
                out.append(RuleVerdict())
                continue
            infos = classify(ArticleView.build(ea))
            strikes = [x for x in infos if x.kind == SentenceKind.STRIKE and not x.continuation]
            out.append(RuleVerdict(
                strike=bool(strikes),
                current=any(x.current for x in strikes),
                other=any(x.kind == SentenceKind.OTHER for x in infos),
                strength=max((x.strength for x in strikes), default=0.0),
            ))
    return out


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0, iters: int = 50) -> np.ndarray:
    """Weights (bias first) of an L2-regularised logistic regression, by Newton's method."""
    xb = np.hstack([np.ones((x.shape[0], 1)), x])
    w = np.zeros(xb.shape[1])
    reg = np.eye(xb.shape[1]) * l2
    reg[0, 0] = 0.0
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-(xb @ w)))
        grad = xb.T @ (p - y) + reg @ w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + reg
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def ece(p: np.ndarray, y: np.ndarray) -> float:
    """Expected calibration error, as ``make eval`` reports it (``bench.calibration.ece``)."""
    from bench.calibration import ece as ece_pairs

    return ece_pairs([(float(a), bool(b)) for a, b in zip(p, y, strict=True)])[0]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--oof", type=Path, nargs="+", default=[REPO / "train" / "out" / "bow" / "oof-kfold.jsonl"],
                    help="out-of-fold score files; several are stacked (every example once per file)")
    ap.add_argument("--out", type=Path, default=DEFAULT_PATH)
    args = ap.parse_args(argv)
    rows = [json.loads(x) for path in args.oof for x in path.read_text(encoding="utf-8").split("\n") if x.strip()]
    dates = {e["id"]: e.get("published") for e in load(REPO / "train" / "data" / "examples.jsonl")}
    unique = list(dict.fromkeys(r["id"] for r in rows))  # a stacked example's rules verdict is computed once
    text_of = {r["id"]: r["text"] for r in rows}
    by_id = dict(zip(unique, rule_verdicts([text_of[i] for i in unique], [dates.get(i) for i in unique]), strict=True))
    verdicts = [by_id[r["id"]] for r in rows]
    scores = [SentenceScores(strike=r["cats"]["STRIKE"], background=r["cats"]["BACKGROUND"],
                             other=r["cats"]["OTHER"], none=r["cats"]["NONE"]) for r in rows]
    x = np.array([features(s, v) for s, v in zip(scores, verdicts, strict=True)])
    y = np.array([float(r["label"] == "STRIKE") for r in rows])
    fit_mask = np.array([r["group"] not in CIRCULAR for r in rows])
    w = fit_logistic(x[fit_mask], y[fit_mask])
    p = 1.0 / (1.0 + np.exp(-(np.hstack([np.ones((len(x), 1)), x]) @ w)))
    print(f"arbiter fitted on {int(fit_mask.sum())} out-of-fold examples; ECE (fit rows) "
          f"{ece(p[fit_mask], y[fit_mask]):.3f}")
    print(f"{'held-out group':18} {'n':>5} {'rules acc':>9} {'model acc':>9} {'arbiter acc':>11} "
          f"{'arb P':>6} {'arb R':>6}")
    groups: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        groups[r["group"]].append(i)
    for g, idx in sorted(groups.items()) + [("ALL", list(range(len(rows))))]:
        ii = np.array(idx)
        rules = np.array([verdicts[i].strike and verdicts[i].current for i in idx], dtype=float)
        model = np.array([max(rows[i]["cats"], key=rows[i]["cats"].get) == "STRIKE" for i in idx], dtype=float)
        arb = (p[ii] >= 0.5).astype(float)
        yy = y[ii]
        tp = float((arb * yy).sum())
        prec = tp / arb.sum() if arb.sum() else float("nan")
        rec = tp / yy.sum() if yy.sum() else float("nan")
        print(f"{g:18} {len(idx):5d} {(rules == yy).mean():9.3f} {(model == yy).mean():9.3f} "
              f"{(arb == yy).mean():11.3f} {prec:6.3f} {rec:6.3f}")
    cfg = REPO / "train" / "configs" / (args.oof[0].parent.name + ".cfg")
    oofs = [str(o.relative_to(REPO)) if o.is_relative_to(REPO) else str(o) for o in args.oof]
    args.out.write_text(json.dumps({
        "features": list(FEATURES),
        "bias": round(float(w[0]), 6),
        "weights": [round(float(v), 6) for v in w[1:]],
        "threshold": 0.5,
        "fitted_on": {"oof": oofs[0] if len(oofs) == 1 else oofs,
                      "rows": int(fit_mask.sum()), "config": str(cfg.relative_to(REPO)),
                      "config_sha256": sha256(cfg),
                      "data_sha256": sha256(REPO / "train" / "data" / "examples.jsonl")},
    }, indent=2) + "\n")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
