"""The writer's own finding that no air or drone strike happened ("No air strike took place.", "Means: ground fire",
"CCM has closed the early air-strike report as unfounded."), as opposed to a party's denial.

Why apart from ``streams.detect.judge``: the judge weighs the classifier against the rules sentence by sentence; a
finding like this holds the whole article back, and its wording (incident sheets' fields, monitors' closing notes)
grows with the sources, not with the judge.
"""

from __future__ import annotations

import re

# "No air strike took place.", "This was artillery shelling, not an air strike.", "No aircraft was involved in
# this incident.", "A landmine; no new air strike."
_RULED_OUT = re.compile(
    r"\bno (?:new |further )?(?:air ?strikes?|airstrikes?|air raids?|drone strikes?|aerial (?:attacks?|bombardments?))"
    r" (?:took place|happened|occurred|(?:was|were) carried out)\b|"
    r"\bno new (?:air ?strikes?|airstrikes?|air raids?|drone strikes?)\s*[.;]?\s*$|"
    r"\bnot (?:an? )?(?:air ?strike|airstrike|air raid|drone strike|aerial (?:attack|bombardment))\s*[.;]?\s*$|"
    r"\bno (?:aircraft|planes?|drones?|helicopters?)(?: or (?:drones?|aircraft|helicopters?))? (?:was|were) involved\b",
    re.I,
)
# An incident sheet's own finding: "Not recorded as aerial harm.", "outside scope (no aerial means established)",
# "CCM has closed the early air-strike report as unfounded." (apart from _RULED_OUT, whose alternation every
# sentence runs; ``_FINDING_WORDS`` keeps this one off the sentences that cannot match)
_FINDING_WORDS = re.compile(r"\b(?:recorded|means|unfounded|false|baseless|unsubstantiated|mistaken)\b", re.I)
_RULED_OUT_FINDING = re.compile(
    r"\bnot recorded as (?:an? )?(?:aerial|air)\b|\bno aerial means\b|"
    r"\b(?:air[- ]?strike|airstrike|drone(?:[- ]strike)?|air[- ]raid|aerial attack) (?:reports?|claims?|allegations?) "
    r"(?:as |(?:was|were|is|are|proved|proven) )(?:unfounded|false|baseless|unsubstantiated|mistaken)\b",
    re.I,
)
# its "Means:" field names no aircraft or drone (``match``): "Means: ground fire \u2014 multiple rocket launchers
# (Grad)", "Means: none established."
_NO_AIR_FIELD = re.compile(
    r"\s*(?:means|method|weapons?(?: type)?|type of attack|attack type)\s*:\s*(?![^;.]*\b(?:aerial|air|"
    r"aircraft|airstrikes?|drones?|uavs?|ucavs?|fpvs?|jets?|helicopters?|bombers?|warplanes?|planes?|fixed-wing|"
    r"bombs? dropped)\b)"
    # "Type: not an air/drone event — improvised projectiles": a monitor's own field says so
    r"|\s*(?:(?:event |incident )?type|category|classification)\s*:\s*not (?:an? )?(?:air|drone|aerial|uav)\b",
    re.I,
)
# ... said by someone else, a finding is a claim like any other ("the army said no air strike took place")
_ATTRIBUTED = re.compile(
    r"\b(?:said|says|say|denied|denies|deny|claimed|claims|according|told|insisted|insists|dismissed|rejected|"
    r"stated|maintained|maintains)\b|\?",
    re.I,
)


def ruled_out_by_writer(text: str) -> bool:
    """The sentence is the writer's own finding that no air or drone strike happened (not a party's denial)."""
    found = (
        _RULED_OUT.search(text) is not None
        or _NO_AIR_FIELD.match(text) is not None
        or (_FINDING_WORDS.search(text) is not None and _RULED_OUT_FINDING.search(text) is not None)
    )
    return found and _ATTRIBUTED.search(text) is None


__all__ = ["ruled_out_by_writer"]
