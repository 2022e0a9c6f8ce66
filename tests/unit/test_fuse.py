"""Incident fusion on hand-built reports: matching, apart-keeping, bridging, toll history, bounded state."""

from __future__ import annotations

from schemas import ArticleReport, Evidence, Place, Province, StrikeEvent
from schemas.incidents import ClaimHistory, ClaimPoint, Incident
from streams.fuse import FuseConfig, Fuser, claimant_key, fuse_reports
from streams.fuse_match import dayparts, town_key
from tests.unit.fuse_events import make_event as _event

KHARKIV_1 = _event(
    "a1", "A Russian drone attack on a nine-storey apartment building in Kharkiv killed three people before dawn.",
    published="2026-01-07T03:05:00Z", source="Wire A", provinces=("UA-63",), killed=((3, "Kharkiv's mayor"),),
    event_date="2026-01-07", targets=("apartment building",),
)
KHARKIV_2 = _event(
    "a2", "Russian drones slammed into an apartment building in Kharkiv before dawn, killing four.",
    published="2026-01-07T08:40:00Z", source="Wire B", provinces=("UA-63",), killed=((4, "the regional governor"),),
    event_date="2026-01-07", targets=("apartment building",),
)
ZOLOCHIV = _event(
    "a3", "A guided bomb hit the centre of Zolochiv at around 13:10 on Wednesday, killing two.",
    published="2026-01-07T12:25:00Z", source="Local C", provinces=("UA-63",), places=(("Zolochiv", "UA-63"),),
    killed=((2, "the regional governor"),), event_date="2026-01-07", targets=("the town centre",),
)
KHARKIV_3 = _event(
    "a4", "The toll from the Russian drone strike on the Kharkiv apartment building rose to five, the regional"
    " governor said.",
    published="2026-01-08T10:15:00Z", source="Wire D", provinces=("UA-63",), killed=((5, "regional governor"),),
    event_date="2026-01-07", targets=("apartment building",),
)


def test_reports_of_one_strike_fuse_and_the_toll_keeps_each_claimants_latest_figure() -> None:
    fuser = Fuser()
    ids = [fuser.add(e).incident_id for e in (KHARKIV_1, KHARKIV_2, KHARKIV_3)]
    assert len(set(ids)) == 1
    inc = fuser.open[ids[0]]
    assert inc.articles == ["a1", "a2", "a4"]
    assert inc.independent_sources == 3
    assert (inc.killed_min, inc.killed_max) == (3, 5)
    governor = next(h for h in inc.claims if h.claimant == "governor")
    assert [p.figure for p in governor.history] == [4, 5]
    assert inc.confidence > KHARKIV_1.confidence
    assert inc.event_date == "2026-01-07"


def test_two_strikes_in_one_province_on_one_day_stay_apart() -> None:
    fuser = Fuser()
    first = fuser.add(KHARKIV_1).incident_id
    second = fuser.add(ZOLOCHIV).incident_id
    assert first != second
    assert fuser.add(KHARKIV_2).incident_id == first


def test_same_town_on_consecutive_days_stays_apart() -> None:
    day1 = _event("b1", "Russian drones hit the port of Odesa overnight, killing two workers.",
                  published="2026-01-20T05:20:00Z", source="W", provinces=("UA-51",), event_date="2026-01-20")
    day2 = _event("b2", "A Russian drone hit an apartment block in Odesa overnight, killing one.",
                  published="2026-01-21T07:30:00Z", source="W", provinces=("UA-51",), event_date="2026-01-21")
    fuser = Fuser()
    assert fuser.add(day1).incident_id != fuser.add(day2).incident_id


def test_out_of_order_follow_up_still_joins() -> None:
    fuser = Fuser()
    late_first = fuser.add(KHARKIV_3).incident_id
    assert fuser.add(KHARKIV_1).incident_id == late_first
    inc = fuser.open[late_first]
    assert (inc.killed_min, inc.killed_max) == (3, 5)
    assert inc.first_seen == "2026-01-07T03:05:00Z"


def test_other_country_never_matches() -> None:
    other = KHARKIV_2.model_copy(update={"event_id": "evt-x", "article_id": "x",
                                         "provinces": [Province(code="RU-BEL", country="RU")]})
    fuser = Fuser()
    assert fuser.add(KHARKIV_1).incident_id != fuser.add(other).incident_id


def test_bridging_report_merges_and_the_absorbed_incident_says_so() -> None:
    by_town = _event("c1", "An air strike hit the market in Jilib, residents said.", published="2026-02-06T09:00:00Z",
                     source="S1", places=(("Jilib", "SO-JD"),), actor=None, event_date="2026-02-06")
    by_province = _event("c2", "Somali forces said an air strike in Middle Juba killed 21 fighters.",
                         published="2026-02-06T10:00:00Z", source="S2", provinces=("SO-JD",), actor=None,
                         killed=((21, "Somalia's government"),), event_date="2026-02-06",
                         targets=("gathering",))
    bridge = _event("c3", "The air strike on the market in Jilib, Middle Juba, killed 21 fighters, Somalia's"
                    " government said; residents said nine farmers died.",
                    published="2026-02-06T14:00:00Z", source="S3", provinces=("SO-JD",),
                    places=(("Jilib", "SO-JD"),), actor=None, killed=((9, "residents"), (21, "Somalia's government")),
                    event_date="2026-02-06", targets=("gathering",))
    fuser = Fuser(FuseConfig(threshold=3.0))
    a = fuser.add(by_town).incident_id
    b = fuser.add(by_province).incident_id
    assert a != b
    result = fuser.add(bridge)
    finals = [i for i in result.changed if i.merged_into]
    assert len(finals) == 1 and finals[0].closed
    survivor = result.incident_id
    assert finals[0].merged_into == survivor and {a, b} == {survivor, finals[0].incident_id}
    assert set(fuser.open) == {survivor}
    assert (fuser.open[survivor].killed_min, fuser.open[survivor].killed_max) == (9, 21)


def test_quiet_incidents_close_and_a_late_report_reopens_from_the_archive() -> None:
    fuser = Fuser(FuseConfig(quiet_s=86400.0, archive_size=2))
    first = fuser.add(KHARKIV_1).incident_id
    later = _event("d1", "A drone hit a farm in Sumy overnight.", published="2026-01-10T05:00:00Z", source="X",
                   provinces=("UA-59",), event_date="2026-01-10")
    result = fuser.add(later)
    closed = [i for i in result.changed if i.closed]
    assert [i.incident_id for i in closed] == [first]
    assert first not in fuser.open and first in fuser.archive
    recalled = KHARKIV_3.model_copy(update={"published": "2026-01-11T10:00:00Z"})
    assert fuser.add(recalled).incident_id == first
    assert first in fuser.open


def test_state_stays_bounded_in_a_long_run() -> None:
    fuser = Fuser(FuseConfig(quiet_s=2 * 86400.0, archive_size=20))
    for day in range(200):
        d = f"2026-{1 + day // 28:02d}-{1 + day % 28:02d}"
        fuser.add(_event(f"e{day}", f"A drone hit the village number {day} overnight.", published=f"{d}T05:00:00Z",
                         source="W", provinces=("UA-59",), event_date=d))
    assert len(fuser.open) <= 3
    assert len(fuser.archive) <= 20


def test_batch_form_sets_incident_ids_and_returns_final_states() -> None:
    reports = [ArticleReport(article_id=e.article_id, is_strike=True, events=[e]) for e in
               (KHARKIV_1, ZOLOCHIV, KHARKIV_2, KHARKIV_3)]
    fused, incidents = fuse_reports(reports)
    ids = [r.events[0].incident_id for r in fused]
    assert ids[0] == ids[2] == ids[3] != ids[1]
    assert all(isinstance(i, Incident) for i in incidents)
    assert {i.incident_id for i in incidents} == set(ids)
    again = Incident.model_validate_json(incidents[0].model_dump_json())
    assert again == incidents[0]


def test_claimant_names_and_dayparts() -> None:
    assert claimant_key("the Houthi-run health ministry in Sanaa") == "houthi-run health ministry"
    assert claimant_key("the Arakan Army (AA)") == "arakan army"
    assert claimant_key("KISMAYO \u2014 Residents") == "residents"
    # one incident has one country: the place or people named before a role are spellings of one claimant
    assert {claimant_key(c) for c in ("the regional governor", "the region's governor", "the governor")} == {
        "governor"
    }
    assert {claimant_key(c) for c in ("Lebanon's health ministry", "the Lebanese health ministry",
                                      "the Ministry of Health")} == {"health ministry"}
    assert claimant_key("Syrian Network for Conflict Monitoring") == "syrian network"
    assert claimant_key(None) is None
    assert dayparts(["on Monday morning"]) == {"morning"}
    assert dayparts(["at around 13:10"]) == {"afternoon"}
    assert dayparts(["at 8:15 pm"]) == {"evening"}


def test_fuse_handler_round_trips_its_state_and_dead_letters_poison(tmp_path: object) -> None:
    from agents.fusing import FuseHandler, country_key
    from agents.handlers import Inbound
    from agents.topics import TopicNames
    from streams.settings import Settings

    handler = FuseHandler(settings=Settings(), topics=TopicNames(""))
    assert country_key(KHARKIV_1.model_dump_json().encode()) == b"UA"
    assert country_key(b"{broken") == b"-"

    def rec(e: StrikeEvent, offset: int) -> Inbound:
        return Inbound(b"UA", e.model_dump_json().encode(), "strikes.events-country-repartition", 0, offset)

    first = handler.run([rec(KHARKIV_1, 0), rec(ZOLOCHIV, 1), Inbound(b"-", b"{broken", "t", 0, 2)])
    topics = [o.topic for o in first.outputs]
    assert topics.count("strikes.incidents") == 2 and topics.count("articles.deadletter") == 1
    states = dict(first.updates)
    assert set(states) == {b"UA"}
    # the next batch starts from the stored state: the follow-up joins, a re-delivery changes nothing
    second = handler.run([rec(KHARKIV_3, 3), rec(KHARKIV_1, 4)], states=states)
    (update,) = [Incident.model_validate_json(o.value) for o in second.outputs]
    assert update.articles == ["a1", "a4"] and (update.killed_min, update.killed_max) == (3, 5)
    third = handler.run([rec(KHARKIV_1, 5)], states=dict(second.updates))
    assert third.outputs == []


def test_a_town_named_like_its_region_is_no_town_to_tell_strikes_apart_by() -> None:
    from streams.fuse_match import event_features, town_key

    e = _event("g1", "An Israeli strike in Gaza and Khan Younis killed five.", published="2026-01-27T13:40:00Z",
               source="S", provinces=("PS-GZA",), places=(("Gaza", "PS-GZA"),), actor="Israel")
    assert town_key("Gaza") not in event_features(e).towns
    z = _event("z1", "A bomb hit Zolochiv.", published="2026-01-07T12:00:00Z", source="S", provinces=("UA-63",),
               places=(("Zolochiv", "UA-63"),))
    assert town_key("Zolochiv") in event_features(z).towns
    # spellings of one town meet: "Jabalia" and "Jabaliya", "Bint Jbeil" and "Bent Jbeil"
    assert town_key("Jabalia") == town_key("Jabaliya") and town_key("Bint Jbeil") == town_key("Bent Jbeil")
    assert town_key("Bulo Burte") == town_key("Buuloburde") == town_key("Bulobarde")


def test_an_undated_sentence_of_a_dated_article_stays_on_its_day() -> None:
    """The second event of an article (the army's account, no date of its own) must not join yesterday's strike
    in the same territory: it keeps the day the article dated its strike."""
    yesterday = _event("y1", "An Israeli strike on a tent in Mawasi killed six, the hospital said.",
                       published="2026-01-27T18:20:00Z", source="T", provinces=("PS-GZA",), actor="Israel",
                       event_date="2026-01-27", killed=((6, "Nasser hospital"),))
    today = _event("t1", "An Israeli drone strike killed two Palestinians east of Khan Younis on Wednesday.",
                   published="2026-01-28T14:00:00Z", source="M", provinces=("PS-KYS",), actor="Israel",
                   event_date="2026-01-28", killed=((2, "Nasser hospital"),))
    detail = _event("t1", "The Israeli military said an aircraft struck two militants in southern Gaza after an"
                    " Israeli strike on a tent in Mawasi.", published="2026-01-28T14:00:00Z", source="M",
                    provinces=("PS-GZA",), actor=None).model_copy(update={"event_id": "evt-t1-2"})
    fuser = Fuser()
    first = fuser.add(yesterday).incident_id
    second = fuser.add(today).incident_id
    assert first != second
    assert fuser.add(detail).incident_id == second


def test_a_report_without_a_country_reads_no_towns_from_its_text() -> None:
    # with no country the scan would take "Malian" (a town in China) for a town and keep this report apart
    # from others of the same strike
    from streams.fuse_match import event_features

    ev = _event("a9", "A Malian army drone hit a water point on Friday.", published="2026-03-06T10:00:00Z",
                source="Desk", actor=None)
    assert event_features(ev).towns == frozenset()


def test_a_town_the_gazetteer_lacks_and_the_part_of_the_day_keep_strikes_apart() -> None:
    morning = _event(
        "c1", "An Israeli drone strike on a car in the village of Kfar Tebnit on Monday morning killed one.",
        published="2026-02-09T09:05:00Z", source="A", provinces=("LB-NA",), actor="Israel",
        event_date="2026-02-09",
    )
    afternoon = _event(
        "c2", "An Israeli airstrike hit a house near Nabatieh on Monday afternoon, killing two.",
        published="2026-02-09T15:10:00Z", source="B", provinces=("LB-NA",), actor="Israel",
        event_date="2026-02-09",
    )
    again = _event(
        "c3", "A drone hit a car in the village of Kfar Tebnit on Monday, killing one man.",
        published="2026-02-09T18:00:00Z", source="C", provinces=("LB-NA",), actor="Israel",
        event_date="2026-02-09",
    )
    fuser = Fuser()
    first = fuser.add(morning).incident_id
    assert fuser.add(afternoon).incident_id != first
    assert fuser.add(again).incident_id == first


def test_claimant_seat_camp_names_and_a_first_zero() -> None:
    from streams.fuse_claims import toll_range as _range
    from streams.fuse_match import town_key

    assert claimant_key("Kherson regional military administration") == claimant_key(
        "the regional military administration"
    ) == "military administration"
    assert town_key("Nuseirat camp") == town_key("al-Nusairat") == town_key("Nuseirat")
    first = ClaimHistory(claimant="outlet:A", status="killed",
                         history=[ClaimPoint(at="2026-07-15T01:00:00Z", figure=0, article_id="a1")])
    later = ClaimHistory(claimant="governor", status="killed",
                         history=[ClaimPoint(at="2026-07-15T09:00:00Z", figure=1, article_id="a2")])
    assert _range([first, later], "killed") == (1, 1)
    assert _range([first], "killed") == (0, 0)


def test_a_statement_naming_only_the_area_of_an_unknown_village_joins_its_incident() -> None:
    from streams.fuse_match import event_features

    statement = _event(
        "s1", "Earlier today, an IAF aircraft struck and eliminated a Hezbollah terrorist in the area of Abbassieh "
        "in southern Lebanon.", published="2026-07-03T18:10:00Z", source="IDF", actor="Israel",
    )
    assert event_features(statement).towns == {town_key("Abbassieh")}


def test_batch_form_partitions_by_country_as_the_stage_does() -> None:
    # the fuse stage keys reports by country, so a report with no country never meets a Syrian incident there;
    # the batch form (what `extract --incidents-out` scores) must not be more lenient than the stage
    text = "An air strike hit the livestock market of the town on Saturday, killing 20 people."
    dated = "2026-03-07"
    a = _event("s1", text, published="2026-03-07T12:00:00Z", source="Wire A", provinces=("SY-HA",),
               event_date=dated, actor=None)
    b = _event("s2", text, published="2026-03-08T09:00:00Z", source="Wire B", event_date=dated, actor=None)
    reports = [ArticleReport(article_id=e.article_id, is_strike=True, events=[e]) for e in (a, b)]
    out, _ = fuse_reports(reports)
    assert out[0].events[0].incident_id != out[1].events[0].incident_id
    # with the article's country known, the report joins the one incident of its country and day
    b_sy = b.model_copy(update={"country": "SY"})
    reports = [ArticleReport(article_id=e.article_id, is_strike=True, events=[e]) for e in (a, b_sy)]
    out, _ = fuse_reports(reports)
    assert out[0].events[0].incident_id == out[1].events[0].incident_id


def test_a_report_naming_no_place_does_not_pick_between_two_incidents_of_its_day() -> None:
    f = Fuser(FuseConfig())
    first = f.add(KHARKIV_1).incident_id
    second = f.add(ZOLOCHIV).incident_id
    assert first != second
    vague = _event("v1", "The toll of Wednesday's strike rose to six, officials said.",
                   published="2026-01-08T10:00:00Z", source="Wire E", event_date="2026-01-07",
                   killed=((6, "officials"),)).model_copy(update={"country": "UA"})
    assert f.add(vague).incident_id not in (first, second)


def test_a_report_summing_up_two_strikes_does_not_lend_one_the_others_town() -> None:
    f = Fuser(FuseConfig())
    kharkiv = f.add(KHARKIV_1).incident_id
    zolochiv = f.add(ZOLOCHIV).incident_id
    summary = _event("s9", "Russian attacks killed three in Kharkiv and two in Zolochiv on Wednesday.",
                     published="2026-01-07T18:00:00Z", source="Wire E", provinces=("UA-63",),
                     places=(("Kharkiv", "UA-63"), ("Zolochiv", "UA-63")), event_date="2026-01-07")
    joined = f.add(summary).incident_id
    assert joined in (kharkiv, zolochiv)
    other = zolochiv if joined == kharkiv else kharkiv
    assert set(f.open[joined].towns) & set(f.open[other].towns) == set()


def test_claimants_named_by_role_holder_or_voice_are_one() -> None:
    assert claimant_key("Samara region governor Andrei Kolesov") == claimant_key("Governor Andrei Kolesov") \
        == claimant_key("the regional governor") == "governor"
    assert claimant_key("a spokesman for the Arakan Army") == claimant_key("the Arakan Army's information department") \
        == "arakan army"
    assert claimant_key("the head of the city military administration, Ihor Savchuk") == "city military administration"
    assert claimant_key("an official of the National Unity Government") == "national unity government"
    assert claimant_key("the health ministry's emergency operations centre") == "health ministry"
    # different bodies stay apart
    assert claimant_key("the health ministry") != claimant_key("the civil defence")


def test_claimant_keys_drop_a_spaced_dash_lead_and_a_towns_possessive() -> None:
    assert claimant_key("Burkina Faso - the army") == "army"
    assert claimant_key("the town's resistance committee") == "resistance committee"


def test_an_undated_report_filed_late_in_the_utc_day_may_be_about_the_next_day() -> None:
    from streams.fuse_match import event_features

    late = _event("u1", "An Israeli air strike hit a school in Nuseirat shortly after midnight, killing nine.",
                  published="2026-04-01T23:05:00Z", source="Wire", provinces=("PS-DEB",), actor=None)
    f = event_features(late)
    assert str(f.date_hi) == "2026-04-02" and str(f.date_lo) == "2026-03-29"
    early = event_features(late.model_copy(update={"published": "2026-04-01T09:00:00Z"}))
    assert str(early.date_hi) == "2026-04-01"


def test_names_sharing_a_distinctive_word_are_one_source_for_the_range() -> None:
    from streams.fuse_claims import toll_range as _range

    def hist(who: str, *points: tuple[str, int]) -> ClaimHistory:
        return ClaimHistory(claimant=who, status="killed",
                            history=[ClaimPoint(at=at, figure=f, article_id=at) for at, f in points])

    claims = [
        hist("en nahud resistance committee", ("2026-07-25T15:30:00Z", 23)),
        hist("resistance committee", ("2026-07-27T10:00:00Z", 29)),
        hist("volunteer group", ("2026-07-25T21:10:00Z", 38)),
        # two ministries share only the role word: two sources
        hist("health ministry", ("2026-07-25T10:00:00Z", 20)),
        hist("defence ministry", ("2026-07-26T10:00:00Z", 35)),
    ]
    assert _range(claims, "killed") == (20, 38)
    assert claimant_key("a member of the relief committee") == "relief committee"
    # role-only names of one institution are one source; of two institutions, two
    police = [hist("district police officer", ("2026-10-22T16:20:00Z", 3)), hist("police", ("2026-10-23T07:45:00Z", 4)),
              hist("tribal elders", ("2026-10-23T07:45:00Z", 5))]
    assert _range(police, "killed") == (4, 5)
    two = [hist("police", ("2026-10-22T16:20:00Z", 3)), hist("army", ("2026-10-23T07:45:00Z", 4))]
    assert _range(two, "killed") == (3, 4)
    # the civil authority, however it is styled, is one source: "the regional authorities" said 1 overnight, "the
    # operational headquarters" 2 next morning; "the regional military administration" is a civil one too
    civil = [hist(claimant_key("the regional authorities") or "", ("2026-03-21T12:10:00Z", 1)),
             hist(claimant_key("the operational headquarters") or "", ("2026-03-22T07:45:00Z", 2))]
    assert _range(civil, "killed") == (2, 2)
    admin = [hist(claimant_key("the regional military administration") or "", ("2026-06-14T01:35:00Z", 2)),
             hist("authorities", ("2026-06-14T07:50:00Z", 3)), hist("army", ("2026-06-14T09:00:00Z", 5))]
    assert _range(admin, "killed") == (3, 5)


def test_an_articles_second_event_bridges_the_incident_its_first_joined_with_another() -> None:
    # (Metina named as a place of its own: named as "the Metina region", an area, it contradicts no village in it;
    # see test_fuse_towns)
    kani = _event("k1", "Two shepherds were killed when Turkish jets bombed the hills above Kani Masi.",
                  published="2026-05-11T12:20:00Z", source="Local", provinces=("IQ-DA",),
                  places=(("Kani Masi", "IQ-DA"),), actor="Turkey", killed=((2, "the mayor"),), event_date="2026-05-11")
    metina = _event("k2", "Six PKK terrorists were neutralised in an air operation in Metina.",
                    published="2026-05-11T15:00:00Z", source="Ministry", provinces=("IQ-DA",),
                    places=(("Metina", "IQ-DA"),), actor="Turkey", event_date="2026-05-11")
    both_1 = _event("k3", "A Turkish air strike near Kani Masi killed three shepherds, Kurdish officials said.",
                    published="2026-05-11T18:45:00Z", source="Wire", provinces=("IQ-DA",),
                    places=(("Kani Masi", "IQ-DA"),), actor="Turkey", killed=((3, "the mayor"),),
                    event_date="2026-05-11")
    both_2 = both_1.model_copy(update={
        "event_id": "evt-k3b", "killed_min": None, "casualties": [], "places": [Place(name="Metina", province="IQ-DA",
                                                                                     country="IQ")],
        "evidence": [Evidence(start=0, end=90, text="Ankara said its jets hit PKK shelters in Metina, above "
                                                       "Kani Masi.")],
    })
    fuser = Fuser(FuseConfig(threshold=3.0))
    a = fuser.add(kani).incident_id
    b = fuser.add(metina).incident_id
    assert a != b
    assert fuser.add(both_1).incident_id == a
    # the second event names both towns: the incidents it fits no longer conflict once it has joined one of them
    result = fuser.add(both_2)
    assert [i.merged_into for i in result.changed if i.merged_into] == [result.incident_id]
    assert set(fuser.open) == {result.incident_id}


def test_a_dated_sentence_naming_no_place_or_toll_stays_with_its_articles_incident() -> None:
    strike = _event(
        "r1", "Shahed drones struck an apartment building in Kryvyi Rih late on Tuesday, killing two.",
        published="2026-07-15T05:30:00Z", source="A", provinces=("UA-12",), places=(("Kryvyi Rih", "UA-12"),),
        killed=((2, "the governor"),), event_date="2026-07-14",
    )
    tally = _event(
        "r1", "Ukraine's air force said Russia had launched 52 Shahed and decoy drones at Ukraine overnight.",
        published="2026-07-15T05:30:00Z", source="A", event_date="2026-07-15",
    ).model_copy(update={"event_id": "evt-r1-2", "country": "UA"})
    fuser = Fuser()
    assert fuser.add(strike).incident_id == fuser.add(tally).incident_id


