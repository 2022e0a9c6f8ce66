"""Topic administration: create every topic the service uses, idempotently.

Faust would create the topics its agents read on first use, but with its own defaults and only for
sources; creating all of them up front (with the configured partitions) lets publishers and dashboards
start before the worker, and makes the partition count a deliberate choice.
"""

from __future__ import annotations

import asyncio
import logging

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from agents.kafka_client import aiokafka_security
from agents.topics import COMPACTED, DEADLETTER, TopicNames
from streams.settings import Settings

log = logging.getLogger(__name__)

# Dead letters are kept longer: they are what an operator replays after a fix.
DEADLETTER_RETENTION_MS = 30 * 24 * 3600 * 1000


def topic_configs(settings: Settings, base: str) -> dict[str, str]:
    """The topic-level configs the service sets on topic ``base`` (unprefixed); also documented in AsyncAPI."""
    # Articles up to max_text_bytes (and the outputs built from them) must fit; bigger ones are refused
    # by the stages with a dead letter, not by the broker at the publisher.
    configs = {"max.message.bytes": str(settings.max_message_bytes)}
    if base == DEADLETTER:
        configs["retention.ms"] = str(DEADLETTER_RETENTION_MS)
    if base in COMPACTED:
        configs["cleanup.policy"] = "compact"
    return configs


async def create_topics(settings: Settings, bootstrap: str, *, names: TopicNames | None = None) -> list[str]:
    """Create all topics that do not exist yet; return the names created."""
    names = names or TopicNames(settings.topic_prefix)
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, **aiokafka_security(settings))
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        wanted = []
        for name in names.all():
            if name in existing:
                continue
            configs = topic_configs(settings, name[len(names.prefix):])
            wanted.append(
                NewTopic(
                    name=name,
                    num_partitions=settings.topic_partitions,
                    replication_factor=settings.topic_replication,
                    topic_configs=configs,
                )
            )
        created: list[str] = []
        for topic in wanted:
            try:
                await admin.create_topics([topic])
                created.append(topic.name)
            except TopicAlreadyExistsError:
                pass
        if created:
            log.info("created topics: %s", ", ".join(created))
        # Metadata propagates asynchronously; wait until the broker lists them.
        for _ in range(50):
            if set(names.all()) <= set(await admin.list_topics()):
                break
            await asyncio.sleep(0.1)
        return created
    finally:
        await admin.close()
