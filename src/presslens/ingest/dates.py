"""Publication dates given by the user or found in metadata."""

from __future__ import annotations

import datetime as dt

from presslens.errors import PresslensError

__all__ = ["parse_iso_date"]


def parse_iso_date(value: str) -> dt.date:
    """Read an ISO 8601 date or datetime; raise E008 otherwise."""
    raw = value.strip()
    try:
        if len(raw) > 10:
            return dt.datetime.fromisoformat(raw.replace("Z", "+00:00")).date()
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise PresslensError("E008", value=value) from None
