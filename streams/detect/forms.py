"""Incident sheets: copy written as labelled fields ("Where: ...", "Dated: ...") rather than as prose.

Why its own module: monitors, logs and ministries write one incident per sheet, and what a sheet's fields say
(where, when) holds for all of it, so its other fields and its narrative need no place or time of their own.
The clean stage (``streams.clean.form_fields``) already writes every layout's fields as "Label: value"
paragraphs; this module tells a sheet by its fields. The field labels for a place are few ("Location", "Site",
"Where"); a date's field may have any label, as long as its value opens with a date.
"""

from __future__ import annotations

import re

from streams.detect.timing import DATE_LABEL, LABEL_START, MONTH_WORD

__all__ = ["PLACE_FIELD", "form_header"]


# the label of a write-up's place field ("Location:", "Date and locality:"); grouping reads the field's value
PLACE_FIELD = (
    r"(?:(?:Date|Time|Date and time),? and (?:location|place|locality|site)|"
    r"(?:Location|Place|Locality|Area|Lieu|Site|Where(?: and when)?)(?: and (?:date|time))?)"
)
_PLACE_LABEL = re.compile(LABEL_START + PLACE_FIELD + r"\s*:")


# a labelled field (the clean stage writes every form's fields as "Label: value" paragraphs) and one whose value
# opens with a date or weekday, whatever its label ("Dated: 14 November 2023, Tuesday", "Day of event: Friday")
_LABEL = r"(?:^|\n)[A-Za-z][\w'\u2019()/&-]{0,24}(?: [\w'\u2019()/&-]{1,24}){0,4}: "
_FIELD = re.compile(_LABEL)
_DATED_FIELD = re.compile(
    _LABEL + r"(?:on )?"
    r"(?:\d{1,2} " + MONTH_WORD + r"\b|" + MONTH_WORD + r" \d{1,2}\b|(?:19|20)\d\d-\d\d-\d\d\b|"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)",
    re.I,
)


def form_header(text: str) -> bool:
    """The copy is an incident sheet whose labelled fields say where and when ("Location: ...", "Date: ..."): what
    its other fields and its narrative tell is that incident, concrete without a place or time of their own. The
    date's field may have any label when the sheet has at least three fields and one of them opens with a date."""
    head = text[:2000]
    if _PLACE_LABEL.search(head) is None:
        return False
    return DATE_LABEL.search(head) is not None or (
        len(_FIELD.findall(head)) >= 3 and _DATED_FIELD.search(head) is not None
    )
