"""How far a found attribution can be trusted: a calibrated confidence for each row and
the floor below which a row is not shown.

The confidence is a small logistic model over what the finder knows of a row — which
reading found it (verb + quotation, verb + complement, a learned frame, …), the kind of
content, what heads the source, the cue word's learned cue rate, where the cue sits in the
parse, the content's length and fragments — trained by ``python -m
presslens.train.quote_confidence`` on the PolNeAR train articles outside the tuning fifth
(the label: the row matches a gold relation exactly: cue, source and content). The weights
and the display floor live in ``resources/quotes/confidence.json``; the model card says how
they were chosen. No table (a custom cue table without weights): every row gets ``None``
and all rows are shown.
"""

from __future__ import annotations

import functools
import json
import math
from importlib import resources
from pathlib import Path
from typing import Any

from presslens.analyzers.attribution_spans import RawAttribution

__all__ = [
    "ConfidenceModel",
    "confidence_model",
    "features",
    "reading",
    "score",
    "vague_cue",
]

# "said", "told": the verbs of saying, whose rows are the most often right
_SAYING = frozenset("say says said saying tell tells told telling added adding".split())
_CUE_DEPS = frozenset({"ROOT", "conj", "advcl", "parataxis", "xcomp", "ccomp", "relcl", "acl"})


_PASSIVE_VAGUE = frozenset(
    "believed reported said thought expected rumoured rumored claimed alleged understood".split()
)
_REPORT_NOUNS = frozenset(
    "data reports report information rumours rumors estimates media accounts claims sources"
    " observers experts analysts some many others".split()
)


def vague_cue(r: RawAttribution) -> bool:
    """A relation with no one named whose cue is itself the sourcing ("it is believed
    that …", "Reports about … have begun to appear"): vague sourcing, which the report's
    sourcing table counts whatever the row's confidence."""
    cue = r.cue_token
    if r.source is not None or cue is None:
        return False
    if cue.lower_ in _PASSIVE_VAGUE and cue.tag_ == "VBN":
        return True
    return cue.lower_ in _REPORT_NOUNS and cue.tag_.startswith("NN")


def reading(r: RawAttribution) -> str:
    """The finder's reading behind a relation (for the precision-by-reading table)."""
    notes = set(r.notes)
    for note in ("colon", "said line", "findings", "frame", "object"):
        if note in notes:
            return note
    if r.kind == "according_to":
        return "according_to"
    return "verb, quotation" if r.kind in ("direct", "mixed") else "verb, complement"


def _words(text: str, span: tuple[int, int]) -> int:
    return len(text[span[0] : span[1]].split())


def features(r: RawAttribution, text: str, cues: dict[str, float]) -> dict[str, float]:
    """The row's features by name (absent names are 0)."""
    f: dict[str, float] = {f"reading={reading(r)}": 1.0, f"kind={r.kind}": 1.0}
    head = r.source_head
    if r.source is None or head is None:
        f["source=none"] = 1.0
    else:
        tag = head.tag_
        f[
            "source="
            + (
                "PRP"
                if tag.startswith("PRP")
                else tag
                if tag in ("NNP", "NNPS", "NN", "NNS")
                else "other"
            )
        ] = 1.0
        f["source_words"] = math.log1p(_words(text, r.source))
    v = r.cue_token
    if v is None:
        f["cue=none"] = 1.0
    else:
        f["cue_rate"] = cues.get(v.lower_, 0.0)
        f["cue_dep=" + (v.dep_ if v.dep_ in _CUE_DEPS else "other")] = 1.0
        f["cue_tag=" + v.tag_[:2]] = 1.0
        if v.lower_ in _SAYING:
            f["cue=saying"] = 1.0
        f["cue_word=" + v.lower_] = 1.0
    words = sum(_words(text, s) for s in r.content)
    f["content_words"] = math.log1p(words)
    f["content_short"] = float(words < 4)
    f["fragments"] = float(len(r.content) - 1)
    if r.cue is not None and r.content[-1][1] <= r.cue[0]:
        f["content_before_cue"] = 1.0
    first_line = text.find("\n")
    if first_line < 0 or r.content[0][0] < first_line:
        f["first_line"] = 1.0
    # "passive": a row left without a source because its cue is passive ("was asked"),
    # often right, unlike other rows with no one named (its own weight keeps theirs)
    for note in ("raised", "relayed", "passive"):
        if note in r.notes:
            f[f"note={note}"] = 1.0
    return f


class ConfidenceModel:
    """Logistic weights by feature name, and the floor below which a row is not shown."""

    def __init__(self, weights: dict[str, float], bias: float, floor: float) -> None:
        self.weights, self.bias, self.floor = weights, bias, floor

    def probability(self, feats: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ConfidenceModel:
        return cls(
            {str(k): float(v) for k, v in data["weights"].items()},
            float(data["bias"]),
            float(data["floor"]),
        )


@functools.lru_cache(maxsize=4)
def confidence_model(path: Path | None = None) -> ConfidenceModel | None:
    """The shipped model (or the one in ``path``); None when there is none."""
    if path is None:
        ref = resources.files("presslens.resources.quotes").joinpath("confidence.json")
        if not ref.is_file():
            return None
        data = json.loads(ref.read_text(encoding="utf-8"))
    else:
        if not path.is_file():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    return ConfidenceModel.from_json(data)


def score(
    found: list[RawAttribution],
    text: str,
    cues: dict[str, float],
    model: ConfidenceModel | None,
) -> None:
    """Set each row's ``confidence`` (rounded to 3 places; None without a model)."""
    for r in found:
        r.confidence = (
            None if model is None else round(model.probability(features(r, text, cues)), 3)
        )
