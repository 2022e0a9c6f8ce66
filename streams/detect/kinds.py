"""What one sentence says: the per-sentence classification result that grouping turns into events.

Why a module of its own: ``SentenceInfo`` is the seam between deciding what each sentence reports (today the
rules in ``streams.detect.sentences``; later possibly a trained classifier) and grouping sentences into events
(``streams.detect.grouping``). Anything that produces a list of these, one per sentence, can drive grouping.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from streams.casualties import Claim


class SentenceKind(Enum):
    """What kind of violence a sentence reports."""

    STRIKE = "strike"  # an air or drone strike (current or background; see ``SentenceInfo.current``)
    OTHER = "other"  # other violence or another sense of "strike": shelling, IEDs, labour strikes...
    NEUTRAL = "neutral"  # neither


@dataclass
class SentenceInfo:
    kind: SentenceKind = SentenceKind.NEUTRAL
    current: bool = False  # a strike reported as news (not background, hypothetical or denied)
    strength: float = 0.0
    continuation: bool = False  # counts only because it follows a strike ("the strike hit...")
    triggers: list[tuple[int, int]] = field(default_factory=list)  # absolute offsets
    claims: list[Claim] = field(default_factory=list)
    zero: bool = False
    # the rules know why this is no strike report ("Russia launched 64 drones ... All 64 were shot down"): the
    # classifier, which reads one sentence, cannot overturn that
    vetoed: bool = False
    # dated days back, late in a story about something else (rules; the classifier reads no dates)
    recalled: bool = False
    # a place, a casualty figure or a time in the sentence or a neighbour: what any strike report names
    concrete: bool = True
