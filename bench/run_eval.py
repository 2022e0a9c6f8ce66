"""Score the in-process pipeline on the dev evaluation files (what ``make eval`` runs).

For every ``*.jsonl`` in the eval ``dev`` folder: map each record to a ``RawArticle`` (id, text, title,
published, source), run ``streams.pipeline.Extractor`` with default ``Settings()``, write one
``ArticleReport`` JSON per line to ``bench/out/<name>.pred.jsonl``, then run the official scorer
(``score.py GOLD PRED``) and print its tables. Also prints throughput, dead letters (there should be none on
dev data) and the relevance gate's recall on strike records and pass rate. Never reads gold at run time of the
pipeline: gold is only used here, after prediction, for the gate numbers.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from schemas import ArticleReport, DeadLetter, RawArticle  # noqa: E402
from streams.pipeline import Extractor  # noqa: E402
from streams.settings import Settings  # noqa: E402


def _raw(record: dict[str, Any]) -> RawArticle:
    return RawArticle(
        id=record["id"],
        text=record["text"],
        title=record.get("title"),
        published=record.get("published"),
        source=record.get("source"),
    )


def run_file(extractor: Extractor, gold: Path, out_dir: Path) -> tuple[Path, dict[str, float]]:
    records = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    raws = [_raw(r) for r in records]
    t0 = time.perf_counter()
    results = list(extractor.run(raws))
    elapsed = time.perf_counter() - t0
    pred = out_dir / (gold.stem + ".pred.jsonl")
    dead = 0
    gate_total = gate_pass = strike_total = strike_pass = 0
    by_id = {r["id"]: r for r in records}
    with pred.open("w", encoding="utf-8") as f:
        for res in results:
            if isinstance(res, DeadLetter):
                dead += 1
                print(f"  DEAD LETTER {res.article_id}: {res.reason} {res.message}")
                continue
            assert isinstance(res, ArticleReport)
            f.write(res.model_dump_json() + "\n")
            gate_total += 1
            gate_pass += res.gate_passed
            gold_rec = by_id.get(res.article_id)
            if gold_rec and gold_rec.get("gold", {}).get("is_strike"):
                strike_total += 1
                strike_pass += res.gate_passed
    stats = {
        "records": len(records),
        "seconds": elapsed,
        "per_second": len(records) / elapsed if elapsed else 0.0,
        "dead_letters": dead,
        "gate_pass_fraction": gate_pass / gate_total if gate_total else 0.0,
        "gate_recall": strike_pass / strike_total if strike_total else 1.0,
        "strike_records": strike_total,
    }
    return pred, stats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--out-dir", type=Path, default=ROOT / "bench" / "out")
    ap.add_argument("--errors", type=int, default=0, help="pass --errors N to the scorer")
    ap.add_argument("--only", default="", help="comma-separated file stems to run (default: all)")
    args = ap.parse_args(argv)
    dev = args.eval_dir / "dev"
    scorer = args.eval_dir / "score.py"
    args.out_dir.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    extractor = Extractor.build(Settings())
    print(f"pipeline built in {time.perf_counter() - t0:.1f}s")
    only = {s for s in args.only.split(",") if s}
    for gold in sorted(dev.glob("*.jsonl")):
        if only and gold.stem not in only:
            continue
        pred, stats = run_file(extractor, gold, args.out_dir)
        print(f"\n=== {gold.name}: {stats['records']} records in {stats['seconds']:.1f}s "
              f"({stats['per_second']:.0f} articles/s), dead letters {stats['dead_letters']}, "
              f"gate recall {stats['gate_recall']:.3f} on {stats['strike_records']} strike records, "
              f"gate pass fraction {stats['gate_pass_fraction']:.3f}")
        cmd = [sys.executable, str(scorer), str(gold), str(pred)]
        if args.errors:
            cmd += ["--errors", str(args.errors)]
        subprocess.run(cmd, check=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
