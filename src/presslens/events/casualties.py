"""Casualty counts from the parse: "killed twenty civilians" → 20 civilians killed.

The count is the number attached to the harmed noun: the object of an active verb
("killed twenty civilians"), the subject of a passive one ("20 soldiers were wounded"), the
noun a participle modifies ("more than 20 elements killed"), or a noun of harm itself
("five deaths", "12 dead").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from presslens.events.lexicon import verb_forms

__all__ = ["CasualtyKind", "RawCasualty", "find_casualties", "parse_number"]

CasualtyKind = Literal["killed", "injured", "detained", "displaced", "missing"]

_VERB_KIND: dict[str, CasualtyKind] = {}
for _bases, _kind in (
    ("kill murder slay massacre execute behead", "killed"),
    ("wound injure hurt maim", "injured"),
    ("arrest detain abduct kidnap capture", "detained"),
    ("displace", "displaced"),
):
    for _b in _bases.split():
        for _f in verb_forms(_b):
            _VERB_KIND[_f] = _kind  # type: ignore[assignment]
_NOUN_KIND: dict[str, CasualtyKind] = {
    "dead": "killed",
    "deaths": "killed",
    "fatalities": "killed",
    "killed": "killed",
    "bodies": "killed",
    "wounded": "injured",
    "injured": "injured",
    "injuries": "injured",
    "casualties": "injured",
    "missing": "missing",
    "displaced": "displaced",
}
_UNITS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
        " fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    w: 10 * (i + 2)
    for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_VAGUE = frozenset("dozens scores hundreds thousands several many some numerous".split())


def parse_number(words: str) -> int | None:
    """'twenty' → 20, '5,000' → 5000, 'twenty-one' → 21, 'a dozen' → 12; None when vague."""
    w = words.casefold().replace("-", " ").strip()
    digits = w.replace(",", "")
    if re.fullmatch(r"\d+", digits):
        return int(digits)
    if w in ("a dozen", "dozen"):
        return 12
    total, current, seen = 0, 0, False
    for part in w.split():
        if part in ("and", "a"):
            continue
        if part in _UNITS:
            current += _UNITS[part]
        elif part in _TENS:
            current += _TENS[part]
        elif part in _SCALES:
            current = max(current, 1) * _SCALES[part]
            if _SCALES[part] >= 1000:
                total, current = total + current, 0
        elif re.fullmatch(r"\d+", part.replace(",", "")):
            current += int(part.replace(",", ""))
        else:
            return None
        seen = True
    return total + current if seen else None


@dataclass(frozen=True, slots=True)
class RawCasualty:
    kind: CasualtyKind
    count: int | None
    who: str | None
    start: int
    end: int


def _count_of(noun: Token) -> tuple[int | None, Token | None]:
    for child in noun.children:
        if child.dep_ == "nummod" or (child.tag_ == "CD" and child.dep_ in ("amod", "quantmod")):
            words = [t for t in child.subtree if t.tag_ == "CD" or t.lower_ in ("a", "dozen")]
            return parse_number(" ".join(t.text for t in words)), child
    if noun.tag_ == "CD":
        return parse_number(noun.text), noun
    return None, None


def _harmed(verb: Token) -> Token | None:
    if verb.dep_ in ("acl", "amod") and verb.head.tag_.startswith("NN"):
        return verb.head
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            return child
    return None


def find_casualties(clause: SpacySpan) -> list[RawCasualty]:
    """Every casualty count in a clause (a sentence or a verb's subtree)."""
    out: list[RawCasualty] = []
    for tok in clause:
        low = tok.lower_
        noun: Token | None = None
        kind: CasualtyKind | None = None
        if tok.tag_.startswith("VB") and low in _VERB_KIND:
            kind, noun = _VERB_KIND[low], _harmed(tok)
        elif tok.tag_.startswith(("NN", "JJ")) and low in _NOUN_KIND:
            kind, noun = _NOUN_KIND[low], tok
        if kind is None or noun is None:
            continue
        count, num = _count_of(noun)
        if num is None and noun is not tok:
            continue  # "killed the commander": no count, not a casualty figure
        who = None if noun is tok or noun.tag_ == "CD" else noun.text.casefold()
        if noun is tok and count is None and low not in ("dead", "wounded"):
            continue
        lo = min(t.idx for t in (tok, noun, *(t for t in [num] if t is not None)))
        hi = max(t.idx + len(t) for t in (tok, noun))
        out.append(RawCasualty(kind, count, who, lo, hi))
    return out
