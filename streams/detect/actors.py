"""Who struck, who says so, and what was hit: the attacker, the claimant, target groups and target objects.

Why rules: the attacker is named right before the strike words ("Israeli warplanes", "al-Shabaab fighters" is
a target, "Iranian-made drones" is no attacker), and the claimant is the subject of "said" or the object of
"according to"; short windows of text around the triggers settle both.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from schemas import EntitySpan
from streams import lexicon
from streams.clean import LIST_BULLET
from streams.detect.cues import CLAIMED, COMPOUND_AFTER, SAID, other_strike_spans
from streams.detect.view import ArticleView

_I = re.IGNORECASE

_UNCLEAR_ACTOR = re.compile(
    r"\b(?:not (?:immediately )?clear|unclear|not (?:immediately )?known|unknown)\s+(?:whether|who|which|if)\b", re.I
)


_CLAIMANT_AFTER = re.compile(
    r"\s+(?:opposition\s+|rights\s+|state\s+|government\s+)?(?:activists?|monitors?|observatory|groups?|media|"
    r"officials?|sources?|medics|witnesses|residents|doctors)\b"
)


_OBJECT_PREP = re.compile(r"\b(?:at|on|against|in|into|over|of|across|inside|near|from|to)\s+(?:the\s+)?$")


_ACTOR_GROUP = re.compile(
    r"\b(?:Saudi-led coalition|US-led coalition|Global Coalition|Arab coalition|Houthis?|Hezbollah|Hamas|"
    r"al-Shabaab|Rapid Support Forces|RSF|Libyan National Army|LNA|Government of National (?:Accord|Unity)|"
    r"GNA|NATO|Taliban|PKK|Wagner)\b"
)


@cache
def _country_name(alpha2: str) -> str:
    import pycountry

    country = pycountry.countries.get(alpha_2=alpha2)
    if country is None:
        return alpha2
    return str(getattr(country, "common_name", None) or country.name)


_GROUP_BEFORE = re.compile(
    r"\b(?:against|on|targeting|targeted|hit|struck|bombed|of|at)\s+(?:the\s+)?(?:suspected\s+|presumed\s+|alleged\s+)?$",
    _I,
)


_GROUP_AFTER = re.compile(
    r"[\s-]*(?:positions?|fighters?|militants?|members?|targets?|hideouts?|camps?|commanders?|convoys?|sites?|"
    r"strongholds?|bases?|forces|vehicles?|gatherings?|leaders?|operatives?|cells?|enclaves?|reinforcements)\b",
    _I,
)


_TARGET = re.compile(
    r"\b(?:struck|hit|hitting|targeted|targeting|bombed|bombing|on|at|and|destroying|destroyed)\s+((?:an?\s+|the\s+|two\s+|"
    r"three\s+|four\s+|five\s+|several\s+|\d+\s+)?(?:[a-z-]{3,20}\s+)?(?:market|hospital|clinic|school|house|"
    r"homes?|houses|residential (?:building|area|neighbourhood|district)s?|buildings?|convoys?|vehicles?|car|truck|"
    r"checkpoints?|camps?|base|airport|port|depots?|warehouses?|positions|hideouts?|command (?:centre|center|post)s?|"
    r"command posts|power (?:station|plant)s?|substations?|energy facilities|refinery|bridge|mosque|church|"
    r"village|farm|tents|bus|minibus|wedding|gathering|headquarters|factory|facilities|sites|tunnels|caves|"
    r"shelters?|trenches|launchers|radar|air defen[cs]e (?:system|site)s?|boats?|ships?|tankers?|elevator|silos?|"
    r"granary))\b",
    _I,
)



def target_groups(view: ArticleView, idx: int) -> list[str]:
    """Armed groups the strike in sentence ``idx`` is said to target ("against PKK positions")."""
    text = view.sentence_text(idx)
    pattern, names = lexicon.armed_group_pattern()
    out: list[str] = []
    for m in pattern.finditer(text):
        name = names.get(m.group())
        if name is None or name in out:
            continue
        before = text[max(0, m.start() - 30) : m.start()]
        after = text[m.end() : m.end() + 30]
        if _GROUP_BEFORE.search(before) or _GROUP_AFTER.match(after):
            out.append(name)
    return out


def targets(view: ArticleView, idx: int) -> list[str]:
    """What the strike in sentence ``idx`` hit, as short noun phrases ("a market", "ammunition depots")."""
    text = view.sentence_text(idx)
    out: list[str] = []
    other = other_strike_spans(text)  # "..., hours after a drone hit a utility truck in Nikopol"
    for m in _TARGET.finditer(text):
        if any(a <= m.start() < b for a, b in other):
            continue
        phrase = m.group(1).strip()
        if phrase.lower() not in (t.lower() for t in out):
            out.append(phrase)
    return out[:8]


# "..., the regional governor said", "security sources said": a claimant named by its role, in lower case
_ROLE = (
    r"(?i:governor|mayor|military|army|ministry|police|officials?|officer|spokes(?:man|woman|person)|sources?|"
    r"authorities|command|council|committee|hospital|headquarters|medics|doctors|residents|witnesses|rescuers|"
    r"monitor|observatory|administration|government|chief|head|commander|services?|chairman|director|leaders?|"
    r"elders?|worker|minister|office|directorate|agency|team|department|crews|centre|center|network|councillors?|"
    r"organi[sz]ation|group|collective|association|forum|union|members?|civil defen[cs]e|paramedics|red crescent|"
    r"brigade|battalion|regiment|division|corps|rebels|separatists|insurgents|activists)"
)
_ROLE_SAID = re.compile(
    r"(?:^|, |\. |; |[,.!?][\"\u201d] |that |as |, while |, but |, whereas |after )"
    r"((?:the |a |an )?(?:[A-Za-z][\w'\u2019-]* ){0,4}?"
    + _ROLE
    # "the head of the regional military administration", "the health office in Taiz governorate"
    # "a spokesman for the Houthi-run health ministry in Sanaa", "a health worker at the town's hospital"
    + r"(?: (?:in|of|for|at) (?:the |an? )?(?:[A-Z][\w'\u2019-]*|(?:[a-z][\w'\u2019-]* ){0,2}(?i:administration|"
    r"ministry|council|government|office|directorate|committee|authority|hospital|town|city|village|camp|district|"
    # "a member of a local rescue group said"
    r"group|team|network|organi[sz]ation))"
    r"(?: [A-Za-z][\w'\u2019-]*){0,4}?)?)"
    # "the township administration of the National Unity Government (NUG) said"; "the head of the city military
    # administration, Ihor Savchuk, said"
    r"(?: \([^()]{1,20}\))?(?:, [A-Z][\w'\u2019.-]+(?: [A-Z][\w'\u2019.-]+){1,2},| [A-Z][\w'\u2019.-]+"
    r"(?: [A-Z][\w'\u2019.-]+){1,2})?"
    # "a spokesman for the Fano militia and two residents said", "a medical source and the energy ministry
    # said": the first of two sources
    r"(?: and (?:(?:a|an|the|two|three|four|several|some|other|local) )?(?:[A-Za-z][\w'\u2019-]* ){0,2}?"
    r"(?i:villagers?|survivors?|relatives?|"
    + _ROLE[4:]
    + r")?"
    r" (?:had |has |have |later |also |earlier |initially )?"
    r"(?:said|says|say|reported|" + CLAIMED + r"|announced|told|wrote|added|confirmed|stated|put|gave|"
    r"estimated|raised|"
    # "a day after separatist rebels accused it of killing 12 civilians"
    r"revised|updated|accused (?:\w+ ){1,3}?of (?:killing|wounding|injuring))\b"
)
# "The Kordofan Doctors' Committee, a medical group, put the death toll at nine": a name, its appositive, the verb
_APPOSITIVE_SAID = re.compile(
    # "The civil defence, which led the rescue, put the toll at 18"
    # "..., while the M23 rebel group, which controls the town, said", "The militant group, in a claim published by
    # its Amaq news agency, said"
    r"(?:^|, (?:while |whereas |but )?|\. |that )((?:the )?[A-Z][^,;.]{1,80}?), "
    # "A local elected official in Tinzaouaten, reached by phone, said"
    r"((?:an?|the|which|who|speaking|citing|quoting|in|reached|contacted|interviewed|asked|questioned) [^,;.]{2,80}), "
    r"(?:said|says|reported|" + CLAIMED + r"|announced|told|stated|put|gave|estimated|raised|revised|"
    r"updated)\b"
)
# '"We have received 11 bodies," said the official': the verb before its speaker, after a quote
_SAID_ROLE = re.compile(
    r"[,.!?][\"\u201d] (?:said|says|added|told \w+)\s+((?:the |a |an )(?:[A-Za-z][\w'\u2019-]* ){0,3}?" + _ROLE + r")\b"
)
# "Fano's figure of 17 dead could not be verified": whose figure it is
_FIGURE_OF = re.compile(r"\b([A-Z][\w-]+(?: [A-Z][\w-]+){0,3})(?:'s|\u2019s) (?:own )?(?:figure|toll|count|tally) of\b")
_RECEIVED_BY = re.compile(
    r"(?:the )?(?:information|reports?|figures|data|statements?|a statement|preliminary \w+) (?:received|gathered|"
    r"compiled|issued|released|published|collected|obtained) by ",
    _I,
)
_DATELINE_LEAD = re.compile(
    r"(?:[A-Z][A-Z .,'-]{2,40}|[A-Z][a-z]{2,8}\.? \d{1,2}(?: \([^()]{1,30}\))?)\s+[-\u2013\u2014]\s+"
)
# "contradicting the government's statement that 14 militants had died": whose figure the clause gives
_STATEMENT_THAT = re.compile(
    # "the government's statement that 14 ...", "disputing a government statement that 12 militants died"
    r"\b((?:the|a|an) [\w-]+(?: [\w-]+){0,2}?)(?:'s|\u2019s)? (?:statement|claim|assertion|announcement|account|figure)"
    r" that\b",
    _I,
)
_CONJUNCTION = re.compile(
    r"(?:while|whereas|but|and|as|although|(?:a day|a week|hours|days|shortly|soon|minutes|weeks) after)\s+", _I
)
# "he said", "the ministry added": the claimant of a sentence before
_PRONOUN_SAID = re.compile(
    r"(?:^|, |\. |that )(?:he|she|they|it) (?:said|says|added|wrote|told)\b|\baccording to (?:him|her|them)\b", _I
)
_PRONOUNS = frozenset({"he", "she", "they", "it"})
_OBJECT_PRONOUNS = frozenset({"him", "her", "them"})


def claimant(view: ArticleView, idx: int, at: tuple[int, int] | None = None) -> str | None:
    """Who gives the figures of sentence ``idx``: "according to X", "X said" (a name or a role), or for "he
    said" the claimant of one of the three sentences before. With ``at`` (a claim's absolute offsets), the
    claimant named nearest to that claim: "killed at least 11, a health worker said, while a spokesman for the
    militia said 17 were killed" gives each figure its own source. A group introduced by its kind ("killed nine
    people, a resistance group said") is known by the name the next sentence gives it ("The Karenni
    Nationalities Defence Force said the camp ...")."""
    name = _claimant(view, idx, at)
    if name is None:
        # a communique's figures are its issuer's ("Communique of the FLA. ... killed 21"); an official's summary
        # told by the copy is the official's ("..., the regional governor said in his evening summary. In
        # Pavlohrad, ... Three people were killed")
        return issuer(view.text) or _summary_speaker(view, idx)
    if not _INDEFINITE_GROUP.fullmatch(name):
        return name
    for j in range(idx + 1, min(len(view.sentences), idx + 2)):
        for _, _, later in _claimants_in(view.sentence_text(j)):
            if _NAMED_GROUP.fullmatch(later):
                return later
    return name


# a region's or a city's civil authority, whose daily summary local copy retells paragraph by paragraph (a
# national ministry's figure in the lede covers the strikes it sums, not a later paragraph's)
_OFFICIAL = re.compile(r"\b(?:governor|administration|mayor|headquarters)\b", _I)


def _summary_speaker(view: ArticleView, idx: int) -> str | None:
    """The official the lede quotes, when the story names no other source: its figures further down are that
    official's."""
    if idx == 0 or not view.sentences:
        return None
    if not view.summary_speaker_read:
        view.summary_speaker, view.summary_speaker_read = _lede_official(view), True
    return view.summary_speaker


def _lede_official(view: ArticleView) -> str | None:
    lede = _claimant(view, 0, None)
    if lede is None or not _OFFICIAL.search(lede):
        return None
    others = [o for j in range(1, len(view.sentences)) if (o := _claimant(view, j, None)) is not None]
    return lede if all(_OFFICIAL.search(o) and _same_office(o, lede) for o in others) else None


def _same_office(a: str, b: str) -> bool:
    """"the governor" after "the regional governor": one office named twice."""
    last = {w.lower() for w in re.findall(r"[A-Za-z]+", a)} & {w.lower() for w in re.findall(r"[A-Za-z]+", b)}
    return bool(last - {"the", "a", "an", "of", "in", "regional", "region", "local"})


# The heading line of a statement that names who issues it: "Communique of the Azawad Liberation Front (FLA).",
# "Statement by the official spokesman of the Sudanese Armed Forces.", "Press release, Headquarters Joint Task Force
# North East, Operation Hadin Kai.", "IDF statement."
_ISSUER_LINE = re.compile(
    r"(?:(?:Communiqu[e\u00e9]|Statement|Press (?:release|statement)|Declaration|Announcement)(?: No\.? ?\d+)?"
    r"(?: (?:of|by|from)|,) (?P<org>(?:the )?[A-Za-z][^.\n,]{2,100}?)"
    r"|(?P<lead>[A-Z][\w/-]*(?: [A-Z][\w/-]*){0,4}) (?:statement|communiqu[e\u00e9]|press release))"
    r"\s*(?:[.,:]|\n|$|,? (?:on |dated )?\d)"
)


def issuer(text: str) -> str | None:
    """Who issues a statement whose first line names it (see ``_ISSUER_LINE``); None for any other copy."""
    first = text.lstrip()[:200].split("\n", 1)[0]
    m = _ISSUER_LINE.match(first)
    if m is None:
        return None
    name = (m["org"] or m["lead"]).strip()
    return None if _DATE_WORDS.match(name) else name


_DATE_WORDS = re.compile(r"(?:\d|(?:the )?(?:January|February|March|April|May|June|July|August|September|October|"
                         r"November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)")


# "a resistance group", "an armed group", "a local monitoring network": a group named by its kind only
_INDEFINITE_GROUP = re.compile(
    r"an? (?:[a-z][\w-]* ){0,3}(?:group|organi[sz]ation|network|militia|movement|monitor|observatory|coalition)",
    _I,
)
# "The Karenni Nationalities Defence Force", "the Sudan Doctors Network": a proper name of two words or more
_NAMED_GROUP = re.compile(r"(?:[Tt]he )?[A-Z][\w'\u2019-]*(?: (?:of|for|and|the|[A-Z][\w'\u2019-]*)){1,7}")


# an item of a write-up's casualty list headed by its source: "\u2013 regional military administration: two killed"
# ("Reported harm: Russian MoD: 30 militants killed." when the list has one item)
_LIST_SOURCE = re.compile(
    r"\s*(?:(?:" + LIST_BULLET + r"|\d{1,2}[.)])\s+|"
    r"(?i:(?:reported |civilian )?(?:harm|casualties|toll|victims))\s*:\s*)([A-Za-z][^:\n\d()]{1,80}?)\s*"
    # "- Nikopol city military administration (evening update): 1 killed", "(Telegram, 09:02)"
    r"(?:\([^()\n]{0,60}\))?\s*:\s"
)


# a write-up's own count under its name: "KCPN finding: 4 children killed", "CHM-U verification: 1 killed"
_OWN_FINDING = re.compile(
    r"\s*((?:[A-Z][\w-]*\s+){1,4}(?:finding|findings|assessment|verification|count|tally))\s*:\s", re.I
)


def _list_source(view: ArticleView, idx: int) -> str | None:
    """The source that heads a casualty-list item, unless the head is the place hit ("- Lubny: 3 killed")."""
    text = view.sentence_text(idx)
    own = _OWN_FINDING.match(text)
    if own is not None and own.group(1)[:1].isupper():
        return own.group(1).strip()
    m = _LIST_SOURCE.match(text)
    if m is None:
        return None
    s0 = view.sentences[idx][0]
    start, end = s0 + m.start(1), s0 + m.end(1)
    if any(e.start <= start and e.end >= end for e in view.ents(idx, "CITY", "DISTRICT", "ADMIN1", "COUNTRY")):
        return None
    return m.group(1).strip()


# a write-up's own toll field: "Toll: 5 dead — five men ...", "Casualties: 3 killed"
_TOLL_FIELD = re.compile(
    r"\s*(?:toll|casualties|victims|harm|human cost)\s*:\s*(?:at least |about )?(?:\d|one|two|three|four|five|six|"
    r"seven|eight|nine|ten)\b",
    _I,
)
# the header that names a write-up's author: "SALTMARSH CASUALTY WATCH — file SCW-NE-20240604-1"
_WRITEUP_HEAD = re.compile(r"\s*([A-Z][A-Z'&-]+(?: [A-Z][A-Z'&-]+){1,5})\s*[—–-]")


def _toll_field_source(view: ArticleView, idx: int) -> str | None:
    """The author of a write-up whose own "Toll:" field sentence ``idx`` is: the monitor's count, a source of its
    own beside the parties' claims it quotes ("The army said a TB2 had neutralised five terrorists")."""
    if not _TOLL_FIELD.match(view.sentence_text(idx)):
        return None
    head = _WRITEUP_HEAD.match(view.text[:200])
    return head.group(1).strip() if head else "the write-up"


def _claimant(view: ArticleView, idx: int, at: tuple[int, int] | None) -> str | None:
    listed = _list_source(view, idx) or _toll_field_source(view, idx)
    if listed is not None:
        return listed
    text = view.sentence_text(idx)
    found = _claimants_in(text)
    if found:
        if at is None or len(found) == 1:
            return found[0][2]
        s0 = view.sentences[idx][0]
        a, b = at[0] - s0, at[1] - s0
        # "Somalia's government said on Thursday that a drone strike ... had killed 14 militants, but clan elders
        # said herders were among the dead": the figure in a "said that" clause is the one who said it
        reported = [
            f
            for f in found
            if f[1] <= a
            and (_SAID_THAT.match(text, f[1], a) or _REVISED_TO.fullmatch(text, f[1], a))
            and not any(f[1] <= g[0] < a for g in found)
        ]
        if reported:
            return reported[-1][2]
        # "the government's statement that 14 ...", "rebels accused it of killing 12": that source gives only the
        # figures after it
        found = tuple(
            f
            for f in found
            if a >= f[1] or not (_STATEMENT_THAT.match(text, f[0]) or text.startswith(" accused", f[1]))
        ) or found
        return min(enumerate(found), key=lambda kv: (_gap(kv[1][0], kv[1][1], a, b), kv[0]))[1][2]
    if not _PRONOUN_SAID.search(text):
        # "..., the governor said on Sunday. The number of people killed has risen to three.", "..., Lebanon's health
        # ministry said. A strike on a house in Bint Jbeil killed three people": an unsourced figure right after a
        # sourced sentence of the same paragraph is the same source's
        s0 = view.sentences[idx][0]
        if idx > 0 and "\n" not in view.text[view.sentences[idx - 1][1] : s0]:
            before = _claimants_in(view.sentence_text(idx - 1))
            if before:
                return before[-1][2]
        # "The driver died at the scene. Three passengers were taken to hospital, according to the governor.": a
        # paragraph of figures sourced at its end
        nxt = idx + 1
        same_paragraph = nxt < len(view.sentences) and "\n" not in view.text[s0 : view.sentences[nxt][0]]
        if same_paragraph:
            after = _claimants_in(view.sentence_text(nxt))
            if after:
                return after[0][2]
        return None
    for j in range(idx - 1, max(-1, idx - 4), -1):
        before = _claimants_in(view.sentence_text(j))
        if before:
            return before[0][2]
    return None


# the rest of "X said on Thursday that ..." up to a claim, with no other voice or clause break between
_SAID_THAT = re.compile(
    r" (?:had |has |have )?(?:said|says|told [\w ]{2,30}?|announced|reported|stated|claimed)\b[^;,]{0,40}? that\b"
    r"(?![^;]*(?:, but |, while |, whereas ))"
)


# "Monitors in North Darfur revised their count for Tuesday's strike ... to 15 dead": the reviser's figure
_REVISED_TO = re.compile(
    r" (?:has |have |had )?(?:revised|raised|updated|lowered|put)\b[^;]{0,120}?\b(?:to|at) (?:at least |about )?"
)


def _gap(s: int, e: int, a: int, b: int) -> int:
    """Characters between a claimant's span [s, e) and a claim's [a, b) (0 when they overlap)."""
    return s - b if s >= b else a - e if e <= a else 0


@lru_cache(maxsize=512)
def _claimants_in(text: str) -> tuple[tuple[int, int, str], ...]:
    """The claimants a sentence names, as (start, end, name), in order of trust: "according to X", a named
    "X said", a role "the regional governor said". Cached: an event asks once per claim of the sentence."""
    out: list[tuple[int, int, str]] = []
    for m in re.finditer(r"\baccording to ([^,.;]{2,80})", text, _I):
        if _NO_SOURCE.match(m.group(1)) or m.group(1).strip().lower() in _OBJECT_PRONOUNS:
            continue  # "buried according to Islamic rites": no one's account; "according to him": see before
        # "according to the information received by the Ministry": the Ministry
        via = _RECEIVED_BY.match(m.group(1))
        start = m.start(1) + (via.end() if via else 0)
        out.append((start, m.end(1), text[start : m.end(1)].strip()))
    voices: list[tuple[int, int, str]] = []
    for m in SAID.finditer(text):
        if m.group(1).strip().lower() not in _PRONOUNS:
            # "BELEDWEYNE - Residents said": the dateline is no part of the claimant
            lead = _DATELINE_LEAD.match(m.group(1))
            start = m.start(1) + (lead.end() if lead else 0)
            found = (start, m.end(1), text[start : m.end(1)].strip())
            # "an official of the opposition National Unity Government said": a voice of a name ranks as a role
            (voices if _VOICE_LEAD.match(found[2]) else out).append(found)
    for m in _APPOSITIVE_SAID.finditer(text):
        if not any(s <= m.start(1) < e for s, e, _ in out):
            # "A monitoring group, the Lake Chad Civilian Protection Network, says": the name, not the role
            named = _GENERIC_ROLE.match(_clean_name(m.group(1))) and _PROPER_NAME.fullmatch(m.group(2))
            g = 2 if named else 1
            out.append((m.start(g), m.end(g), m.group(g).strip()))
    for rx in (_SAID_ROLE, _FIGURE_OF):
        for m in rx.finditer(text):
            if not any(s <= m.start(1) < e for s, e, _ in out):
                out.append((m.start(1), m.end(1), m.group(1).strip()))
    for m in _STATEMENT_THAT.finditer(text):
        if not any(s <= m.start(1) < e for s, e, _ in out):
            out.append((m.start(1), m.end(1), m.group(1).strip()))
    for m in _ROLE_SAID.finditer(text):
        if not any(s <= m.start(1) < e for s, e, _ in out):
            lead = _CONJUNCTION.match(m.group(1))
            start = m.start(1) + (lead.end() if lead else 0)
            out.append((start, m.end(1), text[start : m.end(1)].strip()))
    out += [v for v in voices if not any(s <= v[0] < e or v[0] <= s < v[1] for s, e, _ in out)]
    return tuple((a, b, _clean_name(name)) for a, b, name in out)


_VOICE_LEAD = re.compile(r"(?:an?|the) [a-z]+ (?:of|for|from|at) ")
# what "according to" may name that is no source: "buried according to Islamic rites", "according to plan"
_NO_SOURCE = re.compile(
    r"(?:[\w-]+ ){0,2}(?:rites?|customs?|traditions?|law|laws|plans?|schedule|procedures?|protocols?|rules?)\b", _I
)
# "a monitoring group", "the rights body": a role with no name of its own
_GENERIC_ROLE = re.compile(r"(?:[Aa]n?|[Tt]he) (?:[A-Z][a-z]+ )?(?:[a-z][\w-]* ?){1,4}$")  # "A Syrian war monitor"
# "the Lake Chad Civilian Protection Network", "the Syrian Observatory for Human Rights": a proper name
_PROPER_NAME = re.compile(r"the (?:[A-Z][\w'\u2019-]*|of|for|and)(?: (?:[A-Z][\w'\u2019-]*|of|for|and|the))*")
_LABEL_LEAD = re.compile(r"^(?:[A-Z][a-z]+(?: [a-z]+)?|[A-Z][A-Z .'-]+):\s+")
_AUX_TAIL = re.compile(r"(?:\s+(?:has|had|have|so far|also|later|earlier|now|initially|then))+$", _I)


def _clean_name(name: str) -> str:
    """"Casualties: The Houthi-run health ministry" -> "The Houthi-run health ministry"; "YCHT has so far" -> "YCHT"."""
    return _AUX_TAIL.sub("", _LABEL_LEAD.sub("", name)).strip() or name


def actor(view: ArticleView, idx: int, triggers: list[tuple[int, int]]) -> str | None:
    """Who struck: a coalition or armed group named before the strike words, or the country whose demonym
    or name stands right before them ("Israeli warplanes", "Turkish drone strike")."""
    text = view.text
    if _UNCLEAR_ACTOR.search(view.sentence_text(idx)):
        return None  # "it was not clear whether the Russian or Syrian air force carried them out"
    for start, _ in triggers:
        window_start = max(view.dateline_end, start - 60)
        window = text[window_start:start]
        for m in _ACTOR_GROUP.finditer(window):
            rest = text[window_start + m.end() : window_start + m.end() + 30]
            if not _GROUP_AFTER.match(rest) and not COMPOUND_AFTER.match(rest):
                return m.group(0)  # a group that is not itself the target ("al-Shabaab fighters")
        best: EntitySpan | None = None
        for e in view.ents(idx, "COUNTRY"):
            if not (window_start <= e.start and e.end <= start + 1) or (best is not None and e.start < best.start):
                continue
            before = text[max(0, e.start - 8) : e.start].lower()
            if _OBJECT_PREP.search(before) or COMPOUND_AFTER.match(text, e.end) or _CLAIMANT_AFTER.match(
                text, e.end
            ):
                continue  # "at Ukraine", "Iranian-made drones", "Syrian activists said": not who struck
            best = e
        if best is not None and best.canonical:
            return _country_name(best.canonical)
    return None
