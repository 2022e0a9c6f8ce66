"""Train the sentence classifier with spaCy's own machinery, cross-validate it, and ship it.

``python -m train.train --config train/configs/bow.cfg`` (what ``make train`` runs):
1. splits train/data/examples.jsonl into a fixed train/dev pair (a hash of the id decides, 10% dev) and writes
   spaCy DocBins under train/out/;
2. runs ``spacy train`` with the config (fixed seed in the config's [system] block);
3. copies the best model to streams/models/strike_sentences/ (the pipeline the service loads) and records
   the config's and the data's sha256 in its meta.json, which tests/unit/test_strike_model.py checks
   against the files in the repo (a model that does not match its config or data fails the test);
4. with ``--cv``: leave-one-group-out cross-validation (each public corpus, the dev articles and the synthetic
   sentences held out in turn), printing per-group accuracy and strike precision/recall, and writing every
   example's out-of-fold probabilities to train/out/oof.jsonl (the calibration data).

Why leave-one-group-out rather than random folds: random folds leak a corpus's style into its own test
fold and say 0.97 for a model that fails on an unseen outlet; holding a whole source out shows what
transfers, which is what unseen wire copy will test.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "train" / "data" / "examples.jsonl"
OUT = REPO / "train" / "out"
SHIPPED = REPO / "streams" / "models" / "strike_sentences"
REPORTS = REPO / "train" / "reports"  # cross-validation tables (committed; make eval prints them)
LABELS = ("STRIKE", "BACKGROUND", "OTHER", "NONE")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load(path: Path = DATA) -> list[dict[str, str]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").split("\n") if x.strip()]


def _is_dev(ex: dict[str, str]) -> bool:
    return int(hashlib.sha1(ex["id"].encode(), usedforsecurity=False).hexdigest()[:4], 16) % 10 == 0


def write_docbin(examples: list[dict[str, str]], path: Path) -> None:
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    db = DocBin(store_user_data=False)
    for ex, doc in zip(examples, nlp.pipe(ex["text"] for ex in examples), strict=True):
        doc.cats = {label: float(label == ex["label"]) for label in LABELS}
        db.add(doc)
    path.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(path)


def spacy_train(config: Path, train: Path, dev: Path, output: Path) -> Path:
    cmd = [sys.executable, "-m", "spacy", "train", str(config), "--output", str(output),
           "--paths.train", str(train), "--paths.dev", str(dev)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL if "--quiet" in sys.argv else None)
    return output / "model-best"


def fit(config: Path, examples: list[dict[str, str]], work: Path) -> Path:
    train = [e for e in examples if not _is_dev(e)]
    dev = [e for e in examples if _is_dev(e)]
    write_docbin(train, work / "train.spacy")
    write_docbin(dev, work / "dev.spacy")
    return spacy_train(config, work / "train.spacy", work / "dev.spacy", work / "model")


def predict(model: Path, texts: list[str]) -> list[dict[str, float]]:
    import spacy

    nlp = spacy.load(model)
    return [dict(doc.cats) for doc in nlp.pipe(texts, batch_size=256)]


def fold_of(ex: dict[str, str], k: int) -> int:
    """A fixed fold per example (a hash of its id, independent of the dev split's digits)."""
    return int(hashlib.sha1(("fold:" + ex["id"]).encode(), usedforsecurity=False).hexdigest()[:8], 16) % k


def cross_validate(config: Path, examples: list[dict[str, str]], work: Path, mode: str) -> list[dict[str, object]]:
    """Out-of-fold probabilities for every example: ``logo`` holds out one group at a time, ``kfold`` five
    fixed random folds."""
    if mode == "logo":
        folds = {g: [e for e in examples if e["group"] == g] for g in sorted({e["group"] for e in examples})}
    else:
        folds = {f"fold{k}": [e for e in examples if fold_of(e, 5) == k] for k in range(5)}
    oof: list[dict[str, object]] = []
    for name, held in folds.items():
        held_ids = {e["id"] for e in held}
        rest = [e for e in examples if e["id"] not in held_ids]
        model = fit(config, rest, work / f"{mode}-{name}")
        for ex, cats in zip(held, predict(model, [e["text"] for e in held]), strict=True):
            oof.append({**ex, "cats": cats})
        shutil.rmtree(work / f"{mode}-{name}" / "model" / "model-last", ignore_errors=True)
    return oof


def report(oof: list[dict[str, object]]) -> str:
    lines = [f"{'held-out group':18} {'n':>5} {'acc':>6} {'strike P':>9} {'strike R':>9}"]
    by_group: dict[str, list[dict[str, object]]] = defaultdict(list)
    for r in oof:
        by_group[str(r["group"])].append(r)
    for group, rows in sorted(by_group.items()) + [("ALL", oof)]:
        hit = Counter()
        for r in rows:
            cats = r["cats"]
            assert isinstance(cats, dict)
            pred = max(cats, key=cats.get)
            hit["ok"] += pred == r["label"]
            hit["tp"] += pred == "STRIKE" and r["label"] == "STRIKE"
            hit["fp"] += pred == "STRIKE" and r["label"] != "STRIKE"
            hit["fn"] += pred != "STRIKE" and r["label"] == "STRIKE"
        p = hit["tp"] / (hit["tp"] + hit["fp"]) if hit["tp"] + hit["fp"] else float("nan")
        rec = hit["tp"] / (hit["tp"] + hit["fn"]) if hit["tp"] + hit["fn"] else float("nan")
        lines.append(f"{group:18} {len(rows):5d} {hit['ok'] / len(rows):6.3f} {p:9.3f} {rec:9.3f}")
    return "\n".join(lines)


def ship(model: Path, config: Path, examples_path: Path) -> None:
    if SHIPPED.exists():
        shutil.rmtree(SHIPPED)
    shutil.copytree(model, SHIPPED)
    # the training paths spaCy records are absolute; make them relative so a rebuild elsewhere is byte-identical
    cfg = SHIPPED / "config.cfg"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace(f'"{REPO}/', '"'), encoding="utf-8")
    meta_path = SHIPPED / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta["name"] = "strike_sentences"
    meta["description"] = "strikewire sentence classifier (STRIKE/BACKGROUND/OTHER/NONE); built by make train"
    meta["strikewire"] = {
        "config": str(config.relative_to(REPO)),
        "config_sha256": sha256(config),
        "data": str(examples_path.relative_to(REPO)),
        "data_sha256": sha256(examples_path),
    }
    meta_path.write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("--config", type=Path, default=REPO / "train" / "configs" / "bow.cfg")
    p.add_argument("--data", type=Path, default=DATA)
    p.add_argument("--cv", choices=["kfold", "logo", "both"], help="cross-validate first: five fixed random "
                   "folds (kfold; the arbiter is fitted on these), leave-one-group-out (logo), or both")
    p.add_argument("--no-ship", action="store_true", help="train only; do not replace the shipped model")
    p.add_argument("--quiet", action="store_true")
    args = p.parse_args(argv)
    args.config, args.data = args.config.resolve(), args.data.resolve()
    examples = load(args.data)
    name = args.config.stem
    work = OUT / name
    for mode in ("kfold", "logo") if args.cv == "both" else (args.cv,) if args.cv else ():
        oof = cross_validate(args.config, examples, work, mode)
        (work / f"oof-{mode}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in oof))
        text = report(oof)
        (work / f"cv-{mode}.txt").write_text(text + "\n")
        REPORTS.mkdir(parents=True, exist_ok=True)
        (REPORTS / f"{name}-cv-{mode}.txt").write_text(
            f"=== {name}: {'five fixed random folds' if mode == 'kfold' else 'leave one group out'}"
            f" ({args.config.relative_to(REPO)})\n{text}\n")
        print(f"=== cross-validation ({mode}), {name}\n{text}")
    model = fit(args.config, examples, work / "full")
    if not args.no_ship:
        ship(model, args.config, args.data)
        print(f"shipped {model} -> {SHIPPED}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
