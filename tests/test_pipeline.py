from __future__ import annotations

import spacy
from spacy.language import Language

import presslens.analyzers.registry  # noqa: F401  (registers the factories)
from presslens import analyze
from presslens.pipeline import factory_names

TEXT = "Pier reopens\n\nThe pier closed on 3 March 2024 and reopened on Friday after repairs."


def _dates_pipeline(name: str | None) -> Language:
    nlp = spacy.blank("en")
    if name is None:
        nlp.add_pipe("presslens_dates")
    else:
        nlp.add_pipe("presslens_dates", name=name)
    return nlp


def test_pipeline_factory_names_see_through_a_chosen_name() -> None:
    nlp = _dates_pipeline("my_dates")
    assert nlp.pipe_names == ["my_dates"]
    assert factory_names(nlp) == ["presslens_dates"]


def test_pipeline_a_renamed_component_keeps_its_layer() -> None:
    renamed = analyze(TEXT, nlp=_dates_pipeline("my_dates"), published="2024-03-12")
    default = analyze(TEXT, nlp=_dates_pipeline(None), published="2024-03-12")
    assert "presslens.dates.v1" in [a.name for a in renamed.analyzers]
    assert renamed.times
    assert renamed.times == default.times
