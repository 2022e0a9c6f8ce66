"""Grouping strike sentences into events (``streams.detect.grouping.group_events``)."""

from __future__ import annotations

from streams.detect.event_places import header_date
from streams.detect.grouping import Event, group_events
from streams.detect.sentences import classify
from tests.unit.detect.conftest import MakeView


def events_of(make_view: MakeView, text: str, **kwargs: str) -> list[Event]:
    view = make_view(text, **kwargs)
    return group_events(view, classify(view))


def test_continuation_sentences_join_their_strike(make_view: MakeView) -> None:
    (event,) = events_of(make_view, "Russian jets struck Idlib on Monday. Five civilians were killed.")
    assert event.sentences == [0, 1] and event.current and event.provinces == {"SY-ID": "SY"}
    assert [c.count_min for c, _, _ in event.claims] == [5] and event.actor == "Russian Federation"


def test_other_places_and_separate_strikes_are_new_events(make_view: MakeView) -> None:
    events = events_of(
        make_view,
        "Jets struck Idlib on Monday, killing five. In a separate strike, drones hit Aleppo, killing two.",
    )
    assert [set(e.provinces) for e in events] == [{"SY-ID"}, {"SY-HL"}]


def test_other_days_are_new_events(make_view: MakeView) -> None:
    events = events_of(make_view, "On Monday jets struck Idlib, killing five. On Wednesday jets struck Idlib again.")
    assert [e.days for e in events] == [{"monday"}, {"wednesday"}]


def test_launch_lede_joins_the_mission_account(make_view: MakeView) -> None:
    events = events_of(
        make_view,
        "Russian bombers took off from the Engels air base on Sunday and struck targets in Ukraine, the ministry "
        "said.\n\nThe ministry said Tu-95MS bombers fired cruise missiles at energy facilities in the Lviv region.",
    )
    (event,) = events
    assert list(event.bases) == ["Engels-2"] and set(event.provinces) == {"UA-46"} and event.sentences == [0, 1]


def test_shelling_is_no_event(make_view: MakeView) -> None:
    assert events_of(make_view, "Artillery shelled Aleppo on Monday, killing two.") == []


def test_roundup_items_with_their_own_tolls_and_towns_are_separate_strikes(make_view: MakeView) -> None:
    events = events_of(
        make_view,
        "A Russian drone attack on an apartment building in Kharkiv killed four people, the governor said. "
        "A Russian guided bomb killed two people in the town of Zolochiv, the governor said.",
        published="2026-01-07",
    )
    assert [sorted(e.places) for e in events] == [[], ["Zolochiv"]]


def test_a_headline_over_its_lede_is_one_strike(make_view: MakeView) -> None:
    (event,) = events_of(
        make_view,
        "Airstrikes kill dozens of bandits in Niger State\n\nThe air force said airstrikes by its Alpha Jet "
        "aircraft had killed dozens of bandits in forest enclaves near Kagara.",
    )
    assert len(event.sentences) == 2


def test_morning_and_afternoon_strikes_are_separate(make_view: MakeView) -> None:
    events = events_of(
        make_view,
        "In the morning, a drone strike on a car in Marjayoun killed one man. "
        "In the afternoon, warplanes struck a house in Nabatieh, killing two people.",
    )
    assert [e.dayparts for e in events] == [{"morning"}, {"afternoon"}]


def test_a_local_speaker_gives_the_province_when_no_target_place_does(make_view: MakeView) -> None:
    (event,) = events_of(
        make_view,
        "A drone dropped explosives on a queue of residents at the aid point, killing two, the Kherson regional "
        "military administration said.",
    )
    assert event.provinces == {"UA-65": "UA"}


def test_a_recalled_strike_elsewhere_is_not_part_of_a_strike_placed_by_its_speaker(make_view: MakeView) -> None:
    events = events_of(
        make_view,
        "A Russian drone dropped an explosive on an aid point, killing two, the Kherson regional military "
        "administration said. On Monday, a drone hit a minibus in Kyiv's Holosiivskyi district.",
    )
    assert len(events) == 2 and events[0].provinces == {"UA-65": "UA"}


def test_another_count_of_victims_is_no_other_strike(make_view: MakeView) -> None:
    (event,) = events_of(
        make_view, "A drone strike on a market in El Obeid killed seven people. Another 23 people were wounded."
    )
    assert [c.count_min for c, _, _ in event.claims] == [7, 23]


def test_a_write_ups_location_line_places_a_strike_named_by_an_unknown_village(make_view: MakeView) -> None:
    (event,) = events_of(
        make_view,
        "Flash report\nLocation: Kyaukhtu village, Gangaw township, Magway region\n"
        "Two jets of the Myanmar Air Force dropped four bombs on Kyaukhtu on Thursday, killing nine.",
    )
    assert event.provinces == {"MM-03": "MM"}


def test_a_foreign_namesake_town_is_dropped_when_the_article_names_another_country(make_view: MakeView) -> None:
    (event,) = events_of(
        make_view,
        "Place: near Solenzo, Burkina Faso\nA drone of the Burkinabe army fired on the weekly market at Kira on "
        "Monday, killing 28 civilians.",
    )
    assert "UG-C" not in event.provinces


def test_a_background_strike_sentence_never_joins_the_news_event_before_it(make_view: MakeView) -> None:
    events = events_of(
        make_view,
        "A drone strike on the weekly market in Kidal on Saturday killed 12 civilians. "
        "Rights groups have documented dozens of civilian deaths in drone strikes in the Gao and Timbuktu regions.",
    )
    assert [e.current for e in events] == [True, False]
    assert set(events[0].provinces) == {"ML-8"}


def test_the_citys_district_namesake_keeps_its_strike_in_the_city(make_view: MakeView) -> None:
    events = events_of(
        make_view,
        "A Russian drone attack on Kharkiv killed three people early on Wednesday, the mayor said. "
        "Shahed drones hit a nine-storey building in the city's Kyivskyi district and set several floors on fire.",
    )
    assert len(events) == 1 and "UA-63" in events[0].provinces


def test_a_local_dateline_places_a_strike_that_names_no_province(make_view: MakeView) -> None:
    text = "SHARANA, Paktika - Air strikes hit two houses in a remote village on Tuesday, killing nine people."
    assert [e.provinces for e in events_of(make_view, text)] == [{"AF-PKA": "AF"}]
    bureau = "NAIROBI - Air strikes hit two houses in a remote village on Tuesday, killing nine people."
    assert [e.provinces for e in events_of(make_view, bureau)] == [{}]


def test_a_river_named_like_a_city_is_no_place(make_view: MakeView) -> None:
    text = "KISMAYO - A drone strike killed six farmers resting beside a canal on the Juba river on Saturday."
    assert [set(e.provinces) for e in events_of(make_view, text)] == [{"SO-JH"}]


def test_a_roundup_items_heading_places_and_dates_the_strike_under_it(make_view: MakeView) -> None:
    text = (
        "This monthly update lists incidents in which air strikes harmed civilians.\n\n"
        "NIGERIA - 6 August, Bubuce, Augie LGA, Kebbi State. Air Force jets struck a village compound. "
        "At least 13 civilians were killed.\n\n"
        "MALI - 19 August, a well east of Aguelhok, Kidal region. A drone struck herders at a well. "
        "Nine civilians were killed."
    )
    found = events_of(make_view, text, published="2026-08-31")
    assert [set(e.provinces) for e in found] == [{"NG-KE"}, {"ML-8"}]


def test_a_write_ups_title_line_places_its_strike(make_view: MakeView) -> None:
    text = (
        "Civilian Protection Observatory - Kantchari (Tapoa province, Est region), 14 March 2026\n\n"
        "In the early afternoon, a drone fired two munitions into the livestock market, killing 28 people."
    )
    assert [set(e.provinces) for e in events_of(make_view, text, published="2026-03-20")] == [{"BF-08"}]


def test_a_location_label_after_a_sentence_on_the_same_line_places_the_strike(make_view: MakeView) -> None:
    """The cleaner joins a paragraph's lines: "Date ... time. Location: ..." is one line."""
    (event,) = events_of(
        make_view,
        "Date of incident: 24 July 2026, approximately 10:00 local time. Location: main market, Kabkabiya town, "
        "North Darfur.\n\nSummary: An explosive munition delivered by an uncrewed aerial vehicle struck the "
        "market, killing 18 civilians.",
        published="2026-07-25",
    )
    assert event.provinces == {"SD-DN": "SD"}


def test_a_write_ups_date_line_gives_the_strike_its_date(make_view: MakeView) -> None:
    view = make_view(
        "Date of incident: 24 July 2026, approximately 10:00 local time. Location: Kabkabiya.", published="2026-07-25"
    )
    assert header_date(view) == "2026-07-24"
    assert header_date(make_view("A drone struck Kabkabiya, killing 18 civilians.")) is None


def test_a_piped_title_line_ending_in_a_full_stop_places_the_strike(make_view: MakeView) -> None:
    (event,) = events_of(
        make_view,
        "SDH-0329 | North Kordofan | Shaikan locality, outskirts of El Obeid | 28 March 2026.\n\n"
        "What happened: Three explosive drones struck shelters at the site, killing 12 people.",
        published="2026-03-29",
    )
    assert event.provinces == {"SD-KN": "SD"}


def test_where_the_wounded_were_treated_stands_in_only_for_want_of_a_place(make_view: MakeView) -> None:
    (event,) = events_of(
        make_view,
        "A US airstrike hit farmers near Jilib on Monday, killing three. A fourth man was wounded and taken to "
        "Kismayo for treatment.",
    )
    assert event.provinces == {"SO-JD": "SO"}
    (event,) = events_of(
        make_view,
        "A drone attack on an army base killed two soldiers on Monday. Five wounded were evacuated to a medical "
        "centre in Cucuta.",
    )
    assert event.provinces == {"CO-NSA": "CO"}


def test_a_district_shared_by_several_cities_yields_to_the_articles_province(make_view: MakeView) -> None:
    events = events_of(
        make_view,
        "A Russian drone attack on an aid point in Kherson killed two people, the Kherson regional military "
        "administration said on Tuesday.\n\nOn Monday, a drone hit a minibus in the Dniprovskyi district, killing "
        "one.",
        published="2026-08-04",
    )
    assert all("UA-30" not in e.provinces for e in events)


def test_a_strike_that_goes_on_from_the_sentence_before_takes_its_place(make_view: MakeView) -> None:
    text = ("Earlier today, IDF troops operating in northern Gaza identified a terrorist cell in the area of "
            "Jabaliya.\n\nShortly after the identification, an IAF aircraft struck and eliminated three of the "
            "terrorists.")
    view = make_view(text)
    (event,) = group_events(view, classify(view))
    assert set(event.provinces) == {"PS-NGZ"} and event.sentences == [0, 1]
    # without the back-reference the sentence before is no part of the strike (the province then comes only from
    # the article's sole place, event_places.sole_place_fallback, with no sentence of its own)
    view = make_view(text.replace("Shortly after the identification, an", "An"))
    (event,) = group_events(view, classify(view))
    assert event.sentences == [1] and set(event.provinces) == {"PS-NGZ"}
    view = make_view(text.replace("Shortly after the identification, an", "An").replace("Jabaliya", "Khan Younis"))
    (event,) = group_events(view, classify(view))
    assert event.sentences == [1] and event.provinces == {}  # northern Gaza and Khan Younis: two places, no guess


def test_a_write_ups_casualty_section_counts_the_incidents_dead_after_a_recalled_strike(make_view: MakeView) -> None:
    from streams.detect.kinds import SentenceInfo, SentenceKind

    text = ("What happened: Three explosive drones struck shelters at the site in El Obeid shortly after evening "
            "prayers. Witnesses attributed the attack to the RSF, which have repeatedly launched drones at El Obeid. "
            "Casualties: The Sudan Civilian Harm Network assesses that between 10 and 14 people were killed. The "
            "Sudan Doctors Network reported 12 dead.")
    view = make_view(text, published="2026-03-30")
    infos = classify(view)
    infos[0] = SentenceInfo(kind=SentenceKind.STRIKE, current=True, strength=0.7, triggers=infos[0].triggers)
    infos[1] = SentenceInfo(kind=SentenceKind.STRIKE, current=False, strength=0.7, triggers=infos[1].triggers)
    events = group_events(view, infos)
    news = [e for e in events if e.current]
    assert len(news) == 1 and sorted(c.count_min for c, _, _ in news[0].claims) == [10, 12]


def test_a_figure_a_few_quoted_sentences_after_its_strike_is_still_its_own(make_view: MakeView) -> None:
    text = ("Nigerian Air Force jets bombed an island on Lake Chad on Tuesday, killing 11 fishermen, traders said. "
            '"They were not terrorists. They were our members. We have the list," the chairman said. '
            "An official of the local government said between nine and 12 people were killed. "
            "Fishing resumed on Thursday. "
            "The Pakistani military said two soldiers were killed in Khyber Pakhtunkhwa.")
    view = make_view(text, published="2026-09-27")
    (event,) = [e for e in group_events(view, classify(view)) if e.current]
    # a figure from another province is another event's
    assert sorted(c.count_min for c, _, _ in event.claims) == [9, 11]


def test_a_place_field_after_an_entry_number_on_a_joined_line_places_the_strike(make_view: MakeView) -> None:
    """Cleaned write-ups lose their line breaks: "entry LCR-0411 Place: ... Date and time: ..." is one line."""
    (event,) = events_of(
        make_view,
        "CIVILIAN RECORD - entry LCR-2022-0411 Place: western outskirts of Kobani, Aleppo governorate Date and time: "
        "22 November 2022, around 18:00\n\nAccount: The SDF said the car was hit by a Turkish Bayraktar TB2 drone, "
        "killing both men inside.",
        published="2022-11-23",
    )
    assert event.provinces == {"SY-HL": "SY"}


def test_a_where_and_when_field_places_the_strike(make_view: MakeView) -> None:
    (event,) = events_of(
        make_view,
        "Incident note SCW-0141\n\n1. Where and when: a water point about 6 km north of Anefis, Kidal region, Mali; "
        "8 October 2023.\n\n2. What local sources say: herders said a drone struck two pickup trucks at the well, "
        "killing eight civilians.",
        published="2023-10-09",
    )
    assert event.provinces == {"ML-8": "ML"}


def test_a_place_field_keeps_the_country_it_names(make_view: MakeView) -> None:
    (event,) = events_of(
        make_view,
        "Place: Kira market, near Solenzo, Banwa province, Boucle du Mouhoun region, Burkina Faso\n\n"
        "A drone of the army fired on the weekly market at midday, killing 28 civilians.",
    )
    assert event.provinces == {"BF-01": "BF"}


def test_the_datelines_filing_date_is_not_the_day_of_the_strike(make_view: MakeView) -> None:
    (event,) = events_of(
        make_view,
        "YANGON, July 23 (Atlas Newswire) - A military air strike on a market in Kyauk Taw township in Rakhine "
        "state killed 14 people, a spokesman for the Arakan Army said. A rescue group said it had recovered 16 "
        "bodies from the market after Wednesday's strike by two jets.",
    )
    assert [c.count_min for c, _, _ in event.claims] == [14, 16]
    assert "23-jul" not in event.days


def test_one_town_spelled_two_ways_is_one_strike(make_view: MakeView) -> None:
    (event,) = events_of(
        make_view,
        "Military aircraft bombed a settlement near Dan Sadau in Zamfara State on Tuesday, killing nine villagers. "
        "The air force said its jets struck terrorists at a location near Dansadau on Tuesday, killing 20.",
    )
    assert set(event.provinces) == {"NG-ZA"}


def test_a_dateline_abroad_places_no_strike(make_view: MakeView) -> None:
    (event,) = events_of(
        make_view,
        "ABIDJAN, Oct 16 (Continental Dispatch) - Burkina Faso's army said on Friday that a drone strike on a "
        "village market had killed dozens of terrorists.",
    )
    assert event.current and event.provinces == {}


def test_a_turn_to_something_else_lends_the_strike_no_figures(make_view: MakeView) -> None:
    (event,) = events_of(
        make_view,
        "A government aircraft bombed the town of Ayod in Jonglei State on Monday, killing nine people. "
        "Meanwhile, in Upper Nile State, youths attacked a barge on the Nile near Tonga, killing two crew members.",
    )
    assert set(event.provinces) == {"SS-JG"}
    assert [c.count_min for c, _, _ in event.claims] == [9]
