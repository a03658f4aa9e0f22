"""Entity clusters from hand-built mentions: short forms of a person's name join the person
(the recogniser's ORG reading of a bare surname included), and names that do not read as a
person's keep their mentions apart."""

from __future__ import annotations

import re

from presslens.analyzers.clusters import Cluster, ResolvedRef, cluster_mentions
from presslens.analyzers.mentions import RawMention


def _clusters(text: str, marked: list[tuple[str, str]]) -> list[Cluster]:
    """Mentions of ``marked`` (surface, label) in order of their first free occurrence."""
    mentions: list[RawMention] = []
    taken: set[int] = set()
    for surface, label in marked:
        m = next(m for m in re.finditer(re.escape(surface), text) if m.start() not in taken)
        taken.add(m.start())
        mentions.append(RawMention(m.start(), m.end(), surface, label, "ner"))
    mentions.sort(key=lambda m: m.start)

    def no_country(_: str) -> ResolvedRef | None:
        return None

    return cluster_mentions(text, mentions, {}, no_country)


def _table(clusters: list[Cluster]) -> dict[str, tuple[str, int]]:
    return {c.name: (c.type, len(c.mentions)) for c in clusters}


def test_clusters_surname_read_as_org_joins_the_person() -> None:
    text = "Marta Quill led the count. Quill said the vote held. Quill left."
    found = _table(_clusters(text, [("Marta Quill", "PERSON"), ("Quill", "ORG"), ("Quill", "ORG")]))
    assert found == {"Marta Quill": ("PERSON", 3)}


def test_clusters_multiword_surname_joins_the_full_name() -> None:
    text = "Piet van der Holm won. Van der Holm said little. Later van der Holm smiled."
    marked = [("Piet van der Holm", "PERSON"), ("Van der Holm", "PERSON")]
    # "Van der Holm" is not "van der Holm": the suffix must match word for word
    assert _table(_clusters(text, marked)) == {
        "Piet van der Holm": ("PERSON", 1),
        "Van der Holm": ("PERSON", 1),
    }
    text = "Piet Van Der Holm won. Van Der Holm said little."
    marked = [("Piet Van Der Holm", "PERSON"), ("Van Der Holm", "PERSON")]
    assert _table(_clusters(text, marked)) == {"Piet Van Der Holm": ("PERSON", 2)}


def test_clusters_surname_in_the_headline_joins_the_one_person_named_later() -> None:
    text = "Quill wins the final\n\nMarta Quill beat the holder. Quill said she was tired."
    marked = [("Quill", "ORG"), ("Marta Quill", "PERSON"), ("Quill", "PERSON")]
    assert _table(_clusters(text, marked)) == {"Marta Quill": ("PERSON", 3)}


def test_clusters_surname_of_two_people_named_later_stays_apart() -> None:
    text = "Quill wins\n\nMarta Quill and Jonas Quill arrived."
    marked = [("Quill", "ORG"), ("Marta Quill", "PERSON"), ("Jonas Quill", "PERSON")]
    assert _table(_clusters(text, marked))["Quill"] == ("ORG", 1)


def test_clusters_org_joins_only_a_name_that_reads_as_a_person() -> None:
    text = (
        "Ostrava Statehouse opened. Statehouse staff left. Ostrava is cold. "
        "Questioning Brandt, the panel paused. Brandt refused. "
        "Mira Lund’s Vega Works grew. Vega Works hired. "
        "Sword OR Shield sold. Shield fans queued."
    )
    marked = [
        ("Ostrava Statehouse", "PERSON"),
        ("Statehouse", "ORG"),
        ("Ostrava", "GPE"),
        ("Questioning Brandt", "PERSON"),
        ("Brandt", "ORG"),
        ("Mira Lund’s Vega Works", "PERSON"),
        ("Vega Works", "ORG"),
        ("Sword OR Shield", "PERSON"),
        ("Shield", "ORG"),
    ]
    found = _table(_clusters(text, marked))
    # a place word, a verb, a possessive, a shouted word before the surname: no person
    assert found["Statehouse"] == ("ORG", 1)
    assert found["Brandt"] == ("ORG", 1)
    assert found["Vega Works"] == ("ORG", 1)
    assert found["Shield"] == ("ORG", 1)


def test_clusters_initials_are_given_names() -> None:
    text = "P.J. Brandt coached. Brandt smiled. K Brandt wrote. Brandt left."
    found = _table(_clusters(text, [("P.J. Brandt", "PERSON"), ("Brandt", "ORG")]))
    assert found == {"P.J. Brandt": ("PERSON", 2)}


def test_clusters_surname_does_not_join_a_clause_read_as_a_name() -> None:
    # "Hosting Brandt, …" read as a PERSON: the surname is Brandt's own
    text = "Hosting Brandt, the mayor smiled. Brandt refused."
    found = _table(_clusters(text, [("Hosting Brandt", "PERSON"), ("Brandt", "PERSON")]))
    assert found == {"Hosting Brandt": ("PERSON", 1), "Brandt": ("PERSON", 1)}


def test_clusters_name_read_as_a_person_elsewhere_joins_its_place() -> None:
    text = "Kessa camp is crowded. Kessa needs water. Kessa residents left."
    marked = [("Kessa", "GPE"), ("Kessa", "PERSON"), ("Kessa", "PERSON")]
    mentions: list[RawMention] = []
    start = 0
    for surface, label in marked:
        i = text.index(surface, start)
        mentions.append(RawMention(i, i + len(surface), surface, label, "ner"))
        start = i + 1
    place = ResolvedRef("geonames:1", "Kessa", 1, confident=True)

    def no_country(_: str) -> ResolvedRef | None:
        return None

    found = _table(cluster_mentions(text, mentions, {0: place}, no_country))
    assert found == {"Kessa": ("GPE", 3)}
    # a place the resolver reached by similar spelling does not take the name
    mentions[0] = RawMention(0, 5, "Kessa", "GPE", "ner")
    fuzzy = ResolvedRef("geonames:2", "Kassel", 2, confident=True)
    found = _table(cluster_mentions(text, mentions, {0: fuzzy}, no_country))
    assert found == {"Kassel": ("GPE", 1), "Kessa": ("PERSON", 2)}
    # nor a place resolved without confidence
    unsure = ResolvedRef("geonames:1", "Kessa", 1)
    kept = cluster_mentions(text, mentions, {0: unsure}, no_country)
    assert sorted((c.name, c.type, len(c.mentions)) for c in kept) == [
        ("Kessa", "GPE", 1),
        ("Kessa", "PERSON", 2),
    ]


def test_clusters_an_uncertain_place_names_no_entity_unless_the_place_is_settled() -> None:
    text = "Quarlix listed its shares. Mosull fell quiet. Mosul was retaken."
    mentions = [
        RawMention(0, 7, "Quarlix", "GPE", "ner"),
        RawMention(27, 33, "Mosull", "GPE", "ner"),
        RawMention(46, 51, "Mosul", "GPE", "ner"),
    ]
    places = {
        0: ResolvedRef("geonames:1", "Qarah Town", 1, uncertain=True),  # a spelling guess
        1: ResolvedRef("geonames:2", "Mosul", 2, uncertain=True),
        2: ResolvedRef("geonames:2", "Mosul", 2, confident=True),
    }
    found = cluster_mentions(text, mentions, places, lambda _: None)
    assert _table(found) == {"Quarlix": ("GPE", 1), "Mosul": ("GPE", 2)}
