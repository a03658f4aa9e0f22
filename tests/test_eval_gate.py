"""The evaluation gate: every task whose data is present must stay above its pinned floor.

The runners are the ones the CLI's ``presslens eval`` uses (``presslens.eval.TASKS``), so the
gate and the reported numbers cannot drift apart.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from presslens.eval import TASKS, load_floors, run_task
from tests.conftest import ROOT, SHARED

FLOORS = load_floors()
EPSILON = float(FLOORS["_epsilon"])


def _data_for(task: str) -> Path:
    default = TASKS[task].default_data
    path = ROOT / default if default.startswith("tests/") else SHARED / "data" / default
    if not path.exists():
        pytest.skip(f"{path} is absent")
    return path


@pytest.mark.parametrize("task", [t for t in FLOORS if not t.startswith("_")])
def test_eval_gate_task_meets_its_floors(task: str) -> None:
    result = run_task(task, _data_for(task))
    floors = FLOORS[task]
    assert isinstance(floors, dict)
    below = {
        metric: (result[metric], floor)
        for metric, floor in floors.items()
        if result[metric] < floor - EPSILON
    }
    assert not below, f"{task} fell below its floors (measured, floor): {below}"


def test_eval_gate_every_task_has_floors() -> None:
    assert set(TASKS) <= set(FLOORS)
