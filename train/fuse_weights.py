"""An experiment, kept with its report: fit the incident matcher's weights instead of writing them by hand.

Why: ``streams.fuse_match.similarity`` is a weighted sum of seventeen parts (same province, other towns, same
actor, shared distinctive words, ...) whose weights were written by hand and tuned on the read incident sets.
On incident sets nobody tuned on, fusion misses its targets (fragmentation 1.14-1.31 against 1.10, toll range
0.54-0.69 against 0.85). Fitted weights might hold better. ``python -m train.fuse_weights`` (run by
``make train``) finds out:

- It runs the service over each incident set (articles in ``published`` order, as ``strikewire extract
  --incidents-out`` does) and replays the reports against the *gold* incidents: each report is compared with
  every incident of its partition built so far from the reports gold puts in it (teacher forcing), and the pair is
  labelled by whether gold puts the report in that incident. A logistic regression
  (``train.calibrate.fit_logistic``) over the parts gives the weights; the fuser's threshold is minus the bias,
  shifted to where the fuser scores best on the sets the weights were fitted on.
- Leave one read set out: the weights fitted on the others fuse the held-out set, scored by
  ``../shared/eval/score_incidents.py`` beside the hand weights.
- The weights fitted on every read set fuse the incident sets kept untuned (their aggregates only; their errors
  are not printed), beside the hand weights.

The report goes to train/reports/fuse_weights.txt. The fuser ships the hand weights unless the fitted ones do
better on the held-out and the untuned sets (see docs/model.md).
"""

from __future__ import annotations

import argparse
import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import orjson

from train.build_data import KEPT_UNTUNED, REPO, unscored
from train.calibrate import fit_logistic

SHARED = REPO.parent / "shared" / "eval"
REPORT = REPO / "train" / "reports" / "fuse_weights.txt"
L2 = 1.0
SHIFTS = tuple(0.25 * i for i in range(-4, 9))


@dataclass
class IncidentSet:
    name: str
    gold: list[dict[str, Any]]
    gold_incidents: list[dict[str, Any]]
    reports: list[Any]  # ArticleReport, in published order, no incident ids yet
    replayed: tuple[list[list[float]], list[float]] | None = None  # ``pairs`` of the set, once computed


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_incidents", SHARED / "score_incidents.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def incident_sets() -> tuple[list[Path], list[Path]]:
    """(read sets, sets kept untuned and already scored); sets not yet scored are left out."""
    cases = REPO / "bench" / "cases"
    skip = unscored(cases)
    read, untuned = [SHARED / "dev" / "incidents-dev.jsonl"], []
    for path in sorted(cases.glob("own-incidents*.jsonl")):
        if path.stem in skip:
            continue
        base = path.stem.rsplit("-", 3)[0]
        (untuned if base in KEPT_UNTUNED else read).append(path)
    return read, untuned


def load(paths: Sequence[Path]) -> list[IncidentSet]:
    from schemas import ArticleReport
    from streams.pipeline import Extractor
    from streams.readers import from_mapping
    from streams.settings import Settings

    extractor = Extractor.build(Settings())
    out = []
    for path in paths:
        gold = [orjson.loads(x) for x in path.read_bytes().splitlines() if x.strip()]
        inc_path = path.with_name(path.stem + ".incidents.ndjson")
        gold_inc = [orjson.loads(x) for x in inc_path.read_bytes().splitlines() if x.strip()]
        raws = sorted((from_mapping(r) for r in gold), key=lambda a: a.published or "")
        reports = [r for r in extractor.run(raws) if isinstance(r, ArticleReport)]
        out.append(IncidentSet(path.stem, gold, gold_inc, reports))
    return out


def _gold_of(event: Any, golds: list[str], gold_inc: dict[str, dict[str, Any]]) -> str | None:
    """The gold incident of one event: the article's only one, or the one whose provinces it shares."""
    if len(golds) == 1:
        return golds[0]
    codes = {p.code for p in event.provinces}
    hits = [g for g in golds if codes & set(gold_inc.get(g, {}).get("provinces") or [])]
    return hits[0] if len(hits) == 1 else None


def pairs(s: IncidentSet) -> tuple[list[list[float]], list[float]]:
    """(parts, label) of every report against every incident gold had built before it (same partition)."""
    from streams.fuse import absorb, partition_key
    from streams.fuse_match import event_features, incident_features, similarity_parts

    by_article = {r["id"]: list(r["gold"].get("incidents") or []) for r in s.gold}
    gold_inc = {g["incident_id"]: g for g in s.gold_incidents}
    built: dict[str, dict[str, Any]] = {}  # partition -> gold id -> Incident
    xs: list[list[float]] = []
    ys: list[float] = []
    for report in s.reports:
        for event in report.events:
            key = partition_key(event)
            feats = event_features(event)
            target = _gold_of(event, by_article.get(report.article_id, []), gold_inc)
            here = built.setdefault(key, {})
            for gid, inc in here.items():
                parts = similarity_parts(feats, incident_features(inc))
                if parts is not None:
                    xs.append(parts)
                    ys.append(float(gid == target))
            if target is not None:
                here[target] = absorb(here.get(target), event, feats, event.published)
    return xs, ys


def fit(sets: Sequence[IncidentSet], scorer: ModuleType) -> tuple[tuple[float, ...], float]:
    """(weights, threshold) fitted on these sets: the weights on their pairs, then the threshold (minus the bias,
    shifted by up to -1 .. +2) where the fuser scores best on the same sets (mean link F1, less 0.02 for each
    gold incident merged with another): pair log-loss alone does not say where to cut."""
    xs: list[list[float]] = []
    ys: list[float] = []
    for s in sets:
        if s.replayed is None:  # every fold fits on most sets: replay each once
            s.replayed = pairs(s)
        xs += s.replayed[0]
        ys += s.replayed[1]
    w = fit_logistic(np.array(xs), np.array(ys), l2=L2)
    weights = tuple(round(float(v), 4) for v in w[1:])
    best: tuple[float, float] | None = None
    for shift in SHIFTS:
        threshold = round(float(-w[0]) + shift, 4)
        results = [evaluate(s, scorer, weights, threshold) for s in sets]
        value = float(np.mean([r["pairwise"]["f1"] or 0.0 for r in results]))
        value -= 0.02 * sum(r["merged_gold_incidents"] for r in results)
        if best is None or value > best[0]:
            best = (value, threshold)
    assert best is not None
    return weights, best[1]


def evaluate(s: IncidentSet, scorer: ModuleType, weights: tuple[float, ...] | None = None,
                      threshold: float = 0.0) -> dict[str, Any]:
    from streams.fuse import FuseConfig, fuse_reports

    config = FuseConfig() if weights is None else FuseConfig(threshold=threshold, weights=weights)
    fused, incidents = fuse_reports(s.reports, config)
    pred = [orjson.loads(r.model_dump_json()) for r in fused]
    pred_inc = [orjson.loads(i.model_dump_json()) for i in incidents]
    result: dict[str, Any] = scorer.score(s.gold, pred, pred_inc, s.gold_incidents)
    return result


def _mean(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Means of the figures ``_row`` prints; merged gold incidents are summed."""
    def avg(values: list[float | None]) -> float | None:
        got = [v for v in values if v is not None]
        return sum(got) / len(got) if got else None

    return {
        "pairwise": {"f1": avg([r["pairwise"]["f1"] for r in results])},
        "fragmentation": avg([r["fragmentation"] for r in results]),
        "merged_gold_incidents": sum(r["merged_gold_incidents"] for r in results),
        "toll": {"range_exact": avg([r.get("toll", {}).get("range_exact") for r in results])},
    }


def _row(name: str, r: dict[str, Any]) -> str:
    f1 = r["pairwise"]["f1"]
    frag = r["fragmentation"]
    toll = r.get("toll", {}).get("range_exact")
    return (f"{name:30s} link F1 {f1 if f1 is None else f'{f1:.3f}':>5}  frag "
            f"{frag if frag is None else f'{frag:.3f}':>5}  merged {r['merged_gold_incidents']}  toll "
            f"{toll if toll is None else f'{toll:.3f}':>5}")


def main(argv: list[str] | None = None) -> int:
    from streams.fuse_match import HAND_WEIGHTS, SIMILARITY_PARTS

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--report", type=Path, default=REPORT)
    args = ap.parse_args(argv)
    scorer = _scorer()
    read_paths, untuned_paths = incident_sets()
    read, untuned = load(read_paths), load(untuned_paths)
    lines = ["fitted incident-matcher weights against the hand weights (streams.fuse_match.HAND_WEIGHTS)",
             "leave one read set out (weights fitted on the other read sets):"]
    hand, fitted = [], []
    for s in read:
        weights, threshold = fit([o for o in read if o is not s], scorer)
        hand.append(evaluate(s, scorer))
        fitted.append(evaluate(s, scorer, weights, threshold))
        lines.append("  hand   " + _row(s.name, hand[-1]))
        lines.append("  fitted " + _row(s.name, fitted[-1]))
    lines += ["  hand   " + _row("mean", _mean(hand)), "  fitted " + _row("mean", _mean(fitted))]
    weights, threshold = fit(read, scorer)
    lines.append("sets kept untuned (aggregates only), weights fitted on every read set:")
    hand, fitted = [], []
    for s in untuned:
        hand.append(evaluate(s, scorer))
        fitted.append(evaluate(s, scorer, weights, threshold))
        lines.append("  hand   " + _row(s.name, hand[-1]))
        lines.append("  fitted " + _row(s.name, fitted[-1]))
    lines += ["  hand   " + _row("mean", _mean(hand)), "  fitted " + _row("mean", _mean(fitted))]
    lines.append(f"fitted on every read set: threshold {threshold:+.2f}; weights (hand in brackets): " + ", ".join(
        f"{n} {w:+.2f} [{h:+.1f}]" for n, w, h in zip(SIMILARITY_PARTS, weights, HAND_WEIGHTS, strict=True)))
    text = "\n".join(lines) + "\n"
    args.report.write_text(text)
    print(text, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
