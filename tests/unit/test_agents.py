"""Agent tests with Faust's ``Agent.test_context()`` (no broker): the thin adapter decodes, calls the
stage, sends and dead-letters, and survives a stage that blows up.

Sends are captured by replacing ``faust.Topic.send`` for the duration of a test (Faust's test context
runs the agent on a local channel; there is no producer to talk to).
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import orjson
import pytest
from faust.topics import Topic

from agents.app import create_app, register_stage
from agents.handlers import Inbound, StageOutput
from agents.offload import Offloader, _ChildLost
from schemas import CleanArticle, EntityArticle, StrikeEvent
from streams.settings import Settings

Sent = list[tuple[str, bytes, dict[str, Any]]]


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> Sent:
    out: Sent = []

    async def fake_send(self: Topic, *, key: bytes | None = None, value: bytes | None = None,
                        **kw: Any) -> asyncio.Future[None]:
        out.append((self.get_topic_name(), key or b"", orjson.loads(value or b"null")))
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        done.set_result(None)  # what the producer's future does once the broker acknowledged
        return done

    monkeypatch.setattr(Topic, "send", fake_send)
    return out


def _app(tmp_path: Path, stage: str, offloader: Offloader | None = None) -> Any:
    s = Settings(state_dir=tmp_path, nlp_workers=0, batch_within_s=0.01, web_port=16066)
    app = create_app(s, stage=stage, bootstrap="127.0.0.1:9", web_port=16066)
    app.conf.store = "memory://"
    off = offloader or Offloader(stage, s, in_process=True)
    if offloader is None:
        off.start()
    # One actor: Faust's test wrapper gives all actors of an agent one shared Stream (in a worker each has
    # its own stream over one shared queue), so concurrency > 1 cannot be exercised here; the integration
    # and chaos tests run the entities stage with its real concurrency on a broker.
    register_stage(app, s, stage, off, concurrency=1)
    return app.agents[f"strikewire.{stage}"]


async def _until(pred: Any, wait_s: float = 5.0) -> None:
    for _ in range(int(wait_s / 0.02)):
        if pred():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("condition not met in time")


async def test_clean_agent_sends_clean_article_and_dead_letters_poison(tmp_path: Path, sent: Sent) -> None:
    agent = _app(tmp_path, "clean")
    async with agent.test_context() as ag:
        await ag.put(b'{"id": "a1", "text": "<p>Jets struck a depot near the town, officials said.</p>"}', key=b"a1")
        await ag.put(b"{broken", key=b"b1")
        await ag.put(b'{"id": "a2", "text": "A second article that is long enough to be kept."}', key=b"a2")
        await _until(lambda: len(sent) == 3)
    topics = [t for t, _, _ in sent]
    assert topics == ["articles.clean", "articles.deadletter", "articles.clean"]
    assert CleanArticle.model_validate(sent[0][2]).text == "Jets struck a depot near the town, officials said."
    dl = sent[1][2]
    assert (dl["stage"], dl["reason"], dl["key"], dl["source_topic"]) == ("clean", "invalid_json", "b1",
                                                                          "articles.raw")


async def test_detect_agent_emits_report_for_every_article(tmp_path: Path, sent: Sent) -> None:
    agent = _app(tmp_path, "detect")
    art = CleanArticle(id="n1", text="The council approved the budget for the new library on Tuesday.")
    async with agent.test_context() as ag:
        await ag.put(EntityArticle(article=art, gate_passed=False).model_dump_json().encode(), key=b"n1")
        await ag.put(b'{"schema_version": 1, "article": {}}', key=b"bad")
        await _until(lambda: len(sent) == 2)
    (report,) = [v for t, _, v in sent if t == "articles.enriched"]
    assert report["article_id"] == "n1" and report["is_strike"] is False
    (dl,) = [v for t, _, v in sent if t == "articles.deadletter"]
    assert dl["reason"] == "wrong_schema" and dl["stage"] == "detect"


class _Exploding(Offloader):
    """A stage whose handler raises on every call (a bug, a dead worker process)."""

    calls = 0

    def start(self) -> None:
        pass

    async def _ask(self, batch: Sequence[Inbound], context: Mapping[str, Any], *, deadline: float) -> StageOutput:
        type(self).calls += 1
        raise _ChildLost("stage bug", timed_out=False)


async def test_agent_survives_a_stage_that_raises(tmp_path: Path, sent: Sent) -> None:
    s = Settings(state_dir=tmp_path, nlp_workers=0)
    agent = _app(tmp_path, "entities", _Exploding("entities", s, in_process=False))
    async with agent.test_context() as ag:
        await ag.put(b'{"id": "x"}', key=b"x1")
        await _until(lambda: len(sent) == 1)
        await ag.put(b'{"id": "y"}', key=b"y1")
        await _until(lambda: len(sent) == 2)
    assert [v["reason"] for _, _, v in sent] == ["stage_crashed", "stage_crashed"]
    assert [v["key"] for _, _, v in sent] == ["x1", "y1"]
    assert _Exploding.calls >= 4  # the batch, then each record alone


def _strike_event() -> StrikeEvent:
    return StrikeEvent.model_validate({
        "event_id": "evt-1", "article_id": "a1", "actor": "Russia", "published": "2016-08-16",
        "bases": [{"name": "Shahid Nojeh Air Base", "country": "IR"}],
        "provinces": [{"code": "SY-HL"}], "killed_min": 15,
        "casualties": [{"status": "killed", "count_min": 15, "claimed_by": "activists"}],
    })


async def test_alert_stage_runs_in_the_common_adapter(tmp_path: Path, sent: Sent) -> None:
    """The alert stage is the stage table's ``alert`` entry in the one adapter: alerts and dead letters are
    sent. (Table writes need a running producer: the broker tests cover them.)"""
    agent = _app(tmp_path, "alert")
    async with agent.test_context() as ag:
        await ag.put(_strike_event().model_dump_json().encode(), key=b"evt-1")
        await ag.put(b"{broken", key=b"bad")
        await _until(lambda: any(t == "articles.deadletter" for t, _, _ in sent))
    alerts = [v for t, _, v in sent if t == "strikes.alerts"]
    assert {a["rule_id"] for a in alerts} >= {"killed-10", "new-launch-base"}
    (dl,) = [v for t, _, v in sent if t == "articles.deadletter"]
    assert dl["stage"] == "alert" and dl["reason"] == "invalid_json"


def test_alert_handler_batch_sees_its_own_updates_and_the_tables_after_apply(tmp_path: Path) -> None:
    from agents.alerting import build_alert_handler

    s = Settings(state_dir=tmp_path)
    handler = build_alert_handler(s)
    rec = Inbound(b"evt-1", _strike_event().model_dump_json().encode(), "strikes.events", 0, 0)
    tables: dict[str, dict[str, Any]] = {"last_seen": {}, "max_toll": {}, "fired": {}}
    first = handler.run([rec, rec._replace(offset=1)], **tables)
    rules = [orjson.loads(o.value)["rule_id"] for o in first.outputs]
    assert len(rules) == len(set(rules)) >= 2  # the repeat in the same batch fires nothing
    for name in tables:  # what AlertTables.apply writes after the acks
        tables[name].update(getattr(first.updates, name))
    assert handler.run([rec._replace(offset=2)], **tables).outputs == []
