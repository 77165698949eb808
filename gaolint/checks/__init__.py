"""The rule registry: importing this package registers every rule, one module per concern."""

from __future__ import annotations

from .. import formats as _formats  # noqa: F401  (the format data the rules' FormatSelection reads)
from . import arithmetic, contact, fees, file, meta, narrative, period, repository_rules, structure  # noqa: F401  (registration)
from .base import REGISTRY, Context, Rule

#: Every rule, ordered by code.
RULES: dict[str, type[Rule]] = dict(sorted(REGISTRY.items()))

__all__ = ["RULES", "Rule", "Context"]
