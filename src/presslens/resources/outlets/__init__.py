"""Merged outlet ratings from open lists, built by ``presslens train outlets`` (see
ATTRIBUTION.md)."""

__all__: list[str] = []
