"""Where a place is named without being hit: a bearing from a far town ("220 km north of Mogadishu") and where the
wounded were taken ("evacuated to a clinic in Cucuta").

Why a module of its own: the place rules of a strike sentence (``streams.detect.places``), the regional centres
and the fuse stage's towns (``streams.fuse_match``) all ask these two questions of the words before a name.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

# "in the vicinity of Adan Yabaal, approximately 220 km north of Mogadishu": a far town is a bearing, not the
# place hit (a town a few dozen kilometres off usually lies in the same province: "about 60 km south-east of
# Palmyra" is in Homs governorate, and stays)
_FAR_FROM = re.compile(
    r"\b(?P<n>\d{2,4}(?:,\d{3})?)\s*(?P<unit>km|kms|kilomet(?:er|re)s?|miles?)\s+(?:\([^)]*\)\s+)?"
    r"(?:(?:to the\s+)?(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+(?:of|from)|(?:away\s+)?from|outside)"
    r"\s+(?:the\s+)?(?:(?:city|town|capital|port)\s+of\s+)?$",
    _I,
)
FAR_KM = 100


def far_bearing(before: str) -> bool:
    """The text right before a place ends in a bearing of ``FAR_KM`` or more ("220 km north of")."""
    m = _FAR_FROM.search(before)
    if m is None:
        return False
    km = int(m["n"].replace(",", "")) * (1.609 if m["unit"].lower().startswith("mile") else 1.0)
    return km >= FAR_KM


def care_before(before: str) -> bool:
    """The text right before a place says the wounded were taken there ("evacuated to a clinic in")."""
    return _CARE.search(before) is not None


# "evacuated to a medical centre in Cucuta", "taken to Kismayo for treatment", "transferred to the Jabal Amel hospital
# in Tyre"
_CARE = re.compile(
    r"(?:\b(?:taken|evacuated|transferred|rushed|flown|brought|airlifted|moved|transported|referred|admitted)|"
    # "a constable died on the way to hospital in Bannu"
    r"\bon (?:the|his|her|their) way|\ben route)\s+to\s+"
    r"(?:(?:an?|the)\s+)?(?:(?:[\w'\u2019-]+\s+){0,4}?(?:hospitals?|"
    r"medical (?:centres?|centers?|facilit\w+|complex(?:es)?)|clinics?|"
    r"health (?:centres?|centers?|posts?))\s+(?:in|at|of)\s+(?:the\s+)?)?$",
    _I,
)


__all__ = ["FAR_KM", "care_before", "far_bearing"]
