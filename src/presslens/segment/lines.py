"""Lines of a flattened scrape, each with its offsets and what it looks like."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from presslens.segment.patterns import (
    AUTHOR_HEADERS,
    CHROME,
    NOT_NAMES,
    THREAD_HEADER,
    TIMESTAMP,
)

__all__ = ["Kind", "Line", "is_name_like", "split_lines"]


class Kind(Enum):
    TEXT = "text"
    NAME = "name"  # a short line that may be a commenter's name printed on its own
    AUTHOR = "author"  # a platform header naming the author ("Jane says:", "Jane • 2h ago")
    TIMESTAMP = "timestamp"
    HEADER = "header"  # "24 Comments", "Leave a Reply"
    CHROME = "chrome"  # Reply, vote counts, avatar alt texts, "Load more comments"


@dataclass(slots=True)
class Line:
    start: int  # offset of the first non-whitespace character
    end: int  # offset just after the last non-whitespace character
    text: str
    gap: int  # blank lines between this line and the previous non-blank one
    kind: Kind = Kind.TEXT
    name: str | None = None  # for NAME and AUTHOR lines
    name_start: int = 0
    timestamp: str | None = None


_WS = " \t\r\n\f\v\u00a0\u2028\u2029\ufeff"
_NAME_TOKEN = re.compile(
    r"^(?:[A-Z\u00c0-\u024f\u0400-\u04ff][\w'’.\-]*|[a-z]{1,3}|(?:al|el|de|da|van|von|bin)-?\w*"
    r"|&|[A-Z]\.|\w*[\d_]\w*|@\w+|[\w.\-]+)$"
)
_HANDLE = re.compile(r"^@?[\w.\-]*(?:\d|_|[a-z][A-Z])[\w.\-]*$")
# Short lines newsrooms print that look like names: bylines, credits, section labels.
_NOT_NAME_STARTS = frozenset(
    "by photo photos source image images credit credits updated via read watch see related"
    " tags topics editing reporting additional contact follow posted filed".split()
)
_SENTENCE_END = tuple(".!?;:,…\"'”’)")


def is_name_like(text: str) -> bool:
    """Could this line be a display name? Short, no sentence punctuation, name-shaped words."""
    if not 2 <= len(text) <= 40 or text.endswith(_SENTENCE_END) or text[0] in "\"“‘'(-–—*#":
        return False
    if "://" in text or text.lower().startswith("www."):
        return False
    words = text.split()
    if len(words) > 5 or not any(c.isalpha() for c in text):
        return False
    if words[0].lower() in _NOT_NAME_STARTS:
        return False
    if len(words) == 1:
        word = words[0]
        if word.lower() in NOT_NAMES:
            return False
        return word[0].isupper() or bool(_HANDLE.match(word))
    # Several words: most must start with a capital (names, organisations, pseudonyms).
    capitals = sum(1 for w in words if w[0].isupper() or w[0].isdigit() or w[0] == "@")
    return capitals >= len(words) - 1 and capitals >= 1 and all(_NAME_TOKEN.match(w) for w in words)


def _classify(line: Line) -> None:
    text = line.text
    if THREAD_HEADER.match(text):
        line.kind = Kind.HEADER
        return
    for pattern in AUTHOR_HEADERS:
        m = pattern.match(text)
        if m and is_plausible_author(m.group("name")):
            line.kind = Kind.AUTHOR
            line.name = m.group("name").strip()
            line.name_start = line.start + m.start("name")
            ts = m.groupdict().get("ts")
            line.timestamp = ts.strip() if ts else None
            return
    if TIMESTAMP.match(text):
        line.kind = Kind.TIMESTAMP
        line.timestamp = text
        return
    if CHROME.match(text):
        line.kind = Kind.CHROME
        return
    if is_name_like(text):
        line.kind = Kind.NAME
        line.name = text
        line.name_start = line.start


def is_plausible_author(name: str) -> bool:
    name = name.strip()
    return 1 <= len(name) <= 60 and not name.endswith(tuple(".!?;,")) and len(name.split()) <= 6


def split_lines(text: str, start: int = 0) -> list[Line]:
    """Non-blank lines from ``start`` on, classified, with the blank-line gap before each."""
    lines: list[Line] = []
    gap = 0
    pos = start
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        stop = n if nl == -1 else nl
        raw = text[pos:stop]
        stripped = raw.strip(_WS)
        if stripped:
            lead = len(raw) - len(raw.lstrip(_WS))
            first = pos + lead
            line = Line(start=first, end=first + len(stripped), text=stripped, gap=gap)
            _classify(line)
            lines.append(line)
            gap = 0
        else:
            gap += 1
        pos = stop + 1
    return lines
