"""The attribution cue lexicon: which words introduce what someone said, thought or showed.

Learned from annotated attributions (PolNeAR's training split) by ``presslens train cues``:
for every word form, how often it is (part of) an annotated cue against how often it occurs
at all. Forms seen as a cue at least ``min_count`` times with a cue rate of at least
``min_rate`` are kept, with their rate. The extractor still needs syntax (a clausal
complement, a quotation) before it takes a word as a cue, so the rate is a prior, not a
verdict.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["HAND_ADDED", "MIN_COUNT", "MIN_RATE", "cue_lexicon", "learn_cues", "write_cues"]

MIN_COUNT = 3
MIN_RATE = 0.15
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# Words that occur inside cue spans without being the cue ("has said", "said in a statement").
_FUNCTION = frozenset(
    "a an the to in on of for at by with about as has have had is was were be been being are"
    " will would could should may might can also not n't and or that it this his her their"
    " its he she they we i you said: statement interview".split()
)


def learn_cues(
    train: Path, min_count: int = MIN_COUNT, min_rate: float = MIN_RATE
) -> dict[str, Any]:
    """Cue word forms and their cue rates from brat ``attributions/`` + ``text/`` folders."""
    from presslens.datasets.polnear import load_polnear

    docs = load_polnear(train)
    seen: Counter[str] = Counter()
    as_cue: Counter[str] = Counter()
    for doc in docs:
        seen.update(w.lower() for w in _WORD.findall(doc.text))
        for rel in doc.relations:
            for s, e in rel.cue:
                as_cue.update(
                    w.lower() for w in _WORD.findall(doc.text[s:e]) if w.lower() not in _FUNCTION
                )
    # A span boundary inside a word ("they’re") can make a fragment count more often as a
    # cue than it is seen: such fragments are not words.
    words = {
        w: round(as_cue[w] / seen[w], 3)
        for w in sorted(as_cue)
        if len(w) >= 3 and as_cue[w] >= min_count and min_rate <= as_cue[w] / max(seen[w], 1) <= 1.0
    }
    return {
        "trained_on": str(train.name),
        "documents": len(docs),
        "relations": sum(len(d.relations) for d in docs),
        "min_count": min_count,
        "min_rate": min_rate,
        "words": words,
    }


def write_cues(lexicon: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(lexicon, indent=1, sort_keys=True) + "\n", encoding="utf-8")


# Impersonal cues of vague sourcing ("it is believed that …") are too rare in PolNeAR's
# political news to be learned there, and matter most to fact-checkers: added by hand, with
# a low rate so they never take a plain object as content.
HAND_ADDED = {"believed": 0.2, "rumoured": 0.2, "rumored": 0.2, "alleged": 0.2, "understood": 0.2}


@functools.cache
def cue_lexicon() -> dict[str, float]:
    """The shipped lexicon: word form → cue rate."""
    raw = resources.files("presslens.resources.quotes").joinpath("cues.json").read_text("utf-8")
    words: dict[str, float] = json.loads(raw)["words"]
    return {**HAND_ADDED, **words}
