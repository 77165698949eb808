"""``gaolint check --summary``: one row per agency, one column per report year.

Each cell shows the worst severity of that agency's report for that year and the finding
counts (``✗ 2E 1W``, ``! 3W``, ``✓``), then its format version; a year between the agency's
first and last report with no report is shown as ``—`` (missing). Files that could not be
attributed to an agency (unreadable, not a report, no agency name) are listed under the table.

Where it goes: stdout when the report itself is text (``--format text``), stderr for every
other format, so ``--format json > out.json`` stays valid JSON. When the caller does not say
which format was used, stdout is chosen only if it is a terminal. Rich is imported here, never
on the plain ``gaolint check`` path.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass, field

from .repository import agency_groups

_MARK = {"error": ("✗", "bold red"), "warning": ("!", "yellow"), "note": ("✓", "green"), "": ("✓", "green")}
MISSING = "—"
#: The key of the "?" column: reports whose year could not be read.
UNKNOWN_YEAR = 0


@dataclass
class Cell:
    """What one agency's reports for one year add up to."""

    paths: list[str] = field(default_factory=list)
    versions: list[str] = field(default_factory=list)
    errors: int = 0
    warnings: int = 0
    notes: int = 0

    @property
    def worst(self) -> str:
        return "error" if self.errors else "warning" if self.warnings else "note" if self.notes else ""

    def label(self, marks: dict[str, str] | None = None) -> str:
        counts = " ".join(f"{n}{code}" for n, code in ((self.errors, "E"), (self.warnings, "W")) if n)
        mark = (marks or {}).get(self.worst) or _MARK[self.worst][0]
        text = f"{mark} {counts}" if counts else mark
        if len(self.paths) > 1:
            text += f" ×{len(self.paths)}"
        return text


@dataclass
class Overview:
    """The table as data: agencies (sorted), years (first to last), cells (None: missing), and
    the files that belong to no agency."""

    years: list[int]
    rows: list[tuple[str, dict[int, Cell | None]]]
    unattributed: list[tuple[str, Cell]]


def _counts(findings) -> dict[str, Cell]:
    by_path: dict[str, Cell] = defaultdict(Cell)
    for finding in findings:
        cell = by_path[finding.path]
        level = finding.severity.value
        if level == "error":
            cell.errors += 1
        elif level == "warning":
            cell.warnings += 1
        else:
            cell.notes += 1
    return by_path


def _add(cell: Cell, path: str, version: str, counts: dict[str, Cell]) -> None:
    cell.paths.append(path)
    if version and version not in cell.versions:
        cell.versions.append(version)
    found = counts.get(path)
    if found is not None:
        cell.errors += found.errors
        cell.warnings += found.warnings
        cell.notes += found.notes


def build_overview(results, findings) -> Overview:
    """Group the run's reports by agency and year (``FileResult`` list and all findings)."""
    counts = _counts(findings)
    facts = [r.facts for r in results if r.facts is not None]
    groups = agency_groups(facts)
    grouped = {id(f) for members in groups.values() for f in members}
    all_years = [f.year for f in facts if f.year is not None]
    years = list(range(min(all_years), max(all_years) + 1)) if all_years else []
    rows = []
    for agency in sorted(groups):
        members = groups[agency]
        cells: dict[int, Cell | None] = {}
        dated = [f for f in members if f.year is not None]
        for fact in dated:
            _add(cells.setdefault(fact.year, Cell()), fact.path, fact.format_version, counts)
        if dated:
            first, last = min(f.year for f in dated), max(f.year for f in dated)
            for year in range(first, last + 1):
                cells.setdefault(year, None)  # None: missing between first and last
        for fact in members:
            if fact.year is None:  # column "?": the year could not be read
                _add(cells.setdefault(UNKNOWN_YEAR, Cell()), fact.path, fact.format_version, counts)
        rows.append((agency, cells))
    unattributed = []
    for result in results:
        if result.facts is None or id(result.facts) not in grouped:
            cell = Cell()
            _add(cell, result.path, result.facts.format_version if result.facts else "", counts)
            unattributed.append((result.path, cell))
    return Overview(years, rows, unattributed)


#: Marks for a console that cannot print ✓ and ✗: a GBK console has √ and ×, any other ASCII.
_FALLBACK_MARKS = ({"error": "×", "warning": "!", "note": "√", "": "√", "missing": "—"},
                   {"error": "x", "warning": "!", "note": "ok", "": "ok", "missing": "-"})


def console_marks(encoding: str | None) -> dict[str, str]:
    """The marks this console's encoding can print, so the table's columns stay aligned (an
    unprintable ✓ written as ``\u2713`` takes six columns where rich counted one)."""
    encoding = encoding or "utf-8"
    default = {key: mark for key, (mark, _) in _MARK.items()} | {"missing": MISSING}
    for marks in (default, *_FALLBACK_MARKS):
        try:
            "".join(marks.values()).encode(encoding)
        except (UnicodeEncodeError, LookupError):
            continue
        return marks
    return _FALLBACK_MARKS[-1]


def printable_in(text: str, encoding: str | None) -> str:
    """``text`` with what ``encoding`` cannot print already written as ``\\uXXXX``, so rich
    measures the width the console will really show."""
    try:
        text.encode(encoding or "utf-8")
        return text
    except (UnicodeEncodeError, LookupError):
        return text.encode(encoding or "utf-8", "backslashreplace").decode(encoding or "utf-8", "replace")


def _natural_width(overview: Overview) -> int:
    """Terminal cells the table takes when nothing wraps."""
    from rich.cells import cell_len

    agency = max((cell_len(name) for name, _ in overview.rows), default=4)
    total = agency + 3
    for year in overview.years + [UNKNOWN_YEAR]:
        cells = [cells[year] for _, cells in overview.rows if cells.get(year) is not None]
        widths = [4] + [max(cell_len(c.label()), cell_len("/".join(c.versions))) for c in cells]
        total += max(widths) + 3
    return total + 1


def _stream_is_stdout(output_format: str | None) -> bool:
    if output_format is not None:
        return output_format == "text"
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def print_overview(results, findings, output_format: str | None = None, console=None, lang: str = "zh") -> None:
    """Print the agency × year table (see the module docstring for where it goes)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    if console is None:
        console = Console(stderr=not _stream_is_stdout(output_format), highlight=False)
    overview = build_overview(results, findings)
    encoding = getattr(console.file, "encoding", None) or "utf-8"
    marks = console_marks(encoding)
    english = lang == "en"
    try:
        "机关".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        english = True  # a console without Chinese: English headings at least stay readable
    table = Table(title="Reports by agency and year" if english else "各机关年度报告概览", show_lines=False)
    table.add_column("agency" if english else "机关", style="bold", overflow="fold")
    for year in overview.years:
        table.add_column(str(year), justify="center", no_wrap=True)
    has_unknown_year = any(UNKNOWN_YEAR in cells for _, cells in overview.rows)
    if has_unknown_year:
        table.add_column("?", justify="center")
    for agency, cells in overview.rows:
        row: list[Text | str] = [printable_in(agency, encoding)]
        for year in overview.years + ([UNKNOWN_YEAR] if has_unknown_year else []):
            if year not in cells:
                row.append("")
                continue
            cell = cells[year]
            if cell is None:
                row.append(Text(marks["missing"], style="dim"))
                continue
            text = Text(cell.label(marks), style=_MARK[cell.worst][1])
            if cell.versions:
                text.append("\n" + "/".join(cell.versions), style="dim")
            row.append(text)
        table.add_row(*row)
    if overview.rows:
        if not console.is_terminal:
            # Piped into a CI log: as wide as the table needs rather than rich's default 80.
            console.width = max(console.width, _natural_width(overview))
        console.print(table)
    if overview.unattributed:
        heading = "Files not attributed to an agency:" if english else "未能归入机关的文件："
        console.print(Text(heading, style="bold"))
        for path, cell in overview.unattributed:
            console.print(Text(f"  {cell.label(marks):<10} ", style=_MARK[cell.worst][1])
                          + Text(printable_in(path, encoding)))
    missing = sum(1 for _, cells in overview.rows for c in cells.values() if c is None)
    if missing:
        note = (f"{marks['missing']} = no report for that year ({missing})" if english
                else f"{marks['missing']} 表示该年度缺少报告（{missing} 处）")
        console.print(Text(note, style="dim"))


__all__ = ["Cell", "Overview", "build_overview", "print_overview", "MISSING", "UNKNOWN_YEAR"]
