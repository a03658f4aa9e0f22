"""A standalone HTML report: one file, inline CSS, no scripts, every piece of text escaped.

The page forbids scripts with a Content-Security-Policy as a second line of defence: article
and comment text is hostile input, and it is escaped before it reaches the page anyway.
"""

from __future__ import annotations

from bisect import insort
from dataclasses import dataclass, field
from html import escape

from presslens.model import Analysis, Attribution, Comment, CommentAssessment, Link, Span
from presslens.propaganda.techniques import label as technique_label
from presslens.render.claims import claims_html
from presslens.render.comments import (
    assessment_by_comment,
    comment_flags_html,
    evidence_title,
    thread_tone_html,
)
from presslens.render.events import events_html
from presslens.render.palette import legend_html
from presslens.render.quotes import (
    SOURCE_CLASSES,
    class_label,
    inferred_from,
    quote_title,
    short,
    sourcing_flags,
    speaker_label,
)
from presslens.render.signals import signals_html
from presslens.render.techniques import technique_css, technique_legend_html, technique_slug
from presslens.render.times import time_value

__all__ = ["Mark", "article_marks", "at", "comment_marks", "marked_html", "render_html"]

_CSS = """
body{font:16px/1.55 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;
color:#1d1d1f;background:#fff}
h1{font-size:1.6rem;line-height:1.25}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px
solid #ddd;padding-bottom:.2rem}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;font-size:.9rem;
color:#444}dl.meta dt{font-weight:600}
.comment{border-left:3px solid #c9c9d1;padding:.2rem .8rem;margin:1rem 0}
.comment header{font-size:.85rem;color:#555}.comment .author{font-weight:600;color:#6b2fa3}
.noname{font-style:italic;color:#888}
.via,.flag{color:#777;font-size:.85em}ul.flags{font-size:.9rem}
table{border-collapse:collapse;font-size:.9rem;margin:.5rem 0}td,th{border-bottom:1px solid #eee;
padding:.2rem .6rem;text-align:left}
.cflags{font-size:.8rem;margin:.2rem 0}.cflags .scores{color:#666;margin-left:.4rem}
.cflag{display:inline-block;border-radius:3px;padding:0 .35rem;margin-right:.25rem;
background:#eee}.cflag-offensive,.cflag-insult,.cflag-hate{background:#ffd7d7}
.cflag-threat,.cflag-incitement,.cflag-violent_wish{background:#c0392b;color:#fff}
.cflag-conspiracy{background:#e5d4ff}
.card ul{padding-left:1.1rem}.signal{margin:.4rem 0}.signal.attention b{color:#b03a2e}
.signal .why{font-size:.85rem;color:#555}.sig-ev{font-size:.85rem;color:#444}.note{color:#666;
font-size:.85rem}
ul.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3rem 1rem;font-size:.85rem}
.sw{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:middle}
footer{margin-top:3rem;font-size:.8rem;color:#777}
.ttag{font-size:.75em;font-weight:600;color:#005a9e;margin-right:.3rem}
"""


@dataclass(frozen=True, slots=True)
class Mark:
    """A highlighted span: CSS class and a hover title (both escaped on output).

    An ``outer`` mark (a quotation) may contain other marks; the rest may not contain or
    cross anything. ``anchor`` becomes the element id where the mark starts, so tables can
    link to it.
    """

    span: Span
    css: str
    title: str
    outer: bool = False
    anchor: str | None = None


@dataclass(slots=True)
class _Node:
    start: int
    end: int
    mark: Mark
    children: list[_Node] = field(default_factory=list)


def _place(siblings: list[_Node], node: _Node) -> None:
    """Put ``node`` into a forest of disjoint spans, inside an outer mark that wholly contains
    it, or nowhere: a mark that would cross another cannot be well-formed HTML, and what it
    shows is in the tables anyway."""
    hits = [n for n in siblings if n.start < node.end and node.start < n.end]
    if not hits:
        insort(siblings, node, key=lambda n: n.start)
        return
    host = hits[0]
    inside = host.start <= node.start and node.end <= host.end
    # two quotations over the same words would only nest a mark in its twin: keep the first
    twin = node.mark.outer and (host.start, host.end) == (node.start, node.end)
    if len(hits) == 1 and host.mark.outer and inside and not twin:
        _place(host.children, node)


def _text_html(text: str) -> str:
    return escape(text).replace("\n", "<br>\n")


def _attr(value: str) -> str:
    # scraped names and source words can carry line breaks; a hover title reads as one line
    return escape(" ".join(value.split()))


def _emit(text: str, start: int, end: int, nodes: list[_Node], out: list[str]) -> None:
    pos = start
    for n in nodes:
        out.append(_text_html(text[pos : n.start]))
        m = n.mark
        anchor = f' id="{_attr(m.anchor)}"' if m.anchor and n.start == m.span.start else ""
        out.append(f'<mark class="{_attr(m.css)}"{anchor} title="{_attr(m.title)}">')
        _emit(text, n.start, n.end, n.children, out)
        out.append("</mark>")
        pos = n.end
    out.append(_text_html(text[pos:end]))


def marked_html(text: str, start: int, end: int, marks: list[Mark]) -> str:
    """Escape ``text[start:end]``, wrapping the marks inside it in ``<mark>``.

    Marks are clipped to the range (a quotation may run over several paragraphs). Outer
    marks are placed first so an entity inside a quotation nests in it rather than blocking
    it; among the rest the earlier and longer mark wins.
    """
    roots: list[_Node] = []
    for m in sorted(marks, key=lambda m: (not m.outer, m.span.start, -m.span.end)):
        s, e = max(m.span.start, start), min(m.span.end, end)
        if s < e:
            _place(roots, _Node(s, e, m))
    out: list[str] = []
    _emit(text, start, end, roots, out)
    return "".join(out)


def at(span: Span) -> str:
    """The element id of the entity mark starting where ``span`` starts."""
    return f"at{span.start}"


def _link_marks(links: list[Link]) -> list[Mark]:
    return [Mark(ln.span, "link", f"link to {ln.host}") for ln in links]


def _layer_marks(a: Analysis) -> list[Mark]:
    places = {p.span.start: p for p in a.places}
    marks: list[Mark] = []
    for e in a.entities:
        for m in e.mentions:
            hover = f"{e.name} ({e.type}, {e.id})"
            p = places.get(m.span.start)
            if p is not None and p.lat is not None:
                hover += f" · {p.lat:.3f}, {p.lon:.3f} · confidence {p.confidence:.2f}"
            marks.append(Mark(m.span, f"ent ent-{e.type} layer-entities", hover, anchor=at(m.span)))
    for t in a.times:
        marks.append(
            Mark(
                t.span, "time layer-dates", f"{t.kind}: {time_value(t)}", anchor=f"d{t.span.start}"
            )
        )
    return marks


def _technique_marks(a: Analysis) -> list[Mark]:
    return [
        Mark(
            t.span,
            f"tech tech-{technique_slug(t.technique)} layer-techniques",
            f"{technique_label(t.technique)} · score {t.score:.2f}",
            outer=True,
            anchor=t.id,
        )
        for t in a.techniques
    ]


def _event_marks(a: Analysis) -> list[Mark]:
    """The word that carries each event (its trigger), with the event on hover."""
    marks = []
    for ev in a.events:
        what = ev.category + (f"/{ev.mode}" if ev.mode else "")
        who = ev.actor.name or ev.actor.text if ev.actor else "?"
        whom = f" → {ev.target.name or ev.target.text}" if ev.target else ""
        where = f" · {ev.place.name or ev.place.text}" if ev.place else ""
        when = f" · {ev.time.value}" if ev.time and ev.time.value else ""
        hover = f"{ev.id} {what}: {who}{whom}{where}{when} · {ev.status}"
        marks.append(Mark(ev.trigger, "event layer-events", hover, anchor=ev.id))
    return marks


def article_marks(a: Analysis) -> list[Mark]:
    """Every layer's marks over the article, each tagged ``layer-<name>`` so a page can
    show or hide a layer with one class."""
    return [
        *_link_marks(a.article.links),
        *_layer_marks(a),
        *_quote_marks(a),
        *_technique_marks(a),
        *_event_marks(a),
    ]


def comment_marks(a: Analysis, c: Comment) -> list[Mark]:
    return [
        *_link_marks(c.links),
        *_layer_marks(a),
        *_quote_marks(a),
        *_technique_marks(a),
        *_flag_marks(a),
    ]


def _quote_marks(a: Analysis) -> list[Mark]:
    return [
        Mark(
            span,
            f"quote src-{q.source_class} layer-quotes",
            quote_title(q),
            outer=True,
            anchor=q.id if i == 0 else None,
        )
        for q in a.attributions
        for i, span in enumerate(q.content)
    ]


def _ref(anchor: str) -> str:
    return f'<a href="#{escape(anchor)}">{escape(anchor)}</a>'


def _quote_row(q: Attribution) -> str:
    speaker = escape(speaker_label(q))
    if words := inferred_from(q):
        speaker += f' <span class="via">({escape(words)})</span>'
    where = _ref(q.comment_id) if q.in_comment and q.comment_id else "article"
    if q.in_comment and not q.comment_id:
        where = "comment"
    if q.repeats:
        where += f" · repeats {_ref(q.repeats)}"
    return (
        f"<tr><td>{_ref(q.id)}</td><td>{speaker}</td><td>{escape(q.cue_text or '—')}</td>"
        f"<td>{escape(short(q.content_text))}</td><td>{escape(q.kind.replace('_', ' '))}</td>"
        f"<td>{escape(q.channel or '—')}</td><td>{where}</td>"
        f"<td>{escape(class_label(q.source_class))}</td></tr>"
    )


def _quote_tables(a: Analysis) -> str:
    out: list[str] = []
    if a.attributions:
        out.append(
            "<h2>Who said what</h2><table><tr><th>Id</th><th>Speaker</th><th>Cue</th>"
            "<th>Said</th><th>Kind</th><th>Channel</th><th>Where</th><th>Source</th></tr>"
            f"{''.join(_quote_row(q) for q in a.attributions)}</table>"
        )
    s = a.sourcing
    if s is None:
        return "\n".join(out)
    top = ", ".join(f"{escape(n)} ×{k}" for n, k in list(s.speakers.items())[:8])
    rows = "".join(
        f"<tr><td>{escape(class_label(c))}</td><td>{s.counts.get(c, 0)}</td>"
        f"<td>{s.shares.get(c, 0.0):.0%}</td></tr>"
        for c in SOURCE_CLASSES
        if s.counts.get(c) or s.shares.get(c)
    )
    flags = "".join(
        f'<li><span class="flag">{kind} source</span> {_ref(qid)}: '
        + (
            f"{escape(q.source_text or '(no source words)')}: {escape(short(q.content_text, 80))}"
            if q
            else "(not in the attribution list)"
        )
        + "</li>"
        for kind, qid, q in sourcing_flags(a)
    )
    out.append(
        f"<h2>Sourcing</h2><p>{s.attributions} article attributions"
        f"{f'; most quoted: {top}' if top else ''}.</p><table><tr><th>Source class</th>"
        f"<th>Count</th><th>Share</th></tr>{rows}</table>"
        + (f'<ul class="flags">{flags}</ul>' if flags else "")
    )
    return "\n".join(out)


def _tables(a: Analysis) -> str:
    out: list[str] = []
    if a.entities:
        rows = "".join(
            f"<tr><td>{escape(e.name)}</td><td>{escape(e.type)}</td><td>{e.article_mentions}"
            f"</td><td>{e.comment_mentions}</td><td>{escape(e.id)}</td></tr>"
            for e in sorted(a.entities, key=lambda e: -(e.article_mentions + e.comment_mentions))
        )
        out.append(
            "<h2>Who and what is mentioned</h2><table><tr><th>Entity</th><th>Type</th>"
            f"<th>Article</th><th>Comments</th><th>Id</th></tr>{rows}</table>"
        )
    if a.places:
        rows = "".join(
            f"<tr><td>{escape(p.text)}</td><td>{escape(p.name or 'unresolved')}</td>"
            f"<td>{escape(p.country_code or '')}</td><td>"
            f"{'' if p.lat is None or p.lon is None else f'{p.lat:.3f}, {p.lon:.3f}'}</td>"
            f"<td>{p.geonameid or ''}</td><td>{p.confidence:.2f}</td>"
            f"<td>{escape('; '.join(p.reasons))}</td></tr>"
            for p in a.places
        )
        out.append(
            "<h2>Places</h2><table><tr><th>Mention</th><th>Resolved</th><th>Country</th>"
            f"<th>Lat, lon</th><th>GeoNames</th><th>Conf.</th><th>Why</th></tr>{rows}"
            "</table>"
        )
    if a.times:
        rows = "".join(
            f"<tr><td>{escape(t.text)}</td><td>{escape(time_value(t))}</td>"
            f"<td>{escape(t.kind)}</td><td>{'comment' if t.in_comment else 'article'}</td></tr>"
            for t in sorted(a.times, key=lambda t: (t.value or "~", t.span.start))
        )
        out.append(
            "<h2>When</h2><table><tr><th>Expression</th><th>Normalised</th><th>Kind</th>"
            f"<th>In</th></tr>{rows}</table>"
        )
    return "\n".join(out)


def _flag_marks(a: Analysis) -> list[Mark]:
    return [
        Mark(e.span, f"cev cev-{e.flag} layer-comments", evidence_title(e))
        for x in a.comment_analysis
        for e in x.evidence
    ]


def _comment(
    a: Analysis, c: Comment, marks: list[Mark], assessed: dict[str, CommentAssessment]
) -> str:
    author = (
        f'<span class="author">{escape(c.author)}</span>'
        if c.author
        else '<span class="noname">no name given</span>'
    )
    stamp = f" · {escape(c.timestamp)}" if c.timestamp else ""
    body = marked_html(a.text, c.span.start, c.span.end, marks)
    return (
        f'<article class="comment" id="{escape(c.id)}"><header>#{c.index + 1} {author}{stamp}'
        f"</header>{comment_flags_html(assessed.get(c.id))}<p>{body}</p></article>"
    )


def render_html(a: Analysis) -> str:
    d = a.document
    title = escape(a.article.title or "(untitled)")
    meta = [
        ("Outlet", d.site or "unknown"),
        ("Published", d.published.isoformat() if d.published else "unknown"),
        ("URL", d.url or "none given"),
        ("Source", f"{d.source} ({d.source_format})"),
        ("Identity", f"sha256:{d.content_hash}"),
    ]
    marks = article_marks(a)
    paragraphs = "\n".join(
        f"<p>{marked_html(a.text, p.start, p.end, marks)}</p>" for p in a.article.paragraphs
    )
    authors = ", ".join(f"{escape(n)} ×{k}" for n, k in a.thread.authors.items()) or "none named"
    assessed = assessment_by_comment(a)

    thread = (
        "\n".join(_comment(a, c, comment_marks(a, c), assessed) for c in a.comments)
        or "<p>No comment thread found.</p>"
    )
    analyzers = ", ".join(escape(x.name) for x in a.analyzers)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} — presslens report</title><style>{_CSS}{technique_css()}</style></head>
<body>
<h1>{title}</h1>
<dl class="meta">{"".join(f"<dt>{k}</dt><dd>{escape(v)}</dd>" for k, v in meta)}</dl>
{signals_html(a)}
<h2>Article</h2>
{legend_html()}
{paragraphs}
{technique_legend_html(a)}
{_tables(a)}
{_quote_tables(a)}
{claims_html(a)}
{events_html(a)}
{thread_tone_html(a)}
<h2>Comment thread — {a.thread.comments} comments, {a.thread.with_author} with an author
({authors})</h2>
{thread}
<footer>presslens {escape(a.presslens_version)} · schema {escape(a.schema_version)} ·
analysers: {analyzers}</footer>
</body></html>
"""
