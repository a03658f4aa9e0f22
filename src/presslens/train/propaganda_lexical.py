"""The precision of the lexical findings (``presslens.propaganda.lexical``) on PTC.

For each cue: how many matches the PTC articles have, and for each technique the share of
matches that overlap a gold span of that technique (and of any technique). Written to
``resources/propaganda/lexical.json`` by ``presslens train propaganda`` (and by
``write_lexical_precision`` alone); a development figure, since the patterns were written
reading these articles. Needs no scikit-learn.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from presslens.datasets.ptc import Corpus, read_corpus
from presslens.propaganda.cues import cue_matches
from presslens.propaganda.lexical import LEXICAL_CUES
from presslens.propaganda.text import analyse

__all__ = ["measure_lexical", "write_lexical_precision"]


def measure_lexical(corpus: Corpus, articles: list[str] | None = None) -> dict[str, Any]:
    """Per cue of ``LEXICAL_CUES``: matches, and the share overlapping gold per technique."""
    by_article: dict[str, list[tuple[str, int, int]]] = {}
    for x in corpus.techniques:
        by_article.setdefault(x.article, []).append((x.technique, x.start, x.end))
    matches: Counter[str] = Counter()
    hits: dict[str, Counter[str]] = {cue: Counter() for cue in LEXICAL_CUES}
    for article in articles if articles is not None else sorted(corpus.articles):
        gold = by_article.get(article, [])
        for cue, start, end in cue_matches(analyse(corpus.articles[article])):
            if cue not in LEXICAL_CUES:
                continue
            matches[cue] += 1
            touched = {t for t, g0, g1 in gold if start < g1 and g0 < end}
            hits[cue].update(touched)
            if touched:
                hits[cue]["(any)"] += 1
    return {
        cue: {
            "matches": matches[cue],
            "precision": {
                t: round(n / matches[cue], 4) for t, n in hits[cue].most_common() if matches[cue]
            },
        }
        for cue in LEXICAL_CUES
    }


def write_lexical_precision(data: Path, out: Path) -> dict[str, Any]:
    """Measure on every article of ``data`` (a PTC folder) and write ``out`` (a JSON file)."""
    corpus = read_corpus(data)
    summary = {
        "measured_on": f"PTC articles in {data.name} ({len(corpus.articles)} articles); "
        "a development figure: the patterns were written reading them",
        "cues": measure_lexical(corpus),
    }
    out.write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return summary
