"""The extraction eval: the benchmark's shingle metric and a tiny hand-built page set."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from presslens.errors import PresslensError
from presslens.eval.extraction import evaluate_extraction, is_dev, shingle_match

BODY = (
    "Night buses will run between the station and the lakeside estates again from October, "
    "the transport committee decided on Wednesday after a six-month trial."
)


def test_eval_extraction_shingles_count_overlaps_per_page() -> None:
    assert shingle_match("a b c d e", "a b c d e") == (1.0, 0.0, 0.0)
    tp, fp, fn = shingle_match("a b c d e", "a b c d x")  # shingles abcd, bcde vs abcd, bcdx
    assert (tp, fp, fn) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert shingle_match("", "") == (0.0, 0.0, 0.0)
    assert shingle_match("one two", "") == (0.0, 0.0, 1.0)  # short text: one short shingle


def test_eval_extraction_split_is_stable_and_uses_both_parts() -> None:
    ids = [f"page-{i}" for i in range(200)]
    dev = [i for i in ids if is_dev(i)]
    assert dev == [i for i in ids if is_dev(i)]
    assert 60 < len(dev) < 140


def _page(root: Path, page_id: str, html: str) -> None:
    (root / "html").mkdir(exist_ok=True)
    (root / "html" / f"{page_id}.html.gz").write_bytes(gzip.compress(html.encode()))


def test_eval_extraction_scores_pages_and_reads_gold_free_ones(tmp_path: Path) -> None:
    html = f"<html><head><title>Buses</title></head><body><article><h1>Buses</h1><p>{BODY}</p>"
    _page(tmp_path, "a1", html + "</article></body></html>")
    _page(tmp_path, "no-gold", "<html><body><p>Only a line of text here.</p></body></html>")
    gold = {"a1": {"articleBody": BODY, "url": "https://herald.example/buses"}}
    (tmp_path / "ground-truth.json").write_text(json.dumps(gold), encoding="utf-8")
    result = evaluate_extraction(tmp_path)
    assert result["pages"] == 1 and result["all"]["f1"] == pytest.approx(1.0)
    assert result["baselines"]["empty"]["all"]["f1"] == 0.0
    assert result["pages_without_gold"] == {"read": 1, "rejected": 0}
    assert result["rejected_pages"] == []


def test_eval_extraction_malformed_data_is_a_coded_error(tmp_path: Path) -> None:
    (tmp_path / "ground-truth.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(PresslensError) as info:
        evaluate_extraction(tmp_path)
    assert info.value.code == "E070"
