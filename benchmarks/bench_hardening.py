"""Bounded work per document and per request (issue 18).

``--long``: seconds per MB and peak memory of one document of 10 KB, 100 KB and 1 MB (real
news articles from ``--data`` joined into one long text, read at run time), each analysed
by the full default pipeline in a fresh process, after a warm-up document; peak memory is
the process's maximum resident set minus its size after the warm-up.

``--pg``: a throw-away PostgreSQL server (tests/pg.py) holding ``--docs`` articles, searched
with the most repeated filters the API accepts (50) and with a statement that would run for
30 s under the API's default request timeout (5 s): how long each request held the server.

    python benchmarks/bench_hardening.py --long [--sizes 10000,100000,1000000] [--as-article]
    python benchmarks/bench_hardening.py --pg [--docs 300]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from news_corpus import DEFAULT_DATA, articles


def long_text(data: Path, chars: int) -> str:
    parts: list[str] = []
    total = 0
    for record in articles(data):
        text = record["text"].strip()
        parts.append(text)
        total += len(text) + 2
        if total >= chars:
            break
    return "\n\n".join(parts)[:chars]


def one_size(data: Path, chars: int, as_article: bool = False) -> dict[str, Any]:
    """Run in a child process: warm up, then analyse one document of ``chars`` characters.

    ``as_article``: the text is given as an article whose source marked no comments (as an
    HTML reader does), so the segmenter cannot read part of it as a comment thread and every
    size does the same kind of work."""
    from presslens.analysis import analyze
    from presslens.ingest import RawDocument
    from presslens.pipeline import default_pipeline

    nlp = default_pipeline()
    analyze(long_text(data, 3000), nlp=nlp)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KB on Linux
    text = long_text(data, chars)
    doc: str | RawDocument = text
    if as_article:
        doc = RawDocument(text=text, source="long.html", source_format="html", comments=())
    start = time.perf_counter()
    a = analyze(doc, nlp=nlp, max_seconds=0)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "chars": len(text),
        "seconds": round(seconds, 2),
        "seconds_per_mb": round(seconds / (len(text) / 1_000_000), 1),
        "peak_mb_above_warm": round((peak - base) / 1024, 1),
        "peak_rss_mb": round(peak / 1024, 1),
        "entities": len(a.entities),
        "events": len(a.events),
        "comments": len(a.comments),
    }


def run_long(data: Path, sizes: list[int], as_article: bool = False) -> list[dict[str, Any]]:
    out = []
    for chars in sizes:
        extra = ["--as-article"] if as_article else []
        proc = subprocess.run(
            [sys.executable, __file__, "--one", str(chars), "--data", str(data), *extra],
            capture_output=True,
            text=True,
            check=True,
        )
        row = json.loads(proc.stdout.strip().splitlines()[-1])
        print(json.dumps(row), file=sys.stderr)
        out.append(row)
    return out


def run_pg(data: Path, docs: int) -> dict[str, Any]:
    from tests import pg

    from presslens.batch.ingest import ingest
    from presslens.errors import PresslensError
    from presslens.store import Filters, open_store, search

    reason = pg.skip_reason()
    if reason:
        raise SystemExit(reason)
    server = pg.shared_server()
    with server.database() as url:
        corpus = Path(server.root) / "bench.jsonl"
        with corpus.open("w", encoding="utf-8") as fh:
            for i, record in enumerate(articles(data)):
                if i >= docs:
                    break
                fh.write(json.dumps({"text": record["text"], "id": record["id"]}) + "\n")
        ingest([corpus], url, components=("presslens_entities",))
        with open_store(url) as store:
            names = [r[0] for r in store.query("SELECT DISTINCT name FROM entities LIMIT 50")]
            store.request_timeout = 5.0
            rows: dict[str, Any] = {"documents": store.count()}
            for label, filters in (
                ("50 entity filters", Filters(entity=names[:50])),
                ("25 entity + 25 place filters", Filters(entity=names[:25], place=names[:25])),
            ):
                for facets in (False, True):
                    store.begin_request()
                    start = time.perf_counter()
                    try:
                        search(store, filters, limit=20, facets=facets)
                        outcome = "answered"
                    except PresslensError as err:
                        outcome = err.code
                    took = time.perf_counter() - start
                    rows[f"{label}{' + facets' if facets else ''}"] = f"{outcome} in {took:.2f} s"
            store.begin_request()
            start = time.perf_counter()
            try:
                store.query("SELECT pg_sleep(30)")
                rows["30 s statement"] = "not cancelled"
            except PresslensError as err:
                rows["30 s statement"] = f"{err.code} after {time.perf_counter() - start:.2f} s"
            return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--long", action="store_true")
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--pg", action="store_true")
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--as-article", action="store_true", help="no comment thread")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_size(args.data, args.one, args.as_article)))
        return
    result: dict[str, Any] = {}
    if args.long:
        sizes = [int(s) for s in args.sizes.split(",")]
        result["long"] = run_long(args.data, sizes, args.as_article)
    if args.pg:
        result["pg"] = run_pg(args.data, args.docs)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
