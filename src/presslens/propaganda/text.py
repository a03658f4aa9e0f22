"""The propaganda models' own tokeniser: a text cut into sentences and tokens.

Kept apart from ``model`` so that ``cues`` and ``labels``, which ``model`` imports, can
name ``Doc`` without importing ``model`` back (no import cycle, even under TYPE_CHECKING).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

__all__ = ["Doc", "FloatArray", "IntArray", "analyse", "wording"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float32]

# Words keep inner hyphens and apostrophes ("so-called", "Trump's"); every other
# non-space character is a token of its own, because quotes and "!" carry signal.
_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|\S")
# A sentence ends at . ! ? (and closing quotes or brackets) followed by space and what looks
# like the start of the next one; the corpus has one paragraph per line, so lines split too.
_SENT_END = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_LINE = re.compile(r"[^\n]+")
_DIGIT = re.compile(r"\d")


# -- documents ---------------------------------------------------------------------------


@dataclass(slots=True)
class Doc:
    """A text cut into sentences and tokens, with character offsets into it."""

    text: str
    starts: IntArray
    ends: IntArray
    raws: list[str]
    norms: list[str]
    sentences: list[tuple[int, int]]  # token index ranges [first, stop)
    sentence_of: IntArray  # per token
    lines: IntArray  # per token: index of the text line it is on (0 is the title)
    _positions: dict[str, list[int]] | None = field(default=None, repr=False)

    @property
    def positions(self) -> dict[str, list[int]]:
        """Where each normalised word occurs (built on first use)."""
        if self._positions is None:
            index: dict[str, list[int]] = {}
            for i, word in enumerate(self.norms):
                index.setdefault(word, []).append(i)
            self._positions = index
        return self._positions

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Tokens overlapping the characters [start, end), as [first, stop)."""
        first = int(np.searchsorted(self.ends, start, side="right"))
        stop = int(np.searchsorted(self.starts, end, side="left"))
        return first, max(stop, first)


@functools.lru_cache(maxsize=65536)
def _normalise(raw: str) -> str:
    low = raw.lower().replace("’", "'").replace("“", '"').replace("”", '"')
    return _DIGIT.sub("0", low) if any(c.isdigit() for c in low) else low


@functools.lru_cache(maxsize=65536)
def _shape(raw: str) -> str:
    out: list[str] = []
    for ch in raw:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:6]


def analyse(text: str) -> Doc:
    starts: list[int] = []
    ends: list[int] = []
    raws: list[str] = []
    sentences: list[tuple[int, int]] = []
    lines: list[int] = []
    for line_no, line in enumerate(_LINE.finditer(text)):
        cut = line.start()
        bounds = [m.end() for m in _SENT_END.finditer(text, line.start(), line.end())]
        for stop in [*bounds, line.end()]:
            first = len(raws)
            for m in _TOKEN.finditer(text, cut, stop):
                starts.append(m.start())
                ends.append(m.end())
                raws.append(m.group())
                lines.append(line_no)
            if len(raws) > first:
                sentences.append((first, len(raws)))
            cut = stop
    sentence_of = np.zeros(len(raws), dtype=np.int64)
    for k, (first, stop) in enumerate(sentences):
        sentence_of[first:stop] = k
    return Doc(
        text,
        np.array(starts, dtype=np.int64),
        np.array(ends, dtype=np.int64),
        raws,
        [_normalise(r) for r in raws],
        sentences,
        sentence_of,
        np.array(lines, dtype=np.int64),
    )


def wording(text: str) -> str:
    """The key under which repeated spans are one finding: case-folded words, a plural's
    final "s" dropped ("Terrorists" and "terrorist" are the same label)."""
    words = text.lower().split()
    if words and len(words[-1]) > 3 and words[-1].endswith("s") and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-1]
    return " ".join(words)
