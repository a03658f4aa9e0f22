"""The attribution cue lexicon: which words introduce what someone said, thought or showed.

Learned from annotated attributions (PolNeAR's training split) by ``presslens train cues``
(``presslens.train.cues``): for every word form, how often it is (part of) an annotated cue
against how often it occurs at all; forms seen as a cue at least ``min_count`` times with a
cue rate of at least ``min_rate`` are kept, with their rate. Beside them, each word's
argument frames: which dependent (a clausal complement, an object, "for …") carries the
content, and how often. The extractor still needs syntax before it takes a word as a cue,
so the rates are priors, not verdicts.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "FRAME_DEPS",
    "HAND_ADDED",
    "HAND_FRAMES",
    "cue_frames",
    "cue_lexicon",
    "frame_key",
    "frame_slots",
    "frame_stem",
    "write_cues",
]

FORM_MIN_SEEN = 5
# The dependents a cue's content can be (prepositions are told apart by their word).
FRAME_DEPS = frozenset(
    {"ccomp", "xcomp", "dobj", "prep", "advcl", "attr", "oprd", "acomp", "acl", "nsubjpass"}
)


@functools.lru_cache(maxsize=65536)
def frame_stem(word: str) -> str:
    """The crude stem frames are pooled under ("voted", "votes", "voting" → "vot"): the
    pipeline runs without a lemmatizer, and a rare form should borrow its base's frame."""
    for suffix in ("ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


def frame_key(child: Token) -> str | None:
    """The frame slot a dependent fills: its dependency label, a preposition's word."""
    if child.dep_ not in FRAME_DEPS:
        return None
    if child.dep_ == "prep":
        return f"prep:{child.lower_}"
    return child.dep_


def write_cues(lexicon: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(lexicon, indent=1, sort_keys=True) + "\n", encoding="utf-8")


# Impersonal cues of vague sourcing ("it is believed that …") are too rare in PolNeAR's
# political news to be learned there, and matter most to fact-checkers: added by hand, with
# a low rate so they never take a plain object as content.
HAND_ADDED = {"believed": 0.2, "rumoured": 0.2, "rumored": 0.2, "alleged": 0.2, "understood": 0.2}
# Verbs of saying too rare in PolNeAR train to be learned in any form ("“…,” he quipped"):
# a speech act whatever the sentence, so a quotation or a "that" clause after them is
# what was said; their rate stays under the object reading's threshold.
HAND_ADDED.update(
    dict.fromkeys(
        "quipped quips joked retorted retorts countered counters reasoned bragged boasts"
        " exclaimed whispered snapped fumed scoffed marveled marvelled".split(),
        0.8,
    )
)


@functools.cache
def _shipped(path: Path | None = None) -> dict[str, Any]:
    """The cue tables in ``path`` (what ``presslens train cues -o PATH`` wrote), by default
    the shipped ``resources/quotes/cues.json``."""
    if path is not None:
        raw = path.read_text("utf-8")
    else:
        raw = resources.files("presslens.resources.quotes").joinpath("cues.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


@functools.cache
def cue_lexicon(path: Path | None = None) -> dict[str, float]:
    """The shipped lexicon (or the one in ``path``): word form → cue rate."""
    words: dict[str, float] = _shipped(path)["words"]
    return {**HAND_ADDED, **_other_forms(words), **words}


# A form seen too rarely to be learned ("warns", "concedes", "contended") borrows from the
# forms of its crude stem that were ("warned", "conceded", "contends"): the lowest rate
# among them, kept under the object-reading threshold (0.9 in ``attribution``) so that a
# borrowed form never takes a plain object as its content.
STEM_RATE_CAP = 0.85
STEM_MIN_RATE = (
    0.5  # "make", "take", "mean" (0.2–0.4) borrow nothing (0.4–0.7 on the tuning fifth: same F1)
)
_ENDINGS = ("", "s", "es", "ed", "d", "ing", "e")


def _other_forms(words: dict[str, float]) -> dict[str, float]:
    by_stem: dict[str, list[float]] = {}
    for w, rate in words.items():
        if w.isalpha() and len(w) >= 4:
            by_stem.setdefault(frame_stem(w), []).append(rate)
    out: dict[str, float] = {}
    for stem, rates in by_stem.items():
        rate = min(min(rates), STEM_RATE_CAP)
        if rate < STEM_MIN_RATE:
            continue
        for ending in _ENDINGS:
            form = stem + ending
            if form not in words and frame_stem(form) == stem:
                out[form] = rate
    return out


# Unattributed reports and rumours ("Reports about fighters fleeing …", "rumours of a
# deal") are vague sourcing, the kind fact-checkers look for; PolNeAR's annotators mark
# them too rarely for their frames to be learned.
_VAGUE_NOUN_SLOTS = {"prep:about": 0.6, "prep:of": 0.5, "prep:that": 0.6, "acl": 0.5}
HAND_FRAMES = dict.fromkeys(
    "reports rumours rumors rumour rumor speculation".split(), _VAGUE_NOUN_SLOTS
)


# A rate seen a few times is pulled towards 0 as if ``FRAME_PRIOR`` more observations
# had not been content: 2 of 3 is not as sure as 20 of 30 (2 against 0 and 5 on the
# tuning fifth: relations precision 0.469 → 0.488 for recall 0.416 → 0.407).
FRAME_PRIOR = 2


def _shrunk(rate_seen: list[float]) -> float:
    rate, seen = rate_seen
    return round(rate * seen / (seen + FRAME_PRIOR), 3)


@functools.cache
def cue_frames(path: Path | None = None) -> dict[str, dict[str, float]]:
    """The shipped frames: word form → dependent slot ("dobj", "prep:for") → how often
    that slot is the content when the word has it. A form's own rate is used where the
    form was seen with the slot at least ``FORM_MIN_SEEN`` times, its stem's pooled rate
    elsewhere ("vote for" borrows from "voted for")."""
    frames: dict[str, dict[str, list[float]]] = _shipped(path).get("frames", {})
    out: dict[str, dict[str, float]] = {}
    for key, slots in frames.items():
        if key.startswith("~"):
            continue
        pooled = frames.get("~" + frame_stem(key), {})
        merged = {k: _shrunk(v) for k, v in pooled.items()}
        merged.update({k: _shrunk(v) for k, v in slots.items() if v[1] >= FORM_MIN_SEEN})
        out[key] = merged
    for key, slots in frames.items():
        if key.startswith("~"):
            out.setdefault(key, {k: _shrunk(v) for k, v in slots.items()})
    for w, hand in HAND_FRAMES.items():
        out[w] = {**hand, **out.get(w, {})}
    return out


def frame_slots(frames: dict[str, dict[str, float]], word: str) -> dict[str, float] | None:
    """The frame of a word form: its own (with its stem's filled in), else its stem's."""
    return frames.get(word) or frames.get("~" + frame_stem(word))
