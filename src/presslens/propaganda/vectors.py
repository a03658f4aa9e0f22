"""Static word vectors for the technique model: the comment model's table, reused.

``presslens/resources/comments/vectors.npz`` (``presslens.train.comment_vectors``) holds one
128-dimensional vector per word, distilled from a sentence encoder. A span's dense
features are the L2-normalised sum of its words' vectors: words the technique model never
saw in a span ("menace", "vermin") still land near the ones it did, which the word bags
cannot do (out-of-fold TC micro-F1 0.580 → 0.604 on the PTC tuning articles; mean pooling
instead of the normalised sum: 0.596, the first 64 dimensions: 0.597).

The table is not copied into the propaganda model (it would double the model's size);
the model records the table's SHA-256 instead, and loading it with another table is an
error (E160), because the dense weights belong to the vectors they were fitted on.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import numpy as np

from presslens.propaganda.text import Doc, FloatArray
from presslens.textcat.vectors import read_table, table_digest

__all__ = ["VECTORS_FILE", "WordVectors", "table_path", "word_vectors"]

VECTORS_FILE = "comments/vectors.npz"  # relative to presslens/resources


def table_path() -> Path:
    root = resources.files("presslens.resources")
    return Path(str(root)) / VECTORS_FILE


class WordVectors:
    """norm → row of a (words × dims) table; a span is the normalised sum of its rows."""

    def __init__(
        self, words: Sequence[str] | dict[str, int], table: FloatArray, sha256: str
    ) -> None:
        self.index = words if isinstance(words, dict) else {w: i for i, w in enumerate(words)}
        self.table = np.asarray(table, dtype=np.float32)
        self.dims = int(self.table.shape[1])
        self.sha256 = sha256

    @classmethod
    def load(cls, path: Path) -> WordVectors:
        index, table = read_table(path)  # the comment and claims models' copy, not another
        return cls(index, table, table_digest(path))

    def spans(self, doc: Doc, ranges: Sequence[tuple[int, int]]) -> FloatArray:
        """(n_spans, dims): each token range [first, stop) of ``doc`` pooled; a span with no
        known word is all zeros."""
        out = np.zeros((len(ranges), self.dims), dtype=np.float32)
        index = self.index
        norms = doc.norms
        for k, (first, stop) in enumerate(ranges):
            rows = [r for r in map(index.get, norms[first:stop]) if r is not None]
            if not rows:
                continue
            total = self.table[rows].sum(axis=0)
            size = float(np.sqrt(total @ total))
            if size > 0.0:
                out[k] = total / size
        return out


@functools.cache
def word_vectors() -> WordVectors:
    """The shipped table, loaded once."""
    return WordVectors.load(table_path())
