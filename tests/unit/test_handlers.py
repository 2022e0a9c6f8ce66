"""Stage handlers and the offloader, without a broker: dead letters, keys, limits, dedup, a dying child.

The detect tests build their ``EntityArticle`` with ``spacy.blank`` and our rule components (spaCy's own
rule: no trained model in a unit test of a rule); the offloader tests spawn a real child process of the
clean stage (cheap: no model), because what is tested is the process boundary itself.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import os
import signal
import time
from collections.abc import Iterator, Sequence

import orjson
import pytest
import spacy
from spacy.language import Language

from agents.handlers import CleanHandler, DetectHandler, EntitiesHandler, Inbound, Outbound, encode
from agents.offload import Offloader
from agents.topics import TopicNames
from schemas import CleanArticle, EntityArticle
from streams.clean import text_fingerprint
from streams.errors import StageTimeoutError
from streams.gate import gate
from streams.nlp import doc_entities, sentence_spans
from streams.settings import Settings

T = TopicNames("")
STRIKE = ("Russian Su-34 warplanes struck the town of Ariha in Idlib province on Monday, killing 12 civilians, "
          "the Syrian Observatory for Human Rights said. Rescue workers searched the rubble for survivors.")
CALM = "The city council approved the budget for the new library on Tuesday after a long debate, officials said."


def rec(value: bytes | None, key: bytes | None = b"k", offset: int = 0, topic: str = "articles.raw") -> Inbound:
    return Inbound(key, value, topic, 2, offset)


def raw(article_id: str, text: str, **extra: object) -> bytes:
    return orjson.dumps({"id": article_id, "text": text, **extra})


def by_topic(outs: Sequence[Outbound], topic: str) -> list[dict]:  # type: ignore[type-arg]
    return [orjson.loads(o.value) for o in outs if o.topic == topic]


# ---------------------------------------------------------------------------------------------- clean


def test_clean_keys_by_fingerprint_and_dead_letters_every_kind(settings: Settings) -> None:
    h = CleanHandler(settings=settings.model_copy(update={"max_text_bytes": 5000}), topics=T)
    batch = [
        rec(raw("a1", CALM), b"a1", 0),
        rec(b'{"id": "x", "text": "caf\xe9"}', b"undecodable", 1),
        rec(b"{broken", b"json", 2),
        rec(orjson.dumps({"id": "s", "text": 5}), b"schema", 3),
        rec(raw("e", "<p> </p>"), b"empty", 4),
        rec(raw("big", CALM * 100), b"big", 5),
        rec(raw("bin", "\x00\x01\x02 binary " * 20), b"binary", 6),
        rec(raw("ru", "Правительство заявило, что бюджет будет пересмотрен после консультаций. " * 3), b"lang", 7),
        rec(None, b"tombstone", 8),
    ]
    out = h.run(batch)
    assert len(out.outputs) == len(batch) and out.claims == {}
    (good,) = [o for o in out.outputs if o.topic == T.clean]
    assert good.key == text_fingerprint(CALM).encode()  # co-partitions every copy of one text
    reasons = {d["key"]: d["reason"] for d in by_topic(out.outputs, T.deadletter)}
    assert reasons == {"undecodable": "undecodable_bytes", "json": "invalid_json", "schema": "wrong_schema",
                       "empty": "empty_text", "big": "too_large", "binary": "binary_content",
                       "lang": "unsupported_language", "tombstone": "empty_text"}


def test_dead_letter_carries_where_and_what_capped(settings: Settings) -> None:
    s = settings.model_copy(update={"max_deadletter_bytes": 100})
    value = b"{" + b"x" * 5000
    (letter,) = by_topic(CleanHandler(settings=s, topics=T).run([rec(value, b"kk", 41)]).outputs, T.deadletter)
    assert (letter["stage"], letter["reason"], letter["error_type"]) == ("clean", "invalid_json", "InvalidJSONError")
    assert (letter["source_topic"], letter["partition"], letter["offset"], letter["key"]) == ("articles.raw", 2, 41,
                                                                                             "kk")
    assert base64.b64decode(letter["original"]) == value[:100] and letter["original_size"] == len(value)
    assert letter["message"] and letter["failed_at"] > 0


def test_output_too_big_for_the_broker_is_dead_lettered(settings: Settings) -> None:
    s = settings.model_copy(update={"max_text_bytes": 3_000_000, "max_message_bytes": 1_048_576})
    text = (CALM + " ") * 11_000  # ~1.2 MB: within max_text_bytes, over what the broker takes
    (letter,) = CleanHandler(settings=s, topics=T).run([rec(raw("huge", text), b"huge")]).outputs
    assert letter.topic == T.deadletter and orjson.loads(letter.value)["reason"] == "too_large"


def test_time_limit_overrun_is_a_dead_letter_and_the_batch_goes_on(settings: Settings) -> None:
    calls = iter(range(100))

    @contextlib.contextmanager
    def second_one_overruns() -> Iterator[None]:
        if next(calls) == 1:
            raise StageTimeoutError("article overran the per-article time cap")
        yield

    h = CleanHandler(settings=settings, topics=T, limit=second_one_overruns)
    out = h.run([rec(raw(f"a{i}", f"{CALM} Number {i}."), f"a{i}".encode(), i) for i in range(3)]).outputs
    assert [o.topic for o in out] == [T.clean, T.deadletter, T.clean]
    assert orjson.loads(out[1].value)["reason"] == "timeout"


# ------------------------------------------------------------------------------------------- entities


def test_entities_isolates_the_article_that_breaks_the_batch(settings: Settings) -> None:
    def stage(batch: Sequence[CleanArticle]) -> list[EntityArticle]:
        if any("poison" in a.text for a in batch):
            raise ValueError("the model choked")
        return [EntityArticle(article=a, gate_passed=False) for a in batch]

    h = EntitiesHandler(settings=settings, topics=T, entity_stage=stage)
    arts = [CleanArticle(id=f"c{i}", text=t) for i, t in enumerate([CALM, "poison " + CALM, STRIKE])]
    out = h.run([rec(encode(a), a.id.encode(), i, T.clean) for i, a in enumerate(arts)]).outputs
    assert [o.topic for o in out] == [T.entities, T.deadletter, T.entities]  # in input order
    letter = orjson.loads(out[1].value)
    assert (letter["stage"], letter["reason"], letter["article_id"]) == ("entities", "stage_exception", "c1")
    assert out[0].key == text_fingerprint(CALM).encode()


# --------------------------------------------------------------------------------------------- detect


@pytest.fixture(scope="module")
def rules() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("strike_gazetteer")
    nlp.add_pipe("place_gazetteer")
    return nlp


def tagged(nlp: Language, article_id: str, text: str) -> bytes:
    article = CleanArticle(id=article_id, text=text)
    if not gate(text, None):
        return encode(EntityArticle(article=article, gate_passed=False))
    doc = nlp(text)
    return encode(EntityArticle(article=article, gate_passed=True, entities=doc_entities(doc),
                                sentences=sentence_spans(doc)))


def test_detect_emits_events_once_per_text(settings: Settings, rules: Language) -> None:
    h = DetectHandler(settings=settings, topics=T)
    fp = text_fingerprint(STRIKE)
    batch = [rec(tagged(rules, i, STRIKE), fp.encode(), n, T.entities) for n, i in enumerate(["s1", "s1", "s2"])]
    out = h.run(batch)
    reports = by_topic(out.outputs, T.enriched)
    events = by_topic(out.outputs, T.events)
    assert [r["article_id"] for r in reports] == ["s1", "s1", "s2"]
    first = [e["event_id"] for e in reports[0]["events"]]
    assert first and [e["event_id"] for e in events] == first  # only the first copy emits
    assert all([e["event_id"] for e in r["events"]] == first for r in reports)  # the copies name the same events
    assert all(e["article_id"] == "s1" for r in reports for e in r["events"])
    assert out.claims == {fp: "s1"}


def test_detect_respects_what_the_table_says_was_emitted(settings: Settings, rules: Language) -> None:
    h = DetectHandler(settings=settings, topics=T)
    fp = text_fingerprint(STRIKE)
    out = h.run([rec(tagged(rules, "late-copy", STRIKE), fp.encode(), 0, T.entities)], seen={fp: "original"})
    (report,) = by_topic(out.outputs, T.enriched)
    assert report["article_id"] == "late-copy" and report["is_strike"]
    assert by_topic(out.outputs, T.events) == [] and out.claims == {}
    fresh = h.run([rec(tagged(rules, "original", STRIKE), fp.encode(), 0, T.entities)])
    assert {e["event_id"] for e in report["events"]} == {e["event_id"] for e in by_topic(fresh.outputs, T.events)}


def test_detect_dead_letters_what_does_not_decode(settings: Settings) -> None:
    out = DetectHandler(settings=settings, topics=T).run([rec(b'{"article": 1}', b"fp", 3, T.entities)])
    (letter,) = by_topic(out.outputs, T.deadletter)
    assert (letter["stage"], letter["reason"], letter["article_id"]) == ("detect", "wrong_schema", None)


# ------------------------------------------------------------------------------------------ offloader


@pytest.fixture
def offloader(settings: Settings) -> Iterator[Offloader]:
    off = Offloader("clean", settings.model_copy(update={"article_timeout_s": 0.1}), in_process=False)
    off.start()
    yield off
    off.stop()


def test_offloader_runs_the_handler_in_a_child_and_survives_its_death(offloader: Offloader) -> None:
    batch = [rec(raw(f"o{i}", f"{CALM} Item {i}."), f"o{i}".encode(), i) for i in range(5)]
    first = asyncio.run(offloader.run(batch))
    assert [o.topic for o in first.outputs] == [T.clean] * 5
    pid = offloader.child_pid
    assert pid is not None and pid != os.getpid()
    os.kill(pid, signal.SIGKILL)
    time.sleep(0.2)
    again = asyncio.run(offloader.run(batch))  # a new child, same answer
    assert again.outputs == first.outputs
    assert offloader.child_pid not in (None, pid) and offloader.restarts >= 1


def test_offloader_time_cap_dead_letters_the_slow_article(offloader: Offloader) -> None:
    slow = "<div>" + "<p><b>word</b> <i>x</i></p>" * 35_000 + "</div>"  # 900 KB: ~0.4 s of HTML parsing
    batch = [rec(raw("fast", CALM), b"fast", 0), rec(raw("slow", slow), b"slow", 1)]
    started = time.monotonic()
    out = asyncio.run(offloader.run(batch)).outputs
    assert time.monotonic() - started < 30
    assert [o.topic for o in out] == [T.clean, T.deadletter]
    assert orjson.loads(out[1].value)["reason"] == "timeout"

