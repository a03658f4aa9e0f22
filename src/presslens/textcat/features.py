"""Sparse text features whose every value can be traced back to the characters it came from.

A classifier's decision is only useful to a moderator if they can see which words drove it,
so each feature keeps the token range it was read from: word unigrams and bigrams, and
character n-grams inside a word (which catch "f*cking", "sc*m", "idiooots" and hashtags that
glue words together).
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass

__all__ = [
    "BLOCKS",
    "Token",
    "block_of",
    "char_grams",
    "count_features",
    "feature_counts",
    "tokenize",
    "weigh",
]

_TOKEN = re.compile(
    r"https?://\S+|www\.\S+"  # links
    r"|[@#][\w_]+"  # mentions and hashtags
    r"|\w+(?:[*'’]\w+)*[*]*"  # words, with inner apostrophes and censoring stars
    r"|[!?]+"  # emphasis carries signal; other punctuation does not
)
_DIGITS = re.compile(r"\d")
_REPEAT = re.compile(r"(\w)\1{2,}")
_CHAR_SIZES = (3, 4, 5)


@dataclass(frozen=True, slots=True)
class Token:
    norm: str
    start: int
    end: int


@functools.lru_cache(maxsize=1 << 14)  # words repeat: most are seen before
def _normalise(raw: str) -> str:
    low = raw.lower()
    if low.startswith(("http", "www.")):
        return "<url>"
    if low.startswith("@"):
        return "<user>"
    if low.startswith("#"):
        low = low[1:]
    if low[0] in "!?":
        return "!" if "!" in low and "?" not in low else "?"
    low = _REPEAT.sub(r"\1\1", low)  # "soooo" and "sooooooo" are the same word
    return _DIGITS.sub("0", low)


def tokenize(text: str) -> list[Token]:
    return [Token(_normalise(m.group()), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def count_features(
    tokens: list[Token],
    cues: Callable[[list[Token]], list[tuple[str, int, int]]] | None = None,
) -> dict[str, tuple[int, list[int]]]:
    """Feature → (count, indices of the first and last token of each occurrence, flattened).

    ``cues`` adds hand-written features (``presslens.textcat.cues``) beside the n-grams.
    """
    # name → flattened (first, last) token pairs, gathered by ``setdefault`` rather than a
    # Python function called per feature
    places: dict[str, list[int]] = {}
    at = places.setdefault
    previous = "<s>"
    for i, tok in enumerate(tokens):
        word = tok.norm
        at("w:" + word, []).extend((i, i))
        at("b:" + previous + " " + word, []).extend((max(i - 1, 0), i))
        previous = word
        for name in char_grams(word):
            at(name, []).extend((i, i))
    if tokens:
        last = len(tokens) - 1
        at("b:" + previous + " </s>", []).extend((last, last))
    if cues is not None:
        for name, first, last in cues(tokens):
            at(name, []).extend((first, last))
    return {name: (len(pairs) // 2, pairs) for name, pairs in places.items()}


def feature_counts(
    tokens: list[Token],
    cues: Callable[[list[Token]], list[tuple[str, int, int]]] | None = None,
) -> dict[str, int]:
    """``count_features`` without the token positions: the fast path when no evidence is
    wanted (most sentences are not flagged, so most need none). Same features, same
    counts."""
    names: list[str] = []
    append = names.append
    previous = "<s>"
    for tok in tokens:
        word = tok.norm
        append("w:" + word)
        append("b:" + previous + " " + word)
        previous = word
        names.extend(char_grams(word))
    if tokens:
        append("b:" + previous + " </s>")
    if cues is not None:
        names.extend(name for name, _, _ in cues(tokens))
    # counted in C, keys in order of first occurrence like count_features's
    return Counter(names)


@functools.lru_cache(maxsize=1 << 13)  # ~1 KB an entry; common words are most of a text
def char_grams(word: str) -> tuple[str, ...]:
    """The character n-gram features of one normalised word, in reading order (none for a
    placeholder such as ``<url>`` or for punctuation)."""
    if word[0] == "<" or not word[0].isalnum():
        return ()
    padded = f" {word} "
    return tuple("c:" + padded[j : j + n] for n in _CHAR_SIZES for j in range(len(padded) - n + 1))


_SYNTAX_PREFIXES = frozenset(("p", "pp", "ent", "r", "rs", "q", "rc", "rcs"))


BLOCKS = ("w", "c", "x", "s")


def block_of(name: str) -> str:
    """The block a feature is normalised in when a model weighs blocks apart: words and
    word bigrams, character n-grams, hand-written cues, parse features."""
    prefix = name[: name.find(":")]
    if prefix == "c":
        return "c"
    if prefix == "x":
        return "x"
    return "s" if prefix in _SYNTAX_PREFIXES else "w"


def weigh(
    counts: Mapping[str, tuple[int, list[int]]] | Mapping[str, int],
    idf: Mapping[str, tuple[int, float]],
    blocks: bool = False,
    normalise: bool = True,
) -> list[tuple[int, float, str]]:
    """TF-IDF values (sublinear tf, L2-normalised) for the features in the vocabulary.

    ``counts`` is ``count_features``'s or ``feature_counts``'s output; ``idf`` maps a
    feature to its column and inverse document frequency; features outside the vocabulary
    are dropped. With ``blocks`` each block (``block_of``) is normalised on its own, so a
    score of 17 cues or a thousand parse features is not drowned by 80,000 n-grams.
    ``normalise=False`` leaves the values raw, for a caller that normalises a whole batch
    at once (``LinearModel.predict_many``).
    """
    rows: list[tuple[int, float, str]] = []
    norm = 0.0
    if blocks and normalise:
        return _weigh_blocks(counts, idf)
    for name, hit in counts.items():
        count = hit if isinstance(hit, int) else hit[0]
        entry = idf.get(name)
        if entry is None:
            continue
        value = (1.0 + math.log(count)) * entry[1]
        rows.append((entry[0], value, name))
        norm += value * value
    if norm > 0.0 and normalise:
        scale = 1.0 / math.sqrt(norm)
        rows = [(col, value * scale, name) for col, value, name in rows]
    return rows


# a vocabulary feature's block, looked up once (only features in a model's vocabulary are
# cached, so the table is bounded by the vocabularies loaded)
_BLOCK_OF: dict[str, str] = {}


def _weigh_blocks(
    counts: Mapping[str, tuple[int, list[int]]] | Mapping[str, int],
    idf: Mapping[str, tuple[int, float]],
) -> list[tuple[int, float, str]]:
    rows: list[tuple[int, float, str]] = []
    kinds: list[str] = []
    norms: dict[str, float] = {}
    for name, hit in counts.items():
        entry = idf.get(name)
        if entry is None:
            continue
        count = hit if isinstance(hit, int) else hit[0]
        value = (1.0 + math.log(count)) * entry[1]
        kind = _BLOCK_OF.get(name)
        if kind is None:
            kind = _BLOCK_OF[name] = block_of(name)
        rows.append((entry[0], value, name))
        kinds.append(kind)
        norms[kind] = norms.get(kind, 0.0) + value * value
    scales = {k: 1.0 / math.sqrt(v) for k, v in norms.items() if v > 0.0}
    return [
        (col, value * scales[k], name) for (col, value, name), k in zip(rows, kinds, strict=True)
    ]
