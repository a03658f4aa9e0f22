"""What the presslens components share through the spaCy ``Doc``.

The structure (title, article paragraphs, comments with their authors) is found before
spaCy runs; it is put on ``doc._.presslens`` so that every component knows which
characters are article, comment or a commenter's name line.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span

__all__ = ["DocContext", "ensure_extensions", "get_context", "sentences_in"]


def _start(comment: tuple[int, int, str]) -> int:
    return comment[0]


@dataclass(slots=True)
class DocContext:
    published: dt.date | None = None
    url: str | None = None
    original_text: str | None = None  # the Doc's text may differ in case and blanking only
    outlet_country: str | None = None
    body_end: int = 0
    paragraphs: list[tuple[int, int]] = field(default_factory=list)  # title first, if any
    comments: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, id
    author_spans: list[tuple[int, int]] = field(default_factory=list)
    comment_authors: dict[str, str | None] = field(default_factory=dict)  # id → author
    comment_links: dict[str, list[str]] = field(default_factory=dict)  # id → link hosts
    results: dict[str, Any] = field(default_factory=dict)  # component name → its output

    def comment_start(self, offset: int) -> int | None:
        """Where the comment containing ``offset`` starts, or None for article text."""
        i = bisect_right(self.comments, offset, key=_start) - 1
        if i >= 0 and self.comments[i][0] <= offset < self.comments[i][1]:
            return self.comments[i][0]
        return None

    def comment_at(self, offset: int) -> str | None:
        """The id of the comment containing ``offset``, or None for article text."""
        # bisect on the comments themselves (sorted by start): no list of starts rebuilt
        # per call, which made every layer quadratic in a long thread
        i = bisect_right(self.comments, offset, key=_start) - 1
        if i >= 0 and self.comments[i][0] <= offset < self.comments[i][1]:
            return self.comments[i][2]
        return None

    def in_author_line(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.author_spans)


def ensure_extensions() -> None:
    if not Doc.has_extension("presslens"):
        Doc.set_extension("presslens", default=None)


def get_context(doc: Doc) -> DocContext:
    """The document's context; a bare ``DocContext`` when the Doc came from elsewhere."""
    ensure_extensions()
    ctx = doc._.presslens
    if ctx is None:
        ctx = DocContext(body_end=len(doc.text))
        doc._.presslens = ctx
    assert isinstance(ctx, DocContext)
    return ctx


def sentences_in(doc: Doc, start: int, end: int) -> list[Span]:
    """The parsed sentences overlapping ``[start, end)``; none when the Doc has no parse."""
    if not doc.has_annotation("SENT_START"):
        return []
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    # one ``Token.sent`` per sentence, not per token: each call scans for its sentence's
    # boundaries, so asking every token made a long paragraph quadratic
    out: list[Span] = []
    i = span.start
    while i < span.end:
        sent = doc[i].sent
        out.append(sent)
        i = max(sent.end, i + 1)
    return out
