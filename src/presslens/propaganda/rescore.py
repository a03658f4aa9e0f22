"""A second-stage span re-scorer: which decoded spans to keep, for precision.

The decoding (``presslens.propaganda.decoding``) turns token probabilities into spans by
thresholds alone; many of its spans are runs of weakly loaded words that touch no gold span.
The re-scorer reads each candidate span as a whole — its length, the spread of its token
probabilities, its sentence's score, how sure the technique model is, lexical marks around
it, whether its wording recurs, where it sits — and a small logistic regression (fitted by
``presslens.train.propaganda_rescore`` on out-of-fold candidates of the tuning articles)
states P(the span is worth showing). Spans below the chosen threshold are dropped.

Numpy only at run time; the features are a fixed list (``FEATURES``) so the weight vector
in the model file is checked against it on load.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from presslens.propaganda.cues import FUNCTION_WORDS, is_content
from presslens.propaganda.text import Doc, FloatArray, wording

__all__ = ["FEATURES", "Rescorer", "rescore_features"]

_TOP_TECHNIQUES = 14
FEATURES: tuple[str, ...] = (
    "bias",
    "log_tokens",
    "log_chars",
    "mean_p",
    "max_p",
    "min_p",
    "std_p",
    "before_p",  # the token just outside each edge: a span cut inside a strong run is a part
    "after_p",
    "sentence_p",
    "sentence_share",  # the span's share of its sentence's tokens
    "content_share",
    "function_share",
    "capital_share",
    "quoted",  # a quotation mark inside or at the edges
    "exclaim",  # the sentence ends in "!" or "?"
    "so_called",
    "hashtag",
    "repeats",  # log(1 + other occurrences of the same wording in the article)
    "title",
    "place_in_sentence",
    "place_in_article",
    "tech_top",
    "tech_margin",
    "tech_entropy",
    *(f"tech_is_{k}" for k in range(_TOP_TECHNIQUES)),
)
_QUOTES = frozenset("\"'“”‘’«»")


def rescore_features(
    doc: Doc,
    token_probs: FloatArray,
    sentence_probs: FloatArray,
    spans: Sequence[tuple[int, int, float]],
    technique_probs: FloatArray,
) -> FloatArray:
    """(n_spans, len(FEATURES)): the re-scorer's features of each (start, end, p) span;
    ``technique_probs`` is the technique model's (n_spans, 14) for the same spans."""
    out = np.zeros((len(spans), len(FEATURES)), dtype=np.float32)
    if not spans:
        return out
    n_tokens = len(doc.norms)
    n_sentences = max(len(doc.sentences), 1)
    counts: dict[str, int] = {}
    keys = [wording(doc.text[s:e]) for s, e, _ in spans]
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    text = doc.text
    for r, ((start, end, _), key) in enumerate(zip(spans, keys, strict=True)):
        first, stop = doc.token_range(start, end)
        stop = max(stop, first + 1)
        stop = min(stop, n_tokens)
        first = min(first, stop - 1)
        p = token_probs[first:stop].astype(np.float64)
        k = int(doc.sentence_of[first])
        s0, s1 = doc.sentences[k]
        norms = doc.norms[first:stop]
        raws = doc.raws[first:stop]
        words = [w for w in norms if w[:1].isalnum()] or norms
        length = stop - first
        last = doc.raws[s1 - 1]
        tech = technique_probs[r].astype(np.float64)
        order = np.sort(tech)[::-1]
        row = [
            1.0,
            math.log1p(length),
            math.log1p(end - start),
            float(p.mean()),
            float(p.max()),
            float(p.min()),
            float(p.std()),
            float(token_probs[first - 1]) if first > s0 else 0.0,
            float(token_probs[stop]) if stop < s1 else 0.0,
            float(sentence_probs[k]) if len(sentence_probs) > k else 0.0,
            length / max(s1 - s0, 1),
            sum(is_content(w) for w in words) / len(words),
            sum(w in FUNCTION_WORDS for w in words) / len(words),
            sum(r_[:1].isupper() for r_ in raws if r_[:1].isalpha()) / len(words),
            float(any(c in _QUOTES for c in text[max(start - 1, 0) : min(end + 1, len(text))])),
            float(last in ("!", "?")),
            float("so-called" in text[max(start - 12, 0) : end].lower()),
            float("#" in text[start:end]),
            math.log1p(counts[key] - 1),
            float(doc.lines[first] == 0),
            (first - s0) / max(s1 - s0, 1),
            k / n_sentences,
            float(order[0]),
            float(order[0] - order[1]) if len(order) > 1 else float(order[0]),
            float(-(tech * np.log(np.clip(tech, 1e-12, 1.0))).sum()),
        ]
        out[r, : len(row)] = row
        out[r, len(row) + int(np.argmax(tech))] = 1.0
    return out


@dataclass(slots=True)
class Rescorer:
    """P(keep) = σ(features · weights) (features standardised by ``mean`` / ``scale``);
    spans at or above ``threshold`` are kept."""

    weights: npt.NDArray[np.float64]
    mean: npt.NDArray[np.float64]
    scale: npt.NDArray[np.float64]
    threshold: float
    candidates: dict[str, Any]  # the permissive decoding, as ``decoding_to_json`` writes it

    def probabilities(self, features: FloatArray) -> FloatArray:
        if not len(features):
            return np.zeros(0, dtype=np.float32)
        x = (features.astype(np.float64) - self.mean) / self.scale
        x[:, 0] = 1.0
        z = x @ self.weights
        out: FloatArray = (1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))).astype(np.float32)
        return out

    def keep(self, features: FloatArray) -> tuple[list[int], FloatArray]:
        """The rows at or above the threshold, and every row's probability."""
        p = self.probabilities(features)
        return np.flatnonzero(p >= self.threshold).tolist(), p

    def to_json(self) -> dict[str, Any]:
        return {
            "features": list(FEATURES),
            "weights": [round(float(w), 6) for w in self.weights],
            "mean": [round(float(w), 6) for w in self.mean],
            "scale": [round(float(w), 6) for w in self.scale],
            "threshold": self.threshold,
            "candidates": self.candidates,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Rescorer:
        if tuple(d["features"]) != FEATURES:
            raise ValueError("the re-scorer's features are not this presslens's FEATURES")
        return cls(
            np.asarray(d["weights"], dtype=np.float64),
            np.asarray(d["mean"], dtype=np.float64),
            np.asarray(d["scale"], dtype=np.float64),
            float(d["threshold"]),
            dict(d["candidates"]),
        )
