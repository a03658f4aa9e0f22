"""The API's store endpoints: ingest, search, read one analysis, and the aggregations
(outlet profiles and detail, entity co-occurrence graph, timeline, places for the map).

Each worker thread keeps its own store connection (``StorePool``): SQLite connections may
not cross threads, and one connection per thread needs no locking around reads.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hmac
import json
import threading
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Query, Request, Response, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, BeforeValidator, ConfigDict

from presslens.api.schemas import AnalyzeRequest, ApiSettings
from presslens.errors import PresslensError
from presslens.model import Analysis, CommentFlag, Outlet
from presslens.store import (
    FACETS,
    MAX_PAGE_SIZE,
    EntityGraph,
    Filters,
    OutletProfile,
    SearchResult,
    Store,
    TimelinePoint,
    cooccurrence,
    open_store,
    outlet_profiles,
    search,
    timeline,
)
from presslens.store.filters import select

__all__ = [
    "FiltersDep",
    "IngestResult",
    "OutletDetail",
    "PlacePoint",
    "PoolDep",
    "SignalSummary",
    "StorePool",
    "add_store_routes",
    "facet_names",
    "outlet_detail",
    "outlet_signals",
    "place_points",
    "query_filters",
]

_PREFIX = "/api/v1"
# Repeated filters in one request, in all: each is a join or an EXISTS in the query, and
# hundreds of them keep a database busy for minutes (E084 past it).
MAX_FILTER_VALUES = 50
_BIG = 2**31 - 1  # offsets and weights above this cannot mean anything in a store
bearer_scheme = "bearerAuth"
_BEARER = HTTPBearer(
    auto_error=False,
    scheme_name=bearer_scheme,
    description="the API token the server was started with (PRESSLENS_API_TOKEN)",
)


class StorePool:
    """One open store per thread, opened on first use; ``close_all`` at shutdown."""

    def __init__(self, url: str | None, timeout: float | None = None) -> None:
        self.url = url
        self.timeout = timeout  # per request (Store.begin_request); None: unlimited
        self._local = threading.local()
        self._lock = threading.Lock()
        self._opened: list[Store] = []

    def get(self) -> Store:
        if self.url is None:
            raise PresslensError("E052")
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.url)
            self._local.store = store
            with self._lock:
                self._opened.append(store)
            store.request_timeout = self.timeout
        store.begin_request()  # every endpoint asks once, first: the request's clock starts
        return store

    def close_all(self) -> None:
        with self._lock:
            opened, self._opened = self._opened, []
        for store in opened:
            # a SQLite handle may only be closed by the thread that opened it
            with contextlib.suppress(Exception):
                store.close()


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class IngestResult(_Frozen):
    content_hash: str
    added: bool  # False: the store already held this document
    href: str


class PlacePoint(_Frozen):
    geonameid: int
    name: str
    country_code: str | None
    lat: float
    lon: float
    documents: int  # matching documents naming the place
    mentions: int


class SignalSummary(_Frozen):
    id: str
    name: str
    documents: int  # of the outlet's latest documents, how many carry this signal
    attention: int  # how many of those flag it as worth a closer look
    latest: str  # the observation on the most recent of them


class OutletDetail(_Frozen):
    profile: OutletProfile
    timeline: list[TimelinePoint]
    reliability: Outlet  # the shipped reliability lists' ratings, each with its source
    signals: list[SignalSummary]  # the signals cards of its latest documents, summed up
    signals_over: int  # how many documents those are


# an HTML form sends an empty date field as "": that means no bound, not a bad date
OptionalDate = Annotated[dt.date | None, BeforeValidator(lambda v: v or None)]


def query_filters(
    q: Annotated[str | None, Query(description="full-text query", max_length=500)] = None,
    outlet: Annotated[list[str], Query(description="registered domain or site")] = [],  # noqa: B006
    entity: Annotated[list[str], Query(description="entity id or name")] = [],  # noqa: B006
    place: Annotated[list[str], Query(description="GeoNames id or place name")] = [],  # noqa: B006
    technique: Annotated[list[str], Query(description="propaganda technique")] = [],  # noqa: B006
    speaker: Annotated[list[str], Query(description="quoted speaker")] = [],  # noqa: B006
    flag: Annotated[list[CommentFlag], Query(description="a comment carries it")] = [],  # noqa: B006
    date_from: Annotated[OptionalDate, Query(description="published on or after")] = None,
    date_to: Annotated[OptionalDate, Query(description="published on or before")] = None,
) -> Filters:
    """The search filters of a query string (every list filter may repeat)."""
    lists: list[list[Any]] = [outlet, entity, place, technique, speaker, list(flag)]
    count = sum(len(v) for v in lists)
    if count > MAX_FILTER_VALUES:
        raise PresslensError("E084", count=count, limit=MAX_FILTER_VALUES)
    return Filters(
        q=q,
        outlet=[v for v in outlet if v.strip()],
        entity=[v for v in entity if v.strip()],
        place=[v for v in place if v.strip()],
        technique=[v for v in technique if v.strip()],
        speaker=[v for v in speaker if v.strip()],
        flag=flag,
        date_from=date_from,
        date_to=date_to,
    )


def place_points(
    store: Store, filters: Filters | None = None, *, top: int = 500, article_only: bool = True
) -> list[PlacePoint]:
    """Resolved places named by the matching documents, most documents first."""
    sel = select(store, filters)
    cond = "p.in_comment = 0" if article_only else "1 = 1"
    rows = store.query(
        "SELECT p.geonameid, MIN(p.name), MIN(p.country_code), AVG(p.lat), AVG(p.lon), "
        f"COUNT(DISTINCT p.doc_id), COUNT(*) FROM places p WHERE p.doc_id IN ({sel.ids}) "
        f"AND p.geonameid IS NOT NULL AND p.lat IS NOT NULL AND p.lon IS NOT NULL AND {cond} "
        "GROUP BY p.geonameid ORDER BY COUNT(DISTINCT p.doc_id) DESC, p.geonameid LIMIT ?",
        (*sel.params, top),
    )
    return [
        PlacePoint(
            geonameid=int(r[0]),
            name=str(r[1] or r[0]),
            country_code=r[2],
            lat=round(float(r[3]), 5),
            lon=round(float(r[4]), 5),
            documents=int(r[5]),
            mentions=int(r[6]),
        )
        for r in rows
    ]


def _pool(request: Request) -> StorePool:
    # the pool, not a store: FastAPI may run a dependency and its endpoint in different
    # threads, and a SQLite connection must stay in the thread that opened it
    pool: StorePool = request.app.state.pool
    return pool


PoolDep = Annotated[StorePool, Depends(_pool)]
FiltersDep = Annotated[Filters, Depends(query_filters)]
Limit = Annotated[
    int, Query(ge=1, le=_BIG, description="page size: at most the server's limit (100)")
]


def _bearer(request: Request) -> str | None:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def token_check(settings: ApiSettings) -> Any:
    """A dependency refusing requests without the server's token (E021 when it has none);
    declared in the OpenAPI description as the ``bearerAuth`` scheme."""

    def require_token(
        request: Request,
        _declared: Annotated[HTTPAuthorizationCredentials | None, Security(_BEARER)] = None,
    ) -> None:
        if settings.token is None:
            raise PresslensError("E021")
        given = _bearer(request)
        if given is None or not hmac.compare_digest(given.encode(), settings.token.encode()):
            raise PresslensError("E020")

    return require_token


def bounded_analysis(
    body: AnalyzeRequest, settings: ApiSettings, analyse_lock: threading.Lock
) -> Analysis:
    """Analyse a posted document within the server's bounds: its length (E083), the wait
    for the analyser (E086) and the seconds it may take (E082)."""
    from presslens.analysis import analyze

    if len(body.text) > settings.analyze_max_chars:
        raise PresslensError(
            "E083", source=body.source, chars=len(body.text), limit=settings.analyze_max_chars
        )
    if not analyse_lock.acquire(timeout=settings.analyze_wait):
        raise PresslensError("E086", wait=f"{settings.analyze_wait:g}")
    try:
        return analyze(
            body.text,
            published=body.published,
            url=body.url,
            source=body.source,
            nlp=settings.nlp,
            max_seconds=settings.analyze_max_seconds,
            max_chars=settings.analyze_max_chars,
        )
    finally:
        analyse_lock.release()


def facet_names(value: str | None) -> tuple[str, ...]:
    """The facets a request asks for: none unless named (E023 for an unknown name)."""
    raw = (value or "").strip().lower()
    if raw in ("", "false", "0", "no", "none"):
        return ()
    if raw in ("all", "true", "1", "yes"):
        return FACETS
    names = tuple(dict.fromkeys(n.strip() for n in raw.split(",") if n.strip()))
    unknown = [n for n in names if n not in FACETS]
    if unknown:
        reason = f"unknown facet {unknown[0]!r} (facets: {', '.join(FACETS)}, or all)"
        raise PresslensError("E023", reason=reason)
    return names


def add_store_routes(
    app: FastAPI, settings: ApiSettings, pool: StorePool, analyse_lock: threading.Lock
) -> None:
    page_limit = min(settings.max_page_size, MAX_PAGE_SIZE)
    require_token = token_check(settings)

    def bounded(limit: int) -> int:
        if limit > page_limit:
            raise PresslensError("E024", size=limit, limit=page_limit)
        return limit

    @app.post(
        f"{_PREFIX}/documents",
        response_model=IngestResult,
        status_code=201,
        tags=["store"],
        dependencies=[Depends(require_token)],
        responses={200: {"model": IngestResult, "description": "already stored"}},
    )
    def ingest_document(body: AnalyzeRequest, stores: PoolDep, response: Response) -> IngestResult:
        """Analyse a document and store it (needs ``Authorization: Bearer <token>``)."""
        a = bounded_analysis(body, settings, analyse_lock)
        db = stores.get()  # after the analysis: the request's database clock starts here
        added = db.add(a)
        if not added:
            response.status_code = 200
        h = a.document.content_hash
        return IngestResult(content_hash=h, added=added, href=f"{_PREFIX}/documents/{h}")

    @app.get(f"{_PREFIX}/search", response_model=SearchResult, tags=["store"])
    def search_documents(
        stores: PoolDep,
        filters: FiltersDep,
        limit: Limit = 20,
        offset: Annotated[int, Query(ge=0, le=_BIG)] = 0,
        order: Literal["relevance", "newest", "oldest"] = "relevance",
        facets: Annotated[
            str | None,
            Query(
                max_length=200,
                description=(
                    "Facet counts over all matches, computed only when asked: a comma-"
                    f"separated list of {', '.join(FACETS)}, or `all` (also `true`) for "
                    "every one. Omitted (or `false`): no facets, the fast search."
                ),
                examples=["outlet,place", "all"],
            ),
        ] = None,
    ) -> SearchResult:
        """One page of matching documents; facet counts over all matches when asked
        (``facets=outlet,place`` or ``facets=all``): they cost several times the search."""
        db = stores.get()
        chosen = facet_names(facets)
        return search(db, filters, limit=bounded(limit), offset=offset, order=order, facets=chosen)

    @app.get(f"{_PREFIX}/documents/{{content_hash}}", tags=["store"])
    def get_document(content_hash: str, stores: PoolDep) -> Response:
        """A stored document's Analysis JSON, exactly as it was stored."""
        db = stores.get()
        rows = db.query(
            "SELECT a.analysis FROM analyses a JOIN documents d ON d.id = a.doc_id "
            "WHERE d.content_hash = ?",
            (content_hash,),
        )
        if not rows:
            raise PresslensError(
                "E022", kind="document", value=content_hash, hint=f"GET {_PREFIX}/search"
            )
        # stored JSON is already the contract: no need to parse and re-serialise it
        return Response(rows[0][0], media_type="application/json")

    @app.get(f"{_PREFIX}/outlets", response_model=list[OutletProfile], tags=["aggregations"])
    def list_outlets(
        stores: PoolDep, filters: FiltersDep, top: Annotated[int, Query(ge=1, le=200)] = 20
    ) -> list[OutletProfile]:
        """Outlet profiles: volume, techniques, sourcing and comment-section shares."""
        db = stores.get()
        return outlet_profiles(db, filters, top=top)

    # {outlet:path}: an outlet's name may hold '/' ("example.org/news" sections)
    @app.get(
        f"{_PREFIX}/outlets/{{outlet:path}}", response_model=OutletDetail, tags=["aggregations"]
    )
    def get_outlet(outlet: str, stores: PoolDep) -> OutletDetail:
        """One outlet: its profile, documents per day, and its reliability ratings."""
        db = stores.get()
        return outlet_detail(db, outlet)

    @app.get(f"{_PREFIX}/graph", response_model=EntityGraph, tags=["aggregations"])
    def entity_graph(
        stores: PoolDep,
        filters: FiltersDep,
        top: Annotated[int, Query(ge=1, le=200)] = 50,
        min_weight: Annotated[int, Query(ge=1, le=_BIG)] = 1,
        types: Annotated[
            list[str], Query(description="entity types to keep", max_length=MAX_FILTER_VALUES)
        ] = [],  # noqa: B006
    ) -> EntityGraph:
        """Entity co-occurrence: the top entities and how many documents name each pair."""
        db = stores.get()
        return cooccurrence(db, filters, top=top, min_weight=min_weight, types=types)

    @app.get(f"{_PREFIX}/timeline", response_model=list[TimelinePoint], tags=["aggregations"])
    def get_timeline(stores: PoolDep, filters: FiltersDep) -> list[TimelinePoint]:
        """Per day: documents published, and dated mentions resolving to that day."""
        db = stores.get()
        return timeline(db, filters)

    @app.get(f"{_PREFIX}/places", response_model=list[PlacePoint], tags=["aggregations"])
    def get_places(
        stores: PoolDep,
        filters: FiltersDep,
        top: Annotated[int, Query(ge=1, le=2000)] = 500,
        comments: Annotated[bool, Query(description="count places named in comments")] = False,
    ) -> list[PlacePoint]:
        """Resolved places for the map: coordinates and how many documents name each."""
        db = stores.get()
        return place_points(db, filters, top=top, article_only=not comments)


def outlet_detail(db: Store, outlet: str) -> OutletDetail:
    """An outlet's profile, documents per day, and the shipped lists' ratings of it."""
    from presslens.outlets import lookup_outlet

    only = Filters(outlet=[outlet])
    profiles = outlet_profiles(db, only, top=1)
    if not profiles:
        raise PresslensError("E022", kind="outlet", value=outlet, hint=f"GET {_PREFIX}/outlets")
    signals, over = outlet_signals(db, profiles[0].outlet)
    return OutletDetail(
        profile=profiles[0],
        timeline=timeline(db, only),
        reliability=lookup_outlet(outlet),
        signals=signals,
        signals_over=over,
    )


def outlet_signals(db: Store, outlet: str, latest: int = 200) -> tuple[list[SignalSummary], int]:
    """The signals cards of an outlet's ``latest`` documents, counted per signal."""
    rows = db.query(
        "SELECT a.analysis FROM analyses a JOIN documents d ON d.id = a.doc_id "
        "WHERE d.outlet = ? ORDER BY d.published DESC NULLS LAST, d.id DESC LIMIT ?",
        (outlet, latest),
    )
    seen: dict[str, list[Any]] = {}  # id → [name, documents, attention, latest value]
    for (text,) in rows:
        card = (json.loads(text).get("signals") or {}).get("signals") or []
        for sig in card:
            entry = seen.setdefault(sig["id"], [sig["name"], 0, 0, sig["value"]])
            entry[1] += 1
            entry[2] += bool(sig.get("attention"))
    summaries = [
        SignalSummary(id=k, name=v[0], documents=v[1], attention=v[2], latest=v[3])
        for k, v in seen.items()
    ]
    return summaries, len(rows)
