"""The terminal report. Document text goes through ``rich.text.Text``, never through markup,
so brackets in articles and comments cannot restyle or hide anything; and control
characters from the document (ESC sequences that could erase, move or recolour report
lines, backspaces, C1 controls) are shown as visible symbols before anything is printed."""

from __future__ import annotations

import io
import re
import textwrap
from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from presslens.model import Analysis
from presslens.render.claims import claims_table
from presslens.render.comments import assessment_by_comment, comment_cell, thread_tone_report
from presslens.render.events import events_table
from presslens.render.layers import (
    attribution_table,
    entity_table,
    place_table,
    sourcing_report,
    timeline_table,
)
from presslens.render.signals import signals_panel
from presslens.render.techniques import technique_table

__all__ = ["defang", "render_terminal", "safe_for_terminal"]

_SUMMARY_CHARS = 600
# C0 controls but tab and newline, DEL, and C1 controls: a terminal acts on every one
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _visible(ch: str) -> str:
    """One character for one (spans stay valid): ␛ for ESC, ␀…␟ for C0, ␡ DEL, � for C1."""
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"


def defang(text: str) -> str:
    """Text for a terminal: every control character but tab and newline made visible."""
    return _CONTROL.sub(lambda m: _visible(m.group()), text)


def _defang(value: Any) -> Any:
    if isinstance(value, str):
        return _CONTROL.sub(lambda m: _visible(m.group()), value)
    if isinstance(value, list):
        return [_defang(v) for v in value]
    if isinstance(value, dict):
        return {_defang(k): _defang(v) for k, v in value.items()}
    return value


def safe_for_terminal(a: Analysis) -> Analysis:
    """The analysis with every control character of its strings made visible; the same
    object when it has none."""
    dump = a.model_dump(mode="json")
    cleaned = _defang(dump)
    return a if cleaned == dump else Analysis.model_validate(cleaned)


def _body_summary(a: Analysis) -> Text:
    paragraphs = [a.span_text(p) for p in a.article.paragraphs]
    words = sum(len(p.split()) for p in paragraphs)
    lead = " ".join(paragraphs)
    if len(lead) > _SUMMARY_CHARS:
        lead = textwrap.shorten(lead, _SUMMARY_CHARS, placeholder=" …")
    out = Text(lead)
    out.append(f"\n\n{len(paragraphs)} paragraphs, {words} words, ", style="dim")
    out.append(f"{len(a.article.links)} links", style="dim")
    return out


def _header(a: Analysis) -> Table:
    d = a.document
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold cyan", no_wrap=True)
    grid.add_column()
    rows = [
        ("Outlet", d.site or "unknown"),
        (
            "Published",
            f"{d.published.isoformat()} ({d.published_source})" if d.published else "unknown",
        ),
        ("URL", d.url or "none given"),
        ("Source", f"{d.source} [{d.source_format}]"),
        ("Identity", f"sha256:{d.content_hash[:16]}…"),
    ]
    for label, value in rows:
        grid.add_row(label, Text(value))
    return grid


def _thread(a: Analysis) -> Table | Text:
    if not a.comments:
        return Text("No comment thread found.", style="dim")
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_lines=False)
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column("Author", style="magenta", no_wrap=True, max_width=24)
    table.add_column("Comment", ratio=1)
    assessed = assessment_by_comment(a)
    for c in a.comments:
        body = Text(textwrap.shorten(c.text, 280, placeholder=" …"))
        if c.links:
            body.append("\n↳ " + ", ".join(sorted({ln.host for ln in c.links})), style="blue")
        if c.id in assessed:
            body.append("\n")
            body.append_text(comment_cell(assessed[c.id]))
        author = Text(c.author) if c.author else Text("(no name)", style="dim italic")
        table.add_row(str(c.index + 1), author, body)
    return table


def render_terminal(
    a: Analysis, width: int = 100, color: bool = False, all_rows: bool = False
) -> str:
    """The report; long tables show their first rows and say so, unless ``all_rows``."""
    a = safe_for_terminal(a)
    console = Console(
        file=io.StringIO(),
        width=width,
        force_terminal=color,
        color_system="auto" if color else None,
        highlight=False,
        emoji=False,
        markup=False,
    )
    t = a.thread
    authors = ", ".join(f"{name} ×{n}" for name, n in t.authors.items()) or "none named"
    console.print(
        Panel(
            Group(_header(a), Text(""), _body_summary(a)),
            title=Text(a.article.title or "(untitled)", style="bold"),
            title_align="left",
            box=box.ROUNDED,
        )
    )
    layers: list[RenderableType | None] = [
        signals_panel(a),
        entity_table(a, None) if all_rows else entity_table(a),
        place_table(a),
        timeline_table(a),
        attribution_table(a, None) if all_rows else attribution_table(a),
        sourcing_report(a),
        technique_table(a, None) if all_rows else technique_table(a),
        claims_table(a, None) if all_rows else claims_table(a),
        events_table(a),
        thread_tone_report(a),
    ]
    for layer in layers:
        if layer is not None:
            console.print(layer)
    console.print(
        Text(
            f"Comment thread: {t.comments} comments, {t.with_author} with an author "
            f"({authors}); {t.links} links",
            style="bold",
        )
    )
    console.print(_thread(a))
    for w in a.warnings:
        console.print(Text(f"warning: {w}", style="yellow"))
    out = console.file
    assert isinstance(out, io.StringIO)
    return out.getvalue()
