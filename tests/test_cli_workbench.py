"""The rough edges of the command line: ingest one file with its URL, serve refusing a
missing store, a coded error (message and exit code) for every file error of ingest, serve,
export and search, tables that say when rows are left out, names never cut mid-word, the
eval help from the task table, and guessed dates marked as guesses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from presslens import analyze
from presslens.eval import TASKS
from presslens.model import Analysis, Entity, Mention, Span, TimeExpression
from presslens.render.layers import entity_table, join_names, timeline_table
from presslens.render.terminal import render_terminal
from presslens.store import open_store
from tests.conftest import flattened

ARTICLE = flattened(
    "Lighthouse keeper retires after forty years",
    ["The keeper of the Westpoint lighthouse retired on Friday after forty years, the "
     "harbour board said."],
    [("gullwatcher", "Happy retirement! I saw the lamp this day last year.")],
)  # fmt: skip


def run(*args: str, **kw: Any) -> Any:
    from presslens.cli import app

    return CliRunner().invoke(app, list(args), **kw)


def assert_coded(result: Any, code: str, exit_code: int) -> None:
    assert result.exit_code == exit_code, result.output
    assert f"presslens: error: [{code}]" in result.output, result.output
    assert "Why: " in result.output and "What to do: " in result.output
    assert "Traceback" not in result.output


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "lighthouse.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def garbage(tmp_path: Path) -> Path:
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is not a database, just notes\n" * 200)
    return path


# -- ingest -------------------------------------------------------------------------------------


def test_cli_ingest_one_file_with_its_url_and_date(article: Path, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    r = run(
        "ingest", str(article), "--db", str(db), "--structure-only", "--quiet",
        "--url", "https://www.coast-gazette.example.com/2023/lighthouse",
        "--published", "2023-09-15",
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    with open_store(db) as store:
        (a,) = list(store.iter_analyses())
        rows = store.query("SELECT outlet, published, url FROM documents")
    assert a.document.url == "https://www.coast-gazette.example.com/2023/lighthouse"
    assert a.document.published is not None and a.document.published.isoformat() == "2023-09-15"
    assert rows[0][0] == "example.com" and str(rows[0][1]).startswith("2023-09-15")


@pytest.mark.parametrize("shape", ["two files", "directory", "corpus"])
def test_cli_ingest_url_refuses_more_than_one_document(
    article: Path, tmp_path: Path, shape: str
) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"text": "A line of news."}\n', encoding="utf-8")
    paths = {
        "two files": [str(article), str(article)],
        "directory": [str(tmp_path)],
        "corpus": [str(corpus)],
    }[shape]
    db = tmp_path / "news.db"
    r = run("ingest", *paths, "--db", str(db), "--url", "https://example.org/a")
    assert_coded(r, "E114", 2)
    assert not db.exists()


def test_cli_ingest_file_errors_are_coded(article: Path, tmp_path: Path) -> None:
    assert_coded(run("ingest", str(tmp_path / "missing.txt"), "--db", str(tmp_path / "x.db")),
                 "E001", 2)  # fmt: skip
    r = run("ingest", str(article), "--db", str(tmp_path / "no" / "such" / "x.db"))
    assert_coded(r, "E041", 3)
    r = run("ingest", str(article), "--db", str(tmp_path / "x.db"), "--url", "not a url")
    assert_coded(r, "E015", 2)


# -- serve ----------------------------------------------------------------------------------------


def test_cli_serve_refuses_a_missing_store(tmp_path: Path) -> None:
    typo = tmp_path / "typo.db"
    assert_coded(run("serve", "--db", str(typo)), "E110", 3)
    assert not typo.exists()  # no empty store made from a typo


def test_cli_serve_create_makes_the_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    served: list[Any] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: served.append(kw))
    new = tmp_path / "new.db"
    r = run("serve", "--db", str(new), "--create", "--port", "8765")
    assert r.exit_code == 0, r.output
    assert new.exists() and served and served[0]["port"] == 8765


def test_cli_serve_file_errors_are_coded(tmp_path: Path, garbage: Path) -> None:
    assert_coded(run("serve", "--db", str(garbage)), "E041", 3)
    assert_coded(run("serve", "--db", str(tmp_path / "no" / "x.db"), "--create"), "E041", 3)
    assert_coded(run("serve", "--db", "mysql://host/db"), "E040", 2)


# -- search and export --------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["search", "harbour"], ["export", "--table", "places"]])
def test_cli_search_and_export_file_errors_are_coded(
    command: list[str], tmp_path: Path, garbage: Path
) -> None:
    missing = tmp_path / "typo.db"
    assert_coded(run(*command, "--db", str(missing)), "E041", 3)
    assert not missing.exists()
    assert_coded(run(*command, "--db", str(garbage)), "E041", 3)
    assert_coded(run(*command, "--db", str(tmp_path)), "E041", 3)  # a directory


# -- tables, help, guessed dates ------------------------------------------------------------------


def _many_entities(n: int) -> Analysis:
    a = analyze(ARTICLE, structure_only=True)
    span = Span(start=0, end=4)
    names = [f"Harbour Board Member Number {i}" for i in range(n - 1)] + ["the Islamic State"]
    forms = [f"the Islamic State faction {i}" for i in range(6)]
    entities = [
        Entity(id=f"ent:e{i}", name=name, type="ORG",
               mentions=[Mention(span=span, text=name)] * (n - i)
               + [Mention(span=span, text=f) for f in forms],
               article_mentions=n - i, comment_mentions=0)
        for i, name in enumerate(names)
    ]  # fmt: skip
    return a.model_copy(update={"entities": entities})


def test_cli_tables_say_how_many_rows_are_shown() -> None:
    a = _many_entities(36)
    table = entity_table(a)
    assert table is not None and table.row_count == 25
    assert table.caption == "showing 25 of 36 entities (--all for every row)"
    text = render_terminal(a, width=120)
    assert "showing 25 of 36 entities (--all for every row)" in text
    everything = render_terminal(a, width=200, all_rows=True)
    assert "the Islamic State" in everything and "showing 25 of 36" not in everything
    full = entity_table(a, None)
    assert full is not None and full.row_count == 36 and full.caption is None


def test_cli_names_are_never_cut_mid_word() -> None:
    names = ["Damascus", "the Islamic State", "the United Nations Security Council"]
    assert join_names(names, 60) == "Damascus, the Islamic State, … +1"
    assert join_names(names, 200) == ", ".join(names)
    assert join_names(["the Islamic State of Iraq and the Levant"], 20) == "the Islamic State…"
    for width in range(10, 80):
        shown = join_names(names, width)
        for part in shown.replace("…", ",").split(","):
            part = part.strip()
            if part and not part.startswith("+"):
                assert any(n.startswith(part) for n in names), (width, shown)
                assert part in names or shown.count("…"), (width, shown)


def test_cli_analyze_offers_every_row() -> None:
    r = run("analyze", "--help")
    assert "--all" in r.output


def test_cli_eval_help_lists_every_task() -> None:
    r = run("eval", "--help", env={"COLUMNS": "200"})
    assert r.exit_code == 0
    for name in TASKS:
        assert name in r.output
    assert f"Tasks ({len(TASKS)})" in r.output


def test_cli_comment_relative_dates_are_marked_as_guesses() -> None:
    a = analyze(ARTICLE, structure_only=True, published="2023-09-15")
    start = a.text.index("this day last year")
    span = Span(start=start, end=start + len("this day last year"))
    body = a.text.index("on Friday")
    times = [
        TimeExpression(span=span, text="this day last year", in_comment=True, kind="date",
                       value="2022-09-15", granularity="day", resolved=True, relative=True),
        TimeExpression(span=Span(start=body + 3, end=body + 9), text="Friday", kind="date",
                       value="2023-09-15", granularity="day", resolved=True, relative=True),
    ]  # fmt: skip
    a = a.model_copy(update={"times": times})
    table = render_terminal(a, width=160)
    assert "2022-09-15 (guess: read against the article's date)" in table
    assert "2023-09-15 (guess" not in table
    assert timeline_table(a) is not None
    from presslens.render.html import render_html

    assert "2022-09-15 (guess: read against the article&#x27;s date)" in render_html(a)
