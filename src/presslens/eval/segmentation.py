"""Segmentation evaluation: article boundary, comments, authors.

Data: a directory of ``NAME.txt`` + ``NAME.json`` pairs, the JSON being
``{"body_end": int, "comments": [{"start": int, "end": int, "author": str | null}]}``.
Comments are matched by exact text after whitespace normalisation (a multiset per document).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from presslens.errors import PresslensError
from presslens.eval.metrics import prf
from presslens.segment import SegComment, Segmentation, segment

__all__ = ["evaluate_segmentation", "load_cases"]

Case = tuple[str, str, dict[str, Any]]


def load_cases(data: Path) -> Iterator[Case]:
    for txt in sorted(data.glob("*.txt")):
        gold_path = txt.with_suffix(".json")
        if not gold_path.exists():
            continue
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            text = txt.read_bytes().decode("utf-8")
            int(gold["body_end"])
            for c in gold["comments"]:
                int(c["start"]), int(c["end"])
        except (ValueError, KeyError, TypeError) as exc:
            raise PresslensError("E014", path=str(gold_path), reason=f"{exc!r}") from exc
        yield txt.stem, text, gold


def _norm(s: str) -> str:
    return " ".join(s.split())


def _nothing(text: str) -> Segmentation:
    """Baseline: the whole document is the article."""
    return Segmentation(title=None, body_end=len(text.rstrip()), paragraphs=[])


def _second_half(text: str) -> Segmentation:
    """Baseline: blank-line-separated blocks; those in the second half are comments."""
    blocks = [(m.start(), m.end()) for m in re.finditer(r"\S(?:.*\S)?(?:\r?\n[ \t]*\S.*)*", text)]
    blocks = [(s, s + len(text[s:e].rstrip())) for s, e in blocks]
    half = max(1, len(blocks) // 2)
    comments = [SegComment(s, e) for s, e in blocks[half:]]
    return Segmentation(
        title=None,
        body_end=blocks[half - 1][1] if blocks else 0,
        paragraphs=blocks[:half],
        comments=comments,
    )


def _score(cases: list[Case], fn: Callable[[str], Segmentation]) -> dict[str, Any]:
    tp = fp = fn_ = 0
    boundary_ok = 0
    authors_ok = authors_total = 0
    false_threads = no_comment_docs = 0
    errors: list[dict[str, Any]] = []
    for name, text, gold in cases:
        seg = fn(text)
        gold_texts = Counter(_norm(text[c["start"] : c["end"]]) for c in gold["comments"])
        pred_texts = Counter(_norm(text[c.start : c.end]) for c in seg.comments)
        hit = sum((gold_texts & pred_texts).values())
        tp += hit
        fp += sum(pred_texts.values()) - hit
        fn_ += sum(gold_texts.values()) - hit
        ok = seg.body_end == gold["body_end"]
        boundary_ok += ok
        if not gold["comments"]:
            no_comment_docs += 1
            false_threads += bool(seg.comments)
        gold_by_text = {_norm(text[c["start"] : c["end"]]): c["author"] for c in gold["comments"]}
        for c in seg.comments:
            key = _norm(text[c.start : c.end])
            if key in gold_by_text:
                authors_total += 1
                authors_ok += c.author == gold_by_text[key]
        if not ok or hit != sum(gold_texts.values()) or hit != sum(pred_texts.values()):
            errors.append(
                {
                    "case": name,
                    "body_end": [seg.body_end, gold["body_end"]],
                    "comments": [sum(pred_texts.values()), sum(gold_texts.values())],
                    "matched": hit,
                }
            )
    p, r, f = prf(tp, fp, fn_)
    n = len(cases)
    return {
        "documents": n,
        "boundary_accuracy": boundary_ok / n if n else 0.0,
        "comment_precision": p,
        "comment_recall": r,
        "comment_f1": f,
        "author_accuracy": authors_ok / authors_total if authors_total else 0.0,
        "false_thread_rate": false_threads / no_comment_docs if no_comment_docs else 0.0,
        "gold_comments": tp + fn_,
        "errors": errors,
    }


def evaluate_segmentation(data: Path) -> dict[str, Any]:
    """Metrics for the segmenter and two trivial baselines."""
    cases = list(load_cases(data))
    if not cases:
        raise PresslensError("E014", path=str(data), reason="no NAME.txt + NAME.json pairs found")
    result = _score(cases, segment)
    baselines = {
        "no_comments": _score(cases, _nothing),
        "second_half_comments": _score(cases, _second_half),
    }
    for b in baselines.values():
        del b["errors"]
    return {
        "task": "segmentation",
        "model": "presslens.segment.v1",
        **result,
        "baselines": baselines,
    }
