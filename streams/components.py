"""spaCy components of strikewire: gazetteer taggers for aircraft, air-launched weapons, air bases and places.

Why components (and not code in the stage): the tags become part of the ``Doc`` the spaCy way, so they are
testable on ``spacy.blank("en")`` and reusable in any pipeline. Each writes a span group (never ``doc.ents``,
which belongs to the statistical NER):

- ``strike_gazetteer`` -> ``doc.spans["strike"]``: AIRCRAFT, MUNITION, AIRBASE, AIRBASE_CITY spans whose
  ``kb_id_`` is the canonical designation / weapon / base name. Data comes from the CSV files named in the
  component config (defaults: ``streams/data/*.csv``).
- ``place_gazetteer`` -> ``doc.spans["places"]``: ADMIN1, CITY, DISTRICT spans (``kb_id_`` = ISO 3166-2 code,
  several codes joined by ``|`` when the name is ambiguous) and COUNTRY spans (``kb_id_`` = alpha-2), from
  ``streams.geo.Gazetteer``, which resolves ambiguous names from the evidence in the text itself.

Both work on the text with character offsets and align to tokens with ``alignment_mode="expand"``, so they do
not depend on how the tokenizer splits "Su-34s" or "Deir ez-Zor".
"""

from __future__ import annotations

import re
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span

from schemas import EntitySpan
from streams import lexicon
from streams.places import load_gazetteer

STRIKE_SPANS = "strike"
PLACE_SPANS = "places"


def _path(value: str, default: Path) -> Path:
    return Path(value) if value else default


class StrikeGazetteer:
    """Tags aircraft, air-launched weapons and air bases from the gazetteer files."""

    def __init__(self, nlp: Language, name: str, aircraft_path: str, munitions_path: str, airbases_path: str) -> None:
        self.name = name
        self.matcher = lexicon.alias_matcher(
            _path(aircraft_path, lexicon.AIRCRAFT_CSV),
            _path(munitions_path, lexicon.MUNITIONS_CSV),
            _path(airbases_path, lexicon.AIRBASES_CSV),
        )

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        text = doc.text
        if typed_in_lower_case(text):
            # copy typed in lower case ("russian shaheds hit chernihiv"): names as if capitalised (same length,
            # so offsets hold), as the place gazetteer reads them
            text = _LOWER_WORD.sub(_capitalise, text)
        for m in self.matcher.finditer(text):
            span = doc.char_span(m.start, m.end, label=m.label, kb_id=m.canonical, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[STRIKE_SPANS] = spans
        return doc


@Language.factory(
    "strike_gazetteer",
    default_config={"aircraft_path": "", "munitions_path": "", "airbases_path": ""},
)
def make_strike_gazetteer(
    nlp: Language, name: str, aircraft_path: str, munitions_path: str, airbases_path: str
) -> StrikeGazetteer:
    return StrikeGazetteer(nlp, name, aircraft_path, munitions_path, airbases_path)


_LOWER_WORD = re.compile(r"(?<![\w'\u2019])[a-z][\w'\u2019-]*")
_CAPITALISED_WORD = re.compile(r"(?<![\w'\u2019-])[A-Z][a-z]")


def typed_in_lower_case(text: str) -> bool:
    """No word is capitalised: "russian drone hit a bus in nikopol", "FA-50s dropping bombs ... in butig lanao del
    sur" (a designation or an acronym in capitals is no capitalised word)."""
    return _CAPITALISED_WORD.search(text) is None and any(c.islower() for c in text)


def _capitalise(m: re.Match[str]) -> str:
    """A lower-case word as a name would be written; stop words stay, so that names do not run together."""
    word = m.group()
    return word if word in STOP_WORDS else word[0].upper() + word[1:]


class PlaceGazetteer:
    """Tags admin-1 regions, towns and districts (with their ISO 3166-2 code) and country names."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.gazetteer = load_gazetteer()  # loads the geo data files on first use, then cached

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        lower = typed_in_lower_case(text)
        if lower:
            # copy typed all in lower case ("russian drone hit a bus in nikopol"): names are found as if
            # capitalised (same length, so offsets hold); weak forms still need their country named
            text = _LOWER_WORD.sub(_capitalise, text)
        spans: list[Span] = []
        for start, end, cc in self.gazetteer.country_of(text):
            span = doc.char_span(start, end, label="COUNTRY", kb_id=cc, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        # No caller countries: the gazetteer weighs the text's own evidence (named regions, big cities, country
        # names); passing the countries of demonyms would favour the attacker's country ("Russian ... Donetsk").
        for m in self.gazetteer.find(text, glue=not lower):
            if lower and m.weak:
                continue  # "hit", "bar": capitalised by us, not by the writer
            codes = EntitySpan.join_codes(m.candidates) if m.ambiguous and m.candidates else m.code
            span = doc.char_span(m.start, m.end, label=m.kind.upper(), kb_id=codes, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[PLACE_SPANS] = spans
        return doc


@Language.factory("place_gazetteer", default_config={})
def make_place_gazetteer(nlp: Language, name: str) -> PlaceGazetteer:
    return PlaceGazetteer(nlp, name)
