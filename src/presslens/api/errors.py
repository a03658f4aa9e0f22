"""One JSON error envelope for the whole API: ``{"error": {code, status, what, why, fix,
message}}``.

The same envelope the CLI prints and batch records carry (``PresslensError.to_dict``), plus
the HTTP status, chosen by code. Framework errors (validation, unknown routes, wrong methods)
and unhandled exceptions are translated into it too, so a client never parses two shapes.
Dashboard pages get the same code and message as an HTML page instead (``HtmlErrorPage``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from presslens.errors import PresslensError

__all__ = [
    "CSP",
    "SECURITY_HEADERS",
    "STATUS",
    "HtmlErrorPage",
    "error_response",
    "install_error_handlers",
    "status_of",
]

STATUS = {
    "E001": 404,
    "E003": 422,
    "E006": 413,
    "E007": 422,
    "E008": 422,
    "E014": 422,
    "E015": 422,
    "E017": 503,
    "E019": 413,
    "E020": 401,
    "E021": 403,
    "E022": 404,
    "E023": 422,
    "E024": 400,
    "E040": 503,  # the server was started on a store URL no backend reads
    "E041": 503,
    "E042": 503,
    "E043": 503,
    "E044": 400,
    "E050": 500,
    "E051": 405,
    "E052": 503,
    "E054": 404,
    "E082": 503,  # the document took longer than the server allows
    "E083": 413,
    "E084": 400,
    "E085": 503,
    "E086": 503,
    "E088": 400,
}
# On every response, errors and 500s included: a page of the dashboard and an error page
# are equally a place where stored (hostile) text may be shown.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}
_log = logging.getLogger("presslens.api")

# (request, error, status) → a response, or None to answer with the JSON envelope
HtmlErrorPage = Callable[[Request, PresslensError, int], Response | None]


def status_of(err: PresslensError) -> int:
    return STATUS.get(err.code, 400)


def error_response(err: PresslensError, status: int | None = None) -> JSONResponse:
    status = status or status_of(err)
    body = err.to_dict()
    body["error"]["status"] = status
    headers: dict[str, str] = {}
    if err.code == "E020":
        headers["WWW-Authenticate"] = "Bearer"
    if err.code == "E051":
        headers["Allow"] = str(err.details.get("allowed", ""))
    if err.code in ("E085", "E086"):
        headers["Retry-After"] = "5"
    return JSONResponse(body, status_code=status, headers={**headers, **SECURITY_HEADERS})


def install_error_handlers(app: FastAPI, html_page: HtmlErrorPage | None = None) -> None:
    """Translate every error into the envelope (or, for dashboard pages, ``html_page``)."""

    def respond(request: Request, err: PresslensError, status: int | None = None) -> Response:
        status = status or status_of(err)
        if html_page is not None:
            page = html_page(request, err, status)
            if page is not None:
                for name, value in SECURITY_HEADERS.items():
                    page.headers[name] = value
                return page
        return error_response(err, status)

    @app.exception_handler(PresslensError)
    async def _presslens(request: Request, err: PresslensError) -> Response:
        return respond(request, err)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, err: RequestValidationError) -> Response:
        first = err.errors()[0] if err.errors() else {}
        # the first location element says body/query/path, which a client already knows
        where = ".".join(str(p) for p in first.get("loc", ())[1:]) or "body"
        reason = f"{where}: {first.get('msg', 'invalid value')}"
        return respond(request, PresslensError("E023", reason=reason))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, err: StarletteHTTPException) -> Response:
        path = request.url.path
        if err.status_code == 404:
            return respond(request, PresslensError("E054", path=path))
        if err.status_code == 405:
            allowed = (err.headers or {}).get("Allow", "the methods /openapi.json lists")
            return respond(
                request, PresslensError("E051", method=request.method, path=path, allowed=allowed)
            )
        reason = f"{request.method} {path}: {err.detail}"
        return respond(request, PresslensError("E023", reason=reason), err.status_code)

    @app.exception_handler(Exception)
    async def _unhandled(request: Request, err: Exception) -> Response:
        _log.exception("unhandled error on %s %s", request.method, request.url.path)
        wrapped = PresslensError(
            "E050", method=request.method, path=request.url.path, kind=type(err).__name__
        )
        return respond(request, wrapped)
