"""Where the article ends and the comment thread begins, and the comments in it.

The thread is a suffix of the document. Every line gets a score for looking like it belongs
to a comment thread (platform chrome and author headers strongly, name lines and informal
first-person prose weakly, newsroom prose negatively); the boundary is the candidate line
that maximises the score of the suffix it starts. A suffix made of prose alone, with no
platform structure in it, must score much higher before it is taken as comments, so that a
document without comments gets none.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from presslens.segment.lines import Kind, Line, split_lines
from presslens.segment.patterns import INFORMAL

__all__ = ["SegComment", "Segmentation", "segment"]


@dataclass(frozen=True, slots=True)
class SegComment:
    start: int
    end: int
    author: str | None = None
    author_start: int | None = None
    timestamp: str | None = None


@dataclass(frozen=True, slots=True)
class Segmentation:
    title: tuple[int, int] | None
    body_end: int
    paragraphs: list[tuple[int, int]]
    comments: list[SegComment] = field(default_factory=list)
    thread_start: int | None = None


_QUOTED = re.compile(r"[“\"][^“”\"]{0,600}[”\"]|‘[^‘’]{0,300}’")
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d|I'll|I’ll)\b|\b(?:me|my|mine)\b")
_SECOND_PERSON = re.compile(r"\b(?:you|your|you're|you’re|yours)\b", re.I)
_WE = re.compile(r"\b(?:we|us|our)\b", re.I)
_URL = re.compile(r"https?://|www\.", re.I)
_NEWSROOM = re.compile(
    r"\b(?:said|told|according to|announced|reported|spokes(?:man|woman|person)|officials?"
    r"|per ?cent|percent|in a statement|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
    r"|Sunday)|last (?:week|month|year)|is expected to|will be held)\b"
)
_HEADING_START = frozenset(
    "what how why when where who the a an in on after before inside background next more"
    " timeline analysis conclusion key our this".split()
)
_STRUCTURAL = frozenset({Kind.HEADER, Kind.AUTHOR, Kind.CHROME, Kind.TIMESTAMP})
# Score needed for the suffix to be a thread: lower when platform structure is in it.
_MIN_STRUCTURED = 0.5
_MIN_PROSE = 3.0


def _prose_score(line: Line, text: str, earlier_text: str, para_gap: int) -> float:
    own = _QUOTED.sub(" ", line.text)
    score = -0.7
    score += min(
        1.5,
        0.6 * (bool(_FIRST_PERSON.search(own)) + bool(_SECOND_PERSON.search(own)))
        + 0.3 * bool(_WE.search(own)),
    )
    score += min(1.6, 0.8 * len(INFORMAL.findall(own)))
    score += min(0.8, 0.4 * own.count("!")) + min(0.6, 0.3 * own.count("?"))
    score += 0.6 * bool(_URL.search(own))
    score += 1.5 * line.text.startswith("@")
    score -= min(1.5, 0.5 * len(_NEWSROOM.findall(own)))
    if len(line.text.split()) < 10:
        score += 0.2
    if line.gap > para_gap:
        score += 1.2
    if len(line.text) >= 40 and _repeats_earlier(line.text, earlier_text):
        score += 2.5
    return score


def _repeats_earlier(line_text: str, earlier_text: str) -> bool:
    """Does the line paste a sentence that appears earlier in the document?"""
    for sentence in re.split(r"(?<=[.!?”\"])\s+", line_text):
        if len(sentence) >= 40 and sentence in earlier_text:
            return True
    return False


def _mode(values: list[int]) -> int:
    return Counter(values).most_common(1)[0][0] if values else 1


def _valid_names(lines: list[Line], para_gap: int) -> None:
    """A name line must be followed closely by comment text; otherwise it is prose."""
    for i, line in enumerate(lines):
        if line.kind is not Kind.NAME:
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        ok = (
            nxt is not None
            and nxt.kind in (Kind.TEXT, Kind.TIMESTAMP, Kind.CHROME)
            and nxt.gap <= max(para_gap, 1)
            and (i == 0 or line.gap >= 1 or lines[i - 1].kind in _STRUCTURAL)
        )
        if not ok:
            line.kind = Kind.TEXT


def _line_scores(lines: list[Line], text: str, para_gap: int) -> list[float]:
    names = Counter(
        line.name.casefold()
        for line in lines
        if line.kind in (Kind.NAME, Kind.AUTHOR) and line.name
    )
    scores: list[float] = []
    for line in lines:
        kind = line.kind
        if kind in (Kind.HEADER, Kind.AUTHOR):
            s = 6.0
        elif kind is Kind.CHROME:
            s = 2.0
        elif kind is Kind.TIMESTAMP:
            s = 1.5
        elif kind is Kind.NAME:
            assert line.name is not None
            s = 1.0 + 1.5 * (names[line.name.casefold()] >= 2) + 0.5 * (line.gap > para_gap)
            if line.name.split()[0].lower() in _HEADING_START:
                s -= 0.5
        else:
            s = _prose_score(line, text, text[: line.start], para_gap)
        scores.append(s)
    return scores


def _boundary(lines: list[Line], scores: list[float]) -> int | None:
    """Index of the first thread line, or None when the document has no thread."""
    best, best_total = None, 0.0
    total = 0.0
    structured = False
    for i in range(len(lines) - 1, 0, -1):  # line 0 is always article
        total += scores[i]
        structured = structured or lines[i].kind is not Kind.TEXT
        need = _MIN_STRUCTURED if structured else _MIN_PROSE
        if total >= need and total > best_total and _can_start(lines, i):
            best, best_total = i, total
    return best


def _can_start(lines: list[Line], i: int) -> bool:
    line = lines[i]
    if line.kind is Kind.TEXT:
        return line.gap >= 1 or lines[i - 1].kind is not Kind.TEXT
    return True


def _parse_thread(lines: list[Line], para_gap: int) -> list[SegComment]:
    separated = any(line.gap > para_gap for line in lines if line.kind is Kind.TEXT)
    has_names = any(line.kind in (Kind.NAME, Kind.AUTHOR) for line in lines)
    comments: list[SegComment] = []
    author: Line | None = None
    timestamp: str | None = None
    first: Line | None = None
    last: Line | None = None
    closed = True

    def flush() -> None:
        nonlocal first, last, author, timestamp
        if first is not None and last is not None:
            comments.append(
                SegComment(
                    start=first.start,
                    end=last.end,
                    author=author.name if author else None,
                    author_start=author.name_start if author else None,
                    timestamp=timestamp,
                )
            )
        first = last = author = None
        timestamp = None

    for line in lines:
        kind = line.kind
        if kind in (Kind.AUTHOR, Kind.NAME):
            flush()
            author, timestamp, closed = line, line.timestamp, False
        elif kind is Kind.TIMESTAMP:
            if first is None:
                timestamp = timestamp or line.timestamp
            else:
                flush()
                timestamp, closed = line.timestamp, False
        elif kind in (Kind.CHROME, Kind.HEADER):
            if first is not None:
                flush()
                closed = True
        else:
            new_comment = first is not None and (
                (separated and line.gap > para_gap)
                or (not separated and not has_names and line.gap >= 1)
            )
            if new_comment or (first is None and closed and author is None and timestamp is None):
                flush()
                closed = False
            if first is None:
                first = line
            last = line
    flush()
    return comments


def segment(text: str) -> Segmentation:
    """Split a flattened scrape into title, article paragraphs and comments."""
    lines = split_lines(text)
    if not lines:
        return Segmentation(title=None, body_end=0, paragraphs=[])
    title_line, body = lines[0], lines[1:]
    title_line.kind = Kind.TEXT
    para_gap = _mode([ln.gap for ln in body[: max(3, len(body) // 2)] if ln.kind is Kind.TEXT])
    _valid_names(body, para_gap)
    scores = _line_scores(body, text, para_gap)
    cut = _boundary(body, scores)
    article = body if cut is None else body[:cut]
    thread = [] if cut is None else body[cut:]
    # Trailing chrome ("Share", "Like") before the thread belongs to neither.
    while article and article[-1].kind in _STRUCTURAL:
        article.pop()
    paragraphs: list[tuple[int, int]] = [(title_line.start, title_line.end)]
    for line in article:
        if line.gap == 0 and para_gap >= 1 and len(paragraphs) > 1:
            paragraphs[-1] = (paragraphs[-1][0], line.end)
        else:
            paragraphs.append((line.start, line.end))
    body_end = article[-1].end if article else title_line.end
    return Segmentation(
        title=(title_line.start, title_line.end),
        body_end=body_end,
        paragraphs=paragraphs[1:],
        comments=_parse_thread(thread, para_gap),
        thread_start=thread[0].start if thread else None,
    )
