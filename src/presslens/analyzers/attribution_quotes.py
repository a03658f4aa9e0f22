"""Quotations in an attribution finder: where they are (curly, guillemet, straight and
doubled-apostrophe marks), which cue claims a quotation no parse attached, a quotation
continued after its cue joined as a further fragment, and colon headlines ("Name: what
was said")."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from presslens.analyzers.attribution_index import FoundIndex, in_quote, quotes_near
from presslens.analyzers.attribution_spans import (
    RawAttribution,
    channel,
    cue_span,
    source_span,
    subject,
)
from presslens.analyzers.spanindex import SpanIndex

__all__ = [
    "MIN_QUOTE_WORDS",
    "colon_lines",
    "content_kind",
    "cue_outside_content",
    "quote_first",
    "quote_spans",
    "said_lines",
    "title_quote",
]

_OPEN, _CLOSE = "“«", "”»"
# quotation mark tokens; "''" and "``" are typewriter-style doubled marks (the New York
# Times' feeds, text converted from LaTeX)
_QUOTE_MARKS = frozenset(("“", "”", "«", "»", '"', "''", "``"))
MIN_QUOTE_WORDS = 3


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Quotations, marks included: curly and guillemet pairs, straight and doubled ('' … '')
    pairs within a paragraph, and a quotation continued over paragraphs (each opening “
    without a close)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    next_open = _NextOpen(text)
    while pos < n:
        i = next_open(pos)
        if i < 0:
            break
        mark = text[i]
        if mark in "\"'`":
            para_end = text.find("\n", i)
            para_end = n if para_end < 0 else para_end
            close = '"' if mark == '"' else "''"
            j = text.find(close, i + len(close), para_end)
            if j < 0:
                pos = i + 1
                continue
            j += len(close) - 1
            if close == "''" and text.startswith("'", j + 1):
                j += 1  # a single quotation closed together with the double: 'no.'''
        else:
            j = _close_of(text, i)
            if j < 0:
                pos = i + 1
                continue
        spans.append((i, j + 1))
        pos = j + 1
    return spans


class _NextOpen:
    """The first opening mark at or after a position that only moves forward. Each mark's
    next place is remembered until passed: finding every mark from each position again was
    quadratic where a mark is missing from a long text."""

    _MARKS = ("“", "«", '"', "''", "``")

    def __init__(self, text: str) -> None:
        self._text = text
        self._next = {m: text.find(m) for m in self._MARKS}

    def __call__(self, pos: int) -> int:
        best = -1
        for mark, k in self._next.items():
            if 0 <= k < pos:
                k = self._next[mark] = self._text.find(mark, pos)
            if k >= 0 and (best < 0 or k < best):
                best = k
        return best


def _close_of(text: str, i: int) -> int:
    """The closing mark of the curly quotation opened at ``i``: in the same paragraph, or,
    when the next paragraph opens with a new “ (the convention for a long quotation), there."""
    k = i + 1
    while True:
        para_end = text.find("\n", k)
        para_end = len(text) if para_end < 0 else para_end
        # a straight mark closes a curly opening too (“good corporate citizen," in feeds
        # that mix styles): else the quotation runs on to the next ” and swallows the
        # sentences between, with their own cues
        close = min(
            (c for c in (text.find(m, k, para_end) for m in (*_CLOSE, '"')) if c >= 0), default=-1
        )
        reopen = min((c for c in (text.find(m, k, para_end) for m in _OPEN) if c >= 0), default=-1)
        if close >= 0 and (reopen < 0 or close < reopen):
            return close
        if reopen >= 0:
            return -1  # a new quotation opens before this one closed: unbalanced
        nxt = para_end
        while nxt < len(text) and text[nxt].isspace():
            nxt += 1
        if nxt >= len(text) or text[nxt] not in _OPEN:
            return _left_open(text, i, k, para_end)
        k = nxt + 1


def _left_open(text: str, i: int, k: int, para_end: int) -> int:
    """ "“…,” said Baron. “His candidacy … in the greatest depth.¶": a quotation opened
    after a closed one in the same paragraph, whose closing mark the feed lost at the
    paragraph's end, ends there (the last character before the break, a full stop)."""
    start = text.rfind("\n", 0, i) + 1
    before = text[start:i].rstrip()
    if k != i + 1 or "”" not in before or not before.endswith((".", ",", ":")):
        return -1
    end = para_end
    while end > i and text[end - 1].isspace():
        end -= 1
    return end - 1 if text[end - 1] in ".!?" else -1


def _enclosing_quote(quotes: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The quotation the content is, when it starts at its opening or ends at its close
    (a complement parsed in the last sentence of a long quotation)."""
    for qs, qe in quotes_near(quotes, start, end):
        if qs <= start and end <= qe and (start - qs <= 2 or qe - end <= 3):
            return qs, qe
    return None


def content_kind(
    text: str, quotes: list[tuple[int, int]], span: tuple[int, int]
) -> tuple[str, tuple[int, int]]:
    q = _enclosing_quote(quotes, *span)
    if q is not None:
        return "direct", q
    s, e = span
    # a quotation the span grows to take is one of these, and takes no other in (they are
    # disjoint and in order)
    for qs, qe in quotes_near(quotes, s, e):
        if s < qs < e < qe and (qe - e <= 3 or "\n" not in text[e:qe]):
            # reported speech ending in a quoted phrase ("… will “do so.”"), also when the
            # parse stopped inside it at a comma ("that the businessman “is right about the
            # problems, but his solutions don’t work.”"): annotators run to the closing mark
            # (tuning fifth, shown: content exact F1 0.555 -> 0.557; other folds 0.538 -> 0.542)
            e = qe
        if qs < s <= qs + 2 and s < qe < e:
            s = qs  # a complement opening with a quoted phrase keeps its opening mark
    e = _closing_marks(text, s, e)
    if any(s <= qs and qe <= e for qs, qe in quotes_near(quotes, s, e)):
        return "mixed", (s, e)
    return "indirect", (s, e)


_CLOSING = re.compile(r"[.,;!?]{0,2}(?:[”»\"]|'')'?")


def _closing_marks(text: str, s: int, e: int) -> int:
    """A content that ends inside a quoted word or phrase it opened (the long lines
    "unacceptable.", ''… to do,'') ends after the closing mark, as annotators mark it."""
    m = _CLOSING.match(text, e)
    if m is None:
        return e
    inner = text[s:e]
    mark = m.group().lstrip(".,;!?")
    if mark.startswith("”"):
        opened = inner.count("“") > inner.count("”")
    elif mark.startswith("»"):
        opened = inner.count("«") > inner.count("»")
    elif mark.startswith('"'):
        opened = inner.count('"') % 2 == 1
    else:
        opened = inner.count("''") % 2 == 1 or "``" in inner
    return m.end() if opened else e


def quote_first(
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
        return r.cue is None or not in_quote(quotes, r.cue[0])

    claimed: SpanIndex[None] = SpanIndex(
        (s, e, None) for r in found if outside(r) for s, e in r.content
    )
    index = FoundIndex(found)
    for qs, qe in quotes:
        if next(claimed.overlapping(qs, qe), None) is not None or title_quote(text, (qs, qe)):
            continue
        prev = _previous_direct(index, qs, text)
        if prev is not None and _CLOSED_SENTENCE.search(text[qs:qe]):
            # “…,” she said. “More.” — the speaker goes on; a cue after a closed sentence
            # belongs to the next sentence
            prev.content.append((qs, qe))
            index.grown(prev)
            claimed.add(qs, qe, None)
            continue
        after = doc.char_span(qe, qe, alignment_mode="expand")
        v = _cue_near(doc, after.start if after is not None else None, cues, used_cues, 1, 7)
        if v is None:
            before = doc.char_span(qs, qs, alignment_mode="expand")
            v = _cue_near(doc, before.start if before is not None else None, cues, used_cues, -1, 7)
        if v is not None and v.tag_ == "VBN" and subject(v) is None:
            v = None  # "“Don’t jerk and drive,” meant to discourage …": a participle, no one speaks
        if v is not None:
            subj = subject(v)
            rel = RawAttribution(
                kind="direct",
                content=[(qs, qe)],
                cue=cue_span(v),
                cue_token=v,
                source=source_span(doc, subj) if subj is not None else None,
                source_head=subj,
            )
            channel(v, rel)
            found.append(rel)
            index.added(rel)
            used_cues.add(v.i)
            claimed.add(qs, qe, None)
            continue
        nxt = _claimed_after(doc, after.start if after is not None else None, cues, index)
        if nxt is not None:
            # “…,” Bond said, “…” — the cue already took the quotation after it: one
            # relation, the quotation around the cue in fragments
            nxt.content.insert(0, (qs, qe))
            index.grown(nxt)
            claimed.add(qs, qe, None)
            continue
        prev = prev or _previous_paragraph(index, qs, qe, text)
        if prev is not None:
            prev.content.append((qs, qe))
            index.grown(prev)
            claimed.add(qs, qe, None)


# words a title keeps in lower case ("Melvin and Howard", "War & Peace", "No Place Like Home")
_TITLE_SMALL = frozenset("a an and & the of in on at to for or nor but by with from as vs.".split())


def title_quote(text: str, q: tuple[int, int]) -> bool:
    """ "the “Melvin and Howard” star", "a BBC adaptation of “War & Peace”": a short
    quotation in title case with no sentence punctuation is the name of a work, not words
    someone said (on a real page one was given to "began" as its speaker's)."""
    inner = text[q[0] : q[1]].strip("“”«»\"'` ")
    words = inner.split()
    if not 1 <= len(words) <= 6 or any(c in inner for c in ",.?!;:"):
        return False
    return words[0][:1].isupper() and all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in _TITLE_SMALL for w in words
    )


def _previous_paragraph(index: FoundIndex, qs: int, qe: int, text: str) -> RawAttribution | None:
    """A paragraph that is one quotation with no cue of its own goes on with what the
    previous paragraph's last attribution said (“…,” Rubio said. ¶ “Which is why …”)."""
    line_start = text.rfind("\n", 0, qs) + 1
    line_end = text.find("\n", qe)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start:qs].strip() or text[qe:line_end].strip() or line_start == 0:
        return None
    prev_end = line_start - 1
    while prev_end > 0 and text[prev_end - 1].isspace():
        prev_end -= 1
    prev_start = text.rfind("\n", 0, prev_end) + 1
    last, last_end = None, -1
    # an end in the paragraph needs a cue starting there (it ends no earlier than its cue)
    for r in index.cued_in(prev_start, prev_end + 1):
        assert r.cue is not None
        end = max([e for _, e in r.content] + [r.cue[1]])
        if prev_start <= end <= prev_end and end > last_end:
            last, last_end = r, end
    return last


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


def _claimed_after(
    doc: Doc, start: int | None, cues: dict[str, float], index: FoundIndex
) -> RawAttribution | None:
    """The direct relation whose cue follows a quotation closely and whose quotation comes
    after that cue (“…,” she said, “…”)."""
    v = _cue_near(doc, start, cues, set(), 1, 7)
    if v is None:
        return None
    for r in index.cued_by(v.i):
        if r.kind in ("direct", "mixed") and r.content[0][0] >= v.idx:
            return r
    return None


_CLOSED_SENTENCE = re.compile(r"[.!?…][’']?(?:[”\"»]|'')$")


def _previous_direct(index: FoundIndex, qs: int, text: str) -> RawAttribution | None:
    """The attributed quotation this one continues: same paragraph, nothing but the cue
    sentence between them (the last such relation found)."""
    best, best_order = None, -1
    for order, r in index.ending_in(qs - 199, qs):
        assert r.cue is not None
        anchor = max(max(e for _, e in r.content), r.cue[1])
        between = text[anchor:qs]
        quiet = "\n" not in between and not any(m in between for m in ("“", '"', "''"))
        if quiet and order > best_order:
            best, best_order = r, order
    return best


# "Trump: Clinton ‘Not Fit To Serve’", "Sanders: we will win", "Clinton to Planned
# Parenthood: …" — a headline or a line of its own giving a name (and whom it addressed),
# a colon and what the named said.
_COLON_LINE = re.compile(
    r"^(?P<src>[A-Z][\w.'’-]*(?:[ -][A-Z][\w.'’-]*){0,3})"
    r"(?: to [\w.'’-]+(?: [\w.'’-]+){0,3})?:[ \t]+(?P<content>[^\n]{8,2000}?)"
    r"[ \t]*$",
    re.M,
)
# Line labels that are not speakers ("Update: …", "Photo: …", "Watch: …").
_LABELS = frozenset(
    "update updated updates note editor editors photo photos video videos watch read related"
    " correction corrections clarification disclosure caption credit credits breaking exclusive"
    " live opinion analysis listen see more also tags topics filed posted published share image"
    " images graphic map chart source sources advertisement transcript warning"
    " spoiler summary background context edit edited disclaimer review reviews explainer"
    " recap preview quiz sponsored promoted alert deal deals release factbox timeline"
    " tip tips".split()
)
# Two-word labels whose words alone may be a name's ("Fact Check: Is an oxygen bar …").
_LABEL_PHRASES = frozenset({"fact check", "fact-check", "press release", "new release"})


def _not_a_speaker(head: Span, content: str, text: str) -> bool:
    """A colon line's words before the colon that name no one: a dateline in capitals
    ("NEW DELHI: Their American dream …", "MUMBAI: …"), a rubric of two words, or a title
    that holds a colon ("Star Wars Jedi: Fallen Order"), which the text repeats with the
    words after the colon. One capitalised word of up to five letters stays a speaker:
    acronyms ("NATO: …", "OPEC: …") cannot be told from short city names ("PUNE: …")
    without the gazetteer, which the quote finder does not read."""
    src = head.text
    letters = [c for c in src if c.isalpha()]
    capitals = bool(letters) and all(c.isupper() for c in letters)
    if capitals and (len(letters) > 5 or " " in src or any(t.ent_type_ == "GPE" for t in head)):
        return True
    if src.casefold() in _LABEL_PHRASES:
        return True
    first = content.split()[0]
    return text.count(f"{src}: {first}") > 1


def colon_lines(doc: Doc, text: str) -> list[RawAttribution]:
    out = []
    for m in _COLON_LINE.finditer(text):
        content = m.group("content").rstrip(".; \t")
        if content.endswith(":") or len(content.split()) < 2:
            continue
        src = (m.start("src"), m.end("src"))
        head = doc.char_span(*src, alignment_mode="expand")
        if (
            head is None
            or len(m.group("src")) == 1  # "Q: …", "A: …": an interview's turns, no name
            or not any(t.tag_.startswith("NN") for t in head)
            or any(t.lower_.rstrip("'’s") in _LABELS for t in head)
            or _not_a_speaker(head, content, text)
        ):
            continue  # "Update: …", "Note: …" are labels, not speakers
        body = doc.char_span(
            m.start("content"), m.start("content") + len(content), alignment_mode="expand"
        )
        if body is not None and not any(t.tag_.startswith(("VB", "MD")) for t in body):
            # "Portion Fix Containers: 1 Green, 1 Red", "New Price Drop: Apple Watch … for
            # $169.99": a label and a list or an offer, not something said
            continue
        colon = text.index(":", m.end("src"))
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


# "Fire at grain terminal blamed on drone strike, Port Authority Says": a headline's
# speaker and verb after a comma at the end of its line. The parser reads title case
# badly (the verb becomes a noun, the content an adverbial), so the line is read as text.
_SAID_LINE = re.compile(
    r"^(?P<content>[^\n]{8,300}?),[ \t]+"
    r"(?P<src>[A-Z][\w.'’&-]*(?:[ ](?:[A-Z][\w.'’&-]*|of|the|for|and)){0,5})[ \t]+"
    r"(?P<cue>Says|Say|Said|Claims|Claim|Warns|Warn|Admits|Admit|Insists|Insist|Denies|Deny"
    r"|Confirms|Confirm|Reports|Report)[ \t]*$",
    re.M,
)


def said_lines(doc: Doc, text: str) -> list[RawAttribution]:
    """Lines (headlines) of the form "…, Speaker Says": the speaker must be a noun phrase
    the parser tags as nouns, and the line must not end a sentence inside it."""
    out = []
    for m in _SAID_LINE.finditer(text):
        content = m.group("content").strip()
        if len(content.split()) < 3 or any(c in content for c in ".?!"):
            continue  # a sentence ends inside: not a headline
        src = (m.start("src"), m.end("src"))
        head = doc.char_span(*src, alignment_mode="expand")
        if head is None or not any(t.tag_.startswith("NN") for t in head):
            continue
        cue = doc.char_span(m.start("cue"), m.end("cue"), alignment_mode="expand")
        out.append(
            RawAttribution(
                kind="indirect",
                content=[(m.start("content"), m.start("content") + len(content))],
                cue=(m.start("cue"), m.end("cue")),
                cue_token=cue[0] if cue else None,
                source=src,
                source_head=head.root,
                notes=["said line"],
            )
        )
    return out


# "Asked what …", "When pressed on …", "Speaking at a rally, …": a participle clause
_SETTING_CLAUSE = re.compile(r"(?:When |While |After |Before )?[A-Za-z]+(?:ed|ing)\b")


def cue_outside_content(
    text: str, quotes: list[tuple[int, int]], found: list[RawAttribution]
) -> None:
    """ "Asked what …, Adelson said, “…”": a complement the parser stretched over its own
    cue is the quotation that follows the cue."""
    for r in found:
        if r.cue is not None and len(r.content) == 2 and r.kind != "direct":
            # "Asked what …, Adelson said, “They have got to …”": the clause before the cue
            # is the question's setting; what was said is the quotation after it
            (s1, e1), (s2, e2) = r.content
            after = [
                q for q in quotes if e1 <= r.cue[0] and r.cue[1] <= q[0] <= s2 + 1 and e2 <= q[1]
            ]
            setting = _SETTING_CLAUSE.match(text, s1) is not None
            if after and setting and not any(qs <= s1 < qe for qs, qe in quotes):
                r.content, r.kind = [after[0]], "direct"
            continue
        if r.cue is None or len(r.content) != 1:
            continue
        s, e = r.content[0]
        if not s < r.cue[0] < e:
            continue
        after = [(qs, qe) for qs, qe in quotes if r.cue[1] <= qs < e and qe <= e + 3]
        if after:
            r.content = [after[0]]
            r.kind = "direct"
