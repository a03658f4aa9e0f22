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
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

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
    "EventPlace",
    "EventStatus",
    "EventTime",
    "Evidence",
    "Link",
    "Mention",
    "Outlet",
    "OutletRating",
    "Place",
    "SourceClass",
    "SourceFormat",
    "Signal",
    "SignalsCard",
    "SourcingProfile",
    "Span",
    "TargetType",
    "TechniqueProfile",
    "TechniqueSpan",
    "ThreadSummary",
    "ThreadTone",
    "TimeExpression",
]

SCHEMA_VERSION = "1.6"

SourceFormat = Literal["text", "html", "jsonl", "csv", "stdin"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Span(_Model):
    """Half-open character range ``[start, end)`` into ``Analysis.text``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before its start {self.start}")
        return self


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
    speaker_via: Literal["name", "role", "pronoun", "previous"] | None = Field(
        default=None, description="how the speaker was found from the source words"
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


class SourcingProfile(_Model):
    """How much of the article rests on which kind of source (article attributions only)."""

    attributions: int
    counts: dict[SourceClass, int]
    shares: dict[SourceClass, float]
    vague: list[str] = Field(description="ids of attributions resting on vague sources")
    anonymous: list[str] = Field(description="ids of attributions resting on anonymous sources")
    speakers: dict[str, int] = Field(description="attributions per speaker, most frequent first")


CommentFlag = Literal[
    "offensive", "insult", "hate", "threat", "incitement", "violent_wish", "conspiracy"
]


TargetType = Literal["individual", "group", "other"]


class Evidence(_Model):
    """Characters that support one finding, and how strongly (logit units for a model's
    evidence, the cue's weight for a rule's)."""

    flag: str
    span: Span
    text: str
    weight: float | None = None
    cue: str | None = Field(default=None, description="the rule or cue that matched")


class CommentScores(_Model):
    """Every score behind a comment's flags, calibrated where they are probabilities."""

    offensive: float = Field(description="P(offensive), OLID level A")
    targeted: float = Field(description="P(targeted insult or threat | offensive), OLID level B")
    target: dict[str, float] = Field(
        description="P(individual / group / other | targeted), OLID level C"
    )
    abuse: dict[str, float] = Field(description="P(hate / offensive / normal), HateXplain scheme")
    violence: float = Field(description="1.0 when a call for violence was found, else 0.0")
    conspiracy: float = Field(description="summed conspiracy-cue weight, 0 to 2; flag at 1")


class CommentAssessment(_Model):
    """What one comment is doing: its flags, the scores behind them and the evidence."""

    comment_id: str
    flags: list[CommentFlag]
    scores: CommentScores
    target_type: TargetType | None = Field(
        description="who a targeted comment aims at, when it is targeted"
    )
    targets: list[str] = Field(
        description="who the flagged words aim at: objects of violent calls, names in the comment"
    )
    narratives: list[str] = Field(description="conspiracy-cue labels found in the comment")
    link_hosts: list[str]
    evidence: list[Evidence]


class Count(_Model):
    name: str
    count: int


class CommenterProfile(_Model):
    """One author's behaviour across the thread (anonymous comments are not profiled)."""

    author: str
    comments: list[str] = Field(description="ids of the author's comments")
    offensive: int
    violent: int = Field(description="comments with a threat, incitement or violent wish")
    hate: int
    conspiracy: int
    share_flagged: float
    narratives: list[str]
    targets: list[str]


class ThreadTone(_Model):
    """The comment section as a whole."""

    comments: int
    flagged: int
    counts: dict[str, int] = Field(description="comments per flag")
    shares: dict[str, float] = Field(description="share of comments per flag")
    temperature: float = Field(
        description="mean per-comment hostility, 0 to 1: the largest of P(offensive), "
        "P(hate) and the violence flag"
    )
    level: Literal["calm", "tense", "hostile"]
    most_targeted: list[Count]
    narratives: list[Count]
    link_hosts: list[Count]


class Claim(_Model):
    """An article sentence scored for check-worthiness (factual, verifiable, of public
    interest), joined to who said it when the quotes layer attributes it."""

    id: str = Field(description="stable within the document: k1, k2, … in text order")
    span: Span
    text: str
    score: float = Field(description="calibrated P(check-worthy), CheckThat! 2024 scheme")
    checkworthy: bool
    evidence: list[Evidence] = Field(description="the words that raised the score")
    attribution_id: str | None = Field(
        default=None, description="the attribution whose content holds this sentence"
    )
    speaker: str | None = None
    source_text: str | None = None


class TechniqueSpan(_Model):
    """A stretch of article text using a propaganda technique (SemEval-2020 Task 11
    scheme), with the model's confidence."""

    id: str = Field(description="stable within the document: t1, t2, … in text order")
    technique: str = Field(description="one of the 14 PTC technique names, e.g. Loaded_Language")
    span: Span
    text: str
    score: float = Field(description="the model's confidence in the span and its technique")
    alternatives: dict[str, float] = Field(
        default_factory=dict, description="other techniques the span may use, with their scores"
    )


class TechniqueProfile(_Model):
    """How much of the article leans on which techniques."""

    spans: int
    counts: dict[str, int] = Field(description="spans per technique, most frequent first")
    sentences: int
    sentences_with_technique: int
    per_100_sentences: float = Field(description="technique spans per 100 article sentences")
    per_1000_words: float
    share_of_text: float = Field(description="share of article characters inside a span")


class OutletRating(_Model):
    """What one open list says about the outlet, in its own words, with its provenance."""

    list: str = Field(description="list id, e.g. idiap-golden-truth, opensources")
    list_name: str
    rating: str = Field(description="the list's own rating, in its own words")
    verdict: Literal["reliable", "mixed", "unreliable"] | None = Field(
        description="the list's verdict mapped to three words; null for a score-only list"
    )
    score: float | None = None
    matched: str = Field(description="the domain key the list rates")
    source: str
    date: str
    licence: str


class Outlet(_Model):
    """The document's outlet and its ratings. Unknown domains are unrated, never guessed."""

    host: str | None
    domain: str | None = Field(description="registered domain: www. and subdomains removed")
    status: Literal["rated", "unrated", "shortener", "unknown"] = Field(
        description="unknown: no URL or site was given; shortener: a link shortener"
    )
    ratings: list[OutletRating]
    verdicts: dict[str, int] = Field(description="how many lists say reliable / mixed / unreliable")
    disagreement: bool = Field(description="some lists say reliable and others unreliable")


class Signal(_Model):
    """One observation about the document that a reader can check, in the style of the W3C
    Credibility Signals drafts: what was seen, why it matters, where, and how to verify."""

    id: str = Field(description="stable name, e.g. outlet_rating, headline_support")
    name: str
    value: str = Field(description="the observation in a few words")
    attention: bool = Field(description="worth a closer look; never a verdict on truth")
    explanation: str
    how_to_check: str
    evidence: list[Evidence] = Field(default_factory=list)
    data: dict[str, float | int | str | None] = Field(
        default_factory=dict, description="the numbers behind the observation"
    )


class SignalsCard(_Model):
    """What presslens observed, summed up; each signal points at its evidence."""

    signals: list[Signal]
    note: str = (
        "Observations, not a verdict: each signal says what was measured and how to check it."
    )


EventStatus = Literal["fact", "attributed", "plan", "hypothetical"]


class EventArgument(_Model):
    """An event's actor or target: the words, and the canonical entity when resolved."""

    text: str
    span: Span
    entity_id: str | None = None
    name: str | None = Field(default=None, description="the entity's canonical name")


class EventPlace(_Model):
    text: str
    span: Span
    geonames_id: int | None = None
    name: str | None = None
    country_code: str | None = None
    lat: float | None = None
    lon: float | None = None


class EventTime(_Model):
    text: str
    span: Span
    value: str | None = Field(description="ISO date or interval from the dates layer, if resolved")


class Casualties(_Model):
    """A count of people killed, injured, or otherwise harmed ("killed twenty civilians")."""

    kind: Literal["killed", "injured", "detained", "displaced", "missing"]
    count: int | None = Field(description="null when the text gives no number ('dozens')")
    who: str | None = Field(default=None, description="e.g. civilians, soldiers")
    span: Span


class Event(_Model):
    """Who did what to whom, where and when, in PLOVER categories, with its evidence."""

    id: str = Field(description="stable within the document: e1, e2, … in text order")
    category: str = Field(description="PLOVER event type, e.g. ASSAULT, MOVE, THREATEN")
    mode: str | None = Field(default=None, description="finer mode where known: airstrike, flee")
    trigger: Span
    trigger_text: str
    actor: EventArgument | None = None
    target: EventArgument | None = None
    place: EventPlace | None = None
    time: EventTime | None = None
    casualties: list[Casualties] = Field(default_factory=list)
    evidence: Span = Field(description="the sentence that says so")
    evidence_text: str
    status: EventStatus = Field(
        description="reported as fact, an attributed claim, a plan, or a hypothetical"
    )
    attribution_id: str | None = Field(
        default=None, description="the attribution carrying an attributed event"
    )
    confidence: float
    cameo: str | None = Field(default=None, description="CAMEO root code, where it maps")


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

    def span_text(self, span: Span) -> str:
        """The characters a span points at."""
        return self.text[span.start : span.end]
