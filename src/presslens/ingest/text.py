"""Flattened plain text: the first non-empty line is the title."""

from __future__ import annotations

import datetime as dt

from presslens.ingest.document import RawDocument
from presslens.model import SourceFormat

__all__ = ["read_text", "title_line", "title_of"]


def title_line(text: str) -> tuple[int, int] | None:
    """Offsets of the first non-empty line, stripped, or None for blank text."""
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped[0])
            return start, start + len(stripped)
        pos += len(line)
    return None


def title_of(text: str) -> str | None:
    span = title_line(text)
    return text[span[0] : span[1]] if span else None


def read_text(
    text: str,
    source: str,
    *,
    source_format: SourceFormat = "text",
    url: str | None = None,
    published: dt.date | None = None,
    author: str | None = None,
    site: str | None = None,
) -> RawDocument:
    return RawDocument(
        text=text,
        source=source,
        source_format=source_format,
        title=title_of(text),
        url=url,
        published=published,
        author=author,
        site=site,
    )
