"""The store's and batch ingest's coded errors (catalogue range E040-E049), in one place."""

from __future__ import annotations

from presslens.errors import PresslensError

__all__ = [
    "internal_error",
    "missing_dependency",
    "page_size_out_of_range",
    "scheduler_unreachable",
    "schema_too_new",
    "store_unavailable",
    "unknown_url",
]

URL_FORMS = (
    "a file path, sqlite:///relative/path.db, sqlite:////absolute/path.db, "
    "postgresql://user@host:5432/dbname"
)


def unknown_url(url: str) -> PresslensError:
    """A database URL whose scheme names no backend (E040)."""
    return PresslensError("E040", value=url, options=URL_FORMS)


def store_unavailable(url: str, reason: str) -> PresslensError:
    """The store could not be opened or created (E041)."""
    return PresslensError("E041", url=url, reason=reason)


def schema_too_new(url: str, found: int, known: int) -> PresslensError:
    """The store was written by a newer presslens (E042)."""
    return PresslensError("E042", url=url, found=found, known=known)


def missing_dependency(module: str, install: str, feature: str | None = None) -> PresslensError:
    """An optional dependency (psycopg, distributed) is not installed (E043)."""
    need = feature or {
        "psycopg": "a PostgreSQL store",
        "distributed": "analysing on a Dask cluster (--dask)",
    }.get(module, "this feature")
    return PresslensError("E043", module=module, feature=need, install=install)


def page_size_out_of_range(value: int, maximum: int) -> PresslensError:
    """A search page asked for too many (or no) results (E044)."""
    return PresslensError("E044", size=value, limit=maximum)


def scheduler_unreachable(address: str, reason: str) -> PresslensError:
    """The Dask scheduler could not be reached (E045)."""
    return PresslensError("E045", address=address, reason=reason)


def internal_error(source: str, exc: BaseException) -> PresslensError:
    """An analyser raised something other than a coded error on one document (E046)."""
    return PresslensError("E046", source=source, reason=f"{type(exc).__name__}: {exc}")
