from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from presslens.errors import PresslensError
from presslens.ingest import read_path
from presslens.ingest.decode import decode_bytes
from presslens.ingest.text import title_line


def _code(fn: object, *args: object, **kw: object) -> str:
    with pytest.raises(PresslensError) as info:
        fn(*args, **kw)  # type: ignore[operator]
    return info.value.code


def test_ingest_decode_utf8_with_bom_drops_the_bom() -> None:
    assert decode_bytes("\ufeffTitle\n\nBody".encode(), "x") == "Title\n\nBody"


def test_ingest_decode_utf16_by_bom() -> None:
    data = "Title\n\nBody – dash".encode("utf-16")
    assert decode_bytes(data, "x") == "Title\n\nBody – dash"


def test_ingest_decode_legacy_charset_is_detected() -> None:
    text = "Café owners in Besançon protest the new terrace tax. " * 8
    assert decode_bytes(text.encode("cp1252"), "x") == text


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "E003"),
        (b"   \n\t\n", "E003"),
        (b"%PDF-1.7\n...", "E004"),
        (b"PK\x03\x04\x14\x00", "E004"),
        (b"text\x00with\x00nuls", "E004"),
        (bytes(range(1, 9)) * 50, "E004"),
    ],
)
def test_ingest_decode_refuses_non_text(data: bytes, code: str) -> None:
    assert _code(decode_bytes, data, "x") == code


def test_ingest_read_path_missing_directory_and_size(tmp_path: Path) -> None:
    assert _code(read_path, tmp_path / "missing.txt") == "E001"
    assert _code(read_path, tmp_path) == "E002"
    big = tmp_path / "big.txt"
    big.write_text("Title\n\n" + "word " * 100, encoding="utf-8")
    assert _code(read_path, big, max_bytes=50) == "E006"
    odd = tmp_path / "doc.pdfx"
    odd.write_text("Title", encoding="utf-8")
    assert _code(read_path, odd) == "E012"


def test_ingest_read_path_size_limit_from_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("Title\n\nBody text here.", encoding="utf-8")
    monkeypatch.setenv("PRESSLENS_MAX_BYTES", "10")
    assert _code(read_path, doc) == "E006"


def test_ingest_read_path_stdin() -> None:
    raw = read_path("-", stdin=io.BytesIO(b"Headline here\n\nFirst paragraph."))
    assert raw.source == "-" and raw.source_format == "stdin"
    assert raw.title == "Headline here"


def test_ingest_read_path_title_is_first_non_empty_line(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("\n\n  Storm Closes Harbour  \n\nBoats stayed in port.", encoding="utf-8")
    assert read_path(doc).title == "Storm Closes Harbour"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_ingest_decode_arbitrary_bytes_decode_or_raise_coded(data: bytes) -> None:
    code = None
    try:
        text = decode_bytes(data, "x")
    except PresslensError as err:
        code = err.code
    else:
        assert text.strip()
    assert code in {None, "E003", "E004", "E005"}


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_ingest_title_span_lies_inside_arbitrary_text(text: str) -> None:
    span = title_line(text)
    if span is None:
        assert not text.strip() or all(not ln.strip() for ln in text.splitlines())
    else:
        start, end = span
        assert 0 <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
