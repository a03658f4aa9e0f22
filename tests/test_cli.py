from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from presslens.cli import app

runner = CliRunner()


def test_cli_analyze_sample_prints_report() -> None:
    result = runner.invoke(app, ["analyze", "--sample"])
    assert result.exit_code == 0, result.output
    assert "Fire at Odesa Grain Terminal" in result.output
    assert "Comment thread: 5 comments, 4 with an author" in result.output
    for section in ("Who and what is mentioned", "Places", "When", "Comment section:"):
        assert section in result.output
    assert "Odesa" in result.output
    assert "@Marta" not in result.output.split("Comment thread")[0]


def test_cli_analyze_seed_json(seed_path: Path) -> None:
    result = runner.invoke(
        app, ["analyze", str(seed_path), "--format", "json", "--published", "2016-10-19"]
    )
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["document"]["published"] == "2016-10-19"
    assert data["thread"]["comments"] == 9 and data["thread"]["with_author"] == 6
    assert data["thread"]["authors"] == {
        "Normal Citizen": 1,
        "Mahmoud Larfi": 3,
        "Real Anti-Racist Action": 2,
    }
    body = data["article"]["body_span"]
    assert data["text"][body["start"] : body["end"]].endswith("Lavrov pointed out.")
    for c in data["comments"]:
        assert data["text"][c["span"]["start"] : c["span"]["end"]] == c["text"]


def test_cli_analyze_stdin_html_output(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = runner.invoke(
        app,
        ["analyze", "-", "--format", "html", "-o", str(out)],
        input="Title <b>x</b>\n\nBody with <script>alert(1)</script> in it.\n",
    )
    assert result.exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["analyze", "does/not/exist.txt"], "E001"),
        (["analyze", "tests"], "E002"),
        (["analyze", "--sample", "--format", "pdf"], "E007"),
        (["analyze", "--sample", "--published", "19/10/2016"], "E008"),
        (["analyze", "--sample", "--url", "not a url"], "E015"),
        (["eval", "nonsense"], "E007"),
        (["eval", "segmentation", "--data", "no/such/dir"], "E013"),
        (["train", "everything", "--data", "tests"], "E007"),
        (["train", "comments", "--data", "no/such/dir"], "E013"),
        (["train", "comments", "--data", "tests"], "E013"),
    ],
)
def test_cli_bad_input_gives_coded_error_without_traceback(args: list[str], code: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code != 0
    assert f"[{code}]" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_cli_analyze_binary_and_empty_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "img.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    assert "[E003]" in runner.invoke(app, ["analyze", str(empty)]).stderr
    assert "[E004]" in runner.invoke(app, ["analyze", str(binary)]).stderr


def test_cli_schema_matches_the_exported_file() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    exported = Path(__file__).parent.parent / "docs" / "analysis.schema.json"
    assert json.loads(result.stdout) == json.loads(exported.read_text(encoding="utf-8")), (
        "docs/analysis.schema.json is stale: run 'presslens schema -o docs/analysis.schema.json'"
    )


def test_cli_analyze_corpus_reports_bad_rows_and_keeps_going(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    good = {
        "body": "Harbour reopens after storm.\n\nBoats returned on Friday.",
        "date": "2024-02-02",
    }
    corpus.write_text(
        "\n".join([json.dumps(good), "{broken", json.dumps({"other": 1}), json.dumps(good)]),
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["analyze", str(corpus), "--map", "text=body,published=date", "--format", "json"]
    )
    assert result.exit_code == 1
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert len(lines) == 2
    assert lines[0]["document"]["published"] == "2024-02-02"
    assert "c.jsonl:2" in result.stderr
    assert "[E010]" in result.stderr
    assert "[E011]" in result.stderr
    assert "2 records analysed, 2 skipped" in result.stderr


def test_cli_analyze_corpus_bad_map_is_coded(tmp_path: Path) -> None:
    corpus = tmp_path / "c.csv"
    corpus.write_text("text\nHello there.\n", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(corpus), "--map", "nonsense=x"])
    assert result.exit_code == 2
    assert "[E009]" in result.stderr
