"""Canonical entities: mentions of the same person, group or place clustered under one id.

IS / ISIS / Islamic State join through the shipped alias table; "Lavrov" joins "Sergei
Lavrov" by surname; "the Russian Minister" joins the person last introduced with a title
containing those words; places join by GeoNames id; "Syrian" joins Syria as an adjective.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from presslens.analyzers.lexicons import actors
from presslens.analyzers.mentions import PLACE_LABELS, RawMention

__all__ = ["Cluster", "ResolvedRef", "cluster_mentions", "slug"]

_ROLE = re.compile(
    r"\b(?:[Tt]he)\s+(?P<role>(?:[A-Z][\w-]+\s+){0,3}(?:Minister|President|Secretary|"
    r"Spokesman|Spokeswoman|Spokesperson|Chancellor|Premier|Ambassador|Envoy|Governor|Mayor|"
    r"Commander|General|Chief|Prime Minister|Foreign Minister|King|Queen|Emir|Prince))\b"
)
_TITLE_BEFORE = re.compile(r"((?:[A-Z][\w-]*\.?\s+){1,4})$")
_STOP = frozenset({"the", "of", "and"})


@dataclass(frozen=True, slots=True)
class ResolvedRef:
    """What the geoparser said about one place mention (or a demonym's country)."""

    key: str  # geonames:ID, or ent:… for places without an id
    name: str
    geonameid: int | None
    confident: bool = False  # shown at ≥ 0.9 and not uncertain
    uncertain: bool = False  # shown as uncertain, with its candidates


@dataclass(slots=True)
class Cluster:
    key: str
    name: str
    type: str
    mentions: list[tuple[RawMention, str]] = field(default_factory=list)  # mention, form
    roles: list[str] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)
    geonameid: int | None = None
    confident: bool = False  # a place resolved with confidence ≥ 0.9 at some mention


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "x"


def _norm_name(text: str) -> str:
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.I)
    return re.sub(r"[’']s$", "", text)


def cluster_mentions(
    text: str,
    mentions: list[RawMention],
    places: dict[int, ResolvedRef],
    country_ref: Callable[[str], ResolvedRef | None],
) -> list[Cluster]:
    """Group mentions; ``places`` maps a mention's index to its resolution."""
    by_actor = {a.id: a for a in actors()}
    clusters: dict[str, Cluster] = {}
    persons: list[Cluster] = []  # in order of introduction, for surnames and roles
    # persons by the last word of their name, in order of introduction: a short form is
    # looked up among those that end as it does, not among every person (linear cost)
    by_last: dict[str, list[Cluster]] = {}
    place_words = {w for m in mentions if m.label in PLACE_LABELS for w in m.text.split()}
    # an uncertain resolution names no entity of its own ("Alibaba", similar in spelling to
    # an Iranian town, became that town nine times); it joins a place the text names for
    # sure elsewhere ("Mousoul" beside Mosul)
    settled = {r.key for r in places.values() if not r.uncertain}

    def add(key: str, name: str, etype: str, m: RawMention, form: str) -> Cluster:
        c = clusters.get(key)
        if c is None:
            c = clusters[key] = Cluster(key, name, etype)
        c.mentions.append((m, form))
        c.sources.add(m.source.split("+")[0] if m.source != "alias" else "alias-table")
        return c

    for i, m in enumerate(mentions):
        if m.actor:
            a = by_actor[m.actor]
            add(f"ent:{a.id}", a.name, a.type, m, "alias" if m.text != a.name else "name")
        elif m.form == "adjective":
            ref = country_ref(m.country) if m.country else None
            if ref is not None:
                c = add(ref.key, ref.name, "GPE", m, "adjective")
                c.geonameid = ref.geonameid
            else:
                add(f"ent:norp:{slug(m.text)}", m.text, "NORP", m, "adjective")
        elif m.label in PLACE_LABELS:
            ref = places.get(i)
            if ref is not None and ref.key in settled:
                c = add(ref.key, ref.name, m.label if m.label != "GPE" else "GPE", m, "name")
                c.geonameid = ref.geonameid
                c.confident = c.confident or ref.confident
            else:
                add(f"ent:{m.label.lower()}:{slug(m.text)}", m.text, m.label, m, "name")
        elif m.label == "PERSON" or (m.label == "ORG" and persons):
            name = _norm_name(m.text)
            target = _short_form_of(name.split(), m.label, by_last, place_words)
            if target is not None:
                target.mentions.append((m, "name"))
                continue
            if m.label == "ORG":
                add(f"ent:org:{slug(name)}", name, "ORG", m, "name")
                continue
            key = f"ent:person:{slug(name)}"
            c = add(key, name, "PERSON", m, "name")
            if len(c.mentions) == 1:  # new: persons are keyed by name, as clusters are
                persons.append(c)
                by_last.setdefault(name.split()[-1] if name else "", []).append(c)
            title = _TITLE_BEFORE.search(text[max(0, m.start - 80) : m.start])
            if title and title.group(1).strip() not in c.roles:
                c.roles.append(title.group(1).strip())
        else:
            name = _norm_name(m.text)
            add(f"ent:{m.label.lower()}:{slug(name)}", name, m.label, m, "name")

    gone = _join_surnames_named_first(clusters, by_last, place_words)
    gone |= _join_names_read_as_places(clusters, by_last)
    persons = [p for p in persons if p.key not in gone]
    _link_roles(text, mentions, persons)
    _join_facility_short_names(clusters)
    return sorted(clusters.values(), key=lambda c: c.mentions[0][0].start)


def _short_form_of(
    tokens: list[str], label: str, by_last: dict[str, list[Cluster]], place_words: set[str]
) -> Cluster | None:
    """The person introduced earlier whose full name ends with these words: "Lavrov" after
    "Sergei Lavrov", "Van Der Beek" after "James Van Der Beek" (the latest such person
    wins). News names a person in full once and by surname after; the recogniser often
    reads a bare surname as an organisation ("Bergeron said …"), so a one-word ORG mention
    joins too. Only a name that reads as a person's is joined (``_personal``): the
    recogniser's PERSON readings include "Indiana Statehouse", "Jeff Bezos's Blue Origin"
    and a sentence's opening "Hosting Cook, …"."""
    n = len(tokens)
    if n == 0 or (label == "ORG" and n > 1):
        return None
    for p in reversed(by_last.get(tokens[-1], [])):
        full = p.name.split()
        if len(full) > n and full[-n:] == tokens and _personal(full[:-n], place_words):
            return p
    return None


def _join_surnames_named_first(
    clusters: dict[str, Cluster], by_last: dict[str, list[Cluster]], place_words: set[str]
) -> set[str]:
    """A surname said before the full name (a headline's "Nadal wins", then "Rafael
    Nadal" in the body) joins the one person of the document with that surname; with two
    ("Donald Trump", "Melania Trump") it stays apart. Returns the keys of the clusters
    joined."""
    gone: set[str] = set()
    for key, c in list(clusters.items()):
        if c.type not in ("PERSON", "ORG") or len(c.name.split()) != 1:
            continue
        owners = [
            p
            for p in by_last.get(c.name, [])
            if p is not c
            and p.key not in gone
            and len(p.name.split()) > 1
            and _personal(p.name.split()[:-1], place_words)
        ]
        if len(owners) == 1:
            _absorb(owners[0], c)
            del clusters[key]
            gone.add(key)
    return gone


def _absorb(into: Cluster, c: Cluster) -> None:
    """``c``'s mentions and sources become ``into``'s, in text order."""
    into.mentions.extend(c.mentions)
    into.mentions.sort(key=lambda mf: mf[0].start)
    into.sources |= c.sources


_INITIALS = re.compile(r"[A-Z]|(?:[A-Z]\.){1,3}")


def _join_names_read_as_places(
    clusters: dict[str, Cluster], by_last: dict[str, list[Cluster]]
) -> set[str]:
    """A name read as a person's in some sentences and resolved as a place in others is the
    place ("Rukban" ×8 PERSON, ×4 the camp in Jordan): one name keeps one sense in a
    document. Only a one-word name no person of the document has as a surname, and only a
    place resolved with confidence ("Toyota" at an uncertain reading of the city takes
    nothing)."""
    # by the place's own name: a surface the resolver matched by similar spelling
    # ("Burisma" read as Bursa) is no evidence that the name means the place
    by_surface: dict[str, Cluster] = {}
    for c in clusters.values():
        if c.geonameid is not None and c.confident and c.type in ("GPE", "LOC", "FAC"):
            by_surface.setdefault(_norm_name(c.name), c)
    surnames = {last for last, ps in by_last.items() if any(len(p.name.split()) > 1 for p in ps)}
    gone: set[str] = set()
    for key, c in list(clusters.items()):
        if c.type != "PERSON" or len(c.name.split()) != 1 or c.name in surnames:
            continue
        place = by_surface.get(c.name)
        if place is None:
            continue
        _absorb(place, c)
        del clusters[key]
        gone.add(key)
    return gone


def _personal(given: list[str], place_words: set[str]) -> bool:
    """Whether the words before a surname read as given names: at most three, capitalised
    words or initials, not a possessive ("Bezos's"), not a clause's first verb
    ("Questioning Vindman"), not a place the document names ("Indiana")."""
    return len(given) <= 3 and all(
        w[:1].isupper()
        # "Jo", "J.", "P.J.": a word or initials, not an acronym or a shouted word ("OR")
        and (any(ch.islower() for ch in w) or _INITIALS.fullmatch(w) is not None)
        and not w.endswith(("’s", "'s", "ing"))
        and w not in place_words
        for w in given
    )


def _join_facility_short_names(clusters: dict[str, Cluster]) -> None:
    """'T-4' said alone after 'T-4 airbase' is the airbase."""
    facilities = [c for c in clusters.values() if c.type == "FAC"]
    for key, c in list(clusters.items()):
        if c.geonameid is not None or c.type not in ("GPE", "LOC"):
            continue
        target = next((f for f in facilities if f.name.startswith(c.name + " ")), None)
        if target is not None:
            target.mentions.extend(c.mentions)
            del clusters[key]


def _link_roles(text: str, mentions: list[RawMention], persons: list[Cluster]) -> None:
    """'the Russian Minister' → the person introduced earlier as 'Russian Foreign Minister'."""
    taken = [(m.start, m.end) for m in mentions if m.form != "adjective"]
    for match in _ROLE.finditer(text):
        s, e = match.span()
        if any(ts < e and s < te for ts, te in taken):
            continue
        words = {w.casefold() for w in match.group("role").split()} - _STOP
        best = None
        for person in persons:
            first = min(m.start for m, _ in person.mentions)
            if first >= s:
                continue
            titles = {w.casefold() for r in person.roles for w in r.split()}
            if words <= titles:
                best = person  # the latest one introduced before the role phrase wins
        if best is not None:
            role = RawMention(s, e, text[s:e], "PERSON", "role", form="role")
            best.mentions.append((role, "role"))
            best.sources.add("role")
