"""Casualty counts as a person reads them: "15", "at least 24", "10-15", "up to 8", "many".

A claim's count is a range (``count_min``, ``count_max``) in which either end may be unknown; a vague claim
("wounded many others", "several were killed") has neither. Every human-facing output (the CLI's pretty
print, the demo, alert texts; the dashboard's JavaScript mirrors these rules) words the range the same way,
so that no reader ever sees "wounded None people".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

__all__ = ["claim_phrase", "count_phrase"]

#: Vague quantity words, in the order they are looked for in the claim's phrase.
_VAGUE_WORDS = ("several", "many", "numerous", "multiple", "some", "scores", "dozens", "hundreds", "thousands")
_VAGUE_RE = re.compile(r"\b(" + "|".join(_VAGUE_WORDS) + r")\b", re.IGNORECASE)


def count_phrase(count_min: int | None, count_max: int | None, text: str | None = None) -> str:
    """The count range in words; a vague one borrows its word from the claim's phrase ("several"), else "many"."""
    if count_min is None and count_max is None:
        found = _VAGUE_RE.search(text or "")
        return found.group(1).lower() if found else "many"
    if count_min is None:
        return f"up to {count_max}"
    if count_max is None:
        return f"at least {count_min}"
    if count_max == count_min:
        return str(count_min)
    return f"{count_min}-{count_max}"


def claim_phrase(claim: Mapping[str, Any]) -> str:
    """One claim (a ``Casualty`` as a dict) as words: "wounded many people (Syrian opposition activists)"."""
    count = count_phrase(claim.get("count_min"), claim.get("count_max"), claim.get("text"))
    victims = claim.get("victims") or "people"
    who = f" ({claim['claimed_by']})" if claim.get("claimed_by") else ""
    return f"{claim.get('status')} {count} {victims}{who}"
