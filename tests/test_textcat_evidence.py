from __future__ import annotations

from pathlib import Path

from presslens.eval.plausibility import read_rationales, runs_of, scores
from presslens.textcat.evidence import EvidenceRule, select_runs


def test_evidence_rule_drops_function_and_topic_words_alone() -> None:
    norms = ["they", "have", "muslims", "are", "vile", "scum"]
    weights = [0.9, 0.8, 0.7, 0.0, 0.6, 0.5]
    loose = select_runs(norms, weights, EvidenceRule())
    strict = select_runs(norms, weights, EvidenceRule(content=True))
    assert [(a, b) for a, b, _ in loose] == [(0, 2), (4, 5)]
    assert [(a, b) for a, b, _ in strict] == [(4, 5)]  # "they have muslims" says nothing


def test_evidence_rule_joins_a_phrase_and_applies_the_floor() -> None:
    norms = ["nail", "them", "to", "the", "wall"]
    weights = [1.0, 0.0, 0.0, 0.0, 0.8]
    joined = select_runs(norms, weights, EvidenceRule(gap=3, content=True))
    assert [(a, b) for a, b, _ in joined] == [(0, 4)]
    floored = select_runs(norms, [0.1, 0.0, 0.0, 0.0, 0.08], EvidenceRule(floor=0.2))
    assert floored == []


def test_evidence_rule_does_not_join_across_a_word_that_pulls_down() -> None:
    norms = ["idiot", "not", "idiot"]
    got = select_runs(norms, [1.0, -0.5, 1.0], EvidenceRule(gap=2, net=True))
    assert [(a, b) for a, b, _ in got] == [(0, 0), (2, 2)]


def test_plausibility_scores_token_and_iou_f1() -> None:
    gold = frozenset({2, 3, 4})
    assert scores([(gold, gold)]) == {"n": 1, "token_f1": 1.0, "iou_f1": 1.0}
    half = scores([(frozenset({3}), gold)])
    assert half["token_f1"] == 0.5 and half["iou_f1"] == 0.0  # IOU 1/3 is no match
    assert runs_of([5, 1, 2, 7, 6]) == [(1, 2), (5, 7)]


def test_plausibility_reads_majority_rationales(tmp_path: Path) -> None:
    path = tmp_path / "hx.csv"
    path.write_text(
        "id,annotators,rationales,post_tokens,masked_tokens,unmasked_sentence,masked_sentence\n"
        "p1,\"{'label': [2, 2, 1], 'annotator_id': [1, 2, 3]}\","
        "\"[[0, 1, 1], [0, 0, 1]]\",\"['you', 'total', 'clown']\",[],x,x\n"
        "p2,\"{'label': [1, 1, 1], 'annotator_id': [1, 2, 3]}\",[],\"['nice', 'day']\",[],x,x\n",
        encoding="utf-8",
    )
    (post,) = read_rationales(path)
    assert post.id == "p1" and post.gold == frozenset({1, 2})


def test_textcat_fast_counts_match_the_positional_counts() -> None:
    from presslens.textcat.cues import claim_cues, comment_cues
    from presslens.textcat.features import count_features, feature_counts, tokenize

    for text in (
        "We will cut 20 % of the fees, I promise!",
        "u r not a f*cking 1d10t @joe #sad",
        "",
    ):
        tokens = tokenize(text)
        for cues in (None, claim_cues, comment_cues):
            slow = {k: v[0] for k, v in count_features(tokens, cues).items()}
            assert feature_counts(tokens, cues) == slow


def test_evidence_rule_share_drops_a_weak_word_beside_a_strong_phrase() -> None:
    norms = ["ambush", "these", "scum", "before", "a", "losing", "war", "ends", "isis"]
    weights = [0.5, 0.1, 0.6, 0.0, 0.0, 0.25, 0.0, 0.0, 0.3]
    rule = EvidenceRule(relative=0.1, gap=1, content=True)
    assert [(a, b) for a, b, _ in select_runs(norms, weights, rule)] == [(0, 2), (5, 5)]
    shared = EvidenceRule(relative=0.1, gap=1, content=True, share=0.25)
    assert [(a, b) for a, b, _ in select_runs(norms, weights, shared)] == [(0, 2)]
    assert EvidenceRule.from_meta(shared.as_meta()) == shared
