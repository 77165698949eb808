"""What a rule is: a stable code, a kebab-case name, a default severity, a docstring that is
its documentation page, and a check that reads only the ``Report``.

Modelled on ruff's registry: one class per rule, the docs generated from the class.
"""

from __future__ import annotations

from collections.abc import Iterator, Set

from ..model import Finding, Location, Message, Record, Report, Severity
from ..model_format import FormatSpec


class Context(Record):
    """What a rule may look at: the report, its format version, and run options (deadlines,
    agency overrides) that configuration supplies."""

    __slots__ = ("report", "format", "options")

    def __init__(self, report: Report, format: FormatSpec, options: dict | None = None) -> None:
        self.report = report
        self.format = format
        self.options = {} if options is None else options


class Rule:
    """Base class. Subclasses set ``code``, ``name``, ``severity`` and write a docstring with
    the sections **What it does**, **Why is this bad?**, **Example**, **Use instead** and
    **References**."""

    # Class attributes (ClassVar in spirit; ``typing`` is not imported: it costs start-up time).
    code: str
    name: str
    severity: Severity
    #: Format versions the rule applies to; empty means every version.
    formats: Set[str] = frozenset()
    #: One-line summary shown by ``gaolint rules`` and in SARIF shortDescription.
    summary: str = ""
    #: "file" rules see one report; "repository" rules see every report in the run.
    scope: str = "file"

    def applies_to(self, report: Report) -> bool:
        return not self.formats or report.format_version in self.formats

    def check(self, context: Context) -> Iterator[Finding]:  # pragma: no cover - overridden
        return iter(())

    def finding(self, report: Report, location: Location, zh: str, en: str) -> Finding:
        """A finding of this rule at ``location``, quoting the source line there."""
        return Finding(
            rule=self.code,
            name=self.name,
            severity=self.severity,
            message=Message(zh, en),
            path=report.path,
            location=location,
            source_line=source_line(report, location.line),
        )


def source_line(report: Report, line_number: int) -> str:
    """The original text of the report line shown at ``line_number`` (empty if none)."""
    lines = report.lines
    low, high = 0, len(lines)
    while low < high:  # lines are in source order, so bisect on their line numbers
        middle = (low + high) // 2
        if lines[middle].location.line < line_number:
            low = middle + 1
        else:
            high = middle
    if low < len(lines) and lines[low].location.line == line_number:
        return lines[low].original
    return ""


def start_of_report(report: Report) -> Location:
    """Where a finding about something absent from the whole report points: its first line."""
    for line in report.lines:
        if line.text.strip():
            return line.whole()
    return Location(1)


REGISTRY: dict[str, type[Rule]] = {}


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator adding a rule to the registry; codes are unique forever."""
    if cls.code in REGISTRY:
        raise ValueError(f"duplicate rule code {cls.code}")
    REGISTRY[cls.code] = cls
    return cls
