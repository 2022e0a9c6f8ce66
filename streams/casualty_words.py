"""The words the casualty-claim parser (``streams.casualties``) reads: numbers, kill verbs, victims, stop words, and
the phrases of a toll (an explicit zero, an updated or a stated toll).

Why apart from the parser: these are vocabulary, reviewed and extended like a gazetteer ("operative" is a victim
noun, "eliminated" a kill verb in military statements), while the parser's rules change rarely.
"""

from __future__ import annotations

import re
from typing import Literal

#: what a claim counts (the same words as ``schemas.Casualty.status`` on the wire)
ClaimStatus = Literal["killed", "wounded"]

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}
# word -> (count_min, count_max, acled_min): vague plural quantities.
VAGUE = {
    # "scores of" is vague in every hand-labelled set (h1, own-incidents-b); ACLED still codes it 20
    "dozens": (24, None, 12), "scores": (None, None, 20), "hundreds": (200, None, 100), "thousands": (2000, None, 1000),
    "several": (None, None, 3), "many": (None, None, None), "some": (None, None, 3), "numerous": (None, None, None),
    "multiple": (None, None, None), "others": (None, None, None), "more": (None, None, None),
    "unknown": (None, None, None), "unspecified": (None, None, None), "undisclosed": (None, None, None),
}

KILL_ACTIVE: dict[str, ClaimStatus] = {"killing": "killed", "killed": "killed", "kills": "killed", "kill": "killed",
               # military statements: "fighter jets struck ... and eliminated a Hezbollah terrorist"
               "eliminated": "killed", "eliminating": "killed",
               # Turkish, Nigerian, Sahel press offices: "neutralized 5 PKK terrorists" (counted as killed claims)
               "neutralized": "killed", "neutralised": "killed", "neutralizing": "killed", "neutralising": "killed",
               # Arabic, Persian and Pashto statements in translation: "martyring nine civilians"
               "martyring": "killed", "martyred": "killed",  # "the strike martyred seven people"
               "wounding": "wounded", "wounded": "wounded", "wounds": "wounded", "injuring": "wounded",
               "injured": "wounded", "injures": "wounded", "injure": "wounded", "wound": "wounded",
               "maiming": "wounded", "hurting": "wounded",
               # "its paramedics treated three people at the scene" (not "treated 12 people for shock")
               "treated": "wounded"}
KILL_PASSIVE: dict[str, ClaimStatus] = {
    "killed": "killed", "dead": "killed", "died": "killed", "die": "killed", "slain": "killed",
    "martyred": "killed", "perished": "killed", "eliminated": "killed", "neutralized": "killed",
    "neutralised": "killed", "ascended": "killed",  # "Three citizens ascended as martyrs"
    "wounded": "wounded", "injured": "wounded", "hurt": "wounded", "maimed": "wounded",
}
AUX = frozenset({"were", "was", "had", "have", "has", "been", "are", "is", "got", "being", "be", "reportedly", "now",
                 "also", "later", "all", "both", "allegedly", "subsequently", "initially", "confirmed", "still",
                 # degree adverbs: "two guards were lightly wounded", "three were seriously injured"
                 "lightly", "slightly", "seriously", "critically", "badly", "severely", "gravely", "moderately"})
NOUN_STATUS: dict[str, ClaimStatus] = {
    "fatalities": "killed", "fatality": "killed", "deaths": "killed", "dead": "killed",
    "injuries": "wounded", "injured": "wounded", "wounded": "wounded",
    # translated Arabic and Persian copy counts its dead as martyrs: "Three martyrs and five wounded", "One martyr
    # has been confirmed", "Two martyrs, a young man and his cousin, fell"
    "martyrs": "killed", "martyr": "killed",
}

VICTIMS = {
    "civilians": "civilians", "civilian": "civilians", "people": "people", "persons": "people", "person": "people",
    "residents": "civilians", "villagers": "civilians", "children": "children", "child": "children",
    "kids": "children", "girls": "children", "boys": "children", "women": "civilians", "woman": "civilians",
    "men": "people", "man": "people", "family": "civilians", "relatives": "civilians", "students": "civilians",
    "worker": "civilians", "workers": "civilians", "farmers": "civilians", "herders": "civilians",
    "shepherds": "civilians", "shepherd": "civilians", "passengers": "civilians", "displaced": "civilians",
    "fighters": "fighters", "fighter": "fighters", "militants": "fighters", "militant": "fighters",
    "members": "fighters", "member": "fighters", "rebels": "fighters", "insurgents": "fighters",
    "terrorists": "fighters", "jihadists": "fighters", "militiamen": "fighters", "militia": "fighters",
    "gunmen": "fighters", "commanders": "fighters", "commander": "fighters", "operatives": "fighters",
    "operative": "fighters",
    "combatants": "fighters", "bandits": "fighters", "extremists": "fighters", "elements": "fighters",
    "soldiers": "soldiers", "soldier": "soldiers", "servicemen": "soldiers", "serviceman": "soldiers",
    # translated military posts: "One of our heroes was martyred"
    "heroes": "soldiers", "hero": "soldiers",
    "troops": "soldiers", "officers": "soldiers", "officer": "soldiers", "personnel": "soldiers",
    "policemen": "soldiers", "police": "soldiers", "guards": "soldiers", "gendarmes": "soldiers",
    "marines": "soldiers", "pilots": "soldiers", "crew": "soldiers", "service": "soldiers",
    "experts": "fighters", "bomber": "fighters", "bombers": "fighters",
    "farmer": "civilians", "son": "civilians", "sons": "civilians", "daughter": "civilians", "daughters": "civilians",
    "brother": "civilians", "brothers": "civilians", "wife": "civilians", "husband": "civilians",
    "mother": "civilians", "father": "civilians", "teacher": "civilians", "teachers": "civilians",
    "pupil": "civilians", "pupils": "civilians", "student": "civilians", "doctor": "civilians",
    "doctors": "civilians", "nurse": "civilians", "nurses": "civilians", "journalist": "civilians",
    "journalists": "civilians", "driver": "civilians", "drivers": "civilians", "guard": "soldiers",
    "boy": "children", "girl": "children", "baby": "children", "babies": "children", "infant": "children",
    "infants": "children", "resident": "civilians", "villager": "civilians", "herder": "civilians",
    "fisherman": "civilians", "fishermen": "civilians", "labourers": "civilians", "laborers": "civilians",
    "employees": "civilians", "employee": "civilians", "staff": "civilians", "volunteers": "civilians",
    "paramedics": "civilians", "paramedic": "civilians", "rescuers": "civilians", "refugees": "civilians",
    "idps": "civilians", "pilgrims": "civilians", "worshippers": "civilians", "mourners": "civilians",
    "passenger": "civilians", "electrician": "civilians", "firefighter": "civilians", "firefighters": "civilians",
    "guests": "civilians", "tribesmen": "civilians", "patients": "civilians", "patient": "civilians",
    "shoppers": "civilians", "customers": "civilians", "inmates": "civilians", "prisoners": "civilians",
    "detainees": "civilians", "migrants": "civilians", "palestinians": "people", "afghans": "people",
    "refugee": "civilians", "merchant": "civilians", "businessman": "civilians", "trader": "civilians",
    "official": "civilians", "officials": "civilians", "chief": "civilians", "leader": "fighters",
    "leaders": "fighters", "child's": "children", "pregnant": "civilians", "elderly": "civilians",
    "militiaman": "fighters", "rebel": "fighters",
    "insurgent": "fighters", "terrorist": "fighters", "jihadist": "fighters", "policeman": "soldiers",
    "trooper": "soldiers", "troopers": "soldiers", "sailor": "soldiers", "sailors": "soldiers",
    "patrolman": "soldiers", "patrolmen": "soldiers", "gendarme": "soldiers", "militant's": "fighters",
    "mechanic": "civilians", "shopkeeper": "civilians", "vendor": "civilians", "vendors": "civilians",
    "others": "people", "victims": "people", "victim": "people", "individuals": "people",
    "neighbour": "civilians", "neighbours": "civilians", "neighbor": "civilians", "neighbors": "civilians",
    "constable": "soldiers", "constables": "soldiers", "cousin": "civilians", "cousins": "civilians",
    "colleague": "civilians", "colleagues": "civilians",
    # trades and passers-by of local copy ("Two bakers died at the scene", "three herdsmen were killed")
    "baker": "civilians", "bakers": "civilians", "merchants": "civilians", "butchers": "civilians",
    "loggers": "civilians", "cleaners": "civilians", "builders": "civilians", "diners": "civilians",
    "cyclists": "civilians", "pedestrians": "civilians", "motorists": "civilians", "commuters": "civilians",
    "herdsmen": "civilians", "nomads": "civilians", "truckers": "civilians", "tailors": "civilians",
    "carpenters": "civilians", "mechanics": "civilians", "hunters": "civilians", "farmhands": "civilians",
    "medic": "civilians", "rescuer": "civilians", "worshipper": "civilians", "pilgrim": "civilians",
    "mourner": "civilians", "shopper": "civilians", "customer": "civilians", "cook": "civilians",
    "cooks": "civilians", "waiter": "civilians", "waiters": "civilians", "volunteer": "civilians",
    "reporter": "civilians", "reporters": "civilians", "photographer": "civilians", "cameraman": "civilians",
    "imam": "civilians", "cleric": "civilians", "clerics": "civilians", "monk": "civilians", "monks": "civilians",
    "nuns": "civilians", "priest": "civilians", "priests": "civilians", "boatmen": "civilians",
    "boatman": "civilians", "prospectors": "civilians", "smugglers": "civilians", "smuggler": "civilians",
    "guardsmen": "soldiers", "sentries": "soldiers", "watchmen": "civilians", "watchman": "civilians",
    "grandchildren": "children", "nephew": "civilians", "nephews": "civilians", "uncle": "civilians",
    # a family named member by member in a write-up ("a 60-year-old farmer and his two grandsons")
    "grandson": "children", "grandsons": "children", "granddaughter": "children", "granddaughters": "children",
    "grandfather": "civilians", "grandmother": "civilians", "grandparents": "civilians", "sister": "civilians",
    "sisters": "civilians", "niece": "civilians", "nieces": "civilians", "aunt": "civilians", "uncles": "civilians",
    "wives": "civilians", "husbands": "civilians", "mothers": "civilians", "fathers": "civilians",
    "parents": "civilians", "siblings": "civilians", "twins": "children",
    # Pakistani and Somali official usage for militants: "6 khwarij were sent to hell"
    "khwarij": "fighters", "khawarij": "fighters", "kharijites": "fighters",
    # Afghan government statements (2021): "47 Taliban were killed"
    "taliban": "fighters",
    # Ukrainian statements: "up to 15 occupiers were killed"
    "occupiers": "soldiers", "occupier": "soldiers", "invaders": "soldiers",
    # "one employee was killed and two more were injured"
    "more": "people",
    "passer-by": "civilians", "passers-by": "civilians", "passerby": "civilians", "bystander": "civilians",
    "bystanders": "civilians",
    "citizens": "civilians", "citizen": "civilians",
    "engineer": "civilians", "engineers": "civilians", "technician": "civilians", "technicians": "civilians",
    "traders": "civilians", "labourer": "civilians", "laborer": "civilians", "miners": "civilians",
    "miner": "civilians", "fishers": "civilians", "porters": "civilians", "medics": "civilians",
    "riders": "people", "rider": "people", "occupants": "people", "occupant": "people", "motorcyclists": "people",
    "motorcyclist": "people",
}
# "battalion 101 was killed", "no one": the number is a name or a negation, not a count
NOT_A_COUNT_BEFORE = frozenset(
    {"no", "not", "none", "nor", "battalion", "brigade", "division", "regiment", "unit", "number", "no.", "route",
     "highway", "km", "kilometre", "road", "block", "sector", "zone", "ward", "base", "camp", "company", "squad",
     "phase", "district", "operation", "corps", "army", "fleet", "platoon", "flight"}
)
# "killed 25 heads of cattle": animals and things are not casualties
NOT_PEOPLE = frozenset(
    {"heads", "head", "cattle", "livestock", "camels", "sheep", "goats", "donkeys", "cows", "animals", "vehicles",
     "houses", "homes", "buildings", "trucks", "cars", "tanks", "dromedaries", "horses", "chickens",
     # "neutralized 20 drones", "eliminated 3 launchers": weapons and sites
     "drones", "uavs", "uav", "drone", "missiles", "rockets", "targets", "positions", "launchers", "boats", "mines",
     "explosive", "explosives", "devices", "ieds", "vessels", "aircraft", "helicopters", "shells", "projectiles"}
)
POST_MODIFIER = frozenset({"in", "at", "on", "inside", "near", "from", "aboard", "of"})
# "31 people, mostly women and children, were killed": a breakdown, like "including"
SUBSET = frozenset({"including", "among", "incl", "whom", "which", "mostly", "mainly", "primarily", "predominantly"})
STOP = frozenset({",", ";", ".", ":", "(", ")", "and", "or", "but", "while", "in", "on", "at", "after", "when",
                  "as", "by", "with", "near", "from", "who", "that", "during", "said", "says", "according"})


WOUND_NOUNS = frozenset({"wounds", "injuries", "burns", "wound", "injury"})
POSSESSIVES = frozenset({"his", "her", "their", "its"})

GROUPS = {"civilians": "civ", "people": "civ", "children": "civ", "fighters": "fighters", "soldiers": "soldiers"}

# "the strike claimed the lives of 6 villagers": the verbs before "the lives of" that make it a toll
LIFE_TAKERS = frozenset({"claimed", "claiming", "claims", "claim", "took", "taking", "takes", "cost", "costing"})
# "the death of at least 23", "the killing of four people": nouns of a status, before "of"
NOMINAL_STATUS: dict[str, ClaimStatus] = {
    "killing": "killed", "killings": "killed", "deaths": "killed", "death": "killed", "martyrdom": "killed",
    "injury": "wounded", "injuries": "wounded", "injuring": "wounded", "wounding": "wounded",
    "neutralisation": "killed", "neutralization": "killed",
}
# "as a result of which three policemen were injured": "of which" after these is no subset
RESULT_NOUNS = frozenset({"result", "consequence"})
SPEECH_VERBS = frozenset({"said", "say", "says", "told", "reported", "claimed", "added", "confirmed", "stated"})
# "killed four civilians, three herders and a boy": after a count of people in general, a list is its breakdown
TOTAL_NOUNS = frozenset({"people", "civilians", "persons", "residents", "villagers", "others"})


# the phrases of a toll, read whole: an explicit zero, an updated or a stated toll, a toll of the wounded
ZERO = re.compile(
    r"\bno (?:one|body)\b[^.;]{0,20}\b(?:killed|hurt|injured|harmed)|\bnobody was (?:killed|hurt|injured)|"
    r"\bno (?:fatalities|deaths|casualties|injuries|dead)\b|\bwithout (?:casualties|loss of life)|"
    r"\bno (?:civilian |human )?(?:casualties|losses|loss of life)\b|\bno one died\b|"
    # a write-up's count line: "Victims: 0 killed; 2 injured"
    r"(?<![\d,.])0 (?:killed|dead)\b",
    re.IGNORECASE,
)
# "the number of people hurt had risen to 16", "the injury toll rose to 40": a toll of the wounded
HURT_TOLL = re.compile(
    r"\b(?:number (?:of (?:\w+ )?)?(?:hurt|wounded|injured)|injur(?:y|ies) toll|"
    r"wounded toll)\b(?:(?!\btoll\b|\bkilled\b|\bdead\b|\bdeaths?\b)[^.;]){0,110}$",
    re.I,
)
TOLL_UPDATE = re.compile(
    # "the death toll from Monday evening's raids on the port and the oil terminal has risen to six": the
    # subject of a toll update is often a long noun phrase, so the verb may stand far from "toll"
    r"\b(?:death )?toll\b[^.;]{0,200}\b(?:rose|risen|climbed|increased|reached|jumped|rises|climbs)\b|"
    # "The local emergency room ... said that its count had risen to 17"
    r"\b(?:its|their|our|the) (?:own )?count (?:had |has |have )?(?:rose|risen|climbed|increased|reached|jumped)\b|"
    # "the number of people killed in Friday's strike had risen to 27", "the number killed rose to 12"
    # "The number of victims of the aerial bombardment ... on Monday rose to nine", "the number of martyrs rose to 5"
    # ("the number of police officers killed in the attack rose to two")
    r"\bnumber (?:of (?:\w+ ){0,2})?(?:killed|dead|hurt|wounded|injured|martyrs|martyred|victims|deaths|fatalities)\b"
    r"[^.;]{0,200}"
    r"\b(?:rose|risen|climbed|increased|reached|jumped)\b|"
    # "That brings the number of soldiers killed to three"
    # "raising the number of martyrs to two", "raising the number killed in the strike to nine"
    r"\b(?:bring(?:s|ing)?|brought|rais(?:es|ed|ing)|push(?:es|ed|ing)?|tak(?:es|ing)|took) the number "
    r"(?:of (?:\w+ ){0,2})?(?:killed|dead|hurt|wounded|injured|martyrs|victims|deaths|fatalities)\b[^.;]{0,40}?\bto\b|"
    # "has died in hospital, bringing the death toll to two", "pushing the toll to 14"
    r"\b(?:bring(?:s|ing)?|brought|push(?:es|ed|ing)?|tak(?:es|ing)|took|tak(?:en))\b (?:the |its )?"
    r"(?:(?:city|town|village|district|region|province|area)(?:'s|\u2019s) )?"
    r"(?:overall |total |official )?(?:death )?toll\b|"
    # "..., raising its earlier toll", "up from an earlier toll of eight", "revised the toll upwards"
    r"\b(?:rais(?:es|ed|ing)|revis(?:es|ed|ing)|updat(?:es|ed|ing))\b[^.;]{0,25}\b(?:toll|figure|count)\b|"
    r"\bup from (?:an? |the |its )?(?:earlier|previous|initial)\b",
    re.IGNORECASE,
)


# "the information minister put the toll at six", "officials put the number of dead at 7 and the wounded at 15",
# "the toll stood at nine", "the dead numbered at least 11": a toll stated, not updated
TOLL_STATED = re.compile(
    r"\bput(?:s|ting)? (?:the |its )?(?:overall |total |official |final )?(?:death |casualty )?(?:toll|figure|"
    r"number of (?:the )?(?:people )?(?:dead|killed|deaths|wounded|injured))\b|"
    r"\b(?:death )?toll (?:now )?(?:stood|stands|was|is|remained|remains) at\b|"
    # "volunteers put the dead at between 18 and 25", "a community leader gave a toll of 14"
    r"\bput(?:s|ting)? (?:the )?(?:dead|deaths|fatalities)(?= at\b)|"
    r"\bg(?:ave|ives?|iving) (?:a|an|the|its) (?:overall |total |official |final |preliminary )?(?:death )?"
    r"toll (?=of\b|as\b|at\b)|"
    r"\b(?:the )?(?:dead|death toll) numbered\b(?= (?:at least |more than |about |around |some )?\w+)",
    re.IGNORECASE,
)


# (words the casualty scanner, ``streams.casualties``, reads around a count)
FIGURE_WORDS = frozenset({"figure", "toll", "number", "count", "tally"})
# what people are "treated for" without being hurt
NOT_HURT = frozenset({"shock", "panic", "anxiety", "stress", "smoke"})
#: "taken to hospital": how the wounded are told in local copy
TAKEN = frozenset({"taken", "rushed", "admitted", "evacuated", "transported", "brought", "transferred"})
#: what the wounded are called in "one of the two workers taken to hospital has died"
HURT_WORDS = frozenset({"wounded", "injured", "hospital", "hospitalised", "hospitalized"})
# a killing named as the motive: "in response to the killing of one of its commanders"
MOTIVE = re.compile(
    r"\b(?:in (?:response|retaliation|reprisal|revenge) (?:to|for)|to avenge|avenging|in answer to) (?:the )?$", re.I
)


# "4 people — the driver and three passengers — were killed": an aside between dashes that tells who
# the victims were (no casualty word of its own) parts the count from its verb
_DASH_ASIDE = re.compile(r"\s[\u2014\u2013-]\s[^\u2014\u2013.;:]{3,80}?\s[\u2014\u2013-]\s")
_HURT_IN_ASIDE = re.compile(r"\b(?:kill|dead|death|die|wound|injur|hurt|martyr|bod(?:y|ies)|casualt)", re.I)


# ... and between commas before the verb: "Three people, two members of our forces and a civilian driver, were
# martyred" (not a part of the dead: "Four people, including two children, were killed")
_COMMA_ASIDE = re.compile(
    r",\s(?!including\b|among\b|of whom\b|mostly\b|most of\b|all\b|an?\b|the\b|his\b|her\b|their\b)"
    r"[^,.;:]{3,80}?,(?=\s(?:were|was|had been|have been|are)\b)",
    re.I,
)


def blank_appositives(sentence: str) -> str:
    """``sentence`` with each aside between dashes, or between commas before the verb, that names no casualty
    blanked out (same length: offsets hold)."""
    def blank(m: re.Match[str]) -> str:
        return m.group() if _HURT_IN_ASIDE.search(m.group()) else " " * len(m.group())

    return _COMMA_ASIDE.sub(blank, _DASH_ASIDE.sub(blank, sentence))
