"""Seeded synthetic sentences for the four sentence classes, in the styles the public corpora lack.

Why: the public corpora are event notes, aid-worker narratives and old press releases; none has the terse
military summary style ("Near X, two strikes destroyed ..."), helicopter raids told from the victims' side,
or the many ways copy mentions a strike that is not news (history, threats, tallies, denials, procurement).
Templates with many fillers teach the classifier the frame, not the filler; no template copies an
evaluation sentence, and the test sentences in tests/unit are not generated here.
"""

from __future__ import annotations

import random

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
YEARS = ("2012", "2014", "2015", "2016", "2017", "2019", "1999", "2008")


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
    )
    return r.choice(forms)


def generate(seed: int, n_per_label: int = 600) -> list[dict[str, str]]:
    """``n_per_label`` sentences for each class, the same for the same seed."""
    r = random.Random(seed)
    out: list[dict[str, str]] = []
    for label, fn in (("STRIKE", _strike), ("BACKGROUND", _background), ("OTHER", _other), ("NONE", _none)):
        for i in range(n_per_label):
            text = " ".join(fn(r).split()).replace(" ,", ",").replace(" .", ".")
            out.append({"id": f"synthetic:{label}:{i}", "text": text, "label": label,
                        "source": "synthetic", "group": "synthetic", "published": PUBLISHED})
    return out
