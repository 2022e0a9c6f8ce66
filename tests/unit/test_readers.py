"""Newsroom input formats: JSONL, ninjs, the seed's wire format, plain text."""

from __future__ import annotations

from pathlib import Path

from schemas import RawArticle
from streams.readers import ReadError, read_path


def test_wire_format_header_becomes_metadata(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("http://www.example.com/news/1234567.Jets_hit_depot/\n190\n19\nBody line one.\n\nBody two.\n")
    (art,) = list(read_path(p))
    assert isinstance(art, RawArticle)
    assert art.url == "http://www.example.com/news/1234567.Jets_hit_depot/"
    assert art.meta["feed_header_integers"] == [190, 19]
    assert art.text.startswith("Body line one.") and "190" not in art.text
    assert art.title == "Jets hit depot" and art.id == "example-1234567"


def test_plain_text_without_header(tmp_path: Path) -> None:
    p = tmp_path / "b.txt"
    p.write_text("Just an article.\nSecond line.")
    (art,) = list(read_path(p))
    assert isinstance(art, RawArticle) and art.id is None and art.text.startswith("Just an article.")


def test_ninjs_item_and_list(tmp_path: Path) -> None:
    p = tmp_path / "n.json"
    p.write_text(
        '[{"uri": "urn:x:1", "headline": "H", "body_html": "<p>B</p>", "versioncreated": "2026-01-01T00:00:00Z",'
        ' "language": "en"}, 5]'
    )
    items = list(read_path(p))
    assert isinstance(items[0], RawArticle)
    assert (items[0].id, items[0].title, items[0].text, items[0].published) == (
        "urn:x:1", "H", "<p>B</p>", "2026-01-01T00:00:00Z")
    assert isinstance(items[1], ReadError)


def test_jsonl_bad_lines_are_reported_not_fatal(tmp_path: Path) -> None:
    p = tmp_path / "c.jsonl"
    p.write_text('{"id": "a", "text": "one"}\n{broken\n\n{"id": "b", "text": "two", "published": "2022-01-01"}\n')
    items = list(read_path(p))
    assert [type(i).__name__ for i in items] == ["RawArticle", "ReadError", "RawArticle"]
    assert isinstance(items[1], ReadError) and items[1].where.endswith(":2")
