from __future__ import annotations

from pathlib import Path

import pytest

from presslens.errors import PresslensError
from presslens.eval.outlets import evaluate_outlets, spearman
from presslens.outlets import lookup_outlet, registered_domain
from presslens.outlets.domains import candidate_keys


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://www.bbc.co.uk/news/world", "bbc.co.uk"),
        ("http://en.m.example.com.au/a?b=c", "example.com.au"),
        ("WWW.Example.ORG", "example.org"),
        ("https://abcnews.go.com/Politics", "go.com"),
        ("https://192.168.0.1/page", None),
        ("not a url at all", None),
        ("", None),
    ],
)
def test_outlets_registered_domain(url: str, domain: str | None) -> None:
    assert registered_domain(url) == domain


def test_outlets_candidate_keys_go_from_host_to_domain() -> None:
    assert candidate_keys("https://www.news.abc.example.co.uk/x") == [
        "news.abc.example.co.uk",
        "abc.example.co.uk",
        "example.co.uk",
    ]


def test_outlets_shortener_is_left_as_is() -> None:
    outlet = lookup_outlet("https://bit.ly/3xYz")
    assert outlet.status == "shortener" and outlet.ratings == []


def test_outlets_unknown_domain_is_unrated_not_guessed() -> None:
    outlet = lookup_outlet("https://a-harbour-town-gazette-that-does-not-exist.example/x")
    assert outlet.status == "unrated" and outlet.verdicts == {} and not outlet.disagreement
    assert lookup_outlet(None).status == "unknown"


def test_outlets_southfront_is_rated_unreliable_with_provenance() -> None:
    outlet = lookup_outlet("https://southfront.org/some-story/")
    assert outlet.status == "rated" and outlet.domain == "southfront.org"
    assert outlet.verdicts.get("unreliable", 0) >= 2 and "reliable" not in outlet.verdicts
    for rating in outlet.ratings:
        assert rating.source and rating.licence and rating.date and rating.matched


def test_outlets_subdomain_rating_comes_first() -> None:
    outlet = lookup_outlet("https://abcnews.go.com/story")
    matched = [r.matched for r in outlet.ratings]
    assert matched[0] == "abcnews.go.com"


def test_outlets_spearman_by_hand() -> None:
    assert spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)


def test_outlets_eval_on_a_hand_written_label_file(tmp_path: Path) -> None:
    corpus = tmp_path / "data" / "acl2020"
    corpus.mkdir(parents=True)
    (corpus / "corpus.tsv").write_text(
        "source_url\tsource_url_normalized\tref\tfact\tbias\n"
        "https://southfront.org\tsouthfront.org\tx\tlow\tright\n"
        "https://www.bbc.co.uk\tbbc.co.uk\tx\thigh\tleft-center\n"
        "https://harbour-gazette.example\tharbour-gazette.example\tx\tmixed\tcenter\n",
        encoding="utf-8",
    )
    result = evaluate_outlets(tmp_path)
    assert result["media"] == 3 and result["coverage"] == pytest.approx(2 / 3, abs=1e-3)
    assert result["lists"]["idiap-golden-truth"]["binary_agreement"] == 1.0


def test_outlets_eval_without_labels_is_a_coded_error(tmp_path: Path) -> None:
    with pytest.raises(PresslensError) as info:
        evaluate_outlets(tmp_path)
    assert info.value.code == "E013"
