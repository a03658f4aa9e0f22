"""The not-a-place gate: a mention is resolved as a place only when a place reading holds.

GeoNames has a place for almost any capitalised string ("GOP" is an alternate name of
Gorakhpur, "Obama" a town in Japan, "Diana" a region of Madagascar), so a mention that the
gazetteer can match is not yet a place. Before resolution each place mention is checked
for what argues against a place reading:

- casing and form: not capitalised ("n't"), a contraction, a function word, one letter;
- an acronym ("GOP", "CBS", "DACA") that names no country, first-level region or
  continent, and is no place's own name (GeoNames lists airport codes as alternate names);
- a heavenly body or common word that GeoNames also has as a town ("Earth", "Mars",
  "Western" alone);
- a building that stands for a government ("White House", "Kremlin"): an organisation;
- a code of letters and digits ("H1N1", "G20");
- a title before it ("Princess Diana", "Sen. Warren");
- another reading in the same document: the surname of a person named in full ("Klein"
  after "Ezra Klein"), or a name the model also labelled a person or organisation;
- a place name given to a disease in the same document ("Ebola virus", "West Nile fever");
- a name that speaks ("York said") and is no country, region, capital or big city — and
  then every other mention of that name in the document;
- a name the model read as a person or organisation and only the gazetteer made a place
  ("Putin" → Putian): kept only after a locative word ("in", "near", "from" …), when the
  place is a country, a capital or a city of a million, or when the same name is read as a
  place elsewhere in the document on its own evidence ("in Cairns" … "the Cairns police").

What fails stays a mention of its other reading (or none), never a guessed place; the
reason is kept for the explanation.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from presslens.geo.gazetteer import Gazetteer

__all__ = [
    "GateInput",
    "big_place",
    "locative_before",
    "place_gate",
    "speaks",
    "surfaces_by_label",
]

_FUNCTION_WORDS = frozenset(
    """a an the it its this that these those he she they we you i me him her them us my our
    your their of and or but nor in on at to for with by from as is was be are were not no
    yes so if then than there here when where who what which why how all any some one mr
    mrs ms dr st said says""".split()
)
# Names that are places in GeoNames (Earth, Texas; Mars, Pennsylvania; University, Florida)
# but in news text almost always the heavenly body or the common word.
_NOT_PLACES = frozenset(
    """earth moon sun mars venus jupiter saturn mercury neptune uranus pluto titan europa
    heaven hell paradise eden internet web street western eastern northern southern
    central easter christmas olympic olympics pope university""".split()
)
# Diseases named after a place that news names alone ("to combat Ebola"): the disease, in
# any document, unless the river or forest is meant ("the Ebola River").
_DISEASES = frozenset("ebola zika nipah hendra lassa chikungunya".split())
_NATURE_AFTER = re.compile(r"\s+(?:River|Forest|Valley)\b")
# Buildings that stand for a government ("the White House said"); GeoNames knows them only
# as namesake towns (White House, Tennessee).
_INSTITUTIONS = frozenset(
    (
        "white house",
        "kremlin",
        "pentagon",
        "downing street",
        "elysee",
        "élysée",
        "capitol hill",
        "whitehall",
        "blue house",
        "zhongnanhai",
        "foggy bottom",
    )
)
# a code of letters and digits: "H1N1", "F-16", "G20" (a facility pattern such as "T-4
# airbase" is read before the gate and does not come here)
_CODE = re.compile(r"[A-Za-z]-?\d|\d-?(?!(?:st|nd|rd|th)\b)[A-Za-z]")  # not "3rd Street"
_CONTRACTION = re.compile(r"(?:n[’']t|[’'](?:s|re|ve|ll|d|m))$|^[’']", re.I)
_ACRONYM = re.compile(r"^(?:[A-Z][.&]?){2,5}$")
# Words before a place; the first alternatives are said of organisations too ("bought from
# Google", "sent to Toyota", "works at Bloomberg"), the rest hardly ("in", "near", "city of").
_SHARED_LOCATIVES = r"at|from|to|into|towards?|via|off|visit(?:ed|ing)?"
_PLACE_LOCATIVES = (
    r"in|near|outside|across|around|throughout|within|north of|south of|east of|west of|"
    r"(?:city|town|village|province|state|county|region|island|islands|district|port|"
    r"capital|outskirts|suburbs?|coast) of"
)
_LOCATIVE_END = (
    r")\s+(?:(?:the|either|both|nearby|neighbouring|neighboring|northern|southern|eastern|"
    r"western|central)\s+)?$"
)
_LOCATIVE = re.compile(
    # "Paul Block Jr., 49, of Waterloo": the residence after a person's age
    r"(?:\d{1,3},\s+of\s+$)|\b(?:" + _SHARED_LOCATIVES + "|" + _PLACE_LOCATIVES + _LOCATIVE_END,
    re.I,
)
_PLACE_LOCATIVE = re.compile(r"\b(?:" + _PLACE_LOCATIVES + _LOCATIVE_END, re.I)
_TITLE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame|Lord|Lady|King|Queen|Prince|Princess|Pope|"
    r"President|Senator|Sen|Rep|Gov|Governor|Mayor|Minister|Judge|Justice|General|Gen|"
    r"Colonel|Col|Captain|Capt|Sheikh|Imam|Rabbi|Father|Sister|Brother|Uncle|Aunt)\.?\s+$"
)
_BIG_CITY = 1_000_000
_SPEECH_AFTER = re.compile(
    r"^[’']?s?\s+(?:said|says|told|added|explained|wrote|asked|argued|noted|insisted|"
    r"recalled|replied|tweeted)\b"
)


@dataclass(frozen=True, slots=True)
class GateInput:
    """What the gate needs to know about one mention."""

    start: int
    end: int
    text: str
    relabelled: bool  # the model said PERSON/ORG/NORP; the gazetteer made it a place


def locative_before(text: str, start: int, *, place_only: bool = False) -> bool:
    """A locative word just before ``start``; ``place_only``: one organisations do not
    take as well ("in", "near"; not "from", "to", "at")."""
    pattern = _PLACE_LOCATIVE if place_only else _LOCATIVE
    return pattern.search(text[max(0, start - 30) : start]) is not None


def big_place(gaz: Gazetteer, name: str) -> bool:
    """A country, a first-level region, a capital or a city of a million by that name."""
    return any(
        p.feature_code.startswith("PCL")
        or p.feature_code in ("ADM1", "CONT", "PPLC")
        or (p.feature_class == "P" and p.population >= _BIG_CITY)
        for p in gaz.candidates(name)[:10]
    )


def _named_region(gaz: Gazetteer, name: str) -> bool:
    """A country, region or continent by that name or abbreviation ("US", "N.Y.", "DC"), or
    a place whose own name it is; an airport code or other alternate name is not enough."""
    return any(
        p.feature_code.startswith("PCL") or p.feature_code in ("ADM1", "CONT") or p.name == name
        for p in gaz.candidates(name)[:10]
    )


_DISEASE_AFTER = re.compile(
    r"[\s-]+(?:\w*virus(?:es)?|fever|disease|haemorrhagic|hemorrhagic|vaccines?|flu)\b", re.I
)


@functools.lru_cache(maxsize=4)
def _disease_words(text: str) -> tuple[int, ...]:
    """Where each disease word of a document begins (its separator included), found in one
    pass (a search per surface over the whole text made long documents quadratic)."""
    return tuple(m.start() for m in _DISEASE_AFTER.finditer(text))


@functools.lru_cache(maxsize=256)
def _before_disease(text: str, n: int) -> frozenset[str]:
    """The lowered ``n`` characters before each of a document's disease words, once per
    document and length (a scan of every disease word per surface made a long document's
    many names quadratic)."""
    return frozenset(text[s - n : s].lower() for s in _disease_words(text) if s >= n)


def _names_disease(text: str, surface: str) -> bool:
    """'Ebola virus', 'West Nile fever', 'Marburg virus disease': a place name given to a
    disease stands for the disease wherever it recurs in that document (an outbreak 'in
    Marburg' is caught by the locative before it)."""
    if surface.casefold() in _DISEASES:
        return True
    n = len(surface)
    if n < 3:
        return False
    # the surface searched for in the whole text last, only when it could name a disease:
    # a search per name was a pass over the document each
    return surface.lower() in _before_disease(text, n) and surface in text


def speaks(gaz: Gazetteer, text: str, start: int, end: int, surface: str) -> bool:
    """'York said': a name that speaks is a person, unless it is a country, region, capital
    or big city standing for its government ('Moscow said')."""
    return bool(_SPEECH_AFTER.match(text[end : end + 20])) and not big_place(gaz, surface)


def place_gate(
    gaz: Gazetteer,
    text: str,
    m: GateInput,
    person_tokens: frozenset[str],
    other_readings: dict[str, str],
    anchored: frozenset[str] = frozenset(),
) -> tuple[str | None, str | None]:
    """(why it is not a place, its other reading) — (None, None) when it passes.

    ``person_tokens`` are the tokens of multi-word person names in the document;
    ``other_readings`` maps a surface the model labelled PERSON or ORG elsewhere to that label;
    ``anchored`` are the names read as places elsewhere in the document on their own
    evidence (the model's place label, or a locative word before them).
    """
    surface = re.sub(r"^the\s+", "", m.text.strip(), flags=re.I)
    if len(surface) < 2 or not surface[:1].isupper():
        return "not capitalised like a name", None
    if _CONTRACTION.search(surface):
        return "a contraction, not a name", None
    if surface.casefold() in _FUNCTION_WORDS and not surface.isupper():  # "us", not "US"
        return "a function word", None
    if surface.casefold() in _NOT_PLACES:
        return "a heavenly body or common word, not a place on the map", None
    if surface.casefold() in _INSTITUTIONS:
        return "a seat of government standing for it", "ORG"
    if _CODE.search(surface) and not any(p.name == surface for p in gaz.candidates(surface)):
        return "a code of letters and digits, not a place name", None
    if _ACRONYM.match(surface) and not _named_region(gaz, surface):
        return "an acronym that names no country or region", "ORG"
    if _TITLE.search(text[max(0, m.start - 20) : m.start]):
        return "a title before it marks a person", "PERSON"
    locative = locative_before(text, m.start)
    disease = surface.casefold() in _DISEASES  # "linked to Ebola": no locative exception
    if (
        (disease or not locative)
        and _names_disease(text, surface)
        and not _NATURE_AFTER.match(text, m.end)
    ):
        return "names a disease in this document ('… virus', '… fever')", None
    if surface in person_tokens and not (locative and big_place(gaz, surface)):
        return "part of a person's name in this document", "PERSON"
    reading = other_readings.get(surface)
    if m.relabelled and reading is not None:
        # the model read this very mention, and the name elsewhere, as a person or an
        # organisation: a word organisations take as well ("from Google", "to Toyota")
        # is no sign of a place
        locative = locative_before(text, m.start, place_only=True)
    if reading is not None and not locative and surface not in anchored:
        return f"also read as a {reading.lower()} name in this document", reading
    # "the Cairns police force" where the text also says "in Cairns": one sense per
    # document for a name the model once read as a place
    if m.relabelled and not (locative or surface in anchored or big_place(gaz, surface)):
        return "read as a person or organisation name, with no sign of a place", "PERSON"
    return None, None


def surfaces_by_label(mentions: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Surface → PERSON/ORG for the mentions (surface, label) the model gave those labels."""
    out: dict[str, str] = {}
    for surface, label in mentions:
        if label in ("PERSON", "ORG"):
            out.setdefault(surface, label)
    return out
