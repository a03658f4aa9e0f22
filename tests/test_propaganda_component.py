"""The ``presslens_propaganda`` component, its Analysis fields and how reports show them."""

from __future__ import annotations

from pathlib import Path

import pytest

from presslens import analyze
from presslens.analyzers.propaganda import (
    NAME,
    one_technique_per_wording,
    technique_layer,
    wording,
)
from presslens.model import Analysis
from presslens.pipeline import COMPONENTS, DEFAULT_COMPONENTS, check_order, load_pipeline
from presslens.propaganda.model import Prediction
from presslens.propaganda.techniques import TECHNIQUES
from presslens.render.html import render_html
from presslens.render.techniques import technique_slug, technique_table
from presslens.render.terminal import render_terminal
from tests.conftest import flattened

pytestmark = pytest.mark.slow

LOADED = (
    "These corrupt, treacherous thugs and traitors are destroying our great nation with "
    "their disgusting, evil lies, and they must be stopped before it is too late!"
)
ARTICLE = flattened(
    "Harbour levy raised again",
    [
        "The port authority raised its harbour levy by 18 percent on Monday.",
        LOADED,
        "The council will meet again on Thursday to discuss the budget.",
    ],
    [
        ("Ferry Fan", "These vile, disgusting traitors and thugs are evil scum, destroy them!"),
        ("Quay Walker", "@Ferry Fan calm down, the levy was lower last year. Read the article."),
        ("Dock Rat", "Another tax, what a surprise. They always find a way to squeeze us."),
    ],
)


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    nlp = load_pipeline(("presslens_propaganda",))  # needs no parse: a blank pipeline
    return analyze(ARTICLE, nlp=nlp)


def test_propaganda_component_is_registered_and_needs_no_parse() -> None:
    from spacy.language import Language

    assert "presslens_propaganda" in COMPONENTS
    meta = Language.get_factory_meta("presslens_propaganda")
    assert NAME == "presslens.propaganda.v1"
    assert meta.requires == [] and "doc._.presslens_techniques" in meta.assigns
    assert "presslens_propaganda" in DEFAULT_COMPONENTS
    check_order([], ["presslens_propaganda"])


def test_propaganda_component_marks_the_loaded_sentence_most(analysis: Analysis) -> None:
    assert NAME in {x.name for x in analysis.analyzers}
    assert analysis.techniques, "no technique in a sentence full of loaded words"
    start = ARTICLE.index(LOADED)
    for t in analysis.techniques:
        assert t.technique in TECHNIQUES
        assert ARTICLE[t.span.start : t.span.end] == t.text
        assert 0.0 < t.score <= 1.0
        assert all(0.0 <= v <= 1.0 for v in t.alternatives.values())
    # the model is noisy (span precision ~0.3): plain sentences may get a weak span, but the
    # loaded sentence holds the strongest ones
    inside = [t for t in analysis.techniques if start <= t.span.start < start + len(LOADED)]
    assert inside
    best = max((t for t in analysis.techniques if not t.in_comment), key=lambda t: t.score)
    assert best in inside
    assert [t.id for t in analysis.techniques] == [
        f"t{i + 1}" for i in range(len(analysis.techniques))
    ]
    assert {t.technique for t in analysis.techniques} & {
        "Loaded_Language",
        "Name_Calling,Labeling",
    }


def test_propaganda_component_keeps_comment_spans_apart(analysis: Analysis) -> None:
    assert analysis.comments
    thread = analysis.comments[0].span.start
    comments = {c.id: c.span for c in analysis.comments}
    for t in analysis.techniques:
        assert t.in_comment == (t.span.start >= thread)
        if t.in_comment:
            span = comments[t.comment_id or ""]
            assert span.start <= t.span.start < t.span.end <= span.end
    # in a comment only labels and confident spans count: "scum" and "traitors" are labels
    labels = {t.text.lower(): t.technique for t in analysis.techniques if t.in_comment}
    assert {"scum", "traitors", "thugs"} <= set(labels)
    assert {labels["scum"]} <= {"Name_Calling,Labeling", "Loaded_Language"}
    # the calm reply holds no technique span
    reply = analysis.comments[1].span
    assert not [t for t in analysis.techniques if reply.start <= t.span.start < reply.end]


def test_propaganda_profile_adds_up(analysis: Analysis) -> None:
    p = analysis.technique_profile
    assert p is not None
    article = [t for t in analysis.techniques if not t.in_comment]
    assert p.spans == len(article) == sum(p.counts.values())
    assert 1 <= p.distinct_spans == len({wording(t.text) for t in article}) <= p.spans
    assert p.comment_spans == len(analysis.techniques) - len(article)
    assert p.comment_spans == sum(p.comment_counts.values())
    assert list(p.counts.values()) == sorted(p.counts.values(), reverse=True)
    assert 1 <= p.sentences_with_technique <= p.sentences
    assert p.per_100_sentences == pytest.approx(100 * p.spans / p.sentences, abs=0.01)
    assert 0.0 < p.share_of_text < 1.0 and p.per_1000_words > 0


def test_propaganda_wording_folds_case_and_a_plural() -> None:
    assert wording("Traitors") == wording("traitor") == "traitor"
    assert wording("the  Press") == "the press"  # "ss" is not a plural
    assert wording("bus") == "bus" and wording("corrupt thugs") == "corrupt thug"


def test_propaganda_one_technique_per_wording_gives_repeats_the_mean_distribution() -> None:
    text = "Thugs did it. The thug ran. Cowards hid."
    both = ("Name_Calling,Labeling", "Loaded_Language")

    def pred(start: int, end: int, name_calling: float) -> Prediction:
        probs = dict.fromkeys(TECHNIQUES, 0.0)
        probs.update({both[0]: name_calling, both[1]: 1 - name_calling})
        return Prediction(start, end, 0.5, probs, both)

    preds = [pred(0, 5, 0.9), pred(18, 23, 0.3), pred(28, 35, 0.2)]
    out = one_technique_per_wording(text, preds)
    # "Thugs" and "thug" are one wording: both get the mean (0.6 name calling)
    for k in (0, 1):
        assert out[k].probabilities[both[0]] == pytest.approx(0.6)
        assert (out[k].start, out[k].end, out[k].span_score) == preds[k][:3]
    assert out[2] == preds[2]  # a wording used once keeps its own


def test_propaganda_layer_of_plain_text_is_empty() -> None:
    text = "Budget approved\n\nThe council approved the budget at its meeting on Tuesday.\n"
    found, profile = technique_layer(text, len(text), [])
    assert found == [] and profile.spans == 0 and profile.counts == {}
    assert profile.sentences == 2 and profile.share_of_text == 0.0


def test_propaganda_html_report_colours_each_technique_with_a_legend(
    analysis: Analysis,
) -> None:
    page = render_html(analysis)
    t = analysis.techniques[0]
    slug = technique_slug(t.technique)
    assert f'class="tech tech-{slug} layer-techniques"' in page
    # one highlight shape for every technique (render.palette), told apart by the technique's
    # name tag and its swatch colour in the legend
    assert f".sw-{slug}{{" in page and f'class="ttag tag-{slug}"' in page
    assert "<h2>Propaganda techniques</h2>" in page and 'class="legend"' in page
    assert f"score {t.score:.2f}" in page  # hover text: technique and score


def test_propaganda_html_report_escapes_hostile_article_text() -> None:
    hostile = flattened(
        "Evil <script>alert(1)</script> traitors",
        [LOADED + ' <img src=x onerror="alert(2)">'],
        [],
    )
    page = render_html(analyze(hostile, nlp=load_pipeline(("presslens_propaganda",))))
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in page


def test_propaganda_terminal_table_lists_spans(analysis: Analysis) -> None:
    assert technique_table(analysis) is not None
    out = render_terminal(analysis, width=120)
    assert "Propaganda techniques" in out


@pytest.mark.data
def test_propaganda_seed_labels_are_name_calling_or_loaded(seed_path: Path) -> None:
    """Labels like "terrorists" in the seed's body, "scum" and "head-choppers" in its
    thread, come out as labelling or loaded words."""
    a = analyze(seed_path.read_text(encoding="utf-8"), nlp=load_pipeline(("presslens_propaganda",)))
    body_end = a.article.body_span.end
    labels = [t for t in a.techniques if "terrorist" in t.text.lower() and not t.in_comment]
    assert labels, "no technique span over the body's 'terrorists'"
    assert all(t.span.end <= body_end for t in a.techniques if not t.in_comment)
    in_thread = {t.text.lower(): t for t in a.techniques if t.in_comment}
    assert {"scum", "head-choppers"} <= set(in_thread)
    labels += [in_thread["scum"], in_thread["head-choppers"]]
    assert {t.technique for t in labels} <= {"Name_Calling,Labeling", "Loaded_Language"}
    # one label, one technique, however often the article repeats it
    body = {t.technique for t in labels if not t.in_comment}
    assert len(body) == 1
    p = a.technique_profile
    assert p is not None and p.distinct_spans < p.spans
