"""Speakers the source words do not name directly: the noun a relative "who" stands for,
and a bare surname the recogniser did not tag."""

from __future__ import annotations

import pytest

from presslens import Analysis, analyze


@pytest.fixture(scope="module")
def port() -> Analysis:
    return analyze(
        "Port to reopen\n\n"
        "The harbour master, Maria Lopez, who said the port would reopen on Friday, left "
        "early.\n\n"
        "Officials at the ministry, who told reporters the ferry was safe, declined to "
        "comment.\n\n"
        "Lopez, who spoke to Radio Vell, said more ships would come."
    )


def _by_content(a: Analysis, words: str) -> tuple[str | None, str, str | None]:
    q = next(q for q in a.attributions if words in q.content_text)
    return q.speaker, q.source_class, q.speaker_via


def test_quotes_speakers_relative_who_is_the_name_it_stands_for(port: Analysis) -> None:
    assert _by_content(port, "the port would reopen") == ("Maria Lopez", "named_person", "relative")


def test_quotes_speakers_relative_who_is_not_a_name_inside_its_phrase(port: Analysis) -> None:
    # the officials spoke, not the ministry they belong to
    speaker, source_class, _ = _by_content(port, "the ferry was safe")
    assert speaker is None and source_class == "role"


def test_quotes_speakers_untagged_surname_is_the_one_person_with_it(port: Analysis) -> None:
    assert _by_content(port, "more ships would come") == ("Maria Lopez", "named_person", "name")
