"""Evidence spreads a row's weight over its tokens alike from ``ColumnReader.occurrences``
(what ``predict_many`` reads) and from ``count_features``' dict (what ``predict`` reads):
same (row, token, share) triples in the same order, sentence-length rows spread nowhere."""

from __future__ import annotations

import numpy as np
import pytest

from presslens.textcat.columns import ColumnReader, counted
from presslens.textcat.features import Token, count_features, feature_counts, tokenize
from presslens.textcat.linear import _spread

_TEXTS = [
    "The council said on Tuesday that 40 homes were flooded, and the council will pay.",
    "They lied, they lied again, they lied!",
    "One",
]


def _cues(tokens: list[Token]) -> list[tuple[str, int, int]]:
    return [("x:len3", 0, 0), ("q:start", 0, min(1, len(tokens) - 1))] if tokens else []


@pytest.mark.parametrize("text", _TEXTS)
def test_textcat_linear_spread_same_from_occurrences_and_dict(text: str) -> None:
    names = sorted({n for t in _TEXTS for n in feature_counts(tokenize(t), _cues)})
    column = {name: k for k, name in enumerate(names[::2])}
    features = {k: name for name, k in column.items()}
    tokens = tokenize(text)
    reader = ColumnReader(column)
    occurrences = reader.occurrences(tokens, _cues)
    cols, _ = counted(occurrences)
    rows = [(c, 0.5, features[c]) for c in cols.tolist()]
    from_dict = _spread(count_features(tokens, _cues), rows)
    from_occurrences = _spread(occurrences, rows)
    for a, b in zip(from_dict, from_occurrences, strict=True):
        assert a.tolist() == b.tolist()
    assert len(from_dict[0]) > 0
    lengths = {k for k, (_, _, n) in enumerate(rows) if n.startswith("x:len")}
    assert not lengths & set(from_dict[0].tolist())
    assert np.isclose(from_dict[2].sum(), len(rows) - len(lengths))
