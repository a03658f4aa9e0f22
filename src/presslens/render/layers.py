"""Terminal tables for the who / where / when / who-said-what layers."""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from presslens.model import Analysis
from presslens.render.quotes import (
    SOURCE_CLASSES,
    class_label,
    inferred_from,
    short,
    sourcing_flags,
    speaker_label,
    where_label,
)
from presslens.render.times import time_value

__all__ = [
    "attribution_table",
    "entity_table",
    "join_names",
    "place_table",
    "shown_caption",
    "sourcing_report",
    "timeline_table",
]


def shown_caption(shown: int, total: int, what: str = "rows") -> str | None:
    """The caption of a table cut at ``shown`` rows; None when every row is shown."""
    if shown >= total:
        return None
    return f"showing {shown} of {total} {what} (--all for every row)"


def join_names(names: list[str], width: int = 60) -> str:
    """Names joined by commas within ``width`` characters: whole names only, and an
    ellipsis saying how many more when they do not all fit (never "…, the I")."""
    out: list[str] = []
    used = 0
    for i, name in enumerate(names):
        rest = len(names) - i - 1
        tail = f", … +{rest}" if rest else ""
        cost = len(name) + (2 if out else 0)
        if used + cost + len(tail) > width and out:
            return ", ".join(out) + f", … +{len(names) - i}"
        if used + cost > width:  # one name longer than the cell: cut at a word, say so
            cut = name[: max(1, width - 1)].rsplit(" ", 1)[0]
            return cut + "…" + (f" +{rest}" if rest else "")
        out.append(name)
        used += cost
    return ", ".join(out)


def entity_table(a: Analysis, limit: int | None = 25) -> Table | None:
    if not a.entities:
        return None
    table = Table(title="Who and what is mentioned", box=box.SIMPLE_HEAD, title_justify="left")
    for col, just in (
        ("Entity", "left"),
        ("Type", "left"),
        ("Article", "right"),
        ("Comments", "right"),
        ("Also written as", "left"),
    ):
        table.add_column(col, justify=just)  # type: ignore[arg-type]
    ranked = sorted(a.entities, key=lambda e: -(e.article_mentions + e.comment_mentions))
    shown = ranked[:limit] if limit is not None else ranked
    for e in shown:
        forms = sorted({m.text for m in e.mentions if m.text != e.name})
        table.add_row(
            Text(e.name),
            e.type,
            str(e.article_mentions),
            str(e.comment_mentions),
            Text(join_names(forms)),
        )
    table.caption = shown_caption(len(shown), len(ranked), "entities")
    return table


def place_table(a: Analysis) -> Table | None:
    seen: dict[tuple[str, bool], int] = {}
    rows = []
    for p in a.places:
        key = (p.entity_id or p.text, p.in_comment)
        if key in seen:
            continue
        seen[key] = 1
        rows.append(p)
    if not rows:
        return None
    table = Table(title="Places", box=box.SIMPLE_HEAD, title_justify="left")
    for col in ("Mention", "Resolved", "Country", "Lat, lon", "GeoNames", "Conf.", "In"):
        table.add_column(col)
    for p in rows:
        coords = f"{p.lat:.3f}, {p.lon:.3f}" if p.lat is not None and p.lon is not None else "—"
        table.add_row(
            Text(p.text),
            Text(p.name or "unresolved"),
            p.country_code or "—",
            coords,
            str(p.geonameid) if p.geonameid else "—",
            f"{p.confidence:.2f}",
            "comment" if p.in_comment else "article",
        )
    return table


def timeline_table(a: Analysis) -> Table | None:
    if not a.times:
        return None
    table = Table(title="When", box=box.SIMPLE_HEAD, title_justify="left")
    for col in ("Expression", "Normalised", "Kind", "In"):
        table.add_column(col)
    for t in sorted(a.times, key=lambda t: (t.value or "~", t.span.start)):
        value = time_value(t) if t.resolved else "unresolved (no publication date)"
        table.add_row(
            Text(t.text), Text(value or "—"), t.kind, "comment" if t.in_comment else "article"
        )
    return table


def attribution_table(a: Analysis, limit: int | None = 40) -> Table | None:
    if not a.attributions:
        return None
    # seven narrow columns do not fit 80 columns, so class and channel ride as second lines
    table = Table(title="Who said what", box=box.SIMPLE_HEAD, title_justify="left", pad_edge=False)
    table.add_column("Id", style="dim", no_wrap=True)
    table.add_column("Speaker / source", max_width=16, overflow="fold")
    table.add_column("Cue", max_width=12, overflow="fold")
    table.add_column("Said", min_width=20, overflow="fold")
    table.add_column("Where", max_width=16, overflow="fold")
    shown = a.attributions[:limit] if limit is not None else a.attributions
    for q in shown:
        speaker = Text(speaker_label(q), style="" if q.speaker or q.source_text else "dim")
        if words := inferred_from(q):
            speaker.append(f" ({words})", style="dim")
        speaker.append(f"\n{class_label(q.source_class)}", style="dim")
        cue = Text(q.cue_text or "—")
        if q.channel:
            cue.append(f"\nvia {q.channel}", style="dim")
        table.add_row(q.id, speaker, cue, Text(short(q.content_text)), Text(where_label(q)))
    table.caption = shown_caption(len(shown), len(a.attributions), "attributions")
    return table


def sourcing_report(a: Analysis) -> Group | None:
    s = a.sourcing
    if s is None:
        return None
    table = Table(title="Sourcing", box=box.SIMPLE_HEAD, title_justify="left")
    for col, just in (("Source class", "left"), ("Count", "right"), ("Share", "right")):
        table.add_column(col, justify=just)  # type: ignore[arg-type]
    for c in SOURCE_CLASSES:
        if s.counts.get(c) or s.shares.get(c):
            table.add_row(class_label(c), str(s.counts.get(c, 0)), f"{s.shares.get(c, 0.0):.0%}")
    summary = Text(f"{s.attributions} article attributions")
    if s.speakers:
        top = ", ".join(f"{name} ×{n}" for name, n in list(s.speakers.items())[:8])
        summary.append(f"; most quoted: {top}")
    parts: list[Table | Text] = [table, summary]
    for kind, qid, q in sourcing_flags(a):
        line = Text(f"{kind} source, {qid}: ", style="yellow")
        line.append(
            f"{q.source_text or '(no source words)'}: {short(q.content_text, 80)}"
            if q
            else "(not in the attribution list)"
        )
        parts.append(line)
    return Group(*parts)
