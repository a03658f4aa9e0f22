"""The events layer in the terminal and HTML reports: a table, then a simple timeline.

Article text is hostile: every string from it goes through ``html.escape`` here, and the
terminal console is created with markup off by its caller.
"""

from __future__ import annotations

import textwrap
from html import escape

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from presslens.events.dedup import event_dates
from presslens.model import Analysis, Event

__all__ = ["event_row", "events_html", "events_table", "timeline"]

_STATUS = {
    "fact": "reported as fact",
    "attributed": "attributed claim",
    "plan": "plan",
    "hypothetical": "hypothetical",
}


def _arg(ev: Event, which: str) -> str:
    arg = ev.actor if which == "actor" else ev.target
    if arg is None:
        return "—"
    return arg.name or arg.text


def _where(ev: Event) -> str:
    dest = (ev.place.name or ev.place.text) if ev.place else None
    origin = (ev.origin.name or ev.origin.text) if ev.origin else None
    if origin and dest:
        return f"{origin} → {dest}"
    if origin:
        return f"from {origin}"
    return dest or "—"


def _when(ev: Event) -> str:
    if ev.time is None:
        return "—"
    when = f"{ev.time.value} ({ev.time.text})" if ev.time.value else ev.time.text
    return when + (" — from another mention" if ev.time_reason else "")


_SOURCING = {
    "unsourced": "no source given",
    "vague": "vague source",
    "anonymous": "anonymous source",
    "role": "source named by role",
    "named_person": "named source",
    "named_organisation": "named source",
}


def _status(ev: Event) -> str:
    """ "attributed claim; sources: a militia representative (role), reports (vague)";
    "reported as fact; no source given"."""
    status = _STATUS[ev.status]
    if ev.sources:
        names = ", ".join(
            f"{s.source or 'unnamed'} ({s.source_class.replace('_', ' ')})" for s in ev.sources
        )
        status += f"; sources: {names}"
    elif ev.attribution_id:
        status += f" ({ev.attribution_id})"
    elif ev.sourcing in _SOURCING:
        status += f"; {_SOURCING[ev.sourcing]}"
    if len(ev.mentions) > 1:
        status += f"; told {len(ev.mentions)} times"
    return status


def _what(ev: Event) -> str:
    what = ev.category + (f"/{ev.mode}" if ev.mode else "")
    if ev.acled_sub_type:
        what += f" [{ev.acled_sub_type}]"
    for c in ev.casualties:
        n = "?" if c.count is None else str(c.count)
        what += f"; {n} {c.who or 'people'} {c.kind}"
    return what


def event_row(ev: Event) -> list[str]:
    """The cells of one event's row: id, what, who, to whom, where, when, status, evidence."""
    status = _status(ev)
    return [
        ev.id,
        _what(ev),
        _arg(ev, "actor"),
        _arg(ev, "target"),
        _where(ev),
        _when(ev),
        status,
        textwrap.shorten(ev.evidence_text, 160, placeholder=" …"),
    ]


def timeline(a: Analysis) -> list[tuple[str, list[Event]]]:
    """Dated events grouped by their first day, earliest first."""
    days: dict[str, list[Event]] = {}
    for ev in a.events:
        span = event_dates(ev.time.value) if ev.time else None
        if span is not None:
            days.setdefault(span[0].isoformat(), []).append(ev)
    return sorted(days.items())


def events_table(a: Analysis) -> RenderableType | None:
    if not a.events:
        return None
    table = Table(
        title=f"Events: {len(a.events)} in the article (comments are not read for events)",
        box=box.SIMPLE_HEAD,
        title_justify="left",
    )
    # six columns, not eight: an 80-100 character terminal keeps the evidence readable
    table.add_column("#", no_wrap=True)
    for name in ("What", "Who → whom", "Where, when", "Status"):
        table.add_column(name, max_width=13)
    table.add_column("Evidence", min_width=24)
    for ev in a.events:
        eid, what, who, whom, where, when, status, evidence = event_row(ev)
        table.add_row(
            eid,
            what,
            f"{who} → {whom}",
            f"{where}; {when}",
            status,
            textwrap.shorten(evidence, 90, placeholder=" …"),
        )
    days = timeline(a)
    if not days:
        return table
    line = Text("Timeline\n", style="bold")
    for day, evs in days:
        line.append(
            f"  {day}  " + "; ".join(f"{e.id} {_what(e)} ({_arg(e, 'actor')})" for e in evs)
        )
        line.append("\n")
    return Group(table, line)


def events_html(a: Analysis) -> str:
    if not a.events:
        return ""
    head = "".join(
        f"<th>{h}</th>"
        for h in ("#", "What", "Who", "To whom", "Where", "When", "Status", "Evidence")
    )
    rows = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in event_row(ev)) + "</tr>"
        for ev in a.events
    )
    line = "".join(
        f"<li><strong>{escape(day)}</strong>: "
        + "; ".join(f"{escape(e.id)} {escape(_what(e))} — {escape(_arg(e, 'actor'))}" for e in evs)
        + "</li>"
        for day, evs in timeline(a)
    )
    timeline_html = f'<h3>Timeline</h3><ol class="timeline">{line}</ol>' if line else ""
    return (
        f"<h2>Events — {len(a.events)} in the article</h2>"
        f"<table><tr>{head}</tr>{rows}</table>{timeline_html}"
    )
