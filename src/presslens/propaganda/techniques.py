"""The 14 propaganda techniques of SemEval-2020 Task 11 (Da San Martino et al. 2020).

Names are the corpus's own spellings, commas included ("Name_Calling,Labeling" is one
technique): label files must be parsed against this list, never split on commas. Each
technique has a short readable label, a one-line gloss and a colour for reports; the colours
are distinct on white and in the terminal, and the frequent techniques get the most
distinguishable ones.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "TECHNIQUES",
    "TECHNIQUE_INFO",
    "Technique",
    "TechniqueInfo",
    "colour",
    "is_technique",
    "label",
]

Technique = str


@dataclass(frozen=True, slots=True)
class TechniqueInfo:
    name: Technique
    label: str
    gloss: str
    colour: str  # hex, for HTML reports and truecolor terminals


# Ordered by frequency in the training corpus (most frequent first), so that lists of
# techniques read from the most to the least common.
TECHNIQUE_INFO: dict[Technique, TechniqueInfo] = {
    info.name: info
    for info in (
        TechniqueInfo(
            "Loaded_Language",
            "Loaded language",
            "words with strong emotional implications, meant to sway the reader",
            "#d62728",
        ),
        TechniqueInfo(
            "Name_Calling,Labeling",
            "Name calling / labelling",
            "labelling the object of the propaganda as something the audience fears or hates "
            "(or loves)",
            "#1f77b4",
        ),
        TechniqueInfo(
            "Repetition",
            "Repetition",
            "repeating the same message over and over so that the audience accepts it",
            "#2ca02c",
        ),
        TechniqueInfo(
            "Doubt",
            "Doubt",
            "questioning the credibility of someone or something",
            "#9467bd",
        ),
        TechniqueInfo(
            "Exaggeration,Minimisation",
            "Exaggeration / minimisation",
            "making something look larger, better or worse than it is, or downplaying it",
            "#ff7f0e",
        ),
        TechniqueInfo(
            "Appeal_to_fear-prejudice",
            "Appeal to fear / prejudice",
            "building support by instilling anxiety or panic about an alternative",
            "#8c564b",
        ),
        TechniqueInfo(
            "Flag-Waving",
            "Flag-waving",
            "playing on strong national or group feeling to justify an idea",
            "#e377c2",
        ),
        TechniqueInfo(
            "Causal_Oversimplification",
            "Causal oversimplification",
            "assuming a single cause when there are many",
            "#17becf",
        ),
        TechniqueInfo(
            "Appeal_to_Authority",
            "Appeal to authority",
            "claiming something is true because an authority says so",
            "#bcbd22",
        ),
        TechniqueInfo(
            "Slogans",
            "Slogans",
            "a brief, striking phrase that may include labelling and stereotyping",
            "#7f7f7f",
        ),
        TechniqueInfo(
            "Whataboutism,Straw_Men,Red_Herring",
            "Whataboutism / straw man / red herring",
            "discrediting a position by charging hypocrisy, misrepresenting it, or changing "
            "the subject",
            "#393b79",
        ),
        TechniqueInfo(
            "Black-and-White_Fallacy",
            "Black-and-white fallacy",
            "presenting two alternatives as the only possibilities",
            "#637939",
        ),
        TechniqueInfo(
            "Thought-terminating_Cliches",
            "Thought-terminating cliché",
            "a short phrase that discourages critical thought and discussion",
            "#8c6d31",
        ),
        TechniqueInfo(
            "Bandwagon,Reductio_ad_hitlerum",
            "Bandwagon / reductio ad Hitlerum",
            "urging to join because everyone does, or rejecting an idea because a hated group "
            "holds it",
            "#843c39",
        ),
    )
}
TECHNIQUES: tuple[Technique, ...] = tuple(TECHNIQUE_INFO)


def is_technique(name: str) -> bool:
    return name in TECHNIQUE_INFO


def label(name: Technique) -> str:
    """The readable label of a technique (``"Name calling / labelling"``)."""
    return TECHNIQUE_INFO[name].label


def colour(name: Technique) -> str:
    return TECHNIQUE_INFO[name].colour
