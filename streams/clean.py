"""Stage 1, clean: raw wire copy to normalised plain text with a definite id.

Wire copy arrives as plain text, HTML fragments or whole pages with scripts and page furniture
("READ MORE:" teasers, share buttons). Everything downstream computes character offsets into the
clean text, so this stage is the single place where text changes shape. It also refuses what the
rest must never see (binary, empty, oversized, non-English), with a named error per reason.

All regexes here are linear (no nested quantifiers) and run on input already capped in size.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from html.parser import HTMLParser

import orjson
from pydantic import ValidationError

from schemas import CleanArticle, RawArticle
from streams.errors import (
    BinaryContentError,
    EmptyTextError,
    InvalidJSONError,
    TooLargeError,
    UndecodableError,
    UnsupportedLanguageError,
    WrongSchemaError,
)

STAGE = "clean"

_HTML_HINT = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]{0,15}|/[a-zA-Z][a-zA-Z0-9]{0,15}|!--|!DOCTYPE)[\s>/]", re.I)
_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr table section article blockquote header pre hr dd dt figcaption".split()
)
_SKIP_TAGS = frozenset("script style noscript nav footer aside form button iframe svg template select head".split())
_VOID_TAGS = frozenset("br hr img input meta link area base col embed source track wbr".split())
_ZERO_WIDTH: dict[int, str | None] = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# Hyphens that are not dashes become ASCII so that "Su\u201134" and "Su-34" are one token shape.
_ZERO_WIDTH.update({0x2010: "-", 0x2011: "-", 0x2212: "-"})
_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_FURNITURE = re.compile(
    r"^(?:read more|related|see also|more on this|advertisement|advertising|sponsored|share this( article| story)?|"
    r"share on \w+|follow us|sign up|subscribe|click here|most read|recommended|image copyright|image caption|"
    r"getty images|all rights reserved|copyright ©?|©)\b.{0,300}$",
    re.I,
)
_WORD = re.compile(r"[^\W\d_]+", re.U)
#: A line that opens a unit of its own even without a blank line before it: a list item ("- four killed",
#: "– rescue group: four killed") or a labelled field of a form ("Date and locality: ...", "Reported harm:").
#: Monitoring sheets, ministry posts and incident logs are written this way; joined into one paragraph, the
#: fields ran together into one sentence ("... Lyptsi, Kharkiv oblast. Means: ... Reported harm: - ...").
#: Hard-wrapped prose rarely starts a line with a bullet or with a short capitalised label and a colon.
#: the marks that open a list item; the detect rules read the lines this stage keeps apart by them
LIST_BULLET = r"[-\u2013\u2014\u2022*\u00b7\u25aa\u25cf]"
_STRUCTURED_LINE = re.compile(
    r"^(?:" + LIST_BULLET + r"\s|\d{1,2}[.)]\s|"
    r"(?![^:]{0,120}\b(?:said|says|told|added|stated|wrote|warned|declared|announced|tweeted|posted):)"
    r"[A-Z][A-Za-z'\u2019()/&-]{0,24}(?: [A-Za-z'\u2019()/&-]{1,24}){0,4}:(?:\s|$))"
)
_EN_FUNCTION_WORDS = frozenset(
    "the of and to in a is that for on was with as by at from it he said were has have had are be this an "
    "which their they its not after been who but or more will killed two one his".split()
)

# English words of strike copy that other languages spell otherwise (not "village", "drone", "district")
_EN_WIRE_WORDS = frozenset(
    "killed injured wounded civilians civilian children child bombed bombing struck strike strikes airstrike "
    "airstrikes jet jets near town township state source people incl including dead died hit hits army forces "
    "attack attacked fighters houses house market camp shelling reported unconfirmed local residents".split()
)


class _TextExtractor(HTMLParser):
    """Collects visible text, breaking paragraphs at block tags and dropping scripts/navigation."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS and tag not in _VOID_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n" if tag != "br" else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS and tag not in _VOID_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def decode_raw(data: bytes | None, *, max_bytes: int = 1_000_000) -> RawArticle:
    """Bytes from ``articles.raw`` to a ``RawArticle``, or a named error saying why not."""
    if data is None or not data.strip():
        raise EmptyTextError("empty message")
    if len(data) > max_bytes * 2 + 65_536:  # JSON escaping can double the text
        raise TooLargeError(f"message of {len(data)} bytes exceeds the limit")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UndecodableError(f"not UTF-8: {exc.reason} at byte {exc.start}") from exc
    try:
        obj = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise InvalidJSONError(f"invalid JSON: {exc}") from exc
    if not isinstance(obj, dict):
        raise WrongSchemaError(f"expected a JSON object, got {type(obj).__name__}")
    try:
        return RawArticle.model_validate(obj)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "<root>"
        raise WrongSchemaError(f"RawArticle: {where}: {first.get('msg')}") from exc


def html_to_text(text: str) -> str:
    """Visible text of an HTML fragment or page, paragraphs kept as blank lines."""
    parser = _TextExtractor()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)


def normalise_text(text: str) -> str:
    """Unicode NFKC, entities, zero-width characters, page furniture and whitespace."""
    text = html_to_text(text) if _HTML_HINT.search(text) else html.unescape(text)
    text = unicodedata.normalize("NFKC", text).translate(_ZERO_WIDTH)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs: list[str] = []
    block: list[str] = []
    for line in [*text.split("\n"), ""]:
        line = _SPACES.sub(" ", line).strip()
        if line and not _FURNITURE.match(line):
            block.append(line)
        elif not line and block:
            paragraphs.extend(form_fields(block) or _paragraphs(block))
            block = []
    return "\n\n".join(paragraphs)


def _paragraphs(lines: list[str]) -> list[str]:
    """The lines of one block (no blank line between them) as paragraphs: wrapped lines joined, a list item or a
    labelled line starting a paragraph of its own."""
    out: list[str] = []
    current: list[str] = []
    for line in lines:
        if current and _STRUCTURED_LINE.match(line):
            out.append(" ".join(current))
            current = []
        current.append(line)
    if current:
        out.append(" ".join(current))
    return out


#: A labelled line of a form in any of the layouts monitors and logs use: "[Where] Toeni", "site: Toeni",
#: "Settlement ........ Toeni", "Where — Toeni", "Place | Toeni" (a label of one to five words, in any case).
_FORM_LINE = re.compile(
    r"^(?:\[(?P<bracket>[A-Za-z][^\]\n]{0,40})\]|"
    r"(?![^:]{0,120}\b(?:said|says|told|added|stated|wrote|warned|declared|announced|tweeted|posted):)"
    r"(?P<label>[A-Za-z][\w'\u2019()/&?-]{0,24}(?: [\w'\u2019()/&?-]{1,24}){0,4}?)"
    r"(?P<sep>\s*:|\s*(?:\.{3,}|\u2026+)|\s+[\u2014\u2013|=]))(?:\s+|$)(?P<value>.*)$"
)
#: how many labelled lines make a form (two could be a dateline and a byline)
FORM_MIN_FIELDS = 3


def _separator(m: re.Match[str]) -> str:
    if m.group("bracket"):
        return "["
    sep = m.group("sep").strip()
    return "." if sep[:1] in ".\u2026" else sep


def form_fields(lines: list[str]) -> list[str] | None:
    """A block whose lines are mostly labelled fields, one paragraph per field, each written "Label: value" (the
    bracket, dot leader or dash of the layout becomes a colon, a question mark ending the label goes); None when
    the block is no form.

    Why: joined into one paragraph, a monitor's entry ran its fields together into one or two sentences ("[Where]
    Toeni [From the air?] yes - strikes by army drones [Toll] killed 27 ...") that neither the sentence model nor
    the rules could read; one layout per monitor meant one rule per layout. A line that is no field continues the
    field before it (a wrapped value); lines before the first field stay as they are (the entry's header)."""
    matches = [_FORM_LINE.match(line) for line in lines]
    kinds = [_separator(m) for m in matches if m is not None]
    if not kinds:
        return None
    # the form's own separator; a line with another ("TAMARIND DESK | log entry ...") is its header or prose
    usual = max(set(kinds), key=kinds.count)
    found = [m if m is not None and _separator(m) == usual else None for m in matches]
    n = kinds.count(usual)
    if n < FORM_MIN_FIELDS or 2 * n < len(lines):
        return None
    out: list[str] = []
    in_field = False
    for line, m in zip(lines, found, strict=True):
        if m is None:
            if in_field and not _STRUCTURED_LINE.match(line):  # (a list under a field stays a list)
                out[-1] = f"{out[-1]} {line}"
            else:
                out.append(line)
            continue
        label = (m.group("bracket") or m.group("label")).strip().rstrip("?").strip()
        value = m.group("value").strip()
        out.append(f"{label}: {value}" if value else f"{label}:")
        in_field = True
    return out


def text_fingerprint(text: str) -> str:
    """Id of an article without one: a hash of its casefolded, whitespace-collapsed text."""
    canon = " ".join(text.casefold().split())
    return "sha1-" + hashlib.sha1(canon.encode("utf-8"), usedforsecurity=False).hexdigest()[:20]


def _check_binary(text: str) -> None:
    sample = text[:20_000]
    if not sample:
        return
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t\f\v") or ch == "\ufffd")
    if "\x00" in sample or bad / len(sample) > 0.05:
        raise BinaryContentError(f"{bad} control/replacement characters in {len(sample)}: binary content")


def _check_language(text: str, declared: str | None) -> None:
    if declared and declared.split("-")[0].lower() not in {"en", "eng"}:
        raise UnsupportedLanguageError(f"declared language {declared!r}; only English is supported")
    sample = text[:5000]
    letters = [ch for ch in sample if ch.isalpha()]
    if len(letters) < 20:
        return
    latin = sum(1 for ch in letters if ch < "\u0250")
    if latin / len(letters) < 0.6:
        raise UnsupportedLanguageError("text is mostly in a non-Latin script; only English is supported")
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) >= 25:
        ratio = sum(1 for w in words if w in _EN_FUNCTION_WORDS) / len(words)
        # a telegraphic monitor post ("Regime jet bombed a village near X town ... 3 civilians killed incl. 1 child,
        # 5 injured (source: ...)") drops function words but keeps English words of the trade
        wire = sum(1 for w in words if w in _EN_FUNCTION_WORDS or w in _EN_WIRE_WORDS) / len(words)
        if ratio < 0.08 and wire < 0.3:
            raise UnsupportedLanguageError(f"few English function words ({ratio:.0%}); only English is supported")


def clean(raw: RawArticle, *, max_text_bytes: int = 1_000_000, min_text_chars: int = 20) -> CleanArticle:
    """Normalise one raw article; raise a ``StageError`` subclass for input that must be dead-lettered."""
    size = len(raw.text.encode("utf-8", errors="surrogatepass"))
    if size > max_text_bytes:
        raise TooLargeError(f"text of {size} bytes exceeds the limit of {max_text_bytes}")
    _check_binary(raw.text)
    text = normalise_text(raw.text)
    if len(text) < min_text_chars:
        raise EmptyTextError(f"clean text has {len(text)} characters (minimum {min_text_chars})")
    _check_language(text, raw.language)
    title = normalise_text(raw.title).replace("\n\n", " ") if raw.title else None
    return CleanArticle(
        id=raw.id or text_fingerprint(text),
        text=text,
        title=title or None,
        url=raw.url,
        published=raw.published,
        source=raw.source,
        meta=raw.meta,
        ingested_at=raw.ingested_at,
    )
