"""``presslens eval propaganda``: span identification (SI) and technique classification (TC)
on the SemEval-2020 Task 11 corpus (PTC).

``--data`` is a folder in the official layout: ``<prefix>-articles/article<ID>.txt`` with
``<prefix>-task1-SI.labels`` (``id<TAB>start<TAB>end``) and ``<prefix>-task2-TC.labels``
(``id<TAB>technique<TAB>start<TAB>end``) beside it, whatever the prefix (``train``, ``dev``).
Offsets count characters of the article decoded from UTF-8 as it is on disk: no newline
translation, and a leading byte-order mark counts as a character (two training articles
start with one, and their spans only line up when it is kept).

Only the training split is public here, so the runner reports 5-fold cross-validation over
articles: each fold's model is fitted on the other four folds by the same code as the
shipped model (``presslens.train.propaganda``; needs scikit-learn) and scored on the fold.
Metrics are the shared task's:

- SI: precision and recall with partial credit (Da San Martino et al. 2020, the official
  ``task-SI_scorer.py``): P = Σ_s Σ_t |s∩t| / |s| over predicted spans s and gold spans t of
  the same article, divided by the number of predicted spans; R = the same with |t|,
  divided by the number of gold spans; sums run over the whole corpus. Overlapping gold spans
  of an article are merged first (predicted ones too, as the scorer's ``-m`` option does);
- TC: micro-F1 over the gold (article, span, technique) lines, given the gold spans; a span
  that carries several techniques is matched one-to-one.

Trivial baselines stand beside every score.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

from presslens.datasets.ptc import (
    HOLDOUT_RULE,
    Corpus,
    Span,
    TechniqueLine,
    find_layout,
    is_ptc_holdout,
    read_corpus,
)

__all__ = [
    "HOLDOUT_RULE",
    "Corpus",
    "Span",
    "TechniqueLine",
    "find_layout",
    "is_ptc_holdout",
    "length_baseline",
    "lexicon_baseline",
    "merge_spans",
    "read_corpus",
    "sentence_baseline",
    "si_scores",
    "tc_scores",
]

_LENGTH_BINS = (2, 3, 5, 9, 17)


# -- metrics -------------------------------------------------------------------------------


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Spans that share at least one character joined; touching ones stay apart (the
    official scorer merges on a non-empty intersection of character sets)."""
    out: list[Span] = []
    for s, e in sorted(x for x in spans if x[1] > x[0]):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _prf(p_num: float, p_den: int, r_num: float, r_den: int) -> dict[str, float]:
    p = p_num / p_den if p_den else 0.0
    r = r_num / r_den if r_den else 0.0
    # the official convention: nothing predicted and nothing to find is a perfect score
    f = 1.0 if p_den == 0 and r_den == 0 else 2 * p * r / (p + r) if p > 0 and r > 0 else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def si_scores(
    predicted: Mapping[str, Sequence[Span]], gold: Mapping[str, Sequence[Span]]
) -> dict[str, float]:
    """The official SI precision, recall and F1 (partial overlap credit), summed over all
    articles of ``gold``; predictions for articles outside ``gold`` are an error."""
    unknown = predicted.keys() - gold.keys()
    if unknown:
        raise ValueError(f"predictions for articles without gold: {sorted(unknown)[:3]}")
    p_num = r_num = 0.0
    p_den = r_den = 0
    for article, gold_spans in gold.items():
        t_spans = merge_spans(gold_spans)
        s_spans = merge_spans(predicted.get(article, ()))
        p_den += len(s_spans)
        r_den += len(t_spans)
        for s0, s1 in s_spans:
            for t0, t1 in t_spans:
                inter = min(s1, t1) - max(s0, t0)
                if inter > 0:
                    p_num += inter / (s1 - s0)
                    r_num += inter / (t1 - t0)
    out = _prf(p_num, p_den, r_num, r_den)
    out["predicted_spans"] = p_den
    out["gold_spans"] = r_den
    return out


def tc_scores(
    predicted: Sequence[TechniqueLine], gold: Sequence[TechniqueLine]
) -> dict[str, float]:
    """Micro precision, recall and F1 of technique labels on gold spans. Lines are grouped by
    (article, start, end); within a group, predicted and gold techniques match one-to-one,
    so predicting a span's two gold techniques twice the same way earns one hit."""
    want: defaultdict[tuple[str, int, int], Counter[str]] = defaultdict(Counter)
    got: defaultdict[tuple[str, int, int], Counter[str]] = defaultdict(Counter)
    for line in gold:
        want[line.article, line.start, line.end][line.technique] += 1
    for line in predicted:
        got[line.article, line.start, line.end][line.technique] += 1
    hits = sum(sum((got[key] & counts).values()) for key, counts in want.items())
    out = _prf(float(hits), len(predicted), float(hits), len(gold))
    out["micro_f1"] = out.pop("f1")
    return out


# -- baselines -----------------------------------------------------------------------------


def sentence_baseline(text: str) -> list[Span]:
    """Every sentence is a span."""
    from presslens.propaganda.model import analyse

    doc = analyse(text)
    return [(int(doc.starts[a]), int(doc.ends[b - 1])) for a, b in doc.sentences]


def lexicon_baseline(
    train: Corpus, ids: Iterable[str], min_count: int = 3, min_rate: float = 0.5
) -> frozenset[str]:
    """Words that are inside a Loaded_Language span at least ``min_rate`` of the times they
    occur in the training articles ``ids`` (and at least ``min_count`` times)."""
    from presslens.propaganda.model import analyse

    ids = list(ids)
    keep = set(ids)
    loaded: defaultdict[str, list[Span]] = defaultdict(list)
    for line in train.techniques:
        if line.technique == "Loaded_Language" and line.article in keep:
            loaded[line.article].append((line.start, line.end))
    inside: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for article in ids:
        doc = analyse(train.articles[article])
        spans = merge_spans(loaded[article])
        for word, s, e in zip(doc.norms, doc.starts.tolist(), doc.ends.tolist(), strict=True):
            if not word[0].isalpha() or len(word) < 3:
                continue
            seen[word] += 1
            if any(a <= s and e <= b for a, b in spans):
                inside[word] += 1
    return frozenset(w for w, n in inside.items() if n >= min_count and n / seen[w] >= min_rate)


def lexicon_spans(text: str, lexicon: frozenset[str]) -> list[Span]:
    from presslens.propaganda.model import analyse

    doc = analyse(text)
    return [
        (s, e)
        for w, s, e in zip(doc.norms, doc.starts.tolist(), doc.ends.tolist(), strict=True)
        if w in lexicon
    ]


def _length_bin(text: str, start: int, end: int) -> int:
    words = len(text[start:end].split())
    return next((k for k, edge in enumerate(_LENGTH_BINS) if words < edge), len(_LENGTH_BINS))


def length_baseline(train: Sequence[TechniqueLine], articles: Mapping[str, str]) -> dict[int, str]:
    """The most frequent technique of each span-length bin (words: 1, 2, 3–4, 5–8, 9–16,
    17+) in ``train``."""
    by_bin: defaultdict[int, Counter[str]] = defaultdict(Counter)
    for line in train:
        by_bin[_length_bin(articles[line.article], line.start, line.end)][line.technique] += 1
    return {k: c.most_common(1)[0][0] for k, c in by_bin.items()}
