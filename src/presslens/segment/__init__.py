"""Article vs comment thread in flattened text."""

from presslens.segment.thread import SegComment, Segmentation, segment

__all__ = ["SegComment", "Segmentation", "segment"]
