"""Many documents at once: the spaCy model reads them in batches, as ``nlp.pipe`` does.

``analyze_many`` gives what ``analyze`` gives for each document, in order, at a lower cost
per document (one matrix product per batch instead of one per document);
``analyze_batches`` hands back a failing document's exception in its place, which is what
batch ingest records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from presslens.analysis import _default_nlp, _finish, _Job, _model_input, _prepare
from presslens.ingest import RawDocument
from presslens.model import Analysis

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["analyze_batches", "analyze_many"]


def analyze_many(
    documents: Iterable[str | bytes | RawDocument],
    *,
    published: dt.date | str | None = None,
    nlp: Language | None = None,
    structure_only: bool = False,
    batch_size: int = 16,
    max_seconds: float | None = None,
    max_chars: int | None = None,
) -> Iterator[Analysis]:
    """``analyze`` for each of ``documents``, in order, with the spaCy model reading them
    ``batch_size`` at a time (``nlp.pipe``'s batching: cheaper than one call per document).
    The first document that fails raises, as ``analyze`` would."""
    for outcome in analyze_batches(
        documents,
        published=published,
        nlp=nlp,
        structure_only=structure_only,
        batch_size=batch_size,
        max_seconds=max_seconds,
        max_chars=max_chars,
    ):
        if isinstance(outcome, Exception):
            raise outcome
        yield outcome


def analyze_batches(
    documents: Iterable[str | bytes | RawDocument],
    *,
    published: dt.date | str | None = None,
    nlp: Language | None = None,
    structure_only: bool = False,
    batch_size: int = 16,
    max_seconds: float | None = None,
    max_chars: int | None = None,
) -> Iterator[Analysis | Exception]:
    """``analyze_many`` that hands back a failing document's exception in its place and
    goes on with the next (what batch ingest records as the document's error).

    Documents short enough for the model to read in one piece (``pipeline.CHUNK_CHARS``)
    are parsed together; a longer one is parsed alone, chunk by chunk, with its time limit
    checked after every chunk as ``analyze`` does. A short document's time limit is checked
    from the moment its own components start.
    """
    from presslens.pipeline import CHUNK_CHARS, parse_many

    if not structure_only:
        nlp = nlp or _default_nlp()
    batch: list[_Job | Exception] = []

    def flush() -> Iterator[Analysis | Exception]:
        jobs = [j for j in batch if isinstance(j, _Job)]
        for job in jobs:
            job.model_input = _model_input(job)
        jobs = [j for j in jobs if j.model_input is not None]
        short = [j for j in jobs if len(j.model_input or "") <= CHUNK_CHARS]
        if nlp is not None and short:
            try:
                for job, doc in zip(
                    short,
                    parse_many(nlp, [j.model_input or "" for j in short], batch_size=batch_size),
                    strict=True,
                ):
                    job.parsed = doc
            except Exception:
                for job in short:  # parsed again alone below: the failing one fails alone
                    job.parsed = None
        for item in batch:
            if isinstance(item, Exception):
                yield item
                continue
            item.reset_clock()
            try:
                yield _finish(item, nlp, item.parsed)
            except Exception as exc:  # the caller decides what one document's failure means
                yield exc
            item.parsed = None  # the Doc is large; the Analysis holds what is kept

    for document in documents:
        try:
            batch.append(
                _prepare(
                    document, published, None, "<string>", structure_only, max_seconds, max_chars
                )
            )
        except Exception as exc:
            batch.append(exc)
        if len(batch) >= batch_size:
            yield from flush()
            batch = []
    if batch:
        yield from flush()
