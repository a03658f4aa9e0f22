"""Timing shared by the benchmarks: one warm-up pass, then the median of several runs."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

__all__ = ["median_rate", "rates"]

T = TypeVar("T")


def rates(items: Sequence[T], step: Callable[[T], object], runs: int) -> list[float]:
    """Items per second of ``step`` over ``items`` in each of ``runs`` timed passes, after
    one untimed warm-up pass (imports, regex compilation, page cache)."""
    for item in items:
        step(item)
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        for item in items:
            step(item)
        out.append(len(items) / (time.perf_counter() - start))
    return out


def median_rate(items: Sequence[T], step: Callable[[T], object], runs: int) -> float:
    """The median of ``rates``."""
    return statistics.median(rates(items, step, runs))
