"""From one ``Analysis`` to the rows of the store's query tables.

Pure functions, the same for both backends. Names used as filter keys (entities, places,
speakers) also get a case-folded ``*_key`` computed here, in Python, so that matching does
not depend on either database's idea of lower case.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from presslens.analysis import SEGMENTER
from presslens.model import Analysis, Event
from presslens.store.aliases import ALIAS_COLUMNS, alias_rows

__all__ = [
    "ANALYSIS_COLUMNS",
    "COLUMNS",
    "DOCUMENT_COLUMNS",
    "DocumentRows",
    "Row",
    "derive",
    "name_key",
    "outlet_key",
]

_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:$|T)")
Row = tuple[Any, ...]


def name_key(name: str | None) -> str | None:
    """The matching key of a name: case-folded, inner whitespace collapsed."""
    if name is None:
        return None
    return " ".join(name.casefold().split()) or None


def outlet_key(analysis: Analysis) -> str | None:
    """The outlet a document is counted under: the registered domain when one is known
    (from the outlet layer, else from the URL or site), else the site name, case-folded."""
    if analysis.outlet is not None and analysis.outlet.domain:
        return analysis.outlet.domain
    info = analysis.document
    from presslens.outlets import registered_domain

    for value in (info.url, info.site):
        if value:
            domain = registered_domain(value)
            if domain:
                return domain
    return name_key(info.site)


def _day(kind: str, value: str | None) -> str | None:
    """The calendar day a date or time expression resolves to, when it names one."""
    if kind not in ("date", "time") or value is None:
        return None
    match = _DAY.match(value)
    if match is None:
        return None
    try:
        return dt.date.fromisoformat(match.group(1)).isoformat()
    except ValueError:
        return None


@dataclass(slots=True)
class DocumentRows:
    """Everything one document adds; query-table rows lack the leading ``doc_id``, and the
    document row its closing ``ingested_at`` (the writer's clock, at commit).

    Plain tuples of text and numbers: an ingest worker derives them beside the analysis and
    sends them instead of the ``Analysis`` (cheaper to pickle, and the single writer only
    inserts)."""

    document: Row
    analysis: Row
    outlet: str | None
    tables: dict[str, list[Row]] = field(default_factory=dict)
    # outlet, comments, first and last day published, rating status, verdicts
    outlet_counts: Row | None = None

    @property
    def content_hash(self) -> str:
        return str(self.document[0])

    @property
    def source(self) -> str:
        return str(self.document[1])


def derive(analysis: Analysis) -> DocumentRows:
    """The rows of one analysis (for either backend)."""
    a = analysis
    info = a.document
    published = info.published.isoformat() if info.published else None
    outlet = outlet_key(a)
    document = (
        info.content_hash,
        info.source,
        info.source_format,
        info.url,
        info.site,
        outlet,
        published,
        a.article.title,
        info.author,
        a.text,
        len(a.comments),
    )
    names = [x.name for x in a.analyzers]
    structure_only = names == [SEGMENTER.name]
    record = (
        a.schema_version,
        a.presslens_version,
        " ".join(names),
        int(structure_only),
        a.model_dump_json(),
    )
    entities: dict[str, Row] = {}
    for e in a.entities:
        # ids are unique per document by contract; a repeat would break the primary key
        entities.setdefault(
            e.id,
            (
                e.id,
                e.name,
                name_key(e.name),
                e.type,
                len(e.mentions),
                e.article_mentions,
                e.comment_mentions,
                e.place_id,
            ),
        )
    flags_by_comment = {c.comment_id: c for c in a.comment_analysis}
    comments: list[Row] = []
    comment_flags: list[Row] = []
    for c in a.comments:
        assessed = flags_by_comment.get(c.id)
        flags = sorted(set(assessed.flags)) if assessed else []
        comments.append(
            (
                c.id,
                c.index,
                c.author,
                c.span.start,
                c.span.end,
                " ".join(flags),
                assessed.scores.offensive if assessed else None,
                assessed.scores.abuse.get("hate") if assessed else None,
            )
        )
        comment_flags.extend((c.id, flag) for flag in flags)
    tables: dict[str, list[Row]] = {
        "entities": list(entities.values()),
        "places": [
            (
                i,
                p.geonameid,
                p.name,
                name_key(p.name or p.text),
                p.text,
                p.country_code,
                p.country,
                p.admin1,
                p.lat,
                p.lon,
                p.confidence,
                int(p.in_comment),
            )
            for i, p in enumerate(a.places)
        ],
        "quotes": _unique(
            (
                q.id,
                q.kind,
                q.speaker,
                name_key(q.speaker),
                q.speaker_id,
                q.source_text,
                q.source_class,
                q.cue_text,
                q.channel,
                int(q.in_comment),
                q.comment_id,
                q.content_text,
            )
            for q in a.attributions
        ),
        "comments": _unique(comments),
        "comment_flags": _unique(comment_flags, width=2),
        "claims": _unique(
            (k.id, k.score, int(k.checkworthy), k.speaker, k.span.start, k.span.end, k.text)
            for k in a.claims
        ),
        "techniques": _unique(
            # the article's rhetoric; comment spans stay in the stored analysis only
            (t.id, t.technique, t.score, t.span.start, t.span.end, t.text)
            for t in a.techniques
            if not t.in_comment
        ),
        "times": [
            (
                i,
                t.text,
                t.kind,
                t.value,
                t.granularity,
                int(t.resolved),
                int(t.relative),
                int(t.in_comment),
                _day(t.kind, t.value),
            )
            for i, t in enumerate(a.times)
        ],
        "events": _unique(_event_row(ev) for ev in a.events),
        "aliases": alias_rows(a),
    }
    counts = None if outlet is None else _outlet_counts(a, outlet)
    return DocumentRows(document, record, outlet, tables, counts)


def _outlet_counts(analysis: Analysis, outlet: str) -> Row:
    published = analysis.document.published
    day = published.isoformat() if published else None
    rating = analysis.outlet
    verdicts = None
    if rating is not None and rating.verdicts:
        verdicts = " ".join(f"{k}={v}" for k, v in sorted(rating.verdicts.items()))
    status = rating.status if rating else None
    return (outlet, len(analysis.comments), day, day, status, verdicts)


def _event_row(ev: Event) -> Row:
    place = ev.place
    killed = [c.count for c in ev.casualties if c.kind == "killed" and c.count is not None]
    return (
        ev.id,
        ev.category,
        ev.mode,
        ev.status,
        ev.actor.name or ev.actor.text if ev.actor else None,
        ev.actor.entity_id if ev.actor else None,
        ev.target.name or ev.target.text if ev.target else None,
        ev.target.entity_id if ev.target else None,
        (place.name or place.text) if place else None,
        place.geonames_id if place else None,
        place.lat if place else None,
        place.lon if place else None,
        _day("date", ev.time.value) if ev.time else None,
        sum(killed) if killed else None,
        ev.confidence,
        ev.evidence.start,
        ev.evidence.end,
        ev.evidence_text,
        ev.model_dump_json(),
    )


def _unique(rows: Any, width: int = 1) -> list[Row]:
    """Rows with a repeated key (the first ``width`` columns) dropped, first kept."""
    seen: set[Row] = set()
    out: list[Row] = []
    for row in rows:
        key = tuple(row[:width])
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out


COLUMNS: dict[str, tuple[str, ...]] = {
    "aliases": ALIAS_COLUMNS,
    "events": (
        "event_id",
        "category",
        "mode",
        "status",
        "actor",
        "actor_id",
        "target",
        "target_id",
        "place",
        "geonameid",
        "lat",
        "lon",
        "day",
        "killed",
        "confidence",
        "span_start",
        "span_end",
        "text",
        "event",
    ),
    "entities": (
        "entity_id",
        "name",
        "name_key",
        "type",
        "mentions",
        "article_mentions",
        "comment_mentions",
        "place_id",
    ),
    "places": (
        "ord",
        "geonameid",
        "name",
        "name_key",
        "mention",
        "country_code",
        "country",
        "admin1",
        "lat",
        "lon",
        "confidence",
        "in_comment",
    ),
    "quotes": (
        "quote_id",
        "kind",
        "speaker",
        "speaker_key",
        "speaker_id",
        "source_text",
        "source_class",
        "cue",
        "channel",
        "in_comment",
        "comment_id",
        "content",
    ),
    "comments": (
        "comment_id",
        "idx",
        "author",
        "span_start",
        "span_end",
        "flags",
        "offensive",
        "hate",
    ),
    "comment_flags": ("comment_id", "flag"),
    "claims": ("claim_id", "score", "checkworthy", "speaker", "span_start", "span_end", "text"),
    "techniques": ("span_id", "technique", "score", "span_start", "span_end", "text"),
    "times": (
        "ord",
        "mention",
        "kind",
        "value",
        "granularity",
        "resolved",
        "relative",
        "in_comment",
        "day",
    ),
}
DOCUMENT_COLUMNS = (
    "content_hash",
    "source",
    "source_format",
    "url",
    "site",
    "outlet",
    "published",
    "title",
    "author",
    "text",
    "comments",
    "ingested_at",
)
ANALYSIS_COLUMNS = (
    "schema_version",
    "presslens_version",
    "analyzers",
    "structure_only",
    "analysis",
)
