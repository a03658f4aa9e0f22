"""Article vs comment thread in flattened text."""

from presslens.segment.thread import SegComment, Segmentation, segment, segment_article

__all__ = ["SegComment", "Segmentation", "segment", "segment_article"]
