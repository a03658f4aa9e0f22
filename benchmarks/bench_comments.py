"""Comment-layer throughput (comments/s, one core).

Times, over the held-out OLID tweets and HateXplain posts (read from --data, never copied):
  classify   the shipped linear model (four heads, with evidence) + conspiracy cues,
  violence   the violence rules over comments the spaCy model has already parsed
             (the parse is shared with every other layer, so it is timed in bench_pipeline).
One warm-up run, then --runs timed runs; the median is reported.

    python benchmarks/bench_comments.py [--data ../shared/data/toxicity] [--runs 5] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import median_rate

from presslens.analyzers.comments import comment_model
from presslens.analyzers.conspiracy import find_conspiracy_cues
from presslens.analyzers.violence import find_violence
from presslens.train.toxicity_data import (
    is_hatexplain_holdout,
    is_olid_holdout,
    read_hatexplain,
    read_olid,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/toxicity"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    olid = read_olid(args.data / "olid" / "olid-training-v1.0.tsv")
    hx = read_hatexplain(args.data / "hatexplain" / "hatexplain_val_hfformat.csv")
    texts = [r.text for r in olid if is_olid_holdout(r.id)]
    texts += [s.text for s in hx if is_hatexplain_holdout(s.id)]
    model = comment_model()

    def classify(text: object) -> object:
        assert isinstance(text, str)
        return model.predict(text), find_conspiracy_cues(text)

    import spacy

    from presslens.pipeline import MODEL

    nlp = spacy.load(MODEL, exclude=["lemmatizer", "attribute_ruler", "ner"])
    docs: list[object] = list(nlp.pipe(texts))
    result = {
        "comments": len(texts),
        "mean_chars": round(sum(map(len, texts)) / len(texts), 1),
        "classify_per_s": round(median_rate(list(texts), classify, args.runs)),
        "violence_rules_per_s": round(
            median_rate(docs, lambda d: find_violence(d.sents), args.runs)  # type: ignore[attr-defined]
        ),
        "runs": args.runs,
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:>22}: {value}")


if __name__ == "__main__":
    main()
