"""The HTTP API (FastAPI): analyse a posted document; with a store, ingest, search, read
analyses and aggregations; and the dashboard pages. ``create_app`` builds it;
``presslens serve`` runs it.

Read-only unless a token is configured; request bodies and pages are bounded; every API
error is the one JSON envelope of ``api/errors.py``.
"""

from __future__ import annotations

import re
import threading
from typing import Any
from urllib.parse import unquote_to_bytes

from fastapi import Depends, FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from presslens.about import __version__
from presslens.api.errors import CSP, SECURITY_HEADERS, error_response, install_error_handlers
from presslens.api.schemas import AnalyzeRequest, ApiSettings
from presslens.errors import PresslensError
from presslens.model import Analysis

__all__ = ["API_PREFIX", "CSP", "AnalyzeRequest", "ApiSettings", "create_app"]

API_PREFIX = "/api/v1"


class _RefuseNul:
    """A NUL or other C0 control character in the path or query string is refused (E088,
    400) before any endpoint sees it: no database accepts NUL in text, and no identifier,
    name or query needs it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            raw = scope.get("query_string", b"") or b""
            path = scope.get("path", "")
            decoded = unquote_to_bytes(raw.replace(b"+", b" "))
            where = "query string" if _CONTROL.search(decoded) else None
            if where is None and _CONTROL.search(path.encode("utf-8", "surrogatepass")):
                where = "path"
            if where is not None:
                err = PresslensError(
                    "E088",
                    name=f"the {where}",
                    value=(path if where == "path" else raw.decode("latin-1"))[:200],
                    reason="it holds a NUL or another control character",
                    fix="remove control characters (%00-%1F) from the request",
                )
                await error_response(err)(scope, receive, send)
                return
        await self.app(scope, receive, send)


_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class _BodyLimit:
    """Refuse bodies over the limit: at once when Content-Length says so, else as soon as
    the streamed (chunked) body passes it, before it is all buffered."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length", b"").decode("latin-1")
        if declared.isdigit() and int(declared) > self.limit:
            err = PresslensError("E019", size=int(declared), limit=self.limit)
            await error_response(err)(scope, receive, send)
            return
        if declared.isdigit():
            await self.app(scope, receive, send)  # the server enforces the declared length
            return
        # chunked: buffer at most the limit, then replay it to the app
        buffered: list[Message] = []
        seen = 0
        while True:
            message = await receive()
            buffered.append(message)
            if message["type"] != "http.request":
                break
            seen += len(message.get("body", b""))
            if seen > self.limit:
                err = PresslensError("E019", size=f"more than {self.limit}", limit=self.limit)
                await error_response(err)(scope, receive, send)
                return
            if not message.get("more_body", False):
                break

        async def replay() -> Message:
            return buffered.pop(0) if buffered else await receive()

        await self.app(scope, replay, send)


class _SecurityHeaders:
    """CSP and friends on every response (the dashboard's pages are what they protect)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                extra = [
                    (name.encode(), value.encode())
                    for name, value in SECURITY_HEADERS.items()
                    if name.encode() not in present
                ]
                message["headers"] = [*headers, *extra]
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(settings: ApiSettings | None = None) -> FastAPI:
    from presslens.api.event_routes import add_event_routes
    from presslens.api.store_routes import StorePool, add_store_routes

    settings = settings or ApiSettings()
    pool = StorePool(settings.db_url, settings.request_timeout)
    app = FastAPI(
        title="presslens",
        version=__version__,
        description="Explainable analysis of news articles and their comment threads. "
        "Every finding points at the characters that support it. Errors share one envelope: "
        '{"error": {"code", "status", "what", "why", "fix", "message"}}.',
        # the interactive docs load their scripts from a CDN, which this server never does
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.pool = pool
    html_page = None
    if settings.dashboard:
        from presslens.web.pages import add_dashboard, html_error_page

        html_page = html_error_page
    install_error_handlers(app, html_page)
    app.add_middleware(_BodyLimit, limit=settings.max_request_bytes)
    app.add_middleware(_RefuseNul)
    app.add_middleware(_SecurityHeaders)
    app.router.on_shutdown.append(pool.close_all)
    # spaCy pipelines are not meant to be shared across threads mid-document; a request
    # waits at most settings.analyze_wait for it (E086), and holds it at most
    # settings.analyze_max_seconds (E082)
    analyse_lock = threading.Lock()
    app.state.analyse_lock = analyse_lock

    @app.get(f"{API_PREFIX}/health", tags=["meta"])
    def health() -> dict[str, Any]:
        """Whether the server is up, and what it may do."""
        return {
            "status": "ok",
            "version": __version__,
            "store": settings.db_url is not None,
            "read_only": settings.token is None,
        }

    from presslens.api.store_routes import bounded_analysis, token_check

    analyse_deps = [Depends(token_check(settings))] if settings.analyze_requires_token else []

    @app.post(
        f"{API_PREFIX}/analyze",
        response_model=Analysis,
        tags=["analysis"],
        dependencies=analyse_deps,  # declares the bearer scheme when the token is needed
    )
    def analyze_document(body: AnalyzeRequest) -> Analysis:
        """Analyse one document and return the Analysis JSON (nothing is stored).

        Bounded by the server's settings: document length, seconds per document, and how
        long a request waits while another is being analysed (503 with Retry-After)."""
        return bounded_analysis(body, settings, analyse_lock)

    add_store_routes(app, settings, pool, analyse_lock)
    add_event_routes(app)
    if settings.dashboard:
        add_dashboard(app, pool)
    return app
