"""``analyze_many`` / ``analyze_batches``: documents through the model in batches give what
``analyze`` gives one at a time, in order, with a failing document answered in its place."""

from __future__ import annotations

import pytest

from presslens.analysis import analyze
from presslens.batching import analyze_batches, analyze_many
from presslens.errors import PresslensError
from presslens.pipeline import CHUNK_CHARS, default_pipeline, parse, parse_many
from tests.conftest import flattened

DOCS = [
    flattened(
        "Harbour bridge reopens",
        [
            "The harbour bridge in Portsmouth reopened on Monday, the city council said.",
            "Engineers from Atlas Works repaired two cables after the storm in January.",
        ],
        [("marla_k", "About time. The council wasted months on this."), (None, "Great news!")],
    ),
    "Council vote\n\nThe council of Leeds voted 7 to 2 on Tuesday to close the old depot.",
    "Rain\n\nIt rained in Cardiff.",
]


@pytest.mark.parametrize("batch_size", [1, 2, 16])
def test_analysis_batches_equal_one_at_a_time(batch_size: int) -> None:
    nlp = default_pipeline()
    alone = [analyze(d, nlp=nlp, published="2026-03-02") for d in DOCS]
    batched = list(analyze_many(DOCS, nlp=nlp, published="2026-03-02", batch_size=batch_size))
    assert [a.model_dump() for a in batched] == [a.model_dump() for a in alone]


def test_analysis_batches_answer_a_failure_in_its_place() -> None:
    nlp = default_pipeline()
    out = list(analyze_batches([DOCS[1], "   ", DOCS[2]], nlp=nlp, batch_size=4))
    assert len(out) == 3
    assert isinstance(out[1], PresslensError) and out[1].code == "E003"
    assert not isinstance(out[0], Exception) and out[0].text == DOCS[1]
    assert not isinstance(out[2], Exception) and out[2].text == DOCS[2]
    with pytest.raises(PresslensError):
        list(analyze_many([DOCS[1], "   "], nlp=nlp))


def test_analysis_batches_structure_only_needs_no_model() -> None:
    (a,) = analyze_many([DOCS[0]], structure_only=True)
    assert a == analyze(DOCS[0], structure_only=True)
    assert a.entities == [] and len(a.comments) == 2


def test_analysis_batches_a_long_document_is_parsed_alone_in_chunks() -> None:
    nlp = default_pipeline()
    para = "The ferry from Dover reached Calais on Friday, the operator said. "
    long = "Ferries\n\n" + "\n\n".join([para * 12] * (CHUNK_CHARS // (len(para) * 12) + 2))
    assert len(long) > CHUNK_CHARS
    batched = list(analyze_many([DOCS[2], long], nlp=nlp, max_seconds=0))
    assert batched[1].model_dump() == analyze(long, nlp=nlp, max_seconds=0).model_dump()


def test_analysis_batches_parse_many_equals_parse() -> None:
    nlp = default_pipeline()
    texts = [d for d in DOCS if len(d) <= CHUNK_CHARS]
    for one, many in zip(
        [parse(nlp, t) for t in texts], parse_many(nlp, texts, batch_size=2), strict=True
    ):
        assert one.to_json() == many.to_json()
