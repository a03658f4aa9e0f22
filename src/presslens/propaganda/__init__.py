"""Propaganda techniques at span level, in the SemEval-2020 Task 11 scheme: which characters
of an article use a technique (span identification) and which of the 14 techniques it is
(technique classification). See ``presslens.propaganda.model`` and MODEL_CARD.md in
``presslens/resources/propaganda``.
"""

from presslens.propaganda.model import PropagandaModel, TechniqueSpan, propaganda_model
from presslens.propaganda.techniques import TECHNIQUE_INFO, TECHNIQUES

__all__ = ["TECHNIQUES", "TECHNIQUE_INFO", "PropagandaModel", "TechniqueSpan", "propaganda_model"]
