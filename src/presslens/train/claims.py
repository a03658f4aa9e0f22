"""``presslens train claims``: the check-worthiness classifier, from CheckThat! 2024 Task 1.

One binary head (No / Yes) over the shared sparse features of ``presslens.textcat``: word
and character n-grams, the claim cues of ``presslens.textcat.cues`` (quantities, past
events, attributions against opinions, pledges, hedges and questions) and the parse
features of ``presslens.textcat.syntax`` (tags, entity types, the main verb's tense or
modal and its subject, the tense, modal and subject of a clause it reports, counted nouns),
each block normalised on its own, and beside them the pooled static word vectors the
comment model reads (``presslens.textcat.vectors``: one table, distilled from a sentence
encoder, shared with ``resources/comments``; words the debates never used still carry
what the encoder knows about them). Trained on the
English train and dev files; the dev-test file is never trained on nor looked at while
choosing: it is what ``presslens eval claims`` scores.

The CheckThat! files come from different debates than its test, so every choice is made
across sources: the folds are blocks of debates (sentence ids are in debate order, so a
block of 3,500 ids is a stretch of consecutive debates; the dev file is a block of its
own), and C and the flagging threshold are the ones that maximise the positive-class F1 on
the blocks held out.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

from presslens.errors import PresslensError
from presslens.eval.claims import TRAIN_FILES, parse_rows, read_ct24
from presslens.textcat.evidence import EvidenceRule
from presslens.textcat.linear import LinearModel
from presslens.textcat.vectors import DENSE_PREFIX, StaticVectors, VectorModel, table_digest
from presslens.train.comments import VECTORS, _shipped_vectors, _write_table
from presslens.train.textcat import (
    HeadData,
    Vocabulary,
    cross_val_scores,
    fit_model,
    oof_calibration,
)

__all__ = [
    "CUES",
    "C_GRID",
    "FOLDS",
    "VECTOR_DIMS",
    "VECTOR_SCALE",
    "source_groups",
    "train_claims",
]

C_GRID = (0.3, 1.0, 3.0)
CUES = "claims"
FOLDS = 5
EVIDENCE = EvidenceRule(relative=0.35, floor=0.1, gap=1, content=True)
_BLOCK = 3500  # sentence ids per source block: about a dozen debates
# the comment model's word-vector table (all its 128 dimensions) and the factor on the
# pooled unit vector: out-of-fold F1 0.707 / 0.708 / 0.708 at 0.3 / 0.6 / 1.0, against
# 0.703 without (docs/evaluation.md); dims=0 trains without
VECTOR_DIMS = 128
VECTOR_SCALE = 1.0
# the shipped model reads the comment model's table where it ships instead of a copy
_SHARED_PACKAGE = "presslens.resources.comments"


def source_groups(rows: list[tuple[str, str, str, str]]) -> np.ndarray[Any, np.dtype[np.int64]]:
    """A source block per row: id // 3,500 in the train file, one block for the dev file."""
    return np.array(
        [int(r[0]) // _BLOCK if r[3] == TRAIN_FILES[0] and r[0].isdigit() else 1000 for r in rows],
        dtype=np.int64,
    )


def _read(data: Path) -> list[tuple[str, str, str, str]]:
    rows: list[tuple[str, str, str, str]] = []
    for name in TRAIN_FILES:
        if not (data / name).exists():
            raise PresslensError(
                "E013",
                path=str(data / name),
                task="train claims",
                default="../shared/data/checkworthiness-ct24",
            )
        rows.extend((*r, name) for r in read_ct24(data / name))
    return rows


def _precision_threshold(
    scores: np.ndarray[Any, np.dtype[np.float64]], calibration: tuple[float, ...], y: list[str]
) -> tuple[float, float]:
    """The calibrated probability maximising out-of-fold F0.5, and that F0.5."""
    slope, intercept = calibration
    p = 1.0 / (1.0 + np.exp(-(slope * scores + intercept)))
    gold = np.array([v == "Yes" for v in y])
    best, best_f = 0.5, -1.0
    for t in np.linspace(0.2, 0.9, 71):
        flagged = p >= t
        tp = float((flagged & gold).sum())
        if not tp:
            continue
        precision, recall = tp / float(flagged.sum()), tp / float(gold.sum())
        f05 = 1.25 * precision * recall / (0.25 * precision + recall)
        if f05 > best_f:
            best, best_f = float(round(t, 2)), f05
    return best, round(best_f, 4)


def train_claims(
    data: Path,
    out: Path,
    c_grid: tuple[float, ...] = C_GRID,
    cues: str | None = CUES,
    syntax: bool = True,
    blocks: bool = True,
    dims: int = VECTOR_DIMS,
    scale: float = VECTOR_SCALE,
    vectors: Path | None = None,
) -> dict[str, Any]:
    rows = _read(data)
    texts = [r[1] for r in rows]
    parses = parse_rows(texts) if syntax else None
    vocab = Vocabulary.build(texts, min_df=2, cues=cues, parses=parses, blocks=blocks)
    x = vocab.matrix(texts, parses)
    source = vectors or _shipped_vectors()
    table = StaticVectors.load(source, dims) if dims else None
    if table is not None:
        x = sparse.hstack([x, sparse.csr_matrix(table.matrix(texts, scale))]).tocsr()
        vocab = Vocabulary(
            [*vocab.features, *(f"{DENSE_PREFIX}{k}" for k in range(table.dims))],
            np.concatenate([vocab.idf, np.ones(table.dims, dtype=np.float32)]),
            vocab.cues,
            vocab.syntax,
            vocab.blocks,
        )
    groups = source_groups(rows)

    def head(c: float) -> HeadData:
        return HeadData(
            "checkworthy",
            "binary",
            ("No", "Yes"),
            np.arange(len(rows), dtype=np.int64),
            [r[2] for r in rows],
            c=c,
            objective="positive",
            groups=groups,
        )

    search: dict[str, dict[str, float]] = {}
    oof = {}
    for c in c_grid:
        oof[c] = cross_val_scores(x, head(c), FOLDS)
        _, threshold, metrics = oof_calibration(head(c), oof[c])
        search[str(c)] = {"threshold": threshold, **metrics}
    best_c = max(c_grid, key=lambda c: search[str(c)]["cv_binary_f1"])
    calibration, _, _ = oof_calibration(head(best_c), oof[best_c])
    display, f05 = _precision_threshold(oof[best_c], calibration, head(best_c).y)
    meta: dict[str, Any] = {
        "name": "presslens.claims.v4" if table is not None else "presslens.claims.v3",
        "trained": dt.date.today().isoformat(),
        "features": len(vocab.features),
        "training_rows": {n: sum(1 for r in rows if r[3] == n) for n in TRAIN_FILES},
        "validation": f"{FOLDS} folds by source block (GroupKFold over debate-id blocks)",
        "c": best_c,
        "c_search": search,
        # the article report flags at the threshold that maximises out-of-fold F0.5
        # (precision weighs twice recall): a fact-checker reads what is flagged first
        "display_threshold": display,
        "display_cv_f05": f05,
        # the words shown for a claim: content words and cues that raised its score, not
        # "the" or "US" alone (presslens.textcat.evidence)
        "evidence": EVIDENCE.as_meta(),
    }
    if table is not None:
        shipped = Path(str(resources.files("presslens.resources.claims")))
        shared = vectors is None and out.resolve() == shipped.resolve()
        if not shared:  # a model trained elsewhere carries its own copy of the table
            _write_table(table, out / VECTORS, source)
        meta["vectors"] = {
            "file": VECTORS,
            "dims": table.dims,
            "scale": scale,
            "sha256": table_digest(source if shared else out / VECTORS),
        }
        if shared:
            meta["vectors"]["package"] = _SHARED_PACKAGE
    model: LinearModel = fit_model(
        vocab, x, [head(best_c)], meta, FOLDS, {"checkworthy": oof[best_c]}
    )
    if table is not None:
        model = VectorModel(model, table)
    model.save(out, "claims")
    return {"meta": meta, "heads": {h.name: h.metrics for h in model.heads.values()}}
