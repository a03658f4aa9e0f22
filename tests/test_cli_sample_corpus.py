"""The bundled sample corpus and ``presslens ingest --sample``: the corpus is well formed,
and one ingest of it gives a store where every dashboard view (search, map, timeline,
events, outlets, flagged comments) has something to show."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from presslens.cli import app, sample_corpus_path
from presslens.ingest import RecordError
from presslens.ingest.corpus import iter_jsonl
from presslens.store import (
    Filters,
    facet_counts,
    open_store,
    outlet_profiles,
    search,
    stored_events,
    timeline,
)

runner = CliRunner()


def _records() -> list[dict[str, Any]]:
    lines = sample_corpus_path().read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_cli_sample_corpus_parses() -> None:
    path = sample_corpus_path()
    assert path.is_file() and path.stat().st_size < 60_000
    assert (path.parent / "CORPUS.md").is_file()
    records = _records()
    assert 12 <= len(records) <= 16
    for record in records:
        assert set(record) == {"text", "url", "published"}
        assert all(isinstance(record[k], str) and record[k].strip() for k in record)
        assert dt.date.fromisoformat(record["published"]).year == 2026
        assert record["url"].startswith("https://")
        title, blank = record["text"].splitlines()[:2]
        assert title.strip() and blank == ""
    assert len({r["url"] for r in records}) == len(records)
    assert len({r["url"].split("/")[2] for r in records}) >= 4
    read = list(iter_jsonl(path))
    assert len(read) == len(records) and not any(isinstance(r, RecordError) for r in read)


def test_cli_sample_corpus_needs_a_path_or_sample(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    result = runner.invoke(app, ["ingest", "--db", str(db)])
    assert result.exit_code == 2
    assert "give one or more PATHs, or --sample" in result.output
    assert not db.exists()


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, Any]]:
    """The sample corpus ingested once, fully analysed, and the first run's report."""
    db = str(tmp_path_factory.mktemp("sample") / "x.db")
    result = runner.invoke(app, ["ingest", "--sample", "--db", db, "--quiet", "--json"])
    assert result.exit_code == 0, result.output
    return db, json.loads(result.stdout)


@pytest.mark.slow
def test_cli_sample_corpus_ingest_stores_every_record_once(
    sample_db: tuple[str, dict[str, Any]],
) -> None:
    db, first = sample_db
    n = len(_records())
    assert (first["read"], first["added"], first["errors"]) == (n, n, 0)
    again = runner.invoke(app, ["ingest", "--sample", "--db", db, "--quiet", "--json", "--strict"])
    assert again.exit_code == 0, again.output
    report = json.loads(again.stdout)
    assert (report["added"], report["skipped"], report["errors"]) == (0, n, 0)
    with open_store(db) as store:
        assert store.count("documents") == n and store.errors() == []


@pytest.mark.slow
def test_cli_sample_corpus_store_has_something_for_every_view(
    sample_db: tuple[str, dict[str, Any]],
) -> None:
    db, _ = sample_db
    with open_store(db) as store:
        assert store.count("comments") >= 40
        located = store.query(
            "SELECT COUNT(DISTINCT geonameid) FROM places WHERE lat IS NOT NULL AND lon IS NOT NULL"
        )[0][0]
        assert located >= 20  # the map
        places = {f.label for f in facet_counts(store, facets=["place"], size=50)["place"]}
        assert {"Lagos", "Manila", "Lyon", "Hamburg"} <= places
        for flag in ("insult", "conspiracy"):
            assert search(store, Filters(flag=[flag]), facets=False).total >= 1, flag
        violent = Filters(flag=["threat"]), Filters(flag=["incitement"])
        assert any(search(store, f, facets=False).total for f in violent)
        assert search(store, "Gdansk dock workers", facets=False).total >= 1
        events = stored_events(store)
        assert len(events) >= 10
        assert {e.category for _, e in events} >= {"PROTEST", "ASSAULT"}
        assert any(e.casualties for _, e in events)
        assert len([p for p in timeline(store) if p.documents]) >= 10  # the timeline
        profiles = outlet_profiles(store)
        assert len(profiles) >= 4
        rated = {p.outlet for p in profiles if p.status == "rated"}
        assert {"reuters.com", "infowars.com"} <= rated
        assert any(p.flagged_comments for p in profiles)
        assert any(p.techniques for p in profiles)
