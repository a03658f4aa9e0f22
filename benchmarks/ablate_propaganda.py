"""What each part of the propaganda token model adds: 5-fold cross-validated SI and TC with
one group of token templates switched off at a time (the shipped training code, the same
folds as ``presslens eval propaganda``).

    python benchmarks/ablate_propaganda.py --data ../shared/data/propaganda-ptc2020 --json

Needs scikit-learn (``presslens[train]``). Several minutes a run on one core.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from presslens.eval.propaganda import read_corpus
from presslens.propaganda.model import TEMPLATES
from presslens.train.propaganda import Settings, cross_validate

# template groups (presslens.propaganda.model.token_values)
GROUPS: dict[str, tuple[str, ...]] = {
    "sentence model scores": ("ws", "sp", "spp", "spn"),
    "shape and suffix": ("s", "x"),
    "place in sentence, article; sentence length": ("pi", "po", "sl", "at"),
    "repeats in the article": ("rc",),
    "inside quotation marks": ("q",),
}


def ablate(data: Path, folds: int = 5) -> list[dict[str, object]]:
    corpus = read_corpus(data)
    runs: list[tuple[str, tuple[str, ...]]] = [("shipped (all templates)", tuple(TEMPLATES))]
    runs += [
        (f"without {name}", tuple(t for t in TEMPLATES if t not in off))
        for name, off in GROUPS.items()
    ]
    runs.append(("words and bigrams only", ("w", "b")))
    out: list[dict[str, object]] = []
    for name, templates in runs:
        result = cross_validate(corpus, folds=folds, settings=Settings(templates=templates))
        si, tc = result["si"], result["tc"]
        row = {
            "run": name,
            "si_f1": si["f1"],
            "si_precision": si["precision"],
            "si_recall": si["recall"],
            "si_f1_without_label_list": si["without_label_list"]["f1"],
            "tc_micro_f1": tc["micro_f1"],
            "seconds": result["seconds"],
        }
        print(json.dumps(row), file=sys.stderr, flush=True)
        out.append(row)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data/propaganda-ptc2020"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = ablate(args.data, args.folds)
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print("| run | SI F1 | SI P | SI R | SI F1 without label list | TC micro-F1 |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['run']} | {r['si_f1']:.3f} | {r['si_precision']:.3f} | "
            f"{r['si_recall']:.3f} | {r['si_f1_without_label_list']:.3f} | "
            f"{r['tc_micro_f1']:.3f} |"
        )


if __name__ == "__main__":
    main()
