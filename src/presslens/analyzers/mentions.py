"""Entity mentions: the spaCy model's entities, corrected, plus shipped alias and demonym tables.

The small English model makes errors that matter to news analysts (a Title-Case headline read
as one ORG, "Aleppo" as a nationality, "Palmyra" as a person, "Hopefully Russia" as an
organisation). The corrections here are rules over the parse, the gazetteer and the
document itself, each recorded in the mention's ``source``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from presslens.analyzers.lexicons import actors, demonyms
from presslens.analyzers.spanindex import SpanIndex

__all__ = ["CASE_TWINS", "RawMention", "find_mentions", "model_text"]

KEEP = {"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC", "EVENT", "PRODUCT"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
_FACILITY = re.compile(
    r"\b(?P<name>[A-Z][\w-]*(?:[ -][A-Z0-9][\w-]*)?)[ -](?P<kind>air ?base|airbase|airfield|"
    r"airport|naval base|military base|base)\b"
)
_GENERIC_AFTER = frozenset(
    "province region state prefecture governorate district county municipality".split()
)
_DIRECTIONS = (
    "Eastern",
    "Western",
    "Northern",
    "Southern",
    "Central",
    "North",
    "South",
    "East",
    "West",
    "Northeast",
    "Northwest",
    "Southeast",
    "Southwest",
)


@dataclass(frozen=True, slots=True)
class RawMention:
    start: int
    end: int
    text: str
    label: str
    source: str  # ner, ner+relabel, alias, demonym, facility, headline
    actor: str | None = None  # alias-table id
    country: str | None = None  # for demonyms: the country the adjective names
    form: str = "name"


# a whole word not at the start of the text nor right after a sentence end and a space
_MID_SENTENCE_WORD = re.compile(r"(?<![.!?\n“\"] )(?<!^)\b\w+")


def model_text(text: str, title: tuple[int, int] | None, blank: list[tuple[int, int]]) -> str:
    """The text the model reads: same length, title sentence-cased, commenter names blanked.

    A Title-Case headline makes the model read every capitalised word as a name; words that
    the body never capitalises mid-sentence are lowered. Name lines of commenters are not
    mentions of anyone, so the model does not see them.
    """
    chars = list(text)
    for s, e in blank:
        chars[s:e] = " " * (e - s)
    if title:
        s, e = title
        # the words the body capitalises mid-sentence, found in one pass (a pattern per
        # title word was compiled at run time, once per word per document)
        mid_sentence = {m.group() for m in _MID_SENTENCE_WORD.finditer(text[e : e + 20000])}
        for m in re.finditer(r"[A-Z][a-z]+", text[s:e]):
            word = m.group()
            if m.start() == 0 or word in mid_sentence:
                continue
            lowered = word.lower()
            if len(lowered) == len(word):
                chars[s + m.start() : s + m.end()] = lowered
    return "".join(chars)


# The characters outside ASCII that re.IGNORECASE matches to an ASCII letter (İ ı ſ and the
# Kelvin sign; tests/test_analyzers_mentions_speed.py derives the set from the regex engine).
CASE_TWINS = frozenset("\u0130\u0131\u017f\u212a")


def _alias_matches(text: str) -> list[RawMention]:
    out = []
    lowered: str | None = None
    twins: bool | None = None
    for actor in actors():
        for alias in actor.aliases:
            flags = 0 if len(alias) <= 5 or alias.isupper() else re.I
            # a search per alias over the whole text was half this layer's time; most aliases
            # are absent, and a substring test (in C) proves it: exactly when the alias is
            # not in the text, or (ignoring case) not in the lowered text, which holds when
            # no character of the text is an ASCII letter's case twin
            if flags == 0:
                if alias not in text:
                    continue
            elif alias.isascii():
                if twins is None:
                    twins = not CASE_TWINS.isdisjoint(text)
                if not twins:
                    lowered = text.lower() if lowered is None else lowered
                    if alias.lower() not in lowered:
                        continue
            for m in re.finditer(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", text, flags):
                out.append(
                    RawMention(
                        m.start(),
                        m.end(),
                        m.group(),
                        actor.type,
                        "alias",
                        actor=actor.id,
                        form="alias",
                    )
                )
    return out


def _demonym_matches(text: str) -> list[RawMention]:
    table = demonyms()
    pattern = _demonym_pattern(tuple(table))
    return [
        RawMention(
            m.start(),
            m.end(),
            m.group(),
            "NORP",
            "demonym",
            country=table[m.group()],
            form="adjective",
        )
        for m in pattern.finditer(text)
        # "speaks fluent French": the language, not the country
        if not _LANGUAGE_BEFORE.search(text[max(0, m.start() - 30) : m.start()])
    ]


_LANGUAGE_BEFORE = re.compile(
    r"\b(?:speak|speaks|speaking|spoke|spoken|fluent|translated into|learn|learning|"
    r"learned|learnt|taught|teach|teaches|teaching)\s+(?:fluent\s+)?$",
    re.I,
)


_PATTERNS: dict[tuple[str, ...], re.Pattern[str]] = {}


def _demonym_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    if words not in _PATTERNS:
        alts = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
        _PATTERNS[words] = re.compile(rf"\b(?:{alts})\b")
    return _PATTERNS[words]


# Penn tags of adverbs, interjections, determiners and pronouns (the model's fine tags; the
# attribute ruler that maps them to coarse POS is not loaded).
_LEADING_TAGS = frozenset({"RB", "RBR", "RBS", "UH", "DT", "PDT", "PRP", "PRP$", "WDT", "WP"})


def _trim(ent: SpacySpan) -> SpacySpan | None:
    """Drop sentence-initial adverbs and determiners the model pulled into a name."""
    start = ent.start
    while start < ent.end and (ent.doc[start].tag_ in _LEADING_TAGS or ent.doc[start].is_punct):
        start += 1
    return ent.doc[start : ent.end] if start < ent.end else None


def find_mentions(
    doc: Doc,
    text: str,
    is_place: Callable[[str, bool], bool],
) -> list[RawMention]:
    """Mentions in ``text`` (the original; ``doc`` was made from ``model_text(text)``).

    ``is_place(name, fuzzy)`` asks the gazetteer whether a name is a place worth relabelling.
    """
    lowered_words = set(re.findall(r"\b[a-z][a-z-]+\b", text))
    # Tokens of full personal names: "Lavrov" after "Sergei Lavrov" is the man, not a place.
    person_tokens = {
        tok.text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) >= 2 for tok in ent
    }
    found: list[RawMention] = []
    for ent in doc.ents:
        if ent.label_ not in KEEP:
            continue
        span = _trim(ent)
        if span is None:
            continue
        s, e = span.start_char, span.end_char
        if text[max(0, s - 1) : s + 1].startswith("@") or text[s] == "@":
            continue  # "@Marta" addresses a fellow commenter: a reply, not a mention
        if "\n" in text[s:e]:  # a name never runs across a line break (title into body)
            e = s + text[s:e].index("\n")
            span = doc.char_span(s, e, alignment_mode="contract")
            if span is None or not len(span):
                continue
        if ent.label_ in PLACE_LABELS and len(span) >= 2 and span[-1].text in _GENERIC_AFTER:
            # "Sichuan province", "Artibonite region": the name is the place, the lower-case
            # word says what kind it is (and "Nyanza province" must be looked up as Nyanza)
            span = span[:-1]
            e = span.end_char
        surface = text[s:e]
        label, source = ent.label_, "ner"
        if len(span) == 1 and surface.istitle() and surface.lower() in lowered_words:
            continue  # "Terrorists" capitalised at a sentence start: a common noun elsewhere
        if label in ("PERSON", "NORP", "ORG") and surface not in demonyms():
            single = len(span) == 1 or span[0].text not in _FIRST_NAMES_HINT
            if single and surface not in person_tokens and is_place(surface, False):
                label, source = "GPE", "ner+gazetteer"
            elif label == "PERSON" and surface not in person_tokens and is_place(surface, True):
                label, source = "GPE", "ner+fuzzy-gazetteer"
        if label == "ORG" and len(span) >= 2 and span[0].text in demonyms():
            # "Syrian Raqqa": an adjective and a place read as one organisation.
            rest = text[span[1].idx : e]
            if is_place(rest, False):
                found.append(
                    RawMention(
                        s,
                        span[0].idx + len(span[0].text),
                        span[0].text,
                        "NORP",
                        "demonym",
                        country=demonyms()[span[0].text],
                        form="adjective",
                    )
                )
                s, surface, label, source = span[1].idx, rest, "GPE", "ner+split"
        if label == "LOC" and surface.split()[0] in _DIRECTIONS:
            source = "ner+region"
        found.append(RawMention(s, e, surface, label, source))
    for m in _FACILITY.finditer(text):
        found.append(RawMention(m.start(), m.end(), m.group(), "FAC", "facility"))
    found.extend(_datelines(text, is_place))
    found.extend(_alias_matches(text))
    found.extend(_demonym_matches(text))
    return _propagate(text, _resolve_overlaps(found))


# "BEIJING -- At least …", "EDMONTON, Ky. (WBKO) --", "WASHINGTON Barack Obama …": the
# model reads an all-capital dateline as no entity at all. It opens a line or follows a
# headline's full stop.
_DATELINE = re.compile(
    r"(?m)(?:^[ \t]*|(?<=[.!?] ))(?P<name>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2})"
    r"(?P<state>,\s+[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)?"
    r"(?:(?P<dash>\s*(?:\(|—|–|-{1,2}\s))|[ \t]+(?=[A-Z]))"
)


def _datelines(text: str, is_place: Callable[[str, bool], bool]) -> list[RawMention]:
    """Place names in capitals opening a line before an agency, a dash or the first words;
    with no state after them, only names of big places (``is_place``) are taken, and with
    neither a state nor a dash only names of five letters or more ("NATO said" is no
    dateline)."""
    out = []
    for m in _DATELINE.finditer(text):
        name = m.group("name")
        if not (m.group("state") or m.group("dash") or len(name) >= 5):
            continue
        if m.group("state") or is_place(name.title(), False):
            out.append(RawMention(m.start("name"), m.end("name"), name, "GPE", "dateline"))
    return out


_NAME_CHAR = re.compile(r"[\w-]")


def _occurrences(text: str, names: set[str]) -> dict[str, list[tuple[int, int]]]:
    r"""Every occurrence of each name standing alone (not inside a longer word), as
    ``re.finditer(r"(?<![\w-])NAME(?![\w-])", text)`` finds them, in one pass over the text
    for all names (a pass per name made long documents quadratic)."""
    out: dict[str, list[tuple[int, int]]] = {}
    if not names:
        return out
    # the lengths worth trying at a position, by the name's first few characters: trying
    # every length of every name at every capital made a long document's many names cost
    # positions x lengths
    prefix = min(4, min(len(n) for n in names))
    by_prefix: dict[str, set[int]] = {}
    for n in names:
        by_prefix.setdefault(n[:prefix], set()).add(len(n))
    lengths = {key: sorted(sizes) for key, sizes in by_prefix.items()}
    firsts = "".join(sorted({n[0] for n in names}))
    starts = re.compile(r"(?<![\w-])[" + re.escape(firsts) + "]")
    for found in starts.finditer(text):
        s = found.start()
        for length in lengths.get(text[s : s + prefix], ()):
            e = s + length
            if e > len(text):
                break
            piece = text[s:e]
            if piece in names and not _NAME_CHAR.match(text, e):
                spans = out.setdefault(piece, [])
                if not spans or spans[-1][1] <= s:  # finditer's matches never overlap
                    spans.append((s, e))
    return out


def _propagate(text: str, kept: list[RawMention]) -> list[RawMention]:
    """One sense per discourse: a name recognised once is a mention wherever it recurs."""
    taken: SpanIndex[None] = SpanIndex((m.start, m.end, None) for m in kept)
    extra: list[RawMention] = []
    names: list[RawMention] = []
    seen: set[str] = set()
    for m in kept:
        if m.source not in ("demonym", "alias") and len(m.text) >= 4 and m.text not in seen:
            seen.add(m.text)
            names.append(m)
    hits = _occurrences(text, {m.text for m in names})
    for m in names:
        for s, e in hits.get(m.text, ()):
            if next(taken.overlapping(s, e), None) is not None:
                continue
            taken.add(s, e, None)
            extra.append(replace(m, start=s, end=e, source=m.source + "+propagated"))
    return sorted(kept + extra, key=lambda x: x.start)


# Tokens that start personal names; "Mahmoud Larfi" stays a person even if a place is called
# Larfi. Kept short: the model's PERSON label already carries most of this.
_FIRST_NAMES_HINT = frozenset("Mr Mrs Ms Dr President General Minister Sheikh".split())
_PRIORITY = {
    "alias": 0,
    "facility": 1,
    "dateline": 1,
    "demonym": 2,
    "ner+split": 2,
    "ner+gazetteer": 2,
    "ner+fuzzy-gazetteer": 2,
    "ner+region": 2,
    "ner": 3,
}


def _resolve_overlaps(found: list[RawMention]) -> list[RawMention]:
    """Keep non-overlapping mentions: longer first, then by source priority."""
    ranked = sorted(found, key=lambda m: (-(m.end - m.start), _PRIORITY.get(m.source, 9)))
    kept: list[RawMention] = []
    index: SpanIndex[int] = SpanIndex()  # kept spans → their position in kept
    for m in ranked:
        # the first clash in kept's order, as a scan of kept would find it
        at = min((slot for _, _, slot in index.overlapping(m.start, m.end)), default=None)
        if at is None:
            index.add(m.start, m.end, len(kept))
            kept.append(m)
            continue
        clash = kept[at]
        if clash.source == "ner" and m.source == "alias" and m.end - m.start >= 2:
            index.remove(clash.start, clash.end, at)
            index.add(m.start, m.end, at)
            kept[at] = m
    kept.sort(key=lambda m: m.start)
    return kept
