"""Evaluation runners, one per task, shared by the CLI, the CI gate and the benchmarks.

Each task has a runner returning a metrics dict, the dataset folder it reads by default, and
the metrics the gate pins in ``floors.json``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from presslens.errors import PresslensError

__all__ = ["TASKS", "Task", "load_floors", "run_task"]


@dataclass(frozen=True, slots=True)
class Task:
    name: str
    default_data: str  # relative to the data root (../shared/data) or to the repository
    runner: Callable[..., dict[str, Any]]  # (data, **options)


def _segmentation(data: Path) -> dict[str, Any]:
    from presslens.eval.segmentation import evaluate_segmentation

    return evaluate_segmentation(data)


def _geoparsing(data: Path) -> dict[str, Any]:
    from presslens.eval.geoparsing import evaluate_geoparsing

    return evaluate_geoparsing(data)


def _quotes(data: Path) -> dict[str, Any]:
    from presslens.eval.quotes import evaluate_quotes

    return evaluate_quotes(data)


def _comments(data: Path) -> dict[str, Any]:
    from presslens.eval.comments import evaluate_comments

    return evaluate_comments(data)


def _claims(data: Path) -> dict[str, Any]:
    from presslens.eval.claims import evaluate_claims

    return evaluate_claims(data)


def _propaganda(data: Path, model: str = "cv") -> dict[str, Any]:
    from presslens.eval.propaganda_run import evaluate_propaganda

    return evaluate_propaganda(data, model=model)


def _outlets(data: Path) -> dict[str, Any]:
    from presslens.eval.outlets import evaluate_outlets

    return evaluate_outlets(data)


def _events(data: Path) -> dict[str, Any]:
    from presslens.eval.events import evaluate_events

    return evaluate_events(data)


def _extraction(data: Path) -> dict[str, Any]:
    from presslens.eval.extraction import evaluate_extraction

    return evaluate_extraction(data)


def _language(data: Path) -> dict[str, Any]:
    from presslens.eval.language import evaluate_language

    return evaluate_language(data)


TASKS: dict[str, Task] = {
    "segmentation": Task("segmentation", "tests/data/segmentation", _segmentation),
    "geoparsing": Task("geoparsing", "geoparsing", _geoparsing),
    "quotes": Task("quotes", "quotes-polnear/dev", _quotes),
    "comments": Task("comments", "toxicity", _comments),
    "claims": Task("claims", "checkworthiness-ct24", _claims),
    "outlets": Task("outlets", "source-reliability", _outlets),
    "events": Task("events", "events", _events),
    "propaganda": Task("propaganda", "propaganda-ptc2020", _propaganda),
    "extraction": Task("extraction", "html-articles", _extraction),
    "language": Task("language", "tests/data/language", _language),
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
