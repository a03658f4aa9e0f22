from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from presslens.errors import PresslensError
from presslens.eval import TASKS
from presslens.layers import LAYERS, shipped_path
from presslens.pipeline import COMPONENTS
from presslens.train import TARGETS, run_training


def test_layers_every_component_is_declared_once() -> None:
    declared = [layer.component for layer in LAYERS if layer.component]
    assert sorted(declared) == sorted(COMPONENTS)


def test_layers_names_and_tasks_are_unique() -> None:
    for field in ("name", "eval_task", "train_task"):
        values = [getattr(layer, field) for layer in LAYERS if getattr(layer, field)]
        assert len(values) == len(set(values)), field


ENTRIES = [e for layer in LAYERS for e in (layer.evaluate, layer.train) if e]


@pytest.mark.parametrize("entry", ENTRIES)
def test_layers_entry_points_resolve_to_functions(entry: str) -> None:
    module, _, function = entry.partition(":")
    assert callable(getattr(importlib.import_module(module), function))


def test_layers_eval_and_train_tables_come_from_the_declarations() -> None:
    assert list(TASKS) == [layer.eval_task for layer in LAYERS if layer.eval_task]
    assert list(TARGETS) == ["places", "cues", "comments", "claims", "outlets", "propaganda"]
    for layer in TARGETS.values():
        assert shipped_path(layer).exists()


def test_layers_train_refuses_unknown_targets_and_missing_data(tmp_path: Path) -> None:
    with pytest.raises(PresslensError) as unknown:
        run_training("dates", tmp_path)
    assert unknown.value.code == "E007"
    with pytest.raises(PresslensError) as missing:
        run_training("cues", tmp_path / "absent", tmp_path / "cues.json")
    assert missing.value.code == "E013"


def test_layers_train_cues_writes_where_it_is_told(tmp_path: Path) -> None:
    data = tmp_path / "polnear"
    (data / "text").mkdir(parents=True)
    (data / "attributions").mkdir()
    sentences = [f"The mayor said the pier {n} would reopen." for n in range(4)]
    text = " ".join(sentences)
    (data / "text" / "a.txt").write_text(text, encoding="utf-8")
    lines = []
    for n, sentence in enumerate(sentences):
        start = text.index(sentence) + len("The mayor ")
        lines.append(f"T{n}\tCue {start} {start + 4}\tsaid")
        content = start + 5
        lines.append(f"T{n + 10}\tContent {content} {content + 10}\tthe pier")
        lines.append(f"T{n + 20}\tAttribution {start} {start + 4}\tsaid")
        lines.append(f"E{n}\tAttribution:T{n + 20} Cue:T{n} Content:T{n + 10}")
    (data / "attributions" / "a_0001.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "cues.json"
    summary = run_training("cues", data, out)
    assert summary["wrote"] == str(out)
    assert out.exists()
    assert summary["documents"] == 1
    assert summary["cue_words"] == 1  # "said": 4 of 4 occurrences are cues
