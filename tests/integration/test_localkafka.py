"""The session broker is real Kafka and what the service stacks on it works against it.

Proves, against ``kafka_bootstrap`` (see ``tests/kafka_broker.py``), that aiokafka can create a
multi-partition topic through the admin client and round-trip a message, and that a tiny Faust app
(faust-streaming on aiokafka) can start, have an agent consume from one topic, update a table (a
changelog topic Faust creates itself) and send to another topic, and stop, both at_least_once and
exactly_once (transactions). These are the protocol paths the pinned Kafka version must keep serving.
"""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import faust
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

pytestmark = [pytest.mark.integration, pytest.mark.asyncio]

TIMEOUT_S = 60.0


def _unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


async def _create_topics(bootstrap: str, *names: str, partitions: int = 1) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(name, num_partitions=partitions, replication_factor=1) for name in names])
    finally:
        await admin.close()


async def _consume_one(bootstrap: str, topic: str, group: str) -> tuple[bytes | None, bytes | None]:
    # read_committed: what exactly_once producers wrote counts only once their transaction commits.
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        group_id=group,
        auto_offset_reset="earliest",
        isolation_level="read_committed",
    )
    await consumer.start()
    try:
        msg = await asyncio.wait_for(consumer.getone(), TIMEOUT_S)
    finally:
        await consumer.stop()
    return msg.key, msg.value


async def test_admin_creates_topic_with_partitions(kafka_bootstrap: str) -> None:
    topic = _unique("it-admin")
    await _create_topics(kafka_bootstrap, topic, partitions=6)

    admin = AIOKafkaAdminClient(bootstrap_servers=kafka_bootstrap)
    await admin.start()
    try:
        assert topic in await admin.list_topics()
        (described,) = await admin.describe_topics([topic])
    finally:
        await admin.close()

    assert described["error_code"] == 0
    assert sorted(p["partition"] for p in described["partitions"]) == list(range(6))


async def test_produce_and_consume_round_trip(kafka_bootstrap: str) -> None:
    topic = _unique("it-roundtrip")
    await _create_topics(kafka_bootstrap, topic, partitions=3)

    producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap, acks="all", enable_idempotence=True)
    await producer.start()
    try:
        meta = await producer.send_and_wait(topic, b"hello kafka", key=b"k1")
    finally:
        await producer.stop()
    assert meta.topic == topic
    assert meta.offset == 0

    assert await _consume_one(kafka_bootstrap, topic, _unique("it-group")) == (b"k1", b"hello kafka")


@pytest.mark.parametrize("guarantee", ["at_least_once", "exactly_once"])
async def test_faust_agent_consumes_and_forwards(kafka_bootstrap: str, tmp_path: Path, guarantee: str) -> None:
    source_name, sink_name = _unique("it-faust-in"), _unique("it-faust-out")
    await _create_topics(kafka_bootstrap, source_name, sink_name, partitions=2)

    app = faust.App(
        _unique("it-faust-app"),
        broker=f"kafka://{kafka_bootstrap}",
        web_enabled=False,
        datadir=str(tmp_path / "faust"),
        store="memory://",
        topic_partitions=2,
        topic_replication_factor=1,
        processing_guarantee=guarantee,
    )
    # `faust worker` sets this before starting the app; exactly_once only uses transactions in a worker.
    app.in_worker = True
    source = app.topic(source_name, key_type=bytes, value_type=bytes, key_serializer="raw", value_serializer="raw")
    sink = app.topic(sink_name, key_type=bytes, value_type=bytes, key_serializer="raw", value_serializer="raw")
    # A table makes Faust create its changelog topic with its own CreateTopics request.
    seen = app.Table("seen", default=int, partitions=2)

    async def shout(stream: faust.StreamT[bytes]) -> None:
        async for event in stream.events():
            seen[event.key] += 1
            await sink.send(key=event.key, value=b"%s #%d" % (event.value.upper(), seen[event.key]))

    app.agent(source, name="shout")(shout)

    await app.start()
    try:
        producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap)
        await producer.start()
        try:
            await producer.send_and_wait(source_name, b"strike reported", key=b"a1")
        finally:
            await producer.stop()
        got = await _consume_one(kafka_bootstrap, sink_name, _unique("it-faust-check"))
    finally:
        await app.stop()

    assert got == (b"a1", b"STRIKE REPORTED #1")
