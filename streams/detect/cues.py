"""Cue words of strike detection: what an air or drone strike looks like, what other violence looks like.

Why one module of patterns: the strike rules (``streams.detect.sentences``), the aircraft rules and the place
rules read the same cues ("struck", "warplanes", "said"), and keeping the lexical evidence apart from the logic
that weighs it lets each pattern be reviewed and tested on its own phrase.

All regexes are linear: alternations of literals and bounded classes, no nested quantifiers.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

# --- what an air/drone strike looks like -------------------------------------------------------------------
STRONG = re.compile(
    r"\bair[- ]?strikes?\b|\bair[- ]?raids?\b|\baerial (?:bombardments?|bombings?|attacks?|strikes?|raids?|assaults?|"
    r"campaign|fire|bombs?)\b|\bair (?:attacks?|assaults?|bombardments?|campaign|power strikes?)\b|"
    r"\bair and (?:artillery|ground|missile|drone|rocket) (?:attacks?|strikes?|bombardments?)\b|"
    r"\b(?:drone|uav|ucav|quadcopter|helicopter|gunship|kamikaze drone|suicide drone|attack drone) "
    r"(?:strikes?|attacks?|raids?|bombings?|bombardments?)\b|\bbombing (?:raids?|runs?|sorties)\b|\bbarrel[- ]bombs?\b|"
    r"\bair[- ]launched\b|\bair[- ]dropped\b|\bsorties\b|\bairstrike operations?\b|\bair force (?:strikes?|raids?)\b|"
    r"\bdropped bombs\b|\bdropping bombs\b|\bair ?forces?(?:'s?)? (?:said|says|announced|reported|claimed) (?:that )?"
    r"(?:it|its (?:jets|aircraft|planes|drones|warplanes)) (?:had )?(?:struck|bombed|killed|carried out|conducted|"
    r"launched|targeted|destroyed|hit)\b|\bbombs? dropped\b|\bbombs? from (?:the )?(?:air|aircraft|planes?)\b|"
    # "Tessit (Mali): bombing from the air, 3 March 2024", "the convoy was attacked from the air"
    r"\b(?:bombing|bombed|bombardment|attacked|attack) from the air\b|"
    # "rocket fire from two Mi-24 helicopter gunships of the Chadian army"
    r"\b(?:rocket|missile|machine[- ]gun|cannon) fire from (?:an? |the |two |three |several |\d+ )?(?:[\w-]+ ){0,3}?"
    r"(?:helicopters?|gunships?|warplanes?|jets|drones?|aircraft)\b|"
    # military press offices: "targeted in an air operation", "conducted air interdiction missions on bandit
    # enclaves", "3 terrorists were neutralized by our armed UAVs"
    r"\b(?:in|by|during) (?:an|a series of|our|the) air operations?\b|\bair interdiction(?: missions?| operations?)?\b|"
    # "the security forces carried out a precise aerial operation in Awi Zone" (an Ethiopian government statement)
    r"\b(?:carried out|conducted|launched) (?:an? |the )?(?:precise |precision |targeted |successful |special )?"
    r"(?:aerial|air) operations?\b|"
    # "air-land operations on 16 September destroyed a terrorist base" (the Sahel armies' "aeroterrestre")
    r"\bair[- ](?:land|ground) (?:operations?|offensives?|raids?|strikes?)\b|"
    # "neutralised in an air-supported operation" (Turkish statements); "the cowardly attack with drones loaded with
    # explosives" (a Colombian police statement)
    r"\bair[- ]supported (?:operations?|raids?|strikes?)\b|"
    r"\battacks? (?:with|by|using) (?:an? |the )?(?:armed |explosive |attack |kamikaze |suicide )?(?:drones|uavs)\b|"
    r"\b(?:neutrali[sz]ed|eliminated|targeted|killed|hit|struck|bombed) by (?:our |an? |the |their )?"
    r"(?:armed |attack |combat |unmanned )?(?:uavs?|ucavs?|drones?|warplanes?|fighter jets?|jets|helicopters?|"
    r"aircraft|air force)\b|"
    # "A Russian attack drone crashed into the grain warehouse": a one-way attack drone's hit
    # "the Israeli enemy's strike on a bulldozer in Brital led to the martyrdom of two citizens": a Lebanese or
    # Palestinian ministry's word for an Israeli air or drone strike (artillery is named as such, and is OTHER)
    r"\bIsraeli (?:enemy(?:'s|\u2019s)? |occupation(?:'s|\u2019s)? )(?:air ?)?(?:strikes?|raids?)\b|"
    r"\b(?:attack|kamikaze|suicide|strike|explosive-laden|one-way) (?:drones?|uavs?)(?: \w+){0,2}? "
    r"(?:crashed|slammed|smashed|plunged|ploughed|plowed) into\b",
    _I,
)


# A one-way drone's hit told as its fall: "The drone came down on the bakery", "a Russian 'shahed' exploded on
# Shevchenko Street" (not a downed drone's: "debris of a downed drone fell on a field" is DEBRIS's). Kept out of
# STRONG, whose one alternation every sentence runs: lookbehinds there cost every position of every sentence.
DRONE_FALL = re.compile(
    r"\b(?=[adsgu])(?<!downed )(?<!intercepted )(?<!shot-down )(?:attack drones?|drones?|shaheds?|gerans?|uavs?)"
    r"['\u2019]? (?:came down on|fell on|exploded (?:on|in|near|at|over|outside)|crashed into|slammed into)\b",
    _I,
)
# An incident sheet's field that names an aircraft or drone (``match`` at the sentence start): "Means: aerial \u2014
# drone", "Weapon: air-dropped bomb", "Type of attack: drone" (not "Type: drones intercepted")
AIR_FIELD = re.compile(
    r"\s*(?:means|method|weapons?(?: type)?|type(?: of (?:attack|incident|strike))?|attack type)\s*:\s*"
    r"(?:aerial|air\b|aircraft|airstrike|drones?\b|uavs?\b|ucavs?\b|armed drones?\b|fixed-wing|helicopter)"
    r"(?![\w ,-]{0,30}\b(?:intercepted|downed|shot down|crash\w*|reconnaissance|surveillance|sighted|seen)\b)",
    _I,
)


def blank(pattern: re.Pattern[str], text: str) -> str:
    """``text`` with the matches of ``pattern`` blanked out (same length: offsets hold)."""
    return pattern.sub(lambda m: " " * len(m.group()), text)


def strike_forms(text: str) -> list[tuple[int, int]]:
    """Spans of ``DRONE_FALL`` and ``AIR_FIELD`` in one sentence: strike words as sure as ``STRONG``'s."""
    spans = [(m.start(), m.end()) for m in DRONE_FALL.finditer(text)]
    field = AIR_FIELD.match(text)
    if field is not None:
        spans.append((field.start(), field.end()))
    return spans


# "there were no reports of bombing there": a denial, not a report (cancels strong and verb triggers alike)
NO_REPORTS = (
    r"\bno (?:reports?|sign|evidence) of (?:any )?(?:\w+ )?(?:bombing|bombardment|air ?strikes?|strikes?|raids?)\b"
)


STRONG_EXCLUDE = re.compile(
    r"\bair[- ]?raid (?:sirens?|alerts?|warnings?|shelters?|alarms?)\b|\bair[- ]raid alarm\b|\bair[- ]?strike "
    r"(?:capabilit\w+|packages?)\b|" + NO_REPORTS,
    _I,
)


AGENT = re.compile(
    r"\b(?:war ?planes?|warjets?|fighter[- ]bombers?|fighter[- ]jets?|jets?|bombers?|aircraft|air ?forces?|"
    r"aviation|helicopters?|gunships?|choppers?|drones?|uavs?|ucavs?|quadcopters?|shaheds?|gerans?|"
    r"(?:unmanned|uncrewed) aerial vehicles?|"
    # "the Colombian Aerospace Force", "units of the Unmanned Systems Forces" (Ukraine's drone branch)
    r"aerospace forces?|(?:unmanned|uncrewed) (?:systems? )?forces|uncrewed aircraft|"
    r"spy ?planes?|reconnaissance planes?|planes?|loitering munitions?|paramotors?|(?:motori[sz]ed )?paragliders?|"
    # "the air vectors of the national armed forces struck" (Sahel communiques, from French "vecteurs aériens")
    r"(?:air|aerial) vectors?)\b",
    _I,
)


AGENT_EXCLUDE = re.compile(
    r"\banti-aircraft\b|\baircraft carriers?\b|\b(?:air|aerospace) ?forces?(?:'s?)? "
    r"(?:said|says|spokes\w+|command\w*|chief|"
    r"officials?|statements?|reported|added|claimed|announced)|\bcivil aviation\b|\baviation (?:unions?|"
    r"authority|workers)|\b(?:passenger|cargo|commercial|private|civilian) (?:planes?|jets?|aircraft)\b|"
    r"\baccording to (?:the )?(?:\w+(?:'s|\u2019s) )?air ?forces?\b|"
    r"\bairliners?\b|\b(?:sea|naval|surface|underwater|maritime|water|boat) drones?\b|\bjet (?:fuel|ski|set|stream)\b|"
    r"\bsuicide bombers?\b|\bcar bombers?\b|\bdrone (?:footage|video|images?|cameras?|pilots?|operators?|teams?|"
    r"squads?)\b|\bairdrop\w*|\bair ?lift\w*|\bairborne (?:troops|forces|units?)\b|"
    # "an injured soldier was evacuated by army aviation helicopter": an air ambulance, not an attacker
    r"\b(?:evacuated|medevaced|casevaced|ferried|rescued|flown out|transported) by (?:an? |the )?(?:[\w-]+ ){0,3}"
    r"(?:helicopters?|aircraft|aviation|planes?)\b|"
    # "The movement of the khwarij was tracked by surveillance drones, and ... own troops engaged": drones that watched
    r"\b(?:tracked|monitored|spotted|observed|watched|located|detected|followed) by (?:an? |the )?(?:[\w-]+ ){0,2}"
    r"(?:drones?|uavs?|aircraft|planes?)\b",
    _I,
)


VERB = re.compile(
    # (not "flood-hit areas", "conflict-hit towns")
    r"\b(?:struck|strikes|striking|strike|(?<!-)hit|(?<!-)hits|hitting|bombed|bombing|bombarded|bombarding|targeted|"
    r"targeting|attacked|attacking|raided|fired|firing|launched|launching|dropped|dropping|drops|pounded|"
    r"pounding|strafed|strafing|destroyed|destroying|killed|killing|kills|wounded|wounding|injured|injuring|"
    r"carried out|carrying out|conducted|conducting|blasted|rocketed|opened fire|to target|to bomb|"
    # "Army gunships raked insurgent hideouts", "jets pummelled rebel positions"
    r"raked|raking|pummell?ed|pummell?ing|hammered|hammering|blitzed|rained|"
    # "army aviation gunships precisely engaged the khwarij hideout": engaged what a strike hits (not drones, and
    # not "targets", which exercises on a range engage too)
    r"engag(?:ed|ing)(?= (?:the |an? |several |multiple |two |three )?(?:[\w-]+ ){0,3}?(?:hideouts?|positions?|"
    r"compounds?|camps?|bases?|militants|terrorists|insurgents|fighters|khwarij|gunmen|convoys?)\b)|"
    r"to attack|to carry out)\b",
    _I,
)


VERB_EXCLUDE = re.compile(
    r"\bstrike (?:fighters?|aircraft|jets?|group|packages?|missions?|capabilit\w+|drones?|force)\b|"
    + NO_REPORTS + "|"
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
SUBORDINATE = re.compile(
    r"\b(?:supported by|backed by|with the support of|in conjunction with|including|involving|accompanied by|"
    r"with air support|covered by|under (?:the )?cover of|combined|coded separately|in support of)\b",
    _I,
)


# Leftover or ground-placed explosives: never a strike report, whatever dropped them originally.
VETO = re.compile(
    r"\b(?:UXOs?|unexploded|explosive remnants?|remnants of|leftover|landmines?|IEDs?|improvised explosive|"
    r"booby[- ]trap\w*(?! (?:explosive-laden )?(?:drones?|UAVs?)))\b",  # not "booby-trapping drones" (a drone site)
    _I,
)


# The air agent is the target: "attacked Turkish army helicopters", "opened fire at 3 drones".
AGENT_AS_OBJECT = re.compile(
    r"\b(?:attacked|attacking|targeted|targeting|hit|struck|shot|shooting|downed|destroyed|destroying|"
    r"(?:fired|fire|firing|shots|shot|opened fire) (?:at|on|upon)|intercepted|intercepting|engaged|against|"
    r"shot down|shoots down|shooting down|bring down|brought down|damaging|damaged|destroying)$",
    _I,
)


INSTRUMENT = frozenset({"with", "by", "using", "from", "via", "and"})


AGENT_VICTIM_AFTER = re.compile(
    r"^[^.;]{0,80}?\b(?:was|were|had been|has been|have been|being) (?:hit|shot|downed|destroyed|intercepted|"
    r"damaged|lost|crashed|targeted|attacked|struck)\b",
    _I,
)


DURING_CLASH = re.compile(
    r"\b(?:during|amid|in the course of) (?:the |a |heavy |fierce )?(?:clash|clashes|fighting|battle|gunfight|"
    r"firefight|ground offensive|ground operation)\b",
    _I,
)


PARTITIVE = re.compile(r"\b(?:of which|of them|most of|some of|all but|\d+ of)\b", _I)


AIR_SUPPORT = re.compile(
    r"\b(?:providing|provided|provide|gave|giving) (?:close )?(?:air )?(?:support|cover)\b|\bwith (?:the )?"
    r"(?:help|support|backing|cover) of (?:\w+ )?(?:helicopters?|gunships?|jets?|warplanes?|drones?|aircraft|air)",
    _I,
)


SECONDARY = re.compile(r"\b(?:also|on the same day|in the same area|at the same time|as well)\b", _I)


DROP = re.compile(r"\bdrop(?:ped|ping|s)?\b", _I)


NAVAL = re.compile(
    r"\b(?:warships?|frigates?|submarines?|destroyers?|ship-launched|sea-launched|ground-launched)\b", _I
)


FORCE_BOMBED = re.compile(
    r"\b(?:military|army|armed forces|government forces|regime forces|junta|coalition|air force|navy aviation)"
    r"(?:'s)? (?:\w+ ){0,1}(?:bombed|bombs|bombing)\b(?! (?:attack|blast|explosion|threat))",
    _I,
)


NONCOMBAT = re.compile(
    r"\b(?:crash(?:ed|es|ing)?|crash-landed|plane crash|went down|exercises?|drills?|live-fire|mock targets?|"
    r"practi[sc]ed|rehears(?:al|ed)|"
    r"(?:firing|bombing|training|gunnery) ranges?|targets? (?:set up )?on (?:a|the) range|training (?:flight|mission|"
    r"sortie)s?|test(?:ed|ing)? (?:flight|launch|fire|firing)|air show|airshow|parade|flypast|fly-past|wildfires?|"
    r"forest fires?|blaze|firefighting|fire-fighting|water bomb\w*|rescue (?:mission|operation)|medevac|"
    r"evacuat\w+ (?:the )?(?:wounded|injured|patients)|"
    # "An air force helicopter evacuated eight wounded soldiers to N'Djamena"
    r"(?:helicopters?|aircraft|planes?|choppers?) (?:later |also )?(?:evacuated|airlifted|ferried|medevaced)|"
    # "the fleet's Be-12 amphibious aircraft were searching the area for more": a search, not a strike
    r"(?:aircraft|planes?|helicopters?) (?:were|was) (?:searching|patrolling)|"
    # "An army helicopter flew the wounded to a military hospital in Baghdad": an air ambulance, not a strike
    r"(?:flew|flown|airlift\w*|air-lift\w*|ferried|ferrying|transported) (?:\w+ ){0,3}?(?:wounded|injured|casualties|"
    r"bodies|patients)|"
    # "The injured were flown to Raipur by an Indian Air Force Mi-17 helicopter"
    r"(?:wounded|injured|casualties|bodies|patients) (?:were|was) (?:later |then )?(?:flown|airlifted|air-lifted|"
    r"ferried|evacuated|medevaced) (?:to|by|out)|"
    # "Army aircraft flew over the area in the afternoon without striking"
    r"without (?:striking|bombing|firing|dropping|attacking|opening fire|carrying out)|"
    # "The junta's aircraft were seen flying toward Katha but did not attack the town"
    r"(?:did not|didn't|never) (?:attack|strike|bomb|fire|drop|open fire)\w*|dropped nothing|"
    # "no drone or aircraft had been detected in the area's airspace": an explosion on the ground
    r"no (?:drones?|aircraft|planes?|warplanes?|uavs?)(?: or (?:drones?|aircraft|planes?|warplanes?|uavs?))? "
    r"(?:had been |has been |was |were )?(?:detected|seen|spotted|involved|used)|"
    # "carried out seven airdrops of food and medical supplies", "broke the sound barrier over Beirut"
    r"air-?drops?|(?:aid|food|humanitarian) drops?|sound barrier|"
    # "displayed a new Shahed-149 drone ... at an exhibition in Tehran": a weapon shown, not used
    r"(?:displayed|unveiled|showcased|exhibited|on display)\b[^.;]{0,80}\b(?:exhibitions?|expos?|arms fairs?|shows?)|"
    r"(?:exhibitions?|expos?|arms fairs?) (?:of|in|at)\b)\b",
    _I,
)


# an exercise on a range: "F-16s ... carried out live-fire bombing runs at the Karapinar firing range"
RANGE = re.compile(
    r"\b(?:exercises?|drills?|live-fire|(?:firing|bombing|training|gunnery) ranges?|mock targets?|war games?)\b", _I
)
# "Target reconnaissance and fire adjustment were carried out by an Orlan-10 unmanned aerial vehicle": the drone
# only watched (the strike was a ground-launched missile's)
RECON_ONLY = re.compile(
    r"\b(?:reconnaissance|surveillance|fire adjustment|fire correction|spotting|target designation|observation)"
    r"(?: and (?:\w+ ){0,2}?(?:reconnaissance|adjustment|correction|designation|spotting|observation))?"
    r" (?:was|were) (?:carried out|conducted|performed|provided|done) by\b",
    _I,
)

SEND = re.compile(r"\b(?:sent|sending|send|swarm\w*)\b", _I)


ATTACK_DRONE = re.compile(r"\b(?:attack|kamikaze|suicide|explosive|bomb-laden|one-way attack) drones?\b", _I)


# The air agent is the victim here ("shot down two drones"): it does not make the sentence a strike.
VICTIM_AIR = re.compile(
    r"\b(?:shot down|shoot(?:s|ing)? down|downed|intercept(?:ed|ing|s|ors?)?|crash(?:ed|es|ing)?|crash-landed|"
    r"brought down|destroyed by)\b",
    _I,
)


# what air defences did to drones or missiles, in any voice ("had shot down eight drones", "repelled the attack");
# not "interceptors ram attack drones", a kind of drone
SHOT_DOWN = re.compile(r"\b(?:shot down|downed|intercepted|repelled|repulsed)\b", _I)


DEBRIS = re.compile(r"\b(?:debris|fragments?|wreckage|shrapnel|remnants?)\b", _I)


DAMAGE = re.compile(r"\b(?:damag\w+|hit|fell|struck|caus\w+|wound\w+|kill\w+|injur\w+|set fire|sparked)\b", _I)


GENERIC = re.compile(
    r"(?<![\w-])(?:strikes?|raids?|attacks?|bombings?|bombardments?|operations?|aggression|the bombs?|"
    # "Among the targets hit was a plant in Krivoy Rog": a statement's list of what its strike hit
    r"missiles? (?:struck|hit)|targets (?:hit|struck|destroyed)|"
    # "Hits were recorded in Kyiv region": the air force's line for where its night's drones got through
    r"(?:hits?|impacts?) (?:were|was) (?:recorded|registered)|"
    # "A direct hit damaged the Burshtyn thermal power plant"
    r"direct hits?)"
    r"\b(?! (?:fighters?|aircraft|jets?|group|packages?|missions?|capabilit\w+|drones?|force))",
    _I,
)


# "the Zionist aggression on the port ... killed three": a statement's word for the raids it then describes
GENERIC_STRONG = re.compile(
    r"^(?:strikes?|raids?|bombings?|bombardments?|aggression|the bombs?|missiles? (?:struck|hit)|"
    r"targets (?:hit|struck|destroyed)|(?:hits?|impacts?) (?:were|was) (?:recorded|registered)|direct hits?)$",
    _I,
)


# "the toll of the night strike", "the victims of Tuesday's air raid": a follow-up's name for the strike it updates
TOLL_OF_STRIKE = re.compile(
    r"\b(?:toll|death toll|number of (?:dead|victims|casualties)|victims|casualties) (?:of|from|in) (?:the|this|that|"
    r"[A-Z][\w-]*(?:'s|\u2019s)) (?:[\w-]+ ){0,2}?(?:air ?strikes?|airstrikes?|strikes?|raids?|air raids?|bombings?|"
    r"drone (?:attacks?|strikes?))\b",
    _I,
)


MISSILE = re.compile(r"\b(?:missiles?|rockets?|projectiles?|bombs?)\b", _I)


# --- other violence and other senses of "strike" -----------------------------------------------------------
OTHER = re.compile(
    r"\bshell(?:ed|ing|s|fire)?\b|\bartillery\b|\bmortars?\b|\btank (?:fire|shells?|rounds?)\b|\btanks? (?:fired|"
    r"shelled|opened fire)\b|\brocket launchers?\b|\bmultiple[- ]rocket\b|\bground[- ]launched\b|"
    r"\bballistic missiles?\b|"
    r"\bsurface-to-surface\b|\bsuicide (?:bomber|bombing|attack|car bomb|vest|blast)s?\b|\bcar bombs?\b|"
    r"\b(?:motorcycle|motorbike|bicycle|parcel|truck) bombs?\b|"
    # "A car packed with explosives blew up next to the market"
    r"\b(?:car|vehicle|truck|motorbike|motorcycle) (?:packed|laden|loaded|rigged|filled) with explosives\b|"
    r"\bexplosives?-(?:laden|packed|rigged) (?:car|vehicle|truck|motorbike|motorcycle)s?\b|"
    r"\broadside bombs?\b|\bIEDs?\b|\bimprovised explosive\b|\blandmines?\b|\bmine (?:blast|explosion)s?\b|"
    r"\bgunmen\b|\bgunfire\b|"
    # "Bandits raided Danmusa last week, killing 11 villagers and abducting dozens": a raid on the ground
    r"\b(?:bandits|insurgents|jihadists|attackers|assailants) (?:\w+ )?(?:raided|stormed|overran|invaded)\b|"
    r"\b(?:abducting|abducted|kidnapping|kidnapped)\b|"
    r"\bclash(?:ed|es)\b|\bground (?:fighting|offensive|assault|attack|incursion|forces)\b|"
    # "a FAMa unit repelled an attack near Dioura" (not "repelled a drone attack": an interception)
    r"\b(?:repelled|repulsed) an? (?!(?:[\w-]+ )?(?:drone|air|aerial|uav|missile)\b)(?:[\w-]+ )?(?:attack|assault|"
    r"offensive|incursion)\b|"
    r"\bambush(?:ed)?\b|\bshot dead\b|\bstabbed\b|\bexecuted\b|\bgrenades?\b|\bearthquakes?\b|\bquake\b|"
    r"\bbomb (?:attack|blast|explosion)s?\b|\bwarships?\b|\bsubmarines?\b|\bfrigates?\b|\bsea drones?\b|"
    r"\bexplosive[- ](?:laden )?boats?\b|\bnaval drones?\b|\bcruise missiles? from (?:ships?|warships?)\b|"
    # (but "still fighting a blaze at the oil depot": firefighters)
    r"\bfighting\b(?! (?:a |the )?(?:\w+ )?(?:blazes?|fires?|flames)\b)|\bfought\b|\bgunfight\b|\bfirearms\b|"
    r"\bsmall arms\b|\brepuls\w+|\bengaged in an offensive\b|"
    # "militants attacked a police post in nearby Mir Ali with rockets and rifles"
    r"\bwith (?:rockets|grenades|mortars|guns) and (?:rifles|guns|small arms|grenades)\b|"
    # a monitor's note on another incident: "that attack was not aerial and is logged separately"
    r"\b(?:was|were|is|are) not (?:aerial|air-launched|an? air ?strike|an? airstrike)\b|"
    r"\bfirefight\b|\bassault rifles?\b|\bsniper\b|\bhunger strike\b|"
    # "Hezbollah fired several rockets at Kiryat Shmona": ground-launched unless an aircraft is named with it
    r"\b(?:fired|fires|firing|launched|launching) (?:a |an )?(?:\w+ ){0,2}rockets? (?:at|into|towards?|on)\b|"
    r"\b(?:general|labou?r|workers'?|national|rail|teachers'?) strikes?\b|\bon strike\b|\bstrike action\b|"
    r"\bwalk(?:ed)? off the job\b|\bwalkout\b|\blightning\b|\bstruck a deal\b|\bstrike a deal\b|"
    r"\bstrik(?:e|es|ing) (?:a|an) (?:deal|agreement|balance|chord|tone)\b|\bstruck (?:an? )?(?:agreement|deal)\b",
    _I,
)


# (and "the enemy attacked Odesa region with 12 Shahed attack drones": an air force's count of what it faced)
LAUNCHED = re.compile(
    r"\b(?:launched|launches|launching|sent|sends|fired|fires)\b|"
    r"\battacked\b[^.;]{0,60}?\bwith\b[^.;]{0,30}?\b(?:drones|UAVs|missiles|Shaheds|Gerans)\b",
    _I,
)


ALL_DOWNED = re.compile(
    # "All 24 drones and both missiles were shot down"
    r"\b(?:all|every one|each|both)(?: (?:of )?(?:them|the \w+|\d+(?: \w+)?))?"
    r"(?: and (?:all|both|the) (?:\d+ )?\w+)? (?:were|was|had been|have been) "
    r"(?:\w+ )?"
    r"(?:shot down|downed|intercepted|destroyed|suppressed|jammed)\b|\bnone (?:of them )?(?:reached|hit)\b",
    _I,
)


OPINION = re.compile(r"\bviews expressed\b|\bthe author's own\b", _I)


OPINION_TITLE = re.compile(r"^(?:commentary|analysis|opinion|editorial|explainer|comment|column)\b", _I)


SEPARATE_EVENT = re.compile(
    # "another 23 people were wounded", "another three died": more victims of the same strike, not another one
    r"\b(?:separate|separately|another(?! (?:\d+|two|three|four|five|six|seven|eight|nine|ten|dozen|[a-z]+teen|"
    r"[a-z]+ty)\b)|elsewhere|meanwhile|in a second|a second (?:strike|raid|attack))\b",
    _I,
)


# ", which has been fighting federal forces since 2023,": an aside about someone, not what happened
RELATIVE_ASIDE = re.compile(r", (?:which|who|whose) [^,;.]{3,120},")


CLAUSE_SPLIT = re.compile(r"[,;:\u2014()]| as | while | but | whereas | after which ")


# "claimed" as a speech verb, not "claimed responsibility" nor "The attack has now claimed two lives"
CLAIMED = r"claimed(?! responsibility| (?:\w+ )?lives?\b| the lives)"
SAID = re.compile(
    # "an official of the opposition National Unity Government said", "the town's Emergency Response Room said"
    r"(?:^|, (?:while |whereas |but )?|\. |: |that )((?:(?:an?|the) [a-z]+ (?:of|for|from|at) )?(?:the )?"
    r"(?:[a-z]+(?:'s|\u2019s) |(?:opposition|local|rebel|de facto|separatist|insurgent|jihadist|Islamist|"
    r"paramilitary|militant) )?[A-Z][^,;.:]{1,80}?) "
    r"(?:(?:had|has|have|later|also|earlier|initially) )?"
    r"(?:said|says|say|reported|reports|" + CLAIMED + r"|announced|told|stated|documented|recorded|"
    r"confirmed|counted|"
    # "The army maintains it killed 12 terrorists"
    r"maintains|maintained|insists|insisted|claims|"
    r"assess(?:es|ed)|estimated|"
    r"(?:put|raised|revised|updated) (?:the |its |their )?(?:\w+ )?(?:toll|number|figure|count))\b"
)


COMPOUND_AFTER = re.compile(
    r"[-\u2010\u2011](?:based|backed|led|aligned|controlled|run|born|made|allied|affiliated)\b", _I
)


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end) inside ``text`` (relative offsets)."""
    left = 0
    for m in CLAUSE_SPLIT.finditer(text, 0, start):
        left = m.end()
    m2 = CLAUSE_SPLIT.search(text, end)
    right = m2.start() if m2 else len(text)
    return left, right


def agent_is_object(words: list[str]) -> bool:
    """ "attacked Turkish army helicopters", "opened fire at 3 drones": a target verb before the agent with only
    modifiers in between ("targeted with 3 drones" is an instrument, not a target)."""
    for j in range(len(words) - 1, -1, -1):
        if words[j].endswith((":", ";")):
            # "update on air operations against Daesh: On Sunday, RAF Typhoons ...": a new clause
            return False
        w = words[j].lower().strip(",;:()'\"")
        if w in INSTRUMENT:
            return False
        if AGENT_AS_OBJECT.search(" ".join(words[max(0, j - 1) : j + 1]).lower()):
            return True
    return False


def agent_is_victim(after: str) -> bool:
    """ "the drone was shot down", "MiG-29s and a TB2 were destroyed"; not "93 drones, of which 80 were shot down"."""
    m = AGENT_VICTIM_AFTER.match(after)
    return m is not None and not PARTITIVE.search(m.group())


# "Hours after the overnight drone attack on Pavlohrad, the administration urged ...": a leading clause that
# dates the sentence by another strike
_TIME_REFERENCE = re.compile(
    r"^\s*(?:(?:hours|days|a day|two days|weeks|minutes|shortly|just|soon|a week|months)\s+)?"
    r"(?:after|following|since|before)\s+(?:the|a|an|last|this|[A-Z][\w-]*(?:'s|\u2019s))\b",
    re.I,
)


def time_reference(text: str, start: int) -> bool:
    """The trigger at ``start`` stands in a leading "after the ... attack" clause followed by a main clause."""
    left, right = clause_bounds(text, start, start + 1)
    return left == 0 and right < len(text) and _TIME_REFERENCE.match(text[:start]) is not None


# "..., hours after a drone hit a utility truck in Nikopol in the same region": a trailing clause that dates the
# sentence by another strike; its places and targets are that strike's
_OTHER_STRIKE_AFTER = re.compile(
    r"[,;]\s+(?:hours|days|a day|two days|minutes|shortly|weeks|a week|just|moments|a few hours)\s+"
    r"(?:after|before)\s+(?!the\b|this\b|that\b|it\b|its\b)",
    re.I,
)


def other_strike_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` (one sentence) in trailing "hours after a drone hit X" clauses that tell of another strike."""
    out = []
    for m in _OTHER_STRIKE_AFTER.finditer(text):
        stop = min((i for i in (text.find(";", m.end()), text.find(".", m.end())) if i != -1), default=len(text))
        if VERB.search(text, m.end(), stop):
            out.append((m.start(), stop))
    return out
