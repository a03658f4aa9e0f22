"""What the dashboard's templates show, computed here so templates stay simple.

Anything returned as ``Markup`` was escaped on the way in (the report helpers of
``presslens.render`` escape every piece of text they emit); everything else is a plain
value the templates escape themselves (autoescape is on).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from urllib.parse import urlencode, urlsplit

from markupsafe import Markup

from presslens.model import Analysis
from presslens.propaganda.techniques import label as technique_label
from presslens.render.claims import claims_html
from presslens.render.comments import (
    FLAG_LABELS,
    assessment_by_comment,
    comment_flags_html,
    thread_tone_html,
)
from presslens.render.events import events_html
from presslens.render.html import article_marks, comment_marks, marked_html
from presslens.render.palette import LAYER_STYLES
from presslens.render.signals import signals_html
from presslens.render.techniques import technique_legend_html
from presslens.store import FacetValue
from presslens.store.sqlite import SNIPPET_MARKS
from presslens.web.tables import anchors_in, finding_tables

__all__ = [
    "LAYERS",
    "ArticleView",
    "FacetLink",
    "active_filters",
    "article_view",
    "facet_links",
    "safe_href",
    "snippet_html",
]

# (layer class suffix, label, the mark classes of its legend sample, its shape in words):
# what the article page can toggle; shapes and colours in presslens.render.palette
LAYERS = tuple(
    (key, label, sample, LAYER_STYLES[key].shape)
    for key, label, sample in (
        ("entities", "Entities (who, what, where)", "ent"),
        ("dates", "Dates and times", "time"),
        ("quotes", "Quotations and attributions", "quote"),
        ("techniques", "Propaganda techniques", "tech"),
        ("events", "Events (who did what)", "event"),
        ("comments", "Comment flags (evidence)", "cev"),
        ("links", "Links", "link"),
        ("claims", "Check-worthy claims", "claim-sample"),
    )
)
FILTER_KEYS = (
    "q",
    "outlet",
    "entity",
    "place",
    "technique",
    "speaker",
    "flag",
    "date_from",
    "date_to",
)
_SNIPPET = re.compile(
    f"{SNIPPET_MARKS[0]}([^{SNIPPET_MARKS[0]}{SNIPPET_MARKS[1]}]*){SNIPPET_MARKS[1]}"
)


def safe_href(url: str | None) -> str | None:
    """The URL when it is an absolute http(s) link; None for anything a browser could run
    (``javascript:``, ``data:``) or resolve against this server."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() in ("http", "https") and parts.hostname:
        return url.strip()
    return None


def snippet_html(snippet: str) -> Markup:
    """A search snippet with the matched words in ``<mark>``; everything else escaped."""
    out: list[str] = []
    pos = 0
    for m in _SNIPPET.finditer(snippet):
        out.append(escape(snippet[pos : m.start()]))
        out.append(f"<mark>{escape(m.group(1))}</mark>")
        pos = m.end()
    out.append(escape(snippet[pos:]))
    return Markup("".join(out))


@dataclass(frozen=True, slots=True)
class FacetLink:
    label: str
    count: int
    href: str
    active: bool


def _query(pairs: Sequence[tuple[str, str]]) -> str:
    return "/?" + urlencode(list(pairs)) if pairs else "/"


def facet_links(
    params: Sequence[tuple[str, str]], facets: dict[str, list[FacetValue]]
) -> dict[str, list[FacetLink]]:
    """For each facet value, the search with that value added (or removed if chosen)."""
    kept = [(k, v) for k, v in params if k in FILTER_KEYS and v]
    out: dict[str, list[FacetLink]] = {}
    for facet, values in facets.items():
        links = []
        for fv in values:
            pair = (facet, fv.value)
            active = pair in kept
            pairs = [p for p in kept if p != pair] if active else [*kept, pair]
            label = fv.label
            if facet == "flag":
                label = FLAG_LABELS.get(fv.label, fv.label)
            elif facet == "technique":
                label = technique_label(fv.label)
            if fv.matched:
                label = f"{label} (as “{fv.matched}”)"
            links.append(FacetLink(label, fv.count, _query(pairs), active))
        out[facet] = links
    return out


def active_filters(params: Sequence[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(name, value, href without it) for each filter in the query string but ``q``."""
    kept = [(k, v) for k, v in params if k in FILTER_KEYS and v]
    return [(k, v, _query([p for p in kept if p != (k, v)])) for k, v in kept if k != "q"]


@dataclass(frozen=True, slots=True)
class CommentView:
    id: str
    number: int
    author: str | None
    timestamp: str | None
    flags: Markup
    body: Markup


@dataclass(frozen=True, slots=True)
class ArticleView:
    a: Analysis
    title: str
    outlet: str | None
    published: dt.date | None
    url: str | None
    href: str | None  # the URL only when it is safe to link
    paragraphs: list[Markup]
    paragraph_starts: list[int]  # where each paragraph starts in the text: claims map onto it
    comments: list[CommentView]
    layer_counts: dict[str, int]
    signals: Markup
    techniques: Markup
    events: Markup
    claims: Markup
    tone: Markup
    tables: Markup


def _layer_counts(a: Analysis) -> dict[str, int]:
    return {
        "entities": sum(len(e.mentions) for e in a.entities),
        "dates": len(a.times),
        "quotes": len(a.attributions),
        "techniques": len(a.techniques),
        "events": len(a.events),
        "comments": sum(len(x.evidence) for x in a.comment_analysis),
        "links": len(a.article.links) + sum(len(c.links) for c in a.comments),
        "claims": sum(c.checkworthy for c in a.claims),
    }


def article_view(a: Analysis, outlet: str | None) -> ArticleView:
    marks = article_marks(a)
    assessed = assessment_by_comment(a)
    comments = [
        CommentView(
            id=c.id,
            number=c.index + 1,
            author=c.author,
            timestamp=c.timestamp,
            flags=Markup(comment_flags_html(assessed.get(c.id))),
            body=Markup(marked_html(a.text, c.span.start, c.span.end, comment_marks(a, c))),
        )
        for c in a.comments
    ]
    d = a.document
    paragraphs = [Markup(marked_html(a.text, p.start, p.end, marks)) for p in a.article.paragraphs]
    present = anchors_in([*paragraphs, *(c.body for c in comments)])
    present |= {f"p{i}" for i in range(1, len(paragraphs) + 1)} | {c.id for c in comments}
    return ArticleView(
        a=a,
        title=a.article.title or "(untitled)",
        outlet=outlet,
        published=d.published,
        url=d.url,
        href=safe_href(d.url),
        paragraphs=paragraphs,
        paragraph_starts=[p.start for p in a.article.paragraphs],
        comments=comments,
        layer_counts=_layer_counts(a),
        signals=Markup(signals_html(a)),
        techniques=Markup(technique_legend_html(a)),
        events=Markup(events_html(a)),
        claims=Markup(claims_html(a)),
        tone=Markup(thread_tone_html(a)),
        tables=finding_tables(a, present),
    )
