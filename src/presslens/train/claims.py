"""``presslens train claims``: the check-worthiness classifier, from CheckThat! 2024 Task 1.

One binary head (No / Yes) over the shared sparse features of ``presslens.textcat``,
trained on the English train and dev files; the dev-test file is never trained on — it is
what ``presslens eval claims`` scores. Class weights are balanced and the flagging
threshold is the balanced model's own decision boundary: the share of check-worthy
sentences differs between the files (24 % train, 23 % dev, 34 % dev-test), and a threshold
tuned to one file's rate transfers badly to another.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path
from typing import Any

import numpy as np

from presslens.errors import PresslensError
from presslens.train.textcat import HeadData, Vocabulary, fit_model

__all__ = ["TRAIN_FILES", "read_ct24", "train_claims"]

TRAIN_FILES = ("CT24_checkworthy_english_train.tsv", "CT24_checkworthy_english_dev.tsv")
C = 1.0
_GLUED = re.compile(r"(Yes|No)(\d+)")


def read_ct24(path: Path) -> list[tuple[str, str, str]]:
    """(sentence id, text, Yes/No) rows of a CheckThat! 2024 Task 1 TSV.

    The train file has one line where a record lost its line break and runs into the next
    (``…<TAB>No29286<TAB>…``); such glued records are split apart. Any other row without a
    Yes/No label is skipped.
    """
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t")
        header = next(reader, [])
        if header[:3] != ["Sentence_id", "Text", "class_label"]:
            raise PresslensError(
                "E014",
                path=str(path),
                reason=f"the header is {header[:3]}, not Sentence_id, Text, class_label",
            )
        out: list[tuple[str, str, str]] = []
        for row in reader:
            while len(row) >= 3:
                glued = _GLUED.fullmatch(row[2])
                if glued is None:
                    if row[2].strip() in ("Yes", "No"):
                        out.append((row[0], row[1], row[2].strip()))
                    break
                out.append((row[0], row[1], glued.group(1)))
                row = [glued.group(2), *row[3:]]
        return out


def train_claims(data: Path, out: Path) -> dict[str, Any]:
    rows: list[tuple[str, str, str]] = []
    for name in TRAIN_FILES:
        if not (data / name).exists():
            raise PresslensError(
                "E013",
                path=str(data / name),
                task="train claims",
                default="../shared/data/checkworthiness-ct24",
            )
        rows.extend(read_ct24(data / name))
    texts = [r[1] for r in rows]
    vocab = Vocabulary.build(texts, min_df=2)
    head = HeadData(
        "checkworthy",
        "binary",
        ("No", "Yes"),
        np.arange(len(rows), dtype=np.int64),
        [r[2] for r in rows],
        c=C,
        objective="boundary",
    )
    meta: dict[str, Any] = {
        "name": "presslens.claims.v1",
        "trained": dt.date.today().isoformat(),
        "features": len(vocab.features),
        "training_rows": {name: sum(1 for _ in read_ct24(data / name)) for name in TRAIN_FILES},
    }
    model = fit_model(vocab, vocab.matrix(texts), [head], meta)
    model.save(out, "claims")
    return {"meta": meta, "heads": {h.name: h.metrics for h in model.heads.values()}}
