"""``--format xlsx``: a workbook for offices that collect their subordinate agencies' reports.

Sheets: 问题 Findings (one row per finding, with agency and year, filterable), 机关×年度
Agencies × years (the worst result of each agency's report for each year, — where a year is
missing), 规则 Rules (findings per rule). Written with openpyxl, an optional extra
(``pip install 'gaolint[xlsx]'``), imported only when this format is asked for.

Every value is written as data, never as a formula: report text beginning with ``=`` stays
text, and characters a workbook cannot hold (control characters) are replaced.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from ..model import Finding
from .context import OutputContext

_FILL = {"error": "FEE4E2", "warning": "FFF1C2", "note": "DBEAFE", "": "DCFAE6"}
_SEVERITY = {"error": ("错误", "error"), "warning": ("警告", "warning"), "note": ("提示", "note")}

HEADERS = [
    ("文件", "file"), ("机关", "agency"), ("年度", "year"), ("行", "line"), ("列", "column"),
    ("位置", "place"), ("规则", "rule"), ("规则名称", "rule name"), ("级别", "severity"),
    ("问题", "message"), ("Message", "message (English)"),
]


def _openpyxl():
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - depends on the installation
        from ..errors import UsageError

        raise UsageError(
            "--format xlsx 需要 openpyxl：pip install 'gaolint[xlsx]' / --format xlsx needs openpyxl: "
            "pip install 'gaolint[xlsx]'"
        ) from None
    return openpyxl


def _value(value):
    """A cell value that stays data: no formula from text starting with ``=``, no control
    characters (openpyxl refuses them)."""
    if not isinstance(value, str):
        return value
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)


def _put(sheet, row: int, column: int, value):
    cell = sheet.cell(row=row, column=column)
    cell.value = _value(value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text, not a formula
    return cell


def _header(sheet, titles: list[str]) -> None:
    from openpyxl.styles import Font, PatternFill

    for column, title in enumerate(titles, start=1):
        cell = _put(sheet, 1, column, title)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F2F4F7")
    sheet.freeze_panes = "A2"


def _widths(sheet, widths: list[int]) -> None:
    from openpyxl.utils import get_column_letter

    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def render(findings: Sequence[Finding], context: OutputContext) -> bytes:
    """The workbook. Agency and year of each file come as plain rows in ``context.reports``,
    the agency × year table as ``context.overview``, rule names from ``context.catalog``."""
    openpyxl = _openpyxl()
    from openpyxl.styles import Alignment, PatternFill

    from ..overview import MISSING, UNKNOWN_YEAR, Overview
    from ..tableplace import place_text
    from .html import natural_key

    english = context.lang == "en"
    facts = {row.path: row for row in context.reports}
    catalog = {info.code: info for info in context.catalog}

    def rule_name(code: str, fallback: str) -> str:
        info = catalog.get(code)
        kebab = info.name if info is not None else fallback
        return kebab if english or info is None or not info.name_zh else f"{info.name_zh} {kebab}"

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Findings" if english else "问题 Findings"
    _header(sheet, [en if english else f"{zh_title} {en}" for zh_title, en in HEADERS])
    ordered = sorted(findings, key=lambda f: (natural_key(f.path), f.location.line, f.location.column, f.rule))
    for row, finding in enumerate(ordered, start=2):
        fact = facts.get(finding.path)
        level = finding.severity.value
        values = [
            finding.path,
            fact.agency or "" if fact is not None else "",
            fact.year if fact is not None else None,
            finding.location.line,
            finding.location.column,
            place_text(finding.location.place, context.lang),
            finding.rule,
            rule_name(finding.rule, finding.name),
            _SEVERITY[level][1] if english else f"{_SEVERITY[level][0]} {level}",
            finding.message.text(context.lang),
            finding.message.en,
        ]
        for column, value in enumerate(values, start=1):
            _put(sheet, row, column, value)
        sheet.cell(row=row, column=9).fill = PatternFill("solid", fgColor=_FILL[level])
    if ordered:
        sheet.auto_filter.ref = f"A1:K{len(ordered) + 1}"
    _widths(sheet, [36, 22, 8, 7, 7, 34, 9, 28, 12, 60, 60])

    # Agencies × years, as the terminal overview draws it.
    overview = context.overview or Overview([], [], [])
    grid = book.create_sheet("Agencies x years" if english else "机关×年度 Agencies x years")
    years = overview.years + ([UNKNOWN_YEAR] if any(UNKNOWN_YEAR in cells for _, cells in overview.rows) else [])
    _header(grid, ["agency" if english else "机关 agency"] + [str(y) if y != UNKNOWN_YEAR else "?" for y in years])
    for row, (agency, cells) in enumerate(sorted(overview.rows, key=lambda r: natural_key(r[0])), start=2):
        _put(grid, row, 1, agency)
        for column, year in enumerate(years, start=2):
            if year not in cells:
                continue
            cell = cells[year]
            if cell is None:
                _put(grid, row, column, MISSING)
                continue
            parts = []
            for count, (word_zh, word_en) in ((cell.errors, _SEVERITY["error"]), (cell.warnings, _SEVERITY["warning"]),
                                              (cell.notes, _SEVERITY["note"])):
                if count:
                    parts.append(f"{count} {word_en}" if english else f"{word_zh} {count}")
            text = ("; " if english else "，").join(parts) or ("clean" if english else "无问题")
            if len(cell.paths) > 1:
                text += f" ×{len(cell.paths)}"
            written = _put(grid, row, column, text)
            written.fill = PatternFill("solid", fgColor=_FILL[cell.worst])
            written.alignment = Alignment(horizontal="center")
    start = len(overview.rows) + 3
    if overview.unattributed:
        _put(grid, start, 1, "Files not attributed to an agency" if english else "未能归入机关的文件")
        for offset, (path, cell) in enumerate(sorted(overview.unattributed, key=lambda u: natural_key(u[0])), start=1):
            _put(grid, start + offset, 1, path)
            _put(grid, start + offset, 2, f"{cell.errors}E {cell.warnings}W {cell.notes}N")
    _widths(grid, [30] + [16] * len(years))

    # Findings per rule.
    rules = book.create_sheet("Rules" if english else "规则 Rules")
    _header(rules, ["rule", "rule name", "severity", "findings", "files"] if english
            else ["规则 rule", "规则名称 rule name", "级别 severity", "问题数 findings", "文件数 files"])
    counts: dict[str, list] = {}
    for finding in findings:
        entry = counts.setdefault(finding.rule, [0, set(), finding.name, finding.severity.value])
        entry[0] += 1
        entry[1].add(finding.path)
    for row, (code, (count, paths, name, level)) in enumerate(
            sorted(counts.items(), key=lambda item: (-item[1][0], item[0])), start=2):
        for column, value in enumerate([code, rule_name(code, name), level, count, len(paths)], start=1):
            _put(rules, row, column, value)
    _widths(rules, [10, 34, 10, 10, 10])

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


__all__ = ["render", "HEADERS"]
