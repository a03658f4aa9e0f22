"""The indexed lookups that keep long documents linear answer as the scans they replaced
(each scan is restated here as the reference, and both run on random small inputs)."""

from __future__ import annotations

import random
import re

from presslens.analyzers.claims import _MIN_CONTENT, _NUMBER, _RESTATES, _content
from presslens.analyzers.claims import _merge_restatements as merge
from presslens.analyzers.mentions import _occurrences
from presslens.analyzers.spanindex import furthest_end, has_start_in
from presslens.geo.gate import _DISEASES, _disease_words, _names_disease
from presslens.model import Claim, Span
from presslens.propaganda.model import untouched


def _spans(rng: random.Random, n: int) -> list[tuple[int, int]]:
    out = []
    for _ in range(n):
        s = rng.randrange(60)
        out.append((s, max(0, s + rng.randrange(-2, 15))))  # empty and reversed ones too
    return out


def test_untouched_counts_as_a_scan() -> None:
    rng = random.Random(1)
    for _ in range(3000):
        decoded = [(s, e, 0.5) for s, e in _spans(rng, rng.randrange(8))]
        shown = [(s, e, 0.5) for s, e in _spans(rng, rng.randrange(8))]
        scan = sum(not any(s < e1 and s1 < e for s1, e1, _ in shown) for s, e, _ in decoded)
        assert untouched(decoded, shown) == scan


def test_furthest_end_answers_containment_and_overlap_as_a_scan() -> None:
    rng = random.Random(2)
    for _ in range(3000):
        quotes = _spans(rng, rng.randrange(8))
        reach = furthest_end(quotes)
        for s, e in _spans(rng, 10):
            assert (reach(s) >= e) == any(qs <= s and e <= qe for qs, qe in quotes)
            assert (reach(s) > s) == any(qs <= s < qe for qs, qe in quotes)
            assert (reach(e - 1) > s) == any(qs < e and s < qe for qs, qe in quotes)


def test_has_start_in_answers_as_a_scan() -> None:
    rng = random.Random(5)
    for _ in range(3000):
        starts = sorted(rng.randrange(60) for _ in range(rng.randrange(8)))
        for lo, hi in _spans(rng, 10):
            assert has_start_in(starts, lo, hi) == any(lo <= s < hi for s in starts)


def test_occurrences_are_the_regex_matches() -> None:
    rng = random.Random(3)
    words = ["Anna", "Annabel", "Ann-Marie", "Bobby Lee", "Lee", "Leeds", "AnnaAnna", "Zed"]
    for _ in range(2000):
        pieces = [*words, " ", "-", ".", "x", "A"]
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(40)))
        names = set(rng.sample(words, rng.randrange(1, 5)))
        expected = {}
        for n in names:
            found = re.finditer(r"(?<![\w-])" + re.escape(n) + r"(?![\w-])", text)
            if spans := [(m.start(), m.end()) for m in found]:
                expected[n] = spans
        assert _occurrences(text, names) == expected


def _merge_by_scan(claims: list[Claim]) -> list[Claim]:
    flagged = [c for c in claims if c.checkworthy]
    words = {c.id: _content(c.text) for c in flagged}
    numbers = {c.id: frozenset(_NUMBER.findall(c.text)) for c in flagged}
    order = sorted(flagged, key=lambda c: (c.source_text is None, -len(words[c.id]), c.span.start))
    kept: list[Claim] = []
    restated: dict[str, str] = {}
    for c in order:
        mine = words[c.id]
        if len(mine) >= _MIN_CONTENT:
            for k in kept:
                if numbers[c.id] <= numbers[k.id] and len(mine & words[k.id]) >= _RESTATES * min(
                    len(mine), len(words[k.id])
                ):
                    restated[c.id] = k.id
                    break
        if c.id not in restated:
            kept.append(c)
    return [
        c.model_copy(update={"checkworthy": False, "evidence": [], "restates": restated[c.id]})
        if c.id in restated
        else c
        for c in claims
    ]


def test_restatements_merge_as_a_scan() -> None:
    rng = random.Random(7)
    vocab = [f"w{a}{b}x" for a in "abcdef" for b in "abcd"]
    merged = 0
    for _ in range(800):
        pool = vocab[: rng.randrange(4, len(vocab))]
        claims = []
        for i in range(rng.randrange(1, 30)):
            tokens = [rng.choice(pool) for _ in range(rng.randrange(14))]
            tokens += [str(rng.randrange(3)) for _ in range(rng.randrange(3))] + ["the", "is"]
            rng.shuffle(tokens)
            claims.append(
                Claim(
                    id=f"k{i + 1}",
                    span=Span(start=10 * i, end=10 * i + 5),
                    text=" ".join(tokens),
                    score=0.5,
                    checkworthy=rng.random() < 0.8,
                    evidence=[],
                    source_text="a source" if rng.random() < 0.3 else None,
                )
            )
        expected = _merge_by_scan(claims)
        assert merge(claims) == expected
        merged += sum(c.restates is not None for c in expected)
    assert merged > 1000  # the random claims do restate one another


def test_disease_names_as_a_scan() -> None:
    def scan(text: str, surface: str) -> bool:
        if surface.casefold() in _DISEASES:
            return True
        if surface not in text or len(surface) < 3:
            return False
        n, lowered = len(surface), surface.lower()
        return any(s >= n and text[s - n : s].lower() == lowered for s in _disease_words(text))

    rng = random.Random(4)
    pieces = ["Marburg", "MARBURG", "Nile", "West Nile", " virus", " fever", "-virus", " in ", "Ro"]
    surfaces = ["Marburg", "marburg", "Nile", "West Nile", "Ro", "Rome", "Ebola", "Burg"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(12)))
        for surface in surfaces:
            assert _names_disease(text, surface) == scan(text, surface)
