"""The export tables: one row per finding, with the document it came from and its evidence.

Every table starts with the same three columns (``document_id``, the content hash;
``outlet``; ``published``), and every finding table carries its evidence as ``span_start``,
``span_end`` (character offsets into the analysed text) and ``text`` (the characters the span
points at). Columns are fixed and typed, so a table exported from one document and from a
whole store have the same shape; docs/export.md lists every column and the docs test
checks that it does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from presslens.model import Analysis, Span
from presslens.render.times import time_value

__all__ = ["TABLES", "Column", "Table", "rows_of"]

ColumnType = Literal["string", "int", "float", "bool", "date"]
Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: ColumnType
    doc: str


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    doc: str
    columns: tuple[Column, ...]
    rows: Callable[[Analysis], Iterator[Row]]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


DOCUMENT = (
    Column("document_id", "string", "the document's content hash (sha256 of its text)"),
    Column("outlet", "string", "registered domain of the outlet, else its site name"),
    Column("published", "date", "publication date, when known"),
)
EVIDENCE = (
    Column("span_start", "int", "first character of the evidence in the analysed text"),
    Column("span_end", "int", "one past its last character"),
    Column("text", "string", "the evidence: the characters the span points at"),
)


def _outlet(a: Analysis) -> str | None:
    from presslens.store.rows import outlet_key

    return outlet_key(a)


def _base(a: Analysis) -> Row:
    return {
        "document_id": a.document.content_hash,
        "outlet": _outlet(a),
        "published": a.document.published,
    }


def _evidence(a: Analysis, span: Span) -> Row:
    return {"span_start": span.start, "span_end": span.end, "text": a.span_text(span)}


def _documents(a: Analysis) -> Iterator[Row]:
    d = a.document
    yield _base(a) | {
        "url": d.url,
        "site": d.site,
        "title": a.article.title,
        "author": d.author,
        "source": d.source,
        "words": sum(len(a.span_text(p).split()) for p in a.article.paragraphs),
        "comments": len(a.comments),
        "entities": len(a.entities),
        "places": len(a.places),
        "quotes": len(a.attributions),
        "claims": len(a.claims),
        "techniques": len(a.techniques),
        "events": len(a.events),
    }


def _entities(a: Analysis) -> Iterator[Row]:
    for e in a.entities:
        first = e.mentions[0].span if e.mentions else Span(start=0, end=0)
        yield (
            _base(a)
            | {
                "entity_id": e.id,
                "name": e.name,
                "type": e.type,
                "mentions": len(e.mentions),
                "article_mentions": e.article_mentions,
                "comment_mentions": e.comment_mentions,
                "geonameid": e.place_id,
                "forms": "; ".join(sorted({m.text for m in e.mentions if m.text != e.name})),
            }
            | _evidence(a, first)
        )


def _places(a: Analysis) -> Iterator[Row]:
    for i, p in enumerate(a.places, start=1):
        yield (
            _base(a)
            | {
                "place_n": i,
                "mention": p.text,
                "name": p.name,
                "geonameid": p.geonameid,
                "feature_code": p.feature_code,
                "country_code": p.country_code,
                "country": p.country,
                "admin1": p.admin1,
                "lat": p.lat,
                "lon": p.lon,
                "confidence": p.confidence,
                "in_comment": p.in_comment,
                "reasons": "; ".join(p.reasons),
            }
            | _evidence(a, p.span)
        )


def _quotes(a: Analysis) -> Iterator[Row]:
    for q in a.attributions:
        whole = Span(start=q.content[0].start, end=q.content[-1].end)
        yield (
            _base(a)
            | {
                "quote_id": q.id,
                "kind": q.kind,
                "speaker": q.speaker,
                "speaker_id": q.speaker_id,
                "source_text": q.source_text,
                "source_class": q.source_class,
                "cue": q.cue_text,
                "channel": q.channel,
                "in_comment": q.in_comment,
                "comment_id": q.comment_id,
                "content": q.content_text,
            }
            | _evidence(a, whole)
        )


def _comments(a: Analysis) -> Iterator[Row]:
    assessed = {c.comment_id: c for c in a.comment_analysis}
    for c in a.comments:
        x = assessed.get(c.id)
        yield (
            _base(a)
            | {
                "comment_id": c.id,
                "number": c.index + 1,
                "author": c.author,
                "timestamp": c.timestamp,
                "reply_to": c.reply_to,
                "flags": " ".join(sorted(set(x.flags))) if x else None,
                "offensive": x.scores.offensive if x else None,
                "hate": x.scores.abuse.get("hate") if x else None,
                "links": len(c.links),
            }
            | _evidence(a, c.span)
        )


def _techniques(a: Analysis) -> Iterator[Row]:
    for t in a.techniques:
        yield (
            _base(a)
            | {
                "span_id": t.id,
                "technique": t.technique,
                "score": t.score,
                "in_comment": t.in_comment,
                "comment_id": t.comment_id,
            }
            | _evidence(a, t.span)
        )


def _claims(a: Analysis) -> Iterator[Row]:
    for k in a.claims:
        yield (
            _base(a)
            | {
                "claim_id": k.id,
                "score": k.score,
                "checkworthy": k.checkworthy,
                "speaker": k.speaker,
                "attribution_id": k.attribution_id,
            }
            | _evidence(a, k.span)
        )


def _events(a: Analysis) -> Iterator[Row]:
    for ev in a.events:
        killed = [c.count for c in ev.casualties if c.kind == "killed" and c.count is not None]
        place = ev.place
        yield (
            _base(a)
            | {
                "event_id": ev.id,
                "category": ev.category,
                "mode": ev.mode,
                "status": ev.status,
                "trigger": ev.trigger_text,
                "actor": (ev.actor.name or ev.actor.text) if ev.actor else None,
                "target": (ev.target.name or ev.target.text) if ev.target else None,
                "place": (place.name or place.text) if place else None,
                "geonameid": place.geonames_id if place else None,
                "lat": place.lat if place else None,
                "lon": place.lon if place else None,
                "time": ev.time.value if ev.time else None,
                "killed": sum(killed) if killed else None,
                "confidence": ev.confidence,
            }
            | _evidence(a, ev.evidence)
        )


def _findings(a: Analysis) -> Iterator[Row]:
    """Every layer in one long table: what ``analyze --format csv`` writes."""

    def row(layer: str, fid: str, label: str, score: float | None, span: Span) -> Row:
        return (
            _base(a)
            | {
                "layer": layer,
                "finding_id": fid,
                "label": label,
                "score": score,
            }
            | _evidence(a, span)
        )

    for e in a.entities:
        for m in e.mentions:
            yield row("entity", e.id, e.name, None, m.span)
    for i, p in enumerate(a.places, start=1):
        yield row("place", f"p{i}", p.name or p.text, p.confidence, p.span)
    for t in a.times:
        yield row("time", t.text, time_value(t), None, t.span)  # guesses say so
    for q in a.attributions:
        yield row("quote", q.id, q.speaker or q.source_text or "", None, q.content[0])
    for k in a.claims:
        yield row("claim", k.id, "check-worthy" if k.checkworthy else "claim", k.score, k.span)
    for s in a.techniques:
        yield row("technique", s.id, s.technique, s.score, s.span)
    for ev in a.events:
        yield row("event", ev.id, ev.category, ev.confidence, ev.evidence)
    for x in a.comment_analysis:
        for n, ev_ in enumerate(x.evidence, start=1):
            yield row("comment", f"{x.comment_id}.{n}", ev_.flag, ev_.weight, ev_.span)


def _t(name: str, doc: str, rows: Callable[[Analysis], Iterator[Row]], *cols: Column) -> Table:
    evidence = () if name == "documents" else EVIDENCE
    return Table(name, doc, (*DOCUMENT, *cols, *evidence), rows)


C = Column
# fmt: off
TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        _t(
            "documents",
            "one row per document",
            _documents,
            C("url", "string", "the document's URL"),
            C("site", "string", "site name or host"),
            C("title", "string", "headline"),
            C("author", "string", "byline"),
            C("source", "string", "file, or corpus file and line, it was read from"),
            C("words", "int", "words in the article body"),
            C("comments", "int", "reader comments"),
            C("entities", "int", "entities"),
            C("places", "int", "place mentions"),
            C("quotes", "int", "attributions"),
            C("claims", "int", "claims"),
            C("techniques", "int", "technique spans"),
            C("events", "int", "events"),
        ),
        _t(
            "entities",
            "one row per entity; evidence: its first mention",
            _entities,
            C("entity_id", "string", "'ent:…' or 'geonames:…'"),
            C("name", "string", "canonical name"),
            C("type", "string", "PERSON, ORG, GPE, …"),
            C("mentions", "int", "mentions in all"),
            C("article_mentions", "int", "mentions in the article"),
            C("comment_mentions", "int", "mentions in comments"),
            C("geonameid", "int", "GeoNames id when it is a place"),
            C("forms", "string", "other written forms, '; '-separated"),
        ),
        _t(
            "places",
            "one row per place mention",
            _places,
            C("place_n", "int", "1, 2, … in text order"),
            C("mention", "string", "as written"),
            C("name", "string", "resolved GeoNames name"),
            C("geonameid", "int", "GeoNames id"),
            C("feature_code", "string", "e.g. PPLA"),
            C("country_code", "string", "ISO 3166 alpha-2"),
            C("country", "string", "country"),
            C("admin1", "string", "first-level division"),
            C("lat", "float", "latitude"),
            C("lon", "float", "longitude"),
            C("confidence", "float", "resolver's confidence"),
            C("in_comment", "bool", "mentioned in a comment"),
            C("reasons", "string", "why this place was chosen, '; '-separated"),
        ),
        _t(
            "quotes",
            "one row per attribution; evidence: first to last content span",
            _quotes,
            C("quote_id", "string", "q1, q2, …"),
            C("kind", "string", "direct, indirect, mixed, according_to"),
            C("speaker", "string", "canonical speaker"),
            C("speaker_id", "string", "entity id"),
            C("source_text", "string", "the words naming the source"),
            C("source_class", "string", "named_person, role, anonymous, vague, …"),
            C("cue", "string", "the reporting verb"),
            C("channel", "string", "who relayed it"),
            C("in_comment", "bool", "in a comment"),
            C("comment_id", "string", "which comment"),
            C("content", "string", "what was said (fragments joined)"),
        ),
        _t(
            "comments",
            "one row per reader comment; evidence: the comment",
            _comments,
            C("comment_id", "string", "c1, c2, …"),
            C("number", "int", "1-based position"),
            C("author", "string", "display name"),
            C("timestamp", "string", "the platform's time text as rendered"),
            C("reply_to", "string", "@name addressed"),
            C("flags", "string", "space-separated flags (insult, threat, …)"),
            C("offensive", "float", "P(offensive)"),
            C("hate", "float", "P(hate)"),
            C("links", "int", "links in the comment"),
        ),
        _t(
            "techniques",
            "one row per propaganda technique span",
            _techniques,
            C("span_id", "string", "t1, t2, …"),
            C("technique", "string", "PTC technique"),
            C("score", "float", "model confidence"),
            C("in_comment", "bool", "in a comment"),
            C("comment_id", "string", "which comment"),
        ),
        _t(
            "claims",
            "one row per claim",
            _claims,
            C("claim_id", "string", "k1, k2, …"),
            C("score", "float", "P(check-worthy)"),
            C("checkworthy", "bool", "above the threshold"),
            C("speaker", "string", "who made it"),
            C("attribution_id", "string", "the attribution holding it"),
        ),
        _t(
            "events",
            "one row per event; evidence: the sentence",
            _events,
            C("event_id", "string", "e1, e2, …"),
            C("category", "string", "PLOVER type"),
            C("mode", "string", "finer mode"),
            C("status", "string", "fact, claim, plan, …"),
            C("trigger", "string", "the trigger word"),
            C("actor", "string", "who"),
            C("target", "string", "whom"),
            C("place", "string", "where"),
            C("geonameid", "int", "GeoNames id of the place"),
            C("lat", "float", "latitude"),
            C("lon", "float", "longitude"),
            C("time", "string", "ISO date or interval"),
            C("killed", "int", "people killed, when a number is given"),
            C("confidence", "float", "extractor confidence"),
        ),
        _t(
            "findings",
            "every layer in one long table, one row per finding",
            _findings,
            C("layer", "string", "entity, place, time, quote, claim, technique, event, comment"),
            C("finding_id", "string", "the finding's id in its layer"),
            C("label", "string", "name, date value (a comment's relative date marked as a "
              "guess), technique, category or flag"),
            C("score", "float", "confidence, when the layer has one"),
        ),
    )
}
# fmt: on


def rows_of(table: str, a: Analysis) -> Iterator[Row]:
    """The rows of one table for one analysis, every column present, in column order."""
    t = TABLES[table]
    for row in t.rows(a):
        yield {name: row.get(name) for name in t.names}
