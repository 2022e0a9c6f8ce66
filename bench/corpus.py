"""A synthetic wire-copy corpus for the benchmark: seeded, realistic in length and in mix.

Why synthetic: the benchmark must run anywhere (CI, a laptop) without shipping or downloading news
text, and the dev/eval texts are not ours to copy. What matters for throughput is what the service
does with an article: its length (300-800 words over several paragraphs, as agency copy), whether
the relevance gate lets it through to the statistical model, and how much detection finds. So the
corpus is built from sentence templates of ordinary wire copy (politics, economy, sport, weather,
courts, health, technology) with about 5% air/drone strike reports (varied places, aircraft, actors,
casualties) and a few percent of hard look-alikes: shelling and rocket fire, labour strikes, drone
procurement and air shows, strikers in football, and anniversaries of old bombings. Some look-alikes
pass the gate on purpose (they name drones, jets or bombing), as real copy does.

Deterministic: ``generate(n, seed)`` returns the same articles for the same arguments.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from schemas import RawArticle

#: Share of articles that report an air or drone strike.
STRIKE_SHARE = 0.05
#: Share of hard look-alikes (shelling, labour strikes, procurement, football strikers, old bombings).
LOOKALIKE_SHARE = 0.06

MONTHS = "January February March April May June July August September October November December".split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
NUMBER_WORDS = "two three four five six seven eight nine ten eleven twelve".split()

# (town, province, country, demonym of the government side)
CONFLICT_PLACES = [
    ("Idlib", "Idlib", "Syria", "Syrian"),
    ("Maarat al-Numan", "Idlib", "Syria", "Syrian"),
    ("Ariha", "Idlib", "Syria", "Syrian"),
    ("Deir ez-Zor", "Deir ez-Zor", "Syria", "Syrian"),
    ("Marib", "Marib", "Yemen", "Yemeni"),
    ("Saada", "Saada", "Yemen", "Yemeni"),
    ("Hodeidah", "Hodeidah", "Yemen", "Yemeni"),
    ("Kharkiv", "Kharkiv", "Ukraine", "Ukrainian"),
    ("Zaporizhzhia", "Zaporizhzhia", "Ukraine", "Ukrainian"),
    ("Odesa", "Odesa", "Ukraine", "Ukrainian"),
    ("Jilib", "Middle Juba", "Somalia", "Somali"),
    ("Buulo Mareer", "Lower Shabelle", "Somalia", "Somali"),
    ("El Fasher", "North Darfur", "Sudan", "Sudanese"),
    ("Nyala", "South Darfur", "Sudan", "Sudanese"),
    ("Monywa", "Sagaing", "Myanmar", "Myanmar"),
    ("Hpakant", "Kachin", "Myanmar", "Myanmar"),
    ("Gwoza", "Borno", "Nigeria", "Nigerian"),
    ("Djibo", "Soum", "Burkina Faso", "Burkinabe"),
    ("Tripoli", "Tripoli", "Libya", "Libyan"),
    ("Sirte", "Sirte", "Libya", "Libyan"),
    ("Kunduz", "Kunduz", "Afghanistan", "Afghan"),
    ("Mosul", "Nineveh", "Iraq", "Iraqi"),
    ("Sinjar", "Nineveh", "Iraq", "Iraqi"),
    ("Mekele", "Tigray", "Ethiopia", "Ethiopian"),
]
STRIKE_ACTORS = [
    ("Russian", ["Su-34 bombers", "Su-25 ground-attack jets", "Su-24 warplanes", "Russian warplanes"]),
    ("Syrian government", ["MiG-23 jets", "helicopters dropping barrel bombs", "warplanes"]),
    ("Saudi-led coalition", ["F-15 fighter jets", "coalition warplanes", "Typhoon jets"]),
    ("U.S.", ["an MQ-9 Reaper drone", "an unmanned aircraft", "F-16 fighter jets"]),
    ("Turkish", ["Bayraktar TB2 drones", "an armed drone", "F-16 jets"]),
    ("Sudanese army", ["Antonov aircraft", "army warplanes", "a drone"]),
    ("military junta", ["Yak-130 jets", "Mi-35 helicopter gunships", "junta aircraft"]),
    ("Nigerian Air Force", ["Alpha Jet aircraft", "an air force helicopter", "fighter jets"]),
    ("Ethiopian", ["a Wing Loong drone", "Ethiopian air force jets", "armed drones"]),
    ("Israeli", ["Israeli warplanes", "an Israeli drone", "F-35 jets"]),
]
TARGETS = [
    "a crowded market", "a residential building", "a school sheltering displaced families", "a fuel depot",
    "a convoy of pick-up trucks", "a wedding party", "a hospital compound", "an ammunition store",
    "a bridge on the main supply road", "a camp for displaced people", "a power station", "farmland outside the town",
    "a vehicle carrying suspected militants", "a training camp", "a mosque", "a bakery",
]
OFFICIALS = [
    "a local health official", "the provincial governor", "a spokesman for the civil defence",
    "the United Nations humanitarian office", "a monitoring group", "residents and medics",
    "the interior ministry", "a hospital director", "a spokeswoman for the regional administration",
]
NAMES = [
    "Ahmed Hassan", "Maria Kovalenko", "John Mwangi", "Fatima Abdi", "Daniel Okafor", "Sara Lindqvist",
    "Ko Min Thant", "Olena Shevchenko", "Mohammed al-Khatib", "Grace Achieng", "Peter Novak", "Ines Moreau",
    "Hamid Karimi", "Laura Bianchi", "Tomas Ruiz", "Aisha Bello", "Kenji Watanabe", "Elena Petrova",
]
CITIES = [
    ("LONDON", "Britain"), ("PARIS", "France"), ("BERLIN", "Germany"), ("WASHINGTON", "the United States"),
    ("NAIROBI", "Kenya"), ("JAKARTA", "Indonesia"), ("BRASILIA", "Brazil"), ("TOKYO", "Japan"),
    ("MADRID", "Spain"), ("OTTAWA", "Canada"), ("CANBERRA", "Australia"), ("NEW DELHI", "India"),
    ("JOHANNESBURG", "South Africa"), ("WARSAW", "Poland"), ("ROME", "Italy"), ("MEXICO CITY", "Mexico"),
]
COMPANIES = [
    "Nordwell Energy", "Castor Logistics", "Helion Motors", "Brightwater Foods", "Veridian Bank", "Atlas Telecom",
    "Orion Pharma", "Kestrel Airlines", "Summit Steel", "Lumen Retail",
]
TEAMS = [
    "Arsenal", "Napoli", "Benfica", "Ajax", "Celtic", "Porto", "Lyon", "Sevilla", "Dortmund", "Galatasaray",
]


def _date(rng: random.Random) -> tuple[str, str, str]:
    month = rng.choice(MONTHS)
    day = rng.randint(1, 28)
    return month, str(day), rng.choice(WEEKDAYS)


def _n(rng: random.Random, lo: int, hi: int) -> str:
    value = rng.randint(lo, hi)
    return NUMBER_WORDS[value - 2] if 2 <= value <= 12 and rng.random() < 0.5 else str(value)


@dataclass
class _Ctx:
    """Slots shared by all sentences of one article, so that it reads as one story."""

    rng: random.Random
    city: str
    country: str
    month: str
    day: str
    weekday: str
    name: str
    name2: str
    company: str
    team: str
    team2: str

    def fill(self, template: str, **extra: str) -> str:
        rng = self.rng
        slots = {
            "city": self.city.title(), "CITY": self.city, "country": self.country, "month": self.month, "day": self.day,
            "weekday": self.weekday, "name": self.name, "name2": self.name2, "company": self.company,
            "team": self.team, "team2": self.team2, "surname": self.name.split()[-1],
            "surname2": self.name2.split()[-1], "pct": f"{rng.randint(1, 9)}.{rng.randint(0, 9)}",
            "num": _n(rng, 2, 40), "big": f"{rng.randint(2, 950)}", "year": str(rng.randint(2015, 2025)),
            "official": rng.choice(OFFICIALS), "bn": f"{rng.randint(1, 90)}.{rng.randint(1, 9)}",
            "score": f"{rng.randint(0, 4)}-{rng.randint(0, 3)}", "temp": str(rng.randint(-12, 44)),
            "mm": str(rng.randint(20, 300)), "months": _n(rng, 2, 12), "age": str(rng.randint(19, 78)),
            **extra,
        }
        return template.format(**slots)


# ------------------------------------------------------------------------------------------ templates
POLITICS = [
    "{CITY}, {month} {day} - The governing coalition in {country} survived a confidence vote on {weekday}, "
    "with {big} lawmakers backing Prime Minister {name} after a week of tense negotiations over the budget.",
    "Opposition leader {name2} said the result showed the government had lost its moral authority and called for "
    "early elections, arguing that voters had been promised lower energy bills and had seen none.",
    "{surname} told reporters outside parliament that the coalition would press ahead with its reform of the "
    "pension system, which would raise the retirement age gradually over the next decade.",
    "The vote followed the resignation of the finance minister last month over a dispute about public spending, "
    "and analysts said the coalition's majority was now thinner than at any time since the {year} election.",
    "Polls published on {weekday} put support for the governing party at {num} percent, down from a peak two "
    "years ago, while the main opposition party has gained ground in the industrial regions.",
    "\"We will not be distracted by theatre in the chamber,\" {surname} said. \"People want jobs, safe streets "
    "and hospitals that work, and that is what this government will deliver.\"",
    "The president is expected to meet party leaders later this week to discuss the legislative agenda, "
    "including a contested bill on regional autonomy and changes to the electoral law.",
    "Several members of the junior coalition partner abstained, and one of them, {name2}, said the party would "
    "review its participation in the government at a congress in {month}.",
    "Diplomats said the crisis had also delayed a planned visit by a trade delegation, though the foreign "
    "ministry insisted that relations with neighbouring states remained excellent.",
    "Turnout at the last general election was {num} percent, the lowest on record, and both main parties have "
    "promised to make voting easier for people living abroad.",
]
ECONOMY = [
    "{CITY}, {month} {day} - Shares in {company} rose {pct} percent on {weekday} after the company reported "
    "quarterly profit above analysts' expectations and raised its forecast for the full year.",
    "The central bank of {country} left its benchmark interest rate unchanged at {pct} percent, saying inflation "
    "was easing but remained above its target, and signalled that cuts could come later in the year.",
    "Chief executive {name} told analysts on a conference call that demand had held up better than expected in "
    "Europe and Asia, while costs for raw materials and shipping had fallen since the spring.",
    "Revenue climbed to {bn} billion dollars in the three months to the end of {month}, compared with a "
    "year earlier, helped by price increases and a weaker currency.",
    "Economists polled before the data had expected growth of {pct} percent, and several said the figures "
    "suggested the economy would avoid a recession despite high borrowing costs.",
    "The company said it would cut about {big} jobs over the next {months} months as it closes two plants and "
    "moves production closer to its customers, a plan unions said they would fight.",
    "\"The consumer is more resilient than many of us thought,\" said {name2}, chief economist at a bank in "
    "{city}. \"But the labour market is cooling and that will weigh on spending into next year.\"",
    "Government bond yields edged lower after the announcement and the currency slipped against the dollar, "
    "while the main stock index closed {pct} percent higher.",
    "Exports rose for a third straight month, led by machinery and chemicals, although shipments to the "
    "largest trading partner fell as demand there weakened.",
    "The finance ministry said the budget deficit would narrow to {pct} percent of gross domestic product next "
    "year, a forecast that independent analysts described as optimistic.",
]
SPORT = [
    "{CITY}, {month} {day} - {team} came from behind to beat {team2} {score} on {weekday}, keeping alive their "
    "hopes of finishing in the top four with {num} matches left in the season.",
    "Captain {name} equalised shortly after half-time with a low shot from the edge of the area, and substitute "
    "{name2} headed the winner from a corner in the closing minutes.",
    "The visitors had taken the lead through a penalty after a foul in the box, and might have doubled it "
    "before the break had their goalkeeper not been called into action twice.",
    "\"The character of this team is incredible,\" the coach told reporters. \"We were second best for "
    "forty minutes, but we kept believing and the supporters carried us home.\"",
    "The result lifts {team} to within {num} points of fourth place, while {team2} remain in mid-table after a "
    "run of one win in their last six league matches.",
    "{surname2}, who joined on loan in January, has now scored in three successive games and is expected to be "
    "called up for the national team for next month's qualifiers.",
    "A crowd of {big} hundred watched the match in cold, wet conditions, and the pitch cut up badly in the "
    "second half, which the home manager said had suited his side.",
    "Elsewhere, the league leaders were held to a goalless draw away from home, a result that tightens the race "
    "for the title going into the final weeks of the campaign.",
    "The club said it would assess the fitness of its defender, who limped off with a hamstring injury, before "
    "the cup quarter-final on {weekday}.",
]
WEATHER = [
    "{CITY}, {month} {day} - Heavy rain caused flooding across parts of {country} on {weekday}, closing roads "
    "and railway lines and forcing the evacuation of hundreds of homes, emergency services said.",
    "The national weather service said up to {mm} millimetres of rain had fallen in 24 hours in some areas, "
    "more than the usual total for the whole month, and warned of further storms.",
    "Temperatures are forecast to reach {temp} degrees Celsius later in the week, and officials urged elderly "
    "people to stay indoors during the hottest part of the day and to drink plenty of water.",
    "Firefighters rescued {num} people from cars trapped by rising water on a motorway near {city}, and "
    "several schools were closed as a precaution.",
    "\"We have not seen water levels like this in a generation,\" said {name}, the mayor of a riverside town. "
    "\"People have lost everything, and the clean-up will take months.\"",
    "Scientists say that a warming climate is making extreme rainfall and heatwaves more frequent and more "
    "intense, straining drainage systems designed for the weather of the last century.",
    "Power was cut to about {big} thousand households at the height of the storm, and the grid operator said "
    "most supplies had been restored by the evening.",
    "Farmers' groups warned that the harvest could be delayed by several weeks, and that some crops already "
    "damaged by a dry spring might not recover.",
]
COURTS = [
    "{CITY}, {month} {day} - A court in {country} sentenced a former minister to {num} years in prison on "
    "{weekday} for taking bribes in exchange for public construction contracts.",
    "Judge {name} said the evidence showed a pattern of corruption over several years and that the defendant "
    "had shown no remorse during a trial that lasted {months} months.",
    "Lawyers for the former minister, {name2}, said they would appeal, calling the verdict politically "
    "motivated and the main prosecution witness unreliable.",
    "Prosecutors said more than {big} million dollars had passed through shell companies registered abroad "
    "before being used to buy property and luxury cars.",
    "\"This case shows that nobody is above the law,\" the chief prosecutor said on the steps of the court. "
    "\"Public money belongs to the public.\"",
    "The supreme court separately agreed to hear a challenge to a law that allows police to hold suspects "
    "without charge for up to {num} days, a measure rights groups have long criticised.",
    "Three business executives convicted in the same case received suspended sentences after agreeing to "
    "cooperate with investigators and repay part of the money.",
    "Anti-corruption campaigners welcomed the verdict but said the country still needed an independent "
    "agency with the power to investigate senior officials without political approval.",
]
HEALTH = [
    "{CITY}, {month} {day} - Health authorities in {country} reported {big} new cases of measles in the past "
    "week and urged parents to make sure their children were vaccinated.",
    "Dr {name}, who heads the infectious diseases unit at a hospital in {city}, said most of the patients were "
    "under five and had not received both doses of the vaccine.",
    "Vaccination rates fell during the pandemic and have not fully recovered, the ministry said, leaving "
    "pockets of the population vulnerable to outbreaks of diseases once under control.",
    "A new clinic opened on {weekday} to offer walk-in appointments, and mobile teams will visit schools and "
    "markets in the districts with the lowest coverage.",
    "\"Measles is one of the most contagious diseases we know,\" said {name2}, an epidemiologist. \"One case "
    "in a classroom can become {num} within a fortnight.\"",
    "The World Health Organization said cases had risen in several regions this year and called on governments "
    "to fund catch-up campaigns for children who missed routine shots.",
]
TECH = [
    "{CITY}, {month} {day} - {company} unveiled a new line of smartphones on {weekday}, betting that features "
    "built on artificial intelligence will persuade consumers to upgrade sooner.",
    "The devices will go on sale next month at prices starting around {big} dollars, and the company said "
    "orders in the first day of pre-sales had beaten last year's launch.",
    "Regulators in Europe are examining how the company uses personal data to train its software, and "
    "consumer groups have asked for clearer rules on what information leaves the phone.",
    "\"This is the biggest change to the product in a decade,\" chief executive {name} said at the launch "
    "event, which was streamed online to millions of viewers.",
    "Analysts said the new models were unlikely to reverse a slide in market share in the world's largest "
    "smartphone market, where local rivals have cut prices aggressively.",
    "The company also announced a partnership with a chipmaker to build a factory in {country}, which it said "
    "would create about {big} jobs when it opens in {year}.",
]
TOPICS: dict[str, list[str]] = {
    "politics": POLITICS, "economy": ECONOMY, "sport": SPORT, "weather": WEATHER, "courts": COURTS,
    "health": HEALTH, "tech": TECH,
}
TITLES = {
    "politics": "Government survives confidence vote in {country}",
    "economy": "{company} shares rise after profit beats forecasts",
    "sport": "{team} fight back to beat {team2}",
    "weather": "Floods close roads and rail lines across {country}",
    "courts": "Former minister jailed for {num} years for bribery",
    "health": "Measles cases rise in {country}, parents urged to vaccinate",
    "tech": "{company} bets on AI to revive smartphone sales",
}

# Conflict background shared by strike reports and conflict look-alikes (pads them to wire length).
CONFLICT_BACKGROUND = [
    "The conflict has killed tens of thousands of people and driven millions from their homes since it began, "
    "according to United Nations estimates, and aid agencies say food and medicine are running short.",
    "Peace talks mediated by regional powers stalled last month after both sides accused each other of "
    "violating a ceasefire agreed in {month}, and diplomats said no new round had been scheduled.",
    "Humanitarian groups said access to the area was difficult because of fighting on the main roads, and "
    "that hospitals were treating the wounded with dwindling supplies of fuel for their generators.",
    "\"We are exhausted,\" said {name2}, a teacher who fled the area with her children last year. \"Every week "
    "there is another funeral, and nobody tells us when this will end.\"",
    "The government says it is fighting armed groups that have seized territory and attacked civilians, while "
    "rights groups have accused all parties of failing to protect the population.",
    "The United Nations envoy called for an immediate investigation and urged all parties to respect "
    "international humanitarian law, which forbids attacks on civilians and civilian infrastructure.",
    "Prices of bread and cooking gas have tripled in the past year, residents said, and many families depend "
    "on deliveries from aid agencies that are themselves short of money.",
    "Independent verification of casualty figures is difficult because journalists have limited access to "
    "the area and telephone and internet connections are frequently cut.",
    "A spokesman for the armed group denied that its fighters had been present in the area, saying the "
    "victims were civilians, and vowed to respond.",
    "Neighbouring countries have closed their borders to most refugees, and camps near the frontier are "
    "overcrowded, with outbreaks of cholera reported in several of them.",
]


def _bare(aircraft: str, actor: str) -> str:
    """'an MQ-9 Reaper drone' -> 'MQ-9 Reaper drone'; 'Russian warplanes' after 'Russian' -> 'warplanes'."""
    out = aircraft.removeprefix("an ").removeprefix("a ")
    return out.removeprefix(actor + " ")


def _strike_article(ctx: _Ctx, rng: random.Random) -> tuple[str, list[str]]:
    town, province, country, demonym = rng.choice(CONFLICT_PLACES)
    actor, aircraft_list = rng.choice(STRIKE_ACTORS)
    aircraft = rng.choice(aircraft_list)
    target = rng.choice(TARGETS)
    killed = _n(rng, 2, 45)
    wounded = _n(rng, 2, 60)
    kind = rng.choice(["air strike", "airstrike", "drone strike", "air raid", "strike"])
    official = rng.choice(OFFICIALS)
    lede = rng.choice([
        f"{town.upper()}, {ctx.month} {ctx.day} - An {kind} by {aircraft} hit {target} in {town}, in {country}'s "
        f"{province} province, on {ctx.weekday}, killing {killed} people and wounding {wounded}, {official} said.",
        f"{town.upper()}, {ctx.month} {ctx.day} - {actor} {_bare(aircraft, actor)} struck "
        f"{target} in {town} on {ctx.weekday}, killing at least {killed} civilians, including children, "
        f"{official} said.",
        f"{town.upper()}, {ctx.month} {ctx.day} - At least {killed} people were killed when {aircraft} bombed "
        f"{target} in the town of {town} in {province} on {ctx.weekday}, {official} told reporters.",
    ]).replace("An drone", "A drone").replace("An strike", "A strike")
    blasts = rng.choice(["two", "three", "four"])
    body = [
        f"Witnesses said they heard the sound of jets circling for several minutes before {blasts} "
        f"explosions shook the area, sending plumes of black smoke over {town}.",
        f"Rescue workers pulled survivors from the rubble through the night, and {wounded} of the wounded were "
        f"taken to hospitals in {province}, some of them in critical condition, {rng.choice(OFFICIALS)} said.",
        f"The {actor} military did not immediately comment on the strike. It has previously said it targets only "
        f"military positions and weapons depots used by armed groups in {province}.",
        f"\"The aircraft came back a second time when people had gathered to help the wounded,\" said {ctx.name}, "
        f"a resident of {town}. \"We found children under the concrete.\"",
        f"A second strike hit the outskirts of a nearby village later in the day, killing a farmer and his son, "
        f"according to local officials, who said {aircraft} had been seen over the area since dawn.",
        f"The {demonym} foreign ministry condemned the attack as a war crime and said it would ask the United "
        f"Nations Security Council to hold an emergency session.",
    ]
    rng.shuffle(body)
    paras = [lede, *body[: rng.randint(3, len(body))]]
    title = f"{kind.capitalize()} kills {killed} in {country}'s {province}"
    return title, paras


def _lookalike(ctx: _Ctx, rng: random.Random) -> tuple[str, list[str]]:
    town, province, country, demonym = rng.choice(CONFLICT_PLACES)
    killed = _n(rng, 2, 30)
    kind = rng.choice(["shelling", "labour", "procurement", "football", "anniversary"])
    if kind == "shelling":
        title = f"Shelling kills {killed} in {town}"
        paras = [
            f"{town.upper()}, {ctx.month} {ctx.day} - Artillery and rocket fire hit residential districts of {town} "
            f"overnight, killing {killed} civilians and wounding several more, {rng.choice(OFFICIALS)} said on "
            f"{ctx.weekday}.",
            f"A multiple rocket launcher struck a market in the morning as traders were setting up their stalls, "
            f"and mortar rounds landed near a school in the eastern district of {town}.",
            f"\"The shells came one after another for two hours,\" said {ctx.name}, who runs a pharmacy near the "
            f"market. \"We hid in the basement until it stopped.\"",
            f"The army said its forces had returned fire at positions used by the attackers in {province}, and "
            f"that ground fighting continued along the front line south of the town.",
        ]
    elif kind == "labour":
        title = f"Workers strike over pay at {ctx.company}"
        paras = [
            f"{ctx.city}, {ctx.month} {ctx.day} - Thousands of workers at {ctx.company} walked out on {ctx.weekday} "
            f"in a 48-hour strike over pay, halting production at {_n(rng, 2, 9)} plants, union leaders said.",
            f"The union said the company's offer of a {rng.randint(2, 6)} percent rise was far below inflation, and "
            f"that further strikes would follow in {ctx.month} unless management improved it.",
            "Management said talks would resume once the strike ends and that it hoped to strike a deal before "
            "the end of the month, warning that the stoppage was costing millions of dollars a day.",
            f"\"Our members are not asking for luxuries,\" said union leader {ctx.name}. \"They are asking to be "
            f"able to pay their rent.\"",
            "Transport strikes are also planned next week, with train drivers and airport staff due to walk out.",
        ]
    elif kind == "procurement":
        title = "Air force orders more drones"
        paras = [
            f"{ctx.city}, {ctx.month} {ctx.day} - The air force of {ctx.country} has signed a contract for "
            f"{_n(rng, 6, 40)} surveillance drones and two transport aircraft, the defence ministry said on "
            f"{ctx.weekday}, adding that deliveries would begin next year.",
            "The drones will be used to monitor the coastline and forests for fires and illegal fishing, and "
            "will carry no weapons, a ministry spokesman said.",
            f"Defence minister {ctx.name} said the purchase was part of a modernisation plan approved by "
            "parliament and would be paid for over ten years.",
            "An air show at the main base this weekend will include a display by the national aerobatic team "
            "and the first public flight of the new trainer jet.",
        ]
    elif kind == "football":
        title = f"{ctx.team} striker fires them to victory"
        paras = [
            f"{ctx.city}, {ctx.month} {ctx.day} - {ctx.team}'s striker {ctx.name} struck twice in the second half "
            f"to give his side a {rng.randint(2, 4)}-1 win over {ctx.team2} on {ctx.weekday}.",
            "The forward, signed in the summer for a club record fee, has now scored in five successive matches "
            "and leads the league's scoring charts.",
            f"\"He has the instincts of a real goalscorer,\" said coach {ctx.name2}. \"When the ball falls in the "
            "box, he is already there.\"",
            f"{ctx.team2} had a goal disallowed for offside before half-time and hit the post late on.",
        ]
    else:
        title = f"{ctx.city.title()} marks anniversary of wartime bombing"
        paras = [
            f"{ctx.city}, {ctx.month} {ctx.day} - Thousands of people gathered in {ctx.city.title()} on "
            f"{ctx.weekday} to mark the anniversary of the wartime bombing that destroyed much of the old town "
            "more than eighty years ago.",
            "Survivors, now in their nineties, laid wreaths at a memorial near the rebuilt cathedral, and church "
            "bells rang at the hour the first bombs fell.",
            f"Mayor {ctx.name} said the city's history was a reminder of what war does to civilians, and that "
            "reconciliation with former enemies was the lesson of the past.",
            "Historians estimate that several thousand people died in the raids, which left tens of thousands "
            "homeless during the winter.",
        ]
    return title, paras


def _pad(ctx: _Ctx, rng: random.Random, paras: list[str], pool: Sequence[str], target_words: int) -> list[str]:
    """Add paragraphs from ``pool`` (each once, then reused) until the article reaches ``target_words``."""
    order = list(pool)
    rng.shuffle(order)
    i = 0
    words = sum(len(p.split()) for p in paras)
    while words < target_words:
        template = order[i % len(order)]
        i += 1
        # Two or three sentences a paragraph, as agency copy.
        para = ctx.fill(template)
        if rng.random() < 0.6:
            para += " " + ctx.fill(order[(i + 3) % len(order)])
            i += 1
        paras.append(para)
        words += len(para.split())
    return paras


def _article(index: int, rng: random.Random) -> tuple[RawArticle, str]:
    city, country = rng.choice(CITIES)
    month, day, weekday = _date(rng)
    name, name2 = rng.sample(NAMES, 2)
    team, team2 = rng.sample(TEAMS, 2)
    ctx = _Ctx(rng, city, country, month, day, weekday, name, name2, rng.choice(COMPANIES), team, team2)
    target_words = rng.randint(300, 800)
    roll = rng.random()
    if roll < STRIKE_SHARE:
        kind = "strike"
        title, paras = _strike_article(ctx, rng)
        pool: Sequence[str] = CONFLICT_BACKGROUND
    elif roll < STRIKE_SHARE + LOOKALIKE_SHARE:
        kind = "lookalike"
        title, paras = _lookalike(ctx, rng)
        pool = CONFLICT_BACKGROUND if "Shelling" in title else rng.choice(list(TOPICS.values()))
    else:
        kind = rng.choice(list(TOPICS))
        lede, *rest = TOPICS[kind]
        title = ctx.fill(TITLES[kind])
        paras = [ctx.fill(lede)]
        pool = rest
    paras = [ctx.fill(p) if "{" in p else p for p in paras]
    paras = _pad(ctx, rng, paras, pool, target_words)
    article = RawArticle(
        id=f"bench-{index:06d}",
        title=title,
        text="\n\n".join(paras),
        published=f"2026-{MONTHS.index(month) + 1:02d}-{int(day):02d}",
        source="bench-wire",
        url=f"https://wire.example/{index:06d}",
    )
    return article, kind


def generate_labelled(n: int, seed: int = 4) -> list[tuple[RawArticle, str]]:
    """``n`` articles with the kind each was generated as (a topic, ``strike`` or ``lookalike``)."""
    rng = random.Random(seed)
    return [_article(i, rng) for i in range(n)]


def generate(n: int, seed: int = 4) -> list[RawArticle]:
    """``n`` synthetic wire articles (deterministic for a given ``seed``)."""
    return [a for a, _ in generate_labelled(n, seed)]


def warm_up_articles(n: int, seed: int = 5) -> list[RawArticle]:
    """``n`` articles of every kind, a third of them strike reports: what a stage needs to have run every
    code path once (the detect stage loads the geography tables on its first strike report)."""
    labelled = generate_labelled(max(n, 1) * 20, seed)
    strikes = [a for a, kind in labelled if kind == "strike"][: max(1, n // 3)]
    others = [a for a, kind in labelled if kind != "strike"][: max(0, n - len(strikes))]
    return [*strikes, *others]


def describe(
    articles: Sequence[RawArticle], gate_fn: Callable[[str, str | None], bool] | None = None
) -> dict[str, float]:
    """Corpus figures for the report: size, words per article, and the share the gate passes."""
    words = sorted(len(a.text.split()) for a in articles)
    out: dict[str, float] = {
        "articles": len(articles),
        "words_mean": round(sum(words) / max(1, len(words)), 1),
        "words_min": words[0] if words else 0,
        "words_max": words[-1] if words else 0,
        "paragraphs_mean": round(sum(a.text.count("\n\n") + 1 for a in articles) / max(1, len(articles)), 1),
    }
    if gate_fn is not None:
        out["gate_pass_share"] = round(sum(gate_fn(a.text, a.title) for a in articles) / max(1, len(articles)), 4)
    return out
