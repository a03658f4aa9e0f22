"""The worker side of batch ingest, and the Dask scale-out.

``analyze_chunk`` is what a worker runs, in a local worker process or on a Dask worker:
it analyses a few documents with the process's pipeline (loaded once per process and
reused) and returns, per document, its ``Analysis`` or the ``ErrorRecord`` saying why it
failed. The client sends chunks to the cluster, keeps a bounded number in flight, and
takes the results back to write them itself: the workers never touch the store, so a Dask
run stores exactly what a local run stores.

``distributed`` is an optional dependency, imported only when a scheduler address is given.
Workers need presslens (same version) installed; one thread per worker process is best
(``dask worker --nthreads 1 --nworkers N``): the analysis holds the GIL, and a lock keeps
two threads of one worker from sharing the pipeline at once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from presslens.batching import analyze_batches
from presslens.errors import PresslensError
from presslens.ingest import RawDocument
from presslens.model import Analysis
from presslens.store.base import ErrorRecord, split_source
from presslens.store.errors import internal_error, missing_dependency, scheduler_unreachable
from presslens.store.rows import DocumentRows, derive

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "AnalyzeOptions",
    "Result",
    "Task",
    "analyze_chunk",
    "dask_runner",
    "warm_up",
]

Task = list[tuple[str, RawDocument]]  # (content hash, document)
# (content hash, outcome): an analysis travels as its store rows, derived by the worker
Result = tuple[str, DocumentRows | ErrorRecord]
_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class AnalyzeOptions:
    """How every document of a run is analysed."""

    structure_only: bool = False
    published: dt.date | None = None
    components: tuple[str, ...] | None = None  # None: the default pipeline
    # layer settings (--model/--config) as sorted JSON, checked by the caller: hashable, so
    # every worker builds one pipeline per run and reuses it
    settings: str | None = None


@functools.cache
def _pipeline(components: tuple[str, ...] | None, settings: str | None = None) -> Language:
    from presslens.pipeline import DEFAULT_COMPONENTS, load_pipeline

    config = json.loads(settings) if settings else None
    return load_pipeline(components or DEFAULT_COMPONENTS, config=config)


# read once by each worker before its first chunk: the layers load their models, tables
# and the gazetteer on first use, and that second of loading belongs to start-up
_WARM_UP_TEXT = (
    "Harbour officials in Lisbon said on Tuesday that two ferries were damaged by fire. "
    "The port authority denied the reports."
)


def warm_up(options: AnalyzeOptions) -> None:
    """Load the pipeline and everything its layers load on first use, before the first
    document (a worker process's initializer)."""
    if not options.structure_only:
        # a pipeline that cannot load is raised again by the first chunk, where the
        # client sees it; raised here it would only break the pool
        with contextlib.suppress(Exception):
            nlp = _pipeline(options.components, options.settings)
            list(analyze_batches([_WARM_UP_TEXT], nlp=nlp))


def analyze_chunk(task: Task, options: AnalyzeOptions) -> list[Result]:
    """Analyse a chunk of documents; never raises for one document's failure.

    The chunk goes through the model as one batch (``analyze_batches``): cheaper than a
    call per document."""
    # outside the per-document handling: no pipeline is a broken installation, which stops
    # the run
    nlp = None if options.structure_only else _pipeline(options.components, options.settings)
    with _LOCK:
        outcomes = analyze_batches(
            [raw for _, raw in task],
            published=options.published,
            nlp=nlp,
            structure_only=options.structure_only,
            batch_size=max(1, len(task)),
        )
        return [
            _result(content_hash, raw, outcome)
            for (content_hash, raw), outcome in zip(task, outcomes, strict=True)
        ]


def _result(content_hash: str, raw: RawDocument, outcome: Analysis | Exception) -> Result:
    if isinstance(outcome, Analysis):
        return content_hash, derive(outcome)
    source, line = split_source(raw.source)
    if isinstance(outcome, PresslensError):
        return content_hash, ErrorRecord(source, line, outcome.code, str(outcome), content_hash)
    # an analyser's bug on one document must not stop a corpus
    failure = internal_error(raw.source, outcome)
    return content_hash, ErrorRecord(source, line, failure.code, str(failure), content_hash)


def dask_runner(
    address: str, window: int | None = None, timeout: float = 30.0
) -> Callable[[Iterator[Task], AnalyzeOptions], Iterator[list[Result]]]:
    """A runner sending chunks to the Dask scheduler at ``address``; at most ``window``
    chunks in flight (default: two per worker thread); E045 when the scheduler does not
    answer within ``timeout`` seconds."""

    def run(tasks: Iterator[Task], options: AnalyzeOptions) -> Iterator[list[Result]]:
        try:
            import distributed
        except ImportError as exc:
            raise missing_dependency("distributed", "dask[distributed]>=2024.1") from exc
        dist: Any = distributed  # its client API is untyped
        try:
            client = dist.Client(address, set_as_default=False, timeout=timeout)
        except (OSError, TimeoutError) as exc:
            raise scheduler_unreachable(address, str(exc) or type(exc).__name__) from exc
        try:
            threads = sum(client.nthreads().values()) or 1
            limit = window or 2 * threads
            queue = dist.as_completed(loop=client.loop)

            def submit() -> bool:
                task = next(tasks, None)
                if task is None:
                    return False
                queue.add(client.submit(analyze_chunk, task, options, pure=False))
                return True

            while queue.count() < limit and submit():
                pass
            for future in queue:
                result: list[Result] = future.result()
                future.release()
                yield result
                submit()
        finally:
            client.close()

    return run
