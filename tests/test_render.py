from __future__ import annotations

import re

from presslens import analyze
from presslens.render import render
from tests.conftest import flattened

HOSTILE = '<img src=x onerror="alert(1)"><script>alert("x")</script>[bold red]boom[/]'


def _hostile_doc() -> str:
    return flattened(
        f"Title {HOSTILE}",
        [f"The council met on Tuesday, officials said. {HOSTILE}", "The vote was close."],
        [(f"Evil{HOSTILE[:20]}", f"I disagree! {HOSTILE} http://evil.example/x?a=<b>")],
    )


def test_render_html_escapes_article_and_comment_text() -> None:
    page = render(analyze(_hostile_doc()), "html")
    assert "<script>" not in page
    # the words may show as text (escaped: "&lt;img src=x onerror="), never inside a tag
    assert not re.search(r"<[^>]*\bonerror\s*=", page)
    assert not re.search(r"<img\b", page)
    assert "default-src 'none'" in page  # no script may run even if something slipped through


def test_render_terminal_does_not_interpret_markup() -> None:
    out = render(analyze(_hostile_doc()), "text")
    assert "[bold red]boom[/]" in out


def test_render_json_round_trips() -> None:
    a = analyze(_hostile_doc())
    assert type(a).model_validate_json(render(a, "json")) == a


def test_render_comment_evidence_inside_a_longer_span_is_shown_once() -> None:
    from presslens.model_base import Evidence, Span
    from presslens.render.comments import _evidence_words

    text = "shell and storm the fort now"

    def ev(flag: str, words: str, cue: str | None = None) -> Evidence:
        i = text.index(words)
        return Evidence(flag=flag, span=Span(start=i, end=i + len(words)), text=words, cue=cue)

    assessment = type("A", (), {})()
    assessment.evidence = [
        ev("incitement", "shell"),
        ev("offensive", "shell and storm the fort"),
        ev("incitement", "storm the fort"),
        ev("offensive", "now"),
        ev("offensive", "fort", cue="target"),
    ]
    assert _evidence_words(assessment) == "“shell and storm the fort”, “now”"
