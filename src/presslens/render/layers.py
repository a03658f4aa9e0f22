"""Terminal tables for the who / where / when layers."""

from __future__ import annotations

from rich import box
from rich.table import Table
from rich.text import Text

from presslens.model import Analysis

__all__ = ["entity_table", "place_table", "timeline_table"]


def entity_table(a: Analysis, limit: int = 25) -> Table | None:
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
    for e in ranked[:limit]:
        forms = sorted({m.text for m in e.mentions if m.text != e.name})
        table.add_row(
            Text(e.name),
            e.type,
            str(e.article_mentions),
            str(e.comment_mentions),
            Text(", ".join(forms)[:60]),
        )
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
        value = t.value if t.resolved else "unresolved (no publication date)"
        if t.part_of_day and t.value:
            value = f"{t.value} {t.part_of_day}"
        table.add_row(
            Text(t.text), Text(value or "—"), t.kind, "comment" if t.in_comment else "article"
        )
    return table
