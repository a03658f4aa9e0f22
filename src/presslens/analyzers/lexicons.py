"""The shipped lexicons, loaded once."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

__all__ = ["Actor", "actors", "demonyms"]


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    country: str | None = None


def _load(name: str) -> dict[str, Any]:
    text = resources.files("presslens.resources.lexicons").joinpath(name).read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@functools.cache
def actors() -> tuple[Actor, ...]:
    return tuple(
        Actor(a["id"], a["name"], a["type"], tuple(a["aliases"]), a.get("country"))
        for a in _load("actors.json")["actors"]
    )


@functools.cache
def demonyms() -> dict[str, str | None]:
    """Nationality adjective or plural demonym → ISO country code (None: a stateless people)."""
    data = _load("demonyms.json")
    return {**data["adjectives"], **data["plurals"]}
