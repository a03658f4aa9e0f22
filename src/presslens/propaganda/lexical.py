"""Lexical findings: "so-called X" and scare quotes, shown apart from the model's spans.

As candidate spans of the statistical decoding these cues measured neutral on PTC SI F1
(0.3511 with, 0.3518 without), yet a reader sees them at once, and they rarely mean
anything else. So they are a finding of their own: each match of ``cues.cue_matches``
(the scare-quote and "so-called" patterns) becomes a span with one technique, marked
``origin="lexical"`` with the reason a reader can check, and is shown only if the cue's
precision — the share of its matches in the PTC training articles that overlap a gold span
of that technique — is at least ``MIN_PRECISION``. The precision is measured by
``presslens.train.propaganda_lexical`` and kept in ``resources/propaganda/lexical.json``;
it is a development figure (the patterns were written looking at those articles).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from presslens.propaganda.cues import cue_matches
from presslens.propaganda.text import Doc

__all__ = [
    "LEXICAL_CUES",
    "MIN_PRECISION",
    "LexicalFinding",
    "lexical_findings",
    "lexical_precision",
]

# the technique each cue is shown as, and the reason shown with it. PTC's guidelines allow
# Doubt or Name_Calling for "so-called X"; in the PTC training gold its matches overlap
# Name_Calling four times as often as Doubt (lexical.json), so that is the one kept
LEXICAL_CUES: dict[str, tuple[str, str]] = {
    "so_called": (
        "Name_Calling,Labeling",
        '"so-called" before a name labels it as not deserving the name',
    ),
    "scare_quotes": (
        "Doubt",
        "a short phrase in quotation marks that nobody is quoted as saying casts doubt on it",
    ),
}
MIN_PRECISION = 0.5


@dataclass(frozen=True, slots=True)
class LexicalFinding:
    cue: str
    technique: str
    start: int
    end: int
    precision: float  # measured on PTC train (development figure)
    reason: str


def lexical_precision() -> dict[str, Any]:
    """The shipped measurement (``resources/propaganda/lexical.json``)."""
    raw = resources.files("presslens.resources.propaganda").joinpath("lexical.json")
    data: dict[str, Any] = json.loads(raw.read_text("utf-8"))
    return data


def lexical_findings(
    doc: Doc, precision: dict[str, Any] | None = None, min_precision: float = MIN_PRECISION
) -> list[LexicalFinding]:
    """The cue matches of ``doc`` whose cue's measured precision reaches ``min_precision``."""
    measured = (precision or lexical_precision())["cues"]
    out: list[LexicalFinding] = []
    for cue, start, end in cue_matches(doc):
        if cue not in LEXICAL_CUES or cue not in measured:
            continue
        technique, reason = LEXICAL_CUES[cue]
        p = float(measured[cue]["precision"].get(technique, 0.0))
        if p >= min_precision:
            out.append(LexicalFinding(cue, technique, start, end, p, reason))
    return out
