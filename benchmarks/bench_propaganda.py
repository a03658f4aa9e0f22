"""Propaganda-layer throughput (articles/s, one core).

Times the shipped model over the PTC training articles (read from --data, never copied):
  layer     ``technique_layer``: tokenising, sentence + token + technique models, the profile
            (the component's whole work; it needs no spaCy parse),
  si_only   span identification alone.
One warm-up run, then --runs timed runs; the median is reported.

    python benchmarks/bench_propaganda.py [--data ../shared/data/propaganda-ptc2020] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import median_rate

from presslens.analyzers.propaganda import technique_layer
from presslens.eval.propaganda import read_corpus
from presslens.propaganda.model import propaganda_model


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/propaganda-ptc2020"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    texts = list(read_corpus(args.data).articles.values())
    model = propaganda_model()

    def layer(text: str) -> object:
        return technique_layer(text, len(text), [], model)

    result = {
        "articles": len(texts),
        "mean_chars": round(sum(map(len, texts)) / len(texts)),
        "layer_articles_per_s": round(median_rate(texts, layer, args.runs), 1),
        "si_only_articles_per_s": round(median_rate(texts, model.spans, args.runs), 1),
        "runs": args.runs,
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:>24}: {value}")


if __name__ == "__main__":
    main()
