"""Positional indexes for the quote finder, so that a long document costs in proportion.

The finder asks, for every quotation, which quotations lie near a content, whether a cue
sits inside a quotation, and which relations found so far end just before a quotation or
have their cue in the paragraph before it. Over plain lists each question is a scan, and a
document of 100,000 words with a thousand quotations spent seconds there. The answers are
the scans' answers, in the same order: these only narrow what is looked at.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable

from presslens.analyzers.attribution_spans import RawAttribution

__all__ = ["FoundIndex", "QuoteList", "in_quote", "quotes_near"]


class QuoteList(list[tuple[int, int]]):
    """A document's quotations in reading order, none overlapping another (what
    ``quote_spans`` finds), with their starts and ends kept for bisection."""

    def __init__(self, quotes: Iterable[tuple[int, int]]) -> None:
        super().__init__(quotes)
        self.starts = [s for s, _ in self]
        self.ends = [e for _, e in self]
        if any(self.ends[k] > self.starts[k + 1] for k in range(len(self) - 1)):
            raise ValueError("quotations must be in order and must not overlap")


def quotes_near(quotes: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The quotations that overlap or touch ``[start, end]``, in order (all of a plain list)."""
    if not isinstance(quotes, QuoteList) or start > end:
        return quotes
    return quotes[bisect_left(quotes.ends, start) : bisect_right(quotes.starts, end)]


def in_quote(quotes: list[tuple[int, int]], pos: int) -> bool:
    """Whether some quotation ``(qs, qe)`` has ``qs <= pos < qe``."""
    if not isinstance(quotes, QuoteList):
        return any(qs <= pos < qe for qs, qe in quotes)
    k = bisect_right(quotes.starts, pos) - 1
    return k >= 0 and pos < quotes.ends[k]


def _anchor(r: RawAttribution) -> int:
    assert r.cue is not None
    return max(max(e for _, e in r.content), r.cue[1])


class FoundIndex:
    """The relations found so far, by where they end, where their cue starts and which token
    is their cue; each entry carries the relation's place in the list, so that a caller can
    pick the first or last in list order as a scan would. The list may only grow, each
    relation once, told by ``added``; a change to a relation's content is told by
    ``grown`` (its kind and cue are read once, when added)."""

    def __init__(self, found: list[RawAttribution]) -> None:
        self._order: dict[int, int] = {}
        self._anchors: list[tuple[int, int]] = []  # (end of content or cue, order)
        self._anchor_of: dict[int, int] = {}
        self._cue_starts: list[tuple[int, int]] = []  # (cue start, order)
        self._by_token: dict[int, list[int]] = {}
        self._found = found
        for r in found:
            self.added(r)

    def added(self, r: RawAttribution) -> None:
        """``r`` was appended to the list."""
        order = len(self._order)
        self._order[id(r)] = order
        if r.cue is not None:
            insort(self._cue_starts, (r.cue[0], order))
            if r.kind in ("direct", "mixed"):
                self._anchor_of[order] = a = _anchor(r)
                insort(self._anchors, (a, order))
        if r.cue_token is not None:
            self._by_token.setdefault(r.cue_token.i, []).append(order)

    def grown(self, r: RawAttribution) -> None:
        """``r``'s content changed."""
        order = self._order[id(r)]
        old = self._anchor_of.get(order)
        if old is None:
            return
        del self._anchors[bisect_left(self._anchors, (old, order))]
        self._anchor_of[order] = a = _anchor(r)
        insort(self._anchors, (a, order))

    def ending_in(self, lo: int, hi: int) -> list[tuple[int, RawAttribution]]:
        """(order, relation) of the direct and mixed relations with a cue whose later end
        (of its content's and its cue's, whichever comes last) lies in ``[lo, hi]``, by that
        end."""
        a, b = (
            bisect_left(self._anchors, (lo, -1)),
            bisect_right(self._anchors, (hi, len(self._order))),
        )
        return [(k, self._found[k]) for _, k in self._anchors[a:b]]

    def cued_in(self, lo: int, hi: int) -> list[RawAttribution]:
        """The relations whose cue starts in ``[lo, hi)``, in list order."""
        a = bisect_left(self._cue_starts, (lo, -1))
        b = bisect_left(self._cue_starts, (hi, -1))
        return [self._found[k] for k in sorted(k for _, k in self._cue_starts[a:b])]

    def cued_by(self, token_i: int) -> list[RawAttribution]:
        """The relations whose cue is token ``token_i``, in list order."""
        return [self._found[k] for k in self._by_token.get(token_i, ())]
