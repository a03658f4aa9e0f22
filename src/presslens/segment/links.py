"""URLs in article and comment text."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from presslens.model import Link, Span

__all__ = ["find_links"]

_TLDS = (
    "com|org|net|info|biz|edu|gov|mil|int|io|co|tv|me|news|ru|uk|de|fr|it|es|nl|ua|cn|in|br"
    "|au|ca|us|eu|ly|be|gl|to|su|ir|sy|iq|tr|pl|se|no|ch|at|jp|kr|online|site|press|media"
)
_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"'“”‘’()\[\]{}]+"
    r"|\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:" + _TLDS + r")\b(?:/[^\s<>\"'“”()]*)?",
    re.I,
)
_TRAILING = ".,;:!?…'\"”’)]}>"


def find_links(text: str, start: int = 0, end: int | None = None) -> list[Link]:
    """Every URL in ``text[start:end]``, with offsets into ``text``."""
    links: list[Link] = []
    for m in _URL.finditer(text, start, len(text) if end is None else end):
        url = m.group().rstrip(_TRAILING)
        if not url or "@" in text[max(0, m.start() - 1) : m.start()]:
            continue  # an e-mail address's domain, not a link
        full = url if re.match(r"https?://", url, re.I) else f"http://{url}"
        host = (urlsplit(full).hostname or "").lower()
        if not host or "." not in host:
            continue
        links.append(Link(url=url, host=host, span=Span(start=m.start(), end=m.start() + len(url))))
    return links
