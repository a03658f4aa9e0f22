"""``presslens_claims``: which article sentences are worth checking, and who said them.

Each sentence of the title and body (not the comments: readers' opinions are the comments
layer's business) is scored by the shipped check-worthiness model
(``resources/claims``, CheckThat! 2024 Task 1 scheme). A sentence inside an attribution's
content is joined to that attribution, so a fact-checker sees "20 civilians killed —
according to the Russian Foreign Ministry" rather than a bare claim.
"""

# No "from __future__ import annotations" here: spaCy 3.7 validates factory signatures
# with pydantic v1, which needs real annotations, not strings.

import math
import re
from collections import Counter
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from presslens.analyzers.context import (
    custom_model,
    get_context,
    register_attributes,
    sentences_in,
)
from presslens.doctext import doc_text
from presslens.model import Attribution, Claim, Evidence, Span
from presslens.resources.claims import claim_model, display_threshold
from presslens.textcat.syntax import ParsedToken, parse_sentence

__all__ = ["ASSIGNS", "NAME", "ClaimsComponent", "article_sentences", "make_claims"]

NAME = "presslens.claims.v1"
ASSIGNS = ["doc._.presslens_claims"]
register_attributes(ASSIGNS)
_MIN_WORDS = 4  # "Read more." and datelines are not claims


def article_sentences(
    doc: Doc, paragraphs: list[tuple[int, int]], min_words: int = _MIN_WORDS
) -> list[tuple[int, int]]:
    """Sentence spans of the article, clipped to their paragraph, whitespace trimmed."""
    text = doc_text(doc)
    out: list[tuple[int, int]] = []
    for p_start, p_end in paragraphs:
        sents = sentences_in(doc, p_start, p_end)
        pieces = [(max(s.start_char, p_start), min(s.end_char, p_end)) for s in sents] or [
            (p_start, p_end)
        ]
        for start, end in pieces:
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if len(text[start:end].split()) >= min_words:
                out.append((start, end))
    return out


def _attribution_for(start: int, end: int, attributions: list[Attribution]) -> Attribution | None:
    """The attribution whose content covers most of the sentence, or whose content it
    overlaps while naming the cue ("According to X, …", "…, X said.")."""
    best, best_overlap = None, 0.0
    for a in attributions:
        if a.in_comment:
            continue
        overlap = sum(max(0, min(end, c.end) - max(start, c.start)) for c in a.content)
        cue_inside = a.cue is not None and start <= a.cue.start < end
        if overlap and (cue_inside or overlap >= 0.5 * (end - start)):
            weight = overlap + (end - start if cue_inside else 0)
            if weight > best_overlap:
                best, best_overlap = a, weight
    return best


_BUCKET = 2000  # characters per bucket of the attribution index


def _index(attributions: list[Attribution]) -> dict[int, list[int]]:
    """Bucket → indices of the article attributions whose content or cue touches it, so
    each sentence looks at its neighbours only (linear, not quadratic, in the length)."""
    buckets: dict[int, list[int]] = {}
    for i, a in enumerate(attributions):
        if a.in_comment:
            continue
        spans = [(c.start, c.end) for c in a.content]
        if a.cue is not None:
            spans.append((a.cue.start, a.cue.end))
        touched: set[int] = set()
        for lo, hi in spans:
            touched.update(range(lo // _BUCKET, max(lo, hi - 1) // _BUCKET + 1))
        for b in touched:
            buckets.setdefault(b, []).append(i)
    return buckets


def _near(
    start: int, end: int, attributions: list[Attribution], index: dict[int, list[int]]
) -> list[Attribution]:
    found: set[int] = set()
    for b in range(start // _BUCKET, max(start, end - 1) // _BUCKET + 1):
        found.update(index.get(b, ()))
    return [attributions[i] for i in sorted(found)]


def _parsed(doc: Doc, start: int, end: int) -> list[ParsedToken]:
    """The parse of the sentence at start..end, offsets relative to its start."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return parse_sentence(span, start) if span is not None and len(span) else []


class ClaimsComponent:
    analyzer = NAME

    def __init__(
        self,
        name: str = "presslens_claims",
        model: str | None = None,
        flag_at: float | None = None,
        min_words: int = _MIN_WORDS,
    ) -> None:
        self.name = name
        self.model = model
        custom_model("claims", model, claim_model)  # a wrong path fails here, not later
        self.flag_at = flag_at
        self.min_words = min_words

    def __call__(self, doc: Doc) -> Doc:
        ctx = get_context(doc)
        text = ctx.original_text or doc.text
        paragraphs = ctx.paragraphs or [(0, ctx.body_end)]
        attributions: list[Attribution] = doc._.presslens_attributions or []
        model = claim_model(Path(self.model)) if self.model else claim_model()
        flag_at = display_threshold(model) if self.flag_at is None else self.flag_at
        index = _index(attributions)
        claims: list[Claim] = []
        sentences = article_sentences(doc, paragraphs, self.min_words)
        # one batched product over every sentence: the per-call overhead made this layer
        # the pipeline's most expensive
        texts = [text[s:e] for s, e in sentences]
        # the model reads each sentence's parse too, which the pipeline has already made
        parses = [_parsed(doc, s, e) for s, e in sentences] if model.needs_parse else None
        # evidence only for the sentences the report shows: the model's own threshold is
        # lower than the display threshold, and evidence costs as much as the scores
        predictions = model.predict_many(
            texts, 3, parses, show=lambda p: p["checkworthy"].probabilities["Yes"] >= flag_at
        )
        for (start, end), predicted in zip(sentences, predictions, strict=True):
            prediction = predicted["checkworthy"]
            score = prediction.probabilities["Yes"]
            # flagged at the precision-weighted threshold: news sentences are mostly
            # factual, and a flag on most of them tells a fact-checker nothing
            checkworthy = score >= flag_at
            evidence = (
                [
                    Evidence(
                        flag="checkworthy",
                        span=Span(start=start + e.start, end=start + e.end),
                        text=text[start + e.start : start + e.end],
                        weight=e.weight,
                    )
                    for e in prediction.evidence
                ]
                if checkworthy
                else []
            )
            a = _attribution_for(start, end, _near(start, end, attributions, index))
            claims.append(
                Claim(
                    id=f"k{len(claims) + 1}",
                    span=Span(start=start, end=end),
                    text=text[start:end],
                    score=score,
                    checkworthy=checkworthy,
                    evidence=evidence,
                    attribution_id=a.id if a else None,
                    speaker=a.speaker if a else None,
                    source_text=a.source_text if a else None,
                )
            )
        doc._.presslens_claims = _merge_restatements(claims)
        return doc


# a flagged sentence most of whose content words another flagged sentence holds says the
# same thing (the headline, then the lede, often a third time with the source): one claim
# to check, so it is flagged once, where it says most and names its source. A figure of
# its own makes it another claim ("iPhone 11 Pro Max for $999" beside a review of it)
_RESTATES = 0.7
_MIN_CONTENT = 4
_WORD = re.compile(r"[^\W\d_]{3,}")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _content(text: str) -> frozenset[str]:
    words = (w.lower() for w in _WORD.findall(text))
    return frozenset(w[:-1] if w.endswith("s") else w for w in words if w not in STOP_WORDS)


def _merge_restatements(claims: list[Claim]) -> list[Claim]:
    flagged = [c for c in claims if c.checkworthy]
    # the fullest first: an attributed sentence, then the one with more content words
    words = {c.id: _content(c.text) for c in flagged}
    numbers = {c.id: frozenset(_NUMBER.findall(c.text)) for c in flagged}
    order = sorted(flagged, key=lambda c: (c.source_text is None, -len(words[c.id]), c.span.start))
    kept = _Kept(Counter(w for c in flagged for w in words[c.id]))
    restated: dict[str, str] = {}
    for c in order:
        mine = words[c.id]
        if len(mine) >= _MIN_CONTENT:
            # the first kept claim, in the order they were kept, that holds most of this
            # one's content words and all its figures
            for at in kept.candidates(mine):
                k = kept.claims[at]
                if numbers[c.id] <= numbers[k.id] and len(mine & words[k.id]) >= _RESTATES * min(
                    len(mine), len(words[k.id])
                ):
                    restated[c.id] = k.id
                    break
        if c.id not in restated:
            kept.add(c, mine)
    return [
        c.model_copy(update={"checkworthy": False, "evidence": [], "restates": restated[c.id]})
        if c.id in restated
        else c
        for c in claims
    ]


def _least_shared(size: int) -> int:
    """The fewest words a set of ``size`` words shares with one it restates (or is restated
    by, the smaller of the two deciding): the integer the float test ``n >= 0.7 * size``
    first admits."""
    return math.ceil(_RESTATES * size)


class _Kept:
    """The kept claims, indexed so that a claim meets only those it could restate.

    Comparing every claim with every kept one made a long article quadratic (it keeps
    thousands). Prefix filtering, as similarity joins do: with words ranked rarest first
    in the document, two sets sharing at least t of the smaller one's n words share one of
    that set's rarest n - t + 1. So a kept claim is listed under its own rarest words (for
    the claims at least as big as it) and under all its words (for the smaller claims,
    which probe with their rarest); a wordless one meets every claim (0.7 x 0 words)."""

    def __init__(self, frequency: Counter[str]) -> None:
        self.claims: list[Claim] = []
        self._rank = frequency
        self._sizes: list[int] = []
        self._by_rare: dict[str, list[int]] = {}
        self._by_any: dict[str, list[int]] = {}
        self._wordless: list[int] = []

    def _rarest(self, words: frozenset[str]) -> list[str]:
        n = len(words)
        ranked = sorted(words, key=lambda w: (self._rank[w], w))
        return ranked[: n - _least_shared(n) + 1]

    def add(self, claim: Claim, words: frozenset[str]) -> None:
        at = len(self.claims)
        self.claims.append(claim)
        self._sizes.append(len(words))
        if not words:
            self._wordless.append(at)
        for w in words:
            self._by_any.setdefault(w, []).append(at)
        for w in self._rarest(words):
            self._by_rare.setdefault(w, []).append(at)

    def candidates(self, words: frozenset[str]) -> list[int]:
        """The kept claims (positions, in the order they were kept) that may share enough
        of ``words``: a superset of those that do."""
        n = len(words)
        found = set(self._wordless)
        for w in words:  # kept claims no bigger: one of their rarest words is shared
            found.update(at for at in self._by_rare.get(w, ()) if self._sizes[at] <= n)
        for w in self._rarest(words):  # bigger ones: they hold one of this claim's rarest
            found.update(at for at in self._by_any.get(w, ()) if self._sizes[at] > n)
        return sorted(found)


@Language.factory(
    "presslens_claims",
    assigns=ASSIGNS,
    requires=["doc.sents", "doc._.presslens_attributions"],
    default_config={"model": None, "flag_at": None, "min_words": _MIN_WORDS},
)
def make_claims(
    nlp: Language, name: str, model: str | None, flag_at: float | None, min_words: int
) -> ClaimsComponent:
    """``model``: a folder with ``claims.json``/``.npz``, else the shipped model;
    ``flag_at``: the probability that flags a sentence (default: the model's own
    precision-weighted threshold); ``min_words``: shorter sentences are not scored."""
    return ClaimsComponent(name, model, flag_at, min_words)
