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

``presslens train propaganda`` (``presslens.train.propaganda``) fits them from the
SemEval-2020 Task 11 corpus; the files live in ``presslens/resources/propaganda``.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from presslens.errors import PresslensError
from presslens.propaganda.cues import CUE_TECHNIQUES, cue_matches, is_content
from presslens.propaganda.labels import LABEL_TECHNIQUES, LABELS, label_spans
from presslens.propaganda.techniques import TECHNIQUES, Technique
from presslens.propaganda.text import Doc, FloatArray, IntArray, _shape, analyse

__all__ = [
    "FORMAT",
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
]

FORMAT = "presslens.propaganda.v1"

_QUOTES = frozenset('"“”')
_UNKNOWN, _BOUNDARY = 0, 1  # ids every token template reserves


# -- the sentence model --------------------------------------------------------------------


def sentence_features(norms: Sequence[str]) -> list[str]:
    """Distinct word unigrams and bigrams of one sentence."""
    words = [w for w in norms if w[0].isalnum() or w in "!?\"'"]
    found = {"w:" + w for w in words}
    found.update("b:" + a + " " + b for a, b in itertools.pairwise(words))
    return sorted(found)


@dataclass(slots=True)
class SentenceModel:
    """P(a sentence holds propaganda) from a binary bag of its words, 1/√n-normalised."""

    index: dict[str, int]
    weights: FloatArray
    bias: float

    def probabilities(self, doc: Doc) -> FloatArray:
        n = len(doc.sentences)
        if n == 0:
            return np.zeros(0, dtype=np.float32)
        # one gather and one bincount for the whole article, not one per sentence
        cols: list[int] = []
        rows: list[int] = []
        sizes = np.ones(n, dtype=np.float64)
        index = self.index
        for k, (first, stop) in enumerate(doc.sentences):
            feats = sentence_features(doc.norms[first:stop])
            known = [index[f] for f in feats if f in index]
            cols.extend(known)
            rows.extend([k] * len(known))
            sizes[k] = max(len(feats), 1)
        sums = np.bincount(rows, weights=self.weights[cols], minlength=n) if cols else np.zeros(n)
        z = self.bias + sums / np.sqrt(sizes)
        out: FloatArray = np.where(z > -30, 1.0 / (1.0 + np.exp(-np.maximum(z, -30))), 0.0)
        return out.astype(np.float32)


# -- the token model -----------------------------------------------------------------------


_PLACE_EDGES = (1, 2, 3, 6, 11, 21)


def _bin(value: float, edges: Sequence[float]) -> str:
    for k, edge in enumerate(edges):
        if value < edge:
            return str(k)
    return str(len(edges))


def token_values(doc: Doc, sentence_probs: FloatArray) -> dict[str, list[str]]:
    """Every token template's value for every token (one string per token).

    Window templates ("w", "s", "b") are read again at other offsets by the model; the
    others describe the token's place and its sentence.
    """
    n = len(doc.norms)
    words = doc.norms
    shapes = [_shape(r) for r in doc.raws]
    bigrams = [""] * n
    place_in = [""] * n
    place_out = [""] * n
    length = [""] * n
    quoted = [""] * n
    here = [""] * n
    before = [""] * n
    after = [""] * n
    where = [""] * n
    n_sent = len(doc.sentences)
    longest = max((b - a for a, b in doc.sentences), default=0)
    place = [_bin(d, _PLACE_EDGES) for d in range(longest)]  # the same bins, computed once
    lines = doc.lines.tolist()
    bins = [_bin(float(p), (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)) for p in sentence_probs]
    for k, (first, stop) in enumerate(doc.sentences):
        size = stop - first
        size_bin = _bin(size, (4, 8, 16, 32, 64))
        prev_bin = bins[k - 1] if k > 0 else "-"
        next_bin = bins[k + 1] if k + 1 < n_sent else "-"
        inside = False
        at = _bin(k / max(n_sent, 1), (0.1, 0.3, 0.6))
        for i in range(first, stop):
            bigrams[i] = (words[i - 1] if i > first else "<s>") + " " + words[i]
            place_in[i] = place[i - first]
            place_out[i] = place[stop - 1 - i]
            length[i] = size_bin
            if doc.raws[i] in _QUOTES:
                inside = not inside
                quoted[i] = "mark"
            else:
                quoted[i] = "in" if inside else "out"
            here[i] = bins[k]
            before[i] = prev_bin
            after[i] = next_bin
            where[i] = "title" if lines[i] == 0 else at
    suffixes = [w[-3:] if len(w) > 4 and w[0].isalpha() else "" for w in words]
    repeat_bin = {
        w: _bin(len(p), (2, 3, 5)) if len(w) > 3 and w[0].isalpha() else "-"
        for w, p in doc.positions.items()
    }
    repeats = [repeat_bin[w] for w in words]
    coarse = ["h" if p >= 0.5 else "m" if p >= 0.25 else "l" for p in sentence_probs.tolist()]
    word_in = [
        w + "|" + coarse[int(k)] for w, k in zip(words, doc.sentence_of.tolist(), strict=True)
    ]
    return {
        "x": suffixes,
        "rc": repeats,
        "ws": word_in,
        "w": list(words),
        "s": shapes,
        "b": bigrams,
        "pi": place_in,
        "po": place_out,
        "sl": length,
        "q": quoted,
        "sp": here,
        "spp": before,
        "spn": after,
        "at": where,
    }


# Which offsets each template is read at, and the least count for a value to get a column.
TEMPLATES: dict[str, tuple[tuple[int, ...], int]] = {
    "x": ((-1, 0, 1), 2),
    "rc": ((0,), 1),
    "ws": ((0,), 2),
    "w": ((-2, -1, 0, 1, 2), 2),
    "s": ((-1, 0, 1), 2),
    "b": ((0, 1), 3),
    "pi": ((0,), 1),
    "po": ((0,), 1),
    "sl": ((0,), 1),
    "q": ((0,), 1),
    "sp": ((0,), 1),
    "spp": ((0,), 1),
    "spn": ((0,), 1),
    "at": ((0,), 1),
}


@dataclass(slots=True)
class TokenModel:
    """Per-token logistic regression over windowed template values.

    Template ``t`` read at offset ``o`` owns a block of ``len(vocab[t]) + 2`` columns
    (unknown value, sentence boundary, then the vocabulary); a token's score is the sum of
    one column per (template, offset) plus the bias, then Platt-calibrated.
    """

    templates: dict[str, tuple[tuple[int, ...], int]]
    vocab: dict[str, dict[str, int]]  # value → id (ids from 2)
    weights: FloatArray
    bias: float
    calibration: tuple[float, float] = (1.0, 0.0)

    def layout(self) -> list[tuple[str, int, int]]:
        """(template, offset, first column) of every block, in column order."""
        out: list[tuple[str, int, int]] = []
        base = 0
        for name, (offsets, _) in self.templates.items():
            for offset in offsets:
                out.append((name, offset, base))
                base += len(self.vocab[name]) + 2
        return out

    @property
    def width(self) -> int:
        return sum((len(self.vocab[t]) + 2) * len(o) for t, (o, _) in self.templates.items())

    def columns(self, doc: Doc, values: dict[str, list[str]]) -> IntArray:
        """(n_tokens, n_blocks) column indices: the features' one-hot positions."""
        n = len(doc.norms)
        blocks = self.layout()
        out = np.empty((n, len(blocks)), dtype=np.int64)
        if n == 0:
            return out
        ids = {
            name: np.array(
                list(map(self.vocab[name].get, values[name], itertools.repeat(_UNKNOWN))),
                dtype=np.int64,
            )
            for name in self.templates
        }
        index = np.arange(n)
        for b, (name, offset, base) in enumerate(blocks):
            if offset == 0:
                out[:, b] = base + ids[name]
                continue
            j = index + offset
            valid = (j >= 0) & (j < n)
            jc = np.clip(j, 0, n - 1)
            valid &= doc.sentence_of[jc] == doc.sentence_of
            out[:, b] = base + np.where(valid, ids[name][jc], _BOUNDARY)
        return out

    def logits(self, columns: IntArray) -> FloatArray:
        if columns.shape[0] == 0:
            return np.zeros(0, dtype=np.float32)
        out: FloatArray = self.weights[columns].sum(axis=1) + np.float32(self.bias)
        return out

    def probabilities(self, columns: IntArray) -> FloatArray:
        slope, intercept = self.calibration
        z = slope * self.logits(columns).astype(np.float64) + intercept
        out: FloatArray = (1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))).astype(np.float32)
        return out


@dataclass(frozen=True, slots=True)
class Decoding:
    """How token probabilities become spans: runs at or above ``threshold`` inside one
    sentence, joined across gaps of at most ``gap`` tokens, at least ``min_tokens`` long."""

    threshold: float = 0.4
    gap: int = 1
    min_tokens: int = 1
    peak: float = 0.0  # a run is kept only if some token in it reaches this
    labels: bool = True  # add the label list's words (presslens.propaganda.labels)
    # precision: a span needs this many content words (presslens.propaganda.cues: never a
    # lone "did" or "know") and a mean token probability of at least ``floor``; the floor
    # is printed with the report so a reader knows what was left out
    min_content: int = 0
    floor: float = 0.0
    # lexical devices (scare quotes, "so-called", whataboutism, hashtags) as spans, each
    # scored by the larger of its measured prior (cue → prior) and the model's mean
    cue_priors: tuple[tuple[str, float], ...] = ()


def decode_spans(doc: Doc, probs: FloatArray, decoding: Decoding) -> list[tuple[int, int, float]]:
    """(start char, end char, mean token probability) of each predicted span."""
    out: list[tuple[int, int, float]] = []
    above = probs >= decoding.threshold
    for first, stop in doc.sentences:
        runs: list[list[int]] = []
        for i in range(first, stop):
            if not above[i]:
                continue
            if runs and i - runs[-1][1] - 1 <= decoding.gap:
                runs[-1][1] = i
            else:
                runs.append([i, i])
        for a, b in runs:
            # a span of punctuation alone is noise, not a technique
            if not any(doc.raws[t][0].isalnum() for t in range(a, b + 1)):
                continue
            if b - a + 1 < decoding.min_tokens or float(probs[a : b + 1].max()) < decoding.peak:
                continue
            if decoding.min_content and (
                sum(is_content(doc.norms[t]) for t in range(a, b + 1)) < decoding.min_content
            ):
                continue
            score = float(probs[a : b + 1].mean())
            if score < decoding.floor:
                continue
            out.append((int(doc.starts[a]), int(doc.ends[b]), score))
    return out


def cue_spans(
    doc: Doc, probs: FloatArray, decoding: Decoding, taken: list[tuple[int, int, float]]
) -> list[tuple[int, int, float]]:
    """The lexical devices of ``presslens.propaganda.cues`` that no span in ``taken``
    overlaps, scored max(prior, mean token probability), kept at or above the floor."""
    priors = dict(decoding.cue_priors)
    out: list[tuple[int, int, float]] = []
    for cue, start, end in cue_matches(doc):
        if cue not in priors or any(s < end and start < e for s, e, _ in [*taken, *out]):
            continue
        first, stop = doc.token_range(start, end)
        mean = float(probs[first:stop].mean()) if stop > first else 0.0
        score = max(priors[cue], mean)
        if score >= max(decoding.floor, decoding.threshold):
            out.append((start, end, score))
    return out


def find_spans(doc: Doc, probs: FloatArray, decoding: Decoding) -> list[tuple[int, int, float]]:
    """The decoded spans plus, with ``decoding.labels``, the label list's words outside
    them; in text order."""
    spans = decode_spans(doc, probs, decoding)
    if decoding.labels:
        spans = sorted([*spans, *label_spans(doc, probs, spans)])
    if decoding.cue_priors:
        spans = sorted([*spans, *cue_spans(doc, probs, decoding, spans)])
    return spans


# -- the technique model -------------------------------------------------------------------


def _count_phrase(doc: Doc, first: int, stop: int) -> int:
    """How often the tokens [first, stop) occur in the document (case-insensitive)."""
    phrase = doc.norms[first:stop]
    if not phrase:
        return 0
    size = len(phrase)
    return sum(doc.norms[p : p + size] == phrase for p in doc.positions.get(phrase[0], ()))


def technique_features(doc: Doc, start: int, end: int) -> dict[str, float]:
    """Sparse features of the span [start, end): its words, its context, its shape and its
    repetitions in the document. Bag-of-words groups are 1/√n-normalised."""
    first, stop = doc.token_range(start, end)
    feats: dict[str, float] = {"bias": 1.0}
    if stop <= first:
        return feats
    words = doc.norms[first:stop]
    raws = doc.raws[first:stop]

    def bag(prefix: str, items: Iterable[str]) -> None:
        distinct = set(items)
        if distinct:
            value = 1.0 / math.sqrt(len(distinct))
            for item in distinct:
                feats[prefix + item] = value

    bag("w:", words)
    bag("b:", (a + " " + b for a, b in zip(["<s>", *words], [*words, "</s>"], strict=True)))
    bag(
        "c:",
        (
            padded[j : j + 4]
            for w in words
            if w[0].isalpha()
            for padded in [f" {w} "]
            for j in range(len(padded) - 3)
        ),
    )
    feats["first:" + words[0]] = 1.0
    feats["last:" + words[-1]] = 1.0
    k_first = int(doc.sentence_of[first])
    k_last = int(doc.sentence_of[stop - 1])
    s_first = doc.sentences[k_first][0]
    s_stop = doc.sentences[k_last][1]
    bag("x:", doc.norms[s_first:first] + doc.norms[stop:s_stop])
    feats["l1:" + (doc.norms[first - 1] if first > s_first else "<s>")] = 1.0
    feats["r1:" + (doc.norms[stop] if stop < s_stop else "</s>")] = 1.0
    size = stop - first
    feats["len:" + _bin(size, (2, 3, 4, 6, 9, 13, 20, 30))] = 1.0
    feats["cover:" + _bin(size / max(s_stop - s_first, 1), (0.2, 0.4, 0.6, 0.8, 0.95))] = 1.0
    feats["rep:" + _bin(_count_phrase(doc, first, stop), (2, 3, 4, 6))] = 1.0
    content = [w for w in words if len(w) > 3 and w[0].isalpha()]
    most = max((len(doc.positions.get(w, ())) for w in content), default=0)
    feats["repw:" + _bin(most, (1, 2, 3, 4, 6, 10))] = 1.0
    letters = [c for r in raws for c in r if c.isalpha()]
    if letters:
        upper = sum(c.isupper() for c in letters) / len(letters)
        feats["caps:" + _bin(upper, (0.1, 0.3, 0.6, 0.9))] = 1.0
    left = doc.text[max(0, start - 2) : start]
    right = doc.text[end : end + 2]
    if any(q in left for q in "\"“'‘") or any(q in right for q in "\"”'’"):
        feats["quoted"] = 1.0
    if "!" in raws or "!" in right:
        feats["bang"] = 1.0
    if "?" in raws or "?" in right:
        feats["question"] = 1.0
    if doc.lines[first] == 0:
        feats["title"] = 1.0
    if k_first != k_last:
        feats["multi_sentence"] = 1.0
    return feats


@dataclass(slots=True)
class TechniqueModel:
    index: dict[str, int]
    weights: FloatArray  # (n_features, 14)
    bias: FloatArray  # (14,)
    temperature: float = 1.0
    labels: tuple[Technique, ...] = TECHNIQUES

    def probabilities(self, feats: dict[str, float]) -> FloatArray:
        cols = [self.index[f] for f in feats if f in self.index]
        values = np.array([feats[f] for f in feats if f in self.index], dtype=np.float32)
        z = values @ self.weights[cols] + self.bias if cols else self.bias.copy()
        z = z / self.temperature
        e = np.exp(z - z.max())
        out: FloatArray = (e / e.sum()).astype(np.float32)
        return out

    def probabilities_of(self, spans: Sequence[dict[str, float]]) -> FloatArray:
        """``probabilities`` of many spans at once: (n_spans, 14)."""
        if not spans:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        index = self.index
        rows: list[int] = []
        cols: list[int] = []
        values: list[float] = []
        for r, feats in enumerate(spans):
            for f, v in feats.items():
                c = index.get(f)
                if c is not None:
                    rows.append(r)
                    cols.append(c)
                    values.append(v)
        z = np.tile(self.bias.astype(np.float64), (len(spans), 1))
        if cols:
            np.add.at(z, rows, self.weights[cols] * np.asarray(values, dtype=np.float32)[:, None])
        z /= self.temperature
        e = np.exp(z - z.max(axis=1, keepdims=True))
        out: FloatArray = (e / e.sum(axis=1, keepdims=True)).astype(np.float32)
        return out


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
    ) -> None:
        self.sentences = sentences
        self.tokens = tokens
        self.techniques = techniques
        self.decoding = decoding
        self.meta = meta or {}

    def token_probabilities(self, doc: Doc) -> FloatArray:
        values = token_values(doc, self.sentences.probabilities(doc))
        return self.tokens.probabilities(self.tokens.columns(doc, values))

    def spans(self, text: str, doc: Doc | None = None) -> list[tuple[int, int, float]]:
        """Span identification alone: (start, end, probability) of each propaganda span."""
        doc = doc or analyse(text)
        return find_spans(doc, self.token_probabilities(doc), self.decoding)

    def predict_with_probabilities(self, text: str, doc: Doc | None = None) -> list[Prediction]:
        """Every predicted span with P(span) and P(technique | span) for all 14."""
        doc = doc or analyse(text)
        return self.classify_spans(doc, self.spans(text, doc))

    def classify_spans(self, doc: Doc, spans: list[tuple[int, int, float]]) -> list[Prediction]:
        """Each (start, end, P(span)) of ``doc`` with P(technique | span) for all 14."""
        out: list[Prediction] = []
        every = self.techniques.probabilities_of(
            [technique_features(doc, start, end) for start, end, _ in spans]
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
        probs = self.techniques.probabilities(technique_features(doc, start, end))
        return {
            label: round(float(p), 4)
            for label, p in zip(self.techniques.labels, probs, strict=True)
        }

    # -- persistence -----------------------------------------------------------------------

    def save(self, directory: Path, stem: str = "propaganda") -> None:
        directory.mkdir(parents=True, exist_ok=True)
        sent_features = sorted(self.sentences.index, key=self.sentences.index.__getitem__)
        tech_features = sorted(self.techniques.index, key=self.techniques.index.__getitem__)
        np.savez_compressed(
            directory / f"{stem}.npz",
            sentence_weights=self.sentences.weights.astype(np.float16),
            token_weights=self.tokens.weights.astype(np.float16),
            technique_weights=self.techniques.weights.astype(np.float16),
            technique_bias=self.techniques.bias.astype(np.float32),
        )
        doc = {
            "format": FORMAT,
            "meta": self.meta,
            "sentences": {"bias": self.sentences.bias, "features": sent_features},
            "tokens": {
                "bias": self.tokens.bias,
                "calibration": list(self.tokens.calibration),
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
            "decoding": {
                "threshold": self.decoding.threshold,
                "gap": self.decoding.gap,
                "min_tokens": self.decoding.min_tokens,
                "labels": self.decoding.labels,
                "min_content": self.decoding.min_content,
                "floor": self.decoding.floor,
                "cue_priors": dict(self.decoding.cue_priors),
            },
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
        except (OSError, ValueError, KeyError) as err:
            raise PresslensError("E030", path=str(directory), reason=str(err)) from None
        if doc.get("format") != FORMAT:
            reason = f"{stem}.json is format {doc.get('format')!r}, this presslens reads {FORMAT}"
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
        return cls(
            SentenceModel({f: i for i, f in enumerate(s["features"])}, sent_w, float(s["bias"])),
            TokenModel(templates, vocab, token_w, float(t["bias"]), tuple(t["calibration"])),
            TechniqueModel(
                {f: i for i, f in enumerate(c["features"])},
                tech_w,
                tech_b,
                float(c["temperature"]),
                tuple(c["labels"]),
            ),
            Decoding(
                float(d["threshold"]),
                int(d["gap"]),
                int(d["min_tokens"]),
                labels=bool(d.get("labels", True)),
                min_content=int(d.get("min_content", 0)),
                floor=float(d.get("floor", 0.0)),
                cue_priors=tuple(sorted(d.get("cue_priors", {}).items())),
            ),
            doc["meta"],
        )


@functools.cache
def propaganda_model() -> PropagandaModel:
    """The shipped model (``presslens/resources/propaganda``), loaded once."""
    root = resources.files("presslens.resources.propaganda")
    return PropagandaModel.load(Path(str(root)))
