"""Overlap queries over many character spans in logarithmic time.

Several layers ask, for each of a document's mentions or expressions, which earlier spans
overlap it. Over a plain list that is quadratic in the document's length; a long document
(hundreds of thousands of characters) spends minutes there. ``SpanIndex`` keeps spans
sorted by start and remembers the longest, so a query looks only at spans that start
within that distance before it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from itertools import accumulate
from typing import Generic, TypeVar

__all__ = ["SpanIndex", "furthest_end", "has_start_in"]

T = TypeVar("T")


def _start(entry: tuple[int, int, int, object]) -> int:
    return entry[0]


class SpanIndex(Generic[T]):
    """Spans ``[start, end)`` with a payload each; insertion order is kept for ties."""

    def __init__(self, spans: Iterable[tuple[int, int, T]] = ()) -> None:
        self._items: list[tuple[int, int, int, T]] = []
        self._longest = 0
        self._count = 0
        for start, end, item in spans:
            self.add(start, end, item)

    def __len__(self) -> int:
        return len(self._items)

    def add(self, start: int, end: int, item: T) -> None:
        self._longest = max(self._longest, end - start)
        self._count += 1
        # after every span starting at or before it: orders only grow, so ties keep
        # insertion order and payloads are never compared
        i = self._from(start + 1)
        self._items.insert(i, (start, end, self._count, item))

    def _from(self, start: int) -> int:
        """The index of the first span starting at or after ``start``."""
        return bisect_left(self._items, start, key=_start)

    def overlapping(self, start: int, end: int) -> Iterator[tuple[int, int, T]]:
        """Spans with ``s < end and start < e``, by start (then insertion order)."""
        i = self._from(start - self._longest)
        items = self._items
        while i < len(items) and items[i][0] < end:
            s, e, _, item = items[i]
            if start < e and s < end:
                yield s, e, item
            i += 1

    def containing(self, start: int, end: int) -> Iterator[tuple[int, int, T]]:
        """Spans with ``s <= start and end <= e``."""
        for s, e, item in self.overlapping(start, max(end, start + 1)):
            if s <= start and end <= e:
                yield s, e, item

    def within(self, lo: int, hi: int) -> Iterator[tuple[int, int, T]]:
        """Spans with ``lo <= s and e <= hi``, by start."""
        i = self._from(lo)
        items = self._items
        while i < len(items) and items[i][0] < hi:
            s, e, _, item = items[i]
            if e <= hi:
                yield s, e, item
            i += 1

    def remove(self, start: int, end: int, item: T) -> None:
        """Remove one span equal to ``(start, end, item)``, if there is one."""
        i = self._from(start)
        while i < len(self._items) and self._items[i][0] == start:
            _, e, _, it = self._items[i]
            if e == end and it == item:
                del self._items[i]
                return
            i += 1


def furthest_end(spans: Iterable[tuple[int, int]]) -> Callable[[int], int]:
    """``reach(at)``: the furthest end of the spans starting at or before ``at`` (-1 when
    none does). For a fixed set of spans, "some span holds (s, e)" is ``reach(s) >= e``,
    "``at`` lies inside some span" is ``reach(at) > at``, and "some span overlaps (s, e)" is
    ``reach(e - 1) > s``: the spans sorted once and one bisect per question."""
    pairs = sorted(spans)
    starts = [s for s, _ in pairs]
    furthest = list(accumulate((e for _, e in pairs), max))

    def reach(at: int) -> int:
        i = bisect_right(starts, at)
        return furthest[i - 1] if i else -1

    return reach


def has_start_in(starts: list[int], lo: int, hi: int) -> bool:
    """Whether one of the sorted ``starts`` lies in ``[lo, hi)``."""
    i = bisect_left(starts, lo)
    return i < len(starts) and starts[i] < hi
