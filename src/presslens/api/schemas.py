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


class AnalyzeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(
        min_length=1,
        description="the document: flattened text of an article, comments appended as scraped",
    )
    url: str | None = Field(default=None, description="where it was published (http or https)")
    published: dt.date | None = Field(default=None, description="publication date, ISO 8601")
    source: str = Field(default="api", max_length=500, description="a name for the document")
