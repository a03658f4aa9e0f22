"""Corpus processing: every record of a JSONL/CSV corpus or a directory, in order.

A record that cannot be read or analysed is yielded as a ``RecordError`` (with its line
number) and the iteration goes on: one bad document never stops a batch. ``ingest`` stores
a corpus's analyses in a store (see ``presslens.batch.ingest``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from presslens.batch.ingest import IngestReport, ingest
from presslens.batching import analyze_batches
from presslens.errors import PresslensError
from presslens.ingest import RawDocument, RecordError, iter_documents
from presslens.ingest.corpus import ColumnMap
from presslens.model import Analysis

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["IngestReport", "analyze_records", "ingest"]


def analyze_records(
    paths: Iterable[str | Path],
    *,
    mapping: ColumnMap | None = None,
    published: dt.date | str | None = None,
    nlp: Language | None = None,
    structure_only: bool = False,
    batch_size: int = 16,
) -> Iterator[Analysis | RecordError]:
    """Each record's ``Analysis`` (or ``RecordError``), in order; the spaCy model reads the
    records ``batch_size`` at a time (``analyze_batches``)."""
    pending: list[RawDocument | RecordError] = []
    for item in iter_documents(paths, mapping=mapping):
        pending.append(item)
        if len(pending) >= batch_size:
            yield from _analyze_pending(pending, published, nlp, structure_only)
            pending = []
    yield from _analyze_pending(pending, published, nlp, structure_only)


def _analyze_pending(
    pending: list[RawDocument | RecordError],
    published: dt.date | str | None,
    nlp: Language | None,
    structure_only: bool,
) -> Iterator[Analysis | RecordError]:
    docs = [p for p in pending if not isinstance(p, RecordError)]
    outcomes = analyze_batches(
        docs,
        published=published,
        nlp=nlp,
        structure_only=structure_only,
        batch_size=max(1, len(docs)),
    )
    for item in pending:
        if isinstance(item, RecordError):
            yield item
            continue
        outcome = next(outcomes)
        if not isinstance(outcome, Exception):
            yield outcome
            continue
        # an analyser's bug on one record must not stop the rest
        from presslens.store.errors import internal_error

        err = (
            outcome if isinstance(outcome, PresslensError) else internal_error(item.source, outcome)
        )
        source, _, line = item.source.rpartition(":")
        yield RecordError(source or item.source, int(line) if line.isdigit() else 0, err)
