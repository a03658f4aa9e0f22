"""Lines of a flattened scrape, each with its offsets and what it looks like."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from presslens.segment.patterns import (
    AUTHOR_HEADERS,
    AVATAR,
    CHROME,
    CHROME_TOKENS,
    NOT_NAMES,
    REPLY_FORM,
    THREAD_HEADER,
    TIMESTAMP,
)

__all__ = ["Kind", "Line", "is_name_like", "is_reply_form", "split_lines"]


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
    reply_to: str | None = None


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
_INITIAL_END = re.compile(r"(?:^|\s)[A-Z][a-z]?\.$")
_SENTENCE_END = tuple(".!?;:,…\"'”’)")


def is_name_like(text: str) -> bool:
    """Could this line be a display name? Short, no sentence punctuation, name-shaped words."""
    if not 2 <= len(text) <= 40 or text[0] in "\"“‘'(-–—*#":
        return False
    if text.endswith(_SENTENCE_END) and not _INITIAL_END.search(text):
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
        uncased = word[0].isalpha() and not word[0].isupper() and not word[0].islower()
        return word[0].isupper() or uncased or bool(_HANDLE.match(word))
    # Several words: most must start with a capital (names, organisations, pseudonyms).
    capitals = sum(1 for w in words if w[0].isupper() or w[0].isdigit() or w[0] == "@")
    return capitals >= len(words) - 1 and capitals >= 1 and all(_NAME_TOKEN.match(w) for w in words)


# Every author header contains one of these; most lines don't, and skip the eight patterns.
# Substring tests on the lower-cased line: a case-insensitive alternation costs ~10 µs a line.
_AUTHOR_HINTS = (
    "says", "said", "wrote", "comment", "replied", "posted", "ago", "•", "·", "|",
    "just now", "yesterday", "today",
)  # fmt: skip
_AVATAR_HINTS = ("avatar", "photo", "picture", "image")
# No header, timestamp, chrome or name line is this long; most article lines are longer.
_MAX_SPECIAL = 120


def _classify(line: Line) -> None:
    text = line.text
    if len(text) > _MAX_SPECIAL:
        return
    if THREAD_HEADER.match(text):
        line.kind = Kind.HEADER
        return
    low = text.lower()
    for pattern in AUTHOR_HEADERS if any(h in low for h in _AUTHOR_HINTS) else ():
        m = pattern.match(text)
        if m and is_plausible_author(m.group("name")):
            line.kind = Kind.AUTHOR
            line.name = m.group("name").strip()
            line.name_start = line.start + m.start("name")
            groups = m.groupdict()
            line.timestamp = groups["ts"].strip() if groups.get("ts") else None
            line.reply_to = groups["to"].strip() if groups.get("to") else None
            return
    if TIMESTAMP.match(text):
        line.kind = Kind.TIMESTAMP
        line.timestamp = text
        return
    if CHROME.match(text) or CHROME_TOKENS.fullmatch(text):
        line.kind = Kind.CHROME
        return
    avatar = AVATAR.match(text) if any(h in low for h in _AVATAR_HINTS) else None
    if avatar:
        line.kind = Kind.CHROME
        line.name = next(g for g in avatar.groups() if g).strip()
        return
    if is_name_like(text):
        line.kind = Kind.NAME
        line.name = text
        line.name_start = line.start


def is_plausible_author(name: str) -> bool:
    name = name.strip()
    if not 1 <= len(name) <= 60 or len(name.split()) > 6:
        return False
    return not name.endswith(tuple(".!?;,")) or bool(_INITIAL_END.search(name))


def is_reply_form(line: Line) -> bool:
    return bool(REPLY_FORM.match(line.text))


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
            prev = lines[-1] if lines else None
            if prev is not None and prev.kind is Kind.CHROME and prev.name == stripped:
                line.kind, line.name, line.name_start = Kind.NAME, stripped, first
            elif (
                line.kind is Kind.TIMESTAMP
                and prev is not None
                and prev.kind is Kind.TEXT
                and line.gap <= 1
                and len(prev.text) <= 40
                and is_plausible_author(prev.text)
                and not prev.text.endswith(_SENTENCE_END)
                and any(c.isalpha() for c in prev.text)  # "___" above a live-blog time
            ):
                # A short line directly above a time stamp is the commenter's name.
                prev.kind, prev.name, prev.name_start = Kind.NAME, prev.text, prev.start
            lines.append(line)
            gap = 0
        else:
            gap += 1
        pos = stop + 1
    return lines
