"""The spans of an attribution relation as annotators mark them: the relation record, the
words of a subject, a complement, a cue, and the climb from a cue verb to its subject.
Offsets are characters of the Doc's text."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

__all__ = [
    "TRIM",
    "RawAttribution",
    "channel",
    "complement_span",
    "cue_span",
    "same_paragraph",
    "same_sentence",
    "source_span",
    "subject",
    "subtree_span",
    "trimmed",
    "under",
    "without_aside",
]

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_CLIMB = frozenset({"xcomp", "conj", "advcl"})
TRIM = frozenset(",.;:—–-")
_ASIDE = frozenset({",", "—", "–", "--"})
_RELATIVE = frozenset({"WP", "WDT", "WP$", "WRB"})
_DASHES = frozenset({"—", "–", "--", "-"})
_FOCUS = frozenset({"even", "only", "also", "just", "both", "not"})


@dataclass(slots=True)
class RawAttribution:
    kind: str
    content: list[tuple[int, int]]
    cue: tuple[int, int] | None = None
    source: tuple[int, int] | None = None
    cue_token: Token | None = None
    source_head: Token | None = None
    channel: tuple[int, int] | None = None
    channel_head: Token | None = None
    speaker_token: Token | None = None  # "his" in "quoted his words"
    paragraph: int = 0
    notes: list[str] = field(default_factory=list)
    # the chance the row is right (``attribution_confidence``); None without a model
    confidence: float | None = None


def trimmed(doc: Doc, lo: int, hi: int) -> tuple[int, int] | None:
    """Characters of tokens lo..hi (inclusive) without edge punctuation."""
    while lo <= hi and (doc[lo].text in TRIM or doc[lo].is_space):
        lo += 1
    while hi >= lo and (doc[hi].text in TRIM or doc[hi].is_space):
        hi -= 1
    if hi < lo:
        return None
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


def subtree_span(doc: Doc, tok: Token, exclude: Token | None = None) -> tuple[int, int] | None:
    idx = [t.i for t in tok.subtree if exclude is None or not under(t, exclude)]
    if not idx:
        return None
    return trimmed(doc, min(idx), max(idx))


def complement_span(doc: Doc, comp: Token) -> tuple[int, int] | None:
    """A clausal complement's words as annotators mark them: from its "that" (adjuncts
    the parser hung before it belong to the cue's clause: "said on Friday that …"),
    without a dangling "and" (cutting at a dash that opens an aside was tried: it cost
    more than it gained on the tuning fifth)."""
    lo, hi = comp.left_edge.i, comp.right_edge.i
    mark = next((c for c in comp.children if c.dep_ == "mark" and c.i < comp.i), None)
    if mark is not None and mark.lower_ in ("that", "whether", "if") and mark.i > lo:
        lo = mark.i
    lo = _without_opener(doc, comp, lo)
    if any(c.dep_ in _SUBJECTS for c in comp.children):
        # "said that he will try … and insisted that …": a verb joined to the complement
        # without a subject of its own while the complement has one is the cue's second
        # verb, hung on the complement by the parser
        for c in comp.rights:
            if c.dep_ == "conj" and c.tag_.startswith("VB") and _own_clause(c):
                hi = min(hi, c.left_edge.i - 1)
                break
    hi = _without_last_aside(doc, lo, hi)
    while hi > lo and (doc[hi].dep_ == "cc" or doc[hi].text in TRIM or doc[hi].is_space):
        hi -= 1
    return trimmed(doc, lo, hi)


def _without_opener(doc: Doc, comp: Token, lo: int) -> int:
    """A complement before its cue starts after a conjunction or a one-word linking
    adverb that ties it to the previous sentence ("But California has seen …", "Still,
    …, he said") and after a dateline ("LOS ANGELES (UPI) — …")."""
    for i in range(lo, min(comp.i, lo + 12)):
        if doc[i].text in ("—", "--") and all(
            t.is_upper or t.is_punct or t.is_digit or t.tag_ == "NNP" for t in doc[lo:i]
        ):
            lo = i + 1
            break
    first = doc[lo]
    if (
        first.i < comp.i
        and first.head == comp
        and (first.dep_ == "cc" or (first.dep_ == "advmod" and doc[lo + 1].text == ","))
    ):
        lo += 1
        while lo < comp.i and doc[lo].text == ",":
            lo += 1
    return lo


def _without_last_aside(doc: Doc, lo: int, hi: int) -> int:
    """A content ending in a relative clause set off by a comma (", who was secretary of
    State at the time", ", when the Senate reconvenes") ends before it: annotators leave
    the aside out. (A closing apposition, participle or "though …" clause was tried too:
    annotators keep those about as often as they leave them out, on the tuning fifth.)"""
    end = hi
    while end > lo and (doc[end].text in TRIM or doc[end].is_space):
        end -= 1
    for i in range(lo + 2, end + 1):
        if doc[i - 1].text != ",":
            continue
        first = doc[i]
        # the phrase opened here: the highest token starting at i and reaching the end
        t = first
        while t.head != t and t.head.left_edge.i == i and t.head.i <= end:
            t = t.head
        if t.right_edge.i >= end and t.dep_ == "relcl" and first.tag_ in _RELATIVE:
            return i - 2
    return hi


def without_aside(doc: Doc, span: tuple[int, int]) -> tuple[int, int]:
    """``_without_last_aside`` on a character span."""
    toks = doc.char_span(span[0], span[1], alignment_mode="expand")
    if toks is None or len(toks) < 3:
        return span
    hi = _without_last_aside(doc, toks.start, toks.end - 1)
    if hi >= toks.end - 1:
        return span
    return trimmed(doc, toks.start, hi) or span


def _second_cue(v: Token) -> bool:
    """ "X said he makes $41,000 a year and questioned how …": a verb with a complement of
    its own and no subject that the parser joined to another cue's complement (whose
    subject is someone else) is the first cue's second verb; its subject is that cue's
    (as ``complement_span`` ends the first complement before it)."""
    h = v.head
    return (
        v.dep_ == "conj"
        and _own_clause(v)
        and h.dep_ == "ccomp"
        and h.head.tag_.startswith("VB")
        and any(c.dep_ in _SUBJECTS for c in h.children)
    )


def _own_clause(v: Token) -> bool:
    """A verb with a clausal complement and no subject: "… and insisted that …"."""
    kids = [c.dep_ for c in v.children]
    return "ccomp" in kids and not any(d in _SUBJECTS for d in kids)


def source_span(doc: Doc, subj: Token, upto: Token | None = None) -> tuple[int, int] | None:
    """The subject's words, on its own line, after any dateline dash; an apposition set off
    by commas keeps its closing comma, as annotators mark it ("Jane Roe, its director,");
    a relative or participial clause after a comma is not part of the source ("Sanders,
    who has …" is Sanders)."""
    idx = [t.i for t in subj.subtree]
    lo, hi = min(idx), max(idx)
    if upto is not None:  # "a group backing Trump": the noun's words before its cue
        hi = min(hi, upto.left_edge.i - 1)
    # after its verb ("…,” said Jon Ralston, who runs a newsletter) the clause is the
    # source's, as annotators mark it; before it, the source ends at the comma
    inverted = subj.head.i < subj.i
    for c in subj.rights:
        # the clause's first word ("who", "attended"), set off by a comma or a dash
        first = c.left_edge.i
        if first - 1 <= subj.i or doc[first - 1].text not in _ASIDE:
            continue
        if c.dep_ in ("relcl", "acl") and not inverted:
            hi = min(hi, first - 2)
        elif c.dep_ == "acl" and c.tag_ in ("VBG", "VBN") and c == doc[first]:
            # "…,” said the base chief known as Bob, speaking publicly for the first time":
            # after its verb a participle is the writer's (other folds: 4 of 7 rows exact
            # without it, none with it)
            hi = min(hi, first - 2)
    while hi > subj.i and doc[hi].is_space:
        hi -= 1  # the paragraph break after the name ("… of Gainesville, Fla.¶")
    for i in range(hi, lo - 1, -1):
        if "\n" in doc[i].text or (doc[i].text in ("—", "–", "--") and i < subj.i):
            lo = i + 1
            break
    # "Even Republicans who have praised him warned …", "only a few delegates …": a focus
    # word opening the subject is the writer's, not part of who spoke
    while lo < subj.i and doc[lo].lower_ in _FOCUS and doc[lo].dep_ in ("advmod", "preconj"):
        lo += 1
    span = trimmed(doc, lo, hi)
    if span is None:
        return None
    last = doc.char_span(span[1] - 1, span[1], alignment_mode="expand")
    nxt = last.end if last is not None else hi + 1
    if (
        nxt + 1 < len(doc)
        and doc[nxt].text == ","
        and any(doc[i].text == "," for i in range(lo, nxt - 1))
        and doc[nxt + 1].tag_.startswith(("VB", "MD", "RB", "DT", "IN", "``"))
    ):
        span = (span[0], doc[nxt].idx + 1)
    elif (
        nxt < len(doc)
        and doc[nxt].text in _DASHES
        and any(doc[i].text == doc[nxt].text for i in range(lo, nxt))
    ):
        # "Democratic leaders — and, in particular, Harry Reid —": an aside between dashes
        # keeps its closing dash, as the comma above (15 of 18 such sources on train)
        span = (span[0], doc[nxt].idx + len(doc[nxt].text))
    return span


def same_paragraph(
    text: str, span: tuple[int, int], cue: tuple[int, int]
) -> tuple[int, int] | None:
    """The part of a content span on the cue's side of any line break: a sentence the parser
    ran across a headline or a paragraph break is cut there; a content wholly on another
    line than its cue (a headline read as what the first sentence's subject "said") is
    none."""
    s, e = span
    if "\n" in text[e : cue[0]] or "\n" in text[cue[1] : s]:
        return None
    if "\n" not in text[s:e]:
        return span
    if cue[0] >= e:  # content before the cue: keep its last line
        s = text.rindex("\n", s, e) + 1
    elif cue[1] <= s:
        e = text.index("\n", s, e)
    else:
        s = max(s, text.rfind("\n", s, cue[0]) + 1)
        nl = text.find("\n", cue[1], e)
        e = e if nl < 0 else nl
    s2, e2 = s, e
    while s2 < e2 and text[s2].isspace():
        s2 += 1
    while e2 > s2 and (text[e2 - 1].isspace() or text[e2 - 1] in TRIM):
        e2 -= 1
    return (s2, e2) if e2 > s2 else None


# A sentence end the parser missed: a lower-case word (not "Mr.", "U.S.", "p.m.") and a
# full stop, then a capital ("… earlier in their careers. And both vowed …").
_SENTENCE_END = re.compile(r"\b[a-z0-9]{2,}[.!?](?=\s+[A-Z])")


def same_sentence(
    text: str, span: tuple[int, int], cue: tuple[int, int], quotes: list[tuple[int, int]]
) -> tuple[int, int]:
    """The part of a content on the cue's side of a sentence end outside quotation marks:
    the parser sometimes runs two sentences into one, and the second then hides its own
    cue inside the first one's content."""
    s, e = span
    ends = [
        m.end()
        for m in _SENTENCE_END.finditer(text, s, e)
        if not any(qs < m.end() < qe for qs, qe in quotes)
    ]
    if not ends:
        return span
    if cue[1] <= s:
        return (s, ends[0] - 1)
    if cue[0] >= e:
        k = ends[-1]
        while text[k].isspace():
            k += 1
        return (k, e)
    return span


def under(t: Token, ancestor: Token) -> bool:
    return t == ancestor or ancestor in t.ancestors


def cue_span(v: Token) -> tuple[int, int]:
    lo, hi = v.i, v.i
    doc = v.doc
    while lo > 0 and doc[lo - 1].dep_ in ("aux", "neg", "advmod") and doc[lo - 1].head == v:
        lo -= 1
    if doc[lo].dep_ == "advmod" and lo < v.i:  # "also said", not "Meanwhile said"
        lo += int(doc[lo].lower_ not in ("also", "later", "then", "again", "previously", "once"))
    for c in v.rights:
        if c.dep_ == "prt" and c.i == hi + 1:
            hi = c.i
    if hi + 1 < len(doc) and doc[hi + 1].text == ":":
        hi += 1  # "She said:" — the colon belongs to the cue
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


def subject(v: Token) -> Token | None:
    """The subject of a cue verb, climbing through "went on to say", "explained and noted",
    "…, saying that", "began by crediting"."""
    tok: Token | None = v
    for _ in range(3):
        if tok is None:
            return None
        for c in tok.children:
            if c.dep_ == "nsubjpass" and c.lower_ == "it":
                return None  # "it is believed that …": impersonal, no source
            if c.dep_ in _SUBJECTS and not _across_line(c, tok):
                return c  # a "subject" on another line is a headline the parser ran on
            if c.dep_ == "agent":  # "was told by X"
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
        if tok is v:
            after = _inverted_object(v)
            if after is not None:
                return after
        if (
            tok.dep_ == "acl"
            and tok.head.lower_ in _DOCUMENTS
            and tok.head.dep_ == "dobj"
            and tok.head.head.tag_.startswith("VB")
        ):
            tok = tok.head.head  # "issued a statement saying …": who issued it
        elif (
            tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.head.tag_.startswith("VB")
        ):
            tok = tok.head.head  # "began by crediting", "before announcing": the verb's subject
        elif _second_cue(tok):
            tok = tok.head.head  # "Brownell said he makes … and questioned how …": who said
        else:
            tok = tok.head if tok.dep_ in _CLIMB and tok.head != tok else None
    return None


# What a speaker issues, posts or sends that then "says" something.
_DOCUMENTS = frozenset(
    "statement statements release letter letters article articles tweet tweets message"
    " messages post posts video ad ads advertisement email emails memo note op-ed column"
    " speech filing petition".split()
)


def _across_line(a: Token, b: Token) -> bool:
    lo, hi = sorted((a.i, b.i))
    breaks = _line_breaks(a.doc)
    k = bisect.bisect_left(breaks, lo)
    return k < len(breaks) and breaks[k] < hi


def _line_breaks(doc: Doc) -> list[int]:
    """The indices of the tokens holding a line break, once per document."""
    found: list[int] | None = doc.user_data.get("presslens_line_breaks")
    if found is None:
        found = [t.i for t in doc if "\n" in t.text]
        doc.user_data["presslens_line_breaks"] = found
    return found


_CLOSING_QUOTES = frozenset({"”", '"', "''", "»"})


def _inverted_object(v: Token) -> Token | None:
    """ "“…,” added another New Hampshire Republican.": right after a closed quotation the
    parser takes the speaker of an inverted cue for its object."""
    doc = v.doc
    i = v.i - 1
    while i >= 0 and doc[i].dep_ in ("advmod", "neg") and doc[i].head == v:
        i -= 1
    if i < 1 or doc[i].text not in _CLOSING_QUOTES or doc[i - 1].text not in (",", "?", "!"):
        return None
    obj = next((c for c in v.rights if c.dep_ in ("dobj", "attr", "npadvmod")), None)
    if obj is None or not obj.tag_.startswith("NN") or obj.left_edge.i != v.i + 1:
        return None
    return obj


def channel(v: Token, rel: RawAttribution) -> None:
    """ "The agency quoted his words", "…, the agency reported, citing X": the subject
    relayed someone else's words."""
    if v.lower_ in ("quoted", "quotes", "cited", "cites"):
        obj = next((c for c in v.children if c.dep_ == "dobj"), None)
        poss = None
        if obj is not None:
            poss = (
                obj
                if obj.tag_ == "PRP"
                else next((c for c in obj.children if c.dep_ == "poss"), None)
            )
        if poss is not None and rel.source is not None:
            rel.channel, rel.channel_head = rel.source, rel.source_head
            rel.speaker_token = poss
            rel.source = (poss.idx, poss.idx + len(poss.text))
            rel.source_head = poss
            rel.notes.append("relayed")
