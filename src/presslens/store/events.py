"""Events across the store: the reports each document makes, and the same real-world event
reported by several documents merged into one (``presslens.events.dedupe_events``).

An event is stored whole beside its query columns, so what is merged here is exactly what
each analysis produced; the filters are the search filters (outlet, entity, place, dates…),
applied to the reporting documents, plus the event's own category.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from presslens.events import EventCluster, dedupe_events
from presslens.model import Event
from presslens.store.base import Store
from presslens.store.filters import Filters, select

__all__ = ["MAX_EVENTS", "event_clusters", "stored_events"]

MAX_EVENTS = 5000  # clustering is greedy (reports × clusters): bound what one request reads


def stored_events(
    store: Store,
    filters: Filters | None = None,
    *,
    categories: Sequence[str] = (),
    located_only: bool = False,
    limit: int = MAX_EVENTS,
) -> list[tuple[str, Event]]:
    """``(content hash, event)`` for the events of the matching documents, by the date the
    event happened (undated last), then by document and event order."""
    f = filters or Filters()
    sel = select(store, f)
    conditions = [f"e.doc_id IN ({sel.ids})"]
    params: list[Any] = list(sel.params)
    if categories:
        conditions.append(f"e.category IN ({', '.join('?' * len(categories))})")
        params.extend(c.upper() for c in categories)
    if located_only:
        conditions.append("e.lat IS NOT NULL AND e.lon IS NOT NULL")
    if f.date_from is not None:
        conditions.append("(e.day IS NULL OR e.day >= ?)")
        params.append(f.date_from.isoformat())
    if f.date_to is not None:
        conditions.append("(e.day IS NULL OR e.day <= ?)")
        params.append(f.date_to.isoformat())
    rows = store.query(
        "SELECT d.content_hash, e.event FROM events e JOIN documents d ON d.id = e.doc_id "
        f"WHERE {' AND '.join(conditions)} "
        "ORDER BY CASE WHEN e.day IS NULL THEN 1 ELSE 0 END, e.day, d.id, e.span_start, "
        "e.event_id LIMIT ?",
        (*params, max(0, limit)),
    )
    return [(str(h), Event.model_validate_json(str(raw))) for h, raw in rows]


def event_clusters(
    store: Store,
    filters: Filters | None = None,
    *,
    categories: Sequence[str] = (),
    radius_km: float = 50.0,
    window_days: int = 2,
    limit: int = MAX_EVENTS,
) -> list[EventCluster]:
    """The matching events with reports of the same event merged, most-reported first."""
    reports = stored_events(store, filters, categories=categories, limit=limit)
    clusters = dedupe_events(reports, radius_km=radius_km, window_days=window_days)
    return sorted(clusters, key=lambda c: (-len(c.sources), c.id))
