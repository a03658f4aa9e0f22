from __future__ import annotations

import spacy

from presslens.doctext import doc_text


def test_doctext_is_the_docs_text_and_follows_the_doc() -> None:
    nlp = spacy.blank("en")
    first, second = nlp("Two ferries burned."), nlp("The port denied it.")
    assert doc_text(first) == first.text
    assert doc_text(second) == second.text
    assert doc_text(first) == first.text  # not the last doc's text
    with first.retokenize() as retokenizer:  # merging changes the length: read again
        retokenizer.merge(first[0:2])
    assert doc_text(first) == first.text == "Two ferries burned."
