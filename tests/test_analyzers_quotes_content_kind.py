"""``content_kind``: a content the parse stopped inside a quotation it opened runs to the
closing mark when the mark is on the same line (issue 20, seventh round), and stops where
it stopped when the quotation goes on over a line break."""

from __future__ import annotations

from presslens.analyzers.attribution_index import QuoteList
from presslens.analyzers.attribution_quotes import content_kind, quote_spans


def _kind(text: str, content: str, quotes: list[tuple[int, int]]) -> tuple[str, str]:
    s = text.index(content)
    kind, (cs, ce) = content_kind(text, quotes, (s, s + len(content)))
    return kind, text[cs:ce]


def test_analyzers_quotes_content_kind_runs_to_a_close_on_the_same_line() -> None:
    text = "Ana said the plan “is right about the harbour, but the ferries are late.” Then"
    stopped = "the plan “is right about the harbour"
    whole = "the plan “is right about the harbour, but the ferries are late.”"
    for quotes in (quote_spans(text), QuoteList(quote_spans(text))):
        assert _kind(text, stopped, quotes) == ("mixed", whole)


def test_analyzers_quotes_content_kind_stops_before_a_line_break_in_the_quotation() -> None:
    text = (
        "Ana said the plan “is right about the harbour, but the ferries are late.\n\n"
        "“They run on Sundays only.” Then"
    )
    quotes = quote_spans(text)
    assert len(quotes) == 1 and "\n" in text[quotes[0][0] : quotes[0][1]]
    stopped = "the plan “is right about the harbour"
    assert _kind(text, stopped, QuoteList(quotes)) == ("indirect", stopped)
