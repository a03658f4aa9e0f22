"""The check-worthiness classifier, trained by ``presslens train claims`` (see MODEL_CARD.md).

Its loader lives here, beside the files, so the claims component and ``presslens eval
claims`` both import it from the resource and runtime never imports ``presslens.eval``.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from presslens.textcat.linear import LinearModel

__all__ = ["claim_model", "display_threshold"]


@functools.cache
def claim_model(folder: Path | None = None) -> LinearModel:
    """The model in ``folder`` (``presslens train claims -o FOLDER``), else the shipped."""
    root = folder or Path(str(resources.files("presslens.resources.claims")))
    return LinearModel.load(root, "claims")


def display_threshold(model: LinearModel) -> float:
    """The probability at which an article report flags a sentence: the out-of-fold F0.5
    optimum (``presslens train claims``), else the model's own threshold."""
    return float(model.meta.get("display_threshold", model.heads["checkworthy"].threshold))
