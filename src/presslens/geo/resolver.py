"""Toponym resolution: which GeoNames place a mention means, with the reasons.

Each candidate is scored on evidence a person can check: its population, whether it is a
country or a capital, whether the text names its country right beside it ("the Syrian city
of Raqqa", "Iraqi Mosul"), how often the document mentions that country (the focus),
closeness to the places already resolved unambiguously, and the outlet's country. The
confidence is the winner's share of the candidates' soft-maxed scores.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from presslens.geo.gazetteer import Gazetteer, Place

__all__ = ["MentionIn", "Resolution", "haversine_km", "resolve"]

_DIRECTION = re.compile(
    r"^(?:(?:the\s+)?(?:eastern|western|northern|southern|central|north|south|east|west"
    r"|north-?eastern|north-?western|south-?eastern|south-?western)\s+)(?P<rest>.+)$",
    re.I,
)
_FACILITY = re.compile(
    r"^(?P<name>.+?)[ -](?:air ?base|airbase|airfield|airport|naval base|military base|base)$",
    re.I,
)
# "London, Ont.", "Paris, Texas", "Bozeman, Montana": a place followed by its region.
_COMMA_REGION = re.compile(r",\s+((?:[A-Z][\w.]*\.?)(?:\s[A-Z][\w.]*)?)")
_APPOSITION = re.compile(
    r"(?P<adj>[A-Z][a-z]+)\s+(?:(?:city|town|village|province|region|capital|port|"
    r"governorate|district|border town|stronghold)\s+(?:of\s+)?)?$"
)


@dataclass(frozen=True, slots=True)
class MentionIn:
    start: int
    end: int
    text: str
    label: str = "GPE"


@dataclass(frozen=True, slots=True)
class Resolution:
    place: Place
    confidence: float
    reasons: tuple[str, ...]
    feature: str | None = None  # "FAC" or "region" when derived from a named place


@dataclass(slots=True)
class _Context:
    gaz: Gazetteer
    focus: Counter[str] = field(default_factory=Counter)  # country code → weight
    anchors: list[Place] = field(default_factory=list)
    outlet_country: str | None = None
    # is this region named in the text? One search per region name, not per mention, so
    # a long document's cost stays linear in its length
    named: dict[str, bool] = field(default_factory=dict)
    nearest: dict[int, float | None] = field(default_factory=dict)  # geonameid → km


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _is_country(p: Place) -> bool:
    return p.feature_code.startswith("PCL")


def _candidates(gaz: Gazetteer, surface: str, fuzzy: bool) -> tuple[list[Place], str | None]:
    cands = gaz.candidates(surface)
    if cands or not fuzzy or len(surface) < 5:
        return cands, None
    hits = gaz.fuzzy(surface, limit=5, min_score=85.0)
    if not hits:
        return [], None
    score = hits[0][1]
    return [p for p, s in hits if s >= score - 3], f"spelling {surface!r} matched by similarity"


def _nearest_anchor(place: Place, ctx: _Context) -> float | None:
    """Distance to the nearest other anchor (not a country), once per place and document:
    scoring runs after every anchor is known, and a place recurs in many mentions."""
    if place.geonameid in ctx.nearest:
        return ctx.nearest[place.geonameid]
    others = [a for a in ctx.anchors if a.geonameid != place.geonameid and not _is_country(a)]
    found = (
        min(haversine_km(place.lat, place.lon, a.lat, a.lon) for a in others) if others else None
    )
    ctx.nearest[place.geonameid] = found
    return found


def _score(
    place: Place, m: MentionIn, text: str, ctx: _Context, demonyms: dict[str, str | None]
) -> tuple[float, list[str]]:
    reasons: list[str] = []
    score = math.log10(place.population + 10)
    if place.population:
        reasons.append(f"population {place.population:,}")
    if _is_country(place):
        score += 4.0
        reasons.append("a country")
    elif place.feature_code == "PPLC":
        score += 2.0
        reasons.append("a national capital")
    elif place.feature_code.startswith("ADM1"):
        score += 1.0
    if place.name.casefold() == m.text.casefold():
        score += 0.5
    before = text[max(0, m.start - 40) : m.start]
    app = _APPOSITION.search(before)
    if app and demonyms.get(app.group("adj")) == place.country_code and not _is_country(place):
        score += 6.0
        reasons.append(f"apposition '{app.group().strip()}'")
    weight = ctx.focus.get(place.country_code, 0) if place.country_code else 0
    if weight:
        score += min(4.0, 1.5 + math.log2(weight))
        reasons.append(f"the document's focus country {place.country_code} ({weight} mentions)")
    nearest = _nearest_anchor(place, ctx) if not _is_country(place) else None
    if nearest is not None and nearest < 500:
        score += 1.5
        reasons.append(f"{nearest:.0f} km from another place in the text")
    region = _COMMA_REGION.match(text, m.end)
    if region and place.feature_class == "P":
        named = region.group(1)
        for cand in ctx.gaz.candidates(named)[:5]:
            same_region = cand.feature_code == "ADM1" and (cand.country_code, cand.admin1_code) == (
                place.country_code,
                place.admin1_code,
            )
            if same_region or (
                cand.feature_code.startswith("PCL") and cand.country_code == place.country_code
            ):
                score += 5.0
                reasons.append(f"followed by its region or country '{named}'")
                break
    if place.admin1 and place.feature_class == "P" and place.admin1 != place.name:
        in_text = ctx.named.get(place.admin1)
        if in_text is None:
            in_text = bool(re.search(rf"\b{re.escape(place.admin1)}\b", text))
            ctx.named[place.admin1] = in_text
    else:
        in_text = False
    if in_text:
        score += 2.5
        reasons.append(f"its region {place.admin1} is named in the text")
    if ctx.outlet_country and place.country_code == ctx.outlet_country:
        score += 0.75
        reasons.append(f"in the outlet's country {ctx.outlet_country}")
    return score, reasons


def _softmax_share(scores: list[float]) -> float:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    return 1.0 / sum(exps)


def resolve(
    gaz: Gazetteer,
    text: str,
    mentions: list[MentionIn],
    *,
    demonyms: dict[str, str | None],
    outlet_country: str | None = None,
    fuzzy: bool = True,
) -> list[Resolution | None]:
    """Resolve every mention; None where no candidate is found."""
    ctx = _Context(gaz=gaz, outlet_country=outlet_country)
    for word, code in demonyms.items():
        if code and word in text:
            ctx.focus[code] += len(re.findall(rf"\b{re.escape(word)}\b", text))
    prepared: list[tuple[MentionIn, list[Place], list[str], str | None]] = []
    for m in mentions:
        surface, notes, feature = m.text.strip(), [], None
        fac = _FACILITY.match(surface)
        if fac:
            surface, feature = fac.group("name"), "FAC"
            notes.append(f"a facility named after {surface}")
        direction = _DIRECTION.match(surface)
        if direction and not gaz.candidates(surface):
            surface, feature = direction.group("rest"), "region"
            notes.append(f"a part of {surface}")
        surface = re.sub(r"^the\s+", "", surface, flags=re.I)
        demonym_of = demonyms.get(surface) or demonyms.get(re.sub(r"[’']s$", "", surface))
        country = gaz.country(demonym_of) if demonym_of else None
        if country is not None:
            cands, fuzzy_note = [country], None
            notes.append(f"'{surface}' names the people or things of {country.name}")
        else:
            cands, fuzzy_note = _candidates(gaz, surface, fuzzy and m.label != "FAC")
        if fuzzy_note:
            notes.append(fuzzy_note)
        if feature == "FAC" and not cands:
            near = re.search(r"\bnear\s+([A-Z][\w-]+)", text[m.end : m.end + 40])
            if near:
                cands = gaz.candidates(near.group(1))
                notes.append(f"located near {near.group(1)}")
        prepared.append((m, cands, notes, feature))
        if len(cands) == 1 or (cands and _is_country(cands[0])):
            # each place once: the nearest-anchor distance is the same, and repeated
            # mentions would make scoring quadratic in the document's length
            if all(a.geonameid != cands[0].geonameid for a in ctx.anchors):
                ctx.anchors.append(cands[0])
            ctx.focus[cands[0].country_code] += 1
    out: list[Resolution | None] = []
    for m, cands, notes, feature in prepared:
        if not cands:
            out.append(None)
            continue
        scored = [(_score(p, m, text, ctx, demonyms), p) for p in cands[:50]]
        # "Aleppo" is the city more often than the governorate named after it.
        seats = {(p.country_code, p.admin1_code) for p in cands if p.feature_class == "P"}
        scored = [
            ((s - 2.0, [*r, "a region named after its main city"]), p)
            if p.feature_code == "ADM1" and (p.country_code, p.admin1_code) in seats
            else ((s, r), p)
            for (s, r), p in scored
        ]
        scored.sort(key=lambda x: -x[0][0])
        (_, reasons), best = scored[0]
        confidence = _softmax_share([s for (s, _), _ in scored])
        if len(cands) == 1:
            reasons = ["the only candidate", *reasons]
        if notes and "similarity" in " ".join(notes):
            confidence *= 0.8
        out.append(Resolution(best, round(confidence, 3), tuple(notes + reasons), feature))
    return out
