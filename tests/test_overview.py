"""``gaolint check --summary``: the agency × year overview."""

from __future__ import annotations

import io
import json
import subprocess
import sys

from gaolint.engine import FileResult, ReportFacts
from gaolint.model import Finding, Location, Message, Severity
from gaolint.overview import MISSING, build_overview, print_overview


def _finding(path: str, severity: str, rule: str = "GAO301") -> Finding:
    return Finding(rule, "x", Severity(severity), Message("m", "m"), path, Location(3))


def _result(path: str, agency: str, year: int | None, version: str = "cn-2021") -> FileResult:
    return FileResult(path, [], ReportFacts(path, agency, "government", year, version))


def _run():
    results = [
        _result("a/2021.txt", "昆山市人民政府", 2021),
        _result("a/2023.md", "昆山市", 2023),  # same agency, spelt short; 2022 is missing
        _result("a/2024.docx", "昆山市人民政府", 2024),
        _result("a/2024-copy.txt", "昆山市人民政府", 2024),
        _result("b/2024.txt", "淮安市洪泽区教育局", 2024, "cn-2021"),
        _result("b/2019.txt", "淮安市洪泽区教育局", 2019, "cn-2019"),
        _result("c/unknown-year.txt", "淮安市洪泽区教育局", None),
        FileResult("broken.pdf", [_finding("broken.pdf", "error", "GAO001")]),
    ]
    findings = [
        _finding("a/2021.txt", "error"), _finding("a/2021.txt", "error"), _finding("a/2021.txt", "warning"),
        _finding("a/2023.md", "warning"),
        _finding("a/2024.docx", "error", "GAO601"),  # a repository finding counts for this year's file
        _finding("b/2019.txt", "note", "GAO305"),
        _finding("broken.pdf", "error", "GAO001"),
    ]
    return results, findings


def test_build_overview_groups_by_agency_and_year():
    results, findings = _run()
    overview = build_overview(results, findings)
    assert overview.years == list(range(2019, 2025))
    rows = dict(overview.rows)
    assert set(rows) == {"昆山市人民政府", "淮安市洪泽区教育局"}
    kunshan = rows["昆山市人民政府"]
    assert kunshan[2021].label() == "✗ 2E 1W"
    assert kunshan[2022] is None  # missing between the first and the last report
    assert kunshan[2023].label() == "! 1W"
    assert kunshan[2024].label() == "✗ 1E ×2"
    assert kunshan[2024].versions == ["cn-2021"]
    assert 2020 not in kunshan and 2025 not in kunshan  # outside this agency's range: blank
    education = rows["淮安市洪泽区教育局"]
    assert education[2019].label() == "✓"  # a note does not spoil the mark
    assert [education[y] for y in range(2020, 2024)] == [None] * 4
    assert education[0].paths == ["c/unknown-year.txt"]  # the "?" column
    assert [path for path, _ in overview.unattributed] == ["broken.pdf"]
    assert overview.unattributed[0][1].label() == "✗ 1E"


def test_print_overview_renders_marks_counts_versions_and_gaps():
    results, findings = _run()
    buffer = io.StringIO()
    from rich.console import Console

    print_overview(results, findings, console=Console(file=buffer, width=200, highlight=False))
    text = buffer.getvalue()
    for expected in ("昆山市人民政府", "淮安市洪泽区教育局", "✗ 2E 1W", "! 1W", "✓", MISSING, "cn-2021", "cn-2019",
                     "2019", "2024", "broken.pdf", "?"):
        assert expected in text, expected


def test_overview_goes_to_stderr_for_machine_formats(capsys):
    results, findings = _run()
    print_overview(results, findings, "json")
    captured = capsys.readouterr()
    assert captured.out == "" and "昆山市人民政府" in captured.err
    print_overview(results, findings, "text")
    captured = capsys.readouterr()
    assert "昆山市人民政府" in captured.out and captured.err == ""


def test_empty_run_prints_nothing_much():
    buffer = io.StringIO()
    from rich.console import Console

    print_overview([], [], console=Console(file=buffer, width=100))
    assert buffer.getvalue() == ""


def test_summary_keeps_json_stdout_valid(tmp_path):
    from tests.builder import build_document, render_text, sample_spec

    for year in (2023, 2025):
        spec = sample_spec(year, year=year, kind="government", agency="苏州市吴江区人民政府")
        (tmp_path / f"wujiang-{year}.txt").write_text(render_text(build_document(spec), "pipe"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "gaolint", "check", str(tmp_path), "--summary", "--format", "json"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert isinstance(json.loads(done.stdout), list)
    assert "苏州市吴江区人民政府" in done.stderr and MISSING in done.stderr and "2024" in done.stderr


def test_repository_modules_do_not_import_rich_or_ruamel():
    code = ("import sys, gaolint.repository, gaolint.checks.narrative, gaolint.checks.repository_rules, "
            "gaolint.parse.narrative; print(sorted(m for m in sys.modules if m.split('.')[0] in ('rich', 'ruamel')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
