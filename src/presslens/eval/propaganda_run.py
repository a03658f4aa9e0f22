"""``presslens eval propaganda``: the runner (metrics and baselines: ``eval.propaganda``).

Apart from the scoring code because it calls the training code (``--model cv``
cross-validates ``presslens.train.propaganda``), and the training code scores its folds
with ``eval.propaganda``: in one module the two would import each other.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from presslens.datasets.ptc import read_corpus
from presslens.errors import PresslensError

__all__ = ["evaluate_propaganda"]


def evaluate_propaganda(data: Path, folds: int = 5, model: str = "cv") -> dict[str, Any]:
    """SI and TC scores with baselines: ``model="cv"`` cross-validates the training code
    (about two minutes for 371 articles and 5 folds on one core; needs scikit-learn);
    ``model="shipped"`` scores the shipped model as shipped (numpy only, seconds)."""
    corpus = read_corpus(data)
    if model == "shipped":
        from presslens.eval.propaganda_shipped import evaluate_shipped

        return evaluate_shipped(data, corpus)
    if model != "cv":
        raise PresslensError("E007", kind="propaganda model", value=model, options="cv, shipped")
    try:
        from presslens.train.propaganda import cross_validate
    except ImportError as err:
        raise PresslensError("E018", module=err.name or "scikit-learn") from None
    result = cross_validate(corpus, folds=folds, baselines=True)
    result.pop("_oof")
    result["model"] = "cross-validated training code"
    result["data"] = {
        "articles": len(corpus.articles),
        "si_spans": sum(len(v) for v in corpus.spans.values()),
        "tc_lines": len(corpus.techniques),
        "split": f"{folds}-fold cross-validation over articles (ids sorted, round-robin)",
    }
    return result
