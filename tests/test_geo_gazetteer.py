from __future__ import annotations

import pytest

from presslens.geo.gazetteer import Gazetteer, normalise


@pytest.mark.parametrize(
    ("name", "expected", "country"),
    [
        ("Mosul", "Mosul", "IQ"),
        ("Raqqa", "Ar Raqqah", "SY"),  # only an alternate name in GeoNames
        ("Aleppo", "Aleppo", "SY"),
        ("Hamadan", "Hamadān", "IR"),
        ("Moscow", "Moscow", "RU"),
        ("Iraq", "Iraq", "IQ"),
        ("Deir ez-Zor", "Deir ez-Zor", "SY"),
    ],
)
def test_geo_gazetteer_finds_the_big_place_first(
    gaz: Gazetteer, name: str, expected: str, country: str
) -> None:
    top = gaz.candidates(name)[0]
    assert (top.name, top.country_code) == (expected, country)


def test_geo_gazetteer_ambiguous_names_keep_every_candidate(gaz: Gazetteer) -> None:
    palmyra = {(p.name, p.country_code) for p in gaz.candidates("Palmyra")}
    assert ("Tadmur", "SY") in palmyra
    assert any(cc == "US" for _, cc in palmyra)
    washington = gaz.candidates("Washington")
    assert any(p.feature_code == "PPLC" and p.country_code == "US" for p in washington)
    assert any(p.feature_code == "ADM1" and p.country_code == "US" for p in washington)


@pytest.mark.parametrize(
    ("typo", "expected"), [("Mousoul", "Mosul"), ("Dier Azzore", "Deir ez-Zor")]
)
def test_geo_gazetteer_fuzzy_matches_misspellings(gaz: Gazetteer, typo: str, expected: str) -> None:
    assert gaz.fuzzy(typo)[0][0].name == expected


def test_geo_gazetteer_countries_and_aliases(gaz: Gazetteer) -> None:
    syria = gaz.country("SY")
    assert syria is not None
    assert syria.feature_code == "PCLI"
    assert gaz.candidates("U.S.")[0].country_code == "US"
    assert gaz.get(syria.geonameid) == syria


def test_geo_gazetteer_normalise() -> None:
    assert normalise("  The Hague ") == "hague"
    assert normalise("Hamadān") == "hamadan"
    assert normalise("Deir ez-Zor") == "deir ez zor"
