"""The who-said-what layer in the terminal and HTML reports, on hand-built attributions (no
spaCy model needed: the structure comes from ``structure_only`` and the layers are added)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from presslens import analyze
from presslens.model import (
    Analysis,
    Attribution,
    Entity,
    Mention,
    SourcingProfile,
    Span,
    TimeExpression,
)
from presslens.render import render
from presslens.render.html import Mark, marked_html
from tests.conftest import flattened

P1 = (
    "Foreign Minister Sergei Lavrov said the talks in Geneva were going nowhere, "
    "the Interfax agency reported on Tuesday."
)
P2 = 'A source said "<script>alert(1)</script> [bold]boom[/bold]" and left.'
C1 = "As Lavrov said, the talks in Geneva were going nowhere."
HOSTILE_SPEAKER = 'Evil "Quote" <b>Man</b> [bold]x[/bold]'
VOID = {"meta", "br", "img", "hr", "input", "link"}


def _span(text: str, needle: str, after: int = 0) -> Span:
    start = text.index(needle, after)
    return Span(start=start, end=start + len(needle))


def _analysis() -> Analysis:
    doc = flattened(
        "Talks stall",
        [P1, P2],
        [("Reader", C1), ("Other", "Nobody believes that anyway."), ("Reader", "Yes they do.")],
    )
    a = analyze(doc, structure_only=True)
    text = a.text
    c1 = next(c for c in a.comments if c.id == "c1")
    quote = _span(text, "the talks in Geneva were going nowhere")
    hostile = _span(text, "<script>alert(1)</script> [bold]boom[/bold]")
    repeated = _span(text, "the talks in Geneva were going nowhere", c1.span.start)

    def mention(span: Span) -> Mention:
        return Mention(span=span, text=text[span.start : span.end])

    geneva = _span(text, "Geneva")
    entities = [
        Entity(
            id="ent:sergei-lavrov",
            name="Sergei Lavrov",
            type="PERSON",
            mentions=[mention(_span(text, "Sergei Lavrov"))],
            article_mentions=1,
            comment_mentions=0,
        ),
        Entity(
            id="geonames:2660646",
            name="Geneva",
            type="GPE",
            mentions=[mention(geneva), mention(_span(text, "Geneva", c1.span.start))],
            article_mentions=1,
            comment_mentions=1,
        ),
    ]
    # crosses the end of the quotation: it can be neither inside nor outside it
    crossing = _span(text, "nowhere, the")
    times = [
        TimeExpression(
            span=crossing,
            text=text[crossing.start : crossing.end],
            kind="vague",
            value=None,
            resolved=False,
            relative=False,
        )
    ]
    attributions = [
        Attribution(
            id="q1",
            kind="indirect",
            content=[quote],
            content_text=text[quote.start : quote.end],
            cue=_span(text, "said"),
            cue_text="said",
            source=_span(text, "Sergei Lavrov"),
            source_text="Foreign Minister Sergei Lavrov",
            source_class="named_person",
            speaker="Sergei Lavrov",
            speaker_id="ent:sergei-lavrov",
            speaker_via="name",
            channel="Interfax",
        ),
        Attribution(
            id="q2",
            kind="direct",
            content=[hostile],
            content_text=text[hostile.start : hostile.end],
            cue_text="said",
            source_text="A source",
            source_class="vague",
            speaker=HOSTILE_SPEAKER,
        ),
        Attribution(
            id="q3",
            kind="indirect",
            content=[repeated],
            content_text=text[repeated.start : repeated.end],
            cue_text="said",
            source_text="Lavrov",
            source_class="named_person",
            speaker="Sergei Lavrov",
            in_comment=True,
            comment_id="c1",
            repeats="q1",
        ),
    ]
    sourcing = SourcingProfile(
        attributions=2,
        counts={"named_person": 1, "vague": 1},
        shares={"named_person": 0.5, "vague": 0.5},
        vague=["q2"],
        anonymous=[],
        speakers={"Sergei Lavrov": 1, HOSTILE_SPEAKER: 1},
    )
    return a.model_copy(
        update={
            "entities": entities,
            "times": times,
            "attributions": attributions,
            "sourcing": sourcing,
        }
    )


class _Tags(HTMLParser):
    """Checks that every tag closes in order, and records each mark with its enclosing marks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.marks: list[tuple[dict[str, str], list[dict[str, str]]]] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        attributes = {k: v or "" for k, v in attrs}
        if tag == "mark":
            self.marks.append((attributes, [a for t, a in self.stack if t == "mark"]))
        self.stack.append((tag, attributes))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1][0] if self.stack else None}")
            return
        self.stack.pop()


def _parsed(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    assert parser.errors == []
    assert parser.stack == []
    return parser


def _quote_marks(tags: _Tags) -> dict[str, dict[str, str]]:
    # every quotation here is one fragment, so each mark carries its attribution's id
    return {a["id"]: a for a, _ in tags.marks if "quote" in a["class"].split()}


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return _analysis()


def test_render_html_highlights_quote_with_speaker_in_title(analysis: Analysis) -> None:
    tags = _parsed(render(analysis, "html"))
    q1 = _quote_marks(tags)["q1"]
    assert q1["title"].startswith("Speaker: Sergei Lavrov — cue: said — via Interfax")
    assert "src-named_person" in q1["class"]


def test_render_html_nests_entity_marks_inside_quote_and_stays_well_formed(
    analysis: Analysis,
) -> None:
    tags = _parsed(render(analysis, "html"))
    inside = [
        (a, outer)
        for a, outer in tags.marks
        if a["title"].startswith("Geneva") and any("quote" in o["class"] for o in outer)
    ]
    assert len(inside) == 2  # in the article and in the comment that repeats it
    # the time expression crossing the quotation's end would break nesting: it is dropped
    assert not [a for a, _ in tags.marks if "time" in a["class"].split()]
    assert any(a["title"].startswith("Sergei Lavrov (PERSON") for a, _ in tags.marks)


def test_render_marked_html_keeps_outer_mark_when_marks_cross() -> None:
    text = "alpha beta gamma delta"

    def mark(a: int, b: int, css: str, outer: bool = False) -> Mark:
        return Mark(Span(start=a, end=b), css, css, outer=outer)

    html = marked_html(
        text,
        0,
        len(text),
        [
            mark(6, 16, "quote", outer=True),  # "beta gamma"
            mark(11, 22, "quote", outer=True),  # crosses the first quotation
            mark(0, 10, "ent"),  # crosses its start
            mark(6, 10, "ent"),  # "beta", inside it
            mark(17, 22, "time"),  # "delta", outside it
        ],
    )
    assert html == (
        'alpha <mark class="quote" title="quote"><mark class="ent" title="ent">beta</mark>'
        ' gamma</mark> <mark class="time" title="time">delta</mark>'
    )
    _parsed(html)


def test_render_html_escapes_hostile_quote_text_and_speaker(analysis: Analysis) -> None:
    page = render(analysis, "html")
    assert "<script>" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; [bold]boom[/bold]" in page
    assert 'title="Speaker: Evil &quot;Quote&quot; &lt;b&gt;Man&lt;/b&gt;' in page
    q2 = _quote_marks(_parsed(page))["q2"]
    assert q2["title"].startswith(f"Speaker: {HOSTILE_SPEAKER} — cue: said")
    assert "default-src 'none'" in page


def test_render_terminal_prints_quote_markup_literally(analysis: Analysis) -> None:
    out = render(analysis, "text")
    assert "Who said what" in out
    assert "[bold]boom[/bold]" in out
    assert "[bold]x[/bold]" in out  # the speaker, in the table and the most-quoted line
    assert "<script>alert(1)</script>" in out


def test_render_sourcing_shows_counts_and_flags(analysis: Analysis) -> None:
    out = render(analysis, "text")
    assert "Sourcing" in out and "2 article attributions; most quoted: Sergei Lavrov ×1" in out
    rows = {line.split()[0]: line.split() for line in out.splitlines() if "%" in line}
    assert rows["named"][-2:] == ["1", "50%"]
    assert rows["vague"][-2:] == ["1", "50%"]
    assert "vague source, q2: A source: <script>" in out
    page = render(analysis, "html")
    assert "<tr><td>named person</td><td>1</td><td>50%</td></tr>" in page
    assert "<tr><td>vague</td><td>1</td><td>50%</td></tr>" in page
    assert '<span class="flag">vague source</span> <a href="#q2">q2</a>: A source:' in page


def test_render_comment_attribution_shows_comment_id_and_repeats(analysis: Analysis) -> None:
    out = render(analysis, "text")
    q3 = next(line for line in out.splitlines() if line.lstrip().startswith("q3"))
    assert "c1 · repeats q1" in q3
    page = render(analysis, "html")
    assert '<td><a href="#c1">c1</a> · repeats <a href="#q1">q1</a></td>' in page
    comment = page[page.index('<article class="comment" id="c1">') :]
    comment = comment[: comment.index("</article>")]
    assert 'id="q3"' in comment and "repeats q1" in comment
