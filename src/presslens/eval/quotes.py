"""Attribution evaluation on PolNeAR-style brat standoff (Newell et al. 2018).

A data directory holds ``text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann``; each
``.ann`` has ``T`` spans labelled Source, Cue or Content (possibly discontinuous:
``Content 10 20;25 40``) and ``E`` lines joining them into one relation. Where several
annotators marked the same article, the first annotation file (by name) is the gold.

Reported: precision / recall / F1 for source, cue and content spans and for all three
pooled, each by exact match (the same fragments, surrounding whitespace ignored) and by
overlap (one-to-one, any shared character); and for whole relations (cue overlaps, source
and content match exactly / overlap; a missing source matches a missing source). Two
baselines run beside the model: quotation marks only, and the "said" sentence. Given
PolNeAR's ``train`` folder, only its tuning fifth is scored (``is_tuning``): the rest shaped
the cue lexicon, so a score there would say nothing.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any, TypeVar

from presslens.analyzers.attribution_confidence import confidence_model
from presslens.datasets.polnear import Frags, GoldDoc, Rel, is_tuning, load_polnear, normalise
from presslens.eval.metrics import prf

__all__ = [
    "GoldDoc",
    "Rel",
    "by_reading",
    "evaluate_quotes",
    "load_polnear",
    "normalise",
    "presslens_predictor",
    "reading_of",
    "reliability",
    "score_relations",
]

T = TypeVar("T")
_ROLES = ("source", "cue", "content")


def _overlaps(a: Frags, b: Frags) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _match(a: Frags, b: Frags, exact: bool) -> bool:
    if not a or not b:
        return not a and not b
    return a == b if exact else _overlaps(a, b)


def _greedy(gold: list[T], pred: list[T], same: Callable[[T, T], bool]) -> tuple[int, int, int]:
    """True positives, false positives, false negatives with one-to-one greedy matching."""
    used = [False] * len(gold)
    tp = 0
    for p in pred:
        for i, g in enumerate(gold):
            if not used[i] and same(g, p):
                used[i] = True
                tp += 1
                break
    return tp, len(pred) - tp, len(gold) - tp


def _count(gold: list[Frags], pred: list[Frags], exact: bool) -> tuple[int, int, int]:
    if exact:
        tp = sum((Counter(gold) & Counter(pred)).values())
        return tp, len(pred) - tp, len(gold) - tp
    return _greedy(gold, pred, _overlaps)


def _rel_match(g: Rel, p: Rel, exact: bool) -> bool:
    cue_ok = (not g.cue and not p.cue) or _overlaps(g.cue, p.cue)
    return cue_ok and _match(g.content, p.content, exact) and _match(g.source, p.source, exact)


def _count_rel(gold: list[Rel], pred: list[Rel], exact: bool) -> tuple[int, int, int]:
    return _greedy(gold, pred, lambda g, p: _rel_match(g, p, exact))


def _prf_dict(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p, r, f = prf(tp, fp, fn)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp}


def score_relations(pairs: list[tuple[list[Rel], list[Rel]]]) -> dict[str, Any]:
    """Span and relation scores over (gold, predicted) relation lists, one pair per document."""
    out: dict[str, Any] = {}
    for mode, exact in (("exact", True), ("overlap", False)):
        totals: dict[str, list[int]] = {k: [0, 0, 0] for k in (*_ROLES, "all", "relations")}
        for gold, pred in pairs:
            for role in _ROLES:
                counts = _count(
                    [r.get(role) for r in gold if r.get(role)],
                    [r.get(role) for r in pred if r.get(role)],
                    exact,
                )
                for key in (role, "all"):
                    totals[key] = [a + b for a, b in zip(totals[key], counts, strict=True)]
            counts = _count_rel(gold, pred, exact)
            totals["relations"] = [a + b for a, b in zip(totals["relations"], counts, strict=True)]
        out[mode] = {k: _prf_dict(*v) for k, v in totals.items()}
    out["gold_relations"] = sum(len(g) for g, _ in pairs)
    out["predicted_relations"] = sum(len(p) for _, p in pairs)
    return out


# -- baselines ---------------------------------------------------------------------------

_QUOTE = re.compile(r"[“\"][^“”\"\n]{10,}?[”\"]")
_SAID = re.compile(r"\b(?:said|says|told|according to)\b")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


def baseline_quote_marks(text: str) -> list[Rel]:
    """Every quotation of two words or more is a content span; no source, no cue."""
    return [Rel(content=((m.start(), m.end()),)) for m in _QUOTE.finditer(text) if " " in m.group()]


def baseline_said_sentence(text: str) -> list[Rel]:
    """In a sentence with 'said', 'says', 'told' or 'according to': the words before the cue
    are the source and the words after it the content."""
    rels = []
    for sent in _SENTENCE.finditer(text):
        m = _SAID.search(sent.group())
        if not m:
            continue
        s0, c0, c1 = sent.start(), sent.start() + m.start(), sent.start() + m.end()
        end = sent.end() - (1 if sent.group().endswith((".", "!", "?")) else 0)
        rels.append(
            Rel(
                content=normalise(text, [(c1, end)]),
                cue=((c0, c1),),
                source=normalise(text, [(s0, c0)]),
            )
        )
    return rels


def reading_of(raw: Any) -> str:
    """The finder's reading behind a relation, for the precision-by-reading table."""
    from presslens.analyzers.attribution_confidence import reading

    return reading(raw)


def by_reading(pairs: list[tuple[list[Rel], list[Rel]]]) -> dict[str, dict[str, float | int]]:
    """For each reading: how many relations it predicted and the share that match a gold
    relation exactly / by overlap (the precision a reader can expect of that kind of row)."""
    counts: dict[str, list[int]] = {}
    for gold, pred in pairs:
        for p in pred:
            row = counts.setdefault(p.reading or "other", [0, 0, 0])
            row[0] += 1
            row[1] += any(_rel_match(g, p, True) for g in gold)
            row[2] += any(_rel_match(g, p, False) for g in gold)
    return {
        k: {
            "predicted": n,
            "precision_exact": round(ex / n, 3),
            "precision_overlap": round(ov / n, 3),
        }
        for k, (n, ex, ov) in sorted(counts.items())
    }


_BINS = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)


def reliability(pairs: list[tuple[list[Rel], list[Rel]]]) -> list[dict[str, Any]]:
    """Predicted rows binned by confidence: how many, their mean confidence, and the share
    that match a gold relation exactly / by overlap (a calibrated confidence has the mean
    close to the exact share)."""
    rows: list[list[float]] = [[0, 0.0, 0, 0] for _ in _BINS[:-1]]
    for gold, pred in pairs:
        for p in pred:
            if p.confidence is None:
                continue
            k = max(i for i, lo in enumerate(_BINS[:-1]) if p.confidence >= lo)
            row = rows[k]
            row[0] += 1
            row[1] += p.confidence
            row[2] += any(_rel_match(g, p, True) for g in gold)
            row[3] += any(_rel_match(g, p, False) for g in gold)
    return [
        {
            "bin": f"{lo:.1f}-{hi:.1f}",
            "rows": int(n),
            "mean_confidence": round(c / n, 3),
            "precision_exact": round(ex / n, 3),
            "precision_overlap": round(ov / n, 3),
        }
        for (lo, hi), (n, c, ex, ov) in zip(pairwise(_BINS), rows, strict=True)
        if n
    ]


def presslens_predictor(timing: dict[str, float]) -> Callable[[str], list[Rel]]:
    """The spaCy model, then the attribution finder; ``timing['layer_s']`` sums the time
    spent in the finder alone."""
    from presslens.analyzers.attribution import find_attributions, shown
    from presslens.analyzers.cues import cue_frames, cue_lexicon
    from presslens.pipeline import model_parser

    parsed = model_parser()
    cues, frames = cue_lexicon(), cue_frames()
    timing["layer_s"] = 0.0

    def predict(text: str) -> list[Rel]:
        doc = parsed(text)
        t0 = time.perf_counter()
        found = find_attributions(doc, cues, text, frames)
        visible = {id(r) for r in shown(found)}
        timing["layer_s"] += time.perf_counter() - t0
        return [
            Rel(
                content=normalise(text, r.content),
                cue=normalise(text, [r.cue]) if r.cue else (),
                source=normalise(text, [r.source]) if r.source else (),
                reading=reading_of(r),
                confidence=r.confidence,
                shown=id(r) in visible,
            )
            for r in found
        ]

    return predict


def evaluate_quotes(
    data: Path, predict: Callable[[str], list[Rel]] | None = None, limit: int | None = None
) -> dict[str, Any]:
    """Scores of the attribution layer (``predict``, by default presslens's) on ``data``."""
    docs = load_polnear(data)
    part = "all"
    if data.name == "train":
        # the training split: only its tuning fifth, which the cue lexicon never saw
        docs, part = [d for d in docs if is_tuning(d.name)], "train tuning fifth"
    docs = docs[:limit]
    timing: dict[str, float] = {}
    predict = predict or presslens_predictor(timing)
    t0 = time.perf_counter()
    predicted = [predict(d.text) for d in docs]
    elapsed = time.perf_counter() - t0
    result: dict[str, Any] = {
        "task": "quotes",
        "model": "presslens.quotes.v1",
        "documents": len(docs),
        "part": part,
        **score_relations([(d.relations, p) for d, p in zip(docs, predicted, strict=True)]),
        "docs_per_s_end_to_end": round(len(docs) / elapsed, 2),
    }
    if timing.get("layer_s"):
        result["docs_per_s_layer"] = round(len(docs) / timing["layer_s"], 1)
    pairs = list(zip((d.relations for d in docs), predicted, strict=True))
    result["by_reading"] = by_reading(pairs)
    model = confidence_model()
    if model is not None and any(r.confidence is not None for p in predicted for r in p):
        # what a reader is shown: the rows at or above the display floor
        visible = [(g, [r for r in p if r.shown]) for g, p in pairs]
        result["reliability"] = reliability(pairs)
        result["shown"] = {"floor": model.floor, **score_relations(visible)}
    result["baselines"] = {
        name: score_relations([(d.relations, fn(d.text)) for d in docs])
        for name, fn in (
            ("quote_marks", baseline_quote_marks),
            ("said_sentence", baseline_said_sentence),
        )
    }
    return result
