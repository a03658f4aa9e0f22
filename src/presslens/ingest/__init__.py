"""Readers: files, stdin and corpora to ``RawDocument``.

The reader is chosen by extension (or ``input_format``): ``.txt``/``.text``/no extension →
flattened text, ``.html``/``.htm`` → HTML, ``.jsonl``/``.ndjson`` and ``.csv`` → corpora; a
gzipped file (``.gz``) by the extension under it (``compressed``).
"""

from __future__ import annotations

import html as html_lib
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from presslens.errors import PresslensError
from presslens.ingest.compressed import format_suffix, is_compressed
from presslens.ingest.corpus import ColumnMap, RecordError, iter_csv, iter_jsonl
from presslens.ingest.decode import clean_document, decode_text, max_bytes_from_env, read_limited
from presslens.ingest.document import RawComment, RawDocument
from presslens.ingest.text import read_text

__all__ = [
    "INPUT_FORMATS",
    "RawComment",
    "RawDocument",
    "RecordError",
    "input_format_of",
    "is_corpus",
    "iter_documents",
    "markup_depth",
    "read_document",
    "read_path",
    "strip_markup",
    "walked",
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
_CORPORA = ("jsonl", "csv")


def input_format_of(path: Path) -> str | None:
    """How ``path`` is read, from its extension (the one under ``.gz`` for a gzipped
    file), or ``None`` when presslens reads no such file."""
    return INPUT_FORMATS.get(format_suffix(path))


def is_corpus(path: Path, input_format: str | None = None) -> bool:
    """Whether ``path`` holds many records (JSONL or CSV) rather than one document."""
    return (input_format or input_format_of(path)) in _CORPORA


def _format_of(path: Path, input_format: str | None) -> str:
    if input_format:
        if input_format not in set(INPUT_FORMATS.values()):
            options = ", ".join(sorted(set(INPUT_FORMATS.values())))
            raise PresslensError("E007", kind="input format", value=input_format, options=options)
        return input_format
    fmt = input_format_of(path)
    if fmt is None:
        options = ", ".join(repr(s) for s in INPUT_FORMATS if s) + " (each also gzipped, '.gz')"
        suffix = "".join(path.suffixes[-2:]) if is_compressed(path) else path.suffix
        raise PresslensError("E012", path=str(path), suffix=suffix, options=options)
    return fmt


def read_document(
    data: bytes, source: str, fmt: str = "text", *, encoding: str | None = None
) -> RawDocument:
    """Decode bytes and read them as one text or HTML document."""
    text, warnings = decode_text(data, source, encoding)
    doc: RawDocument
    if fmt == "html" or (fmt == "text" and _looks_like_html(text)):
        depth = markup_depth(text)
        if depth > MAX_MARKUP_DEPTH:
            # the HTML parser stops at its nesting limit and drops everything after it
            warnings.append(
                f"{source}: HTML nested {depth} levels deep (the parser stops at "
                f"{MAX_MARKUP_DEPTH}): read as plain text without its markup"
            )
            doc = read_text(strip_markup(text), source, source_format="html")
        else:
            from presslens.ingest.html import read_html  # type: ignore[import-not-found,unused-ignore]

            doc = read_html(text, source)
    else:
        doc = read_text(text, source, source_format="stdin" if source == "-" else "text")
    if warnings:
        doc = replace(doc, warnings=(*warnings, *doc.warnings))
    return clean_document(doc)


# libxml2 refuses to nest deeper than 256 elements and silently drops the rest of the
# document; below that, with a margin for the html/body it adds
MAX_MARKUP_DEPTH = 250
_TAG = re.compile(r"<(/?)([A-Za-z][\w:.-]*)(?:\s[^>]*)?>")
_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr "
    # elements the parser closes by itself when a sibling starts: they never nest deep
    "p li dt dd option optgroup tr td th thead tbody tfoot colgroup rt rp".split()
)


def markup_depth(html: str) -> int:
    """The deepest element nesting the markup asks for (a linear scan of its tags)."""
    depth = deepest = 0
    for m in _TAG.finditer(html):
        name = m.group(2).lower()
        if name in _VOID or m.group(0).endswith("/>"):
            continue
        if m.group(1):
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


_DROP = re.compile(r"(?is)<(script|style|template)\b.*?</\1\s*>|<!--.*?-->")
_BLOCK = re.compile(r"(?i)</?(?:p|div|br|li|h[1-6]|article|section|tr|blockquote)\b[^>]*>")


def strip_markup(html: str) -> str:
    """The text of markup too deep to parse: scripts and styles dropped, block tags made
    paragraph breaks, every other tag removed, entities decoded."""
    text = _BLOCK.sub("\n\n", _DROP.sub(" ", html))
    text = html_lib.unescape(re.sub(r"<[^>]*>", "", text))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


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
            files = sorted(f for f in p.rglob("*") if f.is_file() and walked(f))
            yield from iter_documents(files, mapping=mapping, max_bytes=max_bytes)
            continue
        try:
            fmt = _format_of(p, None) if p.exists() else "text"
            if fmt == "jsonl":
                records = iter_jsonl(p, mapping)
            elif fmt == "csv":
                records = iter_csv(p, mapping)
            else:
                records = iter([read_path(p, max_bytes=max_bytes)])
            for record in records:
                # NUL and lone surrogates replaced here, before hashing and storing
                yield record if isinstance(record, RecordError) else clean_document(record)
        except PresslensError as exc:
            yield RecordError(str(p), 0, exc)


def walked(path: Path) -> bool:
    """Whether a file met while walking a directory is read: only files with an extension
    presslens reads (a directory's files without one are notes, locks, READMEs)."""
    suffix = format_suffix(path)
    return bool(suffix) and suffix in INPUT_FORMATS


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)
