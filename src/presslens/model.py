"""The output schema: the JSON contract between the engine and everything else.

Every span is a pair of character offsets (Python ``str`` indices, end exclusive) into
``Analysis.text``. For plain-text input that is the input itself, decoded, byte for byte
(a leading byte-order mark is dropped); for HTML it is the text presslens extracted from the
page, so the evidence can always be shown and checked against the text we analysed.

The schema is versioned: ``SCHEMA_VERSION`` changes its minor number when fields are added
and its major number when a field changes meaning or disappears.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "SCHEMA_VERSION",
    "Analysis",
    "AnalyzerInfo",
    "Article",
    "Comment",
    "DocumentInfo",
    "Link",
    "SourceFormat",
    "Span",
    "ThreadSummary",
]

SCHEMA_VERSION = "1.0"

SourceFormat = Literal["text", "html", "jsonl", "csv", "stdin"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Span(_Model):
    """Half-open character range ``[start, end)`` into ``Analysis.text``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before its start {self.start}")
        return self


class Link(_Model):
    """A URL found in the text, with the registered host it points at."""

    url: str
    host: str
    span: Span


class Comment(_Model):
    """One reader comment, as recovered from the scrape."""

    id: str = Field(description="stable within the document: c1, c2, … in thread order")
    index: int = Field(ge=0)
    author: str | None = Field(description="display name as rendered, or null when none given")
    author_span: Span | None = None
    timestamp: str | None = Field(
        default=None, description="the platform's time text as rendered ('3 hours ago')"
    )
    reply_to: str | None = Field(
        default=None, description="name addressed with a leading @mention, if any"
    )
    span: Span
    text: str
    links: list[Link] = Field(default_factory=list)


class Article(_Model):
    """The newsroom's part of the document: title and body."""

    title: str | None
    title_span: Span | None
    body_span: Span
    paragraphs: list[Span]
    links: list[Link] = Field(default_factory=list)


class DocumentInfo(_Model):
    """Where the document came from and what is known about it besides its text."""

    source: str = Field(description="path, '-' for stdin, or 'corpus.jsonl:17'")
    source_format: SourceFormat
    content_hash: str = Field(description="sha256 of Analysis.text: the document's identity")
    url: str | None = None
    site: str | None = Field(default=None, description="outlet name or host")
    published: dt.date | None = None
    published_source: Literal["given", "metadata", "none"] = "none"
    author: str | None = None
    language: str = "en"


class ThreadSummary(_Model):
    """Counts over the comment thread."""

    comments: int
    with_author: int
    authors: dict[str, int] = Field(description="comments per author name, in first-seen order")
    links: int


class AnalyzerInfo(_Model):
    name: str = Field(description="versioned component name, e.g. presslens.segment.v1")
    version: str


class Analysis(_Model):
    """Everything presslens observed about one document."""

    schema_version: str = SCHEMA_VERSION
    presslens_version: str
    document: DocumentInfo
    text: str
    article: Article
    comments: list[Comment]
    thread: ThreadSummary
    analyzers: list[AnalyzerInfo]
    warnings: list[str] = Field(default_factory=list)

    def span_text(self, span: Span) -> str:
        """The characters a span points at."""
        return self.text[span.start : span.end]
