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


@pytest.mark.parametrize(
    ("name", "bare"),
    [
        ("Samburu County", "Samburu"),
        ("Midlands Province", "Midlands"),
        ("Dhaka Division", "Dhaka"),
        ("Western Province", "Western Province"),  # a direction alone names nothing
        ("North Eastern Province", "North Eastern Province"),
        ("Texas", "Texas"),
    ],
)
def test_geo_gazetteer_bare_name(name: str, bare: str) -> None:
    from presslens.geo.names import bare_name

    assert bare_name(name) == bare


def test_geo_gazetteer_division_found_without_its_kind_word(gaz: Gazetteer) -> None:
    # "Mashonaland West and Midlands": GeoNames lists the division as "Midlands Province"
    midlands = [p for p in gaz.candidates("Midlands") if p.feature_code == "ADM1"]
    assert [(p.name, p.country_code) for p in midlands] == [("Midlands Province", "ZW")]
    # a town of the country with the bare name keeps it to itself: Kisumu is the city
    kisumu = gaz.candidates("Kisumu")
    assert all(p.feature_code != "ADM1" for p in kisumu)
    assert any(p.feature_code == "ADM1" for p in gaz.candidates("Kisumu County"))


def test_geo_gazetteer_archipelago_keeps_the_factbook_point(gaz: Gazetteer) -> None:
    # Indonesia's largest polygon (its part of Borneo) holds under half its outline, so
    # its centroid does not pull the point; the United States' mainland does
    indonesia, usa = gaz.country("ID"), gaz.country("US")
    assert indonesia is not None and usa is not None
    assert (indonesia.lat, indonesia.lon) == (-5.0, 120.0)
    assert (usa.lat, usa.lon) != (38.0, -97.0)


def test_geo_gazetteer_mainland_share() -> None:
    from presslens.geo.country_points import _mainland

    square = [[0.0, 0.0], [2.0, 0.0], [2.0, 2.0], [0.0, 2.0], [0.0, 0.0]]
    island = [[5.0, 5.0], [6.0, 5.0], [6.0, 6.0], [5.0, 6.0], [5.0, 5.0]]
    found = _mainland({"type": "MultiPolygon", "coordinates": [[square], [island]]})
    assert found is not None
    lat, lon, share = found
    assert (round(lat, 6), round(lon, 6)) == (1.0, 1.0)
    assert share == pytest.approx(0.8)


def test_geo_gazetteer_congo_alone_is_either_congo(gaz: Gazetteer) -> None:
    codes = {p.country_code for p in gaz.candidates("Congo") if p.is_country}
    assert codes == {"CD", "CG"}


def test_geo_gazetteer_emirates_alone_is_no_country_name(gaz: Gazetteer) -> None:
    # "Emirates ordered 30 jets": the airline; the country is the UAE
    assert gaz.candidates("Emirates") == []
    assert [p.country_code for p in gaz.candidates("UAE")] == ["AE"]
