"""The HTTP API and the dashboard behind ``presslens serve``.

>>> from presslens.api import ApiSettings, create_app
>>> app = create_app(ApiSettings(db_url="news.db"))   # any ASGI server can run it
"""

from __future__ import annotations

from presslens.api.app import create_app
from presslens.api.schemas import AnalyzeRequest, ApiSettings

__all__ = ["AnalyzeRequest", "ApiSettings", "create_app"]
