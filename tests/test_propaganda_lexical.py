"""Lexical findings ("so-called X", scare quotes): the patterns, the precision gate, the
measurement and how the layer shows them."""

from __future__ import annotations

from typing import Any

import pytest

from presslens.datasets.ptc import Corpus, TechniqueLine
from presslens.propaganda import lexical
from presslens.propaganda.cues import cue_matches
from presslens.propaganda.lexical import lexical_findings
from presslens.propaganda.text import analyse
from presslens.train.propaganda_lexical import measure_lexical

TEXT = (
    "The ferry company, which calls its guards ‘harbour helpers,’ raised fares. "
    "The so-called Harbour Board met on Monday."
)


def _found(text: str) -> set[tuple[str, str]]:
    return {(cue, text[s:e]) for cue, s, e in cue_matches(analyse(text))}


def _precision(scare: float, so_called: float) -> dict[str, Any]:
    return {
        "cues": {
            "scare_quotes": {"matches": 10, "precision": {"Doubt": scare}},
            "so_called": {"matches": 10, "precision": {"Name_Calling,Labeling": so_called}},
        }
    }


def test_propaganda_lexical_scare_quotes_keep_a_comma_inside_the_marks() -> None:
    found = _found(TEXT)
    assert ("scare_quotes", "‘harbour helpers,’") in found
    assert ("so_called", "so-called Harbour Board") in found


def test_propaganda_lexical_titles_nicknames_and_sentences_are_no_scare_quotes() -> None:
    titles = (
        "She founded a charity known as ‘safe moorings’ in 1990. "
        "He starred in “Harbour Lights” last year. "
        "The mayor wrote “we will win,” on Friday. "
        "It was shot after “War & Peace” aired. She thought ‘I can’t stay’ and left."
    )
    assert not [c for c in _found(titles) if c[0] == "scare_quotes"]


def test_propaganda_lexical_findings_are_shown_only_above_the_precision_floor() -> None:
    doc = analyse(TEXT)
    both = lexical_findings(doc, _precision(0.6, 0.5))
    assert [(f.cue, f.technique) for f in both] == [
        ("scare_quotes", "Doubt"),
        ("so_called", "Name_Calling,Labeling"),
    ]
    assert all(f.reason for f in both)
    only_so_called = lexical_findings(doc, _precision(0.49, 0.5))
    assert [f.cue for f in only_so_called] == ["so_called"]


def test_propaganda_lexical_measure_counts_overlap_with_gold_of_each_technique() -> None:
    text = "They sent ‘peace keepers’ there. Then ‘aid workers’ came. Then ‘tourists’ left."
    quotes = [(s, e) for cue, s, e in cue_matches(analyse(text)) if cue == "scare_quotes"]
    assert len(quotes) == 3
    (a0, a1), (b0, _), _ = quotes
    corpus = Corpus(
        articles={"1": text},
        spans={"1": []},
        techniques=[
            TechniqueLine("1", "Doubt", a0 + 1, a1),
            TechniqueLine("1", "Loaded_Language", b0, b0 + 3),
        ],
    )
    measured = measure_lexical(corpus)["scare_quotes"]
    assert measured["matches"] == 3
    assert measured["precision"] == {"Doubt": 0.3333, "Loaded_Language": 0.3333, "(any)": 0.6667}


@pytest.mark.slow
def test_propaganda_lexical_spans_reach_the_layer_with_their_origin(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from presslens.analyzers.propaganda import technique_layer

    monkeypatch.setattr(lexical, "lexical_precision", lambda: _precision(0.7, 0.7))
    spans, profile = technique_layer(TEXT, len(TEXT), [(0, len(TEXT))])
    shown = {(t.text, t.technique) for t in spans if t.origin == "lexical"}
    assert ("‘harbour helpers,’", "Doubt") in shown
    assert all(t.reason for t in spans if t.origin == "lexical")
    assert [t.id for t in spans] == [f"t{k + 1}" for k in range(len(spans))]
    assert profile.spans == len(spans)
    monkeypatch.setattr(lexical, "lexical_precision", lambda: _precision(0.3, 0.3))
    spans, _ = technique_layer(TEXT, len(TEXT), [(0, len(TEXT))])
    assert not [t for t in spans if t.origin == "lexical"]
