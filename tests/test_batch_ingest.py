"""Batch ingest into a real store (SQLite and PostgreSQL): idempotent, resumable after
``kill -9``, one bad document one error row, and the same results with more workers."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import presslens.batch.dask_runner as worker
from presslens.batch.ingest import IngestProgress, content_hash_of, ingest
from presslens.errors import PresslensError
from presslens.ingest import RawDocument, iter_documents
from presslens.store import Filters, open_store, search
from tests.batch_corpus import BAD, duplicates, expected_hashes, snapshot, write_corpus


def test_batch_ingest_twice_stores_everything_once(store_url: str, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 12)
    first = ingest([corpus], store_url, structure_only=True, progress=False, commit_every=5)
    readable = expected_hashes(corpus)
    assert (first.added, first.skipped) == (len(readable), 1)  # the copy of a000 is skipped
    assert first.errors == sum(BAD.values()) and first.error_codes == BAD
    with open_store(store_url) as store:
        before = snapshot(store)
    second = ingest([corpus], store_url, structure_only=True, progress=False)
    assert (second.added, second.skipped, second.errors) == (0, len(readable) + 1, first.errors)
    assert second.read == first.read
    with open_store(store_url) as store:
        assert snapshot(store) == before
        assert set(before["analyses"]) == readable
        assert duplicates(store) == []


def test_batch_ingest_records_bad_documents_and_stores_the_rest(
    store_url: str, tmp_path: Path
) -> None:
    corpus = write_corpus(tmp_path / "corpus", 3)
    report = ingest([corpus], store_url, structure_only=True, progress=False)
    assert report.added == len(expected_hashes(corpus)) == 7
    with open_store(store_url) as store:
        errors = store.errors()
        assert [(Path(e.source).name, e.line, e.code) for e in errors] == [
            ("empty.txt", 0, "E003"),
            ("scan.txt", 0, "E004"),
            ("wire.jsonl", 3, "E010"),
            ("wire.jsonl", 4, "E011"),
        ]
        assert all(e.message.startswith(f"[{e.code}] ") for e in errors)
        # the records after the bad lines of the same file were stored
        tide = search(store, '"highest tide"', facets=False)
        assert [h.url for h in tide.hits] == ["https://dunmere-post.example/tide"]
        assert search(store, Filters(outlet="kelton-herald.example"), facets=False).total == 2


def test_batch_ingest_html_comment_threads_keep_their_hash(tmp_path: Path) -> None:
    """Pages with marked comments are hashed on the composed text, as ``analyze`` does."""
    corpus = write_corpus(tmp_path / "corpus", 1, jsonl=False, bad=False)
    db = tmp_path / "s.db"
    ingest([corpus], db, structure_only=True, progress=False)
    page = next(d for d in iter_documents([corpus]) if isinstance(d, RawDocument) and d.comments)
    with open_store(db) as store:
        stored = store.get(content_hash_of(page))
        assert stored is not None and stored.thread.comments == 2
    assert ingest([corpus], db, structure_only=True, progress=False).added == 0


def test_batch_ingest_skips_stored_documents_before_analysing(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 4, bad=False)
    db = tmp_path / "s.db"
    ingest([corpus], db, structure_only=True, progress=False)
    loads = worker._pipeline.cache_info()
    # a full run over stored documents: nothing analysed, no pipeline asked for
    again = ingest([corpus], db, progress=False)
    assert again.added == 0 and again.skipped == len(expected_hashes(corpus)) + 1
    after = worker._pipeline.cache_info()
    assert after.hits + after.misses == loads.hits + loads.misses
    with open_store(db) as store:
        assert all(a.analyzers[-1].name == "presslens.segment.v1" for a in store.iter_analyses())


def test_batch_ingest_reports_progress(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 5)
    seen: list[IngestProgress] = []
    report = ingest([corpus], tmp_path / "s.db", structure_only=True, progress=seen.append)
    assert [p.done for p in seen] == list(range(1, report.read + 1))
    assert seen[-1].total == report.read == 5 + 2 + 3 + 2 + 2  # articles, copy+html, jsonl, bad
    assert seen[-1].errors == report.errors and seen[-1].elapsed >= 0


def test_batch_ingest_two_workers_store_what_one_stores(store_url: str, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 9)
    one_db = tmp_path / "one.db"
    one = ingest([corpus], one_db, structure_only=True, progress=False)
    two = ingest([corpus], store_url, workers=2, structure_only=True, progress=False, chunk_size=2)
    assert (two.executor, two.workers) == ("processes", 2)
    assert (two.added, two.skipped, two.errors) == (one.added, one.skipped, one.errors)
    with open_store(one_db) as a, open_store(store_url) as b:
        assert snapshot(a) == snapshot(b)
        assert duplicates(b) == []


def test_batch_ingest_default_pipeline_stores_the_full_analysis(tmp_path: Path) -> None:
    from presslens.analysis import analyze
    from presslens.pipeline import default_pipeline

    corpus = write_corpus(tmp_path / "corpus", 2, jsonl=False, bad=False)
    db = tmp_path / "s.db"
    report = ingest([corpus], db, progress=False)
    assert report.added == 3 and report.errors == 0
    docs = [
        d
        for d in iter_documents([corpus])
        if isinstance(d, RawDocument) and "copy_of" not in d.source  # stored under a000
    ]
    assert len(docs) == 3
    nlp = default_pipeline()
    with open_store(db) as store:
        for raw in docs:
            stored = store.get(content_hash_of(raw))
            assert stored == analyze(raw, nlp=nlp)
        assert store.count("entities") > 0
        found = search(store, Filters(entity="Northport"), facets=False)
        assert [h.title for h in found.hits] == ["Northport council debates harbour repairs (0)"]


def _stored(db: str) -> int:
    """Documents committed so far, read as another process would."""
    if db.startswith("postgresql://"):
        import psycopg

        try:
            with psycopg.connect(db) as conn:
                row = conn.execute("SELECT COUNT(*) FROM documents").fetchone()
                return int(row[0]) if row else 0
        except psycopg.errors.UndefinedTable:  # not migrated yet
            return 0
    if not Path(db).exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:  # created but not migrated yet
        return 0


def test_batch_ingest_resumes_after_kill_9(store_url: str, tmp_path: Path) -> None:
    n = 40
    corpus = write_corpus(tmp_path / "corpus", n)
    want = expected_hashes(corpus)
    db = store_url
    cmd = [sys.executable, "-m", "presslens.cli", "ingest", str(corpus), "--db", db,
           "--workers", "1", "--commit-every", "3", "--json",
           "--components", "presslens_entities,presslens_dates"]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 240
        while proc.poll() is None and _stored(db) < 3 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert proc.poll() is None, "the run ended before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    committed = _stored(db)
    assert 3 <= committed < len(want)
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    assert rerun.returncode == 0, rerun.stderr
    report = json.loads(rerun.stdout)
    assert report["added"] == len(want) - committed
    assert report["skipped"] == committed + 1  # and the copy of a000
    assert report["errors"] == sum(BAD.values())
    with open_store(db) as store:
        assert {a.document.content_hash for a in store.iter_analyses()} == want
        assert store.count("documents") == store.count("analyses") == len(want)
        assert duplicates(store) == []
        assert sorted(e.code for e in store.errors()) == sorted(BAD)
        assert all(len(a.analyzers) > 1 for a in store.iter_analyses())  # fully analysed


def test_batch_ingest_stops_when_the_pipeline_cannot_be_built(tmp_path: Path) -> None:
    """A broken pipeline is the installation's fault, not each document's: the run stops
    with the coded error, from a worker process too, and records nothing."""
    corpus = write_corpus(tmp_path / "corpus", 2, jsonl=False, bad=False)
    db = tmp_path / "s.db"
    for workers in (1, 2):
        with pytest.raises(PresslensError) as err:
            # the claims layer needs the attributions layer before it
            ingest([corpus], db, workers=workers, components=("presslens_claims",), progress=False)
        assert err.value.code == "E016" and "presslens_claims" in str(err.value)
    with open_store(db) as store:
        assert store.count() == 0 and store.errors() == []


def _children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_batch_ingest_workers_exit_when_the_run_is_killed(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 300, jsonl=False, bad=False)
    cmd = [sys.executable, "-m", "presslens.cli", "ingest", str(corpus), "--db",
           str(tmp_path / "s.db"), "--workers", "2", "--components", "presslens_dates"]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        workers: set[int] = set()
        while proc.poll() is None and len(workers) < 2 and time.monotonic() < deadline:
            # the pool's two workers (forked or spawned), beside multiprocessing's resource
            # tracker
            workers = {p for p in _children(proc.pid) if "resource_tracker" not in _cmdline(p)}
            time.sleep(0.05)
        assert proc.poll() is None and len(workers) == 2
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    deadline = time.monotonic() + 20
    while any(_alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(p) for p in workers), "worker processes outlived the killed run"


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return ""


def test_batch_ingest_checks_layer_settings_before_any_work(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 2, jsonl=False, bad=False)
    db = tmp_path / "s.db"
    with pytest.raises(PresslensError) as info:
        ingest([corpus], db, progress=False, settings={"claims": {"threshold": 0.5}})
    assert info.value.code == "E122" and "flag_at" in str(info.value)
    assert not db.exists()  # refused before the store was opened


@pytest.mark.slow
def test_batch_ingest_layer_settings_reach_the_workers(tmp_path: Path) -> None:
    # flag_at 0.0 flags every scored sentence: the workers built their pipeline with the
    # run's settings, not the shipped defaults
    corpus = write_corpus(tmp_path / "corpus", 2, jsonl=False, bad=False)
    db = tmp_path / "s.db"
    settings = {"claims": {"flag_at": 0.0}}
    report = ingest([corpus], db, workers=2, progress=False, chunk_size=1, settings=settings)
    assert report.added == 3 and report.errors == 0 and report.workers == 2
    default = tmp_path / "d.db"
    ingest([corpus], default, progress=False)
    with open_store(db) as store, open_store(default) as shipped:
        hashes = sorted(expected_hashes(corpus))
        claims = [c for h in hashes for c in store.get(h).claims]
        # a flagged sentence that restates another is flagged once, on the other one
        assert claims and all(c.checkworthy or c.restates for c in claims)
        usual = [c for h in hashes for c in shipped.get(h).claims]
        assert len(usual) == len(claims)
        assert not all(c.checkworthy or c.restates for c in usual)


def test_batch_ingest_workers_send_store_rows_not_analyses() -> None:
    # the single writer only inserts: what a worker sends is plain rows, derived beside the
    # analysis, that store exactly what storing the analysis would
    from presslens.analysis import analyze
    from presslens.store.rows import DocumentRows, derive

    raw = RawDocument("Harbour news\n\nTwo ferries left the port on Monday.", "x.txt", "text")
    h = content_hash_of(raw)
    [(got_hash, rows)] = worker.analyze_chunk([(h, raw)], worker.AnalyzeOptions(True))
    assert got_hash == h and isinstance(rows, DocumentRows)
    assert rows.content_hash == h and rows.source == "x.txt"
    assert rows == derive(analyze(raw, structure_only=True))
