"""Shared metric helpers."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["macro_f1", "prf", "reliability"]


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1; 0.0 where undefined."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def macro_f1(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> float:
    """The unweighted mean of each label's F1 (the shared tasks' macro-F1)."""
    scores = []
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, pred, strict=True))
        fp = sum(g != label and p == label for g, p in zip(gold, pred, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, pred, strict=True))
        scores.append(prf(tp, fp, fn)[2])
    return sum(scores) / len(scores)


def reliability(
    probabilities: Sequence[float], gold: Sequence[bool], bins: int = 5
) -> dict[str, object]:
    """Reliability table of a binary probability: per equal-width bin, how many, the mean
    stated probability and the observed rate; and the expected calibration error."""
    table: list[dict[str, float | int | str]] = []
    ece = 0.0
    n = len(gold)
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        idx = [
            i for i, p in enumerate(probabilities) if lo <= p < hi or (b == bins - 1 and p == 1.0)
        ]
        if not idx:
            continue
        mean_p = sum(probabilities[i] for i in idx) / len(idx)
        rate = sum(1 for i in idx if gold[i]) / len(idx)
        ece += len(idx) / n * abs(mean_p - rate)
        table.append(
            {
                "bin": f"{lo:.1f}-{hi:.1f}",
                "n": len(idx),
                "mean_p": round(mean_p, 3),
                "observed": round(rate, 3),
            }
        )
    return {"bins": table, "ece": round(ece, 4)}
