"""Fixtures for the rule modules of ``streams.detect``.

spaCy's own test rule: build the ``Doc`` a rule needs from a blank English pipeline with the project's rule
components (gazetteers), never a trained model. ``make_view`` turns a text into the ``ArticleView`` the rules
read, the way the detect stage does; ``run`` takes a text through the gate and detection to its report.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
import spacy
from spacy.language import Language

import streams.components  # noqa: F401  (registers the component factories)
from schemas import ArticleReport, CleanArticle, EntityArticle
from streams.detect import detect
from streams.detect.view import ArticleView
from streams.gate import gate
from streams.nlp import doc_entities, sentence_spans

MakeView = Callable[..., ArticleView]


@pytest.fixture(scope="session")
def rules_nlp() -> Language:
    """Blank English with a sentencizer and the strike and place gazetteers (no trained model)."""
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("strike_gazetteer")
    pipeline.add_pipe("place_gazetteer")
    return pipeline


@pytest.fixture(scope="session")
def nlp(rules_nlp: Language) -> Language:
    """The rule tests' pipeline (``rules_nlp``) under the name ``run`` takes it by."""
    return rules_nlp


@pytest.fixture(scope="session")
def make_view(rules_nlp: Language) -> MakeView:
    """``make_view(text, title=..., published=...)``: the article view of a text tagged by ``rules_nlp``."""

    def build(text: str, *, title: str | None = None, published: str = "2024-05-06") -> ArticleView:
        doc = rules_nlp(text)
        article = CleanArticle(id="test-1", text=text, title=title, published=published)
        ea = EntityArticle(article=article, gate_passed=True, entities=doc_entities(doc), sentences=sentence_spans(doc))
        return ArticleView.build(ea)

    return build


def run(
    nlp: Language, text: str, *, title: str | None = None, published: str = "2024-05-06", force: bool = False
) -> ArticleReport:
    """Gate + rule components + detect; ``force`` sends the article past the gate to test detection alone."""
    article = CleanArticle(id="test-1", text=text, title=title, published=published)
    passed = force or gate(text, title)
    if not passed:
        return detect([EntityArticle(article=article, gate_passed=False)])[0]
    doc = nlp(text)
    ea = EntityArticle(article=article, gate_passed=True, entities=doc_entities(doc), sentences=sentence_spans(doc))
    return detect([ea])[0]
