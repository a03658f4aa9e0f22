"""Is the cost linear? Time per word of one long article, and per comment of one long thread.

Documents, built at run time from ``--data`` (never copied into the repository):

* ``words``: real news articles (news_corpus.py) joined, paragraph by paragraph, into one
  article of 1,000 / 5,000 / 20,000 / 100,000 words, given as an article whose source
  marked no comments (as an HTML reader does), so every size does the same kind of work;
* ``comments``: one real article of 400–600 words followed by a thread of 100 / 2,000 real
  comments (OLID tweets, in file order), marked as comments by their source, with 300
  invented commenter names taking turns.

Each size runs in a fresh process: the default pipeline is loaded, one short article is
analysed as a warm-up (lazy loads), then the document is analysed ``--runs`` times. The
median time (wall, and this process's CPU time, steadier on a shared machine) is reported
with µs per word (or ms per comment), and the peak resident memory above the warm-up (the
process's maximum resident set, so it covers every run). A flat per-word or per-comment
column is a linear cost.

    python benchmarks/bench_scaling.py [--words 1000,5000,20000,100000]
        [--comments 100,2000] [--runs 3] [--data ../shared/data] [--json]
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from news_corpus import DEFAULT_DATA, articles

from presslens.ingest.document import RawComment, RawDocument
from presslens.model import Analysis

_AUTHORS = 300


def long_article(data: Path, words: int) -> str:
    """Whole paragraphs of real articles up to ``words`` words (the last one cut)."""
    kept: list[str] = []
    count = 0
    for record in articles(data):
        for para in (p.strip() for p in record["text"].split("\n") if p.strip()):
            n = len(para.split())
            if count + n > words:
                kept.append(" ".join(para.split()[: words - count]))
                return "\n\n".join(kept)
            kept.append(para)
            count += n
    return "\n\n".join(kept)


def _article_words(data: Path, lo: int = 400, hi: int = 600) -> str:
    for record in articles(data):
        if lo <= len(record["text"].split()) <= hi:
            return str(record["text"]).strip()
    raise SystemExit(f"no article of {lo}-{hi} words under {data}")


def _comments(data: Path, n: int) -> list[str]:
    path = data / "toxicity" / "olid" / "olid-training-v1.0.tsv"
    out: list[str] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            text = (row.get("tweet") or "").strip()
            if text:
                out.append(text)
            if len(out) >= n:
                break
    return out


def document(data: Path, kind: str, size: int) -> RawDocument:
    if kind == "words":
        text = long_article(data, size)
        return RawDocument(text=text, source="long.html", source_format="html", comments=())
    comments = tuple(
        RawComment(text=c, author=f"reader{i % _AUTHORS:03d}")
        for i, c in enumerate(_comments(data, size))
    )
    return RawDocument(
        text=_article_words(data), source="thread.html", source_format="html", comments=comments
    )


def one_size(data: Path, kind: str, size: int, runs: int) -> dict[str, Any]:
    """In a child process: warm up, then analyse one document ``runs`` times."""
    from presslens.analysis import analyze
    from presslens.pipeline import default_pipeline

    nlp = default_pipeline()
    analyze(document(data, "words", 500), nlp=nlp)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KB on Linux
    doc = document(data, kind, size)
    times, cpu = [], []
    found: list[Analysis] = []
    for _ in range(max(1, runs)):
        found.clear()  # the last run's analysis is freed first: one at a time in memory
        start, used = time.perf_counter(), time.process_time()
        found.append(analyze(doc, nlp=nlp, max_seconds=0))
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - used)
    a = found[0]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    seconds, cpu_seconds = statistics.median(times), statistics.median(cpu)
    words = len(a.text.split())
    row: dict[str, Any] = {
        "kind": kind,
        "size": size,
        "words": words,
        "seconds": round(seconds, 2),
        "runs": [round(t, 2) for t in times],
        "us_per_word": round(1e6 * seconds / words, 1),
        # this process's CPU time: steadier than wall time when other jobs share the cores
        "cpu_seconds": round(cpu_seconds, 2),
        "cpu_us_per_word": round(1e6 * cpu_seconds / words, 1),
        "peak_mb_above_warm": round((peak - base) / 1024, 1),
        "entities": len(a.entities),
        "claims": len(a.claims),
        "events": len(a.events),
    }
    if kind == "comments":
        row["comments"] = len(a.comments)
        row["ms_per_comment"] = round(1e3 * seconds / max(1, len(a.comments)), 2)
        row["cpu_ms_per_comment"] = round(1e3 * cpu_seconds / max(1, len(a.comments)), 2)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--words", default="1000,5000,20000,100000")
    parser.add_argument("--comments", default="100,2000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)  # kind size, in a child
    args = parser.parse_args()
    if args.one:
        kind, size = args.one
        print(json.dumps(one_size(args.data, kind, int(size), args.runs)))
        return
    rows = []
    for kind, sizes in (("words", args.words), ("comments", args.comments)):
        for size in (int(s) for s in sizes.split(",") if s):
            child = [sys.executable, __file__, "--one", kind, str(size), "--runs", str(args.runs)]
            proc = subprocess.run(
                [*child, "--data", str(args.data)],
                capture_output=True,
                text=True,
                check=True,
            )
            row = json.loads(proc.stdout.strip().splitlines()[-1])
            print(json.dumps(row), file=sys.stderr)
            rows.append(row)
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    for r in rows:
        per = (
            f"{r['ms_per_comment']:7.2f} ms/comment (CPU {r['cpu_ms_per_comment']:.2f})"
            if r["kind"] == "comments"
            else f"{r['us_per_word']:7.1f} µs/word (CPU {r['cpu_us_per_word']:.1f})"
        )
        print(
            f"{r['kind']:>8} {r['size']:>7}: {r['seconds']:8.2f} s  {per}  "
            f"peak +{r['peak_mb_above_warm']:.0f} MB"
        )


if __name__ == "__main__":
    main()
