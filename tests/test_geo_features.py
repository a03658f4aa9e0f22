from __future__ import annotations

from presslens.geo.features import compound_regions, synthetic_id
from presslens.geo.gazetteer import Gazetteer, _extent


def _adm1(name: str, cc: str, code: str, lat: float, lon: float) -> tuple:  # type: ignore[type-arg]
    row = (1, name, "A", "ADM1", cc, "Testland", code, name, lat, lon, 1000)
    return row, [(lat, lon), (lat + 1, lon + 1)]


def test_geo_features_compound_region_joins_its_parts() -> None:
    rows = [
        _adm1("North Vale", "TL", "01", 10.0, 10.0),
        _adm1("South Vale", "TL", "02", 6.0, 10.0),
        _adm1("West Hill", "TL", "03", 0.0, 0.0),  # alone: no region "Hill"
        _adm1("East Ridge", "TL", "04", 0.0, 5.0),
        _adm1("West Ridge", "TL", "05", 0.0, 4.0),
        _adm1("Ridge", "TL", "06", 0.0, 4.5),  # a division already has the name
    ]
    rows += [_adm1("Upper Testland", "TL", "07", 1, 1), _adm1("Lower Testland", "TL", "08", 1, 2)]
    rows += [_adm1("Western Cape", "TL", "09", 1, 1), _adm1("Eastern Cape", "TL", "10", 1, 2)]
    out = compound_regions(rows, _extent, lambda name: name == "Testland")
    assert [(r[1], r[3], r[4], r[10]) for r, _, _ in out] == [("Vale", "RGN", "TL", 2000)]
    row, names, reach = out[0]
    assert names == ["Vale"] and 7.0 < row[8] < 10.0 and reach > 100
    assert row[0] < 0 and row[0] == synthetic_id("region", "TL:Vale")


def test_geo_features_in_the_gazetteer(gaz: Gazetteer) -> None:
    darfur = gaz.candidates("Darfur")
    assert darfur and darfur[0].country_code == "SD" and darfur[0].feature_code == "RGN"
    west_africa = gaz.candidates("West Africa")[0]
    assert west_africa.feature_code == "RGN" and -20 < west_africa.lon < 15
    assert gaz.candidates("Europe")[0].feature_code == "CONT"  # a continent stays one
    assert not gaz.candidates("United Nations")  # an organisation, not a region
    heathrow = [p for p in gaz.candidates("Heathrow") if p.feature_class == "S"]
    assert heathrow and heathrow[0].country_code == "GB" and heathrow[0].geonameid < 0
    base = gaz.candidates("Shayrat Air Base")
    assert base and base[0].feature_code == "AIRB" and base[0].country_code == "SY"
