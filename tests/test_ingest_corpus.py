from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from presslens.errors import PresslensError
from presslens.ingest import RawDocument, RecordError, iter_documents
from presslens.ingest.corpus import iter_csv, iter_jsonl, parse_column_map


def test_ingest_corpus_jsonl_bad_line_is_reported_and_skipped(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    lines = [
        json.dumps(
            {"body": "Council votes on budget.", "headline": "Budget", "date": "2024-05-01"}
        ),
        "{not json",
        "[1, 2]",
        json.dumps({"headline": "No body here"}),
        "",
        json.dumps({"body": "Second good record.", "date": "yesterday-ish"}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    mapping = parse_column_map("text=body,title=headline,published=date")
    out = list(iter_jsonl(path, mapping))
    docs = [r for r in out if isinstance(r, RawDocument)]
    errors = [r for r in out if isinstance(r, RecordError)]
    assert [d.title for d in docs] == ["Budget", "Second good record."]
    assert docs[0].published == dt.date(2024, 5, 1)
    assert docs[0].text.startswith("Budget\n\nCouncil votes on budget.")
    assert docs[1].published is None and "E008" in docs[1].warnings[0]
    assert [(e.line, e.error.code) for e in errors] == [(2, "E010"), (3, "E010"), (4, "E011")]
    assert "c.jsonl:2" in str(errors[0].error)


def test_ingest_corpus_csv_multiline_fields_and_bad_rows(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        'id,text,url\n1,"Line one.\n\nLine two.",https://example.org/a\n2,short,x,extra\n'
        "3,Third story.,\n",
        encoding="utf-8",
    )
    out = list(iter_csv(path))
    assert isinstance(out[0], RawDocument) and out[0].extra == {"id": "1"}
    assert out[0].url == "https://example.org/a"
    assert isinstance(out[1], RecordError) and out[1].line == 5
    assert isinstance(out[2], RawDocument) and out[2].source.endswith(":6")


@pytest.mark.parametrize("spec", ["text", "bogus=col", "text=", "=col"])
def test_ingest_corpus_bad_mapping_is_coded(spec: str) -> None:
    with pytest.raises(PresslensError) as info:
        parse_column_map(spec)
    assert info.value.code == "E009"


def test_ingest_corpus_directory_walk_keeps_going(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A title\n\nA body.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text("C title\n\nC body.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    out = list(iter_documents([tmp_path]))
    assert [type(r).__name__ for r in out] == ["RawDocument", "RecordError", "RawDocument"]
    bad = out[1]
    assert isinstance(bad, RecordError) and bad.error.code == "E003"
