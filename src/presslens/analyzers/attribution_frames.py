"""The learned-frame reading of an attribution: a stance, belief, intention or evidence
word ("supported the bill", "accusations of fraud", "is expected to win") whose learned
argument frame (``analyzers.cues``) says which dependent is the content. Split from
``attribution`` (the speech-verb readings), which calls ``frame_cue`` for every word with a
usable slot."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from presslens.analyzers.attribution_quotes import content_kind
from presslens.analyzers.attribution_spans import (
    RawAttribution,
    channel,
    cue_span,
    same_paragraph,
    same_sentence,
    source_span,
    subject,
    subtree_span,
    trimmed,
    without_aside,
)
from presslens.analyzers.cues import frame_key

__all__ = ["FRAME_MIN_RATE", "OBJECT_DEPS", "frame_cue"]

# What a verb's object reading takes (``attribution``), and which frame slots are objects.
OBJECT_DEPS = frozenset({"dobj", "xcomp", "prep", "dative", "oprd", "acomp"})
# A learned frame slot is taken as the content when it is the content this often (tuned on
# the held-out fifth of PolNeAR train, never on dev: 0.45 against 0.35–0.55, with the
# frames shrunk by ``cues.FRAME_PRIOR``).
FRAME_MIN_RATE = 0.45
# What may follow a frame's object inside its content; an adverbial clause ("… as it was
# sailing through the Senate", "… because he was unpopular") is the cue clause's own
# (leaving it out gained 0.007 relations F1 on the tuning fifth).
_TAIL_DEPS = frozenset({"prep", "oprd", "xcomp", "npadvmod", "dative", "acomp"})
_NOUN_TAIL_DEPS = _TAIL_DEPS | {"acl", "advcl"}

# ("tells the paper that …": before a clausal complement the object is the addressee)
_AFTER_OBJECT = frozenset({"prep", "xcomp", "oprd", "acomp"})
# "distanced himself from X", "attack each other for X": the object is the speaker again
_REFLEXIVE = frozenset(
    "myself yourself himself herself itself ourselves yourselves themselves other another".split()
)


_SETTING = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight week"
    " weeks month months year years day days night morning afternoon evening interview"
    " interviews tweet tweets statement statements speech rally rallies debate debates"
    " appearance conference briefing".split()
)


def _when_or_where(c: Token) -> bool:
    """A time or occasion phrase ending a frame's content ("on Sunday", "for years", "in a
    tweet", "during a debate"): when and where the cue's speaker said it, not what."""
    if c.dep_ == "npadvmod":
        return c.lower_ in _SETTING or c.ent_type_ in ("DATE", "TIME")
    if c.dep_ != "prep":
        return False
    obj = next((g for g in c.children if g.dep_ == "pobj"), None)
    return obj is not None and (obj.lower_ in _SETTING or obj.ent_type_ in ("DATE", "TIME"))


def _best_slot(tok: Token, slots: dict[str, float]) -> Token | None:
    """The dependent most often the content of this word, if often enough."""
    best, rate = None, FRAME_MIN_RATE
    for c in tok.children:
        key = frame_key(c)
        if key is not None and slots.get(key, 0.0) >= rate:
            best, rate = c, slots[key]
    return best


def _noun_source(n: Token) -> Token | None:
    """Whose words a cue noun reports: "his accusations", "calls by the party for …"."""
    for c in n.children:
        if c.dep_ == "poss":
            return c
    for c in n.children:
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return None


def frame_cue(
    doc: Doc, tok: Token, text: str, quotes: list[tuple[int, int]], slots: dict[str, float]
) -> RawAttribution | None:
    """A stance, belief, intention or evidence word whose learned frame says which
    dependent is the content: "supported the bill", "would vote for Clinton", "accusations
    of fraud", "reports that …"."""
    slot = _best_slot(tok, slots)
    if slot is None:
        return None
    content_tok = slot
    if slot.dep_ == "prep":
        content_tok = next((c for c in slot.children if c.dep_ in ("pobj", "pcomp")), slot)
        if content_tok is slot:
            return None
    span = subtree_span(doc, content_tok)
    if span is None:
        return None
    obj = next(
        (c for c in tok.children if c.dep_ == "dobj" and tok.i < c.i < slot.i),
        None,
    )
    if obj is not None and slot.dep_ in _AFTER_OBJECT and obj.lower_ not in _REFLEXIVE:
        # "accused the Democrats of scheduling …", "urged Silicon Valley to find …",
        # "calls it the big enchilada": the object the slot is said of is content too
        first = trimmed(doc, obj.left_edge.i, obj.right_edge.i)
        if first is not None:
            span = (first[0], span[1])
    if slot.i > tok.i:
        # "supported stem cell research in the Senate", "described the field as …": what
        # follows the object in the cue's clause belongs to the content
        # ("reports about fighters, fleeing to Raqqa, …": the parser hangs the participle
        # on the report noun)
        deps = _NOUN_TAIL_DEPS if tok.tag_.startswith("NN") else _TAIL_DEPS
        tail = [c for c in tok.rights if c.i > slot.i and c.dep_ in deps]
        while tail and _when_or_where(tail[-1]):
            tail.pop()  # "… his endorsement of Cruz on Sunday", "… in a tweet": the cue's own
        if tail:
            end = trimmed(doc, slot.i, max(t.i for c in tail for t in c.subtree))
            if end is not None:
                span = (span[0], max(span[1], end[1]))
    if slot.i > tok.i:
        span = without_aside(doc, span)
    lo, hi = cue_span(tok)
    if slot.dep_ == "prep" and slot.i > tok.i and slot.i - tok.i <= 2:
        hi = slot.idx + len(slot.text)  # "vote for", "accusations of": the cue keeps its word
    cue = (lo, hi)
    span = same_paragraph(text, span, cue)
    if span is None or span[0] < cue[1] <= span[1] or (span[0] <= cue[0] < span[1]):
        return None
    kind, content = content_kind(text, quotes, same_sentence(text, span, cue, quotes))
    upto = None
    if slot.dep_ == "nsubjpass":
        # "Clinton's attacks were echoed by her campaign": the passive subject is what was
        # said, the agent who said it
        by = next((c for c in tok.children if c.dep_ == "agent"), None)
        subj = next((c for c in by.children if c.dep_ == "pobj"), None) if by else None
    elif tok.tag_.startswith("VB"):
        subj = subject(tok)
        # "officials saying that …" names the speaker; a past participle is passive
        # ("the terminal blamed on a drone": the noun is what was blamed, not who blamed)
        passive = tok.tag_ == "VBN"
        if subj is None and tok.dep_ == "acl" and not passive and tok.head.tag_.startswith("NN"):
            subj, upto = tok.head, tok
        raised = _raised_subject(tok, slot, subj)
        if raised is not None:
            rel = RawAttribution(
                kind=kind, content=[raised, content], cue=cue, cue_token=tok, notes=["raised"]
            )
            rel.notes.append("frame")
            return rel
    elif tok.tag_.startswith("JJ") and tok.dep_ in ("acomp", "amod") and tok.head != tok:
        # "some Democrats are concerned that …": the copula's subject; the cue keeps the verb
        subj = subject(tok.head) if tok.dep_ == "acomp" else None
        if tok.dep_ == "acomp" and tok.head.i < tok.i:
            cue = (cue_span(tok.head)[0], cue[1])
    else:
        subj = _noun_source(tok)
    rel = RawAttribution(
        kind=kind,
        content=[content],
        cue=cue,
        cue_token=tok,
        source=source_span(doc, subj, upto) if subj is not None else None,
        source_head=subj,
    )
    rel.notes.append("frame")
    if slot.dep_ in OBJECT_DEPS:
        rel.notes.append("object")
    channel(tok, rel)
    return rel


# "Sanders seemed to be of two minds", "Rubio and Murphy are expected to win", "he is
# seen as …": the subject is part of what is seemed, expected or seen, and no one is named
# (PolNeAR marks the subject and the complement as the content, with no source).
_RAISING = frozenset("seem seems seemed appear appears appeared".split())


def _raised_subject(tok: Token, slot: Token, subj: Token | None) -> tuple[int, int] | None:
    if subj is None or subj.tag_ in ("PRP", "WP", "WDT", "DT") or slot.i < tok.i:
        return None
    raising = tok.lower_ in _RAISING and slot.dep_ in ("xcomp", "acomp")
    passive = (
        tok.tag_ == "VBN"
        and subj.dep_ == "nsubjpass"
        and slot.dep_ in ("xcomp", "oprd", "prep")
        and (slot.dep_ != "prep" or slot.lower_ == "as")
        and not any(c.dep_ == "agent" for c in tok.children)
    )
    if not (raising or passive) or subj.head != tok:
        return None
    return subtree_span(tok.doc, subj)
