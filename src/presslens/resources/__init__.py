"""Data shipped with presslens: the sample article, and later gazetteers, lexicons, models."""

__all__: list[str] = []
