"""Reproducible training of the models presslens ships (needs the ``train`` extra:
scikit-learn). Every trainer reads ``../shared/data`` through a ``--data`` path and is
deterministic: the same data gives the same files.
"""

__all__: list[str] = []
