"""The PostgreSQL store (psycopg 3): the same schema, full-text search by a generated
``tsvector`` column (``english`` configuration, title weighted above text) with a GIN index.

psycopg is an optional dependency, imported only when a ``postgresql://`` URL is opened.
Statements are written with ``?`` placeholders for both backends and rewritten here.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from presslens.store.base import Store, TextMatch
from presslens.store.errors import missing_dependency, store_unavailable
from presslens.store.sqlite import SNIPPET_MARKS
from presslens.store.url import StoreURL

if TYPE_CHECKING:
    import psycopg

__all__ = ["PostgresStore", "to_psycopg"]

_MIGRATION_LOCK = 7_330_017  # any constant: the advisory lock every migrating process takes
_TSQUERY = "websearch_to_tsquery('english', ?)"


def to_psycopg(sql: str) -> str:
    """``?`` placeholders → ``%s`` (and a literal ``%`` doubled, as psycopg wants)."""
    return sql.replace("%", "%%").replace("?", "%s")


class PostgresStore(Store):
    backend = "postgresql"
    # byte order, as SQLite sorts: the database's own collation may be any locale's
    collate = ' COLLATE "C"'

    def __init__(self, url: StoreURL) -> None:
        super().__init__(url)
        try:
            import psycopg
        except ImportError as exc:
            raise missing_dependency("psycopg", "psycopg[binary]>=3.1,<4") from exc
        try:
            # autocommit: every transaction is opened explicitly by transaction()
            self._conn: psycopg.Connection[tuple[Any, ...]] = psycopg.connect(
                url.target, autocommit=True
            )
        except psycopg.Error as exc:
            raise store_unavailable(self.display_url, str(exc).strip()) from exc
        self._statement_ms = 0  # the statement_timeout set on the connection; 0: none

    def _limit(self) -> None:
        """Set statement_timeout to what is left of the request (no-op without a limit):
        the server itself cancels a statement past it, whether or not the client waits."""
        left = self._remaining()
        if left is None and not self._statement_ms:
            return
        # set every time under a limit: a rolled-back transaction also undoes a SET
        ms = 0 if left is None else max(1, int(left * 1000))
        self._conn.execute(f"SET statement_timeout = {ms}")
        self._statement_ms = ms

    def _run(self, sql: str, params: Sequence[Any]) -> psycopg.Cursor[tuple[Any, ...]]:
        import psycopg

        self._limit()
        try:
            return self._conn.execute(to_psycopg(sql) if params else sql, params or None)
        except psycopg.errors.QueryCanceled:
            if self._deadline is None:
                raise
            raise self.timed_out() from None

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._run(sql, params)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self._conn.cursor() as cur:
            cur.executemany(to_psycopg(sql), rows)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        cur = self._run(sql, params)
        return cur.fetchall() if cur.description is not None else []

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._conn.transaction():
            yield

    def lock_for_migration(self) -> None:
        self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))

    def close(self) -> None:
        self._conn.close()

    def text_match(self, q: str) -> TextMatch:
        return TextMatch(
            where=f"d.tsv @@ {_TSQUERY}",
            where_params=(q,),
            rank=f"ts_rank_cd(d.tsv, {_TSQUERY}) DESC",
            rank_params=(q,),
        )

    def snippets(self, ids: Sequence[int], q: str) -> dict[int, str]:
        if not ids:
            return {}
        marks = ", ".join("?" * len(ids))
        options = (
            f"StartSel={SNIPPET_MARKS[0]}, StopSel={SNIPPET_MARKS[1]}, MaxWords=24, "
            "MinWords=8, MaxFragments=1, FragmentDelimiter=…"
        )
        rows = self.query(
            f"SELECT id, ts_headline('english', left(text, 100000), {_TSQUERY}, ?) "
            f"FROM documents WHERE id IN ({marks}) AND tsv @@ {_TSQUERY}",
            (q, options, *ids, q),
        )
        return {int(r[0]): str(r[1]) for r in rows}
