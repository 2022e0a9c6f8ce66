"""Seeded synthetic sentences for the four sentence classes, in the styles the public corpora lack.

Why: the public corpora are event notes, aid-worker narratives and old press releases; none has the terse
military summary style ("Near X, two strikes destroyed ..."), helicopter raids told from the victims' side,
or the many ways copy mentions a strike that is not news (history, threats, tallies, denials, procurement).
Official military statements ("X struck and eliminated ...", "The strikes neutralised ...") get their own
templates, with hard negatives that share their "struck" wording (artillery, tanks, ground-launched missiles,
sea drones) and their boilerplate (interceptions, "The objectives were achieved.").
Templates with many fillers teach the classifier the frame, not the filler; no template copies an
evaluation sentence, and the test sentences in tests/unit are not generated here.
"""

from __future__ import annotations

import random
from collections.abc import Callable

PLACES = (
    "Idlib", "Ariha", "Saraqib", "Deir ez-Zor", "Al-Mayadin", "Marib", "Saada", "Hodeidah", "Kharkiv", "Kupiansk",
    "Zaporizhzhia", "Odesa", "Kherson", "Sumy", "Jilib", "Kismayo", "Buulo Mareer", "El Fasher", "Nyala", "Omdurman",
    "Monywa", "Hpakant", "Lashio", "Gwoza", "Bama", "Djibo", "Menaka", "Gao", "Kidal", "Sirte", "Kunduz", "Khost",
    "Mosul", "Sinjar", "Qandil", "Mekele", "Rafah", "Deir al-Balah", "Jabalia", "Tyre", "Nabatieh", "Baalbek",
    "Belgorod", "Kursk", "Bryansk", "Donetsk", "Horlivka", "Pokrovsk", "Tal Abyad", "Kobani", "Qamishli",
    "Hasakah", "Manbij", "Afrin", "Tuz Khurmatu", "Kirkuk", "Ras Kamboni", "Bosaso", "Maiduguri", "Zamfara",
    "Catatumbo", "Guaviare", "Waziristan", "Bajaur", "Kapisa", "Panjshir", "Tigray", "Amhara", "Kordofan",
)
REGIONS = ("the north", "the south of the province", "the eastern countryside", "the border area", "the suburbs")
AIR_ACTORS = (
    "Russian", "Israeli", "Turkish", "Syrian government", "Saudi-led coalition", "US", "Ukrainian", "Nigerian",
    "Sudanese army", "Myanmar junta", "Pakistani", "Iraqi", "French", "Ethiopian", "Colombian",
)
AIRCRAFT = (
    "Su-34", "Su-25", "Su-24", "MiG-29", "F-16", "F-35", "Tu-22M3", "Mi-24", "Mi-8", "Mi-35", "Bayraktar TB2",
    "Akinci", "MQ-9 Reaper", "Shahed-136", "Wing Loong II", "K-8", "Y-12", "L-39", "Apache", "Cobra",
)
AIR_AGENTS = (
    "warplanes", "fighter jets", "military aircraft", "army helicopters", "helicopter gunships", "attack helicopters",
    "armed drones", "a drone", "an aircraft", "coalition aircraft", "bombers", "the air force", "a combat drone",
    "unmanned aerial vehicles", "jets", "a Bayraktar drone", "kamikaze drones", "a military helicopter",
)
TARGETS = (
    "an enemy fighting position", "a vehicle", "a weapons cache", "a command post", "a staging area",
    "a tactical unit", "a training camp", "a bridge", "a fuel depot", "a market", "a hospital", "a school",
    "residential buildings", "a mortar team", "two logistics nodes", "a tunnel entrance", "a checkpoint",
    "a convoy", "an ammunition store", "a rebel stronghold", "farmland", "a mosque", "a power station",
)
GROUPS = ("ISIS", "al-Shabaab", "the Taliban", "Hamas", "Hezbollah", "the PKK", "the RSF", "JNIM", "rebels",
          "militants", "insurgents", "the Houthis", "the Arakan Army", "separatists", "ELN guerrillas")
DAYS = ("on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday",
        "overnight", "early on Tuesday", "late on Friday", "at dawn", "this morning", "yesterday", "")
NUMS = ("two", "three", "four", "five", "six", "seven", "eight", "10", "12", "15", "at least 20", "dozens of")
#: The publication date given to every synthetic sentence (its years of history are long before it).
PUBLISHED = "2026-03-10"
MONTHS = ("January", "March", "April", "June", "August", "October", "November", "December")
YEARS = ("2012", "2014", "2015", "2016", "2017", "2019", "1999", "2008")
#: Official military statements: bodies that issue strike releases (no US CENTCOM / Inherent Resolve).
FORCES = (
    "the IDF", "U.S. Africa Command", "the Nigerian Air Force", "the Turkish Armed Forces", "Pakistan's military",
    "the Malian Armed Forces (FAMa)", "the Saudi-led coalition", "the Israeli Air Force", "the Iraqi Air Force",
    "the Colombian Air Force", "the Ethiopian National Defence Force", "the Burkinabe army",
)
#: Bodies that speak for a force ("... said it had struck ..."). Not Russia's defence ministry: its "struck"
#: covers ground-launched missiles as often as aircraft, so the bare form is no air-strike report.
SPOKESBODIES = FORCES + (
    "the Turkish defence ministry", "Nigeria's Defence Headquarters",
    "the Israeli military", "Iraq's Security Media Cell", "Somalia's information ministry",
)
#: The same forces as adjectives before "aircraft", "jets", "drones".
FORCE_ADJ = (
    "IDF", "Israeli Air Force", "Nigerian Air Force", "Turkish", "Pakistani", "FAMa", "coalition", "Iraqi",
    "Colombian", "Ethiopian", "Burkinabe", "AFRICOM", "Egyptian", "Emirati",
)
OPERATIVE_GROUPS = (
    "Hezbollah", "Hamas", "al-Shabaab", "ISIS", "PKK", "JNIM", "TTP", "ISWAP", "Boko Haram", "Houthi", "AQAP",
    "Islamic Jihad", "ELN", "Ansaru", "Fano",
)
FIGHTERS = ("fighters", "terrorists", "militants", "operatives", "insurgents", "gunmen")
OFFICIAL_TARGETS = (
    "a weapons storage site", "a terrorist hideout", "a command centre", "a rocket launch position",
    "military infrastructure", "an ammunition depot", "a training compound", "a logistics hub",
    "a gathering of armed men", "a drone assembly workshop", "a bandit enclave", "an observation post",
    "a tunnel shaft", "a vehicle carrying fighters", "a group of motorcycles", "a forward operating base",
)
RU_TARGETS = (
    "defence industry plants", "energy facilities that supply the armed forces", "fuel depots of the armed forces",
    "airfield infrastructure", "workshops assembling long-range drones", "arsenals and ammunition stores",
    "temporary deployment points of foreign mercenaries", "gas production facilities serving the military",
    "railway hubs used to move military cargo",
)
RU_REGIONS = (
    "Dnipropetrovsk", "Zaporizhzhia", "Kharkiv", "Sumy", "Odesa", "Kyiv", "Mykolaiv", "Poltava", "Chernihiv",
    "Kirovohrad", "Lviv", "Ivano-Frankivsk",
)
COUNTRIES = (
    "Somalia", "Lebanon", "Syria", "Iraq", "Yemen", "Mali", "Nigeria", "Afghanistan", "Sudan", "Libya",
    "Burkina Faso", "Colombia", "Ethiopia", "Niger",
)
WHEN_TODAY = ("Earlier today", "Earlier this morning", "A short while ago", "Overnight", "This afternoon",
              "Earlier on Tuesday", "On Saturday night")


def _cap(s: str) -> str:
    """First letter upper-cased, the rest kept ("U.S. Africa Command", not "U.s. africa command")."""
    return s[:1].upper() + s[1:]


def _a(word: str) -> str:
    """The indefinite article for a group name ("an ISIS", "a Hamas")."""
    return "an" if word[:1].upper() in "AEIOU" else "a"


def _official_strike(r: random.Random) -> str:
    """Official military statement style: a force reports its own strike."""
    f, s, fa, og = r.choice(FORCES), r.choice(SPOKESBODIES), r.choice(FORCE_ADJ), r.choice(OPERATIVE_GROUPS)
    p, t, t2, n, d = r.choice(PLACES), r.choice(OFFICIAL_TARGETS), r.choice(OFFICIAL_TARGETS), r.choice(NUMS), \
        r.choice(DAYS)
    fi, w = r.choice(FIGHTERS), r.choice(WHEN_TODAY)
    forms = (
        f"{_cap(f)} struck and eliminated {_a(og)} {og} operative in the area of {p}.",
        f"{w}, {f} struck and eliminated {_a(og)} {og} {r.choice(('commander', 'operative', 'weapons smuggler'))}"
        f" near {p}.",
        f"{r.choice(('U.S. Africa Command', 'Turkish', 'Pakistani', 'Malian', 'Somali', 'Nigerian', 'Iraqi'))} forces"
        f" conducted a precision strike near {p} that killed {n} {og} {fi}.",
        f"{r.choice(('Overnight', 'On Thursday night', 'In the early hours', 'Over the past day'))},"
        f" {r.choice(('the Russian Armed Forces', 'Russian forces', 'the Armed Forces'))} delivered a"
        f" {r.choice(('massive', 'group', 'combined'))} strike with"
        f" {r.choice(('long-range precision air-launched weapons', 'high-precision air-launched weapons'))} and"
        f" {r.choice(('attack UAVs', 'Geran strike drones', 'kamikaze drones'))} against"
        f" {r.choice(RU_TARGETS)} in {r.choice(RU_REGIONS)} region.",
        f"Russia's defence ministry said its forces had hit {r.choice(RU_TARGETS)} with air-launched precision"
        f" weapons and strike drones {d}.",
        f"{w}, {fa} aircraft struck {t} in {p}.",
        f"{w}, {fa} {r.choice(('fighter jets', 'drones', 'helicopters'))} struck {t} and {t2} near {p}.",
        f"The strike was {r.choice(('conducted', 'carried out'))}"
        f" {r.choice(('near', 'east of', 'south of', 'in the vicinity of'))} {p}.",
        f"The strikes were carried out on {t} near {p}, the statement said.",
        f"{_cap(s)} said it had struck {t} in {p} {r.choice(('overnight', 'on Sunday', 'late on Friday'))}.",
        f"{_cap(s)} said its aircraft had hit {t} near {p}, killing {n} {og} {fi}.",
        f"The strikes neutralised {r.choice(('several', 'a number of', n))} terrorists near {p}.",
        f"The {r.choice(('air strikes', 'drone strikes', 'strikes'))} neutralised {n} {fi} and destroyed {t} near"
        f" {p}.",
        f"In a statement, {f} said its air component struck {t} in {p}, neutralising {n} {fi}.",
        f"Acting on intelligence, {fa} jets struck {t} near {p}, killing {n} {og} {fi}.",
        f"{_cap(f)} said {n} {og} {fi} were killed in a drone strike on {t} near {p}.",
    )
    return r.choice(forms + _press_office_forms(r))


#: How press offices name their air arm ("The Air Component of Operation Hadin Kai", "Air Force formations").
AIR_ARMS = (
    "The Air Component of Operation Hadin Kai", "Air Force formations", "Air Force aviation", "Our armed UAVs",
    "The Air Component", "Army aviation", "Attack helicopters of the army aviation", "Our combat aircraft",
    "The Aerospace Force", "Fighter jets of the air force", "Air assets", "Armed drones of the air force",
)


def _press_office_forms(r: random.Random) -> tuple[str, ...]:
    """More press-office ways of telling an air strike: air operations, interdiction missions, bombardments,
    "neutralized by our armed UAVs", areas of concentration, and non-state drone drops."""
    p, t, n, fi, og = r.choice(PLACES), r.choice(OFFICIAL_TARGETS), r.choice(NUMS), r.choice(FIGHTERS), \
        r.choice(OPERATIVE_GROUPS)
    arm = r.choice(AIR_ARMS)
    return (
        f"{og} {fi} detected in the {p} region were targeted in an air operation, and {n} {fi} were neutralized.",
        f"{arm} conducted air interdiction missions on {t} at {p} following credible intelligence.",
        f"In a joint operation with the army, an air bombardment was carried out against {t} near {p}.",
        f"{_cap(n)} {og} {fi} were neutralized by our armed UAVs in the area of {p}.",
        f"Over the past day, {arm} struck {n} areas of concentration of enemy personnel and equipment near {p}.",
        f"{arm}, in cooperation with the border guards, destroyed {n} vehicles loaded with weapons near {p}.",
        f"{arm} engaged {t} near {p}, destroying it.",
        f"Near {p}, {r.choice(('one strike', 'two strikes', 'three strikes', 'four strikes'))}"
        f" {r.choice(('engaged', 'destroyed', 'struck'))} {t}.",
        f"A {r.choice(('Ka-52', 'Mi-28', 'Mi-24', 'Mi-8'))} helicopter fired rockets at enemy positions near {p}.",
        f"{r.choice(('Dissidents', 'Militants', 'Insurgents', 'Gunmen'))} dropped explosives from drones on"
        f" {r.choice(('a police station', 'an army post', 'a checkpoint', 'a military base'))} in {p}.",
        f"{arm} carried out {r.choice(('precision', 'air', 'targeted'))} strikes on {t} in {p}, neutralising {n}"
        f" {fi}.",
        f"Battle damage assessment confirmed that the air strike on {t} near {p} neutralised {n} {fi}.",
    )


#: Armies as adjectives, for the ground and sea forms that share the statements' "struck" wording.
ARMY_ADJ = ("Russian", "Ukrainian", "Israeli", "Turkish", "Pakistani", "Malian", "Nigerian", "Sudanese", "Iraqi",
            "Indian", "Ethiopian", "Somali")


def _official_other(r: random.Random) -> str:
    """Hard negatives in statement style: "struck" by artillery, tanks, ground-launched missiles, sea drones."""
    ad, p, t, d, n = r.choice(ARMY_ADJ), r.choice(PLACES), r.choice(OFFICIAL_TARGETS), r.choice(DAYS), r.choice(NUMS)
    forms = (
        f"{ad} artillery units struck {t} near {p} {d}, the army said.",
        f"{r.choice(('Artillery', 'Howitzer', 'Mortar'))} crews of the {ad} army struck {t} on the outskirts of {p}.",
        f"{ad} ground forces struck enemy positions near {p} with tank fire {d}.",
        f"Ground units struck and destroyed {t} near {p} during a clearing operation, the statement said.",
        f"A ballistic missile struck {t} in {p} {d}, the ministry said.",
        f"An Iskander-M missile launched from the ground struck {t} near {p}.",
        f"{r.choice(('Naval drones', 'Sea drones', 'Uncrewed surface vessels'))} struck"
        f" {r.choice(('a patrol boat', 'a landing ship', 'a fuel tanker', 'the port'))} near {p} {d}.",
        f"{ad} forces struck {t} near {p} with multiple rocket launchers, killing {n} fighters.",
        f"Special forces raided {t} near {p} and neutralised {n} terrorists in a ground operation.",
        f"A cruise missile fired from a warship struck {t} near {p} {d}.",
        # the press-office verbs of the air forms, said of ground forces
        f"{ad} ground forces neutralized {n} terrorists in a search operation in the area of {p}.",
        f"Units of the missile troops hit {t} near {p} {d}.",
        f"Artillery units engaged {t} near {p}, destroying it.",
        f"In a joint operation with the police, troops carried out a raid against {t} near {p}, neutralizing {n}"
        f" {r.choice(FIGHTERS)}.",
        f"Border guard forces destroyed {n} vehicles loaded with weapons that tried to cross near {p}.",
        f"Commandos of the {ad} army neutralised {n} {r.choice(FIGHTERS)} in a ground assault near {p} {d}.",
    )
    return r.choice(forms)


def _official_none(r: random.Random) -> str:
    """Statement sentences that are no strike report: interceptions, boilerplate, resolve, aircraft bases."""
    f, ad, n, d = r.choice(FORCES), r.choice(ARMY_ADJ), r.choice(NUMS), r.choice(DAYS)
    rr, rr2 = r.choice(RU_REGIONS), r.choice(RU_REGIONS)
    forms = (
        f"{ad} air defence units shot down {n} drones over the {rr} region {d}.",
        f"Air defence systems intercepted {n} drones over the {rr} and {rr2} regions {d}, the ministry said.",
        f"{_cap(r.choice(('air defences', 'duty air defence forces')))} destroyed {n} fixed-wing drones {d}.",
        "The objectives were achieved.",
        f"All assigned objectives were {r.choice(('accomplished', 'fulfilled', 'met'))}.",
        f"The goals of the {r.choice(('operation', 'mission'))} were met, the statement said.",
        f"{_cap(f)} will continue to operate against terrorists {r.choice(('wherever they are', 'in the region'))}.",
        f"{_cap(f)} said it would keep acting against any threat to its troops and to civilians.",
        f"{_cap(f)} remains committed to working with its partners to secure the border.",
        f"The {r.choice(('release', 'statement', 'communique'))} gave no information on the type of aircraft.",
        f"The jets took off from an air base near {r.choice(PLACES)}, a monitoring group said.",
        f"{_cap(f)} said an assessment of the results was under way.",
        f"Air defence units neutralized {n} enemy UAVs over the {rr} region {d}.",
        f"{_cap(r.choice(AIR_ARMS))} carried out {n} reconnaissance flights over the border area {d}.",
        "The fight against terrorism will go on with the same determination.",
    )
    return r.choice(forms)


def _official_background(r: random.Random) -> str:
    """Statement-style strikes that are not the news: tallies, last year's raids, campaigns."""
    f, fa, p, c, y = r.choice(FORCES), r.choice(FORCE_ADJ), r.choice(PLACES), r.choice(COUNTRIES), r.choice(YEARS)
    og, t = r.choice(OPERATIVE_GROUPS), r.choice(OFFICIAL_TARGETS)
    forms = (
        f"{_cap(f)} has carried out {r.choice(('dozens of', 'more than 40', 'scores of'))} strikes in {c} this year.",
        f"Last year, {fa} aircraft struck {p} {r.choice(('repeatedly', 'several times', 'almost weekly'))}.",
        f"Last year, {fa} aircraft struck {t} in {p}, killing a senior {og} figure.",
        f"{_cap(f)} has struck {og} targets in {c} regularly since {y}.",
        f"In {y}, {f} said it had struck {t} near {p} in a similar operation.",
        f"{_cap(f)} says it has neutralised hundreds of {og} fighters in air operations since {y}.",
        f"Similar strikes near {p} in {y} were also announced by {f}.",
        f"{_cap(f)} rarely publishes details of individual strikes in {c}.",
    )
    return r.choice(forms)


def _strike(r: random.Random) -> str:
    p, p2, a, ac, t, t2, g, d, n = (
        r.choice(PLACES), r.choice(PLACES), r.choice(AIR_ACTORS), r.choice(AIRCRAFT), r.choice(TARGETS),
        r.choice(TARGETS), r.choice(GROUPS), r.choice(DAYS), r.choice(NUMS),
    )
    ag = r.choice(AIR_AGENTS)
    forms = (
        f"Near {p}, {n} strikes destroyed {t} and {t2}.",
        f"Near {p}, an airstrike engaged {t}, destroying {t2}.",
        f"Near {p}, {r.choice(('two', 'three', 'four'))} strikes engaged {g} {r.choice(('fighters', 'units'))}"
        f" and destroyed {t}.",
        f"In the vicinity of {p}, aircraft struck {t}.",
        f"{a} military aircraft carried out a series of airstrikes on areas in {p} {d}, wounding {n} people.",
        f"{a} {ag} pounded {p} {d}, killing {n} civilians.",
        f"{g.capitalize()} in {p} suffered heavy losses in raids by {ag} {d}.",
        f"{p} was hit by {a} air raids {d}, residents said.",
        f"A {ac} dropped {r.choice(('two', 'several', 'four'))} bombs on {t} in {p} {d}.",
        f"{ag.capitalize()} targeted {t} in {p} {d}, according to local sources.",
        f"At least {r.randint(2, 40)} people were killed when {ag} hit {t} in {p} {d}.",
        f"The {a} air force said its jets hit {g} positions near {p} {d}.",
        f"{a} drones struck {t} near {p} {d}, the ministry said.",
        f"Helicopters fired rockets at {t} in {p} {d}, killing {n} {g} fighters.",
        f"An air strike on {t} in {p} killed {n} people and wounded others {d}.",
        f"{a} {ac} jets bombed {g} hideouts in {p} {d}.",
        f"Witnesses said {ag} circled over {p} before bombing {t} {d}.",
        f"A drone attack on {t} in {p} {d} left {n} dead.",
        f"{g.capitalize()} said {a} aircraft bombed {t} in {p}, killing {n} of its members.",
        f"Coalition aircraft conducted {n} strikes against {g} targets near {p} and {p2}.",
        f"Shahed drones hit {t} in {p} {d}, the governor said.",
        f"An armed drone fired a missile at a car in {p} {d}, killing {n} suspected {g} members.",
    )
    return r.choice(forms)


def _background(r: random.Random) -> str:
    p, a, ag, y, g = r.choice(PLACES), r.choice(AIR_ACTORS), r.choice(AIR_AGENTS), r.choice(YEARS), r.choice(GROUPS)
    forms = (
        f"In {y}, {a} {ag} bombed {p}, killing scores of people.",
        f"The town was last bombed by {a} warplanes in {y}.",
        f"Residents still remember the {y} air strike on {p} that destroyed the old market.",
        f"{a} officials threatened to launch air strikes on {g} positions in {p} if the attacks continue.",
        f"The {a} air force could strike {g} targets in {p} within hours, analysts said.",
        f"The {a} military denied carrying out any air strike near {p}.",
        f"There were no reports of air strikes in {p} on Sunday.",
        f"{a} aircraft have carried out more than {r.randint(200, 3000)} air strikes in the region since {y}.",
        f"Monday marks the anniversary of the {y} bombing of {p} by {a} jets.",
        f"The {a} government is buying new {r.choice(AIRCRAFT)} drones to strike {g} in the future.",
        f"A court in {p} heard testimony about the {y} drone strike that killed a family.",
        f"Critics say air strikes on {g} have rarely worked, pointing to the campaign in {p} in {y}.",
        f"The report documents {a} air strikes on hospitals between {y} and {int(y) + 3}.",
        f"{g.capitalize()} warned that any air raid on {p} would be answered.",
        f"Since the war began, {ag} have repeatedly bombed villages around {p}.",
        f"The strike recalled the {y} attack in which {a} helicopters destroyed the bridge at {p}.",
        f"If {a} jets bomb {p}, aid agencies fear thousands will flee.",
        f"The museum in {p} displays the wreckage of a {r.choice(AIRCRAFT)} shot down in {y}.",
        f"A board of inquiry found that an air strike near {p} in {y} had killed {r.choice(NUMS)} civilians by"
        f" mistake.",
        f"A court sentenced a {a} pilot in absentia for the {y} bombing of a residential street in {p}.",
        f"{a} jets last struck {p} in {r.choice(MONTHS)}, after a series of attacks.",
        f"The trial heard that {r.choice(AIRCRAFT)} jets had bombed {p} in {r.choice(MONTHS)} {y}.",
        f"Families of those killed in the {y} air raid on {p} are still waiting for compensation.",
    )
    return r.choice(forms)


def _other(r: random.Random) -> str:
    p, a, g, d, n = r.choice(PLACES), r.choice(AIR_ACTORS), r.choice(GROUPS), r.choice(DAYS), r.choice(NUMS)
    forms = (
        f"{a} forces shelled {p} {d}, killing {n} civilians.",
        f"Artillery fire hit residential areas of {p} {d}.",
        f"{g.capitalize()} fired rockets at {p} {d}, wounding {n} people.",
        f"A ballistic missile launched from the ground struck {p} {d}.",
        f"An improvised explosive device killed {n} soldiers near {p} {d}.",
        f"A suicide bomber blew himself up at a checkpoint in {p} {d}.",
        f"Gunmen opened fire on a bus near {p} {d}, killing {n} passengers.",
        f"A sea drone packed with explosives hit a ship off {p} {d}.",
        f"A landmine exploded under a truck near {p}, killing the driver.",
        f"Clashes between {g} and the army in {p} left {n} dead {d}.",
        f"Mortar rounds fell on a market in {p} {d}.",
        f"A car bomb exploded outside a police station in {p} {d}.",
        f"{g.capitalize()} stormed a military post in {p} {d}, killing {n} soldiers.",
        f"Tank fire killed {n} people in {p} {d}.",
        f"A grenade was thrown into a crowd in {p} {d}.",
        f"Cruise missiles fired from a warship hit {p} {d}.",
        f"Police fired tear gas and live rounds at protesters in {p} {d}.",
        f"Multiple rocket launchers pounded the outskirts of {p} {d}.",
    )
    if r.random() < 0.3:
        return _other_hard(r)
    return r.choice(forms)


def _other_hard(r: random.Random) -> str:
    """Other violence told near air words: ground-fired guided missiles, drones only watching, a blast first
    reported as an air strike, a write-up's type label."""
    p, g, d, n = r.choice(PLACES), r.choice(GROUPS), r.choice(DAYS), r.choice(NUMS)
    kind = r.choice(("car bomb", "suicide bombing", "roadside bomb", "shelling", "mortar attack", "IED"))
    forms = (
        f"{g.capitalize()} said its fighters had fired {r.choice(('guided', 'anti-tank', 'Kornet'))} missiles at"
        f" {r.choice(('an army position', 'a military post', 'a tank', 'an observation tower'))} near {p} {d}.",
        f"Residents said surveillance drones had circled over {p} as artillery shelled the area {d}.",
        f"Early reports spoke of an air strike on the market in {p}, but officials later said the blast came from"
        f" a {kind}.",
        f"Type: {kind}",
        f"Status: reclassified from air strike to {kind}.",
        f"No aircraft or drone was heard before the explosion in {p}, witnesses said.",
        f"A {kind} killed {n} people near {p} {d}, although a drone had been seen over the town earlier.",
        f"Anti-tank missiles fired by {g} hit {r.choice(('a jeep', 'an armoured vehicle', 'a bulldozer'))} near {p}"
        f" {d}.",
    )
    return r.choice(forms)


def _none(r: random.Random) -> str:
    p, a, d = r.choice(PLACES), r.choice(AIR_ACTORS), r.choice(DAYS)
    forms = (
        f"Dock workers in {p} went on strike {d} over pay.",
        f"The striker scored twice as the club from {p} won {r.randint(2, 5)}-{r.randint(0, 1)}.",
        f"Hundreds of drones lit up the sky over {p} in a light show {d}.",
        f"The two sides struck a deal in {p} {d} to reopen the border crossing.",
        f"Lightning struck a house in {p} {d}, injuring two people.",
        f"The airline will add flights between {p} and the capital next month.",
        f"The {a} defence ministry signed a contract for new transport aircraft.",
        f"A cargo plane made an emergency landing in {p} {d}.",
        f"Farmers in {p} use drones to spray crops.",
        f"The governor of {p} met aid agencies {d} to discuss the return of displaced families.",
        f"Prices of bread in {p} rose by a third this month.",
        f"A helicopter carrying the minister landed in {p} {d}.",
        f"Teachers in {p} called off their strike after the government raised salaries.",
        f"Talks on a ceasefire resumed in {p} {d}.",
        f"An earthquake struck near {p} {d}, damaging several buildings.",
        f"Parliament voted {d} to extend the state of emergency in {p}.",
        f"The air show in {p} featured a flypast by military jets.",
        f"A storm struck the coast near {p}, cutting power to thousands of homes.",
        f"All {r.choice(NUMS)} drones were shot down before they reached {p}, officials said, and no damage was"
        f" reported.",
        f"Sanctions were imposed {d} on companies that supply engines for {a} attack drones.",
    )
    if r.random() < 0.25:
        return _labour(r)
    return r.choice(forms)


def _labour(r: random.Random) -> str:
    """Labour strikes, walkouts and hunger strikes, one line or a short note: "strike on Monday" is no raid."""
    p, d = r.choice(PLACES), r.choice(DAYS)
    who = r.choice(("Teachers", "Doctors", "Nurses", "Dock workers", "Oil workers", "Miners", "Truck drivers",
                    "Bus drivers", "Lecturers", "Civil servants", "Bank staff", "Port workers"))
    why = r.choice(("over unpaid salaries", "over pay", "demanding better pay", "over working conditions",
                    "to protest against new labour laws", "over delayed allowances"))
    first = r.choice((
        f"{who} in {p} began an indefinite strike {d} {why}, their union said.",
        f"{who} in {p} went on strike {d} {why}.",
        f"{who} in {p} launched a strike {d} {why}, union officials said.",
        f"{who} in {p} staged a strike {d} {why}, according to a labour rights group.",
        f"{who} in {p} called off their week-long strike {d} after the government agreed to their demands.",
        f"A general strike shut shops and offices across {p} {d}.",
        f"Students in {p} staged a hunger strike {d}.",
        f"{who} in {p} threatened to strike {d} {why}.",
    ))
    second = r.choice((
        "", " Schools were shut, and parents said they had not been told when classes would resume.",
        " The government said it hoped to strike a deal within a week.",
        " Talks with the ministry will resume next week.", " Hospitals said only emergency cases were treated.",
        " The strike halted cargo operations at the port.",
    ))
    return first + second


#: label, the official-statement generator, the share of the label's sentences it writes, the general one
_CLASSES: tuple[tuple[str, Callable[[random.Random], str], float, Callable[[random.Random], str]], ...] = (
    ("STRIKE", _official_strike, 0.3, _strike),
    ("BACKGROUND", _official_background, 0.2, _background),
    ("OTHER", _official_other, 0.25, _other),
    ("NONE", _official_none, 0.2, _none),
)


def generate(seed: int, n_per_label: int = 600) -> list[dict[str, str]]:
    """``n_per_label`` sentences for each class, the same for the same seed."""
    r = random.Random(seed)
    out: list[dict[str, str]] = []
    for label, official, share, fn in _CLASSES:
        for i in range(n_per_label):
            raw = official(r) if r.random() < share else fn(r)
            text = " ".join(raw.split()).replace(" ,", ",").replace(" .", ".")
            out.append({"id": f"synthetic:{label}:{i}", "text": text, "label": label,
                        "source": "synthetic", "group": "synthetic", "published": PUBLISHED})
    return out
