"""Lexicons written for presslens (CC0): demonyms, frequent world actors."""

__all__: list[str] = []
