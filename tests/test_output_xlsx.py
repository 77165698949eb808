"""``--format xlsx``: the workbook for offices collecting reports, read back with openpyxl."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

openpyxl = pytest.importorskip("openpyxl")

from gaolint.catalog import rule_infos  # noqa: E402
from gaolint.engine import FileResult, ReportFacts  # noqa: E402
from gaolint.model import Finding, Location, Message, Severity  # noqa: E402
from gaolint.output.context import OutputContext  # noqa: E402
from gaolint.output.xlsx import render  # noqa: E402
from gaolint.overview import build_overview  # noqa: E402
from gaolint.run import report_rows  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def _finding(path, line, rule="GAO303", severity=Severity.ERROR, zh="合计不符", place=""):
    return Finding(rule, "results-total", severity, Message(zh, "totals differ"), path, Location(line, 2, 3, place), "| 0 |")


def _book(lang="zh"):
    results = [
        FileResult("r/县政府2023.md", [], ReportFacts("r/县政府2023.md", "青禾县人民政府", "government", 2023, "cn-2021")),
        FileResult("r/县政府2025.md", [], ReportFacts("r/县政府2025.md", "青禾县人民政府", "government", 2025, "cn-2021")),
        FileResult("r/教育局2025.md", [], ReportFacts("r/教育局2025.md", "青禾县教育局", "department", 2025, "cn-2021")),
    ]
    findings = [
        _finding("r/县政府2025.md", 7, place="表三 “(七)总计”行 “其他”列"),
        _finding("r/县政府2025.md", 9, rule="GAO204", severity=Severity.WARNING),
        _finding("r/县政府2023.md", 4, rule="GAO401", zh='=HYPERLINK("http://x","点我")\x07'),
    ]
    context = OutputContext(lang=lang, files=3, reports=report_rows(results), overview=build_overview(results, findings),
                            catalog=rule_infos(lang))
    data = render(findings, context)
    return openpyxl.load_workbook(io.BytesIO(data)), findings


def test_findings_sheet_has_one_row_per_finding_with_agency_and_year():
    book, findings = _book()
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "文件 file" and rows[0][9] == "问题 message"
    body = rows[1:]
    assert len(body) == len(findings)
    by_line = {row[3]: row for row in body}
    assert by_line[7][:3] == ("r/县政府2025.md", "青禾县人民政府", 2025)
    assert by_line[7][5] == "表三 “(七)总计”行 “其他”列" and by_line[7][6] == "GAO303"
    assert by_line[7][7] == "办理结果合计错误 results-total" and by_line[7][8] == "错误 error"
    assert by_line[7][10] == "totals differ"
    assert [row[0] for row in body] == sorted(row[0] for row in body)  # by file
    assert sheet.auto_filter.ref == "A1:K4" and sheet.freeze_panes == "A2"


def test_report_text_stays_text_never_a_formula():
    book, _ = _book()
    sheet = book.worksheets[0]
    (cell,) = [c for c in sheet["J"] if c.value and "HYPERLINK" in str(c.value)]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK") and "\x07" not in cell.value


def test_agencies_by_years_sheet():
    book, _ = _book()
    grid = book.worksheets[1]
    rows = list(grid.iter_rows(values_only=True))
    assert rows[0] == ("机关 agency", "2023", "2024", "2025")
    table = {row[0]: row[1:] for row in rows[1:] if row[0]}
    assert table["青禾县人民政府"] == ("错误 1", "—", "错误 1，警告 1")
    assert table["青禾县教育局"] == (None, None, "无问题")


def test_rules_sheet_and_english():
    book, _ = _book("en")
    assert [s.title for s in book.worksheets] == ["Findings", "Agencies x years", "Rules"]
    rules = list(book.worksheets[2].iter_rows(values_only=True))
    assert rules[0] == ("rule", "rule name", "severity", "findings", "files")
    assert {row[0]: row[3] for row in rules[1:]} == {"GAO303": 1, "GAO204": 1, "GAO401": 1}
    assert list(book.worksheets[0].iter_rows(values_only=True))[1][9] == "totals differ"


@pytest.mark.slow
def test_command_line_writes_a_workbook(tmp_path):
    out = tmp_path / "gaolint.xlsx"
    done = subprocess.run([sys.executable, "-m", "gaolint", "check", "--no-cache", "--format", "xlsx", "--output",
                           str(out), "examples"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    book = openpyxl.load_workbook(out)
    findings = list(book.worksheets[0].iter_rows(values_only=True))[1:]
    assert findings and all(row[6].startswith("GAO") for row in findings)
    agencies = [row[0] for row in book.worksheets[1].iter_rows(min_row=2, values_only=True) if row[0]]
    assert "清河县教育局" in agencies
