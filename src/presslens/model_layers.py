"""The schema of the analysis layers: the comment section, claims, propaganda techniques,
the outlet, the signals card and events. Re-exported by ``presslens.model``."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from presslens.model_base import Evidence, Span, _Model

__all__ = [
    "Casualties",
    "Claim",
    "CommentAssessment",
    "CommentFlag",
    "CommentScores",
    "CommenterProfile",
    "Count",
    "Event",
    "EventArgument",
    "EventPlace",
    "EventStatus",
    "EventTime",
    "Outlet",
    "OutletRating",
    "Signal",
    "SignalsCard",
    "TargetType",
    "TechniqueProfile",
    "TechniqueSpan",
    "ThreadTone",
]


CommentFlag = Literal[
    "offensive", "insult", "hate", "threat", "incitement", "violent_wish", "conspiracy"
]


TargetType = Literal["individual", "group", "other"]


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
    restates: str | None = Field(
        default=None,
        description="the id of the flagged claim this sentence restates (most of its content "
        "words are there, e.g. a headline its lede repeats): scored, but not flagged twice",
    )


class TechniqueSpan(_Model):
    """A stretch of text using a propaganda technique (SemEval-2020 Task 11 scheme), with
    the model's confidence. Article spans come first; spans in readers' comments follow,
    marked ``in_comment``, and are left out of the article's profile."""

    id: str = Field(description="stable within the document: t1, t2, … in text order")
    technique: str = Field(description="one of the 14 PTC technique names, e.g. Loaded_Language")
    span: Span
    text: str
    score: float = Field(description="the model's confidence in the span and its technique")
    alternatives: dict[str, float] = Field(
        default_factory=dict, description="other techniques the span may use, with their scores"
    )
    in_comment: bool = Field(default=False, description="the span is in a reader's comment")
    comment_id: str | None = Field(default=None, description="the comment holding the span")
    origin: str = Field(
        default="model",
        description="'model': a span of the statistical model; 'lexical': a fixed pattern "
        '("so-called X", scare quotes) whose measured precision reached the floor',
    )
    reason: str | None = Field(
        default=None, description="for a lexical span: the pattern it matched, in words"
    )


class TechniqueProfile(_Model):
    """How much of the article leans on which techniques."""

    spans: int
    distinct_spans: int = Field(
        default=0,
        description="distinct wordings among the article's spans: a label used ten times is "
        "ten spans and one distinct span (each wording has one technique)",
    )
    counts: dict[str, int] = Field(description="spans per technique, most frequent first")
    sentences: int
    sentences_with_technique: int
    per_100_sentences: float = Field(description="technique spans per 100 article sentences")
    per_1000_words: float
    share_of_text: float = Field(description="share of article characters inside a span")
    comment_spans: int = Field(default=0, description="technique spans in readers' comments")
    comment_counts: dict[str, int] = Field(
        default_factory=dict, description="comment spans per technique, most frequent first"
    )
    display_floor: float = Field(
        default=0.0,
        description="span probability below which a decoded span is not reported (chosen "
        "for precision on held-out data); every count here is of reported spans",
    )
    below_floor: int = Field(
        default=0, description="article spans the model decoded below the display floor"
    )


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


class EventMention(_Model):
    """One telling of an event: the clause that reports it, in its sentence."""

    id: str = Field(description="the clause event's own id (e1, e2, … before merging)")
    trigger: Span
    trigger_text: str
    evidence: Span
    evidence_text: str
    status: EventStatus
    attribution_id: str | None = None


class EventSource(_Model):
    """A source an event rests on: the attribution whose words report it."""

    attribution_id: str
    source: str | None = Field(description="the speaker, or the source's words")
    source_class: str = Field(description="named_person, role, vague, … as in attributions")


EventSourcing = Literal[
    "named_person", "named_organisation", "role", "anonymous", "vague", "none", "unsourced"
]


class Event(_Model):
    """Who did what to whom, where and when, in PLOVER categories, with its evidence."""

    id: str = Field(description="stable within the document: e1, e2, … in text order")
    category: str = Field(description="PLOVER event type, e.g. ASSAULT, MOVE, THREATEN")
    mode: str | None = Field(default=None, description="finer mode where known: airstrike, flee")
    trigger: Span
    trigger_text: str
    actor: EventArgument | None = None
    target: EventArgument | None = None
    place: EventPlace | None = Field(
        default=None, description="where it happened; for a MOVE, where it goes"
    )
    origin: EventPlace | None = Field(default=None, description="for a MOVE, where it leaves")
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
    acled_type: str | None = Field(
        default=None, description="ACLED event type (Battles, Protests, …), where it maps"
    )
    acled_sub_type: str | None = Field(
        default=None, description="ACLED sub-event type (Armed clash, Air/drone strike, …)"
    )
    mentions: list[EventMention] = Field(
        default_factory=list,
        description="every telling of this one happening in the document (headline, lead, "
        "a source's words), each with its evidence sentence",
    )
    sources: list[EventSource] = Field(
        default_factory=list, description="the attributions the mentions rest on"
    )
    sourcing: EventSourcing | None = Field(
        default=None,
        description="the best source the event rests on; 'unsourced' when the article "
        "states it as fact without a source",
    )
    time_reason: str | None = Field(
        default=None, description="why the time was taken from elsewhere, when its clause has none"
    )
