"""Evaluation runners, one per task, shared by the CLI, the CI gate and the benchmarks.

Each task has a runner returning a metrics dict, the dataset folder it reads by default, and
the metrics the gate pins in ``floors.json``.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from presslens.errors import PresslensError
from presslens.layers import LAYERS

__all__ = ["TASKS", "Task", "load_floors", "run_task"]


@dataclass(frozen=True, slots=True)
class Task:
    name: str
    default_data: str  # relative to the data root (../shared/data) or to the repository
    runner: Callable[..., dict[str, Any]]  # (data, **options)


def _lazy(entry: str) -> Callable[..., dict[str, Any]]:
    """The runner named ``module:function``, imported on its first call: loading the task
    table (for ``eval --help``) must not import every evaluation and its models."""
    module, _, function = entry.partition(":")

    def runner(data: Path, **options: Any) -> dict[str, Any]:
        result: dict[str, Any] = getattr(importlib.import_module(module), function)(data, **options)
        return result

    return runner


# One task per layer that declares an evaluation (presslens.layers), in declaration order.
TASKS: dict[str, Task] = {
    layer.eval_task: Task(layer.eval_task, layer.eval_data, _lazy(layer.evaluate))
    for layer in LAYERS
    if layer.eval_task and layer.eval_data and layer.evaluate
}


def run_task(name: str, data: Path | None = None, **options: Any) -> dict[str, Any]:
    """Run one evaluation; raises E007 for an unknown task, E013 when its data is absent.
    ``options`` go to the task's runner (propaganda: ``model="cv"`` or ``"shipped"``)."""
    try:
        task = TASKS[name]
    except KeyError:
        raise PresslensError(
            "E007", kind="evaluation task", value=name, options=", ".join(TASKS)
        ) from None
    path = data if data is not None else Path(task.default_data)
    if not path.exists():
        raise PresslensError("E013", path=str(path), task=name, default=task.default_data)
    return task.runner(path, **options)


def load_floors() -> dict[str, Any]:
    """The pinned floors: ``{task: {metric: minimum}}``, plus ``_epsilon``."""
    text = resources.files("presslens.eval").joinpath("floors.json").read_text("utf-8")
    floors: dict[str, Any] = json.loads(text)
    return floors
