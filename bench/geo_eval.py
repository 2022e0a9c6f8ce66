"""Measure the geography layer alone: provinces from ``Gazetteer.find`` against gold provinces.

Why: the detector downstream filters context places (launch bases, datelines), but recall of the province
layer caps everything, and on ACLED notes (which rarely name distractors) precision of ``find`` alone is a
fair proxy. Reads the dev files only to score; nothing here feeds the gazetteer.

    python bench/geo_eval.py [--mode none|text|inferred] [--errors 20] FILE.jsonl [...]
    python bench/geo_eval.py --speed /work/shared/eval/dev/acled-2022h1.jsonl

Modes: ``none`` = find(text); ``text`` = countries named in the text (country_of); ``inferred`` (default) =
countries named plus countries of unambiguous admin-1 names (``Gazetteer.countries_in``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from streams.geo import Gazetteer  # noqa: E402


def predict(gz: Gazetteer, text: str, mode: str) -> set[str]:
    if mode == "none":
        countries = None
    elif mode == "text":
        countries = {cc for _, _, cc in gz.country_of(text)} or None
    else:
        countries = gz.countries_in(text) or None
    return {m.code for m in gz.find(text, countries=countries)}


def score(path: Path, gz: Gazetteer, mode: str, n_errors: int) -> None:
    tp = fp = fn = 0
    errors: list[str] = []
    for line in path.open(encoding="utf-8"):
        rec = json.loads(line)
        gold = rec["gold"]
        if not gold.get("is_strike") or gold.get("provinces") is None:
            continue
        text = "\n".join(t for t in (rec.get("title"), rec["text"]) if t)
        want = {c.upper() for c in gold["provinces"]}
        got = predict(gz, text, mode)
        tp += len(want & got)
        fp += len(got - want)
        fn += len(want - got)
        if want != got:
            errors.append(f"{rec['id']}: missing {sorted(want - got)} extra {sorted(got - want)} | {text[:220]!r}")
    p = tp / (tp + fp) if tp + fp else float("nan")
    r = tp / (tp + fn) if tp + fn else float("nan")
    f = 2 * p * r / (p + r) if p + r else float("nan")
    print(f"{path.name} mode={mode}: P={p:.3f} R={r:.3f} F1={f:.3f} (tp={tp} fp={fp} fn={fn})")
    for e in errors[:n_errors]:
        print("  ", e)


def speed(path: Path, gz: Gazetteer) -> None:
    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    t0 = time.perf_counter()
    for t in texts:
        gz.find(t, countries=gz.countries_in(t))
    dt = time.perf_counter() - t0
    print(f"{len(texts)} texts in {dt:.2f}s = {len(texts) / dt:.0f} records/s (countries_in + find)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--mode", choices=["none", "text", "inferred"], default="inferred")
    ap.add_argument("--errors", type=int, default=0)
    ap.add_argument("--speed", action="store_true")
    args = ap.parse_args()
    t0 = time.perf_counter()
    gz = Gazetteer.load()
    print(f"loaded in {time.perf_counter() - t0:.2f}s")
    for f in args.files:
        if args.speed:
            speed(f, gz)
        else:
            score(f, gz, args.mode, args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
