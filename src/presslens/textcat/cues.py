"""Hand-written cue features that a sentence classifier can weigh beside its n-grams.

Word n-grams learn the vocabulary of the training debates; these cues name what makes a
sentence checkable in any source: a quantity, a past event, a comparison, an attribution,
against what makes it an opinion, a pledge, a hedge or a question. Each cue keeps the
tokens it was read from, so the evidence shown for a claim can point at "twenty" or
"killed" rather than at the whole sentence.

A cue set is named in the model file (``meta["cues"]``) so that training and prediction use
the same one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from presslens.textcat.features import Token

__all__ = ["CUE_SETS", "claim_cues", "comment_cues"]

CueFunction = Callable[[list[Token]], list[tuple[str, int, int]]]

_NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty "
    "fifty sixty seventy eighty ninety hundred hundreds thousand thousands million millions "
    "billion billions trillion trillions dozen dozens percent half third quarter double "
    "doubled tripled twice".split()
)
_COMPARATIVE = frozenset(
    "more less fewer higher lower largest smallest highest lowest biggest first last most "
    "least increase increased decrease decreased rose fell grew cut cuts raised record".split()
)
_EVENT_VERBS = frozenset(
    "killed died wounded injured attacked bombed arrested voted passed signed approved "
    "rejected banned launched invaded captured seized fled left lost won created destroyed "
    "spent paid funded borrowed owed sold bought closed opened reported announced "
    "confirmed".split()
)
_ATTRIBUTION = frozenset(
    "said says told according reported stated claimed announced confirmed quoted noted "
    "stressed added explained warned".split()
)
_FUTURE = frozenset("will would won't wouldn't 'll".split())
_CALL = frozenset("urged urge urges demanded demand demands appealed".split())
_EVALUATIVE = frozenset(
    "important importance difficult extremely considerable clearly obviously course "
    "certainly surely".split()
)
_OPINION = frozenset(
    "think believe feel hope wish guess suppose opinion great terrible wonderful "
    "horrible awful amazing fantastic beautiful sad bad good best worst wrong right "
    "disgrace disaster incredible tremendous ridiculous stupid smart".split()
)
_MODAL_DUTY = frozenset("should must ought need needs".split())
_HEDGE = frozenset(
    "may might could perhaps maybe possibly probably likely seems seem appears apparently "
    "allegedly reportedly".split()
)
_PLEDGE_HEAD = frozenset("i we i'll we'll i'm we're".split())
_PLEDGE_VERB = frozenset("will going promise pledge plan intend want".split())
_FIRST_PERSON = frozenset("i me my we us our".split())
_SECOND_PERSON = frozenset("you your".split())
_DIGIT = re.compile(r"\d")
# one-word cues, each read where its word stands
_WORD_CUES = (
    ("x:comparison", _COMPARATIVE),
    ("x:event", _EVENT_VERBS),
    ("x:attribution", _ATTRIBUTION),
    ("x:opinion", _OPINION),
    ("x:should", _MODAL_DUTY),
    ("x:hedge", _HEDGE),
)
_PERSON_CUES = (
    ("x:evaluative", _EVALUATIVE),
    ("x:first_person", _FIRST_PERSON),
    ("x:second_person", _SECOND_PERSON),
)


@functools.lru_cache(maxsize=1 << 14)  # words repeat: most are looked up before
def _one_word_cues(w: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The cues one word carries alone, in the order ``claim_cues`` reads them: those
    before the "call" cue (a number, the word lists, the future) and those after it."""
    before: list[str] = []
    if _DIGIT.search(w) or w in _NUMBER_WORDS:
        before.append("x:number")
    before.extend(name for name, listed in _WORD_CUES if w in listed)
    if w in _FUTURE or w.endswith("'ll"):
        before.append("x:future")  # an intention or a forecast, not a fact yet
    return tuple(before), tuple(name for name, listed in _PERSON_CUES if w in listed)


def claim_cues(tokens: list[Token]) -> list[tuple[str, int, int]]:
    """(cue name, first token, last token) for every cue read in a sentence."""
    out: list[tuple[str, int, int]] = []
    words = [t.norm.replace("’", "'") for t in tokens]
    for i, w in enumerate(words):
        before, after = _one_word_cues(w)
        out.extend((name, i, i) for name in before)
        if w in _CALL or (w in ("called", "calls", "call") and words[i + 1 : i + 2] == ["on"]):
            out.append(("x:call", i, i))
        out.extend((name, i, i) for name in after)
        if w in _PLEDGE_HEAD and i + 1 < len(words):
            nxt = words[i + 1]
            # "we will", "I'm going to", "we'll"; "I promise" — a pledge is not a claim yet
            if nxt in _PLEDGE_VERB or (w.endswith("'ll") and nxt.isalpha()):
                out.append(("x:pledge", i, i + 1))
        elif w.endswith("'ll") and w[:-3] in ("i", "we"):
            out.append(("x:pledge", i, i))
    n = len(tokens)
    if n:
        if words[-1] == "?":
            out.append(("x:question", n - 1, n - 1))
        size = "x:len_short" if n < 8 else "x:len_mid" if n < 20 else "x:len_long"
        out.append((size, 0, 0))  # no evidence: see ``linear._spread``
    return out


_NEGATION = frozenset(
    "not no never nothing nobody none neither nor n't don't doesn't didn't "
    "isn't aren't wasn't weren't can't cannot won't wouldn't".split()
)
_YOU = frozenset("you you're your ur u youre yall y'all".split())
_GROUP = frozenset(
    """muslims jews christians blacks whites gays immigrants refugees mexicans arabs africans
    asians liberals conservatives democrats republicans leftists libs dems women men
    antifa nazis communists socialists feminists they them these those people""".split()
)
_ORG = frozenset(
    """cnn fox msm media nfl nra fbi cia doj gop dnc rnc congress senate government police
    party company network twitter facebook google antifa""".split()
)
_LEET = str.maketrans(
    {"@": "a", "$": "s", "1": "i", "0": "o", "3": "e", "4": "a", "5": "s", "7": "t", "!": "i"}
)


def comment_cues(tokens: list[Token]) -> list[tuple[str, int, int]]:
    """Cues for the comment heads: words read under a negation ("not stupid" is not
    "stupid"), words addressed to "you", group and organisation words (OLID C's target
    types), and censored spellings without their stars ("f*ck" → "fck", "sc*m" → "scm")."""
    out: list[tuple[str, int, int]] = []
    words = [t.norm.replace("’", "'") for t in tokens]
    negated_until = -1
    for i, w in enumerate(words):
        if w in _NEGATION or w.endswith("n't"):
            negated_until = i + 3  # a negation's reach: the next three words
        elif i <= negated_until and w[:1].isalpha():
            out.append(("n:" + w, i, i))
        if w in _YOU and i + 1 < len(words) and words[i + 1][:1].isalpha():
            out.append(("y:" + words[i + 1], i, i + 1))
        if w in _GROUP:
            out.append(("x:group", i, i))
        if w in _ORG:
            out.append(("x:org", i, i))
        # the tokenizer keeps censoring stars inside a word (digits are already "0")
        plain = w.replace("*", "")
        if plain != w and plain.isalpha() and len(plain) > 2:
            out.append(("d:" + plain, i, i))
    return out


CUE_SETS: dict[str, CueFunction] = {"claims": claim_cues, "comments": comment_cues}
