"""Fitting the span re-scorer (``presslens.propaganda.rescore``) of the shown spans.

Everything is out of fold on the tuning articles. The cross-validation of
``presslens.train.propaganda`` leaves, per article, the token and sentence probabilities
and the technique model of the fold that did not see it. For each candidate decoding:

1. decode every article's candidates with it and compute their features, each with its
   own fold's technique model; a candidate's label is whether it touches a gold span;
2. refit the re-scorer on the candidates of four folds' articles and score the fifth's
   (the same folds), so every candidate has a re-scorer probability it was not fitted on;
3. sweep the threshold: SI precision, recall and F1 of the candidates kept, plus the
   label list's words outside them (shown whatever the re-scorer says, as the display
   decoding shows them).

The (candidate decoding, threshold) with the best F1 among those with precision at least
``DISPLAY_PRECISION`` + 0.01 wins — if it beats the display decoding's F1 on the same
folds; else there is no re-scorer and the display decoding stays. The winner is refitted on
all candidates of its decoding.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from sklearn.linear_model import LogisticRegression

from presslens.eval.propaganda import Corpus, Span, merge_spans, si_scores
from presslens.propaganda.decoding import Decoding, decoding_to_json, find_spans
from presslens.propaganda.labels import label_spans
from presslens.propaganda.model import Doc
from presslens.propaganda.rescore import Rescorer, rescore_features
from presslens.train.propaganda_decoding import DISPLAY_PRECISION
from presslens.train.propaganda_fit import SEED, folds_of

__all__ = ["CANDIDATES", "best_threshold", "fit_rescorer", "fit_weights", "sweep"]

# a few decodings between the SI-F1 one and the display one (out of fold, permissive
# decodings such as threshold 0.2 or 0.25 with gap 15 never reached precision 0.41
# at any re-scorer threshold: their long spans touch gold but earn little overlap credit)
CANDIDATES: tuple[Decoding, ...] = (
    Decoding(0.3, 6, 1, peak=0.35, labels=False, min_content=1),
    Decoding(0.3, 2, 1, peak=0.4, labels=False, min_content=1),
    Decoding(0.3, 2, 1, peak=0.4, labels=True, min_content=1),
)
C = 0.1
_MARGIN = 0.01
_THRESHOLDS = tuple(round(0.1 + 0.025 * k, 3) for k in range(29))  # 0.1 … 0.8


def fit_weights(
    x: npt.NDArray[np.float32], y: npt.NDArray[np.int64], c: float = C
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Logistic weights over standardised features (column 0 is the constant)."""
    mean = x.astype(np.float64).mean(axis=0)
    scale = x.astype(np.float64).std(axis=0)
    scale[scale == 0] = 1.0
    mean[0], scale[0] = 0.0, 1.0
    z = (x - mean) / scale
    z[:, 0] = 1.0
    if len(set(y.tolist())) < 2:  # one class: a constant at its log-odds (clipped)
        w = np.zeros(x.shape[1])
        w[0] = 10.0 if y.size and y[0] else -10.0
        return w, mean, scale
    clf = LogisticRegression(C=c, fit_intercept=False, max_iter=2000, random_state=SEED)
    clf.fit(z, y)
    return clf.coef_[0].astype(np.float64), mean, scale


def sweep(
    articles: Sequence[str],
    spans: Sequence[Span],
    scores: npt.NDArray[np.float32],
    gold: Mapping[str, Sequence[Span]],
    thresholds: Sequence[float] = _THRESHOLDS,
    labels: Mapping[str, Sequence[Span]] | None = None,
) -> dict[float, dict[str, float]]:
    """SI scores of the candidates scored at or above each threshold, plus the ``labels``
    spans (the label list's words) that none of them overlaps, as the model shows them."""
    out: dict[float, dict[str, float]] = {}
    for t in thresholds:
        pred: dict[str, list[Span]] = {}
        for a, span, p in zip(articles, spans, scores.tolist(), strict=True):
            if p >= t:
                pred.setdefault(a, []).append(span)
        for a, words in (labels or {}).items():
            kept = pred.get(a, [])
            extra = [w for w in words if not any(s < w[1] and w[0] < e for s, e in kept)]
            if extra:
                pred[a] = [*kept, *extra]
        out[t] = si_scores(pred, gold)
    return out


def best_threshold(
    curve: Mapping[float, Mapping[str, float]], precision: float
) -> tuple[float, float] | None:
    """(F1, threshold) with the best F1 among thresholds reaching ``precision``."""
    ok = [(v["f1"], t) for t, v in curve.items() if v["precision"] >= precision]
    return max(ok) if ok else None


def _candidates(
    corpus: Corpus, docs: Mapping[str, Doc], oof: Mapping[str, Any], decoding: Decoding
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.int64], list[str], list[Span]]:
    xs: list[npt.NDArray[np.float32]] = []
    ys: list[int] = []
    articles: list[str] = []
    spans: list[Span] = []
    for a in sorted(oof["token_probs"]):
        probs = oof["token_probs"][a]
        found = find_spans(docs[a], probs, decoding)
        if not found:
            continue
        pairs = [(s, e) for s, e, _ in found]
        tech = oof["models"][a].technique_probabilities(docs[a], pairs)
        xs.append(rescore_features(docs[a], probs, oof["sentence_probs"][a], found, tech))
        gold = merge_spans(corpus.spans[a])
        ys.extend(int(any(s < g1 and g0 < e for g0, g1 in gold)) for s, e in pairs)
        articles.extend([a] * len(pairs))
        spans.extend(pairs)
    x = np.concatenate(xs) if xs else np.zeros((0, 1), dtype=np.float32)
    return x, np.asarray(ys, dtype=np.int64), articles, spans


def fit_rescorer(
    corpus: Corpus,
    docs: Mapping[str, Doc],
    oof: Mapping[str, Any],
    display_f1: float,
    folds: int = 5,
) -> tuple[Rescorer | None, dict[str, Any]]:
    """The re-scorer to ship (None if it does not beat ``display_f1`` out of fold) and
    what the search saw: per candidate decoding the whole out-of-fold P/R curve."""
    gold = {a: list(corpus.spans[a]) for a in oof["token_probs"]}
    fold_of = {a: k for k, held in enumerate(folds_of(list(gold), folds)) for a in held}
    search: dict[str, Any] = {"display_f1": display_f1, "c": C, "candidates": {}}
    # the label list's words are shown whatever the re-scorer says (as by the display)
    labels = {
        a: [(s, e) for s, e, _ in label_spans(docs[a], oof["token_probs"][a], [])] for a in gold
    }
    best: tuple[float, float, int] | None = None
    kept: dict[int, tuple[npt.NDArray[np.float32], npt.NDArray[np.int64]]] = {}
    for k, decoding in enumerate(CANDIDATES):
        x, y, articles, spans = _candidates(corpus, docs, oof, decoding)
        fold = np.asarray([fold_of[a] for a in articles])
        scores = np.zeros(len(articles), dtype=np.float32)
        for f in range(folds):
            train = fold != f
            if not train.any() or train.all():
                continue
            w, mean, scale = fit_weights(x[train], y[train])
            scores[~train] = Rescorer(w, mean, scale, 0.0, {}).probabilities(x[~train])
        curve = sweep(articles, spans, scores, gold, labels=labels)
        chosen = best_threshold(curve, DISPLAY_PRECISION + _MARGIN)
        search["candidates"][str(k)] = {
            "decoding": decoding_to_json(decoding),
            "spans": len(articles),
            "curve": {str(t): v for t, v in curve.items()},
            "chosen": None if chosen is None else {"f1": chosen[0], "threshold": chosen[1]},
        }
        kept[k] = (x, y)
        if chosen is not None and (best is None or chosen[0] > best[0]):
            best = (chosen[0], chosen[1], k)
    if best is None or best[0] <= display_f1:
        search["shipped"] = None
        return None, search
    f1, threshold, k = best
    x, y = kept[k]
    w, mean, scale = fit_weights(x, y)
    search["shipped"] = {"candidates": str(k), "threshold": threshold, "f1": f1}
    return Rescorer(w, mean, scale, threshold, decoding_to_json(CANDIDATES[k])), search
