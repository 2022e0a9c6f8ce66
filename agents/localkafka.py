"""The project's own Apache Kafka broker: one KRaft node on 127.0.0.1, from Maven Central jars.

Why this exists: integration tests and local runs need a *real* broker (the protocol, the group
coordinator, transactions), and the machines this project runs on have no Docker engine and no
internet other than package registries. Maven Central serves the broker itself (``kafka_2.13``),
so ``deploy/kafka/pom.xml`` fetches the jars and this module runs ``java -cp 'libs/*' kafka.Kafka``
as a single combined broker+controller in a state directory (by default ``Settings.state_dir /
"kafka"``, see :func:`default_state_dir`).

Everything lives under the state directory: ``server.properties``, ``log4j2.properties``, the data
(``data/``), the broker's stdout/stderr (``kafka.log``), the pid file (``kafka.pid``) and
``broker.json`` (ports, bootstrap address, version). The broker runs in its own session/process
group, so it outlives the command that started it (``strikewire kafka up``) until :func:`down`.

The Kafka version has one source of truth: the ``kafka.version`` property of
``deploy/kafka/pom.xml``, read by :func:`kafka_version`. The operating-system chores (spawning, probing,
pid and state files, locks) are in ``agents.broker_process``.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import signal
import subprocess
import time
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from agents.broker_process import (
    HOST,
    MAIN_CLASS,
    PID_NAME,
    SERVER_PROPERTIES,
    file_lock,
    free_port,
    pid_alive,
    random_kafka_uuid,
    read_state,
    read_text,
    reuse_port,
    run_probe,
    running_pid,
    signal_group,
    spawn,
    tail_text,
    tcp_connect,
    with_tail,
    write_state,
)
from streams.settings import Settings

__all__ = [
    "DEFAULT_LIBS_DIR",
    "POM_PATH",
    "LocalKafkaError",
    "default_state_dir",
    "down",
    "ensure_jars",
    "kafka_version",
    "log_path",
    "log_tail",
    "status",
    "up",
    "wait_until_ready",
]

log = logging.getLogger(__name__)

KAFKA_DEPLOY_DIR = Path(__file__).resolve().parent.parent / "deploy" / "kafka"
POM_PATH = KAFKA_DEPLOY_DIR / "pom.xml"
DEFAULT_LIBS_DIR = KAFKA_DEPLOY_DIR / "libs"

NODE_ID = 1
DEFAULT_HEAP = "512m"
DEFAULT_START_TIMEOUT_S = 90.0
DEFAULT_STOP_TIMEOUT_S = 30.0

_STAMP_NAME = ".pom.sha256"
_LOG_NAME = "kafka.log"
_DATA_NAME = "data"
_LOG4J2_PROPERTIES = "log4j2.properties"
# The class moved from Scala (kafka.tools) to Java (org.apache.kafka.tools) across Kafka versions.
_STORAGE_TOOL_CLASSES = ("org.apache.kafka.tools.StorageTool", "kafka.tools.StorageTool")

_KAFKA_VERSION_RE = re.compile(r"<kafka\.version>\s*([^<\s]+)\s*</kafka\.version>")


class LocalKafkaError(RuntimeError):
    """The local broker could not be provisioned, started, reached or stopped; the message says why."""


# --------------------------------------------------------------------------------------------- paths


def kafka_version(pom: Path = POM_PATH) -> str:
    """The Kafka version the project runs: ``kafka.version`` in ``deploy/kafka/pom.xml``."""
    match = _KAFKA_VERSION_RE.search(pom.read_text(encoding="utf-8"))
    if match is None:
        raise LocalKafkaError(f"no <kafka.version> property in {pom}")
    return match.group(1)


def default_state_dir(settings: Settings) -> Path:
    """Where the local broker keeps its config, data, log and pid: ``settings.state_dir / "kafka"``."""
    return settings.state_dir / "kafka"


def log_path(state_dir: Path) -> Path:
    """The broker's stdout/stderr (log4j console appender) under ``state_dir``."""
    return Path(state_dir) / _LOG_NAME


def log_tail(state_dir: Path, lines: int = 80) -> str:
    """The last ``lines`` lines of the broker log, or '' when there is none yet."""
    return tail_text(log_path(state_dir), lines)


# ---------------------------------------------------------------------------------------------- jars


def ensure_jars(
    libs_dir: Path = DEFAULT_LIBS_DIR,
    *,
    pom: Path = POM_PATH,
    mvn: str = "mvn",
    env: Mapping[str, str] | None = None,
    timeout: float = 900.0,
) -> Path:
    """Make sure ``libs_dir`` holds exactly the jars that ``pom`` resolves; run Maven if not.

    The directory carries a stamp (sha256 of the pom); a missing or different stamp means the jars
    are absent, partial or of another version, and the directory is refilled from scratch so that two
    Kafka versions never share a classpath. A file lock serialises concurrent callers (parallel test
    sessions). The first run downloads ~45 MB from Maven Central; later runs copy from ``~/.m2``.
    """
    libs_dir = Path(libs_dir).resolve()
    pom = Path(pom).resolve()
    want = hashlib.sha256(pom.read_bytes()).hexdigest()
    stamp = libs_dir / _STAMP_NAME
    if read_text(stamp) == want:
        return libs_dir
    libs_dir.parent.mkdir(parents=True, exist_ok=True)
    with file_lock(libs_dir.parent / f".{libs_dir.name}.lock"):
        if read_text(stamp) == want:
            return libs_dir
        mvn_path = shutil.which(mvn)
        if mvn_path is None:
            raise LocalKafkaError(
                f"Kafka jars missing in {libs_dir} and Maven ({mvn!r}) is not on PATH; install it "
                "(e.g. `apt-get install maven`) or fill the folder with "
                f"`mvn -f {pom} dependency:copy-dependencies -DoutputDirectory={libs_dir}`"
            )
        if libs_dir.exists():
            shutil.rmtree(libs_dir)
        libs_dir.mkdir(parents=True)
        cmd = [
            mvn_path,
            "-q",
            "-B",
            "-f",
            str(pom),
            "dependency:copy-dependencies",
            f"-DoutputDirectory={libs_dir}",
        ]
        log.info("fetching Kafka %s jars with Maven into %s", kafka_version(pom), libs_dir)
        try:
            proc = subprocess.run(
                cmd,
                env=None if env is None else dict(env),
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise LocalKafkaError(f"Maven did not finish within {timeout:.0f}s: {' '.join(cmd)}") from exc
        if proc.returncode != 0:
            out = (proc.stdout + proc.stderr).strip()[-4000:]
            raise LocalKafkaError(f"Maven failed (exit {proc.returncode}): {' '.join(cmd)}\n{out}")
        if not any(libs_dir.glob("kafka_2.13-*.jar")):
            raise LocalKafkaError(f"Maven ran but {libs_dir} holds no kafka_2.13 jar")
        stamp.write_text(want, encoding="utf-8")
    return libs_dir


# ------------------------------------------------------------------------------------------ lifecycle


def up(
    state_dir: Path,
    *,
    port: int | None = None,
    controller_port: int | None = None,
    libs_dir: Path = DEFAULT_LIBS_DIR,
    java: str = "java",
    heap: str = DEFAULT_HEAP,
    timeout: float = DEFAULT_START_TIMEOUT_S,
    extra_properties: Mapping[str, str] | None = None,
    env: Mapping[str, str] | None = None,
    extra_listeners: Mapping[str, int] | None = None,
    scram_users: Mapping[str, str] | None = None,
) -> str:
    """Start the broker under ``state_dir`` (or find it running) and return ``"127.0.0.1:PORT"``.

    Idempotent: a broker already running from ``state_dir`` and answering is reused as is. Ports
    default to the ones of the previous run when still free, else to fresh free ports; both bind
    127.0.0.1 only. ``extra_properties`` are added to ``server.properties``, overriding (the TLS key
    and trust stores and SASL settings of extra listeners go there). Blocks until the broker answers a
    metadata request (on the PLAINTEXT listener, which stays the inter-broker one), or raises
    :class:`LocalKafkaError` with the tail of the broker log.

    ``extra_listeners`` adds listeners by name, each named after its protocol (``SSL``,
    ``SASL_PLAINTEXT``, ``SASL_SSL``), on the given port (0: a free one, kept across restarts); their
    addresses are in :func:`status` under ``listeners``. ``scram_users`` (name -> password) become
    SCRAM-SHA-512 (and SCRAM-SHA-256) credentials in the KRaft metadata when the storage is formatted,
    i.e. on the first start of a state dir only (``kafka-storage format --add-scram``).
    """
    state_dir = Path(state_dir).resolve()
    state_dir.mkdir(parents=True, exist_ok=True)
    # Two `up`s on one state dir (two terminals, two test sessions) must not both start a broker.
    with file_lock(state_dir / ".up.lock"):
        return _up_locked(
            state_dir,
            port=port,
            controller_port=controller_port,
            libs_dir=libs_dir,
            java=java,
            heap=heap,
            timeout=timeout,
            extra_properties=extra_properties,
            env=env,
            extra_listeners=extra_listeners,
            scram_users=scram_users,
        )


def _up_locked(
    state_dir: Path,
    *,
    port: int | None,
    controller_port: int | None,
    libs_dir: Path,
    java: str,
    heap: str,
    timeout: float,
    extra_properties: Mapping[str, str] | None,
    env: Mapping[str, str] | None,
    extra_listeners: Mapping[str, int] | None = None,
    scram_users: Mapping[str, str] | None = None,
) -> str:
    running = running_pid(state_dir)
    if running is not None:
        bootstrap = str(read_state(state_dir).get("bootstrap", ""))
        if not bootstrap:
            raise LocalKafkaError(f"broker pid {running} runs from {state_dir} but broker.json is missing")
        wait_until_ready(bootstrap, timeout, pid=running, log_file=log_path(state_dir))
        log.info("local Kafka already running: pid %d at %s", running, bootstrap)
        return bootstrap

    version = kafka_version()
    java_path = shutil.which(java)
    if java_path is None:
        raise LocalKafkaError(
            f"Java ({java!r}) is not on PATH; the Kafka {version} broker needs Java 17 or newer "
            "(e.g. `apt-get install openjdk-17-jre-headless`)"
        )
    libs = ensure_jars(libs_dir, env=env)
    data_dir = state_dir / _DATA_NAME
    previous = read_state(state_dir)

    broker_port, ctl_port, listeners = _allocate_ports(previous, port, controller_port, extra_listeners or {})
    bootstrap = f"{HOST}:{broker_port}"

    server_props = state_dir / SERVER_PROPERTIES
    log4j_props = state_dir / _LOG4J2_PROPERTIES
    server_props.write_text(
        _server_properties(broker_port, ctl_port, data_dir, extra_properties or {}, listeners), encoding="utf-8"
    )
    log4j_props.write_text(_LOG4J2_CONFIG, encoding="utf-8")

    out = log_path(state_dir)
    if out.exists():
        out.replace(out.with_name(out.name + ".1"))
    classpath = f"{libs}/*"
    jvm = _jvm_options(heap, log4j_props)
    run_env = dict(os.environ if env is None else env)

    if not (data_dir / "meta.properties").exists():
        cluster_id = random_kafka_uuid()
        _format_storage(java_path, libs, classpath, jvm, server_props, cluster_id, run_env, out, scram_users or {})
    else:
        cluster_id = _existing_cluster(previous, data_dir, version)

    argv = [java_path, *jvm, "-cp", classpath, MAIN_CLASS, str(server_props)]
    pid = spawn(argv, run_env, out)
    (state_dir / PID_NAME).write_text(f"{pid}\n", encoding="utf-8")
    write_state(
        state_dir,
        {
            "pid": pid,
            "bootstrap": bootstrap,
            "port": broker_port,
            "controller_port": ctl_port,
            "version": version,
            "cluster_id": cluster_id,
            "log": str(out),
            "started_at": time.time(),
            "listener_ports": listeners,
            "listeners": {name: f"{HOST}:{lport}" for name, lport in listeners.items()},
        },
    )
    log.info("starting local Kafka %s (pid %d) at %s; log %s", version, pid, bootstrap, out)
    try:
        wait_until_ready(bootstrap, timeout, pid=pid, log_file=out)
    except LocalKafkaError:
        down(state_dir, timeout=10.0)
        raise
    return bootstrap


def _existing_cluster(previous: Mapping[str, Any], data_dir: Path, version: str) -> str:
    """The cluster id of formatted storage (from the last start's state), warning when another Kafka wrote it."""
    if previous.get("version") not in (None, version):
        log.warning(
            "data in %s was written by Kafka %s; starting Kafka %s on it", data_dir, previous.get("version"), version
        )
    return str(previous.get("cluster_id", ""))


def _allocate_ports(
    previous: Mapping[str, Any], port: int | None, controller_port: int | None, extra_listeners: Mapping[str, int]
) -> tuple[int, int, dict[str, int]]:
    """The broker's, the controller's and each extra listener's port: the one asked for, else the previous
    run's when still free, else a fresh free one; never two the same."""
    broker_port = port or reuse_port(previous.get("port")) or free_port()
    ctl_port = controller_port or reuse_port(previous.get("controller_port"), avoid=broker_port)
    while ctl_port is None or ctl_port == broker_port:
        ctl_port = free_port()
    taken = {broker_port, ctl_port}
    listeners: dict[str, int] = {}
    previous_listeners = previous.get("listener_ports") or {}
    for name, wanted in extra_listeners.items():
        lport = wanted or reuse_port(previous_listeners.get(name)) or free_port()
        while lport in taken:
            lport = free_port()
        taken.add(lport)
        listeners[name.upper()] = lport
    return broker_port, ctl_port, listeners


def down(state_dir: Path, *, timeout: float = DEFAULT_STOP_TIMEOUT_S) -> bool:
    """Stop the broker of ``state_dir``: SIGTERM, then SIGKILL after ``timeout``. True if one ran.

    Data stays (the next :func:`up` resumes it); only the pid file is removed.
    """
    state_dir = Path(state_dir).resolve()
    pid_file = state_dir / PID_NAME
    pid = running_pid(state_dir)
    if pid is None:
        pid_file.unlink(missing_ok=True)
        return False
    log.info("stopping local Kafka (pid %d)", pid)
    signal_group(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and pid_alive(pid):
        time.sleep(0.1)
    if pid_alive(pid):
        log.warning("local Kafka (pid %d) ignored SIGTERM for %.0fs; killing it", pid, timeout)
        signal_group(pid, signal.SIGKILL)
        deadline = time.monotonic() + 10.0
        while time.monotonic() < deadline and pid_alive(pid):
            time.sleep(0.05)
    pid_file.unlink(missing_ok=True)
    return True


def status(state_dir: Path) -> dict[str, Any] | None:
    """What is known about the broker of ``state_dir``; None when it was never started there.

    Keys: ``running`` (bool), ``pid`` (int | None), ``bootstrap``, ``version``, ``log``, ``state_dir``,
    ``listeners`` (name -> address of the extra listeners).
    ``running`` means the process is alive, not that it answers (see :func:`wait_until_ready`).
    """
    state_dir = Path(state_dir).resolve()
    state = read_state(state_dir)
    if not state:
        return None
    pid = running_pid(state_dir)
    return {
        "running": pid is not None,
        "pid": pid,
        "bootstrap": state.get("bootstrap"),
        "version": state.get("version"),
        "log": str(log_path(state_dir)),
        "state_dir": str(state_dir),
        "listeners": dict(state.get("listeners") or {}),
    }


def wait_until_ready(
    bootstrap: str,
    timeout: float = DEFAULT_START_TIMEOUT_S,
    *,
    pid: int | None = None,
    log_file: Path | None = None,
) -> None:
    """Block until ``bootstrap`` answers a metadata request listing at least one broker.

    With ``pid``, give up early when that process dies. Raises :class:`LocalKafkaError` (with the
    tail of ``log_file`` when given) on timeout or death. Safe to call from inside a running event
    loop: the probe runs on its own loop in a helper thread.
    """
    deadline = time.monotonic() + timeout
    last_error: BaseException | None = None
    while True:
        if pid is not None and not pid_alive(pid):
            raise LocalKafkaError(with_tail(f"Kafka broker (pid {pid}) exited during start-up", log_file))
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        try:
            # A plain connect first: while the port is closed, aiokafka would log an ERROR per try.
            tcp_connect(bootstrap, min(remaining, 2.0))
            brokers = run_probe(bootstrap, min(remaining, 10.0))
        except Exception as exc:  # any failure means "not ready yet"; the last one is reported
            last_error = exc
        else:
            if brokers > 0:
                return
            last_error = LocalKafkaError("metadata lists no broker yet")
        time.sleep(min(0.25, max(0.0, deadline - time.monotonic())))
    raise LocalKafkaError(
        with_tail(f"Kafka at {bootstrap} did not answer within {timeout:.0f}s (last error: {last_error!r})", log_file)
    )


# --------------------------------------------------------------------------------------------- helpers


def _server_properties(
    port: int,
    controller_port: int,
    data_dir: Path,
    extra: Mapping[str, str],
    listeners: Mapping[str, int] | None = None,
) -> str:
    # A static voter set (controller.quorum.voters) rather than a `--standalone` dynamic quorum: the
    # voters' endpoints then live in this file, not in the metadata log, so a restart may move the
    # controller to another free port.
    props: dict[str, str] = {
        "process.roles": "broker,controller",
        "node.id": str(NODE_ID),
        "controller.quorum.voters": f"{NODE_ID}@{HOST}:{controller_port}",
        "listeners": f"PLAINTEXT://{HOST}:{port},CONTROLLER://{HOST}:{controller_port}",
        "advertised.listeners": f"PLAINTEXT://{HOST}:{port}",
        "controller.listener.names": "CONTROLLER",
        "inter.broker.listener.name": "PLAINTEXT",
        "listener.security.protocol.map": "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SSL:SSL,"
        "SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL",
        "log.dirs": str(data_dir),
        "num.partitions": "1",
        "default.replication.factor": "1",
        "auto.create.topics.enable": "true",
        "delete.topic.enable": "true",
        # One node: internal topics cannot have more than one replica, and small partition counts
        # keep the first consumer group / transaction fast to set up on a 2-core machine.
        "offsets.topic.replication.factor": "1",
        "offsets.topic.num.partitions": "6",
        "transaction.state.log.replication.factor": "1",
        "transaction.state.log.min.isr": "1",
        "transaction.state.log.num.partitions": "6",
        "share.coordinator.state.topic.replication.factor": "1",
        "share.coordinator.state.topic.min.isr": "1",
        "group.initial.rebalance.delay.ms": "0",
        "num.network.threads": "2",
        "num.io.threads": "4",
        "num.recovery.threads.per.data.dir": "1",
        "log.retention.hours": "24",
        "log.segment.bytes": str(64 * 1024 * 1024),
    }
    for name, lport in (listeners or {}).items():
        props["listeners"] += f",{name}://{HOST}:{lport}"
        props["advertised.listeners"] += f",{name}://{HOST}:{lport}"
    props.update(extra)
    lines = ["# Written by agents/localkafka.py; rewritten on every start.", ""]
    lines += [f"{key}={value}" for key, value in props.items()]
    return "\n".join(lines) + "\n"


_LOG4J2_CONFIG = """\
# Written by agents/localkafka.py: everything to stdout, which up() sends to kafka.log.
name = strikewire-local-kafka
appender.stdout.type = Console
appender.stdout.name = STDOUT
appender.stdout.layout.type = PatternLayout
appender.stdout.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.stdout.ref = STDOUT
logger.request.name = kafka.request.logger
logger.request.level = WARN
logger.state.name = state.change.logger
logger.state.level = WARN
logger.cleaner.name = kafka.log.LogCleaner
logger.cleaner.level = WARN
"""


def _jvm_options(heap: str, log4j_props: Path) -> list[str]:
    return [
        f"-Xmx{heap}",
        "-Xms128m",
        "-XX:+UseG1GC",
        "-XX:MaxGCPauseMillis=20",
        "-XX:+ExitOnOutOfMemoryError",
        "-Djava.awt.headless=true",
        f"-Dlog4j2.configurationFile={log4j_props}",
        # Kafka stops in its own shutdown hook; log4j2's hook would race it and drop the last lines.
        "-Dlog4j2.shutdownHookEnabled=false",
    ]


def _format_storage(
    java_path: str,
    libs: Path,
    classpath: str,
    jvm: list[str],
    server_props: Path,
    cluster_id: str,
    env: dict[str, str],
    out: Path,
    scram_users: Mapping[str, str] | None = None,
) -> None:
    tool = _storage_tool_class(libs)
    argv = [java_path, *jvm, "-cp", classpath, tool, "format", "-t", cluster_id, "-c", str(server_props)]
    for name, password in (scram_users or {}).items():
        for mechanism in ("SCRAM-SHA-512", "SCRAM-SHA-256"):
            argv += ["--add-scram", f"{mechanism}=[name={name},password={password}]"]
    proc = subprocess.run(
        argv, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120, check=False
    )
    with out.open("a", encoding="utf-8") as fh:
        fh.write(f"# {tool} format -t {cluster_id}\n{proc.stdout}{proc.stderr}\n")
    if proc.returncode != 0:
        raise LocalKafkaError(
            f"formatting Kafka storage failed (exit {proc.returncode}):\n{(proc.stdout + proc.stderr)[-4000:]}"
        )


def _storage_tool_class(libs: Path) -> str:
    for jar in sorted(libs.glob("kafka*.jar")):
        with zipfile.ZipFile(jar) as zf:
            names = set(zf.namelist())
        for cls in _STORAGE_TOOL_CLASSES:
            if cls.replace(".", "/") + ".class" in names:
                return cls
    raise LocalKafkaError(f"no StorageTool class ({' or '.join(_STORAGE_TOOL_CLASSES)}) in {libs}")
