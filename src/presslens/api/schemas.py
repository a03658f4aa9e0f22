"""The API's settings and request bodies."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["AnalyzeRequest", "ApiSettings"]


@dataclass(frozen=True, slots=True)
class ApiSettings:
    db_url: str | None = None
    token: str | None = None  # None: read-only
    max_request_bytes: int = 2_000_000
    max_page_size: int = 100
    dashboard: bool = True
    nlp: Any = None  # a spaCy pipeline from presslens.pipeline.load_pipeline(); None: default
    # no request may hold the database longer than this (PostgreSQL statement_timeout,
    # SQLite progress handler); E085 past it
    request_timeout: float = 5.0
    # POST /analyze runs the whole pipeline, so it is bounded: documents of at most this
    # many characters (E083), at most this many seconds each (E082), and a client waits at
    # most analyze_wait seconds for the analyser another request holds (E086, 503).
    # analyze_requires_token: only clients with the API token may analyse.
    analyze_max_chars: int = 100_000
    analyze_max_seconds: float = 30.0
    analyze_wait: float = 5.0
    analyze_requires_token: bool = False


class AnalyzeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(
        min_length=1,
        description="the document: flattened text of an article, comments appended as scraped",
    )
    url: str | None = Field(default=None, description="where it was published (http or https)")
    published: dt.date | None = Field(default=None, description="publication date, ISO 8601")
    source: str = Field(default="api", max_length=500, description="a name for the document")
