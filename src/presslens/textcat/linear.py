"""A small linear text classifier with several heads over one shared feature space.

Shipped as two files: ``<stem>.json`` (features, heads, calibration, thresholds, card
metadata) and ``<stem>.npz`` (weights). Prediction is a sparse dot product in numpy, so the
run-time install needs neither scikit-learn nor torch, and every score comes with the
characters that pushed it up.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from presslens.errors import PresslensError
from presslens.textcat.columns import ColumnReader, Occurrences, counted
from presslens.textcat.cues import CUE_SETS, CueFunction
from presslens.textcat.evidence import EvidenceRule, select_runs
from presslens.textcat.features import (
    BLOCKS,
    Token,
    block_of,
    count_features,
    tokenize,
    weigh,
)
from presslens.textcat.syntax import ParsedToken, with_syntax

__all__ = ["Evidence", "Head", "LinearModel", "Prediction"]

FORMAT = "presslens.linear.v1"
HeadKind = Literal["binary", "multiclass"]
# feature → (count, flattened (first, last) token pairs), or where a batch's features were
# read (``ColumnReader.occurrences``): what evidence spreads a feature's weight over
_Counts = dict[str, tuple[int, list[int]]] | Occurrences
_EMPTY_F = np.zeros(0, dtype=np.float32)
_EMPTY_B = np.zeros((0, 0), dtype=np.float32)
# what ``LinearModel._batch`` gives: tokens, where their features occur, feature columns and
# values, each text's offsets into them, logits
_Batch = tuple[
    list[list[Token]],
    list[Occurrences],
    npt.NDArray[np.int64],
    npt.NDArray[np.float32],
    npt.NDArray[np.int64],
    npt.NDArray[np.float64],
]
# sublinear term frequency 1 + ln(count), as ``features.weigh`` computes it, by count
_ONE_PLUS_LOG = np.array([0.0] + [1.0 + math.log(c) for c in range(1, 257)], dtype=np.float64)


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


def _block_ids(features: list[str]) -> npt.NDArray[np.int64]:
    """Each column's block, looked up once per feature prefix (a block depends on nothing
    else), not once per feature."""
    by_prefix: dict[str, int] = {}
    ids = []
    for f in features:
        prefix = f[: f.find(":")]
        block = by_prefix.get(prefix)
        if block is None:
            block = by_prefix[prefix] = BLOCKS.index(block_of(f))
        ids.append(block)
    return np.array(ids, dtype=np.int64)


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
        # tolist: one conversion of the whole column, not a numpy scalar per feature (this
        # table is built at every process's start-up)
        values = np.asarray(idf).tolist()
        self._idf = dict(zip(features, zip(range(len(features)), values, strict=True), strict=True))
        # the same table as arrays, for ``_raw_arrays``
        self._column = dict(zip(features, range(len(features)), strict=True))
        self._reader = ColumnReader(self._column)
        self._idf64 = np.asarray(idf, dtype=np.float64)
        self.evidence_rule = EvidenceRule.from_meta(self.meta.get("evidence"))
        cues = self.meta.get("cues")
        self._cues = CUE_SETS[cues] if cues else None
        # models trained with parse features (``presslens.textcat.syntax``) need each text's
        # parse; models with ``blocks`` normalise words, characters, cues and parse apart
        self.needs_parse = bool(self.meta.get("syntax"))
        self._blocks = bool(self.meta.get("blocks"))
        # each column's block, so a batch is normalised block by block in one numpy pass
        self._block_ids = _block_ids(features) if self._blocks else None

    # -- prediction ------------------------------------------------------------------------

    def cue_function(self, text: str, parsed: Sequence[ParsedToken] | None) -> CueFunction | None:
        """The hand-written and parse features of one text (what training used)."""
        if not self.needs_parse:
            return self._cues
        if parsed is None:
            raise PresslensError("E090", model=str(self.meta.get("name", "?")))
        return with_syntax(self._cues, text, parsed)

    def _featurise(
        self, text: str, parsed: Sequence[ParsedToken] | None = None
    ) -> tuple[list[Token], _Counts, list[tuple[int, float, str]]]:
        tokens = tokenize(text)
        counts = count_features(tokens, self.cue_function(text, parsed))
        return tokens, counts, weigh(counts, self._idf, self._blocks)

    def predict(
        self, text: str, evidence: int = 3, parsed: Sequence[ParsedToken] | None = None
    ) -> dict[str, Prediction]:
        """Every head's decision on ``text``, each with up to ``evidence`` supporting spans."""
        return self.predict_many([text], evidence, None if parsed is None else [parsed])[0]

    def predict_many(
        self,
        texts: Sequence[str],
        evidence: int = 3,
        parses: Sequence[Sequence[ParsedToken]] | None = None,
        show: Callable[[dict[str, Prediction]], bool] | None = None,
    ) -> list[dict[str, Prediction]]:
        """``predict`` for many texts with one sparse product over all of them.

        Featurising stays per text and skips token positions; the weights are gathered and
        summed once for the whole batch. Only a text that some head decides for its
        positive label is read again with positions, for its evidence. ``parses`` (one per
        text, ``presslens.textcat.syntax``) is required by a model trained with them.
        ``show``: evidence only for the texts whose decisions it accepts (what a report
        shows), since evidence costs as much as the scores.
        """
        if not texts:
            return []
        tokenised, read, cols, values, offsets, logits = self._batch(texts, parses)
        out: list[dict[str, Prediction]] = []
        for k, toks in enumerate(tokenised):
            decided = self._decide_all(toks, {}, [], _EMPTY_F, _EMPTY_B, logits[k], 0)
            if (
                evidence
                and offsets[k + 1] > offsets[k]
                and (show is None or show(decided))
                and any(
                    _decide(h, logits[k][h.first_column : h.first_column + h.width])[2] is not None
                    for h in self.heads.values()
                )
            ):
                # a head decided for its positive label: the features' token positions
                # show which words did it
                lo, hi = int(offsets[k]), int(offsets[k + 1])
                at = cols[lo:hi].tolist()
                names = [self.features[c] for c in at]
                rows = list(zip(at, values[lo:hi].tolist(), names, strict=True))
                decided = self._decide_all(
                    toks,
                    read[k],
                    rows,
                    values[lo:hi],
                    self.weights[cols[lo:hi]],
                    logits[k],
                    evidence,
                )
            out.append(decided)
        return out

    def _batch(
        self, texts: Sequence[str], parses: Sequence[Sequence[ParsedToken]] | None
    ) -> _Batch:
        """The texts' tokens and where their features occur, their weighed features (columns
        and values, text ``k``'s between ``offsets[k]`` and ``offsets[k + 1]``) and their
        logits, from one sparse product over the batch."""
        tokenised = [tokenize(t) for t in texts]
        read = [
            self._reader.occurrences(
                toks, self.cue_function(t, None if parses is None else parses[k])
            )
            for k, (t, toks) in enumerate(zip(texts, tokenised, strict=True))
        ]
        weighed = [self._raw_arrays(occ) for occ in read]
        sizes = np.fromiter((len(c) for c, _ in weighed), dtype=np.int64, count=len(texts))
        cols = np.concatenate([c for c, _ in weighed])
        raw = np.concatenate([v for _, v in weighed])
        owner = np.repeat(np.arange(len(texts)), sizes)
        # the L2 norm of each text (of each (text, block) for a model that weighs blocks
        # apart), as ``weigh`` computes it, for the whole batch in one pass
        nblocks = len(BLOCKS) if self._block_ids is not None else 1
        key = owner * nblocks + (self._block_ids[cols] if self._block_ids is not None else 0)
        squares = np.bincount(key, weights=raw * raw, minlength=nblocks * len(texts))
        values = (raw / np.sqrt(squares[key])).astype(np.float32)
        product = values[:, None] * self.weights[cols]  # (nnz, n_columns)
        width = self.bias.shape[0]
        logits = np.empty((len(texts), width), dtype=np.float64)
        for c in range(width):
            logits[:, c] = np.bincount(owner, weights=product[:, c], minlength=len(texts))
        logits += self.bias
        offsets = np.concatenate(([0], np.cumsum(sizes)))
        return tokenised, read, cols, values, offsets, logits

    def _raw_arrays(
        self, occ: Occurrences
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
        """``weigh(feature_counts(tokens, cues), idf, normalise=False)``'s columns and values
        as arrays (the per-feature Python loop, then the per-feature look-up, was the largest
        cost of scoring a sentence: ``textcat.columns``)."""
        cols, tf = counted(occ)
        if len(tf) and int(tf.max()) < len(_ONE_PLUS_LOG):
            sublinear = _ONE_PLUS_LOG[tf]
        else:  # empty, or a feature read hundreds of times in one text
            sublinear = 1.0 + np.log(np.maximum(tf, 1).astype(np.float64))
        return cols, sublinear * self._idf64[cols]

    def token_contributions(
        self,
        text: str,
        head: str,
        label: str,
        net: bool = True,
        parsed: Sequence[ParsedToken] | None = None,
    ) -> tuple[list[Token], list[float]]:
        """Each token's share of the logit of ``label`` (in logit units; with ``net=False``
        only the features that raised it): what the evidence rule selects from. For
        measuring evidence against human rationales."""
        tokens, counts, rows = self._featurise(text, parsed)
        if not rows:
            return tokens, [0.0] * len(tokens)
        h = self.heads[head]
        column = h.labels.index(label) if h.kind == "multiclass" else 0
        cols = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        values = np.fromiter((r[1] for r in rows), dtype=np.float32, count=len(rows))
        block = self.weights[cols]
        contrib = values * block[:, h.first_column + column]
        if h.kind == "multiclass":
            sl = slice(h.first_column, h.first_column + h.width)
            contrib = contrib - (values[:, None] * block[:, sl]).mean(axis=1)
        row_idx, token_idx, share = _spread(counts, rows)
        c64 = contrib.astype(np.float64)
        if not net:
            c64 = np.maximum(c64, 0.0)
        per_token: list[float] = np.bincount(
            token_idx, weights=c64[row_idx] * share, minlength=len(tokens)
        ).tolist()
        return tokens, per_token

    def _decide_all(
        self,
        tokens: list[Token],
        counts: _Counts,
        rows: list[tuple[int, float, str]],
        values: npt.NDArray[np.float32],
        block: npt.NDArray[np.float32],
        logits: npt.NDArray[np.float64],
        evidence: int,
    ) -> dict[str, Prediction]:
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
                spans = _evidence(tokens, spread, contrib, evidence, self.evidence_rule)
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
    head: Head, logits: npt.NDArray[np.float64]
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


def _spread(counts: _Counts, rows: list[tuple[int, float, str]]) -> _Spread:
    """For every (feature row, token) pair the feature was read from, the token's share of
    that row: computed once per text, then reused by every head that needs evidence.

    Each occurrence (first, last) of a row's feature gives each of its tokens the share
    1 / (occurrences × tokens in it); built with array operations, in the order of rows,
    then occurrences, then tokens (the per-pair Python loop was the evidence's largest
    cost)."""
    # a sentence's length is no one word's doing, so its rows spread over no token
    skip = np.fromiter((n.startswith("x:len") for _, _, n in rows), dtype=bool, count=len(rows))
    if isinstance(counts, Occurrences):
        where = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        sorter = np.argsort(where, kind="stable")
        occ_cols = np.array(counts.cols, dtype=np.int64)
        row = sorter[np.searchsorted(where, occ_cols, sorter=sorter)] if len(rows) else where
        keep = ~skip[row]
        order = np.argsort(row[keep], kind="stable")  # rows, then occurrences in order read
        pair_row = row[keep][order]
        first = np.array(counts.first, dtype=np.int64)[keep][order]
        last = np.array(counts.last, dtype=np.int64)[keep][order]
        per_pair = np.bincount(pair_row, minlength=len(rows))[pair_row]
    else:
        kept = np.flatnonzero(~skip)
        places = [counts[rows[i][2]][1] for i in kept]
        n_places = np.fromiter(map(len, places), dtype=np.int64, count=len(places))
        flat = np.fromiter(
            itertools.chain.from_iterable(places), dtype=np.int64, count=int(n_places.sum())
        )
        first, last = flat[0::2], flat[1::2]
        occurrences = n_places // 2
        pair_row = np.repeat(kept.astype(np.int64), occurrences)
        per_pair = np.repeat(occurrences, occurrences)
    width = last - first + 1
    pair_share = 1.0 / (per_pair * width).astype(np.float64)
    row_idx = np.repeat(pair_row, width)
    share = np.repeat(pair_share, width)
    # token = the pair's first token + its position within the pair
    starts = np.repeat(np.cumsum(width) - width, width)
    token_idx = np.repeat(first, width) + (np.arange(int(width.sum()), dtype=np.int64) - starts)
    return row_idx, token_idx, share


def _evidence(
    tokens: list[Token],
    spread: _Spread,
    contrib: npt.NDArray[np.float32],
    limit: int,
    rule: EvidenceRule,
) -> tuple[Evidence, ...]:
    """Spread each feature's contribution over the tokens it was read from; keep the runs of
    tokens that pushed the score up most (``presslens.textcat.evidence``)."""
    row_idx, token_idx, share = spread
    values = contrib.astype(np.float64)
    if not rule.net:
        values = np.maximum(values, 0.0)
    per_token: list[float] = np.bincount(
        token_idx, weights=values[row_idx] * share, minlength=len(tokens)
    ).tolist()
    runs = select_runs([t.norm for t in tokens], per_token, rule)
    runs.sort(key=lambda r: -r[2])
    return tuple(
        sorted(
            (Evidence(tokens[a].start, tokens[b].end, round(w, 3)) for a, b, w in runs[:limit]),
            key=lambda e: e.start,
        )
    )
