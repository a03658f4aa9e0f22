"""Timing shared by the benchmarks: one warm-up pass, then the median of several runs."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

__all__ = ["median_rate"]

T = TypeVar("T")


def median_rate(items: Sequence[T], step: Callable[[T], object], runs: int) -> float:
    """Items per second of ``step`` over ``items``: the median of ``runs`` timed passes
    after one untimed warm-up pass."""
    for item in items:
        step(item)
    rates = []
    for _ in range(runs):
        start = time.perf_counter()
        for item in items:
            step(item)
        rates.append(len(items) / (time.perf_counter() - start))
    return statistics.median(rates)
