"""The comment-section classifier, trained by ``presslens train comments`` (see MODEL_CARD.md)."""

__all__: list[str] = []
