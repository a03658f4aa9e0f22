from __future__ import annotations

from pathlib import Path

import pytest

from presslens.errors import PresslensError
from presslens.eval.propaganda import (
    TechniqueLine,
    merge_spans,
    read_corpus,
    sentence_baseline,
    si_scores,
    tc_scores,
)
from presslens.propaganda.model import analyse, propaganda_model
from presslens.propaganda.techniques import TECHNIQUE_INFO, TECHNIQUES, colour, label

# Hand-written articles; the loaded phrases are marked by hand below.
ARTICLES = {
    "101": "Mayor Vows Crackdown\n\nThe corrupt mayor unleashed a vicious assault on the city.\n"
    "Residents said the budget was passed on Tuesday.\n",
    "102": "\ufeffTraitors Everywhere\n\nThese traitors want to destroy our great nation!\n"
    "The council meets again next week.\n",
}


def _write_corpus(root: Path, prefix: str = "dev") -> dict[str, dict[str, tuple[int, int]]]:
    """The two articles in the official layout; returns each labelled phrase's offsets."""
    folder = root / f"{prefix}-articles"
    folder.mkdir(parents=True)
    for article, text in ARTICLES.items():
        (folder / f"article{article}.txt").write_bytes(text.encode("utf-8"))
    phrases = {
        "101": {"corrupt mayor": "Name_Calling,Labeling", "vicious assault": "Loaded_Language"},
        "102": {
            "traitors": "Name_Calling,Labeling",
            "destroy our great nation": "Appeal_to_fear-prejudice",
        },
    }
    offsets: dict[str, dict[str, tuple[int, int]]] = {}
    si: list[str] = []
    tc: list[str] = []
    for article, found in phrases.items():
        text = ARTICLES[article]
        offsets[article] = {}
        for phrase, technique in found.items():
            start = text.index(phrase, text.index("\n"))  # the body's occurrence
            end = start + len(phrase)
            offsets[article][phrase] = (start, end)
            si.append(f"{article}\t{start}\t{end}")
            tc.append(f"{article}\t{technique}\t{start}\t{end}")
    # the same span with a second technique: TC lines may repeat a span
    start, end = offsets["102"]["destroy our great nation"]
    tc.append(f"102\tFlag-Waving\t{start}\t{end}")
    (root / f"{prefix}-task1-SI.labels").write_text("\n".join(si) + "\n", encoding="utf-8")
    (root / f"{prefix}-task2-TC.labels").write_text("\n".join(tc) + "\n", encoding="utf-8")
    return offsets


def test_propaganda_techniques_are_the_fourteen_of_semeval_2020() -> None:
    assert len(TECHNIQUES) == 14 == len(set(TECHNIQUES))
    assert "Whataboutism,Straw_Men,Red_Herring" in TECHNIQUES
    assert TECHNIQUES[0] == "Loaded_Language"
    assert len({info.colour for info in TECHNIQUE_INFO.values()}) == 14
    assert colour("Doubt").startswith("#") and label("Flag-Waving") == "Flag-waving"


def test_propaganda_reader_reads_the_official_layout(tmp_path: Path) -> None:
    offsets = _write_corpus(tmp_path)
    corpus = read_corpus(tmp_path)
    assert set(corpus.articles) == {"101", "102"}
    # the byte-order mark is kept: the corpus's offsets count it
    assert corpus.articles["102"].startswith("\ufeff")
    for article, found in offsets.items():
        text = corpus.articles[article]
        for phrase, (s, e) in found.items():
            assert text[s:e] == phrase
            assert (s, e) in corpus.spans[article]
    techniques = {(x.article, x.technique) for x in corpus.techniques}
    assert ("101", "Name_Calling,Labeling") in techniques  # the comma is part of the name
    assert len(corpus.techniques) == 5


def test_propaganda_reader_derives_si_spans_from_tc_labels(tmp_path: Path) -> None:
    _write_corpus(tmp_path, prefix="train")
    (tmp_path / "train-task1-SI.labels").unlink()
    corpus = read_corpus(tmp_path)
    assert sorted(corpus.spans["101"]) == sorted(
        (x.start, x.end) for x in corpus.techniques if x.article == "101"
    )


def test_propaganda_reader_rejects_unknown_techniques_and_bad_offsets(tmp_path: Path) -> None:
    _write_corpus(tmp_path)
    labels = tmp_path / "dev-task2-TC.labels"
    labels.write_text("101\tName_Calling\t5\t9\n", encoding="utf-8")
    with pytest.raises(PresslensError) as info:
        read_corpus(tmp_path)
    assert info.value.code == "E014" and "Name_Calling" in info.value.why
    labels.write_text("101\tDoubt\t5\t9000\n", encoding="utf-8")
    with pytest.raises(PresslensError) as info:
        read_corpus(tmp_path)
    assert info.value.code == "E014" and "outside" in info.value.why


def test_propaganda_reader_without_articles_is_a_coded_error(tmp_path: Path) -> None:
    with pytest.raises(PresslensError) as info:
        read_corpus(tmp_path)
    assert info.value.code == "E014"


def test_propaganda_merge_spans_joins_overlaps_but_not_neighbours() -> None:
    assert merge_spans([(5, 20), (0, 10), (30, 40)]) == [(0, 20), (30, 40)]
    assert merge_spans([(0, 10), (10, 20)]) == [(0, 10), (10, 20)]


def test_propaganda_si_metric_matches_hand_computed_values() -> None:
    gold = {"a": [(0, 10), (20, 30)], "b": [(0, 4), (2, 8)]}  # b's two spans merge to (0, 8)
    pred = {"a": [(0, 5), (8, 25), (40, 50)], "b": [(4, 12)]}
    # a: s=(0,5) covers 5/5 of itself and 5/10 of t1; s=(8,25) shares 2 chars with t1 and 5
    # with t2 (of its 17); s=(40,50) nothing. b: s=(4,12) shares 4 of its 8 with (0,8).
    p = (5 / 5 + 2 / 17 + 5 / 17 + 0 + 4 / 8) / 4
    r = (5 / 10 + 2 / 10 + 5 / 10 + 4 / 8) / 3
    scores = si_scores(pred, gold)
    assert scores["precision"] == pytest.approx(p, abs=1e-4)
    assert scores["recall"] == pytest.approx(r, abs=1e-4)
    assert scores["f1"] == pytest.approx(2 * p * r / (p + r), abs=1e-4)
    assert scores["gold_spans"] == 3 and scores["predicted_spans"] == 4


def test_propaganda_si_metric_edge_cases() -> None:
    assert si_scores({}, {"a": []})["f1"] == 1.0  # nothing to find, nothing found
    assert si_scores({}, {"a": [(0, 3)]})["f1"] == 0.0
    assert si_scores({"a": [(0, 3)]}, {"a": [(0, 3)]})["f1"] == 1.0
    with pytest.raises(ValueError, match="without gold"):
        si_scores({"z": [(0, 1)]}, {"a": [(0, 3)]})


def test_propaganda_tc_micro_f1_matches_one_to_one() -> None:
    gold = [
        TechniqueLine("a", "Doubt", 0, 5),
        TechniqueLine("a", "Loaded_Language", 0, 5),
        TechniqueLine("a", "Slogans", 10, 20),
        TechniqueLine("b", "Repetition", 0, 3),
    ]
    pred = [
        TechniqueLine("a", "Doubt", 0, 5),
        TechniqueLine("a", "Doubt", 0, 5),  # the second Doubt has no second gold Doubt
        TechniqueLine("a", "Slogans", 10, 20),
        TechniqueLine("b", "Doubt", 0, 3),
    ]
    scores = tc_scores(pred, gold)
    assert scores["micro_f1"] == pytest.approx(0.5)
    assert scores["precision"] == scores["recall"] == pytest.approx(0.5)


def test_propaganda_sentence_baseline_covers_each_sentence() -> None:
    text = "First sentence here. Second one follows!\nA third line"
    spans = sentence_baseline(text)
    assert [text[s:e] for s, e in spans] == [
        "First sentence here.",
        "Second one follows!",
        "A third line",
    ]


def test_propaganda_analyse_keeps_offsets_and_sentences() -> None:
    text = "\ufeffThe so-called “experts” lied!\nNew line, 2020."
    doc = analyse(text)
    assert [text[s:e] for s, e in zip(doc.starts, doc.ends, strict=True)] == doc.raws
    assert "so-called" in doc.raws and "2020" in doc.raws and "0000" in doc.norms
    assert len(doc.sentences) == 2 and doc.lines.tolist()[-1] == 1


@pytest.mark.slow
def test_propaganda_shipped_model_finds_loaded_language() -> None:
    model = propaganda_model()
    text = (
        "Council Approves Budget\n\n"
        "The corrupt, treacherous thugs in Brussels are destroying our great nation with their "
        "disgusting, evil lies, and these traitors must be stopped before it is too late!\n"
        "The meeting ended at noon.\n"
    )
    spans = model.predict(text)
    assert spans, "no propaganda found in a sentence full of loaded words"
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
        assert span.technique in TECHNIQUES
        assert 0.0 <= span.score <= span.span_score <= 1.0
    found = {s.technique for s in spans}
    assert found & {"Loaded_Language", "Name_Calling,Labeling", "Appeal_to_fear-prejudice"}
    # the model is noisy (span precision ~0.3), but the loaded sentence outranks the plain one
    best = max(spans, key=lambda s: s.span_score)
    assert best.end <= text.index("The meeting")
    start = text.index("treacherous thugs")
    probs = model.classify(text, start, start + len("treacherous thugs"))
    assert set(probs) == set(TECHNIQUES)
    assert sum(probs.values()) == pytest.approx(1.0, abs=1e-3)
    assert max(probs, key=probs.__getitem__) in {"Loaded_Language", "Name_Calling,Labeling"}
    with pytest.raises(ValueError, match="not inside"):
        model.classify(text, 10, 5)


@pytest.mark.slow
def test_propaganda_shipped_model_handles_empty_and_plain_text() -> None:
    model = propaganda_model()
    assert model.predict("") == []
    assert model.predict("   \n\n ") == []
    assert model.predict("The meeting starts at 9 am on Tuesday in room 4.") == []


@pytest.mark.slow
def test_propaganda_training_is_deterministic_and_round_trips(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    from presslens.propaganda.model import PropagandaModel
    from presslens.train.propaganda import Settings, cross_validate, fit_model

    _write_corpus(tmp_path / "data")
    corpus = read_corpus(tmp_path / "data")
    settings = Settings(inner_folds=2, technique_min_df=1)
    model = fit_model(corpus, list(corpus.articles), settings)
    model.save(tmp_path / "a")
    again = fit_model(corpus, list(corpus.articles), settings)
    again.save(tmp_path / "b")
    assert (tmp_path / "a" / "propaganda.npz").read_bytes() == (
        tmp_path / "b" / "propaganda.npz"
    ).read_bytes()
    loaded = PropagandaModel.load(tmp_path / "a")
    text = corpus.articles["101"]
    assert loaded.classify(text, 0, 5).keys() == model.classify(text, 0, 5).keys()
    result = cross_validate(corpus, folds=2, settings=settings, baselines=True)
    assert 0.0 <= result["si"]["f1"] <= 1.0 and 0.0 <= result["tc"]["micro_f1"] <= 1.0
    assert result["si"]["baselines"]["nothing"]["f1"] == 0.0


@pytest.mark.data
def test_propaganda_reads_the_shared_corpus_with_aligned_offsets(shared_data: Path) -> None:
    data = shared_data / "propaganda-ptc2020"
    if not data.is_dir():
        pytest.skip("../shared/data/propaganda-ptc2020 is absent")
    corpus = read_corpus(data)
    assert len(corpus.articles) == 371 and len(corpus.techniques) == 6129
    assert {x.technique for x in corpus.techniques} == set(TECHNIQUES)
    # offsets line up with word boundaries (a few gold spans cut words: annotation noise)
    aligned = 0
    for x in corpus.techniques:
        text = corpus.articles[x.article]
        left = x.start == 0 or not (text[x.start - 1].isalnum() and text[x.start].isalnum())
        right = x.end == len(text) or not (text[x.end - 1].isalnum() and text[x.end].isalnum())
        aligned += left and right
    assert aligned / len(corpus.techniques) > 0.998


@pytest.mark.slow
def test_propaganda_eval_runner_returns_plain_json(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    import json

    from presslens.eval.propaganda_run import evaluate_propaganda

    _write_corpus(tmp_path)
    result = evaluate_propaganda(tmp_path, folds=2)
    again = json.loads(json.dumps(result))  # no arrays or dataclasses left in it
    assert again["data"]["articles"] == 2 and again["model"] == "cross-validated training code"
    assert set(again["si"]["baselines"]) == {"nothing", "every_sentence", "loaded_language_lexicon"}
    assert "majority_loaded_language" in again["tc"]["baselines"]
    assert 0.0 <= again["si"]["without_label_list"]["f1"] <= 1.0


def test_propaganda_shipped_eval_scores_an_unseen_split_whole(tmp_path: Path) -> None:
    from presslens.eval import run_task

    _write_corpus(tmp_path)  # a "dev" split: the shipped model never saw it
    result = run_task("propaganda", tmp_path, model="shipped")
    assert result["data"]["articles"] == 2
    assert result["tc"]["micro_f1"] >= 0.0 and "display_floor" in result["shown"]
    assert result["baselines"]["si_nothing"]["f1"] == 0.0


def test_propaganda_shipped_eval_skips_trained_articles(tmp_path: Path) -> None:
    from presslens.eval.propaganda import is_ptc_holdout, read_corpus
    from presslens.eval.propaganda_shipped import scored_articles

    _write_corpus(tmp_path, prefix="train")
    corpus = read_corpus(tmp_path)
    assert scored_articles(tmp_path, corpus) == sorted(a for a in ARTICLES if is_ptc_holdout(a))


def test_propaganda_cues_find_scare_quotes_so_called_and_whataboutism() -> None:
    from presslens.propaganda.cues import cue_matches
    from presslens.propaganda.model import analyse

    text = (
        "The council sent its ‘community helpers’ to the square. "
        "The so-called Harbour Committee met again. "
        "But what about the mayor's own expenses?"
    )
    found = {(cue, text[s:e]) for cue, s, e in cue_matches(analyse(text))}
    assert ("scare_quotes", "‘community helpers’") in found
    assert ("so_called", "so-called Harbour Committee") in found
    assert ("whataboutism", "But what about the mayor's own expenses?") in found
    quoted = 'The mayor said "we will rebuild the pier" on Monday.'
    assert not [c for c in cue_matches(analyse(quoted)) if c[0] == "scare_quotes"]


def test_propaganda_decoding_drops_function_word_spans() -> None:
    import numpy as np

    from presslens.propaganda.model import Decoding, analyse, decode_spans

    doc = analyse("They did know the shameful truth.")
    probs = np.zeros(len(doc.norms), dtype=np.float32)
    probs[1] = 0.9  # "did" alone
    probs[4] = 0.8  # "shameful"
    loose = decode_spans(doc, probs, Decoding(0.5, 0, 1))
    strict = decode_spans(doc, probs, Decoding(0.5, 0, 1, min_content=1, floor=0.85))
    assert [doc.text[s:e] for s, e, _ in loose] == ["did", "shameful"]
    assert strict == []  # "did" has no content word; "shameful" is below the floor
    kept = decode_spans(doc, probs, Decoding(0.5, 0, 1, min_content=1))
    assert [doc.text[s:e] for s, e, _ in kept] == ["shameful"]


def test_propaganda_decoding_peak_lets_weak_tokens_extend_but_not_start_a_span() -> None:
    import numpy as np

    from presslens.propaganda.model import Decoding, analyse, decode_spans

    doc = analyse("Their shameful, corrupt scheme failed. The budget passed quietly.")
    probs = np.zeros(len(doc.norms), dtype=np.float32)
    probs[1:5] = (0.7, 0.35, 0.4, 0.35)  # "shameful , corrupt scheme"
    probs[8] = 0.4  # "budget": weak everywhere in its sentence
    found = decode_spans(doc, probs, Decoding(0.3, 0, 1, peak=0.6, min_content=1))
    assert [doc.text[s:e] for s, e, _ in found] == ["shameful, corrupt scheme"]


def test_propaganda_display_decoding_round_trips_and_counts_hidden_spans(tmp_path: Path) -> None:
    import numpy as np

    from presslens.propaganda.model import Decoding, PropagandaModel, analyse, propaganda_model

    shipped = propaganda_model()
    display = Decoding(0.5, 0, 1, peak=0.8, labels=True, min_content=1)
    model = PropagandaModel(
        shipped.sentences, shipped.tokens, shipped.techniques, shipped.decoding, {}, display
    )
    model.save(tmp_path)
    loaded = PropagandaModel.load(tmp_path)
    assert loaded.display == display and loaded.decoding == shipped.decoding
    assert loaded.display_floor == 0.5
    doc = analyse("The shameful traitors lied. The weak claim was odd.")
    probs = np.zeros(len(doc.norms), dtype=np.float32)
    probs[1] = 0.9  # "shameful": strong
    probs[7:9] = 0.4  # "claim was": decoded, too weak to show
    decoded = [(4, 12, 0.9), (36, 45, 0.4)]
    shown, hidden = loaded.shown_spans(doc, probs, decoded)
    # "shameful" by the display decoding, "traitors" by the label list; one span hidden
    assert [doc.text[s:e] for s, e, _ in shown] == ["shameful", "traitors"]
    assert hidden == 1
