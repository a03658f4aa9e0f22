"""Lexical devices the token model under-reads, and the words that cannot be a span alone.

The token model scores words in a window; some devices are visible only as a pattern:

- **scare quotes**: a short phrase in quotation marks that nobody is quoted as saying
  (the forces "positioned as 'military advisors'") casts doubt on the quoted term;
- **"so-called"** and **"self-styled"** before a name;
- **whataboutism** templates ("what about …", "and yet nobody …", "but when X did …");
- **slogans and hashtags** (#MAGA, "Build the wall!").

Each pattern becomes a candidate span with a prior: the share of the pattern's matches
that lie inside a gold span in the PTC training articles (measured by
``presslens train propaganda``, kept in the model file), and the techniques the span may
be given. ``FUNCTION_WORDS`` are the words a span may not consist of alone ("know", "did",
"of": the shipped model's worst false positives).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from presslens.propaganda.text import Doc

__all__ = ["CUE_TECHNIQUES", "FUNCTION_WORDS", "cue_matches", "is_content"]

CUE_TECHNIQUES: dict[str, tuple[str, ...]] = {
    "scare_quotes": ("Doubt", "Loaded_Language", "Name_Calling,Labeling"),
    "so_called": ("Name_Calling,Labeling", "Doubt", "Loaded_Language"),
    "whataboutism": ("Whataboutism,Straw_Men,Red_Herring", "Doubt"),
    "slogan": ("Slogans", "Flag-Waving", "Loaded_Language"),
}

FUNCTION_WORDS = frozenset(
    """a an the and or but nor so yet if then than that this these those there here it its
    it's he she they them their his her him we us our you your i me my mine who whom whose
    which what when where why how is are was were be been being am do does did done doing
    have has had having will would shall should can could may might must not no yes of in
    on at to for from by with about as into onto over under up down out off again also
    just only very too much many more most some any all each every both either neither
    one own same such other another know knew known say said says tell told get got make
    made go went gone come came see saw seen take took think thought want wanted words
    word thing things way ways lot really even still ever never now today well back
    because while after before during since until although though whether""".split()
)

_SO_CALLED = re.compile(r"\b(?:so-called|so called|self-styled|self-proclaimed)\s+", re.I)
# a matched pair of marks around a short phrase; a straight single quote only where it
# cannot be an apostrophe (after a space, before a non-letter)
_SCARE = re.compile(
    r"‘([^‘’\n]{2,40})’(?!\w)|“([^“”\n]{2,40})”|\"([^\"\n]{2,40})\"|(?<=\s)'([^'\n]{2,40})'(?!\w)"
)
_WHATABOUT = re.compile(
    r"\b(?:(?:but|and)\s+)?what about\b|\bwhere (?:was|were) (?:the )?(?:outrage|media)\b"
    r"|\bnobody (?:said|says|complained)\b|\bno one (?:said|says|complained)\b",
    re.I,
)
_HASHTAG = re.compile(r"#\w{3,}")
_NAMING = re.compile(
    r"\b(?:known as|called|nicknamed|dubbed|titled|entitled|named|headlined)\s*$", re.I
)
_SMALL = frozenset("a an the of and or in on at to for by with from as".split())
_SAID = re.compile(
    r"\b(?:said|says|told|asked|stated|added|wrote|tweeted|according|noted|described"
    r"|warned|claimed|chanted|urged|insisted|promised|argued|admitted|accused)\b",
    re.I,
)


def is_content(norm: str) -> bool:
    """A word that can carry a technique on its own."""
    return norm[:1].isalnum() and len(norm) > 2 and norm not in FUNCTION_WORDS


def cue_matches(doc: Doc) -> list[tuple[str, int, int]]:
    """(cue, start char, end char) of every lexical device in ``doc``."""
    text = doc.text
    out: list[tuple[str, int, int]] = []
    for m in _SO_CALLED.finditer(text):
        first, _ = doc.token_range(m.end(), m.end() + 1)
        stop = first
        # the name that follows: its first word, and up to two more if it is a proper name
        while stop < len(doc.raws) and stop - first < 3 and doc.raws[stop][:1].isalnum():
            if stop > first and not (
                doc.raws[first][:1].isupper() and doc.raws[stop][:1].isupper()
            ):
                break
            stop += 1
        if stop > first:
            out.append(("so_called", m.start(), int(doc.ends[stop - 1])))
    for m in _SCARE.finditer(text):
        inner = next(g for g in m.groups() if g is not None)
        # a comma before the closing mark is the house style of the sentence, not the
        # phrase's ('military advisors,'); a full stop or "!" closes a quoted sentence
        phrase = inner[:-1] if inner.endswith(",") else inner
        words = phrase.split()
        if not 1 <= len(words) <= 4 or phrase[-1:] in ".,!?":
            continue  # a quoted sentence is a quotation, not a scare quote
        # a quote next to a speech verb is someone's words; a word's "'s" is no quote
        around = text[max(0, m.start() - 40) : m.end() + 30]
        if _SAID.search(around) or phrase[:1] in " '" or phrase.endswith(" "):
            continue
        # a title, a name or a nickname ("known as 'Vital Voices'") is quoted as a name
        if _NAMING.search(text[max(0, m.start() - 20) : m.start()]) or all(
            w[:1].isupper() for w in words if w.lower() not in _SMALL and w[:1].isalnum()
        ):
            continue
        out.append(("scare_quotes", m.start(), m.end()))
    for m in _WHATABOUT.finditer(text):
        end = text.find(".", m.end())
        end = min(end if end != -1 else len(text), m.end() + 80)
        q = text.find("?", m.end())
        if q != -1 and q < end:
            end = q + 1
        out.append(("whataboutism", m.start(), end))
    for m in _HASHTAG.finditer(text):
        out.append(("slogan", m.start(), m.end()))
    return sorted(out, key=lambda c: (c[1], c[2]))
