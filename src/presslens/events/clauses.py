"""Parse helpers for event extraction: noun phrases, subjects, conditions, modality.

Reads ``tag_`` and ``dep_`` only (the pipeline leaves the lemmatizer and attribute ruler
out). Offsets are the Doc's character offsets.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from presslens.events.lexicon import (
    AIR_WORDS,
    ARMED_WORDS,
    CIVILIAN_WORDS,
    HEAVY_WEAPONS,
    LIGHT_WEAPONS,
    MILITARY_MODIFIERS,
    NOUNS,
    Entry,
    verb_forms,
)
from presslens.model import EventStatus

__all__ = [
    "FUTURE_AUX",
    "RawArgument",
    "armed_victims",
    "child",
    "civilian",
    "clause_regions",
    "condition_subject",
    "condition_tokens",
    "has_condition",
    "military",
    "modality",
    "negated",
    "noun_actor",
    "noun_entry",
    "phrase",
    "pobj",
    "remote_target",
    "subject_of",
]

_CONDITION_MARKS = frozenset({"if", "unless"})
_HYPOTHETICAL_AUX = frozenset({"can", "could", "may", "might", "ca"})
FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "wo"})
_PLAN_HEADS = frozenset(
    verb_forms("plan")
    | verb_forms("intend")
    | verb_forms("prepare")
    | verb_forms("aim")
    | verb_forms("want")
    | verb_forms("seek")
    | verb_forms("vow")
    | verb_forms("threaten")
    | verb_forms("expect")
    | {"about", "ready", "set", "going", "poised"}
)
_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "conj", "parataxis", "acl", "xcomp"})
_ARG_LEFT = frozenset({"det", "amod", "compound", "poss", "nummod", "quantmod", "nmod", "case"})
_ARMED_ROLES = frozenset(
    "commander commanders chief suspect suspects trafficker traffickers guard guards"
    " personnel intelligence nds militia".split()
)
_AREAS = frozenset(
    "areas area neighbourhoods neighborhoods neighbourhood neighborhood villages village"
    " houses homes districts district town towns city".split()
)
_GUN_WORDS = frozenset("heavy gun sniper machinegun machine-gun small-arms".split())


@dataclass(frozen=True, slots=True)
class RawArgument:
    start: int
    end: int
    head: tuple[int, int]
    appos: tuple[int, int] | None = None


def phrase(tok: Token) -> RawArgument:
    """A noun phrase around ``tok``: its modifiers, an "of" phrase, a name in apposition."""
    toks = [tok]
    appos: tuple[int, int] | None = None
    for child in tok.children:
        left = child.dep_ in _ARG_LEFT and child.i < tok.i
        if left or (child.dep_ == "prep" and child.lower_ == "of" and child.i > tok.i):
            toks.extend(child.subtree)
        elif child.dep_ == "appos" and child.i > tok.i:
            sub = list(child.subtree)
            appos = (sub[0].idx, sub[-1].idx + len(sub[-1]))
            toks.extend(sub)
    # the head stays even when the parser made a punctuation mark the argument (a dash, a
    # stray quote), or the phrase would have no tokens at all
    toks = [t for t in toks if t.i == tok.i or not t.is_punct or t.i in range(toks[0].i, tok.i)]
    lo = min(toks, key=lambda t: t.i)
    hi = max(toks, key=lambda t: t.i)
    while hi.is_punct and hi.i > lo.i:
        hi = hi.doc[hi.i - 1]
    return RawArgument(lo.idx, hi.idx + len(hi), (tok.idx, tok.idx + len(tok)), appos)


def child(tok: Token, *deps: str) -> Token | None:
    for c in tok.children:
        if c.dep_ in deps:
            return c
    return None


def pobj(tok: Token, preps: frozenset[str] | set[str], after: bool = False) -> Token | None:
    for c in tok.children:
        if after and c.i < tok.i:
            continue
        if c.dep_ in ("prep", "dative", "prt") and c.lower_ in preps:
            obj = child(c, "pobj")
            if obj is not None:
                return obj
    return None


def subject_of(verb: Token) -> tuple[Token | None, bool]:
    """The verb's subject (inherited through conj / xcomp / acl), and whether passive."""
    cur = verb
    for _ in range(4):
        subj = child(cur, "nsubj", "nsubjpass", "csubj")
        if subj is not None:
            if subj.tag_ in ("WDT", "WP") and cur.dep_ == "relcl":
                return cur.head, subj.dep_ == "nsubjpass"
            return subj, subj.dep_ == "nsubjpass"
        if cur.dep_ in ("acl", "relcl") and cur.head.tag_.startswith(("NN", "PRP")):
            return cur.head, cur.tag_ == "VBN"
        climb = ("conj", "xcomp", "advcl", "pcomp", "prep", "acomp")
        if cur.dep_ in climb and cur.head.i != cur.i:
            cur = cur.head
            continue
        break
    return None, False


def negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def condition_tokens(sent: SpacySpan) -> frozenset[int]:
    """Tokens inside an "if"/"unless" clause: from the mark to the next comma or the
    sentence end (read off the words: the parser often mis-attaches it, "if IS come")."""
    out: set[int] = set()
    inside = False
    for t in sent:
        if t.lower_ in _CONDITION_MARKS and t.dep_ in ("mark", "advmod", "prep"):
            inside = True
        elif inside and t.text in (",", ";", ":", "—", "–"):
            inside = False
        if inside:
            out.add(t.i)
    return frozenset(out)


def has_condition(verb: Token) -> bool:
    return any(t.lower_ in _CONDITION_MARKS and t.dep_ == "mark" for t in verb.subtree)


def condition_subject(verb: Token, cond: frozenset[int]) -> RawArgument | None:
    """Who the condition is about: "… if IS terrorists come" → IS terrorists."""
    for t in verb.subtree:
        if t.dep_ in ("nsubj", "nsubjpass") and t.i != verb.i and t.i in cond:
            return phrase(t)
    return None


def modality(verb: Token) -> EventStatus:
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & _HYPOTHETICAL_AUX:
        return "hypothetical"
    if verb.dep_ == "xcomp" and verb.head.lower_ in _PLAN_HEADS:
        return "plan"
    if aux & FUTURE_AUX or (verb.tag_ == "VB" and "to" in aux and verb.dep_ == "xcomp"):
        return "plan"
    if verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
        return modality(verb.head) if verb.head.tag_.startswith("VB") else "fact"
    return "fact"


def clause_regions(root: Token, skip: set[int]) -> list[tuple[int, int]]:
    """Character ranges of ``root``'s subtree without its own subordinate clauses."""
    excluded: set[int] = set()
    for c in root.children:
        if c.dep_ in _CLAUSE_DEPS and c.i not in skip:
            excluded.update(t.i for t in c.subtree)
    toks = [t for t in root.subtree if t.i not in excluded]
    out: list[tuple[int, int]] = []
    for t in toks:
        if out and t.idx <= out[-1][1] + 1:
            out[-1] = (out[-1][0], t.idx + len(t))
        else:
            out.append((t.idx, t.idx + len(t)))
    return out


def military(noun: Token) -> bool:
    mods = {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound", "nmod")}
    return bool(mods & (MILITARY_MODIFIERS | AIR_WORDS)) or pobj(noun, {"against"}) is not None


def armed_victims(verb: Token) -> bool:
    """Whether the harmed are combatants: the object or passive subject (inherited through
    "shot and killed") names soldiers, police, militants, commanders of armed groups…"""
    victims = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if not victims:
        subj, passive = subject_of(verb)
        if subj is not None and passive:
            victims = [subj]
        elif verb.dep_ == "conj":
            victims = [c for c in verb.head.children if c.dep_ == "dobj"]
    return any(
        t.lower_ in ARMED_WORDS or t.lower_ in _ARMED_ROLES for v in victims for t in v.subtree
    )


def remote_target(verb: Token) -> bool:
    at = pobj(verb, {"at", "on"})
    return at is not None and at.lower_ in _AREAS


def noun_entry(noun: Token) -> Entry | None:
    low = noun.lower_
    if low in ("fire", "gunfire"):  # "heavy artillery fire", not "a fire broke out"
        mods = {t.lower_ for t in noun.children if t.dep_ in ("amod", "compound", "nmod")}
        if low == "fire" and not mods & (HEAVY_WEAPONS | LIGHT_WEAPONS | _GUN_WORDS):
            return None
        return Entry("FIGHT", "artillery" if mods & HEAVY_WEAPONS else None, 0.6)
    entry = NOUNS.get(low)
    if entry is None and "/" in low:  # "projectiles/explosions/shots"
        entry = next((NOUNS[p] for p in low.split("/") if p in NOUNS), None)
    if entry is None and low in ("out", "outs") and noun.i >= 2:  # the tokenizer splits "shoot-out"
        doc = noun.doc
        if doc[noun.i - 1].text == "-" and doc[noun.i - 2].lower_ in ("shoot", "fire"):
            entry = NOUNS["shoot-out"]
    if entry is None:
        return None
    if low == "march" and noun.text[:1].isupper() and not noun.is_sent_start:
        return None  # "… in March, prosecutors said": the month, not a protest march
    if low == "operation" and not military(noun):
        return None
    if low in ("strike", "strikes"):
        mods = {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound")}
        if not mods & AIR_WORDS:
            return None
    return entry


def noun_actor(noun: Token) -> Token | None:
    by = pobj(noun, {"by", "of"})
    if by is not None and by.lower_ not in CIVILIAN_WORDS:
        return by
    for c in noun.children:
        if c.dep_ == "poss" or (c.dep_ in ("compound", "amod") and c.tag_ in ("NNP", "NNPS")):
            return c
    return None


def civilian(arg: Token | None) -> bool:
    return arg is not None and arg.lower_ in CIVILIAN_WORDS
