"""Batch ingest: directories and JSONL/CSV corpora into a store, resumable and in parallel.

>>> report = ingest(["corpus.jsonl"], "news.db", workers=2)

* **Idempotent.** A document's content hash is its identity. Each record is read and hashed
  first and looked up in the store; only unknown documents are analysed, so a re-run over
  the same corpus analyses nothing and takes seconds.
* **Resumable.** Results are committed in small batches (``commit_every`` documents or
  ``commit_seconds``, whichever comes first), each batch in one transaction. Killed at any
  point (even ``kill -9``), a run loses at most the uncommitted batch; running it again
  finds every committed document and does the rest, so each is stored exactly once.
* **One bad document is one error row.** A record that cannot be read or analysed is stored
  in ``errors`` with its source, line, code and message, and the run goes on. The same
  failure found again by a re-run is not recorded twice.
* **Parallel.** ``workers=N`` analyses in N worker processes (each loads the spaCy pipeline
  once); ``dask_address`` sends the analysis to a Dask cluster instead. Either way this
  process alone reads the corpus and writes the store.
* **Quiet.** Nothing is printed unless asked: ``progress=True`` draws a progress bar with
  rate and ETA on stderr, a callable receives an ``IngestProgress`` after every record.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from presslens.analysis import compose_marked_comments
from presslens.batch.dask_runner import (
    AnalyzeOptions,
    Result,
    Task,
    analyze_chunk,
    dask_runner,
)
from presslens.batch.processes import ProcessRunner, Runner, process_runner
from presslens.errors import PresslensError
from presslens.ingest import (
    RawDocument,
    RecordError,
    input_format_of,
    is_corpus,
    iter_documents,
    walked,
)
from presslens.ingest.compressed import DAMAGED, open_binary, open_text
from presslens.ingest.corpus import ColumnMap
from presslens.store import open_store
from presslens.store.base import ErrorRecord, Store, split_source
from presslens.store.rows import DocumentRows
from presslens.store.url import parse_store_url

if TYPE_CHECKING:
    from presslens.pipeline import LayerConfig

__all__ = [
    "IngestProgress",
    "IngestReport",
    "Runner",
    "content_hash_of",
    "count_records",
    "ingest",
    "process_runner",
]

ProgressCallback = Callable[["IngestProgress"], None]


@dataclass(frozen=True, slots=True)
class IngestProgress:
    """Where a run is; passed to a ``progress`` callable after every record."""

    done: int
    total: int | None
    added: int  # committed so far
    skipped: int
    errors: int
    elapsed: float


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What one run did. ``errors`` counts this run's failing records, including ones an
    earlier run had already recorded."""

    store: str
    read: int
    added: int
    skipped: int
    errors: int
    seconds: float
    workers: int
    executor: str  # inline, processes or dask
    error_codes: dict[str, int]

    @property
    def docs_per_second(self) -> float:
        return self.added / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "docs_per_second": round(self.docs_per_second, 2)}


def content_hash_of(raw: RawDocument) -> str:
    """The content hash ``analyze`` will give this document, without analysing it: the
    sha256 of the analysed text (for HTML with marked comments, the composed text)."""
    text = raw.text if raw.comments is None else compose_marked_comments(raw)[0]
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def count_records(paths: Iterable[str | Path]) -> int:
    """How many records the corpus holds (for the progress bar's total and ETA)."""
    n = 0
    for path in paths:
        p = Path(path)
        if p.is_dir():
            n += count_records(f for f in sorted(p.rglob("*")) if f.is_file() and walked(f))
        elif is_corpus(p) and p.is_file():
            n += _records_in(p)
        else:
            n += 1
    return n


def _records_in(corpus: Path) -> int:
    """A JSONL or CSV file's records, counted without parsing them; a damaged compressed
    file counts what could be read (the reading itself reports the damage)."""
    n = 0
    with contextlib.suppress(*DAMAGED):
        if input_format_of(corpus) == "jsonl":
            with open_binary(corpus) as fh:
                for line in fh:
                    n += bool(line.strip())
        else:
            with open_text(corpus, encoding="utf-8", errors="replace") as text:
                for _ in csv.reader(text):
                    n += 1
            n = max(0, n - 1)  # the header
    return n


def _inline(tasks: Iterator[Task], options: AnalyzeOptions) -> Iterator[list[Result]]:
    for task in tasks:
        yield analyze_chunk(task, options)


class _Tracker:
    """Counts, the progress bar, and the progress callback."""

    def __init__(self, progress: bool | ProgressCallback, total: int | None) -> None:
        self.started = time.perf_counter()
        self.total = total
        self.read = self.added = self.skipped = self.errors = 0
        self.codes: Counter[str] = Counter()
        self.callback = progress if callable(progress) else None
        self.bar: Any = None
        if progress is True:
            self.bar = _bar(total)

    def tick(self) -> None:
        if self.bar is not None:
            self.bar.update(self.bar.task_ids[0], completed=self.read, status=self._status())
        if self.callback is not None:
            elapsed = time.perf_counter() - self.started
            done = self.read
            self.callback(
                IngestProgress(done, self.total, self.added, self.skipped, self.errors, elapsed)
            )

    def _status(self) -> str:
        return f"added {self.added} skipped {self.skipped} errors {self.errors}"

    def close(self) -> None:
        if self.bar is not None:
            self.bar.update(self.bar.task_ids[0], completed=self.read, status=self._status())
            self.bar.stop()


def _bar(total: int | None) -> Any:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.progress import Task as BarTask
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task: BarTask) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:.1f} docs/s" if speed else "… docs/s")

    bar = Progress(
        TextColumn("ingest"),
        BarColumn(bar_width=24),
        MofNCompleteColumn(),
        Rate(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        TextColumn("{task.fields[status]}"),
        console=Console(stderr=True),
    )
    bar.add_task("ingest", total=total, status="")
    bar.start()
    return bar


class _Writer:
    """The single writer: buffers results and commits them in small transactions.

    A document met again while its twin (same content hash) is being analysed waits for
    the twin's outcome: skipped when the twin is stored, recorded with the same error (at
    its own source and line) when the twin failed.
    """

    def __init__(self, store: Store, track: _Tracker, every: int, seconds: float) -> None:
        self.store, self.track, self.every, self.seconds = store, track, every, seconds
        self.analyses: list[DocumentRows] = []
        self.errors: list[ErrorRecord] = []
        self.in_flight: set[str] = set()  # submitted for analysis, no result yet
        self.buffered: set[str] = set()  # analysed, not yet committed
        self.twins: dict[str, list[tuple[str, int]]] = {}  # waiting on an in-flight hash
        self.last = time.monotonic()

    def error(self, err: ErrorRecord) -> None:
        self.errors.append(err)
        self.track.read += 1
        self.track.errors += 1
        self.track.codes[err.code] += 1
        self.track.tick()
        self._maybe_flush()

    def skip(self) -> None:
        self.track.read += 1
        self.track.skipped += 1
        self.track.tick()

    def results(self, results: list[Result]) -> None:
        for content_hash, outcome in results:
            self.in_flight.discard(content_hash)
            twins = self.twins.pop(content_hash, [])
            if isinstance(outcome, ErrorRecord):
                self.error(outcome)
                for source, line in twins:
                    self.error(replace(outcome, source=source, line=line))
                continue
            self.analyses.append(outcome)
            self.buffered.add(content_hash)
            self.track.read += 1
            self.track.tick()
            for _ in twins:
                self.skip()
            self._maybe_flush()

    def _maybe_flush(self) -> None:
        full = len(self.analyses) + len(self.errors) >= self.every
        if full or time.monotonic() - self.last >= self.seconds:
            self.flush()

    def flush(self) -> None:
        if self.analyses or self.errors:
            try:
                added = self.store.write_rows(self.analyses, self.errors)
            except Exception as exc:  # one bad document must not cost the batch
                # the batch's transaction was rolled back: each document in its own now
                added = self._one_by_one(exc)
            self.track.added += sum(added)
            # stored meanwhile by another process writing to the same store
            self.track.skipped += len(added) - sum(added)
        self.buffered.clear()  # committed: the store itself knows them now
        self.analyses, self.errors = [], []
        self.last = time.monotonic()

    def _one_by_one(self, batch_error: Exception) -> list[bool]:
        """Write the buffered batch a document at a time, each in its own transaction; a
        document the store refuses becomes an E089 error row instead."""
        added: list[bool] = []
        refused: list[ErrorRecord] = []
        for rows in self.analyses:
            try:
                added.extend(self.store.write_rows([rows]))
            except Exception as exc:
                source, line = split_source(rows.source)
                err = PresslensError("E089", source=rows.source, reason=_reason(exc))
                refused.append(ErrorRecord(source, line, err.code, str(err), rows.content_hash))
        for record in [*self.errors, *refused]:
            try:
                self.store.write_rows([], [record])
            except Exception:
                raise batch_error from None  # not even an error row: the store is broken
        for record in refused:
            self.track.errors += 1
            self.track.codes[record.code] += 1
        return added


def _reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}"[:300]


def _tasks(
    paths: list[str | Path],
    mapping: ColumnMap | None,
    writer: _Writer,
    size: int,
    url: str | None = None,
) -> Iterator[Task]:
    """Chunks of documents still to analyse: read, hashed, and looked up in the store."""
    batch: list[tuple[str, RawDocument]] = []

    def pending() -> Task:
        known = writer.store.existing(h for h, _ in batch)
        task: Task = []
        for content_hash, raw in batch:
            if content_hash in known or content_hash in writer.buffered:
                writer.skip()
            elif content_hash in writer.in_flight:
                writer.twins.setdefault(content_hash, []).append(split_source(raw.source))
            else:
                writer.in_flight.add(content_hash)
                task.append((content_hash, raw))
        return task

    for item in iter_documents(paths, mapping=mapping):
        if isinstance(item, RecordError):
            err = item.error
            writer.error(ErrorRecord(item.source, item.line, err.code, str(err)))
            continue
        if url is not None:  # one file's URL, given on the command line
            item = replace(item, url=url)
        batch.append((content_hash_of(item), item))
        if len(batch) >= size:
            task, batch = pending(), []
            if task:
                yield task
    if batch:
        task = pending()
        if task:
            yield task


def _check_components(components: tuple[str, ...]) -> None:
    """E016 before the run, not once per document in the workers."""
    from presslens.pipeline import COMPONENTS

    for name in components:
        if name not in COMPONENTS:
            options = ", ".join(COMPONENTS)
            raise PresslensError("E016", name=name, reason="no such component", options=options)


def ingest(
    paths: str | Path | Iterable[str | Path],
    db_url: str | Path,
    *,
    workers: int = 1,
    dask_address: str | None = None,
    mapping: ColumnMap | None = None,
    progress: bool | ProgressCallback = False,
    structure_only: bool = False,
    published: dt.date | None = None,
    url: str | None = None,
    components: tuple[str, ...] | None = None,
    chunk_size: int | None = None,
    commit_every: int = 32,
    commit_seconds: float = 2.0,
    settings: LayerConfig | None = None,
) -> IngestReport:
    """Analyse every document under ``paths`` not yet in the store and store it.

    ``workers`` > 1 analyses in local worker processes; ``dask_address`` (a scheduler
    address such as ``tcp://10.0.0.5:8786``) on a Dask cluster whose workers have presslens
    installed. ``chunk_size`` documents travel to a worker at a time (default 4 for full
    analysis, 64 for ``structure_only``). ``url`` is the URL of every document read (meant
    for one file given alone; the CLI refuses it for more).
    """
    todo = [paths] if isinstance(paths, str | Path) else list(paths)
    if components is not None and not structure_only:
        _check_components(components)
    checked = None
    if settings and not structure_only:
        from presslens.pipeline import layer_settings

        checked_settings = layer_settings(settings)
        for values in checked_settings.values():
            if values.get("model") is not None:  # a worker may run in another folder
                values["model"] = str(Path(str(values["model"])).expanduser().resolve())
        # default=str: a TOML date becomes text, which the factory's own config check refuses
        checked = json.dumps(checked_settings, sort_keys=True, default=str)
    options = AnalyzeOptions(structure_only, published, components, checked)
    size = chunk_size or (64 if structure_only else 4)
    local = ProcessRunner(workers) if workers > 1 and not dask_address else None
    if dask_address:
        run, executor = dask_runner(dask_address), "dask"
    elif local is not None:
        # the workers load while the store is opened and the first chunk read
        local.start(options)
        run, executor = local, "processes"
    else:
        run, executor = _inline, "inline"
    try:
        total = count_records(todo) if progress is not False else None
        track = _Tracker(progress, total)
        try:
            with open_store(db_url) as store:
                writer = _Writer(store, track, max(1, commit_every), commit_seconds)
                try:
                    for results in run(_tasks(todo, mapping, writer, size, url), options):
                        writer.results(results)
                except KeyboardInterrupt:
                    writer.flush()  # keep what was analysed: a re-run resumes after it
                    raise
                writer.flush()
        finally:
            track.close()
    finally:
        if local is not None:
            local.close()  # also when the store could not be opened
    return IngestReport(
        store=parse_store_url(db_url).display,
        read=track.read,
        added=track.added,
        skipped=track.skipped,
        errors=track.errors,
        seconds=round(time.perf_counter() - track.started, 3),
        workers=workers if executor == "processes" else 1,
        executor=executor,
        error_codes=dict(track.codes),
    )
