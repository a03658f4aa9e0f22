"""One event, several reports: clustering events across documents.

Two reports are the same event when they agree on what happened (the same PLOVER category,
ASSAULT and FIGHT counting as one family since outlets label the same strike differently),
on where (places within ``radius_km``), on when (dates within ``window_days``) and on who
(the same actor entity, or mostly the same words). A missing place, time or actor neither
joins nor separates; but two events join only on positive evidence: the same place, or,
when neither names a place, the same actor at the same time. An article that merely names
a place makes no event there, so nothing is clustered on a name alone.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from pydantic import Field

from presslens.model import Casualties, Event, EventPlace
from presslens.model_base import _Model

__all__ = ["EventCluster", "EventRef", "dedupe_events", "event_dates", "haversine_km"]

_FAMILIES = {"ASSAULT": "VIOLENCE", "FIGHT": "VIOLENCE"}
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset("the a an of in and forces group militia militias members".split())


class EventRef(_Model):
    document: str
    event_id: str


class EventCluster(_Model):
    """One real-world event and every report of it."""

    id: str = Field(description="stable within one deduplication run: x1, x2, …")
    category: str
    mode: str | None = None
    status: str = Field(description="fact when any report states it, else the weakest claim")
    actor: str | None = None
    actor_id: str | None = None
    target: str | None = None
    target_id: str | None = None
    place: EventPlace | None = None
    origin: EventPlace | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    casualties: list[Casualties] = Field(
        default_factory=list, description="the highest count any report gives, per kind/who"
    )
    sources: list[str] = Field(description="the documents reporting it, first seen first")
    members: list[EventRef]
    confidence: float = Field(description="1 - Π(1 - confidence of each report)")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def event_dates(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The days a dates-layer value covers: '2016-10-17', '2016-10', '2016-W42', 'a/b'."""
    if not value:
        return None
    if "/" in value:
        lo, hi = (event_dates(v) for v in value.split("/", 1))
        return (lo[0], hi[1]) if lo and hi else None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            day = dt.date.fromisoformat(value)
            return day, day
        if re.fullmatch(r"\d{4}-\d{2}", value):
            first = dt.date.fromisoformat(value + "-01")
            nxt = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            return first, nxt - dt.timedelta(days=1)
        m = re.fullmatch(r"(\d{4})-W(\d{2})", value)
        if m:
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + dt.timedelta(days=6)
    except ValueError:
        return None
    return None


def _words(text: str | None) -> set[str]:
    return {w for w in _WORD.findall((text or "").casefold()) if w not in _STOP}


@dataclass(slots=True)
class _Group:
    family: str
    real: bool
    events: list[tuple[str, Event]] = field(default_factory=list)
    place: EventPlace | None = None
    origin: EventPlace | None = None
    dates: tuple[dt.date, dt.date] | None = None
    actor_id: str | None = None
    actor_words: set[str] = field(default_factory=set)

    def add(self, doc_id: str, ev: Event) -> None:
        self.events.append((doc_id, ev))
        if self.place is None and ev.place is not None and ev.place.lat is not None:
            self.place = ev.place
        if self.origin is None and ev.origin is not None and ev.origin.lat is not None:
            self.origin = ev.origin
        span = event_dates(ev.time.value if ev.time else None)
        if span is not None:
            self.dates = (
                span
                if self.dates is None
                else (min(self.dates[0], span[0]), max(self.dates[1], span[1]))
            )
        if self.actor_id is None and ev.actor is not None:
            self.actor_id = ev.actor.entity_id
            self.actor_words = _words(ev.actor.name or ev.actor.text)


def _actor_match(g: _Group, ev: Event) -> bool | None:
    if ev.actor is None or (g.actor_id is None and not g.actor_words):
        return None
    if ev.actor.entity_id and g.actor_id:
        return ev.actor.entity_id == g.actor_id
    words = _words(ev.actor.name or ev.actor.text)
    if not words or not g.actor_words:
        return None
    return len(words & g.actor_words) / len(words | g.actor_words) >= 0.5


def _near(a: EventPlace | None, b: EventPlace | None, radius_km: float) -> bool | None:
    if a is None or b is None or None in (a.lat, a.lon, b.lat, b.lon):
        return None
    if a.geonames_id is not None and a.geonames_id == b.geonames_id:
        return True
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= radius_km


def _joins(g: _Group, ev: Event, radius_km: float, window_days: int) -> bool:
    if _FAMILIES.get(ev.category, ev.category) != g.family:
        return False
    if (ev.status in ("fact", "attributed")) != g.real:
        return False
    place_ok = _near(ev.place, g.place, radius_km)
    origin_ok = _near(ev.origin, g.origin, radius_km)
    time_ok: bool | None = None
    span = event_dates(ev.time.value if ev.time else None)
    if span is not None and g.dates is not None:
        gap = max((span[0] - g.dates[1]).days, (g.dates[0] - span[1]).days, 0)
        time_ok = gap <= window_days
    actor_ok = _actor_match(g, ev)
    if False in (place_ok, origin_ok, time_ok, actor_ok):
        return False
    if place_ok or origin_ok:
        return True
    return g.place is None and ev.place is None and bool(actor_ok) and bool(time_ok)


def _cluster(i: int, g: _Group) -> EventCluster:
    events = [ev for _, ev in g.events]
    statuses = {ev.status for ev in events}
    status = "fact" if "fact" in statuses else sorted(statuses)[0]
    first_actor = next((ev.actor for ev in events if ev.actor), None)
    first_target = next((ev.target for ev in events if ev.target), None)
    most: dict[tuple[str, str | None], Casualties] = {}
    for ev in events:
        for c in ev.casualties:
            key = (c.kind, c.who)
            if key not in most or (c.count or 0) > (most[key].count or 0):
                most[key] = c
    miss = 1.0
    for ev in events:
        miss *= 1.0 - ev.confidence
    sources: list[str] = []
    for doc_id, _ in g.events:
        if doc_id not in sources:
            sources.append(doc_id)
    return EventCluster(
        id=f"x{i}",
        category=events[0].category,
        mode=next((ev.mode for ev in events if ev.mode), None),
        status=status,
        actor=(first_actor.name or first_actor.text) if first_actor else None,
        actor_id=first_actor.entity_id if first_actor else None,
        target=(first_target.name or first_target.text) if first_target else None,
        target_id=first_target.entity_id if first_target else None,
        place=g.place,
        origin=g.origin,
        date_from=g.dates[0] if g.dates else None,
        date_to=g.dates[1] if g.dates else None,
        casualties=list(most.values()),
        sources=sources,
        members=[EventRef(document=d, event_id=ev.id) for d, ev in g.events],
        confidence=round(1.0 - miss, 3),
    )


def dedupe_events(
    events: Iterable[tuple[str, Event]], *, radius_km: float = 50.0, window_days: int = 2
) -> list[EventCluster]:
    """Cluster ``(document id, event)`` pairs into events with their sources, in order of
    first report. Greedy: each report joins the first compatible cluster."""
    groups: list[_Group] = []
    for doc_id, ev in events:
        for g in groups:
            if _joins(g, ev, radius_km, window_days):
                g.add(doc_id, ev)
                break
        else:
            g = _Group(_FAMILIES.get(ev.category, ev.category), ev.status in ("fact", "attributed"))
            g.add(doc_id, ev)
            groups.append(g)
    return [_cluster(i + 1, g) for i, g in enumerate(groups)]
