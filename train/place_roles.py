"""An experiment, kept with its report: learned place roles (which provinces an article names were hit).

Why: on copy nobody tuned on, the rules keep places that were only named (provinces precision 0.75-0.84 in long
wire and translated copy, recall near 1). Issue 11 asks for place roles "learned or rule-plus-model, measured by
the provinces F1". ``python -m train.place_roles`` (run by ``make train``) tries the rule-plus-model form: for
every strike article of the read dev and case files (``../shared/eval/dev`` and ``bench/cases`` minus the sets
kept untuned or not yet scored) it runs the service up to its events, takes features of every province an event
has (below: is it a target reading in a current strike sentence, how often and where it is named, in what kinds
of sentence, how many provinces compete, ...) and labels each by the article's gold provinces. A logistic
regression (``train.calibrate.fit_logistic``) may then drop provinces under a threshold.

It is measured by leave-one-file-out cross-validation, with the threshold chosen by an inner leave-one-file-out
on the training files, so no figure sees its held-out file. The report (train/reports/place_roles.txt) gives
provinces tp/fp/fn per held-out file for the rules alone and for rules plus model. **Result (session 15): no
gain** (F1 0.945 -> 0.946 over 35 files, and the seed falls from 1.000 to 0.400); the files the rules were read
on leave too few wrong provinces (75 of 1,334 candidates) to learn from. So no model ships and the rules decide
alone; the script stays so the experiment can be repeated when there is more such data.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import orjson

from streams.detect.grouping import Event
from streams.detect.kinds import SentenceInfo, SentenceKind
from streams.detect.places import is_capital, place_candidates
from streams.detect.view import ArticleView, country_of
from train.build_data import REPO, case_files
from train.calibrate import fit_logistic

SHARED = REPO.parent / "shared" / "eval" / "dev"
SHARED_FILES = ("acled-2022h1", "challenge-dev", "seed", "incidents-dev")
OUT = REPO / "train" / "out" / "place_roles.json"
REPORT = REPO / "train" / "reports" / "place_roles.txt"
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(1, 13))  # 0.05 .. 0.60
L2 = 1.0


PLACE_LABELS = ("ADMIN1", "CITY", "DISTRICT")
FEATURES = (
    "rules_current",  # a current event of the rules has it
    "rules_first",  # the first current event has it
    "rules_events",  # log(1 + events that have it)
    "mentions",  # log(1 + times the article names a place of it)
    "first_position",  # where it is first named, 0 = start of the text, 1 = end
    "lede",  # named in the first sentence
    "target_current",  # a target reading in a current strike sentence
    "target_other",  # a target reading only in another sentence
    "in_current",  # named (any reading) in a current strike sentence
    "in_background",  # named in a strike sentence that is not current (earlier, hypothetical, denied)
    "in_other",  # named in a sentence of other violence
    "admin1",  # named as a province, not only through a town
    "country_share",  # share of the article's place mentions in its country
    "country_named",  # the article names its country
    "competitors",  # log(1 + other provinces the rules kept)
    "sentences",  # log(1 + sentences in the article)
    "speaker",  # a local speaker of an event stands for it ("the Kherson regional administration said")
    "dateline",  # named in the dateline
    "capital",  # named through a capital city
    "target_share",  # share of its mentions that are target readings
)


@dataclass
class _Tally:
    mentions: int = 0
    first: int = -1
    lede: bool = False
    target_current: bool = False
    target_other: bool = False
    in_current: bool = False
    in_background: bool = False
    in_other: bool = False
    admin1: bool = False
    dateline: bool = False
    capital: bool = False
    targets: int = 0


def _tally(view: ArticleView, infos: Sequence[SentenceInfo]) -> dict[str, _Tally]:
    out: dict[str, _Tally] = {}
    for idx, info in enumerate(infos):
        targets = {(c.start, c.end) for c in place_candidates(view, idx)}
        strike = info.kind == SentenceKind.STRIKE
        for ent in view.ents(idx, *PLACE_LABELS):
            if not ent.codes:
                continue
            t = out.setdefault(ent.codes[0], _Tally())
            t.mentions += 1
            if t.first < 0:
                t.first = ent.start
            t.lede |= idx == 0
            target = (ent.start, ent.end) in targets
            t.targets += target
            t.target_current |= target and strike and info.current
            t.target_other |= target and not (strike and info.current)
            t.in_current |= strike and info.current
            t.in_background |= strike and not info.current
            t.in_other |= info.kind == SentenceKind.OTHER
            t.admin1 |= ent.label == "ADMIN1"
            t.dateline |= ent.start < view.dateline_end
            t.capital |= ent.label == "CITY" and is_capital(ent.text)
    return out


def candidate_features(
    view: ArticleView, infos: Sequence[SentenceInfo], events: Sequence[Event]
) -> dict[str, list[float]]:
    """Features (in the order of ``FEATURES``) of every province some event of the article has."""
    tallies = _tally(view, infos)
    kept = {c for e in events for c in e.provinces}
    current = [e for e in events if e.current]
    first = set(current[0].provinces) if current else set()
    speakers = {c for e in events for c in e.speaker_provinces}
    by_country: dict[str, int] = {}
    for code, t in tallies.items():
        by_country[country_of(code)] = by_country.get(country_of(code), 0) + t.mentions
    total = sum(by_country.values()) or 1
    length = max(1, len(view.text))
    out: dict[str, list[float]] = {}
    for code in sorted(kept):
        t = tallies.get(code, _Tally())
        cc = country_of(code)
        out[code] = [
            float(any(code in e.provinces for e in current)),
            float(code in first),
            math.log1p(sum(code in e.provinces for e in events)),
            math.log1p(t.mentions),
            (t.first / length) if t.first >= 0 else 1.0,
            float(t.lede),
            float(t.target_current),
            float(t.target_other and not t.target_current),
            float(t.in_current),
            float(t.in_background),
            float(t.in_other),
            float(t.admin1),
            by_country.get(cc, 0) / total,
            float(cc in view.countries_named),
            math.log1p(len(kept) - 1),
            math.log1p(len(view.sentences)),
            float(code in speakers),
            float(t.dateline),
            float(t.capital),
            (t.targets / t.mentions) if t.mentions else 0.0,
        ]
    return out


@dataclass
class Article:
    source: str
    article_id: str
    gold: set[str]
    codes: list[str]  # provinces the rules' events have
    x: list[list[float]]


def _norm(code: str) -> str:
    return code.strip().upper()


def collect(paths: list[Path]) -> list[Article]:
    """Every gold strike article with gold provinces, run through the service up to its events."""
    from schemas import CleanArticle
    from streams.detect.report import judged_events
    from streams.pipeline import Extractor
    from streams.readers import from_mapping
    from streams.settings import Settings

    extractor = Extractor.build(Settings())
    out: list[Article] = []
    for path in paths:
        records = [orjson.loads(line) for line in path.read_bytes().splitlines() if line.strip()]
        records = [r for r in records if r["gold"]["is_strike"] and r["gold"].get("provinces") is not None]
        cleaned = [extractor.clean_one(from_mapping(r)) for r in records]
        ok = [c for c in cleaned if isinstance(c, CleanArticle)]
        eas = iter(extractor.entity_stage(ok))
        name = path.stem
        for r, c in zip(records, cleaned, strict=True):
            gold = {_norm(g) for g in r["gold"]["provinces"]}
            codes: list[str] = []
            x: list[list[float]] = []
            if isinstance(c, CleanArticle):
                ea = next(eas)
                if ea.gate_passed:
                    view, infos, _, events = judged_events(ea)
                    feats = candidate_features(view, infos, events)
                    codes = list(feats)
                    x = list(feats.values())
            out.append(Article(name, r["id"], gold, codes, x))
    return out


def _matrix(arts: list[Article]) -> tuple[np.ndarray, np.ndarray]:
    xs = [row for a in arts for row in a.x]
    ys = [float(c in a.gold) for a in arts for c in a.codes]
    return np.array(xs, dtype=float).reshape(len(xs), -1), np.array(ys)


def _predict(w: np.ndarray, arts: list[Article]) -> list[np.ndarray]:
    return [1.0 / (1.0 + np.exp(-(w[0] + np.array(a.x) @ w[1:]))) if a.x else np.zeros(0) for a in arts]


def _counts(arts: list[Article], probs: list[np.ndarray] | None, t: float) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for i, a in enumerate(arts):
        kept = {c for j, c in enumerate(a.codes) if probs is None or probs[i][j] >= t}
        tp += len(kept & a.gold)
        fp += len(kept - a.gold)
        fn += len(a.gold - kept)
    return tp, fp, fn


def _f1(c: tuple[int, int, int]) -> float:
    tp, fp, fn = c
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _best_threshold(arts: list[Article], probs: list[np.ndarray]) -> float:
    """The threshold of highest F1; among ties (within one true positive's worth), the lowest (drops least)."""
    scores = {t: _f1(_counts(arts, probs, t)) for t in THRESHOLDS}
    best = max(scores.values())
    return min(t for t, s in scores.items() if s >= best - 1e-9)


def _oof(arts: list[Article], sources: list[str]) -> list[np.ndarray]:
    """Out-of-fold probabilities: each source's articles scored by a model fitted on the other sources."""
    probs: list[np.ndarray] = [np.zeros(0)] * len(arts)
    for s in sources:
        train = [a for a in arts if a.source != s]
        w = fit_logistic(*_matrix(train), l2=L2)
        for i, a in enumerate(arts):
            if a.source == s:
                probs[i] = _predict(w, [a])[0]
    return probs


def cross_validate(arts: list[Article]) -> tuple[list[str], dict[str, tuple[float, tuple[int, int, int]]]]:
    """Leave one file out, with the threshold chosen by an inner leave-one-file-out on the training files."""
    sources = sorted({a.source for a in arts})
    lines = []
    per: dict[str, tuple[float, tuple[int, int, int]]] = {}
    tot_r = [0, 0, 0]
    tot_m = [0, 0, 0]
    for s in sources:
        train = [a for a in arts if a.source != s]
        test = [a for a in arts if a.source == s]
        t = _best_threshold(train, _oof(train, sorted({a.source for a in train})))
        w = fit_logistic(*_matrix(train), l2=L2)
        rules = _counts(test, None, 0.0)
        model = _counts(test, _predict(w, test), t)
        per[s] = (t, model)
        for k in range(3):
            tot_r[k] += rules[k]
            tot_m[k] += model[k]
        lines.append(f"{s:34s} t={t:.2f}  rules tp {rules[0]:4d} fp {rules[1]:3d} fn {rules[2]:3d} F1 {_f1(rules):.3f}"
                     f"  | model tp {model[0]:4d} fp {model[1]:3d} fn {model[2]:3d} F1 {_f1(model):.3f}")
    r, m = (tot_r[0], tot_r[1], tot_r[2]), (tot_m[0], tot_m[1], tot_m[2])
    lines.append(f"{'TOTAL':34s}         rules tp {r[0]:4d} fp {r[1]:3d} fn {r[2]:3d} F1 {_f1(r):.3f}"
                 f"  | model tp {m[0]:4d} fp {m[1]:3d} fn {m[2]:3d} F1 {_f1(m):.3f}")
    return lines, per


def files() -> list[Path]:
    return [SHARED / f"{n}.jsonl" for n in SHARED_FILES] + case_files()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--report", type=Path, default=REPORT)
    args = ap.parse_args(argv)
    paths = files()
    arts = collect(paths)
    lines, _ = cross_validate(arts)
    sources = sorted({a.source for a in arts})
    threshold = _best_threshold(arts, _oof(arts, sources))
    w = fit_logistic(*_matrix(arts), l2=L2)
    fit = _counts(arts, _predict(w, arts), threshold)
    x, y = _matrix(arts)
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in paths)).hexdigest()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({
        "features": list(FEATURES),
        "weights": [round(float(v), 6) for v in w],
        "threshold": threshold,
        "l2": L2,
        "trained_on": {"files": [p.stem for p in paths], "sha256": digest, "candidates": len(y),
                       "positives": int(y.sum())},
    }, indent=1) + "\n")
    header = [
        "place-role model: leave-one-file-out cross-validation (threshold chosen by an inner leave-one-file-out)",
        f"{len(arts)} gold strike articles with provinces, {len(y)} candidate provinces ({int(y.sum())} hit), "
        f"{len(paths)} files; shipped threshold {threshold:.2f}",
    ]
    footer = [f"fitted on everything, in-sample: tp {fit[0]} fp {fit[1]} fn {fit[2]} F1 {_f1(fit):.3f}",
              "weights: " + ", ".join(f"{n} {v:+.2f}" for n, v in zip(("bias", *FEATURES), w, strict=True))]
    text = "\n".join(header + lines + footer) + "\n"
    args.report.write_text(text)
    print(text, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
