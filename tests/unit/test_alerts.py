"""Alert rules: the default file is valid, each rule kind fires when it should, once, and only then."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from agents.alerting import AlertHandler, default_rules_path, format_alert_line
from agents.dashboard import Feed, Summary
from agents.handlers import Inbound
from agents.metrics import ClusterMetrics, Histogram, StageMetrics, render
from agents.topics import TopicNames
from schemas import StrikeEvent
from schemas.alerts import Alert, alert_id_for
from streams.alerts import (
    AlertEngine,
    AlertRulesError,
    MemoryState,
    event_time,
    killed_figure,
    load_rules,
    parse_rules,
    rules_summary,
)
from streams.settings import Settings

NOW = 1_700_000_000.0
DAY = 86_400.0

RULES = """
version: 1
rules:
  - {id: killed-10, kind: killed_threshold, threshold: 10, severity: high}
  - {id: new-base, kind: first_seen, field: base, window_days: 30, severity: high}
  - {id: new-aircraft, kind: first_seen, field: aircraft, window_days: 30, known: [Su-24]}
  - {id: new-basing, kind: first_seen, field: actor_base_country, window_days: 365, severity: critical}
  - {id: watch, kind: watched_province, provinces: [SY-HL, ua], severity: medium}
  - {id: toll, kind: toll_raised, match: [event, incident], severity: high}
"""


def seed_event(**over: object) -> StrikeEvent:
    """The seed's main event: Russian Su-34 and Tu-22M3 from Hamadan (Iran) over three Syrian provinces."""
    data: dict[str, object] = {
        "event_id": "evt-seed",
        "article_id": "herald-14685356",
        "actor": "Russia",
        "aircraft": [{"designation": "Su-34"}, {"designation": "Tu-22M3"}],
        "bases": [{"name": "Shahid Nojeh Air Base", "country": "IR", "lat": 35.21, "lon": 48.65}],
        "provinces": [{"code": "SY-HL", "name": "Aleppo"}, {"code": "SY-DY"}, {"code": "SY-ID"}],
        "casualties": [{"status": "killed", "count_min": 15, "claimed_by": "Syrian opposition activists"}],
        "killed_min": 15,
        "published": "2016-08-16",
    }
    data.update(over)
    return StrikeEvent.model_validate(data)


@pytest.fixture
def engine() -> AlertEngine:
    return AlertEngine(parse_rules(RULES))


def run(engine: AlertEngine, state: MemoryState, event: StrikeEvent, now: float = NOW) -> list[Alert]:
    result = engine.evaluate(event, last_seen=state.last_seen, max_toll=state.max_toll, fired=state.fired, now=now)
    state.apply(result.updates)
    return result.alerts


def test_default_rules_file_is_valid_and_covers_every_kind() -> None:
    rules = load_rules(default_rules_path())
    kinds = {r.kind for r in rules.active}
    assert kinds == {"killed_threshold", "first_seen", "watched_province", "toll_raised"}
    fields = {r.field for r in rules.active if r.kind == "first_seen"}
    assert {"aircraft", "base"} <= fields
    assert all(row["what"] for row in rules_summary(rules))


def test_seed_event_fires_first_sightings_threshold_and_watch(engine: AlertEngine) -> None:
    alerts = run(engine, MemoryState(), seed_event())
    by_rule: dict[str, list[Alert]] = {}
    for a in alerts:
        by_rule.setdefault(a.rule_id, []).append(a)
    assert [a.subject.split("|")[0] for a in by_rule["new-base"]] == ["Shahid Nojeh Air Base"]
    assert "First sighting" in by_rule["new-base"][0].title
    assert sorted(a.details["value"] for a in by_rule["new-aircraft"]) == ["Su-34", "Tu-22M3"]
    assert by_rule["new-basing"][0].title == "First sighting: Russia flying from Iran (IR)"
    assert by_rule["killed-10"][0].details == {"killed": 15, "claimed_by": "Syrian opposition activists",
                                               "threshold": 10}
    assert by_rule["watch"][0].details["provinces"] == ["SY-HL"]
    assert "toll" not in by_rule  # a first report raises nothing
    for a in alerts:
        assert a.event.event_id == "evt-seed"
        assert a.alert_id == alert_id_for(a.rule_id, a.subject)
        assert Alert.model_validate_json(a.model_dump_json()) == a


def test_each_alert_fires_once_even_when_the_event_is_redelivered(engine: AlertEngine) -> None:
    state = MemoryState()
    first = run(engine, state, seed_event())
    assert first
    assert run(engine, state, seed_event()) == []
    # Even with the sightings forgotten (state lost between send and write), the fired ids hold.
    state.last_seen.clear()
    assert run(engine, state, seed_event()) == []


def test_first_seen_respects_the_window_and_event_time(engine: AlertEngine) -> None:
    state = MemoryState()
    run(engine, state, seed_event())
    ten_days = seed_event(event_id="evt-2", published="2016-08-26")
    assert not [a for a in run(engine, state, ten_days) if a.rule_id == "new-base"]
    older = seed_event(event_id="evt-old", published="2016-07-01")  # older news than the last sighting
    assert not [a for a in run(engine, state, older) if a.rule_id == "new-base"]
    back = run(engine, state, seed_event(event_id="evt-3", published="2016-10-10"))
    base_alerts = [a for a in back if a.rule_id == "new-base"]
    assert len(base_alerts) == 1
    assert base_alerts[0].details["days_since"] == pytest.approx(45.0)
    assert "seen again after 45 days" in base_alerts[0].why


def test_known_aircraft_are_quiet(engine: AlertEngine) -> None:
    ev = seed_event(aircraft=[{"designation": "Su-24"}], bases=[], casualties=[], killed_min=None,
                    provinces=[{"code": "SY-DY"}])
    assert run(engine, MemoryState(), ev) == []


def test_watched_country_code_watches_every_province(engine: AlertEngine) -> None:
    ev = seed_event(event_id="evt-ua", provinces=[{"code": "UA-63", "name": "Kharkiv", "country": "UA"}],
                    bases=[], aircraft=[], casualties=[], killed_min=None)
    alerts = run(engine, MemoryState(), ev)
    assert [a.rule_id for a in alerts] == ["watch"]


def test_toll_update_raising_an_earlier_figure_fires_once(engine: AlertEngine) -> None:
    state = MemoryState()
    run(engine, state, seed_event())
    same = run(engine, state, seed_event(event_id="evt-seed", killed_min=15))
    assert not [a for a in same if a.rule_id == "toll"]
    raised = seed_event(event_id="evt-update", article_id="other-article", killed_min=23,
                        casualties=[{"status": "killed", "count_min": 23, "claimed_by": "SOHR"}])
    alerts = [a for a in run(engine, state, raised) if a.rule_id == "toll"]
    assert len(alerts) == 1
    assert alerts[0].details["previous"] == 15 and alerts[0].details["killed"] == 23
    assert "up from the earlier 15" in alerts[0].why
    assert not [a for a in run(engine, state, raised) if a.rule_id == "toll"]
    lower = seed_event(event_id="evt-lower", article_id="third", killed_min=12, casualties=[])
    assert not [a for a in run(engine, state, lower) if a.rule_id == "toll"]


def test_actor_forms_of_one_country_are_one_actor(engine: AlertEngine) -> None:
    state = MemoryState()
    run(engine, state, seed_event(actor="Russia"))
    again = run(engine, state, seed_event(event_id="evt-2", actor="Russian Air Force"))
    assert not [a for a in again if a.rule_id == "new-basing"]
    other = run(engine, state, seed_event(event_id="evt-3", actor="Syrian government"))
    assert [a.details["value"] for a in other if a.rule_id == "new-basing"] == ["SY>IR"]


def test_killed_figure_takes_the_highest_claim() -> None:
    ev = seed_event(killed_min=None, casualties=[
        {"status": "killed", "count_min": 5, "claimed_by": "officials"},
        {"status": "wounded", "count_min": 90},
        {"status": "killed", "count_max": 12, "claimed_by": "medics"},
    ])
    assert killed_figure(ev) == (12, "medics")


def test_event_time_parses_dates_and_falls_back_to_now() -> None:
    assert event_time(seed_event(published="2016-08-16"), NOW) == 1471305600.0
    assert event_time(seed_event(published="2016-08-16T10:00:00Z"), NOW) == 1471341600.0
    assert event_time(seed_event(published="yesterday"), NOW) == NOW
    assert event_time(seed_event(published=None), NOW) == NOW


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("rules: [{id: a, kind: killed_threshold}]", "threshold"),
        ("rules: [{id: a, kind: nope}]", "kind"),
        ("rules: [{id: a, kind: killed_threshold, threshold: 1}, {id: a, kind: killed_threshold, threshold: 2}]",
         "duplicate rule id"),
        ("rules: [{id: a, kind: watched_province, provinces: []}]", "provinces"),
        ("- just a list", "mapping"),
        ("rules: [", "not valid YAML"),
    ],
)
def test_invalid_rules_are_refused_with_the_reason(text: str, fragment: str) -> None:
    with pytest.raises(AlertRulesError, match=fragment):
        parse_rules(text)


def test_missing_rules_file_is_a_named_error(tmp_path: Path) -> None:
    with pytest.raises(AlertRulesError, match="cannot read"):
        load_rules(tmp_path / "absent.yaml")


def test_handler_dead_letters_poison_and_encodes_alerts(engine: AlertEngine) -> None:
    topics = TopicNames("t.")
    handler = AlertHandler(Settings(), topics, engine)
    state = MemoryState()
    good = Inbound(b"evt-seed", seed_event().model_dump_json().encode(), "t.strikes.events", 0, 7)
    outs, updates = handler(good, last_seen=state.last_seen, max_toll=state.max_toll, fired=state.fired, now=NOW)
    assert outs and {o.topic for o in outs} == {"t.strikes.alerts"}
    assert all(Alert.model_validate_json(o.value).alert_id == o.key.decode() for o in outs)
    assert set(updates.fired) == {o.key.decode() for o in outs}
    poison = Inbound(b"k", b"{not json", "t.strikes.events", 1, 9)
    outs, updates = handler(poison, last_seen={}, max_toll={}, fired={}, now=NOW)
    assert [o.topic for o in outs] == ["t.articles.deadletter"]
    letter = orjson.loads(outs[0].value)
    assert (letter["stage"], letter["reason"], letter["offset"]) == ("alert", "invalid_json", 9)
    assert not updates.fired and not updates.last_seen


def test_dashboard_summary_counts_once_per_event_and_alert() -> None:
    feed = Feed(Settings(topic_prefix="t."), "unused:9092", backlog=3)
    ev = orjson.loads(seed_event().model_dump_json())
    for _ in range(2):  # a re-sent event replaces itself in the counts
        feed.ingest("t.strikes.events", orjson.dumps(ev), 1000)
    alert = run(AlertEngine(parse_rules(RULES)), MemoryState(), seed_event())[0]
    assert feed.ingest("t.strikes.alerts", alert.model_dump_json().encode(), 2000) is not None
    assert feed.ingest("t.strikes.alerts", alert.model_dump_json().encode(), 2001) is None
    feed.ingest("t.articles.deadletter", b'{"stage": "clean", "reason": "invalid_json"}', 3000)
    feed.ingest("t.articles.enriched", b'{"article_id": "a", "ingested_at": 1.5}', 4000)
    summary = feed.summary.as_dict()
    assert summary["events"] == 1 and summary["alerts"] == 1
    assert summary["provinces"][0] == {"code": "SY-HL", "name": "Aleppo", "country": None, "events": 1,
                                       "killed": 15}
    assert {r["name"] for r in summary["aircraft"]} == {"Su-34", "Tu-22M3"}
    assert summary["claimants"] == [{"name": "Syrian opposition activists", "claims": 1, "killed": 15,
                                     "wounded": 0}]
    assert feed.cluster.deadletters == {("clean", "invalid_json"): 1}
    assert feed.cluster.e2e_latency_seconds.count == 1
    assert [it.kind for it in feed.snapshot()] == ["event", "event", "alert"]
    assert feed.event_detail("evt-seed")["alerts"][0]["alert_id"] == alert.alert_id  # type: ignore[index]


def test_summary_forgets_a_replaced_event_version() -> None:
    s = Summary()
    ev = orjson.loads(seed_event().model_dump_json())
    s.add_event(ev)
    s.add_event({**ev, "provinces": [{"code": "SY-RA"}], "aircraft": []})
    out = s.as_dict()
    assert [p["code"] for p in out["provinces"]] == ["SY-RA"]
    assert out["aircraft"] == []


def test_metrics_exposition_is_prometheus_text() -> None:
    from agents.app import StageStats

    stats = StageStats("alert")
    stats.consumed, stats.produced = 3, {"t.strikes.alerts": 2}
    m = StageMetrics(stats)
    m.observe_batch(0.02, [None])
    cluster = ClusterMetrics(lag={("g-detect", "t.articles.entities", 0): 4}, end_offsets={"t.strikes.events": 9})
    cluster.count_deadletter("clean", 'bad "quote"')
    text = render([m], cluster)
    lines = text.splitlines()
    assert "# TYPE strikewire_stage_records_consumed_total counter" in lines
    assert 'strikewire_stage_records_consumed_total{stage="alert"} 3' in lines
    assert 'strikewire_stage_records_produced_total{stage="alert",topic="t.strikes.alerts"} 2' in lines
    assert 'strikewire_stage_batch_seconds_bucket{stage="alert",le="0.025"} 1' in lines
    assert 'strikewire_stage_batch_seconds_count{stage="alert"} 1' in lines
    assert 'strikewire_consumer_lag{group="g-detect",topic="t.articles.entities",partition="0"} 4' in lines
    assert 'strikewire_deadletters_total{stage="clean",reason="bad \\"quote\\""} 1' in lines
    assert 'strikewire_topic_messages_total{topic="t.strikes.events"} 9' in lines
    assert text.endswith("\n")
    assert len([ln for ln in lines if ln.startswith("# TYPE strikewire_stage_batch_seconds ")]) == 1


def test_histogram_buckets_are_cumulative() -> None:
    h = Histogram((1.0, 2.0))
    for v in (0.5, 1.5, 1.5, 9.0):
        h.observe(v)
    assert h.samples() == [("1", 1), ("2", 3), ("+Inf", 4)]
    assert h.count == 4 and h.total == pytest.approx(12.5)


def test_pretty_alert_line_for_the_terminal(engine: AlertEngine) -> None:
    alert = next(a for a in run(engine, MemoryState(), seed_event()) if a.rule_id == "new-base")
    line = format_alert_line(orjson.loads(alert.model_dump_json()))
    assert line.startswith("[HIGH    ] 2016-08-16 First sighting: launch base Shahid Nojeh Air Base — ")
    assert line.endswith("(rule new-base, event evt-seed)")
    assert "\033[" in format_alert_line(orjson.loads(alert.model_dump_json()), colour=True)
