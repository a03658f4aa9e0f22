"""A text's model columns and counts, read straight from its tokens.

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

from collections import Counter
from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from presslens.textcat.features import Token, char_grams

__all__ = ["ColumnReader"]

# words remembered per model before the memory is dropped and built again (a corpus's
# vocabulary grows without end; ~150 bytes a word)
_MAX_WORDS = 200_000


class ColumnReader:
    """Feature columns and counts of tokenised texts for one model's column table."""

    def __init__(self, column: dict[str, int], names: list[str]) -> None:
        self._column = column
        self._names = names
        self._words: dict[str, tuple[int, tuple[int, ...]]] = {}

    def _word(self, word: str) -> tuple[int, tuple[int, ...]]:
        if len(self._words) >= _MAX_WORDS:
            self._words.clear()
        get = self._column.get
        grams = tuple(c for c in (get(name, -1) for name in char_grams(word)) if c >= 0)
        entry = self._words[word] = (get("w:" + word, -1), grams)
        return entry

    def counts(
        self,
        tokens: list[Token],
        cues: Callable[[list[Token]], list[tuple[str, int, int]]] | None = None,
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """The model's columns among the text's features, in order of first occurrence, and
        how often each occurs (``feature_counts`` restricted to the model's features)."""
        get = self._column.get
        words = self._words
        seen: list[int] = []
        append, extend = seen.append, seen.extend
        previous = "<s>"
        for tok in tokens:
            word = tok.norm
            own, grams = words.get(word) or self._word(word)
            if own >= 0:
                append(own)
            bigram = get("b:" + previous + " " + word, -1)
            if bigram >= 0:
                append(bigram)
            if grams:
                extend(grams)
            previous = word
        if tokens:
            bigram = get("b:" + previous + " </s>", -1)
            if bigram >= 0:
                append(bigram)
        if cues is not None:
            for name, _, _ in cues(tokens):
                cue = get(name, -1)
                if cue >= 0:
                    append(cue)
        counted = Counter(seen)  # counted in C, keys in order of first occurrence
        n = len(counted)
        return (
            np.fromiter(counted.keys(), dtype=np.int64, count=n),
            np.fromiter(counted.values(), dtype=np.int64, count=n),
        )

    def places(
        self,
        tokens: list[Token],
        cues: Callable[[list[Token]], list[tuple[str, int, int]]] | None = None,
    ) -> dict[str, tuple[int, list[int]]]:
        """``features.count_features`` restricted to the model's features: feature → (count,
        first and last token of each occurrence, flattened), occurrences in the same order."""
        get = self._column.get
        words = self._words
        found: dict[int, list[int]] = {}
        at = found.setdefault
        previous = "<s>"
        for i, tok in enumerate(tokens):
            word = tok.norm
            own, grams = words.get(word) or self._word(word)
            if own >= 0:
                at(own, []).extend((i, i))
            bigram = get("b:" + previous + " " + word, -1)
            if bigram >= 0:
                at(bigram, []).extend((max(i - 1, 0), i))
            for gram in grams:
                at(gram, []).extend((i, i))
            previous = word
        if tokens:
            last = len(tokens) - 1
            bigram = get("b:" + previous + " </s>", -1)
            if bigram >= 0:
                at(bigram, []).extend((last, last))
        if cues is not None:
            for name, first, end in cues(tokens):
                cue = get(name, -1)
                if cue >= 0:
                    at(cue, []).extend((first, end))
        names = self._names
        return {names[c]: (len(pairs) // 2, pairs) for c, pairs in found.items()}
