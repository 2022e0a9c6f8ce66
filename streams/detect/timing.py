"""Time and modality: is a strike told as news, or as background, history, habit, threat or denial?

Why apart from the strike cues: a sentence can be an air strike and still not be news ("in December 2023, a
drone killed 85", "the army has repeatedly bombed the area", "Israel threatened to strike"), and the dates that
decide it are parsed against the article's publication date, which only these rules need.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from streams.detect.cues import CLAUSE_SPLIT, RELATIVE_ASIDE, blank, clause_bounds
from streams.eventdate import MONTHS

if TYPE_CHECKING:
    from streams.detect.view import ArticleView

_I = re.IGNORECASE

# --- time and modality --------------------------------------------------------------------------------------
# "the Collective recorded 38 drone and air strikes": a monitor's count of strikes, never one strike
COUNTED = re.compile(
    r"\b(?:recorded|documented|counted|registered|tallied) (?:at least |more than |over |some )?\d[\d,]* "
    r"(?:\w+ ){0,4}?(?:air ?strikes|strikes|raids|attacks|bombings)\b",
    _I,
)
# a campaign, not a strike: "the RSF has stepped up drone attacks on power stations in three states", "has
# intensified air and drone attacks on RSF-held towns" (the judge holds it as history against the classifier too)
CAMPAIGN = (
    r"\b(?:(?:has|have|had) )?(?:stepped up|intensified|escalated|ramped up|expanded|increased) (?:its |their )?"
    r"(?:[\w-]+ ){0,3}?(?:strikes|attacks|raids|air strikes|airstrikes|bombing|bombardment|campaign)\b"
)
# "The RSF has in turn launched drone attacks on army-held cities including El Obeid and Port Sudan": a tally of a
# campaign, not a strike (the judge holds it as history against the classifier too)
TALLY_INCLUDING = (
    r"\b(?:has|have) (?:in turn |also )?(?:used|launched|carried out|sent) (?:[\w-]+ ){0,3}?(?:drones|drone attacks|"
    r"drone strikes|air ?strikes|strikes|raids) (?:to attack |on |against |at )(?:[\w-]+ ){0,2}?(?:cities|towns|"
    r"targets|areas|sites|villages) including\b"
)
_BACKGROUND = re.compile(
    r"\blast (?:week|month|year|summer|winter|spring|autumn|fall)(?:'s)?\b|\b(?:weeks|months|years|decades?) ago\b|"
    r"\bin (?:19|20)\d\d\b|\bsince (?:19|20)\d\d\b|\banniversar\w*|\b(?:one|a|two|three|four|five|ten) years? "
    r"(?:since|after|on)\b|\bin recent (?:years|months|weeks)\b|\bover the (?:past|last) (?:decade|years?|months|"
    r"weeks)\b|\bthis year\b|\bearlier this (?:month|year)\b|\bin the past\b|\bprevious(?:ly)?\b|\bhistor(?:y|ic)\b|"
    r"\b(?:hundreds|dozens|scores|thousands|series|string) of (?:\w+ )?(?:strikes|raids|attacks|air strikes|"
    r"airstrikes|drone strikes|drone attacks)\b|\b(?:came|comes|come) (?:a|one|two|three|four|five|several|\w+) "
    r"(?:days?|weeks?|months?) (?:after|before)\b|\bdays after\b|\bweeks after\b|\bmonths after\b|"
    r"\bno new (?:strikes|attacks|raids)\b|\ba day (?:earlier|before)\b|\bthe (?:day|night) before\b|\bdays earlier\b|"
    # "A week earlier, a drone attack set fire to an oil depot in Kovel"
    r"\b(?:a|one|two|three|four|several) weeks? (?:earlier|before)\b|\bweeks earlier\b|"
    r"\bthe previous day\b|\bearlier in the week\b|\bearlier that (?:week|day|month|year)\b|\bfor years\b|"
    r"\bfrequently\b|\bregularly\b|\brepeatedly\b|"
    # "the army relies increasingly on drone strikes in the Sahel region": a habit, not a strike
    + TALLY_INCLUDING
    + "|"
    r"\brel(?:y|ies|ied|ying) (?:increasingly |heavily |more |largely |mostly )?(?:up)?on\b|"
    # "The last round of fighting, in August, ended after three days of Israeli air strikes"
    r"\b(?:the|a) (?:last|previous|earlier) (?:round|bout) of (?:fighting|hostilities|escalation|violence)\b|"
    # "recalled a drone strike near Debre Markos last August": a month named with "last" is months back
    r"\blast (?:january|february|march|april|may|june|july|august|september|october|november|december)\b|"
    # "Since November, the Houthis have attacked more than 70 merchant ships": a tally, not a strike
    r"\b(?:has|have) (?:attacked|struck|hit|targeted|bombed) (?:more than |over |at least |nearly |some )?\d[\d,]* "
    r"(?:[\w-]+ ){0,2}?(?:ships|vessels|targets|sites|towns|villages|facilities|times)\b|"
    r"\b(?:recalled|recalling|remembered|remembering|recalls|remembers) (?:an?|the) (?:[\w-]+ ){0,2}?(?:strike|raid|"
    r"attack|bombing|air ?strike|airstrike)\b|"
    # "Military air strikes have on several occasions killed civilians in the region": a habit, not this strike
    r"\bon (?:several|many|numerous|multiple|repeated|previous|earlier|other|a number of) occasions\b|"
    r"\btime and (?:again|time)\b|\bmore than once\b|"
    r"\b(?:has|have) been (?:carrying out|conducting|launching|waging|bombing|striking|pounding|targeting)\b|"
    r"\bprotest\w* (?:against|over)\b|"
    # "Unlike in January, when FARDC Su-25 jets bombed M23 positions": a contrast with an earlier strike
    r"\bunlike (?:in|on|during) \w+|"
    # "between July and September 2025, the Collective recorded 38 drone and air strikes": a monitor's count
    + COUNTED.pattern
    + "|"
    # habits and context: "it has increasingly used drones to hit...", "the strike came amid talks"
    r"\b(?:has|have) (?:increasingly|repeatedly|frequently|often|regularly|long) \w+\b|"
    # a tally: "rights groups have documented dozens of civilian deaths in drone strikes in three regions"
    r"\b(?:has|have) (?:documented|recorded|counted|verified|tallied) (?:dozens|hundreds|scores|thousands|many|"
    r"more than \d[\d,]*)\b|"
    # a campaign, not a strike: "the RSF has stepped up drone attacks on power stations in three states"
    + CAMPAIGN
    + "|"
    r"\b(?:came|comes) (?:amid|as|at a time)\b|"
    # "rights groups have accused the army of killing civilians in drone strikes": a standing charge
    r"\b(?:has|have) accused (?:\w+ ){1,6}?of (?:\w+ ){1,4}?in (?:\w+ )?(?:air ?strikes|drone strikes|raids|bombings|"
    r"attacks)\b|"
    r"\bduring the (?:19|20)\d\d\b|\b(?:19|20)\d\d (?:war|conflict|offensive|campaign)\b|\bcoded separately\b|"
    r"\bcommemorat\w*|\bin memory of\b|\bmark(?:ed|ing|s)? (?:one|two|a|the) (?:year|anniversary)\b|"
    r"\bfor (?:nearly |almost |more than |over )?"
    r"(?:a|one|two|three|several|many) (?:years?|months|decades?)\b|"
    # "The Houthis have launched dozens of missiles and drones at Israel since the start of the Gaza war"
    r"\bsince the (?:start|beginning|outbreak) of (?:the )?(?:[\w-]+ )?(?:war|conflict|fighting|invasion|offensive)\b|"
    r"\bsince the (?:war|conflict|fighting|invasion) (?:began|started|broke out)\b|"
    # "Israeli jets last struck the port of Hodeidah in December": the most recent earlier strike, not this one
    r"\blast (?:struck|hit|bombed|attacked|targeted|raided|shelled)\b",
    _I,
)


_RUNNING_TOLL = re.compile(
    r"\b(?:strikes|raids|attacks|bombings|bombardments)\b[^.;]{0,40}\b(?:have|has) (?:killed|wounded|injured) "
    r"(?:hundreds|thousands|scores|tens of thousands)\b",
    re.I,
)
AGGREGATE = re.compile(
    r"\bsince (?:the |its |it )?(?:war|conflict|start|beginning|coup|invasion|fighting|offensive|outbreak|"
    r"ceasefire|truce|took effect)\b|"
    r"\bsince (?:19|20)\d\d\b|\bso far this\b|\bthis year\b|\blast year\b|\bin (?:19|20)\d\d\b|"
    # "since the October 2025 ceasefire took effect"
    r"\bsince the (?:[\w-]+ ){1,3}(?:ceasefire|truce|war|invasion|offensive) (?:took effect|began|started)\b|"
    r"\bsince (?:early |mid-|late )?(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december)\b|\bsince [A-Z][a-z]{2,8}\.? \d{1,2}\b|"
    r"\bover the (?:past|last) (?:year|years|months|decade)\b|"
    # "Russia had dropped more than 3,200 guided bombs across Ukraine in April alone": a month's count
    r"\bin (?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"(?:the )?(?:past|last) (?:week|month)|(?:that|this) month) alone\b|"
    # "The strike is the fifth ... The Observatory has documented the death of 11 people in these attacks."
    r"\bin (?:these|those|such) (?:\w+ )?(?:attacks|strikes|raids|bombings)\b|"
    # "Israel's war on Gaza has killed at least 58,000 Palestinians": the war's toll
    r"\b(?:war|conflict|fighting|offensive|campaign|invasion)\b[^.;]{0,40}\b(?:has|have) (?:so far )?(?:killed|left)\b|"
    # "drone strikes have killed hundreds of jihadists": a running tally, no one strike
    r"\b(?:have|has) (?:killed|wounded|injured) (?:hundreds|thousands|scores|tens of thousands)\b|"
    # "Drone strikes killed dozens of people across three African conflicts in the past week": a roundup's sum
    r"\bacross (?:two|three|four|five|six|several|many|\d+) (?:[\w-]+ )?(?:conflicts|countries|fronts|wars|"
    r"theatres|theaters)\b|"
    # "hundreds of people have been killed since it took effect"
    r"\b(?:hundreds|thousands|tens of thousands) of \w+ (?:have|has|had) been (?:killed|wounded|injured)\b",
    _I,
)


FUTURE = re.compile(
    r"\b(?:prepar\w+ (?:for|to)|plan(?:s|ned|ning)? (?:to|for|an?)|threat\w*|would|will|could|might|vow\w*|"
    r"warn\w*|intend\w*|expected to)\b",
    _I,
)


_RELATIVE_LEAD = re.compile(r"\s*(?:in which|during which|when|where|after which)\b", _I)


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


_MONTH_BEFORE = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,? (?:\d{1,2},? )?$|\d{1,2}[/.-]\d{1,2}[/.-]$",
    _I,
)


def _bare_years(text: str) -> list[int]:
    """Years standing alone ("the 2016 coup", "in 2019"), not the year of a full date ("3 January 2022")."""
    out = []
    for m in _YEAR.finditer(text):
        if not _MONTH_BEFORE.search(text[max(0, m.start() - 16) : m.start()]):
            out.append(int(m.group()))
    return out


_SEPARATE = re.compile(
    r"\bcoded (?:separately|as a separate event)\b|"
    # "..., when strikes on a base outside the city killed three soldiers, Iranian media reported at the time":
    # the attribution, a clause of its own, dates the whole sentence to an earlier report
    r"\b(?:reported|said|announced|confirmed|claimed|wrote) at the time\b|"
    # "This is the second attack on Chernihiv region today: overnight, drones hit a hotel in the regional centre":
    # the strike after the colon is the earlier one, told already
    r"\b(?:this|it) (?:is|was) the (?:second|third|fourth|fifth|sixth) (?:[\w-]+ )?(?:attack|strike)s? on "
    r"[^.;:]{0,60}\b(?:today|this week|within \w+ hours|in \w+ days|since \w+)\s*:",
    _I,
)


_STRIKE_TALLY = re.compile(
    r"\b(?:\d{1,3}(?:,\d{3})+|\d{3,}|hundreds|thousands) (?:of )?(?:\w+ )?"
    r"(?:air ?strikes|strikes|raids|sorties|attacks|bombs|drones|missiles)\b",
    _I,
)


_HYPOTHETICAL = re.compile(
    # "plans to strike", not "bombs fitted with universal planning and correction modules"
    r"\b(?:would|could|might|threaten(?:s|ed|ing)?|warn(?:s|ed|ing)?|vow(?:s|ed)?|"
    r"plan(?:s|ned|ning)?(?= (?:to|for|an?|the)\b)|if|unless|"
    r"should|will|intends?|ready to|capable of|able to|can|possible|potential|any attack|"
    # "Some residents initially believed the blast was a drone attack": a mistaken first belief
    r"(?:believed|thought|assumed|mistook|mistaken for)"
    r"(?= (?:that )?(?:the|it|this) (?:[\w-]+ )?(?:was|had been|for)\b))\b",
    _I,
)
# "quadcopter attacks on police posts have become common in the district": a habit, not one strike
_HABIT = re.compile(
    r"\b(?:have|has) become (?:\w+ )?(?:common|frequent|routine|commonplace|regular|a daily occurrence)\b|"
    r"\bare (?:now |increasingly )?(?:common|frequent|routine|commonplace)\b|"
    # "Nikopol ... is hit almost daily by drones and artillery": what the town lives with
    r"\b(?:is|are) (?:hit|shelled|struck|attacked|targeted|bombed) (?:almost |nearly |virtually )?(?:daily|every day|"
    r"regularly|routinely|constantly|frequently|repeatedly|every night)\b",
    _I,
)


def background_wording(text: str) -> bool:
    """The sentence's wording makes its strike background whatever it reads like: what keeps happening ("is hit
    almost daily by drones"), or a strike told as the earlier one ("This is the second attack on the region today:
    overnight, drones hit a hotel")."""
    return _HABIT.search(text) is not None or _SEPARATE.search(text) is not None


# "the army denied that it had targeted civilians in a drone strike on the market": it denies whom the strike hit,
# not the strike
_DENIED_CIVILIANS = re.compile(
    r"\b(?:denied|denies|deny|denying)\b[^.;]{0,40}?\b(?:target(?:ed|ing)|kill(?:ed|ing)|hit(?:ting)?|harm(?:ed|ing))\s+"
    r"(?:any\s+)?civilians\b",
    _I,
)


# "dismissing claims on social media that the site had been hit by a drone", "ruled out an air strike"
_NEGATION = re.compile(
    r"\b(?:no|not|never|denied|denies|deny|denying|without|neither|nor|n't|dismiss(?:ed|es|ing)?|"
    r"rul(?:ed|ing) out|refut(?:ed|es|ing))\b",
    _I,
)


CONCRETE_TIME = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|overnight|yesterday|today|tonight|this week|"
    r"this morning|early on|late on|on \d{1,2} \w+|morning|evening|afternoon|last night|earlier today|"
    r"past (?:day|night|24 hours)|"
    # a time of day: "At about two o'clock in the night", "shortly after 1 am", "at 03:40"
    r"(?:in|during) the night|at night|o'clock|\d{1,2}:\d\d|\d{1,2} ?(?:am|pm|a\.m\.|p\.m\.))(?!\w)",
    _I,
)




# (a month's name or its abbreviation, not any word that starts like one: "5 martyrs" is no 5 March)
MONTH_WORD = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|"
    r"nov(?:ember)?|dec(?:ember)?)"
)
DATE = re.compile(
    r"\b(\d{1,2}) " + MONTH_WORD + r"\b\.?|"
    r"\b" + MONTH_WORD + r"\b\.? (\d{1,2})\b(?!,? \d{4})",
    _I,
)


_SAID_ON = re.compile(
    r"\b(?:said|says|told|reported|announced|added|claimed|stated|confirmed|denied)\b[^,.;]{0,40}?\bon "
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d{1,2} \w+|\w+ \d{1,2})\b",
    _I,
)


_DAY = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", _I)


def days_named(text: str) -> set[str]:
    """Weekdays and day-month dates a sentence names ("on Tuesday", "on 3 March"), normalised."""
    text = _SAID_ON.sub(" ", text)  # "the ministry said on Friday": when it was said, not when it happened
    out = {m.group().lower() for m in _DAY.finditer(text)}
    for m in DATE.finditer(text):
        day, mon = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        out.add(f"{int(day)}-{mon.lower()[:3]}")
    return out


_MON = (r"(january|february|march|april|may|june|july|august|september|october|november|december|"
        r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?")


# dates that carry their year: "11 April 2023", "April 11, 2023", and month-year "in December 2023"
FULL_DATE = re.compile(
    r"\b(\d{1,2}) " + _MON + r",? ((?:19|20)\d\d)\b|\b" + _MON + r" (\d{1,2}),? ((?:19|20)\d\d)\b|"
    r"\b" + _MON + r",? ((?:19|20)\d\d)\b",
    _I,
)


def _full_dates(text: str) -> tuple[list[dt.date], list[tuple[int, int]]]:
    """Dates with an explicit year (month-year counts as the month's last day) and their spans."""
    out, spans = [], []
    for m in FULL_DATE.finditer(text):
        g = m.groups()
        if g[0]:
            day_s, mon_s, year_s = g[0], g[1], g[2]
        elif g[3]:
            mon_s, day_s, year_s = g[3], g[4], g[5]
        else:
            mon_s, day_s, year_s = g[6], "", g[7]
        month = MONTHS.get(mon_s.lower().rstrip("."))
        if month is None:
            continue
        year = int(year_s)
        try:
            if day_s:
                d = dt.date(year, month, int(day_s))
            else:
                d = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1))
        except ValueError:
            continue
        out.append(d)
        spans.append(m.span())
    return out, spans


#: A recalled strike older than this is history ("in December 2023, a drone killed 85"), not part of the news.
RECALL_DAYS = 60


_ANCHOR = re.compile(
    r"\blast (?:week|month|night|year|weekend|summer|winter|spring|autumn)\b|\b(?:days?|weeks?|months?) ago\b|"
    r"\bearlier (?:this|in the) (?:week|month)\b|"
    r"\b(?:a|one|two|three|four|five|\d+) (?:days?|weeks?) (?:earlier|before)\b",
    _I,
)


def anchored(view: ArticleView, idx: int) -> bool:
    """Sentence ``idx`` says when something happened (a weekday, a date, "last week", "overnight")."""
    text = view.sentence_text(idx)
    return bool(CONCRETE_TIME.search(text) or DATE.search(text) or FULL_DATE.search(text) or _ANCHOR.search(text))


def dated_text(view: ArticleView, idx: int) -> str:
    """Sentence ``idx`` without the dateline ("KYIV, Oct 14 (Dnieper Herald) -"), whose date is the copy's, not
    the date of anything the sentence tells (offsets kept)."""
    s0, _ = view.sentences[idx]
    text = view.sentence_text(idx)
    if s0 < view.dateline_end:
        cut = min(len(text), view.dateline_end - s0)
        text = " " * cut + text[cut:]
    return text


def long_ago(view: ArticleView, idx: int) -> bool:
    """Sentence ``idx`` dates what it tells more than RECALL_DAYS before publication (explicit year or date)."""
    if view.published is None:
        return False
    if idx not in view.long_ago_cache:
        # "a spokesman for the militia, which has been fighting since 2023, said": the aside dates nothing told
        text = blank(RELATIVE_ASIDE, dated_text(view, idx))
        view.long_ago_cache[idx] = dated_long_ago(text, view.published)
    return view.long_ago_cache[idx]


#: A date this many days before publication is a recall, whatever the words around it say.
RECALLED_DAYS = 14


def dated_weeks_before(view: ArticleView, idx: int) -> bool:
    """Sentence ``idx`` names dates (with or without a year) and all lie more than RECALLED_DAYS before
    publication ("the drone attack on the market on 20 August" in copy of 20 October), or says that months or
    years have passed since what it tells."""
    if view.published is None:
        return False
    text = dated_text(view, idx)
    if _ELAPSED.search(text):
        return True
    # a month named alone ("Israeli jets last struck Hodeidah in December") dates a recall here, and only here:
    # in a strike's own clause "in October" is as often the date of something else ("since a ceasefire took
    # effect in October")
    dates = _dates(text, view.published)
    dates += _month_only(text, view.published, _full_dates(text)[1])
    return bool(dates) and all((view.published - d).days > RECALLED_DAYS for d in dates)


def dated_by_month_only(view: ArticleView, idx: int) -> bool:
    """Sentence ``idx`` dates what it tells by a month alone, weeks before publication ("In June, a Turkish drone hit
    a car near Kalar" in August copy): a recall, where a roundup's items carry their day ("On 8 April a drone
    struck a pickup truck" in a monthly review)."""
    if view.published is None:
        return False
    text = dated_text(view, idx)
    if _dates(text, view.published):
        return False
    months = _month_only(text, view.published, _full_dates(text)[1])
    return bool(months) and all((view.published - d).days > RECALLED_DAYS for d in months)


# "Last month, Iraqi F-16 jets struck ...", "In 2022, a drone ...", "Two years ago, ...": a sentence that opens by
# dating itself months back tells history, whatever the classifier (which reads no dates) makes of its words
PAST_OPENING = re.compile(
    r"\s*(?:last (?:month|year|summer|winter|spring|autumn|fall)|earlier this year|in (?:19|20)\d\d|"
    # "In April last year, a drone attack set fire to fuel tanks at the same depot"
    r"in (?:early |late |mid-)?(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december) (?:of )?last year|"
    r"(?:one|a|two|three|four|five|six|several|\d{1,2}) (?:years?|months) ago|"
    r"(?:two|three|four|five|six|several|\d{1,2}) weeks ago|"
    r"in (?:early |late |mid-)?(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december),? (?:19|20)\d\d)\b",
    re.I,
)


# "gathered to mark one year since a drone strike that killed 20", "on the first anniversary of the strike",
# "a strike two months ago": a time elapsed since the strike, told in words instead of a date
_SPAN_OF_TIME = r"(?:one|a|two|three|four|five|six|\d{1,2}) (?:years?|months?)"
_ELAPSED = re.compile(r"\b(?:" + _SPAN_OF_TIME + r" (?:since|ago|after)|(?:\w+ )?anniversary of)\b", _I)
# the same, said only as "ago" or an anniversary ("two months since the ceasefire" dates the ceasefire, not the
# strike): "Two years ago this week, a drone strike ..."
YEARS_AGO = re.compile(r"\b(?:" + _SPAN_OF_TIME + r" ago|anniversary of)\b", _I)


def dated_long_ago(text: str, published: dt.date) -> bool:
    """``text`` names dates or years, all more than RECALL_DAYS before ``published``."""
    full, _ = _full_dates(text)
    dates = full + [dt.date(y, 12, 31) for y in _bare_years(text)]
    return bool(dates) and all((published - d).days > RECALL_DAYS for d in dates)


# "in December", "in early March" with no day or year: the month before publication it names (the month of
# publication itself counts as the publication day)
_MONTH_ONLY = re.compile(
    r"\b[Ii]n (?:early |late |mid-)?(January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b(?![ ,]*\d)"
)
# "In December, Ukraine's air force said ...": a sentence that opens with a month alone
_MONTH_OPENING = re.compile(r"\s*" + _MONTH_ONLY.pattern + r"(?!\s+(?:last|this|next) year)")


def month_opening_before(view: ArticleView, idx: int) -> bool:
    """Sentence ``idx`` opens with a month named alone ("In December, ...") that ended more than RECALLED_DAYS
    before publication: what it tells is history, however much it reads like news."""
    if view.published is None:
        return False
    text = view.sentence_text(idx)
    m = _MONTH_OPENING.match(text)
    if m is None:
        return False
    dates = _month_only(text[: m.end()], view.published, [])
    return bool(dates) and all((view.published - d).days > RECALLED_DAYS for d in dates)


# "It will be remembered that last month ...", "It is worth mentioning that ... a week ago": translated copy's
# way of opening a recall (Arabic "wa-min al-jadir bi-al-dhikr", French "il convient de rappeler")
_RECALL_OPENING = re.compile(
    r"\s*it (?:will|should|must|may|is to) be (?:remembered|recalled)\b|\s*it is (?:recalled|worth recalling)\b", _I
)
_RECALL_NOTE = re.compile(r"\s*it is (?:worth (?:mentioning|noting)|noteworthy)\b", _I)
_PAST_MARK = re.compile(
    r"\blast (?:week|month|year)\b|\b(?:a|one|two|three|four|five|six|several|\d{1,2}) (?:weeks?|months?|years?) "
    r"ago\b|\bearlier this (?:month|year)\b",
    _I,
)


def recall_aside(text: str) -> bool:
    """The sentence opens as a recall ("It will be remembered that ..."), or notes in passing something dated back
    ("It is worth mentioning that an air strike a week ago killed eleven")."""
    return bool(_RECALL_OPENING.match(text) or (_RECALL_NOTE.match(text) and _PAST_MARK.search(text)))


def _month_only(text: str, published: dt.date, spans: list[tuple[int, int]]) -> list[dt.date]:
    out = []
    for m in _MONTH_ONLY.finditer(text):
        if any(a <= m.start(1) < b for a, b in spans):
            continue
        month = MONTHS[m.group(1).lower()]
        if month == published.month:
            out.append(published)
            continue
        year = published.year - (month > published.month)
        out.append(dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1))
    return out


def _dates(text: str, published: dt.date) -> list[dt.date]:
    out, spans = _full_dates(text)
    for m in DATE.finditer(text):
        if any(a <= m.start() < b for a, b in spans):
            continue
        day_s, mon_s = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        month = MONTHS.get(mon_s.lower().rstrip("."))
        if month is None:
            continue
        day = int(day_s)
        year = published.year
        try:
            d = dt.date(year, month, day)
        except ValueError:
            continue
        if d > published + dt.timedelta(days=2):
            try:
                d = dt.date(year - 1, month, day)
            except ValueError:
                continue
        out.append(d)
    return out


# Where a write-up's label may start: a line, or right after the sentence before it (the cleaner joins a
# paragraph's lines: "Date of incident: 24 July 2026. Location: main market ..."); shared with grouping's labels.
LABEL_START = r"(?:^|\n|(?<=[.;!?]) )[ \t]*"
DATE_LABEL = re.compile(
    LABEL_START + r"(?:Date(?: of (?:the )?incident)?|When|Happened|Occurred|Date/time|Date and time|Date & time|"
    r"Time of (?:the )?(?:incident|attack|strike)|Time and date|"
    r"Date,? and (?:place|location|locality)|(?:Place|Location|Locality) and date)\s*:",
    re.I,
)


# a trailing clause (lower case: not the sentence's opening) that dates the sentence by another event
_TRAILING_DAY_AFTER = re.compile(r"\s*(?:a|one|two|three|four|several) (?:day|days|week|weeks) (?:after|before)\b")


def is_background(published: dt.date | None, text: str, start: int, end: int) -> bool:
    """The strike words at [start, end) of ``text`` tell background: history, a habit, a tally, an old date."""
    left, right = clause_bounds(text, start, end)
    clause = text[left:right]
    if _BACKGROUND.search(clause) or _SEPARATE.search(text) or _HABIT.search(clause):
        return True
    if left > 0 and _TRAILING_DAY_AFTER.match(clause):
        # "Shells hit a residential block in Kadugli ..., a day after the drone attack on a mosque in Dilling"
        return True
    # "... over the 2016 coup attempt, in which rebel F-16 pilots bombed parliament": the relative clause is
    # about the event named before it
    scope = text[:right] if _RELATIVE_LEAD.match(clause) else clause
    if published is not None and any(y < published.year for y in _bare_years(scope)):
        return True
    head = CLAUSE_SPLIT.split(text, maxsplit=1)[0]
    if len(head) < 40 and _BACKGROUND.match(head.strip()):
        return True
    # "On April 11, 2023, a Yak-130 jet dropped bombs": a date with its year anywhere before the trigger's clause
    # ends (the comma inside the date splits clauses, so the clause alone misses it)
    if published is not None:
        full, _ = _full_dates(text[:right])
        if full and all((published - d).days > 3 for d in full):
            # a monitor's record ("Date: 3 October 2025, morning ... Type: air strike"), filed days or weeks
            # later, is about the incident its date label gives: background only past RECALL_DAYS
            labelled = DATE_LABEL.search(text[:right])
            if not (labelled and all((published - d).days <= RECALL_DAYS for d in full)):
                return True
    # "the military had carried out more than 2,400 air strikes since the coup": a tally, not a report
    if _STRIKE_TALLY.search(clause) and AGGREGATE.search(text):
        return True
    # "the army says drone strikes have killed hundreds of jihadists": a running toll of many strikes
    if _RUNNING_TOLL.search(clause):
        return True
    # an explicit date more than a few days before publication
    if published is not None:
        dates = _dates(clause, published) or _dates(head, published)
        if dates and all((published - d).days > 3 for d in dates):
            return True
    return False


def modal(text: str, start: int, end: int) -> bool:
    """The strike words at [start, end) are hypothetical ("could strike", "threatened") or denied ("did not")."""
    left, right = clause_bounds(text, start, end)
    clause = text[left:right]
    if _HYPOTHETICAL.search(clause):
        return True
    return denied(text, start, end)


def denied(text: str, start: int, end: int) -> bool:
    """The strike words at [start, end) are denied: "There was no drone and no air attack", "dismissing claims that
    the site had been hit by a drone", "jet fighters flew over the town but dropped no bombs"."""
    left, _ = clause_bounds(text, start, end)
    before = _DENIED_CIVILIANS.sub(" ", text[left:start])
    return (
        bool(_NEGATION.search(before))
        or _NO_OBJECT.match(text, end) is not None
        or _NO_STRIKE.search(text, start, end) is not None
    )


# "dropped no bombs", "fired nothing": the verb that ends the trigger has a negated object
_NO_OBJECT = re.compile(r"\s+(?:no|nothing)\b", _I)
# "heard a drone overhead afterwards; no strike was reported", "drones over the border area but no air strikes":
# the drone seen is what the trigger starts at, the strike it ends at is denied
_NO_STRIKE = re.compile(r"\bno (?:air ?|drone |aerial )?(?:strikes?|airstrikes?|attacks?|bombs?|bombing)\b", _I)



def opens_as_history(view: ArticleView, idx: int) -> bool:
    """Sentence ``idx`` opens by dating itself back ("Last month, ...", "In December, ..." in copy of May) or as a
    recall ("It will be remembered that ...")."""
    text = view.sentence_text(idx)
    return PAST_OPENING.match(text) is not None or recall_aside(text) or month_opening_before(view, idx)
