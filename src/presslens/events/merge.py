"""One event per happening in a document: clause events merged into mentions of one event.

An article tells its main happening several times (the headline, the lead, a source's
words, a quotation); counted once per clause, the map and the timeline show it several
times. Two clause events are mentions of one event when they agree on what (the same PLOVER
category), on who (the same actor or target entity, or mostly the same words; a missing
one neither joins nor separates), on where (the same place or origin, within
``radius_km``), and on when (dates within ``window_days``), and when both are real (fact or
attributed) or both unreal (plan, hypothetical): "can move" is not the move. They join only
on positive evidence: a shared place, a shared actor, the same event word told again, or,
for statements (a threat told twice), the same words.

The merged event keeps the first mention's trigger and evidence, every mention with its
own evidence sentence, the sources the mentions rest on, and a date taken from another
mention when its own clause has none, with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from presslens.events.dedup import event_dates, haversine_km
from presslens.model import Attribution, Event, EventMention, EventPlace, EventSource

__all__ = ["merge_document_events"]

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    "the a an of in on and or to from for with by that this is are was were be been will"
    " would can could has have had forces group militia members".split()
)
_UNREAL = frozenset({"plan", "hypothetical"})
# What a typing falls back to when nothing more specific is told.
_DEFAULT_SUB_TYPES = frozenset(
    {"Peaceful protest", "Armed clash", "Attack", "Change to group/activity", "Other"}
)
_STATEMENTS = frozenset({"THREATEN", "DEMAND", "ACCUSE", "REJECT", "SUPPORT"})
# The weakest source class decides how well sourced an event is, shown beside it.
_STRENGTH = ("named_person", "named_organisation", "role", "anonymous", "vague", "none")


def _words(text: str | None) -> set[str]:
    # a plural "s" dropped: "rebels" and "rebel fighters" share a word
    return {
        w[:-1] if len(w) > 3 and w.endswith("s") else w
        for w in _WORD.findall((text or "").casefold())
        if w not in _STOP
    }


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _same_entity(a: Event, b: Event, which: str) -> bool | None:
    x, y = getattr(a, which), getattr(b, which)
    if x is None or y is None:
        return None
    if x.entity_id and y.entity_id:
        return bool(x.entity_id == y.entity_id)
    # one side unresolved: its words against the other's words or canonical name
    return (
        max(_jaccard(_words(x.text), _words(y.text)), _jaccard(_words(x.name), _words(y.name)))
        >= 0.5
        or None
    )


def _same_place(a: EventPlace | None, b: EventPlace | None, radius_km: float) -> bool | None:
    if a is None or b is None:
        return None
    if a.geonames_id is not None and a.geonames_id == b.geonames_id:
        return True
    if None in (a.lat, a.lon, b.lat, b.lon):
        return (a.name or a.text).casefold() == (b.name or b.text).casefold()
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= radius_km


def _same_time(a: Event, b: Event, window_days: int) -> bool | None:
    sa = event_dates(a.time.value if a.time else None)
    sb = event_dates(b.time.value if b.time else None)
    if sa is None or sb is None:
        return None
    return max((sa[0] - sb[1]).days, (sb[0] - sa[1]).days, 0) <= window_days


@dataclass(slots=True)
class _Happening:
    events: list[Event] = field(default_factory=list)
    statement_words: set[str] = field(default_factory=set)


def _joins(
    h: _Happening,
    ev: Event,
    words: Callable[[Event], set[str]],
    radius_km: float,
    window_days: int,
) -> bool:
    first = h.events[0]
    if ev.category != first.category or (ev.status in _UNREAL) != (first.status in _UNREAL):
        return False
    for other in h.events:
        checks = (
            _same_place(ev.place, other.place, radius_km),
            _same_place(ev.origin, other.origin, radius_km),
            _same_time(ev, other, window_days),
        )
        if False in checks:
            return False
    actor = [_same_entity(ev, o, "actor") for o in h.events]
    target = [_same_entity(ev, o, "target") for o in h.events]
    if ev.category in _STATEMENTS:
        # the same threat told twice, once by the ministry and once by its minister
        said = _jaccard(words(ev), h.statement_words) >= 0.5
        return said and False not in target
    if False in actor or False in target:
        return False
    places = [
        _same_place(ev.place, o.place, radius_km) or _same_place(ev.origin, o.origin, radius_km)
        for o in h.events
    ]
    # "the military operation" … "the ground operation": the same event noun again, with
    # nothing that tells the two apart, is the same happening retold
    retold = any(ev.trigger_text.casefold() == o.trigger_text.casefold() for o in h.events)
    return any(places) or (any(actor) and None in places) or retold


def _time_reason(merged: Event, donor: Event) -> str:
    assert donor.time is not None
    return f"dated by another mention of the same event ({donor.id}: “{donor.time.text}”)"


def _sources(mentions: list[Event], attributions: dict[str, Attribution]) -> list[EventSource]:
    out: list[EventSource] = []
    seen: set[str] = set()
    for m in mentions:
        a = attributions.get(m.attribution_id or "")
        if a is None or a.id in seen:
            continue
        seen.add(a.id)
        out.append(
            EventSource(
                attribution_id=a.id,
                source=a.speaker or a.source_text or a.cue_text,
                source_class=a.source_class,
            )
        )
    return out


def _sourcing(status: str, sources: list[EventSource]) -> str:
    """How the event is sourced: the strongest source it rests on, "unsourced" when the
    article states it with no source (the outlet's own word), "own" for a statement event
    whose speaker is its actor."""
    if not sources:
        return "unsourced" if status == "fact" else "none"
    best = min(_STRENGTH.index(s.source_class) for s in sources if s.source_class in _STRENGTH)
    return _STRENGTH[best]


def _combine(i: int, h: _Happening, attributions: dict[str, Attribution]) -> Event:
    events = h.events
    first = events[0]
    statuses = [e.status for e in events]
    if "attributed" in statuses:
        status = "attributed"  # the outlet's telling rests on the sources it cites
    elif "fact" in statuses:
        status = "fact"
    else:
        status = statuses[0]
    update: dict[str, object] = {
        "id": f"e{i}",
        "status": status,
        "attribution_id": next((e.attribution_id for e in events if e.attribution_id), None),
        "confidence": round(1.0 - _miss(events), 3),
    }
    for name in ("actor", "target", "place", "origin"):
        if getattr(first, name) is None:
            update[name] = next((getattr(e, name) for e in events if getattr(e, name)), None)
    if first.mode is None:
        update["mode"] = next((e.mode for e in events if e.mode), None)
    # the headline says "protest", the body "police dispersed them": the most specific
    # ACLED sub-type any mention supports is the event's
    typed = [e for e in events if e.acled_type]
    specific = [e for e in typed if e.acled_sub_type not in _DEFAULT_SUB_TYPES] or typed
    if specific:
        update["acled_type"] = specific[0].acled_type
        update["acled_sub_type"] = specific[0].acled_sub_type
    if first.time is None:
        donor = next((e for e in events if e.time is not None), None)
        if donor is not None:
            update["time"] = donor.time
            update["time_reason"] = _time_reason(first, donor)
    most: dict[tuple[str, str | None], object] = {}
    for e in events:
        for c in e.casualties:
            key = (c.kind, c.who)
            prev = most.get(key)
            if prev is None or (c.count or 0) > (getattr(prev, "count", 0) or 0):
                most[key] = c
    update["casualties"] = list(most.values())
    sources = _sources(events, attributions)
    update["sources"] = sources
    update["sourcing"] = _sourcing(status, sources)
    update["mentions"] = [
        EventMention(
            id=e.id,
            trigger=e.trigger,
            trigger_text=e.trigger_text,
            evidence=e.evidence,
            evidence_text=e.evidence_text,
            status=e.status,
            attribution_id=e.attribution_id,
        )
        for e in events
    ]
    return first.model_copy(update=update)


def _miss(events: list[Event]) -> float:
    miss = 1.0
    for e in events:
        miss *= 1.0 - e.confidence
    return miss


def merge_document_events(
    events: list[Event],
    attributions: list[Attribution],
    *,
    radius_km: float = 25.0,
    window_days: int = 2,
) -> list[Event]:
    """The document's clause events as one event per happening, in order of first mention;
    ids are renumbered e1, e2, …, the clause events keep theirs as mention ids."""
    by_id = {a.id: a for a in attributions}

    def words(ev: Event) -> set[str]:
        a = by_id.get(ev.attribution_id or "")
        return _words(a.content_text if a is not None else ev.evidence_text)

    happenings: list[_Happening] = []
    # an event joins only a happening of its category and reality (``_joins``' first test):
    # the others are not looked at, which a long document with hundreds of events needs
    by_kind: dict[tuple[str, bool], list[_Happening]] = {}
    for ev in events:
        kind = (ev.category, ev.status in _UNREAL)
        same = by_kind.setdefault(kind, [])
        for h in same:
            if _joins(h, ev, words, radius_km, window_days):
                h.events.append(ev)
                h.statement_words |= words(ev)
                break
        else:
            h = _Happening([ev], words(ev))
            happenings.append(h)
            same.append(h)
    return [_combine(i + 1, h, by_id) for i, h in enumerate(happenings)]
