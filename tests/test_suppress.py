"""Inline suppressions in Markdown and HTML reports, and GAO010 for those that silence nothing."""

from __future__ import annotations

import pytest

from gaolint.checks import RULES
from gaolint.model import Line, Location, Report
from gaolint.suppress import resolve
from tests.test_config import (
    BAD_TOTAL_MD,
    NO_FEE_MD,
    SECTION_SIX,
    TOTAL_ROW,
    findings_of,
    gaolint,
    project,  # noqa: F401  (fixture)
    rules_in,
)


def check_json(capsys, *argv: str) -> tuple[int, list[dict]]:
    code, out, err = gaolint("check", "--format", "json", *argv, capsys=capsys)
    assert code in (0, 1), err
    return code, findings_of(out)


def write(project_path, name: str, text: str) -> str:
    (project_path / name).write_text(text, encoding="utf-8")
    return name


def test_gao010_is_registered_and_made_by_the_run():
    rule = RULES["GAO010"]
    assert rule.name == "unused-suppression" and rule.severity.value == "warning"
    assert rule.scope != "file"  # produced after every finding is known, never per file


def test_comment_before_the_title_silences_the_whole_file(project, capsys):
    name = write(project, "r.md", "<!-- gaolint: disable=GAO401 -->\n" + NO_FEE_MD)
    assert check_json(capsys, name) == (0, [])


def test_comment_before_a_heading_silences_that_block(project, capsys):
    text = NO_FEE_MD.replace(SECTION_SIX, "<!-- gaolint: disable=GAO401 -->\n" + SECTION_SIX)
    assert check_json(capsys, write(project, "r.md", text)) == (0, [])


def test_block_comment_elsewhere_does_not_reach_the_finding(project, capsys):
    text = NO_FEE_MD.replace("## 五、", "<!-- gaolint: disable=GAO401 -->\n## 五、")
    code, found = check_json(capsys, write(project, "r.md", text))
    assert code == 1
    assert sorted(f["rule"] for f in found) == ["GAO010", "GAO401"]
    unused = next(f for f in found if f["rule"] == "GAO010")
    comment_line = text.splitlines().index("<!-- gaolint: disable=GAO401 -->") + 1
    assert unused["line"] == comment_line and unused["severity"] == "warning"


def test_next_line_comment_silences_a_table_row(project, capsys):
    text = BAD_TOTAL_MD.replace(TOTAL_ROW, "<!-- gaolint: disable-next-line=GAO303 -->\n" + TOTAL_ROW)
    assert check_json(capsys, write(project, "r.md", text)) == (0, [])


def test_next_line_comment_does_not_reach_two_lines_down(project, capsys):
    text = BAD_TOTAL_MD.replace(
        TOTAL_ROW, "<!-- gaolint: disable-next-line=GAO303 -->\n| 附注 |\n" + TOTAL_ROW
    )
    code, found = check_json(capsys, write(project, "r.md", text))
    assert code == 1 and {"GAO303", "GAO010"} <= {f["rule"] for f in found}


def test_prefixes_and_several_ids(project, capsys):
    text = "<!-- gaolint: disable=GAO4, GAO3 -->\n" + NO_FEE_MD
    code, found = check_json(capsys, write(project, "r.md", text))
    # GAO4 silenced GAO401; GAO3 silenced nothing.
    assert code == 0 and [f["rule"] for f in found] == ["GAO010"]
    assert "GAO3" in found[0]["message"] and "GAO4," not in found[0]["message"].split("：")[-1]


def test_misspelt_id_is_reported(project, capsys):
    text = NO_FEE_MD.replace(SECTION_SIX, "<!-- gaolint: disable=GAO401,GAO3O3 -->\n" + SECTION_SIX)
    code, found = check_json(capsys, "--lang", "en", write(project, "r.md", text))
    assert code == 0 and [f["rule"] for f in found] == ["GAO010"]
    assert "unknown rule ID GAO3O3" in found[0]["message"]


def test_ids_of_switched_off_rules_are_not_unused(project, capsys):
    text = NO_FEE_MD.replace(SECTION_SIX, "<!-- gaolint: disable=GAO401,GAO303 -->\n" + SECTION_SIX)
    name = write(project, "r.md", text)
    code, found = check_json(capsys, name)
    assert [f["rule"] for f in found] == ["GAO010"]  # GAO303 silenced nothing
    assert check_json(capsys, "--ignore", "GAO303", name) == (0, [])
    assert check_json(capsys, "--select", "GAO4", name) == (0, [])
    (project / ".gaolint.yaml").write_text("per-file-ignores:\n  r.md: [GAO3]\n", encoding="utf-8")
    assert check_json(capsys, name) == (0, [])


def test_gao010_can_be_switched_off(project, capsys):
    text = "<!-- gaolint: disable=GAO303 -->\n" + NO_FEE_MD
    name = write(project, "r.md", text)
    assert rules_in(gaolint("check", "--format", "json", name, capsys=capsys)[1]) == ["GAO010", "GAO401"]
    assert rules_in(gaolint("check", "--format", "json", "--ignore", "GAO010", name, capsys=capsys)[1]) == ["GAO401"]
    silenced = "<!-- gaolint: disable=GAO010 -->\n" + text
    assert rules_in(gaolint("check", "--format", "json", write(project, "s.md", silenced), capsys=capsys)[1]) == ["GAO401"]


def test_severity_and_fail_on_apply_to_gao010(project, capsys):
    name = write(project, "r.md", "<!-- gaolint: disable=GAO303 -->\n" + NO_FEE_MD.replace("本局无其他需要报告的事项。", "本年度未收取信息处理费。"))
    assert check_json(capsys, name)[0] == 0
    assert check_json(capsys, "--fail-on", "warning", name)[0] == 1
    (project / ".gaolint.yaml").write_text("severity:\n  GAO010: error\n", encoding="utf-8")
    code, found = check_json(capsys, name)
    assert code == 1 and found[0]["severity"] == "error"


def test_text_reports_ignore_comment_like_text(project, capsys):
    # .txt reports have no comments: the text is just text, and nothing is silenced.
    name = write(project, "r.txt", "<!-- gaolint: disable=GAO401 -->\n" + NO_FEE_MD)
    assert "GAO401" in rules_in(gaolint("check", "--format", "json", name, capsys=capsys)[1])


HTML_PAGE = """<html><head><meta charset="utf-8"><title>t</title></head><body>
<div id="content">
{before_title}<h1>青禾县农业农村局2024年政府信息公开工作年度报告</h1>
{body}
</div></body></html>
"""


def _markdown_to_html(markdown: str, before_title: str = "", before_six: str = "") -> str:
    """A plain HTML rendering of the Markdown reports above: headings, paragraphs, tables."""
    from html import escape

    body: list[str] = []
    table: list[str] = []
    lines = markdown.splitlines()[1:]  # the title is placed by the template
    for line in lines + [""]:
        if line.startswith("|"):
            if set(line.replace("|", "").strip()) <= {"-"}:
                continue
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            table.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
            continue
        if table:
            body.append("<table>\n" + "\n".join(table) + "\n</table>")
            table = []
        if line.startswith("## "):
            if line == SECTION_SIX and before_six:
                body.append(before_six)
            body.append(f"<h2>{escape(line[3:])}</h2>")
        elif line.strip():
            body.append(f"<p>{escape(line)}</p>")
    return HTML_PAGE.format(before_title=before_title, body="\n".join(body))


def test_html_comments_silence_findings(project, capsys):
    plain = write(project, "plain.html", _markdown_to_html(NO_FEE_MD))
    assert rules_in(gaolint("check", "--format", "json", plain, capsys=capsys)[1]) == ["GAO401"]
    whole = write(project, "whole.html", _markdown_to_html(NO_FEE_MD, before_title="<!-- gaolint: disable=GAO401 -->\n"))
    assert check_json(capsys, whole) == (0, [])
    block = write(project, "block.html", _markdown_to_html(NO_FEE_MD, before_six="<!-- gaolint: disable=GAO401 -->"))
    assert check_json(capsys, block) == (0, [])
    line = write(project, "line.html", _markdown_to_html(NO_FEE_MD, before_six="<!-- gaolint: disable-next-line=GAO401 -->"))
    assert check_json(capsys, line) == (0, [])
    wrong = write(project, "wrong.html", _markdown_to_html(NO_FEE_MD, before_six="<!-- gaolint: disable-next-line=GAO501 -->"))
    assert rules_in(gaolint("check", "--format", "json", wrong, capsys=capsys)[1]) == ["GAO010", "GAO401"]


# --------------------------------------------------------------------------------------------
# resolve(): which lines a comment covers.


def _report(texts: list[str], suppressions, headings=()) -> Report:
    lines = [Line(i, t, Location(i + 1), t) for i, t in enumerate(texts)]
    report = Report("r.md", "markdown", lines)
    report.suppressions = list(suppressions)
    from gaolint.model import Section

    report.sections = [Section(n, f"s{n}", texts[h - 1], Location(h), h - 1, h) for n, h in enumerate(headings, 1)]
    return report


@pytest.mark.parametrize(
    ("kind", "comment", "expected"),
    [
        ("next-line", 2, (3, 3)),  # the next line
        ("next-line", 4, (6, 6)),  # skips a blank line
        ("next-block", 2, (3, 4)),  # up to the blank line
        ("next-block", 5, (6, 7)),  # a heading starts its own block, up to the next heading
        ("file", 1, (1, 9)),
    ],
)
def test_resolve_ranges(kind, comment, expected):
    texts = [
        "# 标题",  # 1
        "<!-- gaolint: x -->",  # 2
        "第一段第一行",  # 3
        "第一段第二行",  # 4
        "",  # 5
        "一、总体情况",  # 6
        "正文",  # 7
        "二、主动公开政府信息情况",  # 8
        "正文",  # 9
    ]
    report = _report(texts, [(comment, kind, ("GAO401",))], headings=(6, 8))
    (suppression,) = resolve(report)
    assert (suppression.first, suppression.last) == expected


def test_resolve_skips_stacked_comments_and_quotes_the_comment():
    texts = ["<!-- gaolint: disable-next-line=GAO303 -->", "<!-- gaolint: disable-next-line=GAO304 -->", "| 1 | 2 |"]
    report = _report(texts, [(1, "next-line", ("GAO303",)), (2, "next-line", ("GAO304",))])
    first, second = resolve(report)
    assert (first.first, first.last) == (second.first, second.last) == (3, 3)
    assert first.source == texts[0] and first.column == 1


def test_resolve_html_row():
    texts = ["|", "（七）总计", "3", "4", "|", "四、结转下年度继续办理", "1"]
    lines = [Line(i, t, Location(10 + i), t) for i, t in enumerate(texts)]
    report = Report("r.html", "html", lines)
    report.suppressions = [(9, "next-line", ("GAO303",))]
    (suppression,) = resolve(report)
    assert (suppression.first, suppression.last) == (10, 13)


@pytest.mark.parametrize("text,alone", [
    ("<!-- gaolint: disable=GAO1 -->", True),
    ("  <!-- gaolint: disable-next-line=GAO303 -->  ", True),
    ("<!-- gaolint: disable=GAO1 --><!-- gaolint: disable=GAO2 -->", True),
    ("<!-- gaolint: a - b <c> -->", True),
    ("x <!-- gaolint: disable=GAO1 -->", False),
    ("<!-- gaolint: disable=GAO1", False),
    ("<!-- gaolint:" * 20_000, False),  # unclosed thousands of times: linear, not quadratic
])
def test_comment_only_lines(text: str, alone: bool) -> None:
    from gaolint.suppress import _is_comment_only

    assert _is_comment_only(text) is alone


# --- A comment placed before a Markdown table, naming the row or cell it silences ------------

def _gfm_report(tmp_path, before_table: str = "", in_table: str = "") -> str:
    """A report with a GFM table 3 whose (七)总计 column and one row total are wrong (GAO303 and
    GAO302), with ``before_table`` on a line of its own before the table and ``in_table`` on a
    line before its (七)总计 row."""
    from tests.builder import plant, render_text, sample_spec

    text = render_text(plant(sample_spec(3), "table3_leaf_changed", 3).document, "markdown")
    lines = text.split("\n")
    heading = next(i for i, line in enumerate(lines) if line.startswith("## 三、"))
    total = next(i for i, line in enumerate(lines) if "（七）总计" in line and line.startswith("|"))
    if in_table:
        lines.insert(total, in_table)
    if before_table:
        lines[heading + 1:heading + 1] = ["", before_table, ""]
    (tmp_path / "r.md").write_text("\n".join(lines), encoding="utf-8")
    return str(tmp_path / "r.md")


def _rules(path: str) -> list[str]:
    from gaolint.config import RunConfig
    from gaolint.engine import Settings, lint_file

    result = lint_file(path, Settings())
    return sorted(f.rule for f in RunConfig(Settings()).filter(result.findings, [result]))


def _tables(markdown: str) -> tuple[int, int]:
    """(tables, table rows) as a CommonMark renderer with GFM tables draws them."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    return sum(1 for t in tokens if t.type == "table_open"), sum(1 for t in tokens if t.type == "tr_open")


def test_row_comment_before_the_table_silences_that_row_and_keeps_one_table(tmp_path):
    plain = _gfm_report(tmp_path)
    assert _rules(plain) == ["GAO302", "GAO303"]
    tables = _tables(open(plain, encoding="utf-8").read())
    path = _gfm_report(tmp_path, before_table="<!-- gaolint: disable-row=GAO303; row=（七）总计 -->")
    assert _rules(path) == ["GAO302"]
    assert _tables(open(path, encoding="utf-8").read()) == tables  # the table still renders whole


def test_the_old_comment_inside_the_table_splits_it_when_rendered(tmp_path):
    """Why the row form exists: a comment line between rows ends the GFM table."""
    plain = _tables(open(_gfm_report(tmp_path), encoding="utf-8").read())
    inside = _gfm_report(tmp_path, in_table="<!-- gaolint: disable-next-line=GAO303 -->")
    tables, rows = _tables(open(inside, encoding="utf-8").read())
    assert tables == plain[0] and rows <= plain[1] - 2  # the rows after the comment are a paragraph


def test_cell_comment_silences_only_that_cell(tmp_path):
    # The row total of 6.属于四类过程性信息 is its 7th number cell (总计).
    path = _gfm_report(tmp_path, before_table="<!-- gaolint: disable-cell=GAO302; row=6.属于四类过程性信息; column=7 -->")
    assert _rules(path) == ["GAO303"]
    wrong_cell = _gfm_report(tmp_path, before_table="<!-- gaolint: disable-cell=GAO302; 行=6.属于四类过程性信息; 列=2 -->")
    assert _rules(wrong_cell) == ["GAO010", "GAO302", "GAO303"]


def test_a_row_that_does_not_exist_is_an_unused_suppression(tmp_path):
    path = _gfm_report(tmp_path, before_table="<!-- gaolint: disable-row=GAO303; row=不存在的行 -->")
    from gaolint.config import RunConfig
    from gaolint.engine import Settings, lint_file

    result = lint_file(path, Settings())
    findings = RunConfig(Settings()).filter(result.findings, [result])
    (unused,) = [f for f in findings if f.rule == "GAO010"]
    assert "disable-row=GAO303" in unused.message.zh and "不存在的行" in unused.message.zh
    assert "GAO303" in [f.rule for f in findings]


@pytest.mark.parametrize("arguments, expected", [
    ("row=（七）总计", ("（七）总计", None)),
    (" row = 6.属于四类过程性信息 ; column = 7 ", ("6.属于四类过程性信息", 7)),
    ("行=\"二、上年结转\"; 列=3", ("二、上年结转", 3)),
    ("nonsense", ("", None)),
])
def test_parse_target(arguments, expected):
    from gaolint.suppress import parse_target

    assert parse_target(arguments) == expected


def test_find_row_by_label_key_or_unique_ending():
    from gaolint.model import Row, Table
    from gaolint.suppress import find_row

    rows = {key: Row(key, label, Location(n + 1)) for n, (key, label) in enumerate([
        ("results_total", "(七)总计"), ("carried_over", "二、上年结转政府信息公开申请数量"), ("other_other", "3.其他")])}
    table = Table("table3", Location(1), rows)
    assert find_row(table, "（七）总计").key == "results_total"
    assert find_row(table, "carried_over").key == "carried_over"
    assert find_row(table, "上年结转").key == "carried_over"
    assert find_row(table, "总计").key == "results_total"
    assert find_row(table, "不存在") is None


def test_row_comment_before_an_html_table(tmp_path):
    from markdown_it import MarkdownIt

    from tests.builder import plant, render_text, sample_spec

    text = render_text(plant(sample_spec(3), "table3_leaf_changed", 3).document, "markdown")
    heading = next(line for line in text.split("\n") if line.startswith("## 三、"))
    text = text.replace(heading + "\n", heading + "\n\n<!-- gaolint: disable-row=GAO303; row=（七）总计 -->\n\n")
    body = MarkdownIt("commonmark").enable("table").render(text)
    (tmp_path / "r.html").write_text(f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>",
                                     encoding="utf-8")
    assert _rules(str(tmp_path / "r.html")) == ["GAO302"]
