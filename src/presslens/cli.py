"""The ``presslens`` command line: thin wrappers around importable, quiet functions."""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import typer

from presslens.about import __version__
from presslens.errors import PresslensError

__all__ = ["app", "main", "sample_path"]

app = typer.Typer(
    name="presslens",
    help="Explainable analysis of news articles and their comment threads.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def sample_path() -> Path:
    """The project's own sample article (a flattened scrape written for presslens)."""
    return Path(str(resources.files("presslens.resources").joinpath("sample/harbour_fire.txt")))


def _fail(err: PresslensError) -> None:
    typer.echo(f"presslens: error: {err}", err=True)
    raise typer.Exit(err.exit_code)


@app.command()
def analyze(
    path: Annotated[
        str | None, typer.Argument(help="Article file (.txt, .html), or '-' for stdin.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, json or html.")] = "text",
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) when not in the input.")
    ] = None,
    url: Annotated[
        str | None, typer.Option(help="The document's URL when not in the input.")
    ] = None,
    sample: Annotated[bool, typer.Option("--sample", help="Analyse the bundled sample.")] = False,
    input_format: Annotated[
        str | None, typer.Option(help="Read as 'text' or 'html' whatever the extension.")
    ] = None,
    encoding: Annotated[str | None, typer.Option(help="Force the input encoding.")] = None,
    max_bytes: Annotated[
        int | None, typer.Option(help="Refuse inputs larger than this (default 20 MB).")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to a file.")
    ] = None,
    column_map: Annotated[
        str | None,
        typer.Option("--map", help="For JSONL/CSV corpora: text=body,published=date,…"),
    ] = None,
) -> None:
    """Analyse one document (or every record of a JSONL/CSV corpus) and print the report."""
    from presslens.analysis import analyze as run_analysis
    from presslens.ingest import read_path
    from presslens.render import render

    if sample:
        path = str(sample_path())
    if path is None:
        typer.echo("presslens: give a PATH, '-' for stdin, or --sample", err=True)
        raise typer.Exit(2)
    if Path(path).suffix.lower() in (".jsonl", ".ndjson", ".csv") or input_format in (
        "jsonl",
        "csv",
    ):
        _analyze_corpus(Path(path), fmt, column_map, published, output)
        return
    try:
        raw = read_path(path, input_format=input_format, max_bytes=max_bytes, encoding=encoding)
        result = run_analysis(raw, published=published, url=url)
        report = render(result, fmt)
    except PresslensError as err:
        _fail(err)
        return
    if output is not None:
        output.write_text(report, encoding="utf-8")
        typer.echo(f"wrote {output}", err=True)
    else:
        sys.stdout.write(report)


def _analyze_corpus(
    path: Path, fmt: str, column_map: str | None, published: str | None, output: Path | None
) -> None:
    """Every record: JSON lines (--format json) or reports one after another (text)."""
    from presslens.batch import analyze_records
    from presslens.ingest import RecordError
    from presslens.ingest.corpus import parse_column_map
    from presslens.render import render

    if not path.exists():
        _fail(PresslensError("E001", path=str(path), cwd=Path.cwd()))
    if fmt not in ("json", "text"):
        _fail(
            PresslensError(
                "E007", kind="output format for a corpus", value=fmt, options="json, text"
            )
        )
    try:
        mapping = parse_column_map(column_map)
    except PresslensError as err:
        _fail(err)
        return
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    done = failed = 0
    try:
        for item in analyze_records([path], mapping=mapping, published=published):
            if isinstance(item, RecordError):
                failed += 1
                typer.echo(f"presslens: skipped: {item.error}", err=True)
                continue
            done += 1
            out.write(item.model_dump_json() + "\n" if fmt == "json" else render(item, "text"))
            out.flush()
    finally:
        if output:
            out.close()
    typer.echo(f"presslens: {done} records analysed, {failed} skipped", err=True)
    if failed:
        raise typer.Exit(1)


@app.command("eval")
def evaluate(
    task: Annotated[str, typer.Argument(help="segmentation, geoparsing or quotes")],
    data: Annotated[Path | None, typer.Option(help="Dataset directory or file.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print metrics as JSON.")] = False,
) -> None:
    """Evaluate one analyser on a dataset and print its metrics beside trivial baselines."""
    from presslens.eval import run_task

    try:
        result = run_task(task, data)
    except PresslensError as err:
        _fail(err)
        return
    if as_json:
        typer.echo(json.dumps(result, indent=2))
        return
    for key, value in _flat(result):
        typer.echo(f"{key:>40}: {value:.4f}" if isinstance(value, float) else f"{key:>40}: {value}")


def _flat(result: dict[str, Any], prefix: str = "") -> list[tuple[str, object]]:
    """Dotted metric names and values; per-case error lists are left to --json."""
    rows: list[tuple[str, object]] = []
    for key, value in result.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            rows.extend(_flat(value, name + "."))
        elif not isinstance(value, list):
            rows.append((name, value))
    return rows


@app.command()
def train(
    what: Annotated[
        str,
        typer.Argument(
            help="cues: the attribution cue lexicon; comments: the comment classifier; "
            "claims: the check-worthiness classifier; outlets: the merged outlet ratings"
        ),
    ],
    data: Annotated[
        Path,
        typer.Option(
            help="Training data, e.g. ../shared/data/quotes-polnear/train or "
            "../shared/data/toxicity."
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Default: overwrite the shipped resource."),
    ] = None,
) -> None:
    """Rebuild a shipped model or data-derived resource from its training data."""
    from importlib import resources

    targets = ("cues", "comments", "claims", "outlets")
    if what not in targets:
        _fail(
            PresslensError("E007", kind="training target", value=what, options=", ".join(targets))
        )
        return
    if not data.is_dir():
        _fail(PresslensError("E013", path=str(data), task=f"train {what}", default="(none)"))
        return
    try:
        if what == "comments":
            from presslens.train.comments import train_comments

            shipped_dir = Path(str(resources.files("presslens.resources.comments")))
            card = train_comments(data, output or shipped_dir)
            typer.echo(json.dumps(card, indent=2))
            return
        if what == "outlets":
            from presslens.outlets.build import build_outlet_table

            shipped = resources.files("presslens.resources.outlets").joinpath("ratings.json.gz")
            counts = build_outlet_table(data, output or Path(str(shipped)))
            typer.echo(json.dumps(counts, indent=2))
            return
        if what == "claims":
            from presslens.train.claims import train_claims

            shipped_dir = Path(str(resources.files("presslens.resources.claims")))
            card = train_claims(data, output or shipped_dir)
            typer.echo(json.dumps(card, indent=2))
            return
        from presslens.analyzers.cues import learn_cues, write_cues

        lexicon = learn_cues(data)
    except PresslensError as err:
        _fail(err)
        return
    except ImportError as err:
        _fail(PresslensError("E018", module=err.name or "scikit-learn"))
        return
    shipped = resources.files("presslens.resources.quotes").joinpath("cues.json")
    target = output or Path(str(shipped))
    write_cues(lexicon, target)
    typer.echo(
        f"wrote {target}: {len(lexicon['words'])} cue words from {lexicon['documents']} documents"
    )


@app.command()
def schema(
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
) -> None:
    """Print the JSON Schema of the Analysis output."""
    from presslens.model import SCHEMA_VERSION, Analysis

    doc = Analysis.model_json_schema()
    doc["$id"] = f"https://presslens.invalid/schema/analysis-{SCHEMA_VERSION}.json"
    doc["version"] = SCHEMA_VERSION
    text = json.dumps(doc, indent=2, sort_keys=True) + "\n"
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


@app.command()
def version() -> None:
    """Print the presslens version."""
    typer.echo(__version__)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("presslens: interrupted", err=True)
        raise SystemExit(130) from None
