"""What the presslens components share through the spaCy ``Doc``.

The structure (title, article paragraphs, comments with their authors) is found before
spaCy runs; it is put on ``doc._.presslens`` so that every component knows which
characters are article, comment or a commenter's name line.
"""

from __future__ import annotations

import datetime as dt
import weakref
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span

from presslens.analyzers.spanindex import SpanIndex

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
        # an index over the name lines, not a scan of them: asked per mention and per
        # attribution, the scan made a long thread quadratic
        index = _author_index(self.author_spans)
        return next(index.overlapping(start, end), None) is not None


_last_authors: tuple[list[tuple[int, int]], int, SpanIndex[None]] | None = None


def _author_index(spans: list[tuple[int, int]]) -> SpanIndex[None]:
    """The name lines as a ``SpanIndex``, kept for the last list asked about (the list is
    held, so its identity cannot pass to another while cached)."""
    global _last_authors
    cached = _last_authors
    if cached is not None and cached[0] is spans and cached[1] == len(spans):
        return cached[2]
    index: SpanIndex[None] = SpanIndex((s, e, None) for s, e in spans)
    _last_authors = (spans, len(spans), index)
    return index


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
    starts, sents = _sentence_index(doc)
    # the sentences holding tokens span.start .. span.end - 1, found by bisection: asking
    # each token for its ``.sent`` walks the sentence again per token (a tenth of the
    # pipeline's time on news articles)
    if span.end <= span.start:
        return []
    first = bisect_right(starts, span.start) - 1
    last = bisect_left(starts, span.end)
    return sents[max(first, 0) : last]


_last_index: tuple[weakref.ref[Doc], int, list[int], list[Span]] | None = None


def _sentence_index(doc: Doc) -> tuple[list[int], list[Span]]:
    """The Doc's sentences and their first tokens, kept for the last Doc asked about (every
    layer asks about the same Doc, paragraph after paragraph)."""
    global _last_index
    cached = _last_index
    if cached is not None and cached[0]() is doc and cached[1] == len(doc):
        return cached[2], cached[3]
    sents = list(doc.sents)
    starts = [s.start for s in sents]
    _last_index = (weakref.ref(doc), len(doc), starts, sents)
    return starts, sents
