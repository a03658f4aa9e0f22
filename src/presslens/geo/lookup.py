"""Finding a mention's candidates: the gazetteer's names, with the forms news gives them.

- a division named with its kind ("Fars Province", "PLYMOUTH CO.") is looked up without it;
- a name not in the gazetteer may match one of similar spelling (capped as a guess later);
- "X of Y" keeps only candidates in a country Y can be ("the Western District of New York");
- a region named after its main city hands its probability to the city ("Aleppo").
"""

from __future__ import annotations

import re

import numpy as np
import numpy.typing as npt

from presslens.geo.gazetteer import Gazetteer, Place, normalise
from presslens.geo.names import bare_name, haversine_km

Array = npt.NDArray[np.float64]

__all__ = [
    "MAX_CANDIDATES",
    "SEATS",
    "candidates",
    "kind_word",
    "part_of",
    "seat_over_region",
]

MAX_CANDIDATES = 50
# "the Western District of New York": a part of the place named after "of"
_PART_OF = re.compile(r"\s+of\s+(?:the\s+)?([A-Z][\w.-]*(?:\s[A-Z][\w.-]*){0,2})")


# Buildings that stand for a government, in their capital: read as places only where a
# reader (or a gold standard) marks them so; the not-a-place gate makes them organisations
# in running text ("the White House said").
SEATS = {
    "white house": "Washington",
    "capitol hill": "Washington",
    "foggy bottom": "Washington",
    "kremlin": "Moscow",
    "downing street": "London",
    "whitehall": "London",
    "elysee": "Paris",
    "blue house": "Seoul",
    "zhongnanhai": "Beijing",
}


# "Fars Province", "Akita Prefecture", "PLYMOUTH CO.": a division named with its kind,
# which GeoNames lists under the bare name
_KIND_WORD = re.compile(
    r"^(?P<name>.+?)\s+(?P<kind>province|prefecture|governorate|oblast|region|department|"
    r"district|state|county|co\.?)$",
    re.I,
)


def kind_word(
    gaz: Gazetteer, surface: str, notes: list[str]
) -> tuple[list[Place], str | None] | None:
    """The divisions called by the name without its kind word, beside those called by the
    whole (None when neither is found)."""
    kind = _KIND_WORD.match(surface)
    if kind is None:
        return None
    # "the Karak district" of Jordan is its governorate Karak; GeoNames' only "Karak
    # District" is Pakistan's: the divisions of the bare name stand beside it
    exact = gaz.candidates(surface)
    name = kind.group("name")
    if (
        not exact
        and kind.group("kind").casefold().startswith("co")
        and not kind.group("kind").casefold().startswith("county")
    ):
        whole = gaz.candidates(f"{name} County")
        if whole:
            notes.append(f"'{surface}' read as {name} County")
            return whole, None
    ids = {p.geonameid for p in exact}
    areas = [
        p
        for p in gaz.candidates(name)
        if p.feature_class == "A" and not p.is_country and p.geonameid not in ids
    ]
    if not areas:
        return (exact, None) if exact else None
    notes.append(f"a division named with its kind: {name}")
    return exact + areas, None


# "the Greater Toronto Area", "Greater Cairo": a city with its surroundings, at the city
_GREATER = re.compile(r"^Greater\s+(?P<name>.+?)(?:\s+(?:Area|Region|Metropolitan Area))?$")


def candidates(gaz: Gazetteer, surface: str, fuzzy: bool) -> tuple[list[Place], str | None]:
    cands = gaz.candidates(surface)
    greater = _GREATER.match(surface) if not cands else None
    if greater:
        cities = [p for p in gaz.candidates(greater.group("name")) if p.population >= 100_000]
        if cities:
            return cities, None
    if cands or not fuzzy or len(surface) < 5:
        return cands, None
    hits = gaz.fuzzy(surface, limit=5, min_score=85.0)
    if not hits:
        return [], None
    score = hits[0][1]
    return [p for p, s in hits if s >= score - 3], f"spelling {surface!r} matched by similarity"


def part_of(gaz: Gazetteer, text: str, end: int, cands: list[Place]) -> list[Place]:
    """Candidates of "X of Y" outside every country Y can be are dropped: "the Western
    District of New York" is not American Samoa's district. Nothing changes when Y names
    no place."""
    part = _PART_OF.match(text, end)
    if not part or not cands:
        return cands
    countries = {p.country_code for p in gaz.candidates(part.group(1))[:MAX_CANDIDATES]}
    if not countries:
        return cands
    return [p for p in cands if p.country_code in countries]


def seat_over_region(places: list[Place], probs: Array) -> Array:
    """'Aleppo' the governorate (or 'Mosul' the district) hands its probability to the city it
    is named after: the city is the usual reading, and both lie in the same place on a map."""
    out = probs.copy()
    for i, p in enumerate(places):
        if p.feature_code not in ("ADM1", "ADM2"):
            continue
        # "Kisumu County" is named after Kisumu as "Aleppo" governorate after Aleppo
        own = {normalise(p.name), normalise(bare_name(p.name))}
        seats = [
            j
            for j, c in enumerate(places)
            if c.feature_class == "P"
            and (c.country_code, c.admin1_code) == (p.country_code, p.admin1_code)
            # a district may carry another form of the name ("Toronto county", "Roma"
            # for Rome): it is a candidate of the same words, and near (below)
            and (normalise(c.name) in own or p.feature_code == "ADM2")
            # a first-level region's point can lie far from its namesake capital (Gao):
            # the shared admin code says the city is in it; a district must also be near
            and (p.feature_code == "ADM1" or haversine_km(c.lat, c.lon, p.lat, p.lon) < 161)
            # its main city, not a village that shares the region's name (Xinjiang)
            and c.population >= max(100_000, p.population // 10)
        ]
        # the city of the district's own name first (New Delhi, not Delhi beside it)
        same = [j for j in seats if normalise(places[j].name) in own]
        chosen = same or seats
        if chosen:
            seat = chosen[0]
            out[seat] += out[i]
            out[i] = 0.0
    return out


# A town and a division this near each other are one place on a map (Venice and the
# province of Venezia)
POOL_KM = 50.0


def _one_spot(p: Place, q: Place) -> bool:
    # a town with a division near it, not two towns of one name side by side (the
    # Santa Marias of Ilocos are different towns)
    kinds = {p.feature_class, q.feature_class}
    return (p is q or kinds == {"P", "A"}) and haversine_km(p.lat, p.lon, q.lat, q.lon) <= POOL_KM


def pool_nearby(places: list[Place], probs: Array) -> Array:
    """A town and the division around it hand their probability to the more probable of
    the two, when together they outweigh the ranker's first choice: "Venice" split between
    the city and the province of Venezia lost to Venice, California, on either alone."""
    best = int(np.argmax(probs))
    groups = [[j for j, q in enumerate(places) if _one_spot(p, q)] for p in places]
    mass = np.array([sum(float(probs[j]) for j in g) for g in groups])
    spot = int(np.argmax(mass))
    if best in groups[spot] or mass[spot] <= probs[best]:
        return probs
    # the town is what the name names; the division only carries its weight
    head = max(groups[spot], key=lambda j: (places[j].feature_class == "P", float(probs[j])))
    out = probs.copy()
    out[head] = mass[spot]
    for j in groups[spot]:
        if j != head:
            out[j] = 0.0
    return out
