"""What the ``ingest``, ``search`` and ``outlets`` commands do, as quiet importable functions.

The CLI only parses options and prints what these return. Text taken from the store
(titles, snippets, names) came from scraped articles: every line printed here has its
control characters replaced, so a hostile title cannot drive the terminal.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any, cast, get_args

from presslens.batch.ingest import IngestReport
from presslens.errors import PresslensError
from presslens.ingest.dates import parse_iso_date
from presslens.model import CommentFlag
from presslens.store import (
    ErrorRecord,
    Filters,
    OutletProfile,
    SearchResult,
    open_store,
    outlet_profiles,
)
from presslens.store import search as store_search
from presslens.store.errors import store_unavailable
from presslens.store.search import Order
from presslens.store.url import parse_store_url

__all__ = [
    "DEFAULT_DB",
    "FLAGS",
    "clean",
    "default_db",
    "format_outlets",
    "format_report",
    "format_search",
    "format_stats",
    "read_outlets",
    "read_stats",
    "require_store",
    "run_search",
    "search_filters",
]

DEFAULT_DB = "presslens.db"
FLAGS: tuple[str, ...] = get_args(CommentFlag)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: str | None) -> str:
    """One line of untrusted text, safe to print: controls and bidi overrides replaced."""
    return _CONTROL.sub("\ufffd", " ".join((text or "").split()))


def default_db(db: str | None = None) -> str:
    """The store to use: ``--db``, else ``$PRESSLENS_DB``, else ``presslens.db`` here."""
    return db or os.environ.get("PRESSLENS_DB") or DEFAULT_DB


def format_report(report: IngestReport) -> str:
    """The one-paragraph summary printed after an ingest run."""
    lines = [
        f"ingested into {report.store}: {report.added} added, {report.skipped} skipped "
        f"(already stored), {report.errors} errors; {report.read} records in "
        f"{report.seconds:.1f} s, {report.docs_per_second:.2f} docs/s "
        f"({report.executor}, {report.workers} worker{'s' if report.workers > 1 else ''})"
    ]
    if report.error_codes:
        codes = ", ".join(f"{c} x{n}" for c, n in sorted(report.error_codes.items()))
        lines.append(f"errors by code: {codes} (stored in the errors table)")
    return "\n".join(lines)


def _date(value: str | None) -> dt.date | None:
    return parse_iso_date(value) if value else None


def search_filters(
    query: str | None = None,
    *,
    outlet: list[str] | None = None,
    entity: list[str] | None = None,
    place: list[str] | None = None,
    technique: list[str] | None = None,
    speaker: list[str] | None = None,
    flag: list[str] | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Filters:
    """Filters from command-line values; E007 for an unknown flag, E008 for a bad date."""
    for value in flag or []:
        if value not in FLAGS:
            raise PresslensError("E007", kind="comment flag", value=value, options=", ".join(FLAGS))
    return Filters(
        q=query,
        outlet=outlet or [],
        entity=entity or [],
        place=place or [],
        technique=technique or [],
        speaker=speaker or [],
        flag=flag or [],
        date_from=_date(since),
        date_to=_date(until),
    )


def require_store(db: str) -> None:
    """Refuse to search a SQLite file that does not exist (opening would create it)."""
    url = parse_store_url(db)
    if url.backend == "sqlite" and url.target != ":memory:" and not Path(url.target).exists():
        raise store_unavailable(
            url.target,
            f"no store exists there yet; build one with 'presslens ingest PATH --db {url.target}'",
        )


def run_search(
    db: str,
    filters: Filters,
    *,
    page: int = 1,
    page_size: int = 10,
    facets: bool = False,
    order: str = "relevance",
) -> SearchResult:
    """One page (1-based) of the store's search results."""
    require_store(db)
    orders = ("relevance", "newest", "oldest")
    if order not in orders:
        raise PresslensError("E007", kind="order", value=order, options=", ".join(orders))
    with open_store(db) as store:
        return store_search(
            store,
            filters,
            limit=page_size,
            offset=(max(1, page) - 1) * page_size,
            order=cast(Order, order),
            facets=facets,
        )


def format_search(result: SearchResult) -> str:
    """Hits, one block each, then the facets, as plain text."""
    first = result.offset + 1 if result.hits else result.offset
    last = result.offset + len(result.hits)
    lines = [f"{result.total} documents match; showing {first}-{last}"]
    for n, hit in enumerate(result.hits, start=first):
        meta = " | ".join(clean(v) for v in (hit.outlet, str(hit.published or ""), hit.url) if v)
        lines.append("")
        lines.append(f"{n}. {clean(hit.title) or '(no title)'}")
        if meta:
            lines.append(f"   {meta}")
        lines.append(f"   {clean(hit.snippet)}")
        lines.append(f"   {hit.content_hash[:16]}  {clean(hit.source)}")
    for facet, values in result.facets.items():
        if not values:
            continue
        shown = ", ".join(
            f"{clean(v.label)}{f' [as {clean(v.matched)}]' if v.matched else ''} ({v.count})"
            for v in values
        )
        lines.append("")
        lines.append(f"{facet}: {shown}")
    return "\n".join(lines) + "\n"


def read_outlets(db: str, filters: Filters | None = None, *, top: int = 20) -> list[OutletProfile]:
    """The store's outlet profiles, most documents first."""
    require_store(db)
    with open_store(db) as store:
        return outlet_profiles(store, filters, top=top)


def format_outlets(profiles: list[OutletProfile]) -> str:
    """One block per outlet: volume, dates, rating, techniques, sourcing, comment flags."""
    if not profiles:
        return "no outlets in the store (documents need a URL or a site to have an outlet)\n"
    lines: list[str] = []
    for p in profiles:
        span = ""
        if p.first_published or p.last_published:
            span = f", {p.first_published or '?'} to {p.last_published or '?'}"
        lines.append(f"{clean(p.outlet)}: {p.documents} documents{span}")
        rating = p.status or "not rated"
        if p.verdicts:
            rating += " (" + ", ".join(f"{k} {v}" for k, v in p.verdicts.items()) + ")"
        lines.append(f"  rating: {clean(rating)}")
        lines.append(f"  fully analysed: {p.analysed}")
        if p.techniques:
            top = ", ".join(f"{clean(k)} {v}" for k, v in list(p.techniques.items())[:5])
            lines.append(f"  techniques ({p.documents_with_techniques} documents): {top}")
        if p.attributions:
            shares = ", ".join(f"{clean(k)} {v:.0%}" for k, v in p.sourcing.items())
            lines.append(f"  attributions: {p.attributions} ({shares})")
        if p.comments:
            flags = ", ".join(f"{clean(k)} {v:.0%}" for k, v in p.comment_flags.items())
            lines.append(
                f"  comments: {p.comments}, {p.flagged_comments} flagged"
                + (f" ({flags})" if flags else "")
            )
    return "\n".join(lines) + "\n"


def read_stats(db: str, *, errors: bool = False) -> dict[str, Any]:
    """What the store holds: row counts, errors by code, and (``errors``) every error."""
    require_store(db)
    with open_store(db) as store:
        tables = ("documents", "comments", "entities", "places", "quotes", "claims")
        counts = {t: store.count(t) for t in tables}
        full = store.query("SELECT COUNT(*) FROM analyses WHERE structure_only = 0")[0][0]
        recorded = store.errors()
        by_code: dict[str, int] = {}
        for e in recorded:
            by_code[e.code] = by_code.get(e.code, 0) + 1
        return {
            "store": parse_store_url(db).display,
            "schema_version": store.schema_version(),
            **counts,
            "fully_analysed": int(full),
            "outlets": store.count("outlets"),
            "errors": len(recorded),
            "errors_by_code": dict(sorted(by_code.items())),
            **({"error_records": [_error_dict(e) for e in recorded]} if errors else {}),
        }


def _error_dict(e: ErrorRecord) -> dict[str, Any]:
    return {"source": e.source, "line": e.line, "code": e.code, "message": e.message}


def format_stats(stats: dict[str, Any]) -> str:
    lines = [f"{clean(stats['store'])} (schema version {stats['schema_version']})"]
    for key in ("documents", "fully_analysed", "comments", "entities", "places", "quotes",
                "claims", "outlets", "errors"):  # fmt: skip
        lines.append(f"  {key.replace('_', ' ')}: {stats[key]}")
    if stats["errors_by_code"]:
        codes = ", ".join(f"{c} x{n}" for c, n in stats["errors_by_code"].items())
        lines.append(f"  errors by code: {codes}")
    for e in stats.get("error_records", []):
        where = f"{e['source']}:{e['line']}" if e["line"] else e["source"]
        lines.append(f"{clean(where)}: {clean(e['message'])}")
    return "\n".join(lines) + "\n"
