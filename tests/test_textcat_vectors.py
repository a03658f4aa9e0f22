from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from presslens.textcat.features import tokenize
from presslens.textcat.vectors import DENSE_PREFIX, StaticVectors, VectorModel, load_model


def _table() -> StaticVectors:
    # two directions: rude words along the first axis, polite ones along the second
    words = ["moron", "clown", "fool", "thanks", "kind", "report", "you", "are", "a"]
    rows = [[1.0, 0.0], [0.9, 0.1], [0.8, 0.0], [0.0, 1.0], [0.1, 0.9], [0.0, 0.3]]
    rows += [[0.05, 0.05]] * 3
    return StaticVectors(words, np.array(rows, dtype=np.float16))


def _trained(tmp_path: Path) -> VectorModel:
    from scipy import sparse

    from presslens.train.textcat import HeadData, Vocabulary, fit_model

    rude = [f"you are a {w}" for w in ("moron", "clown", "fool", "moron", "clown")] * 4
    kind = [f"thanks for the {w} report" for w in ("kind", "clear", "fair", "kind")] * 5
    texts = rude + kind
    table = _table()
    vocab = Vocabulary.build(texts, min_df=1)
    x = sparse.hstack([vocab.matrix(texts), sparse.csr_matrix(table.matrix(texts, 1.0))]).tocsr()
    vocab = Vocabulary(
        [*vocab.features, *(f"{DENSE_PREFIX}{k}" for k in range(table.dims))],
        np.concatenate([vocab.idf, np.ones(table.dims, dtype=np.float32)]),
    )
    head = HeadData(
        "rude", "binary", ("no", "yes"), np.arange(len(texts)), ["yes"] * 20 + ["no"] * 20
    )
    meta = {"name": "test", "vectors": {"file": "v.npz", "dims": 2, "scale": 1.0}}
    model = VectorModel(fit_model(vocab, x, [head], meta, folds=2), table)
    model.save(tmp_path, "m")
    np.savez_compressed(tmp_path / "v.npz", words=np.array(list(table.index)), vectors=table.table)
    return model


def test_textcat_vectors_pool_is_a_scaled_unit_sum() -> None:
    table = _table()
    pooled, factor = table.pool(tokenize("you moron, unknownword"), 2.0)
    assert float(np.linalg.norm(pooled)) == pytest.approx(2.0, rel=1e-3)
    total = table.table[table.index["you"]] + table.table[table.index["moron"]]
    assert np.allclose(pooled, total * factor, atol=1e-3)
    empty, zero = table.pool(tokenize("nothing known here"), 2.0)
    assert zero == 0.0 and not empty.any()


def test_textcat_vectors_token_shares_add_up_to_the_logit(tmp_path: Path) -> None:
    model = _trained(tmp_path)
    text = "honestly you are a clown"
    tokens, shares = model.token_contributions(text, "rude", "yes", net=True)
    logit = _logit(model, text)
    # every feature, sparse or dense, is some token's doing: nothing is lost or invented
    assert sum(shares) + float(model.bias[0]) == pytest.approx(float(logit), abs=1e-4)
    # the word vector's share lands on the rude word, not on "you are a"
    assert max(range(len(tokens)), key=shares.__getitem__) == 4


def _logit(model: VectorModel, text: str) -> float:
    """The head's logit worked out the long way: pooled vector, then each sparse feature."""
    from presslens.textcat.features import feature_counts, weigh

    tokens = tokenize(text)
    pooled, _ = model.vectors.pool(tokens, model.scale)
    logit = float(pooled.astype(np.float64) @ model.dense_weights[:, 0]) + float(model.bias[0])
    for col, value, _ in weigh(feature_counts(tokens, None), model._idf):
        logit += value * float(model.weights[col, 0])
    return logit


def test_textcat_vectors_batch_gives_the_long_way_logit(tmp_path: Path) -> None:
    model = _trained(tmp_path)
    texts = ["honestly you are a clown", "", "thanks for the fair report", "you fool"]
    head = model.heads["rude"]
    for text, got in zip(texts, model.predict_many(texts, 0), strict=True):
        slope, intercept = head.calibration
        expected = 1.0 / (1.0 + np.exp(-(slope * _logit(model, text) + intercept)))
        assert got["rude"].probabilities["yes"] == pytest.approx(expected, abs=2e-4)


def test_textcat_vectors_model_round_trips_and_names_the_word(tmp_path: Path) -> None:
    model = _trained(tmp_path)
    loaded = load_model(tmp_path, "m")
    assert isinstance(loaded, VectorModel)
    text = "well, you are a fool"
    got = loaded.predict(text)["rude"]
    assert got.label == "yes" and got.probabilities == model.predict(text)["rude"].probabilities
    assert any(text[e.start : e.end] == "fool" for e in got.evidence)
    assert loaded.predict("thanks for the kind report")["rude"].label == "no"
    # many texts at once give the same decisions as one at a time
    many = loaded.predict_many([text, "thanks for the kind report"])
    assert many[0]["rude"] == got


def test_textcat_vectors_shipped_table_weighs_function_words_down() -> None:
    from importlib import resources

    root = Path(str(resources.files("presslens.resources.comments")))
    table = StaticVectors.load(root / "vectors.npz")
    model = load_model(root, "comments")
    assert isinstance(model, VectorModel) and model.vectors.dims == table.dims == 128
    words = list(table.index)
    assert words == sorted(words) and len(set(words)) == len(words)

    def norm(word: str) -> float:
        return float(np.linalg.norm(table.table[table.index[word]]))

    # smooth inverse frequency: a mean of word vectors is not a mean of "the" and "you"
    for common in ("the", "you", "and", "is"):
        assert norm(common) < 0.2 * norm("idiot"), common
