"""HTML comments in Markdown are invisible on the rendered page, so they are no report text:
their digits are no date, their words no part of a heading (found by the rule fixtures)."""

from __future__ import annotations

from gaolint.engine import Settings, lint_file, read_report
from gaolint.read.base import SourceLine
from gaolint.read.text import blank_comments
from tests.builder import build_document, render_text, sample_spec


def _blanked(*texts: str) -> list[str]:
    lines = [SourceLine(text, number) for number, text in enumerate(texts, start=1)]
    blank_comments(lines)
    return [line.text for line in lines]


def test_comments_become_spaces_column_for_column():
    comment = "<!-- 晚 15 天 -->"
    assert _blanked(f"签发 {comment} 2025年1月20日") == ["签发 " + " " * len(comment) + " 2025年1月20日"]
    assert _blanked("a <!-- one --> b <!-- two --> c") == ["a " + " " * 12 + " b " + " " * 12 + " c"]
    assert _blanked("前 <!-- 开始", "中间 2024年", "结束 --> 后") == ["前 " + " " * 7, " " * 8, " " * 6 + " 后"]
    assert _blanked("没有注释 | 3 |") == ["没有注释 | 3 |"]
    # never closed: a slip, left as text
    assert _blanked("<!-- 草稿", "一、总体情况") == ["<!-- 草稿", "一、总体情况"]


def _markdown_report(tmp_path, edit) -> str:
    spec = sample_spec(3)
    text = edit(render_text(build_document(spec), "markdown"))
    path = tmp_path / "report.md"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_comment_with_digits_on_the_signing_line_does_not_hide_the_date(tmp_path):
    plain = _markdown_report(tmp_path, lambda text: text)
    report, _ = read_report(plain, plain)
    signed = report.signing_date
    assert signed is not None
    commented = _markdown_report(tmp_path, lambda text: text.replace(signed.text, f"<!-- 第 2 稿 15 -->{signed.text}"))
    report, _ = read_report(commented, commented)
    assert report.signing_date is not None and report.signing_date.date == signed.date


def test_a_comment_after_a_heading_is_not_part_of_its_title(tmp_path):
    path = _markdown_report(tmp_path, lambda text: text.replace("一、总体情况", "一、总体情况 <!-- 待补充 -->", 1))
    report, _ = read_report(path, path)
    assert report.sections[0].title == "总体情况"
    assert lint_file(path, Settings()).findings == []


def test_a_suppression_comment_keeps_its_line_for_gao010():
    """GAO010 shows the comment's own line and a baseline fingerprints it: not blanked."""
    comment = "<!-- gaolint: disable-next-line=GAO303 -->"
    assert _blanked(comment, "一、总体情况 <!-- 注 -->") == [comment, "一、总体情况 " + " " * len("<!-- 注 -->")]
