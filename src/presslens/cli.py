"""The ``presslens`` command line: thin wrappers around importable, quiet functions."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from presslens import cli_checks, cli_store
from presslens.about import __version__
from presslens.cli_checks import defang, sample_corpus_path, sample_path
from presslens.cli_checks import fail as _fail
from presslens.errors import PresslensError

__all__ = ["app", "defang", "main", "sample_corpus_path", "sample_path"]

app = typer.Typer(
    name="presslens",
    help="Explainable analysis of news articles and their comment threads.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.command()
def analyze(
    path: Annotated[
        str | None, typer.Argument(help="Article file (.txt, .html), or '-' for stdin.")
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="text, json, html, geojson (places and events), csv or parquet (--table).",
        ),
    ] = "text",
    table: Annotated[
        str, typer.Option(help="For csv/parquet: findings (every layer) or one layer's table.")
    ] = "findings",
    all_rows: Annotated[
        bool, typer.Option("--all", help="Text tables: every row, not the first 25 or so.")
    ] = False,
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
    max_seconds: Annotated[
        float | None,
        typer.Option(
            min=0, help="Stop a document's analysis after this many seconds (default 900; 0: none)."
        ),
    ] = None,
    max_chars: Annotated[
        int | None,
        typer.Option(min=1, help="Refuse documents longer than this (default 2,000,000)."),
    ] = None,
    models: cli_checks.ModelOption = None,
    config: cli_checks.ConfigOption = None,
) -> None:
    """Analyse one document (or every record of a JSONL/CSV corpus) and print the report."""
    from presslens.analysis import analyze as run_analysis
    from presslens.ingest import is_corpus, read_path
    from presslens.render import FORMATS, render

    # everything the analysis does not decide is checked before it, not after minutes of it
    formats = [*FORMATS, "csv", "parquet"]  # the last two are tables (presslens.export)
    if fmt not in formats:
        _fail(PresslensError("E007", kind="output format", value=fmt, options=", ".join(formats)))
    if output is not None:
        _check_output(output)
    if sample:
        path = str(sample_path())
    if path is None:
        typer.echo("presslens: give a PATH, '-' for stdin, or --sample", err=True)
        raise typer.Exit(2)
    try:
        nlp = cli_checks.analysis_pipeline(models, config)
    except PresslensError as err:
        _fail(err)
        return
    if is_corpus(Path(path), input_format):
        _analyze_corpus(Path(path), fmt, column_map, published, output, nlp)
        return
    if fmt in ("csv", "parquet"):
        _analyze_export(
            path, fmt, table, output, published, url, input_format, max_bytes, encoding, nlp
        )
        return
    try:
        raw = read_path(path, input_format=input_format, max_bytes=max_bytes, encoding=encoding)
        result = run_analysis(
            raw,
            published=published,
            url=url,
            nlp=nlp,
            max_seconds=max_seconds,
            max_chars=max_chars,
        )
        if fmt == "text" and all_rows:
            from presslens.render.terminal import render_terminal

            report = render_terminal(result, all_rows=True)
        else:
            report = render(result, fmt)
    except PresslensError as err:
        _fail(err)
        return
    if output is not None:
        try:
            output.write_text(report, encoding="utf-8")
        except OSError as exc:  # removed or filled up while the analysis ran
            _fail(PresslensError("E112", path=str(output), reason=exc.strerror or str(exc)))
        typer.echo(f"wrote {output}", err=True)
    else:
        sys.stdout.write(report)


def _analyze_export(
    path: str,
    fmt: str,
    table: str,
    output: Path | None,
    published: str | None,
    url: str | None,
    input_format: str | None,
    max_bytes: int | None,
    encoding: str | None,
    nlp: Any = None,
) -> None:
    """One document's findings as a CSV or Parquet table (see docs/export.md)."""
    from presslens.analysis import analyze as run_analysis
    from presslens.export import check_request, export_analyses
    from presslens.ingest import read_path

    try:
        check_request(table, fmt, output)  # before the analysis, not after it
        raw = read_path(path, input_format=input_format, max_bytes=max_bytes, encoding=encoding)
        rows = export_analyses(
            [run_analysis(raw, published=published, url=url, nlp=nlp)], table, fmt, output
        )
    except PresslensError as err:
        _fail(err)
        return
    if output is not None:
        typer.echo(f"wrote {output}: {rows} rows ({table})", err=True)


def _check_output(output: Path) -> None:
    """E087 when the report could not be written there: checked before the analysis."""
    reason = None
    if output.is_dir():
        reason = "it is a directory"
    elif not output.parent.is_dir():
        reason = f"the directory {output.parent} does not exist"
    elif not os.access(output.parent, os.W_OK):
        reason = f"the directory {output.parent} is not writable"
    if reason is not None:
        _fail(PresslensError("E087", path=str(output), reason=reason))


def _analyze_corpus(
    path: Path,
    fmt: str,
    column_map: str | None,
    published: str | None,
    output: Path | None,
    nlp: Any = None,
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
        for item in analyze_records([path], mapping=mapping, published=published, nlp=nlp):
            if isinstance(item, RecordError):
                failed += 1
                typer.echo(f"presslens: skipped: {defang(str(item.error))}", err=True)
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


@app.command("eval", help=cli_checks.eval_help())
def evaluate(
    task: Annotated[str, typer.Argument(help=cli_checks.eval_tasks())],
    data: Annotated[Path | None, typer.Option(help="Dataset directory or file.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print metrics as JSON.")] = False,
    model: Annotated[
        str | None,
        typer.Option(
            help="propaganda: 'cv' cross-validates the training code (default), "
            "'shipped' scores the shipped model on articles it never saw."
        ),
    ] = None,
    split: Annotated[
        str | None,
        typer.Option(
            help="events: which ACLED rows to score: 'test' (default: the fresh held-out "
            "quarter), 'dev' (the rows whose errors are read), 'burnt' (the old fifth)."
        ),
    ] = None,
) -> None:
    from presslens.eval import run_task

    options = ({"model": model} if model else {}) | ({"split": split} if split else {})
    try:
        result = run_task(task, data, **options)
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


def _train_targets() -> str:
    from presslens.train import targets_help  # the layers' declarations, not sklearn

    return targets_help()


@app.command()
def train(
    what: Annotated[str, typer.Argument(help=_train_targets())],
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
    from presslens.train import run_training

    try:
        summary = run_training(what, data, output)
    except PresslensError as err:
        _fail(err)
        return
    except ImportError as err:
        _fail(PresslensError("E018", module=err.name or "scikit-learn"))
        return
    typer.echo(json.dumps(summary, indent=2))


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


# the store's commands come after the single-document ones in --help
for _name, _command in cli_store.COMMANDS.items():
    app.command(_name)(_command)


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


if __name__ == "__main__":  # python -m presslens.cli
    main()
