from __future__ import annotations

import datetime as dt

import pytest

from presslens.analyzers.timex import find_timex

PUBLISHED = dt.date(2016, 10, 19)  # a Wednesday


def _one(text: str, published: dt.date | None = PUBLISHED) -> tuple[str, str | None, bool]:
    found = find_timex(text, 0, len(text), published)
    assert len(found) == 1, found
    t = found[0]
    return t.kind, t.value, t.resolved


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("The talks began on October 17 in Geneva.", "date", "2016-10-17"),
        ("Shelling resumed on Tuesday, residents said.", "date", "2016-10-18"),
        ("Fighters left the town during 48 past hours.", "interval", "2016-10-17/2016-10-19"),
        ("Over the past two days the road stayed shut.", "interval", "2016-10-17/2016-10-19"),
        ("Three days ago the bridge reopened.", "date", "2016-10-16"),
        ("The ceasefire was signed on 3 March 2015.", "date", "2015-03-03"),
        ("The dispute has run for 300 years.", "duration", "P300Y"),
        ("Trade routes formed hundreds of years ago.", "vague", "PAST_REF"),
        ("The minister will visit on Friday.", "date", "2016-10-21"),
        ("Prices rose sharply in the 1990s.", "decade", None),
    ],
)
def test_analyzers_timex_normalises_against_publication(
    text: str, kind: str, value: str | None
) -> None:
    got_kind, got_value, resolved = _one(text)
    if kind == "decade":
        assert got_value == "199X"
        return
    assert (got_kind, got_value, resolved) == (kind, value, True)


def test_analyzers_timex_part_of_day_is_kept() -> None:
    text = "The vote opened on the morning of October 17."
    t = find_timex(text, 0, len(text), PUBLISHED)[0]
    assert (t.value, t.granularity, t.part_of_day) == ("2016-10-17", "part_of_day", "morning")


@pytest.mark.parametrize("text", ["It happened on Tuesday.", "Over 48 past hours, they fled."])
def test_analyzers_timex_relative_without_publication_date_is_unresolved(text: str) -> None:
    _, value, resolved = _one(text, published=None)
    assert value is None
    assert resolved is False


def test_analyzers_timex_does_not_read_pronouns_as_weekdays() -> None:
    assert find_timex("We said we would come, and we did.", 0, 34, PUBLISHED) == []


# Texts where each pre-filtered pattern matches, some through the four characters outside
# ASCII that re.IGNORECASE lets stand for an ASCII letter (İ, ı, ſ, K).
_PREFILTERED = [
    "It rained on the morning of March 3 and again two days ago.",
    "Over the past three weeks, and in recent years, prices rose.",
    "The vote is next week; it was held last year and this month.",
    "FRİDAY evening the council met, as it did in the 1990s.",
    "Officials said the talks lasted for ſix hours on Tueſday.",
    "Four weeks ago, on Frıday, the strike began; it ran for several KOURS.",
    "She returned Yesterday after three past months abroad, tomorrow she leaves.",
]


@pytest.mark.parametrize("text", _PREFILTERED)
def test_analyzers_timex_word_prefilter_drops_no_match(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from presslens.analyzers import timex

    published = dt.date(2026, 1, 15)
    filtered = find_timex(text, 0, len(text), published)
    monkeypatch.setattr(timex, "_NEEDS", {})
    assert filtered == find_timex(text, 0, len(text), published)
    assert filtered  # every text holds at least one expression


def test_timex_named_days_are_not_the_weekday_near_publication() -> None:
    text = "Deals run through Black Friday and Cyber Monday; results came on Monday."
    found = find_timex(text, 0, len(text), dt.date(2019, 11, 20))
    assert [(t.text, t.value) for t in found] == [("Monday", "2019-11-18")]


def test_timex_month_day_told_as_ahead_takes_the_next_year() -> None:
    ahead = "His hearing is scheduled for Feb. 14, the court said."
    past = "The hearing was held on Feb. 14, the court said."
    published = dt.date(2019, 11, 18)
    assert [t.value for t in find_timex(ahead, 0, len(ahead), published)] == ["2020-02-14"]
    assert [t.value for t in find_timex(past, 0, len(past), published)] == ["2019-02-14"]


def test_timex_ahead_is_read_within_the_sentence() -> None:
    text = "The firm had 900 staff on June 30.\n\nNext year it plans to hire."
    found = find_timex(text, 0, len(text), dt.date(2019, 11, 19))
    assert (found[0].text, found[0].value) == ("June 30", "2019-06-30")
