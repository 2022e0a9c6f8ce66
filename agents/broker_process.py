"""Process, port and state-file helpers of the local Kafka broker (``agents.localkafka``).

Why a module of its own: these are the operating-system chores (spawning the JVM in its own session,
probing a port, reading the pid file, signalling a process group, locking a file) that the broker's
lifecycle in ``agents.localkafka`` is built from; none of them knows Kafka's configuration, and each is
small enough to test alone.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import fcntl
import json
import os
import signal
import socket
import threading
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

__all__ = [
    "HOST",
    "MAIN_CLASS",
    "PID_NAME",
    "SERVER_PROPERTIES",
    "STATE_NAME",
    "file_lock",
    "free_port",
    "is_our_broker",
    "pid_alive",
    "random_kafka_uuid",
    "read_state",
    "read_text",
    "reuse_port",
    "run_probe",
    "running_pid",
    "signal_group",
    "spawn",
    "tail_text",
    "tcp_connect",
    "with_tail",
    "write_state",
]

HOST = "127.0.0.1"
PID_NAME = "kafka.pid"
STATE_NAME = "broker.json"
SERVER_PROPERTIES = "server.properties"
MAIN_CLASS = "kafka.Kafka"  # the broker's main class: how a pid is recognised as ours


def spawn(argv: list[str], env: dict[str, str], out: Path) -> int:
    # posix_spawn rather than Popen: the broker must outlive this process, so there is no Popen
    # object to keep (whose finaliser would warn "subprocess still running"); setsid gives it its own
    # process group, which down() signals as a whole.
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, str(out), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644),
        (os.POSIX_SPAWN_DUP2, 1, 2),
    ]
    return os.posix_spawn(argv[0], argv, env, file_actions=actions, setsid=True)


def tcp_connect(bootstrap: str, timeout: float) -> None:
    first = bootstrap.split(",", 1)[0].strip()
    host, _, port = first.rpartition(":")
    with socket.create_connection((host.strip("[]") or HOST, int(port)), timeout=timeout):
        pass


def run_probe(bootstrap: str, timeout: float) -> int:
    result: list[int] = []
    error: list[BaseException] = []

    def target() -> None:
        try:
            result.append(asyncio.run(asyncio.wait_for(_probe(bootstrap, timeout), timeout + 1.0)))
        except BaseException as exc:  # handed to the caller's thread
            error.append(exc)

    thread = threading.Thread(target=target, name="localkafka-probe", daemon=True)
    thread.start()
    thread.join(timeout + 5.0)
    if error:
        raise error[0]
    if not result:
        raise TimeoutError(f"metadata probe of {bootstrap} hung")
    return result[0]


async def _probe(bootstrap: str, request_timeout_s: float) -> int:
    from aiokafka.admin import AIOKafkaAdminClient

    ms = max(1000, int(request_timeout_s * 1000))
    client = AIOKafkaAdminClient(
        bootstrap_servers=bootstrap, client_id="strikewire-localkafka-probe", request_timeout_ms=ms
    )
    await client.start()
    try:
        cluster = await client.describe_cluster()
    finally:
        await client.close()
    return len(cluster.get("brokers", []))


def random_kafka_uuid() -> str:
    # Kafka's Uuid text form: 16 random bytes, URL-safe base64 without padding (what
    # `kafka-storage random-uuid` prints), saving one JVM start. Like Kafka's Uuid.randomUuid, never
    # one starting with "-": the storage tool's argument parser would take it for an option.
    while True:
        text = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode("ascii").rstrip("=")
        if not text.startswith("-"):
            return text


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def reuse_port(port: object, avoid: int | None = None) -> int | None:
    if not isinstance(port, int) or port == avoid:
        return None
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((HOST, port))
        except OSError:
            return None
    return port


def running_pid(state_dir: Path) -> int | None:
    text = read_text(state_dir / PID_NAME)
    if not text:
        return None
    try:
        pid = int(text)
    except ValueError:
        return None
    if not pid_alive(pid) or not is_our_broker(pid, state_dir):
        return None
    return pid


def pid_alive(pid: int) -> bool:
    # Reap it first if it is our own exited child, else a zombie would look alive to kill(pid, 0).
    with contextlib.suppress(ChildProcessError, OSError):
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    stat = read_text(Path(f"/proc/{pid}/stat"))
    return not (stat and stat.rsplit(")", 1)[-1].split()[:1] == ["Z"])


def is_our_broker(pid: int, state_dir: Path) -> bool:
    # Guards against a recycled pid: the process must be kafka.Kafka on this state dir's config.
    cmdline = Path(f"/proc/{pid}/cmdline")
    if not cmdline.parent.exists():
        return True  # no procfs (not Linux): trust the pid file
    try:
        args = cmdline.read_bytes().split(b"\0")
    except OSError:
        return False
    want = str(state_dir / SERVER_PROPERTIES).encode()
    return MAIN_CLASS.encode() in args and want in args


def signal_group(pid: int, sig: signal.Signals) -> None:
    try:
        if os.getpgid(pid) == pid:
            os.killpg(pid, sig)
        else:
            os.kill(pid, sig)
    except ProcessLookupError:
        pass


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip()
    except (FileNotFoundError, NotADirectoryError):
        return ""


def read_state(state_dir: Path) -> dict[str, Any]:
    text = read_text(state_dir / STATE_NAME)
    if not text:
        return {}
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return {}
    return data if isinstance(data, dict) else {}


def write_state(state_dir: Path, data: Mapping[str, Any]) -> None:
    tmp = state_dir / f"{STATE_NAME}.tmp"
    tmp.write_text(json.dumps(dict(data), indent=2, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(state_dir / STATE_NAME)


def tail_text(path: Path | None, lines: int) -> str:
    if path is None:
        return ""
    try:
        with path.open("rb") as fh:
            fh.seek(0, os.SEEK_END)
            size = fh.tell()
            fh.seek(max(0, size - 64 * 1024))
            data = fh.read()
    except FileNotFoundError:
        return ""
    return "\n".join(data.decode("utf-8", "replace").splitlines()[-lines:])


def with_tail(message: str, log_file: Path | None) -> str:
    tail = tail_text(log_file, 40)
    return f"{message}\n--- last lines of {log_file} ---\n{tail}" if tail else message


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    with path.open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
