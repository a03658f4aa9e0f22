"""Aggregations over the stored analyses: outlet profiles, the entity co-occurrence graph
and the timeline. Each takes the same ``Filters`` as search, and returns the same values on
both backends: ties are broken in Python or by byte order, never by a database collation.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict

from presslens.store.base import Store, as_date
from presslens.store.filters import Filters, Selection, select

__all__ = [
    "EntityGraph",
    "GraphEdge",
    "GraphNode",
    "OutletProfile",
    "TimelinePoint",
    "cooccurrence",
    "outlet_profiles",
    "timeline",
]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OutletProfile(_Frozen):
    outlet: str
    documents: int
    first_published: dt.date | None
    last_published: dt.date | None
    status: str | None  # rated / unrated / … from the outlet layer, when it ran
    verdicts: dict[str, int]  # how many reliability lists say reliable / mixed / unreliable
    analysed: int  # documents with more than the structure layer
    techniques: dict[str, int]  # technique spans per technique, most frequent first
    documents_with_techniques: int
    attributions: int  # article attributions (comments' excluded)
    sourcing: dict[str, float]  # share of article attributions per source class
    comments: int  # comments assessed by the comments layer
    flagged_comments: int
    comment_flags: dict[str, float]  # share of assessed comments carrying each flag


class GraphNode(_Frozen):
    id: str
    name: str
    type: str
    documents: int


class GraphEdge(_Frozen):
    source: str
    target: str
    weight: int  # documents mentioning both


class EntityGraph(_Frozen):
    nodes: list[GraphNode]
    edges: list[GraphEdge]


class TimelinePoint(_Frozen):
    day: dt.date
    documents: int  # documents published that day
    mentions: int  # date expressions resolving to that day
    events: int = 0  # events (from the events layer) dated to that day


def _ranked(counts: dict[str, int]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _by_outlet(
    store: Store, sel: Selection, outlets: list[str], body: str, group: str
) -> list[tuple[Any, ...]]:
    """Rows of ``SELECT d.outlet, … {body} WHERE selected AND outlet in top GROUP BY …``."""
    marks = ", ".join("?" * len(outlets))
    return store.query(
        f"SELECT d.outlet, {body} {sel.join} WHERE {sel.where} "
        f"AND d.outlet IN ({marks}) GROUP BY d.outlet{group}",
        (*sel.params, *outlets),
    )


def outlet_profiles(
    store: Store, filters: Filters | None = None, *, top: int = 20
) -> list[OutletProfile]:
    """The ``top`` outlets by matching documents, each with its techniques, sourcing and
    comment-section shares."""
    sel = select(store, filters)
    head = store.query(
        f"SELECT d.outlet, COUNT(*), MIN(d.published), MAX(d.published) FROM documents d "
        f"{sel.join} WHERE {sel.where} AND d.outlet IS NOT NULL GROUP BY d.outlet "
        f"ORDER BY COUNT(*) DESC, d.outlet{store.collate} LIMIT ?",
        (*sel.params, top),
    )
    if not head:
        return []
    names = [r[0] for r in head]
    marks = ", ".join("?" * len(names))
    ratings = {
        r[0]: (r[1], r[2])
        for r in store.query(
            f"SELECT outlet, status, verdicts FROM outlets WHERE outlet IN ({marks})", names
        )
    }
    docs = "FROM documents d"
    full = {
        r[0]: int(r[1])
        for r in store.query(
            f"SELECT d.outlet, COUNT(*) FROM documents d JOIN analyses a ON a.doc_id = d.id "
            f"{sel.join} WHERE {sel.where} AND a.structure_only = 0 AND d.outlet IN ({marks}) "
            "GROUP BY d.outlet",
            (*sel.params, *names),
        )
    }
    techniques: dict[str, dict[str, int]] = defaultdict(dict)
    for outlet, technique, n in _by_outlet(
        store,
        sel,
        names,
        f"t.technique, COUNT(*) {docs} JOIN techniques t ON t.doc_id = d.id",
        ", t.technique",
    ):
        techniques[outlet][technique] = int(n)
    with_techniques = {
        r[0]: int(r[1])
        for r in _by_outlet(
            store,
            sel,
            names,
            f"COUNT(DISTINCT t.doc_id) {docs} JOIN techniques t ON t.doc_id = d.id",
            "",
        )
    }
    sourcing: dict[str, dict[str, int]] = defaultdict(dict)
    for outlet, source_class, n in _by_outlet(
        store,
        sel,
        names,
        f"q.source_class, COUNT(*) {docs} JOIN quotes q ON q.doc_id = d.id AND q.in_comment = 0",
        ", q.source_class",
    ):
        sourcing[outlet][source_class] = int(n)
    assessed_join = (
        f"{docs} JOIN analyses a ON a.doc_id = d.id "
        "AND a.analyzers LIKE '%presslens.comments%' JOIN comments c ON c.doc_id = d.id"
    )
    assessed: dict[str, tuple[int, int]] = {
        r[0]: (int(r[1]), int(r[2] or 0))
        for r in _by_outlet(
            store,
            sel,
            names,
            f"COUNT(*), SUM(CASE WHEN c.flags <> '' THEN 1 ELSE 0 END) {assessed_join}",
            "",
        )
    }
    flags: dict[str, dict[str, int]] = defaultdict(dict)
    for outlet, flag, n in _by_outlet(
        store,
        sel,
        names,
        f"f.flag, COUNT(*) {docs} JOIN comment_flags f ON f.doc_id = d.id",
        ", f.flag",
    ):
        flags[outlet][flag] = int(n)
    profiles = []
    for outlet, n_docs, first, last in head:
        status, verdicts = ratings.get(outlet, (None, None))
        counts = sourcing.get(outlet, {})
        n_quotes = sum(counts.values())
        n_comments, n_flagged = assessed.get(outlet, (0, 0))
        profiles.append(
            OutletProfile(
                outlet=outlet,
                documents=int(n_docs),
                first_published=as_date(first),
                last_published=as_date(last),
                status=status,
                verdicts={
                    k: int(v) for k, _, v in (p.partition("=") for p in (verdicts or "").split())
                },
                analysed=full.get(outlet, 0),
                techniques=_ranked(techniques.get(outlet, {})),
                documents_with_techniques=with_techniques.get(outlet, 0),
                attributions=n_quotes,
                sourcing={k: round(v / n_quotes, 4) for k, v in sorted(counts.items())},
                comments=n_comments,
                flagged_comments=n_flagged,
                comment_flags={
                    k: round(v / n_comments, 4) if n_comments else 0.0
                    for k, v in sorted(flags.get(outlet, {}).items())
                },
            )
        )
    return profiles


def cooccurrence(
    store: Store,
    filters: Filters | None = None,
    *,
    top: int = 50,
    min_weight: int = 1,
    types: Sequence[str] = (),
    article_only: bool = True,
    max_edges: int = 500,
) -> EntityGraph:
    """The ``top`` entities by matching documents, and how many documents name each pair.

    ``article_only`` counts an entity only where the article (not a comment) names it.
    """
    sel = select(store, filters)

    def kept(alias: str) -> str:
        cond = f"{alias}.article_mentions > 0" if article_only else "1 = 1"
        if types:
            cond += f" AND {alias}.type IN ({', '.join('?' * len(types))})"
        return cond

    cond = kept("e")
    params: list[Any] = [*sel.params, *types]
    rows = store.query(
        f"SELECT e.entity_id, COUNT(*) FROM entities e WHERE e.doc_id IN ({sel.ids}) "
        f"AND {cond} GROUP BY e.entity_id ORDER BY COUNT(*) DESC, e.entity_id{store.collate} "
        "LIMIT ?",
        (*params, top),
    )
    if not rows:
        return EntityGraph(nodes=[], edges=[])
    ids = [r[0] for r in rows]
    marks = ", ".join("?" * len(ids))
    names: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    for entity_id, name, kind, n in store.query(
        f"SELECT e.entity_id, e.name, e.type, COUNT(*) FROM entities e "
        f"WHERE e.doc_id IN ({sel.ids}) AND {cond} AND e.entity_id IN ({marks}) "
        "GROUP BY e.entity_id, e.name, e.type",
        (*params, *ids),
    ):
        names[entity_id][(name, kind)] += int(n)
    nodes = []
    for entity_id, n in rows:
        # the name most documents use; ties to the first in code-point order
        (name, kind), _ = min(names[entity_id].items(), key=lambda kv: (-kv[1], kv[0]))
        nodes.append(GraphNode(id=entity_id, name=name, type=kind, documents=int(n)))
    both = f"{kept('a')} AND {kept('b')}"
    pair_params = [*sel.params, *types, *types]
    edges: list[GraphEdge] = []
    for a, b, n in store.query(
        f"SELECT a.entity_id, b.entity_id, COUNT(*) FROM entities a "
        f"JOIN entities b ON b.doc_id = a.doc_id AND a.entity_id < b.entity_id "
        f"WHERE a.doc_id IN ({sel.ids}) AND {both} "
        f"AND a.entity_id IN ({marks}) AND b.entity_id IN ({marks}) "
        "GROUP BY a.entity_id, b.entity_id HAVING COUNT(*) >= ?",
        (*pair_params, *ids, *ids, min_weight),
    ):
        # each pair comes once, oriented by the database's collation: re-orient by code point
        source, target = sorted((a, b))
        edges.append(GraphEdge(source=source, target=target, weight=int(n)))
    edges.sort(key=lambda e: (-e.weight, e.source, e.target))
    return EntityGraph(nodes=nodes, edges=edges[:max_edges])


def timeline(
    store: Store, filters: Filters | None = None, *, article_only: bool = True
) -> list[TimelinePoint]:
    """Per day: matching documents published, and dated mentions resolving to that day.

    A date range in ``filters`` bounds both the documents and the mentioned days.
    """
    f = filters or Filters()
    sel = select(store, f)
    days: dict[dt.date, list[int]] = defaultdict(lambda: [0, 0, 0])
    for day, n in store.query(
        f"SELECT d.published, COUNT(*) FROM documents d {sel.join} WHERE {sel.where} "
        "AND d.published IS NOT NULL GROUP BY d.published",
        sel.params,
    ):
        days[as_date(day) or dt.date.min][0] += int(n)
    cond = "t.in_comment = 0" if article_only else "1 = 1"
    extra: list[Any] = []
    if f.date_from is not None:
        cond += " AND t.day >= ?"
        extra.append(f.date_from.isoformat())
    if f.date_to is not None:
        cond += " AND t.day <= ?"
        extra.append(f.date_to.isoformat())
    for day, n in store.query(
        f"SELECT t.day, COUNT(*) FROM times t WHERE t.day IS NOT NULL AND {cond} "
        f"AND t.doc_id IN ({sel.ids}) GROUP BY t.day",
        (*extra, *sel.params),
    ):
        days[as_date(day) or dt.date.min][1] += int(n)
    bounds = cond.replace("t.in_comment = 0", "1 = 1").replace("t.day", "e.day")
    for day, n in store.query(
        f"SELECT e.day, COUNT(*) FROM events e WHERE e.day IS NOT NULL AND {bounds} "
        f"AND e.doc_id IN ({sel.ids}) GROUP BY e.day",
        (*extra, *sel.params),
    ):
        days[as_date(day) or dt.date.min][2] += int(n)
    return [
        TimelinePoint(day=day, documents=counts[0], mentions=counts[1], events=counts[2])
        for day, counts in sorted(days.items())
    ]
