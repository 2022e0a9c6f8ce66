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


# ------------------------------------------------------------------------------- the pipelined ceiling
#
# The streamed worker runs each stage in a process of its own (clean, P entities processes, detect), so
# the stages overlap on different cores. The ceiling above runs them one after the other in each process,
# which the streamed run can beat on a machine with a spare core. The pipelined ceiling is the other
# reading of "the same stages and process count, no Kafka": the service's own stage handlers
# (agents.handlers, as the Faust agents call them), one process per stage as in `strikewire worker
# --processes P`, handing batches of records from one to the next over multiprocessing queues instead of
# topics. No broker, no Faust, no commits.

_STOP = None


def _stage(stage: str, settings_json: str, ready: BarrierT, inbox: Any, outbox: Any, done: Any,
           stops_in: int, stops_out: int) -> None:
    """One stage process: batches of (key, value) from ``inbox``; what the stage forwards to ``outbox``.

    Records that end here (dead letters; every report in the detect stage) are counted on ``done``.
    The process ends after ``stops_in`` stop marks and passes ``stops_out`` on.
    """
    from agents.handlers import Inbound, build_handler
    from streams.settings import Settings

    handler = build_handler(stage, Settings.model_validate_json(settings_json))
    topics = handler.topics
    forward = {"clean": topics.clean, "entities": topics.entities, "detect": topics.enriched}[stage]
    ready.wait()
    cpu_started = time.process_time()
    stops = 0
    while stops < stops_in:
        batch = inbox.get()
        if batch is _STOP:
            stops += 1
            continue
        outs = handler([Inbound(k, v, forward, 0, i) for i, (k, v) in enumerate(batch)])
        if stage == "detect":  # the end of the line: one report or dead letter per article
            ended = [o for o in outs if o.topic in (forward, topics.deadletter)]
            done.put(("n", len(ended), sum(b'"is_strike":true' in o.value for o in ended)))
            continue
        nxt = [(o.key, o.value) for o in outs if o.topic == forward]
        if nxt:
            outbox.put(nxt)
        if len(outs) > len(nxt):
            done.put(("n", len(outs) - len(nxt), 0))
    for _ in range(stops_out):
        outbox.put(_STOP)
    done.put(("cpu", stage, time.process_time() - cpu_started, own_peak_rss_mb()))


def run_pipelined_ceiling(payloads: Sequence[bytes], nlp_processes: int, settings_json: str) -> CeilingResult:
    """Clean -> ``nlp_processes`` x entities -> detect, a process each, over queues; no Kafka, no Faust."""
    from streams.settings import Settings

    size = Settings.model_validate_json(settings_json).batch_size
    ctx = multiprocessing.get_context("spawn")
    ready = ctx.Barrier(nlp_processes + 3)
    q_clean, q_entities, q_detect, done = ctx.Queue(), ctx.Queue(), ctx.Queue(), ctx.Queue()
    procs = [ctx.Process(target=_stage, args=("clean", settings_json, ready, q_clean, q_entities, done, 1,
                                              nlp_processes))]
    procs += [ctx.Process(target=_stage, args=("entities", settings_json, ready, q_entities, q_detect, done, 1, 1))
              for _ in range(nlp_processes)]
    procs.append(ctx.Process(target=_stage, args=("detect", settings_json, ready, q_detect, None, done,
                                                  nlp_processes, 0)))
    for p in procs:
        p.start()
    ready.wait(timeout=300)
    busy = machine_busy_seconds()
    started = time.perf_counter()
    for i in range(0, len(payloads), size):
        q_clean.put([(b"k%d" % j, v) for j, v in enumerate(payloads[i : i + size], start=i)])
    q_clean.put(_STOP)
    accounted = strikes = 0
    cpu = 0.0
    rss = 0.0
    finished = 0
    elapsed = None
    while finished < len(procs):
        item = done.get(timeout=3600)
        if item[0] == "n":
            accounted += item[1]
            strikes += item[2]
            if accounted >= len(payloads) and elapsed is None:
                elapsed = time.perf_counter() - started
        else:
            finished += 1
            cpu += item[2]
            rss = max(rss, item[3])
    assert elapsed is not None and accounted == len(payloads), (accounted, len(payloads))
    others = max(0.0, machine_busy_seconds() - busy - cpu)
    for p in procs:
        p.join(timeout=60)
    return CeilingResult(
        processes=nlp_processes,
        articles=accounted,
        seconds=elapsed,
        articles_per_s=accounted / elapsed,
        strikes=strikes,
        peak_rss_mb=rss,
        other_cores=round(others / elapsed, 2),
    )
