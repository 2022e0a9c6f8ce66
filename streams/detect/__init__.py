"""Stage 3, detect: entity-tagged articles to strike reports (events with aircraft, bases, provinces, casualties).

Why rules: the product must tell an air or drone strike from shelling, ground- or ship-launched missiles,
suicide bombings, IEDs, labour strikes, "strike a deal" and strikes mentioned only as background, and must say
which places were hit (not the launch base, the dateline or places named for context). Those distinctions are
lexical and structural, and rules over sentences keep them explainable, testable and fast (no model calls here:
the entity stage already tagged aircraft, weapons, bases and places).

How, module by module: ``view`` cuts the article into sentences and indexes its entities; ``sentences.classify``
tells what each sentence reports (a ``kinds.SentenceInfo``: a current air/drone strike, a background or
hypothetical strike, other violence, or neutral) from the cue words of ``cues`` and the time rules of
``timing``; ``grouping`` joins strike sentences and their continuations (casualty figures, "the strike hit...",
the aircraft used) into events by place, day and attacker, with the aircraft and bases of ``aircraft``, the
target places of ``places`` and the attacker and targets of ``actors``; ``claims`` settles each event's
casualty figures and its ACLED-style ``killed_min``; ``report`` assembles the wire models.
"""

from streams.detect.claims import killed_min
from streams.detect.kinds import SentenceInfo, SentenceKind
from streams.detect.report import STAGE, detect, detect_one, sentence_infos
from streams.detect.sentences import classify
from streams.detect.view import ArticleView

__all__ = [
    "STAGE",
    "ArticleView",
    "SentenceInfo",
    "SentenceKind",
    "classify",
    "detect",
    "detect_one",
    "killed_min",
    "sentence_infos",
]
