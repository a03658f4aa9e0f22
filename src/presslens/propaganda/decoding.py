"""How token probabilities become spans (``presslens.propaganda.model``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from presslens.propaganda.cues import cue_matches, is_content
from presslens.propaganda.labels import label_spans
from presslens.propaganda.text import Doc, FloatArray

__all__ = [
    "Decoding",
    "cue_spans",
    "decode_spans",
    "decoding_from_json",
    "decoding_to_json",
    "find_spans",
]


@dataclass(frozen=True, slots=True)
class Decoding:
    """How token probabilities become spans: runs at or above ``threshold`` inside one
    sentence, joined across gaps of at most ``gap`` tokens, at least ``min_tokens`` long."""

    threshold: float = 0.4
    gap: int = 1
    min_tokens: int = 1
    peak: float = 0.0  # a run is kept only if some token in it reaches this
    labels: bool = True  # add the label list's words (presslens.propaganda.labels)
    # precision: a span needs this many content words (presslens.propaganda.cues: never a
    # lone "did" or "know") and a mean token probability of at least ``floor``; the floor
    # is printed with the report so a reader knows what was left out
    min_content: int = 0
    floor: float = 0.0
    # lexical devices (scare quotes, "so-called", whataboutism, hashtags) as spans, each
    # scored by the larger of its measured prior (cue → prior) and the model's mean
    cue_priors: tuple[tuple[str, float], ...] = ()


def decode_spans(doc: Doc, probs: FloatArray, decoding: Decoding) -> list[tuple[int, int, float]]:
    """(start char, end char, mean token probability) of each predicted span."""
    out: list[tuple[int, int, float]] = []
    # only the tokens at or above the threshold are visited (a few per sentence), not all
    above = np.flatnonzero(probs >= decoding.threshold).tolist()
    sentence_of = doc.sentence_of
    by_sentence: dict[int, list[int]] = {}
    for i in above:
        by_sentence.setdefault(int(sentence_of[i]), []).append(i)
    for members in by_sentence.values():
        runs: list[list[int]] = []
        for i in members:
            if runs and i - runs[-1][1] - 1 <= decoding.gap:
                runs[-1][1] = i
            else:
                runs.append([i, i])
        for a, b in runs:
            # a span of punctuation alone is noise, not a technique
            if not any(doc.raws[t][0].isalnum() for t in range(a, b + 1)):
                continue
            if b - a + 1 < decoding.min_tokens or float(probs[a : b + 1].max()) < decoding.peak:
                continue
            if decoding.min_content and (
                sum(is_content(doc.norms[t]) for t in range(a, b + 1)) < decoding.min_content
            ):
                continue
            score = float(probs[a : b + 1].mean())
            if score < decoding.floor:
                continue
            out.append((int(doc.starts[a]), int(doc.ends[b]), score))
    return out


def cue_spans(
    doc: Doc, probs: FloatArray, decoding: Decoding, taken: list[tuple[int, int, float]]
) -> list[tuple[int, int, float]]:
    """The lexical devices of ``presslens.propaganda.cues`` that no span in ``taken``
    overlaps, scored max(prior, mean token probability), kept at or above the floor."""
    priors = dict(decoding.cue_priors)
    out: list[tuple[int, int, float]] = []
    for cue, start, end in cue_matches(doc):
        if cue not in priors or any(s < end and start < e for s, e, _ in [*taken, *out]):
            continue
        first, stop = doc.token_range(start, end)
        mean = float(probs[first:stop].mean()) if stop > first else 0.0
        score = max(priors[cue], mean)
        if score >= max(decoding.floor, decoding.threshold):
            out.append((start, end, score))
    return out


def find_spans(doc: Doc, probs: FloatArray, decoding: Decoding) -> list[tuple[int, int, float]]:
    """The decoded spans plus, with ``decoding.labels``, the label list's words outside
    them; in text order."""
    spans = decode_spans(doc, probs, decoding)
    if decoding.labels:
        spans = sorted([*spans, *label_spans(doc, probs, spans)])
    if decoding.cue_priors:
        spans = sorted([*spans, *cue_spans(doc, probs, decoding, spans)])
    return spans


def decoding_to_json(decoding: Decoding) -> dict[str, Any]:
    return {
        "threshold": decoding.threshold,
        "gap": decoding.gap,
        "min_tokens": decoding.min_tokens,
        "peak": decoding.peak,
        "labels": decoding.labels,
        "min_content": decoding.min_content,
        "floor": decoding.floor,
        "cue_priors": dict(decoding.cue_priors),
    }


def decoding_from_json(d: dict[str, Any]) -> Decoding:
    return Decoding(
        float(d["threshold"]),
        int(d["gap"]),
        int(d["min_tokens"]),
        peak=float(d.get("peak", 0.0)),
        labels=bool(d.get("labels", True)),
        min_content=int(d.get("min_content", 0)),
        floor=float(d.get("floor", 0.0)),
        cue_priors=tuple(sorted(d.get("cue_priors", {}).items())),
    )
