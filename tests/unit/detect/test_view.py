"""The article view of ``streams.detect.view``: sentences, entity index, dateline, dates."""

from __future__ import annotations

import datetime as dt

from schemas import CleanArticle, EntityArticle, EntitySpan
from streams.detect.view import (
    MAX_SENTENCE_CHARS,
    ArticleView,
    cap_sentences,
    country_of,
    parse_date,
    split_sentences,
)
from tests.unit.detect.conftest import MakeView


def test_split_sentences_without_a_sentencizer() -> None:
    text = "Jets struck Idlib. Five died.\n\nMore later"
    assert [text[s:e] for s, e in split_sentences(text)] == ["Jets struck Idlib.", "Five died.", "More later"]


def test_cap_sentences_cuts_run_ons_at_a_comma_and_keeps_short_ones() -> None:
    text = ", ".join(["word " * 10] * 40)
    pieces = cap_sentences(text, [(0, len(text))])
    assert len(pieces) > 1 and all(e - s <= MAX_SENTENCE_CHARS for s, e in pieces)
    assert all(text[e] == "," for _, e in pieces[:-1])
    assert cap_sentences("short", [(0, 5)]) == [(0, 5)]


def test_parse_date_and_country_of() -> None:
    assert parse_date("2024-05-06T10:00:00Z") == dt.date(2024, 5, 6)
    assert parse_date("yesterday") is None and parse_date(None) is None
    assert country_of("SY-HL") == "SY" and country_of("SY") == "SY"


def test_view_indexes_entities_by_sentence_and_finds_the_dateline(make_view: MakeView) -> None:
    view = make_view("KYIV (Reuters) - Russian drones struck Kharkiv overnight. Odesa was quiet.")
    assert view.dateline_end == len("KYIV (Reuters) - ")
    assert [e.text for e in view.ents(0, "CITY", "ADMIN1")] == ["KYIV", "Kharkiv"]  # the dateline too
    assert [e.text for e in view.ents(1, "CITY", "ADMIN1")] == ["Odesa"]
    assert view.sentence_text(1) == "Odesa was quiet."
    assert view.published == dt.date(2024, 5, 6)


def test_view_without_sentences_splits_the_text_itself() -> None:
    article = CleanArticle(id="a", text="Jets struck Syria. Five died.")
    ea = EntityArticle(
        article=article,
        gate_passed=True,
        entities=[EntitySpan(label="COUNTRY", text="Syria", start=12, end=17, canonical="SY")],
    )
    view = ArticleView.build(ea)
    assert view.sentences == [(0, 18), (19, 29)]
    assert view.countries_named == frozenset({"SY"}) and view.published is None
