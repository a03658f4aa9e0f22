"""What every reader returns: one raw document, before any analysis."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from presslens.model import SourceFormat

__all__ = ["RawComment", "RawDocument"]


@dataclass(frozen=True, slots=True)
class RawComment:
    """A comment a reader found already separated (e.g. marked up as such in HTML)."""

    text: str
    author: str | None = None
    timestamp: str | None = None
    parent: int | None = None  # position of the comment this one replies to (page nesting)


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One document as read.

    ``comments`` is ``None`` when the reader could not tell article from comments (flattened
    text: the segmenter decides), and a tuple when the source marked them (then ``text`` holds
    the article only).
    """

    text: str
    source: str
    source_format: SourceFormat
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    author: str | None = None
    site: str | None = None
    comments: tuple[RawComment, ...] | None = None
    warnings: tuple[str, ...] = ()
    extra: dict[str, str] = field(default_factory=dict)
