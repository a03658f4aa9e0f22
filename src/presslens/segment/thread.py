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

from presslens.segment.lines import Kind, Line, is_reply_form, split_lines
from presslens.segment.patterns import CHROME_SHARE

__all__ = ["SegComment", "Segmentation", "segment"]


@dataclass(frozen=True, slots=True)
class SegComment:
    start: int
    end: int
    author: str | None = None
    author_start: int | None = None
    timestamp: str | None = None
    reply_to: str | None = None
    parent: int | None = None  # index of the comment this one is nested under (HTML only)


@dataclass(frozen=True, slots=True)
class Segmentation:
    title: tuple[int, int] | None
    body_end: int
    paragraphs: list[tuple[int, int]]
    comments: list[SegComment] = field(default_factory=list)
    thread_start: int | None = None


_QUOTED = re.compile(r"[“\"][^“”\"]{0,600}[”\"]|‘[^‘’]{0,300}’")
# One cheap tokenisation per line; the features below are set look-ups on its tokens,
# which is several times faster than one regular expression per feature.
_PUNCT = '.,!?;:"()[]{}“”‘—–/…*«»'
_EMOJI = re.compile(r"[\U0001F300-\U0001FAFF\u2600-\u27BF]")
_FIRST = frozenset("i i'm i’m i've i’ve i'd i’d i'll i’ll me my mine".split())
_SECOND = frozenset("you your you're you’re yours u ur".split())
_WE = frozenset("we our".split())
_INFORMAL_WORDS = frozenset(
    "lol lmao rofl imo imho smh wtf omg yeah nope gonna wanna anyone folks guys honestly"
    " literally seriously agreed exactly nonsense rubbish ridiculous pointless typical"
    " joke hopefully".split()
)
_CONTRACTIONS = ("n't", "n’t", "'s ", "’s ", "'re", "’re", "'ve", "’ve", "'ll", "’ll")
_NEWSROOM = frozenset(
    "said told announced reported spokesman spokeswoman spokesperson official officials"
    " percent".split()
)
_NEWSROOM_PAIRS = (
    "according to",
    "per cent",
    "in a statement",
    "is expected to",
    "will be held",
    "on monday",
    "on tuesday",
    "on wednesday",
    "on thursday",
    "on friday",
    "last week",
    "last month",
    "last year",
)
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?”\"])\s+")
_QUESTION_WORDS = frozenset("what how why when where who which".split())
_HEADING_START = frozenset(
    "what how why when where who the a an in on after before inside background next more"
    " timeline analysis conclusion key our this".split()
)
_STRUCTURAL = frozenset({Kind.HEADER, Kind.AUTHOR, Kind.CHROME, Kind.TIMESTAMP})
# Score needed for the suffix to be a thread: lower when platform structure is in it.
_MIN_STRUCTURED = 0.5
_MIN_PROSE = 1.0
# How many lines of unmarked comments may precede the first name line, header or wide gap.
_PROSE_LEAD = 4
_ARTICLE_PROSE = -1.0
_HEAD = 240


def _prose_score(line: Line, text: str, para_gap: int) -> float:
    # The register of a paragraph shows in its opening; reading only that keeps the cost of a
    # long paragraph bounded (the suffix sums are dominated by the many short lines anyway).
    head = line.text[:_HEAD]
    own = _QUOTED.sub(" ", head) if ("“" in head or '"' in head) else head
    low = own.lower()
    lows = {w.strip(_PUNCT) for w in low.split()}
    first = bool(lows & _FIRST)
    second = bool(lows & _SECOND)
    we = bool(lows & _WE)
    informal = (
        len(lows & _INFORMAL_WORDS)
        + ("!!" in own)
        + ("??" in own)
        + ("..." in own or "…" in own)
        + (not own.isascii() and bool(_EMOJI.search(own)))
    )
    newsroom = len(lows & _NEWSROOM) + sum(p in low for p in _NEWSROOM_PAIRS)
    bangs, questions = own.count("!"), own.count("?")
    url = "http://" in low or "https://" in low or "www." in low
    score = -0.7
    score += min(1.6, 1.0 * first + 0.6 * second + 0.3 * we)
    score += min(1.6, 0.8 * informal)
    score += 0.3 * (("'" in low or "’" in low) and any(c in low for c in _CONTRACTIONS))
    score += 0.4 * own[:1].islower()
    score += min(0.8, 0.4 * bangs) + min(0.6, 0.3 * questions)
    score += 0.6 * url + 1.5 * line.text.startswith("@")
    score -= min(1.5, 0.5 * newsroom)
    if len(line.text) < 150:
        score += 0.2
    if line.gap > para_gap:
        score += 1.2
    if len(line.text) >= 25 and _repeats_earlier(line.text, text, line.start):
        score += 2.5
    return score


def _repeats_earlier(line_text: str, text: str, before: int) -> bool:
    """Does the line paste a sentence that appears earlier in the document?"""
    for sentence in _SENTENCE_SPLIT.split(line_text):
        if len(sentence) >= 25 and 0 <= text.find(sentence, 0, before) < before:
            return True
    return False


def _mode(values: list[int]) -> int:
    return Counter(values).most_common(1)[0][0] if values else 1


_EVIDENCE = frozenset({Kind.NAME, Kind.AUTHOR, Kind.CHROME})
_CLOCK = re.compile(
    r"^\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+(?:[A-Z]{2,4}|GMT[+-]?\d*))?$", re.IGNORECASE
)


def _lone_stamps(lines: list[Line]) -> None:
    """A time stamp is a comment's only when a comment is around it: a name or author line
    beside it, a Reply/Like bar just after its text, or a thread header above. The time lines
    of a live blog ("6:01 p.m.", then a paragraph, then "___") are article text."""
    header = False
    clock_first = 0  # blocks that open with a bare clock time, then a name: live-blog entries
    for i, line in enumerate(lines):
        header = header or line.kind is Kind.HEADER
        if line.kind is not Kind.TIMESTAMP or header:
            continue
        near = [lines[j] for j in (i - 1, i + 1, i + 2) if 0 <= j < len(lines)]
        if not any(n.kind in _EVIDENCE and not CHROME_SHARE.match(n.text) for n in near):
            line.kind = Kind.TEXT
            line.timestamp = None
        elif _CLOCK.match(line.text) and i + 1 < len(lines) and lines[i + 1].kind is Kind.NAME:
            clock_first += 1
    if clock_first < 2:
        return
    # Two or more "6:01 p.m." / "Anna Bryce" entry heads before any thread header: a live blog
    # with its reporters' bylines, not a thread (commenters' names come before their times).
    for i, line in enumerate(lines):
        if line.kind is Kind.HEADER:
            break
        if line.kind is Kind.TIMESTAMP and _CLOCK.match(line.text):
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            line.kind, line.timestamp = Kind.TEXT, None
            if nxt is not None and nxt.kind is Kind.NAME:
                nxt.kind, nxt.name = Kind.TEXT, None


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


def _line_scores(lines: list[Line], text: str, para_gap: int, start: int = 0) -> list[float]:
    """Scores of every line; lines before ``start`` are taken as article prose unscored."""
    names = Counter(
        line.name.casefold()
        for line in lines
        if line.kind in (Kind.NAME, Kind.AUTHOR) and line.name
    )
    scores: list[float] = [_ARTICLE_PROSE] * start
    for line in lines[start:]:
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
            first_word = line.name.split()[0].lower()
            if first_word in _QUESTION_WORDS and names[line.name.casefold()] < 2:
                s -= 1.5  # "What Happens Next", "Why Glass": subheadings, not pseudonyms
            elif first_word in _HEADING_START:
                s -= 0.5
        else:
            s = _prose_score(line, text, para_gap)
        scores.append(s)
    return scores


def _boundary(lines: list[Line], scores: list[float], para_gap: int, first: int = 1) -> int | None:
    """Index of the first thread line, or None when the document has no thread.

    A suffix with platform structure in it (headers, author lines, chrome, name lines, or at
    least two comment-sized gaps) needs only a small positive score. A suffix of prose alone
    must also stand out from the prose before it, so that a first-person column or an
    interview is not taken for a thread.
    """
    prefix = [0.0]
    names_before = [0]  # name-like lines above each line
    for sc, line in zip(scores, lines, strict=True):
        prefix.append(prefix[-1] + sc)
        names_before.append(names_before[-1] + (line.kind is Kind.NAME))
    best, best_total = None, 0.0
    total = 0.0
    platform = False  # headers, author lines, chrome, time stamps
    wide_gaps = 0
    headings = 0
    names: Counter[str] = Counter()
    for i in range(len(lines) - 1, first - 1, -1):  # line 0 is always article
        line = lines[i]
        total += scores[i]
        platform = platform or line.kind in _STRUCTURAL
        wide_gaps += line.gap > para_gap
        if line.kind is Kind.NAME and line.name:
            names[line.name.casefold()] += 1
        headings += _is_heading(line)
        if total <= best_total or not _can_start(lines, i):
            continue
        n_names = sum(names.values())
        repeated = n_names > len(names)
        if platform or wide_gaps >= 2 or repeated or n_names >= 3:
            ok = total >= _MIN_STRUCTURED
        elif lines[i - 1].kind is Kind.NAME or (n_names and names_before[i]) or headings:
            # Prose right under a short title-like line, or name lines in an article that
            # already has such lines: subheadings of a feature, not a thread.
            ok = False
        else:
            # Prose, perhaps with a name line or two: it must stand out from what precedes it.
            n = len(lines) - i
            before, after = prefix[i] / i, total / n
            ok = total >= _MIN_PROSE and n >= 2 and before <= -0.4 and after - before >= 1.0
        if ok:
            best, best_total = i, total
    return best


def _is_heading(line: Line) -> bool:
    """A section title: 'What Happens Next', 'Why Glass' — short, capitalised, unpunctuated."""
    words = line.text.split()
    if not words or len(words) > 8 or line.text.endswith(tuple('.!?,;:"”')):
        return False
    if words[0].lower() in _QUESTION_WORDS:
        return True
    return line.kind is Kind.TEXT and sum(w[0].isupper() for w in words) >= max(2, len(words) - 1)


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
                    reply_to=author.reply_to if author else None,
                )
            )
        first = last = author = None
        timestamp = None

    for line in lines:
        kind = line.kind
        if (comments or first is not None) and is_reply_form(line):
            break  # the reply form after the thread: its fields are not comments
        if (
            kind is Kind.CHROME
            and separated
            and line.gap > para_gap
            and len(line.text) <= 4
            and not any(ch.isalpha() for ch in line.text)
        ):
            kind = Kind.TEXT  # "+1" or an emoji set apart like a comment is one
        if kind in (Kind.AUTHOR, Kind.NAME):
            flush()
            author, timestamp, closed = line, line.timestamp, False
        elif kind is Kind.TIMESTAMP:
            if first is None:
                timestamp = timestamp or line.timestamp
            else:
                flush()
                timestamp, closed = line.timestamp, False
        elif (
            kind is Kind.CHROME
            and first is None
            and author is not None
            and not any(ch.isalpha() for ch in line.text)
        ):
            first = last = line  # an emoji or "+1" right under the name is the comment
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
    _lone_stamps(body)
    para_gap = _mode([ln.gap for ln in body[: max(3, len(body) // 2)] if ln.kind is Kind.TEXT])
    _valid_names(body, para_gap)
    # Prose far above the first sign of a thread cannot start it: those lines are not scored
    # (a third of the time on a typical scrape). Without any sign, every line is scored.
    first_sign = next(
        (i for i, ln in enumerate(body) if ln.kind is not Kind.TEXT or ln.gap > para_gap), None
    )
    window = 0 if first_sign is None else max(0, first_sign - _PROSE_LEAD)
    scores = _line_scores(body, text, para_gap, window)
    cut = _boundary(body, scores, para_gap, max(1, window))
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


def segment_article(text: str) -> Segmentation:
    """Title and paragraphs of a text known to hold the article only (no thread is sought):
    the reader found the comments apart, or found that the page has none."""
    lines = split_lines(text)
    if not lines:
        return Segmentation(title=None, body_end=0, paragraphs=[])
    title_line, body = lines[0], lines[1:]
    para_gap = _mode([ln.gap for ln in body[: max(3, len(body) // 2)] if ln.kind is Kind.TEXT])
    paragraphs: list[tuple[int, int]] = [(title_line.start, title_line.end)]
    for line in body:
        if line.gap == 0 and para_gap >= 1 and len(paragraphs) > 1:
            paragraphs[-1] = (paragraphs[-1][0], line.end)
        else:
            paragraphs.append((line.start, line.end))
    return Segmentation(
        title=(title_line.start, title_line.end),
        body_end=body[-1].end if body else title_line.end,
        paragraphs=paragraphs[1:],
    )
