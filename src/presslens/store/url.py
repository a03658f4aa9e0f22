"""Which backend a database URL names.

* a path (``presslens.db``, ``/data/news.db``) or ``sqlite:///relative.db`` /
  ``sqlite:////absolute.db`` (SQLAlchemy's convention: what follows the third slash is the
  path) → the embedded SQLite store;
* ``postgresql://…`` or ``postgres://…`` (``postgresql+psycopg://`` also accepted) →
  PostgreSQL; the URL is handed to libpq as it is, so every libpq parameter works
  (``?host=/run/postgresql`` for a Unix socket, ``?sslmode=require`` …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

from presslens.store.errors import unknown_url

__all__ = ["Backend", "StoreURL", "parse_store_url"]

Backend = Literal["sqlite", "postgresql"]
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*)://")


@dataclass(frozen=True, slots=True)
class StoreURL:
    """A parsed store URL: the backend, and the path (SQLite) or libpq URL (PostgreSQL)."""

    backend: Backend
    target: str

    @property
    def display(self) -> str:
        """The URL with any password hidden, safe for logs and reports."""
        if self.backend == "sqlite":
            return self.target
        parts = urlsplit(self.target)
        if parts.password is None:
            return self.target
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
        return urlunsplit(parts._replace(netloc=netloc))


def parse_store_url(url: str | Path) -> StoreURL:
    """Read a database URL or path; raises E040 naming the accepted forms."""
    if isinstance(url, Path):
        return StoreURL("sqlite", str(url))
    text = url.strip()
    match = _SCHEME.match(text)
    if match is None:
        if not text:
            raise unknown_url(url)
        return StoreURL("sqlite", text)  # a plain path (or ':memory:')
    scheme = match.group(1).lower()
    rest = text[match.end() :]
    if scheme == "sqlite":
        # sqlite:///x.db → "x.db"; sqlite:////tmp/x.db → "/tmp/x.db"; no host part allowed
        if not rest.startswith("/") or len(rest) < 2:
            raise unknown_url(text)
        return StoreURL("sqlite", rest[1:])
    if scheme in ("postgresql", "postgres", "postgresql+psycopg"):
        return StoreURL("postgresql", "postgresql://" + rest)
    raise unknown_url(text)
