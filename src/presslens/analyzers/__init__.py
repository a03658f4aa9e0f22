"""Analysers: one module per layer, each usable as a spaCy pipeline component."""

__all__: list[str] = []
