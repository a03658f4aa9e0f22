"""The article page's finding tables: quotations, places, entities, claims, events and
comments, each row linked to its highlight in the text.

A row links to the id its mark carries (``q1``, ``t1``, ``e1``, ``at123`` for the entity
mention starting at character 123, ``c1`` for a comment). A mark can be left out of the text
when it would cross another (HTML cannot nest crossing elements); its row then links to the
paragraph holding it, so no link ever points nowhere. Every piece of text is escaped here.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from html import escape

from markupsafe import Markup

from presslens.model import Analysis, Span
from presslens.render.html import at
from presslens.render.layers import join_names
from presslens.render.quotes import class_label, short, speaker_label
from presslens.render.times import time_value

__all__ = ["anchors_in", "finding_tables"]

_ID = re.compile(r'\sid="([^"]+)"')


def anchors_in(fragments: Sequence[str]) -> set[str]:
    """The element ids present in rendered HTML fragments."""
    return {m.group(1) for f in fragments for m in _ID.finditer(f)}


class _Linker:
    def __init__(self, a: Analysis, present: set[str]) -> None:
        self.present = present
        self.starts = [p.start for p in a.article.paragraphs]

    def paragraph(self, span: Span) -> str | None:
        i = bisect_right(self.starts, span.start)
        return f"p{i}" if i else None

    def __call__(self, anchor: str | None, span: Span, text: str) -> str:
        target = anchor if anchor in self.present else self.paragraph(span)
        if target is None or target not in self.present:
            return escape(text)
        return f'<a href="#{escape(target)}" data-target="{escape(target)}">{escape(text)}</a>'


def _table(tid: str, title: str, heads: Sequence[str], rows: list[str], note: str = "") -> str:
    if not rows:
        return ""
    head = "".join(f"<th>{escape(h)}</th>" for h in heads)
    extra = f'<p class="note">{escape(note)}</p>' if note else ""
    return (
        f'<section class="findings" id="tab-{tid}"><h2>{escape(title)} '
        f'<span class="n">{len(rows)}</span></h2>{extra}<table class="findings-{tid}">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></section>"
    )


def _tr(*cells: str) -> str:
    return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def _quotes(a: Analysis, link: _Linker) -> str:
    rows = [
        _tr(
            link(q.id, q.content[0], q.id),
            escape(speaker_label(q)),
            escape(q.cue_text or "—"),
            escape(short(q.content_text, 140)),
            escape(class_label(q.source_class)),
            escape(q.comment_id or "comment") if q.in_comment else "article",
        )
        for q in a.attributions
    ]
    heads = ("#", "Speaker / source", "Cue", "Said", "Source", "Where")
    return _table("quotes", "Quotations and attributions", heads, rows)


def _places(a: Analysis, link: _Linker) -> str:
    rows = [
        _tr(
            link(at(p.span), p.span, p.text),
            escape(p.name or "unresolved"),
            escape(p.country_code or "—"),
            "—" if p.lat is None or p.lon is None else f"{p.lat:.3f}, {p.lon:.3f}",
            str(p.geonameid) if p.geonameid else "—",
            f"{p.confidence:.2f}",
            "comment" if p.in_comment else "article",
        )
        for p in a.places
    ]
    heads = ("Mention", "Resolved", "Country", "Lat, lon", "GeoNames", "Conf.", "In")
    return _table("places", "Places", heads, rows)


def _entities(a: Analysis, link: _Linker) -> str:
    ranked = sorted(a.entities, key=lambda e: -(e.article_mentions + e.comment_mentions))
    rows = []
    for e in ranked:
        first = e.mentions[0].span if e.mentions else Span(start=0, end=0)
        forms = sorted({m.text for m in e.mentions if m.text != e.name})
        rows.append(
            _tr(
                link(at(first), first, e.name),
                escape(e.type),
                str(e.article_mentions),
                str(e.comment_mentions),
                escape(join_names(forms)),
            )
        )
    heads = ("Entity", "Type", "Article", "Comments", "Also written as")
    return _table("entities", "Entities", heads, rows)


def _claims(a: Analysis, link: _Linker) -> str:
    ranked = sorted(a.claims, key=lambda c: -c.score)
    # the offsets let the page shade each check-worthy sentence in the text (article.js)
    rows = [
        f'<tr data-start="{c.span.start}" data-end="{c.span.end}" '
        f'data-checkworthy="{int(c.checkworthy)}">'
        + _tr(
            f"{c.score:.2f}",
            link(None, c.span, short(c.text, 160)),
            "yes" if c.checkworthy else "no",
            escape(c.speaker or c.source_text or "the outlet (no attribution)"),
        ).removeprefix("<tr>")
        for c in ranked
    ]
    heads = ("Score", "Claim (links to its paragraph)", "Check-worthy", "On whose word")
    return _table("claims", "Claims", heads, rows)


def _events(a: Analysis, link: _Linker) -> str:
    def arg(x: object) -> str:
        name = getattr(x, "name", None) or getattr(x, "text", None)
        return escape(str(name)) if name else "—"

    rows = [
        _tr(
            link(ev.id, ev.trigger, ev.id),
            escape(ev.category + (f"/{ev.mode}" if ev.mode else "")),
            arg(ev.actor),
            arg(ev.target),
            arg(ev.place),
            escape(ev.time.value or ev.time.text) if ev.time else "—",
            escape(ev.status.replace("_", " ")),
        )
        for ev in a.events
    ]
    heads = ("#", "What", "Who", "To whom", "Where", "When", "Status")
    return _table("events", "Events", heads, rows)


def _times(a: Analysis, link: _Linker) -> str:
    rows = [
        _tr(
            link(f"d{t.span.start}", t.span, t.text),
            escape(time_value(t)),
            escape(t.kind),
            "comment" if t.in_comment else "article",
        )
        for t in sorted(a.times, key=lambda t: t.span.start)
    ]
    return _table("dates", "Dates and times", ("Expression", "Normalised", "Kind", "In"), rows)


def _comments(a: Analysis, link: _Linker) -> str:
    assessed = {x.comment_id: x for x in a.comment_analysis}
    rows = []
    for c in a.comments:
        x = assessed.get(c.id)
        rows.append(
            _tr(
                f'<a href="#{escape(c.id)}" data-target="{escape(c.id)}">#{c.index + 1}</a>',
                escape(c.author or "(no name)"),
                escape(", ".join(sorted(set(x.flags))) or "none") if x else "—",
                f"{x.scores.offensive:.2f}" if x else "—",
                escape(short(c.text, 100)),
            )
        )
    heads = ("#", "Author", "Flags", "P(offensive)", "Comment")
    return _table("comments", "Comments", heads, rows)


_SECTIONS: tuple[Callable[[Analysis, _Linker], str], ...] = (
    _quotes,
    _places,
    _entities,
    _claims,
    _events,
    _times,
    _comments,
)


def finding_tables(a: Analysis, present: set[str]) -> Markup:
    """Every finding table of the article page, rows linked to the ids in ``present``."""
    link = _Linker(a, present)
    return Markup("".join(section(a, link) for section in _SECTIONS))
