"""Event extraction support: the PLOVER lexicon, casualty counts, clause extraction,
cross-document deduplication and the GeoJSON export of events."""

from presslens.events.dedup import EventCluster, dedupe_events
from presslens.events.geojson import events_to_geojson

__all__ = ["EventCluster", "dedupe_events", "events_to_geojson"]
