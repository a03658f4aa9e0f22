"""Search latency over a store of real news articles: p50 / p95 per kind of query, with and
without facets.

The store is built once (``ingest`` of the articles news_corpus.py reads from ``--data`` at
run time; ``--store`` keeps it between runs, and a re-run skips what is already stored), then
every query runs once as a warm-up and ``--repeat`` times timed. Query kinds: single words,
phrases, OR and exclusion, filters alone (the store's own most frequent outlets, entities
and places, found through its facets), full text plus a filter, a date range, and a deep
page (offset 80).

    python benchmarks/bench_search.py [--data ../shared/data] [--limit 2000] [--store PATH]
        [--workers 2] [--structure-only] [--components a,b] [--repeat 5] [--json]
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

from presslens.batch.ingest import ingest
from presslens.store import Filters, Store, facet_counts, open_store, search

WORDS = ("government", "police", "president", "election", "court", "minister", "health",
         "attack", "china", "virus", "market", "protest", "refugees", "oil", "vaccine")  # fmt: skip
PHRASES = ('"prime minister"', '"white house"', '"united states"', '"police said"')
BOOLEAN = ("ebola OR virus", "election OR vote", "police -shooting", "trump clinton")


def queries(store: Store) -> dict[str, list[tuple[Filters, int]]]:
    """Each kind of query, as (filters, offset) pairs; filter values from the store."""
    top = facet_counts(store, None, ("outlet", "entity", "place"), size=5)
    by_filter = [Filters(outlet=v.value) for v in top["outlet"]]
    by_filter += [Filters(entity=v.value) for v in top["entity"]]
    by_filter += [Filters(place=v.value) for v in top["place"]]
    days = [
        r[0] for r in store.query("SELECT published FROM documents WHERE published IS NOT NULL")
    ]
    kinds: dict[str, list[tuple[Filters, int]]] = {
        "word": [(Filters(q=w), 0) for w in WORDS],
        "phrase": [(Filters(q=p), 0) for p in PHRASES],
        "boolean": [(Filters(q=b), 0) for b in BOOLEAN],
        "filter only": [(f, 0) for f in by_filter],
        "text + filter": [
            (f.model_copy(update={"q": w}), 0) for f, w in zip(by_filter, WORDS, strict=False)
        ],
        "deep page": [(Filters(q=w), 80) for w in ("said", "police", "government")],
    }
    if days:
        mid = sorted(str(d) for d in days)[len(days) // 2]
        kinds["date range"] = [(Filters(date_from=mid), 0), (Filters(date_to=mid), 0)]
    return {k: v for k, v in kinds.items() if v}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def measure(
    store: Store, kinds: dict[str, list[tuple[Filters, int]]], repeat: int
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    every: dict[bool, list[float]] = {False: [], True: []}
    for kind, items in kinds.items():
        row: dict[str, Any] = {"queries": len(items)}
        for facets in (False, True):
            for f, offset in items:  # warm-up
                search(store, f, limit=20, offset=offset, facets=facets)
            times = []
            for _ in range(repeat):
                for f, offset in items:
                    t0 = time.perf_counter()
                    search(store, f, limit=20, offset=offset, facets=facets)
                    times.append((time.perf_counter() - t0) * 1000)
            every[facets] += times
            key = "facets" if facets else "plain"
            row[key] = {
                "p50_ms": round(percentile(times, 50), 2),
                "p95_ms": round(percentile(times, 95), 2),
            }
        out[kind] = row
    out["all"] = {
        "queries": sum(len(v) for v in kinds.values()),
        **{
            ("facets" if facets else "plain"): {
                "p50_ms": round(percentile(t, 50), 2),
                "p95_ms": round(percentile(t, 95), 2),
                "mean_ms": round(statistics.fmean(t), 2),
            }
            for facets, t in every.items()
        },
    }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=2100, help="articles (1 duplicate)")
    parser.add_argument("--store", default=None, help="SQLite path or postgresql:// URL to keep")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--structure-only", action="store_true")
    parser.add_argument("--components", default=None)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    records = articles(args.data, args.limit)
    if not records:
        sys.exit(f"no articles found under {args.data}")
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        db = args.store or str(Path(tmp) / "search.db")
        report = ingest(
            [write_jsonl(records, Path(tmp) / "corpus.jsonl")],
            db,
            workers=args.workers,
            structure_only=args.structure_only,
            components=tuple(args.components.split(",")) if args.components else None,
            progress=sys.stderr.isatty(),
        )
        with open_store(db) as store:
            result: dict[str, Any] = {
                "documents": store.count(),
                "ingest": report.to_dict(),
                "latency": measure(store, queries(store), args.repeat),
            }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{result['documents']} documents in the store")
    for kind, row in result["latency"].items():
        plain, faceted = row["plain"], row["facets"]
        print(
            f"{kind:>14} ({row['queries']:>2} queries): p50 {plain['p50_ms']:.1f} ms, "
            f"p95 {plain['p95_ms']:.1f} ms; with facets p50 {faceted['p50_ms']:.1f} ms, "
            f"p95 {faceted['p95_ms']:.1f} ms"
        )


if __name__ == "__main__":
    main()
