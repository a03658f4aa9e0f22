"""Learning the attribution cue lexicon and its argument frames from PolNeAR train.

Two tables go into ``resources/quotes/cues.json``:

- ``words``: for every word form, how often it is (part of) an annotated cue against how
  often it occurs at all (``analyzers.cues`` explains the use);
- ``frames``: for a cue word and one kind of dependent (``ccomp``, ``dobj``, ``xcomp``,
  ``prep:for``, ``acl``, …), how often that dependent's words are the annotated content
  when the word has such a dependent. This is what lets stance, belief, intention and
  evidence words ("supported the bill", "would vote for Clinton", "wants to run",
  "accusations of fraud", "reports about …") take their content from the right place,
  where the speech-verb reading only knows clausal complements.

A fifth of the training articles (by a hash of the article name, ``is_tuning``) is kept
out of the learning: the extractor's thresholds are tuned on it, and dev is scored once.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from presslens.analyzers.cues import frame_key, frame_stem
from presslens.datasets.polnear import is_tuning

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from presslens.eval.quotes import GoldDoc

__all__ = [
    "MIN_COUNT",
    "MIN_RATE",
    "is_tuning",
    "learn_cues",
    "learn_frames",
    "learn_words",
]

MIN_COUNT = 3
MIN_RATE = 0.15
FRAME_MIN_SEEN = 3
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# Words that occur inside cue spans without being the cue ("has said", "said in a statement").
_FUNCTION = frozenset(
    "a an the to in on of for at by with about as has have had is was were be been being are"
    " will would could should may might can also not n't and or that it this his her their"
    " its he she they we i you said: statement interview".split()
)


def learn_words(
    docs: Sequence[GoldDoc], min_count: int = MIN_COUNT, min_rate: float = MIN_RATE
) -> dict[str, float]:
    seen: Counter[str] = Counter()
    as_cue: Counter[str] = Counter()
    for doc in docs:
        inside = _content_mask(doc)
        seen.update(m.group().lower() for m in _WORD.finditer(doc.text) if not inside[m.start()])
        for rel in doc.relations:
            for s, e in rel.cue:
                as_cue.update(
                    w.lower() for w in _WORD.findall(doc.text[s:e]) if w.lower() not in _FUNCTION
                )
    # A span boundary inside a word ("they’re") can make a fragment count more often as a
    # cue than it is seen: such fragments are not words.
    return {
        w: round(as_cue[w] / seen[w], 3)
        for w in sorted(as_cue)
        if len(w) >= 3 and as_cue[w] >= min_count and min_rate <= as_cue[w] / max(seen[w], 1) <= 1.0
    }


def _content_mask(doc: GoldDoc) -> bytearray:
    """1 for every character inside some relation's content. PolNeAR never nests one
    relation in another's content, so a word there ("I think" inside a quotation) was
    never a candidate cue: counting it would only dilute the rate of the readings that
    are (the finder, too, keeps only the outermost relation)."""
    mask = bytearray(len(doc.text) + 1)
    for rel in doc.relations:
        for s, e in rel.content:
            mask[s:e] = b"\x01" * (e - s)
    return mask


def _content_of(child: Token) -> Token:
    """The token whose subtree is the content: a preposition's object, else the child."""
    if child.dep_ == "prep":
        obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
        if obj is not None:
            return obj
    return child


def learn_frames(
    pairs: Iterable[tuple[Doc, GoldDoc]], min_seen: int = FRAME_MIN_SEEN
) -> dict[str, dict[str, list[float]]]:
    """``word → slot → [rate, seen]`` (and ``~stem → …`` pooled over a stem's forms): how
    often a slot's words are a relation's content when the word is its cue, over every
    time the word has that slot."""
    seen: Counter[tuple[str, str]] = Counter()
    hits: Counter[tuple[str, str]] = Counter()
    for doc, gold in pairs:
        cue_at: dict[int, list[tuple[int, int]]] = {}
        for rel in gold.relations:
            for s, e in rel.cue:
                span = doc.char_span(s, e, alignment_mode="expand")
                for tok in span or ():
                    cue_at.setdefault(tok.i, []).extend(rel.content)
        inside = _content_mask(gold)
        for tok in doc:
            if not tok.tag_.startswith(("VB", "NN", "JJ")) or inside[tok.idx]:
                continue
            for child in tok.children:
                key = frame_key(child)
                if key is None:
                    continue
                head = _content_of(child)
                hit = any(s <= head.idx < e for s, e in cue_at.get(tok.i, ()))
                # by form, and pooled by stem under "~stem" for the forms seen too rarely
                for pair in ((tok.lower_, key), ("~" + frame_stem(tok.lower_), key)):
                    seen[pair] += 1
                    hits[pair] += hit
    frames: dict[str, dict[str, list[float]]] = {}
    for (word, key), n in sorted(seen.items()):
        if n >= min_seen and hits[(word, key)]:
            frames.setdefault(word, {})[key] = [round(hits[(word, key)] / n, 3), n]
    return frames


def learn_cues(
    train: Path,
    min_count: int = MIN_COUNT,
    min_rate: float = MIN_RATE,
    docs: Sequence[Doc] | None = None,
) -> dict[str, Any]:
    """Cue word forms with their cue rates, and their argument frames, from brat
    ``attributions/`` + ``text/`` folders (the tuning fifth left out). ``docs`` are the
    parses of the articles, in order, when the caller has them; else they are parsed here."""
    from presslens.eval.quotes import load_polnear

    gold = load_polnear(train)
    if docs is None:
        from presslens.pipeline import model_parser

        parsed = model_parser()
        docs = [parsed(g.text) for g in gold]
    keep = [i for i, g in enumerate(gold) if not is_tuning(g.name)]
    learn = [gold[i] for i in keep]
    return {
        "trained_on": str(train.name),
        "documents": len(learn),
        "tuning_documents": len(gold) - len(learn),
        "relations": sum(len(d.relations) for d in learn),
        "min_count": min_count,
        "min_rate": min_rate,
        "frame_min_seen": FRAME_MIN_SEEN,
        "words": learn_words(learn, min_count, min_rate),
        "frames": learn_frames((docs[i], gold[i]) for i in keep),
    }
