"""Events over the store: each document's reports, or reports of the same real-world event
merged (``dedupe=true``), as JSON or as GeoJSON points for a map."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import FastAPI, Query

from presslens.api.store_routes import FiltersDep, PoolDep
from presslens.events import EventCluster, events_to_geojson
from presslens.model import Event
from presslens.model_base import _Model
from presslens.store import MAX_EVENTS, event_clusters, stored_events

__all__ = ["EventReport", "add_event_routes"]

_PREFIX = "/api/v1"


class EventReport(_Model):
    document: str  # the content hash of the reporting document
    event: Event


def add_event_routes(app: FastAPI) -> None:
    @app.get(f"{_PREFIX}/events", tags=["aggregations"], response_model=None)
    def get_events(
        stores: PoolDep,
        filters: FiltersDep,
        category: Annotated[
            list[str], Query(description="PLOVER category, e.g. ASSAULT (may repeat)")
        ] = [],  # noqa: B006
        dedupe: Annotated[
            bool, Query(description="merge reports of the same event across documents")
        ] = False,
        fmt: Annotated[Literal["json", "geojson"], Query(alias="format")] = "json",
        limit: Annotated[int, Query(ge=1, le=MAX_EVENTS)] = 1000,
    ) -> list[EventReport] | list[EventCluster] | dict[str, Any]:
        """Events of the matching documents (dated ones first, by date). With
        ``dedupe=true``, one entry per real-world event with every document reporting it;
        with ``format=geojson``, a FeatureCollection of those that have coordinates."""
        db = stores.get()
        categories = [c for c in category if c.strip()]
        if dedupe:
            clusters = event_clusters(db, filters, categories=categories, limit=limit)
            return events_to_geojson(clusters) if fmt == "geojson" else clusters
        reports = stored_events(db, filters, categories=categories, limit=limit)
        if fmt == "geojson":
            features: list[dict[str, Any]] = []
            for doc, ev in reports:
                features.extend(events_to_geojson([ev], document=doc)["features"])
            return {"type": "FeatureCollection", "features": features}
        return [EventReport(document=doc, event=ev) for doc, ev in reports]
