"""Sentence look-ups by character range (``analyzers.context.sentences_in``)."""

from __future__ import annotations

import spacy

from presslens.analyzers.context import sentences_in


def _doc(text: str) -> spacy.tokens.Doc:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp(text)


def _by_tokens(doc: spacy.tokens.Doc, start: int, end: int) -> list[tuple[int, int]]:
    """The plain definition: the sentence of every token the range touches."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    return [(s.start, s.end) for s in {t.sent.start: t.sent for t in span}.values()]


def test_analyzers_context_sentences_in_matches_the_sentences_of_its_tokens() -> None:
    doc = _doc("One two.  Three four five! Six?\n\nSeven eight nine. Ten")
    n = len(doc.text)
    for start in range(n + 1):
        for end in range(start, n + 2):
            got = [(s.start, s.end) for s in sentences_in(doc, start, end)]
            assert got == _by_tokens(doc, start, end), (start, end)


def test_analyzers_context_sentences_in_follows_the_doc_asked_about() -> None:
    first, second = _doc("Ann ran. Bob sat."), _doc("Cats nap. Dogs dig. Owls hoot.")
    assert [s.text for s in sentences_in(first, 0, 17)] == ["Ann ran.", "Bob sat."]
    assert [s.text for s in sentences_in(second, 0, 30)] == ["Cats nap.", "Dogs dig.", "Owls hoot."]
    assert [s.text for s in sentences_in(first, 9, 17)] == ["Bob sat."]


def test_analyzers_context_sentences_in_without_a_parse() -> None:
    assert sentences_in(spacy.blank("en")("no sentences here"), 0, 5) == []
