"""A text's model columns, read straight from its tokens, with where each occurs.

``features.feature_counts`` names every n-gram of a text and a model then looks each name up
among its columns; most names are character n-grams the model never kept, and the look-ups
into a table of ~85,000 names were the largest cost of scoring a sentence. A word's own
features (its ``w:`` feature and its character n-grams) depend on the word alone, so their
columns are looked up once per word and model and remembered; only the bigrams and the cues
are looked up per text. The columns come out in the order ``feature_counts`` first names
them (among the model's features), with the same counts, so the weighing that follows sums
in the same order and scores are unchanged to the last bit.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from presslens.textcat.features import Token, char_grams

__all__ = ["ColumnReader", "Occurrences", "counted"]

# words remembered per model before the memory is dropped and built again (a corpus's
# vocabulary grows without end; ~150 bytes a word)
_MAX_WORDS = 200_000


class ColumnReader:
    """Feature columns and counts of tokenised texts for one model's column table."""

    def __init__(self, column: dict[str, int]) -> None:
        self._column = column
        self._words: dict[str, tuple[int, tuple[int, ...]]] = {}

    def _word(self, word: str) -> tuple[int, tuple[int, ...]]:
        if len(self._words) >= _MAX_WORDS:
            self._words.clear()
        get = self._column.get
        grams = tuple(c for c in (get(name, -1) for name in char_grams(word)) if c >= 0)
        entry = self._words[word] = (get("w:" + word, -1), grams)
        return entry

    def occurrences(
        self,
        tokens: list[Token],
        cues: Callable[[list[Token]], list[tuple[str, int, int]]] | None = None,
    ) -> Occurrences:
        """Where the text's model features were read: one (column, first token, last token)
        per occurrence, in the order ``features.count_features`` meets them."""
        get = self._column.get
        words = self._words
        cols: list[int] = []
        firsts: list[int] = []
        lasts: list[int] = []
        previous = "<s>"
        for i, tok in enumerate(tokens):
            word = tok.norm
            own, grams = words.get(word) or self._word(word)
            if own >= 0:
                cols.append(own)
                firsts.append(i)
                lasts.append(i)
            bigram = get("b:" + previous + " " + word, -1)
            if bigram >= 0:
                cols.append(bigram)
                firsts.append(max(i - 1, 0))
                lasts.append(i)
            if grams:
                cols.extend(grams)
                firsts.extend(itertools.repeat(i, len(grams)))
                lasts.extend(itertools.repeat(i, len(grams)))
            previous = word
        if tokens:
            bigram = get("b:" + previous + " </s>", -1)
            if bigram >= 0:
                cols.append(bigram)
                firsts.append(len(tokens) - 1)
                lasts.append(len(tokens) - 1)
        if cues is not None:
            for name, first, last in cues(tokens):
                cue = get(name, -1)
                if cue >= 0:
                    cols.append(cue)
                    firsts.append(first)
                    lasts.append(last)
        return Occurrences(cols, firsts, lasts)


@dataclass(frozen=True, slots=True)
class Occurrences:
    """Each occurrence of a text's model features: its column and its first and last token,
    in reading order. Read once per text: its counts score it (``counted``), and the same
    occurrences are its evidence's token positions."""

    cols: list[int]
    first: list[int]
    last: list[int]


def counted(occ: Occurrences) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """The columns in order of first occurrence and how often each occurs
    (``features.feature_counts`` restricted to the model's features)."""
    counts = Counter(occ.cols)  # counted in C, keys in order of first occurrence
    n = len(counts)
    return (
        np.fromiter(counts.keys(), dtype=np.int64, count=n),
        np.fromiter(counts.values(), dtype=np.int64, count=n),
    )
