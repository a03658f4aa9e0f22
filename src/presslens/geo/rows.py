"""What the resolver's steps pass between them: a mention to resolve and one mention's
candidates with their features (its own module so that ``geo.discourse`` and
``geo.resolver`` both read it without importing each other)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from presslens.geo.gazetteer import Place

__all__ = ["CandidateRow", "MentionIn"]

Array = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class MentionIn:
    start: int
    end: int
    text: str
    label: str = "GPE"


@dataclass(slots=True)
class CandidateRow:
    """One mention's candidates, their feature matrix and the notes for the reasons."""

    mention: MentionIn
    places: list[Place]
    x: Array
    reasons: list[list[str]]
    notes: list[str]
    feature: str | None
