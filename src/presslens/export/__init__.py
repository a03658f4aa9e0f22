"""Exports for spreadsheets, pandas and Parquet: one table per layer, one row per finding.

>>> from presslens.export import export_store
>>> export_store("news.db", "quotes", "parquet", Path("quotes.parquet"))   # rows written

``export_analyses`` writes the rows of any iterable of analyses (one document from
``presslens analyze``, or a whole store read a batch at a time), so memory stays flat
however large the store. The tables and their columns are in ``TABLES`` and docs/export.md.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from presslens.errors import PresslensError
from presslens.export.tables import TABLES, Column, Table, rows_of
from presslens.export.writers import FORMATS, write_csv, write_jsonl, write_parquet
from presslens.model import Analysis

__all__ = [
    "FORMATS",
    "TABLES",
    "Column",
    "Table",
    "check_output",
    "check_request",
    "export_analyses",
    "export_store",
    "rows_of",
]


def check_request(table: str, fmt: str, output: Path | None) -> None:
    """Refuse an unknown table or format, Parquet to a terminal, or a missing directory."""
    if table not in TABLES:
        raise PresslensError("E007", kind="export table", value=table, options=", ".join(TABLES))
    if fmt not in FORMATS:
        raise PresslensError("E007", kind="export format", value=fmt, options=", ".join(FORMATS))
    if fmt == "parquet" and output is None:
        raise PresslensError("E113")
    if output is not None:
        check_output(output)


def check_output(output: Path) -> None:
    """E087 (as for every --output) when the output's directory is missing or the output is a
    directory: checked before anything is read."""
    parent = output.parent if str(output.parent) else Path(".")
    if not parent.is_dir():
        raise PresslensError(
            "E087", path=str(output), reason=f"the directory {parent} does not exist"
        )
    if output.is_dir():
        raise PresslensError("E087", path=str(output), reason="it is a directory")


def _rows(table: str, analyses: Iterable[Analysis]) -> Iterator[dict[str, object]]:
    for a in analyses:
        yield from rows_of(table, a)


def export_analyses(
    analyses: Iterable[Analysis],
    table: str,
    fmt: str,
    output: Path | None = None,
    stdout: IO[str] | None = None,
) -> int:
    """Write one table of these analyses to ``output`` (or ``stdout``); return the rows."""
    check_request(table, fmt, output)
    t = TABLES[table]
    rows = _rows(table, analyses)
    try:
        if fmt == "parquet":
            assert output is not None
            return write_parquet(rows, t, output)
        writer = write_csv if fmt == "csv" else write_jsonl
        if output is None:
            return writer(rows, t, stdout or sys.stdout)
        with output.open("w", encoding="utf-8", newline="") as out:
            return writer(rows, t, out)
    except OSError as exc:
        raise PresslensError("E112", path=str(output or "<stdout>"), reason=str(exc)) from exc


def export_store(
    db: str, table: str, fmt: str, output: Path | None = None, stdout: IO[str] | None = None
) -> int:
    """One table of every analysis in a store, streamed a batch at a time."""
    from presslens.batch.commands import require_store
    from presslens.store import open_store

    check_request(table, fmt, output)
    require_store(db)
    with open_store(db) as store:
        return export_analyses(store.iter_analyses(), table, fmt, output, stdout)
