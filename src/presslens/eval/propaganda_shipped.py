"""``presslens eval propaganda --model shipped``: the shipped model scored as shipped.

The shipped model was trained and tuned on the PTC training articles minus a fifth chosen
by id hash (``is_ptc_holdout``). On a folder of PTC *training* articles (prefix ``train``)
only that held-out fifth is scored; any other split (an official dev or test folder) is
scored whole. Reported: SI at the model's decoding and for the spans a report shows
(``PropagandaModel.shown_spans``: the stricter display decoding's spans plus the label
list's words), TC micro-F1 on the gold spans, a reliability
table of the shown spans' probability against whether they overlap a gold span, and the
baselines of the cross-validated runner on the same articles.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from presslens.eval.metrics import reliability
from presslens.eval.propaganda import (
    Corpus,
    Span,
    TechniqueLine,
    find_layout,
    is_ptc_holdout,
    merge_spans,
    sentence_baseline,
    si_scores,
    tc_scores,
)
from presslens.propaganda.decoding import decoding_to_json
from presslens.propaganda.model import analyse, find_spans, propaganda_model
from presslens.propaganda.techniques import TECHNIQUES

__all__ = ["evaluate_shipped", "scored_articles"]


def scored_articles(data: Path, corpus: Corpus) -> list[str]:
    """Articles the shipped model never saw: the held-out fifth of a ``train`` folder, every
    article of any other folder."""
    trained: set[str] = set()
    for folder, _, _ in find_layout(data):
        if folder.name == "train-articles":
            trained.update(p.name[7:-4] for p in folder.glob("article*.txt"))
    return sorted(a for a in corpus.articles if a not in trained or is_ptc_holdout(a))


def _touches(span: Span, gold: Sequence[Span]) -> bool:
    return any(span[0] < g1 and g0 < span[1] for g0, g1 in gold)


def evaluate_shipped(data: Path, corpus: Corpus) -> dict[str, Any]:
    model = propaganda_model()
    floor = model.display_floor
    ids = scored_articles(data, corpus)
    gold = {a: corpus.spans[a] for a in ids}
    docs = {a: analyse(corpus.articles[a]) for a in ids}
    token_probs = {a: model.token_probabilities(docs[a]) for a in ids}
    found = {a: find_spans(docs[a], token_probs[a], model.decoding) for a in ids}
    decoded = {a: [(s, e) for s, e, _ in v] for a, v in found.items()}
    reported = {a: model.shown_spans(docs[a], token_probs[a], found[a])[0] for a in ids}
    shown = {a: [(s, e) for s, e, _ in v] for a, v in reported.items()}
    probs = [p for a in ids for _, _, p in reported[a]]
    hits = [_touches((s, e), merge_spans(gold[a])) for a in ids for s, e, _ in reported[a]]
    keep = set(ids)
    tc_gold = [x for x in corpus.techniques if x.article in keep]
    tc_pred = _techniques(model, docs, tc_gold)
    shown_si = si_scores(shown, gold)
    shown_si["spans_per_article"] = round(shown_si["predicted_spans"] / len(ids), 2) if ids else 0.0
    shown_si["touching_no_gold_span"] = round(1 - sum(hits) / len(hits), 4) if hits else 0.0
    return {
        "model": model.meta.get("name"),
        "data": {
            "articles": len(ids),
            "split": "the shipped model's held-out articles (never trained or tuned on)",
        },
        "si": si_scores(decoded, gold),
        "shown": {
            "display_floor": floor,
            # how the shown spans are decoded (None: the decoded spans above the floor)
            "display_decoding": None if model.display is None else decoding_to_json(model.display),
            # the span re-scorer that picks the shown spans (None: the display decoding does)
            "rescorer": None
            if model.rescorer is None
            else {"threshold": model.rescorer.threshold, "candidates": model.rescorer.candidates},
            **shown_si,
        },
        "tc": tc_scores(tc_pred, tc_gold),
        "calibration_shown_spans": reliability(probs, hits),
        "baselines": {
            "si_nothing": si_scores({}, gold),
            "si_every_sentence": si_scores(
                {a: sentence_baseline(corpus.articles[a]) for a in ids}, gold
            ),
            "tc_majority_loaded_language": tc_scores(
                [TechniqueLine(x.article, "Loaded_Language", x.start, x.end) for x in tc_gold],
                tc_gold,
            )["micro_f1"],
        },
    }


def _techniques(
    model: Any, docs: Mapping[str, Any], gold: Sequence[TechniqueLine]
) -> list[TechniqueLine]:
    """A span with k gold lines gets its k most likely techniques."""
    groups: dict[tuple[str, int, int], int] = {}
    for x in gold:
        groups[x.article, x.start, x.end] = groups.get((x.article, x.start, x.end), 0) + 1
    out: list[TechniqueLine] = []
    for (article, s, e), k in groups.items():
        probs = model.classify(docs[article].text, s, e, docs[article])
        ranked = sorted(TECHNIQUES, key=lambda t: -probs.get(t, 0.0))[:k]
        out.extend(TechniqueLine(article, t, s, e) for t in ranked)
    return out
