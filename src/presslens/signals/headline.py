"""Does the body support the headline's claim, and on whose word?

The headline's keys are the entities it names (by canonical id, so "ISIS" in the title
meets "Islamic State" in the body) and its other content words, crudely stemmed. A body
sentence restates the headline when it shares at least ``STRONG_AT`` of those keys, or at
least ``SUPPORT_AT`` including every content word (the claim's words: "flee", not just the
places) — a sentence about the same places and actors that says something else is not a
restatement. Each
restating sentence is then traced to its source: the attribution whose content holds it,
"reports" when the sentence rests on unnamed reports, or the outlet itself when nothing is
attributed.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from presslens.analyzers.spanindex import SpanIndex
from presslens.model import Analysis, Span

__all__ = ["STRONG_AT", "SUPPORT_AT", "HeadlineSupport", "Restatement", "headline_support"]

SUPPORT_AT = 0.5
STRONG_AT = 0.8
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_STOP = frozenset(
    "a an the of to from in on at by for with and or but as is are was were be been has have"
    " had will would could should may might can this that these those it its their there here"
    " after before over under into out up down about than then so not no new says said city"
    " news report reports video watch live update breaking".split()
)
_VAGUE_REPORTS = re.compile(
    r"\b(?:reports?|reportedly|rumou?rs?|it is (?:said|reported|believed)|according to "
    r"(?:some|media|reports))\b",
    re.I,
)


@functools.lru_cache(maxsize=1 << 14)  # every sentence of an article is stemmed: words repeat
def _stem(word: str) -> str:
    w = word.lower().strip("'-")
    for suffix in ("ing", "ies", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return w


@dataclass(frozen=True, slots=True)
class Restatement:
    span: Span
    text: str
    overlap: float
    source: str | None  # who it rests on; None: the outlet states it without attribution
    source_class: str  # named_person / role / vague / … or "outlet"
    attribution_id: str | None


@dataclass(frozen=True, slots=True)
class HeadlineSupport:
    headline: str
    keys: list[str]
    restatements: list[Restatement]
    # the largest share of the headline's keys that one body sentence holds, restating
    # it or not: how close the body comes to the headline's claim
    closest: float = 0.0

    @property
    def sources(self) -> list[str]:
        out: list[str] = []
        for r in self.restatements:
            if r.source and r.source not in out:
                out.append(r.source)
        return out


def _mentions(a: Analysis) -> SpanIndex[str]:
    """Every entity mention, indexed once per analysis (not scanned once per claim)."""
    return SpanIndex((m.span.start, m.span.end, e.id) for e in a.entities for m in e.mentions)


def _keys(
    a: Analysis,
    mentions: SpanIndex[str],
    start: int,
    end: int,
    wanted: set[str] | None = None,
) -> set[str]:
    """The entities and content-word stems of ``a.text[start:end]``; with ``wanted``, only
    those among it (a sentence is compared with the headline's keys and nothing else, so
    the position check is skipped for every other word)."""
    keys: set[str] = set()
    covered: SpanIndex[None] = SpanIndex()
    for s, e, entity_id in mentions.within(start, end):
        keys.add("ent:" + entity_id)
        covered.add(s, e, None)
    for word in _WORD.finditer(a.text, start, end):
        stem = _stem(word.group())
        if stem in _STOP or len(stem) <= 2 or (wanted is not None and stem not in wanted):
            continue
        if next(covered.containing(word.start(), word.start() + 1), None) is None:
            keys.add(stem)
    return keys if wanted is None else keys & wanted


# What a scraped title carries besides the headline: a site name after " | " or " - "
# ("… | ZDNet", "… - The Paradigm") and a label before it ("BREAKING:", "Opinion |",
# "The Latest:"); the body never restates those words.
_TITLE_LABEL = re.compile(
    r"^(?:breaking(?:\s+news)?|opinion|analysis|exclusive|update[d]?|watch|the\s+latest|"
    r"live|fact\s+check)\s*[:|–—-]\s*",
    re.I,
)
_TITLE_SITE = re.compile(r"\s+[|–—-]\s+(?:\S+\s+){0,4}\S+\s*$")


def _headline_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The headline inside a scraped title: without a leading label or a trailing site
    name (only when the headline keeps at least four words)."""
    label = _TITLE_LABEL.match(text, start, end)
    if label is not None and len(text[label.end() : end].split()) >= 4:
        start = label.end()
    site = _TITLE_SITE.search(text, start, end)
    if site is not None and len(text[start : site.start()].split()) >= 4:
        end = site.start()
    return start, end


def headline_support(a: Analysis) -> HeadlineSupport | None:
    title = a.article.title_span
    if title is None or not a.article.title:
        return None
    if any(layer.startswith("presslens.claims") for layer in a.not_run):
        return None  # the body's sentences were not read (another language): no verdict
    mentions = _mentions(a)
    head_keys = _keys(a, mentions, *_headline_span(a.text, title.start, title.end))
    if len(head_keys) < 2:
        return None
    restated: list[Restatement] = []
    closest = 0.0
    for claim in a.claims:
        if claim.span.start < a.article.body_span.start:
            continue  # the title itself
        keys = _keys(a, mentions, claim.span.start, claim.span.end, head_keys)
        overlap = len(head_keys & keys) / len(head_keys)
        closest = max(closest, overlap)
        words = {k for k in head_keys if not k.startswith("ent:")}
        if overlap < STRONG_AT and (overlap < SUPPORT_AT or not words <= keys):
            continue
        source, source_class, attribution = _source_of(a, claim.attribution_id, claim.text)
        restated.append(
            Restatement(
                claim.span, claim.text, round(overlap, 3), source, source_class, attribution
            )
        )
    return HeadlineSupport(a.article.title, sorted(head_keys), restated, round(closest, 3))


def _source_of(
    a: Analysis, attribution_id: str | None, text: str
) -> tuple[str | None, str, str | None]:
    if attribution_id is not None:
        q = next((x for x in a.attributions if x.id == attribution_id), None)
        if q is not None:
            # "Reports about …" has no source span: its cue names the vague source
            source = q.source_text or q.speaker
            if source is None and q.source_class == "vague" and q.cue_text:
                source = q.cue_text.lower()
            return source, q.source_class, q.id
    m = _VAGUE_REPORTS.search(text)
    if m is not None:
        return m.group().lower(), "vague", None
    return None, "outlet", None
