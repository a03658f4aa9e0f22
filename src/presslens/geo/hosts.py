"""A place named as part of another place of the text: "London's Heathrow", "the Cincinnati
suburb of West Chester", "Monroe County in northeast Missouri".

The other place (the host) is read as the ranker resolved it; the mention's candidates
that lie in it win over the ranker's choice (Heathrow the airport, not the Florida town),
and a mention with no candidate in it that the gazetteer cannot place otherwise (a
district, a hospital, an airport it lacks) is shown at the host, uncertain: the host is
where the text says it is.
"""

from __future__ import annotations

import re

import numpy as np
import numpy.typing as npt

from presslens.geo.discourse import followed_by_its_region
from presslens.geo.gazetteer import Gazetteer, Place
from presslens.geo.names import haversine_km
from presslens.geo.rows import CandidateRow

Array = npt.NDArray[np.float64]

__all__ = ["HOST_KM", "hosts", "inside", "named_after_city", "unplaced"]

# A part of a city or district lies this near its point (Heathrow is 23 km from London's,
# Pearson 19 km from Toronto's)
HOST_KM = 100.0
_POSSESSIVE = re.compile(r"^['’]s\s+$")
_PART_OF = re.compile(r"^\s+(?:suburb|neighbou?rhood|district|borough|quarter)\s+of\s+$")
_DIRECTION = r"(?:north|south|east|west|central)(?:ern)?"
_IN = re.compile(rf"^\s+in\s+(?:the\s+)?(?:{_DIRECTION}(?:[- ]?{_DIRECTION})?\s+)?$", re.I)


def hosts(
    rows: list[CandidateRow],
    ranked: list[tuple[Array, npt.NDArray[np.intp]] | None],
    text: str,
    gaz: Gazetteer,
    weak: tuple[int, int],
) -> dict[int, Place]:
    """Rows named as part of the mention just before ("London's Heathrow", "the Cincinnati
    suburb of West Chester") or just after ("Linn County in north central Missouri", a
    first-level region or a country after "in"), with the host's place."""
    out: dict[int, Place] = {}
    # neighbours in the text, whatever order the mentions came in
    order = sorted(range(len(rows)), key=lambda i: (rows[i].mention.start, rows[i].mention.end))
    for n, k in enumerate(order):
        row = rows[k]
        before = order[n - 1] if n > 0 else None
        after = order[n + 1] if n + 1 < len(order) else None
        if before is not None and ranked[before] is not None:
            prev = rows[before]
            gap = text[prev.mention.end : row.mention.start]
            if _POSSESSIVE.match(gap) or _PART_OF.match(gap):
                r = ranked[before]
                assert r is not None
                host = prev.places[int(r[1][0])]
                if host.feature_class != "L":
                    out[k] = host
                    continue
        if after is not None and ranked[after] is not None:
            nxt = rows[after]
            r = ranked[after]
            assert r is not None
            host = nxt.places[int(r[1][0])]
            # a town or county in a region, not a region in a country ("Texas in 1999")
            parts = not any(p.feature_code == "ADM1" or p.is_country for p in row.places)
            if _IN.match(text[row.mention.end : nxt.mention.start]) and (
                ((host.feature_code == "ADM1" or host.is_country) and parts)
                # "Thomas Memorial Hospital in South Charleston": nothing else places it
                or (not row.places and host.feature_class != "L")
            ):
                out[k] = host
    _lists(rows, ranked, text, order, out)
    _named_before(rows, ranked, text, gaz, order, out, weak)
    _comma_city(rows, ranked, text, gaz, out, weak)
    return out


# "Greenlane, Auckland, New Zealand": a name, then the city it is in, as in an address
_WORDS = r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)?"
_COMMA_CITY = re.compile(rf",\s*(?P<city>{_WORDS})")
_LIST_GOES_ON = re.compile(rf"(?:,\s*(?:and\s+)?|\s+and\s+)(?P<next>{_WORDS})")


def _comma_city(
    rows: list[CandidateRow],
    ranked: list[tuple[Array, npt.NDArray[np.intp]] | None],
    text: str,
    gaz: Gazetteer,
    out: dict[int, Place],
    weak: tuple[int, int],
) -> None:
    """Hosts of rows the gazetteer cannot place, named right after them by a city of
    ``_CITY`` people or more ("Greenlane, Auckland"); not in a list of towns ("Nyando,
    Kisii, Wajir"), where the next name is another place, not the city's region or
    country (in place)."""
    fuzzy, byname = weak
    for k, row in enumerate(rows):
        if k in out or not (ranked[k] is None or unplaced(row, fuzzy, byname)):
            continue
        m = _COMMA_CITY.match(text, row.mention.end)
        # "Churchill, Man.", "Ada, Okla.": the words name the town's region, not a city
        if (
            m is None
            or m.group("city").endswith(".")
            or followed_by_its_region(gaz, text, row.mention.end, row.mention.text)
        ):
            continue
        towns = [p for p in gaz.candidates(m.group("city")) if p.feature_class == "P"]
        if not towns or towns[0].population < _CITY:
            continue
        city = towns[0]
        more = _LIST_GOES_ON.match(text, m.end())
        if more and not any(
            (p.is_country and p.country_code == city.country_code)
            or (p.feature_code == "ADM1" and _within(city, p))
            for p in gaz.candidates(more.group("next"))[:5]
        ):
            continue
        out[k] = city


# "the city's Abbassiya district", "Giza's Haram district" (Giza not read as a mention);
# "The city's" opening a sentence too
_OWNER = re.compile(
    r"(?:\b(?i:the\s+(?P<kind>city|capital|town))|(?P<word>[A-Z][\w-]+(?: [A-Z][\w-]+)?))"
    r"['’]s\s+$"
)


def _named_before(
    rows: list[CandidateRow],
    ranked: list[tuple[Array, npt.NDArray[np.intp]] | None],
    text: str,
    gaz: Gazetteer,
    order: list[int],
    out: dict[int, Place],
    weak: tuple[int, int],
) -> None:
    """Hosts of rows the gazetteer cannot place, named by a possessive that is no mention:
    "the city's" is the town named last before it; a word a city of the gazetteer is
    called ("Giza's") is that city (in place)."""
    fuzzy, byname = weak
    last: Place | None = None
    for k in order:
        row, r = rows[k], ranked[k]
        owner = _OWNER.search(text, max(0, row.mention.start - 40), row.mention.start)
        if k not in out and owner and (r is None or unplaced(row, fuzzy, byname)):
            if owner.group("kind") and last is not None:
                out[k] = last
            elif owner.group("word"):
                towns = [p for p in gaz.candidates(owner.group("word")) if p.feature_class == "P"]
                if towns and towns[0].population >= _CITY:
                    out[k] = towns[0]
        if r is not None and row.places[int(r[1][0])].feature_class == "P":
            last = row.places[int(r[1][0])]


# items of one list: "Foua and Kfraya", "Hornsey, Stoke Newington and Walthamstow"
_LIST = re.compile(r"^\s*(?:,\s*(?:and\s+)?|\s+and\s+)$")


def _lists(
    rows: list[CandidateRow],
    ranked: list[tuple[Array, npt.NDArray[np.intp]] | None],
    text: str,
    order: list[int],
    out: dict[int, Place],
) -> None:
    """Hosts through lists (in place): the items before "Kfraya in Idlib" are in Idlib too
    ("Foua and Kfraya in Idlib"), and an item the gazetteer lacks, listed beside a town it
    has, is placed at that town ("Hornsey, Stoke Newington and Walthamstow")."""
    for n in range(len(order) - 2, -1, -1):
        k, nxt = order[n], order[n + 1]
        if k in out or not _LIST.match(text[rows[k].mention.end : rows[nxt].mention.start]):
            continue
        host = out.get(nxt)
        if host is not None and (host.feature_code == "ADM1" or not rows[k].places):
            out[k] = host
    for n, k in enumerate(order):
        if k in out or rows[k].places:
            continue
        for j in (n - 1, n + 1):
            if not 0 <= j < len(order):
                continue
            other = order[j]
            first, second = (other, k) if j < n else (k, other)
            r = ranked[other]
            gap = text[rows[first].mention.end : rows[second].mention.start]
            if r is None or not _LIST.match(gap):
                continue
            town = rows[other].places[int(r[1][0])]
            if town.feature_class == "P":
                out[k] = town
                break


def _within(p: Place, host: Place) -> bool:
    if host.is_country:
        return p.country_code == host.country_code
    if host.feature_code == "ADM1":
        return (p.country_code, p.admin1_code) == (host.country_code, host.admin1_code)
    return haversine_km(p.lat, p.lon, host.lat, host.lon) <= HOST_KM


def inside(row: CandidateRow, host: Place) -> list[int]:
    """The row's candidates that lie in the host."""
    return [
        i for i, p in enumerate(row.places) if p.geonameid != host.geonameid and _within(p, host)
    ]


# Below this, a town that shares the name is no better reading than the host itself
_SMALL = 25_000


def unplaced(row: CandidateRow, fuzzy: int, byname: int) -> bool:
    """The gazetteer has no good reading of the row: no candidate, or only small towns,
    spellings matched by similarity and bynames (Abbasiya, a byname of Yehud in Israel;
    Haram, a Norwegian village)."""
    return all(
        ((p.feature_class == "P" or p.feature_code == "ADM2") and p.population < _SMALL)
        or row.x[i, fuzzy]
        or row.x[i, byname]
        for i, p in enumerate(row.places)
    )


# "Vancouver Art Gallery", "Ottawa General Hospital": an institution named after its city
_INSTITUTION = re.compile(
    r"^(?P<name>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)??) (?:Art Gallery|Gallery|Museum|"
    r"(?:General |Memorial |Children's )?Hospital|Stadium|Arena|Cathedral|City Hall|Zoo|"
    r"Convention Cent(?:re|er)|Public Library|Courthouse|Police Station)$"
)
# a city big enough to name its institutions after (not "Bob Wills" or "Thomas")
_CITY = 100_000


def named_after_city(gaz: Gazetteer, surface: str) -> re.Match[str] | None:
    """The match of an institution's name that opens with a city's name, or None."""
    m = _INSTITUTION.match(surface)
    if m is None:
        return None
    towns = [p for p in gaz.candidates(m.group("name")) if p.feature_class == "P"]
    return m if towns and towns[0].population >= _CITY else None
