"""Baselines: recorded findings stay quiet when lines move; new defects still show."""

from __future__ import annotations

import json

import pytest

from gaolint.baseline import apply_baseline, write_baseline
from gaolint.cli import UsageError
from gaolint.model import Finding, Location, Message, Severity
from gaolint.output.sarif import line_hash
from tests.test_config import (
    BAD_TOTAL_MD,
    NO_FEE_MD,
    PERIOD,
    WRONG_PERIOD,
    findings_of,
    gaolint,
    project,  # noqa: F401  (fixture)
)


def check(capsys, *argv: str) -> tuple[int, list[dict], str]:
    code, out, err = gaolint("check", "--format", "json", *argv, capsys=capsys)
    return code, findings_of(out) if out else [], err


def test_baseline_over_two_defective_reports(project, capsys):
    reports = project / "reports"
    reports.mkdir()
    (reports / "fees.md").write_text(NO_FEE_MD, encoding="utf-8")
    (reports / "totals.md").write_text(BAD_TOTAL_MD, encoding="utf-8")
    code, before, _ = check(capsys, "reports")
    assert code == 1 and sorted(f["rule"] for f in before) == ["GAO303", "GAO303", "GAO401"]

    code, found, err = check(capsys, "reports", "--write-baseline", "baseline.json")
    assert code == 0 and found == [] and "3" in err
    document = json.loads((project / "baseline.json").read_text(encoding="utf-8"))
    assert document["format"] == "gaolint-baseline"
    entries = document["findings"]
    assert {(e["path"], e["rule"]) for e in entries} == {("reports/fees.md", "GAO401"), ("reports/totals.md", "GAO303")}
    assert sum(e["count"] for e in entries) == 3
    assert all(len(e["fingerprint"]) == 32 for e in entries)

    # A line inserted at the top moves every finding down: still known.
    for name in ("fees.md", "totals.md"):
        path = reports / name
        path.write_text("<!-- 2025年3月修订 -->\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    code, found, _ = check(capsys, "reports", "--baseline", "baseline.json")
    assert (code, found) == (0, [])
    code, moved, _ = check(capsys, "reports")
    assert sorted(f["line"] for f in moved) == sorted(f["line"] + 2 for f in before)

    # A new defect shows, and only it.
    fees = reports / "fees.md"
    fees.write_text(fees.read_text(encoding="utf-8").replace(PERIOD, WRONG_PERIOD), encoding="utf-8")
    code, found, _ = check(capsys, "reports", "--baseline", "baseline.json")
    assert code == 1 and [(f["path"], f["rule"]) for f in found] == [("reports/fees.md", "GAO202")]


def test_baseline_works_from_another_folder(project, monkeypatch, capsys):
    reports = project / "reports"
    reports.mkdir()
    (reports / "fees.md").write_text(NO_FEE_MD, encoding="utf-8")
    assert check(capsys, "reports", "--write-baseline", "baseline.json")[0] == 0
    monkeypatch.chdir(reports)
    assert check(capsys, ".", "--baseline", "../baseline.json")[:2] == (0, [])


def test_editing_the_line_of_a_known_finding_makes_it_new(project, capsys):
    (project / "totals.md").write_text(BAD_TOTAL_MD, encoding="utf-8")
    check(capsys, "totals.md", "--write-baseline", "b.json")
    changed = BAD_TOTAL_MD.replace("|  | (七)总计 |  | 3 | 1 |", "|  | (七)总计 |  | 3 | 1  |")
    assert changed != BAD_TOTAL_MD
    (project / "totals.md").write_text(changed, encoding="utf-8")
    assert check(capsys, "totals.md", "--baseline", "b.json")[:2] == (0, [])  # only spacing changed
    changed = changed.replace("|  | (七)总计 |  | 3 | 1  |", "|  | (七)总计 |  | 2 | 1  |")
    (project / "totals.md").write_text(changed, encoding="utf-8")
    code, found, _ = check(capsys, "totals.md", "--baseline", "b.json")
    assert code == 1 and found


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (None, "not found"),
        ("{", "JSON"),
        ('{"findings": []}', "not a gaolint baseline"),
        ('{"format": "gaolint-baseline", "version": 99, "findings": []}', "version"),
        ('{"format": "gaolint-baseline", "version": 1, "findings": [{"path": "a"}]}', "entry 1"),
        ('{"format": "gaolint-baseline", "version": 1, "findings": [{"path": "a", "rule": "GAO401", "fingerprint": "x", "count": 0}]}', "count"),
    ],
)
def test_missing_or_corrupt_baseline_exits_2(project, capsys, content, words):
    (project / "fees.md").write_text(NO_FEE_MD, encoding="utf-8")
    if content is not None:
        (project / "b.json").write_text(content, encoding="utf-8")
    code, found, err = check(capsys, "fees.md", "--baseline", "b.json")
    assert code == 2 and found == []
    assert words in err and "b.json" in err


def _finding(line: int, text: str, rule: str = "GAO303", path: str = "r.txt") -> Finding:
    return Finding(rule, "results-total", Severity.ERROR, Message("和不等", "sum differs"), path, Location(line), text)


def test_counts_allow_exactly_the_recorded_duplicates(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    same = [_finding(10, "| 6 |"), _finding(20, "|  6  |")]
    write_baseline("b.json", same)
    entries = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))["findings"]
    assert len(entries) == 1 and entries[0]["count"] == 2
    assert apply_baseline("b.json", [_finding(11, "| 6 |"), _finding(30, "| 6 |")]) == []
    third = _finding(40, "| 6 |")
    assert apply_baseline("b.json", same + [third]) == [third]
    other_rule = _finding(10, "| 6 |", rule="GAO301")
    other_file = _finding(10, "| 6 |", path="s.txt")
    assert apply_baseline("b.json", [other_rule, other_file]) == [other_rule, other_file]


def test_fingerprint_is_the_sarif_line_hash(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    finding = _finding(10, "| 6 |")
    write_baseline("b.json", [finding])
    entry = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))["findings"][0]
    assert entry["fingerprint"] == line_hash(finding)


def test_unwritable_baseline_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError):
        write_baseline(str(tmp_path / "missing-folder" / "b.json"), [])
