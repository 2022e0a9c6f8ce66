"""Expected calibration error of the service's strike probabilities, and a reliability plot.

``python -m bench.calibration GOLD PRED [GOLD PRED ...] [--svg docs/reliability.svg]``

Each report's ``strike_probability`` (the arbiter's probability for the article's best sentence; 0 for articles
the relevance gate kept from the model) is compared with the gold ``is_strike``. ECE is the bin-weighted mean
gap between the mean probability and the observed strike rate in ten equal-width bins. Two figures are
printed: over all articles, and over the articles that reached the model (the gate's easy negatives make the
first look better than the model is). Events are also checked: each event's ``confidence`` against whether its
article really reports a strike (the gold has no event-level truth; this is the closest stand-in).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

BINS = 10


def _load(path: Path) -> list[dict[str, object]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").split("\n") if x.strip()]


def ece(pairs: list[tuple[float, bool]], bins: int = BINS) -> tuple[float, list[tuple[float, float, int]]]:
    """(ECE, [(mean probability, observed rate, count) per non-empty bin])."""
    table: list[tuple[float, float, int]] = []
    total = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(p, y) for p, y in pairs if lo <= p < hi or (b == bins - 1 and p == 1.0)]
        if not inside:
            continue
        mean_p = sum(p for p, _ in inside) / len(inside)
        rate = sum(1 for _, y in inside if y) / len(inside)
        table.append((mean_p, rate, len(inside)))
        total += len(inside) / len(pairs) * abs(mean_p - rate)
    return total, table


def collect(files: list[tuple[Path, Path]]) -> tuple[list[tuple[float, bool]], list[tuple[float, bool]],
                                                       list[tuple[float, bool]]]:
    articles, gated, events = [], [], []
    for gold_path, pred_path in files:
        gold = {str(r["id"]): bool(r["gold"]["is_strike"]) for r in _load(gold_path)}  # type: ignore[index]
        for rep in _load(pred_path):
            aid = str(rep["article_id"])
            if aid not in gold or rep.get("strike_probability") is None:
                continue
            p = float(rep["strike_probability"])  # type: ignore[arg-type]
            articles.append((p, gold[aid]))
            if rep.get("gate_passed", True):
                gated.append((p, gold[aid]))
            for ev in rep.get("events") or []:  # type: ignore[union-attr]
                events.append((float(ev["confidence"]), gold[aid]))
    return articles, gated, events


def svg(table: list[tuple[float, float, int]], title: str) -> str:
    """A reliability diagram: bars of observed rate per bin against the diagonal."""
    w, h, m = 360, 360, 40
    side = w - 2 * m
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h + 30}" font-family="sans-serif" '
           f'font-size="11"><rect width="100%" height="100%" fill="white"/>',
           f'<text x="{w / 2}" y="18" text-anchor="middle" font-size="13">{title}</text>',
           f'<line x1="{m}" y1="{m + side}" x2="{m + side}" y2="{m}" stroke="#999" stroke-dasharray="4"/>',
           f'<rect x="{m}" y="{m}" width="{side}" height="{side}" fill="none" stroke="#333"/>']
    for mean_p, rate, n in table:
        x = m + mean_p * side
        y = m + (1 - rate) * side
        r = 3 + min(9, n ** 0.5 / 3)
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="#c0392b" fill-opacity="0.7">'
                   f'<title>p={mean_p:.2f} observed={rate:.2f} n={n}</title></circle>')
    for t in range(0, 11, 2):
        v = t / 10
        out.append(f'<text x="{m + v * side:.0f}" y="{m + side + 14}" text-anchor="middle">{v:.1f}</text>')
        out.append(f'<text x="{m - 6}" y="{m + (1 - v) * side + 4:.0f}" text-anchor="end">{v:.1f}</text>')
    out.append(f'<text x="{w / 2}" y="{h + 20}" text-anchor="middle">predicted probability (dot size: count)'
               f'</text>')
    out.append(f'<text x="12" y="{h / 2}" transform="rotate(-90 12 {h / 2})" text-anchor="middle">'
               f'observed strike rate</text></svg>')
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("files", nargs="+", type=Path, help="GOLD PRED pairs")
    ap.add_argument("--svg", type=Path, help="write the reliability diagram (gated articles) here")
    ap.add_argument("--title", default="strike probability, articles that reached the model")
    args = ap.parse_args(argv)
    if len(args.files) % 2:
        ap.error("give GOLD PRED pairs")
    pairs = list(zip(args.files[::2], args.files[1::2], strict=True))
    articles, gated, events = collect(pairs)
    for name, data in (("all articles", articles), ("articles past the gate", gated), ("events", events)):
        if not data:
            print(f"calibration {name}: no scored records")
            continue
        value, table = ece(data)
        print(f"calibration {name}: n={len(data)} ECE={value:.3f} "
              + " ".join(f"[{p:.2f}->{r:.2f} n={n}]" for p, r, n in table))
    if args.svg and gated:
        args.svg.write_text(svg(ece(gated)[1], args.title), encoding="utf-8")
        print(f"wrote {args.svg}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
