"""Run-time propaganda technique detection: spans (SI) and their techniques (TC).

Three small linear models, all numpy at run time (no scikit-learn, no torch):

1. a **sentence model** — word unigrams and bigrams of one sentence → how likely it holds any
   propaganda. Its probability (and its neighbours') is a feature of every token in the
   sentence, because whether "destroy" is loaded depends on what the sentence is doing;
2. a **token model** — per token, is it inside a propaganda span? Features are read in a
   window around the token (word, shape, word bigrams) plus the token's place in its
   sentence and article and the sentence model's score. Each feature is a column of one flat
   weight vector, so scoring a whole article is one gather and one sum in numpy. Runs of
   tokens above a threshold become spans;
3. a **technique model** — a 14-way logistic regression over the span's words, its
   context, its length and how often it is repeated in the article.

All three also read static word vectors (``presslens.propaganda.vectors``: the comment
model's table, checked by its SHA-256) beside their sparse features.

``presslens train propaganda`` (``presslens.train.propaganda``) fits them from the
SemEval-2020 Task 11 corpus; the files live in ``presslens/resources/propaganda``.

The parts live in ``tokens`` (sentence and token models), ``decoding`` (probabilities to
spans) and ``classify`` (the technique model); this module joins them, saves and loads.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from presslens.analyzers.spanindex import furthest_end
from presslens.errors import PresslensError
from presslens.propaganda.classify import TechniqueModel, technique_features
from presslens.propaganda.cues import CUE_TECHNIQUES, cue_matches
from presslens.propaganda.decoding import (
    Decoding,
    decode_spans,
    decoding_from_json,
    decoding_to_json,
    find_spans,
)
from presslens.propaganda.labels import LABEL_TECHNIQUES, LABELS, label_spans, shown_spans
from presslens.propaganda.rescore import FEATURES, Rescorer, rescore_features
from presslens.propaganda.techniques import Technique
from presslens.propaganda.text import Doc, FloatArray, analyse
from presslens.propaganda.tokens import (
    TEMPLATES,
    SentenceModel,
    TokenModel,
    sentence_features,
    token_values,
)
from presslens.propaganda.vectors import VECTORS_FILE, WordVectors, word_vectors

__all__ = [
    "FORMAT",
    "TEMPLATES",
    "Decoding",
    "Doc",
    "Prediction",
    "PropagandaModel",
    "SentenceModel",
    "TechniqueModel",
    "TechniqueSpan",
    "TokenModel",
    "analyse",
    "decode_spans",
    "find_spans",
    "propaganda_model",
    "sentence_features",
    "technique_features",
    "token_values",
    "untouched",
]

# v2 adds the static word vectors' dense weights (a v1 reader would silently drop them, so
# it must refuse the file); v1 files, without them, are still read
FORMAT = "presslens.propaganda.v2"
_READS = ("presslens.propaganda.v1", FORMAT)


# -- the whole model -----------------------------------------------------------------------


class Prediction(NamedTuple):
    """A predicted span: P(span), P(technique | span) for all 14, and the techniques it may
    be given (a word of the label list is name calling or loaded language, and the
    probabilities of those two are renormalised over the two)."""

    start: int
    end: int
    span_score: float
    probabilities: dict[Technique, float]
    allowed: tuple[Technique, ...]


@dataclass(frozen=True, slots=True)
class TechniqueSpan:
    """A span of the text that uses a propaganda technique.

    ``score`` = ``span_score`` × ``technique_score``: the probability that these characters
    are propaganda, times the probability that this is the technique they use.
    """

    start: int
    end: int
    technique: Technique
    score: float
    span_score: float
    technique_score: float


class PropagandaModel:
    def __init__(
        self,
        sentences: SentenceModel,
        tokens: TokenModel,
        techniques: TechniqueModel,
        decoding: Decoding,
        meta: dict[str, Any] | None = None,
        display: Decoding | None = None,
        rescorer: Rescorer | None = None,
    ) -> None:
        self.sentences = sentences
        self.tokens = tokens
        self.techniques = techniques
        self.decoding = decoding
        self.meta = meta or {}
        # the stricter decoding of the spans a report shows, chosen for precision
        # (presslens.train.propaganda_decoding); None: the decoded spans above the
        # display floor, as the previous release did
        self.display = display
        # with a re-scorer (presslens.propaganda.rescore) the shown spans are its
        # candidates' spans that it keeps, not the display decoding's
        self.rescorer = rescorer

    @property
    def display_floor(self) -> float:
        """The least span probability a shown span has (label words: their prior)."""
        if self.rescorer is not None:
            return self.rescorer.threshold
        if self.display is not None:
            return max(self.display.threshold, self.display.floor)
        return float(self.meta.get("display_floor", 0.0))

    def shown_spans(
        self,
        doc: Doc,
        probs: FloatArray,
        decoded: list[tuple[int, int, float]] | None = None,
        sentence_probs: FloatArray | None = None,
    ) -> tuple[list[tuple[int, int, float]], int]:
        """The spans a report shows, and how many decoded spans touch none of them.

        With a re-scorer: its candidate decoding's spans that it keeps, each scored by the
        re-scorer's probability. Else, with a display decoding: its spans (strong runs, cut
        to the tokens that are strong themselves) plus the label list's words; else the
        decoded spans at or above the display floor plus the label words inside weaker ones.
        """
        if decoded is None:
            decoded = find_spans(doc, probs, self.decoding)
        shown, hidden, _ = self._shown(doc, probs, decoded, sentence_probs)
        return shown, hidden

    def shown_predictions(self, doc: Doc) -> tuple[list[Prediction], int]:
        """The spans a report shows, each with P(technique | span) for all 14, and how many
        decoded spans touch none of them: the re-scorer's technique probabilities are
        reused, not computed again."""
        probs, sentence_probs = self.probabilities(doc)
        decoded = find_spans(doc, probs, self.decoding)
        shown, hidden, techniques = self._shown(doc, probs, decoded, sentence_probs)
        return self.classify_spans(doc, shown, techniques), hidden

    def _shown(
        self,
        doc: Doc,
        probs: FloatArray,
        decoded: list[tuple[int, int, float]],
        sentence_probs: FloatArray | None,
    ) -> tuple[list[tuple[int, int, float]], int, FloatArray | None]:
        """``shown_spans``, with the technique probabilities when the re-scorer made them."""
        if self.rescorer is not None:
            shown, techniques = self.rescored_spans(doc, probs, sentence_probs)
            return shown, untouched(decoded, shown), techniques
        if self.display is None:
            return (*shown_spans(doc, probs, decoded, self.display_floor), None)
        shown = decode_spans(doc, probs, self.display)
        if self.display.labels:
            shown = sorted([*shown, *label_spans(doc, probs, shown)])
        return shown, untouched(decoded, shown), None

    def rescored_spans(
        self, doc: Doc, probs: FloatArray, sentence_probs: FloatArray | None = None
    ) -> tuple[list[tuple[int, int, float]], FloatArray]:
        """The re-scorer's kept candidates as (start, end, P(keep)) plus the label list's
        words outside them (P: at least the list's prior), and their technique
        probabilities (n_kept, 14), which the re-scorer read, so nobody computes them twice."""
        assert self.rescorer is not None
        if sentence_probs is None:
            sentence_probs = self.sentences.probabilities(doc, self.vectors)
        candidates = find_spans(doc, probs, decoding_from_json(self.rescorer.candidates))
        if not candidates:
            extra = label_spans(doc, probs, [])
            return extra, self.technique_probabilities(doc, [(s, e) for s, e, _ in extra])
        tech = self.technique_probabilities(doc, [(s, e) for s, e, _ in candidates])
        feats = rescore_features(doc, probs, sentence_probs, candidates, tech)
        kept, p = self.rescorer.keep(feats)
        spans = [(candidates[i][0], candidates[i][1], float(p[i])) for i in kept]
        rows = tech[kept]
        # as in the display decoding, the label list's words are always shown ("terrorists"
        # must not hang on the re-scorer's view of a one-word span)
        extra = label_spans(doc, probs, spans)
        if extra:
            more = self.technique_probabilities(doc, [(s, e) for s, e, _ in extra])
            merged = sorted(zip([*spans, *extra], [*rows, *more], strict=True), key=lambda x: x[0])
            spans = [m[0] for m in merged]
            rows = np.stack([m[1] for m in merged]).astype(np.float32)
        return spans, rows

    def probabilities(self, doc: Doc) -> tuple[FloatArray, FloatArray]:
        """P(inside a span) per token and P(holds propaganda) per sentence."""
        vectors = self.vectors
        sentence_probs = self.sentences.probabilities(doc, vectors)
        values = token_values(doc, sentence_probs)
        tokens = self.tokens.probabilities(
            self.tokens.columns(doc, values), self.tokens.dense_logits(doc, vectors)
        )
        return tokens, sentence_probs

    def token_probabilities(self, doc: Doc) -> FloatArray:
        return self.probabilities(doc)[0]

    def spans(self, text: str, doc: Doc | None = None) -> list[tuple[int, int, float]]:
        """Span identification alone: (start, end, probability) of each propaganda span."""
        doc = doc or analyse(text)
        return find_spans(doc, self.token_probabilities(doc), self.decoding)

    def predict_with_probabilities(self, text: str, doc: Doc | None = None) -> list[Prediction]:
        """Every predicted span with P(span) and P(technique | span) for all 14."""
        doc = doc or analyse(text)
        return self.classify_spans(doc, self.spans(text, doc))

    @property
    def uses_vectors(self) -> bool:
        return any(m.dense is not None for m in (self.sentences, self.tokens, self.techniques))

    @property
    def vectors(self) -> WordVectors | None:
        """The word table the models' dense weights belong to (None: they have none)."""
        return word_vectors() if self.uses_vectors else None

    def technique_probabilities(self, doc: Doc, spans: list[tuple[int, int]]) -> FloatArray:
        """(n_spans, 14): P(technique | span) of each character span [start, end)."""
        feats = [technique_features(doc, start, end) for start, end in spans]
        vectors = self.vectors
        dense = (
            None
            if vectors is None
            else vectors.spans(doc, [doc.token_range(start, end) for start, end in spans])
        )
        return self.techniques.probabilities_of(feats, dense)

    def classify_spans(
        self,
        doc: Doc,
        spans: list[tuple[int, int, float]],
        technique_probs: FloatArray | None = None,
    ) -> list[Prediction]:
        """Each (start, end, P(span)) of ``doc`` with P(technique | span) for all 14
        (``technique_probs``: already computed for these spans)."""
        out: list[Prediction] = []
        every = (
            self.technique_probabilities(doc, [(start, end) for start, end, _ in spans])
            if technique_probs is None
            else technique_probs
        )
        cues = {(s, e): cue for cue, s, e in cue_matches(doc)} if self.decoding.cue_priors else {}
        for (start, end, p_span), probs in zip(spans, every, strict=True):
            named = dict(zip(self.techniques.labels, probs.tolist(), strict=True))
            first, stop = doc.token_range(start, end)
            allowed = self.techniques.labels
            if (start, end) in cues:
                allowed = CUE_TECHNIQUES[cues[start, end]]
                total = sum(named[t] for t in allowed) or 1.0
                named.update({t: named[t] / total for t in allowed})
            elif stop - first == 1 and doc.norms[first] in LABELS:
                allowed = LABEL_TECHNIQUES
                total = sum(named[t] for t in allowed) or 1.0
                named.update({t: named[t] / total for t in allowed})
            out.append(Prediction(start, end, p_span, named, allowed))
        return out

    def predict(self, text: str, doc: Doc | None = None) -> list[TechniqueSpan]:
        """Every propaganda span in ``text`` with its most likely technique."""
        out: list[TechniqueSpan] = []
        for start, end, p_span, probs, allowed in self.predict_with_probabilities(text, doc):
            best = max(allowed, key=probs.__getitem__)
            p_tech = probs[best]
            out.append(
                TechniqueSpan(
                    start,
                    end,
                    best,
                    round(p_span * p_tech, 4),
                    round(p_span, 4),
                    round(p_tech, 4),
                )
            )
        return out

    def classify(self, text: str, start: int, end: int, doc: Doc | None = None) -> dict[str, float]:
        """P(technique | the span [start, end) is propaganda), for all 14 techniques."""
        if not 0 <= start < end <= len(text):
            raise ValueError(f"span [{start}, {end}) is not inside a text of {len(text)} chars")
        doc = doc or analyse(text)
        probs = self.technique_probabilities(doc, [(start, end)])[0]
        return {
            label: round(float(p), 4)
            for label, p in zip(self.techniques.labels, probs, strict=True)
        }

    # -- persistence -----------------------------------------------------------------------

    def save(self, directory: Path, stem: str = "propaganda") -> None:
        directory.mkdir(parents=True, exist_ok=True)
        sent_features = sorted(self.sentences.index, key=self.sentences.index.__getitem__)
        tech_features = sorted(self.techniques.index, key=self.techniques.index.__getitem__)
        arrays: dict[str, FloatArray] = {
            "sentence_weights": self.sentences.weights.astype(np.float16),
            "token_weights": self.tokens.weights.astype(np.float16),
            "technique_weights": self.techniques.weights.astype(np.float16),
            "technique_bias": self.techniques.bias.astype(np.float32),
        }
        vectors = self.vectors
        for key, dense in (
            ("sentence_dense", self.sentences.dense),
            ("token_dense", self.tokens.dense),
            ("technique_dense", self.techniques.dense),
        ):
            if dense is not None:
                arrays[key] = dense.astype(np.float32)
        np.savez_compressed(directory / f"{stem}.npz", **arrays)
        doc = {
            "format": FORMAT,
            "meta": self.meta,
            "sentences": {
                "bias": self.sentences.bias,
                "features": sent_features,
                "vector_scale": self.sentences.vector_scale,
            },
            "tokens": {
                "bias": self.tokens.bias,
                "calibration": list(self.tokens.calibration),
                "vector_offsets": list(self.tokens.vector_offsets),
                "vector_scale": self.tokens.vector_scale,
                "templates": {
                    name: {
                        "offsets": list(offsets),
                        "min_count": min_count,
                        "vocab": sorted(
                            self.tokens.vocab[name], key=self.tokens.vocab[name].__getitem__
                        ),
                    }
                    for name, (offsets, min_count) in self.tokens.templates.items()
                },
            },
            "techniques": {
                "labels": list(self.techniques.labels),
                "temperature": self.techniques.temperature,
                "features": tech_features,
            },
            "vectors": None
            if vectors is None
            else {"file": VECTORS_FILE, "sha256": vectors.sha256, "dims": vectors.dims},
            "decoding": decoding_to_json(self.decoding),
            "display": None if self.display is None else decoding_to_json(self.display),
            "rescorer": None if self.rescorer is None else self.rescorer.to_json(),
        }
        text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
        (directory / f"{stem}.json").write_text(text, encoding="utf-8")

    @classmethod
    def load(cls, directory: Path, stem: str = "propaganda") -> PropagandaModel:
        try:
            doc = json.loads((directory / f"{stem}.json").read_text(encoding="utf-8"))
            with np.load(directory / f"{stem}.npz") as arrays:
                sent_w = arrays["sentence_weights"].astype(np.float32)
                token_w = arrays["token_weights"].astype(np.float32)
                tech_w = arrays["technique_weights"].astype(np.float32)
                tech_b = arrays["technique_bias"].astype(np.float32)
                dense = {
                    key: arrays[key].astype(np.float32)
                    for key in ("sentence_dense", "token_dense", "technique_dense")
                    if key in arrays.files
                }
        except (OSError, ValueError, KeyError) as err:
            raise PresslensError("E030", path=str(directory), reason=str(err)) from None
        if doc.get("format") not in _READS:
            reason = (
                f"{stem}.json is format {doc.get('format')!r}, "
                f"this presslens reads {', '.join(_READS)}"
            )
            raise PresslensError("E030", path=str(directory), reason=reason)
        s = doc["sentences"]
        t = doc["tokens"]
        templates = {
            name: (tuple(spec["offsets"]), int(spec["min_count"]))
            for name, spec in t["templates"].items()
        }
        vocab = {
            name: {v: i + 2 for i, v in enumerate(spec["vocab"])}
            for name, spec in t["templates"].items()
        }
        c = doc["techniques"]
        d = doc["decoding"]
        if doc.get("vectors") is not None:
            _check_table(directory, doc["vectors"])
        rescorer = doc.get("rescorer")
        if rescorer is not None and tuple(rescorer["features"]) != FEATURES:
            raise PresslensError(
                "E170",
                path=str(directory),
                found=len(rescorer["features"]),
                expected=len(FEATURES),
            )
        return cls(
            SentenceModel(
                {f: i for i, f in enumerate(s["features"])},
                sent_w,
                float(s["bias"]),
                dense.get("sentence_dense"),
                float(s.get("vector_scale", 1.0)),
            ),
            TokenModel(
                templates,
                vocab,
                token_w,
                float(t["bias"]),
                tuple(t["calibration"]),
                dense.get("token_dense"),
                tuple(t.get("vector_offsets", (-1, 0, 1))),
                float(t.get("vector_scale", 1.0)),
            ),
            TechniqueModel(
                {f: i for i, f in enumerate(c["features"])},
                tech_w,
                tech_b,
                float(c["temperature"]),
                tuple(c["labels"]),
                dense.get("technique_dense"),
            ),
            decoding_from_json(d),
            doc["meta"],
            None if doc.get("display") is None else decoding_from_json(doc["display"]),
            None if rescorer is None else Rescorer.from_json(rescorer),
        )


def untouched(decoded: list[tuple[int, int, float]], shown: list[tuple[int, int, float]]) -> int:
    """How many ``decoded`` spans overlap none of ``shown`` (a long article's spans cost a
    sort, not a scan of every shown span per decoded one)."""
    reach = furthest_end((s1, e1) for s1, e1, _ in shown)
    return sum(reach(e - 1) <= s for s, e, _ in decoded)


def _check_table(directory: Path, recorded: dict[str, Any]) -> None:
    """E160 unless the shipped word table is the one the dense weights were fitted on."""
    try:
        found = word_vectors().sha256
    except (OSError, ValueError, KeyError) as err:
        raise PresslensError("E030", path=str(directory), reason=str(err)) from None
    if found != recorded["sha256"]:
        raise PresslensError(
            "E160",
            path=str(directory),
            table=str(recorded["file"]),
            expected=str(recorded["sha256"])[:12],
            found=found[:12],
        )


@functools.cache
def propaganda_model() -> PropagandaModel:
    """The shipped model (``presslens/resources/propaganda``), loaded once."""
    root = resources.files("presslens.resources.propaganda")
    return PropagandaModel.load(Path(str(root)))
