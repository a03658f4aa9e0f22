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

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from presslens.analyzers.cues import frame_key, frame_slots
from presslens.analyzers.spanindex import SpanIndex

__all__ = ["RawAttribution", "find_attributions", "quote_spans"]

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_CLIMB = frozenset({"xcomp", "conj", "advcl"})
_TRIM = frozenset(",.;:—–-")
_OPEN, _CLOSE = "“«", "”»"
_QUOTE_MARKS = frozenset('“”«»"')
_MIN_QUOTE_WORDS = 3
# A verb takes its object as the content only when it is nearly always a cue (praised,
# urged, blasted), not for "see" or "know".
_OBJECT_CUE_RATE = 0.5
_OBJECT_DEPS = frozenset({"dobj", "xcomp", "prep", "dative", "oprd", "acomp"})
# A learned frame slot is taken as the content when it is the content this often (tuned on
# the held-out fifth of PolNeAR train, never on dev).
FRAME_MIN_RATE = 0.35
_FRAME_TAGS = ("VB", "NN", "JJ")
_TAIL_DEPS = frozenset({"prep", "oprd", "xcomp", "advcl", "npadvmod", "dative", "acomp"})


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


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Quotations, marks included: curly and guillemet pairs, straight pairs within a
    paragraph, and a quotation continued over paragraphs (each opening “ without a close)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    while pos < n:
        i = _next_open(text, pos)
        if i < 0:
            break
        mark = text[i]
        if mark == '"':
            para_end = text.find("\n", i)
            para_end = n if para_end < 0 else para_end
            j = text.find('"', i + 1, para_end)
            if j < 0:
                pos = i + 1
                continue
        else:
            j = _close_of(text, i)
            if j < 0:
                pos = i + 1
                continue
        spans.append((i, j + 1))
        pos = j + 1
    return spans


def _next_open(text: str, pos: int) -> int:
    found = [k for k in (text.find(c, pos) for c in '“«"') if k >= 0]
    return min(found) if found else -1


def _close_of(text: str, i: int) -> int:
    """The closing mark of the curly quotation opened at ``i``: in the same paragraph, or,
    when the next paragraph opens with a new “ (the convention for a long quotation), there."""
    k = i + 1
    while True:
        para_end = text.find("\n", k)
        para_end = len(text) if para_end < 0 else para_end
        close = min((c for c in (text.find(m, k, para_end) for m in _CLOSE) if c >= 0), default=-1)
        reopen = min((c for c in (text.find(m, k, para_end) for m in _OPEN) if c >= 0), default=-1)
        if close >= 0 and (reopen < 0 or close < reopen):
            return close
        if reopen >= 0:
            return -1  # a new quotation opens before this one closed: unbalanced
        nxt = para_end
        while nxt < len(text) and text[nxt].isspace():
            nxt += 1
        if nxt >= len(text) or text[nxt] not in _OPEN:
            return -1
        k = nxt + 1


def _trimmed(doc: Doc, lo: int, hi: int) -> tuple[int, int] | None:
    """Characters of tokens lo..hi (inclusive) without edge punctuation."""
    while lo <= hi and (doc[lo].text in _TRIM or doc[lo].is_space):
        lo += 1
    while hi >= lo and (doc[hi].text in _TRIM or doc[hi].is_space):
        hi -= 1
    if hi < lo:
        return None
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


def _subtree_span(doc: Doc, tok: Token, exclude: Token | None = None) -> tuple[int, int] | None:
    idx = [t.i for t in tok.subtree if exclude is None or not _under(t, exclude)]
    if not idx:
        return None
    return _trimmed(doc, min(idx), max(idx))


def _complement_span(doc: Doc, comp: Token) -> tuple[int, int] | None:
    """A clausal complement's words as annotators mark them: from its "that" (adjuncts
    the parser hung before it belong to the cue's clause: "said on Friday that …"),
    without a dangling "and" (cutting at a dash that opens an aside was tried: it cost
    more than it gained on the tuning fifth)."""
    lo, hi = comp.left_edge.i, comp.right_edge.i
    mark = next((c for c in comp.children if c.dep_ == "mark" and c.i < comp.i), None)
    if mark is not None and mark.lower_ in ("that", "whether", "if") and mark.i > lo:
        lo = mark.i
    while hi > lo and (doc[hi].dep_ == "cc" or doc[hi].text in _TRIM or doc[hi].is_space):
        hi -= 1
    return _trimmed(doc, lo, hi)


def _source_span(doc: Doc, subj: Token, upto: Token | None = None) -> tuple[int, int] | None:
    """The subject's words, on its own line, after any dateline dash; an apposition set off
    by commas keeps its closing comma, as annotators mark it ("Jane Roe, its director,");
    a relative or participial clause after a comma is not part of the source ("Sanders,
    who has …" is Sanders)."""
    idx = [t.i for t in subj.subtree]
    lo, hi = min(idx), max(idx)
    if upto is not None:  # "a group backing Trump": the noun's words before its cue
        hi = min(hi, upto.left_edge.i - 1)
    for c in subj.rights:
        if c.dep_ in ("relcl", "acl") and c.i - 1 > subj.i and doc[c.i - 1].text == ",":
            hi = min(hi, c.i - 2)
            if c.left_edge.i - 1 > subj.i and doc[c.left_edge.i - 1].text == ",":
                hi = min(hi, c.left_edge.i - 2)
    for i in range(hi, lo - 1, -1):
        if "\n" in doc[i].text or (doc[i].text in ("—", "–", "--") and i < subj.i):
            lo = i + 1
            break
    span = _trimmed(doc, lo, hi)
    if span is None:
        return None
    nxt = hi + 1
    if (
        nxt < len(doc)
        and doc[nxt].text == ","
        and any(doc[i].text == "," for i in range(lo, hi))
        and (doc[nxt].head.i in idx or any(c.dep_ == "appos" for c in subj.children))
    ):
        span = (span[0], doc[nxt].idx + 1)
    return span


def _same_paragraph(
    text: str, span: tuple[int, int], cue: tuple[int, int]
) -> tuple[int, int] | None:
    """The part of a content span on the cue's side of any line break: a sentence the parser
    ran across a headline or a paragraph break is cut there."""
    s, e = span
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
    while e2 > s2 and (text[e2 - 1].isspace() or text[e2 - 1] in _TRIM):
        e2 -= 1
    return (s2, e2) if e2 > s2 else None


def _under(t: Token, ancestor: Token) -> bool:
    return t == ancestor or ancestor in t.ancestors


def _cue_span(v: Token) -> tuple[int, int]:
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


def _subject(v: Token) -> Token | None:
    """The subject of a cue verb, climbing through "went on to say", "explained and noted",
    "…, saying that"."""
    tok: Token | None = v
    for _ in range(3):
        if tok is None:
            return None
        for c in tok.children:
            if c.dep_ == "nsubjpass" and c.lower_ == "it":
                return None  # "it is believed that …": impersonal, no source
            if c.dep_ in _SUBJECTS:
                return c
            if c.dep_ == "agent":  # "was told by X"
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
        tok = tok.head if tok.dep_ in _CLIMB and tok.head != tok else None
    return None


def _enclosing_quote(quotes: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The quotation the content is, when it starts at its opening or ends at its close
    (a complement parsed in the last sentence of a long quotation)."""
    for qs, qe in quotes:
        if qs <= start and end <= qe and (start - qs <= 2 or qe - end <= 3):
            return qs, qe
    return None


def _content_kind(
    text: str, quotes: list[tuple[int, int]], span: tuple[int, int]
) -> tuple[str, tuple[int, int]]:
    q = _enclosing_quote(quotes, *span)
    if q is not None:
        return "direct", q
    s, e = span
    for qs, qe in quotes:
        if s < qs < e < qe and qe - e <= 3:
            e = qe  # reported speech ending in a quoted phrase: "… will “do so.”"
    if any(s <= qs and qe <= e for qs, qe in quotes):
        return "mixed", (s, e)
    return "indirect", (s, e)


def find_attributions(
    doc: Doc,
    cues: dict[str, float],
    text: str | None = None,
    frames: dict[str, dict[str, float]] | None = None,
) -> list[RawAttribution]:
    text = text if text is not None else doc.text
    frames = frames or {}
    quotes = [q for q in quote_spans(text) if len(text[q[0] : q[1]].split()) >= _MIN_QUOTE_WORDS]
    found: list[RawAttribution] = []
    used_cues: set[int] = set()
    usable: dict[str, dict[str, float]] = {}
    for tok in doc:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            rel = _according_to(doc, tok, text, quotes)
            if rel is not None:
                found.append(rel)
                used_cues.add(tok.i)
            continue
        if not tok.tag_.startswith(_FRAME_TAGS):
            continue
        slots = usable.get(tok.lower_)
        if slots is None:
            # only the slots that can pass the threshold, once per word form
            found_slots = frame_slots(frames, tok.lower_) or {}
            slots = {k: v for k, v in found_slots.items() if v >= FRAME_MIN_RATE}
            usable[tok.lower_] = slots
        framed = bool(slots) and any(frame_key(c) in slots for c in tok.children)
        rel = None
        if tok.tag_.startswith("VB") and tok.lower_ in cues:
            rel = _verb_cue(doc, tok, text, quotes, cues, framed)
        if rel is None and framed:
            rel = _frame_cue(doc, tok, text, quotes, slots)
        if rel is not None:
            found.append(rel)
            used_cues.add(tok.i)
    _quote_first(doc, text, quotes, found, used_cues, cues)
    found.extend(_colon_lines(doc, text))
    _cue_outside_content(text, quotes, found)
    found = _outermost(found)
    found.sort(key=lambda r: r.content[0][0])
    return found


# "Trump: Clinton ‘Not Fit To Serve’", "Sanders: we will win" — a headline or a line of
# its own giving a name, a colon and what the named said.
_COLON_LINE = re.compile(
    r"^(?P<src>[A-Z][\w.'’-]*(?:[ -][A-Z][\w.'’-]*){0,3}):[ \t]+(?P<content>[^\n]{8,200}?)"
    r"[ \t]*$",
    re.M,
)


def _colon_lines(doc: Doc, text: str) -> list[RawAttribution]:
    out = []
    for m in _COLON_LINE.finditer(text):
        content = m.group("content").rstrip(".")
        if content.endswith(":") or len(content.split()) < 2:
            continue
        src = (m.start("src"), m.end("src"))
        head = doc.char_span(*src, alignment_mode="expand")
        if head is None or not any(t.tag_ == "NNP" for t in head):
            continue  # "Update: …", "Note: …" are labels, not speakers
        colon = m.end("src")
        out.append(
            RawAttribution(
                kind="indirect",
                content=[(m.start("content"), m.start("content") + len(content))],
                cue=(colon, colon + 1),
                cue_token=None,
                source=src,
                source_head=head.root,
                notes=["colon"],
            )
        )
    return out


def _cue_outside_content(
    text: str, quotes: list[tuple[int, int]], found: list[RawAttribution]
) -> None:
    """ "Asked what …, Adelson said, “…”": a complement the parser stretched over its own
    cue is the quotation that follows the cue."""
    for r in found:
        if r.cue is None or len(r.content) != 1:
            continue
        s, e = r.content[0]
        if not s < r.cue[0] < e:
            continue
        after = [(qs, qe) for qs, qe in quotes if r.cue[1] <= qs < e and qe <= e + 3]
        if after:
            r.content = [after[0]]
            r.kind = "direct"


def _outermost(found: list[RawAttribution]) -> list[RawAttribution]:
    """A cue inside another relation's content is part of what was said ("Lavrov said
    Moscow will consider …", "“… I hope …,” he said"): one relation, the outer one."""
    keep = []
    # content spans → the relation holding them: a lookup per cue, not a scan of them all
    contents: SpanIndex[int] = SpanIndex(
        (s, e, i) for i, o in enumerate(found) for s, e in o.content
    )
    for i, r in enumerate(found):
        if r.cue is None:
            keep.append(r)
            continue
        cs, ce = r.cue
        inner = any(j != i for _, _, j in contents.containing(cs, ce))
        if not inner:
            keep.append(r)
    return keep


def _object_span(doc: Doc, v: Token) -> tuple[int, int] | None:
    right = [c for c in v.rights if c.dep_ in _OBJECT_DEPS]
    if not right:
        return None
    lo = min(t.i for t in right[0].subtree)
    hi = max(t.i for c in right for t in c.subtree)
    return _trimmed(doc, lo, hi)


def _verb_cue(
    doc: Doc,
    v: Token,
    text: str,
    quotes: list[tuple[int, int]],
    cues: dict[str, float],
    framed: bool,
) -> RawAttribution | None:
    comp = next((c for c in v.children if c.dep_ == "ccomp"), None)
    span: tuple[int, int] | None = None
    if comp is not None:
        span = _complement_span(doc, comp)
    elif v.dep_ == "parataxis" and v.head.tag_.startswith("VB"):
        # "“We will win,” he said" parsed with the quotation's verb as the root
        span = _subtree_span(doc, v.head, exclude=v)
    if span is None and framed:
        return None  # a learned frame says what this word takes (``_frame_cue``)
    subj = _subject(v)
    object_reading = False
    if span is None and subj is not None and cues.get(v.lower_, 0.0) >= _OBJECT_CUE_RATE:
        # "Clinton praised the plan", "voters want change": what the verb takes is the content
        span = _object_span(doc, v)
        object_reading = span is not None
    if span is None:
        return None
    cue = _cue_span(v)
    span = _same_paragraph(text, span, cue)
    if span is None:
        return None
    kind, content = _content_kind(text, quotes, span)
    rel = RawAttribution(
        kind=kind,
        content=[content],
        cue=cue,
        cue_token=v,
        source=_source_span(doc, subj) if subj is not None else None,
        source_head=subj,
    )
    if object_reading:
        rel.notes.append("object")
    _channel(v, rel)
    return rel


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


def _frame_cue(
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
    span = _subtree_span(doc, content_tok)
    if span is None:
        return None
    if slot.i > tok.i:
        # "supported stem cell research in the Senate", "described the field as …": what
        # follows the object in the cue's clause belongs to the content
        tail = [c for c in tok.rights if c.i > slot.i and c.dep_ in _TAIL_DEPS]
        if tail:
            end = _trimmed(doc, slot.i, max(t.i for c in tail for t in c.subtree))
            if end is not None:
                span = (span[0], max(span[1], end[1]))
    lo, hi = _cue_span(tok)
    if slot.dep_ == "prep" and slot.i > tok.i and slot.i - tok.i <= 2:
        hi = slot.idx + len(slot.text)  # "vote for", "accusations of": the cue keeps its word
    cue = (lo, hi)
    span = _same_paragraph(text, span, cue)
    if span is None or span[0] < cue[1] <= span[1] or (span[0] <= cue[0] < span[1]):
        return None
    kind, content = _content_kind(text, quotes, span)
    upto = None
    if slot.dep_ == "nsubjpass":
        # "Clinton's attacks were echoed by her campaign": the passive subject is what was
        # said, the agent who said it
        by = next((c for c in tok.children if c.dep_ == "agent"), None)
        subj = next((c for c in by.children if c.dep_ == "pobj"), None) if by else None
    elif tok.tag_.startswith("VB"):
        subj = _subject(tok)
        if subj is None and tok.dep_ == "acl" and tok.head.tag_.startswith("NN"):
            subj, upto = tok.head, tok
    elif tok.tag_.startswith("JJ") and tok.dep_ in ("acomp", "amod") and tok.head != tok:
        # "some Democrats are concerned that …": the copula's subject; the cue keeps the verb
        subj = _subject(tok.head) if tok.dep_ == "acomp" else None
        if tok.dep_ == "acomp" and tok.head.i < tok.i:
            cue = (_cue_span(tok.head)[0], cue[1])
    else:
        subj = _noun_source(tok)
    rel = RawAttribution(
        kind=kind,
        content=[content],
        cue=cue,
        cue_token=tok,
        source=_source_span(doc, subj, upto) if subj is not None else None,
        source_head=subj,
    )
    rel.notes.append("frame")
    if slot.dep_ in _OBJECT_DEPS:
        rel.notes.append("object")
    _channel(tok, rel)
    return rel


def _channel(v: Token, rel: RawAttribution) -> None:
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


def _according_to(
    doc: Doc, tok: Token, text: str, quotes: list[tuple[int, int]]
) -> RawAttribution | None:
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    # the name in apposition ("according to the spokesman, John Smith,") is part of the source
    source = _subtree_span(doc, pobj)
    phrase = {t.i for t in tok.subtree} | {tok.i, to.i}
    name = _trailing_name(doc, max(phrase) + 1)
    if name is not None and source is not None:
        phrase |= set(range(max(phrase) + 1, name + 1))
        source = (source[0], doc[name - 1].idx + len(doc[name - 1].text))
    sent = tok.sent
    rest = [t.i for t in sent if t.i not in phrase]
    frags: list[tuple[int, int]] = []
    run: list[int] = []
    for i in rest:
        if run and i != run[-1] + 1:
            frags.append((run[0], run[-1]))
            run = []
        run.append(i)
    if run:
        frags.append((run[0], run[-1]))
    spans = [s for s in (_trimmed(doc, lo, hi) for lo, hi in frags) if s is not None]
    if not spans:
        return None
    kind = "according_to"
    return RawAttribution(
        kind=kind,
        content=spans,
        cue=(tok.idx, to.idx + len(to.text)),
        cue_token=tok,
        source=source,
        source_head=pobj,
    )


def _trailing_name(doc: Doc, i: int) -> int | None:
    """ ", Yusuf al-Kulyabi," right after the phrase (the parser often hangs the name on the
    main clause): the index of the comma closing the name, or None."""
    if i >= len(doc) or doc[i].text != ",":
        return None
    j = i + 1
    while j < len(doc) and (doc[j].tag_ == "NNP" or doc[j].text in ("-", "al", "el", "bin")):
        j += 1
    if j - i - 1 >= 2 and j < len(doc) and doc[j].text == ",":
        return j
    return None


def _quote_first(
    doc: Doc,
    text: str,
    quotes: list[tuple[int, int]],
    found: list[RawAttribution],
    used_cues: set[int],
    cues: dict[str, float],
) -> None:
    def outside(r: RawAttribution) -> bool:
        # a relation whose cue is inside some quotation is part of what was said ("“They
        # told me we had no chance,”"): it does not claim the quotation
        return r.cue is None or not any(qs <= r.cue[0] < qe for qs, qe in quotes)

    claimed = [s for r in found if outside(r) for s in r.content]
    for qs, qe in quotes:
        if any(s < qe and qs < e for s, e in claimed):
            continue
        prev = _previous_direct(found, qs, text)
        if prev is not None and _CLOSED_SENTENCE.search(text[qs:qe]):
            # “…,” she said. “More.” — the speaker goes on; a cue after a closed sentence
            # belongs to the next sentence
            prev.content.append((qs, qe))
            claimed.append((qs, qe))
            continue
        after = doc.char_span(qe, qe, alignment_mode="expand")
        v = _cue_near(doc, after.start if after is not None else None, cues, used_cues, 1, 7)
        if v is None:
            before = doc.char_span(qs, qs, alignment_mode="expand")
            v = _cue_near(doc, before.start if before is not None else None, cues, used_cues, -1, 7)
        if v is not None:
            subj = _subject(v)
            rel = RawAttribution(
                kind="direct",
                content=[(qs, qe)],
                cue=_cue_span(v),
                cue_token=v,
                source=_source_span(doc, subj) if subj is not None else None,
                source_head=subj,
            )
            _channel(v, rel)
            found.append(rel)
            used_cues.add(v.i)
            claimed.append((qs, qe))
            continue
        if prev is not None:
            prev.content.append((qs, qe))
            claimed.append((qs, qe))


def _cue_near(
    doc: Doc,
    start: int | None,
    cues: dict[str, float],
    used: set[int],
    step: int,
    reach: int,
) -> Token | None:
    if start is None:
        return None
    i = start if step > 0 else start - 1
    for _ in range(reach):
        if not 0 <= i < len(doc):
            return None
        t = doc[i]
        if "\n" in t.text or (t.text in _QUOTE_MARKS and step < 0 and i != start - 1):
            return None
        if t.tag_.startswith("VB") and t.lower_ in cues and t.i not in used:
            return t
        i += step
    return None


_CLOSED_SENTENCE = re.compile(r"[.!?…][’']?[”\"»]$")
_SENT_END = re.compile(r"[.!?…][”\"’]?\s*$")


def _previous_direct(found: list[RawAttribution], qs: int, text: str) -> RawAttribution | None:
    """The attributed quotation this one continues: same paragraph, nothing but the cue
    sentence between them."""
    best = None
    for r in found:
        if r.kind not in ("direct", "mixed") or r.cue is None:
            continue
        last = max(e for _, e in r.content)
        anchor = max(last, r.cue[1])
        if anchor <= qs and "\n" not in text[anchor:qs] and qs - anchor < 200:
            between = text[anchor:qs]
            if "“" not in between and '"' not in between:
                best = r
    return best
