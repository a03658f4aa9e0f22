"""The dashboard: server-rendered pages over the store (search, article, map, timeline,
outlets), with a little JavaScript from ``web/static`` and nothing from any other server.

Templates autoescape everything; the Content-Security-Policy set in ``api/app.py`` allows
scripts from this server only, so even a missed escape could not run injected script.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import quote, urlencode

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from starlette.responses import Response

from presslens.about import __version__
from presslens.api.store_routes import FiltersDep, StorePool, outlet_detail, place_points
from presslens.errors import PresslensError
from presslens.propaganda.techniques import label as technique_label
from presslens.render.comments import FLAG_LABELS
from presslens.render.quotes import class_label
from presslens.render.techniques import technique_css, technique_slug
from presslens.store import Filters, outlet_profiles, search, timeline
from presslens.web.timeline import BINS, axis, chart
from presslens.web.views import (
    LAYERS,
    active_filters,
    article_view,
    facet_links,
    snippet_html,
)

__all__ = ["STATIC_DIR", "TEMPLATE_DIR", "add_dashboard", "environment", "html_error_page"]

_WEB = Path(str(resources.files("presslens.web")))
TEMPLATE_DIR = _WEB / "templates"
STATIC_DIR = _WEB / "static"
_NOT_PAGES = ("/api/", "/openapi", "/static/")
FACET_TITLES = {
    "outlet": "Outlet",
    "entity": "Entity",
    "place": "Place",
    "technique": "Technique",
    "speaker": "Speaker",
    "flag": "Comment flag",
}


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["path"] = lambda v: quote(str(v), safe="")
    env.filters["pct"] = lambda v: f"{float(v):.0%}"
    env.filters["technique"] = technique_label
    env.filters["slug"] = technique_slug
    env.filters["source_class"] = class_label
    env.filters["flag"] = lambda v: FLAG_LABELS.get(str(v), str(v))
    env.globals["version"] = __version__
    env.globals["technique_css"] = Markup(technique_css())
    return env


def _page(template: str, code: int = 200, **context: Any) -> HTMLResponse:
    html = environment().get_template(template).render(**context)
    return HTMLResponse(html, status_code=code)


def html_error_page(request: Request, err: PresslensError, status: int) -> Response | None:
    """Dashboard pages answer errors as a page; the API and static files keep the envelope."""
    path = request.url.path
    if path.startswith(_NOT_PAGES) or "text/html" not in request.headers.get("accept", "text/html"):
        return None
    return _page("error.html", status, err=err, status=status, filters=Filters(), params=[])


def _params(request: Request) -> list[tuple[str, str]]:
    return list(request.query_params.multi_items())


def add_dashboard(app: FastAPI, pool: StorePool) -> None:
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")

    @app.get("/", include_in_schema=False, response_class=HTMLResponse)
    def search_page(
        request: Request,
        filters: FiltersDep,
        offset: Annotated[int, Query(ge=0)] = 0,
        order: Literal["relevance", "newest", "oldest"] = "relevance",
    ) -> HTMLResponse:
        db = pool.get()
        # the page shows the facets beside the hits (the API computes them only when asked)
        result = search(db, filters, limit=20, offset=offset, order=order, facets=True)
        params = _params(request)
        paging = [(k, v) for k, v in params if k != "offset"]
        return _page(
            "search.html",
            filters=filters,
            params=params,
            result=result,
            snippets=[snippet_html(h.snippet) for h in result.hits],
            facets=facet_links(params, result.facets),
            facet_titles=FACET_TITLES,
            active=active_filters(params),
            order=order,
            prev_href="/?" + urlencode([*paging, ("offset", max(0, offset - 20))])
            if offset > 0
            else None,
            next_href="/?" + urlencode([*paging, ("offset", offset + 20)])
            if offset + 20 < result.total
            else None,
        )

    @app.get("/documents/{content_hash}", include_in_schema=False, response_class=HTMLResponse)
    def article_page(content_hash: str) -> HTMLResponse:
        db = pool.get()
        a = db.get(content_hash)
        if a is None:
            raise PresslensError(
                "E022", kind="document", value=content_hash, hint="the search page"
            )
        rows = db.query("SELECT outlet FROM documents WHERE content_hash = ?", (content_hash,))
        view = article_view(a, rows[0][0] if rows else None)
        return _page("article.html", v=view, layers=LAYERS, filters=Filters(), params=[])

    @app.get("/map", include_in_schema=False, response_class=HTMLResponse)
    def map_page(request: Request, filters: FiltersDep) -> HTMLResponse:
        points = place_points(pool.get(), filters, top=50)
        query = urlencode(_params(request))
        return _page(
            "map.html",
            filters=filters,
            params=_params(request),
            points=points,
            places_url=f"/api/v1/places?{query}" if query else "/api/v1/places",
            events_url="/api/v1/events?dedupe=true&format=geojson" + (f"&{query}" if query else ""),
        )

    @app.get("/timeline", include_in_schema=False, response_class=HTMLResponse)
    def timeline_page(
        request: Request,
        filters: FiltersDep,
        bin: Literal["day", "week", "month"] | None = None,
        clip: bool = True,
    ) -> HTMLResponse:
        points = timeline(pool.get(), filters)
        ax = axis(points, bin, clip)
        params = _params(request)
        kept = [(k, v) for k, v in params if k not in ("bin", "clip")]
        clip_pair = [] if clip else [("clip", "false")]
        return _page(
            "timeline.html",
            filters=filters,
            params=params,
            points=points,
            axis=ax,
            clip=clip,
            bin_links=[
                (b, "/timeline?" + urlencode([*kept, *clip_pair, ("bin", b)])) for b in BINS
            ],
            all_href="/timeline?"
            + urlencode(
                [*kept, *([("bin", bin)] if bin else []), *([("clip", "false")] if clip else [])]
            ),
            documents=chart(points, "documents", ax),
            mentions=chart(points, "mentions", ax),
            events=chart(points, "events", ax),
            has_events=any(p.events for p in points),
        )

    @app.get("/outlets", include_in_schema=False, response_class=HTMLResponse)
    def outlets_page(request: Request, filters: FiltersDep) -> HTMLResponse:
        profiles = outlet_profiles(pool.get(), filters, top=100)
        return _page("outlets.html", filters=filters, params=_params(request), profiles=profiles)

    # {outlet:path}: outlet names may hold "/"
    @app.get("/outlets/{outlet:path}", include_in_schema=False, response_class=HTMLResponse)
    def outlet_page(outlet: str) -> HTMLResponse:
        detail = outlet_detail(pool.get(), outlet)
        return _page(
            "outlet.html",
            d=detail,
            p=detail.profile,
            volume=chart(detail.timeline, "documents", axis(detail.timeline), 600, 120),
            filters=Filters(outlet=[outlet]),
            params=[("outlet", outlet)],
            search_href="/?" + urlencode([("outlet", outlet)]),
        )
