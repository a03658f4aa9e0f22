"""JSONL and CSV corpora: one document per record, columns mapped to fields.

A malformed record becomes a ``RecordError`` carrying its line number; iteration goes on, so
one bad row never stops a batch.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from presslens.errors import PresslensError
from presslens.ingest.compressed import DAMAGED, damaged, format_suffix, open_binary, open_text
from presslens.ingest.dates import parse_iso_date
from presslens.ingest.document import RawDocument
from presslens.ingest.text import title_of

__all__ = ["FIELDS", "ColumnMap", "RecordError", "iter_csv", "iter_jsonl", "parse_column_map"]

# Each field, and the column names tried in order when the user maps nothing.
FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "full_text"),
    "title": ("title", "headline"),
    "url": ("url", "link", "source_url"),
    "published": ("published", "date", "publish_date", "published_at", "pubdate"),
    "author": ("author", "byline"),
    "site": ("site", "outlet", "source", "domain"),
    "id": ("id", "doc_id", "article_id"),
}

ColumnMap = Mapping[str, str]


@dataclass(frozen=True, slots=True)
class RecordError:
    """A record that could not be read, with the coded error saying why."""

    source: str
    line: int
    error: PresslensError


def parse_column_map(spec: str | None) -> dict[str, str]:
    """Parse ``text=body,published=date`` into ``{"text": "body", "published": "date"}``."""
    mapping: dict[str, str] = {}
    if not spec:
        return mapping
    options = ", ".join(FIELDS)
    for part in spec.split(","):
        field, sep, column = part.partition("=")
        field, column = field.strip(), column.strip()
        if not sep or not field or not column:
            raise PresslensError(
                "E009", value=spec, reason=f"{part!r} is not FIELD=COLUMN", options=options
            )
        if field not in FIELDS:
            raise PresslensError(
                "E009", value=spec, reason=f"{field!r} is not a field", options=options
            )
        mapping[field] = column
    return mapping


def _pick(record: Mapping[str, object], field: str, mapping: ColumnMap) -> str | None:
    names = (mapping[field],) if field in mapping else FIELDS[field]
    for name in names:
        value = record.get(name)
        if value is not None and str(value).strip():
            return str(value)
    return None


def _to_document(
    record: Mapping[str, object], source: str, line: int, mapping: ColumnMap
) -> RawDocument | RecordError:
    where = f"{source}:{line}"
    text = _pick(record, "text", mapping)
    if text is None:
        column = mapping.get("text", "|".join(FIELDS["text"]))
        columns = ", ".join(sorted(map(str, record))) or "none"
        err = PresslensError("E011", source=source, line=line, column=column, columns=columns)
        return RecordError(source, line, err)
    warnings: list[str] = []
    published = None
    raw_date = _pick(record, "published", mapping)
    if raw_date is not None:
        try:
            published = parse_iso_date(raw_date)
        except PresslensError as exc:
            warnings.append(f"{where}: {exc}")
    title = _pick(record, "title", mapping)
    if title is not None:
        # The record names its title: put it on the first line, as in flattened scrapes.
        text = f"{title.strip()}\n\n{text}"
    doc_id = _pick(record, "id", mapping)
    return RawDocument(
        text=text,
        source=where,
        source_format="jsonl" if format_suffix(Path(source)) in (".jsonl", ".ndjson") else "csv",
        title=title_of(text),
        url=_pick(record, "url", mapping),
        published=published,
        author=_pick(record, "author", mapping),
        site=_pick(record, "site", mapping),
        warnings=tuple(warnings),
        extra={"id": doc_id} if doc_id else {},
    )


def iter_jsonl(path: Path, mapping: ColumnMap | None = None) -> Iterator[RawDocument | RecordError]:
    """One JSON object per line; blank lines are skipped."""
    mapping = mapping or {}
    read = [0]  # the last line read, for where a damaged compressed file broke off
    try:
        yield from _jsonl_records(path, mapping, read)
    except DAMAGED as exc:
        # the records before the damage are already out; the rest of the file is lost
        yield RecordError(str(path), read[0] + 1, damaged(path, exc))


def _jsonl_records(
    path: Path, mapping: ColumnMap, read: list[int]
) -> Iterator[RawDocument | RecordError]:
    source = str(path)
    with open_binary(path) as fh:
        for line_no, raw in enumerate(fh, start=1):
            read[0] = line_no
            if not raw.strip():
                continue
            try:
                record = json.loads(raw.decode("utf-8-sig" if line_no == 1 else "utf-8"))
            except UnicodeDecodeError:
                reason = "the line is not valid UTF-8"
            except json.JSONDecodeError as exc:
                reason = f"invalid JSON: {exc.msg} at column {exc.colno}"
            else:
                if isinstance(record, dict):
                    yield _to_document(record, source, line_no, mapping)
                    continue
                reason = f"expected a JSON object, found {type(record).__name__}"
            err = PresslensError("E010", source=source, line=line_no, reason=reason)
            yield RecordError(source, line_no, err)


def iter_csv(path: Path, mapping: ColumnMap | None = None) -> Iterator[RawDocument | RecordError]:
    """A header row, then one document per row; quoted fields may span lines."""
    mapping = mapping or {}
    source = str(path)
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with open_text(path, encoding="utf-8-sig", errors="surrogateescape") as fh:
        reader = csv.DictReader(fh, restkey="\x00extra")
        row_start = 2
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except DAMAGED as exc:
                # the rows before the damage are already out; the rest of the file is lost
                yield RecordError(source, reader.line_num + 1, damaged(path, exc))
                return
            except csv.Error as exc:
                err = PresslensError("E010", source=source, line=reader.line_num, reason=str(exc))
                yield RecordError(source, reader.line_num, err)
                row_start = reader.line_num + 1
                continue
            line_no, row_start = row_start, reader.line_num + 1
            reason = None
            if "\x00extra" in row:
                reason = "the row has more fields than the header"
            elif any(isinstance(v, str) and _has_surrogates(v) for v in row.values()):
                reason = "the row is not valid UTF-8"
            if reason:
                err = PresslensError("E010", source=source, line=line_no, reason=reason)
                yield RecordError(source, line_no, err)
                continue
            yield _to_document(
                {k: v for k, v in row.items() if k is not None}, source, line_no, mapping
            )


def _has_surrogates(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
