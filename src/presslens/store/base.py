"""The store interface, and everything about it that both backends share.

A backend supplies a connection (``execute``/``query``/``transaction``) and its dialect's
full-text search (``text_match``, ``snippets``); the writing, reading and migrating logic
lives here, in SQL both SQLite and PostgreSQL accept (``?`` placeholders are rewritten for
psycopg by the PostgreSQL backend).

Writes are idempotent: a document's content hash is its identity, an insert of a known hash
changes nothing, and an error already recorded for the same (source, line, code) is not
recorded again. ``write`` stores a batch in one transaction, so a process killed mid-batch
leaves either all of it or none of it.
"""

from __future__ import annotations

import datetime as dt
import time
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from types import TracebackType
from typing import Any, ClassVar

from presslens.errors import PresslensError
from presslens.model import Analysis
from presslens.store.rows import (
    ANALYSIS_COLUMNS,
    COLUMNS,
    DOCUMENT_COLUMNS,
    DocumentRows,
    Row,
    derive,
)
from presslens.store.schema import LATEST_VERSION, migrate
from presslens.store.url import Backend, StoreURL

__all__ = ["QUERY_TABLES", "ErrorRecord", "Store", "TextMatch", "as_date", "split_source"]

QUERY_TABLES = (
    "documents",
    "analyses",
    "entities",
    "places",
    "quotes",
    "comments",
    "comment_flags",
    "claims",
    "techniques",
    "times",
    "events",
    "aliases",
    "outlets",
    "errors",
)
_PROBE = 500  # hashes per existence query: well under both backends' parameter limits


@dataclass(frozen=True, slots=True)
class ErrorRecord:
    """A record that could not be stored: where it is, and the coded reason."""

    source: str
    line: int
    code: str
    message: str
    content_hash: str | None = None


@dataclass(frozen=True, slots=True)
class TextMatch:
    """A full-text query in one dialect: an optional join adding a relevance column, a
    condition, and the ORDER BY expression ranking best first (None: no ranking)."""

    join: str = ""
    join_params: tuple[Any, ...] = ()
    where: str = ""
    where_params: tuple[Any, ...] = ()
    rank: str | None = None
    rank_params: tuple[Any, ...] = ()


def split_source(source: str) -> tuple[str, int]:
    """``corpus.jsonl:17`` → (``corpus.jsonl``, 17); a plain path has line 0."""
    path, _, line = source.rpartition(":")
    if path and line.isdigit():
        return path, int(line)
    return source, 0


def as_date(value: Any) -> dt.date | None:
    """A DATE column's value as a date: SQLite returns ISO text, psycopg a date."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


class Store(ABC):
    """One schema, two backends. Open one with ``presslens.store.open_store(url)``."""

    backend: ClassVar[Backend]
    collate: ClassVar[str] = ""  # appended to text sorted in SQL, for one order on both

    def __init__(self, url: StoreURL) -> None:
        self.url = url
        self.display_url = url.display
        # per-request time limit (the API's): None = unlimited, as for ingest and the CLI
        self.request_timeout: float | None = None
        self._deadline: float | None = None

    def begin_request(self) -> None:
        """Start the clock of ``request_timeout`` for the statements that follow: past it,
        a statement is cancelled and E085 raised (both backends)."""
        timeout = self.request_timeout
        self._deadline = time.monotonic() + timeout if timeout else None

    def _remaining(self) -> float | None:
        """Seconds left of the current request, or None without a limit; E085 when none."""
        if self._deadline is None:
            return None
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise self.timed_out()
        return left

    def timed_out(self) -> PresslensError:
        return PresslensError("E085", seconds=f"{self.request_timeout:g}")

    # -- what a backend provides -------------------------------------------------------
    @abstractmethod
    def execute(self, sql: str, params: Sequence[Any] = ()) -> None: ...

    @abstractmethod
    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...

    @abstractmethod
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...

    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]: ...

    @abstractmethod
    def lock_for_migration(self) -> None: ...

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def text_match(self, q: str) -> TextMatch: ...

    @abstractmethod
    def snippets(self, ids: Sequence[int], q: str) -> dict[int, str]: ...

    # -- lifecycle ---------------------------------------------------------------------
    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def migrate(self, target: int | None = None) -> list[int]:
        """Apply the missing schema steps; return the versions applied."""
        return migrate(self, target)

    def schema_version(self) -> int:
        rows = self.query("SELECT MAX(version) FROM schema_version")
        return int(rows[0][0] or 0)

    @property
    def up_to_date(self) -> bool:
        return self.schema_version() == LATEST_VERSION

    # -- writing -----------------------------------------------------------------------
    def existing(self, hashes: Iterable[str]) -> set[str]:
        """Which of these content hashes the store already holds."""
        wanted = list(dict.fromkeys(hashes))
        found: set[str] = set()
        for i in range(0, len(wanted), _PROBE):
            chunk = wanted[i : i + _PROBE]
            marks = ", ".join("?" * len(chunk))
            rows = self.query(
                f"SELECT content_hash FROM documents WHERE content_hash IN ({marks})", chunk
            )
            found.update(r[0] for r in rows)
        return found

    def add(self, analysis: Analysis) -> bool:
        """Store one analysis; False when its document was already there."""
        return self.write([analysis])[0]

    def record_error(self, error: ErrorRecord) -> None:
        self.write([], [error])

    def write(self, analyses: Sequence[Analysis], errors: Sequence[ErrorRecord] = ()) -> list[bool]:
        """Store a batch in one transaction; for each analysis, whether it was new."""
        return self.write_rows([derive(a) for a in analyses], errors)

    def write_rows(
        self, documents: Sequence[DocumentRows], errors: Sequence[ErrorRecord] = ()
    ) -> list[bool]:
        """``write`` for analyses already turned into rows (``presslens.store.rows.derive``,
        run where the analysis was made: an ingest worker)."""
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        added: list[bool] = []
        with self.transaction():
            for rows in documents:
                added.append(self._insert(rows, now))
            for err in errors:
                # an error message may quote the input: no NUL or lone surrogate in a row
                err = ErrorRecord(
                    _safe(err.source), err.line, err.code, _safe(err.message), err.content_hash
                )
                self.execute(
                    "INSERT INTO errors (source, line, code, message, content_hash, recorded_at)"
                    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (source, line, code) DO NOTHING",
                    (err.source, err.line, err.code, err.message, err.content_hash, now),
                )
        return added

    def _insert(self, rows: DocumentRows, now: str) -> bool:
        marks = ", ".join("?" * len(DOCUMENT_COLUMNS))
        inserted = self.query(
            f"INSERT INTO documents ({', '.join(DOCUMENT_COLUMNS)}) VALUES ({marks}) "
            "ON CONFLICT (content_hash) DO NOTHING RETURNING id",
            (*rows.document, now),
        )
        if not inserted:
            return False
        doc_id = int(inserted[0][0])
        marks = ", ".join("?" * (len(ANALYSIS_COLUMNS) + 1))
        self.execute(
            f"INSERT INTO analyses (doc_id, {', '.join(ANALYSIS_COLUMNS)}) VALUES ({marks})",
            (doc_id, *rows.analysis),
        )
        for table, table_rows in rows.tables.items():
            if not table_rows:
                continue
            columns = COLUMNS[table]
            marks = ", ".join("?" * (len(columns) + 1))
            self.executemany(
                f"INSERT INTO {table} (doc_id, {', '.join(columns)}) VALUES ({marks})",
                [(doc_id, *row) for row in table_rows],
            )
        if rows.outlet_counts is not None:
            self._count_outlet(rows.outlet_counts)
        # a record that failed before and is stored now is no longer an error
        self.execute("DELETE FROM errors WHERE source = ? AND line = ?", split_source(rows.source))
        return True

    def _count_outlet(self, counts: Row) -> None:
        self.execute(
            "INSERT INTO outlets (outlet, documents, comments, first_published, last_published,"
            " status, verdicts) VALUES (?, 1, ?, ?, ?, ?, ?) ON CONFLICT (outlet) DO UPDATE SET"
            " documents = outlets.documents + 1,"
            " comments = outlets.comments + excluded.comments,"
            " first_published = CASE WHEN outlets.first_published IS NULL"
            "  OR excluded.first_published < outlets.first_published"
            "  THEN coalesce(excluded.first_published, outlets.first_published)"
            "  ELSE outlets.first_published END,"
            " last_published = CASE WHEN outlets.last_published IS NULL"
            "  OR excluded.last_published > outlets.last_published"
            "  THEN coalesce(excluded.last_published, outlets.last_published)"
            "  ELSE outlets.last_published END,"
            " status = coalesce(excluded.status, outlets.status),"
            " verdicts = coalesce(excluded.verdicts, outlets.verdicts)",
            counts,
        )

    # -- reading -----------------------------------------------------------------------
    def get(self, content_hash: str) -> Analysis | None:
        """The stored analysis of a document, as the JSON contract was written."""
        rows = self.query(
            "SELECT a.analysis FROM analyses a JOIN documents d ON d.id = a.doc_id "
            "WHERE d.content_hash = ?",
            (content_hash,),
        )
        return Analysis.model_validate_json(rows[0][0]) if rows else None

    def iter_analyses(self, batch: int = 200) -> Iterator[Analysis]:
        """Every stored analysis, in insertion order, read in batches."""
        last = 0
        while True:
            rows = self.query(
                "SELECT doc_id, analysis FROM analyses WHERE doc_id > ? ORDER BY doc_id LIMIT ?",
                (last, batch),
            )
            if not rows:
                return
            for doc_id, text in rows:
                last = int(doc_id)
                yield Analysis.model_validate_json(text)

    def count(self, table: str = "documents") -> int:
        if table not in QUERY_TABLES:
            raise ValueError(f"not a store table: {table!r}")
        return int(self.query(f"SELECT COUNT(*) FROM {table}")[0][0])

    def errors(self) -> list[ErrorRecord]:
        rows = self.query(
            "SELECT source, line, code, message, content_hash FROM errors "
            f"ORDER BY source{self.collate}, line, code{self.collate}"
        )
        return [ErrorRecord(r[0], int(r[1]), r[2], r[3], r[4]) for r in rows]


def _safe(text: str) -> str:
    return text.replace("\x00", "\ufffd").encode("utf-8", "replace").decode("utf-8")
