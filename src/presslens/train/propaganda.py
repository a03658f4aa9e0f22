"""``presslens train propaganda``: span and technique models from the SemEval-2020 Task 11
corpus (PTC, training split: 371 articles).

The three models of ``presslens.propaganda.model`` are fitted in turn, each a logistic
regression (liblinear / lbfgs, seed 13, one core):

1. the sentence model, on every sentence (positive: a token of it is in a gold span);
2. the token model, on every token (positive: at least half of it is inside a merged gold
   span). Its sentence-score features are *out of fold*: the sentence model is refitted on
   four fifths of the training articles to score the fifth, so the token model learns how
   far to trust the sentence model on text that model has not seen, as at run time;
3. the technique model, on every gold (span, technique) line.

Each also reads the comment model's static word vectors (``presslens.propaganda.vectors``;
``Settings`` switches them off).

Cross-validation (5 folds over articles, round-robin over sorted ids) fits the same
pipeline per fold and reports the official SI and TC scores; its out-of-fold technique
scores also set the technique model's temperature.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import math
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from presslens.errors import PresslensError
from presslens.eval.propaganda import (
    HOLDOUT_RULE,
    Corpus,
    Span,
    TechniqueLine,
    is_ptc_holdout,
    length_baseline,
    lexicon_baseline,
    lexicon_spans,
    read_corpus,
    sentence_baseline,
    si_scores,
    tc_scores,
)
from presslens.propaganda.model import (
    Decoding,
    Doc,
    PropagandaModel,
    analyse,
    find_spans,
)
from presslens.propaganda.techniques import TECHNIQUES
from presslens.train.propaganda_decoding import (
    DISPLAY_PRECISION,
    choose_decoding,
    cue_priors,
    subset,
)
from presslens.train.propaganda_fit import (
    DECODING,
    Settings,
    fit_sentence_model,
    fit_technique_model,
    fit_token_model,
    folds_of,
    oof_sentence_probs,
    token_labels,
)
from presslens.train.propaganda_rescore import fit_rescorer

__all__ = [
    "DECODING",
    "Settings",
    "cross_validate",
    "fit_model",
    "folds_of",
    "train_propaganda",
]

# -- the whole pipeline --------------------------------------------------------------------


def fit_model(
    corpus: Corpus,
    ids: Sequence[str],
    settings: Settings | None = None,
    docs: Mapping[str, Doc] | None = None,
) -> PropagandaModel:
    """Fit the three models on the articles ``ids`` of ``corpus``."""
    settings = settings or Settings()
    docs = docs or {a: analyse(corpus.articles[a]) for a in ids}
    ordered = sorted(ids)
    doc_list = [docs[a] for a in ordered]
    labels = [token_labels(docs[a], corpus.spans[a]) for a in ordered]
    sentences = fit_sentence_model(doc_list, labels, settings.sentence_c, settings.sentence_vectors)
    probs = oof_sentence_probs(doc_list, labels, settings)
    tokens = fit_token_model(doc_list, labels, probs, settings)
    keep = set(ids)
    lines = [x for x in corpus.techniques if x.article in keep]
    techniques = fit_technique_model(docs, lines, settings)
    return PropagandaModel(sentences, tokens, techniques, settings.decoding)


def _predict_techniques(
    model: PropagandaModel, docs: Mapping[str, Doc], gold: Sequence[TechniqueLine]
) -> tuple[list[TechniqueLine], npt.NDArray[np.float32]]:
    """One predicted line per gold line: a span with k gold lines gets its k most likely
    techniques (the gold never repeats a technique on one span)."""
    groups: dict[tuple[str, int, int], int] = {}
    for x in gold:
        key = (x.article, x.start, x.end)
        groups[key] = groups.get(key, 0) + 1
    predicted: list[TechniqueLine] = []
    probs: dict[tuple[str, int, int], npt.NDArray[np.float32]] = {}
    for (article, s, e), k in groups.items():
        p = model.technique_probabilities(docs[article], [(s, e)])[0]
        probs[article, s, e] = p
        for best in np.argsort(-p, kind="stable")[:k].tolist():
            predicted.append(TechniqueLine(article, TECHNIQUES[best], s, e))
    rows = np.stack([probs[x.article, x.start, x.end] for x in gold]) if gold else np.zeros((0, 14))
    return predicted, rows.astype(np.float32)


def _sweep(
    docs: Mapping[str, Doc],
    token_probs: Mapping[str, npt.NDArray[np.float32]],
    gold: Mapping[str, Sequence[Span]],
) -> dict[str, float]:
    """SI F1 at other decoding thresholds, from the out-of-fold token probabilities."""
    out: dict[str, float] = {}
    for threshold in (0.15, 0.2, 0.22, 0.25, 0.28, 0.3, 0.35):
        for gap, min_tokens in itertools.product((0, 2, 4, 6, 8), (1, 2)):
            decoding = Decoding(threshold, gap, min_tokens)
            pred = {
                a: [(s, e) for s, e, _ in find_spans(docs[a], token_probs[a], decoding)]
                for a in gold
            }
            key = f"t={threshold},gap={gap},min={min_tokens}"
            out[key] = si_scores(pred, gold)["f1"]
    return out


def cross_validate(
    corpus: Corpus,
    folds: int = 5,
    settings: Settings | None = None,
    baselines: bool = False,
    sweep: bool = False,
) -> dict[str, Any]:
    """k-fold cross-validation over articles of the shipped pipeline: SI and TC scores
    (and, with ``baselines``, the trivial baselines on the same folds)."""
    settings = settings or Settings()
    began = time.perf_counter()
    docs = {a: analyse(t) for a, t in corpus.articles.items()}
    si_pred: dict[str, list[Span]] = {}
    token_probs: dict[str, npt.NDArray[np.float32]] = {}
    # the fold models and sentence scores, for the span re-scorer's out-of-fold candidates
    sentence_probs: dict[str, npt.NDArray[np.float32]] = {}
    fold_models: dict[str, PropagandaModel] = {}
    tc_pred: list[TechniqueLine] = []
    tc_gold: list[TechniqueLine] = []
    tc_probs: list[npt.NDArray[np.float32]] = []
    lexicon_pred: dict[str, list[Span]] = {}
    length_pred: list[TechniqueLine] = []
    for held in folds_of(list(corpus.articles), folds):
        held_set = set(held)
        train = [a for a in corpus.articles if a not in held_set]
        model = fit_model(corpus, train, settings, docs)
        for a in held:
            token_probs[a], sentence_probs[a] = model.probabilities(docs[a])
            fold_models[a] = model
            si_pred[a] = [(s, e) for s, e, _ in find_spans(docs[a], token_probs[a], model.decoding)]
        gold = [x for x in corpus.techniques if x.article in held_set]
        pred, probs = _predict_techniques(model, docs, gold)
        tc_pred.extend(pred)
        tc_gold.extend(gold)
        tc_probs.append(probs)
        if baselines:
            lexicon = lexicon_baseline(corpus, train)
            for a in held:
                lexicon_pred[a] = lexicon_spans(corpus.articles[a], lexicon)
            train_set = set(train)
            by_length = length_baseline(
                [x for x in corpus.techniques if x.article in train_set], corpus.articles
            )
            length_pred.extend(_length_predictions(gold, by_length, corpus.articles))
    result: dict[str, Any] = {
        "folds": folds,
        "si": si_scores(si_pred, corpus.spans),
        "tc": tc_scores(tc_pred, tc_gold),
    }
    result["tc"]["per_technique_f1"] = _per_technique(tc_pred, tc_gold)
    if settings.decoding.labels:  # what the label list adds to the model's own spans
        plain = dataclasses.replace(settings.decoding, labels=False)
        result["si"]["without_label_list"] = si_scores(
            {
                a: [(s, e) for s, e, _ in find_spans(docs[a], p, plain)]
                for a, p in token_probs.items()
            },
            corpus.spans,
        )
    if baselines:
        result["si"]["baselines"] = {
            "nothing": si_scores({}, corpus.spans),
            "every_sentence": si_scores(
                {a: sentence_baseline(t) for a, t in corpus.articles.items()}, corpus.spans
            ),
            "loaded_language_lexicon": si_scores(lexicon_pred, corpus.spans),
        }
        result["tc"]["baselines"] = {
            "majority_loaded_language": tc_scores(
                [TechniqueLine(x.article, "Loaded_Language", x.start, x.end) for x in tc_gold],
                tc_gold,
            )["micro_f1"],
            "most_frequent_by_length": tc_scores(length_pred, tc_gold)["micro_f1"],
        }
    if sweep:
        result["si"]["threshold_sweep"] = _sweep(docs, token_probs, corpus.spans)
    result["seconds"] = round(time.perf_counter() - began, 1)
    result["_oof"] = {
        "token_probs": token_probs,
        "sentence_probs": sentence_probs,
        "models": fold_models,
        "tc_gold": tc_gold,
        "tc_probs": tc_probs,
    }
    return result


def _length_predictions(
    gold: Sequence[TechniqueLine], by_length: Mapping[int, str], articles: Mapping[str, str]
) -> list[TechniqueLine]:
    from presslens.eval.propaganda import _length_bin

    return [
        TechniqueLine(
            x.article,
            by_length.get(_length_bin(articles[x.article], x.start, x.end), "Loaded_Language"),
            x.start,
            x.end,
        )
        for x in gold
    ]


def _per_technique(
    predicted: Sequence[TechniqueLine], gold: Sequence[TechniqueLine]
) -> dict[str, float]:
    out: dict[str, float] = {}
    for technique in TECHNIQUES:
        pred = [x for x in predicted if x.technique == technique]
        want = [x for x in gold if x.technique == technique]
        out[technique] = tc_scores(pred, want)["micro_f1"] if pred or want else 0.0
    return out


def _temperature(gold: Sequence[TechniqueLine], probs: npt.NDArray[np.float32]) -> float:
    """The temperature minimising out-of-fold negative log-likelihood."""
    index = {t: i for i, t in enumerate(TECHNIQUES)}
    y = np.array([index[x.technique] for x in gold])
    logp = np.log(np.clip(probs.astype(np.float64), 1e-12, 1.0))
    best_t, best_nll = 1.0, math.inf
    for t in np.linspace(0.5, 2.5, 41):
        z = logp / t
        z = z - z.max(axis=1, keepdims=True)
        nll = float(
            -(z - np.log(np.exp(z).sum(axis=1, keepdims=True)))[np.arange(len(y)), y].mean()
        )
        if nll < best_nll:
            best_t, best_nll = float(t), nll
    return round(best_t, 3)


def train_propaganda(data: Path, out: Path, folds: int = 5) -> dict[str, Any]:
    """Cross-validate, then fit on every article in ``data`` and write ``propaganda.json`` /
    ``propaganda.npz`` into ``out``; return the card metadata."""
    if not data.exists():
        raise PresslensError(
            "E013", path=str(data), task="train propaganda", default="propaganda-ptc2020"
        )
    everything = read_corpus(data)
    corpus = subset(everything, {a for a in everything.articles if not is_ptc_holdout(a)})
    cv = cross_validate(corpus, folds=folds)
    oof = cv.pop("_oof")
    temperature = _temperature(oof["tc_gold"], np.concatenate(oof["tc_probs"]))
    docs = {a: analyse(t) for a, t in corpus.articles.items()}
    priors = cue_priors(corpus, docs)
    decoding, display, search = choose_decoding(corpus, docs, oof["token_probs"], priors)
    model = fit_model(corpus, list(corpus.articles), Settings(decoding=decoding), docs)
    model.techniques.temperature = temperature
    model.display = display
    # the span re-scorer of the shown spans, kept only if it beats the display decoding
    # out of fold (presslens.train.propaganda_rescore)
    model.rescorer, rescore_search = fit_rescorer(corpus, docs, oof, search["display_chosen"]["f1"])
    meta: dict[str, Any] = {
        "name": "presslens.propaganda.v5",
        "trained": dt.date.today().isoformat(),
        "held_out": HOLDOUT_RULE,
        "display_floor": model.display_floor,
        "display_precision_target": DISPLAY_PRECISION,
        "decoding_search": search,
        "rescorer_search": rescore_search,
        "training": {
            "articles": len(corpus.articles),
            "held_out_articles": len(everything.articles) - len(corpus.articles),
            "si_spans": sum(len(v) for v in corpus.spans.values()),
            "tc_lines": len(corpus.techniques),
        },
        "features": {
            "sentence": len(model.sentences.index),
            "token_columns": model.tokens.width,
            "technique": len(model.techniques.index),
        },
        "technique_temperature": temperature,
        "vectors": {
            "sentence_scale": Settings().sentence_vectors,
            "token_scale": Settings().token_vectors,
            "token_offsets": list(Settings().token_vector_offsets),
            "technique": Settings().technique_vectors,
        },
        # SI at the chosen decoding is decoding_search["chosen"]; this "si" is the same
        # folds decoded as the previous release did (threshold 0.25, gap 4)
        "cv": {"folds": folds, "si_previous_decoding": cv["si"], "tc": cv["tc"]},
    }
    model.meta = meta
    model.save(out)
    # the lexical findings' precision (presslens.propaganda.lexical), on every article
    from presslens.train.propaganda_lexical import write_lexical_precision

    write_lexical_precision(data, out / "lexical.json")
    return meta
