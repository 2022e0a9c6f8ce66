"""Readers for the newsroom formats ``strikewire publish`` and ``strikewire extract`` accept.

- JSONL: one ``RawArticle`` per line (the eval files' ``id``/``text``/``title``/``published`` fit too);
- IPTC ninjs JSON (``uri``, ``headline``, ``body_text`` or ``body_html``, ``versioncreated``,
  ``language``), one item or a list of items;
- the seed's wire format: line 1 a URL, lines 2-3 two integers of the feed (kept as metadata), then
  the body;
- anything else: a plain text (or HTML) file, one article.

Pure parsing: no Kafka. A line or file that cannot be read becomes a ``ReadError`` the caller reports,
so one bad line does not stop a publish run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from pydantic import ValidationError

from schemas import RawArticle

_URL_LINE = re.compile(r"^https?://\S{1,2000}$")
_INT_LINE = re.compile(r"^-?\d{1,18}$")


@dataclass(frozen=True)
class ReadError:
    """A record that could not be turned into a RawArticle (where, and why)."""

    where: str
    reason: str


def from_ninjs(item: dict[str, Any]) -> RawArticle:
    """An IPTC ninjs news item to a RawArticle (body_text preferred, else body_html)."""
    body = item.get("body_text") or item.get("body_html") or item.get("description_text") or ""
    meta = {k: item[k] for k in ("type", "version", "urgency", "byline", "located") if k in item}
    return RawArticle(
        id=item.get("guid") or item.get("uri"),
        text=body,
        title=item.get("headline"),
        url=item.get("uri") if str(item.get("uri", "")).startswith("http") else None,
        published=item.get("versioncreated") or item.get("firstcreated"),
        language=item.get("language"),
        source=(item.get("copyrightholder") or None),
        meta={"format": "ninjs", **meta},
    )


def from_mapping(obj: dict[str, Any]) -> RawArticle:
    """A JSON object: ninjs when it looks like one, else a RawArticle (eval records fit)."""
    if "text" not in obj and ("body_text" in obj or "body_html" in obj or "headline" in obj):
        return from_ninjs(obj)
    meta = obj.get("meta")
    outlet = meta.get("outlet") if isinstance(meta, dict) else None
    if isinstance(outlet, str) and outlet.strip():
        # a hand-labelled record names its dataset in ``source`` and the outlet that published it in
        # ``meta.outlet``: the article's source is its outlet (whose unattributed figures are its own claims in an
        # incident, apart from another outlet's)
        obj = {**obj, "source": outlet.strip()}
    return RawArticle.model_validate(obj)


def from_wire_text(content: str, *, name: str) -> RawArticle:
    """The seed's wire format when the header is there; else a plain text article."""
    lines = content.split("\n", 3)
    if len(lines) == 4 and _URL_LINE.match(lines[0].strip()) and all(_INT_LINE.match(x.strip()) for x in lines[1:3]):
        url = lines[0].strip()
        slug = url.rstrip("/").rsplit("/", 1)[-1]
        article_id = None
        m = re.match(r"^(\d{3,})\.", slug)
        if m:
            article_id = f"{url.split('/')[2].split('.')[-2] if '.' in url.split('/')[2] else 'wire'}-{m.group(1)}"
        title = re.sub(r"^\d+\.", "", slug).replace("_", " ").strip() or None
        return RawArticle(
            id=article_id,
            text=lines[3].lstrip("\n"),
            title=title,
            url=url,
            source=name,
            meta={"format": "wire", "feed_header_integers": [int(lines[1]), int(lines[2])], "file": name},
        )
    return RawArticle(text=content, source=name, meta={"format": "text", "file": name})


def read_path(path: Path) -> Iterator[RawArticle | ReadError]:
    """Every article in one file, in order; unreadable parts come out as ReadError."""
    name = path.name
    if path.suffix.lower() in {".jsonl", ".ndjson"}:
        with path.open("rb") as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    obj = orjson.loads(line)
                    if not isinstance(obj, dict):
                        raise ValueError("not a JSON object")
                    yield from_mapping(obj)
                except (orjson.JSONDecodeError, ValueError, ValidationError) as exc:
                    yield ReadError(f"{path}:{lineno}", f"{type(exc).__name__}: {str(exc)[:200]}")
        return
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        yield ReadError(str(path), f"{type(exc).__name__}: {exc}")
        return
    if path.suffix.lower() == ".json":
        try:
            data = orjson.loads(content)
            items = data if isinstance(data, list) else [data]
            for i, item in enumerate(items):
                if isinstance(item, dict):
                    yield from_mapping(item)
                else:
                    yield ReadError(f"{path}[{i}]", "not a JSON object")
        except (orjson.JSONDecodeError, ValueError, ValidationError) as exc:
            yield ReadError(str(path), f"{type(exc).__name__}: {str(exc)[:200]}")
        return
    yield from_wire_text(content, name=name)


def read_paths(paths: list[Path]) -> Iterator[RawArticle | ReadError]:
    """Files and directories (recursively, sorted) in order."""
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
                yield from read_path(child)
        else:
            yield from read_path(path)
