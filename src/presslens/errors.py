"""The coded error catalogue.

Every error a user can cause has a code, and its message says what happened, why, and what
to do about it. Codes are stable: tests, the API's error envelope and the docs refer to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["CATALOGUE", "ErrorEntry", "PresslensError"]


@dataclass(frozen=True, slots=True)
class ErrorEntry:
    """One catalogue entry: a message template in three parts."""

    what: str
    why: str
    fix: str
    exit_code: int = 2


CATALOGUE: dict[str, ErrorEntry] = {
    "E001": ErrorEntry(
        what="Input path not found: {path}",
        why="nothing exists at that path (checked relative to {cwd})",
        fix="check the spelling, or pass '-' to read the document from standard input",
    ),
    "E002": ErrorEntry(
        what="Input path is a directory: {path}",
        why="'analyze' reads one document; directories are corpora",
        fix="pass a single file, or load the directory with 'presslens ingest {path}'",
    ),
    "E003": ErrorEntry(
        what="Input is empty: {source}",
        why="the document has no text after decoding (only whitespace or nothing at all)",
        fix="check that the file was saved completely; a scrape that failed often leaves an "
        "empty file",
    ),
    "E004": ErrorEntry(
        what="Input looks binary, not text: {source}",
        why="{reason}",
        fix="pass a plain-text, HTML, JSONL or CSV file; extract text from PDFs or office "
        "documents first",
    ),
    "E005": ErrorEntry(
        what="Input could not be decoded as text: {source}",
        why="it is not valid UTF-8 and no other encoding fits it well enough",
        fix="convert it to UTF-8 (e.g. 'iconv -f WINDOWS-1252 -t UTF-8'), or pass --encoding NAME",
    ),
    "E006": ErrorEntry(
        what="Input is too large: {source} has {size} bytes",
        why="the limit is {limit} bytes, to keep one runaway file from exhausting memory",
        fix="raise the limit with --max-bytes N (or PRESSLENS_MAX_BYTES), or split the file",
    ),
    "E007": ErrorEntry(
        what="Unknown {kind}: {value!r}",
        why="{kind} must be one of the supported values",
        fix="use one of: {options}",
    ),
    "E008": ErrorEntry(
        what="Could not read the date {value!r}",
        why="dates are read as ISO 8601 (YYYY-MM-DD, optionally with a time)",
        fix="write it like 2016-10-19 or 2016-10-19T14:30:00+03:00",
    ),
    "E009": ErrorEntry(
        what="Bad column mapping {value!r}",
        why="{reason}",
        fix="write FIELD=COLUMN pairs separated by commas, e.g. --map text=body,published=date; "
        "fields: {options}",
    ),
    "E010": ErrorEntry(
        what="Malformed record at {source}:{line}",
        why="{reason}",
        fix="fix or remove that line; the other records were still processed",
        exit_code=1,
    ),
    "E011": ErrorEntry(
        what="Record at {source}:{line} has no text in column {column!r}",
        why="the 'text' field of the column mapping names a column that is missing or empty "
        "in this record (columns present: {columns})",
        fix="map the text field to the right column with --map text=COLUMN",
        exit_code=1,
    ),
    "E012": ErrorEntry(
        what="Unsupported input type: {path}",
        why="the reader is chosen from the file extension, and {suffix!r} is not one we read",
        fix="use one of: {options}, or pass --input-format to say how to read it",
    ),
    "E013": ErrorEntry(
        what="Evaluation data not found: {path}",
        why="the {task} evaluation reads its dataset from a directory, and none is there",
        fix="pass --data DIR pointing at the dataset (by default ../shared/data/{default})",
        exit_code=3,
    ),
    "E014": ErrorEntry(
        what="Evaluation data is malformed: {path}",
        why="{reason}",
        fix="check the file against the format described in docs/evaluation.md",
    ),
    "E015": ErrorEntry(
        what="Invalid URL {value!r}",
        why="a document URL needs a scheme and a host",
        fix="write it in full, like https://example.org/news/story.html",
    ),
    "E016": ErrorEntry(
        what="Pipeline component {name!r} cannot be added",
        why="{reason}",
        fix="available components: {options}",
    ),
    "E017": ErrorEntry(
        what="Input is unreadable: {source}",
        why="{reason}",
        fix="check the file's permissions and that it is a regular file",
    ),
    "E018": ErrorEntry(
        what="Training needs {module}, which is not installed",
        why="training uses scikit-learn; running the shipped models does not, so it is an extra",
        fix="install the training extra: pip install 'presslens[train]'",
    ),
    "E019": ErrorEntry(
        what="Request body too large: {size} bytes",
        why="the API accepts at most {limit} bytes per request",
        fix="send a smaller document, or raise the limit with --max-request-bytes when "
        "starting 'presslens serve'",
    ),
    "E020": ErrorEntry(
        what="Missing or wrong API token",
        why="writing to the store (ingest) needs the token the server was started with",
        fix="send it as 'Authorization: Bearer <token>'",
    ),
    "E021": ErrorEntry(
        what="This server is read-only",
        why="it was started without an API token, so nothing may be written to its store",
        fix="set the token in PRESSLENS_API_TOKEN (or the variable --token-env names) and "
        "restart 'presslens serve' to allow ingest",
    ),
    "E022": ErrorEntry(
        what="Not found: {kind} {value!r}",
        why="the store holds no {kind} with that identifier",
        fix="search first ({hint}) and use an identifier from the results",
    ),
    "E023": ErrorEntry(
        what="Invalid request: {reason}",
        why="the request does not match the API's schema",
        fix="see the OpenAPI description at /openapi.json for the expected fields",
    ),
    "E024": ErrorEntry(
        what="Page size {size} is too large",
        why="one page holds at most {limit} results, so a response stays fast and small",
        fix="ask for limit={limit} or fewer and page with offset",
    ),
    # E030-E034: propaganda techniques
    "E030": ErrorEntry(
        what="The propaganda model in {path} cannot be loaded",
        why="{reason}",
        fix="reinstall presslens, or rebuild the model with 'presslens train propaganda "
        "--data ../shared/data/propaganda-ptc2020'",
        exit_code=1,
    ),
    # E035-E039: events
    "E035": ErrorEntry(
        what="The event records in {path} cannot be read",
        why="the file is not well-formed XML: {reason}",
        fix="restore the PETRARCH2 validation file from its source "
        "(openeventdata/petrarch2, data/text/PETR.UnitTest.records.xml)",
    ),
    "E036": ErrorEntry(
        what="No event evaluation data in {path}",
        why="the folder holds none of: {missing}",
        fix="pass the events data folder, e.g. 'presslens eval events --data "
        "../shared/data/events' (PETRARCH2 validation records and/or the ACLED notes CSV)",
    ),
    # E040-E049: the store, batch ingest and search
    "E040": ErrorEntry(
        what="Unknown store URL {value!r}",
        why="a store is a SQLite file path or a PostgreSQL URL, and this is neither",
        fix="use one of: {options}",
    ),
    "E041": ErrorEntry(
        what="The store could not be opened: {url}",
        why="{reason}",
        fix="for SQLite, check that the file's directory exists and is writable; for "
        "PostgreSQL, that the server is running and the URL's user, host and database exist",
        exit_code=3,
    ),
    "E042": ErrorEntry(
        what="The store {url} has schema version {found}, newer than this presslens knows",
        why="it was written by a newer presslens (this one knows versions up to {known})",
        fix="upgrade presslens to open this store",
        exit_code=3,
    ),
    "E043": ErrorEntry(
        what="{module} is not installed",
        why="{feature} needs it, and it is an optional dependency",
        fix="install it: pip install '{install}'",
        exit_code=3,
    ),
    "E044": ErrorEntry(
        what="Page size {size} is out of range",
        why="a page holds 1 to {limit} results, so a query stays fast",
        fix="ask for 1 to {limit} results per page and ask for the next page for more",
    ),
    "E045": ErrorEntry(
        what="The Dask scheduler at {address} could not be reached",
        why="{reason}",
        fix="check the address (like tcp://10.0.0.5:8786) and that 'dask scheduler' runs "
        "there, or leave out --dask to analyse on this machine",
        exit_code=3,
    ),
    "E046": ErrorEntry(
        what="Analysis failed unexpectedly on {source}",
        why="an analyser raised {reason}; this is a presslens bug, not a problem of the input",
        fix="the document was skipped and the others analysed; please report it with the "
        "document that triggers it",
        exit_code=1,
    ),
    # E050-E059: the HTTP API and the dashboard (presslens serve)
    "E050": ErrorEntry(
        what="Internal server error while answering {method} {path}",
        why="an unexpected {kind} was raised; this is a bug in presslens, not in the request",
        fix="retry once; if it happens again, report it with the server log, which holds the "
        "traceback",
        exit_code=1,
    ),
    "E051": ErrorEntry(
        what="Method {method} is not allowed on {path}",
        why="that endpoint answers {allowed} only",
        fix="use {allowed}; /openapi.json lists every endpoint with its methods",
    ),
    "E052": ErrorEntry(
        what="This server has no store",
        why="it was started without --db, so it can analyse posted documents but has nothing "
        "to search, read or aggregate",
        fix="start it with 'presslens serve --db PATH_OR_URL' (a SQLite file or a PostgreSQL URL)",
    ),
    "E053": ErrorEntry(
        what="The API token variable {name} is empty or not set",
        why="--token-env names the environment variable holding the token that allows writes, "
        "and an empty token would let anyone write",
        fix="export {name}=<a long random string>, or leave out --token-env to serve read-only",
    ),
    "E054": ErrorEntry(
        what="No such page or endpoint: {path}",
        why="this server answers nothing at that path",
        fix="see /openapi.json for the API's endpoints (all under /api/v1/); the dashboard "
        "starts at /",
    ),
    # E060-E069: places (the geoparsing eval)
    "E060": ErrorEntry(
        what="No gold toponym could be read from {path}",
        why="{reason}",
        fix=(
            "check that the file is one of the formats the geoparsing eval reads (TR-News / LGL "
            "<toponym>, GeoVirus <location>, GeoWebNews XML; see docs/evaluation.md); a corpus "
            "with no gold toponyms is not scored as 0"
        ),
        exit_code=3,
    ),
    # E070-E079: real pages (the extraction eval, language, outlet identity)
    "E070": ErrorEntry(
        what="Extraction evaluation data is malformed: {path}",
        why="{reason}",
        fix='the folder needs ground-truth.json ({{page_id: {{"articleBody": ...}}}}) and '
        "html/<page_id>.html.gz beside it, as described in docs/evaluation.md",
    ),
    # E080-E089: hostile and careless input, bounded work
    "E080": ErrorEntry(
        what="Input looks like UTF-16 text without a byte-order mark: {source}",
        why="every other byte is NUL, as in {encoding} text, but the file does not say so "
        "with a byte-order mark, and guessing the byte order could garble it",
        fix="pass --encoding {encoding} (or convert it: 'iconv -f {encoding} -t UTF-8')",
    ),
    "E081": ErrorEntry(
        what="Cannot analyse a {kind}",
        why="analyze() reads a document as text (str), bytes (decoded like a file), or a "
        "reader's RawDocument",
        fix="pass the document's text, e.g. analyze(path.read_text()) or analyze(data)",
    ),
    "E082": ErrorEntry(
        what="Analysis of {source} stopped after {seconds} s",
        why="one document may take at most {limit} s, so a single input cannot hold a "
        "batch or the server",
        fix="raise the limit with --max-seconds N (or PRESSLENS_MAX_SECONDS; 0 = no limit), "
        "or split the document",
        exit_code=1,
    ),
    "E083": ErrorEntry(
        what="Document {source} is too long to analyse: {chars} characters",
        why="one document may have at most {limit} characters (memory grows with its "
        "length: about 0.35 KB per character at the peak, measured at 1 MB)",
        fix="raise the limit with --max-chars N (or PRESSLENS_MAX_CHARS), or split the document",
        exit_code=1,
    ),
    "E084": ErrorEntry(
        what="Too many filter values: {count}",
        why="one request may repeat filters at most {limit} times in all, so no query "
        "grows without bound",
        fix="narrow the request to {limit} values or fewer, or run several requests",
    ),
    "E085": ErrorEntry(
        what="The query took longer than {seconds} s and was cancelled",
        why="each request may use the database for at most {seconds} s, so no single "
        "request can hold it",
        fix="narrow the request (fewer filters, a date range, a smaller page), or start the "
        "server with a larger --request-timeout",
    ),
    "E086": ErrorEntry(
        what="The analyser is busy",
        why="documents are analysed one at a time, and another one took the analyser for "
        "more than {wait} s",
        fix="retry in a few seconds, or run your own 'presslens serve'",
    ),
    "E087": ErrorEntry(
        what="Cannot write to {path}",
        why="{reason}",
        fix="create the directory first (mkdir -p), or pass another --output path",
    ),
    "E088": ErrorEntry(
        what="Invalid value for {name}: {value!r}",
        why="{reason}",
        fix="{fix}",
    ),
    "E089": ErrorEntry(
        what="Document {source} could not be stored",
        why="the store refused it: {reason}",
        fix="the other documents were stored; fix the record (or report it, if the message "
        "names no problem of the input) and run the ingest again",
        exit_code=1,
    ),
    # E090-E093: check-worthy claims
    "E090": ErrorEntry(
        what="The model {model} needs the parse of each text, and none was given",
        why="it reads features from a sentence's spaCy parse (tags, entities, the main "
        "verb) beside its words, and scoring words alone would give different, "
        "uncalibrated scores",
        fix="pass parses=presslens.textcat.syntax.parse_texts(nlp, texts), or score the "
        "text through the pipeline (presslens.analyze), which parses it",
    ),
    # E100-E109: quotes and events
    "E100": ErrorEntry(
        what="Cannot read labelled snippets from {path}: {reason}",
        why="'presslens eval events' reads a TSV (text<TAB>label, an optional header line) or "
        "a JSONL file of objects with 'text' and 'label' (or 'event_type' / "
        "'sub_event_type') fields",
        fix="write one snippet per line in one of those forms, UTF-8",
    ),
    "E101": ErrorEntry(
        what="Unknown event label {label!r} in {path}",
        why="a label must be an ACLED event type, an ACLED sub-event type or a no-event "
        "label ({no_event}), so that it maps to the six ACLED types without guessing",
        fix="relabel it, or map it to one of: {options}",
    ),
    # E110-E119: exports, and the file errors of ingest, serve, export and search
    "E110": ErrorEntry(
        what="No store exists at {path}",
        why="'serve' only opens an existing store, so a mistyped --db cannot silently serve a "
        "new, empty one",
        fix="check the path, build a store with 'presslens ingest PATH --db {path}', or pass "
        "--create to start from an empty store",
        exit_code=3,
    ),
    "E112": ErrorEntry(
        what="Could not write {path}",
        why="{reason}",
        fix="check that the path is a writable file, not a directory, and that the disk has room",
        exit_code=3,
    ),
    "E113": ErrorEntry(
        what="Parquet output needs a file",
        why="Parquet is a binary format, which a terminal cannot show",
        fix="pass --output FILE.parquet, or use --format csv or jsonl to print to the terminal",
    ),
    "E114": ErrorEntry(
        what="--{option} names one document, but {inputs}",
        why="a URL given on the command line belongs to one .txt or .html file",
        fix="ingest that file on its own, or put the URLs in the corpus (a JSONL or CSV "
        "column, mapped with --map url=COLUMN)",
    ),
    "E120": ErrorEntry(
        what="Layer {name!r} (in {where}) takes no settings here",
        why="{reason}",
        fix="use one of: {options}",
    ),
    "E121": ErrorEntry(
        what="No model for layer {layer} at {path!r}",
        why="{reason}; a model is the file or folder 'presslens train … --output PATH' wrote",
        fix="give an existing path as LAYER=PATH (e.g. --model claims=models/claims), or "
        "leave the option out to use the shipped model",
    ),
    "E122": ErrorEntry(
        what="Setting {key!r} is not valid for layer {layer}",
        why="{reason}",
        fix="settings the layer takes: {options} (see 'Component settings' in "
        "docs/architecture.md)",
    ),
    "E123": ErrorEntry(
        what="Could not read the config file {path}",
        why="{reason}",
        fix="write it as TOML with one table per layer, e.g. '[claims]' then 'flag_at = 0.6' "
        "or 'model = \"models/claims\"'",
    ),
    # E150-E159: check-worthy claims (continued)
    "E150": ErrorEntry(
        what="The claims model in {folder} was trained with another word table: {table}",
        why="the model's dense weights belong to the table it recorded (SHA-256 {expected}); "
        "with this one ({found}) its scores would be meaningless",
        fix="retrain it with 'presslens train claims' (the comment model's table changed "
        "since), or put the recorded table back",
    ),
    # E160-E169: propaganda techniques (continued)
    "E160": ErrorEntry(
        what="The propaganda model in {path} was trained with another word table: {table}",
        why="the technique model's dense weights belong to the table it recorded (SHA-256 "
        "{expected}); with this one ({found}) its technique scores would be meaningless",
        fix="rebuild it with 'presslens train propaganda --data "
        "../shared/data/propaganda-ptc2020' (the comment model's table changed since), or "
        "put the recorded table back",
        exit_code=1,
    ),
    # E170-E179: propaganda span re-scorer
    "E170": ErrorEntry(
        what="The propaganda model in {path} has a span re-scorer of other features",
        why="its weights are for {found} features; this presslens computes another list of "
        "{expected}, so its scores would mean nothing",
        fix="rebuild it with 'presslens train propaganda --data "
        "../shared/data/propaganda-ptc2020', or use the presslens it was trained with",
        exit_code=1,
    ),
    # E200-E209: reading inputs (continued)
    "E200": ErrorEntry(
        what="Compressed input is damaged: {source}",
        why="it ends in '.gz' but could not be decompressed ({reason})",
        fix="check that the file is a complete gzip file (gzip -t FILE), or decompress it "
        "yourself and pass the result",
    ),
}


class PresslensError(Exception):
    """An error the user can act on. ``str(err)`` is the full three-part message."""

    def __init__(self, code: str, **details: Any) -> None:
        entry = CATALOGUE[code]
        self.code = code
        self.details = details
        self.exit_code = entry.exit_code
        self.what = entry.what.format(**details)
        self.why = entry.why.format(**details)
        self.fix = entry.fix.format(**details)
        super().__init__(f"[{code}] {self.what}. Why: {self.why}. What to do: {self.fix}.")

    def __reduce__(self) -> tuple[Any, ...]:
        # rebuilt from code and details, so it crosses to worker processes and Dask intact
        return (_restore, (self.code, self.details))

    def to_dict(self) -> dict[str, Any]:
        """The JSON error envelope shared by the CLI, batch records and the HTTP API."""
        return {
            "error": {
                "code": self.code,
                "what": self.what,
                "why": self.why,
                "fix": self.fix,
                "message": str(self),
            }
        }


def _restore(code: str, details: dict[str, Any]) -> PresslensError:
    return PresslensError(code, **details)
