"""The timeline's charts: a real time axis (ticks and date labels), day / week / month bins,
and outlying dates clipped with a note instead of squashing every other bar.

The axis is shared by the page's charts (documents published, dates mentioned, events), so
they line up. Its range is the bulk of the dated items: from three interquartile ranges
(at least two weeks) below the first quartile to as far above the third, weighted by count;
anything outside is not drawn and the note under the chart says how many and which dates,
unless that is more than a tenth of the items (then they are the data, not outliers).
``clip=False`` draws every date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from presslens.store import TimelinePoint

__all__ = ["BINS", "Axis", "Chart", "ChartBar", "Tick", "axis", "chart"]

Bin = Literal["day", "week", "month"]
BINS: tuple[Bin, ...] = ("day", "week", "month")
_MIN_IQR = 14
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True, slots=True)
class ChartBar:
    x: float
    width: float
    y: float
    height: float
    label: str
    date_from: str
    date_to: str


@dataclass(frozen=True, slots=True)
class Axis:
    lo: dt.date
    hi: dt.date  # inclusive
    bin: Bin
    clipped: bool  # some dates fall outside

    @property
    def days(self) -> int:
        return (self.hi - self.lo).days + 1


@dataclass(frozen=True, slots=True)
class Chart:
    bars: list[ChartBar]
    ticks: list[Tick]
    note: str | None
    axis: Axis
    top: int
    width: int
    height: int
    first_day: dt.date  # the axis starts here (the first bin's first day) ...
    span_days: int  # ... and covers this many days: what brushing maps pixels back to


def _quantile(values: list[tuple[int, int]], q: float) -> int:
    total = sum(w for _, w in values)
    seen = 0
    for v, w in values:
        seen += w
        if seen >= q * total:
            return v
    return values[-1][0]


def axis(points: Sequence[TimelinePoint], bin: Bin | None = None, clip: bool = True) -> Axis:
    """The shared axis of the page's charts. ``bin`` None: by the range (day up to two
    months, week up to a year and a half, else month)."""
    weighted = sorted(
        (p.day.toordinal(), p.documents + p.mentions + p.events)
        for p in points
        if p.documents + p.mentions + p.events
    )
    if not weighted:
        today = dt.date.today()
        return Axis(today, today, bin or "day", False)
    first, last = weighted[0][0], weighted[-1][0]
    lo, hi = first, last
    if clip:
        q1, q3 = _quantile(weighted, 0.25), _quantile(weighted, 0.75)
        spread = max(q3 - q1, _MIN_IQR)
        lo, hi = max(first, q1 - 3 * spread), min(last, q3 + 3 * spread)
        outside = sum(w for v, w in weighted if v < lo or v > hi)
        if outside > 0.1 * sum(w for _, w in weighted):  # not outliers: a spread-out corpus
            lo, hi = first, last
        kept = [v for v, _ in weighted if lo <= v <= hi]
        lo, hi = kept[0], kept[-1]  # the axis ends at the last date drawn, not beyond
    days = hi - lo + 1
    chosen: Bin = bin or ("day" if days <= 62 else "week" if days <= 550 else "month")
    return Axis(dt.date.fromordinal(lo), dt.date.fromordinal(hi), chosen, (lo, hi) != (first, last))


def _bin_start(day: dt.date, bin: Bin) -> dt.date:
    if bin == "week":
        return day - dt.timedelta(days=day.weekday())
    if bin == "month":
        return day.replace(day=1)
    return day


def _bin_end(start: dt.date, bin: Bin) -> dt.date:
    if bin == "week":
        return start + dt.timedelta(days=6)
    if bin == "month":
        nxt = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return nxt - dt.timedelta(days=1)
    return start


def _label(day: dt.date, bin: Bin, with_year: bool) -> str:
    if bin == "month":
        return f"{_MONTHS[day.month - 1]} {day.year}"
    text = f"{day.day} {_MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if with_year else text


def _ticks(ax: Axis, x: Callable[[dt.date], float], width: int) -> list[Tick]:
    # about one label per 90 pixels, on bin starts
    starts: list[dt.date] = []
    day = _bin_start(ax.lo, ax.bin)
    while day <= ax.hi:
        starts.append(day)
        day = _bin_end(day, ax.bin) + dt.timedelta(days=1)
    step = max(1, -(-len(starts) * 90 // width))
    years = {d.year for d in starts}
    out = []
    for i, d in enumerate(starts[::step]):
        out.append(
            Tick(x=round(max(0.0, x(d)), 2), label=_label(d, ax.bin, i == 0 or len(years) > 1))
        )
    return out


def chart(
    points: Sequence[TimelinePoint],
    field: str,
    ax: Axis,
    width: int = 760,
    height: int = 160,
) -> Chart:
    """One series of the timeline, binned on the shared axis."""
    lo_bin = _bin_start(ax.lo, ax.bin)
    span = (_bin_end(_bin_start(ax.hi, ax.bin), ax.bin) - lo_bin).days + 1

    def x(day: dt.date) -> float:
        return (day - lo_bin).days * width / span

    counts: dict[dt.date, int] = {}
    outside: list[tuple[dt.date, int]] = []
    for p in points:
        value = int(getattr(p, field))
        if not value:
            continue
        if p.day < ax.lo or p.day > ax.hi:
            outside.append((p.day, value))
            continue
        start = _bin_start(p.day, ax.bin)
        counts[start] = counts.get(start, 0) + value
    top = max(counts.values(), default=0)
    bars = []
    for start, value in sorted(counts.items()):
        end = _bin_end(start, ax.bin)
        left, right = x(start), x(end + dt.timedelta(days=1))
        h = max(1.0, height * value / top)
        label = start.isoformat() if ax.bin == "day" else f"{start} to {end}"
        bars.append(
            ChartBar(
                x=round(left, 2),
                width=round(max(1.0, (right - left) * 0.88), 2),
                y=round(height - h, 2),
                height=round(h, 2),
                label=f"{label}: {value} {field}",
                date_from=start.isoformat(),
                date_to=end.isoformat(),
            )
        )
    note = None
    if outside:
        n = sum(v for _, v in outside)
        days = sorted(d for d, _ in outside)
        shown = ", ".join(d.isoformat() for d in days[:3]) + (" …" if len(days) > 3 else "")
        note = (
            f"{n} {field} dated outside {ax.lo} to {ax.hi} are not drawn ({shown}), "
            "so they do not squash the rest"
        )
    return Chart(bars, _ticks(ax, x, width), note, ax, top, width, height, lo_bin, span)
