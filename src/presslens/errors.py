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
        fix="start it with --token (or PRESSLENS_API_TOKEN) to allow ingest",
    ),
    "E022": ErrorEntry(
        what="Not found: {kind} {value!r}",
        why="the store holds no {kind} with that identifier",
        fix="search first ({hint}) and use an identifier from the results",
    ),
    "E023": ErrorEntry(
        what="Invalid request: {reason}",
        why="the request does not match the API's schema",
        fix="see the OpenAPI description at /openapi.json (or /docs) for the expected fields",
    ),
    "E024": ErrorEntry(
        what="Page size {size} is too large",
        why="one page holds at most {limit} results, so a response stays fast and small",
        fix="ask for limit={limit} or fewer and page with offset",
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
