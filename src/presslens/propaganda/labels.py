"""Pejorative labels for people and groups, found by a word list beside the model.

The PTC annotators marked a label like "terrorists" as name calling only where the article
used it to stir the reader (12 of 50 "terrorist" in the training articles), so the
statistical model learns to leave the word alone — and misses it in articles that call every
opponent a terrorist. A label from this list is a span even when the model's probability is
below the decoding threshold. Its span probability is the model's or, when higher,
``LABEL_PRIOR``: the share of the list's words that fall inside a gold span in the PTC
training articles (76 of 175). Its technique is name calling or loaded language, whichever
the technique model prefers, with the probability renormalised over those two. The list
is written by hand: words whose every use labels a person or group, not descriptions
("militants", "rebels", "regime" and "criminal" are left out). What it costs on the PTC
cross-validation is in MODEL_CARD.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from presslens.propaganda.text import Doc, FloatArray

__all__ = ["LABELS", "LABEL_PRIOR", "LABEL_TECHNIQUES", "label_spans", "shown_spans"]

LABEL_TECHNIQUES = ("Name_Calling,Labeling", "Loaded_Language")
LABEL_PRIOR = 0.43  # 76 of the 175 occurrences in PTC train are inside a gold span

_STEMS = (
    "terrorist",
    "jihadist",
    "jihadi",
    "extremist",
    "thug",
    "traitor",
    "head-chopper",
    "headchopper",
    "cutthroat",
    "fanatic",
    "savage",
    "barbarian",
    "puppet",
    "stooge",
    "lackey",
    "liar",
    "idiot",
    "moron",
    "lunatic",
    "snowflake",
    "invader",
    "bandit",
    "mercenary",
    "warmonger",
    "propagandist",
)
LABELS: frozenset[str] = frozenset(
    {*_STEMS, *(s + "s" for s in _STEMS), "mercenaries", "scum", "vermin", "riffraff"}
)


def label_spans(
    doc: Doc, probs: FloatArray, taken: list[tuple[int, int, float]]
) -> list[tuple[int, int, float]]:
    """(start, end, span probability) of each label word no span in ``taken`` overlaps."""
    out: list[tuple[int, int, float]] = []
    for i, word in enumerate(doc.norms):
        if word not in LABELS:
            continue
        start, end = int(doc.starts[i]), int(doc.ends[i])
        if any(s < end and start < e for s, e, _ in taken):
            continue
        out.append((start, end, max(float(probs[i]), LABEL_PRIOR)))
    return out


def shown_spans(
    doc: Doc, probs: FloatArray, spans: list[tuple[int, int, float]], floor: float
) -> tuple[list[tuple[int, int, float]], int]:
    """The spans a report shows: those at or above ``floor``, plus the label words inside
    the weaker ones (a long, weak span must not swallow "traitors"); and how many decoded
    spans were left out."""
    kept = [s for s in spans if s[2] >= floor]
    hidden = len(spans) - len(kept)
    extra = [x for x in label_spans(doc, probs, kept) if x[2] >= floor]
    return sorted([*kept, *extra]), hidden
