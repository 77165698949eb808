"""Where in a national table a finding is, in words a person uses: 表三 “（七）总计”行 “法律服务机构”列.

A finding on a table cell points at a line and column; in a text report that line may hold a
single ``0 |``, and a .docx or PDF reader can only say "第2个表格 第30行 第6列" (the second
table of the document, which the message calls 表三). So after the rules have run, each
finding that falls on a cell of a parsed table gets, as its place, the table's name, the row's
label and the column's heading (from the format version's YAML); a page number the reader
gave (第4页) is kept in front. ``place_text`` gives the place in English.
"""

from __future__ import annotations

import re

from .model import Finding, Location, Report

#: ``typing.TYPE_CHECKING`` without importing ``typing`` (3 ms of start-up); mypy reads the name.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

TABLE_NAMES = {"table1": ("表一", "table 1"), "table2": ("表二", "table 2"), "table3": ("表三", "table 3"),
               "table4": ("表四", "table 4")}
_PAGE = re.compile(r"^第\d{1,5}页")


def _headings(spec, kind: str, row_key: str, count: int) -> list[str]:
    """The column headings of a row's ``count`` cells, as far as the format names them."""
    if spec is None:
        return []
    table = getattr(spec, "tables", {}).get(kind)
    if table is None:
        return []
    row = table.row(row_key)
    if row is not None and row.columns:
        return list(row.columns)
    return list(table.columns)


def cell_places(report: Report, spec=None) -> dict[tuple[int, int, str], str]:
    """(line, column, the reader's place) of every cell and row label of the parsed tables →
    its place. The reader's place tells apart the cells a web page or Word file holds on one
    source line (``<tr><td>…</td><td>…</td></tr>``, or a whole page on one line): by line and
    column alone, every finding there took the place of the line's last cell, a missing
    contact at line 1 the place of table 4's last."""
    places: dict[tuple[int, int, str], str] = {}
    for kind, table in getattr(report, "tables", {}).items():
        name = TABLE_NAMES.get(kind, (kind, kind))[0]
        for row in table.rows.values():
            label = row.label
            where = row.location
            places.setdefault((where.line, where.column, where.place), f"{name} “{label}”行")
            headings = _headings(spec, kind, row.key, len(row.cells))
            for index, cell in enumerate(row.cells):
                heading = headings[index % len(headings)] if headings else ""  # table 4 repeats its five
                column = f"“{heading}”列" if heading else f"第{index + 1}列"
                where = cell.location
                places[(where.line, where.column, where.place)] = f"{name} “{label}”行 {column}"
    return places


def annotate(report: Report, findings: list[Finding], spec=None) -> None:
    """Give each finding on a table cell (or row label) the place of that cell, keeping a page
    number the reader put in front."""
    if not findings or not getattr(report, "tables", None):
        return
    places = cell_places(report, spec)
    if not places:
        return
    for finding in findings:
        location = finding.location
        place = places.get((location.line, location.column, location.place))
        if place is None:
            continue
        page = _PAGE.match(location.place or "")
        shown = f"{page.group(0)} {place}" if page else place
        finding.location = Location(location.line, location.column, location.end_column, shown)


_EN: list[tuple[re.Pattern[str], Any]] = [
    (re.compile(r"第(\d+)页"), r"page \1"),
    (re.compile(r"第(\d+)段"), r"paragraph \1"),
    (re.compile(r"第(\d+)个表格"), r"table #\1"),
    (re.compile(r"第(\d+)行"), r"row \1"),
    (re.compile(r"第(\d+)列"), r"column \1"),
    (re.compile(r"表([一二三四])"), lambda m: "table " + "一二三四".index(m.group(1)).__add__(1).__str__()),
    (re.compile(r"“([^”]{0,200})”行"), r"row “\1”"),
    (re.compile(r"“([^”]{0,200})”列"), r"column “\1”"),
]


def place_text(place: str, lang: str) -> str:
    """The place in the chosen language: Chinese as the readers and ``annotate`` write it, or
    English (page 4, table 3, row “（七）总计”, column “总计”)."""
    if lang != "en" or not place:
        return place
    text = place
    for pattern, replacement in _EN:
        text = pattern.sub(replacement, text)
    return re.sub(r" (?=(?:row|column|table|page|paragraph) )", ", ", text)


__all__ = ["annotate", "cell_places", "place_text", "TABLE_NAMES"]
