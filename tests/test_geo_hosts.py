"""Places named as parts of other places ("London's Heathrow"), lists, institutions named
after cities, "Greater X", "X district", and a town pooled with its division."""

from __future__ import annotations

import numpy as np
import pytest

from presslens.geo.gazetteer import Gazetteer, Place
from presslens.geo.lookup import pool_nearby
from presslens.geo.resolver import UNCERTAIN_BELOW
from tests.conftest import resolve_surfaces


def test_geo_hosts_possessive_picks_the_candidate_inside(gaz: Gazetteer) -> None:
    text = "Flights were cancelled at London's Heathrow on Monday."
    _, heathrow = resolve_surfaces(gaz, text, "London", "Heathrow")
    assert heathrow is not None
    assert heathrow.place.country_code == "GB"
    assert any("part of London" in r for r in heathrow.reasons)


def test_geo_hosts_mentions_in_any_order(gaz: Gazetteer) -> None:
    text = "Flights were cancelled at London's Heathrow on Monday."
    heathrow, _ = resolve_surfaces(gaz, text, "Heathrow", "London")
    assert heathrow is not None and heathrow.place.country_code == "GB"


def test_geo_hosts_unknown_part_is_shown_at_its_host_uncertain(gaz: Gazetteer) -> None:
    text = "Delays hit Toronto's Qzxwv Terminal Building all week."
    _, part = resolve_surfaces(gaz, text, "Toronto", "Qzxwv Terminal Building")
    assert part is not None
    assert part.place.name == "Toronto" and part.place.country_code == "CA"
    assert part.uncertain and part.confidence < UNCERTAIN_BELOW


def test_geo_hosts_county_in_a_named_state(gaz: Gazetteer) -> None:
    text = "The herd grazes in Linn County in north central Missouri most of the year."
    county, _ = resolve_surfaces(gaz, text, "Linn County", "Missouri")
    assert county is not None
    assert county.place.admin1 == "Missouri"


def test_geo_hosts_suburb_of(gaz: Gazetteer) -> None:
    text = "He grew up in the Cincinnati suburb of Qzxwv Township."
    _, suburb = resolve_surfaces(gaz, text, "Cincinnati", "Qzxwv Township")
    assert suburb is not None and suburb.place.name == "Cincinnati"


def test_geo_hosts_list_items_share_the_host(gaz: Gazetteer) -> None:
    text = "Shells hit the villages of Qzxa and Qzxb in Idlib on Sunday."
    first, second, _ = resolve_surfaces(gaz, text, "Qzxa", "Qzxb", "Idlib")
    assert first is not None and second is not None
    assert first.place.geonameid == second.place.geonameid
    assert first.uncertain


def test_geo_hosts_unknown_list_item_beside_a_town(gaz: Gazetteer) -> None:
    text = "Crews came from Hornsey, Qzxwv Green and Walthamstow fire stations."
    _, item, _ = resolve_surfaces(gaz, text, "Hornsey", "Qzxwv Green", "Walthamstow")
    assert item is not None and item.place.country_code == "GB" and item.uncertain


def test_geo_hosts_country_after_in_is_no_fallback(gaz: Gazetteer) -> None:
    # a name with no candidate "in" a country is not shown at the country's point
    (res, _) = resolve_surfaces(gaz, "Rebels took Qzxwv Ridge in Syria.", "Qzxwv Ridge", "Syria")
    assert res is None


def test_geo_hosts_institution_named_after_a_city(gaz: Gazetteer) -> None:
    (res,) = resolve_surfaces(
        gaz, "A rally on the steps of the Vancouver Art Gallery.", "Vancouver Art Gallery"
    )
    assert res is not None and res.place.name == "Vancouver"
    assert res.feature == "FAC"
    # not after a person's name, nor after a small town
    (none,) = resolve_surfaces(gaz, "Tickets at the Bob Wills Museum.", "Bob Wills Museum")
    assert none is None


def test_geo_hosts_greater_area_is_the_city(gaz: Gazetteer) -> None:
    (res,) = resolve_surfaces(
        gaz, "Prices in the Greater Toronto Area rose.", "Greater Toronto Area"
    )
    assert res is not None and res.place.name == "Toronto"


def test_geo_hosts_district_keeps_the_bare_divisions(gaz: Gazetteer) -> None:
    text = "Jordan's police said a fire broke out in the Karak district of Jordan."
    res = resolve_surfaces(gaz, text, "Karak district")[0]
    assert res is not None and res.place.country_code == "JO"


def _place(gid: int, name: str, cls: str, code: str, lat: float, lon: float, pop: int) -> Place:
    return Place(gid, name, cls, code, "XX", "X", "01", "R", lat, lon, pop)


def test_geo_hosts_town_and_division_pool_their_probability() -> None:
    division = _place(1, "Venezia", "A", "ADM2", 45.4, 12.3, 800_000)
    far = _place(2, "Venice", "P", "PPL", 34.0, -118.5, 40_000)
    town = _place(3, "Venice", "P", "PPL", 45.44, 12.33, 50_000)
    probs = np.array([0.3, 0.4, 0.3])
    out = pool_nearby([division, far, town], probs)
    assert int(np.argmax(out)) == 2 and out[2] == pytest.approx(0.6) and out[0] == 0.0
    # two towns side by side are not pooled
    other = _place(4, "Venice", "P", "PPL", 45.5, 12.4, 5_000)
    same = pool_nearby([other, far, town], probs)
    assert int(np.argmax(same)) == 1


def test_geo_hosts_a_name_then_its_city_as_in_an_address(gaz: Gazetteer) -> None:
    text = "Everyone who ate at the cafe in Quoxleigh, Curitiba, Brazil was told to call."
    (res,) = resolve_surfaces(gaz, text, "Quoxleigh")
    assert res is not None
    assert (res.place.name, res.uncertain) == ("Curitiba", True)
    # a list of towns is no address: the next name is another town, not Kisumu's country
    listed = "Cases rose in Quoxleigh, Kisumu, Wajir and Mandera."
    (item,) = resolve_surfaces(gaz, listed, "Quoxleigh")
    assert item is None or item.place.name != "Kisumu"
    # "Churchill, Man." is the town in its province, not a city called Man
    (town,) = resolve_surfaces(
        gaz, "Polar bears roam near Churchill, Man. every fall.", "Churchill"
    )
    assert town is not None and town.place.admin1 == "Manitoba"
