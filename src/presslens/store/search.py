"""Full-text search with filters and facets, one page at a time.

``search(store, Filters(q="missile strike", outlet="example.org"), limit=20)`` returns the
page's hits, the total number of matching documents and, for each facet, the most frequent
values among *all* matching documents (not just the page), so a dashboard can offer them as
the next filters. Both backends return the same documents, totals and facet counts; the
relevance order and the snippets are each backend's own (BM25 in SQLite, ``ts_rank_cd`` in
PostgreSQL), so ``order="newest"`` or ``"oldest"`` is the order to rely on across backends.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict

from presslens.store.aliases import AliasKind
from presslens.store.base import Store, as_date
from presslens.store.errors import page_size_out_of_range
from presslens.store.filters import Filters, Selection, select
from presslens.store.rows import name_key

__all__ = [
    "FACETS",
    "MAX_PAGE_SIZE",
    "FacetValue",
    "Hit",
    "Order",
    "SearchResult",
    "facet_counts",
    "search",
]

MAX_PAGE_SIZE = 100
FACETS = ("outlet", "entity", "place", "technique", "speaker", "flag")
Order = Literal["relevance", "newest", "oldest"]
_PREVIEW = 200


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Hit(_Frozen):
    content_hash: str
    title: str | None
    outlet: str | None
    site: str | None
    url: str | None
    published: dt.date | None
    source: str
    snippet: str


class FacetValue(_Frozen):
    value: str  # what to filter by (an entity id, a GeoNames id, a name)
    label: str  # what to show: the canonical name
    count: int  # matching documents with this value
    matched: str | None = None  # the alias of a filter that found this value ("Raqqa")


class SearchResult(_Frozen):
    total: int
    limit: int
    offset: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]


def _facet_sql(store: Store, facet: str, sel: Selection) -> str:
    c = store.collate
    inner = f"x.doc_id IN ({sel.ids})"
    if facet == "outlet":
        return (
            f"SELECT d.outlet, MIN(d.outlet), COUNT(*) FROM documents d {sel.join} "
            f"WHERE {sel.where} AND d.outlet IS NOT NULL GROUP BY d.outlet "
            f"ORDER BY COUNT(*) DESC, d.outlet{c} LIMIT ?"
        )
    table, value, label, extra = {
        "entity": ("entities", "x.entity_id", f"MIN(x.name{c})", ""),
        "place": ("places", "x.geonameid", f"MIN(x.name{c})", "AND x.geonameid IS NOT NULL"),
        "technique": ("techniques", "x.technique", "MIN(x.technique)", ""),
        "speaker": ("quotes", "x.speaker_key", f"MIN(x.speaker{c})", "AND x.speaker IS NOT NULL"),
        "flag": ("comment_flags", "x.flag", "MIN(x.flag)", ""),
    }[facet]
    order = value if facet == "place" else f"{value}{c}"
    return (
        f"SELECT {value}, {label}, COUNT(DISTINCT x.doc_id) FROM {table} x "
        f"WHERE {inner} {extra} GROUP BY {value} "
        f"ORDER BY COUNT(DISTINCT x.doc_id) DESC, {order} LIMIT ?"
    )


def facet_counts(
    store: Store, filters: Filters | None = None, facets: Sequence[str] = FACETS, size: int = 10
) -> dict[str, list[FacetValue]]:
    """The ``size`` most frequent values of each facet among the matching documents."""
    sel = select(store, filters)
    out: dict[str, list[FacetValue]] = {}
    for facet in facets:
        if facet not in FACETS:
            raise ValueError(f"unknown facet {facet!r}; facets: {', '.join(FACETS)}")
        rows = store.query(_facet_sql(store, facet, sel), (*sel.params, size))
        matched = _matched_aliases(store, facet, filters)
        out[facet] = [
            FacetValue(
                value=str(r[0]), label=str(r[1]), count=int(r[2]), matched=matched.get(str(r[0]))
            )
            for r in rows
        ]
    return out


_ALIAS_FACETS: dict[str, AliasKind] = {"entity": "entity", "place": "place", "speaker": "speaker"}


def _matched_aliases(store: Store, facet: str, filters: Filters | None) -> dict[str, str]:
    """For each facet value a filter of the same facet found by an alias: that alias."""
    kind = _ALIAS_FACETS.get(facet)
    if kind is None or filters is None:
        return {}
    out: dict[str, str] = {}
    for value in getattr(filters, facet):
        key = name_key(value)
        if key is None:
            continue
        column = "geonameid" if kind == "place" else "canonical"
        rows = store.query(
            f"SELECT DISTINCT a.{column} FROM aliases a WHERE a.kind = ? AND a.alias_key = ?",
            (kind, key),
        )
        for (canonical,) in rows:
            out.setdefault(str(canonical), value)
    return out


def search(
    store: Store,
    filters: Filters | str | None = None,
    *,
    limit: int = 20,
    offset: int = 0,
    order: Order = "relevance",
    facets: bool | Sequence[str] = True,
    facet_size: int = 10,
) -> SearchResult:
    """One page of the documents matching ``filters`` (a query string is ``Filters(q=…)``)."""
    if not 1 <= limit <= MAX_PAGE_SIZE:
        raise page_size_out_of_range(limit, MAX_PAGE_SIZE)
    offset = max(0, offset)
    f = Filters(q=filters) if isinstance(filters, str) else (filters or Filters())
    sel = select(store, f)
    total = int(
        store.query(f"SELECT COUNT(*) FROM documents d {sel.join} WHERE {sel.where}", sel.params)[
            0
        ][0]
    )
    c = store.collate
    by_date = "d.published DESC NULLS LAST" if order != "oldest" else "d.published ASC NULLS LAST"
    keys = [by_date, f"d.content_hash{c}"]
    params = list(sel.params)
    if order == "relevance" and sel.rank is not None:
        keys.insert(0, sel.rank)
        params.extend(sel.rank_params)
    rows = store.query(
        "SELECT d.id, d.content_hash, d.title, d.outlet, d.site, d.url, d.published, d.source, "
        f"substr(d.text, 1, {_PREVIEW * 2}) FROM documents d {sel.join} WHERE {sel.where} "
        f"ORDER BY {', '.join(keys)} LIMIT ? OFFSET ?",
        (*params, limit, offset),
    )
    snippets = store.snippets([int(r[0]) for r in rows], f.q) if f.q and rows else {}
    hits = [
        Hit(
            content_hash=r[1],
            title=r[2],
            outlet=r[3],
            site=r[4],
            url=r[5],
            published=as_date(r[6]),
            source=r[7],
            snippet=" ".join(snippets[int(r[0])].split())
            if int(r[0]) in snippets
            else _preview(r[8]),
        )
        for r in rows
    ]
    chosen = FACETS if facets is True else (() if facets is False else tuple(facets))
    return SearchResult(
        total=total,
        limit=limit,
        offset=offset,
        hits=hits,
        facets=facet_counts(store, f, chosen, facet_size) if chosen else {},
    )


def _preview(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _PREVIEW else flat[: _PREVIEW - 1].rstrip() + "…"
