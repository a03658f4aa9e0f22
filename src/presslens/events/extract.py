"""Event-bearing clauses from the dependency parse: trigger, actor, target, status.

Reads ``tag_`` and ``dep_`` only (the pipeline leaves the lemmatizer and attribute ruler
out). A verb from the lexicon is a trigger; so is an event noun when a clause verb merely
reports it ("clashes erupted", "the airstrike killed…", "the operation has been started").
Clauses under "if" are conditions, not events: they make the governing event hypothetical.
Statements are events only when they threaten, demand, accuse or appeal; a warning that
comes with a condition ("will respond as it sees fit if…") is a conditional threat.

Offsets are the Doc's character offsets; linking to entities, places, dates and quotes is
the component's job.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from presslens.doctext import doc_text
from presslens.events.casualties import RawCasualty, find_casualties
from presslens.events.clauses import (
    FUTURE_AUX,
    RawArgument,
    armed_victims,
    child,
    civilian,
    clause_regions,
    condition_subject,
    condition_tokens,
    has_condition,
    modality,
    negated,
    noun_actor,
    noun_entry,
    phrase,
    pobj,
    remote_target,
    subject_of,
)
from presslens.events.lexicon import (
    AIR_WORDS,
    ARMED_WORDS,
    CIVILIAN_WORDS,
    HEAVY_WEAPONS,
    LIGHT_VERBS,
    LIGHT_WEAPONS,
    VERBS,
    Entry,
    verb_forms,
)
from presslens.model import EventStatus

__all__ = ["RawArgument", "RawEvent", "extract_events"]


_SPEECH = frozenset(
    verb_forms("say")
    | verb_forms("state")
    | verb_forms("add")
    | verb_forms("stress")
    | verb_forms("declare")
    | verb_forms("announce")
    | verb_forms("tell")
    | {"said", "told"}
)
_MEASURE_WORDS = frozenset(
    "measures response retaliation retaliate respond consequences action steps force".split()
)
_DEST_PREPS = frozenset({"to", "towards", "toward", "into", "for"})
_PLACE_PREPS = frozenset({"in", "near", "at", "around", "outside", "across", "on", "inside"})
_RELATION_WORDS = frozenset(
    "ties relations relationship accord agreement protocol deal treaty talks contacts".split()
)
_TIME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow"
    " week month year morning night evening".split()
)
_BREAK = frozenset(verb_forms("break") | verb_forms("cut") | verb_forms("downgrade"))
_CROWDS = frozenset(
    "group groups mob mobs crowd crowds rioters youths villagers supporters families locals"
    " members".split()
)
_OBSERVERS = frozenset(verb_forms("observe") | verb_forms("report") | verb_forms("record"))


def _hyphen_compound(tok: Token) -> bool:
    """ "well-executed", "battle-tested": the word is half of a compound adjective."""
    i = tok.i
    return i >= 2 and tok.doc[i - 1].text == "-" and not tok.doc[i - 1].whitespace_


_REMAINS = frozenset({"body", "bodies", "remains", "corpse", "corpses", "heads"})
_FIND = frozenset(verb_forms("find") | {"found"})
_NO_ACTOR = frozenset(verb_forms("explode") | verb_forms("detonate"))


@dataclass(slots=True)
class RawEvent:
    category: str
    mode: str | None
    weight: float
    trigger: tuple[int, int]
    sentence: tuple[int, int]
    regions: list[tuple[int, int]]  # where the event's own place and time may be named
    fallback: list[tuple[int, int]] = field(default_factory=list)  # the sentence's own
    actor: RawArgument | None = None
    target: RawArgument | None = None
    origin: RawArgument | None = None
    destination: RawArgument | None = None
    status: EventStatus = "fact"  # the component adds "attributed"
    statement: bool = False  # a speech act (the speaker is the actor)
    clause_root: int = -1  # token index of the clause's verb (or noun)
    casualties: list[RawCasualty] = field(default_factory=list)


class _Extractor:
    def __init__(self, sent: SpacySpan, bounds: tuple[int, int] | None) -> None:
        self.sent = sent
        self.tokens = list(sent)
        self.bounds = bounds or (sent.start_char, sent.end_char)
        self.cond = condition_tokens(sent)
        self.used: set[int] = set()
        self.out: list[RawEvent] = []

    def run(self) -> list[RawEvent]:
        lo, hi = self.bounds
        tokens = self.tokens  # the sentence is walked four times: its tokens made once
        for tok in tokens:
            if not lo <= tok.idx < hi:
                self.used.add(tok.i)  # another paragraph the parser ran into this sentence
        for tok in tokens:
            if tok.i in self.used or tok.i in self.cond:
                continue
            if tok.tag_.startswith("VB"):
                self._verb(tok)
        for tok in tokens:
            if tok.i not in self.used and tok.tag_.startswith("NN") and tok.i not in self.cond:
                self._bare_noun(tok)
        root = self.sent.root
        fronted = [  # "On 9 May, …": a fronted time or place adjunct scopes over the sentence
            (t.left_edge.idx, t.right_edge.idx + len(t.right_edge))
            for t in root.children
            if t.dep_ in ("prep", "npadvmod") and t.i not in self.cond
        ]
        locative = self._locatives()
        fronted = [(a, b) for a, b in fronted if a < root.idx]
        for ev in self.out:
            ev.fallback = list(fronted)
            if not ev.statement:
                ev.fallback.extend(locative)
        text = ""  # Doc.text joins every token of the document: read when needed, once
        for ev in self.out:  # arguments from across a paragraph break are the parser's error
            for name in ("actor", "target", "origin", "destination"):
                arg = getattr(ev, name)
                if arg is not None and not (lo <= arg.start and arg.end <= hi):
                    inside = lo <= arg.head[0] < hi
                    start, end = max(arg.start, lo), min(arg.end, hi)
                    text = text or doc_text(self.sent.doc)
                    while inside and start < end and text[start].isspace():
                        start += 1
                    clipped = RawArgument(start, end, arg.head, arg.appos) if inside else None
                    setattr(ev, name, clipped)
            ev.regions = [(max(a, lo), min(b, hi)) for a, b in ev.regions if a < hi and b > lo]
            ev.fallback = [(max(a, lo), min(b, hi)) for a, b in ev.fallback if a < hi and b > lo]
        self.out.sort(key=lambda e: e.trigger)
        return self.out

    def _locatives(self) -> list[tuple[int, int]]:
        """Objects of locative prepositions anywhere in the sentence, except inside relative
        clauses ("the minister, who was born in Aleppo, …" says nothing of where)."""
        out: list[tuple[int, int]] = []
        for t in self.tokens:
            if t.dep_ != "prep" or t.lower_ not in _PLACE_PREPS or t.i in self.cond:
                continue
            cur, inside_relcl = t, False
            while cur.head.i != cur.i:
                if cur.dep_ in ("relcl", "acl"):
                    inside_relcl = True
                    break
                cur = cur.head
            if not inside_relcl:
                out.append((t.idx, t.right_edge.idx + len(t.right_edge)))
        return out

    def _event_noun(self, verb: Token) -> Token | None:
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ == "in":  # "participated in a demonstration"
                obj = child(c, "pobj")
                if obj is not None and obj.i not in self.used and noun_entry(obj) is not None:
                    return obj
            if c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and c.i not in self.used:
                if noun_entry(c) is not None:
                    return c
                for of in c.children:  # "the beginning of the operation"
                    obj = child(of, "pobj") if of.lower_ == "of" else None
                    if obj is not None and noun_entry(obj) is not None:
                        return obj
        return None

    def _verb(self, verb: Token) -> None:
        low = verb.lower_
        if low in LIGHT_VERBS:
            noun = self._event_noun(verb)
            if noun is not None:
                self._noun_with_verb(noun, verb)
                return
        elif low not in VERBS:  # "a protest drove past the court": a strong event noun as subject
            subj = child(verb, "nsubj", "nsubjpass")
            entry = noun_entry(subj) if subj is not None and subj.i not in self.used else None
            if subj is not None and entry is not None and entry.weight >= 0.8:
                self._noun_with_verb(subj, verb)
                return
        if low in _SPEECH:
            self._conditional_threat(verb)
            return
        entry = VERBS.get(low)
        if low in _FIND and any(
            c.lower_ in ("dead", "killed", "murdered")
            or (c.dep_ == "nsubjpass" and c.lower_ in _REMAINS)
            for c in verb.children
        ):
            entry = Entry("ASSAULT", None, 0.7)  # "a woman was found dead", "a body was found"
        obj0 = child(verb, "dobj")
        if low in _BREAK and obj0 is not None and obj0.lower_ in _RELATION_WORDS:
            entry = Entry("SANCTION", "relations", 0.8)  # "broke off diplomatic ties"
        if entry is None or negated(verb) or verb.dep_ == "amod" or _hyphen_compound(verb):
            return
        if entry.needs is not None and pobj(verb, set(entry.needs.split()), True) is None:
            needs = set(entry.needs.split())
            dobj = child(verb, "dobj")
            weapons = {t.lower_ for t in dobj.subtree} if dobj is not None else set()
            if verb.dep_ == "acl":  # "shells fired by …"
                weapons.add(verb.head.lower_)
            if not (low.startswith("call") and child(verb, "prt") is not None) and not (
                weapons & (needs | HEAVY_WEAPONS | LIGHT_WEAPONS)
            ):
                return
        subj, passive = subject_of(verb)
        if self.bounds[0] > self.sent.start_char and (subj is None or subj.idx < self.bounds[0]):
            subj = self._clipped_subject(verb)
        obj = child(verb, "dobj")
        event = self._new(entry, verb, verb)
        statement = entry.category in ("DEMAND", "THREATEN", "ACCUSE", "REJECT", "SUPPORT")
        event.statement = statement
        if passive:
            event.target = phrase(subj) if subj is not None else None
            agent = pobj(verb, {"by"}) or next(
                (a for c in verb.children if c.dep_ == "conj" for a in [pobj(c, {"by"})] if a),
                None,
            )
            agent_entry = noun_entry(agent) if agent is not None else None
            if agent is not None and agent_entry is not None:  # "killed by airstrikes"
                self.used.add(agent.i)
                event.mode = agent_entry.mode or event.mode
                agent = noun_actor(agent)
            event.actor = phrase(agent) if agent is not None else None
        else:
            if subj is not None and low not in _NO_ACTOR and subj.tag_ != "EX":
                event.actor = phrase(subj)
            tgt = obj
            if obj is not None and obj.lower_ in _RELATION_WORDS:
                tgt = pobj(obj, {"with", "to"}) or pobj(verb, {"with", "to"})
            elif obj is not None and noun_entry(obj) is not None:
                tgt = noun_actor(obj) or obj  # "condemned an attack by X": X is the target
            if entry.category == "DEMAND":
                on = pobj(verb, {"on", "upon"}, after=True)
                tgt = on if low.startswith("call") or obj is None else obj
            elif entry.category in ("FIGHT", "ASSAULT", "SANCTION", "PROTEST"):
                tgt = obj or pobj(verb, {"against", "on", "with"})
            elif entry.category == "CONSULT":
                tgt = obj or pobj(verb, {"with"})
            elif entry.category == "MOVE":
                tgt = None
            if tgt is not None and tgt.lower_ in _TIME_WORDS:
                tgt = None
            if (tgt is not None and tgt.tag_ not in ("PRP", "CD")) or (
                tgt is not None and tgt.lower_ in ("them", "him", "her", "it")
            ):
                event.target = phrase(tgt)
        if entry.category == "MOVE":
            self._move_places(event, verb, obj)
        if entry.category in ("THREATEN", "DEMAND") and has_condition(verb):
            event.status = "hypothetical"
            if event.target is None:
                event.target = condition_subject(verb, self.cond)
        if entry.category == "FIGHT":
            self._fight_kind(event, verb, subj, obj)
        if event.category in ("ASSAULT", "FIGHT") and event.mode is None:
            if self._air(verb):
                event.mode = "airstrike"
            elif remote_target(verb):
                event.mode = "artillery"  # fire at residential areas: remote violence
        self._finish(event, verb)

    def _clipped_subject(self, verb: Token) -> Token | None:
        """The parser ran a headline into this sentence and lost its subject: take the
        first noun of the clipped sentence, if it comes before the verb."""
        for t in self.tokens:
            if t.idx < self.bounds[0] or t.is_space or t.is_punct:
                continue
            if t.i >= verb.i:
                return None
            if t.tag_.startswith("NN") or t.tag_ == "PRP":
                while (
                    t.dep_ in ("compound", "amod", "nmod")
                    and self.bounds[0] <= t.head.idx < verb.idx
                    and t.head.tag_.startswith("NN")
                ):
                    t = t.head
                return t
        return None

    def _fight_kind(
        self, event: RawEvent, verb: Token, subj: Token | None, obj: Token | None
    ) -> None:
        """Heavy weapons make it shelling; a crowd fighting is a riot; an attack on
        civilians is an assault."""
        words = {t.lower_ for t in verb.subtree}
        if words & HEAVY_WEAPONS and not words & LIGHT_WEAPONS:
            event.mode = event.mode or "artillery"
        who = subj
        if subj is not None and subj.lower_ in ("group", "groups"):
            who = pobj(subj, {"of"}) or subj
        crowd = (
            who is not None
            and (who.lower_ in CIVILIAN_WORDS or who.lower_ in _CROWDS)
            and not any(t.lower_ in ARMED_WORDS for t in who.subtree)
        )
        if civilian(obj):
            event.category = "ASSAULT"
        elif crowd and not words & HEAVY_WEAPONS:
            event.category, event.mode = "PROTEST", "riot"

    def _air(self, verb: Token) -> bool:
        return any(t.lower_ in AIR_WORDS for t in verb.subtree)

    def _move_places(self, event: RawEvent, verb: Token, obj: Token | None) -> None:
        origin = pobj(verb, {"from"})
        if origin is None and obj is not None and verb.lower_ in verb_forms("leave"):
            origin = obj
        dest = pobj(verb, _DEST_PREPS)
        if dest is None:  # "…leave Mosul, heading to Raqqa"
            for c in verb.children:
                if c.dep_ in ("advcl", "xcomp", "conj") and c.tag_.startswith("VB"):
                    dest = pobj(c, _DEST_PREPS)
                    if dest is not None:
                        self.used.add(c.i)  # "heading to" is this move, not another
                        break
        if dest is None:
            dest = pobj(verb, {"in"})
        if origin is None and dest is not None:  # "flee to the city of X from Y"
            origin = pobj(dest, {"from"})
        event.origin = phrase(origin) if origin is not None else None
        event.destination = phrase(dest) if dest is not None else None

    def _noun_with_verb(self, noun: Token, verb: Token) -> None:
        entry = noun_entry(noun)
        assert entry is not None
        self.used.update({noun.i, verb.i})
        event = self._new(entry, noun, verb)
        subj = child(verb, "nsubj")
        obj = child(verb, "dobj", "nsubjpass")
        actor = noun_actor(noun)
        observer = verb.lower_ in _OBSERVERS  # who observed shelling did not shell
        if actor is None and subj is not None and subj.i != noun.i and not observer:
            actor = subj
        if actor is None and noun.lower_ in ("clashes", "clash", "fighting"):
            actor = pobj(noun, {"between"})
        target = pobj(noun, {"against", "on"})
        if target is None and obj is not None and obj.i != noun.i:
            target = obj
        if target is None and actor is not None and actor.dep_ == "pobj":
            target = child(actor, "conj")
        event.actor = phrase(actor) if actor is not None else None
        event.target = phrase(target) if target is not None else None
        if event.category == "FIGHT" and (civilian(target) or entry.mode == "airstrike"):
            event.category = "ASSAULT"
        if negated(verb):
            return
        self._finish(event, verb)

    def _bare_noun(self, noun: Token) -> None:
        """An event noun no clause verb reports: only "the beginning of the operation" or a
        headline-style noun at the root ("Airstrike on …")."""
        entry = noun_entry(noun)
        if entry is None:
            return
        head = noun.head
        anchored = (
            (
                noun.dep_ == "pobj"
                and head.lower_ == "of"
                and head.head.lower_ in ("beginning", "start", "launch", "outbreak", "wave")
            )
            or (noun.dep_ == "pobj" and head.lower_ == "during")  # "wounded during an attack"
            or noun.dep_ == "ROOT"
            # "There was a clash between …": the existential names the event itself
            or (noun.dep_ == "attr" and any(c.dep_ == "expl" for c in head.children))
        )
        if not anchored or (entry.weight < 0.6 and noun.lower_ != "operation"):
            return
        self.used.add(noun.i)
        event = self._new(entry, noun, noun)
        actor = noun_actor(noun)
        target = pobj(noun, {"against", "on"})
        event.actor = phrase(actor) if actor is not None else None
        event.target = phrase(target) if target is not None else None
        root = head.head if noun.dep_ == "pobj" else noun
        event.regions = clause_regions(root, set())
        self._finish(event, None)

    def _conditional_threat(self, verb: Token) -> None:
        """ "X said that Ankara would respond as it sees fit if …": a threat."""
        comp = child(verb, "ccomp")
        if comp is None or negated(verb) or not has_condition(comp):
            return
        words = {t.lower_ for t in comp.subtree}
        aux = {c.lower_ for c in comp.children if c.dep_ == "aux"}
        if not (aux & FUTURE_AUX) or not (words & _MEASURE_WORDS):
            return
        subj, _ = subject_of(verb)
        event = self._new(Entry("THREATEN", "conditional", 0.7), verb, verb)
        event.statement = True
        event.status = "hypothetical"
        event.actor = phrase(subj) if subj is not None else None
        event.target = condition_subject(comp, self.cond)
        self._finish(event, verb)

    def _new(self, entry: Entry, trigger: Token, clause: Token) -> RawEvent:
        mods = {c.lower_ for c in trigger.children if c.dep_ in ("amod", "compound")}
        mode = entry.mode or ("ground" if "ground" in mods else None)
        if mode is None and entry.category in ("FIGHT", "ASSAULT") and mods & AIR_WORDS:
            mode = "airstrike"  # "air raids", "drone attack"
        return RawEvent(
            category=entry.category,
            mode=mode,
            weight=entry.weight,
            trigger=(trigger.idx, trigger.idx + len(trigger)),
            sentence=self.bounds,
            regions=clause_regions(clause, set()),
            clause_root=clause.i,
        )

    def _finish(self, event: RawEvent, verb: Token | None) -> None:
        if event.category == "ASSAULT" and verb is not None and armed_victims(verb):
            event.category = "FIGHT"  # combatants killed: fighting, not an assault
        if verb is not None:
            self.used.add(verb.i)
            if event.status == "fact":
                event.status = modality(verb)
            clause = verb.doc[verb.left_edge.i : verb.right_edge.i + 1]
            event.casualties = [
                c
                for c in find_casualties(clause)
                if any(lo <= c.start < hi for lo, hi in event.regions)
            ]
            for c in event.casualties:  # the harm verb is part of this event
                for t in clause:
                    if c.start <= t.idx < c.end:
                        self.used.add(t.i)
        self.out.append(event)


def extract_events(sent: SpacySpan, bounds: tuple[int, int] | None = None) -> list[RawEvent]:
    """The events one parsed sentence reports, in text order; ``bounds`` clips the sentence
    to its paragraph when the parser ran two paragraphs together."""
    return _Extractor(sent, bounds).run()
