"""The three models of ``presslens train propaganda`` (``presslens.train.propaganda``), each
fitted by logistic regression (liblinear / lbfgs, seed 13, one core): the sentence model,
the token model (its sentence-score features out of fold), the technique model; and the
``Settings`` they share. Apart from the cross-validation and the training command to keep
both modules short.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse
from sklearn.linear_model import LogisticRegression

from presslens.eval.propaganda import (
    Span,
    TechniqueLine,
    merge_spans,
)
from presslens.propaganda.model import (
    TEMPLATES,
    Decoding,
    Doc,
    SentenceModel,
    TechniqueModel,
    TokenModel,
    sentence_features,
    technique_features,
    token_values,
)
from presslens.propaganda.techniques import TECHNIQUES
from presslens.propaganda.vectors import WordVectors, word_vectors

__all__ = [
    "DECODING",
    "SEED",
    "Settings",
    "fit_sentence_model",
    "fit_technique_model",
    "fit_token_model",
    "folds_of",
    "oof_sentence_probs",
    "token_labels",
]

SEED = 13
# Chosen by sweeping the 5-fold out-of-fold token probabilities (docs in MODEL_CARD.md);
# F1 is flat within ±0.05 of the threshold.
DECODING = Decoding(threshold=0.25, gap=4, min_tokens=1)


@dataclass(frozen=True, slots=True)
class Settings:
    """What the fit uses; the defaults are the shipped model's. The ablations in the model
    card switch template groups off here."""

    templates: tuple[str, ...] = tuple(TEMPLATES)
    sentence_c: float = 0.5
    token_c: float = 0.1
    technique_c: float = 2.0
    technique_min_df: int = 2
    # the span's pooled static word vectors beside its sparse features
    # (presslens.propaganda.vectors; out-of-fold TC 0.580 -> 0.604)
    technique_vectors: bool = True
    # the sentence's pooled word vector (scale) and the words' vectors at ±1 around each
    # token (scale) beside the sparse features; 0: off
    # (out-of-fold SI F1 0.352 -> 0.390 with both at 1)
    sentence_vectors: float = 1.0
    token_vectors: float = 1.0
    token_vector_offsets: tuple[int, ...] = (-1, 0, 1)
    inner_folds: int = 4
    decoding: Decoding = DECODING


# -- preparing -----------------------------------------------------------------------------


def token_labels(doc: Doc, spans: Sequence[Span]) -> npt.NDArray[np.int8]:
    """1 for tokens at least half inside a (merged) gold span."""
    y = np.zeros(len(doc.norms), dtype=np.int8)
    for s, e in merge_spans(spans):
        first, stop = doc.token_range(s, e)
        for i in range(first, stop):
            a, b = int(doc.starts[i]), int(doc.ends[i])
            if 2 * (min(b, e) - max(a, s)) >= b - a:
                y[i] = 1
    return y


def folds_of(ids: Sequence[str], folds: int) -> list[list[str]]:
    """Round-robin over sorted ids: deterministic and independent of file order."""
    ordered = sorted(ids)
    return [ordered[k::folds] for k in range(folds)]


def _csr(rows: Sequence[Sequence[int]], values: Sequence[Sequence[float]], width: int) -> Any:
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(r) for r in rows])
    indices = np.fromiter((c for r in rows for c in r), dtype=np.int64, count=int(indptr[-1]))
    data = np.fromiter((v for r in values for v in r), dtype=np.float32, count=int(indptr[-1]))
    return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), width))


# -- the sentence model --------------------------------------------------------------------


def _sentence_rows(
    docs: Sequence[Doc], labels: Sequence[npt.NDArray[np.int8]]
) -> tuple[list[list[str]], npt.NDArray[np.int64]]:
    feats: list[list[str]] = []
    y: list[int] = []
    for doc, lab in zip(docs, labels, strict=True):
        for first, stop in doc.sentences:
            feats.append(sentence_features(doc.norms[first:stop]))
            y.append(int(lab[first:stop].any()))
    return feats, np.array(y, dtype=np.int64)


def fit_sentence_model(
    docs: Sequence[Doc],
    labels: Sequence[npt.NDArray[np.int8]],
    c: float,
    vector_scale: float = 0.0,
) -> SentenceModel:
    feats, y = _sentence_rows(docs, labels)
    df: dict[str, int] = {}
    for row in feats:
        for f in row:
            df[f] = df.get(f, 0) + 1
    index = {f: i for i, f in enumerate(sorted(f for f, n in df.items() if n >= 2))}
    rows = [[index[f] for f in row if f in index] for row in feats]
    values = [
        [1.0 / math.sqrt(max(len(row), 1))] * len(cols)
        for row, cols in zip(feats, rows, strict=True)
    ]
    x = _csr(rows, values, len(index))
    model = SentenceModel(index, np.zeros(0, dtype=np.float32), 0.0, None, vector_scale or 1.0)
    if vector_scale:
        table = word_vectors()
        dense = np.concatenate([model.dense_rows(d, table) for d in docs])
        x = sparse.hstack([x, sparse.csr_matrix(dense)]).tocsr()
    clf = LogisticRegression(C=c, solver="liblinear", random_state=SEED).fit(x, y)
    weights = clf.coef_[0].astype(np.float32)
    model.weights = weights[: len(index)]
    model.bias = float(clf.intercept_[0])
    model.dense = weights[len(index) :] if vector_scale else None
    return model


def oof_sentence_probs(
    docs: Sequence[Doc], labels: Sequence[npt.NDArray[np.int8]], settings: Settings
) -> list[npt.NDArray[np.float32]]:
    out: list[npt.NDArray[np.float32]] = [np.zeros(0, dtype=np.float32)] * len(docs)
    k = min(settings.inner_folds, len(docs))
    if k < 2:  # one article: nothing to hold out, so its own (in-sample) scores
        model = fit_sentence_model(docs, labels, settings.sentence_c, settings.sentence_vectors)
        return [model.probabilities(d, _vectors(model)) for d in docs]
    for held in range(k):
        train = [i for i in range(len(docs)) if i % k != held]
        model = fit_sentence_model(
            [docs[i] for i in train],
            [labels[i] for i in train],
            settings.sentence_c,
            settings.sentence_vectors,
        )
        for i in range(held, len(docs), k):
            out[i] = model.probabilities(docs[i], _vectors(model))
    return out


def _vectors(model: SentenceModel | TokenModel) -> WordVectors | None:
    return None if model.dense is None else word_vectors()


# -- the token model -----------------------------------------------------------------------


def fit_token_model(
    docs: Sequence[Doc],
    labels: Sequence[npt.NDArray[np.int8]],
    sentence_probs: Sequence[npt.NDArray[np.float32]],
    settings: Settings,
) -> TokenModel:
    templates = {t: TEMPLATES[t] for t in settings.templates}
    values = [token_values(d, p) for d, p in zip(docs, sentence_probs, strict=True)]
    vocab: dict[str, dict[str, int]] = {}
    for name, (_, min_count) in templates.items():
        counts: dict[str, int] = {}
        for v in values:
            for value in v[name]:
                counts[value] = counts.get(value, 0) + 1
        kept = sorted(value for value, n in counts.items() if n >= min_count)
        vocab[name] = {value: i + 2 for i, value in enumerate(kept)}
    model = TokenModel(
        templates,
        vocab,
        np.zeros(0, dtype=np.float32),
        0.0,
        vector_offsets=settings.token_vector_offsets,
        vector_scale=settings.token_vectors or 1.0,
    )
    columns = np.concatenate([model.columns(d, v) for d, v in zip(docs, values, strict=True)])
    n, width = columns.shape
    x = sparse.csr_matrix(
        (np.ones(n * width, dtype=np.float32), columns.ravel(), np.arange(0, n * width + 1, width)),
        shape=(n, model.width),
    )
    if settings.token_vectors:
        table = word_vectors()
        dense = np.concatenate([model.dense_rows(d, table) for d in docs])
        x = sparse.hstack([x, sparse.csr_matrix(dense)]).tocsr()
    y = np.concatenate(labels).astype(np.int64)
    clf = LogisticRegression(C=settings.token_c, solver="liblinear", random_state=SEED).fit(x, y)
    weights = clf.coef_[0].astype(np.float32)
    model.weights = weights[: model.width]
    model.bias = float(clf.intercept_[0])
    model.dense = weights[model.width :] if settings.token_vectors else None
    return model


# -- the technique model -------------------------------------------------------------------


def _technique_rows(
    docs: Mapping[str, Doc], lines: Sequence[TechniqueLine]
) -> list[dict[str, float]]:
    return [technique_features(docs[x.article], x.start, x.end) for x in lines]


def fit_technique_model(
    docs: Mapping[str, Doc], lines: Sequence[TechniqueLine], settings: Settings
) -> TechniqueModel:
    feats = _technique_rows(docs, lines)
    df: dict[str, int] = {}
    for row in feats:
        for f in row:
            df[f] = df.get(f, 0) + 1
    kept = sorted(f for f, n in df.items() if n >= settings.technique_min_df)
    index = {f: i for i, f in enumerate(kept)}
    rows = [[index[f] for f in row if f in index] for row in feats]
    values = [[row[f] for f in row if f in index] for row in feats]
    x = _csr(rows, values, len(index))
    dims = 0
    if settings.technique_vectors:
        table = word_vectors()
        dense = (
            np.concatenate(
                [
                    table.spans(
                        docs[line.article], [docs[line.article].token_range(line.start, line.end)]
                    )
                    for line in lines
                ]
            )
            if lines
            else np.zeros((0, table.dims), dtype=np.float32)
        )
        dims = table.dims
        x = sparse.hstack([x, sparse.csr_matrix(dense)]).tocsr()
    label_index = {t: i for i, t in enumerate(TECHNIQUES)}
    y = np.array([label_index[x.technique] for x in lines], dtype=np.int64)
    clf = LogisticRegression(C=settings.technique_c, max_iter=3000, random_state=SEED).fit(x, y)
    # a technique absent from the training lines gets no column from scikit-learn; give it
    # zero weights and a very low bias so the 14 outputs keep their order
    weights = np.zeros((len(index) + dims, len(TECHNIQUES)), dtype=np.float32)
    bias = np.full(len(TECHNIQUES), -30.0, dtype=np.float32)
    for col, cls in enumerate(clf.classes_.tolist()):
        if len(clf.classes_) == 2:  # binary: scikit-learn keeps one column for class 1
            sign = 1.0 if col == 1 else -1.0
            weights[:, cls] = sign * clf.coef_[0] / 2
            bias[cls] = sign * clf.intercept_[0] / 2
        else:
            weights[:, cls] = clf.coef_[col]
            bias[cls] = clf.intercept_[col]
    dense_weights = weights[len(index) :] if dims else None
    return TechniqueModel(index, weights[: len(index)], bias, dense=dense_weights)
