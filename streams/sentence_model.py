"""The trained sentence classifier as a spaCy component: every sentence gets four probabilities.

Why a component that wraps a second pipeline: spaCy's ``textcat`` scores whole docs, and detection needs a
score per sentence (an article mixes a current strike, last year's bombing and today's shelling). The
component ``strike_sentences`` holds the trained textcat pipeline (``streams/models/strike_sentences``, built
by ``make train`` with ``spacy train`` and ``train/configs/bow.cfg``), cuts each doc into the same sentences
that detection uses (``sentence_spans``), and scores them all in one ``nlp.pipe`` call per batch of docs.
The scores land in ``doc._.sentence_scores`` and travel on ``articles.entities`` as ``SentenceScores``.

Classes: STRIKE (a current air/drone strike report), BACKGROUND (an earlier, hypothetical, threatened or
denied strike), OTHER (other violence), NONE. The model is loaded from the component's config (a path), once
per process, never at import time; a missing model is an installation error, not a silent fallback.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from schemas import SentenceScores
from streams.errors import SentenceModelMissingError

__all__ = ["DEFAULT_MODEL", "LABELS", "SentenceClassifier", "sentence_spans", "scores_of"]

DEFAULT_MODEL = Path(__file__).resolve().parent / "models" / "strike_sentences"
LABELS = ("STRIKE", "BACKGROUND", "OTHER", "NONE")
#: Longest sentence text the classifier sees (a run-on "sentence" of HTML soup is cut, not scored whole).
MAX_SENTENCE_CHARS = 2000
#: A note-sized doc (one paragraph of at most NOTE_SENTENCES sentences and NOTE_CHARS characters: an event
#: note, a one-line item) is scored as one unit and every sentence gets that score: the classifier learned
#: from whole notes, whose label depends on all of their sentences ("PKK militants attacked ... On the same
#: day, helicopters carried out airstrikes" is a clash, not a strike report). Anything longer is scored per
#: sentence: a bag of words over many paragraphs drifts to NONE with absurd confidence.
NOTE_CHARS = 500
NOTE_SENTENCES = 3

if not Doc.has_extension("sentence_scores"):
    Doc.set_extension("sentence_scores", default=None)


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """Sentence offsets, also cut at paragraph breaks and trimmed of surrounding whitespace."""
    text = doc.text
    out: list[tuple[int, int]] = []
    for sent in doc.sents:
        start = sent.start_char
        end = sent.end_char
        while True:
            cut = text.find("\n\n", start, end)
            pieces = [(start, cut), (cut, end)] if cut != -1 else [(start, end)]
            a, b = pieces[0]
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if b > a:
                out.append((a, b))
            if cut == -1:
                break
            start = cut + 2
    return _join_list_markers(text, _join_numbers(text, _split_clock_abbreviations(text, out)))


# "... shortly after 2 a.m. Ukraine's air force said ...": the splitter keeps "a.m." as one token and runs on; a
# capitalised word after it opens the next sentence (not a weekday, a month or a time zone: "at 2 a.m. Tuesday")
_CLOCK_END = re.compile(
    r"\b\d{1,2}(?::\d\d)? ?[ap]\.m\.(?= (?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|"
    r"February|March|April|May|June|July|August|September|October|November|December|GMT|UTC|local|[A-Z]{2,4}T?\b))"
    r"[A-Z][a-z])"
)


def _split_clock_abbreviations(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in spans:
        for m in _CLOCK_END.finditer(text, a, b):
            out.append((a, m.end()))
            a = m.end() + 1
        out.append((a, b))
    return out


# "Combat Air Command No. 1", "Brigade No. 7": an abbreviation before its number ends no sentence
_NUMBER_ABBREVIATION = re.compile(r"\b(?:No|Nos|Nr|no)\.$")


def _join_numbers(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and text[a : a + 1].isdigit() and _NUMBER_ABBREVIATION.search(text, out[-1][0], out[-1][1]) and (
            "\n" not in text[out[-1][1] : a]
        ):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


#: a list item's number at the end of a piece: "Sources:\n1." or a lone "2."
# (a clock time's minutes are no list number: "Date: 28 July 2023, about 07:30.")
_LIST_MARKER_END = re.compile(r"(?:^|(?<!\d):|\n)\s*(\(?\d{1,2}[.)])$")


def _join_list_markers(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentence splitter ends a sentence at a numbered list's "1." ("Sources:\n1. Relatives and village
    elders: 4 children killed"): the number opens the next item instead."""
    out: list[tuple[int, int]] = []
    carry: int | None = None
    for n, (a, b) in enumerate(spans):
        if carry is not None:
            a, carry = carry, None
        m = _LIST_MARKER_END.search(text[a:b])
        if m and n + 1 < len(spans):
            carry = a + m.start(1)
            head = text[a:carry].rstrip()
            if head:
                out.append((a, a + len(head)))
            continue
        out.append((a, b))
    return out


def scores_of(cats: dict[str, float]) -> SentenceScores:
    return SentenceScores(
        strike=round(cats.get("STRIKE", 0.0), 4),
        background=round(cats.get("BACKGROUND", 0.0), 4),
        other=round(cats.get("OTHER", 0.0), 4),
        none=round(cats.get("NONE", 0.0), 4),
    )


class SentenceClassifier:
    """Scores each sentence of a doc with the trained textcat pipeline."""

    def __init__(self, nlp: Language, name: str, model_path: str, batch_size: int = 256) -> None:
        self.name = name
        path = Path(model_path) if model_path else DEFAULT_MODEL
        try:
            self.model = spacy.load(path)
        except OSError as exc:
            raise SentenceModelMissingError(str(path)) from exc
        if "textcat" not in self.model.pipe_names:
            raise RuntimeError(f"sentence model at {path} has no 'textcat' component")
        self.batch_size = batch_size

    def _texts(self, doc: Doc) -> list[str]:
        return [doc.text[a:b][:MAX_SENTENCE_CHARS] for a, b in sentence_spans(doc)]

    @staticmethod
    def _units(doc: Doc, texts: list[str]) -> list[str]:
        """What the classifier scores for this doc: the whole note when it is short, else each sentence."""
        if texts and len(texts) <= NOTE_SENTENCES and len(doc.text) <= NOTE_CHARS and "\n\n" not in doc.text.strip():
            return [doc.text.strip()]
        return texts

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        stream = iter(docs)
        while batch := list(islice(stream, batch_size)):
            texts = [self._texts(d) for d in batch]
            units = [self._units(d, ts) for d, ts in zip(batch, texts, strict=True)]
            # a note of several sentences is scored whole and, for the drift check below, sentence by sentence
            alone = [ts if len(us) == 1 and len(ts) > 1 else [] for ts, us in zip(texts, units, strict=True)]
            flat = [u for us in units for u in us] + [t for ts in alone for t in ts]
            scored = iter(self.model.pipe(flat, batch_size=self.batch_size))
            results = [[scores_of(dict(next(scored).cats)) for _ in us] for us in units]
            singles = [[scores_of(dict(next(scored).cats)) for _ in ts] for ts in alone]
            for doc, ts, got, own in zip(batch, texts, results, singles, strict=True):
                if len(got) == len(ts):
                    doc._.sentence_scores = got
                else:
                    doc._.sentence_scores = [_drift(got[0], o) for o in own] or [got[0]] * len(ts)
                yield doc


def _drift(note: SentenceScores, own: SentenceScores) -> SentenceScores:
    """A sentence's score inside a note: the note's, unless a bag of words over the whole note drifted to NONE
    while the sentence alone is plainly a strike ("IDF: A short while ago, IAF fighter jets struck ... The site
    was used ... The IDF will continue to act ..."). A note the model reads as other violence or background keeps
    its score: there the other sentences change what the strike sentence means."""
    drifted = note.none >= max(note.strike, note.background, note.other) and note.strike < 0.2
    # "Drones launched by the RSF struck a power station ..., killing six people" (0.66 strike alone) in a
    # three-sentence item whose other sentences ("air defences had brought down several other drones") pull the
    # note to NONE: the sentence's own reading wins when strike is its most likely class
    plainly = own.strike >= 0.5 and own.strike >= max(own.background, own.other, own.none)
    return own if drifted and plainly else note


@Language.factory("strike_sentences", default_config={"model_path": "", "batch_size": 256})
def make_sentence_classifier(nlp: Language, name: str, model_path: str, batch_size: int) -> SentenceClassifier:
    return SentenceClassifier(nlp, name, model_path, batch_size)
