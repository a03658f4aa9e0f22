"""Checks and help texts of the command line, kept out of ``cli.py`` so it stays a thin
list of commands: each check raises a coded error before any work starts."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from presslens.errors import PresslensError

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "ConfigOption",
    "ModelOption",
    "analysis_pipeline",
    "checked_settings",
    "checked_url",
    "defang",
    "eval_help",
    "eval_tasks",
    "existing_store",
    "fail",
    "one_document",
    "sample_corpus_path",
    "sample_path",
]

# The options that choose a layer's model and settings, shared by analyze, ingest and serve
# so the three read them the same way.
ModelOption = Annotated[
    list[str] | None,
    typer.Option(
        "--model",
        help="LAYER=PATH: use the model 'presslens train … --output PATH' wrote instead "
        "of the shipped one (repeatable; layers: entities, quotes, comments, claims, "
        "propaganda).",
    ),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option(help="A presslens config file (TOML, one table of settings per layer)."),
]


def sample_path() -> Path:
    """The project's own sample article (a flattened scrape written for presslens)."""
    return Path(str(resources.files("presslens.resources").joinpath("sample/harbour_fire.txt")))


def sample_corpus_path() -> Path:
    """The project's own sample corpus: JSON lines of articles and comment threads written
    for presslens (see resources/sample/CORPUS.md)."""
    return Path(str(resources.files("presslens.resources").joinpath("sample/corpus.jsonl")))


def defang(text: str) -> str:
    """Control characters from documents and paths made visible before a terminal sees
    them (imported late: the renderer pulls in rich)."""
    from presslens.render.terminal import defang as visible

    return visible(text)


def fail(err: PresslensError) -> None:
    """Print a coded error and exit with its code."""
    typer.echo(f"presslens: error: {defang(str(err))}", err=True)
    raise typer.Exit(err.exit_code)


def eval_help() -> str:
    """The eval command's help, from the task table, so a new task is listed by itself."""
    from presslens.eval import TASKS

    def data(path: str) -> str:
        return path if path.startswith("tests/") else f"../shared/data/{path}"

    lines = "\n\n".join(f"{t.name}: --data {data(t.default_data)}" for t in TASKS.values())
    return (
        "Evaluate one analyser on a dataset and print its metrics beside trivial baselines."
        f"\n\nTasks ({len(TASKS)}), with their usual data:\n\n{lines}"
    )


def eval_tasks() -> str:
    from presslens.eval import TASKS

    return "One of: " + ", ".join(TASKS) + "."


def one_document(paths: list[Path]) -> None:
    """E114 unless the paths are one file holding one document (not a corpus)."""
    if len(paths) != 1:
        raise PresslensError("E114", option="url", inputs=f"{len(paths)} paths were given")
    path = paths[0]
    if path.is_dir():
        raise PresslensError("E114", option="url", inputs=f"{path} is a directory")
    from presslens.ingest import is_corpus

    if is_corpus(path):
        raise PresslensError("E114", option="url", inputs=f"{path} is a corpus of records")


def checked_url(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise PresslensError("E015", value=url)
    return url.strip()


def existing_store(db: str) -> None:
    """E110 for a SQLite store that does not exist: opening would create an empty one."""
    from presslens.store.url import parse_store_url

    url = parse_store_url(db)
    if url.backend == "sqlite" and url.target != ":memory:" and not Path(url.target).exists():
        raise PresslensError("E110", path=url.target)


def checked_settings(
    models: list[str] | None, config: Path | None
) -> dict[str, dict[str, Any]] | None:
    """The layer settings ``--model LAYER=PATH`` and ``--config FILE`` ask for, keyed by
    factory and checked before any work (E120–E123); None when neither is given."""
    if not models and config is None:
        return None
    from presslens.pipeline import layer_settings, model_options, read_config

    settings: dict[str, dict[str, Any]] = read_config(config) if config else {}
    for layer, values in model_options(models or []).items():
        settings.setdefault(layer, {}).update(values)  # the command line wins over the file
    return layer_settings(settings, "--model/--config")


def analysis_pipeline(models: list[str] | None, config: Path | None) -> Language | None:
    """The pipeline ``--model LAYER=PATH`` and ``--config FILE`` ask for, checked before any
    work (E120–E123); None when neither is given (the default pipeline)."""
    settings = checked_settings(models, config)
    if settings is None:
        return None
    from presslens.pipeline import load_pipeline

    return load_pipeline(config=settings)
