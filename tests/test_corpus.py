"""The published reports the issues name: what gaolint must and must not say about them."""

from __future__ import annotations

from gaolint.engine import Settings, lint_file
from gaolint.model import Severity

from .conftest import rules_of


def _lint(path):
    return lint_file(str(path), Settings()).findings


def test_kunshan_2025_results_total_wrong_in_two_columns(corpus):
    findings = _lint(corpus / "kunshan-2025.txt")
    gao303 = [f for f in findings if f.rule == "GAO303"]
    assert len(gao303) == 2
    other, total = sorted(gao303, key=lambda f: f.location.line)
    assert "“其他”列为 6" in other.message.zh and "之和为 5（差 1）" in other.message.zh
    assert "“总计”列为 2162" in total.message.zh and "之和为 2161（差 1）" in total.message.zh
    # The finding points at the cell holding the stated total.
    assert other.source_line.strip().startswith("6")
    assert total.source_line.strip().startswith("2162")


def test_kunshan_2025_nothing_about_sections_period_fee_or_contact(corpus):
    findings = _lint(corpus / "kunshan-2025.txt")
    assert not rules_of(findings) & {"GAO101", "GAO102", "GAO103", "GAO104", "GAO107", "GAO201",
                                     "GAO202", "GAO203", "GAO401", "GAO402", "GAO501", "GAO502"}
    assert rules_of(findings, "error") == {"GAO303"}


def test_kundulun_2025_has_no_error(corpus):
    findings = _lint(corpus / "kundulun-2025.txt")
    assert not [f for f in findings if f.severity is Severity.ERROR]


def test_kunshan_2016_is_cn2008_with_damaged_dates(corpus):
    from gaolint.engine import read_report

    report, failure = read_report(str(corpus / "kunshan-2016.txt"), "kunshan-2016.txt")
    assert failure is None and report.format_version == "cn-2008"
    findings = _lint(corpus / "kunshan-2016.txt")
    assert "GAO003" in rules_of(findings)
    damaged = next(f for f in findings if f.rule == "GAO003")
    assert "20161231" in damaged.message.zh
    assert not rules_of(findings) & {"GAO103", "GAO104", "GAO105", "GAO106", "GAO301", "GAO302", "GAO303", "GAO304"}
    assert not rules_of(findings, "error")


def test_hongze_2023_pdf_review_totals(corpus):
    findings = _lint(corpus / "hongze-2023.pdf")
    gao304 = sorted((f for f in findings if f.rule == "GAO304"), key=lambda f: f.location.line)
    assert len(gao304) == 2
    review, after_review = gao304
    assert "行政复议" in review.message.zh and "10 + 1 + 0 + 0 = 11" in review.message.zh and "总计为 0" in review.message.zh
    assert "复议后起诉" in after_review.message.zh and "= 5（差 5）" in after_review.message.zh
    assert all("第4页" in f.location.place for f in gao304)
    quiet = {"GAO101", "GAO102", "GAO103", "GAO104", "GAO105", "GAO106", "GAO107", "GAO201", "GAO202",
             "GAO203", "GAO301", "GAO302", "GAO303", "GAO401", "GAO402", "GAO501", "GAO502", "GAO001"}
    assert not rules_of(findings) & quiet, [(f.rule, f.message.en) for f in findings]
