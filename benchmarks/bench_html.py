"""HTML reading + segmentation against trafilatura's extraction alone, on real pages.

Times, per page of ``../shared/data/html-articles`` (decompressed in memory first), on one
core: trafilatura's default ``extract`` on the raw HTML (the reference), and presslens's
``read_html`` + ``analyze(structure_only=True)`` (comments from markup, article, title,
paragraphs, links). One warm-up pass, then --runs timed passes; the median
seconds per pass of each, and their ratio (target: at most 2).

    python benchmarks/bench_html.py [--data ../shared/data/html-articles] [--runs 3] [--json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import rates

from presslens import analyze
from presslens.ingest.html import read_html


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/html-articles"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    pages = [
        gzip.decompress(p.read_bytes()).decode("utf-8", "replace")
        for p in sorted((args.data / "html").glob("*.html.gz"))
    ]
    if not pages:
        raise SystemExit(f"no html/*.html.gz under {args.data}")
    import trafilatura

    def reference(html: str) -> object:
        return trafilatura.extract(html)

    def presslens(html: str) -> object:
        return analyze(read_html(html, "page.html"), structure_only=True)

    ref = statistics.median(rates(pages, reference, args.runs))
    ours = statistics.median(rates(pages, presslens, args.runs))
    result = {
        "pages": len(pages),
        "mean_bytes": round(sum(len(p.encode()) for p in pages) / len(pages)),
        "trafilatura_extract_pages_per_s": round(ref, 2),
        "presslens_read_segment_pages_per_s": round(ours, 2),
        "ratio": round(ref / ours, 3),
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:>36}: {value}")


if __name__ == "__main__":
    main()
