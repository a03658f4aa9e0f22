"""The check-worthiness classifier, trained by ``presslens train claims`` (see MODEL_CARD.md)."""

__all__: list[str] = []
