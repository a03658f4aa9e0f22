"""GeoJSON export: every resolved place mention and every located event as a point."""

from __future__ import annotations

import json
from typing import Any

from presslens.model import Analysis

__all__ = ["render_geojson"]


def render_geojson(a: Analysis) -> str:
    features: list[dict[str, Any]] = []
    for p in a.places:
        if p.lat is None or p.lon is None:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
                "properties": {
                    "mention": p.text,
                    "start": p.span.start,
                    "end": p.span.end,
                    "in_comment": p.in_comment,
                    "geonameid": p.geonameid,
                    "name": p.name,
                    "feature_code": p.feature_code,
                    "country_code": p.country_code,
                    "admin1": p.admin1,
                    "confidence": p.confidence,
                    "reasons": p.reasons,
                    "entity_id": p.entity_id,
                    "document": a.document.content_hash,
                },
            }
        )
    # events go beside the place mentions; "layer" tells the two kinds of point apart
    from presslens.events.geojson import events_to_geojson

    for f in features:
        f["properties"]["layer"] = "place"
    features.extend(events_to_geojson(a.events, document=a.document.content_hash)["features"])
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, indent=2, ensure_ascii=False) + "\n"
