"""A trigger word's conflict sense, read from its sentence: the sports, market and
figurative senses get no ACLED type; the conflict senses keep theirs."""

from __future__ import annotations

import pytest

from presslens.events.acled import NO_EVENT, acled_typing
from presslens.events.acled_senses import conflict_sense


def _words(sentence: str) -> str:
    return " ".join(sentence.casefold().split())


@pytest.mark.parametrize(
    ("trigger", "sentence"),
    [
        ("beat", "Valdoria beat Mernland 3-1 in the cup final on Sunday."),
        ("beat", "Quarterly exports beat forecasts for a second month."),
        ("threw", "The rookie threw for two touchdowns in the second half."),
        ("burn", "The old boilers burn coal through the winter."),
        ("rallied", "The champion rallied to beat her rival in three sets."),
        ("rallying", "The index has been rallying at a time when rates rise."),
        ("gather", "The survey let the team gather new insights into habits."),
        ("demonstrates", "The ruling demonstrates that the law is clear."),
        ("wound", "We wound up with a shorter route home."),
        ("killed", "The fever epidemic that killed thousands in 1900 is studied."),
    ],
)
def test_events_acled_senses_other_senses_are_not_conflict(trigger: str, sentence: str) -> None:
    assert not conflict_sense(trigger, _words(sentence))


@pytest.mark.parametrize(
    ("trigger", "sentence"),
    [
        ("beat", "Soldiers beat two traders at the market with sticks."),
        ("beaten", "A driver was beaten by police at a checkpoint."),
        ("threw", "Youths threw stones at the police station."),
        ("burned", "Protesters burned tyres on the main road to demand fuel."),
        ("demonstrated", "Nurses demonstrated outside the clinic over unpaid wages."),
        ("gathered", "Hundreds of farmers gathered in the square, chanting slogans."),
        ("rally", "Students held a rally against the new fees."),
        ("killed", "Gunmen killed three villagers; the flu season had started."),
        ("wound", "Shrapnel left a deep wound in his leg."),
        (None, "Anything at all."),
    ],
)
def test_events_acled_senses_conflict_senses_are_kept(trigger: str | None, sentence: str) -> None:
    assert conflict_sense(trigger, _words(sentence))


def test_events_acled_senses_typing_drops_the_type_of_another_sense() -> None:
    sport = "Valdoria beat Mernland 3-1 in the cup final on Sunday."
    assert acled_typing("ASSAULT", "beating", sport, trigger="beat") == (NO_EVENT, NO_EVENT)
    # without the trigger the rules read the act as they always have
    assert acled_typing("ASSAULT", "beating", sport)[0] == "Violence against civilians"
    beating = "Soldiers beat a detained trader at the checkpoint until he bled."
    assert acled_typing("ASSAULT", "beating", beating, trigger="beat")[0] == (
        "Violence against civilians"
    )


def test_events_acled_senses_fight_needs_an_armed_side_weapon_or_harm() -> None:
    assert acled_typing("FIGHT", None, "The city has been fighting dirty air for decades.") == (
        NO_EVENT,
        NO_EVENT,
    )
    clash = "Fighting broke out between two militias near the river crossing."
    assert acled_typing("FIGHT", None, clash) == ("Battles", "Armed clash")
    strike = "The illness tends to strike people who keep pigeons."
    assert acled_typing("ASSAULT", None, strike, trigger="strike") == (NO_EVENT, NO_EVENT)
