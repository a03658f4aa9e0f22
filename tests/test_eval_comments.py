from __future__ import annotations

from pathlib import Path

import pytest

from presslens.errors import PresslensError
from presslens.eval.comments import evaluate_comments, macro_f1


def test_eval_comments_macro_f1_matches_hand_count() -> None:
    gold = ["OFF", "OFF", "NOT", "NOT"]
    pred = ["OFF", "NOT", "NOT", "NOT"]
    # OFF: P 1, R 0.5 → F1 2/3; NOT: P 2/3, R 1 → F1 0.8
    assert macro_f1(gold, pred, ("NOT", "OFF")) == pytest.approx((2 / 3 + 0.8) / 2)


def test_eval_comments_reads_the_official_test_layout(tmp_path: Path) -> None:
    tweets = [
        ("1", "@USER you are a pathetic idiot and a liar"),
        ("2", "thank you for sharing the lovely photos of the harbour"),
        ("3", "what a stupid f*cking clown, shut up"),
        ("4", "the ferry timetable changes on monday"),
    ]
    (tmp_path / "testset-levela.tsv").write_text(
        "id\ttweet\n" + "".join(f"{i}\t{t}\n" for i, t in tweets), encoding="utf-8"
    )
    (tmp_path / "labels-levela.csv").write_text("1,OFF\n2,NOT\n3,OFF\n4,NOT\n", encoding="utf-8")
    result = evaluate_comments(tmp_path)
    a = result["olid"]["a"]
    assert a["n"] == 4 and a["macro_f1"] == 1.0
    assert a["baselines"]["majority"] < a["macro_f1"]
    assert "b" not in result["olid"] and "hatexplain" not in result


def test_eval_comments_empty_folder_is_a_coded_error(tmp_path: Path) -> None:
    with pytest.raises(PresslensError) as info:
        evaluate_comments(tmp_path)
    assert info.value.code == "E014"
