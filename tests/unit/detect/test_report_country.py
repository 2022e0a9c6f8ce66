"""Which country an event is in (``streams.detect.report``): its own places, the country its sentence puts it in,
a roundup's section, or the article's, on articles tagged by the rule components on ``spacy.blank``."""

from __future__ import annotations

from spacy.language import Language

from schemas import CleanArticle, EntityArticle
from streams.detect import detect
from streams.nlp import doc_entities, sentence_spans
from tests.unit.detect.conftest import MakeView, run


def test_an_event_naming_only_an_unknown_village_takes_the_articles_country(nlp: Language) -> None:
    text = (
        "An air strike hit a house in the village of Kfar Zibdeen on Monday, killing three people, "
        "Lebanon's health ministry said. Another strike hit the Lebanese town of Nabatieh."
    )
    r = run(nlp, text, force=True)
    assert r.is_strike
    assert {e.country for e in r.events} == {"LB"}


def test_the_country_a_strike_sentence_puts_it_in_beats_the_articles_mentions(nlp: Language) -> None:
    """"in the area of Jebchit in southern Lebanon": Lebanon, though the statement names Israel twice more."""
    r = run(nlp, "IDF spokesperson: Earlier today, IAF fighter jets struck a weapons storage facility in the area of "
            "Jebchit in southern Lebanon. The facility was used to advance attacks against Israeli civilians, in "
            "violation of the understandings between Israel and Lebanon. The IDF will continue to act to remove any "
            "threat to the State of Israel.", force=True)
    assert [e.country for e in r.events] == ["LB"]
    # the seat of whoever speaks is no location: "officials in Israel said"
    r = run(nlp, "An Israeli drone struck a motorbike in the village of Kfar Zibdeen in southern Lebanon on Monday, "
            "killing one, officials in Israel said.", force=True)
    assert [e.country for e in r.events] == ["LB"]


def test_an_attackers_demonym_is_not_the_struck_country(nlp: Language) -> None:
    r = run(nlp, "An Israeli drone struck a motorbike in the village of Kfar Zibdeen on Monday, killing one.",
            force=True)
    assert r.is_strike
    assert [e.country for e in r.events] == [None]


def test_a_roundups_country_sections_give_their_events_country(nlp: Language, make_view: MakeView) -> None:
    text = (
        "Air strikes in Niger and Nigeria this week again raised questions about civilian harm.\n\n"
        "NIGER: Residents say 23 civilians were killed when a military drone hit a livestock market near "
        "Tagazar on Sunday.\n\n"
        "NIGERIA: A monitoring group says at least 25 fishermen were killed in Tuesday's air force raid on "
        "islands of the lake.\n\n"
        "BURKINA FASO: The junta said troops had repelled an attack on an army post; no figures were given."
    )
    rep = run(nlp, text, force=True)
    assert [(e.country, e.killed_min) for e in rep.events] == [("NE", 23), ("NG", 25)]
    # one label is no roundup: the article's own country stays
    from streams.detect.report import section_countries

    single = "Syria:\nWarplanes struck a market in Idlib, killing 12 people."
    assert section_countries(make_view(single)) == []


def test_a_violation_of_a_countrys_sovereignty_names_the_struck_country(nlp: Language) -> None:
    """Translated state media name the struck country only as the sovereignty violated."""
    text = (
        "Two soldiers were killed in an Israeli aggression that targeted a military site in the Jebleh countryside "
        "late on Monday. Israeli warplanes fired several missiles. The ministry condemned the attack as a "
        "flagrant violation of Syrian sovereignty."
    )
    r = run(nlp, text, force=True)
    assert {e.country for e in r.events} == {"SY"}


def test_a_country_inside_a_partys_name_is_not_the_struck_country(nlp: Language) -> None:
    text = ("Drones struck the camp of the Kurdistan Democratic Party of Iran at Degala hill on Thursday, "
            "killing one guard, the party said.")
    doc = nlp(text)
    party = text.index("Kurdistan Democratic")
    doc.ents = [doc.char_span(party, text.index(" at Degala"), label="ORG")]
    article = CleanArticle(id="test-1", text=text, published="2024-05-06")
    ea = EntityArticle(article=article, gate_passed=True, entities=doc_entities(doc), sentences=sentence_spans(doc))
    # not Iran: the party's name says nothing (and the hill is in no table)
    assert [e.country for e in detect([ea])[0].events] == [None]
    # the same when the recogniser tags only "the Kurdistan Democratic Party" and leaves "of Iran" outside
    doc.ents = [doc.char_span(text.index("the Kurdistan"), text.index(" of Iran"), label="ORG")]
    ea = EntityArticle(article=article, gate_passed=True, entities=doc_entities(doc), sentences=sentence_spans(doc))
    assert [e.country for e in detect([ea])[0].events] == [None]
