"""The technique model of ``presslens.propaganda.model``: a 14-way logistic regression over
a span's words, its context, its length and how often it is repeated in the article, plus
(when the model has them) dense weights over the span's pooled static word vectors
(``presslens.propaganda.vectors``)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from presslens.propaganda.techniques import TECHNIQUES, Technique
from presslens.propaganda.text import Doc, FloatArray
from presslens.propaganda.tokens import bin_of

__all__ = ["TechniqueModel", "technique_features"]


def _count_phrase(doc: Doc, first: int, stop: int) -> int:
    """How often the tokens [first, stop) occur in the document (case-insensitive)."""
    phrase = doc.norms[first:stop]
    if not phrase:
        return 0
    size = len(phrase)
    # counted from the phrase's rarest word, not its first: in a long text "the …" would
    # check every "the" for every span
    positions = doc.positions
    at = min(range(size), key=lambda j: len(positions.get(phrase[j], ())))
    return sum(
        p >= 0 and doc.norms[p : p + size] == phrase
        for p in (q - at for q in positions.get(phrase[at], ()))
    )


def technique_features(doc: Doc, start: int, end: int) -> dict[str, float]:
    """Sparse features of the span [start, end): its words, its context, its shape and its
    repetitions in the document. Bag-of-words groups are 1/√n-normalised."""
    first, stop = doc.token_range(start, end)
    feats: dict[str, float] = {"bias": 1.0}
    if stop <= first:
        return feats
    words = doc.norms[first:stop]
    raws = doc.raws[first:stop]

    def bag(prefix: str, items: Iterable[str]) -> None:
        distinct = set(items)
        if distinct:
            value = 1.0 / math.sqrt(len(distinct))
            for item in distinct:
                feats[prefix + item] = value

    bag("w:", words)
    bag("b:", (a + " " + b for a, b in zip(["<s>", *words], [*words, "</s>"], strict=True)))
    bag(
        "c:",
        (
            padded[j : j + 4]
            for w in words
            if w[0].isalpha()
            for padded in [f" {w} "]
            for j in range(len(padded) - 3)
        ),
    )
    feats["first:" + words[0]] = 1.0
    feats["last:" + words[-1]] = 1.0
    k_first = int(doc.sentence_of[first])
    k_last = int(doc.sentence_of[stop - 1])
    s_first = doc.sentences[k_first][0]
    s_stop = doc.sentences[k_last][1]
    bag("x:", doc.norms[s_first:first] + doc.norms[stop:s_stop])
    feats["l1:" + (doc.norms[first - 1] if first > s_first else "<s>")] = 1.0
    feats["r1:" + (doc.norms[stop] if stop < s_stop else "</s>")] = 1.0
    size = stop - first
    feats["len:" + bin_of(size, (2, 3, 4, 6, 9, 13, 20, 30))] = 1.0
    feats["cover:" + bin_of(size / max(s_stop - s_first, 1), (0.2, 0.4, 0.6, 0.8, 0.95))] = 1.0
    feats["rep:" + bin_of(_count_phrase(doc, first, stop), (2, 3, 4, 6))] = 1.0
    content = [w for w in words if len(w) > 3 and w[0].isalpha()]
    most = max((len(doc.positions.get(w, ())) for w in content), default=0)
    feats["repw:" + bin_of(most, (1, 2, 3, 4, 6, 10))] = 1.0
    letters = [c for r in raws for c in r if c.isalpha()]
    if letters:
        upper = sum(c.isupper() for c in letters) / len(letters)
        feats["caps:" + bin_of(upper, (0.1, 0.3, 0.6, 0.9))] = 1.0
    left = doc.text[max(0, start - 2) : start]
    right = doc.text[end : end + 2]
    if any(q in left for q in "\"“'‘") or any(q in right for q in "\"”'’"):
        feats["quoted"] = 1.0
    if "!" in raws or "!" in right:
        feats["bang"] = 1.0
    if "?" in raws or "?" in right:
        feats["question"] = 1.0
    if doc.lines[first] == 0:
        feats["title"] = 1.0
    if k_first != k_last:
        feats["multi_sentence"] = 1.0
    return feats


@dataclass(slots=True)
class TechniqueModel:
    index: dict[str, int]
    weights: FloatArray  # (n_features, 14)
    bias: FloatArray  # (14,)
    temperature: float = 1.0
    labels: tuple[Technique, ...] = TECHNIQUES
    # (dims, 14) weights over the span's pooled word vectors; None: a model without them
    dense: FloatArray | None = None

    def probabilities(
        self, feats: dict[str, float], vector: FloatArray | None = None
    ) -> FloatArray:
        cols = [self.index[f] for f in feats if f in self.index]
        values = np.array([feats[f] for f in feats if f in self.index], dtype=np.float32)
        z = values @ self.weights[cols] + self.bias if cols else self.bias.copy()
        if self.dense is not None and vector is not None:
            z = z + vector @ self.dense
        z = z / self.temperature
        e = np.exp(z - z.max())
        out: FloatArray = (e / e.sum()).astype(np.float32)
        return out

    def probabilities_of(
        self, spans: Sequence[dict[str, float]], vectors: FloatArray | None = None
    ) -> FloatArray:
        """``probabilities`` of many spans at once: (n_spans, 14); ``vectors`` are the
        spans' pooled word vectors, (n_spans, dims)."""
        if not spans:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        index = self.index
        rows: list[int] = []
        cols: list[int] = []
        values: list[float] = []
        for r, feats in enumerate(spans):
            for f, v in feats.items():
                c = index.get(f)
                if c is not None:
                    rows.append(r)
                    cols.append(c)
                    values.append(v)
        z = np.tile(self.bias.astype(np.float64), (len(spans), 1))
        if cols:
            # rows come in order, so each span's features are one slice: reduceat sums them
            # (np.add.at, which allows any order, was a tenth of the layer's time)
            weighted = self.weights[cols] * np.asarray(values, dtype=np.float32)[:, None]
            row_ids = np.asarray(rows)
            firsts = np.flatnonzero(np.r_[True, row_ids[1:] != row_ids[:-1]])
            z[row_ids[firsts]] += np.add.reduceat(weighted, firsts, axis=0)
        if self.dense is not None and vectors is not None:
            z += vectors.astype(np.float64) @ self.dense.astype(np.float64)
        z /= self.temperature
        e = np.exp(z - z.max(axis=1, keepdims=True))
        out: FloatArray = (e / e.sum(axis=1, keepdims=True)).astype(np.float32)
        return out
