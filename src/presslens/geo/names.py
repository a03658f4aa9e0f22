"""Place-name keys and the middle points of areas: shared by the gazetteer build and the
non-city features it adds (``geo.features``), which must not import the gazetteer."""

from __future__ import annotations

import functools
import math
import re
import unicodedata

__all__ = ["COUNTRY_ALIASES", "bare_name", "haversine_km", "middle", "normalise"]


# Common English names that GeoNames lists under another primary name, or not at all.
COUNTRY_ALIASES = {
    "US": ["US", "U.S.", "USA", "U.S.A.", "United States of America", "America", "the States"],
    # England, Scotland and Wales are GeoNames' first-level regions of GB: not the kingdom
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "RU": ["Russian Federation"],
    "KR": ["South Korea", "Republic of Korea"],
    "KP": ["North Korea", "DPRK"],
    "IR": ["Islamic Republic of Iran", "Persia"],
    "SY": ["Syrian Arab Republic"],
    # "Congo" alone is either Congo (news mostly means the larger): both are its candidates
    "CD": ["DR Congo", "DRC", "Democratic Republic of Congo", "Congo", "Congo-Kinshasa"],
    "CG": ["Republic of the Congo", "Congo-Brazzaville"],
    "CZ": ["Czech Republic"],
    "NL": ["Holland", "the Netherlands"],
    # not "Emirates" alone: in news that is the airline (or its stadium); the country is
    # "the UAE" or "the Emirates", and normalise() drops the article (index format 19)
    "AE": ["UAE", "U.A.E."],
    "PS": ["Palestine", "Palestinian territories"],
    "CI": ["Ivory Coast"],
    "MM": ["Burma"],
    "TR": ["Türkiye", "Turkiye"],
    "CV": ["Cape Verde"],
    "SZ": ["Swaziland"],
    "FK": ["Falklands"],
    "VA": ["Vatican"],
}


@functools.lru_cache(maxsize=65536)  # pure, and called for every candidate of every mention
def normalise(name: str) -> str:
    """Lookup key: accents dropped, case folded, punctuation and a leading 'the' removed."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[’'`‘]", "", text)
    text = re.sub(r"[^\w]+", " ", text).strip()
    text = re.sub(r"\bairbase\b", "air base", text)  # "Hamadan airbase" = "Hamadan Air Base"
    return re.sub(r"^the ", "", text)


# "Samburu County", "Midlands Province", "Dhaka Division": GeoNames names many first-level
# divisions with their kind, and news often drops it ("the Samburu", "Mashonaland West and
# Midlands"). Not when what is left is only a direction ("Western Province", "Northern
# Territory"), which names no place by itself.
_KIND_SUFFIX = re.compile(
    r"^(?P<name>.+?)\s+(?:province|county|region|governorate|department|district|state|"
    r"prefecture|oblast|division)$",
    re.I,
)
_DIRECTION_WORDS = frozenset(
    "north south east west central northern southern eastern western upper lower middle "
    "far north-east north-west south-east south-west north-eastern north-western "
    "south-eastern south-western northeastern northwestern southeastern southwestern".split()
)


def bare_name(name: str) -> str:
    """A division's name without its kind word ("Samburu County" → "Samburu"), else itself."""
    m = _KIND_SUFFIX.match(name)
    if m is None or set(m.group("name").casefold().split()) <= _DIRECTION_WORDS:
        return name
    return m.group("name")


def middle(points: list[tuple[float, float]], trim: float) -> tuple[float, float]:
    """Middle of the box spanned by a country's or region's places, ``trim`` cut at each end.

    GeoNames' country and region tables carry no coordinates. The trims (2% for countries,
    none for regions) were chosen against the GeoNames points of the countries and regions
    in TR-News: 56% of country and 82% of region mentions within 161 km, against 36% for
    countries placed at their capital (see docs/evaluation.md).
    """
    if not points:
        return 0.0, 0.0
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(trim * (len(points) - 1)), int((1 - trim) * (len(points) - 1))
    lon = (lons[lo] + lons[hi]) / 2
    # Places on both sides of the antimeridian (Chukotka, Fiji's Eastern division): the
    # box is the narrower one with western longitudes counted past 180 (before index
    # format 17 it was the box across the whole globe, its middle near 0°).
    east = sorted(x + 360.0 if x < 0 else x for x in lons)
    if east[hi] - east[lo] < lons[hi] - lons[lo]:
        lon = (east[lo] + east[hi]) / 2
        lon = lon - 360.0 if lon > 180.0 else lon
    return (lats[lo] + lats[hi]) / 2, lon


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))
