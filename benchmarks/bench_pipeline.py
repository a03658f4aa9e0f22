"""The whole analysis against bare spaCy: the time ratio and each layer's share of it.

Documents: the gold article bodies of ``../shared/data/html-articles/ground-truth.json``
(read only, never copied), those of 300–600 words, and longer ones cut at the last
paragraph that ends before word 600 (kept if that leaves at least 300 words).

Five passes in one process over the same texts: bare ``en_core_web_sm`` (every pipe,
``nlp.pipe`` with spaCy's default batch size), the same one document at a time
(``nlp(text)``: what the one-at-a-time full analysis is compared with like for like; the
parser and the recogniser cost more per document so), the same model without the two pipes
presslens leaves out (lemmatizer, attribute ruler), ``presslens.analyze`` with the
default presslens pipeline one document at a time, and ``presslens.batching.analyze_many``
(the model reads ``--batch-size`` documents at a time, as ``nlp.pipe`` does; its own copy of
the pipeline). One warm-up pass of each (loading excluded), then ``--runs``
timed passes interleaved, each run in a rotated order, so that the load of a shared machine
falls on all alike. Reported: the median of the per-run ratios full / bare (the issue's
measure) and full / same pipes, in wall time and in the process's CPU time (steadier on a
loaded machine); the median rates; and the share of the full analysis's wall time taken by
spaCy's tokenizer and each pipe (model or presslens), and by what ``analyze`` does around
the pipeline (segmentation, language identification, the signals card, the Analysis).
Run it with ``OPENBLAS_NUM_THREADS=1`` (one core) for CPU time to mean one core's work.

    python benchmarks/bench_pipeline.py [--runs 5] [--docs 100] [--batch-size 16] [--data DIR]
        [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from presslens import analyze
from presslens.batching import analyze_many
from presslens.pipeline import DEFAULT_COMPONENTS, MODEL, default_pipeline, load_pipeline

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "html-articles"
MIN_WORDS, MAX_WORDS = 300, 600
OUTSIDE = "analyze, outside the pipeline"
T = TypeVar("T")


def corpus(data: Path, n: int) -> list[str]:
    """Up to ``n`` article bodies of MIN_WORDS–MAX_WORDS words, in page-id order."""
    gold = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    texts: list[str] = []
    for page in sorted(gold):
        kept: list[str] = []
        words = 0
        for para in (p for p in gold[page]["articleBody"].split("\n") if p.strip()):
            if words + len(para.split()) > MAX_WORDS:
                break
            kept.append(para)
            words += len(para.split())
        if words >= MIN_WORDS:
            texts.append("\n\n".join(kept))
    return texts[:n]


def _timed(name: str, proc: Callable[[T], Doc], into: dict[str, float]) -> Callable[[T], Doc]:
    def call(doc: T) -> Doc:
        t0 = time.perf_counter()
        out = proc(doc)
        into[name] = into.get(name, 0.0) + time.perf_counter() - t0
        return out

    return call


def _instrument(nlp: Language, into: dict[str, float]) -> Callable[[], None]:
    """Time the tokenizer and every pipe of ``nlp`` into ``into``; returns the undo."""
    # analyze() walks nlp.pipeline, a copy of the private ``_components`` list built per call
    components = nlp._components
    original = list(components)
    tokenizer = nlp.tokenizer
    components[:] = [(name, _timed(name, proc, into)) for name, proc in original]
    nlp.tokenizer = _timed("tokenizer", tokenizer, into)

    def undo() -> None:
        components[:] = original
        nlp.tokenizer = tokenizer

    return undo


def run(texts: list[str], runs: int, batch_size: int = 16) -> dict[str, Any]:
    bare = spacy.load(MODEL)
    # the model's pipes presslens runs (it excludes these two: see pipeline.load_pipeline)
    same = spacy.load(MODEL, exclude=["lemmatizer", "attribute_ruler"])
    full = default_pipeline()
    # a pipeline of its own: the shares' timers on ``full`` would hide the pipes' batching
    batched = load_pipeline(DEFAULT_COMPONENTS)

    def spacy_pass(nlp: Language) -> Callable[[], tuple[float, float]]:
        def timed() -> tuple[float, float]:
            t0, c0 = time.perf_counter(), time.process_time()
            for _ in nlp.pipe(texts):
                pass
            return time.perf_counter() - t0, time.process_time() - c0

        return timed

    def one_at_a_time(nlp: Language) -> Callable[[], tuple[float, float]]:
        def timed() -> tuple[float, float]:
            t0, c0 = time.perf_counter(), time.process_time()
            for text in texts:
                nlp(text)
            return time.perf_counter() - t0, time.process_time() - c0

        return timed

    def full_pass() -> tuple[float, float]:
        t0, c0 = time.perf_counter(), time.process_time()
        for text in texts:
            analyze(text, nlp=full)
        return time.perf_counter() - t0, time.process_time() - c0

    def batched_pass() -> tuple[float, float]:
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in analyze_many(texts, nlp=batched, batch_size=batch_size):
            pass
        return time.perf_counter() - t0, time.process_time() - c0

    passes = {
        "bare": spacy_pass(bare),
        "bare_one_at_a_time": one_at_a_time(bare),
        "same_pipes": spacy_pass(same),
        "full": full_pass,
        "full_batched": batched_pass,
    }
    for step in passes.values():  # warm-up: lazy loads (gazetteer, models), regex caches
        step()
    shares: dict[str, float] = {}
    undo = _instrument(full, shares)
    times: dict[str, list[float]] = {name: [] for name in passes}  # wall clock
    cpu: dict[str, list[float]] = {name: [] for name in passes}  # this process's CPU time
    order = list(passes)
    try:
        for k in range(runs):  # each run in a rotated order: no pass always goes first
            for name in order[k % len(order) :] + order[: k % len(order)]:
                wall, used = passes[name]()
                times[name].append(wall)
                cpu[name].append(used)
    finally:
        undo()
    total = sum(times["full"])
    shares[OUTSIDE] = total - sum(shares.values())
    model_pipes = {"tokenizer", *bare.pipe_names}
    words = sum(len(t.split()) for t in texts)

    def ratios(base: str, clock: dict[str, list[float]] = times, full: str = "full") -> list[float]:
        return [f / b for f, b in zip(clock[full], clock[base], strict=True)]

    return {
        "documents": len(texts),
        "mean_words": round(words / len(texts)),
        "runs": runs,
        "spacy_model": f"{bare.meta['name']} {bare.meta['version']}",
        "bare_pipes": bare.pipe_names,
        "full_pipes": full.pipe_names,
        "median_ratio_full_to_bare": round(statistics.median(ratios("bare")), 2),
        "all_runs_ratio_to_bare": [round(r, 2) for r in ratios("bare")],
        # like for like one document at a time: the model's parser and recogniser pay a
        # cost per call that nlp.pipe spreads over its batch
        "median_ratio_full_to_bare_one_at_a_time": round(
            statistics.median(ratios("bare_one_at_a_time")), 2
        ),
        "cpu_median_ratio_full_to_bare_one_at_a_time": round(
            statistics.median(ratios("bare_one_at_a_time", cpu)), 2
        ),
        "median_ratio_bare_one_at_a_time_to_bare": round(
            statistics.median(ratios("bare", full="bare_one_at_a_time")), 2
        ),
        "median_ratio_full_to_same_pipes": round(statistics.median(ratios("same_pipes")), 2),
        "all_runs_ratio_to_same_pipes": [round(r, 2) for r in ratios("same_pipes")],
        # CPU time is steadier than wall time on a shared machine (other jobs' load)
        "cpu_median_ratio_full_to_bare": round(statistics.median(ratios("bare", cpu)), 2),
        "cpu_median_ratio_full_to_same_pipes": round(
            statistics.median(ratios("same_pipes", cpu)), 2
        ),
        "cpu_all_runs_ratio_to_bare": [round(r, 2) for r in ratios("bare", cpu)],
        # analyze_many: the model reads batch_size documents at a time, as nlp.pipe does
        "batch_size": batch_size,
        "median_ratio_batched_to_bare": round(
            statistics.median(ratios("bare", full="full_batched")), 2
        ),
        "all_runs_ratio_batched_to_bare": [
            round(r, 2) for r in ratios("bare", full="full_batched")
        ],
        "cpu_median_ratio_batched_to_bare": round(
            statistics.median(ratios("bare", cpu, full="full_batched")), 2
        ),
        "median_docs_per_s": {
            name: round(len(texts) / statistics.median(t), 2) for name, t in times.items()
        },
        "share_of_full_time": {
            k: round(v / total, 3) for k, v in sorted(shares.items(), key=lambda kv: -kv[1])
        },
        "spacy_share_of_full_time": round(
            sum(v for k, v in shares.items() if k in model_pipes) / total, 3
        ),
        "presslens_share_of_full_time": round(
            sum(v for k, v in shares.items() if k not in model_pipes) / total, 3
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    out = run(corpus(args.data, args.docs), args.runs, args.batch_size)
    print(json.dumps(out, indent=2) if args.json else out)


if __name__ == "__main__":
    main()
