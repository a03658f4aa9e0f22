"""Date and time expressions, normalised against the publication date.

Only spans that look like time expressions are interpreted (dateparser, fed whole texts,
reads "we" as Wednesday). Expressions relative to the publication date ("Tuesday", "48 past
hours") stay unresolved when the publication date is unknown: never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from presslens.analyzers.spanindex import SpanIndex

__all__ = ["TIMEX", "Timex", "find_timex", "normalise"]

Kind = Literal["date", "interval", "duration", "vague", "time"]
Granularity = Literal["decade", "year", "month", "week", "day", "part_of_day", "hour"]

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        "jan january|feb february|mar march|apr april|may|jun june|jul july|aug august"
        "|sep sept september|oct october|nov november|dec december".split("|")
    )
    for m in names.split()
}
_WEEKDAYS = {
    d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())
}
_NUM_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()
    )
} | {"twenty": 20, "thirty": 30, "forty": 40, "forty-eight": 48, "a": 1, "an": 1, "several": 3}
# The only characters outside ASCII that an ASCII letter matches under re.IGNORECASE, mapped
# to that letter: a lowered text then holds a pattern's word wherever the pattern can match,
# and a matched word ("Frıday", with a dotless i) is read as the word it matched.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def _low(word: str) -> str:
    return word.translate(_FOLD).lower()


_PART = r"(?P<part>morning|afternoon|evening|night)"
_MONTH_RE = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_NUM = (
    r"(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty"
    r"|forty|forty-eight|a|an|several)"
)
_UNIT = r"(?P<unit>hour|day|week|month|year|decade|century|centuries)s?"

# Order matters: longer, more specific patterns first. Each has a named group set that
# ``normalise`` interprets.
TIMEX: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.I))
    for name, pattern in (
        (
            "part_of_month_day",
            r"\b(?:the\s+)?"
            + _PART
            + r"\s+of\s+"
            + _MONTH_RE
            + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{4}))?\b",
        ),
        (
            "month_day",
            r"\b" + _MONTH_RE + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{4}))?\b",
        ),
        (
            "day_month",
            r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
            + _MONTH_RE
            + r"(?:,?\s+(?P<year>\d{4}))?\b",
        ),
        ("iso", r"\b(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})\b"),
        ("month_year", r"\b" + _MONTH_RE + r"\s+(?P<year>\d{4})\b"),
        ("past_n", r"\b(?:the\s+)?(?:past|last|previous)\s+" + _NUM + r"\s+" + _UNIT + r"\b"),
        ("past_n", r"\b" + _NUM + r"\s+(?:past|last|previous)\s+" + _UNIT + r"\b"),
        ("ago", r"\b" + _NUM + r"\s+" + _UNIT + r"\s+ago\b"),
        (
            "vague_ago",
            r"\b(?:hundreds|thousands|dozens|many|several|a\s+few)\s+of\s+"
            + r"(?P<unit>years|decades|centuries)\s+ago\b|\b(?:long\s+ago|in\s+recent\s+years)\b",
        ),
        (
            "weekday",
            # "Black Friday", "Cyber Monday", "Super Tuesday", "Good Friday": a named day,
            # not the weekday before or after publication
            r"\b(?<!\bblack )(?<!\bcyber )(?<!\bsuper )(?<!\bgood )(?<!\bholy )"
            r"(?<!\beaster )(?<!\bash )(?<!\bbloody )(?<!\bgiving )(?<!\bshrove )"
            r"(?<!\bmaundy )(?<!\bwhit )"
            r"(?:(?P<rel>last|next|this)\s+)?(?P<wd>monday|tuesday|wednesday|thursday"
            r"|friday|saturday|sunday)(?:\s+" + _PART + r")?\b",
        ),
        ("relative_day", r"\b(?P<rd>yesterday|today|tomorrow|tonight|this\s+day)\b"),
        ("relative_unit", r"\b(?P<rel>last|next|this)\s+(?P<unit>week|month|year)\b"),
        ("decade", r"\b(?:the\s+)?(?P<decade>(?:1[5-9]|20)\d0)s\b"),
        ("duration", r"\b(?:for\s+)?" + _NUM + r"\s+" + _UNIT + r"\b(?!\s+ago)"),
        ("year", r"\b(?:in|since|by|of|until|from|before|after)\s+(?P<year>(?:1[5-9]|20)\d{2})\b"),
        (
            "month",
            r"\b(?:in|since|by|until|from|last|next|early|late|mid-?)\s*"
            + _MONTH_RE
            + r"\b(?!\s+\d)",
        ),
    )
)


@dataclass(frozen=True, slots=True)
class Timex:
    start: int
    end: int
    text: str
    kind: Kind
    value: str | None  # ISO date, or "start/end" for intervals, ISO 8601 duration for durations
    granularity: Granularity | None
    part_of_day: str | None
    resolved: bool
    relative: bool  # interpreted against the publication date
    rule: str


def _num(raw: str) -> int:
    return int(raw) if raw.isdigit() else _NUM_WORDS.get(_low(raw), 1)


def _nearest_year(month: int, day: int, published: dt.date, future: bool = False) -> dt.date | None:
    if future:
        # "sentencing is scheduled for Feb. 14" in a November story: the next Feb. 14
        ahead = [
            c
            for c in _on_day(month, day, (published.year, published.year + 1))
            if c >= published - dt.timedelta(days=7)
        ]
        if ahead:
            return ahead[0]
    # News mostly reports the recent past: the latest date up to a week ahead of publication.
    years = (published.year - 1, published.year, published.year + 1)
    latest = published + dt.timedelta(days=7)
    return max((c for c in _on_day(month, day, years) if c <= latest), default=None)


def _on_day(month: int, day: int, years: tuple[int, ...]) -> list[dt.date]:
    out = []
    for year in years:
        try:
            out.append(dt.date(year, month, day))
        except ValueError:
            continue
    return out


_YEARS = {"year": 1, "decade": 10, "century": 100, "centurie": 100}


def _shift_unit(published: dt.date, unit: str, n: int) -> dt.date | None:
    """``n`` units before ``published``; None when that is before year 1 (or beyond any
    date: "founded 3000 years ago", "99999999999 days ago")."""
    unit = _low(unit).rstrip("s")
    if unit in _YEARS:
        year = published.year - n * _YEARS[unit]
        if year < 1:
            return None
        day = 28 if (published.month, published.day) == (2, 29) else published.day
        return published.replace(year=year, day=day)
    days = {"hour": n / 24, "day": n, "week": 7 * n, "month": 30 * n}
    try:
        return published - dt.timedelta(days=days.get(unit, n))
    except OverflowError:
        return None


def normalise(
    name: str, m: re.Match[str], published: dt.date | None, future: bool = False
) -> tuple[Kind, str | None, Granularity | None, bool, bool]:
    """(kind, value, granularity, resolved, relative) for one matched expression; an
    expression that would fall outside the calendar (relative to a publication date of
    0001-01-01 or 9999-12-31, say) is kept but left unresolved."""
    kind: Kind = "interval" if name == "past_n" else "date"
    try:
        result = _normalise(name, m, published, future)
    except (OverflowError, ValueError):
        return kind, None, None, False, published is not None
    value = result[1]
    if (
        result[0] in ("date", "interval")
        and value
        and not all(_in_calendar(part) for part in value.split("/"))
    ):
        return kind, None, None, False, result[4]
    return result


def _in_calendar(value: str) -> bool:
    year = value.split("-")[0]
    return not year.isdigit() or 1 <= int(year) <= 9999


def _normalise(
    name: str, m: re.Match[str], published: dt.date | None, future: bool
) -> tuple[Kind, str | None, Granularity | None, bool, bool]:
    g = {k: v for k, v in m.groupdict().items() if v}
    if name in ("part_of_month_day", "month_day", "day_month", "iso"):
        month = int(g["mon"]) if "mon" in g else _MONTHS[_low(g["month"]).rstrip(".")[:3]]
        if "mon" not in g:
            month = _MONTHS.get(_low(g["month"]).rstrip("."), month)
        day = int(g["day"])
        gran: Granularity = "part_of_day" if "part" in g else "day"
        if "year" in g:
            try:
                return "date", dt.date(int(g["year"]), month, day).isoformat(), gran, True, False
            except ValueError:
                return "date", None, gran, False, False
        if published is None:
            return "date", None, gran, False, True
        found = _nearest_year(month, day, published, future)
        return "date", found.isoformat() if found else None, gran, found is not None, True
    if name == "month_year":
        month = _MONTHS.get(_low(g["month"]).rstrip("."), 1)
        return "date", f"{int(g['year']):04d}-{month:02d}", "month", True, False
    if name == "year":
        return "date", g["year"], "year", True, False
    if name == "decade":
        return "date", f"{g['decade'][:3]}X", "decade", True, False
    if name == "duration":
        unit = _low(g["unit"]).rstrip("s")
        code = {
            "hour": "PT{}H",
            "day": "P{}D",
            "week": "P{}W",
            "month": "P{}M",
            "year": "P{}Y",
            "decade": "P{}0Y",
            "century": "P{}00Y",
            "centurie": "P{}00Y",
        }[unit]
        return "duration", code.format(_num(g["n"])), None, True, False
    if name == "vague_ago":
        return "vague", "PAST_REF", None, True, False
    if published is None:
        kind: Kind = "interval" if name == "past_n" else "date"
        return kind, None, None, False, True
    if name == "past_n":
        start = _shift_unit(published, g["unit"], _num(g["n"]))
        gran2: Granularity = "day"
        if start is None:
            return "interval", None, None, False, True
        return "interval", f"{start.isoformat()}/{published.isoformat()}", gran2, True, True
    if name == "ago":
        shifted = _shift_unit(published, g["unit"], _num(g["n"]))
        if shifted is None:
            return "date", None, None, False, True
        if _low(g["unit"]).rstrip("s") in ("decade", "century", "centurie"):
            # "two decades ago" names a year, not a day
            return "date", f"{shifted.year:04d}", "year", True, True
        return "date", shifted.isoformat(), "day", True, True
    if name == "weekday":
        target = _WEEKDAYS[_low(g["wd"])]
        rel = _low(g.get("rel", ""))
        if rel == "next" or (future and rel != "last"):
            delta = (target - published.weekday()) % 7 or 7
        else:
            delta = -((published.weekday() - target) % 7 or 7)
            if rel == "this" or (rel == "" and target == published.weekday()):
                delta = 0 if target == published.weekday() else delta
        gran3: Granularity = "part_of_day" if "part" in g else "day"
        return "date", (published + dt.timedelta(days=delta)).isoformat(), gran3, True, True
    if name == "relative_day":
        rd = _low(g["rd"])
        offset = {"yesterday": -1, "tomorrow": 1}.get(rd, 0)
        return "date", (published + dt.timedelta(days=offset)).isoformat(), "day", True, True
    if name == "relative_unit":
        unit, rel = _low(g["unit"]), _low(g["rel"])
        step = {"last": -1, "next": 1}.get(rel, 0)
        if unit == "year":
            return "date", str(published.year + step), "year", True, True
        if unit == "month":
            y, mo = divmod(published.month - 1 + step, 12)
            return "date", f"{published.year + y:04d}-{mo + 1:02d}", "month", True, True
        monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=step)
        iso = monday.isocalendar()
        return "date", f"{iso[0]:04d}-W{iso[1]:02d}", "week", True, True
    if name == "month":
        month = _MONTHS.get(_low(g["month"]).rstrip("."), 1)
        year = published.year - (month > published.month + 1)
        return "date", f"{year:04d}-{month:02d}", "month", True, True
    return "vague", None, None, False, False


_SENTENCE_END = re.compile(r"[.!?](?=\s)")
_FUTURE = re.compile(r"\b(?:will|shall|going to|next|upcoming|scheduled|plans? to|due to)\b", re.I)


# Words without which a pattern cannot match (any one of them suffices): a pattern none of
# whose words the text holds is not run. Each pattern scans the whole text, and most
# articles lack most of these words ("ago", a weekday, a decade).
_NEEDS: dict[str, tuple[str, ...]] = {
    "part_of_month_day": ("morning", "afternoon", "evening", "night"),
    "past_n": ("past", "last", "previous"),
    "ago": ("ago",),
    "vague_ago": ("ago", "recent"),
    "weekday": tuple(_WEEKDAYS),
    "relative_day": ("yesterday", "today", "tomorrow", "tonight", "this"),
    "relative_unit": ("last", "next", "this"),
    "decade": ("0s",),
    "duration": ("hour", "day", "week", "month", "year", "decade", "centur"),
}


def find_timex(text: str, start: int, end: int, published: dt.date | None) -> list[Timex]:
    """Every time expression in ``text[start:end]``, leftmost-longest, normalised."""
    found: list[Timex] = []
    taken: SpanIndex[None] = SpanIndex()
    folded = _low(text[start:end])
    for name, pattern in TIMEX:
        needs = _NEEDS.get(name)
        if needs is not None and not any(word in folded for word in needs):
            continue
        for m in pattern.finditer(text, start, end):
            s, e = m.span()
            if next(taken.overlapping(s, e), None) is not None:
                continue
            sentence_start = max(text.rfind(".", start, s), text.rfind("\n", start, s), start)
            # within the sentence: "… employees on June 30. Next, …" is not told as ahead
            stop = min(end, e + 60)
            full_stop = _SENTENCE_END.search(text, e, stop)
            future = bool(
                _FUTURE.search(text, sentence_start, full_stop.start() if full_stop else stop)
            )
            kind, value, gran, resolved, relative = normalise(name, m, published, future)
            part = m.groupdict().get("part")
            taken.add(s, e, None)
            found.append(
                Timex(
                    s,
                    e,
                    m.group(),
                    kind,
                    value,
                    gran,
                    _low(part) if part else None,
                    resolved,
                    relative,
                    name,
                )
            )
    found.sort(key=lambda t: t.start)
    return found
