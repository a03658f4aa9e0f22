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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse
from sklearn.linear_model import LogisticRegression

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
    merge_spans,
    read_corpus,
    sentence_baseline,
    si_scores,
    tc_scores,
)
from presslens.propaganda.model import (
    TEMPLATES,
    Decoding,
    Doc,
    PropagandaModel,
    SentenceModel,
    TechniqueModel,
    TokenModel,
    analyse,
    find_spans,
    sentence_features,
    technique_features,
    token_values,
)
from presslens.propaganda.techniques import TECHNIQUES
from presslens.propaganda.vectors import WordVectors, word_vectors
from presslens.train.propaganda_decoding import (
    DISPLAY_PRECISION,
    choose_decoding,
    cue_priors,
    subset,
)

__all__ = [
    "DECODING",
    "Settings",
    "cross_validate",
    "fit_model",
    "folds_of",
    "train_propaganda",
]

SEED = 13
# Chosen by sweeping the 5-fold out-of-fold token probabilities (docs in MODEL_CARD.md);
# F1 is flat within ±0.05 of the threshold.
DECODING = Decoding(threshold=0.25, gap=4, min_tokens=1)


@dataclass(frozen=True, slots=True)
class Settings:
    """What the fit uses; the defaults are the shipped model's. The ablations in the model
    card switch template groups off here."""

    templates: tuple[str, ...] = tuple(TEMPLATES)
    sentence_c: float = 0.5
    token_c: float = 0.1
    technique_c: float = 2.0
    technique_min_df: int = 2
    # the span's pooled static word vectors beside its sparse features
    # (presslens.propaganda.vectors; out-of-fold TC 0.580 -> 0.604)
    technique_vectors: bool = True
    # the sentence's pooled word vector (scale) and the words' vectors at ±1 around each
    # token (scale) beside the sparse features; 0: off
    # (out-of-fold SI F1 0.352 -> 0.390 with both at 1)
    sentence_vectors: float = 1.0
    token_vectors: float = 1.0
    token_vector_offsets: tuple[int, ...] = (-1, 0, 1)
    inner_folds: int = 4
    decoding: Decoding = DECODING


# -- preparing -----------------------------------------------------------------------------


def _token_labels(doc: Doc, spans: Sequence[Span]) -> npt.NDArray[np.int8]:
    """1 for tokens at least half inside a (merged) gold span."""
    y = np.zeros(len(doc.norms), dtype=np.int8)
    for s, e in merge_spans(spans):
        first, stop = doc.token_range(s, e)
        for i in range(first, stop):
            a, b = int(doc.starts[i]), int(doc.ends[i])
            if 2 * (min(b, e) - max(a, s)) >= b - a:
                y[i] = 1
    return y


def folds_of(ids: Sequence[str], folds: int) -> list[list[str]]:
    """Round-robin over sorted ids: deterministic and independent of file order."""
    ordered = sorted(ids)
    return [ordered[k::folds] for k in range(folds)]


def _csr(rows: Sequence[Sequence[int]], values: Sequence[Sequence[float]], width: int) -> Any:
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(r) for r in rows])
    indices = np.fromiter((c for r in rows for c in r), dtype=np.int64, count=int(indptr[-1]))
    data = np.fromiter((v for r in values for v in r), dtype=np.float32, count=int(indptr[-1]))
    return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), width))


# -- the sentence model --------------------------------------------------------------------


def _sentence_rows(
    docs: Sequence[Doc], labels: Sequence[npt.NDArray[np.int8]]
) -> tuple[list[list[str]], npt.NDArray[np.int64]]:
    feats: list[list[str]] = []
    y: list[int] = []
    for doc, lab in zip(docs, labels, strict=True):
        for first, stop in doc.sentences:
            feats.append(sentence_features(doc.norms[first:stop]))
            y.append(int(lab[first:stop].any()))
    return feats, np.array(y, dtype=np.int64)


def fit_sentence_model(
    docs: Sequence[Doc],
    labels: Sequence[npt.NDArray[np.int8]],
    c: float,
    vector_scale: float = 0.0,
) -> SentenceModel:
    feats, y = _sentence_rows(docs, labels)
    df: dict[str, int] = {}
    for row in feats:
        for f in row:
            df[f] = df.get(f, 0) + 1
    index = {f: i for i, f in enumerate(sorted(f for f, n in df.items() if n >= 2))}
    rows = [[index[f] for f in row if f in index] for row in feats]
    values = [
        [1.0 / math.sqrt(max(len(row), 1))] * len(cols)
        for row, cols in zip(feats, rows, strict=True)
    ]
    x = _csr(rows, values, len(index))
    model = SentenceModel(index, np.zeros(0, dtype=np.float32), 0.0, None, vector_scale or 1.0)
    if vector_scale:
        table = word_vectors()
        dense = np.concatenate([model.dense_rows(d, table) for d in docs])
        x = sparse.hstack([x, sparse.csr_matrix(dense)]).tocsr()
    clf = LogisticRegression(C=c, solver="liblinear", random_state=SEED).fit(x, y)
    weights = clf.coef_[0].astype(np.float32)
    model.weights = weights[: len(index)]
    model.bias = float(clf.intercept_[0])
    model.dense = weights[len(index) :] if vector_scale else None
    return model


def _oof_sentence_probs(
    docs: Sequence[Doc], labels: Sequence[npt.NDArray[np.int8]], settings: Settings
) -> list[npt.NDArray[np.float32]]:
    out: list[npt.NDArray[np.float32]] = [np.zeros(0, dtype=np.float32)] * len(docs)
    k = min(settings.inner_folds, len(docs))
    if k < 2:  # one article: nothing to hold out, so its own (in-sample) scores
        model = fit_sentence_model(docs, labels, settings.sentence_c, settings.sentence_vectors)
        return [model.probabilities(d, _vectors(model)) for d in docs]
    for held in range(k):
        train = [i for i in range(len(docs)) if i % k != held]
        model = fit_sentence_model(
            [docs[i] for i in train],
            [labels[i] for i in train],
            settings.sentence_c,
            settings.sentence_vectors,
        )
        for i in range(held, len(docs), k):
            out[i] = model.probabilities(docs[i], _vectors(model))
    return out


def _vectors(model: SentenceModel | TokenModel) -> WordVectors | None:
    return None if model.dense is None else word_vectors()


# -- the token model -----------------------------------------------------------------------


def fit_token_model(
    docs: Sequence[Doc],
    labels: Sequence[npt.NDArray[np.int8]],
    sentence_probs: Sequence[npt.NDArray[np.float32]],
    settings: Settings,
) -> TokenModel:
    templates = {t: TEMPLATES[t] for t in settings.templates}
    values = [token_values(d, p) for d, p in zip(docs, sentence_probs, strict=True)]
    vocab: dict[str, dict[str, int]] = {}
    for name, (_, min_count) in templates.items():
        counts: dict[str, int] = {}
        for v in values:
            for value in v[name]:
                counts[value] = counts.get(value, 0) + 1
        kept = sorted(value for value, n in counts.items() if n >= min_count)
        vocab[name] = {value: i + 2 for i, value in enumerate(kept)}
    model = TokenModel(
        templates,
        vocab,
        np.zeros(0, dtype=np.float32),
        0.0,
        vector_offsets=settings.token_vector_offsets,
        vector_scale=settings.token_vectors or 1.0,
    )
    columns = np.concatenate([model.columns(d, v) for d, v in zip(docs, values, strict=True)])
    n, width = columns.shape
    x = sparse.csr_matrix(
        (np.ones(n * width, dtype=np.float32), columns.ravel(), np.arange(0, n * width + 1, width)),
        shape=(n, model.width),
    )
    if settings.token_vectors:
        table = word_vectors()
        dense = np.concatenate([model.dense_rows(d, table) for d in docs])
        x = sparse.hstack([x, sparse.csr_matrix(dense)]).tocsr()
    y = np.concatenate(labels).astype(np.int64)
    clf = LogisticRegression(C=settings.token_c, solver="liblinear", random_state=SEED).fit(x, y)
    weights = clf.coef_[0].astype(np.float32)
    model.weights = weights[: model.width]
    model.bias = float(clf.intercept_[0])
    model.dense = weights[model.width :] if settings.token_vectors else None
    return model


# -- the technique model -------------------------------------------------------------------


def _technique_rows(
    docs: Mapping[str, Doc], lines: Sequence[TechniqueLine]
) -> list[dict[str, float]]:
    return [technique_features(docs[x.article], x.start, x.end) for x in lines]


def fit_technique_model(
    docs: Mapping[str, Doc], lines: Sequence[TechniqueLine], settings: Settings
) -> TechniqueModel:
    feats = _technique_rows(docs, lines)
    df: dict[str, int] = {}
    for row in feats:
        for f in row:
            df[f] = df.get(f, 0) + 1
    kept = sorted(f for f, n in df.items() if n >= settings.technique_min_df)
    index = {f: i for i, f in enumerate(kept)}
    rows = [[index[f] for f in row if f in index] for row in feats]
    values = [[row[f] for f in row if f in index] for row in feats]
    x = _csr(rows, values, len(index))
    dims = 0
    if settings.technique_vectors:
        table = word_vectors()
        dense = (
            np.concatenate(
                [
                    table.spans(
                        docs[line.article], [docs[line.article].token_range(line.start, line.end)]
                    )
                    for line in lines
                ]
            )
            if lines
            else np.zeros((0, table.dims), dtype=np.float32)
        )
        dims = table.dims
        x = sparse.hstack([x, sparse.csr_matrix(dense)]).tocsr()
    label_index = {t: i for i, t in enumerate(TECHNIQUES)}
    y = np.array([label_index[x.technique] for x in lines], dtype=np.int64)
    clf = LogisticRegression(C=settings.technique_c, max_iter=3000, random_state=SEED).fit(x, y)
    # a technique absent from the training lines gets no column from scikit-learn; give it
    # zero weights and a very low bias so the 14 outputs keep their order
    weights = np.zeros((len(index) + dims, len(TECHNIQUES)), dtype=np.float32)
    bias = np.full(len(TECHNIQUES), -30.0, dtype=np.float32)
    for col, cls in enumerate(clf.classes_.tolist()):
        if len(clf.classes_) == 2:  # binary: scikit-learn keeps one column for class 1
            sign = 1.0 if col == 1 else -1.0
            weights[:, cls] = sign * clf.coef_[0] / 2
            bias[cls] = sign * clf.intercept_[0] / 2
        else:
            weights[:, cls] = clf.coef_[col]
            bias[cls] = clf.intercept_[col]
    dense_weights = weights[len(index) :] if dims else None
    return TechniqueModel(index, weights[: len(index)], bias, dense=dense_weights)


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
    labels = [_token_labels(docs[a], corpus.spans[a]) for a in ordered]
    sentences = fit_sentence_model(doc_list, labels, settings.sentence_c, settings.sentence_vectors)
    probs = _oof_sentence_probs(doc_list, labels, settings)
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
            token_probs[a] = model.token_probabilities(docs[a])
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
    result["_oof"] = {"token_probs": token_probs, "tc_gold": tc_gold, "tc_probs": tc_probs}
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
    meta: dict[str, Any] = {
        "name": "presslens.propaganda.v4",
        "trained": dt.date.today().isoformat(),
        "held_out": HOLDOUT_RULE,
        "display_floor": model.display_floor,
        "display_precision_target": DISPLAY_PRECISION,
        "decoding_search": search,
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
