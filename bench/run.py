"""``make bench``: throughput, latency, scale-out and memory of the service, in one run, on one machine.

Measures, in this order (see docs/performance.md for the definitions):

1. the in-process ceiling, no Kafka, for 1 and 2 NLP processes (the streamed runs' counts), in two
   layouts: each process running every stage (``streams.pipeline.Extractor``), and one process per
   stage as the worker runs them (clean, P x entities, detect: the service's handlers over queues).
   The ceiling is the faster of the two;
2. end to end through a real broker: ``strikewire worker --processes 1``, all articles published at
   once, timed until every report is on ``articles.enriched``; then latency (p50/p95/p99 from
   ``ingested_at`` to arrival on ``articles.enriched``) at a steady half of that rate;
3. the same with ``--processes 2`` (two entities processes in one consumer group, 6 partitions);
4. the naive peer (``bench.naive``: one Faust agent, full ``nlp(text)`` per message) on fewer articles;
5. peak RSS of each worker process tree (Faust process + its spawned spaCy process).

Prints a table, writes the raw figures as JSON, and ends with the one line scripts read::

    bench: e2e_over_ceiling=0.93 e2e_over_naive=12.1 p99_ms=410 scale_2_over_1=1.70 rss_mb=480

The broker is ``KAFKA_BOOTSTRAP_SERVERS`` when set, else the project's local Apache Kafka started in a
temporary directory and stopped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import platform
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from agents.handlers import encode
from bench import e2e
from bench.ceiling import run_ceiling, run_pipelined_ceiling
from bench.corpus import describe, generate, warm_up_articles
from bench.procs import ProcInfo, wait_quiet
from schemas import RawArticle
from streams.settings import Settings, load_settings

log = logging.getLogger("bench")
DEFAULT_OUT = Path(__file__).resolve().parent / "out" / "bench.json"

#: Targets of issue 4: (figure, comparison, bound).
TARGETS = {
    "e2e_over_ceiling": (">=", 0.9),
    "e2e_over_naive": (">=", 10.0),
    "p99_ms": ("<", 1000.0),
    "scale_2_over_1": (">=", 1.6),
    "rss_mb": ("<=", 600.0),
}


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem_gb = 0.0
    with contextlib.suppress(OSError, ValueError, IndexError):
        mem_gb = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    import spacy

    from agents.localkafka import kafka_version

    kafka = "?"
    with contextlib.suppress(Exception):
        kafka = kafka_version()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(mem_gb, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "kafka": kafka,
    }


@contextlib.contextmanager
def broker(given: str | None, state_dir: Path) -> Iterator[tuple[str, str, dict[str, int]]]:
    """(bootstrap, description, {"broker": pid} when local): the given broker, or a local one started
    (and stopped) here."""
    if given:
        yield given, f"given broker at {given}", {}
        return
    from agents import localkafka

    kafka_dir = state_dir / "kafka"
    bootstrap = localkafka.up(kafka_dir)
    try:
        pid_file = kafka_dir / "kafka.pid"
        pids = {"broker": int(pid_file.read_text().strip())} if pid_file.exists() else {}
        yield bootstrap, f"local Apache Kafka {localkafka.kafka_version()} (KRaft, one node) at {bootstrap}", pids
    finally:
        localkafka.down(kafka_dir)


def _ratio(a: float, b: float) -> float:
    return round(a / b, 2) if b else 0.0


def met(name: str, value: float) -> bool:
    op, bound = TARGETS[name]
    return {">=": value >= bound, "<": value < bound, "<=": value <= bound}[op]


def table(results: dict[str, Any]) -> str:
    """The Markdown table that ``make bench`` prints (and docs/performance.md shows)."""
    c1, c2 = results["ceiling"]["1"], results["ceiling"]["2"]
    w1, w2 = results["e2e"]["1"], results["e2e"]["2"]
    lat, nv, fig = results["latency"], results["naive"], results["figures"]
    layouts = results.get("ceiling_layouts") or {}
    rows = [
        (f"in-process ceiling, {p} NLP process{'es' if p == '2' else ''}, {name}",
         f"{layouts[name][p]['articles_per_s']:.1f} articles/s",
         f"{layouts[name][p]['articles']} articles" + (" (the ceiling)" if c['layout'] == name else ""))
        for p, c in (("1", c1), ("2", c2)) for name in sorted(layouts)
    ] or [
        ("in-process ceiling, 1 process", f"{c1['articles_per_s']:.1f} articles/s", f"{c1['articles']} articles"),
        ("in-process ceiling, 2 processes", f"{c2['articles_per_s']:.1f} articles/s", f"{c2['articles']} articles"),
    ]
    rows += [
        ("end to end, `worker --processes 1`", f"{w1['articles_per_s']:.1f} articles/s",
         f"{w1['articles']} articles, {w1['strikes']} strike reports"),
        ("end to end, `worker --processes 2`", f"{w2['articles_per_s']:.1f} articles/s",
         f"{w2['articles']} articles, {w2['strikes']} strike reports"),
        ("naive peer (`nlp(text)` per message)", f"{nv['articles_per_s']:.1f} articles/s",
         f"{nv['articles']} articles"),
        (f"latency at {lat['rate_per_s']:.0f} articles/s (half of max)",
         f"p50 {lat['p50_ms']:.0f} ms, p95 {lat['p95_ms']:.0f} ms, p99 {lat['p99_ms']:.0f} ms",
         f"{lat['articles']} articles over {lat['publish_seconds']:.0f} s"),
    ]
    lines = ["| measurement | result | notes |", "| --- | --- | --- |"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    lines += ["", "| figure | value | target | met |", "| --- | --- | --- | --- |"]
    for name, (op, bound) in TARGETS.items():
        value = fig[name]
        lines.append(f"| {name} | {value:g} | {op} {bound:g} | {'yes' if met(name, value) else 'NO'} |")
    mem = results["memory"]
    per = ", ".join(f"{k} {v['peak_rss_mb']:.0f}" for k, v in sorted(mem["2"].items()))
    lines += ["", f"Peak RSS per worker process tree, MB (`--processes 2`): {per}."]
    return "\n".join(lines)


def cpu_table(results: dict[str, Any]) -> str:
    """CPU milliseconds per article of each part of the streamed runs (where the cores went)."""
    runs = {p: results["e2e"][p] for p in ("1", "2")}
    parts = sorted({k for r in runs.values() for k in r["cpu_seconds"] if k != "wall"})
    lines = ["| CPU ms per article | `--processes 1` | `--processes 2` |", "| --- | --- | --- |"]
    for part in parts:
        cells = [f"{1000 * r['cpu_seconds'].get(part, 0.0) / r['articles']:.2f}" for r in runs.values()]
        lines.append(f"| {part} | {' | '.join(cells)} |")
    totals = []
    for r in runs.values():
        busy = sum(v for k, v in r["cpu_seconds"].items() if k not in ("wall", "other processes on the machine"))
        totals.append(f"{1000 * busy / r['articles']:.2f} ({busy / r['cpu_seconds']['wall']:.2f} cores busy)")
    lines.append(f"| **all of ours** | {' | '.join(totals)} |")
    c1 = results["ceiling"]["1"]
    lines.append(f"| in-process ceiling, 1 NLP process (wall ms per article, for comparison) | "
                 f"{1000 / c1['articles_per_s']:.2f} | |")
    return "\n".join(lines)


def final_line(fig: dict[str, float]) -> str:
    return (
        f"bench: e2e_over_ceiling={fig['e2e_over_ceiling']:.2f} e2e_over_naive={fig['e2e_over_naive']:.1f} "
        f"p99_ms={fig['p99_ms']:.0f} scale_2_over_1={fig['scale_2_over_1']:.2f} rss_mb={fig['rss_mb']:.0f}"
    )


@dataclass
class Plan:
    """What one ``make bench`` run does (from the command line)."""

    corpus: list[RawArticle]
    warm: list[RawArticle]
    warm_pass: list[RawArticle]
    latency_corpus: list[RawArticle]
    latency_seconds: float
    naive_articles: int
    quiet_threshold: float
    quiet_wait: float
    retries: int


def _during(result: dict[str, Any]) -> dict[str, Any]:
    cpu = result["cpu_seconds"]
    return {"other_cores_during": round(cpu["other processes on the machine"] / max(cpu["wall"], 1e-9), 2),
            "busiest_others": result["busiest_others"]}


async def _measured(
    name: str, plan: Plan, trees: Callable[[], dict[str, list[ProcInfo]]], extra_pids: dict[str, int],
    noise: dict[str, Any], measure: Callable[[int], Awaitable[dict[str, Any]]],
) -> dict[str, Any]:
    """Wait for a quiet machine, measure; again (up to ``plan.retries`` times) if other jobs got busy meanwhile."""
    for attempt in range(plan.retries + 1):
        waited, other = await e2e.await_quiet(trees, extra_pids, plan.quiet_threshold, plan.quiet_wait)
        result = await measure(attempt)
        noise[name] = {"waited_s": waited, "other_cores_before": other, **_during(result), "attempts": attempt + 1}
        if noise[name]["other_cores_during"] <= plan.quiet_threshold:
            break
        log.warning("%s: other jobs kept %.2f cores busy (%s); measuring again", name,
                    noise[name]["other_cores_during"], "; ".join(result["busiest_others"]))
    return result


async def _streamed(
    bootstrap: str, settings: Settings, state_dir: Path, plan: Plan, processes: int, prefixes: list[str],
    extra_pids: dict[str, int], noise: dict[str, Any],
) -> dict[str, Any]:
    worker = e2e.Worker(bootstrap, processes, state_dir)
    prefixes += [worker.prefix, f"strikewire-bench{worker.run}"]
    worker.start()
    try:
        warm_s = await e2e.warm_up(worker, settings, plan.warm)
        log.info("worker --processes %d warm after %.1fs", processes, warm_s)
        out: dict[str, Any] = {"warm_up_seconds": round(warm_s, 1)}
        if plan.warm_pass:
            # Untimed: a fresh JVM broker spends its first minutes of traffic compiling its hot paths.
            out["warm_pass"] = await e2e.max_throughput(worker, settings, plan.warm_pass, extra_pids=extra_pids)
            log.info("warm-up pass (untimed): %s", out["warm_pass"])

        async def throughput(attempt: int) -> dict[str, Any]:
            return await e2e.max_throughput(worker, settings, plan.corpus, extra_pids=extra_pids)

        out["throughput"] = await _measured(f"e2e_{processes}", plan, worker.trees, extra_pids, noise, throughput)
        log.info("end to end, %d process(es): %s", processes, out["throughput"])
        if plan.latency_seconds and processes == 1:
            rate = out["throughput"]["articles_per_s"] / 2
            count = max(1, int(rate * plan.latency_seconds))

            async def latency(attempt: int) -> dict[str, Any]:
                # Fresh texts on every attempt (a repeat would take the detect stage's dedup path).
                articles = plan.latency_corpus[attempt * count : (attempt + 1) * count]
                return await e2e.paced_latency(worker, settings, articles, rate, extra_pids=extra_pids)

            out["latency"] = await _measured("latency", plan, worker.trees, extra_pids, noise, latency)
            log.info("latency at %.1f/s: %s", rate, out["latency"])
        out["memory"] = e2e.worker_memory(worker)
        worker.check_alive()
        return out
    finally:
        worker.stop()


async def _naive(
    bootstrap: str, settings: Settings, state_dir: Path, plan: Plan, prefixes: list[str],
    extra_pids: dict[str, int], noise: dict[str, Any],
) -> dict[str, Any]:
    peer = e2e.NaivePeer(bootstrap, state_dir, settings.spacy_model)
    prefixes.append(peer.prefix)
    await peer.create_topics()
    peer.start()
    try:
        await e2e.naive_warm_up(peer, settings, plan.warm[:3])

        async def throughput(attempt: int) -> dict[str, Any]:
            return await e2e.naive_throughput(peer, settings, plan.corpus[: plan.naive_articles],
                                              extra_pids=extra_pids)

        return await _measured("naive", plan, peer.trees, extra_pids, noise, throughput)
    finally:
        peer.stop()


def _ceilings(
    payloads: list[bytes], settings_json: str, args: argparse.Namespace, noise: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The in-process ceiling with 1 and 2 NLP processes in both layouts (the best layout per count, and all),
    each measured again when other jobs kept the machine busy."""
    best_out: dict[str, Any] = {}
    layouts_out: dict[str, dict[str, Any]] = {"chain": {}, "pipelined": {}}
    layouts = {"chain": run_ceiling, "pipelined": run_pipelined_ceiling}
    for p in (1, 2):
        for layout, run_layout in layouts.items():
            for attempt in range(args.retries + 1):
                waited, busy = wait_quiet(args.quiet_threshold, args.quiet_wait)
                ceiling = run_layout(payloads, p, settings_json)
                noise[f"ceiling_{layout}_{p}"] = {"waited_s": waited, "other_cores_before": busy,
                                                  "other_cores_during": ceiling.other_cores, "attempts": attempt + 1}
                if ceiling.other_cores <= args.quiet_threshold:
                    break
                log.warning("ceiling %s %d: other jobs kept %.2f cores busy; measuring again", layout, p,
                            ceiling.other_cores)
            layouts_out[layout][str(p)] = ceiling.as_dict()
            log.info("in-process ceiling, %s, %d NLP process(es): %s", layout, p, ceiling.as_dict())
        best = max(layouts, key=lambda name: layouts_out[name][str(p)]["articles_per_s"])
        best_out[str(p)] = {**layouts_out[best][str(p)], "layout": best}
    return best_out, layouts_out


def _figures(results: dict[str, Any]) -> dict[str, Any]:
    """The headline ratios of one run (targets and context)."""
    rss = max(v["peak_rss_mb"] for mem in results["memory"].values() for v in mem.values())
    e1, e2_, c1, c2 = (results[k][p]["articles_per_s"] for k, p in (("e2e", "1"), ("e2e", "2"), ("ceiling", "1"),
                                                                     ("ceiling", "2")))
    return {
        "e2e_over_ceiling": _ratio(e1, c1),
        "e2e_over_naive": _ratio(e1, results["naive"]["articles_per_s"]),
        "p99_ms": results["latency"]["p99_ms"],
        "scale_2_over_1": _ratio(e2_, e1),
        "rss_mb": rss,
        # Context, not targets:
        "e2e2_over_ceiling2": _ratio(e2_, c2),
        "ceiling_2_over_1": _ratio(c2, c1),
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    settings = load_settings()
    plan = Plan(
        corpus=generate(args.articles, seed=args.seed),
        warm=warm_up_articles(args.warm, seed=args.seed + 1),
        warm_pass=generate(args.warm_pass, seed=args.seed + 2) if args.warm_pass else [],
        # Fresh texts: enough for the latency run at any rate the machine can reach.
        latency_corpus=generate(max(1, int(args.latency_seconds * 150 * (args.retries + 1))), seed=args.seed + 3)
        if args.latency_seconds else [],
        latency_seconds=args.latency_seconds,
        naive_articles=args.naive_articles,
        quiet_threshold=args.quiet_threshold,
        quiet_wait=args.quiet_wait,
        retries=args.retries,
    )
    from streams.gate import gate

    results: dict[str, Any] = {
        "machine": machine(),
        "corpus": {**describe(plan.corpus, gate), "seed": args.seed},
        "settings": {"batch_size": settings.batch_size, "batch_within_s": settings.batch_within_s,
                     "topic_partitions": e2e.PARTITIONS, "spacy_model": settings.spacy_model},
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    log.info("corpus: %s", results["corpus"])
    # Other jobs on a shared machine skew every figure: wait for a quiet machine before each timed
    # phase (up to --quiet-wait seconds) and record how busy the rest of the machine was during it.
    noise: dict[str, Any] = {}
    results["noise"] = noise

    payloads = [encode(a) for a in e2e.with_ids(plan.corpus, "ceil")]
    settings_json = settings.model_dump_json()
    results["ceiling"], results["ceiling_layouts"] = _ceilings(payloads, settings_json, args, noise)

    with tempfile.TemporaryDirectory(prefix="strikewire-bench-") as tmp:
        state_dir = Path(tmp)
        given = args.bootstrap or settings.kafka_bootstrap_servers
        with broker(given, state_dir) as (bootstrap, broker_desc, broker_pids):
            results["broker"] = broker_desc
            prefixes: list[str] = []

            async def streamed() -> None:
                try:
                    one = await _streamed(bootstrap, settings, state_dir, plan, 1, prefixes, broker_pids, noise)
                    plan.warm_pass = []  # the broker is warm now
                    two = await _streamed(bootstrap, settings, state_dir, plan, 2, prefixes, broker_pids, noise)
                    results["e2e"] = {"1": one["throughput"], "2": two["throughput"]}
                    results["warm_pass"] = one.get("warm_pass")
                    results["latency"] = one["latency"]
                    results["memory"] = {"1": one["memory"], "2": two["memory"]}
                    results["warm_up_seconds"] = {"1": one["warm_up_seconds"], "2": two["warm_up_seconds"]}
                    results["naive"] = await _naive(bootstrap, settings, state_dir, plan, prefixes, broker_pids,
                                                    noise)
                    results["naive"]["words_mean"] = describe(plan.corpus[: plan.naive_articles])["words_mean"]
                    log.info("naive peer: %s", results["naive"])
                finally:
                    await e2e.delete_topics(bootstrap, prefixes)

            asyncio.run(streamed())

    results["figures"] = _figures(results)
    results["targets_met"] = {name: met(name, results["figures"][name]) for name in TARGETS}
    return results


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("--articles", type=int, default=3000, help="corpus size for the throughput runs")
    p.add_argument("--naive-articles", type=int, default=200, help="articles for the (slow) naive peer")
    p.add_argument("--latency-seconds", type=float, default=40.0, help="duration of the steady-rate latency run")
    p.add_argument("--warm", type=int, default=36, help="articles per warm-up round")
    p.add_argument("--warm-pass", type=int, default=4000,
                   help="articles through the first worker, untimed, before anything is timed (warms the broker)")
    p.add_argument("--quiet-threshold", type=float, default=0.3,
                   help="before each timed phase, wait until other processes keep fewer cores than this busy")
    p.add_argument("--quiet-wait", type=float, default=300.0, help="...for at most this many seconds")
    p.add_argument("--retries", type=int, default=2, help="measure a phase again when other jobs got busy during it")
    p.add_argument("--seed", type=int, default=4)
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where the raw figures go (JSON)")
    p.add_argument("--bootstrap", default=None, help="broker (default: KAFKA_BOOTSTRAP_SERVERS, else a local one)")
    p.add_argument("--quick", action="store_true", help="tiny corpus, short runs (smoke test; figures meaningless)")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.quick:
        args.articles, args.naive_articles, args.latency_seconds, args.warm = 40, 4, 3.0, 6
        args.warm_pass, args.quiet_wait, args.retries = 0, 0.0, 0
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s", stream=sys.stderr)
    for noisy in ("agents", "streams", "faust", "mode"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    logging.getLogger("aiokafka").setLevel(logging.CRITICAL)  # "topic not found" while a worker creates them
    started = time.monotonic()
    results = run(args)
    results["bench_seconds"] = round(time.monotonic() - started, 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(orjson.dumps(results, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n")
    m = results["machine"]
    print(f"machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB; Python {m['python']}, spaCy {m['spacy']}, "
          f"Kafka {m['kafka']}; broker: {results['broker']}")
    c = results["corpus"]
    print(f"corpus: {c['articles']} articles, {c['words_mean']:.0f} words on average ({c['words_min']:.0f}-"
          f"{c['words_max']:.0f}), {c['gate_pass_share']:.1%} pass the gate; seed {c['seed']}")
    print()
    print(table(results))
    print()
    print(cpu_table(results))
    print()
    noise = results["noise"]
    print("other jobs on the machine during each timed phase (cores busy, not ours): " + ", ".join(
        f"{name} {n.get('other_cores_during', 0.0):.2f}" + (f" (attempt {n['attempts']})" if n.get("attempts", 1) > 1
                                                              else "") for name, n in noise.items()))
    busy = [name for name, n in noise.items() if n.get("other_cores_during", 0.0) > args.quiet_threshold]
    if busy:
        print(f"WARNING: other jobs kept more than {args.quiet_threshold} cores busy during {', '.join(busy)}: "
              "those figures are less reliable (run again on a quiet machine)")
    fig = results["figures"]
    print(f"ratios: end-to-end/ceiling {fig['e2e_over_ceiling']:.2f}, end-to-end/naive {fig['e2e_over_naive']:.1f}, "
          f"2 workers/1 worker {fig['scale_2_over_1']:.2f} (ceiling 2/1 {fig['ceiling_2_over_1']:.2f}); "
          f"raw figures: {args.out} ({results['bench_seconds']:.0f} s)")
    print(final_line(fig))
    return 0


if __name__ == "__main__":
    sys.exit(main())
