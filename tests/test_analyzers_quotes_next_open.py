"""``quote_spans`` finds its opening marks through ``_NextOpen`` (each mark's next place
remembered): the quotations are those of the search of every mark from each position that
it replaced, on random small texts of marks, words and line breaks."""

from __future__ import annotations

import random

import pytest

from presslens.analyzers import attribution_quotes
from presslens.analyzers.attribution_quotes import _NextOpen, quote_spans

_PIECES = ("“", "”", "«", "»", '"', "'", "`", "''", "``", "\n", "\n\n", " ", "a b", ".", ",")


def _scan(text: str, pos: int) -> int:
    found = [k for k in (text.find(c, pos) for c in ("“", "«", '"', "''", "``")) if k >= 0]
    return min(found) if found else -1


class _Scan:
    def __init__(self, text: str) -> None:
        self._text = text

    def __call__(self, pos: int) -> int:
        return _scan(self._text, pos)


def _texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randrange(30))) for _ in range(count)]


def test_analyzers_quotes_next_open_answers_as_a_scan_at_rising_positions() -> None:
    rng = random.Random(3)
    for text in _texts(1, 2000):
        find = _NextOpen(text)
        pos = 0
        while pos <= len(text) + 1:
            assert find(pos) == _scan(text, pos), (text, pos)
            pos += rng.randrange(1, 4)


def test_analyzers_quotes_next_open_spans_as_the_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _texts(2, 3000)
    found = [quote_spans(t) for t in texts]
    monkeypatch.setattr(attribution_quotes, "_NextOpen", _Scan)
    assert found == [quote_spans(t) for t in texts]
    assert sum(map(len, found)) > 500  # the texts hold quotations of every kind
