"""Score two prediction folders against the same gold files and print the metrics side by side.

``python -m bench.compare_eval BASE_DIR NEW_DIR GOLD...``: for each gold file NAME.jsonl the predictions are
BASE_DIR/NAME.jsonl and NEW_DIR/NAME.jsonl; the scorer is ../shared/eval/score.py (--json). Used to check
that a change to extraction does not move any dev metric by more than 0.01.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"
METRICS = (("strike", "f1"), ("provinces", "f1"), ("aircraft", "f1"), ("bases", "f1"), ("casualty_claims", "f1"),
           ("fatalities", "exact"))


def score(gold: Path, pred: Path) -> dict[str, object]:
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run([sys.executable, str(SCORER), str(gold), str(pred), "--json", out.name],
                       check=True, capture_output=True)
        return json.loads(Path(out.name).read_text())


def pick(result: dict[str, object], metric: str, field: str) -> float | None:
    node = result.get(metric) or result.get(metric.replace("strike", "strike_detection"))
    if isinstance(node, dict):
        value = node.get(field)
        if value is None and isinstance(node.get("overall"), dict):
            value = node["overall"].get(field)
        return value if isinstance(value, (int, float)) else None
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("base", type=Path)
    ap.add_argument("new", type=Path)
    ap.add_argument("gold", nargs="+", type=Path)
    args = ap.parse_args(argv)
    print(f"{'file':28} " + " ".join(f"{m[:9]:>17}" for m, _ in METRICS))
    for gold in args.gold:
        name = gold.stem
        a, b = score(gold, args.base / f"{name}.jsonl"), score(gold, args.new / f"{name}.jsonl")
        cells = []
        for m, f in METRICS:
            x, y = pick(a, m, f), pick(b, m, f)
            if x is None and y is None:
                cells.append(f"{'-':>17}")
            else:
                mark = "!" if x is not None and y is not None and y < x - 0.01 else " "
                xs = x if x is not None else float("nan")
                ys = y if y is not None else float("nan")
                cells.append(f"{xs:7.3f}->{ys:6.3f}{mark} ")
        print(f"{name[:28]:28} " + " ".join(cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
