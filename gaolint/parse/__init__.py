"""Parsing: normalised lines to a typed ``Report`` (metadata, sections, the three tables)."""

from __future__ import annotations

import re

from ..formats import FormatSpec, TableSpec, load_formats
from ..model import Line, Mention, Report, Section, Table
from . import metadata, narrative
from .cells import MAX_TABLE_TOKENS, TooManyCells
from .contact_details import refine_contacts
from .narrative import find_figures
from .reflow import reflow
from .sections import find_sections
from .tables import read_review_table, read_rows_table
from .version import detect_format, report_year
from .wraps import soft_breaks

#: Each table's start pattern (its ``anchors`` anywhere in a line, or its ``opens`` opening a
#: line, after an optional 一、), by the table spec's identity (the spec is kept, so its id stays its own).
_STARTS: dict[int, tuple[TableSpec, re.Pattern[str]]] = {}


def _start_pattern(spec: TableSpec) -> re.Pattern[str]:
    kept = _STARTS.get(id(spec))
    if kept is None or kept[0] is not spec:
        words = [re.escape(word) for word in spec.anchors]
        if spec.opens:
            words.append(r"^[\s|#*]*(?:一\s*[、.]\s*)?(?:" + "|".join(re.escape(word) for word in spec.opens) + ")")
        kept = _STARTS[id(spec)] = (spec, re.compile("|".join(words) or r"(?!)"))
    return kept[1]


def _first(lines: list[Line], pattern: re.Pattern[str], start: int, end: int) -> int | None:
    for index in range(start, end):
        if pattern.search(lines[index].text):
            return index
    return None


def _next_heading(sections: list[Section], after: int, total: int) -> int:
    return min((s.first_line for s in sections if s.first_line > after), default=total)


def table_spans(lines: list[Line], sections: list[Section], fmt: FormatSpec) -> dict[str, tuple[int, int]]:
    """Line ranges holding each table: from its section heading (or its own header words, when
    the heading is missing) to the next heading."""
    spans: dict[str, tuple[int, int]] = {}
    total = len(lines)
    by_key = {s.key: s for s in sections}

    def start_of(kind: str, floor: int) -> int | None:
        section = by_key.get(fmt.tables[kind].section)
        if section is not None:
            return section.first_line + 1
        return _first(lines, _start_pattern(fmt.tables[kind]), floor, total)

    if "table3" in fmt.tables:
        start = start_of("table3", 0)
        if start is not None:
            spans["table3"] = (start, _next_heading(sections, start, total))
    if "table2" in fmt.tables:
        start = start_of("table2", 0)
        if start is not None:
            end = _next_heading(sections, start, total)
            if "table3" in spans and spans["table3"][0] > start:
                end = min(end, spans["table3"][0])
            spans["table2"] = (start, end)
    if "table4" in fmt.tables:
        floor = spans["table3"][1] if "table3" in spans else 0
        start = start_of("table4", floor)
        if start is not None:
            spans["table4"] = (start, _next_heading(sections, start, total))
    return spans


def _misaligned(table: Table, spec, window: list[Line]) -> bool:
    """A table read from positioned lines (a PDF's text layer) without a ruled grid, so without
    row separators, whose rows do not have their numbers: the numbers stood above or below
    their labels, and checking its sums would only produce false alarms."""
    if any(line.text.strip() == "|" for line in window):
        return False
    if spec.groups:
        return sum(len(r.cells) for r in table.rows.values()) != len(spec.groups) * len(spec.columns)
    if any(not (spec.row(key) and spec.row(key).group) for key in table.missing_rows):
        return True
    for row in table.rows.values():
        row_spec = spec.row(row.key)
        expected = len(spec.columns_of(row_spec))
        if row.cells and len(row.cells) != expected:
            return True
    return False


def _note_glued_rows(report: Report, table: Table, spec) -> None:
    """One damage mention per glued row: split by inference, or left unread."""
    for kind, keys in (("glued", table.inferred_rows), ("glued-unread", table.unread_rows)):
        for key in keys:
            row = table.rows[key]
            label = row.label if len(row.label) <= 24 else row.label[:23] + "…"
            report.damage.append(Mention(kind, f"{_TABLE_NAMES.get(table.kind, spec.title)} {label}", row.location))


_TABLE_NAMES = {"table2": "表二", "table3": "表三", "table4": "表四"}


def _note_pictured_tables(report: Report, fmt: FormatSpec, images: list[int]) -> None:
    """A table the report does not give as text, in a section that holds a picture, was most
    likely given as an image (a screenshot of the table pasted into the page or the Word file).
    It is still not a table anyone can read or check (GAO103), but the finding can say what is
    there instead. A picture stands in the section when it comes after the section's heading
    and before the next one."""
    for kind, spec in fmt.tables.items():
        if kind in report.tables or kind in report.unreadable_tables:
            continue
        section = report.section(spec.section)
        if section is not None and any(section.first_line < image <= section.end_line for image in images):
            report.pictured_tables.append(kind)


def parse(path: str, container: str, lines: list[Line], layout: str = "flow", images: list[int] | None = None) -> Report:
    """Build the ``Report`` for one file's normalised lines. ``container`` is only recorded on
    the report; ``layout`` (``Extracted.layout``: "flow" or "positioned") says whether a table's
    numbers may stand away from their labels; ``images`` (the index of the line each picture
    stands before) tell a table given as a picture from a missing one."""
    images = list(images or ())
    lines = reflow(lines, list(load_formats().values()), images)
    report = Report(path=path, container=container, lines=lines)
    report.title, report.title_location, report.year = metadata.find_title(lines)
    fmt = detect_format(lines, report_year(lines, report.year))
    report.format_version = fmt.version
    report.sections = find_sections(lines, fmt)

    spans = table_spans(lines, report.sections, fmt)
    in_table = [False] * len(lines)
    for kind, (start, end) in spans.items():
        spec = fmt.tables[kind]
        window = lines[start:end]
        sums = fmt.cell_sums(kind)
        try:
            if spec.groups:
                table = read_review_table(spec, window, sums)
            else:
                table = read_rows_table(spec, window, sums, fmt.column_sums(kind))
        except TooManyCells:
            report.unreadable_tables.append(kind)
            report.damage.append(Mention(
                "reader", f"{spec.title}的单元格超过 {MAX_TABLE_TOKENS} 个，未读取 / {spec.title}: more than"
                f" {MAX_TABLE_TOKENS} cells, not read", window[0].location,
            ))
            continue
        if table is not None:
            if layout == "positioned" and _misaligned(table, spec, window):
                report.unreadable_tables.append(kind)
                report.damage.append(Mention("table", spec.title, table.location))
            else:
                report.tables[kind] = table
                _note_glued_rows(report, table, spec)
            # The table's lines, from its first row (or cell) to its last: the prose above it in
            # the same section (本年度共收到申请12件…, then the table) is read as prose.
            # (A group row without numbers is left out: its words may be matched in prose below.)
            placed = [c.location.line for r in table.rows.values() for c in r.cells]
            placed += [r.location.line for r in table.rows.values() if r.cells or r.key in table.unread_rows]
            first, last = min(placed, default=0), max(placed, default=0)
            for index in range(start, end):
                line_number = lines[index].location.line
                if first <= line_number <= last or not lines[index].text.strip() or "|" in lines[index].text:
                    in_table[index] = True

    if images:
        _note_pictured_tables(report, fmt, images)
    prose_lines = [line for line, inside in zip(lines, in_table) if not inside]
    prose = metadata.Prose(prose_lines, "\n", soft_breaks(prose_lines))
    report.period = metadata.find_period(prose)
    if report.year is None and report.period is not None and report.period.end is not None:
        report.year = report.period.end.year
    report.year_location = report.title_location
    report.signing_date = metadata.find_signing_date(lines)
    report.agency = (metadata.agency_from_title(report.title, lines) or metadata.agency_from_signature(lines)
                     or metadata.agency_from_opening(lines) or metadata.agency_from_contact(lines))
    report.agency_kind = metadata.agency_kind(report.agency)
    report.contacts, hidden = refine_contacts(prose, metadata.find_contacts(prose))
    report.fee_statements = metadata.fee_statements(prose, fmt.fee_obligation)
    report.opening_phrases = metadata.opening_phrases(report.lines)
    if report.period is None and len(report.sections) < 2 and not report.tables and not report.unreadable_tables:
        # Only a file with none of a report's body can be a page announcing or listing
        # reports (checks/file.py, GAO002): the two scans cost a report ~0.25 ms otherwise.
        report.announcement_phrases = metadata.announcement_phrases(report.lines)
        report.listed_titles = metadata.listed_titles(report.lines)
    report.carryover_years = metadata.find_carryover_years(prose)
    report.narrative = find_figures(prose, report.section("review"))
    if len(report.narrative) >= narrative.MAX_FIGURES:
        report.damage.append(Mention(
            "reader", f"正文中的数字说明达到 {narrative.MAX_FIGURES} 处上限，其后的未与表格核对 / prose figures"
            f" reached the limit of {narrative.MAX_FIGURES}: any after it were not compared with the tables",
            report.narrative[-1].location,
        ))
    report.damage.extend(metadata.find_damaged_dates(prose_lines))
    report.damage.extend(metadata.period_damage(report.period, report.damage))
    report.damage.extend(metadata.find_damaged_signature(lines, report.damage))
    report.damage.extend(hidden)
    return report
