"""The output schema: the JSON contract between the engine and everything else.

Every span is a pair of character offsets (Python ``str`` indices, end exclusive) into
``Analysis.text``. For plain-text input that is the input itself, decoded, byte for byte
(a leading byte-order mark is dropped); for HTML it is the text presslens extracted from the
page, so the evidence can always be shown and checked against the text we analysed.

The schema is versioned: ``SCHEMA_VERSION`` changes its minor number when fields are added
and its major number when a field changes meaning or disappears.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from presslens.model_base import Evidence, Span, _Model
from presslens.model_layers import (
    Casualties,
    Claim,
    CommentAssessment,
    CommenterProfile,
    CommentFlag,
    CommentScores,
    Count,
    Event,
    EventArgument,
    EventMention,
    EventPlace,
    EventSource,
    EventSourcing,
    EventStatus,
    EventTime,
    Outlet,
    OutletRating,
    Signal,
    SignalsCard,
    TargetType,
    TechniqueProfile,
    TechniqueSpan,
    ThreadTone,
)

__all__ = [
    "SCHEMA_VERSION",
    "Analysis",
    "AnalyzerInfo",
    "Article",
    "Attribution",
    "Casualties",
    "Claim",
    "Comment",
    "CommentAssessment",
    "CommentFlag",
    "CommentScores",
    "CommenterProfile",
    "Count",
    "DocumentInfo",
    "Entity",
    "Event",
    "EventArgument",
    "EventMention",
    "EventPlace",
    "EventSource",
    "EventSourcing",
    "EventStatus",
    "EventTime",
    "Evidence",
    "Link",
    "Mention",
    "Outlet",
    "OutletRating",
    "Place",
    "PlaceCandidate",
    "Signal",
    "SignalsCard",
    "SourceClass",
    "SourceFormat",
    "SourcingProfile",
    "Span",
    "TargetType",
    "TechniqueProfile",
    "TechniqueSpan",
    "ThreadSummary",
    "ThreadTone",
    "TimeExpression",
]

SCHEMA_VERSION = "1.11"

SourceFormat = Literal["text", "html", "jsonl", "csv", "stdin"]


class Link(_Model):
    """A URL found in the text, with the registered host it points at."""

    url: str
    host: str
    span: Span


class Comment(_Model):
    """One reader comment, as recovered from the scrape."""

    id: str = Field(description="stable within the document: c1, c2, … in thread order")
    index: int = Field(ge=0)
    author: str | None = Field(description="display name as rendered, or null when none given")
    author_span: Span | None = None
    timestamp: str | None = Field(
        default=None, description="the platform's time text as rendered ('3 hours ago')"
    )
    reply_to: str | None = Field(
        default=None, description="name addressed with a leading @mention, if any"
    )
    span: Span
    text: str
    links: list[Link] = Field(default_factory=list)
    parent: str | None = Field(
        default=None, description="id of the comment this one is nested under on the page"
    )
    language: str | None = Field(
        default=None,
        description="ISO 639-1 code detected for this comment; the document's when the "
        "comment is too short or the detector unsure; null in a structure-only analysis",
    )
    language_confidence: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description="the detector's normalised probability (not calibrated); null when inherited",
    )


class Article(_Model):
    """The newsroom's part of the document: title and body."""

    title: str | None
    title_span: Span | None
    body_span: Span
    paragraphs: list[Span]
    links: list[Link] = Field(default_factory=list)


class DocumentInfo(_Model):
    """Where the document came from and what is known about it besides its text."""

    source: str = Field(description="path, '-' for stdin, or 'corpus.jsonl:17'")
    source_format: SourceFormat
    content_hash: str = Field(description="sha256 of Analysis.text: the document's identity")
    url: str | None = None
    site: str | None = Field(default=None, description="outlet name or host")
    published: dt.date | None = None
    published_source: Literal["given", "metadata", "none"] = "none"
    author: str | None = None
    language: str = "en"
    language_confidence: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description="the detector's normalised probability for `language` (not calibrated: "
        "on real pages 97% of answers above 0.9999 are right, docs/evaluation.md); null when "
        "not detected (too little text, or structure only)",
    )
    archive: str | None = Field(
        default=None,
        description="the web archive the page was read from (web.archive.org, archive.today); "
        "`url` is then the archived page's own address",
    )


class ThreadSummary(_Model):
    """Counts over the comment thread."""

    comments: int
    with_author: int
    authors: dict[str, int] = Field(description="comments per author name, in first-seen order")
    links: int


class Mention(_Model):
    """One place in the text where an entity is named or referred to."""

    span: Span
    text: str
    in_comment: bool = False
    comment_id: str | None = None
    form: Literal["name", "alias", "adjective", "role", "pronoun"] = "name"


class Entity(_Model):
    """A canonical entity: every mention of the same person, group or place, clustered."""

    id: str = Field(description="stable: 'geonames:ID' for places, else 'ent:' + slug")
    name: str = Field(description="canonical name")
    type: Literal["PERSON", "ORG", "GROUP", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT"]
    mentions: list[Mention]
    article_mentions: int
    comment_mentions: int
    place_id: int | None = Field(default=None, description="GeoNames id when it is a place")
    roles: list[str] = Field(default_factory=list, description="titles seen with the name")
    sources: list[str] = Field(
        default_factory=list, description="what formed it: 'ner', 'alias-table', 'gazetteer', …"
    )


class PlaceCandidate(_Model):
    """A runner-up reading of a place mention, with the ranker's probability for it."""

    geonameid: int
    name: str
    country_code: str | None = None
    feature_code: str | None = None
    lat: float
    lon: float
    probability: float = Field(ge=0.0, le=1.0)


class Place(_Model):
    """A place mention resolved against GeoNames, with the reasons for the choice."""

    span: Span
    text: str
    in_comment: bool = False
    geonameid: int | None
    name: str | None
    feature_class: str | None = None
    feature_code: str | None = None
    country_code: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    population: int | None = None
    confidence: float = Field(ge=0.0, le=1.0)
    reasons: list[str] = Field(default_factory=list)
    entity_id: str | None = None
    uncertain: bool = Field(
        default=False,
        description="confidence below the floor (0.5): the choice is a guess; see candidates",
    )
    candidates: list[PlaceCandidate] = Field(
        default_factory=list, description="the runners-up, shown when the place is uncertain"
    )


class TimeExpression(_Model):
    """A date or time expression, normalised against the publication date when relative."""

    span: Span
    text: str
    in_comment: bool = False
    kind: Literal["date", "interval", "duration", "vague", "time"]
    value: str | None = Field(
        description="ISO date ('2016-10-17'), month ('2016-10'), week ('2016-W42'), interval "
        "('2016-10-17/2016-10-19'), ISO 8601 duration ('P300Y'), or 'PAST_REF'"
    )
    granularity: Literal["decade", "year", "month", "week", "day", "part_of_day", "hour"] | None = (
        None
    )
    part_of_day: str | None = None
    resolved: bool = Field(description="false when relative and no publication date is known")
    relative: bool = Field(description="interpreted against the publication date")


SourceClass = Literal["named_person", "named_organisation", "role", "anonymous", "vague", "none"]


class Attribution(_Model):
    """Who said (or thought, or showed) what: one attribution relation.

    ``content`` may be several fragments: a quotation interrupted by its cue
    (“…,” she said. “…”) is one relation.
    """

    id: str = Field(description="stable within the document: q1, q2, … in text order")
    kind: Literal["direct", "indirect", "mixed", "according_to"] = Field(
        description="direct: the words are in quotation marks; mixed: reported speech with a"
        " quoted phrase in it; according_to: 'according to X, …'"
    )
    content: list[Span] = Field(min_length=1)
    content_text: str
    cue: Span | None = None
    cue_text: str | None = None
    source: Span | None = Field(default=None, description="the words naming the source")
    source_text: str | None = None
    source_class: SourceClass
    speaker: str | None = Field(
        default=None, description="canonical name of the speaker (pronouns and roles resolved)"
    )
    speaker_id: str | None = Field(default=None, description="the speaker's Entity.id")
    speaker_via: Literal["name", "role", "pronoun", "previous", "relative"] | None = Field(
        default=None,
        description="how the speaker was found from the source words ('relative': the noun a "
        "relative 'who' stands for)",
    )
    channel: str | None = Field(
        default=None, description="who relayed the words ('the Interfax news agency quoted')"
    )
    channel_id: str | None = None
    channel_span: Span | None = None
    in_comment: bool = False
    comment_id: str | None = None
    repeats: str | None = Field(
        default=None, description="id of the article attribution a comment repeats"
    )
    confidence: float | None = Field(
        default=None,
        ge=0.0,
        le=1.0,
        description="estimated chance that cue, source and content are all as an annotator"
        " would mark them (a logistic model over the finder's reading, calibrated on"
        " PolNeAR train); rows under the display floor are not reported",
    )


class SourcingProfile(_Model):
    """How much of the article rests on which kind of source (article attributions only)."""

    attributions: int
    counts: dict[SourceClass, int]
    shares: dict[SourceClass, float]
    vague: list[str] = Field(description="ids of attributions resting on vague sources")
    anonymous: list[str] = Field(description="ids of attributions resting on anonymous sources")
    speakers: dict[str, int] = Field(description="attributions per speaker, most frequent first")


class AnalyzerInfo(_Model):
    name: str = Field(description="versioned component name, e.g. presslens.segment.v1")
    version: str


class Analysis(_Model):
    """Everything presslens observed about one document."""

    schema_version: str = SCHEMA_VERSION
    presslens_version: str
    document: DocumentInfo
    text: str
    article: Article
    comments: list[Comment]
    thread: ThreadSummary
    analyzers: list[AnalyzerInfo]
    entities: list[Entity] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    times: list[TimeExpression] = Field(default_factory=list)
    attributions: list[Attribution] = Field(default_factory=list)
    sourcing: SourcingProfile | None = None
    comment_analysis: list[CommentAssessment] = Field(default_factory=list)
    commenters: list[CommenterProfile] = Field(default_factory=list)
    thread_tone: ThreadTone | None = None
    claims: list[Claim] = Field(default_factory=list)
    signals: SignalsCard | None = None
    outlet: Outlet | None = None
    events: list[Event] = Field(default_factory=list)
    techniques: list[TechniqueSpan] = Field(default_factory=list)
    technique_profile: TechniqueProfile | None = None
    warnings: list[str] = Field(default_factory=list)
    not_run: list[str] = Field(
        default_factory=list,
        description="layers skipped and why, e.g. 'presslens.quotes.v1: language de'",
    )

    def span_text(self, span: Span) -> str:
        """The characters a span points at."""
        return self.text[span.start : span.end]
