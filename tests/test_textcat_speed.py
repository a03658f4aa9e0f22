"""The fast paths of the text classifiers give the same numbers as the plain ones."""

from __future__ import annotations

import numpy as np

from presslens.textcat.cues import claim_cues
from presslens.textcat.features import count_features, feature_counts, tokenize
from presslens.textcat.linear import Head, LinearModel

TEXTS = (
    "The ministry said 20 civilians were killed in the strike on Tuesday.",
    "u r not a f*cking 1d10t @joe #sad sooooo sad!!!",
    "no no no no no no no no no no no no no no no no no no no no",
    "",
    "???",
)


def _model(features: list[str]) -> LinearModel:
    rng = np.random.default_rng(7)
    n = len(features)
    head = Head("h", "binary", ("No", "Yes"), 0, (1.0, 0.0), threshold=0.5)
    return LinearModel(
        features,
        rng.uniform(0.5, 3.0, n).astype(np.float32),
        rng.normal(0.0, 1.0, (n, 1)).astype(np.float32),
        np.zeros(1, dtype=np.float32),
        [head],
    )


def test_textcat_speed_counts_keep_the_order_of_first_occurrence() -> None:
    for text in TEXTS:
        tokens = tokenize(text)
        slow = list(count_features(tokens, claim_cues))
        assert list(feature_counts(tokens, claim_cues)) == slow


def test_textcat_speed_batch_scores_do_not_depend_on_the_batch() -> None:
    vocab = sorted({f for t in TEXTS for f in feature_counts(tokenize(t), claim_cues)})
    model = _model(vocab)
    together = model.predict_many(list(TEXTS))
    for text, batched in zip(TEXTS, together, strict=True):
        alone = model.predict(text)
        assert alone["h"].probabilities == batched["h"].probabilities
        assert alone["h"].evidence == batched["h"].evidence


def test_textcat_speed_an_empty_batch() -> None:
    assert _model(["w:no"]).predict_many([]) == []
