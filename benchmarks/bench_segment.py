"""Reading + segmentation throughput on flattened scrapes of seed size.

Writes N documents to a temporary directory (the bundled sample and the project's own
segmentation cases, each varied so no two are identical), then times, on one core:
  read     read_path() of every file (decode, title),
  segment  read_path() + segment(),
  analyze  read_path() + analyze(structure_only=True) (segmentation, links, the Analysis).
One warm-up run, then --runs timed runs; the median is reported.

    python benchmarks/bench_segment.py [--docs 2000] [--runs 5] [--base DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import rates as timing_rates

from presslens import analyze, read_path
from presslens.cli import sample_path
from presslens.segment import segment

CASES = Path(__file__).resolve().parent.parent / "tests" / "data" / "segmentation"


def make_corpus(directory: Path, n: int, base: Path | None = None) -> list[Path]:
    if base is not None:  # e.g. ../shared/seed: read at run time, never copied
        texts = [p.read_text(encoding="utf-8") for p in sorted(base.glob("*.txt"))]
    else:
        texts = [sample_path().read_text(encoding="utf-8")]
        texts += [p.read_text(encoding="utf-8") for p in sorted(CASES.glob("*.txt"))]
    paths = []
    for i in range(n):
        base = texts[i % len(texts)]
        path = directory / f"doc{i:05d}.txt"
        # vary the title so every document is distinct
        path.write_text(base.replace("\n", f" #{i}\n", 1), encoding="utf-8")
        paths.append(path)
    return paths


def run(n_docs: int = 2000, runs: int = 5, base: Path | None = None) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_corpus(Path(tmp), n_docs, base)
        chars = sum(p.stat().st_size for p in paths) / len(paths)
        steps: dict[str, Callable[[Path], object]] = {
            "read": read_path,
            "segment": lambda p: segment(read_path(p).text),
            "analyze": lambda p: analyze(read_path(p), structure_only=True),
        }
        results = {}
        for name, step in steps.items():
            rates = timing_rates(paths, step, runs)
            results[name] = {
                "median_docs_per_s": round(statistics.median(rates), 1),
                "runs": [round(r, 1) for r in rates],
            }
    return {"documents": n_docs, "mean_bytes": round(chars), "runs": runs, "results": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--base", type=Path, help="directory of .txt documents to vary")
    args = parser.parse_args()
    out = run(args.docs, args.runs, args.base)
    if args.json:
        print(json.dumps(out, indent=2))
        return
    print(f"{out['documents']} documents, mean {out['mean_bytes']} bytes, {out['runs']} runs")
    for name, r in out["results"].items():  # type: ignore[attr-defined]
        print(f"{name:>8}: median {r['median_docs_per_s']:>8.1f} docs/s   runs {r['runs']}")


if __name__ == "__main__":
    main()
