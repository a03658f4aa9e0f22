"""Propaganda techniques in reports: a colour per technique, a legend, the profile."""

from __future__ import annotations

import re
from html import escape

from rich import box
from rich.table import Table

from presslens.model import Analysis, TechniqueProfile
from presslens.propaganda.techniques import TECHNIQUE_INFO, colour, label
from presslens.render.layers import shown_caption

__all__ = ["technique_css", "technique_legend_html", "technique_slug", "technique_table"]


def technique_slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def technique_css() -> str:
    """Every highlight's CSS (render.palette), and a swatch colour per technique for charts
    and lists where the technique's name is written beside it."""
    from presslens.render.palette import highlight_css

    return highlight_css() + "".join(
        f".sw-{technique_slug(n)}{{background:{colour(n)}}}" for n in TECHNIQUE_INFO
    )


def technique_legend_html(a: Analysis) -> str:
    if not a.techniques:
        return ""
    used = [n for n in TECHNIQUE_INFO if any(t.technique == n for t in a.techniques)]

    def count(n: str, in_comment: bool) -> int:
        return sum(t.technique == n and t.in_comment == in_comment for t in a.techniques)

    items = "".join(
        f'<li><span class="ttag tag-{technique_slug(n)}"></span>{escape(label(n))} '
        f"×{count(n, False)}"
        + (f" (+{count(n, True)} in comments)" if count(n, True) else "")
        + "</li>"
        for n in used
    )
    p = a.technique_profile
    profile = (
        f"<p>Article: {p.spans} spans; {p.per_100_sentences:.0f} per 100 sentences; "
        f"{p.sentences_with_technique} of {p.sentences} sentences use one. "
        f"Comments: {p.comment_spans} spans. {escape(_floor_note(p))}</p>"
        if p is not None
        else ""
    )
    return f'<h2>Propaganda techniques</h2>{profile}<ul class="legend">{items}</ul>'


def _floor_note(p: TechniqueProfile) -> str:
    if not p.display_floor:
        return ""
    # the score shown is P(span) × P(technique), so it sits below the floor it passed
    return (
        f"Shown: spans with span probability ≥ {p.display_floor:.2f} (score = span "
        "probability × technique probability)"
    ) + (f"; {p.below_floor} weaker spans not shown." if p.below_floor else ".")


def technique_table(a: Analysis, limit: int | None = 12) -> Table | None:
    p = a.technique_profile
    if p is None or not a.techniques:
        return None
    table = Table(
        title=f"Propaganda techniques: {p.spans} spans, {p.per_100_sentences:.0f} per 100 "
        "sentences",
        box=box.SIMPLE_HEAD,
        title_justify="left",
    )
    table.add_column("Technique", no_wrap=True)
    table.add_column("Score", justify="right")
    table.add_column("Text", ratio=1)
    # one row per wording: "terrorists" ten times is one finding, repeated
    rows: dict[tuple[str, str, bool], list[float]] = {}
    first: dict[tuple[str, str, bool], str] = {}
    for t in sorted(a.techniques, key=lambda t: -t.score):
        key = (t.technique, " ".join(t.text.lower().split()), t.in_comment)
        rows.setdefault(key, []).append(t.score)
        first.setdefault(key, t.text + (f" [comment {t.comment_id}]" if t.in_comment else ""))
    ranked = list(rows.items())
    shown = ranked[:limit] if limit is not None else ranked
    for key, scores in shown:
        times = f" (×{len(scores)})" if len(scores) > 1 else ""
        table.add_row(label(key[0]), f"{scores[0]:.2f}", first[key] + times)
    notes = [_floor_note(p).rstrip(".")] if p.display_floor else []
    notes.append(shown_caption(len(shown), len(ranked), "wordings, highest scores first") or "")
    if p.comment_spans:
        notes.append(f"{p.comment_spans} of the spans are in readers' comments")
    table.caption = "; ".join(n for n in notes if n) or None
    return table
