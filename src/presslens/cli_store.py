"""The store's commands (ingest, search, outlets, export, serve, stats): thin wrappers
around ``presslens.batch`` and the API, registered on the app by ``presslens.cli``."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from presslens import cli_checks
from presslens.cli_checks import defang, fail, sample_corpus_path
from presslens.errors import PresslensError

__all__ = ["COMMANDS"]


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
    models: cli_checks.ModelOption = None,
    config: cli_checks.ConfigOption = None,
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
        settings = cli_checks.checked_settings(models, config)
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
            settings=settings,
        )
    except PresslensError as err:
        fail(err)
        return
    typer.echo(json.dumps(report.to_dict(), indent=2) if as_json else format_report(report))
    if strict and report.errors:
        raise typer.Exit(1)


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
        fail(err)
        return
    sys.stdout.write(
        result.model_dump_json(indent=2) + "\n" if as_json else defang(format_search(result))
    )


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
        fail(err)
        return
    if as_json:
        typer.echo(json.dumps([p.model_dump(mode="json") for p in profiles], indent=2))
    else:
        sys.stdout.write(defang(format_outlets(profiles)))


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
        fail(err)
        return
    if output is not None:
        typer.echo(f"wrote {output}: {rows} rows ({table})", err=True)


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
    models: cli_checks.ModelOption = None,
    config: cli_checks.ConfigOption = None,
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
        fail(PresslensError("E053", name=token_env))
    # loaded first: a bad --model or --config fails before the store opens, not on the
    # first POST /analyze
    try:
        nlp = cli_checks.analysis_pipeline(models, config)
    except PresslensError as err:
        fail(err)
        return
    if db is not None:
        from presslens.store import open_store

        try:
            if not create:
                cli_checks.existing_store(db)
            open_store(db).close()  # fail now, not on the first request
        except PresslensError as err:
            fail(err)
    settings = ApiSettings(
        db_url=db,
        token=token,
        max_request_bytes=max_request_bytes,
        request_timeout=request_timeout,
        analyze_max_chars=analyze_max_chars,
        analyze_max_seconds=analyze_max_seconds,
        analyze_requires_token=analyze_token,
        nlp=nlp,
    )
    mode = "read-write (token set)" if token else "read-only"
    typer.echo(f"presslens: serving {db or 'no store'} at http://{host}:{port}/ ({mode})", err=True)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")


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
        fail(err)
        return
    sys.stdout.write(json.dumps(stats, indent=2) + "\n" if as_json else defang(format_stats(stats)))


# command name → function, in the order --help lists them
COMMANDS: dict[str, Callable[..., Any]] = {
    "ingest": ingest_command,
    "search": search_command,
    "outlets": outlets_command,
    "export": export_command,
    "serve": serve,
    "stats": stats_command,
}
