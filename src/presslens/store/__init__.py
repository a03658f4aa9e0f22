"""The store: analyses kept in SQLite (embedded, the default) or PostgreSQL, one schema.

>>> from presslens.store import open_store, search, Filters
>>> with open_store("news.db") as store:             # or "postgresql://user@host/db"
...     store.add(presslens.analyze(text))
...     page = search(store, Filters(q="missile", outlet="example.org"), limit=20)

Opening a store creates it if needed and applies any missing schema migrations. See
docs/store.md for URL forms, the tables, migrations and resume semantics.
"""

from __future__ import annotations

from pathlib import Path

from presslens.store.aggregate import (
    EntityGraph,
    GraphEdge,
    GraphNode,
    OutletProfile,
    TimelinePoint,
    cooccurrence,
    outlet_profiles,
    timeline,
)
from presslens.store.base import ErrorRecord, Store
from presslens.store.events import MAX_EVENTS, event_clusters, stored_events
from presslens.store.filters import Filters
from presslens.store.schema import LATEST_VERSION, MIGRATIONS
from presslens.store.search import (
    FACETS,
    MAX_PAGE_SIZE,
    FacetValue,
    Hit,
    SearchResult,
    facet_counts,
    search,
)
from presslens.store.url import StoreURL, parse_store_url

__all__ = [
    "FACETS",
    "LATEST_VERSION",
    "MAX_EVENTS",
    "MAX_PAGE_SIZE",
    "MIGRATIONS",
    "EntityGraph",
    "ErrorRecord",
    "FacetValue",
    "Filters",
    "GraphEdge",
    "GraphNode",
    "Hit",
    "OutletProfile",
    "SearchResult",
    "Store",
    "StoreURL",
    "TimelinePoint",
    "cooccurrence",
    "event_clusters",
    "facet_counts",
    "open_store",
    "outlet_profiles",
    "parse_store_url",
    "search",
    "stored_events",
    "timeline",
]


def open_store(url: str | Path, *, migrate: bool = True) -> Store:
    """Open (creating if needed) the store a URL or path names.

    ``migrate=False`` opens it as it is, for tools that inspect or migrate step by step.
    """
    parsed = parse_store_url(url)
    store: Store
    if parsed.backend == "sqlite":
        from presslens.store.sqlite import SQLiteStore

        store = SQLiteStore(parsed)
    else:
        from presslens.store.postgres import PostgresStore

        store = PostgresStore(parsed)
    if migrate:
        try:
            store.migrate()
        except BaseException:
            store.close()
            raise
    return store
