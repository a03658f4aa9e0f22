"""Fitting ``presslens.textcat`` linear models with scikit-learn.

The features come from the same function the run-time model uses, so training and
prediction cannot drift apart. Each head is a logistic regression; its probabilities are
calibrated on out-of-fold scores (Platt scaling for binary heads, a temperature for
multiclass heads) and a binary head's flagging threshold is the one that maximises macro-F1
out of fold.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold, StratifiedKFold

from presslens.textcat.cues import CUE_SETS, CueFunction
from presslens.textcat.features import count_features, tokenize, weigh
from presslens.textcat.linear import Head, HeadKind, LinearModel
from presslens.textcat.syntax import ParsedToken, with_syntax

__all__ = [
    "HeadData",
    "Vocabulary",
    "cross_val_scores",
    "fit_model",
    "oof_calibration",
    "prune",
]

SEED = 13


@dataclass(slots=True)
class Vocabulary:
    features: list[str]
    idf: npt.NDArray[np.float32]
    cues: str | None = None  # a name in ``presslens.textcat.cues.CUE_SETS``
    syntax: bool = False  # parse features (``presslens.textcat.syntax``) beside the words
    blocks: bool = False  # words, characters, cues and parse features normalised apart

    @classmethod
    def build(
        cls,
        texts: Sequence[str],
        min_df: int = 3,
        cues: str | None = None,
        parses: Sequence[Sequence[ParsedToken]] | None = None,
        blocks: bool = False,
    ) -> Vocabulary:
        vocab = cls([], np.zeros(0, dtype=np.float32), cues, parses is not None, blocks)
        df: Counter[str] = Counter()
        for k, text in enumerate(texts):
            df.update(count_features(tokenize(text), vocab._cue_fn(k, text, parses)).keys())
        features = sorted(f for f, n in df.items() if n >= min_df)
        n_docs = len(texts)
        vocab.features = features
        vocab.idf = np.array(
            [math.log((1 + n_docs) / (1 + df[f])) + 1.0 for f in features], dtype=np.float32
        )
        return vocab

    def _cue_fn(
        self, k: int, text: str, parses: Sequence[Sequence[ParsedToken]] | None
    ) -> CueFunction | None:
        cue_fn = CUE_SETS[self.cues] if self.cues else None
        if not self.syntax:
            return cue_fn
        if parses is None:
            raise ValueError("this vocabulary reads parse features: pass the texts' parses")
        return with_syntax(cue_fn, text, parses[k])

    def matrix(
        self, texts: Sequence[str], parses: Sequence[Sequence[ParsedToken]] | None = None
    ) -> sparse.csr_matrix:
        index = {
            f: (i, float(v)) for i, (f, v) in enumerate(zip(self.features, self.idf, strict=True))
        }
        indptr = [0]
        indices: list[int] = []
        data: list[float] = []
        for k, text in enumerate(texts):
            cue_fn = self._cue_fn(k, text, parses)
            rows = weigh(count_features(tokenize(text), cue_fn), index, self.blocks)
            indices.extend(r[0] for r in rows)
            data.extend(r[1] for r in rows)
            indptr.append(len(indices))
        return sparse.csr_matrix(
            (np.array(data, dtype=np.float32), np.array(indices), np.array(indptr)),
            shape=(len(texts), len(self.features)),
        )


@dataclass(slots=True)
class HeadData:
    """The rows one head learns from (indices into the shared matrix) and their labels."""

    name: str
    kind: HeadKind
    labels: tuple[str, ...]  # binary: (negative, positive)
    rows: npt.NDArray[np.int64]
    y: list[str]
    c: float = 3.0
    class_weight: str | None = "balanced"
    # a binary head's threshold: the one maximising out-of-fold macro-F1 ("macro") or
    # positive-class F1 ("positive"), or the class-balanced model's own decision boundary
    # ("boundary": no threshold tuning, robust when the test's positive rate differs)
    objective: str = "macro"
    # rows' source (a debate era, a file): when given, folds never split a source, so the
    # out-of-fold figures say how the head does on a source it has not seen
    groups: npt.NDArray[np.int64] | None = None


def _classifier(head: HeadData) -> LogisticRegression:
    return LogisticRegression(
        C=head.c, class_weight=head.class_weight, max_iter=2000, random_state=SEED
    )


def _targets(head: HeadData) -> npt.NDArray[np.int64]:
    index = {label: i for i, label in enumerate(head.labels)}
    return np.array([index[v] for v in head.y], dtype=np.int64)


def cross_val_scores(
    x: sparse.csr_matrix, head: HeadData, folds: int = 5
) -> npt.NDArray[np.float64]:
    """Out-of-fold decision scores: (n,) logits for binary, (n, k) for multiclass."""
    y = _targets(head)
    sub = x[head.rows]
    width = 1 if head.kind == "binary" else len(head.labels)
    out = np.zeros((len(y), width), dtype=np.float64)
    splitter = (
        StratifiedKFold(folds, shuffle=True, random_state=SEED).split(sub, y)
        if head.groups is None
        else GroupKFold(folds).split(sub, y, head.groups)
    )
    for train, test in splitter:
        clf = _classifier(head).fit(sub[train], y[train])
        scores = clf.decision_function(sub[test])
        out[test] = scores.reshape(len(test), width)
    return out[:, 0] if width == 1 else out


def oof_calibration(
    head: HeadData, scores: npt.NDArray[np.float64]
) -> tuple[tuple[float, ...], float, dict[str, float]]:
    """Calibration parameters, threshold, and out-of-fold metrics for one head."""
    y = _targets(head)
    if head.kind == "binary":
        platt = LogisticRegression(C=1e6, max_iter=1000).fit(scores.reshape(-1, 1), y)
        slope, intercept = float(platt.coef_[0, 0]), float(platt.intercept_[0])
        p = 1.0 / (1.0 + np.exp(-(slope * scores + intercept)))
        grid = np.linspace(0.05, 0.95, 91)
        average = "binary" if head.objective in ("positive", "boundary") else "macro"
        f1s = [f1_score(y, (p >= t).astype(int), average=average) for t in grid]
        best = int(np.argmax(f1s))
        threshold = float(round(grid[best], 2))
        if head.objective == "boundary":
            threshold = round(1.0 / (1.0 + math.exp(-intercept)), 4)
            f1s[best] = f1_score(y, (p >= threshold).astype(int), average=average)
        metrics = {
            f"cv_{average}_f1": round(float(f1s[best]), 4),
            "cv_macro_f1_at_0.5": round(
                float(f1_score(y, (p >= 0.5).astype(int), average="macro")), 4
            ),
            "cv_ece": round(_ece(p, y), 4),
        }
        return (slope, intercept), threshold, metrics
    best_t, best_nll = 1.0, math.inf
    for t in np.linspace(0.3, 3.0, 28):
        z = scores / t
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        nll = float(-logp[np.arange(len(y)), y].mean())
        if nll < best_nll:
            best_t, best_nll = float(t), nll
    pred = scores.argmax(axis=1)
    metrics = {
        "cv_macro_f1": round(float(f1_score(y, pred, average="macro")), 4),
        "cv_accuracy": round(float((pred == y).mean()), 4),
        "cv_nll": round(best_nll, 4),
    }
    return (round(best_t, 3),), 0.5, metrics


def _ece(p: npt.NDArray[np.float64], y: npt.NDArray[np.int64], bins: int = 10) -> float:
    """Expected calibration error of a binary probability."""
    edges = np.linspace(0.0, 1.0, bins + 1)
    total = 0.0
    for lo, hi in itertools.pairwise(edges):
        mask = (p >= lo) & (p < hi) if hi < 1.0 else (p >= lo) & (p <= hi)
        if mask.any():
            total += mask.mean() * abs(float(p[mask].mean()) - float(y[mask].mean()))
    return total


def fit_model(
    vocab: Vocabulary,
    x: sparse.csr_matrix,
    heads: Sequence[HeadData],
    meta: dict[str, Any],
    folds: int = 5,
    oof: dict[str, npt.NDArray[np.float64]] | None = None,
) -> LinearModel:
    """Fit every head on all its rows, calibrated out of fold (``oof``: out-of-fold scores
    already computed for a head, by name, so they are not fitted twice)."""
    columns: list[npt.NDArray[np.float32]] = []
    biases: list[float] = []
    built: list[Head] = []
    first = 0
    for head in heads:
        scores = oof[head.name] if oof and head.name in oof else cross_val_scores(x, head, folds)
        calibration, threshold, metrics = oof_calibration(head, scores)
        clf = _classifier(head).fit(x[head.rows], _targets(head))
        coef = clf.coef_.astype(np.float32)  # (1, n) binary, (k, n) multiclass
        columns.extend(coef)
        biases.extend(float(b) for b in clf.intercept_)
        metrics["train_rows"] = float(len(head.rows))
        built.append(
            Head(head.name, head.kind, head.labels, first, calibration, threshold, metrics)
        )
        first += coef.shape[0]
    weights = np.stack(columns, axis=1)  # (n_features, n_columns)
    if vocab.cues:
        meta = {**meta, "cues": vocab.cues}
    if vocab.syntax:
        meta = {**meta, "syntax": True}
    if vocab.blocks:
        meta = {**meta, "blocks": True}
    return LinearModel(
        vocab.features, vocab.idf, weights, np.array(biases, dtype=np.float32), built, meta
    )


def prune(
    vocab: Vocabulary, x: sparse.csr_matrix, heads: Sequence[HeadData], keep: int
) -> Vocabulary:
    """The ``keep`` features that weigh most in any head (fitted once, without folds).

    The model is then refitted on the smaller vocabulary, so the L2 normalisation seen at
    run time is the one it was trained with.
    """
    if keep >= len(vocab.features):
        return vocab
    strength = np.zeros(len(vocab.features), dtype=np.float32)
    for head in heads:
        clf = _classifier(head).fit(x[head.rows], _targets(head))
        strength = np.maximum(strength, np.abs(clf.coef_).max(axis=0).astype(np.float32))
    chosen = np.sort(np.argsort(-(strength * vocab.idf))[:keep])
    return Vocabulary(
        [vocab.features[i] for i in chosen],
        vocab.idf[chosen],
        vocab.cues,
        vocab.syntax,
        vocab.blocks,
    )
