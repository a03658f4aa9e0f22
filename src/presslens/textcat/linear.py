"""A small linear text classifier with several heads over one shared feature space.

Shipped as two files: ``<stem>.json`` (features, heads, calibration, thresholds, card
metadata) and ``<stem>.npz`` (weights). Prediction is a sparse dot product in numpy, so the
run-time install needs neither scikit-learn nor torch, and every score comes with the
characters that pushed it up.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from presslens.textcat.features import Token, count_features, tokenize, weigh

__all__ = ["Evidence", "Head", "LinearModel", "Prediction"]

FORMAT = "presslens.linear.v1"
HeadKind = Literal["binary", "multiclass"]


@dataclass(frozen=True, slots=True)
class Head:
    """One decision: a binary score, or a distribution over several labels.

    A binary head has one weight column and ``labels == (negative, positive)``; a multiclass
    head has a column per label. ``calibration`` is Platt's (slope, intercept) for a binary
    head and (temperature,) for a multiclass head, fitted on out-of-fold scores.
    """

    name: str
    kind: HeadKind
    labels: tuple[str, ...]
    first_column: int
    calibration: tuple[float, ...]
    threshold: float = 0.5  # binary heads: calibrated probability at which to flag
    metrics: dict[str, float] = field(default_factory=dict)

    @property
    def width(self) -> int:
        return 1 if self.kind == "binary" else len(self.labels)


@dataclass(frozen=True, slots=True)
class Evidence:
    """A run of characters that raised a label's score, and by how much (logit units)."""

    start: int
    end: int
    weight: float


@dataclass(frozen=True, slots=True)
class Prediction:
    head: str
    label: str  # the decision: the positive label above threshold, or the argmax
    probabilities: dict[str, float]
    evidence: tuple[Evidence, ...]


class LinearModel:
    def __init__(
        self,
        features: list[str],
        idf: npt.NDArray[np.float32],
        weights: npt.NDArray[np.float32],
        bias: npt.NDArray[np.float32],
        heads: list[Head],
        meta: dict[str, Any] | None = None,
    ) -> None:
        self.features = features
        self.weights = weights
        self.bias = bias
        self.heads = {h.name: h for h in heads}
        self.meta = meta or {}
        self._idf = {
            name: (i, float(v)) for i, (name, v) in enumerate(zip(features, idf, strict=True))
        }

    # -- prediction ------------------------------------------------------------------------

    def predict(self, text: str, evidence: int = 3) -> dict[str, Prediction]:
        """Every head's decision on ``text``, each with up to ``evidence`` supporting spans."""
        tokens = tokenize(text)
        counts = count_features(tokens)
        rows = weigh(counts, self._idf)
        if rows:
            cols = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
            values = np.fromiter((r[1] for r in rows), dtype=np.float32, count=len(rows))
            block = self.weights[cols]  # (n_rows, n_columns)
            logits = values @ block + self.bias
        else:
            block = np.zeros((0, self.bias.shape[0]), dtype=np.float32)
            values = np.zeros(0, dtype=np.float32)
            logits = self.bias.copy()
        out: dict[str, Prediction] = {}
        spread: _Spread | None = None
        for head in self.heads.values():
            sl = slice(head.first_column, head.first_column + head.width)
            probs, label, column = _decide(head, logits[sl])
            spans: tuple[Evidence, ...] = ()
            if evidence and rows and column is not None:
                contrib = values * block[:, head.first_column + column]
                if head.kind == "multiclass":
                    # what favours this label over the others, not what any text has
                    contrib = contrib - (values[:, None] * block[:, sl]).mean(axis=1)
                if spread is None:
                    spread = _spread(counts, rows)
                spans = _evidence(tokens, spread, contrib, evidence)
            out[head.name] = Prediction(head.name, label, probs, spans)
        return out

    # -- persistence -----------------------------------------------------------------------

    def save(self, directory: Path, stem: str) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        idf = np.array([self._idf[f][1] for f in self.features], dtype=np.float32)
        np.savez_compressed(
            directory / f"{stem}.npz",
            weights=self.weights.astype(np.float16),
            bias=self.bias.astype(np.float32),
            idf=idf.astype(np.float16),
        )
        doc = {
            "format": FORMAT,
            "meta": self.meta,
            "heads": [
                {
                    "name": h.name,
                    "kind": h.kind,
                    "labels": list(h.labels),
                    "first_column": h.first_column,
                    "calibration": list(h.calibration),
                    "threshold": h.threshold,
                    "metrics": h.metrics,
                }
                for h in self.heads.values()
            ],
            "features": self.features,
        }
        text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
        (directory / f"{stem}.json").write_text(text, encoding="utf-8")

    @classmethod
    def load(cls, directory: Path, stem: str) -> LinearModel:
        doc = json.loads((directory / f"{stem}.json").read_text(encoding="utf-8"))
        if doc.get("format") != FORMAT:
            raise ValueError(f"{stem}.json is not a {FORMAT} model")
        with np.load(directory / f"{stem}.npz") as arrays:
            weights = arrays["weights"].astype(np.float32)
            bias = arrays["bias"].astype(np.float32)
            idf = arrays["idf"].astype(np.float32)
        heads = [
            Head(
                name=h["name"],
                kind=h["kind"],
                labels=tuple(h["labels"]),
                first_column=h["first_column"],
                calibration=tuple(h["calibration"]),
                threshold=h["threshold"],
                metrics=h["metrics"],
            )
            for h in doc["heads"]
        ]
        return cls(doc["features"], idf, weights, bias, heads, doc["meta"])


def _decide(
    head: Head, logits: npt.NDArray[np.float32]
) -> tuple[dict[str, float], str, int | None]:
    """Calibrated probabilities, the decision, and the column whose evidence explains it."""
    if head.kind == "binary":
        slope, intercept = head.calibration
        z = slope * float(logits[0]) + intercept
        p = 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0
        negative, positive = head.labels
        flagged = p >= head.threshold
        return (
            {negative: round(1.0 - p, 4), positive: round(p, 4)},
            positive if flagged else negative,
            0 if flagged else None,
        )
    (temperature,) = head.calibration
    scaled = logits / temperature
    e = np.exp(scaled - scaled.max())
    probs = e / e.sum()
    best = int(probs.argmax())
    return (
        {label: round(float(p), 4) for label, p in zip(head.labels, probs, strict=True)},
        head.labels[best],
        best,
    )


_Spread = tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64]]


def _spread(
    counts: dict[str, tuple[int, list[int]]], rows: list[tuple[int, float, str]]
) -> _Spread:
    """For every (feature row, token) pair the feature was read from, the token's share of
    that row: computed once per text, then reused by every head that needs evidence."""
    row_idx: list[int] = []
    token_idx: list[int] = []
    share: list[float] = []
    for i, (_, _, name) in enumerate(rows):
        _, places = counts[name]
        if len(places) == 2 and places[0] == places[1]:
            # most features (a word, a character n-gram read once) sit on one token
            row_idx.append(i)
            token_idx.append(places[0])
            share.append(1.0)
            continue
        occurrences = len(places) // 2
        for k in range(occurrences):
            first, last = places[2 * k], places[2 * k + 1]
            w = 1.0 / (occurrences * (last - first + 1))
            for t in range(first, last + 1):
                row_idx.append(i)
                token_idx.append(t)
                share.append(w)
    return (
        np.asarray(row_idx, dtype=np.int64),
        np.asarray(token_idx, dtype=np.int64),
        np.asarray(share, dtype=np.float64),
    )


def _evidence(
    tokens: list[Token],
    spread: _Spread,
    contrib: npt.NDArray[np.float32],
    limit: int,
) -> tuple[Evidence, ...]:
    """Spread each feature's contribution over the tokens it was read from; keep the runs of
    tokens that pushed the score up most."""
    row_idx, token_idx, share = spread
    positive = np.maximum(contrib.astype(np.float64), 0.0)
    per_token: list[float] = np.bincount(
        token_idx, weights=positive[row_idx] * share, minlength=len(tokens)
    ).tolist()
    top = max(per_token, default=0.0)
    if top <= 0.0:
        return ()
    keep = [w >= 0.35 * top for w in per_token]
    runs: list[Evidence] = []
    i = 0
    while i < len(tokens):
        if not keep[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and keep[j + 1]:
            j += 1
        weight = sum(per_token[i : j + 1])
        runs.append(Evidence(tokens[i].start, tokens[j].end, round(weight, 3)))
        i = j + 1
    runs.sort(key=lambda e: -e.weight)
    return tuple(sorted(runs[:limit], key=lambda e: e.start))
