"""The HTTP API (FastAPI): analyse a posted document; with a store, ingest, search, read
analyses and aggregations; and the dashboard pages. ``create_app`` builds it;
``presslens serve`` runs it.

Read-only unless a token is configured; request bodies and pages are bounded; every API
error is the one JSON envelope of ``api/errors.py``.
"""

from __future__ import annotations

import threading
from typing import Any

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from presslens.about import __version__
from presslens.api.errors import error_response, install_error_handlers
from presslens.api.schemas import AnalyzeRequest, ApiSettings
from presslens.errors import PresslensError
from presslens.model import Analysis

__all__ = ["API_PREFIX", "CSP", "AnalyzeRequest", "ApiSettings", "create_app"]

API_PREFIX = "/api/v1"
# scripts only from this server; inline styles are allowed for the legend swatches, and
# every piece of stored text is escaped before it reaches a page anyway
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)


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
                extra = [
                    (b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                ]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(settings: ApiSettings | None = None) -> FastAPI:
    from presslens.api.event_routes import add_event_routes
    from presslens.api.store_routes import StorePool, add_store_routes

    settings = settings or ApiSettings()
    pool = StorePool(settings.db_url)
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
    app.add_middleware(_SecurityHeaders)
    app.router.on_shutdown.append(pool.close_all)
    # spaCy pipelines are not meant to be shared across threads mid-document
    analyse_lock = threading.Lock()

    @app.get(f"{API_PREFIX}/health", tags=["meta"])
    def health() -> dict[str, Any]:
        """Whether the server is up, and what it may do."""
        return {
            "status": "ok",
            "version": __version__,
            "store": settings.db_url is not None,
            "read_only": settings.token is None,
        }

    @app.post(f"{API_PREFIX}/analyze", response_model=Analysis, tags=["analysis"])
    def analyze_document(body: AnalyzeRequest) -> Analysis:
        """Analyse one document and return the Analysis JSON (nothing is stored)."""
        from presslens.analysis import analyze

        with analyse_lock:
            return analyze(
                body.text,
                published=body.published,
                url=body.url,
                source=body.source,
                nlp=settings.nlp,
            )

    add_store_routes(app, settings, pool, analyse_lock)
    add_event_routes(app)
    if settings.dashboard:
        add_dashboard(app, pool)
    return app
