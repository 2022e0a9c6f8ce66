"""The date a strike happened, read from the report's own words and resolved against its publication time.

Why: reports of one strike arrive over days ("overnight", "on Tuesday", "yesterday", "on Jan 7", a follow-up
"last week"), and two strikes on one town on consecutive days must stay apart, so fusing reports into incidents
needs the event's date, not the article's. Wire copy names the day relative to when it was written; this
module turns those phrases into a calendar date (the local date as the text gives it). It is pure: the text
of the event's evidence sentences (and optionally the title) and the article's ``published`` ISO timestamp
in, a ``datetime.date`` or ``None`` out. ``None`` means the text gives no cue; callers that need a window then
take "on or a few days before publication".

Resolution rules, strongest first (an explicit date anywhere in the evidence, then a possessive weekday, then
the first other relative cue in reading order):
- explicit dates: "Jan 7", "January 7", "7 January", "on 2026-01-07" (the year from ``published`` when
  missing; a date that would fall more than 2 days after publication is taken from the previous year);
- weekdays: "Tuesday's strike" (possessive, the strongest), "on Tuesday", "late on Sunday": the most recent
  such day on or before the publication date (or the day after it, for copy filed after 20:00 UTC: east of
  UTC that is already the next day); not the day a statement was made ("said on Monday", "Algeria on Sunday
  condemned"), a toll update ("rose to six on Thursday"), another strike ("after Monday's strike on a
  minibus") nor a clock conversion ("2350 GMT on Tuesday");
- "yesterday" -> the day before; "today", "this morning", "overnight", "last night", "tonight", "before dawn",
  "a short while ago", "earlier today" -> the publication date (a night attack is mostly after midnight, so its
  local date is the morning's); "last week" -> seven days before; "the day before" is ignored (it is relative to
  another event);
- a dateline's date a day either side of publication ("KABUL, Oct 3 (Tidewater) -" filed at 23:40 UTC on Oct 2)
  is the copy's local day, the day relative cues are read against.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

#: month names and abbreviations -> month number (also read by the casualty parser and the timing cues)
MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
    "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}

_MONTH_RE = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_MD = re.compile(r"\b" + _MONTH_RE + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>20\d\d))?", re.I)
_DM = re.compile(
    r"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH_RE + r"\b(?:,?\s+(?P<year>20\d\d))?", re.I
)
_ISO = re.compile(r"\b(?P<year>20\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)\b")
_WEEKDAY = re.compile(r"\b(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:'s)?\b", re.I)
_RELATIVE = re.compile(
    r"\b(?P<rel>yesterday|last\s+night|today|this\s+morning|this\s+afternoon|this\s+evening|tonight|"
    r"overnight|before\s+dawn|last\s+week|a\s+week\s+ago|a\s+short\s+while\s+ago|moments\s+ago|"
    r"earlier\s+today)\b",
    re.I,
)
# A dateline ("KYIV, Jan 7 (Meridian Wire) -") dates the article, not the strike: skipped.
# "TAIZ, Yemen, Aug 21 (Crescent Wire Service) -" names the country between the city and the date.
# "March 28 (Pan-Oceanic Press) -" without a city dates the article too.
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z .'\-]+,(?:\s+[A-Z][A-Za-z .'\-]{1,30},)?\s+)?[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*(?:\([^)]*\))?"
    r"\s*[-\u2013\u2014]"
)
# "said on Monday", "told reporters on Monday", "(2350 GMT on Tuesday)", "Algeria on Sunday condemned": the day
# of a statement or a clock conversion, not of the strike.
_SAY = r"(?:said|says|told|announced|added|reported|wrote|stated|confirmed|condemned|denied|claimed|posted)"
SAID_BEFORE = re.compile(
    r"(?:" + _SAY + r"|(?:rose|risen|climbed|increased|jumped)\s+to)\b[^.;]{0,40}?\bon\s+(?:late\s+|early\s+)?$|"
    r"\b(?:GMT|UTC)\s+on\s+$",
    re.I,
)
_SAID_AFTER = re.compile(
    r"\s+(?:" + _SAY + r"|called|urged|vowed|warned|accused|demanded|blamed|rejected)\b", re.I
)
_TOLD_EVENT = re.compile(r"\b(?:killed|wounded|injured|struck|hit|bombed|attacked|targeted)\b", re.I)
# "two of the wounded died overnight": the day of a death, not of the strike
DIED_BEFORE = re.compile(r"\b(?:died|succumbed|passed away)\b[^.;]{0,30}$", re.I)
# "rescuers recovered more bodies from the rubble overnight": the time of the search, not of the strike
_RECOVERED_BEFORE = re.compile(r"\b(?:recovered|pulled|retrieved|dug out)\b[^.;]{0,45}$", re.I)
# ("shortly after midnight on Wednesday" is the strike's own time)
_DIED_AFTER = re.compile(r"\b(?:died|dies|succumbed|passed away|death|deaths)\b[^.;]{0,30}\bafter\s+$", re.I)
_AFTER_BEFORE = re.compile(
    r"\b(?:after|since|following|like|as\s+in)\s+(?!(?:midnight|dawn|daybreak|sunrise|sunset|dusk|nightfall|dark)\b)"
    r"(?:\w+\s+){0,2}$",
    re.I,
)
_ATTACK_BEFORE = re.compile(r"\b(?:attacks?|strikes?|airstrikes?|raids?|bombings?)\b[^.;,]{0,40}$", re.I)
_PLACE_DATELINE = re.compile(r"[A-Z][A-Z .'\-]+(?:,\s+[A-Z][A-Za-z .'\-]{1,30})?\s*(?:\([^)]*\))?\s*[-\u2013\u2014]\s+")
_LAST_BEFORE = re.compile(r"\blast\s+$", re.I)
_ELAPSED_OPENING = re.compile(
    r"\s*(?P<n>a|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?P<unit>days?|weeks?)\s+after\b", re.I
)

_SMALL_NUMBERS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten".split())} | {
    "a": 1, **{str(i): i for i in range(100)}
}


# "Tuesday's strike", "Sunday afternoon's attack": the day of the thing itself, the strongest weekday cue.
# the date of an update or a correction, not of the strike: "Update, 14 Sep. Kusti river port drone strike (13 Sep,
# about 06:10)."
_UPDATE_STAMP = re.compile(
    r"^\s*(?:update[d]?|correction|as of)\b[,:]?\s*(?:on\s+)?(?:[0-3]?\d\s+" + _MONTH_RE.replace("?P<mon>", "?:")
    + r"|" + _MONTH_RE.replace("?P<mon>", "?:") + r"\s+[0-3]?\d)\.?(?:,?\s+20\d\d)?[.:,]?",
    re.I,
)
_POSSESSIVE = re.compile(r"\w+(?:'s|\u2019s|\s+(?:morning|afternoon|evening|night)(?:'s|\u2019s))\b", re.I)
_RELATIVE_DAYS = {
    "yesterday": -1, "last night": 0, "today": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "tonight": 0, "overnight": 0, "before dawn": 0, "last week": -7, "a week ago": -7,
    # an official line's "A short while ago, IDF aircraft struck": the day it was posted
    "a short while ago": 0, "moments ago": 0, "earlier today": 0,
}
# Future-looking dates ("talks on Monday", "due by Jan 30") never date a strike that was reported.
_MAX_AHEAD = timedelta(days=2)


def published_date(published: str | None) -> date | None:
    """The calendar date of an ISO 8601 ``published`` value (date or timestamp), or ``None``."""
    if not published:
        return None
    text = published.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        m = _ISO.search(text)
        if m:
            try:
                return date(int(m["year"]), int(m["mon"]), int(m["day"]))
            except ValueError:
                return None
    return None


#: From this UTC hour on, most of Asia and the Middle East are already in the next day.
_LATE_UTC_HOUR = 20


_EARLY_UTC_HOUR = 8


def _utc_hour(published: str | None) -> int | None:
    """The hour of a UTC timestamp ("2026-09-10T05:00:00Z" -> 5); None for a date or another offset."""
    if not published or "T" not in published:
        return None
    try:
        stamp = datetime.fromisoformat(published.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return stamp.hour if stamp.utcoffset() == timedelta(0) else None


def late_utc(published: str | None) -> bool:
    """``published`` is a UTC timestamp late enough that the named weekday may be tomorrow's."""
    hour = _utc_hour(published)
    return hour is not None and hour >= _LATE_UTC_HOUR


def early_utc(published: str | None) -> bool:
    """``published`` is a UTC timestamp early enough that "this evening" west of UTC was yesterday's."""
    hour = _utc_hour(published)
    return hour is not None and hour < _EARLY_UTC_HOUR


def _explicit(text: str, ref: date) -> list[tuple[int, date]]:
    found: list[tuple[int, date]] = []
    for rx in (_MD, _DM):
        for m in rx.finditer(text):
            mon = MONTHS[m["mon"].lower().rstrip(".")]
            year = int(m["year"]) if m["year"] else ref.year
            try:
                d = date(year, mon, int(m["day"]))
            except ValueError:
                continue
            if not m["year"] and d - ref > _MAX_AHEAD:
                try:
                    d = date(year - 1, mon, int(m["day"]))
                except ValueError:
                    continue
            if d - ref <= _MAX_AHEAD:
                found.append((m.start(), d))
    for m in _ISO.finditer(text):
        try:
            d = date(int(m["year"]), int(m["mon"]), int(m["day"]))
        except ValueError:
            continue
        if d - ref <= _MAX_AHEAD:
            found.append((m.start(), d))
    return sorted(found)


def _weekdays(text: str, ref: date, *, possessive: bool, late: bool = False) -> list[tuple[int, date]]:
    found: list[tuple[int, date]] = []
    for m in _WEEKDAY.finditer(text):
        said = SAID_BEFORE.search(text, max(0, m.start() - 60), m.start())
        if (said and not _TOLD_EVENT.search(said.group())) or _SAID_AFTER.match(text, m.end()):
            continue  # the day something was said, not the day of the strike ("said nine were killed on
            # Wednesday" tells the day of the killing)
        # "a third soldier has died after Monday's drone attack": the day of this strike, not of a death
        died_after = _DIED_AFTER.search(text, max(0, m.start() - 50), m.start()) is not None
        if DIED_BEFORE.search(text, max(0, m.start() - 40), m.start()) and not died_after:
            continue
        if possessive != bool(_POSSESSIVE.match(text, m.start())):
            continue
        if _AFTER_BEFORE.search(text, max(0, m.start() - 30), m.start()) and not died_after:
            continue  # "the second attack in two days, after Monday's strike on a minibus": another strike
        back = (ref.weekday() - _WEEKDAYS[m["wd"].lower()]) % 7
        if back == 0 and _LAST_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            back = 7  # "last Friday" in copy of a Friday: a week ago, not today
        # published late in the UTC day: east of UTC it is already the next day ("early on Tuesday" in copy
        # filed at 22:15 UTC on Monday)
        if late and back == 6:
            back = -1
        found.append((m.start(), ref - timedelta(days=back)))
    return found


def _possessive(text: str, ref: date, late: bool = False) -> list[tuple[int, date]]:
    return _weekdays(text, ref, possessive=True, late=late)


def _relative(text: str, ref: date, late: bool = False) -> list[tuple[int, date]]:
    # (after a dateline that names only the place: "KAWLIN, Myanmar - Five days after ...")
    head = _PLACE_DATELINE.match(text)
    elapsed = _ELAPSED_OPENING.match(text, head.end() if head else 0)
    if elapsed:
        # "Five days after a military helicopter fired rockets into their monastery school, the monks ...": a
        # feature dates the strike by the time since it
        n = _SMALL_NUMBERS[elapsed["n"].lower()]
        return [(0, ref - timedelta(days=n * (7 if elapsed["unit"].lower().startswith("week") else 1)))]
    found = _weekdays(text, ref, possessive=False, late=late)
    if found:
        # "the overnight Russian drone attack on Bila Tserkva on Friday" (copy of Saturday): the weekday names
        # the night's date; "overnight", "this morning" only say when in it. Of several weekdays the attack's own
        # comes first ("production remained halted on Monday after a drone attack on Sunday evening")
        own = [hit for hit in found if _ATTACK_BEFORE.search(text, max(0, hit[0] - 50), hit[0])]
        return sorted(own) + sorted(set(found) - set(own)) if own and len(found) > 1 else sorted(found)
    for m in _RELATIVE.finditer(text):
        if DIED_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            continue
        if _RECOVERED_BEFORE.search(text, max(0, m.start() - 50), m.start()):
            continue  # "after rescuers recovered more bodies from the rubble overnight": the search's time
        key = re.sub(r"\s+", " ", m["rel"].lower())
        found.append((m.start(), ref + timedelta(days=_RELATIVE_DAYS[key])))
    return sorted(found)


def resolve_event_date(texts: list[str], published: str | None) -> date | None:
    """The strike's date from its evidence sentences (in order), resolved against ``published``.

    An explicit calendar date wins, then a possessive weekday, then the first relative cue in reading order.
    ``None`` when
    there is no cue or no usable ``published`` (a relative cue cannot be resolved without it).
    """
    ref = published_date(published)
    if ref is None:
        return None
    ref = _dateline_date(texts, ref) or ref
    cleaned = [_UPDATE_STAMP.sub("", _DATELINE.sub("", t, count=1), count=1) for t in texts]
    late = late_utc(published)
    for text in cleaned:
        hits = _explicit(text, ref)
        if hits:
            return hits[0][1]
    for text in cleaned:
        hits = _possessive(text, ref, late)
        if hits:
            return hits[0][1]
    for text in cleaned:
        hits = _relative(text, ref, late)
        if hits:
            return hits[0][1]
    return None


def _dateline_date(texts: list[str], ref: date) -> date | None:
    """The local date a dateline gives the copy ("KABUL, Oct 3 (Tidewater) -" filed at 23:40 UTC on Oct 2): the
    day "overnight" and "today" mean there. Only a date a day either side of publication counts."""
    for text in texts:
        m = _DATELINE.match(text)
        if not m:
            continue
        hits = _explicit(m.group(0), ref)
        if hits and abs((hits[0][1] - ref).days) <= 1:
            return hits[0][1]
    return None


def event_date_of(texts: list[str], published: str | None) -> str | None:
    """:func:`resolve_event_date` as the ISO string ``StrikeEvent.event_date`` carries."""
    d = resolve_event_date(texts, published)
    return d.isoformat() if d else None


__all__ = ["DIED_BEFORE", "MONTHS", "SAID_BEFORE", "event_date_of", "late_utc", "published_date", "resolve_event_date"]
