"""Finding attribution relations in a parsed document: cue, source and content spans.

Three readings, in this order:
1. a cue verb from the learned lexicon with a clausal complement ("Lavrov said that …",
   "“…,” Lavrov explained"): content is the complement (the whole quotation when the
   complement lies inside quotation marks), source is the subject;
2. "according to X, …": source is X, content the clause the phrase modifies;
3. a quotation no cue has claimed: attributed to a cue right after it ("“…,” the agency
   quoted his words") or right before it ("She said: “…”"), or, right after an attributed
   quotation in the same paragraph, joined to it as a further fragment.
Offsets are characters of the Doc's text.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from presslens.analyzers.attribution_bounds import bound_contents
from presslens.analyzers.attribution_confidence import (
    ConfidenceModel,
    confidence_model,
    score,
    vague_cue,
)
from presslens.analyzers.attribution_filters import (
    outermost,
    self_quoted,
    speakers_outside,
    spoken,
    title_case_line,
    unvoiced,
    weak_frame,
)
from presslens.analyzers.attribution_frames import FRAME_MIN_RATE, OBJECT_DEPS, frame_cue
from presslens.analyzers.attribution_index import QuoteList
from presslens.analyzers.attribution_phrases import according_to, in_findings
from presslens.analyzers.attribution_quotes import (
    MIN_QUOTE_WORDS,
    colon_lines,
    content_kind,
    cue_outside_content,
    quote_first,
    quote_spans,
    said_lines,
)
from presslens.analyzers.attribution_sources import drop_passive_sources
from presslens.analyzers.attribution_spans import (
    RawAttribution,
    channel,
    complement_span,
    cue_span,
    same_paragraph,
    same_sentence,
    source_span,
    subject,
    subtree_span,
    trimmed,
)
from presslens.analyzers.cues import frame_key, frame_slots

__all__ = ["RawAttribution", "find_attributions", "quote_spans", "shown"]

# A verb takes its object as the content only when it is nearly always a cue (praised,
# urged, blasted), not for "see" or "know" (0.9 against 0.5–1.0 on the tuning fifth;
# precision of this reading, exact, was 0.13 at 0.8).
_OBJECT_CUE_RATE = 0.9
_FRAME_TAGS = ("VB", "NN", "JJ")


# The usable slots of each word form, for the frames table last used: kept across
# documents, since a table is read once per process and the same forms recur.
_USABLE: list[tuple[dict[str, dict[str, float]], dict[str, dict[str, float]]]] = []


def _usable_slots(frames: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    if not _USABLE or _USABLE[0][0] is not frames:
        _USABLE[:] = [(frames, {})]
    return _USABLE[0][1]


def find_attributions(
    doc: Doc,
    cues: dict[str, float],
    text: str | None = None,
    frames: dict[str, dict[str, float]] | None = None,
    confidence: ConfidenceModel | None = None,
) -> list[RawAttribution]:
    """Every relation found, each with its confidence (``confidence``, else the shipped
    model's); ``shown`` keeps the ones a reader is shown."""
    text = text if text is not None else doc.text
    frames = frames or {}
    quotes = QuoteList(
        q
        for q in quote_spans(text)
        if len(text[q[0] : q[1]].split()) >= MIN_QUOTE_WORDS or spoken(text, q)
    )
    found: list[RawAttribution] = []
    used_cues: set[int] = set()
    usable = _usable_slots(frames)
    for tok in doc:
        low = tok.lower_
        if low == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            rel = according_to(doc, tok, text, quotes)
            if rel is not None:
                found.append(rel)
                used_cues.add(tok.i)
            continue
        if low == "in":
            rel = in_findings(doc, tok) if tok.dep_ == "prep" else None
            if rel is not None:
                found.append(rel)
                used_cues.add(tok.i)
            continue
        tag = tok.tag_
        if not tag.startswith(_FRAME_TAGS):
            continue
        slots = usable.get(low)
        if slots is None:
            # only the slots that can pass the threshold, once per word form
            found_slots = frame_slots(frames, low) or {}
            slots = usable[low] = {k: v for k, v in found_slots.items() if v >= FRAME_MIN_RATE}
        framed = bool(slots) and any(frame_key(c) in slots for c in tok.children)
        rel = None
        if tag.startswith("VB") and low in cues:
            rel = _verb_cue(doc, tok, text, quotes, cues, framed)
        if rel is None and framed:
            rel = frame_cue(doc, tok, text, quotes, slots)
        if rel is not None:
            found.append(rel)
            used_cues.add(tok.i)
    quote_first(doc, text, quotes, found, used_cues, cues)
    found.extend(colon_lines(doc, text))
    found.extend(said_lines(doc, text))
    cue_outside_content(text, quotes, found)
    speakers_outside(doc, quotes, found)
    bound_contents(doc, text, found, cues)
    found = outermost(found)
    found = [
        r
        for r in found
        if not unvoiced(r)
        and not weak_frame(r)
        and not self_quoted(r)
        and not title_case_line(text, r)
    ]
    drop_passive_sources(found)
    found.sort(key=lambda r: r.content[0][0])
    score(found, text, cues, confidence or confidence_model())
    return found


def shown(
    found: list[RawAttribution], model: ConfidenceModel | None = None
) -> list[RawAttribution]:
    """The rows at or above the confidence model's display floor (all rows without a
    model): below it a row is more likely wrong than a reader should be asked to check."""
    model = model or confidence_model()
    if model is None:
        return found
    # vague sourcing ("it is believed that …") is shown whatever its confidence: the
    # report's sourcing table rests on it
    return [r for r in found if r.confidence is None or r.confidence >= model.floor or vague_cue(r)]


# What opens an adverbial clause the parser took for a complement before its cue
# ("When asked whether …, he said: “…”", "While his co-defendants …, Santilli made …").
_SUBORDINATORS = frozenset(
    "when while as if although though because since after before until once whereas".split()
)


_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_QUOTE_MARKS = frozenset({"“", "”", '"', "''", "``", "«", "»"})


def _not_said_before(doc: Doc, text: str, span: tuple[int, int], cue: tuple[int, int]) -> bool:
    """A "complement" before its cue that is not what was said: a sentence set off by a
    colon ("Even so, voters under 35 have a tilt: 41% identify with …"), an adverbial
    clause or a lone linking word ("Similarly, Bennett said …")."""
    if ":" in text[span[1] : cue[0]]:
        return True
    first = doc.char_span(span[0], span[0] + 1, alignment_mode="expand")
    if first is None:
        return False
    t = first[0]
    if t.lower_ in _SUBORDINATORS and t.dep_ in ("mark", "advmod", "prep"):
        return True
    if len(text[span[0] : span[1]].split()) < 2:
        return True
    # no finite verb and no quotation: a phrase ("In an NBC News poll released Monday, 50
    # percent chose …"), not a clause someone said
    toks = doc.char_span(span[0], span[1], alignment_mode="expand")
    return toks is not None and not any(t.tag_ in _FINITE or t.text in _QUOTE_MARKS for t in toks)


# What follows "said", "told", "asked" is where, to whom or when ("said in Tel Aviv",
# "told Congress", "says to Santilli on camera"), never what was said; left free, the verb
# can take the quotation next to it (tuning fifth: relations P 0.597 -> 0.601).
_SAYING = frozenset("say says said saying tell tells told telling added adding asked asks".split())


def _object_span(doc: Doc, v: Token) -> tuple[int, int] | None:
    right = [c for c in v.rights if c.dep_ in OBJECT_DEPS]
    if not right or v.lower_ in _SAYING:
        return None
    lo = min(t.i for t in right[0].subtree)
    hi = max(t.i for c in right for t in c.subtree)
    return trimmed(doc, lo, hi)


def _verb_cue(
    doc: Doc,
    v: Token,
    text: str,
    quotes: list[tuple[int, int]],
    cues: dict[str, float],
    framed: bool,
) -> RawAttribution | None:
    comp = next((c for c in v.children if c.dep_ == "ccomp"), None)
    if comp is not None and _small_clause(comp):
        return None
    if comp is None and cues.get(v.lower_, 0.0) >= 0.8:
        comp = _stray_complement(v)
    span: tuple[int, int] | None = None
    if comp is not None:
        span = complement_span(doc, comp)
        more = _joined_complement(doc, v, comp, cues) if span is not None else None
        if (
            span is not None
            and more is not None
            and content_kind(text, quotes, span)[0] != "direct"
        ):
            span = (span[0], max(span[1], more[1]))
    elif v.dep_ == "parataxis" and v.head.tag_.startswith("VB"):
        # "“We will win,” he said" parsed with the quotation's verb as the root
        span = subtree_span(doc, v.head, exclude=v)
    if span is None and framed:
        return None  # a learned frame says what this word takes (``frame_cue``)
    subj = subject(v)
    object_reading = False
    if span is None and subj is not None and cues.get(v.lower_, 0.0) >= _OBJECT_CUE_RATE:
        # "Clinton praised the plan", "voters want change": what the verb takes is the content
        span = _object_span(doc, v)
        object_reading = span is not None
    if span is None:
        return None
    cue = cue_span(v)
    span = same_paragraph(text, span, cue)
    if span is None or (span[1] <= cue[0] and _not_said_before(doc, text, span, cue)):
        return None
    kind, content = content_kind(text, quotes, same_sentence(text, span, cue, quotes))
    if kind == "mixed" and content[1] <= cue[0]:
        kind, content = _quoted_after_colon(text, quotes, kind, content)
    rel = RawAttribution(
        kind=kind,
        content=_around_cue(doc, v, content) if kind != "direct" else [content],
        cue=cue,
        cue_token=v,
        source=source_span(doc, subj) if subj is not None else None,
        source_head=subj,
    )
    if object_reading:
        rel.notes.append("object")
    channel(v, rel)
    return rel


def _quoted_after_colon(
    text: str, quotes: list[tuple[int, int]], kind: str, content: tuple[int, int]
) -> tuple[str, tuple[int, int]]:
    """ "In her speech, Rhimes declared the need for …: “Change the world …,” she said": a
    content before its cue that ends in a quotation opened after a colon is the quotation;
    the words before the colon are the writer's."""
    s, e = content
    for qs, qe in quotes:
        if s < qs and abs(qe - e) <= 1 and text[s:qs].rstrip().endswith(":"):
            return "direct", (qs, qe)
    return kind, content


def _stray_complement(v: Token) -> Token | None:
    """ "told reporters at a news conference that officials began …" (a real page): a
    clause opened by the complementizer "that" (a mark, not a relative pronoun) that the
    parser hung on a noun after the verb is the verb's complement."""
    for c in v.rights:
        if c.dep_ not in ("dobj", "prep", "dative", "npadvmod"):
            continue
        for t in c.subtree:
            if t.dep_ == "relcl" and any(
                k.dep_ == "mark" and k.lower_ == "that" and k.i == t.left_edge.i for k in t.children
            ):
                return t
    return None


def _small_clause(comp: Token) -> bool:
    """ "made the deal a centerpiece", "made the recession longer": a "complement" headed by
    a noun, adjective or adverb with no "that" is a small clause, not what someone said
    (2 of 31 such rows matched a gold relation on the tuning fifth)."""
    return comp.tag_.startswith(("NN", "JJ", "RB")) and not any(
        c.dep_ == "mark" for c in comp.children
    )


def _joined_complement(
    doc: Doc, v: Token, comp: Token, cues: dict[str, float]
) -> tuple[int, int] | None:
    """ "said that X, and that Y", "said that X, but Y did not": a clause the parser
    joined to the cue verb after its complement, opened by "that" or by "but" with a
    subject and no cue of its own, goes on with what was said (a plain ", and he …" was
    tried: as many losses as gains on the tuning fifth)."""
    for c in v.rights:
        if c.dep_ != "conj" or c.i <= comp.right_edge.i or not c.tag_.startswith("VB"):
            continue
        kids = list(c.children)
        that = any(k.dep_ == "mark" and k.lower_ == "that" and k.i < c.i for k in kids)
        own = any(k.dep_ in ("nsubj", "nsubjpass") for k in kids)
        j = c.left_edge.i - 1
        but = j > 0 and doc[j].lower_ in ("but", "while", "although", "though")
        if not (that or (but and own and cues.get(c.lower_, 0.0) < 0.3)):
            return None
        return trimmed(doc, c.left_edge.i, c.right_edge.i)
    return None


def _around_cue(doc: Doc, v: Token, content: tuple[int, int]) -> list[tuple[int, int]]:
    """ "Otherwise, she said, countries may …": a content the cue's clause interrupts is
    the two fragments on either side of it, as annotators mark it."""
    s, e = content
    lo, hi = v.left_edge, v.right_edge
    if not (s < lo.idx and hi.idx + len(hi.text) < e):
        return [content]
    first = doc.char_span(s, s + 1, alignment_mode="expand")
    last = doc.char_span(e - 1, e, alignment_mode="expand")
    if first is None or last is None:
        return [content]
    frags = (trimmed(doc, first.start, lo.i - 1), trimmed(doc, hi.i + 1, last.end - 1))
    return [f for f in frags if f is not None] or [content]
