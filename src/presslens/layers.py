"""One declaration per analysis layer: its spaCy component, its evaluation and its training.

``presslens eval`` builds its task table from these records (``presslens.eval.TASKS``) and
``presslens train`` its targets (``presslens.train.TARGETS``), so a new layer is declared
once. Evaluation and training entry points are named as ``"module:function"`` strings and
imported only by ``presslens.eval`` and ``presslens.train`` when a task runs: this module is
runtime code and imports neither (``tests/test_imports.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

__all__ = ["LAYERS", "Layer", "shipped_path"]


@dataclass(frozen=True, slots=True)
class Layer:
    name: str
    component: str | None = None  # the spaCy factory, when the layer is a pipe
    eval_task: str | None = None  # ``presslens eval TASK``
    eval_data: str | None = None  # relative to the data root (../shared/data) or the repo
    evaluate: str | None = None  # "module:function", called as (data, **options) -> metrics
    train_task: str | None = None  # ``presslens train TASK``
    train: str | None = None  # "module:function", called as (data, output) -> summary
    train_help: str | None = None  # what ``train TASK`` rebuilds, for the command's help
    shipped: str | None = None  # what ``train`` overwrites by default: "package[/file]"


LAYERS: tuple[Layer, ...] = (
    Layer(
        "segmentation",
        eval_task="segmentation",
        eval_data="tests/data/segmentation",
        evaluate="presslens.eval.segmentation:evaluate_segmentation",
    ),
    Layer(
        "entities",
        component="presslens_entities",
        eval_task="geoparsing",
        eval_data="geoparsing",
        evaluate="presslens.eval.geoparsing:evaluate_geoparsing",
        train_task="places",
        train="presslens.train.places:train_places",
        train_help="the gazetteer candidate ranker (--data ../shared/data/geoparsing)",
        shipped="presslens.resources.geonames",
    ),
    Layer("dates", component="presslens_dates"),
    Layer(
        "quotes",
        component="presslens_quotes",
        eval_task="quotes",
        eval_data="quotes-polnear/dev",
        evaluate="presslens.eval.quotes:evaluate_quotes",
        train_task="cues",
        train="presslens.train:train_cues",
        train_help="the attribution cue lexicon and its argument frames",
        shipped="presslens.resources.quotes/cues.json",
    ),
    Layer(
        "comments",
        component="presslens_comments",
        eval_task="comments",
        eval_data="toxicity",
        evaluate="presslens.eval.comments:evaluate_comments",
        train_task="comments",
        train="presslens.train.comments:train_comments",
        train_help="the comment classifier",
        shipped="presslens.resources.comments",
    ),
    Layer(
        "claims",
        component="presslens_claims",
        eval_task="claims",
        eval_data="checkworthiness-ct24",
        evaluate="presslens.eval.claims:evaluate_claims",
        train_task="claims",
        train="presslens.train.claims:train_claims",
        train_help="the check-worthiness classifier",
        shipped="presslens.resources.claims",
    ),
    Layer(
        "outlets",
        eval_task="outlets",
        eval_data="source-reliability",
        evaluate="presslens.eval.outlets:evaluate_outlets",
        train_task="outlets",
        train="presslens.outlets.build:build_outlet_table",
        train_help="the merged outlet ratings",
        shipped="presslens.resources.outlets/ratings.json.gz",
    ),
    Layer(
        "events",
        component="presslens_events",
        eval_task="events",
        eval_data="events",
        evaluate="presslens.eval.events:evaluate_events",
    ),
    Layer(
        "propaganda",
        component="presslens_propaganda",
        eval_task="propaganda",
        eval_data="propaganda-ptc2020",
        evaluate="presslens.eval.propaganda_run:evaluate_propaganda",
        train_task="propaganda",
        train="presslens.train.propaganda:train_propaganda",
        train_help="the technique span and class models",
        shipped="presslens.resources.propaganda",
    ),
    Layer(
        "extraction",
        eval_task="extraction",
        eval_data="html-articles",
        evaluate="presslens.eval.extraction:evaluate_extraction",
    ),
    Layer(
        "language",
        eval_task="language",
        eval_data="tests/data/language",
        evaluate="presslens.eval.language:evaluate_language",
    ),
)


def shipped_path(layer: Layer) -> Path:
    """The installed file or folder ``presslens train`` overwrites when no --output is given."""
    if layer.shipped is None:
        raise ValueError(f"layer {layer.name} ships nothing to retrain")
    package, _, name = layer.shipped.partition("/")
    root = resources.files(package)
    return Path(str(root.joinpath(name) if name else root))
