"""Free TCP ports for the worker processes that tests and benchmarks start.

Why not "bind port 0 and use what the kernel gave": that port comes from the ephemeral range, the same
range the kernel hands out to every outgoing connection (each Kafka client opens several to the local
broker). The supervisor gives each stage ``base + offset``, ports nobody checked, and between the check
and the stage's own bind a client connection can take one of them; the stage then exits with
"address already in use" and is restarted (seen once in CI). Ports below the ephemeral range are never
handed out to outgoing connections, so a block checked there stays free unless someone binds it on purpose.
"""

from __future__ import annotations

import random
import socket
from pathlib import Path

#: Lowest port handed out; below it are well-known and registered services people run by hand.
LOW = 20000


def ephemeral_range() -> tuple[int, int]:
    """The kernel's range for outgoing connections (Linux default when it cannot be read)."""
    try:
        lo, hi = Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()
        return int(lo), int(hi)
    except (OSError, ValueError):
        return 32768, 60999


def _bindable(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port_block(width: int = 1, *, rng: random.Random | None = None) -> int:
    """A base port such that ``base .. base + width - 1`` can all be bound on 127.0.0.1 right now.

    The block lies below the ephemeral range when there is room (the usual case), else above it.
    """
    rng = rng or random.Random()
    lo, hi = ephemeral_range()
    spans = [(a, b - width) for a, b in ((LOW, lo - 1), (hi + 1, 65535)) if b - width >= a]
    if not spans:
        raise RuntimeError(f"no room for {width} ports outside the ephemeral range {lo}-{hi}")
    for _ in range(500):
        a, b = rng.choice(spans)
        base = rng.randint(a, b)
        if all(_bindable(p) for p in range(base, base + width)):
            return base
    raise RuntimeError(f"no block of {width} free ports found")


#: Ports a ``strikewire worker`` supervisor needs above its base: each stage takes base + offset, entities
#: processes + 10 each (agents/worker.py PORT_OFFSET); 24 leaves room for two entities processes.
WORKER_PORTS = 24


def worker_port_block() -> int:
    """A base web port for a supervised worker (all stages)."""
    return free_port_block(WORKER_PORTS)


def free_port() -> int:
    """One free port outside the ephemeral range."""
    return free_port_block(1)
