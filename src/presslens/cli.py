"""The ``presslens`` command line: thin wrappers around importable, quiet functions."""

from __future__ import annotations

import json
import os
import sys
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import typer

from presslens import cli_checks
from presslens.about import __version__
from presslens.errors import PresslensError

__all__ = ["app", "defang", "main", "sample_corpus_path", "sample_path"]

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


def sample_corpus_path() -> Path:
    """The project's own sample corpus: JSON lines of articles and comment threads written
    for presslens (see resources/sample/CORPUS.md)."""
    return Path(str(resources.files("presslens.resources").joinpath("sample/corpus.jsonl")))


def defang(text: str) -> str:
    """Control characters from documents and paths made visible before a terminal sees
    them (imported late: the renderer pulls in rich)."""
    from presslens.render.terminal import defang as visible

    return visible(text)


def _fail(err: PresslensError) -> None:
    typer.echo(f"presslens: error: {defang(str(err))}", err=True)
    raise typer.Exit(err.exit_code)


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
    models: Annotated[
        list[str] | None,
        typer.Option(
            "--model",
            help="LAYER=PATH: use the model 'presslens train … --output PATH' wrote instead "
            "of the shipped one (repeatable; layers: entities, quotes, comments, claims, "
            "propaganda).",
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(help="A presslens config file (TOML, one table of settings per layer)."),
    ] = None,
) -> None:
    """Analyse one document (or every record of a JSONL/CSV corpus) and print the report."""
    from presslens.analysis import analyze as run_analysis
    from presslens.ingest import read_path
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
    if Path(path).suffix.lower() in (".jsonl", ".ndjson", ".csv") or input_format in (
        "jsonl",
        "csv",
    ):
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


@app.command("ingest")
def ingest_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Directories of .txt/.html files, JSONL or CSV corpora."),
    ] = None,
    db: Annotated[
        str | None,
        typer.Option(
            help="Store: a SQLite path or postgresql:// URL (default $PRESSLENS_DB "
            "or ./presslens.db)."
        ),
    ] = None,
    workers: Annotated[int, typer.Option(min=1, help="Local worker processes.")] = 1,
    dask: Annotated[
        str | None, typer.Option(help="Analyse on this Dask scheduler (tcp://host:8786).")
    ] = None,
    column_map: Annotated[
        str | None, typer.Option("--map", help="For JSONL/CSV: text=body,published=date,…")
    ] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for every document.")
    ] = None,
    url: Annotated[
        str | None, typer.Option(help="The URL of the document (one .txt or .html file only).")
    ] = None,
    structure_only: Annotated[
        bool, typer.Option("--structure-only", help="Only title, article and comments.")
    ] = False,
    components: Annotated[
        str | None,
        typer.Option(help="Pipeline components, comma-separated (default: all of them)."),
    ] = None,
    commit_every: Annotated[
        int, typer.Option(min=1, help="Commit after this many documents (or 2 s).")
    ] = 32,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 when any document failed.")
    ] = False,
    sample: Annotated[
        bool, typer.Option("--sample", help="Also ingest the bundled sample corpus.")
    ] = False,
) -> None:
    """Analyse every new document of a corpus into the store (resumable, idempotent)."""
    from presslens.batch.commands import default_db, format_report
    from presslens.batch.ingest import ingest as run_ingest
    from presslens.ingest.corpus import parse_column_map
    from presslens.ingest.dates import parse_iso_date

    paths = [*(paths or []), *([sample_corpus_path()] if sample else [])]
    if not paths:
        typer.echo("presslens: give one or more PATHs, or --sample", err=True)
        raise typer.Exit(2)
    try:
        for path in paths:
            if not path.exists():
                raise PresslensError("E001", path=str(path), cwd=Path.cwd())
        if url is not None:
            cli_checks.one_document(paths)
            url = cli_checks.checked_url(url)
        report = run_ingest(
            paths,
            default_db(db),
            workers=workers,
            dask_address=dask,
            mapping=parse_column_map(column_map),
            published=parse_iso_date(published) if published else None,
            url=url,
            structure_only=structure_only,
            components=tuple(c.strip() for c in components.split(",")) if components else None,
            commit_every=commit_every,
            progress=not quiet and sys.stderr.isatty(),
        )
    except PresslensError as err:
        _fail(err)
        return
    typer.echo(json.dumps(report.to_dict(), indent=2) if as_json else format_report(report))
    if strict and report.errors:
        raise typer.Exit(1)


@app.command("search")
def search_command(
    query: Annotated[
        str | None, typer.Argument(help='Words (all required), "a phrase", OR, -excluded.')
    ] = None,
    db: Annotated[str | None, typer.Option(help="Store (default $PRESSLENS_DB).")] = None,
    outlet: Annotated[list[str] | None, typer.Option(help="Outlet domain (repeatable).")] = None,
    entity: Annotated[list[str] | None, typer.Option(help="Entity id or name.")] = None,
    place: Annotated[list[str] | None, typer.Option(help="GeoNames id or place name.")] = None,
    technique: Annotated[list[str] | None, typer.Option(help="e.g. Loaded_Language.")] = None,
    speaker: Annotated[list[str] | None, typer.Option(help="Quoted speaker's name.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before.")] = None,
    flag: Annotated[
        list[str] | None, typer.Option(help="A comment carries this flag (insult, threat, …).")
    ] = None,
    order: Annotated[str, typer.Option(help="relevance, newest or oldest.")] = "relevance",
    page: Annotated[int, typer.Option(min=1)] = 1,
    page_size: Annotated[int, typer.Option(help="Results per page (1-100).")] = 10,
    facets: Annotated[bool, typer.Option("--facets", help="Show facet counts.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the page as JSON.")] = False,
) -> None:
    """Search the store: full text and filters, one page at a time."""
    from presslens.batch.commands import default_db, format_search, run_search, search_filters

    try:
        filters = search_filters(
            query, outlet=outlet, entity=entity, place=place, technique=technique,
            speaker=speaker, flag=flag, since=since, until=until,
        )  # fmt: skip
        result = run_search(
            default_db(db), filters, page=page, page_size=page_size, facets=facets, order=order
        )
    except PresslensError as err:
        _fail(err)
        return
    sys.stdout.write(
        result.model_dump_json(indent=2) + "\n" if as_json else defang(format_search(result))
    )


@app.command("outlets")
def outlets_command(
    db: Annotated[str | None, typer.Option(help="Store (default $PRESSLENS_DB).")] = None,
    top: Annotated[int, typer.Option(min=1, help="How many outlets.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print the profiles as JSON.")] = False,
) -> None:
    """Profiles of the store's outlets: volume, rating, techniques, sourcing, comments."""
    from presslens.batch.commands import default_db, format_outlets, read_outlets

    try:
        profiles = read_outlets(default_db(db), top=top)
    except PresslensError as err:
        _fail(err)
        return
    if as_json:
        typer.echo(json.dumps([p.model_dump(mode="json") for p in profiles], indent=2))
    else:
        sys.stdout.write(defang(format_outlets(profiles)))


@app.command("export")
def export_command(
    table: Annotated[
        str,
        typer.Option(
            help="places, quotes, comments, techniques, events, claims, entities, documents "
            "or findings (every layer in one table); columns in docs/export.md."
        ),
    ],
    db: Annotated[str | None, typer.Option(help="Store (default $PRESSLENS_DB).")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv, jsonl or parquet.")] = "csv",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File to write (default: standard output)."),
    ] = None,
) -> None:
    """Export one table of the store, one row per finding, streamed a batch at a time."""
    from presslens.batch.commands import default_db
    from presslens.export import export_store

    try:
        rows = export_store(default_db(db), table, fmt, output)
    except PresslensError as err:
        _fail(err)
        return
    if output is not None:
        typer.echo(f"wrote {output}: {rows} rows ({table})", err=True)


@app.command()
def serve(
    db: Annotated[
        str | None,
        typer.Option(
            help="Store to serve: a SQLite path or postgresql:// URL "
            "(default $PRESSLENS_DB, else presslens.db here when it exists)."
        ),
    ] = None,
    host: Annotated[str, typer.Option(help="Interface to listen on (local only by default).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    token_env: Annotated[
        str | None,
        typer.Option(
            help="Environment variable holding the API token that allows ingest "
            "(default: PRESSLENS_API_TOKEN when set; without a token: read-only)."
        ),
    ] = None,
    max_request_bytes: Annotated[int, typer.Option(help="Largest request body accepted.")] = (
        2_000_000
    ),
    create: Annotated[
        bool, typer.Option("--create", help="Create the store when it does not exist yet.")
    ] = False,
    request_timeout: Annotated[
        float, typer.Option(min=0.1, help="Seconds one request may use the database.")
    ] = 5.0,
    analyze_max_chars: Annotated[
        int, typer.Option(min=1, help="Longest document POST /analyze accepts (characters).")
    ] = 100_000,
    analyze_max_seconds: Annotated[
        float, typer.Option(min=0.1, help="Seconds one POST /analyze may take.")
    ] = 30.0,
    analyze_token: Annotated[
        bool,
        typer.Option("--analyze-token", help="POST /analyze needs the API token too."),
    ] = False,
) -> None:
    """Serve the HTTP API (/api/v1, /openapi.json) and the dashboard (/)."""
    import os

    import uvicorn

    from presslens.api.app import ApiSettings, create_app
    from presslens.batch.commands import default_db

    if db is None and (os.environ.get("PRESSLENS_DB") or Path(default_db()).exists()):
        db = default_db()
    token = os.environ.get(token_env or "PRESSLENS_API_TOKEN", "").strip() or None
    if token_env and token is None:
        _fail(PresslensError("E053", name=token_env))
    if db is not None:
        from presslens.store import open_store

        try:
            if not create:
                cli_checks.existing_store(db)
            open_store(db).close()  # fail now, not on the first request
        except PresslensError as err:
            _fail(err)
    settings = ApiSettings(
        db_url=db,
        token=token,
        max_request_bytes=max_request_bytes,
        request_timeout=request_timeout,
        analyze_max_chars=analyze_max_chars,
        analyze_max_seconds=analyze_max_seconds,
        analyze_requires_token=analyze_token,
    )
    mode = "read-write (token set)" if token else "read-only"
    typer.echo(f"presslens: serving {db or 'no store'} at http://{host}:{port}/ ({mode})", err=True)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")


@app.command("stats")
def stats_command(
    db: Annotated[str | None, typer.Option(help="Store (default $PRESSLENS_DB).")] = None,
    errors: Annotated[bool, typer.Option("--errors", help="List every recorded error.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """What the store holds: documents, layers, outlets, and the documents that failed."""
    from presslens.batch.commands import default_db, format_stats, read_stats

    try:
        stats = read_stats(default_db(db), errors=errors)
    except PresslensError as err:
        _fail(err)
        return
    sys.stdout.write(json.dumps(stats, indent=2) + "\n" if as_json else defang(format_stats(stats)))


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
