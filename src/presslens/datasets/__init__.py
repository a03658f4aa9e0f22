"""Readers of the annotated corpora that training, evaluation and runtime code all use.

They live here, not in ``presslens.eval`` or ``presslens.train``, so that runtime code that
learns from a corpus (``analyzers.cues.learn_cues``) never imports the evaluation layer: the
direction is runtime ← models and datasets ← eval and train (``tests/test_imports.py``).
A reader imports nothing from presslens but ``presslens.errors``.
"""

__all__: list[str] = []
