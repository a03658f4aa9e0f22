"""Gazetteer (gazetteer.py) and toponym resolution (resolver.py)."""

__all__: list[str] = []
