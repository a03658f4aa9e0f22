"""The signals card, on top of the terminal and HTML reports."""

from __future__ import annotations

import textwrap
from html import escape

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from presslens.model import Analysis, Signal

__all__ = ["signals_html", "signals_panel"]


def _evidence_line(s: Signal, limit: int = 3) -> str:
    quotes = [textwrap.shorten(e.text, 70, placeholder="…") for e in s.evidence[:limit]]
    return "; ".join(f"“{q}”" for q in quotes)


def signals_panel(a: Analysis) -> Group | None:
    card = a.signals
    if card is None or not card.signals:
        return None
    table = Table(
        box=box.SIMPLE_HEAD,
        expand=True,
        show_header=True,
        title_justify="left",
        title="Signals (observations to check, not a verdict)",
    )
    table.add_column("", no_wrap=True, width=1)
    table.add_column("Signal", no_wrap=True, style="bold")
    table.add_column("Observed", ratio=1)
    for s in card.signals:
        body = Text(s.value)
        evidence = _evidence_line(s)
        if evidence:
            body.append("\n" + evidence, style="dim")
        table.add_row(Text("!", style="bold red") if s.attention else Text("·"), s.name, body)
    return Group(table)


def signals_html(a: Analysis) -> str:
    card = a.signals
    if card is None or not card.signals:
        return ""
    items = []
    for s in card.signals:
        evidence = "".join(f"<li>{escape(e.text)}</li>" for e in s.evidence[:5])
        cls = "signal attention" if s.attention else "signal"
        items.append(
            f'<li class="{cls}"><b>{escape(s.name)}</b>: {escape(s.value)}'
            f'<div class="why">{escape(s.explanation)} <i>How to check:</i> '
            f"{escape(s.how_to_check)}</div>"
            + (f'<ul class="sig-ev">{evidence}</ul>' if evidence else "")
            + "</li>"
        )
    ratings = ""
    if a.outlet is not None and a.outlet.ratings:
        rows = "".join(
            f"<tr><td>{escape(r.list_name)}</td><td>{escape(r.rating)}</td>"
            f"<td>{escape(r.verdict or '—')}</td><td>{escape(r.source)}</td>"
            f"<td>{escape(r.date)}</td><td>{escape(r.licence)}</td></tr>"
            for r in a.outlet.ratings
        )
        ratings = (
            "<table><tr><th>List</th><th>Rating</th><th>Verdict</th><th>Source</th>"
            f"<th>Date</th><th>Licence</th></tr>{rows}</table>"
        )
    return (
        f'<section class="card"><h2>Signals</h2><p class="note">{escape(card.note)}</p>'
        f"<ul>{''.join(items)}</ul>{ratings}</section>"
    )
