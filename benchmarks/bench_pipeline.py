"""Whole-analysis throughput: segmentation + spaCy + entities/places + dates, on one core.

Documents: the bundled sample and real news articles read from ``--data``
(default ../shared/data/propaganda-ptc2020/train-articles, read only, never copied).
One warm-up pass (model and gazetteer loading excluded from the timing), then --runs timed
passes; medians reported, with each presslens component's share of the time.

    python benchmarks/bench_pipeline.py [--docs 100] [--runs 3] [--data DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from presslens import analyze
from presslens.cli import sample_path
from presslens.pipeline import default_pipeline

DEFAULT_DATA = (
    Path(__file__).resolve().parent.parent.parent
    / "shared"
    / "data"
    / "propaganda-ptc2020"
    / "train-articles"
)


def corpus(data: Path, n: int) -> list[str]:
    texts = [sample_path().read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in sorted(data.glob("*.txt"))[: n - 1]]
    return texts


def run(texts: list[str], runs: int) -> dict[str, object]:
    nlp = default_pipeline()
    timings: dict[str, float] = {}

    def timed(name: str, proc):  # type: ignore[no-untyped-def]
        def call(doc):  # type: ignore[no-untyped-def]
            t0 = time.perf_counter()
            out = proc(doc)
            timings[name] = timings.get(name, 0.0) + time.perf_counter() - t0
            return out

        return call

    for text in texts:  # warm-up
        analyze(text, nlp=nlp)
    # spaCy keeps its components in ``_components``; ``pipeline`` is a copy of it.
    components = nlp._components
    original = list(components)
    components[:] = [(name, timed(name, proc)) for name, proc in original]
    rates, words = [], sum(len(t.split()) for t in texts)
    try:
        for _ in range(runs):
            t0 = time.perf_counter()
            for text in texts:
                analyze(text, nlp=nlp)
            rates.append(len(texts) / (time.perf_counter() - t0))
    finally:
        components[:] = original
    total = sum(timings.values())
    return {
        "documents": len(texts),
        "mean_words": round(words / len(texts)),
        "runs": runs,
        "median_docs_per_s": round(statistics.median(rates), 2),
        "median_words_per_s": round(statistics.median(rates) * words / len(texts)),
        "all_runs_docs_per_s": [round(r, 2) for r in rates],
        "component_share": {k: round(v / total, 3) for k, v in timings.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    out = run(corpus(args.data, args.docs), args.runs)
    print(json.dumps(out, indent=2) if args.json else out)


if __name__ == "__main__":
    main()
