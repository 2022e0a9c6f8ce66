"""SafeConsumer's commit bookkeeping, without a broker.

Faust commits the first run of consecutive acked offsets. Out of the box that run may start one past the
committed offset (and anywhere when the committed offset is 0 or unknown), and any jump in the fetched
offsets is committed over: both lose a record that was dropped unprocessed (a SIGTERM or a rebalance in the
middle of a batch). These tests pin the rules that replace that: a hole at the head of a partition, or a
jump, holds the commit back and asks for a re-fetch; only a re-fetch that proves there is no record there
(a transaction marker, a compacted offset) lets the commit go over it.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from faust.types import TP

import agents.app as app_module
from agents.app import SafeConsumer, create_app
from streams.settings import Settings

TOPIC = TP("articles.raw", 0)


@pytest.fixture
def consumer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SafeConsumer:
    monkeypatch.setattr(app_module, "HEAD_GRACE_S", 0.0)  # the grace period has a test of its own
    app = create_app(Settings(state_dir=tmp_path), stage="clean", bootstrap="127.0.0.1:1", web_port=1)
    c = app.consumer
    assert isinstance(c, SafeConsumer)
    return c


def _ack(c: SafeConsumer, *offsets: int) -> None:
    for offset in offsets:
        c._acked[TOPIC].append(offset)
        c._acked_index[TOPIC].add(offset)


def test_consecutive_offsets_from_the_committed_one_are_committed(consumer: SafeConsumer) -> None:
    consumer._committed_offset[TOPIC] = 10
    _ack(consumer, 10, 11, 12, 14)
    assert consumer._new_offset(TOPIC) == 13  # up to the first hole, as Faust does
    assert not consumer._reseek


def test_an_unprocessed_record_at_the_committed_offset_holds_the_commit(consumer: SafeConsumer) -> None:
    # Faust alone returns 13 here: it allows one missing offset after the committed one.
    consumer._committed_offset[TOPIC] = 10
    _ack(consumer, 11, 12)
    assert consumer._new_offset(TOPIC) is None
    assert consumer._reseek  # fetch again from the committed offsets
    # The re-fetch delivers offset 10: the record exists, so it must be processed first.
    consumer._check_head(TOPIC, 10)
    assert consumer._new_offset(TOPIC) is None
    _ack(consumer, 10)
    assert consumer._new_offset(TOPIC) == 13


def test_a_head_with_no_record_is_committed_over_after_one_refetch(consumer: SafeConsumer) -> None:
    # A transactional publisher's commit marker sits at offset 10; the first record is 11.
    consumer._committed_offset[TOPIC] = 10
    _ack(consumer, 11, 12)
    assert consumer._new_offset(TOPIC) is None
    consumer._check_head(TOPIC, 11)  # fetched from 10, the fetcher returned 11 first
    assert consumer._new_offset(TOPIC) == 13


def test_a_new_group_is_held_at_the_partition_start(consumer: SafeConsumer) -> None:
    # Faust keeps a committed offset of 0 (or none yet) as None and then commits anything.
    consumer.__dict__["_start_offsets"] = {TOPIC: 0}
    _ack(consumer, 1, 2, 3)
    assert consumer._new_offset(TOPIC) is None
    _ack(consumer, 0)
    assert consumer._new_offset(TOPIC) == 4


def test_a_jump_is_a_gap_only_when_seen_again_after_a_refetch(consumer: SafeConsumer) -> None:
    consumer._committed_offset[TOPIC] = 5
    asyncio.run(consumer._add_gap(TOPIC, 8, 10))  # fetched 7, then 10: 8 and 9 missing
    assert consumer._reseek and not consumer._gap[TOPIC]
    _ack(consumer, 5, 6, 7, 10)
    assert consumer._new_offset(TOPIC) == 8  # not over 8..9
    consumer._committed_offset[TOPIC] = 8  # what the commit records: the next offset to read
    asyncio.run(consumer._add_gap(TOPIC, 8, 10))  # the same jump after the re-fetch: really missing
    _ack(consumer, 11)
    assert consumer._new_offset(TOPIC) == 12


def test_skipped_messages_are_not_acked(consumer: SafeConsumer) -> None:
    class Msg:
        generation_id = consumer.app.consumer_generation_id
        acked = False
        tp = TOPIC
        topic = TOPIC.topic
        offset = 3

    consumer.app.flow_control.suspend()
    assert consumer.ack(Msg()) is False  # type: ignore[arg-type]
    assert 3 not in consumer._acked_index[TOPIC]


def test_a_head_still_in_flight_gets_a_grace_period(consumer: SafeConsumer, monkeypatch: pytest.MonkeyPatch) -> None:
    # Two batches in flight (the entities agent): the later one may be acked first. No re-fetch for that.
    monkeypatch.setattr(app_module, "HEAD_GRACE_S", 3600.0)
    consumer._committed_offset[TOPIC] = 10
    _ack(consumer, 14, 15)
    assert consumer._new_offset(TOPIC) is None
    assert not consumer._reseek
    _ack(consumer, 10, 11, 12, 13)  # the earlier batch is done
    assert consumer._new_offset(TOPIC) == 16
    assert consumer.__dict__["_head_waiting"] == {}
