"""The store's coded errors, in one place.

The catalogue (``presslens.errors``) has no store-specific entries yet, so each helper below
raises the closest existing code. When the catalogue gains the entries proposed in
docs/store.md, only this module changes: callers keep calling the same helpers.
"""

from __future__ import annotations

from presslens.errors import PresslensError

__all__ = [
    "missing_dependency",
    "page_size_out_of_range",
    "scheduler_unreachable",
    "schema_too_new",
    "store_unavailable",
    "unknown_url",
]


def unknown_url(url: str) -> PresslensError:
    """A database URL whose scheme names no backend."""
    return PresslensError(
        "E007",
        kind="store URL",
        value=url,
        options="a file path, sqlite:///relative/path.db, sqlite:////absolute/path.db, "
        "postgresql://user@host:5432/dbname",
    )


def store_unavailable(url: str, reason: str) -> PresslensError:
    """The store could not be opened or created (proposed code: E019)."""
    return PresslensError("E017", source=url, reason=reason)


def schema_too_new(url: str, found: int, known: int) -> PresslensError:
    """The store was written by a newer presslens (proposed code: E020)."""
    return PresslensError(
        "E007",
        kind=f"store schema version in {url}",
        value=found,
        options=f"{known} or older; upgrade presslens to open this store",
    )


def missing_dependency(module: str, install: str) -> PresslensError:
    """An optional dependency (psycopg, distributed) is not installed (proposed code: E021)."""
    return PresslensError(
        "E007",
        kind=f"backend ({module} is not installed)",
        value=module,
        options=f"the default SQLite store, or install it: pip install '{install}'",
    )


def page_size_out_of_range(value: int, maximum: int) -> PresslensError:
    """A search page asked for too many (or no) results (proposed code: E022)."""
    return PresslensError("E007", kind="page size", value=value, options=f"1 to {maximum}")


def scheduler_unreachable(address: str, reason: str) -> PresslensError:
    """The Dask scheduler could not be reached (proposed code: E023)."""
    return PresslensError("E017", source=address, reason=reason)
