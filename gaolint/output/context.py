"""What every output format may know besides the findings."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class OutputContext:
    lang: str = "zh"
    files: int = 0
    #: Files that produced no finding at all.
    clean: int = 0
    color: bool = False
    #: Codes of rules that were enabled for the run (SARIF lists them).
    rules: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)
    #: The rule catalog, for formats that describe rules (SARIF, HTML).
    catalog: list[RuleInfo] = field(default_factory=list)


@dataclass(frozen=True)
class RuleInfo:
    """A rule as outputs see it: plain data, taken from the registry by the caller."""

    code: str
    name: str
    severity: str
    summary: str
    doc: str
