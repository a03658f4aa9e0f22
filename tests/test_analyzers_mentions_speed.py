"""The alias search's substring pre-check finds exactly what a search per alias finds."""

from __future__ import annotations

import re

from presslens.analyzers.lexicons import actors
from presslens.analyzers.mentions import CASE_TWINS, RawMention, _alias_matches


def _every_alias(text: str) -> list[RawMention]:
    """The plain definition: one case-aware search of the whole text per alias."""
    out = []
    for actor in actors():
        for alias in actor.aliases:
            flags = 0 if len(alias) <= 5 or alias.isupper() else re.I
            for m in re.finditer(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", text, flags):
                out.append(
                    RawMention(
                        m.start(), m.end(), m.group(), actor.type, "alias", actor=actor.id,
                        form="alias",
                    )
                )  # fmt: skip
    return out


def test_analyzers_mentions_case_twins_are_what_the_regex_engine_folds() -> None:
    others = "".join(chr(c) for c in range(128, 0x110000) if not 0xD800 <= c < 0xE000)
    assert set(re.findall(r"[a-z]", others, re.I)) == CASE_TWINS


def test_analyzers_mentions_alias_pre_check_changes_nothing() -> None:
    texts = [
        "NATO and the kremlin met; islamic state fighters left Raqqa. The coalition said so.",
        "The WHO said the World health organization would send aid via the Red Cross.",
        "ISIS-held towns and the IS group; al-qaeda; Interfax news agency reported it.",
        "İslamic State, the Kremlın and the Penta\u0261on: the ſo-called Islamic State.",
        "\u212aremlin officials denied it; the Taliban's envoy and tass were present.",
        "nothing of note here at all",
        "",
    ]
    for text in texts:
        assert _alias_matches(text) == _every_alias(text), text
