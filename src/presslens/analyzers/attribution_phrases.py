"""Attribution readings of a preposition: "according to X, …" (source X, content the
clause the phrase modifies) and a poll's findings ("In a CNN poll, 50 percent …": PolNeAR
marks "in" as the cue and the poll as the source). Offsets are characters of the Doc's text."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from presslens.analyzers.attribution_spans import RawAttribution, subtree_span, trimmed

__all__ = ["according_to", "in_findings"]


def according_to(
    doc: Doc, tok: Token, text: str, quotes: list[tuple[int, int]]
) -> RawAttribution | None:
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    # the name in apposition ("according to the spokesman, John Smith,") is part of the source
    source = subtree_span(doc, pobj)
    phrase = {t.i for t in tok.subtree} | {tok.i, to.i}
    name = _trailing_name(doc, max(phrase) + 1)
    if name is not None and source is not None:
        phrase |= set(range(max(phrase) + 1, name + 1))
        source = (source[0], doc[name - 1].idx + len(doc[name - 1].text))
    # the cue's own line: a sentence the parser ran on from a quotation's closing mark
    # over a paragraph break ("…future.”¶¶Republicans denounced the deal, … according to")
    # starts after the break
    line = _line_of(text, tok.idx)
    kept = [t.i for t in tok.sent if t.i not in phrase and line[0] <= t.idx < line[1]]
    kept = _without_openers(doc, kept)
    spans = [sp for sp in _runs(doc, kept) if text[sp[0] : sp[1]] not in _MARKS]
    if not spans:
        return None
    return RawAttribution(
        kind="according_to",
        content=spans,
        cue=(tok.idx, to.idx + len(to.text)),
        cue_token=tok,
        source=source,
        source_head=pobj,
    )


_MARKS = frozenset({'"', "”", "“", "''", "``", "»", "«"})


_OPENER_DEPS = frozenset({"advmod", "cc"})


def _without_openers(doc: Doc, kept: list[int]) -> list[int]:
    """The clause without the linking word that opens the sentence ("And …", "Meanwhile,
    …", "Even so, …"): annotators start the content at the clause (an opening phrase or
    clause, "In Pennsylvania, …", they keep: tried, it lost more than it gained)."""
    while kept:
        first = doc[kept[0]]
        if first.dep_ == "cc" and first.head.dep_ == "ROOT":
            kept = kept[1:]
            continue
        if first.dep_ not in _OPENER_DEPS or first.head.dep_ != "ROOT":
            break
        end = first.right_edge.i
        if end + 1 >= len(doc) or doc[end + 1].text != "," or end - first.i > 12:
            break
        kept = [i for i in kept if i > end + 1]
    return kept


def _line_of(text: str, i: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, i) + 1
    end = text.find("\n", i)
    return start, len(text) if end < 0 else end


def _runs(doc: Doc, indices: list[int]) -> list[tuple[int, int]]:
    """The character spans of the runs of consecutive token indices, edges trimmed."""
    frags: list[tuple[int, int]] = []
    run: list[int] = []
    for i in indices:
        if run and i != run[-1] + 1:
            frags.append((run[0], run[-1]))
            run = []
        run.append(i)
    if run:
        frags.append((run[0], run[-1]))
    return [s for s in (trimmed(doc, lo, hi) for lo, hi in frags) if s is not None]


# What a poll or study found ("In a CNN poll released Monday, 50 percent chose …", "Trump
# is ahead in the polls"): PolNeAR marks "in" as the cue and the poll as the source.
_FINDINGS = frozenset("poll polls survey surveys study studies".split())


def in_findings(doc: Doc, tok: Token) -> RawAttribution | None:
    pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    verb = tok.head
    if pobj is None or pobj.lower_ not in _FINDINGS or not verb.tag_.startswith("VB"):
        return None
    if verb.dep_ not in ("ROOT", "ccomp", "conj") or not any(
        c.dep_ in ("nsubj", "nsubjpass") and c.tag_ not in ("WP", "WDT") for c in verb.children
    ):
        return None  # "who leads in the polls", "as he rises in the polls": not a finding
    if any(c.dep_ in ("poss", "compound") and c.lower_ in _FINDINGS for c in pobj.children):
        return None
    phrase = {t.i for t in tok.subtree}
    spans = _runs(doc, [t.i for t in verb.subtree if t.i not in phrase])
    source = subtree_span(doc, pobj)
    if not spans or source is None:
        return None
    return RawAttribution(
        kind="indirect",
        content=spans,
        cue=(tok.idx, tok.idx + len(tok.text)),
        cue_token=tok,
        source=source,
        source_head=pobj,
        notes=["findings"],
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
