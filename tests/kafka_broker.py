"""pytest plugin: one real Kafka broker per test session, as the ``kafka_bootstrap`` fixture.

Why: integration tests must run against a real Apache Kafka (protocol versions, group coordinator,
transactions), on laptops with Docker and on machines with none. The broker is chosen once, on first
use, in this order:

1. ``KAFKA_BOOTSTRAP_SERVERS`` (through ``Settings``): a broker someone else runs; it must answer.
2. A Docker engine that answers a ping: the ``apache/kafka`` image at the project's Kafka version,
   KRaft, through testcontainers.
3. The project's own broker (``agents.localkafka``): Apache Kafka from Maven Central jars, KRaft, in a
   temporary state directory, started once and stopped at the end of the session.

If none can be had the fixture errors with the reasons; it never skips. The choice is printed in the
session summary ("kafka broker: ..."), and a failing test that used the broker gets the tail of the
broker log in its report (as aiokafka's own ``tests/conftest.py`` does with its container logs).

Registered from ``tests/conftest.py`` with ``pytest_plugins = ["tests.kafka_broker"]``.
"""

from __future__ import annotations

import io
import logging
import tarfile
import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from agents import localkafka
from streams.settings import load_settings

log = logging.getLogger(__name__)

FIXTURE_NAME = "kafka_bootstrap"
LOG_TAIL_LINES = 120
DOCKER_PING_TIMEOUT_S = 3
READY_TIMEOUT_S = 60.0


@dataclass
class BrokerInfo:
    """The broker a session runs against, for the summary line and failure reports."""

    kind: str
    bootstrap: str
    description: str
    log_tail: Callable[[int], str] = field(default=lambda _lines: "", repr=False)


_BROKER_KEY = pytest.StashKey[BrokerInfo]()


def pytest_report_header(config: pytest.Config) -> str:
    version = _version_or_reason()
    return (
        "kafka broker (chosen on first use): KAFKA_BOOTSTRAP_SERVERS, else Docker apache/kafka:"
        f"{version}, else local Apache Kafka {version} (KRaft, from Maven Central jars)"
    )


@pytest.fixture(scope="session")
def kafka_bootstrap(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``host:port`` of a real Kafka broker shared by the whole session (see the module docstring)."""
    reasons: list[str] = []
    with _SessionBroker(tmp_path_factory, reasons) as broker:
        if broker is None:
            pytest.fail(
                "no Kafka broker could be had for the integration tests:\n- " + "\n- ".join(reasons), pytrace=False
            )
        request.config.stash[_BROKER_KEY] = broker
        log.info("kafka broker: %s", broker.description)
        yield broker.bootstrap


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    report = yield
    if report.failed and FIXTURE_NAME in getattr(item, "fixturenames", ()):
        broker = item.config.stash.get(_BROKER_KEY, None)
        if broker is not None:
            tail = broker.log_tail(LOG_TAIL_LINES) or "(broker log is empty or not available)"
            report.sections.append((f"kafka broker log (last {LOG_TAIL_LINES} lines, {broker.kind})", tail))
    return report


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    broker = config.stash.get(_BROKER_KEY, None)
    if broker is not None:
        terminalreporter.write_line(f"kafka broker: {broker.description}")


# ------------------------------------------------------------------------------------------- choosing


class _SessionBroker:
    """Context manager yielding the first broker that can be had, and tearing it down after."""

    def __init__(self, tmp_path_factory: pytest.TempPathFactory, reasons: list[str]) -> None:
        self._tmp = tmp_path_factory
        self._reasons = reasons
        self._teardown: Callable[[], None] | None = None

    def __enter__(self) -> BrokerInfo | None:
        for attempt in (self._from_env, self._from_docker, self._from_local):
            broker = attempt()
            if broker is not None:
                return broker
        return None

    def __exit__(self, *exc: object) -> None:
        if self._teardown is not None:
            self._teardown()

    def _from_env(self) -> BrokerInfo | None:
        bootstrap = load_settings().kafka_bootstrap_servers
        if not bootstrap:
            self._reasons.append("KAFKA_BOOTSTRAP_SERVERS is not set")
            return None
        # Someone chose this broker on purpose: if it does not answer, that is the error, no fallback.
        try:
            localkafka.wait_until_ready(bootstrap, READY_TIMEOUT_S)
        except localkafka.LocalKafkaError as exc:
            pytest.fail(
                f"KAFKA_BOOTSTRAP_SERVERS={bootstrap} is set but the broker does not answer: {exc}", pytrace=False
            )
        return BrokerInfo("external", bootstrap, f"external broker at {bootstrap} (KAFKA_BOOTSTRAP_SERVERS)")

    def _from_docker(self) -> BrokerInfo | None:
        reason = _docker_unavailable()
        if reason is not None:
            self._reasons.append(f"no Docker engine: {reason}")
            return None
        version = localkafka.kafka_version()
        try:
            container, bootstrap = _start_kafka_container(version)
        except Exception as exc:  # reported, then the local broker is tried
            self._reasons.append(f"Docker answered but apache/kafka:{version} did not start: {exc!r}")
            return None
        self._teardown = container.stop

        def tail(lines: int) -> str:
            out, err = container.get_logs()
            text = (out or b"").decode("utf-8", "replace") + (err or b"").decode("utf-8", "replace")
            return "\n".join(text.splitlines()[-lines:])

        return BrokerInfo(
            "docker",
            bootstrap,
            f"Apache Kafka {version} at {bootstrap} (KRaft, Docker image apache/kafka:{version} via testcontainers)",
            tail,
        )

    def _from_local(self) -> BrokerInfo | None:
        state_dir = self._tmp.mktemp("kafka-broker", numbered=True)
        started = time.monotonic()
        try:
            bootstrap = localkafka.up(state_dir)
        except (localkafka.LocalKafkaError, OSError) as exc:
            self._reasons.append(f"local broker (agents.localkafka) did not start: {exc}")
            localkafka.down(state_dir)
            return None

        def stop() -> None:
            localkafka.down(state_dir)

        self._teardown = stop
        version = localkafka.kafka_version()
        return BrokerInfo(
            "local",
            bootstrap,
            f"local Apache Kafka {version} at {bootstrap} (KRaft, from Maven Central jars; "
            f"started in {time.monotonic() - started:.1f}s; log {localkafka.log_path(state_dir)})",
            lambda lines: _drop_config_dumps(localkafka.log_tail(state_dir, 20 * lines), lines),
        )


def _drop_config_dumps(text: str, lines: int) -> str:
    # Every Kafka client the broker starts logs its whole config as tab-indented lines; in a tail
    # those crowd out the events that explain a failure.
    kept = [line for line in text.splitlines() if not line.startswith("\t")]
    return "\n".join(kept[-lines:])


def _version_or_reason() -> str:
    try:
        return localkafka.kafka_version()
    except (OSError, localkafka.LocalKafkaError) as exc:
        return f"<unknown: {exc}>"


# --------------------------------------------------------------------------------------------- docker


def _docker_unavailable() -> str | None:
    """None when a Docker engine answers a ping quickly, else why not."""
    try:
        import docker

        client = docker.from_env(timeout=DOCKER_PING_TIMEOUT_S)
        try:
            client.ping()
        finally:
            client.close()
    except Exception as exc:  # any failure just means "no Docker here"
        return f"{type(exc).__name__}: {exc}"
    return None


_ADVERTISE_SCRIPT = "/tmp/strikewire-advertise.sh"  # a path inside the container


def _start_kafka_container(version: str) -> tuple[Any, str]:
    """Start ``apache/kafka:VERSION`` as one KRaft node and return (container, bootstrap).

    testcontainers' ``KafkaContainer`` drives Confluent's image scripts, so the Apache image is run
    as a plain ``DockerContainer``. The advertised listener must carry the host port Docker mapped,
    known only once the container runs: the container waits for a script that exports it (the same
    trick ``KafkaContainer`` uses), then execs the image's own start command.
    """
    from testcontainers.core.container import DockerContainer
    from testcontainers.core.wait_strategies import LogMessageWaitStrategy

    container = (
        DockerContainer(f"apache/kafka:{version}")
        .with_exposed_ports(9092)
        .with_env("KAFKA_NODE_ID", "1")
        .with_env("KAFKA_PROCESS_ROLES", "broker,controller")
        .with_env(
            "KAFKA_LISTENERS", "PLAINTEXT_HOST://0.0.0.0:9092,PLAINTEXT://0.0.0.0:19092,CONTROLLER://0.0.0.0:9093"
        )
        .with_env(
            "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,PLAINTEXT_HOST:PLAINTEXT"
        )
        .with_env("KAFKA_INTER_BROKER_LISTENER_NAME", "PLAINTEXT")
        .with_env("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER")
        .with_env("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@localhost:9093")
        .with_env("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
        .with_env("KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS", "6")
        .with_env("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
        .with_env("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
        .with_env("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
        .with_env("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1")
        .with_env("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
        .with_env("KAFKA_HEAP_OPTS", "-Xmx512m -Xms128m")
        .with_kwargs(
            entrypoint=[
                "/bin/sh",
                "-c",
                f"while [ ! -f {_ADVERTISE_SCRIPT} ]; do sleep 0.1; done; . {_ADVERTISE_SCRIPT}; "
                "exec /etc/kafka/docker/run",
            ]
        )
    )
    container.start()
    try:
        host = container.get_container_host_ip()
        port = int(container.get_exposed_port(9092))
        script = (
            f"export KAFKA_ADVERTISED_LISTENERS=PLAINTEXT_HOST://{host}:{port},PLAINTEXT://localhost:19092\n"
        ).encode()
        _put_file(container, _ADVERTISE_SCRIPT, script)
        LogMessageWaitStrategy("Kafka Server started").with_startup_timeout(int(READY_TIMEOUT_S)).wait_until_ready(
            container
        )
        bootstrap = f"{host}:{port}"
        localkafka.wait_until_ready(bootstrap, READY_TIMEOUT_S)
    except BaseException:
        container.stop()
        raise
    return container, bootstrap


def _put_file(container: Any, path: str, content: bytes) -> None:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        info = tarfile.TarInfo(name=path.lstrip("/"))
        info.size = len(content)
        info.mode = 0o644
        info.mtime = int(time.time())
        tar.addfile(info, io.BytesIO(content))
    buf.seek(0)
    container.get_wrapped_container().put_archive("/", buf)
