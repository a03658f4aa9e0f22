from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from presslens import Analysis, analyze
from presslens.analyzers.conspiracy import FLAG_AT, conspiracy_score, find_conspiracy_cues
from presslens.render.html import render_html
from presslens.textcat.features import count_features, tokenize
from tests.conftest import flattened

# -- features and the linear model (no spaCy) -----------------------------------------------


def test_textcat_tokenize_normalises_users_links_and_stretching() -> None:
    tokens = tokenize("@Someone sooooo STUPID!!! see https://x.example/a #Wake 2024")
    assert [t.norm for t in tokens] == [
        "<user>",
        "soo",
        "stupid",
        "!",
        "see",
        "<url>",
        "wake",
        "0000",
    ]


@given(st.text(alphabet=st.sampled_from(list("ab* !?@#'\n.1"))))
def test_textcat_features_point_inside_the_text(text: str) -> None:
    tokens = tokenize(text)
    for _, places in count_features(tokens).values():
        for i in places:
            assert 0 <= i < len(tokens)
    for t in tokens:
        assert 0 <= t.start < t.end <= len(text)


def test_textcat_trained_model_round_trips_and_explains(tmp_path: Path) -> None:
    import numpy as np

    from presslens.textcat.linear import LinearModel
    from presslens.train.textcat import HeadData, Vocabulary, fit_model

    rude = [f"you are a {w} and a {w}" for w in ("moron", "clown", "fool", "moron", "clown")] * 4
    kind = [f"thank you for the {w} report" for w in ("clear", "useful", "fair", "kind")] * 5
    texts = rude + kind
    vocab = Vocabulary.build(texts, min_df=1)
    x = vocab.matrix(texts)
    head = HeadData(
        "rude", "binary", ("no", "yes"), np.arange(len(texts)), ["yes"] * 20 + ["no"] * 20
    )
    model = fit_model(vocab, x, [head], {"name": "test"}, folds=2)
    model.save(tmp_path, "m")
    loaded = LinearModel.load(tmp_path, "m")
    text = "well, you are a moron"
    got = loaded.predict(text)["rude"]
    assert got.label == "yes"
    assert got.probabilities["yes"] > 0.5
    assert any(text[e.start : e.end] == "moron" for e in got.evidence)
    assert loaded.predict("thank you for the clear report")["rude"].label == "no"


# -- conspiracy cues (no spaCy) --------------------------------------------------------------


def test_conspiracy_hidden_control_is_flagged_with_its_words() -> None:
    text = "Wake up. The bankers secretly control our media and the courts."
    cues = find_conspiracy_cues(text)
    assert conspiracy_score(cues) >= FLAG_AT
    assert "The bankers secretly control our media" in [text[c.start : c.end] for c in cues]


def test_conspiracy_ordinary_words_are_not_cues() -> None:
    for text in (
        "The committee set the agenda for Monday's meeting.",
        "The central bank controls interest rates, the minister said.",
        "She woke up early and read the news.",
    ):
        assert conspiracy_score(find_conspiracy_cues(text)) < FLAG_AT, text


# -- the component on a hand-written thread --------------------------------------------------

THREAD = flattened(
    "Ferry service to the islands resumes after storm",
    [
        "The harbour authority in Portmere said on Monday that the ferry to the outer islands "
        "would run again from Wednesday, after the storm damaged the northern pier.",
    ],
    [
        ("Dunmore Reader", "Good news for the islanders, the pier crew worked day and night."),
        ("Angry Gull", "The harbour board are useless idiots. Someone should burn their office."),
        (
            "Tide Watcher",
            "Wake up people, the storm was a false flag to sell the pier to "
            "developers. The developers control the council and the press.",
        ),
        (None, "I will hunt you down and shoot you, captain."),
    ],
)


@pytest.fixture(scope="module")
def thread() -> Analysis:
    return analyze(THREAD, source="thread.txt")


@pytest.mark.slow
def test_comments_neutral_comment_has_no_flags(thread: Analysis) -> None:
    first = thread.comment_analysis[0]
    assert first.comment_id == "c1" and first.flags == []


@pytest.mark.slow
def test_comments_insult_and_incitement_with_evidence(thread: Analysis) -> None:
    angry = thread.comment_analysis[1]
    assert "offensive" in angry.flags and "incitement" in angry.flags
    texts = {(e.flag, e.text) for e in angry.evidence}
    assert ("incitement", "burn their office") in texts  # the whole phrase, not the verb
    assert any(flag == "offensive" and "idiots" in t for flag, t in texts)
    for e in angry.evidence:  # every evidence span is the text it claims
        assert thread.text[e.span.start : e.span.end] == e.text


@pytest.mark.slow
def test_comments_threat_and_conspiracy(thread: Analysis) -> None:
    tide, last = thread.comment_analysis[2], thread.comment_analysis[3]
    assert "conspiracy" in tide.flags and "staged event" in tide.narratives
    assert "threat" in last.flags
    assert any(e.flag == "threat" and e.cue == "I will" for e in last.evidence)


@pytest.mark.slow
def test_comments_thread_tone_and_commenters(thread: Analysis) -> None:
    tone = thread.thread_tone
    assert tone is not None and tone.comments == 4 and tone.flagged == 3
    assert tone.counts["threat"] == 1 and tone.counts["conspiracy"] == 1
    gull = next(p for p in thread.commenters if p.author == "Angry Gull")
    assert gull.violent == 1 and gull.comments == ["c2"]
    assert all(p.author != "None" for p in thread.commenters)  # unnamed: not profiled


@pytest.mark.slow
def test_comments_hostile_text_is_escaped_in_the_report() -> None:
    text = flattened(
        "Pier report",
        ["The pier reopened on Monday, the harbour authority said."],
        [("<b onmouseover=alert(1)>x</b>", "<script>alert('idiots')</script> kill them all!")],
    )
    html = render_html(analyze(text, source="hostile.txt"))
    assert "<script>alert" not in html and "<b onmouseover" not in html
    assert "&lt;script&gt;" in html and "&lt;b onmouseover=alert(1)&gt;" in html


# -- the seed (the acceptance checks) ------------------------------------------------


@pytest.mark.slow
def test_comments_seed_flags(seed_text: str) -> None:
    a = analyze(seed_text, source="seed.txt")
    by = {x.comment_id: x for x in a.comment_analysis}
    bombing = [c.id for c in a.comments if any(w in c.text for w in ("bomb", "blast", "lunar"))]
    violent = {"threat", "incitement", "violent_wish"}
    for cid in bombing[:4]:
        assert violent & set(by[cid].flags), cid
        assert any(e.flag in violent for e in by[cid].evidence)
    scum = next(c.id for c in a.comments if "scum" in c.text)
    assert "insult" in by[scum].flags
    assert any("scum" in e.text for e in by[scum].evidence if e.flag == "offensive")
    mi6 = next(c.id for c in a.comments if "Mi6 controls" in c.text)
    assert "conspiracy" in by[mi6].flags
    europe = next(c.id for c in a.comments if "Europe as the final destination" in c.text)
    assert by[europe].flags == []
    carpet = next(c.id for c in a.comments if "carpet bomb" in c.text)
    assert by[carpet].target_type == "group"  # whoever moves in the desert, not one person


def test_conspiracy_alliance_and_plan_cues_add_up() -> None:
    from presslens.analyzers.conspiracy import FLAG_AT, conspiracy_score, find_conspiracy_cues

    text = "How typical of the jihadists and NATO to plot this. The globalists planned it."
    cues = find_conspiracy_cues(text)
    assert {c.label for c in cues} == {"secret alliance", "secret plan"}
    assert conspiracy_score(cues) >= FLAG_AT
    plain = find_conspiracy_cues("The bankers planned a new branch in the town centre.")
    assert conspiracy_score(plain) < FLAG_AT  # one weak cue is not a narrative


def test_comments_dehumanising_label_is_an_insult_whatever_the_score() -> None:
    from presslens.analyzers.comments import assess_comment, comment_model

    text = "Those harbour cut-throats should be gone by spring."
    predictions = comment_model().predict(text)
    got = assess_comment("c1", text, 0, len(text), predictions, [], [], [])
    assert "offensive" in got.flags and "insult" in got.flags and got.target_type == "group"
    assert ("offensive", "cut-throats", "dehumanising") in {
        (e.flag, e.text, e.cue) for e in got.evidence
    }


def test_conspiracy_alliance_that_plans_is_one_strong_cue() -> None:
    from presslens.analyzers.conspiracy import FLAG_AT, conspiracy_score, find_conspiracy_cues

    cues = find_conspiracy_cues("Typical of the jihadists and the CIA to plan this again.")
    assert conspiracy_score(cues) >= FLAG_AT


def test_comments_people_as_pets_and_punishment_idioms() -> None:
    import spacy

    from presslens.analyzers.comments import assess_comment, comment_model
    from presslens.analyzers.violence import find_violence
    from presslens.pipeline import MODEL

    text = "The harbour board sends their pet Wardens to do the dirty work."
    got = assess_comment("c1", text, 0, len(text), comment_model().predict(text), [], [], [])
    assert ("offensive", "their pet Wardens") in {(e.flag, e.text) for e in got.evidence}
    nlp = spacy.load(MODEL, exclude=["lemmatizer", "attribute_ruler", "ner"])
    calls = find_violence(nlp("Nail them to the wall, every one of the harbour board.").sents)
    assert [c.cue for c in calls] == ["punishment idiom"]


def test_analyzers_comments_thread_tallies_break_ties_by_name() -> None:
    from collections import Counter

    from presslens.analyzers.commenters import _top

    one = _top(Counter({"wake up": 1, "staged event": 1, "plandemic": 2}))
    other = _top(Counter({"staged event": 1, "plandemic": 2, "wake up": 1}))
    assert [c.name for c in one] == ["plandemic", "staged event", "wake up"]
    assert one == other


def test_comments_target_type_comes_from_the_comments_own_words() -> None:
    from presslens.analyzers.comments import assess_comment, comment_model
    from presslens.analyzers.violence import ViolenceCall

    def aimed(text: str, verb: str, target: str | None) -> str | None:
        at = text.index(verb)
        t_span = (text.index(target), text.index(target) + len(target)) if target else None
        call = ViolenceCall("incitement", at, at + len(verb), "imperative", target, t_span)
        got = assess_comment(
            "c1", text, 0, len(text), comment_model().predict(text), [call], [], []
        )
        return got.target_type

    # an area bombed with no one named: whoever is there
    assert aimed("Just carpet bomb the hell out of the valley road.", "carpet bomb", None) == (
        "group"
    )
    assert aimed("Shell them at the ford tonight.", "Shell them", "them") == "group"
    assert aimed("Hit him at the pier gate.", "Hit him", "him") == "individual"


def test_comments_unsure_target_type_abstains() -> None:
    from presslens.analyzers.comments import TARGET_SHOW_AT, _target_type
    from presslens.textcat.linear import Prediction

    unsure = Prediction("target", "IND", {"IND": 0.39, "GRP": 0.33, "OTH": 0.28}, ())
    sure = Prediction("target", "GRP", {"IND": 0.1, "GRP": 0.8, "OTH": 0.1}, ())
    assert TARGET_SHOW_AT > 0.39
    assert _target_type(["offensive", "insult"], [], [], unsure, "x") is None
    assert _target_type(["offensive", "insult"], [], [], sure, "x") == "group"
    assert _target_type(["offensive"], [], [], sure, "x") is None  # no insult, no target
