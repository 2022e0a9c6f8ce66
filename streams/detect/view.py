"""The article view: an entity-tagged article cut into sentences, with the per-sentence lookups every rule needs.

Why a class: the rules ask the same questions many times per article (the entities of sentence 7, its text, the
target places of sentence 3); the view answers them from indexes built once per article. The rules themselves
are plain functions over a view in the other modules of ``streams.detect``.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cached_property

from schemas import CleanArticle, EntityArticle, EntitySpan
from streams import lexicon

# "KYIV, March 3 -", "ODESA, Ukraine, July 20, 2024 —", "KYIV, March 3 (Reuters) -", "BEIRUT (AP) -": the agency
# tag in parentheses is how most wire copy is filed, and the date may be missing when the tag is there.
_AGENCY = r"\([A-Z][A-Za-z0-9 .&/'\-]{0,30}\)"


_DATELINE = re.compile(
    r"^[A-Z][A-Z'.\- /]{1,60}(?:, [A-Z][A-Za-z'.\- ]{1,40}){0,2}"
    r"(?:(?:, [A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?(?: " + _AGENCY + r")?| " + _AGENCY + r")?"
    r" ?[\u2014\u2013-]{1,2} ?"
    # regional papers' "HILLA, Aug 14: An explosion ...": a colon after the date
    r"|, [A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?: )"
)
# a local outlet's or a translated agency's town in title case: "Bent Jbeil - An Israeli drone strike ..." (a
# dateline only when the gazetteer knows the name as a place)
_LOCAL_DATELINE = re.compile(r"^([A-Z][a-z]+(?:[ '][A-Z][a-z]+){0,2}) [\u2014\u2013-] (?=[A-Z])")


def parse_date(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def country_of(code: str) -> str:
    """The ISO 3166-1 country of an ISO 3166-2 code ("SY-HL" -> "SY"); a country code is its own country."""
    return code.split("-")[0]


class ArticleView:
    """An entity-tagged article with the lookups detection needs, computed once per article."""

    def __init__(self, ea: EntityArticle, sentences: list[tuple[int, int]]) -> None:
        self.ea = ea
        self.article: CleanArticle = ea.article
        self.text = ea.article.text
        self.sentences = sentences
        self.published = parse_date(ea.article.published)
        m = _DATELINE.match(self.text)
        self.dateline_end = m.end() if m else 0
        # a title-case local dateline only says where the copy was filed (``local_dateline``): its town stays a
        # candidate target, as the town of a local outlet's copy often is the place hit
        local = _LOCAL_DATELINE.match(self.text) if m is None else None
        self.local_dateline = local is not None and any(
            e.start == 0 and e.end == local.end(1) and e.label in ("ADMIN1", "CITY", "DISTRICT") for e in ea.entities
        )
        self.local_dateline_end = local.end() if local and self.local_dateline else 0
        # per-sentence results asked for again by grouping, district and recall checks (filled by
        # ``places.place_candidates`` and ``timing.long_ago``)
        self.place_cache: dict[int, list[EntitySpan]] = {}
        self.long_ago_cache: dict[int, bool] = {}
        # the official whose summary the copy retells (``actors.claimant``), read once per article
        self.summary_speaker: str | None = None
        self.summary_speaker_read = False

    @classmethod
    def build(cls, ea: EntityArticle) -> ArticleView:
        sentences = list(ea.sentences)
        if not sentences:
            sentences = split_sentences(ea.article.text)
        return cls(ea, cap_sentences(ea.article.text, sentences))

    @cached_property
    def _by_sentence(self) -> list[list[EntitySpan]]:
        out: list[list[EntitySpan]] = [[] for _ in self.sentences]
        starts = [s for s, _ in self.sentences]
        for ent in self.ea.entities:
            idx = _bisect(starts, ent.start)
            if 0 <= idx < len(out):
                out[idx].append(ent)
        return out

    def ents(self, idx: int, *labels: str) -> list[EntitySpan]:
        """Entities of sentence ``idx`` with one of these labels."""
        return [e for e in self._by_sentence[idx] if e.label in labels]

    def sentence_text(self, idx: int) -> str:
        s, e = self.sentences[idx]
        return self.text[s:e]

    def aircraft_in(self, idx: int) -> bool:
        return bool(self.ents(idx, "AIRCRAFT"))

    @cached_property
    def air_munitions(self) -> bool:
        """The article names air-launched missiles and no ground/ship-launched weapons."""
        table = lexicon.munition_table()
        named = [table[e.canonical] for e in self.ea.entities if e.label == "MUNITION" and e.canonical in table]
        carriers = {m.carrier for m in named}
        return any(m.carrier == "air" and "missile" in m.kind for m in named) and not carriers & {"ground", "ship"}

    @cached_property
    def ground_munitions(self) -> bool:
        """The article names ground- or ship-launched weapons."""
        return any(ground_weapon(e) for e in self.ea.entities)

    @cached_property
    def countries_named(self) -> frozenset[str]:
        """Countries the article names (or whose demonym it uses)."""
        return frozenset(e.canonical for e in self.ea.entities if e.label == "COUNTRY" and e.canonical)


def ground_weapon(e: EntitySpan) -> bool:
    """The entity is a ground- or ship-launched weapon ("BM-21 rockets", "an Iskander-M")."""
    table = lexicon.munition_table()
    return e.label == "MUNITION" and e.canonical in table and table[e.canonical].carrier in ("ground", "ship")


MAX_SENTENCE_CHARS = 800


def cap_sentences(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Cut run-on "sentences" (lists, tables, text without full stops) into pieces of at most 800 characters.

    Clause and agent rules scan within a sentence, so an unbounded sentence would make them quadratic; real
    sentences are far shorter than the cap.
    """
    out: list[tuple[int, int]] = []
    for start, end in sentences:
        while end - start > MAX_SENTENCE_CHARS:
            limit = start + MAX_SENTENCE_CHARS
            cut = max(text.rfind("; ", start, limit), text.rfind(", ", start, limit))
            if cut <= start + MAX_SENTENCE_CHARS // 2:
                cut = text.rfind(" ", start, limit)
            if cut <= start:
                cut = limit
            out.append((start, cut))
            start = cut + 1
        if end > start:
            out.append((start, end))
    return out


def _bisect(starts: list[int], pos: int) -> int:
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= pos:
            lo = mid + 1
        else:
            hi = mid
    return lo - 1


_SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"\u201c])|\n\n")


def split_sentences(text: str) -> list[tuple[int, int]]:
    out = []
    start = 0
    for m in _SENT_SPLIT.finditer(text):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out

