"""The text of a spaCy ``Doc``, joined once per document.

``Doc.text`` joins every token's text on each call (about half a millisecond for a
500-word article); the layers that read it (dates, claims, events) ask for it once each, and
the events layer once per sentence, so the last Doc's text is kept.
"""

from __future__ import annotations

import weakref

from spacy.tokens import Doc

__all__ = ["doc_text"]

_last_text: tuple[weakref.ref[Doc], int, str] | None = None


def doc_text(doc: Doc) -> str:
    """``doc.text``, kept for the last Doc asked about (checked by identity and length)."""
    global _last_text
    cached = _last_text
    if cached is not None and cached[0]() is doc and cached[1] == len(doc):
        return cached[2]
    text = doc.text
    _last_text = (weakref.ref(doc), len(doc), text)
    return text
