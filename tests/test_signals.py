from __future__ import annotations

import pytest

from presslens import Analysis, analyze
from presslens.render.html import render_html
from tests.conftest import flattened

STORY = flattened(
    "Mayor Quits Over Bridge Scandal",
    [
        "The mayor of Tarnvik resigned on Tuesday over the bridge contract, sources close to "
        "the council said.",
        "Reports say the mayor quits after the bridge scandal grew.",
        "The council will meet on Friday to choose an acting mayor.",
    ],
    [
        ("Quay Walker", "Good riddance. Someone should hang the whole council for this."),
        ("Net Mender", "@Quay Walker calm down, the investigation is not even finished."),
    ],
)


@pytest.fixture(scope="module")
def story() -> Analysis:
    return analyze(STORY, source="mayor.txt", url="https://bit.ly/3abc")


def _signal(a: Analysis, sid: str):  # type: ignore[no-untyped-def]
    assert a.signals is not None
    return next(s for s in a.signals.signals if s.id == sid)


@pytest.mark.slow
def test_signals_headline_traced_to_its_sources(story: Analysis) -> None:
    s = _signal(story, "headline_support")
    assert s.attention
    texts = " ".join(e.text for e in s.evidence)
    assert "Reports say the mayor quits" in texts
    assert "“reports" in s.value.lower()
    for e in s.evidence:
        assert story.text[e.span.start : e.span.end] == e.text


@pytest.mark.slow
def test_signals_shortened_url_is_not_rated(story: Analysis) -> None:
    s = _signal(story, "outlet_rating")
    assert not s.attention and "shortener" in s.value


@pytest.mark.slow
def test_signals_comment_section_counts_calls_for_violence(story: Analysis) -> None:
    s = _signal(story, "comment_section")
    assert s.attention and s.data["violent"] == 1


@pytest.mark.slow
def test_signals_card_tops_the_html_report_and_is_escaped() -> None:
    text = STORY.replace("Mayor Quits", "<img src=x onerror=alert(1)> Mayor Quits")
    html = render_html(analyze(text, source="x.txt", url="https://southfront.org/a"))
    assert html.index("<h2>Signals</h2>") < html.index("<h2>Article</h2>")
    assert "<img src=x" not in html
    assert "Idiap golden truth" in html and "Apache-2.0" in html


@pytest.mark.slow
def test_signals_seed_card(seed_text: str) -> None:
    a = analyze(seed_text, source="seed.txt", url="https://southfront.org/isis-flee/")
    outlet = _signal(a, "outlet_rating")
    assert outlet.attention and "unreliable" in outlet.value and "Idiap" in outlet.value
    headline = _signal(a, "headline_support")
    assert "a representative of Shia militias" in headline.value and "reports" in headline.value
    assert "Russian Foreign Minister" not in headline.value
    weak = _signal(a, "weak_sourcing")
    assert weak.data["share"] > 0
    comments = _signal(a, "comment_section")
    assert comments.data["violent"] >= 3 and comments.data["conspiracy"] >= 1


def test_signals_headline_site_name_and_label_are_not_the_headline() -> None:
    from presslens.signals.headline import _headline_span

    for title, headline in [
        ("Harbour reopens after the storm | Vell Daily", "Harbour reopens after the storm"),
        ("BREAKING: Harbour reopens after the storm", "Harbour reopens after the storm"),
        ("Opinion | Why the harbour must reopen now", "Why the harbour must reopen now"),
        ("Harbour reopens - Vell Daily", "Harbour reopens - Vell Daily"),  # too short to cut
    ]:
        s, e = _headline_span(title, 0, len(title))
        assert title[s:e] == headline


@pytest.mark.slow
def test_signals_headline_paraphrased_in_the_body_is_no_alarm() -> None:
    text = (
        "Port authority chief resigns over ferry fire | Vell Daily\n\n"
        "The port authority's director resigned on Monday after a blaze on a ferry."
        "\n\nDivers searched the harbour all day."
    )
    s = _signal(analyze(text, source="p.txt"), "headline_support")
    assert not s.attention and "partly restated" in s.value
