"""The events evaluation on small hand-written PETRARCH-style and ACLED-style files."""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import pytest

from presslens.errors import PresslensError
from presslens.eval import TASKS
from presslens.eval.events import acled_split, evaluate_events, is_heldout

_RECORDS = """<Validation><Sentences>
<Sentence date="20200101" id="T-1" category="DEMO">
<EventCoding sourcecode="FOO" targetcode="BAR" eventcode="190"></EventCoding>
<Text>Fooland attacked Barland on Monday.</Text>
</Sentence>
<Sentence date="20200101" id="T-2" category="DEMO">
<EventCoding sourcecode="BAR" targetcode="FOO" eventcode="112"></EventCoding>
<Text>Barland accused Fooland of lying.</Text>
</Sentence>
<Sentence date="20200101" id="T-3" category="DEMO">
<EventCoding sourcecode="FOO" targetcode="BAR" eventcode="903"></EventCoding>
<Text>Fooland ignored Barland.</Text>
</Sentence>
</Sentences></Validation>
"""
_ACTORS = "FOOLAND [FOO]\nBARLAND [BAR]\n+BARLANDIAN\n"


def _heldout_ids(n: int, split: str = "test") -> list[str]:
    ids = (str(i) for i in itertools.count() if acled_split(str(i)) == split)
    return list(itertools.islice(ids, n))


def _write(tmp_path: Path) -> Path:
    (tmp_path / "PETR.UnitTest.records.xml").write_text(_RECORDS, encoding="utf-8")
    (tmp_path / "PETR.Validate.actors.txt").write_text(_ACTORS, encoding="utf-8")
    ids = _heldout_ids(2)
    rows = [
        (
            ids[0],
            "Protests",
            "Protesters (France)",
            "On 9 May 2020, students protested in Lyon.",
            45.75,
            4.85,
        ),
        (
            ids[1],
            "Battles",
            "Military Forces of Mali",
            "On 9 May 2020, soldiers clashed with rebels near Gao.",
            16.27,
            -0.04,
        ),
    ]
    with (tmp_path / "acled.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(
            [
                "data_id",
                "event_date",
                "event_type",
                "actor1",
                "assoc_actor_1",
                "notes",
                "latitude",
                "longitude",
            ]
        )
        for data_id, etype, actor, note, lat, lon in rows:
            w.writerow([data_id, "9-May-20", etype, actor, "", note, lat, lon])
    return tmp_path


def test_eval_events_scores_hand_written_files(tmp_path: Path) -> None:
    result = evaluate_events(_write(tmp_path))
    petrarch = result["petrarch2"]
    assert petrarch["sentences"] == 2  # the synthetic code 903 is left out
    assert petrarch["category"]["recall"] == 1.0
    assert petrarch["actor_given_category"]["source_accuracy"] == 1.0
    assert petrarch["actor_given_category"]["target_accuracy"] == 1.0
    acled = result["acled"]
    assert acled["notes"] == 2
    assert acled["event_type"]["accuracy"] == 1.0
    assert acled["place_within_50km"] == 1.0
    assert acled["date_accuracy"] == 1.0
    assert acled["baselines"]["majority"]["accuracy"] == 0.5


def test_eval_events_without_data_raises_e036(tmp_path: Path) -> None:
    with pytest.raises(PresslensError) as info:
        evaluate_events(tmp_path)
    assert info.value.code == "E036"


def test_eval_events_bad_xml_raises_e035(tmp_path: Path) -> None:
    (tmp_path / "PETR.UnitTest.records.xml").write_text("<Validation><Sentence>", "utf-8")
    (tmp_path / "PETR.Validate.actors.txt").write_text(_ACTORS, encoding="utf-8")
    with pytest.raises(PresslensError) as info:
        evaluate_events(tmp_path)
    assert info.value.code == "E035"


def test_eval_events_is_a_task_and_split_is_stable() -> None:
    assert TASKS["events"].default_data == "events"
    assert [is_heldout(str(i)) for i in range(10)] == [is_heldout(str(i)) for i in range(10)]
    share = sum(is_heldout(str(i)) for i in range(2000)) / 2000
    assert 0.15 < share < 0.25
    splits = [acled_split(str(i)) for i in range(4000)]
    assert all(s == "burnt" for i, s in enumerate(splits) if is_heldout(str(i)))
    assert 0.15 < splits.count("test") / 4000 < 0.25  # a quarter of the four fifths
    assert 0.55 < splits.count("dev") / 4000 < 0.65


def test_eval_events_scores_the_split_asked_for(tmp_path: Path) -> None:
    data = _write(tmp_path)
    with pytest.raises(PresslensError) as info:
        evaluate_events(data, split="burnt")  # no rows of the old fifth in this file
    assert info.value.code == "E036"
    with pytest.raises(PresslensError) as info:
        evaluate_events(data, split="everything")
    assert info.value.code == "E007"
    assert evaluate_events(data, split="test")["acled"]["split"] == "test"


def test_eval_events_types_petrarch_cross_source(tmp_path: Path) -> None:
    cross = evaluate_events(_write(tmp_path))["petrarch2"]["acled_typing_cross_source"]
    # 190 → Battles, 112 → No event; 903 does not map, so that sentence is not scored
    assert cross["sentences"] == 2
    assert cross["labels"] == {"Battles": 1, "No event": 1}
    assert cross["accuracy"] == 1.0
    assert cross["non_events_typed"] == 0.0


def test_eval_events_labels_map_to_acled_explicitly() -> None:
    from presslens.eval.event_snippets import label_to_acled

    assert label_to_acled("Grenade") == ("Explosions/Remote violence", "Grenade")
    assert label_to_acled("air strike") == ("Explosions/Remote violence", "Air/drone strike")
    assert label_to_acled("Riots") == ("Riots", None)
    assert label_to_acled("Natural disaster") == ("No event", None)
    with pytest.raises(PresslensError) as err:
        label_to_acled("Weather")
    assert err.value.code == "E101"


def test_eval_events_scores_a_snippet_tsv_and_jsonl(tmp_path: Path) -> None:
    tsv = tmp_path / "s.tsv"
    tsv.write_text(
        "text\tlabel\n"
        "Police arrested three activists in the capital.\tArrests\n"
        "The ministers met in Geneva to discuss trade.\tNo event\n",
        encoding="utf-8",
    )
    result = evaluate_events(tsv)["snippets"]
    assert result["snippets"] == 2 and result["type"]["accuracy"] == 1.0
    assert result["non_events_typed"] == 0.0
    assert result["baselines"]["majority"]["accuracy"] == 0.5
    jsonl = tmp_path / "s.jsonl"
    jsonl.write_text('{"text": "Gunmen kidnapped a teacher.", "label": "Attack"}\n', "utf-8")
    sub = evaluate_events(jsonl)["snippets"]["sub_type"]
    assert sub["snippets"] == 1 and sub["accuracy"] == 0.0  # a kidnapping is an abduction
    bad = tmp_path / "bad.jsonl"
    bad.write_text("[1, 2]\n", "utf-8")
    with pytest.raises(PresslensError) as err:
        evaluate_events(bad)
    assert err.value.code == "E100"
