"""presslens: explainable analysis of news articles and their comment threads.

>>> import presslens
>>> a = presslens.analyze(text, published="2016-10-19", url="https://example.org/story")
"""

from presslens.about import __version__
from presslens.analysis import analyze
from presslens.errors import PresslensError
from presslens.ingest import RawDocument, read_path
from presslens.model import SCHEMA_VERSION, Analysis

__all__ = [
    "SCHEMA_VERSION",
    "Analysis",
    "PresslensError",
    "RawDocument",
    "__version__",
    "analyze",
    "read_path",
]
