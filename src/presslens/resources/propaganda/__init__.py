"""The propaganda span and technique models, trained by ``presslens train propaganda`` (see
MODEL_CARD.md)."""

__all__: list[str] = []
