"""The embedded default: one SQLite file, write-ahead log, FTS5 full-text search.

WAL lets searches read while an ingest writes. ``synchronous=NORMAL`` keeps every committed
transaction across a crash of the process (kill -9); only a power cut may lose the last few,
which an ingest re-run redoes. The FTS5 index uses the Porter stemmer, like PostgreSQL's
``english`` configuration, and accepts the same query syntax as PostgreSQL's
``websearch_to_tsquery``: words (all required), "quoted phrases", ``OR``, and ``-word``.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from presslens.store.base import Store, TextMatch
from presslens.store.errors import store_unavailable
from presslens.store.url import StoreURL

__all__ = ["SNIPPET_MARKS", "SQLiteStore", "parse_websearch"]

SNIPPET_MARKS = ("«", "»")
_TOKENS = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORDS = re.compile(r"\w", re.UNICODE)


def parse_websearch(q: str) -> tuple[list[list[str]], list[str]]:
    """Split a query the way ``websearch_to_tsquery`` reads it.

    Returns the required groups (each a list of alternatives joined by OR; each alternative
    a word or phrase) and the excluded words or phrases.
    """
    groups: list[list[str]] = []
    excluded: list[str] = []
    pending_or = False
    for match in _TOKENS.finditer(q):
        negated, phrase, word = match.group(1), match.group(2), match.group(3)
        if word is not None and word.lower() == "or":
            pending_or = bool(groups)
            continue
        if word is not None and word.startswith("-") and len(word) > 1:
            negated, word = "-", word[1:]
        term = phrase if phrase is not None else (word or "")
        if not _WORDS.search(term):
            continue
        if negated:
            excluded.append(term)
            pending_or = False
        elif pending_or:
            groups[-1].append(term)
            pending_or = False
        else:
            groups.append([term])
    return groups, excluded


def _fts(term: str) -> str:
    """One word or phrase as an FTS5 string: tokenised like the text, never an operator."""
    return '"' + term.replace('"', '""') + '"'


class SQLiteStore(Store):
    backend = "sqlite"

    def __init__(self, url: StoreURL) -> None:
        super().__init__(url)
        path = url.target
        if path != ":memory:" and not Path(path).parent.is_dir():
            raise store_unavailable(path, f"the directory {Path(path).parent} does not exist")
        try:
            # isolation_level=None: transactions are begun explicitly, below
            self._conn = sqlite3.connect(path, isolation_level=None, timeout=60.0)
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.execute("PRAGMA foreign_keys=ON")
            self._conn.execute("PRAGMA busy_timeout=60000")
        except sqlite3.Error as exc:
            raise store_unavailable(path, str(exc)) from exc
        self._depth = 0
        # every 10,000 virtual-machine steps SQLite asks whether to go on: past the
        # request's deadline the statement is interrupted
        self._conn.set_progress_handler(self._over_time, 10_000)

    def _over_time(self) -> int:
        return int(self._deadline is not None and time.monotonic() > self._deadline)

    def _run(self, sql: str, params: Sequence[Any]) -> sqlite3.Cursor:
        self._remaining()
        try:
            return self._conn.execute(sql, params)
        except sqlite3.OperationalError as exc:
            if self._deadline is not None and "interrupted" in str(exc):
                raise self.timed_out() from None
            raise

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._run(sql, params)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self._conn.executemany(sql, rows)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        cur = self._run(sql, params)
        try:
            return list(cur.fetchall())
        except sqlite3.OperationalError as exc:
            if self._deadline is not None and "interrupted" in str(exc):
                raise self.timed_out() from None
            raise

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:  # nested: part of the enclosing transaction
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        # IMMEDIATE takes the write lock at once: no deadlock between two writers upgrading
        self._conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            self._conn.execute("ROLLBACK")
            raise
        self._depth = 0
        self._conn.execute("COMMIT")

    def lock_for_migration(self) -> None:
        pass  # BEGIN IMMEDIATE already holds the database's only write lock

    def close(self) -> None:
        self._conn.close()

    def text_match(self, q: str) -> TextMatch:
        groups, excluded = parse_websearch(q)
        if not groups and not excluded:
            return TextMatch(where="1 = 0")  # no searchable word: nothing matches
        join, rank = "", None
        join_params: tuple[str, ...] = ()
        if groups:
            expr = " AND ".join("(" + " OR ".join(_fts(t) for t in group) + ")" for group in groups)
            # bm25 weights: a title word counts four times a body word
            join = (
                "JOIN (SELECT rowid AS fts_id, bm25(documents_fts, 4.0, 1.0) AS fts_rank "
                "FROM documents_fts WHERE documents_fts MATCH ?) fts ON fts.fts_id = d.id"
            )
            join_params, rank = (expr,), "fts.fts_rank"
        where = ""
        where_params: tuple[str, ...] = ()
        if excluded:
            where = "d.id NOT IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)"
            where_params = (" OR ".join(_fts(t) for t in excluded),)
        return TextMatch(join, join_params, where, where_params, rank)

    def snippets(self, ids: Sequence[int], q: str) -> dict[int, str]:
        groups, _ = parse_websearch(q)
        if not groups or not ids:
            return {}
        expr = " OR ".join(_fts(t) for group in groups for t in group)
        marks = ", ".join("?" * len(ids))
        rows = self.query(
            f"SELECT rowid, snippet(documents_fts, 1, '{SNIPPET_MARKS[0]}', "
            f"'{SNIPPET_MARKS[1]}', '…', 24) FROM documents_fts "
            f"WHERE documents_fts MATCH ? AND rowid IN ({marks})",
            (expr, *ids),
        )
        return {int(r[0]): str(r[1]) for r in rows}
