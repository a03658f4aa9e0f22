"""``presslens eval claims``: check-worthiness on a CheckThat! 2024 Task 1 TSV.

``--data`` is a TSV (``Sentence_id<TAB>Text<TAB>class_label``) or a folder holding the
English dev-test file, which the shipped model never trained on. Metric: F1, precision and
recall of the positive ("Yes") class, the task's official measure, with the always-Yes
baseline beside it (always-No scores 0).
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Any

from presslens.errors import PresslensError
from presslens.eval.metrics import prf
from presslens.textcat.linear import LinearModel

__all__ = ["DEFAULT_FILE", "claim_model", "evaluate_claims"]

DEFAULT_FILE = "CT24_checkworthy_english_dev-test.tsv"


@functools.cache
def claim_model() -> LinearModel:
    root = resources.files("presslens.resources.claims")
    return LinearModel.load(Path(str(root)), "claims")


def evaluate_claims(data: Path) -> dict[str, Any]:
    from presslens.train.claims import TRAIN_FILES, read_ct24

    path = data / DEFAULT_FILE if data.is_dir() else data
    if not path.exists():
        raise PresslensError(
            "E013", path=str(path), task="claims", default=f"checkworthiness-ct24/{DEFAULT_FILE}"
        )
    rows = read_ct24(path)
    if not rows:
        raise PresslensError("E014", path=str(path), reason="no labelled rows")
    model = claim_model()
    gold = [r[2] == "Yes" for r in rows]
    pred = [model.predict(r[1], evidence=0)["checkworthy"].label == "Yes" for r in rows]
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    fp = sum(p and not g for g, p in zip(gold, pred, strict=True))
    fn = sum(g and not p for g, p in zip(gold, pred, strict=True))
    precision, recall, f1 = prf(tp, fp, fn)
    positives = sum(gold)
    _, _, all_yes = prf(positives, len(gold) - positives, 0)
    return {
        "model": model.meta.get("name"),
        "file": path.name,
        "trained_on_this_file": path.name in TRAIN_FILES,
        "n": len(rows),
        "positives": positives,
        "f1": round(f1, 4),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "accuracy": round(sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold), 4),
        "baselines": {"all_yes_f1": round(all_yes, 4), "all_no_f1": 0.0},
    }
