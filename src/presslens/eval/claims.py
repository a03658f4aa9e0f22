"""``presslens eval claims``: check-worthiness on a CheckThat! 2024 Task 1 TSV.

``--data`` is a TSV (``Sentence_id<TAB>Text<TAB>class_label``) or a folder holding the
English dev-test file, which the shipped model never trained on. Metric: F1, precision and
recall of the positive ("Yes") class, the task's official measure, with the always-Yes
baseline beside it (always-No scores 0).
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from presslens.errors import PresslensError
from presslens.eval.metrics import prf, reliability
from presslens.resources.claims import claim_model, display_threshold
from presslens.textcat.syntax import ParsedToken, parse_texts

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "DEFAULT_FILE",
    "TRAIN_FILES",
    "claim_model",
    "display_threshold",
    "evaluate_claims",
    "parse_rows",
    "read_ct24",
]

DEFAULT_FILE = "CT24_checkworthy_english_dev-test.tsv"
TRAIN_FILES = ("CT24_checkworthy_english_train.tsv", "CT24_checkworthy_english_dev.tsv")
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


@functools.cache
def _parser() -> Language:
    import spacy

    from presslens.pipeline import MODEL

    # the tagger, parser and entity recogniser, as in the pipeline (presslens.pipeline)
    return spacy.load(MODEL, exclude=["lemmatizer", "attribute_ruler"])


def parse_rows(texts: Sequence[str]) -> list[list[ParsedToken]]:
    """Each sentence parsed on its own by the pipeline's spaCy model, for the claims
    model's parse features (training and eval read sentences without their neighbours)."""
    return parse_texts(_parser(), texts)


def evaluate_claims(data: Path) -> dict[str, Any]:
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
    texts = [r[1] for r in rows]
    parses = parse_rows(texts) if model.needs_parse else None
    predictions = [p["checkworthy"] for p in model.predict_many(texts, 0, parses)]
    pred = [p.label == "Yes" for p in predictions]
    probs = [p.probabilities["Yes"] for p in predictions]
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
        "flagged_share": round(sum(pred) / len(pred), 4),
        "baselines": {"all_yes_f1": round(all_yes, 4), "all_no_f1": 0.0},
        "calibration": reliability(probs, gold),
        "threshold": model.heads["checkworthy"].threshold,
        "cross_validation": {
            k: v for k, v in model.heads["checkworthy"].metrics.items() if k.startswith("cv_")
        },
        "at_display_threshold": _at(probs, gold, display_threshold(model)),
    }


def _at(probs: list[float], gold: list[bool], threshold: float) -> dict[str, float]:
    pred = [p >= threshold for p in probs]
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    fp = sum(p and not g for g, p in zip(gold, pred, strict=True))
    fn = sum(g and not p for g, p in zip(gold, pred, strict=True))
    precision, recall, f1 = prf(tp, fp, fn)
    return {
        "threshold": threshold,
        "f1": round(f1, 4),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "flagged_share": round(sum(pred) / len(pred), 4),
    }
