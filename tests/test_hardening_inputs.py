"""Hostile and careless inputs (issue 18): every one gets a coded error or a correct result.

All documents are built here, by code.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from presslens.analysis import analyze
from presslens.analyzers.timex import find_timex
from presslens.cli import app
from presslens.errors import PresslensError
from presslens.ingest import RawComment, RawDocument, iter_documents, read_document, read_path
from presslens.ingest.decode import decode_text, read_limited
from presslens.pipeline import chunk_bounds, load_pipeline, parse
from presslens.render.terminal import render_terminal

ARTICLE = "Harbour Reopens After Repairs\n\nThe harbour in Lisbon reopened on Monday.\n"


def _code(fn: object, *args: object, **kw: object) -> str:
    with pytest.raises(PresslensError) as info:
        fn(*args, **kw)  # type: ignore[operator]
    return info.value.code


def _long_text(chars: int) -> str:
    para = (
        "The council said on Monday that the harbour would reopen after repairs. "
        "Workers in Lisbon cleared the quay two days ago, officials told reporters."
    )
    parts = ["Harbour Repairs Drag On"]
    total = len(parts[0])
    while total < chars:
        parts.append(para)
        total += len(para) + 2
    return "\n\n".join(parts)


# -- 1. long documents: chunked, bounded, past spaCy's max_length ------------------------
def test_hardening_chunks_cover_the_text_and_end_at_breaks() -> None:
    text = _long_text(50_000)
    bounds = chunk_bounds(text, 5_000)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))
    assert all(e - s <= 5_000 for s, e in bounds)
    assert all(text[e - 2 : e] == "\n\n" for _, e in bounds[:-1])
    assert chunk_bounds("x" * 12, 5) == [(0, 5), (5, 10), (10, 12)]  # no break: a hard cut


def test_hardening_document_over_spacy_max_length_is_analysed() -> None:
    nlp = load_pipeline(("presslens_dates",))  # the tokenizer alone: fast, same chunking
    text = _long_text(1_050_000)
    assert len(text) > nlp.max_length
    a = analyze(text, nlp=nlp, published="2020-03-02")
    assert a.text == text
    assert len(a.times) > 1000
    assert a.times[-1].span.end > 1_000_000


def test_hardening_parse_in_chunks_keeps_text_and_annotations() -> None:
    from presslens.pipeline import default_pipeline

    nlp = default_pipeline()
    text = _long_text(3_000)
    doc = parse(nlp, text, size=400)
    assert doc.text == text
    assert doc.has_annotation("DEP") and doc.has_annotation("SENT_START")
    assert any(e.text == "Lisbon" for e in doc.ents)


def test_hardening_time_and_length_limits_are_coded() -> None:
    nlp = load_pipeline(("presslens_dates",))
    assert _code(analyze, ARTICLE, nlp=nlp, max_seconds=1e-9) == "E082"
    with pytest.raises(PresslensError) as info:
        analyze(ARTICLE, nlp=nlp, max_chars=10)
    assert info.value.code == "E083" and "--max-chars" in str(info.value)
    assert analyze(ARTICLE, nlp=nlp, max_seconds=0).text == ARTICLE  # 0: no limit


def test_hardening_limits_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSLENS_MAX_CHARS", "20")
    assert _code(analyze, ARTICLE, structure_only=True) == "E083"


# -- 2./3. lone surrogates and NUL are replaced at the reader, with a warning ------------
@pytest.mark.parametrize("bad", ["\ud800", "\x00", "\udfff\x00"])
def test_hardening_unsafe_characters_are_replaced_with_a_warning(bad: str) -> None:
    a = analyze(f"Title{bad}\n\nBody {bad} text here.", structure_only=True)
    assert "\x00" not in a.text and "\ud800" not in a.text and "\ufffd" in a.text
    assert any("U+FFFD" in w for w in a.warnings)
    a.model_dump_json().encode("utf-8")  # serialisable: no lone surrogate left


def test_hardening_surrogate_in_a_comment_author_is_replaced() -> None:
    raw = RawDocument(
        text=ARTICLE,
        source="x.html",
        source_format="html",
        comments=(RawComment("Great news.", author="Sam\ud800"), RawComment("Me too.")),
    )
    a = analyze(raw, structure_only=True)
    assert a.comments[0].author == "Sam\ufffd"
    assert a.warnings


def test_hardening_jsonl_records_with_nul_and_surrogates_are_read(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    lines = [
        {"text": "Title\n\nBody with a NUL \u0000 here.", "author": "A\u0000B"},
        {"text": "Other title\n\nBody with \ud800 a surrogate."},
    ]
    corpus.write_text("\n".join(json.dumps(r) for r in lines) + "\n", encoding="utf-8")
    docs = list(iter_documents([corpus]))
    assert all(isinstance(d, RawDocument) for d in docs)
    for d in docs:
        assert isinstance(d, RawDocument)
        assert "\x00" not in d.text + (d.author or "") and d.warnings


# -- 4. dates far in the past, decades and centuries ------------------------------------
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The abbey was founded 3000 years ago.", None),
        ("The quay closed 99999999999999 days ago.", None),
        ("The trade began two decades ago.", "1996"),
        ("The wall was built three centuries ago.", "1716"),
        ("The bridge reopened three days ago.", "2016-10-16"),
    ],
)
def test_hardening_relative_dates_resolve_or_abstain(text: str, value: str | None) -> None:
    found = find_timex(text, 0, len(text), dt.date(2016, 10, 19))
    assert len(found) == 1 and found[0].value == value
    assert found[0].resolved is (value is not None)


# -- 8. the terminal report shows control characters, never sends them -----------------
def test_hardening_terminal_report_escapes_control_characters() -> None:
    text = (
        "Harbour Reopens\x1b[2J\n\nThe harbour reopened on Monday.\n\n"
        "Sam\x1b[31m\n\nGreat \x1b[2K\x1b[1Aspoofed line\x08\x07 news\x9b.\n"
    )
    out = render_terminal(analyze(text, structure_only=True))
    assert not [c for c in out if (ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F]
    assert "␛[2K" in out


# -- 9. HTML nested deeper than the parser's limit is read whole -----------------------
@pytest.mark.parametrize("depth", [300, 3000])
def test_hardening_deeply_nested_html_keeps_all_its_text(depth: int) -> None:
    html = (
        "<html><body><h1>Harbour Reopens</h1>"
        + "<div>" * depth
        + "<p>Deep inside the nest.</p>"
        + "</div>" * depth
        + "<p>The paragraph after the nest.</p></body></html>"
    )
    raw = read_document(html.encode(), "deep.html", "html")
    assert "Deep inside the nest." in raw.text and "after the nest" in raw.text
    assert any("nested" in w for w in raw.warnings)


# -- 10. careless use of the CLI and the library ----------------------------------------
def test_hardening_unparseable_url_is_e015_everywhere(tmp_path: Path) -> None:
    bad = "http://[::1/x"
    assert _code(analyze, ARTICLE, url=bad, structure_only=True) == "E015"
    raw = RawDocument(text=ARTICLE, source="c.jsonl:1", source_format="jsonl", url=bad)
    assert _code(analyze, raw, structure_only=True) == "E015"
    assert _code(analyze, ARTICLE, url="http://ex\x00ample.org/", structure_only=True) == "E015"
    doc = tmp_path / "a.txt"
    doc.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(doc), "--url", bad])
    assert result.exit_code == 2 and "[E015]" in result.stderr


def test_hardening_cli_checks_output_and_format_before_the_analysis(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import presslens.analysis

    def never(*_: object, **__: object) -> None:
        raise AssertionError("the analysis ran before the arguments were checked")

    monkeypatch.setattr(presslens.analysis, "analyze", never)
    doc = tmp_path / "a.txt"
    doc.write_text(ARTICLE, encoding="utf-8")
    runner = CliRunner()
    missing = tmp_path / "no" / "such" / "dir" / "out.json"
    result = runner.invoke(app, ["analyze", str(doc), "-o", str(missing)])
    assert result.exit_code == 2 and "[E087]" in result.stderr and "does not exist" in result.stderr
    result = runner.invoke(app, ["analyze", str(doc), "--format", "pdf"])
    assert result.exit_code == 2 and "[E007]" in result.stderr


def test_hardening_fifo_without_writer_times_out(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    started = time.monotonic()
    assert _code(read_limited, fifo, 1000, 0.3) == "E017"
    assert time.monotonic() - started < 5

    def write() -> None:
        with fifo.open("wb") as fh:
            fh.write(ARTICLE.encode())

    writer = threading.Thread(target=write)
    writer.start()
    assert read_limited(fifo, 1000, 5.0).decode() == ARTICLE
    writer.join()


def test_hardening_analyze_refuses_what_is_not_a_document() -> None:
    assert _code(analyze, None) == "E081"
    assert _code(analyze, 42) == "E081"
    assert _code(analyze, ARTICLE, published=2016, structure_only=True) == "E008"
    a = analyze(ARTICLE.encode("utf-8"), structure_only=True)  # bytes: decoded like a file
    assert a.article.title == "Harbour Reopens After Repairs"
    when = dt.datetime(2016, 10, 19, 12, 0)
    assert analyze(ARTICLE, published=when, structure_only=True).document.published == when.date()  # type: ignore[arg-type]


def test_hardening_damaged_utf8_is_repaired_not_guessed() -> None:
    data = "Café owners in Besançon protest. ".encode() * 4 + b"A broken \xc3\x28 byte."
    text, warnings = decode_text(data, "x.txt")
    assert text.startswith("Café owners in Besançon") and "\ufffd" in text
    assert warnings and "--encoding" in warnings[0]
    latin = "Naïve résumé of the café's menu. ".encode("cp1252") * 3
    text, warnings = decode_text(latin, "y.txt")
    assert text.startswith("Naïve résumé") and "cp1252" in warnings[0]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_hardening_utf16_without_bom_says_which_encoding(tmp_path: Path, encoding: str) -> None:
    doc = tmp_path / "u.txt"
    doc.write_bytes(ARTICLE.encode(encoding))
    with pytest.raises(PresslensError) as info:
        read_path(doc)
    assert info.value.code == "E080" and f"--encoding {encoding}" in str(info.value)
    assert read_path(doc, encoding=encoding).title == "Harbour Reopens After Repairs"


@pytest.mark.parametrize("published", [dt.date(1, 1, 1), dt.date(9999, 12, 31)])
def test_hardening_dates_at_the_calendar_edges_abstain(published: dt.date) -> None:
    # found by the fuzz suite: "yesterday" a day before 0001-01-01 raised OverflowError
    for text in ("yesterday", "next Monday", "last week", "next year", "in October", "next month"):
        for t in find_timex(text, 0, len(text), published):
            if t.value is not None:
                year = t.value.split("-")[0]
                assert not year.isdigit() or 1 <= int(year) <= 9999, (text, t.value)
