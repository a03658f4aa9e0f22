from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from presslens.segment import segment
from tests.conftest import flattened

ARTICLE = [
    "The city council approved a new cycling lane on Harbour Road on Tuesday, officials said.",
    "Work is expected to start in June and last four months, according to the transport office.",
    "Residents will be consulted on parking changes.",
]


def test_segment_thread_seed_structure(seed_text: str) -> None:
    seg = segment(seed_text)
    assert seed_text[: seg.body_end].endswith("Lavrov pointed out.")
    assert seg.body_end < seed_text.index("Normal Citizen")
    assert len(seg.comments) == 9
    authors = [c.author for c in seg.comments]
    assert sum(a is not None for a in authors) == 6
    assert authors.count("Mahmoud Larfi") == 3
    assert authors.count("Real Anti-Racist Action") == 2
    assert authors.count("Normal Citizen") == 1
    # The comment that pastes the article's last sentence is a comment.
    pasted = [c for c in seg.comments if seed_text[c.start : c.end].startswith("“In general")]
    assert len(pasted) == 1 and pasted[0].author is None


def test_segment_thread_bare_names_and_unnamed_comments() -> None:
    text = flattened(
        "Cycle Lane Approved",
        ARTICLE,
        [
            ("Dana K", "About time! I cycle there every day."),
            (None, "lol no one asked for this"),
            ("Dana K", "@Pete you never cycle anyway."),
        ],
    )
    seg = segment(text)
    assert text[: seg.body_end].endswith("parking changes.")
    assert [(c.author, text[c.start : c.end][:8]) for c in seg.comments] == [
        ("Dana K", "About ti"),
        (None, "lol no o"),
        ("Dana K", "@Pete yo"),
    ]


def test_segment_thread_document_without_comments() -> None:
    text = flattened("Cycle Lane Approved", [*ARTICLE, "More to follow."], [])
    seg = segment(text)
    assert seg.comments == []
    assert seg.body_end == len(text.rstrip())


def test_segment_thread_subheading_is_not_a_commenter() -> None:
    paragraphs = [ARTICLE[0], "What Happens Next", ARTICLE[1], ARTICLE[2]]
    text = flattened("Cycle Lane Approved", paragraphs, [])
    assert segment(text).comments == []


def test_segment_thread_wordpress_rendering() -> None:
    text = (
        "Cycle Lane Approved\n\n" + "\n\n".join(ARTICLE) + "\n\n3 Comments\n\n"
        "Sam Ortiz says:\nMarch 3, 2021 at 4:15 pm\nGreat news for the kids.\nReply\n\n"
        "Ana says:\nMarch 4, 2021 at 9:02 am\nI disagree.\n\nIt will kill the shops.\n"
        "Log in to Reply\n"
    )
    seg = segment(text)
    assert text[: seg.body_end].endswith("parking changes.")
    assert [(c.author, c.timestamp, text[c.start : c.end]) for c in seg.comments] == [
        ("Sam Ortiz", "March 3, 2021 at 4:15 pm", "Great news for the kids."),
        ("Ana", "March 4, 2021 at 9:02 am", "I disagree.\n\nIt will kill the shops."),
    ]


def test_segment_thread_disqus_rendering() -> None:
    text = (
        "Cycle Lane Approved\n\n" + "\n\n".join(ARTICLE) + "\n\n"
        "Sam Ortiz • 3 hours ago\nGreat news.\n12 △ ▽\n• Reply • Share ›\n\n"
        "truth_teller99 • a day ago\nNope.\n△ ▽\n• Reply • Share ›\nLoad more comments\n"
    )
    seg = segment(text)
    assert [(c.author, text[c.start : c.end]) for c in seg.comments] == [
        ("Sam Ortiz", "Great news."),
        ("truth_teller99", "Nope."),
    ]


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from("ab C\n\n\r\t.!?:•@’“”\u00a0Reply says 3 hours ago"), max_size=400
    )
)
def test_segment_thread_never_crashes_and_offsets_lie_inside(text: str) -> None:
    seg = segment(text)
    assert 0 <= seg.body_end <= len(text)
    last = seg.body_end
    for c in seg.comments:
        assert last <= c.start < c.end <= len(text)
        assert text[c.start : c.end] == text[c.start : c.end].strip()
        last = c.end
    for s, e in seg.paragraphs:
        assert 0 <= s < e <= seg.body_end


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_segment_thread_arbitrary_unicode(text: str) -> None:
    seg = segment(text)
    assert 0 <= seg.body_end <= len(text)
    assert all(0 <= c.start < c.end <= len(text) for c in seg.comments)


@pytest.mark.parametrize("name", ["Agreed", "Exactly", "lol"])
def test_segment_thread_short_replies_are_not_names(name: str) -> None:
    text = flattened(
        "Cycle Lane Approved",
        ARTICLE,
        [("Dana K", "Good."), (None, name), (None, "I think it is a waste of money!")],
    )
    seg = segment(text)
    assert all(c.author in ("Dana K", None) for c in seg.comments)


def test_segment_thread_first_person_column_is_not_a_thread() -> None:
    column = [
        "I have lived on Harbour Road for twenty years, and I have never seen it this busy.",
        "My neighbours tell me they are worried about the lorries. I share their worry.",
        "When I asked the council, I was told the lane would make the road safer for you and me.",
        "I am not convinced. But I am willing to be proved wrong, and I will say so if I am.",
    ]
    text = flattened("Why I Changed My Mind About the Cycle Lane", column, [])
    assert segment(text).comments == []


def test_segment_thread_interview_questions_are_not_commenters() -> None:
    qa = [
        "The architect behind the new library spoke to us about light, budgets and books.",
        "Why Glass",
        "Because a library should look open from the street. People should see readers inside.",
        "And The Cost",
        "It came in under budget, which surprised everyone, including me.",
    ]
    text = flattened("Building a Library Made of Light", qa, [])
    assert segment(text).comments == []


def test_segment_thread_late_subheading_before_first_person_prose_is_not_a_thread() -> None:
    news = [
        f"The county council met on Tuesday to discuss item {i} of the budget, officials said."
        for i in range(10)
    ]
    ending = [
        "What I Learned",
        "I spent a week riding the new route myself, and my commute got shorter.",
        "I will keep riding it, and I hope you try it too before the vote.",
    ]
    text = flattened("Budget Week at County Hall", news + ending, [])
    assert segment(text).comments == []
