"""Process trees and peak memory from /proc (Linux), without psutil.

A worker stage is a process tree: the Faust process and, for the entities stage, the spawned process
that holds the spaCy model (and multiprocessing's resource tracker). Peak RSS per worker is the sum
of ``VmHWM`` (the kernel's high-water mark of resident memory) over that tree: an upper bound, since
the processes need not peak at the same moment.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")


@dataclass(frozen=True)
class ProcInfo:
    pid: int
    ppid: int
    cmdline: str
    hwm_mb: float
    rss_mb: float


def _status_kb(pid: int, field: str) -> float:
    try:
        for line in (PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith(field + ":"):
                return float(line.split()[1])
    except OSError:
        pass
    return 0.0


def own_peak_rss_mb() -> float:
    """Peak resident memory of the calling process, in MB."""
    return _status_kb(os.getpid(), "VmHWM") / 1024


def proc_info(pid: int) -> ProcInfo | None:
    try:
        stat = (PROC / str(pid) / "stat").read_text()
        cmd = (PROC / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return None
    # The command name is in parentheses and may contain spaces: the ppid is the 2nd field after it.
    ppid = int(stat.rsplit(")", 1)[1].split()[1])
    return ProcInfo(pid, ppid, cmd, _status_kb(pid, "VmHWM") / 1024, _status_kb(pid, "VmRSS") / 1024)


def descendants(root: int) -> list[ProcInfo]:
    """``root`` and every process below it."""
    infos = [i for i in (proc_info(int(p.name)) for p in PROC.iterdir() if p.name.isdigit()) if i is not None]
    children: dict[int, list[ProcInfo]] = {}
    for info in infos:
        children.setdefault(info.ppid, []).append(info)
    me = proc_info(root)
    out: list[ProcInfo] = [me] if me else []
    todo = [root]
    while todo:
        pid = todo.pop()
        for child in children.get(pid, []):
            out.append(child)
            todo.append(child.pid)
    return out


def stage_trees(supervisor: int) -> dict[str, list[ProcInfo]]:
    """The process trees of a ``strikewire worker`` supervisor's children, keyed ``stage[index]``."""
    out: dict[str, list[ProcInfo]] = {}
    counts: dict[str, int] = {}
    for child in (i for i in descendants(supervisor) if i.ppid == supervisor):
        parts = child.cmdline.split()
        stage = parts[parts.index("--stage") + 1] if "--stage" in parts else "other"
        index = counts.get(stage, 0)
        counts[stage] = index + 1
        out[f"{stage}[{index}]"] = descendants(child.pid)
    return out


def tree_peak_mb(tree: list[ProcInfo]) -> float:
    return round(sum(p.hwm_mb for p in tree), 1)


_TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far (0 when it is gone)."""
    try:
        fields = (PROC / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICK


def cpu_snapshot(pids: list[int]) -> dict[int, float]:
    return {pid: cpu_seconds(pid) for pid in pids}


def busy_cores(interval: float = 1.0) -> float:
    """How many cores the whole machine kept busy over ``interval`` seconds (from /proc/stat)."""
    import time

    def sample() -> tuple[int, int]:
        values = [int(v) for v in (PROC / "stat").read_text().splitlines()[0].split()[1:]]
        idle = values[3] + (values[4] if len(values) > 4 else 0)
        return sum(values), idle

    total0, idle0 = sample()
    time.sleep(interval)
    total1, idle1 = sample()
    if total1 == total0:
        return 0.0
    return round((1 - (idle1 - idle0) / (total1 - total0)) * (os.cpu_count() or 1), 2)


def machine_busy_seconds() -> float:
    """CPU seconds the whole machine has spent not idle since boot (all cores, from /proc/stat)."""
    values = [int(v) for v in (PROC / "stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)
    return (sum(values[:8]) - idle) / _TICK


def wait_quiet(threshold: float, max_wait: float, sample: float = 2.0) -> tuple[float, float]:
    """Wait (up to ``max_wait`` s) until the machine keeps fewer than ``threshold`` cores busy.

    For phases where nothing of ours runs yet: on a shared machine another job's burst would otherwise
    be measured as ours. Returns (seconds waited, busy cores at the last sample).
    """
    import time

    started = time.monotonic()
    while True:
        busy = busy_cores(sample)
        if busy < threshold or time.monotonic() - started >= max_wait:
            return round(time.monotonic() - started, 1), busy
        time.sleep(3.0)


def all_cpu() -> dict[int, tuple[float, str]]:
    """CPU seconds and command line of every process on the machine (kernel threads by their name)."""
    out: dict[int, tuple[float, str]] = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        pid = int(entry.name)
        try:
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
            if not cmd:
                cmd = "[" + (entry / "comm").read_text().strip() + "]"
        except OSError:
            continue
        out[pid] = (cpu_seconds(pid), cmd)
    return out
