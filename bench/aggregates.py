"""The session report's aggregate rows: read files, untuned held-out sets and incident sets, each scored once.

Why: per-file tables (``make eval``) hide whether a change helps copy nobody tuned on, and the mean of per-file F1
weighs a 15-record file like an 80-record one. This concatenates each group's gold files and predictions and runs the
shared scorer once (micro averages), and averages ``score_incidents.py`` over the incident sets of each group:

- ``READ``: the shared dev files (challenge-dev, seed, incidents-dev) and every case set whose errors were read
  (``train.build_data.case_files()``);
- ``UNT``: the held-out sets kept untuned (``KEPT_UNTUNED``) and scored (not in ``bench/cases/UNSCORED``);
- ``ACLED`` (``--acled``): acled-2022h1;
- ``INC_READ`` / ``INC_UNT``: the incident sets (``*.incidents.ndjson``), read or kept untuned.

    .venv/bin/python -m bench.aggregates OUT_DIR [--acled] [--eval-dir ../shared/eval]

About two minutes on 2 cores (the extractor runs in-process). Predictions and scores stay in OUT_DIR for comparing two
revisions file by file.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path
from statistics import mean
from typing import Any

from schemas import ArticleReport, DeadLetter, RawArticle
from streams.fuse import fuse_reports
from streams.pipeline import Extractor
from streams.readers import ReadError, read_paths
from streams.settings import Settings
from train.build_data import KEPT_UNTUNED, REPO, case_files, unscored

CASES = REPO / "bench" / "cases"


def _base(stem: str) -> str:
    return stem.rsplit("-", 3)[0] if re.search(r"-\d{4}-\d\d-\d\d$", stem) else stem


def _articles(path: Path) -> list[RawArticle]:
    return [a for a in read_paths([path]) if not isinstance(a, ReadError)]


def _reports(ex: Extractor, arts: list[RawArticle]) -> list[ArticleReport]:
    return [r for r in ex.run(arts) if not isinstance(r, DeadLetter)]


def _score(scorer: Path, args: list[str]) -> dict[str, Any]:
    out = Path(args[1]).with_suffix(".score.json")
    subprocess.run([sys.executable, str(scorer), *args, "--json", str(out)], stdout=subprocess.DEVNULL, check=True)
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return result


def _row(name: str, n: int, s: dict[str, Any]) -> str:
    def f(x: object) -> str:
        return "-" if not isinstance(x, int | float) else f"{x:.4f}"

    return (
        f"{name} {n} files: strike {f(s['strike']['f1'])} provinces {f(s['provinces']['f1'])} "
        f"aircraft {f(s['aircraft']['f1'])} bases {f(s['bases'].get('recall'))} "
        f"claims {f(s['casualty_claims']['f1'])} fatalities {f(s['fatalities']['exact'])}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--acled", action="store_true")
    ap.add_argument("--eval-dir", type=Path, default=REPO.parent / "shared" / "eval")
    args = ap.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    dev = args.eval_dir / "dev"
    skip = unscored()
    groups = {
        "READ": [dev / "challenge-dev.jsonl", dev / "seed.jsonl", dev / "incidents-dev.jsonl", *case_files()],
        "UNT": [
            p for p in sorted(CASES.glob("heldout-*.jsonl")) if _base(p.stem) in KEPT_UNTUNED and p.stem not in skip
        ],
    }
    if args.acled:
        groups["ACLED"] = [dev / "acled-2022h1.jsonl"]
    ex = Extractor.build(Settings())
    for name, files in groups.items():
        gold, pred = [], []
        for path in files:
            lines = "".join(r.model_dump_json() + "\n" for r in _reports(ex, _articles(path)))
            (out / f"{path.stem}.pred.jsonl").write_text(lines, encoding="utf-8")
            gold.append(path.read_text(encoding="utf-8").rstrip("\n") + "\n")
            pred.append(lines)
        (out / f"{name}.gold.jsonl").write_text("".join(gold), encoding="utf-8")
        (out / f"{name}.pred.jsonl").write_text("".join(pred), encoding="utf-8")
        scored = _score(args.eval_dir / "score.py", [str(out / f"{name}.gold.jsonl"), str(out / f"{name}.pred.jsonl")])
        print(_row(name, len(files), scored), flush=True)
    incident_sets = [dev / "incidents-dev.jsonl"] + [
        p for p in sorted(CASES.glob("*.jsonl"))
        if (CASES / f"{p.stem}.incidents.ndjson").exists() and p.stem not in skip
    ]
    results: dict[str, dict[str, Any]] = {}
    for path in incident_sets:
        arts = sorted(_articles(path), key=lambda a: a.published or "")
        fused, incidents = fuse_reports(_reports(ex, arts))
        pred_path = out / f"{path.stem}.fused.jsonl"
        inc_path = out / f"{path.stem}.inc.jsonl"
        pred_path.write_text("".join(r.model_dump_json() + "\n" for r in fused), encoding="utf-8")
        inc_path.write_text("".join(i.model_dump_json() + "\n" for i in incidents), encoding="utf-8")
        gold_inc = path.with_name(f"{path.stem}.incidents.ndjson")
        results[path.stem] = _score(
            args.eval_dir / "score_incidents.py",
            [str(path), str(pred_path), "--pred-incidents", str(inc_path), "--gold-incidents", str(gold_inc)],
        )
    for name, keys in (
        ("INC_READ", [k for k in results if _base(k) not in KEPT_UNTUNED]),
        ("INC_UNT", [k for k in results if _base(k) in KEPT_UNTUNED]),
    ):
        rows = [results[k] for k in keys]
        tolls = [r["toll"]["range_exact"] for r in rows if (r.get("toll") or {}).get("range_exact") is not None]
        print(
            f"{name} {len(rows)} sets: link F1 {mean(r['pairwise']['f1'] for r in rows):.4f} "
            f"fragmentation {mean(r['fragmentation'] for r in rows):.4f} "
            f"merged {sum(r['merged_gold_incidents'] for r in rows)} "
            f"toll range exact {mean(tolls) if tolls else float('nan'):.4f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
