"""A span's repetitions (``classify._count_phrase``) are counted from its rarest word: the
count is the scan of every position's next words that it replaced, on random texts of a
few words (a phrase at the document's start or end, and phrases that overlap themselves)."""

from __future__ import annotations

import random

from presslens.propaganda.classify import _count_phrase
from presslens.propaganda.text import analyse


def _scan(norms: list[str], first: int, stop: int) -> int:
    phrase = norms[first:stop]
    if not phrase:
        return 0
    return sum(norms[p : p + len(phrase)] == phrase for p in range(len(norms)))


def test_propaganda_classify_count_phrase_counts_as_a_scan() -> None:
    rng = random.Random(4)
    words = ("the", "The", "harbour", "burned", "again", "and", "again.", "Ferries")
    checked = 0
    for _ in range(400):
        text = " ".join(rng.choice(words) for _ in range(rng.randrange(1, 25))) + "."
        doc = analyse(text)
        n = len(doc.norms)
        for _ in range(10):
            first = rng.randrange(n)
            stop = rng.randrange(first, n + 1)
            assert _count_phrase(doc, first, stop) == _scan(doc.norms, first, stop), (
                text,
                first,
                stop,
            )
            checked += stop > first
    assert checked > 3000
