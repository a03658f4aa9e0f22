"""Wording shared by the terminal and HTML views of the who-said-what layer.

Both views must name a speaker, a place in the document and a source class the same way, so
a reader comparing the two reports sees the same labels. Nothing here escapes or styles: the
callers own that, because escaping rules differ between HTML and the terminal.
"""

from __future__ import annotations

import textwrap
from typing import get_args

from presslens.model import Analysis, Attribution, SourceClass

__all__ = [
    "SOURCE_CLASSES",
    "class_label",
    "inferred_from",
    "quote_title",
    "short",
    "sourcing_flags",
    "speaker_label",
    "where_label",
]

# The schema's own order runs from best to weakest sourcing, which is the order a reader
# wants to scan the profile in.
SOURCE_CLASSES: tuple[SourceClass, ...] = get_args(SourceClass)

_UNATTRIBUTED = "(unattributed)"


def speaker_label(q: Attribution) -> str:
    return q.speaker or q.source_text or _UNATTRIBUTED


def inferred_from(q: Attribution) -> str | None:
    """The source words when the speaker was inferred from them (a pronoun, a role, an
    earlier quotation): worth showing beside the name, so a wrong resolution is visible."""
    if q.speaker and q.speaker_via in ("pronoun", "role", "previous", "relative"):
        return q.source_text
    return None


def class_label(c: SourceClass) -> str:
    return c.replace("_", " ")


def short(text: str, width: int = 100) -> str:
    # Quotes often span line breaks in scraped text; collapse them so a table cell stays one
    # paragraph and an HTML title attribute never carries a raw newline.
    return textwrap.shorten(" ".join(text.split()), width, placeholder=" …") or "—"


def where_label(q: Attribution) -> str:
    """Article or comment id, plus the article attribution a comment repeats."""
    where = (q.comment_id or "comment") if q.in_comment else "article"
    return f"{where} · repeats {q.repeats}" if q.repeats else where


def quote_title(q: Attribution) -> str:
    parts = [f"Speaker: {speaker_label(q)}"]
    if q.cue_text:
        parts.append(f"cue: {q.cue_text}")
    if q.channel:
        parts.append(f"via {q.channel}")
    parts.append(f"{q.id}, {class_label(q.source_class)} source")
    if q.repeats:
        parts.append(f"repeats {q.repeats}")
    return " ".join(" — ".join(parts).split())


def sourcing_flags(a: Analysis) -> list[tuple[str, str, Attribution | None]]:
    """(kind, id, record) for each attribution the profile flags as vague or anonymous.

    The record is None when the profile names an id the attribution list lacks, which a
    report should show rather than hide.
    """
    if a.sourcing is None:
        return []
    by_id = {q.id: q for q in a.attributions}
    flagged = [("vague", i) for i in a.sourcing.vague]
    flagged += [("anonymous", i) for i in a.sourcing.anonymous]
    return [(kind, i, by_id.get(i)) for kind, i in flagged]
