"""The detect stage's report: one ``ArticleReport`` per entity-tagged article, with its strike events.

``detect_one`` is the whole stage for one article, in three steps: ``sentence_infos`` (what each sentence
reports), ``group_events`` (sentences into events) and ``_to_model`` (events onto the wire model). The first step
is one small function on purpose: it is where a learned sentence classifier can replace or adjust the rules.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence

from schemas import (
    Aircraft,
    ArticleReport,
    Base,
    Casualty,
    EntityArticle,
    Evidence,
    Place,
    Province,
    StrikeEvent,
)
from streams import lexicon
from streams.detect.claims import (
    EventClaim,
    dedupe_claims,
    drop_area_totals,
    drop_cross_event_repeats,
    drop_roundup_totals,
    drop_summed_leads,
    killed_min,
)
from streams.detect.event_places import header_date
from streams.detect.grouping import Event, group_events
from streams.detect.judge import judge
from streams.detect.kinds import SentenceInfo, SentenceKind
from streams.detect.namesakes import BEARING_PART
from streams.detect.places import target_provinces
from streams.detect.sentences import classify
from streams.detect.timing import anchored, dated_by_month_only, long_ago, opens_as_history
from streams.detect.view import ArticleView
from streams.eventdate import event_date_of
from streams.geo import Gazetteer
from streams.geo_base import group_theatres

STAGE = "detect"


def detect(batch: Sequence[EntityArticle]) -> list[ArticleReport]:
    """One report per article, in order."""
    return [detect_one(a) for a in batch]


def sentence_infos(view: ArticleView) -> list[SentenceInfo]:
    """What each sentence of the article reports (one ``SentenceInfo`` per sentence, in order)."""
    return classify(view)


def detect_one(ea: EntityArticle) -> ArticleReport:
    """Strike report of one article (not a strike when the gate kept it from the model)."""
    if not ea.gate_passed:
        return _report(ea, False, [], 0.0)
    view, infos, probability, events = judged_events(ea)
    if not events:
        return _report(ea, False, [], probability)
    home = article_country(view, events)
    sections = section_countries(view)
    day = header_date(view) if sum(e.current for e in events) == 1 else None
    passing = {id(e) for e in passing_mentions(view, events)}
    models = [
        _to_model(view, e, probability is not None, _section_of(view, e, sections) or home, day).model_copy(
            update={"mention": id(e) in passing}
        )
        for e in events
    ]
    return _report(ea, True, models, probability)


# "Earlier on Tuesday, drones hit Nizhyn", "Russian aircraft also dropped bombs on nearby Kostiantynivka later on
# Tuesday", "The attack came hours after an overnight drone raid on Pavlohrad": a strike told in passing
_PASSING = re.compile(
    r"\b(?:earlier|later|separate|hours (?:after|before)|(?:second|third|another) (?:\w+ )?(?:attack|strike|raid))\b|"
    # "The town lies about 40 km north of Bila Tserkva, hit by drones on Tuesday": an aside on the place
    r",\s+(?:hit|struck|targeted|attacked|bombed|shelled) by\b",
    re.I,
)
# ... and "also": "Israeli drones also struck an empty house in Yaroun" (with a place of its own)
_ALSO = re.compile(r"\balso\b", re.I)


def passing_mentions(view: ArticleView, events: list[Event]) -> list[Event]:
    """Events an article tells in passing beside the strike it reports: one sentence with a cue of another
    time or another attack, no toll, and no place that an event with a toll names. The article is no
    report of them (the fuse stage leaves them out); as extraction they stand (the strike did happen)."""
    tolled = [e for e in events if e.claims]
    if not tolled:
        return []
    named = {n for e in tolled for n in e.places}
    out = []
    for e in events:
        if any(e is t for t in tolled) or len(e.sentences) != 1 or set(e.places) & named:
            continue
        text = view.sentence_text(e.sentences[0])
        if _PASSING.search(text) or (e.places and _ALSO.search(text)):
            out.append(e)
    return out


def judged_events(ea: EntityArticle) -> tuple[ArticleView, list[SentenceInfo], float | None, list[Event]]:
    """The article's view, its judged sentences, the strike probability and its events with their places (what
    ``train/place_roles.py`` reads too)."""
    view = ArticleView.build(ea)
    infos = sentence_infos(view)
    # the trained sentence classifier and the rules, weighed by the arbiter (streams.detect.judge): the decision and
    # each strike sentence's calibrated probability
    probability = judge(view, infos)
    events = strike_events(view, infos)
    return view, infos, probability, events


def strike_events(view: ArticleView, infos: list[SentenceInfo]) -> list[Event]:
    """The article's events once the sentences are judged; empty when it reports no current strike."""
    if not any(i.kind == SentenceKind.STRIKE and i.current for i in infos):
        return []
    events = group_events(view, infos)
    drop_roundup_totals(events, view.sentence_text)
    drop_area_totals(events, view.sentence_text)
    drop_cross_event_repeats(events)
    drop_summed_leads(events)
    # an earlier strike may stand as an event of its own; an attack the rules vetoed (all intercepted) may not
    events = [e for e in events if e.current or (_recalled_event(view, e) and not _vetoed(infos, e))]
    if not any(e.current for e in events):
        return []
    return _drop_bare_leads(events)


# a section header of a roundup: a country name that opens its line and ends at a colon or at the line's end
# ("NIGER: The civil society collective ...", "Lebanon\n- An Israeli drone ...")
_HEADER_END = re.compile(r"[ \t]*(?::|\n)")


def section_countries(view: ArticleView) -> list[tuple[int, str]]:
    """(offset, country) of each country section header of a roundup ("NIGER: ...", "NIGERIA: ..."), in order;
    empty unless the article has two such headers of different countries (one "Syria:" label is no roundup)."""
    text = view.text
    out: list[tuple[int, str]] = []
    for ent in view.ea.entities:
        if ent.label != "COUNTRY" or not ent.canonical or (ent.start > 0 and text[ent.start - 1] != "\n"):
            continue
        if _HEADER_END.match(text, ent.end) and (not out or out[-1][0] != ent.start):
            out.append((ent.start, ent.canonical))
    out.sort()
    return out if len({cc for _, cc in out}) >= 2 else []


def _section_of(view: ArticleView, e: Event, sections: list[tuple[int, str]]) -> str | None:
    """The country of the roundup section the event's first sentence inside a section stands in, if any (the
    roundup's lead, before the first header, belongs to every section)."""
    starts = sorted(view.sentences[i][0] for i in e.sentences)
    for start in starts:
        inside = [cc for offset, cc in sections if offset <= start]
        if inside:
            return inside[-1]
    return None


_NATIONAL_FORCE = re.compile(
    r"\b(?:Armed Forces|Army|Air Force|Defence Forces|Defense Forces|General Staff|Ministry of (?:Defence|Defense))"
    r" of (?:the )?$"
)


def article_country(view: ArticleView, events: Sequence[Event]) -> str | None:
    """The one country an article's strikes are in, for an event that names no place the tables know ("a
    drone hit a house in the village of X"): the country of its events' provinces when they share one, else
    of the places it names (twice, or once with the country named), else the country it names (a demonym only
    for a place: "a Lebanese village", not "an Israeli drone"), else of the one-theatre armed group it names.
    None when two tie."""
    countries = {cc for e in events for cc in e.provinces.values() if cc}
    if len(countries) == 1:
        return next(iter(countries))
    if countries:
        return None
    gaz = Gazetteer.load()
    named: Counter[str] = Counter()
    places: Counter[str] = Counter()
    # the country names and places the entity stage already tagged
    orgs = [(e.start, e.end) for e in view.ea.entities if e.label == "ORG"]
    for ent in view.ea.entities:
        if ent.label == "COUNTRY" and ent.canonical:
            if any(
                (a <= ent.start and ent.end <= b and (a, b) != (ent.start, ent.end))
                or view.text[b : ent.start] in (" of ", " of the ")
                for a, b in orgs
            ) and not _NATIONAL_FORCE.search(view.text[max(0, ent.start - 40) : ent.start]):
                # "the Kurdistan Democratic Party of Iran": a party's name, not where the strike was (but "Armed
                # Forces of Burkina Faso: air-land operations ... destroyed a terrorist base" fight at home)
                continue
            if not gaz.is_demonym(ent.text) or _PLACE_NOUN.match(view.text, ent.end):
                named[ent.canonical] += 1
        elif ent.label in ("ADMIN1", "CITY", "DISTRICT") and len(ent.codes) == 1:
            places[ent.codes[0].split("-", 1)[0]] += 1
    places = Counter({cc: n for cc, n in places.items() if n >= 2 or cc in named})
    for counts in (places, named):
        top = counts.most_common(2)
        if top and (len(top) == 1 or top[0][1] > top[1][1]):
            return top[0][0]
    groups = group_theatres(view.text)  # "the Arakan Army said": a group that fights in one country
    return next(iter(groups)) if len(groups) == 1 else None


# a demonym names the struck country only before a place: "a Lebanese village", "the Syrian town of"
_PLACE_NOUN = re.compile(
    r"\s+(?:border\s+)?(?:village|town|city|capital|province|region|district|countryside|territory|coast|"
    r"side of the border|border area|civilians|health ministry|authorities|officials|sovereignty|soil|airspace)\b",
    re.I,
)


def _bare(e: Event) -> bool:
    """An event that says only that strikes happened: no place, figure, aircraft or base."""
    return not (e.provinces or e.places or e.claims or e.zero or e.aircraft or e.bases)


def _drop_bare_leads(events: list[Event]) -> list[Event]:
    """A roundup's lead ("Israeli drone strikes have hit targets in Syria and Lebanon in the past three days") is
    no strike of its own when the article's other events say where and how many: it would only stand as an
    unplaced incident beside theirs."""
    if not any(e.current and not _bare(e) for e in events):
        return events
    return [e for e in events if not _bare(e)]


def _vetoed(infos: list[SentenceInfo], e: Event) -> bool:
    """Every sentence that tells the event's strike is one the rules vetoed ("launched 3 drones towards Khamis
    Mushait; they were intercepted")."""
    told = [infos[i] for i in e.sentences if infos[i].kind == SentenceKind.STRIKE and not infos[i].continuation]
    return bool(told) and all(i.vetoed for i in told)


def _recalled_event(view: ArticleView, e: Event) -> bool:
    """An earlier strike the article recalls ("Last week, bombers struck Raqqa, killing 20") is an event of its
    own only when it is specific (a target province), recent ("In December 2023, a drone killed 85 people in
    Tudun Biri" and "In June, a drone hit a car near Kalar" in August copy are history, not news) and anchored
    by a casualty figure or a time ("it has increasingly used drones to hit infrastructure in Darfur" names no
    strike at all)."""
    # (the sentences that place it: "Three drones were shot down over the Kirishi district ..." may join the
    # recalled "last month a drone attack damaged an oil depot near Liski" without being about it)
    placed = [i for i in e.sentences if target_provinces(view, i)] or e.sentences
    return bool(
        e.provinces
        and not any(long_ago(view, i) or dated_by_month_only(view, i) for i in e.sentences)
        and not opens_as_history(view, e.sentences[0])
        # "A drone strike on a checkpoint near Debre Tabor last month killed several people": a month back is
        # history, toll or not
        and not any(_MONTHS_BACK.search(view.sentence_text(i)) for i in placed)
        # "Earlier this month an air strike on a school in Minbya killed several students" in copy of the 22nd
        and not (view.published and view.published.day >= 15
                 and any(_THIS_MONTH.search(view.sentence_text(i)) for i in placed))
        # "A week earlier, a drone attack set fire to an oil depot in Kovel": weeks back and no toll is context
        and (e.claims or any(anchored(view, i) and not _WEEKS_BACK.search(view.sentence_text(i)) for i in placed))
    )


# a strike dated a week or more back by a relative phrase
_WEEKS_BACK = re.compile(
    r"\b(?:last (?:week|month)|(?:a|one|two|three|four|several|\d+) (?:weeks?|months?) (?:earlier|before|ago)|"
    r"weeks (?:earlier|ago)|earlier (?:this|in the) month)\b",
    re.I,
)
_THIS_MONTH = re.compile(r"\bearlier (?:this|in the) month\b", re.I)
# ... and one a fortnight or more back
_MONTHS_BACK = re.compile(
    r"\b(?:last month|(?:a|one|two|three|four|several|\d+) months? (?:earlier|before|ago)|"
    r"(?:two|three|four|several|\d+) weeks (?:earlier|before|ago)|weeks (?:earlier|ago))\b",
    re.I,
)


def _report(
    ea: EntityArticle, is_strike: bool, events: list[StrikeEvent], probability: float | None = None
) -> ArticleReport:
    a = ea.article
    return ArticleReport(
        article_id=a.id,
        is_strike=is_strike,
        events=events,
        title=a.title,
        url=a.url,
        published=a.published,
        source=a.source,
        gate_passed=ea.gate_passed,
        ingested_at=a.ingested_at,
        strike_probability=None if probability is None else round(probability, 4),
    )


def _event_id(article_id: str, e: Event, first_offset: int) -> str:
    content = "|".join([article_id, ",".join(sorted(e.provinces)), ",".join(sorted(e.aircraft)), str(first_offset)])
    return "evt-" + hashlib.sha1(content.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]


def _to_model(
    view: ArticleView, e: Event, calibrated: bool, home: str | None = None, day: str | None = None
) -> StrikeEvent:
    """The wire model of one event; ``home`` is the article's country and ``day`` its write-up's "Date:" line,
    the fallbacks for an event that names neither."""
    a = view.article
    claims = dedupe_claims(e.claims)
    km = killed_min(claims)
    if km is None and e.zero:
        km = 0
    evidence = [Evidence(start=s, end=t, text=a.text[s:t]) for s, t in (view.sentences[i] for i in e.sentences)]
    first = evidence[0].start if evidence else 0
    # calibrated: the arbiter's probability for the event's best sentence; without sentence scores (an old
    # entities record) the rules' heuristic, which is not a probability
    confidence = (
        e.strength
        if calibrated
        else min(0.99, 0.5 + 0.3 * e.strength + (0.1 if e.provinces else 0) + (0.05 if e.aircraft else 0))
    )
    return StrikeEvent(
        event_id=_event_id(a.id, e, first),
        article_id=a.id,
        actor=e.actor,
        aircraft=_aircraft(e),
        bases=_bases(e),
        provinces=[Province(code=c, name=_admin1_name(c), country=cc) for c, cc in e.provinces.items()],
        places=[Place(name=n, province=code, country=cc) for n, (code, cc) in e.places.items()],
        targets=e.targets,
        target_groups=e.target_groups,
        casualties=_casualties(claims),
        killed_min=km,
        evidence=evidence,
        confidence=round(confidence, 3),
        title=a.title,
        url=a.url,
        published=a.published,
        source=a.source,
        event_date=event_date_of([x.text for x in evidence], a.published)
        or (event_date_of([view.sentence_text(e.lead)], a.published) if e.lead is not None else None)
        or (day if e.current else None),
        country=_country(e) or located_country(view, e) or home,
    )


# "in southern Syria", "inside Lebanon", "across eastern Congo": the country a strike's sentence puts it in
_LOCATED_IN = re.compile(r"\b(?:in|inside|across|into|over)\s+(?:the\s+)?" + BEARING_PART + "$", re.I)

# "officials in Israel said", "sources inside Syria": where the speaker is, not the strike
_SPEAKER_BEFORE = re.compile(
    r"\b(?:officials?|sources?|authorities|army|military|ministry|government|residents|people|activists|media|"
    r"spokes(?:man|woman|person)|embassy|diplomats?|analysts?|journalists?|reporters?)\s*$",
    re.I,
)


def located_country(view: ArticleView, e: Event) -> str | None:
    """The one country the event's own sentences place it in ("struck a structure in the area of Beit Jinn in
    southern Syria"), for an event whose places the tables do not know; None when they name none or two. Beats
    the article's country, which counts every mention ("threats to the State of Israel and its civilians")."""
    gaz = Gazetteer.load()
    found = set()
    for ent in (ent for i in e.sentences for ent in view.ents(i, "COUNTRY")):
        if not ent.canonical or gaz.is_demonym(ent.text):
            continue
        located = _LOCATED_IN.search(view.text, max(0, ent.start - 40), ent.start)
        if located and not _SPEAKER_BEFORE.search(view.text, max(0, located.start() - 30), located.start()):
            found.add(ent.canonical)
    return next(iter(found)) if len(found) == 1 else None


def _country(e: Event) -> str | None:
    """The event's own country: of its first province, else of its first place."""
    for cc in e.provinces.values():
        if cc:
            return cc
    for _code, cc in e.places.values():
        if cc:
            return cc
    return None


# a designation's variant suffix as written: "FTC-2000G", "Su-30SME", "Mi-35M" (not the plural of "Su-34s")
_VARIANT = re.compile(r"[A-Z0-9]{1,4}")
_NORM_DESIGNATION = re.compile(r"[\s\-\u2010-\u2015.]")


def as_written(designation: str, mention: str) -> str:
    """The designation a strike report gives: a variant the text writes ("FTC-2000G" for the FTC-2000 entry) is a
    designation of its own; a name or alias ("Geran-2", "Fullback") maps to the entry's designation."""
    last = mention.split()[-1] if mention.split() else mention
    base = _NORM_DESIGNATION.sub("", designation).casefold()
    written = _NORM_DESIGNATION.sub("", last)
    if len(written) > len(base) and written.casefold().startswith(base) and _VARIANT.fullmatch(written[len(base) :]):
        return last
    return designation


def _aircraft(e: Event) -> list[Aircraft]:
    table = lexicon.aircraft_table()
    return [
        Aircraft(
            designation=as_written(d, m),
            mention=m,
            role=table[d].role if d in table else None,
            kind=table[d].kind if d in table else None,
        )
        for d, m in e.aircraft.items()
    ]


def _bases(e: Event) -> list[Base]:
    return [
        Base(
            name=h.entry.name,
            aliases=list(h.entry.aliases),
            country=h.entry.country or None,
            city=h.entry.city or None,
            lat=h.entry.lat if h.entry.lat or h.entry.lon else None,
            lon=h.entry.lon if h.entry.lat or h.entry.lon else None,
        )
        for h in e.bases.values()
    ]


def _casualties(claims: list[EventClaim]) -> list[Casualty]:
    return [
        Casualty(
            status=c.status,
            count_min=c.count_min,
            count_max=c.count_max,
            victims=c.victims,
            claimed_by=who,
            text=c.text,
            start=c.start,
            end=c.end,
        )
        for c, who, _ in claims
    ]


def _admin1_name(code: str) -> str | None:
    from streams.places import load_gazetteer

    name: str | None = load_gazetteer().admin1_name(code)
    return name
