"""Choosing how the propaganda token probabilities become the spans a reader is shown.

All choices are made on out-of-fold token probabilities of the tuning articles (the PTC
training articles minus the held-out fifth, ``presslens.datasets.ptc.is_ptc_holdout``):

- the **decoding** (token threshold, gap joined, content words required, whether the label
  list and the lexical cues add spans) that maximises the official SI F1;
- the **display floor**: the lowest span probability at which the spans shown in a report
  reach SI precision 0.40 out of fold. Weaker spans are still in the JSON's ``techniques``
  list only when at or above the floor; the profile counts only these;
- the **cue priors**: the share of each lexical cue's matches that lie inside a gold span.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from presslens.eval.propaganda import Corpus, merge_spans, si_scores
from presslens.propaganda.cues import cue_matches
from presslens.propaganda.model import Decoding, Doc, find_spans

__all__ = ["DISPLAY_PRECISION", "choose_decoding", "cue_priors", "subset"]

DISPLAY_PRECISION = 0.40
_THRESHOLDS = (0.25, 0.3)
_GAPS = (6, 8, 10)
_FLOORS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.6)


def subset(corpus: Corpus, keep: set[str]) -> Corpus:
    return Corpus(
        {a: t for a, t in corpus.articles.items() if a in keep},
        {a: s for a, s in corpus.spans.items() if a in keep},
        [x for x in corpus.techniques if x.article in keep],
    )


def cue_priors(corpus: Corpus, docs: Mapping[str, Doc]) -> tuple[tuple[str, float], ...]:
    """Per cue, the share of its matches at least half inside a gold span."""
    seen: dict[str, list[int]] = {}
    for a in corpus.articles:
        gold = merge_spans(corpus.spans[a])
        for cue, s, e in cue_matches(docs[a]):
            inside = sum(max(0, min(e, g1) - max(s, g0)) for g0, g1 in gold)
            hit = seen.setdefault(cue, [0, 0])
            hit[0] += 1
            hit[1] += 2 * inside >= e - s
    return tuple(sorted((c, round(h[1] / h[0], 3)) for c, h in seen.items() if h[0]))


def choose_decoding(
    corpus: Corpus,
    docs: Mapping[str, Doc],
    token_probs: Mapping[str, npt.NDArray[np.float32]],
    priors: tuple[tuple[str, float], ...],
) -> tuple[Decoding, float, dict[str, Any]]:
    """The SI-F1 decoding, the display floor, and what the search saw."""
    gold = {a: corpus.spans[a] for a in token_probs}
    search: dict[str, Any] = {}
    best: tuple[float, Decoding] | None = None
    for threshold, gap, labels, cues in itertools.product(
        _THRESHOLDS, _GAPS, (True, False), (True, False)
    ):
        decoding = Decoding(
            threshold, gap, 1, labels=labels, min_content=1, cue_priors=priors if cues else ()
        )
        pred = {
            a: [(s, e) for s, e, _ in find_spans(docs[a], token_probs[a], decoding)] for a in gold
        }
        f1 = si_scores(pred, gold)["f1"]
        search[f"t={threshold},gap={gap},labels={labels},cues={cues}"] = f1
        if best is None or f1 > best[0]:
            best = (f1, decoding)
    assert best is not None
    decoding = best[1]
    spans = {a: find_spans(docs[a], token_probs[a], decoding) for a in gold}
    search["chosen"] = si_scores({a: [(s, e) for s, e, _ in v] for a, v in spans.items()}, gold)
    floors: dict[str, dict[str, float]] = {}
    display = _FLOORS[-1]
    for floor in _FLOORS:
        scored = si_scores(
            {a: [(s, e) for s, e, p in v if p >= floor] for a, v in spans.items()}, gold
        )
        floors[str(floor)] = scored
        if scored["precision"] >= DISPLAY_PRECISION and floor < display:
            display = floor
    search["display_floors"] = floors
    return dataclasses.replace(decoding, floor=0.0), display, search
