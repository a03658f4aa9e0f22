"""Events in the store: stored whole with their query columns, merged across documents
(the same strike reported by two outlets is one event with two sources), on both backends."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from presslens import analyze
from presslens.model import Analysis, Casualties, Event, EventArgument, EventPlace, EventTime, Span
from presslens.store import Filters, Store, event_clusters, open_store, stored_events, timeline
from tests.conftest import flattened

SPAN = Span(start=0, end=4)


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as s:
        yield s


def _place(name: str, gid: int, lat: float, lon: float) -> EventPlace:
    return EventPlace(text=name, span=SPAN, geonames_id=gid, name=name, lat=lat, lon=lon)


RAQQA = _place("Raqqa", 163915, 35.95, 39.01)
ALEPPO = _place("Aleppo", 170063, 36.20, 37.16)


def _event(eid: str, category: str, place: EventPlace | None, day: str, killed: int = 0) -> Event:
    return Event(
        id=eid, category=category, mode="airstrike" if category == "ASSAULT" else None,
        trigger=SPAN, trigger_text="struck",
        actor=EventArgument(text="the coalition", span=SPAN, name="the coalition"),
        place=place, time=EventTime(text=day, span=SPAN, value=day),
        casualties=[Casualties(kind="killed", count=killed, who="civilians", span=SPAN)]
        if killed else [],
        evidence=SPAN, evidence_text="An airstrike hit the town.", status="fact",
        confidence=0.6,
    )  # fmt: skip


def _doc(title: str, url: str, events: list[Event]) -> Analysis:
    text = flattened(title, [f"{title}. Witnesses described the damage."], [])
    a = analyze(text, structure_only=True, url=url, published="2016-10-20")
    return a.model_copy(update={"events": events})


def _corpus() -> list[Analysis]:
    return [
        _doc("Strike near Raqqa", "https://one.example.org/a",
             [_event("e1", "ASSAULT", RAQQA, "2016-10-19", killed=20)]),
        _doc("Civilians killed in Raqqa strike", "https://two.example.net/b",
             [_event("e1", "ASSAULT", RAQQA, "2016-10-19", killed=18),
              _event("e2", "MOVE", ALEPPO, "2016-10-18")]),
        _doc("Talks planned", "https://three.example.com/c", []),
    ]  # fmt: skip


def test_store_events_round_trip_whole(store: Store) -> None:
    corpus = _corpus()
    store.write(corpus)
    assert store.count("events") == 3
    stored = stored_events(store)
    assert [(e.category, e.time.value if e.time else None) for _, e in stored] == [
        ("MOVE", "2016-10-18"), ("ASSAULT", "2016-10-19"), ("ASSAULT", "2016-10-19"),
    ]  # fmt: skip
    assert stored[1][1] == corpus[0].events[0]
    only = stored_events(store, Filters(outlet="example.net"), categories=["move"])
    assert [(h, e.id) for h, e in only] == [(corpus[1].document.content_hash, "e2")]


def test_store_events_merge_reports_of_one_event(store: Store) -> None:
    corpus = _corpus()
    store.write(corpus)
    clusters = event_clusters(store)
    assert [(c.category, len(c.sources)) for c in clusters] == [("ASSAULT", 2), ("MOVE", 1)]
    strike = clusters[0]
    assert set(strike.sources) == {a.document.content_hash for a in corpus[:2]}
    # the highest count any report gives
    assert [(c.kind, c.count) for c in strike.casualties] == [("killed", 20)]
    # a window too narrow to join different days changes nothing here; a tiny radius does not
    # split reports of the same place either
    assert len(event_clusters(store, radius_km=1.0)) == 2


def test_store_events_on_the_timeline(store: Store) -> None:
    store.write(_corpus())
    points = {p.day.isoformat(): (p.documents, p.events) for p in timeline(store)}
    assert points == {"2016-10-18": (0, 1), "2016-10-19": (0, 2), "2016-10-20": (3, 0)}
