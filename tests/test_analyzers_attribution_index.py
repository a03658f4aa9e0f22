from __future__ import annotations

import pytest

from presslens.analyzers.attribution_index import FoundIndex, QuoteList, in_quote, quotes_near
from presslens.analyzers.attribution_spans import RawAttribution

_QUOTES = [(0, 10), (15, 20), (20, 30), (50, 60)]


@pytest.mark.parametrize(("start", "end"), [(0, 0), (5, 16), (10, 15), (20, 20), (31, 49), (0, 99)])
def test_analyzers_attribution_index_quotes_near_holds_every_touching_quotation(
    start: int, end: int
) -> None:
    near = quotes_near(QuoteList(_QUOTES), start, end)
    assert near == [(qs, qe) for qs, qe in _QUOTES if qe >= start and qs <= end]
    assert quotes_near(_QUOTES, start, end) == _QUOTES  # a plain list is scanned whole


@pytest.mark.parametrize("pos", [-1, 0, 9, 10, 14, 15, 20, 29, 30, 55, 60])
def test_analyzers_attribution_index_in_quote_agrees_with_a_scan(pos: int) -> None:
    expected = any(qs <= pos < qe for qs, qe in _QUOTES)
    assert in_quote(QuoteList(_QUOTES), pos) is expected
    assert in_quote(_QUOTES, pos) is expected


def test_analyzers_attribution_index_quote_list_refuses_overlaps() -> None:
    with pytest.raises(ValueError, match="overlap"):
        QuoteList([(0, 10), (5, 20)])


def test_analyzers_attribution_index_found_index_follows_growth() -> None:
    first = RawAttribution(kind="direct", content=[(0, 10)], cue=(11, 15))
    second = RawAttribution(kind="indirect", content=[(30, 40)], cue=(20, 24))
    found = [first, second]
    index = FoundIndex(found)
    assert [r for _, r in index.ending_in(10, 15)] == [first]  # content ends 10, cue 15
    assert index.ending_in(30, 40) == []  # indirect relations are not continued
    first.content.append((16, 40))
    index.grown(first)
    assert index.ending_in(10, 15) == []
    assert index.ending_in(40, 40) == [(0, first)]
    third = RawAttribution(kind="mixed", content=[(41, 45)], cue=(12, 13))
    found.append(third)
    index.added(third)
    assert index.cued_in(10, 25) == [first, second, third]  # in list order, not by position
