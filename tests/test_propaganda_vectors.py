"""The propaganda models' static word vectors (presslens.propaganda.vectors)."""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from presslens.errors import PresslensError
from presslens.propaganda.model import PropagandaModel, analyse, propaganda_model
from presslens.propaganda.tokens import SentenceModel, TokenModel
from presslens.propaganda.vectors import word_vectors

TEXT = (
    "The corrupt elite destroyed our great nation.\n"
    "Xyzzy qux said so! The meeting starts at nine on Tuesday."
)


def _shipped_copy(tmp_path: Path) -> Path:
    root = Path(str(resources.files("presslens.resources.propaganda")))
    for name in ("propaganda.json", "propaganda.npz"):
        shutil.copy(root / name, tmp_path / name)
    return tmp_path


def test_propaganda_token_dense_logits_equal_the_wide_product() -> None:
    # the run-time shortcut (one product per offset, then shifted) is the training matrix
    vectors = word_vectors()
    doc = analyse(TEXT)
    dense = np.random.RandomState(0).randn(3 * vectors.dims).astype(np.float32)
    model = TokenModel({}, {}, np.zeros(0, np.float32), 0.0, dense=dense, vector_scale=0.7)
    fast = model.dense_logits(doc, vectors)
    assert fast is not None
    wide = model.dense_rows(doc, vectors) @ dense
    assert np.allclose(fast, wide, atol=1e-5)
    # a neighbour across a sentence boundary contributes nothing: "The", first token of
    # the third sentence, reads no vector at offset -1 (the "!" before it)
    rows = model.dense_rows(doc, vectors)
    first = doc.sentences[2][0]
    assert doc.raws[first] == "The"
    assert not rows[first, : vectors.dims].any() and rows[first, vectors.dims :].any()


def test_propaganda_sentence_vectors_move_the_sentence_score() -> None:
    vectors = word_vectors()
    doc = analyse(TEXT)
    plain = SentenceModel({}, np.zeros(0, np.float32), 0.0)
    dense = SentenceModel({}, np.zeros(0, np.float32), 0.0, np.ones(vectors.dims, np.float32))
    assert np.allclose(plain.probabilities(doc, vectors), 0.5)
    assert not np.allclose(dense.probabilities(doc, vectors), 0.5)
    assert np.allclose(dense.probabilities(doc, None), 0.5)  # no table: sparse part alone


def test_propaganda_shipped_model_records_its_word_table(tmp_path: Path) -> None:
    shipped = propaganda_model()
    assert shipped.uses_vectors
    recorded = json.loads((_shipped_copy(tmp_path) / "propaganda.json").read_text())["vectors"]
    assert recorded["sha256"] == word_vectors().sha256
    loaded = PropagandaModel.load(tmp_path)
    doc = analyse(TEXT)
    assert np.array_equal(loaded.token_probabilities(doc), shipped.token_probabilities(doc))


def test_propaganda_model_with_another_word_table_is_a_coded_error(tmp_path: Path) -> None:
    path = _shipped_copy(tmp_path) / "propaganda.json"
    doc = json.loads(path.read_text())
    doc["vectors"]["sha256"] = "0" * 64
    path.write_text(json.dumps(doc))
    with pytest.raises(PresslensError) as err:
        PropagandaModel.load(tmp_path)
    assert err.value.code == "E160"
