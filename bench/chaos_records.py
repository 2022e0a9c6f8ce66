"""The chaos run's records: synthetic wire copy (strike and non-strike articles, re-publications) and poison.

Why a module of its own: the records are a seeded, pure function of the run's arguments, used by the chaos run
(``bench.chaos``) and by the reliability tests (``wire_article``), and readable without the run's Kafka and
process machinery.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

import orjson

POISON_KINDS = (
    "undecodable_bytes",
    "invalid_json",
    "wrong_schema",
    "empty_text",
    "too_large",
    "binary_content",
    "unsupported_language",
)

# ------------------------------------------------------------------------------------- synthetic wire copy

_FIRST = "Amina Carlos Dmitri Elena Farid Grace Hassan Ingrid Jonas Keiko Luis Maria Nadia Omar Priya Rafael".split()
_LAST = "Okafor Mendes Ivanov Rossi Haddad Lindqvist Tanaka Garcia Novak Chen Mensah Kowalski Duarte Ahmed".split()
_CITIES = "Lisbon Nairobi Ottawa Jakarta Lima Oslo Accra Hanoi Quito Tbilisi Dakar Manila Porto Tallinn".split()
_ORGS = ["the central bank", "the finance ministry", "the city council", "the health ministry", "parliament",
         "the national statistics office", "the transport authority", "the supreme court", "the electoral commission",
         "the teachers' union", "the chamber of commerce", "the port authority"]
_TOPICS = ["the budget", "a new rail line", "fuel prices", "the hospital reform", "school funding", "a water project",
           "the pension plan", "a tax on imports", "the harvest", "a housing programme", "broadband coverage"]
_SPORT = ["the league final", "a cup tie", "the marathon", "a qualifying match", "the rowing regatta", "the derby"]
_WEATHER = ["heavy rain", "a heatwave", "strong winds", "an early frost", "coastal flooding", "a dust storm"]

_PARAGRAPHS = [
    "{org} said on {day} that it would review {topic} after {n} months of consultations, a spokesperson told "
    "reporters in {city}.",
    "\"We have listened to the concerns of residents and businesses,\" said {person}, who has led the talks since "
    "{year}. \"The proposal is not final, but it is a step in the right direction.\"",
    "Analysts at a {city} research group estimated the cost at {n}.{m} billion, and said the plan would take at "
    "least {k} years to complete if it was approved by {org}.",
    "Opposition members criticised the timing of the announcement, saying {topic} had been delayed for years and "
    "that {n} per cent of voters wanted a decision before the end of the year.",
    "In {city}, {weather} disrupted traffic on {day}, and the weather service said the conditions would last until "
    "the weekend. Officials urged drivers to avoid the coastal road.",
    "{person} scored twice as the home side won {sport} {k}-{m} in front of {n},{m}00 supporters, extending an "
    "unbeaten run that began in {year}.",
    "The index closed {m}.{k} per cent higher on {day}, led by shares of energy and telecoms companies, while the "
    "currency held steady against the dollar in {city} trading.",
    "Police in {city} said {k} people had been detained after a protest over {topic}. The demonstration was largely "
    "peaceful, according to a statement from {org}.",
    "The report, published by {org}, found that {n} per cent of households had cut spending on food and energy, "
    "the highest share since records began in {year}.",
    "{person}, a farmer near {city}, said the season had been difficult. \"We planted late because of {weather}, "
    "and now the prices are lower than last year,\" he said.",
]

# (town, province name as the text gives it) pairs the gazetteer knows; aircraft designations it knows.
_STRIKE_PLACES = [("Idlib", "Idlib province"), ("Ariha", "Idlib province"), ("Marib", "Marib governorate"),
                  ("Saada", "Saada governorate"), ("Kharkiv", "Kharkiv region"), ("Mosul", "Nineveh province"),
                  ("Deir ez-Zor", "Deir ez-Zor province"), ("Kunduz", "Kunduz province")]
_STRIKE_ACTORS = [("Russian", "Su-34"), ("Russian", "Su-25"), ("Syrian", "MiG-23"), ("Saudi-led coalition", "F-15"),
                  ("U.S.", "MQ-9 Reaper"), ("Iraqi", "F-16"), ("Turkish", "Bayraktar TB2")]
_STRIKE_LEDES = [
    "{actor} {aircraft} warplanes struck {town} in {province} on {day}, killing {k} civilians, a monitoring group "
    "and local officials said.",
    "An air strike by {actor} {aircraft} jets hit a market in {town}, {province}, on {day}, killing at least {k} "
    "people and wounding {n} others, rescue workers said.",
    "A drone strike carried out by a {actor} {aircraft} killed {k} fighters near {town} in {province} on {day}, "
    "according to a statement from the local authorities.",
]


@dataclass
class Record:
    """One message of the run: what is published and what must come out of it."""

    key: bytes
    value: bytes
    kind: str  # "article" or a poison reason
    article_id: str | None = None
    group: str | None = None  # the id of the first article with this text (re-publications share it)


def _fill(template: str, rng: random.Random) -> str:
    return template.format(
        org=rng.choice(_ORGS), day=rng.choice("Monday Tuesday Wednesday Thursday Friday".split()),
        topic=rng.choice(_TOPICS), n=rng.randint(3, 95), m=rng.randint(1, 9), k=rng.randint(2, 9),
        city=rng.choice(_CITIES), person=f"{rng.choice(_FIRST)} {rng.choice(_LAST)}", year=rng.randint(1995, 2024),
        weather=rng.choice(_WEATHER), sport=rng.choice(_SPORT),
    )


def wire_article(i: int, rng: random.Random, *, strike: bool) -> dict[str, Any]:
    """A synthetic agency story of 4-10 paragraphs (about 1.5-4 KB); a strike report when ``strike``."""
    paras = [_fill(rng.choice(_PARAGRAPHS), rng) for _ in range(rng.randint(4, 10))]
    title = f"{rng.choice(_CITIES)}: {rng.choice(_TOPICS)} under review"
    if strike:
        actor, aircraft = rng.choice(_STRIKE_ACTORS)
        town, province = rng.choice(_STRIKE_PLACES)
        lede = rng.choice(_STRIKE_LEDES).format(actor=actor, aircraft=aircraft, town=town, province=province,
                                                day=rng.choice("Monday Tuesday Wednesday".split()),
                                                k=rng.randint(2, 40), n=rng.randint(2, 60))
        paras.insert(0, lede)
        title = f"Air strike kills civilians in {town}"
    # A dateline and a serial make every text unique, as real copy is.
    paras[0] = f"{rng.choice(_CITIES).upper()}, {rng.randint(1, 28)} May (Chaos Wire {i:06d}) - {paras[0]}"
    return {"id": f"chaos-{i:06d}", "title": title, "text": "\n\n".join(paras), "source": "Chaos Wire",
            "published": f"2026-05-{rng.randint(1, 28):02d}", "language": "en"}


def poison(kind: str, i: int, rng: random.Random, *, max_text_bytes: int) -> bytes:
    """One poison message of ``kind`` (a clean-stage dead-letter reason)."""
    pid = f"poison-{kind}-{i:06d}"
    if kind == "undecodable_bytes":
        return b'{"id": "' + pid.encode() + b'", "text": "caf\xe9 \xff\xfe\xfd not utf-8"}'
    if kind == "invalid_json":
        return rng.choice([b'{"id": "%s", "text": "unterminated' % pid.encode(), b"<html>not json</html>",
                           b'{"id": "%s", text: no quotes}' % pid.encode()])
    if kind == "wrong_schema":
        return rng.choice([orjson.dumps({"id": pid, "title": "no text field"}), orjson.dumps([pid, "a list"]),
                           orjson.dumps({"id": pid, "text": 12345})])
    if kind == "empty_text":
        return orjson.dumps({"id": pid, "text": rng.choice(["", "   \n\t ", "<p></p><div> </div>", "&nbsp;"])})
    if kind == "too_large":
        body = ("Officials said the talks on the budget would resume next week. " * (max_text_bytes // 60 + 200))
        return orjson.dumps({"id": pid, "text": body})
    if kind == "binary_content":
        blob = bytes(rng.randrange(256) for _ in range(3000)).decode("latin-1")
        return orjson.dumps({"id": pid, "text": "\x89PNG\r\n\x1a\n\x00\x00" + blob})
    if kind == "unsupported_language":
        return rng.choice([
            orjson.dumps({"id": pid, "text": "Правительство заявило в понедельник, что бюджет будет пересмотрен "
                                              "после консультаций с регионами и профсоюзами. " * 3}),
            orjson.dumps({"id": pid, "language": "fr", "text": "Le gouvernement a annoncé lundi que le budget "
                                                                "serait révisé après des consultations. " * 3}),
        ])
    raise ValueError(kind)


def build_records(n: int, *, poison_rate: float, strike_rate: float, repeat_rate: float, seed: int,
                  max_text_bytes: int) -> list[Record]:
    """``n`` messages in publication order: articles, poison, and re-publications of earlier articles."""
    rng = random.Random(seed)
    n_poison = round(n * poison_rate)
    n_repeat = round(n * repeat_rate)
    n_articles = n - n_poison - n_repeat
    records: list[Record] = []
    for i in range(n_articles):
        art = wire_article(i, rng, strike=rng.random() < strike_rate)
        records.append(Record(art["id"].encode(), orjson.dumps(art), "article", art["id"], art["id"]))
    originals = list(records)
    # Re-publications: half with the same id (a feed re-sending), half with a new id (another feed's copy).
    for j in range(n_repeat):
        orig = rng.choice(originals)
        art = orjson.loads(orig.value)
        if j % 2:
            art["id"] = f"{orig.article_id}-copy{j}"
            art["source"] = "Second Wire"
        records.insert(rng.randrange(len(records) + 1),
                       Record(art["id"].encode(), orjson.dumps(art), "article", art["id"], orig.group))
    for j in range(n_poison):
        kind = POISON_KINDS[j % len(POISON_KINDS)]
        key = f"poison-{kind}-{j:06d}".encode()
        value = poison(kind, j, rng, max_text_bytes=max_text_bytes)
        records.insert(rng.randrange(len(records) + 1), Record(key, value, kind))
    # Repeats must come after their original to be repeats, not originals.
    seen: set[str] = set()
    ordered: list[Record] = []
    late: list[Record] = []
    for rec in records:
        if rec.kind == "article" and rec.group != rec.article_id and rec.group not in seen:
            late.append(rec)
            continue
        if rec.kind == "article" and rec.group is not None and rec.group == rec.article_id:
            seen.add(rec.group)
        ordered.append(rec)
    return ordered + late
