from pathlib import Path

import pytest

from presslens.geo.gazetteer import Gazetteer, Place
from presslens.geo.packed import PackedTables, Row, key_hash

ROWS: list[Row] = [
    (101, "Avonbury", "P", "PPL", "GB", "United Kingdom", "ENG", "England", 51.5, -1.2, 42000),
    (102, "Avonbury", "P", "PPL", "US", "United States", "OH", "Ohio", 40.1, -82.9, 1200),
    (103, "Westmark", "A", "PCLI", "WM", "Westmark", "", "", 10.0, 20.0, 900000),
    (104, "Grünfeld", "P", "PPL", "DE", "Germany", "BY", "Bavaria", 48.0, 11.0, 16000),
]
KEYS = {"avonbury": [0, 1], "westmark": [2], "grunfeld": [3], "gruenfeld": [3]}
EXTENTS = {103: 350.5}


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_rows(ROWS, KEYS, EXTENTS)


def test_geo_packed_candidates_keep_their_order(gaz: Gazetteer) -> None:
    assert [p.geonameid for p in gaz.candidates("AVONBURY")] == [101, 102]
    assert gaz.candidates("Grünfeld") == [Place(*ROWS[3])]
    assert gaz.candidates("Nowhere At All") == []
    assert len(gaz) == 4


def test_geo_packed_lookups_by_id_country_and_extent(gaz: Gazetteer) -> None:
    assert gaz.get(102) == Place(*ROWS[1])
    assert gaz.get(999) is None
    assert gaz.country("WM") == Place(*ROWS[2])
    assert gaz.country("XX") is None
    assert gaz.extent_km(103) == 350.5
    assert gaz.extent_km(101) == 0.0


def test_geo_packed_fuzzy_reaches_big_places_only(gaz: Gazetteer) -> None:
    # Avonbury (42,000 people) can be misspelt; the Ohio one shares its key and comes along
    found = gaz.fuzzy("Avonburry")
    assert [p.geonameid for p, _ in found] == [101, 102]
    assert all(score >= 80 for _, score in found)
    assert gaz.fuzzy("Westmarc")[0][0].geonameid == 103
    assert gaz.fuzzy("Avo") == []


def test_geo_packed_is_reproducible_and_mapped_from_a_file(tmp_path: Path) -> None:
    from presslens.geo.gazetteer import _pack

    first, second = _pack(ROWS, KEYS, EXTENTS), _pack(ROWS, dict(KEYS), dict(EXTENTS))
    assert first == second
    path = tmp_path / "g.packed"
    path.write_bytes(first)
    mapped = Gazetteer(PackedTables.open(path))
    assert mapped.candidates("westmark") == [Place(*ROWS[2])]


def test_geo_packed_refuses_what_is_not_a_packed_index(tmp_path: Path) -> None:
    path = tmp_path / "old.pickle"
    path.write_bytes(b"\x80\x05not a packed gazetteer at all")
    with pytest.raises(ValueError, match="not a packed gazetteer"):
        PackedTables.open(path)


def test_geo_packed_key_hash_is_stable() -> None:
    # the index is built in one process and read in others: no per-process hash seed
    assert key_hash("mosul") == 0x328E16B7D48115D8  # BLAKE2b-64 of the UTF-8 key
    assert key_hash("mosul ") != key_hash("mosul")
