"""Reproducible training of the models presslens ships (needs the ``train`` extra:
scikit-learn). Every trainer reads ``../shared/data`` through a ``--data`` path and is
deterministic: the same data gives the same files.

The targets are the layers that declare one (``presslens.layers.LAYERS``); a trainer is
imported only when it runs, so ``presslens train --help`` works without the extra.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from presslens.errors import PresslensError
from presslens.layers import LAYERS, Layer, shipped_path

__all__ = ["TARGETS", "run_training", "targets_help", "train_cues"]

TARGETS: dict[str, Layer] = {
    layer.train_task: layer for layer in LAYERS if layer.train_task and layer.train
}


def targets_help() -> str:
    return "; ".join(f"{name}: {layer.train_help}" for name, layer in TARGETS.items())


def run_training(name: str, data: Path, output: Path | None = None) -> dict[str, Any]:
    """Train one target on ``data`` into ``output`` (default: overwrite the shipped file);
    E007 for an unknown target, E013 when ``data`` is not a folder. A missing training
    extra surfaces as the ImportError of the module that needs it."""
    layer = TARGETS.get(name)
    if layer is None or layer.train is None:
        raise PresslensError("E007", kind="training target", value=name, options=", ".join(TARGETS))
    if not data.is_dir():
        raise PresslensError("E013", path=str(data), task=f"train {name}", default="(none)")
    module, _, function = layer.train.partition(":")
    trainer = getattr(importlib.import_module(module), function)
    summary: dict[str, Any] = trainer(data, output or shipped_path(layer))
    return summary


def train_cues(data: Path, out: Path) -> dict[str, Any]:
    """``train cues``: learn the cue lexicon from brat folders in ``data``, write it to
    ``out`` and say what was written (the quotes layer's training entry point)."""
    from presslens.analyzers.cues import write_cues
    from presslens.train.cues import learn_cues

    lexicon = learn_cues(data)
    write_cues(lexicon, out)
    return {
        "wrote": str(out),
        "cue_words": len(lexicon["words"]),
        "documents": lexicon["documents"],
        "relations": lexicon["relations"],
    }
