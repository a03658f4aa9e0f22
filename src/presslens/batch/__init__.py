"""Corpus processing: every record of a JSONL/CSV corpus or a directory, one at a time.

A record that cannot be read or analysed is yielded as a ``RecordError`` (with its line
number) and the iteration goes on: one bad document never stops a batch. ``ingest`` stores
a corpus's analyses in a store (see ``presslens.batch.ingest``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from presslens.analysis import analyze
from presslens.batch.ingest import IngestReport, ingest
from presslens.errors import PresslensError
from presslens.ingest import RecordError, iter_documents
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
) -> Iterator[Analysis | RecordError]:
    for item in iter_documents(paths, mapping=mapping):
        if isinstance(item, RecordError):
            yield item
            continue
        try:
            yield analyze(item, published=published, nlp=nlp, structure_only=structure_only)
        except Exception as exc:  # an analyser's bug on one record must not stop the rest
            from presslens.store.errors import internal_error

            err = exc if isinstance(exc, PresslensError) else internal_error(item.source, exc)
            source, _, line = item.source.rpartition(":")
            yield RecordError(source or item.source, int(line) if line.isdigit() else 0, err)
