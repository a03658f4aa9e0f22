"""Local worker processes for ``ingest``, started before the run's own preparations.

Each worker loads the pipeline once (``warm_up``) and then analyses chunks of documents;
this process alone reads the corpus and writes the store. ``ingest`` starts the workers
before it opens the store, so they load while it opens, migrates and reads the first
chunk.
"""

from __future__ import annotations

import atexit
import gc
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

from presslens.batch.dask_runner import AnalyzeOptions, Result, Task, analyze_chunk, warm_up

__all__ = ["ProcessRunner", "Runner", "process_runner"]

Runner = Callable[[Iterator[Task], AnalyzeOptions], Iterator[list[Result]]]


def _worker_start(options: AnalyzeOptions, parent: int) -> None:
    """A worker process's initializer: exit when the parent is gone, then warm up."""

    def watch() -> None:
        # killed with -9, the parent cannot stop its pool, and the workers would wait on
        # their task queue for ever
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="presslens-parent-watch", daemon=True).start()
    # a worker's last result is in the parent before it exits, and it holds nothing to
    # flush: tearing down its interpreter (the pipeline, the models: 0.13 s) only delays
    # the end of the run, which waits for every worker
    atexit.register(_exit_now)
    warm_up(options)
    # what is loaded now (the pipeline, the models, their tables) lives as long as the
    # worker: kept out of the collector's full passes, which otherwise walk it every few
    # dozen documents (2–3 % of the analysis, measured in process)
    gc.collect()
    gc.freeze()


def _exit_now() -> None:
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def process_runner(workers: int) -> Runner:
    """Analysis in ``workers`` local processes, at most two chunks each in flight."""
    return ProcessRunner(workers)


def _ready() -> None:
    """A no-op task: submitted at start, it makes the pool start its workers at once."""


class ProcessRunner:
    """A ``Runner`` over a pool of local processes; ``start`` before the run to have the
    workers load while the caller prepares."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.pool: ProcessPoolExecutor | None = None

    def start(self, options: AnalyzeOptions) -> None:
        """Start the workers now (they load the pipeline while this process reads)."""
        if self.pool is not None:
            return
        self.pool = ProcessPoolExecutor(
            self.workers,
            # spawn, not fork: a fork would copy the caller's threads and connections, and
            # forked workers were not faster here (docs/performance.md, stop 27)
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_worker_start,
            initargs=(options, os.getpid()),
        )
        for _ in range(self.workers):  # spawned workers start one per submitted task
            self.pool.submit(_ready)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def __call__(self, tasks: Iterator[Task], options: AnalyzeOptions) -> Iterator[list[Result]]:
        self.start(options)
        assert self.pool is not None
        pending: set[Future[list[Result]]] = set()
        try:
            for task in tasks:
                pending.add(self.pool.submit(analyze_chunk, task, options))
                if len(pending) >= 2 * self.workers:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for future in done:
                        yield future.result()
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield future.result()
        finally:
            self.close()
