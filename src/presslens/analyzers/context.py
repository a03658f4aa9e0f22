"""What the presslens components share through the spaCy ``Doc``.

The structure (title, article paragraphs, comments with their authors) is found before
spaCy runs; it is put on ``doc._.presslens`` so that every component knows which
characters are article, comment or a commenter's name line.

Each layer then writes its own extension attributes, named ``doc._.presslens_<field>``
after the ``Analysis`` field they fill (``doc._.presslens_entities``,
``doc._.presslens_attributions``, …), and declares them in its factory's ``assigns``; a
layer that reads another's output names that attribute in ``requires``. spaCy's
``nlp.analyze_pipes()`` and presslens's own build-time check (E016) read those
declarations, and the ``Analysis`` is built from the attributes after the pipeline.

A processed Doc stays serialisable (``Doc.to_bytes``, ``DocBin``, ``nlp.pipe(n_process=N)``):
the context and the layers' pydantic objects are written by msgpack encoders registered
with srsly below, as plain data, and read back into the same objects.
"""

from __future__ import annotations

import datetime as dt
import weakref
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import srsly  # type: ignore[import-untyped]  # (srsly ships no type information)
from pydantic import BaseModel
from spacy.tokens import Doc, Span

from presslens.analyzers.spanindex import SpanIndex
from presslens.errors import PresslensError

__all__ = [
    "ATTR_PREFIX",
    "DocContext",
    "custom_model",
    "ensure_extensions",
    "get_context",
    "layer_fields",
    "register_attributes",
    "sentences_in",
]

ATTR_PREFIX = "doc._.presslens_"  # an assigned attribute doc._.presslens_X fills Analysis.X


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

    def to_dict(self) -> dict[str, Any]:
        """Plain data for msgpack (tuples become lists, the date a string)."""
        return {
            "published": self.published.isoformat() if self.published else None,
            "url": self.url,
            "original_text": self.original_text,
            "outlet_country": self.outlet_country,
            "body_end": self.body_end,
            "paragraphs": [list(p) for p in self.paragraphs],
            "comments": [list(c) for c in self.comments],
            "author_spans": [list(a) for a in self.author_spans],
            "comment_authors": dict(self.comment_authors),
            "comment_links": {k: list(v) for k, v in self.comment_links.items()},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocContext:
        published = data.get("published")
        return cls(
            published=dt.date.fromisoformat(published) if published else None,
            url=data.get("url"),
            original_text=data.get("original_text"),
            outlet_country=data.get("outlet_country"),
            body_end=int(data.get("body_end", 0)),
            paragraphs=[(int(s), int(e)) for s, e in data.get("paragraphs", [])],
            comments=[(int(s), int(e), str(c)) for s, e, c in data.get("comments", [])],
            author_spans=[(int(s), int(e)) for s, e in data.get("author_spans", [])],
            comment_authors=dict(data.get("comment_authors", {})),
            comment_links={k: list(v) for k, v in data.get("comment_links", {}).items()},
        )


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


def register_attributes(assigns: Iterable[str]) -> None:
    """Register the ``doc._`` extensions named in a factory's ``assigns`` (default None:
    a layer that did not run leaves its attributes unset)."""
    for attr in assigns:
        if attr.startswith("doc._."):
            name = attr.removeprefix("doc._.")
            if not Doc.has_extension(name):
                Doc.set_extension(name, default=None)


def layer_fields(assigns: Iterable[str]) -> dict[str, str]:
    """``Analysis`` field → extension name, for the ``doc._.presslens_*`` attributes among
    a factory's ``assigns``."""
    return {
        a.removeprefix(ATTR_PREFIX): a.removeprefix("doc._.")
        for a in assigns
        if a.startswith(ATTR_PREFIX)
    }


_T = TypeVar("_T")


def custom_model(layer: str, path: str | None, load: Callable[[Path], _T]) -> _T | None:
    """The model a component's ``model`` setting names, loaded when the pipeline is built
    so that a wrong path fails there (E121), not on the first document; None: shipped."""
    if path is None:
        return None
    try:
        return load(Path(path))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        reason = f"it could not be read as a model ({type(exc).__name__}: {exc})"
        raise PresslensError("E121", layer=layer, path=path, reason=reason) from None


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


# --- serialisation: msgpack encoders for what the components put on the Doc -------------

_MARK = "__presslens__"
_CONTEXT = "DocContext"


def _model_classes() -> dict[str, type[BaseModel]]:
    """The output schema's classes by name: only these are rebuilt from serialised data
    (a name in the data never imports anything)."""
    import presslens.model as schema

    return {
        name: obj
        for name, obj in vars(schema).items()
        if isinstance(obj, type) and issubclass(obj, BaseModel)
    }


_CLASSES: dict[str, type[BaseModel]] = {}


def _classes() -> dict[str, type[BaseModel]]:
    if not _CLASSES:
        _CLASSES.update(_model_classes())
    return _CLASSES


def _encode(obj: Any, chain: Callable[[Any], Any] | None = None) -> Any:
    if isinstance(obj, DocContext):
        return {_MARK: _CONTEXT, "data": obj.to_dict()}
    if isinstance(obj, BaseModel) and _classes().get(type(obj).__name__) is type(obj):
        return {_MARK: type(obj).__name__, "data": obj.model_dump(mode="json")}
    return obj if chain is None else chain(obj)  # anything else: msgpack's own error


def _decode(obj: Any, chain: Callable[[Any], Any] | None = None) -> Any:
    if isinstance(obj, dict) and _MARK in obj and "data" in obj:
        kind = obj[_MARK]
        if kind == _CONTEXT:
            return DocContext.from_dict(obj["data"])
        cls = _classes().get(kind)
        if cls is not None:
            return cls.model_validate(obj["data"])
    return obj if chain is None else chain(obj)


srsly.msgpack_encoders.register("presslens", func=_encode)
srsly.msgpack_decoders.register("presslens", func=_decode)
ensure_extensions()
