"""Readers: files, stdin and corpora to ``RawDocument``.

The reader is chosen by extension (or ``input_format``): ``.txt``/``.text``/no extension →
flattened text, ``.html``/``.htm`` → HTML, ``.jsonl``/``.ndjson`` and ``.csv`` → corpora.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from presslens.errors import PresslensError
from presslens.ingest.corpus import ColumnMap, RecordError, iter_csv, iter_jsonl
from presslens.ingest.decode import decode_bytes, max_bytes_from_env, read_limited
from presslens.ingest.document import RawComment, RawDocument
from presslens.ingest.text import read_text

__all__ = [
    "INPUT_FORMATS",
    "RawComment",
    "RawDocument",
    "RecordError",
    "iter_documents",
    "read_document",
    "read_path",
]

INPUT_FORMATS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    "": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
}
_SINGLE = ("text", "html")


def _format_of(path: Path, input_format: str | None) -> str:
    if input_format:
        if input_format not in set(INPUT_FORMATS.values()):
            options = ", ".join(sorted(set(INPUT_FORMATS.values())))
            raise PresslensError("E007", kind="input format", value=input_format, options=options)
        return input_format
    fmt = INPUT_FORMATS.get(path.suffix.lower())
    if fmt is None:
        options = ", ".join(repr(s) for s in INPUT_FORMATS if s)
        raise PresslensError("E012", path=str(path), suffix=path.suffix, options=options)
    return fmt


def read_document(
    data: bytes, source: str, fmt: str = "text", *, encoding: str | None = None
) -> RawDocument:
    """Decode bytes and read them as one text or HTML document."""
    text = decode_bytes(data, source, encoding)
    if fmt == "html" or (fmt == "text" and _looks_like_html(text)):
        from presslens.ingest.html import read_html  # type: ignore[import-not-found,unused-ignore]

        doc: RawDocument = read_html(text, source)
        return doc
    return read_text(text, source, source_format="stdin" if source == "-" else "text")


def read_path(
    path: str | Path,
    *,
    input_format: str | None = None,
    max_bytes: int | None = None,
    encoding: str | None = None,
    stdin: BinaryIO | None = None,
) -> RawDocument:
    """Read one document from a path, or from standard input when ``path`` is ``'-'``."""
    limit = max_bytes if max_bytes is not None else max_bytes_from_env()
    if str(path) == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(limit + 1)
        if len(data) > limit:
            raise PresslensError("E006", source="-", size=f"more than {limit}", limit=limit)
        return read_document(data, "-", input_format or "text", encoding=encoding)
    p = Path(path)
    if not p.exists():
        raise PresslensError("E001", path=str(p), cwd=Path.cwd())
    if p.is_dir():
        raise PresslensError("E002", path=str(p))
    fmt = _format_of(p, input_format)
    if fmt not in _SINGLE:
        raise PresslensError(
            "E007", kind="input format for one document", value=fmt, options=", ".join(_SINGLE)
        )
    return read_document(read_limited(p, limit), str(p), fmt, encoding=encoding)


def iter_documents(
    paths: Iterable[str | Path],
    *,
    mapping: ColumnMap | None = None,
    max_bytes: int | None = None,
) -> Iterator[RawDocument | RecordError]:
    """Every document under the given files and directories, in a stable order.

    Unreadable files and malformed records are yielded as ``RecordError`` and iteration goes on.
    """
    for path in paths:
        p = Path(path)
        if p.is_dir():
            files = sorted(
                f
                for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in INPUT_FORMATS and f.suffix
            )
            yield from iter_documents(files, mapping=mapping, max_bytes=max_bytes)
            continue
        try:
            fmt = _format_of(p, None) if p.exists() else "text"
            if fmt == "jsonl":
                yield from iter_jsonl(p, mapping)
            elif fmt == "csv":
                yield from iter_csv(p, mapping)
            else:
                yield read_path(p, max_bytes=max_bytes)
        except PresslensError as exc:
            yield RecordError(str(p), 0, exc)


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)
