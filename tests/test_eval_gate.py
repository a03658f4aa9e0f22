"""The evaluation gate: every task whose data is present must stay above its pinned floor.

The runners are the ones the CLI's ``presslens eval`` uses (``presslens.eval.TASKS``), so the
gate and the reported numbers cannot drift apart.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from presslens.eval import TASKS, load_floors, run_task
from tests.conftest import ROOT, SHARED

FLOORS = load_floors()
EPSILON = float(FLOORS["epsilon"])
GATES: list[dict[str, Any]] = FLOORS["gates"]


def _metric(result: dict[str, Any], dotted: str) -> float:
    value: Any = result
    for key in dotted.split("."):
        value = value[key]
    return float(value)


def _data(relative: str) -> Path:
    path = ROOT / relative if relative.startswith("tests/") else SHARED / "data" / relative
    if not path.exists():
        pytest.skip(f"{path} is absent")
    return path


@pytest.mark.parametrize("gate", GATES, ids=[f"{g['task']}:{g['data']}" for g in GATES])
def test_eval_gate_task_meets_its_floors(gate: dict[str, Any]) -> None:
    result = run_task(gate["task"], _data(gate["data"]), **gate.get("options", {}))
    below = {
        metric: (round(_metric(result, metric), 4), floor)
        for metric, floor in gate["metrics"].items()
        if _metric(result, metric) < floor - EPSILON
    }
    assert not below, f"{gate['task']} fell below its floors (measured, floor): {below}"


def test_eval_gate_every_task_is_gated() -> None:
    assert set(TASKS) <= {g["task"] for g in GATES}
