"""Events-layer throughput (documents/s, one core), the shared spaCy parse excluded.

Parses the documents once with the model and the layers events reads (entities, dates,
quotes), then times only ``build_events`` over the parsed documents:
  articles   the seed article (../shared/seed, read at run time, never copied), repeated;
  notes      the held-out ACLED notes (short single-event reports, from --data).
One warm-up run, then --runs timed runs; the median is reported.

    python benchmarks/bench_events.py [--data ../shared/data/events] [--runs 5] [--json]
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import time
from pathlib import Path
from typing import Any

from presslens.analyzers.context import DocContext
from presslens.analyzers.events import build_events
from presslens.eval.events import EVAL_COMPONENTS, is_heldout
from presslens.pipeline import load_pipeline


def _parsed(nlp: Any, texts: list[str]) -> list[Any]:
    from presslens.analyzers.context import ensure_extensions

    ensure_extensions()
    docs = []
    for text in texts:
        doc = nlp.make_doc(text)
        doc._.presslens = DocContext(
            original_text=text, body_end=len(text), paragraphs=[(0, len(text))]
        )
        docs.append(doc)
    with nlp.select_pipes(disable=["presslens_events"]):
        return list(nlp.pipe(docs, batch_size=32))


def _rate(docs: list[Any], runs: int) -> float:
    for doc in docs:
        build_events(doc, doc._.presslens)
    rates = []
    for _ in range(runs):
        start = time.perf_counter()
        for doc in docs:
            build_events(doc, doc._.presslens)
        rates.append(len(docs) / (time.perf_counter() - start))
    return statistics.median(rates)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/events"))
    parser.add_argument("--seed", type=Path, default=Path("../shared/seed"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    nlp = load_pipeline(EVAL_COMPONENTS)
    out: dict[str, Any] = {"runs": args.runs}
    seeds = sorted(args.seed.glob("*.txt"))
    if seeds:
        article = seeds[0].read_text(encoding="utf-8")
        body = article[: len(article) // 2]  # roughly the article, without most comments
        docs = _parsed(nlp, [body] * 20)
        out["articles_per_s"] = _rate(docs, args.runs)
        out["article_chars"] = len(body)
    notes_path = args.data / "acled_sample_2020" / "acled.csv"
    if notes_path.exists():
        with notes_path.open(encoding="utf-8", newline="") as fh:
            notes = [r["notes"] for r in csv.DictReader(fh) if is_heldout(r["data_id"])]
        docs = _parsed(nlp, notes[:500])
        out["acled_notes_per_s"] = _rate(docs, args.runs)
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        for key, value in out.items():
            print(f"{key:>20}: {value:,.1f}" if isinstance(value, float) else f"{key}: {value}")


if __name__ == "__main__":
    main()
