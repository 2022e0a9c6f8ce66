"""Property tests: arbitrary unicode, huge, empty and HTML-soup input at every stage, and through all three.

The one property that matters for a 24/7 service: whatever arrives, a stage hands back exactly one
answer per record, an output on its topic or a dead letter with a known reason, in bounded time, and
never raises. End to end (clean -> entities -> detect, in process, with the real spaCy model), every
input ends as exactly one report or exactly one dead letter: nothing is lost, nothing doubled.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence

import orjson
import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from agents.handlers import CleanHandler, DetectHandler, EntitiesHandler, Inbound, Outbound, encode
from agents.topics import TopicNames
from schemas import CleanArticle, EntityArticle, EntitySpan, RawArticle
from streams.clean import clean, text_fingerprint
from streams.errors import StageError
from streams.nlp import EntityStage
from streams.settings import Settings

T = TopicNames("")
REASONS = {"undecodable_bytes", "invalid_json", "wrong_schema", "empty_text", "too_large", "binary_content",
           "unsupported_language", "timeout", "stage_exception", "stage_crashed"}
SMALL = Settings(max_text_bytes=20_000, max_deadletter_bytes=1000, nlp_workers=0)
FEW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ------------------------------------------------------------------------------------------ strategies

_WORDS = ("air strike", "Su-34", "drone", "warplanes", "Idlib", "province", "killed", "civilians", "said", "the",
          "jets", "struck", "Marib", "at least", "12", "people", "Russian", "coalition", "Shahed-136", "MQ-9",
          "on Monday", "the officials", "\u00a0", "\u200b", "Ωμέγα", "北京", "🙂", ",", ".", "\n\n")
word_soup = st.lists(st.sampled_from(_WORDS), min_size=0, max_size=120).map(" ".join)
_TAGS = ("p", "div", "b", "i", "script", "style", "br", "li", "table", "a href='x'", "!--", "iframe", "span")


@st.composite
def html_soup(draw: st.DrawFn) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 60))):
        kind = draw(st.integers(0, 5))
        tag = draw(st.sampled_from(_TAGS))
        if kind == 0:
            parts.append(f"<{tag}>")
        elif kind == 1:
            parts.append(f"</{tag.split()[0]}>")
        elif kind == 2:
            parts.append(draw(st.sampled_from(["&amp;", "&#x1F600;", "&#0;", "&nbsp;", "&bogus;", "&#xD800;", "<"])))
        elif kind == 3:
            parts.append(draw(word_soup))
        else:
            parts.append(draw(st.text(max_size=40)))
    return "".join(parts)


# Around the (small, for speed) text limit of SMALL: some over it, some under.
huge = st.tuples(st.one_of(st.text(min_size=1, max_size=80), word_soup.filter(bool)), st.integers(15_000, 30_000)).map(
    lambda p: (p[0] * (p[1] // len(p[0]) + 1))[: p[1]]
)
any_text = st.one_of(st.text(max_size=3000), word_soup, html_soup(), huge)


@st.composite
def raw_values(draw: st.DrawFn) -> bytes | None:
    kind = draw(st.integers(0, 6))
    if kind == 0:
        return draw(st.one_of(st.none(), st.binary(max_size=2000)))
    if kind == 1:  # JSON with escapes orjson would refuse to write (lone surrogates)
        return json.dumps({"id": draw(st.text(max_size=20)), "text": draw(st.text(max_size=500))}).encode()
    if kind == 2:
        # json, not orjson: integers beyond 64 bits are valid JSON that orjson itself cannot read.
        return json.dumps(draw(st.one_of(st.integers(), st.lists(st.text(max_size=5)), st.none(),
                                         st.dictionaries(st.text(max_size=5), st.text(max_size=5))))).encode()
    obj: dict[str, object] = {"text": draw(any_text)}
    if draw(st.booleans()):
        obj["id"] = draw(st.text(max_size=40))
    if draw(st.booleans()):
        obj["title"] = draw(st.one_of(st.none(), st.text(max_size=100), html_soup()))
    if draw(st.booleans()):
        obj["language"] = draw(st.sampled_from(["en", "en-GB", "fr", "", "xx", "EN"]))
    return orjson.dumps(obj)


def inbound(values: Sequence[bytes | None], topic: str) -> list[Inbound]:
    return [Inbound(f"k{i}".encode(), v, topic, 0, i) for i, v in enumerate(values)]


def check_one_answer_each(batch: Sequence[Inbound], outs: Sequence[Outbound], topic: str, *, extra: str = "") -> None:
    main = [o for o in outs if o.topic in (topic, T.deadletter)]
    assert len(main) == len(batch), "exactly one output or dead letter per record"
    assert all(o.topic in (topic, T.deadletter, extra) for o in outs)
    for o in outs:
        if o.topic == T.deadletter:
            letter = orjson.loads(o.value)
            assert letter["reason"] in REASONS and letter["source_topic"] == batch[0].topic


# ------------------------------------------------------------------------------------------------ clean


@FEW
@given(st.lists(raw_values(), min_size=1, max_size=8))
def test_clean_answers_every_record_once(values: list[bytes | None]) -> None:
    batch = inbound(values, T.raw)
    started = time.perf_counter()
    outs = CleanHandler(settings=SMALL, topics=T).run(batch).outputs
    assert time.perf_counter() - started < 10
    check_one_answer_each(batch, outs, T.clean)
    for o in outs:
        if o.topic == T.clean:
            article = CleanArticle.model_validate_json(o.value)
            assert len(article.text) >= SMALL.min_text_chars and article.text == article.text.strip()
            assert o.key == text_fingerprint(article.text).encode()
            assert len(article.text.encode("utf-8", "surrogatepass")) <= SMALL.max_text_bytes


@FEW
@given(any_text, st.one_of(st.none(), st.text(max_size=200), html_soup()))
def test_clean_text_is_normalised(text: str, title: str | None) -> None:
    try:
        article = clean(RawArticle(id="x", text=text, title=title), max_text_bytes=SMALL.max_text_bytes)
    except StageError:  # a refusal; the handler test checks that it becomes a dead letter
        return
    out = article.text
    assert out == out.strip() and "\r" not in out and "\n\n\n" not in out and "  " not in out
    assert not any(ch in out for ch in "\u200b\u200c\u200d\u2060\ufeff\u00ad")
    assert all(p.strip() == p and p for p in out.split("\n\n"))
    assert article.title is None or "\n" not in article.title


@pytest.mark.parametrize("text", [
    "<" * 400_000,
    "<a" * 300_000,
    "&" * 900_000,
    "read more " * 90_000,
    "<div>" * 150_000,
    "<!--" * 200_000,
    "a" * 990_000,
    ("word " * 50 + "\n") * 3500,
    "\u200b" * 300_000,
    "x\r" * 450_000,
])
def test_clean_is_linear_on_pathological_input(text: str) -> None:
    started = time.perf_counter()
    outs = CleanHandler(settings=Settings(), topics=T).run(inbound([orjson.dumps({"text": text})], T.raw)).outputs
    assert len(outs) == 1
    assert time.perf_counter() - started < 5, "clean must be linear: no regex backtracking, no quadratic loops"


# --------------------------------------------------------------------------------------------- entities


@FEW
@given(st.lists(any_text.filter(lambda t: t.strip() != ""), min_size=1, max_size=4))
def test_entities_answers_every_record_once(entity_stage: EntityStage, texts: list[str]) -> None:
    arts = [CleanArticle(id=f"e{i}", text=t) for i, t in enumerate(texts)]
    batch = inbound([encode(a) for a in arts] + [b"not json"], T.clean)
    outs = EntitiesHandler(settings=SMALL, topics=T, entity_stage=entity_stage).run(batch).outputs
    check_one_answer_each(batch, outs, T.entities)
    for o in outs:
        if o.topic == T.entities:
            ea = EntityArticle.model_validate_json(o.value)
            n = len(ea.article.text)
            assert all(0 <= e.start <= e.end <= n and ea.article.text[e.start:e.end] == e.text for e in ea.entities)
            assert all(0 <= a < b <= n for a, b in ea.sentences)


# ----------------------------------------------------------------------------------------------- detect


@st.composite
def entity_articles(draw: st.DrawFn) -> EntityArticle:
    text = draw(st.one_of(word_soup, st.text(max_size=600))) or "x"
    n = len(text)
    spans = st.tuples(st.integers(-5, n + 5), st.integers(-5, n + 5))
    entities = [EntitySpan(label=draw(st.sampled_from(["AIRCRAFT", "ADMIN1", "GPE", "AIRBASE", "CARDINAL", "NORP"])),
                           text=draw(st.text(max_size=10)), start=a, end=b,
                           canonical=draw(st.one_of(st.none(), st.sampled_from(["Su-34", "SY-ID", "XX-99", "?"]))))
                for a, b in draw(st.lists(spans, max_size=8))]
    return EntityArticle(article=CleanArticle(id=draw(st.text(min_size=1, max_size=10)), text=text),
                         gate_passed=draw(st.booleans()), entities=entities,
                         sentences=draw(st.lists(spans, max_size=6)))


@pytest.fixture(scope="module")
def rules() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("strike_gazetteer")
    nlp.add_pipe("place_gazetteer")
    return nlp


@FEW
@given(st.lists(entity_articles(), min_size=1, max_size=5))
def test_detect_answers_every_record_once(items: list[EntityArticle]) -> None:
    batch = inbound([encode(i) for i in items], T.entities)
    outs = DetectHandler(settings=SMALL, topics=T).run(batch).outputs
    check_one_answer_each(batch, outs, T.enriched, extra=T.events)


@FEW
@given(st.lists(word_soup, min_size=1, max_size=4))
def test_detect_on_tagged_strike_soup(rules: Language, texts: list[str]) -> None:
    items = []
    for i, text in enumerate(texts):
        doc = rules(text)
        from streams.nlp import doc_entities, sentence_spans

        items.append(EntityArticle(article=CleanArticle(id=f"d{i}", text=text), gate_passed=True,
                                   entities=doc_entities(doc), sentences=sentence_spans(doc)))
    batch = inbound([encode(i) for i in items], T.entities)
    result = DetectHandler(settings=SMALL, topics=T).run(batch)
    check_one_answer_each(batch, result.outputs, T.enriched, extra=T.events)
    events = [orjson.loads(o.value) for o in result.outputs if o.topic == T.events]
    assert len({e["event_id"] for e in events}) == len(events)  # no event id twice


# ------------------------------------------------------------------------------------------ end to end


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(raw_values(), min_size=1, max_size=6))
def test_every_record_ends_as_one_report_or_one_dead_letter(entity_stage: EntityStage,
                                                           values: list[bytes | None]) -> None:
    c = CleanHandler(settings=SMALL, topics=T)
    e = EntitiesHandler(settings=SMALL, topics=T, entity_stage=entity_stage)
    d = DetectHandler(settings=SMALL, topics=T)
    raw = inbound(values, T.raw)
    cleaned = c.run(raw).outputs
    ents = e.run(inbound([o.value for o in cleaned if o.topic == T.clean], T.clean)).outputs
    final = d.run(inbound([o.value for o in ents if o.topic == T.entities], T.entities)).outputs
    reports = [o for o in final if o.topic == T.enriched]
    dead = [o for o in cleaned + ents + final if o.topic == T.deadletter]
    assert len(reports) + len(dead) == len(raw)
