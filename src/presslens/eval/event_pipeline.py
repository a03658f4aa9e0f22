"""The pipeline the events evaluations run over short texts (ACLED notes, labelled
snippets): shared by ``eval.events`` and ``eval.event_snippets`` without either importing
the other."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from presslens.model import Event, Place, TimeExpression

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["EVAL_COMPONENTS", "AnalysedText", "analyse_texts"]

EVAL_COMPONENTS = ("presslens_entities", "presslens_dates", "presslens_quotes", "presslens_events")


@dataclass(slots=True)
class AnalysedText:
    events: list[Event]
    places: list[Place]
    times: list[TimeExpression]


def analyse_texts(
    nlp: Language, texts: Sequence[str], published: Sequence[dt.date | None] | None = None
) -> tuple[list[AnalysedText], float]:
    """Run the pipeline over short texts; returns the layers and the seconds spent in the
    events layer alone (the parse and the other layers excluded)."""
    from presslens.analyzers.context import DocContext, ensure_extensions
    from presslens.analyzers.events import build_events

    ensure_extensions()
    docs = []
    for i, text in enumerate(texts):
        doc = nlp.make_doc(text)
        doc._.presslens = DocContext(
            published=published[i] if published else None,
            original_text=text,
            body_end=len(text),
            paragraphs=[(0, len(text))],
        )
        docs.append(doc)
    with nlp.select_pipes(disable=["presslens_events"]):
        docs = list(nlp.pipe(docs, batch_size=64))
    out: list[AnalysedText] = []
    layer = 0.0
    for doc in docs:
        ctx = doc._.presslens
        t0 = time.perf_counter()
        events = build_events(doc, ctx)
        layer += time.perf_counter() - t0
        doc._.presslens_events = events
        out.append(AnalysedText(events, doc._.presslens_places or [], doc._.presslens_times or []))
    return out, layer


def _pipeline() -> Language:
    from presslens.pipeline import load_pipeline

    return load_pipeline(EVAL_COMPONENTS)
