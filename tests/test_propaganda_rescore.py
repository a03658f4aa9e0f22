"""The span re-scorer (presslens.propaganda.rescore) and its fitting
(presslens.train.propaganda_rescore), on small hand-built inputs."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from presslens.errors import PresslensError
from presslens.propaganda.model import PropagandaModel, analyse
from presslens.propaganda.rescore import FEATURES, Rescorer, rescore_features
from presslens.train.propaganda_rescore import best_threshold, fit_weights, sweep

_TEXT = 'The so-called experts lied! The "experts" lied again.\nNothing else happened here.'


def _tech(n: int, top: int = 3) -> npt.NDArray[np.float32]:
    p = np.full((n, 14), 0.02, dtype=np.float32)
    p[:, top] = 1.0 - 0.02 * 13
    return p


def test_rescore_features_shape_and_cues() -> None:
    doc = analyse(_TEXT)
    probs = np.linspace(0.1, 0.9, len(doc.norms)).astype(np.float32)
    sent = np.array([0.8, 0.5, 0.1], dtype=np.float32)
    s1 = _TEXT.index("experts")
    s2 = _TEXT.index('"experts"')
    spans = [(s1, s1 + 7, 0.5), (s2 + 1, s2 + 8, 0.5), (0, 3, 0.2)]
    x = rescore_features(doc, probs, sent, spans, _tech(3))
    assert x.shape == (3, len(FEATURES))
    col = {name: i for i, name in enumerate(FEATURES)}
    assert x[0, col["so_called"]] == 1.0 and x[1, col["so_called"]] == 0.0
    assert x[1, col["quoted"]] == 1.0 and x[2, col["quoted"]] == 0.0
    assert x[0, col["exclaim"]] == 1.0  # the first sentence ends in "!"
    # the two "experts" are one wording: each repeats the other once
    assert x[0, col["repeats"]] == pytest.approx(np.log(2))
    assert x[0, col["tech_is_3"]] == 1.0 and x[0, col["tech_is_4"]] == 0.0
    assert x[2, col["function_share"]] == 1.0  # "The"
    assert x[0, col["sentence_p"]] == pytest.approx(0.8)


def test_rescore_features_no_spans() -> None:
    doc = analyse(_TEXT)
    none = np.zeros(len(doc.norms), np.float32)
    x = rescore_features(doc, none, np.zeros(3, np.float32), [], _tech(0))
    assert x.shape == (0, len(FEATURES))


def test_rescore_rescorer_keeps_at_threshold_and_round_trips() -> None:
    w = np.zeros(len(FEATURES))
    w[FEATURES.index("max_p")] = 2.0
    r = Rescorer(w, np.zeros(len(FEATURES)), np.ones(len(FEATURES)), 0.5, {"threshold": 0.3})
    x = np.zeros((3, len(FEATURES)), dtype=np.float32)
    x[:, FEATURES.index("max_p")] = [-1.0, 0.0, 1.0]
    kept, p = r.keep(x)
    assert kept == [1, 2] and p[0] < p[1] < p[2]
    again = Rescorer.from_json(json.loads(json.dumps(r.to_json())))
    assert np.allclose(again.probabilities(x), p)
    bad = r.to_json()
    bad["features"] = bad["features"][:-1]
    with pytest.raises(ValueError, match="features"):
        Rescorer.from_json(bad)


def test_rescore_fit_weights_learns_direction() -> None:
    rng = np.random.default_rng(0)
    x = np.zeros((200, 3), dtype=np.float32)
    x[:, 0] = 1.0
    x[:, 1] = rng.normal(size=200)
    x[:, 2] = rng.normal(size=200)
    y = (x[:, 1] > 0).astype(np.int64)
    w, _, _ = fit_weights(x, y, c=1.0)
    assert w[1] > 1.0 and abs(w[2]) < w[1] / 4
    # one class only: a constant, no scikit-learn error
    w1, _, _ = fit_weights(x, np.ones(200, dtype=np.int64))
    assert w1[0] > 0 and not w1[1:].any()


def test_rescore_sweep_and_best_threshold() -> None:
    gold = {"a": [(0, 10)]}
    articles = ["a", "a"]
    spans = [(0, 10), (20, 30)]
    scores = np.array([0.9, 0.2], dtype=np.float32)
    curve = sweep(articles, spans, scores, gold, thresholds=(0.1, 0.5, 0.95))
    assert curve[0.1]["precision"] == pytest.approx(0.5)
    assert curve[0.5]["precision"] == pytest.approx(1.0) and curve[0.5]["recall"] == 1.0
    assert curve[0.95]["recall"] == 0.0
    assert best_threshold(curve, 0.6) == (curve[0.5]["f1"], 0.5)
    assert best_threshold(curve, 1.1) is None


def test_rescore_model_load_refuses_other_features(tmp_path: Path) -> None:
    from presslens.propaganda.model import propaganda_model

    model = propaganda_model()
    model.save(tmp_path)
    doc = json.loads((tmp_path / "propaganda.json").read_text(encoding="utf-8"))
    w = [0.0] * len(FEATURES)
    doc["rescorer"] = {
        "features": ["bias", "something_else"],
        "weights": w[:2],
        "mean": w[:2],
        "scale": [1.0, 1.0],
        "threshold": 0.5,
        "candidates": doc["decoding"],
    }
    (tmp_path / "propaganda.json").write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(PresslensError) as err:
        PropagandaModel.load(tmp_path)
    assert err.value.code == "E170"


def test_rescore_model_shown_spans_are_rescored_candidates(tmp_path: Path) -> None:
    from presslens.propaganda.model import propaganda_model

    model = propaganda_model()
    model.save(tmp_path)
    loaded = PropagandaModel.load(tmp_path)
    w = np.zeros(len(FEATURES))
    candidates = {"threshold": 0.0, "gap": 0, "min_tokens": 1, "labels": False}
    # a constant re-scorer at P = 0.5 keeps every candidate at threshold 0.5 and none above
    loaded.rescorer = Rescorer(w, np.zeros(len(FEATURES)), np.ones(len(FEATURES)), 0.5, candidates)
    doc = analyse(_TEXT)
    probs, sent = loaded.probabilities(doc)
    shown, _ = loaded.shown_spans(doc, probs, sentence_probs=sent)
    assert shown and all(p == pytest.approx(0.5) for _, _, p in shown)
    assert loaded.display_floor == 0.5
    loaded.rescorer.threshold = 0.51
    assert loaded.shown_spans(doc, probs)[0] == []


def test_rescore_model_shows_label_words_whatever_the_rescorer_says(tmp_path: Path) -> None:
    from presslens.propaganda.model import propaganda_model

    propaganda_model().save(tmp_path)
    loaded = PropagandaModel.load(tmp_path)
    candidates = {"threshold": 0.0, "gap": 0, "min_tokens": 1, "labels": False}
    w = np.zeros(len(FEATURES))
    loaded.rescorer = Rescorer(w, np.zeros(len(FEATURES)), np.ones(len(FEATURES)), 0.9, candidates)
    text = "They called the strikers traitors and moved on."
    doc = analyse(text)
    probs, sent = loaded.probabilities(doc)
    shown, techniques = loaded.rescored_spans(doc, probs, sent)
    assert [text[s:e] for s, e, _ in shown] == ["traitors"]
    assert techniques.shape == (1, 14)
    assert loaded.classify_spans(doc, shown, techniques) == loaded.classify_spans(doc, shown)
