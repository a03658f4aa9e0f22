"""Outlet identity: archives, blogs on platforms, canonical addresses (invented pages)."""

from __future__ import annotations

import pytest

from presslens import analyze
from presslens.ingest.html import read_html
from presslens.outlets import lookup_outlet
from presslens.outlets.domains import candidate_keys, registered_domain, unarchive


@pytest.mark.parametrize(
    ("url", "archived", "archive"),
    [
        (
            "https://web.archive.org/web/20200315093000/https://southfront.org/a-report/",
            "https://southfront.org/a-report/",
            "web.archive.org",
        ),
        ("web.archive.org/web/2019id_/example.org/x", "http://example.org/x", "web.archive.org"),
        (
            "https://archive.ph/2021.01.01-000000/https://www.bbc.co.uk/news/x",
            "https://www.bbc.co.uk/news/x",
            "archive.ph",
        ),
        ("https://archive.ph/AbCd1", "https://archive.ph/AbCd1", "archive.ph"),
        ("https://www.bbc.co.uk/news/x", "https://www.bbc.co.uk/news/x", None),
    ],
)
def test_outlets_domains_archive_copies_name_the_archived_page(
    url: str, archived: str, archive: str | None
) -> None:
    assert unarchive(url) == (archived, archive)


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://lakeside-notes.wordpress.com/2023/09/buses/", "lakeside-notes.wordpress.com"),
        ("https://en.blog.wordpress.com/x", "blog.wordpress.com"),
        ("http://harbour.blogspot.co.uk/", "harbour.blogspot.co.uk"),
        ("https://ferrywatch.substack.com/p/engines", "ferrywatch.substack.com"),
        ("https://medium.com/@ines.varga/engines-1a2b", "medium.com/@ines.varga"),
        ("https://medium.com/p/1a2b", "medium.com"),
        ("https://someone.github.io/notes", "someone.github.io"),
        ("https://www.wordpress.com/", "wordpress.com"),
        ("https://en.m.example.co.uk/x", "example.co.uk"),
    ],
)
def test_outlets_domains_a_blog_on_a_platform_is_its_own_outlet(url: str, domain: str) -> None:
    assert registered_domain(url) == domain
    assert candidate_keys(url)[-1] == domain  # never falls back to the platform's rating


def test_outlets_domains_blog_is_not_rated_by_its_host() -> None:
    outlet = lookup_outlet("https://lakeside-notes.wordpress.com/2023/09/buses/")
    assert outlet.domain == "lakeside-notes.wordpress.com"
    assert all(r.matched != "wordpress.com" for r in outlet.ratings)


def test_outlets_domains_archived_page_keeps_the_archive_noted() -> None:
    html = """<html><head><title>Ferry</title>
    <link rel="canonical" href="https://web.archive.org/web/20200315093000/https://ferry.example.org/return">
    </head><body><article><p>The Carrow ferry sailed again on Friday after six weeks in dry
    dock, the operator said, and the crossing will take twenty minutes.</p></article>
    </body></html>"""
    a = analyze(read_html(html, "copy.html"), structure_only=True)
    assert a.document.url == "https://ferry.example.org/return"
    assert a.document.archive == "web.archive.org"
    assert a.document.site == "ferry.example.org"


def test_outlets_domains_og_url_names_the_page_without_a_canonical_link() -> None:
    html = """<html><head><meta property="og:url" content="https://herald.example/buses">
    </head><body><article><p>Night buses will run between the station and the lakeside estates
    again from October, the transport committee decided.</p></article></body></html>"""
    assert read_html(html, "saved-page.html").url == "https://herald.example/buses"
