"""The check-worthiness classifier, trained by ``presslens train claims`` (see MODEL_CARD.md).

Its loader lives here, beside the files, so the claims component and ``presslens eval
claims`` both import it from the resource and runtime never imports ``presslens.eval``.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from presslens.errors import PresslensError
from presslens.textcat.linear import LinearModel
from presslens.textcat.vectors import load_model, table_digest, table_path

__all__ = ["claim_model", "display_threshold"]


@functools.cache
def claim_model(folder: Path | None = None) -> LinearModel:
    """The model in ``folder`` (``presslens train claims -o FOLDER``), else the shipped."""
    root = folder or Path(str(resources.files("presslens.resources.claims")))
    # with the word-vector table it was trained with, if any (the shipped model reads the
    # comment model's table, so a rebuilt table must not slip in)
    model = load_model(root, "claims")
    spec = model.meta.get("vectors")
    if spec and spec.get("sha256"):
        table = table_path(root, spec)
        found = table_digest(table)
        if found != spec["sha256"]:
            raise PresslensError(
                "E150", folder=str(root), table=str(table), expected=spec["sha256"], found=found
            )
    return model


def display_threshold(model: LinearModel) -> float:
    """The probability at which an article report flags a sentence: the out-of-fold F0.5
    optimum (``presslens train claims``), else the model's own threshold."""
    return float(model.meta.get("display_threshold", model.heads["checkworthy"].threshold))
