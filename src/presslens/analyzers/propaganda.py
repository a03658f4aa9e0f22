"""``presslens_propaganda``: propaganda-technique spans in the article (SemEval-2020 Task 11).

The shipped model (``resources/propaganda``, ``presslens.propaganda.model``) reads the title
and body, and then each reader's comment on its own (a comment is not a continuation of the
article: its repetitions and sentence positions are its own). The model was trained on news
articles, so comment spans are kept apart: marked ``in_comment`` with their comment's id,
counted in the profile's ``comment_spans``, never in the article's density. It tokenises on
its own, so the component needs no parse and runs in a blank pipeline too. Output:
``techniques`` (one ``TechniqueSpan`` per predicted span, its most likely technique and up
to three alternatives) and ``technique_profile``.
"""

# No "from __future__ import annotations" here: spaCy 3.7 validates factory signatures
# with pydantic v1, which needs real annotations, not strings.

import copy
import dataclasses
from collections import Counter
from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from presslens.analyzers.context import custom_model, get_context, register_attributes
from presslens.analyzers.spanindex import furthest_end, has_start_in
from presslens.model import Span, TechniqueProfile, TechniqueSpan
from presslens.propaganda.labels import label_spans
from presslens.propaganda.lexical import lexical_findings
from presslens.propaganda.model import Doc as TokenDoc
from presslens.propaganda.model import (
    Prediction,
    PropagandaModel,
    analyse,
    decode_spans,
    propaganda_model,
)
from presslens.propaganda.text import wording

__all__ = [
    "ASSIGNS",
    "COMMENT_MIN_SPAN",
    "NAME",
    "PropagandaComponent",
    "display_floor",
    "make_propaganda",
    "one_technique_per_wording",
    "technique_layer",
    "wording",
]

NAME = "presslens.propaganda.v1"
ASSIGNS = ["doc._.presslens_techniques", "doc._.presslens_technique_profile"]
register_attributes(ASSIGNS)
_ALTERNATIVES = 3
_MIN_ALTERNATIVE = 0.05  # alternatives below this share of the span's score are noise
# A comment span the label list does not back needs this span probability (the article
# decoding starts at 0.2): on the seed's thread the spans below it were "of", "have", "for".
COMMENT_MIN_SPAN = 0.5


def _inside(start: int, end: int, paragraphs: list[tuple[int, int]]) -> bool:
    """Whether some paragraph holds ``[start, end)`` (by bisection: asked per span and per
    sentence, a scan of the paragraphs made a long article quadratic)."""
    return _paragraph_reach(paragraphs)(start) >= end


_last_paragraphs: tuple[list[tuple[int, int]], int, Callable[[int], int]] | None = None


def _paragraph_reach(paragraphs: list[tuple[int, int]]) -> Callable[[int], int]:
    """``furthest_end`` of the paragraphs, kept for the last list asked about (held, so its
    identity cannot pass to another list)."""
    global _last_paragraphs
    cached = _last_paragraphs
    if cached is not None and cached[0] is paragraphs and cached[1] == len(paragraphs):
        return cached[2]
    reach = furthest_end(paragraphs)
    _last_paragraphs = (paragraphs, len(paragraphs), reach)
    return reach


def _comment_predictions(
    doc: TokenDoc, model: PropagandaModel, min_span: float = COMMENT_MIN_SPAN
) -> list[Prediction]:
    """In a comment: every word of the label list as its own span, and the model's other
    spans only where confident. The model learnt from news articles; on comments its weak
    spans are mostly function words, and the labels ("scum") drown in long spans."""
    probs = model.token_probabilities(doc)
    labels = label_spans(doc, probs, [])
    confident = [
        (s0, s1, p)
        for s0, s1, p in decode_spans(doc, probs, model.decoding)
        if p >= min_span and not any(a < s1 and s0 < b for a, b, _ in labels)
    ]
    return model.classify_spans(doc, sorted([*labels, *confident]))


def _spans(
    text: str,
    start: int,
    end: int,
    paragraphs: list[tuple[int, int]],
    model: PropagandaModel,
    comment_id: str | None,
    first_id: int,
    comment_min_span: float = COMMENT_MIN_SPAN,
) -> tuple[list[TechniqueSpan], TokenDoc, int]:
    """Technique spans of ``text[start:end]`` read as one document, in ``text``'s offsets;
    spans outside ``paragraphs`` are dropped."""
    piece = text[start:end]
    doc = analyse(piece)
    hidden = 0
    if comment_id is None:
        # decoded spans below the precision-chosen floor are not findings
        predictions, hidden = model.shown_predictions(doc)
    else:
        predictions = _comment_predictions(doc, model, comment_min_span)
    if comment_id is None:
        predictions = one_technique_per_wording(piece, predictions)
    found: list[TechniqueSpan] = []
    lexical = lexical_findings(doc) if comment_id is None else []
    for s0, s1, p_span, probs, allowed in predictions:
        s0, s1 = s0 + start, s1 + start
        if not _inside(s0, s1, paragraphs):
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
                id=f"t{first_id + len(found)}",
                technique=best,
                span=Span(start=s0, end=s1),
                text=text[s0:s1],
                score=round(p_span * p_best, 4),
                alternatives=alternatives,
                in_comment=comment_id is not None,
                comment_id=comment_id,
            )
        )
    for f in lexical:
        s0, s1 = f.start + start, f.end + start
        # a model span already marking these words with this technique says it already
        if not _inside(s0, s1, paragraphs) or any(
            t.technique == f.technique and t.span.start < s1 and s0 < t.span.end for t in found
        ):
            continue
        found.append(
            TechniqueSpan(
                id="",
                technique=f.technique,
                span=Span(start=s0, end=s1),
                text=text[s0:s1],
                score=f.precision,
                origin="lexical",
                reason=f"{f.reason} (precision {f.precision:.2f} on PTC train, dev figure)",
            )
        )
    found.sort(key=lambda t: (t.span.start, t.span.end))
    found = [t.model_copy(update={"id": f"t{first_id + k}"}) for k, t in enumerate(found)]
    return found, doc, hidden


def one_technique_per_wording(text: str, predictions: list[Prediction]) -> list[Prediction]:
    """The spans of one wording all get the technique their summed probabilities prefer.

    Decided span by span, the seed's ten "terrorists" came out six times name calling and
    four times loaded language, on context differences that mean nothing to a reader; the
    same label used again is one finding with one technique.
    """
    groups: dict[str, list[int]] = {}
    for k, pred in enumerate(predictions):
        groups.setdefault(wording(text[pred.start : pred.end]), []).append(k)
    out = list(predictions)
    for members in groups.values():
        if len(members) < 2:
            continue
        allowed = tuple(
            t for t in predictions[members[0]].allowed if all(t in out[k].allowed for k in members)
        )
        if not allowed:
            continue
        # the group's mean distribution: each span then states P(technique | this wording)
        mean = {
            t: sum(predictions[k].probabilities[t] for k in members) / len(members)
            for t in predictions[members[0]].probabilities
        }
        for k in members:
            out[k] = predictions[k]._replace(probabilities=mean, allowed=allowed)
    return out


def display_floor(model: PropagandaModel) -> float:
    """The span probability below which the article's spans are not reported: chosen by
    ``presslens train propaganda`` for SI precision 0.40 out of fold."""
    return model.display_floor


def technique_layer(
    text: str,
    article_end: int,
    paragraphs: list[tuple[int, int]],
    model: PropagandaModel | None = None,
    comments: list[tuple[int, int, str]] | None = None,
    comment_min_span: float = COMMENT_MIN_SPAN,
) -> tuple[list[TechniqueSpan], TechniqueProfile]:
    """Technique spans and the profile of the article ``text[:article_end]`` (spans outside
    ``paragraphs``, title and body as the segmenter found them, are dropped), then the
    spans of each comment ``(start, end, id)``."""
    model = model or propaganda_model()
    article = text[:article_end]
    paragraphs = paragraphs or [(0, article_end)]
    found, doc, hidden = _spans(text, 0, article_end, paragraphs, model, None, 1)
    sentences = [
        (int(doc.starts[a]), int(doc.ends[b - 1]))
        for a, b in doc.sentences
        if _inside(int(doc.starts[a]), int(doc.ends[b - 1]), paragraphs)
    ]
    # a sentence has a technique when a span starts inside it: one bisect into the sorted
    # span starts per sentence, not a scan of every span (a long article has thousands)
    starts = sorted(t.span.start for t in found)
    with_technique = sum(has_start_in(starts, s0, s1) for s0, s1 in sentences)
    words = sum(len(article[p0:p1].split()) for p0, p1 in paragraphs)
    chars = sum(p1 - p0 for p0, p1 in paragraphs)
    covered: set[int] = set()
    for t in found:
        covered.update(range(t.span.start, t.span.end))
    counts = Counter(t.technique for t in found)
    distinct = len({wording(t.text) for t in found})
    in_comments: list[TechniqueSpan] = []
    for c0, c1, cid in comments or []:
        spans, _, _ = _spans(
            text,
            c0,
            c1,
            [(c0, c1)],
            model,
            cid,
            len(found) + len(in_comments) + 1,
            comment_min_span,
        )
        in_comments.extend(spans)
    profile = TechniqueProfile(
        spans=len(found),
        distinct_spans=distinct,
        counts=dict(counts.most_common()),
        sentences=len(sentences),
        sentences_with_technique=with_technique,
        per_100_sentences=round(100 * len(found) / len(sentences), 2) if sentences else 0.0,
        per_1000_words=round(1000 * len(found) / words, 2) if words else 0.0,
        share_of_text=round(len(covered) / chars, 4) if chars else 0.0,
        comment_spans=len(in_comments),
        comment_counts=dict(Counter(t.technique for t in in_comments).most_common()),
        display_floor=display_floor(model),
        below_floor=hidden,
    )
    return [*found, *in_comments], profile


class PropagandaComponent:
    analyzer = NAME

    def __init__(
        self,
        name: str = "presslens_propaganda",
        model: str | None = None,
        decoding: dict[str, Any] | None = None,
        comment_min_span: float = COMMENT_MIN_SPAN,
    ) -> None:
        self.name = name
        self.model_path = model
        self.decoding = dict(decoding or {})
        self.comment_min_span = comment_min_span
        self._model: PropagandaModel | None = None
        self._custom = custom_model("propaganda", model, PropagandaModel.load)

    @property
    def model(self) -> PropagandaModel:
        """The shipped model (or the one in ``model_path``), with the decoding settings
        of the config in place of the model's own."""
        if self._model is None:
            model = self._custom or propaganda_model()
            if self.decoding:
                model = copy.copy(model)  # the shared cached model stays as shipped
                model.decoding = dataclasses.replace(model.decoding, **self.decoding)
            self._model = model
        return self._model

    def __call__(self, doc: Doc) -> Doc:
        ctx = get_context(doc)
        text = ctx.original_text or doc.text
        end = ctx.body_end or len(text)
        paragraphs = [(s, e) for s, e in ctx.paragraphs if e <= end]
        techniques, profile = technique_layer(
            text,
            end,
            paragraphs,
            model=self.model,
            comments=ctx.comments,
            comment_min_span=self.comment_min_span,
        )
        doc._.presslens_techniques = techniques
        doc._.presslens_technique_profile = profile
        return doc


@Language.factory(
    "presslens_propaganda",
    assigns=ASSIGNS,
    requires=[],
    default_config={"model": None, "decoding": {}, "comment_min_span": COMMENT_MIN_SPAN},
)
def make_propaganda(
    nlp: Language,
    name: str,
    model: str | None,
    decoding: dict[str, Any],
    comment_min_span: float,
) -> PropagandaComponent:
    """``model``: a folder with ``propaganda.json``/``.npz``, else the shipped model;
    ``decoding``: settings of ``presslens.propaganda.model.Decoding`` to override
    (``threshold``, ``gap``, ``min_tokens``, ``floor``…); ``comment_min_span``: the span
    probability a comment span outside the label list needs."""
    return PropagandaComponent(name, model, decoding, comment_min_span)
