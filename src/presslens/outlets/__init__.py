"""The outlet: its registered domain and what open reliability lists say about it."""

from presslens.outlets.domains import SHORTENERS, registered_domain
from presslens.outlets.ratings import lookup_outlet

__all__ = ["SHORTENERS", "lookup_outlet", "registered_domain"]
