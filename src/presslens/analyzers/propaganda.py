"""``presslens_propaganda``: propaganda-technique spans in the article (SemEval-2020 Task 11).

The shipped model (``resources/propaganda``, ``presslens.propaganda.model``) reads the title
and body only: it was trained on news articles, and readers' comments are the comments
layer's business. It tokenises on its own, so the component needs no parse and runs in a
blank pipeline too. Output: ``techniques`` (one ``TechniqueSpan`` per predicted span, its
most likely technique and up to three alternatives) and ``technique_profile``.
"""

# No "from __future__ import annotations" here: spaCy 3.7 validates factory signatures
# with pydantic v1, which needs real annotations, not strings.

from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc

from presslens.analyzers.context import get_context
from presslens.model import Span, TechniqueProfile, TechniqueSpan
from presslens.propaganda.model import PropagandaModel, analyse, propaganda_model

__all__ = ["NAME", "PropagandaComponent", "make_propaganda", "technique_layer"]

NAME = "presslens.propaganda.v1"
_ALTERNATIVES = 3
_MIN_ALTERNATIVE = 0.05  # alternatives below this share of the span's score are noise


def _inside(start: int, end: int, paragraphs: list[tuple[int, int]]) -> bool:
    return any(p0 <= start and end <= p1 for p0, p1 in paragraphs)


def technique_layer(
    text: str,
    article_end: int,
    paragraphs: list[tuple[int, int]],
    model: PropagandaModel | None = None,
) -> tuple[list[TechniqueSpan], TechniqueProfile]:
    """Technique spans and the profile of the article ``text[:article_end]``; spans outside
    ``paragraphs`` (title and body, as the segmenter found them) are dropped."""
    model = model or propaganda_model()
    article = text[:article_end]
    doc = analyse(article)
    paragraphs = paragraphs or [(0, article_end)]
    found: list[TechniqueSpan] = []
    for start, end, p_span, probs, allowed in model.predict_with_probabilities(article, doc):
        if not _inside(start, end, paragraphs):
            continue
        best = max(allowed, key=probs.__getitem__)
        p_best = probs[best]
        ranked = sorted((kv for kv in probs.items() if kv[0] != best), key=lambda kv: -kv[1])
        alternatives = {
            name: round(p_span * p, 4)
            for name, p in ranked[:_ALTERNATIVES]
            if p >= _MIN_ALTERNATIVE * p_best
        }
        found.append(
            TechniqueSpan(
                id=f"t{len(found) + 1}",
                technique=best,
                span=Span(start=start, end=end),
                text=text[start:end],
                score=round(p_span * p_best, 4),
                alternatives=alternatives,
            )
        )
    sentences = [
        (int(doc.starts[a]), int(doc.ends[b - 1]))
        for a, b in doc.sentences
        if _inside(int(doc.starts[a]), int(doc.ends[b - 1]), paragraphs)
    ]
    with_technique = sum(any(s0 <= t.span.start < s1 for t in found) for s0, s1 in sentences)
    words = sum(len(article[p0:p1].split()) for p0, p1 in paragraphs)
    chars = sum(p1 - p0 for p0, p1 in paragraphs)
    covered: set[int] = set()
    for t in found:
        covered.update(range(t.span.start, t.span.end))
    counts = Counter(t.technique for t in found)
    profile = TechniqueProfile(
        spans=len(found),
        counts=dict(counts.most_common()),
        sentences=len(sentences),
        sentences_with_technique=with_technique,
        per_100_sentences=round(100 * len(found) / len(sentences), 2) if sentences else 0.0,
        per_1000_words=round(1000 * len(found) / words, 2) if words else 0.0,
        share_of_text=round(len(covered) / chars, 4) if chars else 0.0,
    )
    return found, profile


class PropagandaComponent:
    def __call__(self, doc: Doc) -> Doc:
        ctx = get_context(doc)
        text = ctx.original_text or doc.text
        end = ctx.body_end or len(text)
        paragraphs = [(s, e) for s, e in ctx.paragraphs if e <= end]
        techniques, profile = technique_layer(text, end, paragraphs)
        ctx.results[NAME] = {"techniques": techniques, "technique_profile": profile}
        return doc


@Language.factory("presslens_propaganda", assigns=["doc._.presslens"], requires=[])
def make_propaganda(nlp: Language, name: str) -> PropagandaComponent:
    return PropagandaComponent()
