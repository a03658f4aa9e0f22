"""Static word vectors beside the sparse features: a linear model over both.

The table (``presslens.train.comment_vectors``) holds one float16 vector per word,
distilled from a sentence encoder. A text's dense features are the L2-normalised sum of
its words' vectors, times ``scale`` (so the regulariser treats them like the sparse
block). Because the sum is linear, a word's share of a head's logit is exactly its own
vector's dot product with the head's dense weights, divided by the same norm: the
evidence rule sees it as one more per-token contribution, and words still explain the
score. Run time is a dictionary lookup and a small matrix product in numpy.

In the model file the dense dimensions are features named ``e:0`` … ``e:{d-1}`` (idf 1):
``LinearModel`` stores and loads them with the rest, and ``VectorModel`` finds them there.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from presslens.textcat.evidence import select_runs
from presslens.textcat.features import Token, tokenize
from presslens.textcat.linear import (
    Evidence,
    LinearModel,
    Prediction,
    _Counts,
    _decide,
    _spread,
)
from presslens.textcat.syntax import ParsedToken

__all__ = [
    "DENSE_PREFIX",
    "StaticVectors",
    "VectorModel",
    "load_model",
    "read_table",
    "table_digest",
    "table_path",
]

DENSE_PREFIX = "e:"
_F32 = npt.NDArray[np.float32]


def table_digest(path: Path) -> str:
    """A table's SHA-256: a model fitted on it records it, and its loader refuses another."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_table(path: Path) -> tuple[dict[str, int], _F32]:
    """word → row and the (words × dims) float32 table of a vector file, read once per
    process however many models use it (the comment, claims and propaganda models share
    one), and again only when the file changes."""
    stat = path.stat()
    return _read_table(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4)
def _read_table(path: str, mtime_ns: int, size: int) -> tuple[dict[str, int], _F32]:
    with np.load(path) as arrays:
        words = [str(w) for w in arrays["words"]]
        table = np.asarray(arrays["vectors"], dtype=np.float32)
    table.setflags(write=False)  # shared by every model that reads it
    return {w: i for i, w in enumerate(words)}, table


class StaticVectors:
    """word → row of a (words × dims) float16 table; unknown words have no vector."""

    def __init__(self, words: Sequence[str] | dict[str, int], table: npt.NDArray[Any]) -> None:
        self.index = words if isinstance(words, dict) else {w: i for i, w in enumerate(words)}
        self.table = np.asarray(table, dtype=np.float32)
        self.dims = int(self.table.shape[1])

    @classmethod
    def load(cls, path: Path, dims: int | None = None) -> StaticVectors:
        index, table = read_table(path)
        return cls(index, table[:, :dims] if dims else table)

    def rows(self, tokens: Sequence[Token]) -> tuple[list[int], list[int]]:
        """(token positions, table rows) of the tokens that have a vector."""
        at: list[int] = []
        rows: list[int] = []
        for i, t in enumerate(tokens):
            r = self.index.get(t.norm)
            if r is not None:
                at.append(i)
                rows.append(r)
        return at, rows

    def pool(self, tokens: Sequence[Token], scale: float) -> tuple[_F32, float]:
        """The text's dense features and the factor each word vector was multiplied by."""
        return self.pool_rows(self.rows(tokens)[1], scale)

    def pool_rows(self, rows: list[int], scale: float) -> tuple[_F32, float]:
        if not rows:
            return np.zeros(self.dims, dtype=np.float32), 0.0
        total = self.table[rows].sum(axis=0)
        norm = float(np.sqrt(total @ total))
        if norm == 0.0:
            return np.zeros(self.dims, dtype=np.float32), 0.0
        factor = scale / norm
        return (total * factor).astype(np.float32), factor

    def matrix(self, texts: Sequence[str], scale: float) -> _F32:
        return (
            np.stack([self.pool(tokenize(t), scale)[0] for t in texts])
            if texts
            else (np.zeros((0, self.dims), dtype=np.float32))
        )


class VectorModel(LinearModel):
    """A ``LinearModel`` whose features include pooled static word vectors."""

    def __init__(self, base: LinearModel, vectors: StaticVectors) -> None:
        super().__init__(
            base.features,
            np.array([base._idf[f][1] for f in base.features], dtype=np.float32),
            base.weights,
            base.bias,
            list(base.heads.values()),
            base.meta,
        )
        self.vectors = vectors
        self.scale = float(self.meta.get("vectors", {}).get("scale", 1.0))
        dense = [self._idf[f"{DENSE_PREFIX}{k}"][0] for k in range(vectors.dims)]
        self.dense_weights = self.weights[np.array(dense, dtype=np.int64)]  # (dims, columns)

    def predict_many(
        self,
        texts: Sequence[str],
        evidence: int = 3,
        parses: Sequence[Sequence[ParsedToken]] | None = None,
        show: Callable[[dict[str, Prediction]], bool] | None = None,
    ) -> list[dict[str, Prediction]]:
        """Every head's decision on each text. A multiclass head always decides for some
        label, so with ``evidence`` a text is read once with token positions and all
        heads' per-token shares come from one product (``_token_matrix``). ``parses``: as
        ``LinearModel.predict_many`` (a model trained with parse features needs them);
        ``show``: evidence only for the texts whose decisions it accepts (the decisions
        are made first, on the scores alone)."""
        if not texts:
            return []
        # the sparse features in one product over the batch (``LinearModel._batch``), the
        # pooled word vectors in another
        tokenised, read, cols, values, offsets, logits = self._batch(texts, parses)
        at = [self.vectors.rows(toks) for toks in tokenised]
        pooled = np.stack([self.vectors.pool_rows(rows, self.scale)[0] for _, rows in at])
        logits += pooled.astype(np.float64) @ self.dense_weights
        out: list[dict[str, Prediction]] = []
        net = self.evidence_rule.net
        for k, toks in enumerate(tokenised):
            decided = {}
            for h in self.heads.values():
                probs, label, _ = _decide(h, logits[k][h.first_column : h.first_column + h.width])
                decided[h.name] = Prediction(h.name, label, probs, ())
            if evidence and (show is None or show(decided)):
                # the features' token positions, read with the scores; values this batch's
                lo, hi = int(offsets[k]), int(offsets[k + 1])
                where = cols[lo:hi].tolist()
                names = [self.features[c] for c in where]
                rows = list(zip(where, values[lo:hi].tolist(), names, strict=True))
                decided = self._with_evidence(toks, read[k], rows, at[k], logits[k], evidence, net)
            out.append(decided)
        return out

    def _with_evidence(
        self,
        tokens: list[Token],
        counts: _Counts,
        rows: list[tuple[int, float, str]],
        at: tuple[list[int], list[int]],
        logits: npt.NDArray[np.float64],
        evidence: int,
        net: bool,
    ) -> dict[str, Prediction]:
        decided: dict[str, Prediction] = {}
        shares: npt.NDArray[np.float64] | None = None
        for h in self.heads.values():
            probs, label, column = _decide(h, logits[h.first_column : h.first_column + h.width])
            spans: tuple[Evidence, ...] = ()
            if column is not None:
                if shares is None:
                    shares = self._token_matrix(tokens, counts, rows, at, net)
                per = shares[:, h.first_column + column].tolist()
                spans = _runs(tokens, per, evidence, self)
            decided[h.name] = Prediction(h.name, label, probs, spans)
        return decided

    def token_contributions(
        self,
        text: str,
        head: str,
        label: str,
        net: bool = True,
        parsed: Sequence[ParsedToken] | None = None,
    ) -> tuple[list[Token], list[float]]:
        tokens, counts, rows = self._featurise(text, parsed)
        h = self.heads[head]
        column = h.labels.index(label) if h.kind == "multiclass" else 0
        shares = self._token_matrix(tokens, counts, rows, self.vectors.rows(tokens), net)
        return tokens, shares[:, h.first_column + column].tolist()

    def _token_matrix(
        self,
        tokens: list[Token],
        counts: _Counts,
        rows: list[tuple[int, float, str]],
        vector_rows: tuple[list[int], list[int]],
        net: bool,
    ) -> npt.NDArray[np.float64]:
        """(tokens × columns): each token's share of every column's logit — its sparse
        features' share plus its own word vector's (exact: the pooled vector is a scaled
        sum). A multiclass column is taken net of its head's mean (what favours the label
        over the others); with ``net=False`` only what raised it counts."""
        width = self.bias.shape[0]
        per = np.zeros((len(tokens), width), dtype=np.float64)
        if rows:
            cols = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
            values = np.fromiter((r[1] for r in rows), dtype=np.float64, count=len(rows))
            feature = self._relative(values[:, None] * self.weights[cols], net)
            row_idx, token_idx, share = _spread(counts, rows)
            np.add.at(per, token_idx, feature[row_idx] * share[:, None])
        at, table_rows = vector_rows
        _, factor = self.vectors.pool_rows(table_rows, self.scale)
        if at and factor:
            vecs = self.vectors.table[table_rows].astype(np.float64) * factor
            np.add.at(
                per, np.array(at, dtype=np.int64), self._relative(vecs @ self.dense_weights, net)
            )
        return per

    def _relative(self, block: npt.NDArray[Any], net: bool) -> npt.NDArray[np.float64]:
        out = np.asarray(block, dtype=np.float64)
        for h in self.heads.values():
            if h.kind == "multiclass":
                sl = slice(h.first_column, h.first_column + h.width)
                out[:, sl] -= out[:, sl].mean(axis=1, keepdims=True)
        return out if net else np.maximum(out, 0.0)


def _runs(
    tokens: list[Token], per_token: list[float], limit: int, model: LinearModel
) -> tuple[Evidence, ...]:
    runs = select_runs([t.norm for t in tokens], per_token, model.evidence_rule)
    runs.sort(key=lambda r: -r[2])
    return tuple(
        sorted(
            (Evidence(tokens[a].start, tokens[b].end, round(w, 3)) for a, b, w in runs[:limit]),
            key=lambda e: e.start,
        )
    )


def table_path(directory: Path, spec: dict[str, Any]) -> Path:
    """Where a model's word-vector table is: beside the model, else (``spec["package"]``)
    in the resource package that ships it, so a model that shares another model's table
    still loads when its folder is copied elsewhere."""
    path = directory / str(spec["file"])
    if not path.exists() and spec.get("package"):
        from importlib import resources

        path = Path(str(resources.files(str(spec["package"])))) / str(spec["file"])
    return path


def load_model(directory: Path, stem: str) -> LinearModel:
    """The model in ``directory``; with its word-vector table when its meta names one
    (``meta["vectors"] = {"file", "dims", "scale"}``, optionally ``"package"``)."""
    base = LinearModel.load(directory, stem)
    spec = base.meta.get("vectors")
    if not spec:
        return base
    return VectorModel(base, StaticVectors.load(table_path(directory, spec), int(spec["dims"])))
