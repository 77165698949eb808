"""The rule registry: one class per rule, one module per concern, every scope registered the
same way (``gaolint.checks.rule``). ``RULES`` imports every rule module the first time it is
asked for, so naming one rule (``from gaolint.checks.failures import UnreadableFile``) stays
cheap for a run that lints nothing (every result cached)."""

from __future__ import annotations

#: The rule modules, each registering its rules when imported.
MODULES = (
    "arithmetic", "contact", "failures", "fees", "file", "meta", "narrative", "period", "repository_rules", "structure",
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .base import Context, Rule

    #: Every rule, ordered by code.
    RULES: dict[str, type[Rule]]


def __getattr__(name: str):
    if name == "RULES":
        from importlib import import_module

        from .. import formats  # noqa: F401  (the format data the rules' FormatSelection reads)
        from .rule import REGISTRY

        for module in MODULES:
            import_module(f"{__name__}.{module}")
        rules = dict(sorted(REGISTRY.items()))
        globals()["RULES"] = rules
        return rules
    if name in ("Context", "Rule"):
        from . import base

        return getattr(base, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["RULES", "Rule", "Context"]
