"""Training the attribution rows' confidence (``analyzers.attribution_confidence``).

    python -m presslens.train.quote_confidence --data ../shared/data/quotes-polnear/train

Parses PolNeAR train, runs the attribution finder, and fits a logistic model of "this row
matches a gold relation exactly" on the articles **outside** the tuning fifth
(``is_tuning``). The display floor is then chosen on the tuning fifth, which the weights
never saw: the lowest confidence from which rows match a gold relation at least by overlap
more often than not (``choose_floor``), because a wrong attribution costs a reader more
than a missing one, while a right one with a clause too many still points at the evidence.
Dev and test are not read. Writes ``resources/quotes/confidence.json``.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from presslens.analyzers.attribution import find_attributions
from presslens.analyzers.attribution_confidence import ConfidenceModel, features
from presslens.analyzers.cues import cue_frames, cue_lexicon
from presslens.datasets.polnear import GoldDoc, Rel, is_tuning, load_polnear, normalise

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from presslens.analyzers.attribution_spans import RawAttribution

__all__ = ["choose_floor", "fit", "labelled_rows", "main"]

OUT = Path(__file__).resolve().parent.parent / "resources" / "quotes" / "confidence.json"
C = 1.0
MIN_WORD_ROWS = 30
FLOORS = [round(0.05 * k, 3) for k in range(12)]


def _rel(text: str, r: RawAttribution) -> Rel:
    return Rel(
        content=normalise(text, r.content),
        cue=normalise(text, [r.cue]) if r.cue else (),
        source=normalise(text, [r.source]) if r.source else (),
    )


def labelled_rows(
    parsed: Iterable[tuple[GoldDoc, Doc]],
) -> list[tuple[list[Rel], list[tuple[Rel, dict[str, float], bool]]]]:
    """Per document: the gold relations, and each found row with its features and whether
    it matches a gold relation exactly."""
    from presslens.eval.quotes import _rel_match

    cues, frames = cue_lexicon(), cue_frames()
    out = []
    for gold, doc in parsed:
        rows = []
        for r in find_attributions(doc, cues, gold.text, frames):
            rel = _rel(gold.text, r)
            hit = any(_rel_match(g, rel, True) for g in gold.relations)
            rows.append((rel, features(r, gold.text, cues), hit))
        out.append((gold.relations, rows))
    return out


def fit(rows: Sequence[tuple[dict[str, float], bool]]) -> tuple[dict[str, float], float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    # a cue word's own weight only where it has rows enough to be more than noise
    seen = Counter(k for f, _ in rows for k in f if k.startswith("cue_word="))
    kept = [
        {k: v for k, v in f.items() if not k.startswith("cue_word=") or seen[k] >= MIN_WORD_ROWS}
        for f, _ in rows
    ]
    vec = DictVectorizer()
    x = vec.fit_transform(kept)
    y = [int(h) for _, h in rows]
    model = LogisticRegression(C=C, max_iter=2000)
    model.fit(x, y)
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(w), 4) for n, w in zip(names, model.coef_[0], strict=True)}
    return weights, round(float(model.intercept_[0]), 4)


def _f_beta(tp: int, fp: int, fn: int, beta: float) -> float:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    b2 = beta * beta
    return (1 + b2) * p * r / (b2 * p + r) if p + r else 0.0


def choose_floor(
    docs: Sequence[tuple[list[Rel], list[tuple[Rel, dict[str, float], bool]]]],
    model: ConfidenceModel,
    beta: float = 0.5,
) -> tuple[float, list[dict[str, float]]]:
    """The display floor on ``docs``: the lowest confidence from which every band of
    rows (0.05 wide) matches a gold relation by overlap more often than not — below it a
    row is more often a wrong attribution than an imprecise one; a band right exactly half
    the time (11 of 22 rows at 0.15-0.2 in the seventh round) is not shown — and the sweep
    (relation F1 and F-beta, exact, of the rows at or above each floor)."""
    from presslens.eval.quotes import _rel_match, score_relations

    probs = [[model.probability(f) for _, f, _ in rows] for _, rows in docs]
    sweep = []
    for floor in FLOORS:
        pairs = [
            (gold, [rel for (rel, _, _), p in zip(rows, ps, strict=True) if p >= floor])
            for (gold, rows), ps in zip(docs, probs, strict=True)
        ]
        rel = score_relations(pairs)["exact"]["relations"]
        tp = rel["tp"]
        pred = sum(len(p) for _, p in pairs)
        gold_n = sum(len(g) for g, _ in pairs)
        band = [
            any(_rel_match(g, r, False) for g in gold)
            for (gold, rows), ps in zip(docs, probs, strict=True)
            for (r, _, _), p in zip(rows, ps, strict=True)
            if floor <= p < floor + 0.05
        ]
        sweep.append(
            {
                "floor": floor,
                "f1": rel["f1"],
                "precision": rel["precision"],
                "recall": rel["recall"],
                "f_beta": round(_f_beta(tp, pred - tp, gold_n - tp, beta), 4),
                "band_rows": len(band),
                "band_precision_overlap": round(sum(band) / len(band), 3) if band else 1.0,
            }
        )
    floor = 0.0
    for s in sweep:
        if s["band_precision_overlap"] <= 0.5:
            floor = round(s["floor"] + 0.05, 3)
    return floor, sweep


def _parse(docs: Sequence[GoldDoc]) -> list[tuple[GoldDoc, Doc]]:
    from presslens.pipeline import model_parser

    parsed = model_parser()
    return [(d, parsed(d.text)) for d in docs]


def train(
    learn: Sequence[tuple[GoldDoc, Doc]], tune: Sequence[tuple[GoldDoc, Doc]]
) -> dict[str, Any]:
    learn_rows = labelled_rows(learn)
    weights, bias = fit([(f, h) for _, rows in learn_rows for _, f, h in rows])
    model = ConfidenceModel(weights, bias, 0.0)
    floor, sweep = choose_floor(labelled_rows(tune), model)
    return {
        "model": "presslens.quotes.confidence.v1",
        "label": "row matches a gold relation exactly (cue overlaps, source and content exact)",
        "trained_on": f"PolNeAR train outside the tuning fifth ({len(learn)} articles,"
        f" {sum(len(r) for _, r in learn_rows)} rows)",
        "floor_chosen_on": f"PolNeAR train tuning fifth ({len(tune)} articles): from there up,"
        " every 0.05 band of rows matches a gold relation by overlap more often than not",
        "C": C,
        "bias": bias,
        "floor": floor,
        "weights": dict(sorted(weights.items())),
        "floor_sweep": sweep,
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="PolNeAR's train folder")
    ap.add_argument("-o", "--output", type=Path, default=OUT)
    args = ap.parse_args(argv)
    docs = load_polnear(args.data)
    learn = _parse([d for d in docs if not is_tuning(d.name)])
    tune = _parse([d for d in docs if is_tuning(d.name)])
    out = train(learn, tune)
    args.output.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"floor {out['floor']}; wrote {args.output}")


if __name__ == "__main__":
    main()
