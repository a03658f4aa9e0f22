from __future__ import annotations

import pytest

from presslens.textcat.columns import ColumnReader, counted
from presslens.textcat.features import Token, count_features, feature_counts, tokenize

_TEXTS = [
    "The council said on Tuesday that 40 homes were flooded, and the council will pay.",
    "Soooo angry!!! They lied, they lied again :( http://example.org",
    "",
]


def _cues(tokens: list[Token]) -> list[tuple[str, int, int]]:
    # a hand-made cue set: a sentence-length cue and a cue over the first two tokens
    return [("x:len3", 0, 0), ("q:start", 0, min(1, len(tokens) - 1))] if tokens else []


def _table(texts: list[str]) -> dict[str, int]:
    """A column table holding every other feature the texts have (so some are unknown)."""
    names = sorted({n for t in texts for n in feature_counts(tokenize(t), _cues)})
    return {name: k for k, name in enumerate(names[::2])}


@pytest.mark.parametrize("text", _TEXTS)
def test_textcat_columns_counts_match_feature_counts(text: str) -> None:
    column = _table(_TEXTS)
    tokens = tokenize(text)
    expected = [(column[n], c) for n, c in feature_counts(tokens, _cues).items() if n in column]
    cols, tf = counted(ColumnReader(column).occurrences(tokens, _cues))
    assert list(zip(cols.tolist(), tf.tolist(), strict=True)) == expected


@pytest.mark.parametrize("text", _TEXTS)
def test_textcat_columns_occurrences_match_count_features(text: str) -> None:
    column = _table(_TEXTS)
    tokens = tokenize(text)
    reader = ColumnReader(column)
    reader.occurrences(tokens, _cues)  # words met once are remembered: read them from memory
    occ = reader.occurrences(tokens, _cues)
    got: dict[int, list[int]] = {}
    for c, a, b in zip(occ.cols, occ.first, occ.last, strict=True):
        got.setdefault(c, []).extend((a, b))
    expected = {
        column[n]: pairs for n, (_, pairs) in count_features(tokens, _cues).items() if n in column
    }
    assert got == expected
