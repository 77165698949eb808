"""The scopes of rules that read reports: ``FileRule`` (one report, through its ``Context``)
and ``RepositoryRule`` (two reports of one agency a year apart). What every rule has, the run
rules and the registry are in ``gaolint.checks.rule``.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Location, Message, Record, Report, ReportFacts
from ..model_format import FormatSpec
from .rule import REGISTRY, Rule, RunRule, register


class Context(Record):
    """What a rule may look at: the report, its format version, and run options (deadlines,
    agency overrides) that configuration supplies."""

    __slots__ = ("report", "format", "options")

    def __init__(self, report: Report, format: FormatSpec, options: dict | None = None) -> None:
        self.report = report
        self.format = format
        self.options = {} if options is None else options


class FileRule(Rule):
    """A rule that reads one report: ``check(context)`` yields its findings."""

    scope = "file"
    #: Also run on a file that does not look like an annual report (GAO002, GAO003); the other
    #: file rules would only drown such a file in missing-section errors.
    any_file: bool = False

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


class RepositoryRule(Rule):
    """A rule across reports: the run pairs the reports of one agency a year apart (see
    ``gaolint.repository``) and ``compare`` reads the facts of both (``ReportFacts``: the few
    table rows each report keeps for these rules)."""

    scope = "repository"
    reads = "every report in the run together (same agency, consecutive years)"

    def applies_to(self, facts: ReportFacts) -> bool:
        return not self.formats or facts.format_version in self.formats

    def check(self, pairs: list[tuple[ReportFacts, ReportFacts]]) -> Iterator[Finding]:
        """Findings over (this year's, last year's) pairs of reports of one agency."""
        for current, previous in pairs:
            if self.applies_to(current) and self.applies_to(previous):
                yield from self.compare(current, previous)

    def compare(self, current: ReportFacts, previous: ReportFacts) -> Iterator[Finding]:  # pragma: no cover - overridden
        return iter(())

    def finding(self, facts: ReportFacts, key: str, column: int, zh: str, en: str) -> Finding:
        """A finding at this year's cell ``column`` of row ``key``. Last year's cell is named in
        the message, not in ``Finding.related``: a related ``Location`` has no path and would
        read as this file's."""
        locations = facts.locations.get(key) or []
        sources = facts.source_lines.get(key) or []
        location = locations[column] if column < len(locations) else Location(1)
        source = sources[column] if column < len(sources) else ""
        return Finding(self.code, self.name, self.severity, Message(zh, en), facts.path, location, source)


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


__all__ = ["Context", "FileRule", "RepositoryRule", "Rule", "RunRule", "REGISTRY", "register", "source_line", "start_of_report"]
