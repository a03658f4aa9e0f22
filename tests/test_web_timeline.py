"""The timeline's axis: bins chosen by the range, ticks with date labels, and an outlying
date clipped with a note instead of squashing the other bars."""

from __future__ import annotations

import datetime as dt

from presslens.store import TimelinePoint
from presslens.web.timeline import axis, chart

D = dt.date


def _points(*days: tuple[dt.date, int]) -> list[TimelinePoint]:
    return [TimelinePoint(day=d, documents=n, mentions=0) for d, n in days]


def test_web_timeline_outlier_is_clipped_with_a_note() -> None:
    points = _points(
        (D(1999, 1, 1), 1),
        *((D(2024, 5, day), 2) for day in range(1, 21)),
    )
    ax = axis(points)
    assert ax.clipped and ax.lo == D(2024, 5, 1) and ax.hi == D(2024, 5, 20)
    assert ax.bin == "day"
    c = chart(points, "documents", ax)
    assert len(c.bars) == 20
    assert c.note is not None and "1 documents dated outside" in c.note and "1999-01-01" in c.note
    # the bars use the width: none is squashed into a sliver by the 25-year gap
    assert min(b.width for b in c.bars) > 30
    everything = axis(points, clip=False)
    assert not everything.clipped and everything.lo == D(1999, 1, 1)
    assert everything.bin == "month"
    assert chart(points, "documents", everything).note is None


def test_web_timeline_bins_and_ticks() -> None:
    points = _points((D(2024, 1, 3), 1), (D(2024, 1, 4), 2), (D(2024, 6, 20), 1))
    ax = axis(points)
    assert ax.bin == "week" and not ax.clipped
    c = chart(points, "documents", ax)
    assert c.bars[0].height == 160.0  # the week of 1 January holds 3
    assert c.bars[0].date_from == "2024-01-01" and c.bars[0].date_to == "2024-01-07"
    assert len(c.ticks) >= 4 and c.ticks[0].label.endswith("2024")
    xs = [t.x for t in c.ticks]
    assert xs == sorted(xs) and xs[0] >= 0 and xs[-1] <= c.width
    month = chart(points, "documents", axis(points, "month"))
    assert [b.date_from for b in month.bars] == ["2024-01-01", "2024-06-01"]
    assert month.ticks[0].label == "Jan 2024"
    day = chart(points, "documents", axis(points[:2], "day"))
    assert [b.label for b in day.bars] == ["2024-01-03: 1 documents", "2024-01-04: 2 documents"]
