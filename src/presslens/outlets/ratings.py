"""Looking an outlet up in the shipped ratings table (``resources/outlets``)."""

from __future__ import annotations

import functools
import gzip
import json
from importlib import resources
from typing import Any

from presslens.model import Outlet, OutletRating
from presslens.outlets.domains import SHORTENERS, candidate_keys, host_of, registered_domain

__all__ = ["lookup_outlet", "outlet_table"]

_VERDICT = {1: "reliable", 0: "mixed", -1: "unreliable"}


@functools.cache
def outlet_table() -> dict[str, Any]:
    raw = resources.files("presslens.resources.outlets").joinpath("ratings.json.gz").read_bytes()
    table: dict[str, Any] = json.loads(gzip.decompress(raw))
    return table


def lookup_outlet(url_or_site: str | None) -> Outlet:
    """The outlet's ratings from every list that covers it, most specific domain first."""
    if not url_or_site:
        return Outlet(
            host=None, domain=None, status="unknown", ratings=[], verdicts={}, disagreement=False
        )
    host = host_of(url_or_site)
    domain = registered_domain(url_or_site)
    if domain in SHORTENERS or (host or "").removeprefix("www.") in SHORTENERS:
        return Outlet(
            host=host,
            domain=domain,
            status="shortener",
            ratings=[],
            verdicts={},
            disagreement=False,
        )
    table = outlet_table()
    lists: dict[str, dict[str, str]] = table["lists"]
    ratings: list[OutletRating] = []
    seen: set[str] = set()
    for key in candidate_keys(url_or_site):
        for list_id, words, verdict, score in table["domains"].get(key, []):
            if list_id in seen:
                continue  # the list rates a more specific host already
            seen.add(list_id)
            info = lists[list_id]
            ratings.append(
                OutletRating(
                    list=list_id,
                    list_name=info["name"],
                    rating=words,
                    verdict=_VERDICT.get(verdict) if verdict is not None else None,
                    score=score,
                    matched=key,
                    source=info["source"],
                    date=info["date"],
                    licence=info["licence"],
                )
            )
    verdicts: dict[str, int] = {}
    for r in ratings:
        if r.verdict:
            verdicts[r.verdict] = verdicts.get(r.verdict, 0) + 1
    return Outlet(
        host=host,
        domain=domain,
        status="rated" if ratings else "unrated",
        ratings=ratings,
        verdicts=verdicts,
        disagreement="reliable" in verdicts and "unreliable" in verdicts,
    )
