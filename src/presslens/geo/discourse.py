"""Rules that read a mention against the rest of its document, after the features.

- **A region named after the place decides it** (``explicit_region``): "Paris, Texas" is
  the Texas town whatever the ranker thinks of France, and the other plain "Paris" of the
  same text mean the same town (one sense per document for a name the writer spelled out).
  A list of peers is not such a pair: in "Washington, Pennsylvania and California" the
  words after the comma are the next state, not Washington's region.
- **A capital over its country's namesake state** (``seat_of_government``): "Washington
  warned …", "WASHINGTON (Reuters) —", "a Washington-based firm" are the capital; the state
  only when the text says so ("Washington state", a list of states, or another place of the
  text inside that state).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from presslens.geo.gazetteer import Gazetteer, Place, normalise

if TYPE_CHECKING:
    from presslens.geo.rows import CandidateRow

Array = npt.NDArray[np.float64]

__all__ = [
    "COMMA_REGION",
    "explicit_region",
    "followed_by_its_region",
    "region_missing",
    "region_of_previous",
    "region_words",
    "regions_in_lists",
    "seat_of_government",
]

# "state" beside the name: "Washington state", "the state of Washington", "New York State"
# … and its governor ("New York Gov. Andrew Cuomo", "Washington Governor Jay Inslee")
_STATE_AFTER = re.compile(r"[\s-]+(?:state\b|State\b|Gov\.|Governor\b|governor\b)")
_STATE_BEFORE = re.compile(r"\bstate\s+of\s+$", re.I)
# Two mentions joined as items of one list: "Georgia, Oklahoma", "Texas and Ohio"
_LIST_JOIN = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+|\s*/\s*)$")


# "London, Ont.", "Paris, Texas", "Bozeman, Montana": a place followed by its region.
COMMA_REGION = re.compile(r",\s+((?:[A-Z][\w.]*\.?)(?:\s[A-Z][\w.]*)?)")


@functools.lru_cache(maxsize=4096)
def _first_word(words: str) -> str:
    return words.split()[0]


def region_words(gaz: Gazetteer, words: str) -> str:
    """The region in "Paris, Texas. Rodney …" or "London, Ont. police": one word when the
    first ends with a full stop (an abbreviation or the sentence's end) or the two words
    name nothing ("Paris, Texas Governor …")."""
    first = _first_word(words)
    if first == words or first.endswith("."):
        return first
    return words if gaz.candidates(words) else first


def followed_by_its_region(gaz: Gazetteer, text: str, end: int, surface: str) -> bool:
    """ "Churchill, Man.", "Wainwright, Alta.": the words after the comma name a region or
    country holding a town of that name, whatever the model read the name as."""
    region = COMMA_REGION.match(text, end)
    if region is None or text[region.end() : region.end() + 2] in ("'s", "’s"):
        return False  # "Liu He, China's top trade negotiator": an apposition
    towns = [p for p in gaz.candidates(surface) if p.feature_class == "P"]
    if not towns:
        return False
    for cand in gaz.candidates(region_words(gaz, region.group(1)))[:5]:
        if cand.feature_code == "ADM1":
            key = (cand.country_code, cand.admin1_code)
            if any((p.country_code, p.admin1_code) == key for p in towns):
                return True
        elif cand.is_country and any(p.country_code == cand.country_code for p in towns):
            return True
    return False


def region_missing(
    gaz: Gazetteer, text: str, end: int, surface: str, cands: list[Place]
) -> Place | None:
    """The region or country named after the name ("Sarkh, Logar") when no candidate lies in
    it and the name is no region itself; else None."""
    region = COMMA_REGION.match(text, end)
    if region is None or text[region.end() : region.end() + 2] in ("'s", "’s"):
        return None
    if any(p.feature_class != "P" or p.population >= 1_000_000 for p in cands):
        return None  # "Georgia, Oklahoma", "New York City, Long Island": a list of places
    named = next(
        (
            p
            for p in gaz.candidates(region_words(gaz, region.group(1)))[:5]
            if p.feature_code == "ADM1" or p.is_country
        ),
        None,
    )
    if named is None:
        return None
    more = re.match(r"(?:,\s*|\s+and\s+)([A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)?)", text[region.end() :])
    if more and not any(
        p.is_country and p.country_code == named.country_code
        for p in gaz.candidates(more.group(1))[:5]
    ):
        return None  # "Rift Valley, North Eastern and Western": a list goes on
    for p in cands:
        if p.country_code == named.country_code and (
            named.is_country or p.admin1_code == named.admin1_code
        ):
            return None
    return named


def _peer_region(row: CandidateRow) -> bool:
    """The mention can itself be a first-level region or a country ("Washington",
    "Georgia"): then "X, Y" is as likely a list of two regions as a town and its region."""
    key = normalise(row.mention.text)
    return any(
        (p.feature_code == "ADM1" or p.is_country) and normalise(p.name) == key for p in row.places
    )


def explicit_region(rows: list[CandidateRow], comma: int) -> None:
    """Keep only the candidates whose region or country follows the name ("Paris, Texas"),
    in that row and in the rows of the same name elsewhere in the text (in place).

    ``comma`` is the column of the "X, State" feature.
    """
    chosen: dict[str, set[int]] = {}
    for row in rows:
        hits = [i for i in range(len(row.places)) if row.x[i, comma] > 0]
        if not hits or len(hits) == len(row.places) or _peer_region(row):
            continue
        _keep(row, hits, "the region named after it decides among its namesakes")
        chosen.setdefault(normalise(row.mention.text), set()).update(
            row.places[i].geonameid for i in range(len(row.places))
        )
    for row in rows:
        ids = chosen.get(normalise(row.mention.text))
        if not ids or row.x[:, comma].any() or len(row.places) < 2:
            continue
        same = [i for i, p in enumerate(row.places) if p.geonameid in ids]
        if same and len(same) < len(row.places):
            _keep(row, same, "the same name is given with its region elsewhere in the text")


def _keep(row: CandidateRow, keep: list[int], why: str) -> None:
    row.places = [row.places[i] for i in keep]
    row.x = row.x[keep]
    row.reasons = [[*row.reasons[i], why] for i in keep]


@dataclass(frozen=True, slots=True)
class _Top:
    place: Place
    start: int
    end: int


def _state_signalled(
    text: str,
    k: int,
    tops: list[_Top | None],
    state: Place,
    capital: Place,
    inside: Counter[tuple[str, str]],
) -> bool:
    """The text says the state is meant: "state" beside the name, a neighbouring item of a
    list that is a region too, or another place of the text inside the state."""
    me = tops[k]
    assert me is not None
    if _STATE_AFTER.match(text, me.end) or _STATE_BEFORE.search(
        text[max(0, me.start - 12) : me.start]
    ):
        return True
    for j in (k - 1, k + 1):
        other = tops[j] if 0 <= j < len(tops) else None
        if other is None:
            continue
        gap = text[other.end : me.start] if j < k else text[me.end : other.start]
        peer = other.place.feature_code == "ADM1"  # "to Moscow and Qatar" is no list of states
        # "Washington, D.C.": the capital's own region after it is no second item of a list
        own = (other.place.country_code, other.place.admin1_code) == (
            capital.country_code,
            capital.admin1_code,
        )
        if _LIST_JOIN.match(gap) and peer and not own:
            return True
    return inside[(state.country_code, state.admin1_code)] > 0


def seat_of_government(
    rows: list[CandidateRow], ranked: list[tuple[Array, npt.NDArray[np.intp]] | None], text: str
) -> dict[int, int]:
    """Rows whose exact-name national capital should beat the ranker's choice of another place
    in the same country: the text names no other place inside that country (the country
    itself does not count), or the ranker chose the capital's namesake first-level region
    and nothing in the text says the region is meant; and rows where the ranker chose the
    capital but the text says the namesake region is meant (the index to use instead)."""
    inside: Counter[str] = Counter()
    in_region: Counter[tuple[str, str]] = Counter()
    tops: list[_Top | None] = []
    for row, r in zip(rows, ranked, strict=True):
        if r is None:
            tops.append(None)
            continue
        top = row.places[int(r[1][0])]
        tops.append(_Top(top, row.mention.start, row.mention.end))
        if not top.is_country:
            inside[top.country_code] += 1
            # a place inside the region, not the capital itself (Ankara in Ankara province)
            if top.feature_code not in ("ADM1", "PPLC"):
                in_region[(top.country_code, top.admin1_code)] += 1
    out: dict[int, int] = {}
    for k, (row, r) in enumerate(zip(rows, ranked, strict=True)):
        if r is None:
            continue
        top = row.places[int(r[1][0])]
        surface = normalise(row.mention.text.strip())
        cap = next(
            (
                i
                for i, p in enumerate(row.places)
                if p.feature_code == "PPLC" and normalise(p.name) == surface
            ),
            None,
        )
        if cap is None:
            continue
        if row.places[cap] is top:
            # the other way round: "cases in Washington, Pennsylvania and California"
            state = next(
                (
                    i
                    for i, p in enumerate(row.places)
                    if p.feature_code == "ADM1"
                    and p.country_code == top.country_code
                    and normalise(p.name) == surface
                ),
                None,
            )
            if state is not None and _state_signalled(
                text, k, tops, row.places[state], top, in_region
            ):
                out[k] = state
            continue
        country = row.places[cap].country_code
        # Only a choice within the capital's own country is revisited (Washington the state
        # or the city): "Paris" read as Paris, Texas stays the ranker's call.
        if top.country_code != country or top.is_country:
            continue
        namesake_state = top.feature_code == "ADM1" and normalise(top.name) == surface
        if inside[country] - 1 == 0 or (
            namesake_state and not _state_signalled(text, k, tops, top, row.places[cap], in_region)
        ):
            out[k] = cap
    return out


def _peers(text: str, k: int, tops: list[_Top | None], step: int) -> list[Place]:
    """The first-level regions listed next to mention ``k`` on one side ("…, Pennsylvania
    and California" after "Washington"), nearest first."""
    out: list[Place] = []
    j, here = k + step, tops[k]
    while 0 <= j < len(tops) and here is not None:
        other = tops[j]
        if other is None or other.place.feature_code != "ADM1":
            break
        gap = text[other.end : here.start] if step < 0 else text[here.end : other.start]
        if not _LIST_JOIN.match(gap):
            break
        out.append(other.place)
        here, j = other, j + step
    return out


def regions_in_lists(
    rows: list[CandidateRow], ranked: list[tuple[Array, npt.NDArray[np.intp]] | None], text: str
) -> dict[int, int]:
    """Rows read as a town or a country that stand in a list of two or more first-level
    regions of one country and can be such a region themselves: "cases in Washington,
    Pennsylvania and California", "Georgia, Oklahoma, Pennsylvania" (the index to use)."""
    tops = [
        None if r is None else _Top(row.places[int(r[1][0])], row.mention.start, row.mention.end)
        for row, r in zip(rows, ranked, strict=True)
    ]
    out: dict[int, int] = {}
    for k, row in enumerate(rows):
        top = tops[k]
        if top is None or top.place.feature_code == "ADM1":
            continue
        peers = _peers(text, k, tops, -1) + _peers(text, k, tops, 1)
        if len(peers) < 2:
            continue
        countries = {p.country_code for p in peers}
        key = normalise(row.mention.text)
        state = next(
            (
                i
                for i, p in enumerate(row.places)
                if p.feature_code == "ADM1"
                and p.country_code in countries
                and normalise(p.name) == key
            ),
            None,
        )
        if state is not None:
            out[k] = state
    return out


def region_of_previous(
    rows: list[CandidateRow], ranked: list[tuple[Array, npt.NDArray[np.intp]] | None], text: str
) -> dict[int, int]:
    """Rows that name the region or country of the mention just before ("Atlanta, Georgia",
    "Buffalo, New York"): the candidate that contains the place already read (the index)."""
    out: dict[int, int] = {}
    for k in range(1, len(rows)):
        prev, r, me = ranked[k - 1], ranked[k], rows[k]
        if prev is None or r is None:
            continue
        before = rows[k - 1].places[int(prev[1][0])]
        if before.feature_class == "L" or before.is_country or before.feature_code == "ADM1":
            continue
        if not re.fullmatch(r",\s*", text[rows[k - 1].mention.end : me.mention.start]):
            continue
        key = normalise(me.mention.text)
        inside = next(
            (
                i
                for i, p in enumerate(me.places)
                if normalise(p.name) == key
                and (
                    (
                        p.feature_code == "ADM1"
                        and (p.country_code, p.admin1_code)
                        == (before.country_code, before.admin1_code)
                    )
                    or (p.is_country and p.country_code == before.country_code)
                )
            ),
            None,
        )
        if inside is not None and inside != int(r[1][0]):
            out[k] = inside
    return out
