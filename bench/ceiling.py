"""The in-process ceiling: the service's stages over the corpus with no Kafka, in P processes.

"The same stages and process count" means: each process runs ``streams.pipeline.Extractor`` (clean,
the relevance gate, spaCy with the same components, detect: the very objects the Faust handlers
call) over its share of the corpus, in batches of ``Settings.batch_size``, starting from the same
JSON bytes the publisher sends and ending with the same encoded reports. P is the number of NLP
processes of the streamed run it is compared with (``strikewire worker --processes P``). The corpus
is split round-robin across P spawned processes; each loads the model first, then all start
together and the time is wall-clock from the start signal to the last process done. Model loading
is excluded on both sides (the streamed run is warmed up before it is timed).
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.synchronize import Barrier as BarrierT
from multiprocessing.synchronize import Event as EventT
from typing import Any

from bench.procs import machine_busy_seconds, own_peak_rss_mb


@dataclass
class CeilingResult:
    processes: int
    articles: int
    seconds: float
    articles_per_s: float
    strikes: int
    peak_rss_mb: float
    #: Cores kept busy by processes other than the ceiling's own during the timed window.
    other_cores: float

    def as_dict(self) -> dict[str, Any]:
        return {k: round(v, 3) if isinstance(v, float) else v for k, v in self.__dict__.items()}


def _child(payloads: Sequence[bytes], settings_json: str, ready: BarrierT, go: EventT, out: Any) -> None:
    from schemas import ArticleReport, RawArticle
    from streams.pipeline import Extractor
    from streams.settings import Settings

    settings = Settings.model_validate_json(settings_json)
    extractor = Extractor.build(settings)
    ready.wait()
    go.wait()
    started = time.perf_counter()
    cpu_started = time.process_time()
    strikes = 0
    size = settings.batch_size
    for i in range(0, len(payloads), size):
        raws = [RawArticle.model_validate_json(p) for p in payloads[i : i + size]]
        for result in extractor.run_batch(raws):
            result.__pydantic_serializer__.to_json(result)
            strikes += isinstance(result, ArticleReport) and result.is_strike
    out.put((len(payloads), time.perf_counter() - started, strikes, own_peak_rss_mb(),
             time.process_time() - cpu_started))


def run_ceiling(payloads: Sequence[bytes], processes: int, settings_json: str) -> CeilingResult:
    """Run the stages over ``payloads`` (encoded ``RawArticle``s) in ``processes`` spawned processes."""
    ctx = multiprocessing.get_context("spawn")
    ready = ctx.Barrier(processes + 1)
    go = ctx.Event()
    out = ctx.Queue()
    shares = [list(payloads[i::processes]) for i in range(processes)]
    procs = [ctx.Process(target=_child, args=(share, settings_json, ready, go, out)) for share in shares]
    for p in procs:
        p.start()
    ready.wait(timeout=300)
    busy = machine_busy_seconds()
    started = time.perf_counter()
    go.set()
    results = [out.get(timeout=3600) for _ in procs]
    elapsed = time.perf_counter() - started
    others = max(0.0, machine_busy_seconds() - busy - sum(r[4] for r in results))
    for p in procs:
        p.join(timeout=60)
    n = sum(r[0] for r in results)
    return CeilingResult(
        processes=processes,
        articles=n,
        seconds=elapsed,
        articles_per_s=n / elapsed,
        strikes=sum(r[2] for r in results),
        peak_rss_mb=max(r[3] for r in results),
        other_cores=round(others / elapsed, 2),
    )
