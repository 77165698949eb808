"""A failing and a passing case for every registered rule.

The passing case of each rule is the clean generated report (it must not fire); the failing
case is that report with one edit. Rules whose failing case needs more than one file or a
broken rule live in the test module named in ``ELSEWHERE``; the registry-driven test below fails
when a new rule has neither."""

from __future__ import annotations

import re

import pytest

from gaolint.checks import RULES
from tests.builder import build_document, plant, render_text, sample_spec

from .conftest import rules_of


def clean_text(kind: str = "government") -> str:
    agency = "清河县人民政府" if kind == "government" else "清河县教育局"
    return render_text(build_document(sample_spec(1, kind=kind, agency=agency)), "pipe")


def _planted(defect: str):
    def make() -> str:
        return render_text(plant(sample_spec(3), defect, 3).document, "pipe")

    return make


def _edit(pattern: str, replacement: str, count: int = 1, kind: str = "government"):
    def make() -> str:
        text = clean_text(kind)
        changed, done = re.subn(pattern, replacement, text, count=count, flags=re.M)
        assert done, f"pattern {pattern!r} not in the clean report"
        return changed

    return make


def _drop_cell() -> str:
    text = clean_text()
    return re.sub(r"^(二、上年结转政府信息公开申请数量 \| \d+ \| )\d+ \| ", r"\1", text, count=1, flags=re.M)


def _no_accountability() -> str:
    text = clean_text()
    for word, other in (("考核", "检查"), ("评议", "调查"), ("责任追究", "整改落实"), ("追究", "落实")):
        text = text.replace(word, other)
    return text


#: rule → (what the failing text is, the file name to lint it as)
FAILING = {
    "GAO001": (lambda: b"\x00\x01\x02\xff\xfe\x00" * 300 + bytes(range(256)) * 20, "report.txt"),
    "GAO002": (lambda: "关于召开会议的通知\n请各单位于下周一上午九点参会。\n", "notice.txt"),
    "GAO003": (_edit(r"自(\d{4})年1月1日起至12月31日止", r"自\g<1>11日起至1231日止"), "report.txt"),
    "GAO101": (_planted("missing_section"), "report.txt"),
    "GAO102": (lambda: clean_text() + "\n六、其他需要报告的事项\n本年度无其他事项。\n", "report.txt"),
    "GAO103": (_planted("table_missing"), "report.txt"),
    "GAO104": (_planted("table3_row_missing"), "report.txt"),
    "GAO105": (_drop_cell, "report.txt"),
    "GAO106": (_planted("table3_bad_value"), "report.txt"),
    "GAO107": (_planted("section5_empty"), "report.txt"),
    "GAO108": (_no_accountability, "report.txt"),
    "GAO201": (_edit(r"本报告中数据的统计时限自\d{4}年1月1日起至12月31日止。", ""), "report.txt"),
    "GAO202": (_planted("period_mid_year"), "report.txt"),
    "GAO203": (_planted("carryover_year_wrong"), "report.txt"),
    "GAO204": (_edit(r"^(\d{4})年1月\d{1,2}日$", r"\g<1>年5月8日", kind="department"), "report.txt"),
    "GAO301": (_planted("table3_new_total_changed"), "report.txt"),
    "GAO302": (_planted("table3_leaf_changed"), "report.txt"),
    "GAO303": (_planted("table3_leaf_changed"), "report.txt"),
    "GAO304": (_planted("table4_cell_changed"), "report.txt"),
    "GAO401": (_planted("fee_statement_missing"), "report.txt"),
    "GAO402": (_planted("fee_contradiction"), "report.txt"),
    "GAO501": (_planted("contact_missing"), "report.txt"),
    "GAO502": (_edit(r"电话:(\d{3,4})-(\d{7,8})", r"电话:\1-123"), "report.txt"),
}

#: Rules whose cases need another setting, and the test module that holds them.
ELSEWHERE = {
    "GAO000": "tests/test_robustness.py (a rule that raises)",
    "GAO010": "tests/test_suppress.py (a suppression that silenced nothing)",
    "GAO305": "tests/test_narrative.py (prose against tables)",
    "GAO601": "tests/test_repository.py (two years of one agency)",
    "GAO602": "tests/test_repository.py (two years of one agency)",
}


def test_every_rule_has_a_failing_case():
    for code in RULES:
        assert code in FAILING or code in ELSEWHERE, f"{code} has no failing case"


@pytest.mark.parametrize("code", sorted(FAILING))
def test_rule_fires_on_its_failing_case(lint, code):
    make, name = FAILING[code]
    findings = lint(make(), name)
    assert code in rules_of(findings), [(f.rule, f.message.en) for f in findings]


@pytest.mark.parametrize("kind", ["government", "department"])
def test_clean_report_passes_every_rule(lint, kind):
    assert lint(clean_text(kind)) == []


def test_gao204_deadline_depends_on_agency_kind(lint):
    # 8 March is late for a department (31 January) but on time for a government (31 March).
    late = _edit(r"^(\d{4})年1月\d{1,2}日$", r"\g<1>年3月8日", kind="department")()
    assert "GAO204" in rules_of(lint(late))
    on_time = _edit(r"^(\d{4})年1月\d{1,2}日$", r"\g<1>年3月8日", kind="government")()
    assert "GAO204" not in rules_of(lint(on_time))


def test_messages_say_the_numbers(lint):
    findings = lint(_planted("table4_cell_changed")())
    review = next(f for f in findings if f.rule == "GAO304")
    assert re.search(r"总计为 \d+，但 结果维持 \+ 结果纠正 \+ 其他结果 \+ 尚未审结 = [\d +]+= \d+（差 \d+）", review.message.zh)
    assert "difference" in review.message.en or "add up" in review.message.en


def test_arithmetic_finding_points_at_the_cell(lint):
    planted = plant(sample_spec(3), "table3_leaf_changed", 3)
    text = render_text(planted.document, "pipe")
    findings = [f for f in lint(text) if f.rule == "GAO302"]
    assert findings
    for finding in findings:
        line = text.splitlines()[finding.location.line - 1]
        cell = line[finding.location.column - 1 : finding.location.end_column - 1]
        assert cell.strip().isdigit(), (line, finding.location)


def test_missing_section_points_where_it_should_start(lint):
    text = clean_text()
    without_five = re.sub(r"^五、存在的主要问题及改进情况$", "", text, flags=re.M)
    findings = [f for f in lint(without_five) if f.rule == "GAO101"]
    assert len(findings) == 1 and "五、存在的主要问题及改进情况" in findings[0].message.zh
    assert findings[0].source_line.startswith("六、")


def test_table_row_is_not_taken_for_section_four(lint):
    # 四、结转下年度继续办理 is a table row; the report still has its real section 四.
    text = re.sub(r"^四、政府信息公开行政复议、行政诉讼情况$", "", clean_text(), flags=re.M)
    findings = lint(text)
    missing = [f for f in findings if f.rule == "GAO101"]
    assert len(missing) == 1 and "四、政府信息公开行政复议" in missing[0].message.zh


def test_cn2008_report_is_not_held_to_the_national_tables(lint, tmp_path):
    spec = sample_spec(5, version="cn-2008", year=2015)
    findings = lint(render_text(build_document(spec), "pipe"))
    assert not rules_of(findings) & {"GAO103", "GAO104", "GAO105", "GAO301", "GAO303"}
    assert findings == [], [(f.rule, f.message.en) for f in findings]


@pytest.mark.parametrize("digits", [16, 25, 400])
def test_a_cell_of_too_many_digits_is_a_bad_value_not_a_wrong_sum(lint, digits):
    """Past 15 digits a float is no longer exact (25 nines summed to 10000000000000000905969664)
    and 400 overflow to inf ("差 inf"): such a cell is GAO106, and no sum is claimed from it."""
    text = re.sub(r"^(二、上年结转政府信息公开申请数量 \| )\d+ \| ", rf"\g<1>{'9' * digits} | ", clean_text(), count=1, flags=re.M)
    findings = lint(text)
    bad = [f for f in findings if f.rule == "GAO106"]
    assert len(bad) == 1 and f"has {digits} digits" in bad[0].message.en
    assert len(bad[0].message.zh) < 120  # a 400-digit value is quoted clipped
    assert not [f for f in findings if f.rule.startswith("GAO30")]
    assert "inf" not in " ".join(f.message.zh for f in findings)


def test_fifteen_digits_are_still_a_number_and_sum_exactly(lint):
    text = re.sub(r"^(二、上年结转政府信息公开申请数量 \| )\d+ \| ", r"\g<1>999999999999999 | ", clean_text(), count=1, flags=re.M)
    findings = lint(text)
    assert not [f for f in findings if f.rule == "GAO106"]
    totals = [f for f in findings if f.rule == "GAO302"]
    assert totals and re.search(r"差 9999999999999\d\d", totals[0].message.zh), totals[0].message.zh


@pytest.mark.parametrize("year", ["0000", "0001", "9998", "9999"])
def test_a_title_year_at_the_ends_of_the_calendar_is_no_internal_error(lint, year):
    """A title of 9999年 made GAO204 compute a deadline in the year 10000 (ValueError: GAO000)."""
    text = clean_text()
    first, rest = text.split("\n", 1)
    assert re.search(r"20\d\d", first), first
    title = re.sub(r"20\d\d", year, first, count=1)
    findings = lint(title + "\n" + rest)
    assert not [f.message.en for f in findings if f.rule == "GAO000"]
