"""The attribution cue lexicon, learned from PolNeAR train (see MODEL_CARD.md)."""

__all__: list[str] = []
