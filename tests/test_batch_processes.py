"""Local worker processes: no worker left behind."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from presslens.batch.ingest import ingest
from presslens.errors import PresslensError


def test_batch_processes_workers_stop_when_the_store_cannot_open(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"text": "Title\\n\\nA short story about the harbour."}\n', "utf-8")
    blocked = tmp_path / "not-a-dir"
    blocked.write_text("a file where a folder should be", "utf-8")
    with pytest.raises(PresslensError, match="E041"):
        ingest([corpus], blocked / "store.db", workers=2, structure_only=True)
    assert multiprocessing.active_children() == []
