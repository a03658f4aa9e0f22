"""Importing this module registers every presslens spaCy factory.

The same factories are declared as ``spacy_factories`` entry points in pyproject.toml, so
``nlp.add_pipe("presslens_dates")`` works in any spaCy pipeline once presslens is installed.
"""

from presslens.analyzers.claims import make_claims
from presslens.analyzers.comments import make_comments
from presslens.analyzers.dates import make_dates
from presslens.analyzers.entities import make_entities
from presslens.analyzers.events import make_events
from presslens.analyzers.propaganda import make_propaganda
from presslens.analyzers.quotes import make_quotes

__all__ = [
    "make_claims",
    "make_comments",
    "make_dates",
    "make_entities",
    "make_events",
    "make_propaganda",
    "make_quotes",
]
