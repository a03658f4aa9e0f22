"""``presslens_quotes``: who said what, on whose authority, relayed by whom.

Runs after ``presslens_entities``. The relations come from ``attribution.find_attributions``;
this component resolves each source to a canonical entity (names, role descriptions such as
"the Russian Minister", and pronouns, to the person last named), names the channel that
relayed the words, classifies the source (named person, named organisation, role only,
anonymous, vague, none), links a comment that repeats an article quotation to it, and sums
the article's sourcing up.
"""

# No "from __future__ import annotations" here: spaCy 3.7 validates factory signatures
# with pydantic v1, which needs real annotations, not strings.

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Token

from presslens.analyzers.attribution import RawAttribution, find_attributions, shown
from presslens.analyzers.attribution_confidence import vague_cue
from presslens.analyzers.context import (
    DocContext,
    custom_model,
    get_context,
    register_attributes,
)
from presslens.analyzers.cues import cue_frames, cue_lexicon
from presslens.model import Attribution, Entity, SourceClass, SourcingProfile, Span

__all__ = ["ASSIGNS", "NAME", "QuotesComponent", "make_quotes", "sourcing_profile"]

NAME = "presslens.quotes.v1"
ASSIGNS = ["doc._.presslens_attributions", "doc._.presslens_sourcing"]
register_attributes(ASSIGNS)
_CLASSES: tuple[SourceClass, ...] = (
    "named_person",
    "named_organisation",
    "role",
    "anonymous",
    "vague",
    "none",
)
_PERSON_PRONOUNS = frozenset("he she him her his hers".split())
_GROUP_PRONOUNS = frozenset("they them their it its".split())
_ANONYMOUS = frozenset("source sources insider insiders someone somebody person people".split())
_VAGUE_HEADS = frozenset(
    "data reports report information rumours rumors estimates media accounts claims sources"
    " observers experts analysts some many others".split()
)
_VAGUE_DETS = frozenset("some certain unconfirmed various several many unnamed other".split())
_ORG_TYPES = frozenset({"ORG", "GROUP", "GPE", "NORP", "LOC", "FAC", "PRODUCT"})
_NORM = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class _Ref:
    entity: Entity
    form: str
    start: int
    end: int


class _Refs:
    """Entity mentions sorted by start, with the starts kept apart for bisection: every
    lookup is O(log n) plus what it returns, not a scan of all mentions per relation."""

    def __init__(self, refs: list[_Ref]) -> None:
        self.refs = refs
        self.starts = [r.start for r in refs]
        # the document's persons named in full, by surname ("Lopez" → {Maria Lopez})
        self.by_surname: dict[str, dict[str, Entity]] = {}
        for r in refs:
            words = r.entity.name.split()
            if r.entity.type == "PERSON" and len(words) > 1:
                self.by_surname.setdefault(words[-1], {})[r.entity.id] = r.entity

    def within(self, start: int, end: int) -> list[_Ref]:
        lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return [r for r in self.refs[lo:hi] if r.end <= end]

    def before(self, pos: int) -> int:
        """How many mentions start before ``pos``."""
        return bisect_left(self.starts, pos)


# A commenter's own words ("…and blast them", "I think …") are not attributions: in a
# comment only a quotation, or a third party's speech with its words, counts.
_FIRST_SECOND = frozenset("i we you me us my our your".split())


class QuotesComponent:
    analyzer = NAME

    def __init__(self, name: str = "presslens_quotes", model: str | None = None) -> None:
        self.name = name
        self.model = model  # a cue table (``presslens train cues -o FILE``), else the shipped
        custom_model("quotes", model, cue_lexicon)  # a wrong path fails here, not later

    def __call__(self, doc: Doc) -> Doc:
        ctx = get_context(doc)
        text = ctx.original_text or doc.text
        entities: list[Entity] = doc._.presslens_entities or []
        # the tables are cached per argument: the shipped ones are asked for without one
        lexicon, frames = (
            (cue_lexicon(Path(self.model)), cue_frames(Path(self.model)))
            if self.model
            else (cue_lexicon(), cue_frames())
        )
        refs = _Refs(
            sorted(
                (_Ref(e, m.form, m.span.start, m.span.end) for e in entities for m in e.mentions),
                key=lambda r: r.start,
            )
        )
        raws = [
            r
            # rows under the confidence floor are not shown (a wrong quote costs a reader
            # more than a missing one)
            for r in shown(find_attributions(doc, lexicon, text, frames))
            if _one_segment(r, ctx) and _reported_in_comment(r, ctx) and not _product(r, refs, text)
        ]
        out: list[Attribution] = []
        # per segment: where the last source ended, and its speaker (None: a role)
        previous: dict[str | None, tuple[int, Entity | None]] = {}
        for i, raw in enumerate(raws):
            a = _build(f"q{i + 1}", raw, text, refs, ctx, previous)
            out.append(a)
        out = _link_repeats(out)
        doc._.presslens_attributions = out
        doc._.presslens_sourcing = sourcing_profile(out)
        return doc


def _text(text: str, span: tuple[int, int] | None) -> str | None:
    return text[span[0] : span[1]] if span else None


def _one_segment(raw: RawAttribution, ctx: DocContext) -> bool:
    """A relation never spans the article and a comment, or two comments."""
    points = [s for s, _ in raw.content] + [e - 1 for _, e in raw.content]
    for span in (raw.cue, raw.source):
        if span is not None:
            points += [span[0], span[1] - 1]
    segments = {ctx.comment_at(p) for p in points}
    return len(segments) == 1 and not any(ctx.in_author_line(s, e) for s, e in raw.content)


# A product or a model name ("the new MacBook Pro said goodbye to …", "the Galaxy S24
# says a lot about …") is not a speaker, whatever type the tagger gave it: a source must be
# a person, an organisation, a group, a role or a pronoun.
_MODEL_NUMBER = re.compile(r"[A-Z]?\d{1,4}[a-z]?")
_PRODUCT_ENDINGS = frozenset("pro max plus ultra mini".split())


def _product(raw: RawAttribution, refs: _Refs, text: str) -> bool:
    head = raw.source_head
    if raw.source is None or head is None or head.tag_ in ("PRP", "PRP$"):
        return False
    if head.ent_type_ == "PRODUCT":
        return True
    at_head = [r for r in refs.within(*raw.source) if r.start <= head.idx < r.end]
    if at_head:
        if at_head[0].entity.type == "PRODUCT":
            return True
        words = text[at_head[0].start : at_head[0].end].split()
    elif head.tag_.startswith("NNP"):
        words = [t.text for t in head.lefts if t.dep_ == "compound"] + [head.text]
    else:
        return False
    last = words[-1]
    return len(words) >= 2 and (
        bool(_MODEL_NUMBER.fullmatch(last)) or last.lower() in _PRODUCT_ENDINGS
    )


def _reported_in_comment(raw: RawAttribution, ctx: DocContext) -> bool:
    """In a reader's comment, keep a relation only when it reports someone else: a
    quotation, or a cue whose source is a third party (not the commenter, not the reader
    addressed) and whose content is a clause (not the object of the commenter's verb)."""
    if ctx.comment_at(raw.content[0][0]) is None:
        return True
    if raw.kind in ("direct", "mixed"):
        return True
    head = raw.source_head
    if head is None or head.lower_ in _FIRST_SECOND:
        return False
    if head.tag_ in ("PRP", "PRP$") and raw.cue_token is not None:
        return raw.kind == "according_to"
    return "object" not in raw.notes


def _build(
    qid: str,
    raw: RawAttribution,
    text: str,
    refs: _Refs,
    ctx: DocContext,
    previous: dict[str | None, tuple[int, Entity | None]],
) -> Attribution:
    segment = ctx.comment_at(raw.content[0][0])
    speaker, via = _speaker(raw, refs, ctx, segment, previous)
    if raw.source is not None and (speaker is None or speaker.type == "PERSON"):
        previous[segment] = (raw.source[1], speaker)
    channel = None
    if raw.channel is not None:
        inside = refs.within(*raw.channel)
        channel = inside[0].entity if inside else None
    content = [Span(start=s, end=e) for s, e in raw.content]
    return Attribution(
        id=qid,
        kind=raw.kind,  # type: ignore[arg-type,unused-ignore]
        content=content,
        content_text=" … ".join(text[s:e] for s, e in raw.content),
        cue=Span(start=raw.cue[0], end=raw.cue[1]) if raw.cue else None,
        cue_text=text[raw.cue[0] : raw.cue[1]] if raw.cue else None,
        source=Span(start=raw.source[0], end=raw.source[1]) if raw.source else None,
        source_text=text[raw.source[0] : raw.source[1]] if raw.source else None,
        source_class=_classify(raw, speaker, via),
        speaker=speaker.name if speaker else None,
        speaker_id=speaker.id if speaker else None,
        speaker_via=via,  # type: ignore[arg-type,unused-ignore]
        channel=channel.name if channel else _text(text, raw.channel),
        channel_id=channel.id if channel else None,
        channel_span=Span(start=raw.channel[0], end=raw.channel[1]) if raw.channel else None,
        in_comment=segment is not None,
        comment_id=segment,
        confidence=raw.confidence,
    )


def _speaker(
    raw: RawAttribution,
    refs: _Refs,
    ctx: DocContext,
    segment: str | None,
    previous: dict[str | None, tuple[int, Entity | None]],
) -> tuple[Entity | None, str | None]:
    head = raw.source_head
    if raw.source is None or head is None:
        return None, None
    low = head.lower_
    if head.tag_ in ("PRP", "PRP$") and (low in _PERSON_PRONOUNS or low in _GROUP_PRONOUNS):
        return _antecedent(head, refs, ctx, segment, previous, low in _PERSON_PRONOUNS)
    noun = _relative_antecedent(head)
    if noun is not None:
        # "Smith, who said …": the speaker is the noun the relative clause is about, by its
        # own name or the name in apposition to it ("the harbour master, Maria Lopez, who
        # said …"), not another name inside its phrase ("officials at the ministry, who …"
        # are not the ministry)
        named = [
            r
            for r in refs.within(noun.left_edge.idx, head.idx)
            if any(r.start <= t.idx < r.end for t in (noun, *_appositions(noun)))
        ]
        return (named[-1].entity, "relative") if named else (None, None)
    inside = refs.within(*raw.source)
    if not inside:
        # the recogniser often misses a bare surname at a sentence's start ("Lopez, who …,
        # said"): the one person of the document with that surname is the speaker
        owner = _surname_owner(head, refs)
        return (owner, "name") if owner is not None else (None, None)
    at_head = [r for r in inside if r.start <= head.idx < r.end]
    # "official representative of X, Yusuf al-Kulyabi": the name in apposition is the speaker
    appos = [
        r
        for r in inside
        if r.entity.type == "PERSON" and (_is_appos_of(head, r) or r.start > head.idx)
    ]
    picks = at_head or appos
    if not picks:
        return None, None
    pick = picks[0]
    return pick.entity, "role" if pick.form == "role" else "name"


def _relative_antecedent(head: Token) -> Token | None:
    """The noun a relative "who" stands for ("a family friend who spotted …"), if the
    parse links them; only "who": "which" and "that" rarely stand for a speaker."""
    if head.lower_ != "who" or head.head.dep_ != "relcl" or head.head.head is head.head:
        return None
    return head.head.head


def _surname_owner(head: Token, refs: _Refs) -> Entity | None:
    if head.tag_ != "NNP" or not head.text[:1].isupper():
        return None
    owners = refs.by_surname.get(head.text, {})
    return next(iter(owners.values())) if len(owners) == 1 else None


def _appositions(noun: Token) -> list[Token]:
    return [c for c in noun.children if c.dep_ == "appos"]


def _is_appos_of(head: Token, ref: _Ref) -> bool:
    return any(
        c.dep_ == "appos" and c.idx <= ref.start < c.idx + len(c.text) + 40 for c in head.children
    )


def _antecedent(
    pron: Token,
    refs: _Refs,
    ctx: DocContext,
    segment: str | None,
    previous: dict[str | None, tuple[int, Entity | None]],
    person: bool,
) -> tuple[Entity | None, str | None]:
    """The entity a pronoun points back to: the last person (or, for "they"/"it", group)
    mentioned before it in the same article or comment, unless a source named only by its
    role ("a spokesman said …; “…,” the agency quoted him") came later."""
    last = previous.get(segment)
    for k in range(refs.before(pron.idx) - 1, -1, -1):
        r = refs.refs[k]
        if ctx.comment_at(r.start) != segment:
            if segment is not None:
                break  # a comment's antecedents are in the comment; earlier text is not
            continue
        if last is not None and last[1] is None and last[0] > r.end and person:
            return None, "previous"
        if person and r.entity.type == "PERSON":
            return r.entity, "pronoun"
        if not person and r.entity.type in ("ORG", "GROUP", "NORP"):
            return r.entity, "pronoun"
    if person and last is not None:
        return last[1], "previous"
    return None, None


def _classify(raw: RawAttribution, speaker: Entity | None, via: str | None) -> SourceClass:
    head = raw.source_head
    if raw.source is None or head is None:
        return "vague" if vague_cue(raw) else "none"
    if speaker is not None:
        return "named_person" if speaker.type == "PERSON" else "named_organisation"
    if via == "previous":
        return "role"  # a pronoun for a source named only by its role
    head = _relative_antecedent(head) or head  # "a family friend who …" is a role
    low = head.lower_
    dets = {c.lower_ for c in head.children if c.dep_ in ("det", "amod", "nummod")}
    if low in _VAGUE_HEADS and (dets & _VAGUE_DETS or low in ("some", "many", "others")):
        return "vague"
    if low in ("data", "information", "rumours", "rumors"):
        return "vague"
    if low in _ANONYMOUS and not any(c.tag_ == "NNP" for c in head.subtree):
        return "anonymous"
    if head.tag_ in ("PRP", "PRP$"):
        return "none"
    if head.tag_ == "NNP":
        return "named_organisation"
    return "role"


def _norm(text: str) -> str:
    return _NORM.sub(" ", text.casefold()).strip()


def _link_repeats(attributions: list[Attribution]) -> list[Attribution]:
    """A comment quoting an article quotation points at it."""
    article = [(a.id, _norm(a.content_text)) for a in attributions if not a.in_comment]
    out = []
    for a in attributions:
        if a.in_comment:
            mine = _norm(a.content_text)
            hit = next(
                (
                    aid
                    for aid, theirs in article
                    if len(mine) >= 20 and len(theirs) >= 20 and (mine in theirs or theirs in mine)
                ),
                None,
            )
            if hit is not None:
                a = a.model_copy(update={"repeats": hit})
        out.append(a)
    return out


def sourcing_profile(attributions: list[Attribution]) -> SourcingProfile:
    """Counts and shares of source classes over the article's attributions."""
    article = [a for a in attributions if not a.in_comment]
    counts: Counter[SourceClass] = Counter(a.source_class for a in article)
    n = len(article)
    speakers = Counter(a.speaker for a in article if a.speaker)
    return SourcingProfile(
        attributions=n,
        counts={c: counts[c] for c in _CLASSES},
        shares={c: round(counts[c] / n, 3) if n else 0.0 for c in _CLASSES},
        vague=[a.id for a in article if a.source_class == "vague"],
        anonymous=[a.id for a in article if a.source_class == "anonymous"],
        speakers=dict(speakers.most_common()),
    )


@Language.factory(
    "presslens_quotes",
    assigns=ASSIGNS,
    requires=["token.dep", "token.head", "doc._.presslens_entities"],
    default_config={"model": None},
)
def make_quotes(nlp: Language, name: str, model: str | None) -> QuotesComponent:
    """``model``: a cue table (JSON, as ``presslens train cues`` writes), else the shipped."""
    return QuotesComponent(name, model)
