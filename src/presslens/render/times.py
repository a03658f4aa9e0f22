"""How a time expression's value is shown, with the guesses marked as guesses.

A relative date in a reader's comment ("this day", "yesterday") is resolved against the
article's publication date, because a comment's own date is rarely known; the comment may
have been written days later, so such a value is a guess and every renderer says so.
"""

from __future__ import annotations

from presslens.model import TimeExpression

__all__ = ["GUESS_NOTE", "is_guess", "time_value"]

GUESS_NOTE = "guess: read against the article's date"


def is_guess(t: TimeExpression) -> bool:
    """A relative expression in a comment, resolved against the article's date."""
    return t.in_comment and t.relative and t.resolved


def time_value(t: TimeExpression) -> str:
    """The normalised value, 'unresolved', or the value marked as a guess."""
    if not t.resolved or not t.value:
        return t.value or "unresolved"
    value = f"{t.value} {t.part_of_day}" if t.part_of_day else t.value
    return f"{value} ({GUESS_NOTE})" if is_guess(t) else value
