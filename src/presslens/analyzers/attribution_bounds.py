"""Content boundaries fixed after the readings, where PolNeAR's annotators are consistent:
a content never holds its own cue or source ("which he believes will make …" is "which" and
"will make …"), a sentence a cue interrupts (", Devine said,") is the words on both sides,
and a relative word that opens the cue's clause ("what Bradley said she
anticipated", "who many feel need …") is the content's first fragment. Offsets are
characters of the Doc's text; each rule was chosen on the tuning fifth of PolNeAR train and
checked on the other four folds."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from presslens.analyzers.attribution_spans import TRIM, RawAttribution

__all__ = ["bound_contents"]

# relative words that open a clause the cue interrupts ("which he said had harmed …"); not
# "when", "where", "why": they set the cue's own clause ("When he mentions the wall"), and
# annotators leave them out
_RELATIVE_WORDS = frozenset({"which", "who", "whom", "whose", "what", "that"})
_RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$"})
# the word is the clause's subject or object; "in which he pledged that …" sets the cue's
# clause, and the content is what follows
_RELATIVE_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})


def bound_contents(
    doc: Doc, text: str, found: list[RawAttribution], cues: dict[str, float] | None = None
) -> None:
    """The content boundaries of every reported-speech row (not a quotation's), in place.
    Together on the tuning fifth: shown relations exact F1 0.507 -> 0.510, content 0.551 ->
    0.554, no row added."""
    cue_spans = [r.cue for r in found if r.cue is not None]
    for r in found:
        if r.cue is None or r.kind == "direct":
            continue
        if cues is not None:
            r.content = _without_cue_participle(doc, text, r, cues)
        r.content = _without_own_cue(doc, text, r)
        r.content = _relative_first(doc, r)
        if r.kind == "indirect" and not r.notes:
            r.content = _both_sides(doc, text, r, cue_spans)


def _strip(text: str, s: int, e: int) -> tuple[int, int] | None:
    while s < e and (text[s].isspace() or text[s] in TRIM):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in TRIM):
        e -= 1
    # a bracket left alone ("… services (college administrators think)") is no fragment
    return (s, e) if any(c.isalnum() for c in text[s:e]) else None


def _without_own_cue(doc: Doc, text: str, r: RawAttribution) -> list[tuple[int, int]]:
    """A content fragment that holds the relation's own cue (and its source beside it, and
    the cue's words up to the next comma: "said, via Brian Batko of the Post-Gazette,") is
    the words on either side: PolNeAR never marks a cue inside its content (68 such rows on
    train, none exact)."""
    assert r.cue is not None
    lo, hi = _cue_clause(doc, r, past_comma=True) if r.cue_token is not None else r.cue
    if r.source is not None and (r.source[1] <= lo and text[r.source[1] : lo].strip() in ("", ",")):
        lo = r.source[0]
    elif r.source is not None and hi <= r.source[0] and text[hi : r.source[0]].strip() in ("", ","):
        hi = r.source[1]
    out: list[tuple[int, int]] = []
    for s, e in r.content:
        if s <= lo and hi <= e and (s < lo or hi < e):
            out.extend(f for f in (_strip(text, s, lo), _strip(text, hi, e)) if f is not None)
        else:
            out.append((s, e))
    return out or r.content


def _relative_first(doc: Doc, r: RawAttribution) -> list[tuple[int, int]]:
    """ "what Bradley said she anticipated", "who many feel need a strong showing": the
    relative word just before the source (or the cue) opens the interrupted clause;
    annotators mark it as the content's first fragment."""
    assert r.cue is not None
    v = r.cue_token
    if v is None or not r.content or r.content[0][0] < r.cue[1]:
        return r.content
    start = r.cue[0]
    if r.source is not None and r.source[1] <= r.cue[0]:
        start = r.source[0]
    first = doc.char_span(start, start + 1, alignment_mode="expand")
    if first is None or first.start == 0:
        return r.content
    w: Token = doc[first.start - 1]
    if (
        w.tag_ not in _RELATIVE_TAGS
        or w.lower_ not in _RELATIVE_WORDS
        or w.dep_ not in _RELATIVE_DEPS
    ):
        return r.content
    return [(w.idx, w.idx + len(w.text)), *r.content]


_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_OPENS_RELATIVE = frozenset({"WDT", "WP", "WP$", "WRB"})
_SAID = frozenset({"said", "says", "say", "told", "tells"})


def _cue_clause(doc: Doc, r: RawAttribution, past_comma: bool = False) -> tuple[int, int]:
    """The characters of the source, the cue and the cue's own words after it up to the
    next comma ("the candidate said Friday"; with ``past_comma``, also "said, via X")."""
    assert r.cue is not None and r.cue_token is not None
    v = r.cue_token
    lo, hi = r.cue
    if r.source is not None:
        lo, hi = min(lo, r.source[0]), max(hi, r.source[1])
    nxt = doc.char_span(hi, hi + 1, alignment_mode="expand")
    k = nxt.start if nxt is not None else len(doc)
    if past_comma and k + 1 < len(doc) and doc[k].text == "," and _adjunct_of(doc[k + 1], v):
        k += 1
    while (
        k < len(doc)
        and doc[k].text not in (",", ".", ";", ":")
        and "\n" not in doc[k].text
        and _adjunct_of(doc[k], v)
    ):
        hi = doc[k].idx + len(doc[k].text)
        k += 1
    return lo, hi


# the cue verb's own words after it: when, where, to whom, through whom ("said Friday",
# "said in an interview", "said, via Brian Batko"), not what it takes (a complement)
_ADJUNCTS = frozenset({"prep", "npadvmod", "advmod", "agent", "dative", "pobj", "nsubj"})


def _adjunct_of(t: Token, v: Token) -> bool:
    """Whether ``t`` is under one of ``v``'s adjunct dependents."""
    while t.head != t and t.head != v:
        t = t.head
    return t.head == v and t != v and t.dep_ in _ADJUNCTS


def _both_sides(
    doc: Doc, text: str, r: RawAttribution, cues: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """ "If the demands are not met, Mr. Taylor warned, die-hard supporters plan to leave",
    "The argument would be aided, Devine said, by the upcoming primary calendar": a cue
    clause set off by commas inside a sentence interrupts what was said, and annotators
    mark the words on both sides; the parser often gives the complement one side only.
    The side added holds no quotation (that is another reading's) and does not open with a
    participle ("…, he said, wiping sweat off his face"); a side before the cue needs a
    finite verb ("On Friday, …" is the writer's). On the tuning fifth 5 rows changed (0 →
    3 exact), on the other folds 36 (3 → 12)."""
    if len(r.content) != 1 or r.cue_token is None:
        return r.content
    lo, hi = _cue_clause(doc, r)
    if text[max(0, lo - 2) : lo] != ", " or text[hi : hi + 1] != ",":
        return r.content
    s, e = r.content[0]
    sent = r.cue_token.sent
    ss, se = sent.start_char, sent.end_char
    if "\n" in text[ss:lo]:
        ss = text.rindex("\n", ss, lo) + 1
    if "\n" in text[hi:se]:
        se = text.index("\n", hi, se)
    before = s >= hi and text[hi:s].strip(" ,") == ""
    if before:
        added = _strip(text, ss, lo - 2)
    elif e <= lo and text[e:lo].strip(" ,") == "":
        added = _strip(text, hi + 1, se)
    else:
        return r.content
    if added is None or any(q in text[added[0] : added[1]] for q in '“”"«»'):
        return r.content
    toks = doc.char_span(*added, alignment_mode="expand")
    if toks is None or toks[0].tag_ in ("VBG", "VBN") or toks[0].tag_ in _OPENS_RELATIVE:
        # "…, wiping sweat off his face"; "wrote in the study, which was published …": the
        # writer's words about the cue clause
        return r.content
    if any(t.tag_ in _FINITE and t.lower_ in _SAID for t in toks) or any(
        added[0] <= c0 < added[1] for c0, _ in cues
    ):
        return r.content  # another report's cue
    if before and not any(t.tag_ in _FINITE for t in toks):
        return r.content
    return [added, (s, e)] if before else [(s, e), added]


# A participle from the cue lexicon with at least this cue rate, closing a content after a
# comma, is a report of its own ("…, pointing to Cruz's victories", "…, echoing a memo"),
# which PolNeAR marks apart (0.3 and 0.5 compared on the tuning fifth: level).
PARTICIPLE_CUE_RATE = 0.7


def _without_cue_participle(
    doc: Doc, text: str, r: RawAttribution, cues: dict[str, float]
) -> list[tuple[int, int]]:
    """ "the increased focus on Trump is taking a toll, pointing to Cruz's victories": a
    content's closing participle of saying, set off by a comma after the cue, ends the
    content there (and its own row is then no longer inside another's content). Tuning
    fifth, shown: content exact F1 0.5569 -> 0.5575, relations level; other folds content
    0.542 -> 0.544, relations 0.497 -> 0.498. (Every closing participle was tried in the
    sixth round: a loss.)"""
    assert r.cue is not None
    s, e = r.content[-1]
    toks = doc.char_span(s, e, alignment_mode="expand")
    if toks is None:
        return r.content
    for t in toks[1:]:
        if (
            t.tag_ == "VBG"
            and t.idx > r.cue[1]
            and doc[t.i - 1].text == ","
            and t.left_edge.i == t.i
            and t.right_edge.i >= toks.end - 1
            and cues.get(t.lower_, 0.0) >= PARTICIPLE_CUE_RATE
        ):
            cut = _strip(text, s, doc[t.i - 1].idx)
            return r.content if cut is None else [*r.content[:-1], cut]
    return r.content
