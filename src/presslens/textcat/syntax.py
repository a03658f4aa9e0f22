"""Features read from a sentence's spaCy parse, beside its words.

Word n-grams learn the vocabulary of the debates a model was trained on (the candidates'
names, that year's issues); what separates a checkable assertion from an opinion, a pledge
or a forecast in any source is mostly grammar: a past-tense main verb, a number modifying a
noun ("20 civilians"), a named place or organisation, a modal or a first-person subject on
the main verb ("we will", "I think"). The parse is already there at run time (the pipeline
tags, parses and finds entities before the claims layer), so these cost a pass over the
tokens and no model of their own.

A sentence's parse travels as plain tuples (``ParsedToken``), with character offsets
relative to the sentence, so the linear model needs no spaCy import and training, eval and
the pipeline read the same features from the same function.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from presslens.textcat.cues import CueFunction
from presslens.textcat.features import Token

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

__all__ = ["ParsedToken", "parse_sentence", "parse_texts", "syntax_cues", "with_syntax"]

# (start, end, fine-grained tag, dependency, head index − own index (0: root or outside),
# entity type or "", entity IOB "B"/"I"/"O"/"")
ParsedToken = tuple[int, int, str, str, int, str, str]

_SUBJECT_WORDS = frozenset("i we you they he she it".split())
_SUBJECTS = frozenset(("nsubj", "nsubjpass"))


def parse_sentence(span: Span | Doc, offset: int = 0) -> list[ParsedToken]:
    """The tuples of a parsed sentence, offsets relative to character ``offset``."""
    first = span[0].i if len(span) else 0
    size = len(span)
    out: list[ParsedToken] = []
    for t in span:
        head = t.head.i - t.i
        if not 0 <= t.i - first + head < size:
            head = 0  # the head lies outside the sentence: treat the token as a root
        start = t.idx - offset
        out.append((start, start + len(t.text), t.tag_, t.dep_, head, t.ent_type_, t.ent_iob_))
    return out


def parse_texts(
    nlp: Language, texts: Iterable[str], batch_size: int = 256
) -> list[list[ParsedToken]]:
    """Each text parsed on its own (training and eval read sentences one by one)."""
    return [parse_sentence(doc) for doc in nlp.pipe(texts, batch_size=batch_size)]


def _token_map(tokens: Sequence[Token]) -> list[int]:
    return [t.start for t in tokens]


def _locate(starts: list[int], tokens: Sequence[Token], a: int, b: int) -> tuple[int, int] | None:
    """The feature tokens (``presslens.textcat.features``) that characters a..b overlap."""
    if not tokens:
        return None
    i = max(bisect.bisect_right(starts, a) - 1, 0)
    if tokens[i].end <= a and i + 1 < len(tokens):
        i += 1
    j = max(bisect.bisect_left(starts, b) - 1, i)
    return i, min(j, len(tokens) - 1)


def syntax_cues(
    tokens: Sequence[Token], parsed: Sequence[ParsedToken], text: str
) -> list[tuple[str, int, int]]:
    """(feature, first token, last token): tags and tag bigrams, entity types, the main
    verb's tense or modal and the kind of its subject, a negated main verb, and the noun a
    number counts. Token indices are into ``tokens`` so evidence can point at them."""
    out: list[tuple[str, int, int]] = []
    starts = _token_map(tokens)
    n = len(parsed)
    previous = "<s>"
    for k, (a, b, tag, dep, head, ent, iob) in enumerate(parsed):
        where = _locate(starts, tokens, a, b)
        if where is None:
            break
        f, last = where
        out.append(("p:" + tag, f, last))
        out.append(("pp:" + previous + "_" + tag, f, last))
        previous = tag
        if ent and iob == "B":
            e = k
            while e + 1 < n and parsed[e + 1][6] == "I":
                e += 1
            whole = _locate(starts, tokens, a, parsed[e][1])
            if whole is not None:
                out.append(("ent:" + ent, whole[0], whole[1]))
        if dep == "ROOT":
            out.extend(_root(parsed, k, f, last, text))
        elif dep == "nummod" and head and 0 <= k + head < n:
            out.append(("q:" + parsed[k + head][2], f, last))  # "20 civilians": a count
    return out


def _root(
    parsed: Sequence[ParsedToken], k: int, f: int, last: int, text: str
) -> list[tuple[str, int, int]]:
    """The main verb: its tense (or "MD" under a modal), its subject's kind, a negation,
    and the same for a clause it reports."""
    tense, kids = _tense(parsed, k)
    out = [("r:" + tense, f, last)]
    for m in kids:
        dep = parsed[m][3]
        if dep in _SUBJECTS:
            out.append(("rs:" + tense + "_" + _kind(parsed[m], text), f, last))
        elif dep == "neg":
            out.append(("r:neg", f, last))
        if dep == "ccomp":
            # a reported clause ("X said that the city would reopen …"): the main verb is
            # the report, and whether the report carries a checkable claim is in the
            # clause — its tense or modal, its subject, a negation
            inner, inner_kids = _tense(parsed, m)
            subj = [parsed[j] for j in inner_kids if parsed[j][3] in _SUBJECTS]
            kind = _kind(subj[0], text) if subj else "none"
            out.append(("rc:" + inner, f, last))
            out.append(("rcs:" + inner + "_" + kind, f, last))
            if any(parsed[j][3] == "neg" for j in inner_kids):
                out.append(("rc:neg", f, last))
    return out


def _tense(parsed: Sequence[ParsedToken], k: int) -> tuple[str, list[int]]:
    kids = [m for m in range(len(parsed)) if m != k and parsed[m][4] and m + parsed[m][4] == k]
    return ("MD" if any(parsed[m][2] == "MD" for m in kids) else parsed[k][2]), kids


def _kind(token: ParsedToken, text: str) -> str:
    a, b, tag, _, _, ent, _ = token
    word = text[a:b].lower()
    return word if tag == "PRP" and word in _SUBJECT_WORDS else (ent or tag)


def with_syntax(cues: CueFunction | None, text: str, parsed: Sequence[ParsedToken]) -> CueFunction:
    """``cues`` (if any) and the parse features of one text, as one cue function."""

    def both(tokens: list[Token]) -> list[tuple[str, int, int]]:
        found = cues(tokens) if cues is not None else []
        found.extend(syntax_cues(tokens, parsed, text))
        return found

    return both
