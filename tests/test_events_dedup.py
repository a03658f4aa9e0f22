"""Cross-document deduplication: one event, several reports."""

from __future__ import annotations

import datetime as dt

from presslens.events import dedupe_events, events_to_geojson
from presslens.events.dedup import event_dates, haversine_km
from presslens.model import (
    Casualties,
    Event,
    EventArgument,
    EventPlace,
    EventStatus,
    EventTime,
    Span,
)

_S = Span(start=0, end=1)
ALEPPO = EventPlace(text="Aleppo", span=_S, geonames_id=170063, name="Aleppo", lat=36.2, lon=37.16)
NEAR_ALEPPO = EventPlace(
    text="Anadan", span=_S, geonames_id=None, name="Anadan", lat=36.29, lon=37.04
)
HOMS = EventPlace(text="Homs", span=_S, geonames_id=169577, name="Homs", lat=34.73, lon=36.71)


def _ev(
    category: str = "ASSAULT",
    place: EventPlace | None = ALEPPO,
    day: str | None = "2021-03-08",
    actor: str | None = "ent:turkish-air-force",
    status: EventStatus = "fact",
    killed: int | None = None,
    confidence: float = 0.5,
) -> Event:
    return Event(
        id="e1",
        category=category,
        trigger=_S,
        trigger_text="x",
        actor=EventArgument(text="the air force", span=_S, entity_id=actor) if actor else None,
        place=place,
        time=EventTime(text="Monday", span=_S, value=day) if day else None,
        casualties=[Casualties(kind="killed", count=killed, who="civilians", span=_S)]
        if killed is not None
        else [],
        evidence=_S,
        evidence_text="x",
        status=status,
        confidence=confidence,
    )


def test_dedup_same_place_and_day_is_one_event_with_two_sources() -> None:
    clusters = dedupe_events([("a", _ev(killed=12)), ("b", _ev(place=NEAR_ALEPPO, killed=14))])
    assert len(clusters) == 1
    c = clusters[0]
    assert c.sources == ["a", "b"] and len(c.members) == 2
    assert [(x.kind, x.count) for x in c.casualties] == [("killed", 14)]
    assert c.confidence == 0.75
    assert c.date_from == dt.date(2021, 3, 8)


def test_dedup_far_places_stay_apart() -> None:
    assert len(dedupe_events([("a", _ev()), ("b", _ev(place=HOMS))])) == 2


def test_dedup_days_outside_the_window_stay_apart() -> None:
    pairs = [("a", _ev(day="2021-03-08")), ("b", _ev(day="2021-03-20"))]
    assert len(dedupe_events(pairs)) == 2
    assert len(dedupe_events(pairs, window_days=14)) == 1


def test_dedup_different_actors_or_categories_stay_apart() -> None:
    assert len(dedupe_events([("a", _ev()), ("b", _ev(actor="ent:other"))])) == 2
    assert len(dedupe_events([("a", _ev()), ("b", _ev(category="PROTEST"))])) == 2
    # an airstrike reported as ASSAULT by one outlet and FIGHT by another is one event
    assert len(dedupe_events([("a", _ev()), ("b", _ev(category="FIGHT"))])) == 1


def test_dedup_needs_positive_evidence_without_a_place() -> None:
    no_place = [("a", _ev(place=None)), ("b", _ev(place=None))]
    assert len(dedupe_events(no_place)) == 1  # same actor, same day
    anonymous = [("a", _ev(place=None, actor=None)), ("b", _ev(place=None, actor=None))]
    assert len(dedupe_events(anonymous)) == 2


def test_dedup_keeps_hypotheticals_apart_from_facts() -> None:
    assert len(dedupe_events([("a", _ev()), ("b", _ev(status="hypothetical"))])) == 2
    merged = dedupe_events([("a", _ev(status="attributed")), ("b", _ev())])
    assert len(merged) == 1 and merged[0].status == "fact"


def test_dedup_clusters_export_as_geojson() -> None:
    clusters = dedupe_events([("a", _ev()), ("b", _ev())])
    feature = events_to_geojson(clusters)["features"][0]
    assert feature["geometry"]["coordinates"] == [37.16, 36.2]
    assert feature["properties"]["sources"] == ["a", "b"]
    assert feature["properties"]["reports"] == 2


def test_dedup_event_dates_and_distance() -> None:
    assert event_dates("2016-10-17") == (dt.date(2016, 10, 17), dt.date(2016, 10, 17))
    assert event_dates("2016-10-17/2016-10-19") == (dt.date(2016, 10, 17), dt.date(2016, 10, 19))
    assert event_dates("2016-02") == (dt.date(2016, 2, 1), dt.date(2016, 2, 29))
    assert event_dates("2016-W42") == (dt.date(2016, 10, 17), dt.date(2016, 10, 23))
    assert event_dates("PAST_REF") is None
    assert 150 < haversine_km(36.2, 37.16, 34.73, 36.71) < 180
