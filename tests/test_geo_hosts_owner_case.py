"""A possessive that is no mention names the host of a name the gazetteer cannot place
whatever the case of its words: "The city's" opening a sentence is "the city's"."""

from __future__ import annotations

import pytest

from presslens.analyzers.lexicons import demonyms
from presslens.geo.gazetteer import Gazetteer
from presslens.geo.resolver import MentionIn, resolve


@pytest.mark.parametrize("owner", ["the city's", "The city's", "The capital's", "The City’s"])
def test_geo_hosts_owner_case_the_city_is_the_town_named_last(gaz: Gazetteer, owner: str) -> None:
    text = f"Protests spread in Cairo on Friday. Later {owner} Qzxwv district was quiet."
    if owner[0].isupper():
        text = text.replace("Later ", "")
    mentions = [MentionIn(text.index(s), text.index(s) + len(s), s) for s in ("Cairo", "Qzxwv")]
    _, part = resolve(gaz, text, mentions, demonyms=demonyms())
    assert part is not None, text
    assert (part.place.name, part.place.country_code, part.uncertain) == ("Cairo", "EG", True)
