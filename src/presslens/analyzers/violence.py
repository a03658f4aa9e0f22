"""Threats and incitement to violence: a violent act the writer wants done.

A sentence that reports violence ("the shelling wounded six") is news; a comment that
asks for it ("shoot them", "the army should flatten…", "turn their villages into
craters") is a call. So a violent verb counts only in a clause that is:

- an order: an imperative ("send in the bombers and turn… to rubble");
- a call on someone else: should / must / need to / ought to / has to, "let's", "it is time
  for X to", "hopefully X is able to";
- the writer's own intent ("I will shoot", "we're going to burn"), which makes it a threat;
- a wish for harm ("they deserve to die", "should be hanged", "I hope they die").

Reads the dependency parse (``tag_`` and ``dep_``), not lemmas: the pipeline leaves the
lemmatizer out, so verb forms are listed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

__all__ = ["ViolenceCall", "ViolenceKind", "find_violence"]

ViolenceKind = Literal["threat", "incitement", "wish"]

_BASES = (
    "kill murder slaughter massacre butcher exterminate eradicate annihilate obliterate wipe"
    " bomb nuke blast shell strafe shoot gun execute hang lynch behead decapitate stab burn"
    " torch gas hunt crush destroy flatten level raze erase eliminate liquidate neutralize"
    " neutralise smash beat punch kick bash hit attack invade storm ambush assassinate"
    " finish torture rape drown bury poison starve castrate choke strangle slap smack whip"
    " abuse stone lynch chop slit"
).split()
_OUTCOMES = frozenset("die perish rot burn hang suffer".split())  # harm wished on someone
_IRREGULAR = {
    "shoot": ("shot",),
    "hang": ("hung", "hanged"),
    "beat": ("beaten",),
    "hit": ("hit",),
    "bury": ("buried", "buries"),
    "die": ("died", "dies", "dying"),
}


def _forms(base: str) -> set[str]:
    out = {base, base + "s", base + "ed", base + "ing"}
    if base.endswith("e"):
        out |= {base + "d", base[:-1] + "ing"}
    if base.endswith(("sh", "ch", "x", "ss")):
        out.add(base + "es")
    if base[-1] in "bgpt" and base[-2] in "aeiou" and base[-3] not in "aeiou":
        out |= {base + base[-1] + "ed", base + base[-1] + "ing"}
    if base.endswith("y") and base[-2] not in "aeiou":
        out |= {base[:-1] + "ies", base[:-1] + "ied"}
    out.update(_IRREGULAR.get(base, ()))
    return out


_VIOLENT = frozenset(f for b in _BASES for f in _forms(b))
_DYING = frozenset(f for b in _OUTCOMES for f in _forms(b)) | {"dead"}
# "turn X to/into rubble": the violence is in the result, not the verb
_RUINS = frozenset(
    "rubble dust ash ashes glass landscape wasteland crater craters ground parking lot".split()
)
_CALL_MODALS = frozenset("should must ought need needs gotta".split())
_INTENT_MODALS = frozenset("will 'll wo shall gonna".split())
_WANTING = frozenset(
    "hope hoping hopefully wish pray praying time able deserve deserves deserved need needs"
    " want wants".split()
)
_FIRST_PERSON = frozenset("i we me us".split())
_NEGATIONS = frozenset("not n't never no".split())
_NOBODY = frozenset("nobody noone none".split())
_VERB_MODIFIERS = frozenset("carpet".split())


@dataclass(frozen=True, slots=True)
class ViolenceCall:
    kind: ViolenceKind
    start: int  # character offsets of the verb phrase that carries the call
    end: int
    cue: str  # what made it a call: "imperative", "should", "I will", "hope", …
    target: str | None  # the object, when there is one: "them", "these scum"
    target_span: tuple[int, int] | None


def find_violence(sentences: Iterable[SpacySpan]) -> list[ViolenceCall]:
    """Calls for violence in the given sentences (for comments: the comment's sentences)."""
    found: list[ViolenceCall] = []
    for sent in sentences:
        for tok in sent:
            if not tok.tag_.startswith("VB") and tok.lower_ not in _DYING:
                continue
            low = tok.lower_
            if low in _VIOLENT or _ruins(tok):
                call = _call(tok, sent, wished=False)
            elif low in _DYING:
                call = _call(tok, sent, wished=True)
            else:
                continue
            if call is not None:
                found.append(call)
        found.extend(_nominal_calls(sent, found))
    return found


# Calls made with nouns: "death to …", "wish you death", "ethnic cleansing is our only hope"
_NOMINAL: tuple[tuple[re.Pattern[str], ViolenceKind, str], ...] = (
    (re.compile(r"\bdeath\s+to\b", re.I), "incitement", "death to"),
    (
        re.compile(r"\b(?:kill|hang|shoot)\s+(?:yo)?urself\b|\bkys\b", re.I),
        "incitement",
        "kill yourself",
    ),
    (re.compile(r"\bwish(?:ing)?\s+(?:\w+\s+){0,3}?(?:death|dead)\b", re.I), "wish", "wish"),
    (
        # idioms of punishment by violence: "nail them to the wall", "string them up"
        re.compile(
            r"\b(?:nail|crucify)\s+(?:them|him|her|\w+)\s+to\s+(?:the\s+)?(?:a\s+)?"
            r"(?:wall|cross|tree)\b|\bstring\s+(?:them|him|her)\s+up\b",
            re.I,
        ),
        "incitement",
        "punishment idiom",
    ),
    (
        re.compile(
            r"\b(?:removed|wiped|erased)\s+(?:off|from)\s+the\s+face\s+of\s+the\s+earth", re.I
        ),
        "incitement",
        "off the face of the earth",
    ),
)
_MASS_VIOLENCE = re.compile(
    r"\b(?:genocide|ethnic\s+cleansing|massacre|extermination|holocaust|lynching|pogrom)\b", re.I
)
_CALL_WORDS = re.compile(
    r"\b(?:need|want|hope|should|must|let'?s|time\s+for|start|bring\s+back|deserve)\b", re.I
)


def _nominal_calls(sent: SpacySpan, found: list[ViolenceCall]) -> list[ViolenceCall]:
    text, base = sent.text, sent.start_char
    taken = [(c.start, c.end) for c in found]
    out: list[ViolenceCall] = []
    hits = [(m, kind, cue) for pattern, kind, cue in _NOMINAL for m in pattern.finditer(text)]
    if _CALL_WORDS.search(text):
        hits += [(m, "incitement", "call for mass violence") for m in _MASS_VIOLENCE.finditer(text)]
    for m, kind, cue in hits:
        start, end = base + m.start(), base + m.end()
        if any(s < end and start < e for s, e in taken):
            continue
        taken.append((start, end))
        out.append(ViolenceCall(kind, start, end, cue, None, None))
    return out


def _ruins(tok: Token) -> bool:
    if tok.lower_ not in {"turn", "turned", "reduce", "reduced", "make"}:
        return False
    return any(t.lower_ in _RUINS and t.i > tok.i and t.i - tok.i < 10 for t in tok.subtree)


def _call(verb: Token, sent: SpacySpan, *, wished: bool) -> ViolenceCall | None:
    children = list(verb.children)
    if any(c.lower_ in _NEGATIONS and c.dep_ == "neg" for c in children):
        return None
    aux = [c for c in children if c.dep_ in ("aux", "auxpass")]
    subject = _subject(verb)
    if subject is not None and subject.lower_ in _NOBODY:
        return None
    kind, cue = _modality(verb, subject, aux, wished=wished)
    head = verb
    for _ in range(3):  # "go kill yourself", "start killing …", "I'm going to choke you"
        if kind is not None or head.dep_ not in ("xcomp", "conj") or head.head is head:
            break
        head = head.head
        if not head.tag_.startswith("VB") or head.lower_ in _VIOLENT:
            break
        h_aux = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
        kind, cue = _modality(head, _subject(head), h_aux, wished=wished)
    if kind is None:
        wanted = _wanted(verb, sent)
        if wanted is not None:
            kind, cue = ("wish" if wished else "incitement"), wanted
    if kind is None:
        return None
    if wished and kind != "threat":
        kind = "wish"
    return _located(verb, kind, cue, subject, children, wished=wished)


def _modality(
    verb: Token, subject: Token | None, aux: list[Token], *, wished: bool
) -> tuple[ViolenceKind | None, str]:
    """Is this verb's clause an order, a call on someone, or the writer's own intent?"""
    kind: ViolenceKind | None = None
    cue = ""
    modals = [a.lower_ for a in aux]
    first_person = (
        subject is not None and subject.lower_ in _FIRST_PERSON and subject.text != "US"
    ) or (subject is not None and subject.lower_ in ("im", "ima", "i'm"))
    if verb.lower_ in ("going", "gonna") and first_person and subject is not None:
        return "threat", f"{subject.text} {verb.text}"
    if any(m in _CALL_MODALS for m in modals):
        kind, cue = (
            ("wish" if wished or verb.tag_ == "VBN" else "incitement"),
            next(m for m in modals if m in _CALL_MODALS),
        )
    elif any(m in _INTENT_MODALS for m in modals) or "going" in modals:
        if first_person and subject is not None:
            kind, cue = "threat", f"{subject.text} {aux[0].text}"
    elif _imperative(verb, subject, aux):
        kind, cue = ("wish" if wished else "incitement"), "imperative"
    return kind, cue


def _located(
    verb: Token,
    kind: ViolenceKind,
    cue: str,
    subject: Token | None,
    children: list[Token],
    *,
    wished: bool,
) -> ViolenceCall:
    obj = next((c for c in children if c.dep_ in ("dobj", "nsubjpass")), None)
    if obj is None and wished:
        obj = subject or _subject(verb.head)  # "they deserve to die": harm on the subject
    if obj is None and subject is not None and verb.tag_ == "VBN":
        obj = subject
    target_span = None
    target = None
    if obj is not None:
        left, right = obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge)
        target_span = (left, right)
        # the tokens' own text, not Doc.text: that joins the whole document on every call
        target = verb.doc[obj.left_edge.i : obj.right_edge.i + 1].text
    start = verb.idx
    end = verb.idx + len(verb)
    if verb.i > 0 and verb.nbor(-1).lower_ in _VERB_MODIFIERS:
        start = verb.nbor(-1).idx
    particle = next((c for c in children if c.dep_ == "prt"), None)
    if particle is not None and particle.i == verb.i + 1:
        end = particle.idx + len(particle)  # "wipe out", "finish off"
    # the evidence is the whole phrase, the verb through what it does to whom ("shell
    # them", "reduce their supply lines to rubble"), not the verb alone
    if obj is not None and verb.i < obj.i and obj.right_edge.i - verb.i <= 8:
        end = max(end, obj.right_edge.idx + len(obj.right_edge))
    ruin = next((t for t in verb.subtree if t.lower_ in _RUINS and 0 < t.i - verb.i < 10), None)
    if ruin is not None:
        end = max(end, ruin.idx + len(ruin))
    return ViolenceCall(kind, start, end, cue, target, target_span)


def _imperative(verb: Token, subject: Token | None, aux: list[Token]) -> bool:
    """A bare verb with no subject that starts its clause, or that is coordinated in a
    sentence whose main verb is such an order ("Cover that area … and blast them")."""
    if verb.tag_ != "VB" or subject is not None or aux:
        return False
    if verb.dep_ in ("ROOT", "ccomp", "parataxis"):
        return _starts_clause(verb)
    root = verb.sent.root
    if verb.dep_ == "conj" and root is not verb and root.tag_ == "VB":
        return _subject(root) is None and _starts_clause(root)
    return False


def _starts_clause(verb: Token) -> bool:
    # an order opens its clause, perhaps after "yes", "just", "so" or a ";"
    for t in reversed(verb.sent[: verb.i - verb.sent.start]):
        if t.text in (";", ":", "—", "–", "-", ".", "!", "?"):
            return True
        if t.is_punct or t.is_space or (t.lower_ in _VERB_MODIFIERS and t.i == verb.i - 1):
            continue
        if t.dep_ not in ("advmod", "intj", "discourse", "cc", "punct"):
            return False
    return True


def _subject(tok: Token) -> Token | None:
    subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.lower_ in _VERB_MODIFIERS and subject.i == tok.i - 1:
        return None  # "carpet bomb": the tagger reads "carpet" as the subject
    return subject


def _wanted(verb: Token, sent: SpacySpan) -> str | None:
    """ "hope X is able to bomb", "it is time for X to strike", "they deserve to die"."""
    tok = verb
    for _ in range(4):
        if tok.dep_ not in ("xcomp", "ccomp", "advcl", "relcl", "acl", "conj") or tok.head is tok:
            break
        tok = tok.head
        if tok.lower_ in _WANTING:
            return tok.lower_
        if any(c.lower_ in _WANTING for c in tok.children if c.dep_ in ("advmod", "acomp", "attr")):
            return next(c.lower_ for c in tok.children if c.lower_ in _WANTING)
    if any(t.lower_ in ("hopefully", "let", "let's") for t in sent if t.i < verb.i):
        return "hopefully" if any(t.lower_ == "hopefully" for t in sent) else "let's"
    return None
