"""``merge_document_events`` compares a clause event only with the happenings of its
category and reality: the happenings are those of the scan of every happening that it
replaced (restated here with the module's own ``_joins``), on random small documents."""

from __future__ import annotations

import random

from presslens.events import merge
from presslens.model import Event, Span

_CATEGORIES = ("ASSAULT", "PROTEST", "THREATEN", "MOVE")
_STATUSES = ("fact", "attributed", "plan", "hypothetical")
_WORDS = ("rebels", "harbour", "fire", "ferry", "port", "council", "strike")


def _event(rng: random.Random, k: int) -> Event:
    words = " ".join(rng.choice(_WORDS) for _ in range(4))
    return Event(
        id=f"e{k + 1}",
        category=rng.choice(_CATEGORIES),
        trigger=Span(start=k * 40, end=k * 40 + 4),
        trigger_text="word",
        evidence=Span(start=k * 40, end=k * 40 + 30),
        evidence_text=words,
        status=rng.choice(_STATUSES),
        confidence=0.5,
    )


def _scan(events: list[Event]) -> list[list[str]]:
    """The happenings as the scan of every happening grouped them (event ids)."""
    happenings: list[merge._Happening] = []
    words = lambda ev: merge._words(ev.evidence_text)  # noqa: E731
    for ev in events:
        for h in happenings:
            if merge._joins(h, ev, words, 25.0, 2):
                h.events.append(ev)
                h.statement_words |= words(ev)
                break
        else:
            happenings.append(merge._Happening([ev], words(ev)))
    return [[e.id for e in h.events] for h in happenings]


def test_events_merge_by_kind_groups_as_the_scan() -> None:
    rng = random.Random(5)
    joined = 0
    for _ in range(300):
        events = [_event(rng, k) for k in range(rng.randrange(1, 12))]
        merged = merge.merge_document_events(events, [])
        expected = _scan(events)
        assert [[m.id for m in e.mentions] for e in merged] == expected
        joined += sum(len(h) > 1 for h in expected)
    assert joined > 100  # the documents hold happenings told more than once
