"""One event per happening: merged mentions, sources, dates from the discourse; ACLED typing."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from presslens import analyze
from presslens.events.acled import ACLED_SUB_TYPES, NO_EVENT, acled_typing, sub_type_parent
from presslens.pipeline import load_pipeline
from tests.conftest import flattened

if TYPE_CHECKING:
    from spacy.language import Language

COMPONENTS = ("presslens_entities", "presslens_dates", "presslens_quotes", "presslens_events")


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline(COMPONENTS)


def test_events_merge_one_happening_told_three_times(nlp: Language) -> None:
    text = flattened(
        "Rebels Flee to Homs from Hama",
        [
            "Rebel fighters fled to the city of Homs from Hama on Sunday, a local official said.",
            "The rebels have been leaving Hama for two days, the governor, Ahmad Karimi, "
            "told reporters.",
            "Their commander may also move to Damascus, according to some reports.",
        ],
        [],
    )
    a = analyze(text, published="2022-05-10", nlp=nlp)
    moves = [e for e in a.events if e.category == "MOVE"]
    real = [e for e in moves if e.status != "hypothetical"]
    assert len(real) == 1, [(e.trigger_text, e.status) for e in moves]
    flight = real[0]
    assert len(flight.mentions) == 3
    for m in flight.mentions:
        assert a.text[m.evidence.start : m.evidence.end] == m.evidence_text
    assert flight.status == "attributed" and flight.sources
    assert flight.time is not None
    # "may move" is a possibility, not the flight
    assert any(e.status == "hypothetical" for e in moves)
    assert [e.id for e in a.events] == [f"e{i + 1}" for i in range(len(a.events))]


def test_events_merge_keeps_apart_attacks_in_two_places(nlp: Language) -> None:
    text = flattened(
        "Two attacks",
        [
            "Gunmen attacked a police station in Kandahar on Monday.",
            "Separately, gunmen attacked a checkpoint in Herat on Tuesday.",
        ],
        [],
    )
    a = analyze(text, published="2022-05-10", nlp=nlp)
    fights = [e for e in a.events if e.category == "FIGHT"]
    assert len(fights) == 2 and all(len(e.mentions) == 1 for e in fights)


def test_events_merge_dates_an_event_from_a_later_mention(nlp: Language) -> None:
    text = flattened(
        "Offensive",
        [
            "Residents are worried since the start of an army operation against the "
            "insurgents in Hama.",
            "The ground operation in Hama was launched on the morning of March 3.",
        ],
        [],
    )
    a = analyze(text, published="2022-03-05", nlp=nlp)
    ops = [e for e in a.events if e.category == "FIGHT"]
    assert len(ops) == 1
    (op,) = ops
    assert op.time is not None and op.time.value == "2022-03-03"
    assert op.time_reason and "March 3" in op.time_reason


def test_events_unsourced_statement_of_fact(nlp: Language) -> None:
    text = flattened("Strike", ["An airstrike killed nine civilians near Idlib on Friday."], [])
    a = analyze(text, published="2022-03-05", nlp=nlp)
    (strike,) = [e for e in a.events if e.category == "ASSAULT"]
    assert strike.sourcing == "unsourced" and strike.acled_sub_type == "Air/drone strike"


@pytest.mark.parametrize(
    ("category", "mode", "sentence", "expected"),
    [
        ("ASSAULT", None, "A grenade thrown into the market killed two men.", "Grenade"),
        ("ASSAULT", None, "Two people were killed when an IED exploded on the road.", "IED"),
        ("FIGHT", None, "Troops shelled the village with mortars.", "Shelling"),
        ("ASSAULT", None, "Chlorine gas was used against the town, killing four.", "Chemical"),
        ("PROTEST", "demonstrate", "Students marched peacefully to the parliament.", "Peaceful"),
        ("PROTEST", "demonstrate", "Protesters threw stones at the police station.", "Violent"),
        ("PROTEST", "demonstrate", "Police fired tear gas to disperse the crowd.", "intervention"),
        ("COERCE", "arrest", "Police arrested three activists in the capital.", "Arrests"),
        ("FIGHT", "seize", "Soldiers seized a cache of weapons and ammunition.", "Disrupted"),
        ("MOBILIZE", None, "The militia established a new base near the border.", "Headquarters"),
        ("ASSAULT", "property", "Militants torched houses in the village.", "Looting"),
        ("ASSAULT", "property", "A mob torched houses in the village.", "Mob violence"),
        ("FIGHT", None, "Government forces recaptured the town from the rebels.", "regains"),
        ("FIGHT", None, "Rebels and soldiers clashed outside the town.", "Armed clash"),
        ("ASSAULT", "abduction", "Gunmen kidnapped a teacher.", "Abduction"),
    ],
)
def test_events_acled_typing_reads_the_means(
    category: str, mode: str | None, sentence: str, expected: str
) -> None:
    kind, sub = acled_typing(category, mode, sentence)
    assert expected in sub, (kind, sub)
    assert sub_type_parent(sub) == kind


def test_events_acled_typing_no_event_for_talks_and_statements() -> None:
    assert acled_typing("CONSULT", None, "The ministers met in Geneva.") == (NO_EVENT, NO_EVENT)
    assert acled_typing("DEMAND", "appeal", "She called for calm.") == (NO_EVENT, NO_EVENT)
    assert sum(len(v) for v in ACLED_SUB_TYPES.values()) == 25
    assert sub_type_parent("no such type") is None


def test_events_render_shows_sources_and_mentions(nlp: Language) -> None:
    from presslens.render import render

    text = flattened(
        "Rebels Flee to Homs from Hama",
        [
            "Rebel fighters fled to the city of Homs from Hama on Sunday, a local official said.",
            "Reports about rebels fleeing to Homs have appeared.",
        ],
        [],
    )
    a = analyze(text, published="2022-05-10", nlp=nlp)
    page = render(a, "html")
    section = page[page.index("<h2>Events") :]
    assert "sources:" in section and "told 3 times" in section
    (flight,) = [e for e in a.events if e.category == "MOVE"]
    assert {s.source_class for s in flight.sources} == {"role", "vague"}


def test_events_protest_outcome_in_the_next_sentence(nlp: Language) -> None:
    text = flattened(
        "Teachers protest",
        [
            "Hundreds of teachers marched to the ministry on Monday. Police dispersed them with "
            "tear gas."
        ],
        [],
    )
    a = analyze(text, published="2022-05-10", nlp=nlp)
    (march,) = [e for e in a.events if e.category == "PROTEST"]
    assert march.acled_sub_type == "Protest with intervention"
