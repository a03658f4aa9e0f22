"""``presslens_events``: who did what to whom, where and when, in PLOVER categories.

Runs after entities (canonical actors, geocoded places), dates and quotes. Only the title
and article body are read: the comments are readers' opinions, not reports of events.
The parse gives each event-bearing clause (``presslens.events.extract``); this component
joins it to the other layers:

- actor and target → the canonical entity named in (or at the head of) the words;
- place → a geocoded place named in the event's own clause (never a place the article
  merely names elsewhere: inventing an event for every place named is GDELT's failure);
- time → a date expression in the clause, as normalised by the dates layer;
- status → "attributed" (with the attribution's id) when the clause is inside what a
  source said; "plan" / "hypothetical" from modals and conditions.
"""

# No "from __future__ import annotations" here: spaCy 3.7 validates factory signatures
# with pydantic v1, which needs real annotations, not strings.

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from presslens.analyzers.context import DocContext, get_context, register_attributes
from presslens.analyzers.spanindex import SpanIndex
from presslens.events.acled import NO_EVENT, acled_typing
from presslens.events.acled_senses import unrealised
from presslens.events.extract import RawArgument, RawEvent, extract_events
from presslens.events.lexicon import PLOVER_TO_CAMEO
from presslens.events.merge import merge_document_events
from presslens.model import (
    Attribution,
    Casualties,
    Entity,
    Event,
    EventArgument,
    EventPlace,
    EventStatus,
    EventTime,
    Place,
    Span,
    TimeExpression,
)

__all__ = [
    "ASSIGNS",
    "NAME",
    "EventsComponent",
    "article_sentences",
    "build_events",
    "clause_events",
    "make_events",
]

NAME = "presslens.events.v1"
ASSIGNS = ["doc._.presslens_events"]
register_attributes(ASSIGNS)
_TIME_KINDS = frozenset({"date", "interval", "time"})
# Acts whose ACLED typing reads the paragraph: a protest, or demands voiced at one, whose
# outcome ("Police dispersed them.") is told in the next sentence.
_READS_PARAGRAPH = frozenset({"PROTEST", "DEMAND", "ACCUSE", "REJECT"})


def article_sentences(doc: Doc, ctx: DocContext) -> list[tuple[SpacySpan, int, int]]:
    """The parsed sentences of the title and article body, clipped to their paragraph."""
    if not doc.has_annotation("SENT_START"):
        return []
    paragraphs = sorted(ctx.paragraphs or [(0, ctx.body_end or len(doc.text))])
    limit = ctx.body_end or len(doc.text)
    out: list[tuple[SpacySpan, int, int]] = []
    # the paragraphs near each sentence, not all of them: a long article has thousands
    index: SpanIndex[None] = SpanIndex((start, end, None) for start, end in paragraphs)
    for sent in doc.sents:  # one pass: the article comes first, the comments after body_end
        if sent.start_char >= limit:
            break
        near = index.overlapping(sent.start_char, min(sent.end_char, limit))
        for start, end, _ in near:  # in sorted order, as a scan of the sorted list
            lo, hi = max(sent.start_char, start), min(sent.end_char, end, limit)
            if lo < hi and ctx.comment_at(lo) is None:
                out.append((sent, lo, hi))
    return out


class _Layers:
    """The earlier layers' output, indexed for lookups by character offset."""

    def __init__(self, doc: Doc, text: str) -> None:
        self.text = text
        self.entities: list[Entity] = doc._.presslens_entities or []
        self.places: list[Place] = [p for p in doc._.presslens_places or [] if not p.in_comment]
        self.times: list[TimeExpression] = [
            t
            for t in doc._.presslens_times or []
            if not t.in_comment and t.kind in _TIME_KINDS and t.value
        ]
        self.attributions: list[Attribution] = [
            a for a in doc._.presslens_attributions or [] if not a.in_comment
        ]
        self.mentions: list[tuple[int, int, Entity]] = sorted(
            (m.span.start, m.span.end, e)
            for e in self.entities
            for m in e.mentions
            if not m.in_comment
        )
        self._indexes()

    def _indexes(self) -> None:
        # built once per document: every lookup below is then logarithmic, not a scan of
        # the whole layer, so long documents cost linear time
        self._mention_ix: SpanIndex[int] = SpanIndex(
            (s, e, i) for i, (s, e, _) in enumerate(self.mentions)
        )
        self._place_ix: SpanIndex[int] = SpanIndex(
            (p.span.start, p.span.end, i) for i, p in enumerate(self.places)
        )
        self._time_ix: SpanIndex[int] = SpanIndex(
            (t.span.start, t.span.end, i) for i, t in enumerate(self.times)
        )
        self._content_ix: SpanIndex[int] = SpanIndex(
            (c.start, c.end, i) for i, a in enumerate(self.attributions) for c in a.content
        )
        self._cue_ix: SpanIndex[int] = SpanIndex(
            (a.cue.start, a.cue.end, i) for i, a in enumerate(self.attributions) if a.cue
        )

    def entity(self, arg: RawArgument) -> Entity | None:
        inside = [self.mentions[i] for _, _, i in self._mention_ix.within(arg.start, arg.end)]
        inside.sort(key=lambda m: (m[0], m[1]))
        for s, e, ent in inside:  # the head word names it: "the Islamic State"
            if s <= arg.head[0] < e:
                return ent
        if arg.appos is not None:  # "the leader of IS, Abu Bakr al-Baghdadi"
            for s, e, ent in inside:
                if arg.appos[0] <= s and e <= arg.appos[1]:
                    return ent
        # a pronoun or role resolved by the entities layer
        heads = sorted(i for _, _, i in self._mention_ix.containing(arg.head[0], arg.head[0] + 1))
        if heads:
            return self.mentions[heads[0]][2]
        if inside:
            return inside[0][2]
        # "IS terrorists" the parser split: a name just before, only spaces between
        lo = arg.start
        while lo > 0 and self.text[lo - 1].isspace():
            lo -= 1
        before = sorted(
            i
            for _, e, i in self._mention_ix.overlapping(lo - 1, arg.start + 1)
            if lo <= e <= arg.start
        )
        return self.mentions[before[0]][2] if before else None

    def place_in(self, lo: int, hi: int, avoid: list[tuple[int, int]]) -> Place | None:
        for i in sorted(i for _, _, i in self._place_ix.within(lo, hi)):
            p = self.places[i]
            if any(a <= p.span.start < b for a, b in avoid):
                continue
            if p.lat is not None or p.geonameid is not None:
                return p
        return None

    def time_in(self, lo: int, hi: int) -> TimeExpression | None:
        found = [i for _, _, i in self._time_ix.within(lo, hi)]
        return self.times[min(found)] if found else None

    def attribution_at(self, start: int) -> Attribution | None:
        found = [i for _, _, i in self._content_ix.containing(start, start + 1)]
        return self.attributions[min(found)] if found else None

    def attribution_cued(self, start: int, end: int) -> Attribution | None:
        found = [i for _, _, i in self._cue_ix.overlapping(start, end)]
        return self.attributions[min(found)] if found else None


def _argument(text: str, arg: RawArgument | None, layers: _Layers) -> EventArgument | None:
    if arg is None:
        return None
    ent = layers.entity(arg)
    return EventArgument(
        text=text[arg.start : arg.end],
        span=Span(start=arg.start, end=arg.end),
        entity_id=ent.id if ent else None,
        name=ent.name if ent else None,
    )


def _place(p: Place | None) -> EventPlace | None:
    if p is None:
        return None
    return EventPlace(
        text=p.text,
        span=p.span,
        geonames_id=p.geonameid,
        name=p.name,
        country_code=p.country_code,
        lat=p.lat,
        lon=p.lon,
    )


def _place_for(raw: RawEvent, layers: _Layers) -> tuple[Place | None, Place | None]:
    """(place, origin): a MOVE goes to its destination and leaves its origin."""
    if raw.category == "MOVE":
        dest = raw.destination
        orig = raw.origin
        place = layers.place_in(dest.start, dest.end, []) if dest else None
        origin = layers.place_in(orig.start, orig.end, []) if orig else None
        return place, origin
    if raw.statement:
        return None, None  # where a statement was made is not where its subject is
    avoid = [(a.start, a.end) for a in (raw.actor, raw.target) if a is not None]
    for lo, hi in [*raw.regions, *raw.fallback]:
        found = layers.place_in(lo, hi, avoid)
        if found is not None:
            return found, None
    if raw.target is not None:  # "shelled the town of Hama": the target is the place
        return layers.place_in(raw.target.start, raw.target.end, []), None
    return None, None


def _paragraph(ctx: DocContext, text: str, pos: int) -> str:
    for start, end in ctx.paragraphs or [(0, len(text))]:
        if start <= pos < end:
            return text[start:end]
    return text[max(0, pos - 300) : pos + 300]


def _confidence(raw: RawEvent, event: Event) -> float:
    score = raw.weight * 0.7
    score += 0.1 if event.actor else 0.0
    score += 0.05 if event.actor and event.actor.entity_id else 0.0
    score += 0.05 if event.target else 0.0
    score += 0.05 if event.place or event.origin else 0.0
    score += 0.05 if event.time else 0.0
    return round(min(score, 0.99), 3)


def clause_events(doc: Doc, ctx: DocContext, layers: _Layers) -> list[Event]:
    """One event per event-bearing clause, in text order, joined to entities, places,
    dates and quotes."""
    text = layers.text
    raws = [
        raw
        for sent, lo, hi in article_sentences(doc, ctx)
        for raw in extract_events(sent, (lo, hi))
    ]
    out: list[Event] = []
    for raw in raws:
        t0, t1 = raw.trigger
        place, origin = _place_for(raw, layers)
        when = None
        for lo, hi in [*raw.regions, *raw.fallback]:
            when = layers.time_in(lo, hi)
            if when is not None:
                break
        status: EventStatus = raw.status
        attribution = layers.attribution_at(t0)
        if raw.statement:
            cued = layers.attribution_cued(t0, t1)
            if attribution is None or (cued is not None and attribution.id == cued.id):
                attribution = cued
            elif status == "fact":
                status = "attributed"
        elif attribution is not None and status == "fact":
            status = "attributed"
        s0, s1 = raw.sentence
        while s1 > s0 and text[s1 - 1].isspace():
            s1 -= 1
        event = Event(
            id=f"e{len(out) + 1}",
            category=raw.category,
            mode=raw.mode,
            trigger=Span(start=t0, end=t1),
            trigger_text=text[t0:t1],
            actor=_argument(text, raw.actor, layers),
            target=_argument(text, raw.target, layers),
            place=_place(place),
            origin=_place(origin),
            time=(EventTime(text=when.text, span=when.span, value=when.value) if when else None),
            casualties=[
                Casualties(
                    kind=c.kind, count=c.count, who=c.who, span=Span(start=c.start, end=c.end)
                )
                for c in raw.casualties
            ],
            evidence=Span(start=s0, end=s1),
            evidence_text=text[s0:s1].strip(),
            status=status,
            attribution_id=attribution.id if attribution else None,
            confidence=0.0,
            cameo=PLOVER_TO_CAMEO.get(raw.category),
        )
        # a protest's outcome is often told in the next sentence ("Police dispersed the
        # crowd."): its typing reads the paragraph for what the police did
        kind, sub = acled_typing(
            event.category,
            event.mode,
            event.evidence_text,
            event.target.text if event.target else None,
            _paragraph(ctx, text, t0) if raw.category in _READS_PARAGRAPH else None,
            event.trigger_text,
        )
        update: dict[str, object] = {"confidence": _confidence(raw, event)}
        if kind != NO_EVENT and not unrealised(kind, status, text[max(s0, t0 - 60) : t0]):
            update |= {"acled_type": kind, "acled_sub_type": sub}
        out.append(event.model_copy(update=update))
    return out


def build_events(doc: Doc, ctx: DocContext) -> list[Event]:
    """The article's events, one per happening, in order of first mention: clause events
    joined to the other layers, then merged (``presslens.events.merge``)."""
    text = ctx.original_text or doc.text
    layers = _Layers(doc, text)
    return merge_document_events(clause_events(doc, ctx, layers), layers.attributions)


class EventsComponent:
    analyzer = NAME

    def __init__(self, name: str = "presslens_events") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.presslens_events = build_events(doc, get_context(doc))
        return doc


@Language.factory(
    "presslens_events",
    assigns=ASSIGNS,
    requires=[
        "token.dep",
        "doc.sents",
        "doc._.presslens_entities",
        "doc._.presslens_places",
        "doc._.presslens_times",
        "doc._.presslens_attributions",
    ],
)
def make_events(nlp: Language, name: str) -> EventsComponent:
    return EventsComponent(name)
