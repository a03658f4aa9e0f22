"""Events as GeoJSON point features (RFC 7946: longitude first)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from presslens.events.dedup import EventCluster
from presslens.model import Event, EventPlace

__all__ = ["cluster_feature", "event_feature", "events_to_geojson"]


def _point(place: EventPlace | None) -> dict[str, Any] | None:
    if place is None or place.lat is None or place.lon is None:
        return None
    return {"type": "Point", "coordinates": [place.lon, place.lat]}


def _casualties(ev: Event | EventCluster) -> dict[str, int | None]:
    out: dict[str, int | None] = {}
    for c in ev.casualties:
        key = c.kind if not c.who else f"{c.kind}:{c.who}"
        out[key] = c.count
    return out


def event_feature(ev: Event, document: str | None = None) -> dict[str, Any] | None:
    """One event as a feature at its place (a MOVE at its destination, else its origin);
    None when it has no coordinates."""
    place = ev.place if _point(ev.place) else ev.origin
    geometry = _point(place)
    if geometry is None or place is None:
        return None
    return {
        "type": "Feature",
        "geometry": geometry,
        "properties": {
            "layer": "event",
            "id": ev.id,
            "document": document,
            "category": ev.category,
            "mode": ev.mode,
            "cameo": ev.cameo,
            "status": ev.status,
            "actor": ev.actor.name or ev.actor.text if ev.actor else None,
            "actor_id": ev.actor.entity_id if ev.actor else None,
            "target": ev.target.name or ev.target.text if ev.target else None,
            "target_id": ev.target.entity_id if ev.target else None,
            "place": place.name or place.text,
            "geonames_id": place.geonames_id,
            "country_code": place.country_code,
            "origin": (ev.origin.name or ev.origin.text) if ev.origin else None,
            "time": ev.time.value if ev.time else None,
            "time_text": ev.time.text if ev.time else None,
            "casualties": _casualties(ev),
            "trigger": ev.trigger_text,
            "evidence": ev.evidence_text,
            "start": ev.evidence.start,
            "end": ev.evidence.end,
            "attribution_id": ev.attribution_id,
            "confidence": ev.confidence,
        },
    }


def cluster_feature(c: EventCluster) -> dict[str, Any] | None:
    """A deduplicated event as a feature, with its sources."""
    geometry = _point(c.place) or _point(c.origin)
    place = c.place if _point(c.place) else c.origin
    if geometry is None or place is None:
        return None
    return {
        "type": "Feature",
        "geometry": geometry,
        "properties": {
            "layer": "event_cluster",
            "id": c.id,
            "category": c.category,
            "mode": c.mode,
            "status": c.status,
            "actor": c.actor,
            "target": c.target,
            "place": place.name or place.text,
            "geonames_id": place.geonames_id,
            "date_from": c.date_from.isoformat() if c.date_from else None,
            "date_to": c.date_to.isoformat() if c.date_to else None,
            "casualties": _casualties(c),
            "sources": c.sources,
            "reports": len(c.members),
            "confidence": c.confidence,
        },
    }


def events_to_geojson(
    events: Iterable[Event | EventCluster], *, document: str | None = None
) -> dict[str, Any]:
    """A FeatureCollection of events (or deduplicated clusters) that have coordinates.

    ``document`` (e.g. the analysis' content hash) is recorded on each event's feature."""
    features: list[dict[str, Any]] = []
    for ev in events:
        feat = cluster_feature(ev) if isinstance(ev, EventCluster) else event_feature(ev, document)
        if feat is not None:
            features.append(feat)
    return {"type": "FeatureCollection", "features": features}
