from __future__ import annotations

import pytest

from presslens.geo.gazetteer import Gazetteer
from presslens.geo.names import haversine_km, middle
from presslens.geo.state_points import blend


def test_geo_state_points_blend_is_the_midpoint() -> None:
    assert blend((50.0, -70.0), (52.0, -72.0), 1000.0) == (51.0, -71.0)


def test_geo_state_points_blend_without_a_state_point_keeps_the_box() -> None:
    assert blend((50.0, -70.0), None, 1000.0) == (50.0, -70.0)


def test_geo_state_points_blend_drops_a_point_beyond_the_places() -> None:
    # one place on an island, the database's point 700 km away on the mainland
    assert blend((5.6, 169.1), (11.6, 165.4), 0.0) == (5.6, 169.1)


def test_geo_state_points_blend_goes_the_short_way_round() -> None:
    lat, lon = blend((-18.0, 179.0), (-18.0, -179.0), 500.0)
    assert lat == -18.0 and abs(abs(lon) - 180.0) < 1e-9


def test_geo_names_middle_of_places_across_the_antimeridian() -> None:
    lat, lon = middle([(66.0, 170.0), (66.5, 178.0), (65.0, -175.0)], 0.0)
    assert lat == pytest.approx(65.75)
    assert lon == pytest.approx(177.5)
    assert middle([(0.0, -10.0), (2.0, 20.0)], 0.0) == (1.0, 5.0)


def test_geo_state_points_provinces_sit_near_their_middle(gaz: Gazetteer) -> None:
    # Quebec's places crowd its south and a few its far north: the box middle alone lay
    # 260 km from GeoNames' point (52.0 N, 72.0 W)
    quebec = next(p for p in gaz.candidates("Quebec") if p.feature_code == "ADM1")
    assert haversine_km(quebec.lat, quebec.lon, 52.0, -72.0) < 161
    chukotka = next(p for p in gaz.candidates("Chukotka") if p.feature_code == "ADM1")
    assert chukotka.lon > 160
