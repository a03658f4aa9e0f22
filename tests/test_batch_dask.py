"""Batch ingest on a Dask cluster (a real in-process ``LocalCluster``) stores what a local
run stores."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from presslens.batch.ingest import ingest
from presslens.errors import PresslensError
from presslens.store import open_store
from tests.batch_corpus import duplicates, snapshot, write_corpus

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with distributed.LocalCluster(
        processes=False, n_workers=1, threads_per_worker=2, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


def test_batch_dask_stores_what_a_local_run_stores(
    scheduler: str, store_url: str, tmp_path: Path
) -> None:
    corpus = write_corpus(tmp_path / "corpus", 10)
    local_db = tmp_path / "local.db"
    local = ingest([corpus], local_db, structure_only=True, progress=False)
    remote = ingest(
        [corpus],
        store_url,
        dask_address=scheduler,
        structure_only=True,
        progress=False,
        chunk_size=3,
        commit_every=4,
    )
    assert remote.executor == "dask"
    assert (remote.added, remote.skipped, remote.errors) == (local.added, 1, local.errors)
    assert remote.error_codes == local.error_codes
    with open_store(local_db) as a, open_store(store_url) as b:
        assert snapshot(a) == snapshot(b)
        assert duplicates(b) == []
    again = ingest([corpus], store_url, dask_address=scheduler, structure_only=True, progress=False)
    assert (again.added, again.skipped) == (0, local.added + 1)


def test_batch_dask_unreachable_scheduler_is_e045(tmp_path: Path) -> None:
    from presslens.batch.dask_runner import AnalyzeOptions, dask_runner

    run = dask_runner("tcp://127.0.0.1:9", timeout=1.0)
    started = time.monotonic()
    with pytest.raises(PresslensError) as err:
        next(run(iter([]), AnalyzeOptions(structure_only=True)))
    assert err.value.code == "E045" and "127.0.0.1:9" in str(err.value)
    assert time.monotonic() - started < 30
