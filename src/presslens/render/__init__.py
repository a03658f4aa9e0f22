"""Renderers: the same ``Analysis`` as a terminal report, JSON or a standalone HTML page."""

from __future__ import annotations

from collections.abc import Callable

from presslens.errors import PresslensError
from presslens.model import Analysis
from presslens.render.geojson import render_geojson
from presslens.render.html import render_html
from presslens.render.terminal import render_terminal

__all__ = ["FORMATS", "render"]


def _json(analysis: Analysis) -> str:
    return analysis.model_dump_json(indent=2) + "\n"


FORMATS: dict[str, Callable[[Analysis], str]] = {
    "text": render_terminal,
    "json": _json,
    "html": render_html,
    "geojson": render_geojson,
}


def render(analysis: Analysis, fmt: str = "text") -> str:
    try:
        fn = FORMATS[fmt]
    except KeyError:
        raise PresslensError(
            "E007", kind="output format", value=fmt, options=", ".join(FORMATS)
        ) from None
    return fn(analysis)
