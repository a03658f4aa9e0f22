"""The check-worthy claims, shown the same way in the terminal and the HTML report."""

from __future__ import annotations

import textwrap
from html import escape

from rich import box
from rich.table import Table

from presslens.model import Analysis, Claim
from presslens.render.layers import shown_caption

__all__ = ["claims_html", "claims_table", "top_claims"]


def top_claims(a: Analysis, limit: int | None = 8) -> list[Claim]:
    """The check-worthy sentences, most check-worthy first."""
    return sorted((c for c in a.claims if c.checkworthy), key=lambda c: -c.score)[:limit]


def _who(c: Claim) -> str:
    if c.speaker and c.source_text and c.speaker not in c.source_text:
        return f"{c.speaker} ({c.source_text})"
    return c.speaker or c.source_text or "the outlet (no attribution)"


def claims_table(a: Analysis, limit: int | None = 8) -> Table | None:
    top = top_claims(a, limit)
    if not top:
        return None
    checkworthy = sum(c.checkworthy for c in a.claims)
    table = Table(
        title=f"Check-worthy claims: {checkworthy} of {len(a.claims)} article sentences",
        box=box.SIMPLE_HEAD,
        title_justify="left",
    )
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Claim", ratio=3)
    table.add_column("On whose word", ratio=1)
    for c in top:
        table.add_row(f"{c.score:.2f}", textwrap.shorten(c.text, 220, placeholder=" …"), _who(c))
    table.caption = shown_caption(len(top), checkworthy, "check-worthy claims")
    return table


def claims_html(a: Analysis, limit: int = 8) -> str:
    top = top_claims(a, limit)
    if not top:
        return ""
    rows = "".join(
        f"<tr><td>{c.score:.2f}</td><td>{escape(c.text)}</td><td>{escape(_who(c))}</td></tr>"
        for c in top
    )
    checkworthy = sum(c.checkworthy for c in a.claims)
    return (
        f"<h2>Check-worthy claims — {checkworthy} of {len(a.claims)} article sentences</h2>"
        f"<table><tr><th>Score</th><th>Claim</th><th>On whose word</th></tr>{rows}</table>"
    )
