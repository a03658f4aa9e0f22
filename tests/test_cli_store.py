"""The store commands (``ingest``, ``search``, ``outlets``) through the real CLI and a real
SQLite store. The searched documents are short articles written here, given hand-made
layers so every filter has a known answer without loading a model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from presslens import analyze
from presslens.analysis import SEGMENTER
from presslens.cli import app
from presslens.model import (
    Analysis,
    AnalyzerInfo,
    Attribution,
    CommentAssessment,
    CommentScores,
    Entity,
    Mention,
    Span,
    TechniqueSpan,
)
from presslens.store import open_store
from tests.batch_corpus import write_corpus
from tests.conftest import flattened

runner = CliRunner()
SPAN = Span(start=0, end=4)
LAYERS = [SEGMENTER, AnalyzerInfo(name="presslens.comments.v1", version="test")]


def _entity(eid: str, name: str, kind: Any) -> Entity:
    return Entity(
        id=eid, name=name, type=kind, mentions=[Mention(span=SPAN, text=name, in_comment=False)],
        article_mentions=1, comment_mentions=0,
    )  # fmt: skip


def _flagged(cid: str, *flags: Any) -> CommentAssessment:
    scores = CommentScores(
        offensive=0.9 if flags else 0.1, targeted=0.5, target={}, abuse={}, violence=0.0,
        conspiracy=0.0,
    )  # fmt: skip
    return CommentAssessment(
        comment_id=cid, flags=list(flags), scores=scores, target_type=None, targets=[],
        narratives=[], link_hosts=[], evidence=[],
    )  # fmt: skip


def _corpus() -> list[Analysis]:
    bridge = analyze(
        flattened(
            "Bridge at Carrow closes for repairs",
            ["The old bridge at Carrow closed on Tuesday, and engineer Tomas Brenner said "
             "repairs would take a month.",
             "Drivers were told to use the coast road until the work is finished."],
            [("quaywalker77", "Typical, they never plan anything."),
             ("FerryFan", "Take the ferry, it is quicker anyway.")],
        ),
        structure_only=True, url="https://carrow-gazette.example/bridge", published="2026-02-10",
    )  # fmt: skip
    flood = analyze(
        flattened(
            "Flood defences for Dunmere approved",
            ["Dunmere council approved new flood defences, Councillor Lidia Okafor said, after "
             "a winter of high tides."],
            [],
        ),
        structure_only=True, url="https://carrow-gazette.example/flood", published="2026-02-14",
    )  # fmt: skip
    market = analyze(
        flattened(
            "Kelton market moves \x1b[31mindoors\u202e",  # control and bidi characters
            ["The Kelton market moves into the corn exchange in April, Lidia Okafor said."],
            [],
        ),
        structure_only=True, url="https://kelton-herald.example/market", published="2026-03-01",
    )  # fmt: skip
    bridge = bridge.model_copy(update={
        "analyzers": LAYERS,
        "entities": [_entity("ent:tomas-brenner", "Tomas Brenner", "PERSON")],
        "comment_analysis": [_flagged("c1", "insult", "offensive"), _flagged("c2")],
        "techniques": [TechniqueSpan(id="t1", technique="Loaded_Language", span=SPAN,
                                     text="Typical", score=0.7)],
    })  # fmt: skip
    flood = flood.model_copy(update={
        "analyzers": LAYERS,
        "entities": [_entity("ent:lidia-okafor", "Lidia Okafor", "PERSON")],
        "attributions": [Attribution(id="q1", kind="indirect", content=[SPAN],
                                     content_text="approved", source_class="named_person",
                                     speaker="Lidia Okafor")],
    })  # fmt: skip
    market = market.model_copy(
        update={"entities": [_entity("ent:lidia-okafor", "Lidia Okafor", "PERSON")]}
    )
    return [bridge, flood, market]


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "news.db")
    with open_store(path) as store:
        store.write(_corpus())
    return path


def titles(args: list[str]) -> list[str]:
    result = runner.invoke(app, ["search", *args, "--json"])
    assert result.exit_code == 0, result.output
    return [h["title"] for h in json.loads(result.stdout)["hits"]]


def test_cli_store_search_filters(db: str) -> None:
    assert titles(["bridge", "--db", db]) == ["Bridge at Carrow closes for repairs"]
    assert len(titles(["--db", db])) == 3
    okafor = titles(["--db", db, "--entity", "Lidia Okafor", "--order", "oldest"])
    assert okafor == [
        "Flood defences for Dunmere approved",
        "Kelton market moves \x1b[31mindoors\u202e",
    ]
    assert titles(["--db", db, "--outlet", "kelton-herald.example"])[0].startswith("Kelton")
    assert titles(["--db", db, "--flag", "insult"]) == ["Bridge at Carrow closes for repairs"]
    assert titles(["--db", db, "--technique", "Loaded_Language"]) == titles(["bridge", "--db", db])
    assert titles(["--db", db, "--speaker", "lidia okafor"]) == [
        "Flood defences for Dunmere approved"
    ]
    assert len(titles(["--db", db, "--since", "2026-02-11", "--until", "2026-02-28"])) == 1
    assert titles(["--db", db, "--flag", "threat"]) == []


def test_cli_store_search_pages_and_facets(db: str) -> None:
    page = runner.invoke(
        app,
        ["search", "--db", db, "--order", "newest", "--page", "2", "--page-size", "2", "--json"],
    )
    data = json.loads(page.stdout)
    assert (data["total"], data["offset"], len(data["hits"])) == (3, 2, 1)
    assert data["hits"][0]["title"] == "Bridge at Carrow closes for repairs"
    text = runner.invoke(app, ["search", "--db", db, "--facets"])
    assert text.exit_code == 0
    assert "3 documents match; showing 1-3" in text.stdout
    assert "outlet: carrow-gazette.example (2), kelton-herald.example (1)" in text.stdout
    assert "flag: insult (1), offensive (1)" in text.stdout
    assert "entity: Lidia Okafor (2), Tomas Brenner (1)" in text.stdout


def test_cli_store_search_text_output_is_escaped(db: str) -> None:
    result = runner.invoke(app, ["search", "Kelton", "--db", db])
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    assert "1. Kelton market moves \ufffd[31mindoors\ufffd" in result.stdout


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--flag", "rude"], "E007"),
        (["--since", "last week"], "E008"),
        (["--page-size", "500"], "E044"),
        (["--order", "random"], "E007"),
    ],
)
def test_cli_store_search_errors_are_coded(db: str, args: list[str], code: str) -> None:
    result = runner.invoke(app, ["search", "--db", db, *args])
    assert result.exit_code == 2
    assert f"[{code}]" in result.output


def test_cli_store_search_does_not_create_a_missing_store(tmp_path: Path) -> None:
    missing = tmp_path / "nothing.db"
    result = runner.invoke(app, ["search", "x", "--db", str(missing)])
    assert result.exit_code == 3 and "[E041]" in result.output
    assert "presslens ingest" in result.output and not missing.exists()
    bad_url = runner.invoke(app, ["outlets", "--db", "mysql://db/news"])
    assert bad_url.exit_code == 2 and "[E040]" in bad_url.output


def test_cli_store_outlets(db: str) -> None:
    result = runner.invoke(app, ["outlets", "--db", db])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "carrow-gazette.example: 2 documents, 2026-02-10 to 2026-02-14"
    assert "  techniques (1 documents): Loaded_Language 1" in lines
    assert "  attributions: 1 (named_person 100%)" in lines
    assert "  comments: 2, 1 flagged (insult 50%, offensive 50%)" in lines
    as_json = json.loads(runner.invoke(app, ["outlets", "--db", db, "--json"]).stdout)
    assert [p["outlet"] for p in as_json] == ["carrow-gazette.example", "kelton-herald.example"]


def test_cli_store_ingest_then_search(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = write_corpus(tmp_path / "corpus", 4)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PRESSLENS_DB", raising=False)
    first = runner.invoke(app, ["ingest", str(corpus), "--structure-only"])
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith("ingested into presslens.db: 8 added, 1 skipped")
    assert "errors by code: E003 x1, E004 x1, E010 x1, E011 x1" in first.stdout
    assert (tmp_path / "presslens.db").exists()  # the default store, in the current directory
    again = runner.invoke(app, ["ingest", str(corpus), "--structure-only", "--json", "--strict"])
    assert again.exit_code == 1  # --strict: some records failed
    report = json.loads(again.stdout)
    assert (report["added"], report["skipped"], report["errors"]) == (0, 9, 4)
    monkeypatch.setenv("PRESSLENS_DB", str(tmp_path / "other.db"))
    third = runner.invoke(app, ["ingest", str(corpus), "--structure-only", "-q"])
    assert "ingested into " + str(tmp_path / "other.db") + ": 8 added" in third.stdout
    assert titles(["highest tide"]) == ["High tide warning"]


def test_cli_store_ingest_errors(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["ingest", str(tmp_path / "nope"), "--db", "x.db"])
    assert missing.exit_code == 2 and "[E001]" in missing.output
    corpus = write_corpus(tmp_path / "corpus", 1)
    db = str(tmp_path / "s.db")
    unknown = runner.invoke(app, ["ingest", str(corpus), "--db", db, "--components", "nope"])
    assert unknown.exit_code == 2 and "[E016]" in unknown.output
    bad_map = runner.invoke(app, ["ingest", str(corpus), "--db", db, "--map", "text"])
    assert bad_map.exit_code == 2 and "[E009]" in bad_map.output


def test_cli_store_stats_lists_what_failed(tmp_path: Path) -> None:
    from presslens.batch import ingest

    corpus = write_corpus(tmp_path / "corpus", 2)
    db = str(tmp_path / "s.db")
    ingest([corpus], db, structure_only=True)
    result = runner.invoke(app, ["stats", "--db", db, "--errors"])
    assert result.exit_code == 0
    assert "  documents: 6\n  fully analysed: 0\n" in result.stdout
    assert "  errors by code: E003 x1, E004 x1, E010 x1, E011 x1" in result.stdout
    assert f"{corpus / 'wire.jsonl'}:3: [E010] Malformed record" in result.stdout
    data = json.loads(runner.invoke(app, ["stats", "--db", db, "--json"]).stdout)
    assert (data["documents"], data["errors"], data["outlets"]) == (6, 4, 2)
    assert "error_records" not in data
