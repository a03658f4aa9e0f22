"""Batch ingest throughput: documents/s into a fresh SQLite store, for 1 and 2 workers.

The corpus is real news articles read from ``--data`` at run time (see news_corpus.py:
PolNeAR, PTC, TR-News, GeoVirus, CoNLL-2003; about 2,800 articles) and written to a
temporary JSONL file; nothing is copied into the repository. Each worker count gets one
warm-up run on a few documents, then ``--runs`` timed runs, each into a new store; medians
are reported. Two rates per run:

* end to end: stored documents / wall time of the whole ``ingest()`` call, start-up
  (spawning workers, loading the pipeline in each) included, as ``presslens ingest`` sees it;
* steady: documents / time from the first finished document to the last, start-up excluded.

Scaling efficiency = rate(2 workers) / (2 x rate(1 worker)). On a shared machine the wall
rates depend on the other jobs; the CPU seconds of this process and its workers do not, so
documents per CPU second and their ratio (2 workers / 1: how much work the second worker
adds in start-up and round trips) are reported too.

``--words 400-550`` keeps only articles of that many words (the issue's measure: real articles
of 400–550 words; about 320 of the corpus), before ``--limit``.

``--cli`` times each run as a new ``presslens ingest`` process instead (no warm-up, the worker
counts interleaved run by run): one worker then pays its start-up as two workers do, where
in-process the single worker's pipeline stays loaded from the warm-up run. Only the end-to-end
rate is known there. ``--chunk-size N`` sets the documents sent to a worker at a time (in
process only; the command line keeps its default).

    python benchmarks/bench_ingest.py [--data ../shared/data] [--limit 2000] [--runs 3]
        [--workers 1,2] [--words MIN-MAX] [--structure-only] [--components a,b]
        [--chunk-size N] [--cli] [--json]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from news_corpus import DEFAULT_DATA, articles, write_jsonl

from presslens.batch.ingest import IngestProgress, ingest


def one_run(
    corpus: Path,
    db: Path,
    workers: int,
    structure_only: bool,
    components: tuple[str, ...] | None,
    chunk_size: int | None = None,
) -> dict[str, float]:
    stamps: list[float] = []

    def progress(_: IngestProgress) -> None:
        stamps.append(time.perf_counter())

    started = time.perf_counter()
    cpu_before = _cpu()
    report = ingest(
        [corpus],
        db,
        workers=workers,
        structure_only=structure_only,
        components=components,
        progress=progress,
        chunk_size=chunk_size,
    )
    wall = time.perf_counter() - started
    cpu = _cpu() - cpu_before
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
        # CPU seconds of this process and its finished workers: on a shared machine, the
        # documents per CPU second say what the cores would give if they were free
        "cpu_seconds": round(cpu, 2),
        "docs_per_cpu_second": round(report.added / cpu, 2) if cpu > 0 else 0.0,
    }


def cli_run(corpus: Path, db: Path, workers: int, structure_only: bool) -> dict[str, float]:
    """One run as a new ``presslens ingest`` process: start-up included for every count."""
    command = [sys.executable, "-m", "presslens.cli", "ingest", str(corpus), "--db", str(db)]
    command += ["--workers", str(workers), "--quiet", "--json"]
    if structure_only:
        command.append("--structure-only")
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - started
    added = int(json.loads(done.stdout)["added"])
    return {"added": added, "seconds": round(wall, 2), "end_to_end": round(added / wall, 2)}


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)  # workers, once shut down
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=2000, help="articles (at most ~2,800)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=10, help="documents in the warm-up run")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--words", default=None, help="MIN-MAX words per article (e.g. 400-550)")
    parser.add_argument("--structure-only", action="store_true")
    parser.add_argument("--components", default=None, help="comma-separated; default: all")
    parser.add_argument("--chunk-size", type=int, default=None)
    parser.add_argument("--cli", action="store_true", help="each run a new presslens process")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    components = tuple(args.components.split(",")) if args.components else None
    records = articles(args.data, None if args.words else args.limit)
    if args.words:
        low, _, high = args.words.partition("-")
        lo, hi = int(low), int(high or low)
        records = [r for r in records if lo <= len(r["text"].split()) <= hi][: args.limit]
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
        counts = [int(x) for x in args.workers.split(",")]
        if args.cli:
            cli_runs: dict[int, list[dict[str, float]]] = {w: [] for w in counts}
            for i in range(args.runs):
                for w in counts:
                    db = root / f"cli-{w}-{i}.db"
                    cli_runs[w].append(cli_run(corpus, db, w, args.structure_only))
            for w, runs in cli_runs.items():
                results["workers"][str(w)] = {
                    "end_to_end": statistics.median(r["end_to_end"] for r in runs),
                    "runs": runs,
                }
        for w in [] if args.cli else counts:
            one_run(warm, root / f"warm-{w}.db", w, args.structure_only, components)
            runs = [
                one_run(
                    corpus,
                    root / f"run-{w}-{i}.db",
                    w,
                    args.structure_only,
                    components,
                    args.chunk_size,
                )
                for i in range(args.runs)
            ]
            results["workers"][str(w)] = {
                "end_to_end": statistics.median(r["end_to_end"] for r in runs),
                "steady": statistics.median(r["steady"] for r in runs),
                "docs_per_cpu_second": statistics.median(r["docs_per_cpu_second"] for r in runs),
                "runs": runs,
            }
    by = results["workers"]
    if "1" in by and "2" in by:
        results["efficiency"] = {
            k: round(by["2"][k] / (2 * by["1"][k]), 3) if by["1"][k] else None
            for k in ("end_to_end", "steady")
            if k in by["1"]
        }
    if "1" in by and "2" in by and not args.cli:
        # the work two workers add (start-up, the round trip): 1.0 means none
        results["cpu_efficiency"] = (
            round(by["2"]["docs_per_cpu_second"] / by["1"]["docs_per_cpu_second"], 3)
            if by["1"]["docs_per_cpu_second"]
            else None
        )
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"{results['documents']} articles, {results['mean_words']} words on average")
    for w, r in by.items():
        steady = f", {r['steady']:.2f} docs/s steady" if "steady" in r else ""
        print(
            f"{w} worker(s): {r['end_to_end']:.2f} docs/s end to end{steady} "
            f"(runs: {', '.join(str(x['end_to_end']) for x in r['runs'])})"
        )
    if "efficiency" in results:
        eff = results["efficiency"]
        print(f"scaling efficiency 2 vs 1: {eff}")


if __name__ == "__main__":
    main()
