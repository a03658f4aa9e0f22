"""Gzipped inputs are read by the extension under ``.gz``; the size limit applies to what
they decompress to, and a damaged file is a coded error that keeps what was read before."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from presslens.batch.ingest import count_records
from presslens.errors import PresslensError
from presslens.ingest import RawDocument, RecordError, iter_documents, read_path
from presslens.ingest.corpus import iter_csv, iter_jsonl

_PAGE = (
    "<html><head><title>Harbour reopens</title></head><body><article>"
    "<h1>Harbour reopens</h1><p>The harbour at Vell reopened on Monday after a storm.</p>"
    "<p>Pilots said the channel was clear again by noon.</p></article></body></html>"
)


def _gz(path: Path, data: bytes) -> Path:
    path.write_bytes(gzip.compress(data, mtime=0))
    return path


def test_ingest_compressed_html_reads_as_the_page_itself(tmp_path: Path) -> None:
    plain = tmp_path / "page.html"
    plain.write_text(_PAGE, encoding="utf-8")
    packed = _gz(tmp_path / "page.html.gz", _PAGE.encode())
    a, b = read_path(plain), read_path(packed)
    assert b.source_format == "html"
    assert (a.text, a.title) == (b.text, b.title)
    assert "reopened on Monday" in b.text


def test_ingest_compressed_limit_applies_to_the_decompressed_size(tmp_path: Path) -> None:
    # 2 MB of spaces gzip to about 2 KB: the file is small, what it inflates to is not
    packed = _gz(tmp_path / "bomb.txt.gz", b" " * 2_000_000)
    assert packed.stat().st_size < 10_000
    with pytest.raises(PresslensError) as err:
        read_path(packed, max_bytes=1_000_000)
    assert err.value.code == "E006"
    assert "decompressed" in str(err.value)


def test_ingest_compressed_damaged_single_file_is_e200(tmp_path: Path) -> None:
    cut = tmp_path / "cut.html.gz"
    cut.write_bytes(gzip.compress(_PAGE.encode())[:40])
    with pytest.raises(PresslensError) as err:
        read_path(cut)
    assert err.value.code == "E200"
    assert "gzip -t" in str(err.value)
    fake = tmp_path / "fake.txt.gz"
    fake.write_bytes(b"plain text, never compressed")
    with pytest.raises(PresslensError) as err:
        read_path(fake)
    assert err.value.code == "E200"


def test_ingest_compressed_jsonl_keeps_records_before_the_damage(tmp_path: Path) -> None:
    lines = [json.dumps({"text": f"Record number {k} about the harbour."}) for k in range(200)]
    whole = gzip.compress("\n".join(lines).encode(), mtime=0)
    good = _gz(tmp_path / "c.jsonl.gz", "\n".join(lines).encode())
    docs = list(iter_jsonl(good))
    assert len(docs) == 200 and all(isinstance(d, RawDocument) for d in docs)
    assert docs[0].source_format == "jsonl"
    assert count_records([good]) == 200
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    out = list(iter_jsonl(cut))
    read = [d for d in out if isinstance(d, RawDocument)]
    assert 0 < len(read) < 200
    assert isinstance(out[-1], RecordError) and out[-1].error.code == "E200"
    assert out[-1].line == len(read) + 1  # the first line it could not read


def test_ingest_compressed_csv_is_read_row_by_row(tmp_path: Path) -> None:
    packed = _gz(
        tmp_path / "c.csv.gz",
        b'text,title\n"First story, with a comma.",One\n"Second story\nover two lines.",Two\n',
    )
    docs = list(iter_csv(packed))
    assert [d.title for d in docs if isinstance(d, RawDocument)] == ["One", "Two"]
    assert count_records([packed]) == 2


def test_ingest_compressed_directory_walk_reads_gz_pages(tmp_path: Path) -> None:
    _gz(tmp_path / "a.html.gz", _PAGE.encode())
    _gz(tmp_path / "notes.bin.gz", b"\x00\x01")  # not a kind we read: skipped
    (tmp_path / "b.txt").write_text("A plain text story about the harbour.", encoding="utf-8")
    out = list(iter_documents([tmp_path]))
    assert [Path(d.source).name for d in out if isinstance(d, RawDocument)] == [
        "a.html.gz",
        "b.txt",
    ]
    assert count_records([tmp_path]) == 2


def test_ingest_compressed_unknown_inner_type_names_both_suffixes(tmp_path: Path) -> None:
    packed = _gz(tmp_path / "x.pdf.gz", b"%PDF-1.4")
    with pytest.raises(PresslensError) as err:
        read_path(packed)
    assert err.value.code == "E012"
    assert "'.pdf.gz'" in str(err.value) and "gzipped" in str(err.value)
