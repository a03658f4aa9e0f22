"""ACLED typing of single events from hand-written sentences (no parse: the typing reads
the PLOVER category, mode and the sentence's words)."""

from __future__ import annotations

import pytest

from presslens.events.acled import NO_EVENT, acled_typing

_CASES = [
    # heavy weapons fired at positions are shelling; beside small arms, an exchange (battle)
    (
        "FIGHT",
        None,
        "Rebels fired anti-tank missiles and heavy machine guns at army positions.",
        "Shelling/artillery/missile attack",
    ),
    (
        "FIGHT",
        None,
        "Rebels fired mortars and small arms at army positions near the village.",
        "Armed clash",
    ),
    # who was harmed decides between an attack on civilians and a battle
    ("FIGHT", None, "Gunmen attacked the hamlet and killed three farmers.", "Attack"),
    ("FIGHT", None, "Gunmen attacked the outpost and killed three soldiers.", "Armed clash"),
    ("ASSAULT", "shooting", "Gunmen shot an off-duty police officer outside his house.", "Attack"),
    # sticks and stones between neighbours are mob violence; burning tyres a demonstration
    (
        "FIGHT",
        None,
        "Two groups of villagers clashed with sticks and stones over a well.",
        "Mob violence",
    ),
    (
        "PROTEST",
        "blockade",
        "Residents blocked the highway with burning tyres overnight.",
        "Violent demonstration",
    ),
    (
        "FIGHT",
        None,
        "A clash between protesters and police left one officer hurt.",
        "Violent demonstration",
    ),
    # seizures: weapons are disrupted weapons use, other goods are looting
    (
        "COERCE",
        "seizure",
        "Customs officers seized two tonnes of cannabis at the port.",
        "Looting/property destruction",
    ),
    (
        "COERCE",
        "seizure",
        "Police seized rifles and ammunition from a farmhouse.",
        "Disrupted weapons use",
    ),
    # who took the ground
    (
        "FIGHT",
        "seize",
        "The army took control of the town after insurgents withdrew.",
        "Government regains territory",
    ),
    (
        "FIGHT",
        "seize",
        "Insurgents took control of the town after the army withdrew.",
        "Non-state actor overtakes territory",
    ),
    # agreements between parties to a conflict only
    ("AGREE", None, "The two militias signed a truce in the port city.", "Agreement"),
    ("AGREE", None, "The two countries signed a trade protocol worth millions.", NO_EVENT),
    # a statement about a protester is not a protest; demands made at a rally are
    (
        "ACCUSE",
        "disapprove",
        "The minister deplored an attack apparently by a protester.",
        NO_EVENT,
    ),
    (
        "DEMAND",
        None,
        "Hundreds rallied outside parliament demanding higher wages.",
        "Peaceful protest",
    ),
]


@pytest.mark.parametrize(("category", "mode", "sentence", "sub"), _CASES)
def test_events_acled_sub_type_of_hand_written_sentence(
    category: str, mode: str | None, sentence: str, sub: str
) -> None:
    assert acled_typing(category, mode, sentence)[1] == sub


def test_events_acled_protest_reads_its_paragraph_for_the_police() -> None:
    sentence = "Teachers marched to the ministry on Monday."
    paragraph = f"{sentence} Police intervened to disperse the crowd."
    assert acled_typing("PROTEST", "demonstrate", sentence)[1] == "Peaceful protest"
    assert acled_typing("PROTEST", "demonstrate", sentence, None, paragraph)[1] == (
        "Protest with intervention"
    )


def test_events_acled_non_events_seen_on_real_pages() -> None:
    # a bill withdrawn, a character blocking, a crash: not what ACLED codes
    assert acled_typing("RETREAT", None, "The bill was withdrawn in June.", "The bill") == (
        NO_EVENT,
        NO_EVENT,
    )
    assert acled_typing("PROTEST", "blockade", "Most enemies can block.")[0] == NO_EVENT
    assert acled_typing("ASSAULT", None, "Two soldiers were killed in a helicopter crash.") == (
        NO_EVENT,
        NO_EVENT,
    )
    assert acled_typing("RETREAT", None, "Troops withdrew from the town.", "the town")[1] == (
        "Non-violent transfer of territory"
    )
