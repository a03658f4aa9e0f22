"""Writing export rows as CSV, JSON lines or Parquet, a batch at a time.

Nothing holds a whole store in memory: rows arrive from an iterator and leave in batches
(Parquet row groups of ``BATCH`` rows; CSV and JSON lines row by row).

CSV cells are neutralised against formula injection: a text cell that a spreadsheet would
run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return; text
comes from scraped pages and may be hostile) gets a leading apostrophe, which spreadsheets
show as text and never evaluate. Numbers are written as numbers and left alone.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import IO, Any

from presslens.export.tables import Table

__all__ = ["BATCH", "FORMATS", "neutralise", "write_csv", "write_jsonl", "write_parquet"]

FORMATS = ("csv", "jsonl", "parquet")
BATCH = 2_000
_FORMULA = ("=", "+", "-", "@", "\t", "\r")

Row = dict[str, Any]


def neutralise(value: str) -> str:
    """A text cell a spreadsheet will show, never evaluate."""
    return "'" + value if value.startswith(_FORMULA) else value


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return neutralise(value)
    return value


def write_csv(rows: Iterable[Row], table: Table, out: IO[str]) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.names)
    n = 0
    for row in rows:
        writer.writerow([_cell(row[c]) for c in table.names])
        n += 1
    return n


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def write_jsonl(rows: Iterable[Row], table: Table, out: IO[str]) -> int:
    n = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, default=_json_default) + "\n")
        n += 1
    return n


def _batches(rows: Iterable[Row]) -> Iterator[list[Row]]:
    it = iter(rows)
    while chunk := list(islice(it, BATCH)):
        yield chunk


def arrow_schema(table: Table) -> Any:
    import pyarrow as pa

    types = {
        "string": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "date": pa.date32(),
    }
    return pa.schema([pa.field(c.name, types[c.type]) for c in table.columns])


def write_parquet(rows: Iterable[Row], table: Table, path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(table)
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        for chunk in _batches(rows):
            columns = {c: [r[c] for r in chunk] for c in table.names}
            writer.write_table(pa.Table.from_pydict(columns, schema=schema))
            n += len(chunk)
        if n == 0:  # an empty table still has its columns
            writer.write_table(schema.empty_table())
    return n
