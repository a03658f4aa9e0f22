"""The signals card (W3C Credibility Signals style): observations with evidence."""

from presslens.signals.card import build_card
from presslens.signals.headline import headline_support

__all__ = ["build_card", "headline_support"]
