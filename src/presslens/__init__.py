"""presslens: explainable analysis of news articles and their comment threads.

>>> import presslens
>>> a = presslens.analyze(text, published="2016-10-19", url="https://example.org/story")
>>> for a in presslens.analyze_many(texts):  # the model reads them in batches
...     print(a.document.content_hash)
"""

from presslens.about import __version__
from presslens.analysis import analyze
from presslens.batching import analyze_many
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
    "analyze_many",
    "read_path",
]
