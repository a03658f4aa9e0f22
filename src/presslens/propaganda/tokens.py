"""The sentence model and the token model of ``presslens.propaganda.model``.

1. a **sentence model**: word unigrams and bigrams of one sentence give how likely it holds
   any propaganda. Its probability (and its neighbours') is a feature of every token in the
   sentence, because whether "destroy" is loaded depends on what the sentence is doing;
2. a **token model**: per token, is it inside a propaganda span? Features are read in a
   window around the token (word, shape, word bigrams) plus the token's place in its
   sentence and article and the sentence model's score. Each feature is a column of one flat
   weight vector, so scoring a whole article is one gather and one sum in numpy.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from presslens.propaganda.text import Doc, FloatArray, IntArray, _shape
from presslens.propaganda.vectors import WordVectors

__all__ = [
    "TEMPLATES",
    "SentenceModel",
    "TokenModel",
    "bin_of",
    "sentence_features",
    "token_values",
]

_QUOTES = frozenset('"“”')
_UNKNOWN, _BOUNDARY = 0, 1  # ids every token template reserves


# -- the sentence model --------------------------------------------------------------------


def sentence_features(norms: Sequence[str]) -> list[str]:
    """Distinct word unigrams and bigrams of one sentence."""
    words = [w for w in norms if w[0].isalnum() or w in "!?\"'"]
    found = {"w:" + w for w in words}
    found.update("b:" + a + " " + b for a, b in itertools.pairwise(words))
    return sorted(found)


@dataclass(slots=True)
class SentenceModel:
    """P(a sentence holds propaganda) from a binary bag of its words, 1/√n-normalised, and
    (with ``dense``) the sentence's pooled static word vector times ``vector_scale``."""

    index: dict[str, int]
    weights: FloatArray
    bias: float
    dense: FloatArray | None = None  # (dims,)
    vector_scale: float = 1.0

    def dense_rows(self, doc: Doc, vectors: WordVectors) -> FloatArray:
        """(n_sentences, dims): the dense features of each sentence."""
        out: FloatArray = vectors.spans(doc, doc.sentences) * np.float32(self.vector_scale)
        return out

    def probabilities(self, doc: Doc, vectors: WordVectors | None = None) -> FloatArray:
        n = len(doc.sentences)
        if n == 0:
            return np.zeros(0, dtype=np.float32)
        # one gather and one bincount for the whole article, not one per sentence
        cols: list[int] = []
        rows: list[int] = []
        sizes = np.ones(n, dtype=np.float64)
        index = self.index
        for k, (first, stop) in enumerate(doc.sentences):
            feats = sentence_features(doc.norms[first:stop])
            known = [index[f] for f in feats if f in index]
            cols.extend(known)
            rows.extend([k] * len(known))
            sizes[k] = max(len(feats), 1)
        sums = np.bincount(rows, weights=self.weights[cols], minlength=n) if cols else np.zeros(n)
        z = self.bias + sums / np.sqrt(sizes)
        if self.dense is not None and vectors is not None:
            z = z + self.dense_rows(doc, vectors).astype(np.float64) @ self.dense
        out: FloatArray = np.where(z > -30, 1.0 / (1.0 + np.exp(-np.maximum(z, -30))), 0.0)
        return out.astype(np.float32)


# -- the token model -----------------------------------------------------------------------


_PLACE_EDGES = (1, 2, 3, 6, 11, 21)


def bin_of(value: float, edges: Sequence[float]) -> str:
    for k, edge in enumerate(edges):
        if value < edge:
            return str(k)
    return str(len(edges))


def token_values(doc: Doc, sentence_probs: FloatArray) -> dict[str, list[str]]:
    """Every token template's value for every token (one string per token).

    Window templates ("w", "s", "b") are read again at other offsets by the model; the
    others describe the token's place and its sentence.
    """
    n = len(doc.norms)
    words = doc.norms
    shapes = [_shape(r) for r in doc.raws]
    bigrams = [""] * n
    place_in = [""] * n
    place_out = [""] * n
    length = [""] * n
    quoted = [""] * n
    here = [""] * n
    before = [""] * n
    after = [""] * n
    where = [""] * n
    n_sent = len(doc.sentences)
    longest = max((b - a for a, b in doc.sentences), default=0)
    place = [bin_of(d, _PLACE_EDGES) for d in range(longest)]  # the same bins, computed once
    lines = doc.lines.tolist()
    bins = [bin_of(float(p), (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)) for p in sentence_probs]
    for k, (first, stop) in enumerate(doc.sentences):
        size = stop - first
        size_bin = bin_of(size, (4, 8, 16, 32, 64))
        prev_bin = bins[k - 1] if k > 0 else "-"
        next_bin = bins[k + 1] if k + 1 < n_sent else "-"
        inside = False
        at = bin_of(k / max(n_sent, 1), (0.1, 0.3, 0.6))
        for i in range(first, stop):
            bigrams[i] = (words[i - 1] if i > first else "<s>") + " " + words[i]
            place_in[i] = place[i - first]
            place_out[i] = place[stop - 1 - i]
            length[i] = size_bin
            if doc.raws[i] in _QUOTES:
                inside = not inside
                quoted[i] = "mark"
            else:
                quoted[i] = "in" if inside else "out"
            here[i] = bins[k]
            before[i] = prev_bin
            after[i] = next_bin
            where[i] = "title" if lines[i] == 0 else at
    suffixes = [w[-3:] if len(w) > 4 and w[0].isalpha() else "" for w in words]
    repeat_bin = {
        w: bin_of(len(p), (2, 3, 5)) if len(w) > 3 and w[0].isalpha() else "-"
        for w, p in doc.positions.items()
    }
    repeats = [repeat_bin[w] for w in words]
    coarse = ["h" if p >= 0.5 else "m" if p >= 0.25 else "l" for p in sentence_probs.tolist()]
    word_in = [
        w + "|" + coarse[int(k)] for w, k in zip(words, doc.sentence_of.tolist(), strict=True)
    ]
    return {
        "x": suffixes,
        "rc": repeats,
        "ws": word_in,
        "w": list(words),
        "s": shapes,
        "b": bigrams,
        "pi": place_in,
        "po": place_out,
        "sl": length,
        "q": quoted,
        "sp": here,
        "spp": before,
        "spn": after,
        "at": where,
    }


# Which offsets each template is read at, and the least count for a value to get a column.
TEMPLATES: dict[str, tuple[tuple[int, ...], int]] = {
    "x": ((-1, 0, 1), 2),
    "rc": ((0,), 1),
    "ws": ((0,), 2),
    "w": ((-2, -1, 0, 1, 2), 2),
    "s": ((-1, 0, 1), 2),
    "b": ((0, 1), 3),
    "pi": ((0,), 1),
    "po": ((0,), 1),
    "sl": ((0,), 1),
    "q": ((0,), 1),
    "sp": ((0,), 1),
    "spp": ((0,), 1),
    "spn": ((0,), 1),
    "at": ((0,), 1),
}


@dataclass(slots=True)
class TokenModel:
    """Per-token logistic regression over windowed template values.

    Template ``t`` read at offset ``o`` owns a block of ``len(vocab[t]) + 2`` columns
    (unknown value, sentence boundary, then the vocabulary); a token's score is the sum of
    one column per (template, offset) plus the bias, then Platt-calibrated.
    """

    templates: dict[str, tuple[tuple[int, ...], int]]
    vocab: dict[str, dict[str, int]]  # value → id (ids from 2)
    weights: FloatArray
    bias: float
    calibration: tuple[float, float] = (1.0, 0.0)
    # the static word vectors of the tokens at ``vector_offsets`` (times ``vector_scale``):
    # ``dense`` holds one (dims,) block of weights per offset, in that order
    dense: FloatArray | None = None
    vector_offsets: tuple[int, ...] = (-1, 0, 1)
    vector_scale: float = 1.0

    def dense_rows(self, doc: Doc, vectors: WordVectors) -> FloatArray:
        """(n_tokens, len(vector_offsets) × dims): each token's dense features (a word
        without a vector, or a neighbour outside the sentence, contributes zeros)."""
        n = len(doc.norms)
        table = np.vstack([vectors.table, np.zeros((1, vectors.dims), dtype=np.float32)])
        unknown = len(table) - 1
        ids = np.fromiter(
            (vectors.index.get(w, unknown) for w in doc.norms), dtype=np.int64, count=n
        )
        index = np.arange(n)
        blocks: list[FloatArray] = []
        for offset in self.vector_offsets:
            j = index + offset
            valid = (j >= 0) & (j < n)
            jc = np.clip(j, 0, n - 1)
            valid &= doc.sentence_of[jc] == doc.sentence_of
            blocks.append(table[np.where(valid, ids[jc], unknown)])
        out: FloatArray = np.hstack(blocks) * np.float32(self.vector_scale)
        return out

    def dense_logits(self, doc: Doc, vectors: WordVectors | None) -> FloatArray | None:
        """The dense part of each token's logit; None for a model without it.

        Each offset's weights are applied to every word once (one product per offset),
        then shifted: the same sum as ``dense_rows(doc) @ dense``, without the wide matrix.
        """
        if self.dense is None or vectors is None:
            return None
        n = len(doc.norms)
        dims = vectors.dims
        rows = np.fromiter((vectors.index.get(w, -1) for w in doc.norms), dtype=np.int64, count=n)
        known = rows >= 0
        blocks = self.dense.reshape(len(self.vector_offsets), dims)
        per_word = np.zeros((n, len(self.vector_offsets)), dtype=np.float64)
        if known.any():
            per_word[known] = vectors.table[rows[known]].astype(np.float64) @ blocks.T
        per_word *= self.vector_scale
        out = np.zeros(n, dtype=np.float64)
        index = np.arange(n)
        for k, offset in enumerate(self.vector_offsets):
            j = index + offset
            valid = (j >= 0) & (j < n)
            jc = np.clip(j, 0, n - 1)
            valid &= doc.sentence_of[jc] == doc.sentence_of
            out += np.where(valid, per_word[jc, k], 0.0)
        result: FloatArray = out.astype(np.float32)
        return result

    def layout(self) -> list[tuple[str, int, int]]:
        """(template, offset, first column) of every block, in column order."""
        out: list[tuple[str, int, int]] = []
        base = 0
        for name, (offsets, _) in self.templates.items():
            for offset in offsets:
                out.append((name, offset, base))
                base += len(self.vocab[name]) + 2
        return out

    @property
    def width(self) -> int:
        return sum((len(self.vocab[t]) + 2) * len(o) for t, (o, _) in self.templates.items())

    def columns(self, doc: Doc, values: dict[str, list[str]]) -> IntArray:
        """(n_tokens, n_blocks) column indices: the features' one-hot positions."""
        n = len(doc.norms)
        blocks = self.layout()
        out = np.empty((n, len(blocks)), dtype=np.int64)
        if n == 0:
            return out
        ids = {
            name: np.array(
                list(map(self.vocab[name].get, values[name], itertools.repeat(_UNKNOWN))),
                dtype=np.int64,
            )
            for name in self.templates
        }
        index = np.arange(n)
        for b, (name, offset, base) in enumerate(blocks):
            if offset == 0:
                out[:, b] = base + ids[name]
                continue
            j = index + offset
            valid = (j >= 0) & (j < n)
            jc = np.clip(j, 0, n - 1)
            valid &= doc.sentence_of[jc] == doc.sentence_of
            out[:, b] = base + np.where(valid, ids[name][jc], _BOUNDARY)
        return out

    def logits(self, columns: IntArray) -> FloatArray:
        if columns.shape[0] == 0:
            return np.zeros(0, dtype=np.float32)
        out: FloatArray = self.weights[columns].sum(axis=1) + np.float32(self.bias)
        return out

    def probabilities(self, columns: IntArray, dense: FloatArray | None = None) -> FloatArray:
        """Calibrated P(inside a span) per token; ``dense``: ``dense_logits`` of the doc."""
        slope, intercept = self.calibration
        logits = self.logits(columns).astype(np.float64)
        if dense is not None and len(logits):
            logits = logits + dense
        z = slope * logits + intercept
        out: FloatArray = (1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))).astype(np.float32)
        return out
