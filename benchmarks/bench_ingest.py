"""Batch ingest throughput: documents/s into a fresh SQLite store, for 1 and 2 workers.

The corpus is real news articles read from ``--data`` at run time (see news_corpus.py:
PolNeAR, PTC, TR-News, GeoVirus, CoNLL-2003; about 2,800 articles) and written to a
temporary JSONL file; nothing is copied into the repository. Each worker count gets one
warm-up run on a few documents, then ``--runs`` timed runs, each into a new store; medians
are reported. Two rates per run:

* end to end: stored documents / wall time of the whole ``ingest()`` call, start-up
  (spawning workers, loading the pipeline in each) included, as ``presslens ingest`` sees it;
* steady: documents / time from the first finished document to the last, start-up excluded.

Scaling efficiency = rate(2 workers) / (2 x rate(1 worker)).

    python benchmarks/bench_ingest.py [--data ../shared/data] [--limit 2000] [--runs 3]
        [--workers 1,2] [--structure-only] [--components a,b] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from news_corpus import DEFAULT_DATA, articles, write_jsonl

from presslens.batch.ingest import IngestProgress, ingest


def one_run(
    corpus: Path, db: Path, workers: int, structure_only: bool, components: tuple[str, ...] | None
) -> dict[str, float]:
    stamps: list[float] = []

    def progress(_: IngestProgress) -> None:
        stamps.append(time.perf_counter())

    started = time.perf_counter()
    report = ingest(
        [corpus],
        db,
        workers=workers,
        structure_only=structure_only,
        components=components,
        progress=progress,
    )
    wall = time.perf_counter() - started
    # results arrive a chunk at a time: the documents of the first chunk are not timed
    first = sum(1 for t in stamps if t - stamps[0] < 0.005) if stamps else 0
    span = stamps[-1] - stamps[0] if stamps else 0.0
    steady = (len(stamps) - first) / span if span > 0.01 else 0.0
    return {
        "added": report.added,
        "errors": report.errors,
        "seconds": round(wall, 2),
        "end_to_end": round(report.added / wall, 2),
        "steady": round(steady, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=2000, help="articles (at most ~2,800)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=10, help="documents in the warm-up run")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--structure-only", action="store_true")
    parser.add_argument("--components", default=None, help="comma-separated; default: all")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    components = tuple(args.components.split(",")) if args.components else None
    records = articles(args.data, args.limit)
    if not records:
        sys.exit(f"no articles found under {args.data}")
    words = sum(len(r["text"].split()) for r in records)
    results: dict[str, Any] = {
        "documents": len(records),
        "mean_words": round(words / len(records)),
        "structure_only": args.structure_only,
        "components": args.components or "default",
        "workers": {},
    }
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        root = Path(tmp)
        corpus = write_jsonl(records, root / "corpus.jsonl")
        warm = write_jsonl(records[: args.warmup], root / "warm.jsonl")
        for w in (int(x) for x in args.workers.split(",")):
            one_run(warm, root / f"warm-{w}.db", w, args.structure_only, components)
            runs = [
                one_run(corpus, root / f"run-{w}-{i}.db", w, args.structure_only, components)
                for i in range(args.runs)
            ]
            results["workers"][str(w)] = {
                "end_to_end": statistics.median(r["end_to_end"] for r in runs),
                "steady": statistics.median(r["steady"] for r in runs),
                "runs": runs,
            }
    by = results["workers"]
    if "1" in by and "2" in by:
        results["efficiency"] = {
            k: round(by["2"][k] / (2 * by["1"][k]), 3) if by["1"][k] else None
            for k in ("end_to_end", "steady")
        }
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"{results['documents']} articles, {results['mean_words']} words on average")
    for w, r in by.items():
        print(
            f"{w} worker(s): {r['end_to_end']:.2f} docs/s end to end, {r['steady']:.2f} "
            f"docs/s steady (runs: {', '.join(str(x['end_to_end']) for x in r['runs'])})"
        )
    if "efficiency" in results:
        eff = results["efficiency"]
        print(f"scaling efficiency 2 vs 1: {eff['end_to_end']} end to end, {eff['steady']} steady")


if __name__ == "__main__":
    main()
