"""Text whose prose a fixed width wrapped in mid-sentence (parse/wraps.py): what a PDF viewer's
select-all copy gives, or a page saved at a fixed width. The break can fall between any two CJK
characters, so an amount loses its unit (``收取信息处理费2600`` / ``元。``) and a count its
measure (``依法直接起诉`` / ``39件``), and a postcode can end a line (``邮编：200120``).

A clean report wrapped at any width gives no finding; a planted defect is found as in the
unwrapped text; web-page text, one line per paragraph, is read as before."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gaolint.engine import Settings, lint_file
from gaolint.model import Line, Location
from gaolint.parse.metadata import Prose, fee_statements, find_damaged_dates
from gaolint.parse.narrative import find_figures
from gaolint.parse.wraps import margin, soft_breaks
from tests.builder import build_document, render_text, sample_spec
from tests.builder.defects import defects_for, plant
from tests.builder.html import render_html
from tests.builder.text_shapes import hard_wrap


def _lines(text: str) -> list[Line]:
    return [Line(i, t, Location(i + 1), t) for i, t in enumerate(text.split("\n"))]


def _prose(text: str) -> Prose:
    lines = _lines(text)
    return Prose(lines, "\n", soft_breaks(lines))


def _rules(tmp_path: Path, text: str, name: str = "wrapped.txt") -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return sorted(f.rule for f in lint_file(str(path), Settings()).findings)


def _br_wrapped(page: str | bytes, columns: int) -> str:
    """A CMS page whose paragraphs were pasted from a PDF: each line ends with ``<br>``."""
    if isinstance(page, bytes):
        page = page.decode("utf-8")
    def wrap(match: re.Match[str]) -> str:
        inner = match.group(2)
        if "<" in inner:
            return match.group(0)
        return match.group(1) + hard_wrap(inner, columns).replace("\n", "<br>\n") + match.group(3)

    return re.sub(r"(<p[^>]*>)(.*?)(</p>)", wrap, str(page), flags=re.S)


#: Written for these tests: a paragraph as a viewer copies it, 24 CJK columns to the line.
WRAPPED = """（二）收取费用情况
本机关严格执行国家关于信息处理费的规定。本年度共
向3名申请人发出收费通知，全年共收取信息处理费2600
元，已全部上缴国库，未发生减免收费的情形。对申请人
提出的异议，本机关逐件予以答复并说明收费的依据和标
准。
（三）行政复议和诉讼
全年因政府信息公开被申请行政复议2件，被申请人依法
直接起诉39件，均已审结完毕，未发生被纠错的情形，相
关工作均按时完成。"""


def test_the_margin_of_wrapped_text_and_none_for_web_page_paragraphs() -> None:
    assert margin([48, 48, 47, 48, 2, 48, 20, 46]) == 48
    # One line a paragraph, as a web page gives it: widths all over the place.
    assert margin([120, 64, 210, 33, 96, 150, 75, 180, 41]) is None
    assert margin([48, 48, 47]) is None  # too few lines to tell a margin


def test_breaks_inside_sentences_are_soft_and_sentence_ends_headings_and_gaps_are_not() -> None:
    lines = _lines(WRAPPED)
    soft = soft_breaks(lines)
    texts = [line.text for line in lines]
    assert {texts[i] for i in soft} == {
        "本机关严格执行国家关于信息处理费的规定。本年度共", "向3名申请人发出收费通知，全年共收取信息处理费2600",
        "元，已全部上缴国库，未发生减免收费的情形。对申请人", "提出的异议，本机关逐件予以答复并说明收费的依据和标",
        "全年因政府信息公开被申请行政复议2件，被申请人依法", "直接起诉39件，均已审结完毕，未发生被纠错的情形，相",
    }
    # A blank line between two full lines is a paragraph's end.
    gap = _lines(WRAPPED.replace("元，已全部", "\n元，已全部"))
    assert not any(gap[i].text.endswith("2600") for i in soft_breaks(gap))


def test_an_amount_whose_unit_wrapped_is_read_with_its_unit() -> None:
    statements = fee_statements(_prose(WRAPPED))
    assert any("2600元" in s.text for s in statements)
    # Without the wrap join, the sentence would end at 2600.
    unjoined = fee_statements(Prose(_lines(WRAPPED), "\n"))
    assert not any("2600元" in s.text for s in unjoined)


def test_a_count_whose_measure_wrapped_is_a_figure() -> None:
    figures = find_figures(_prose(WRAPPED))
    assert any(f.value == 39 for f in figures)
    assert not any(f.value == 39 for f in find_figures(Prose(_lines(WRAPPED), "\n")))


def test_locations_point_into_the_line_the_words_are_on() -> None:
    prose = _prose(WRAPPED)
    at = prose.text.index("2600元")
    assert prose.location(at).line == 3
    assert prose.location(at + len("2600")).line == 4


def test_a_postcode_at_the_end_of_a_line_is_not_a_damaged_date() -> None:
    text = "如对本报告有疑问，请与区政府办公室联系，邮编：200120\n电话：021-58880000。\n日期：20161231"
    found = [m.text for m in find_damaged_dates(_lines(text))]
    assert found == ["20161231"]
    assert [m.text for m in find_damaged_dates(_lines("邮政编码为 200120"))] == []
    # With 日 after it, the digits are a date that lost its marks, whatever label stands before.
    assert [m.text for m in find_damaged_dates(_lines("电话20161231日"))] == ["20161231"]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("columns", [20, 28, 36])
def test_a_clean_report_wrapped_at_a_fixed_width_gives_no_finding(tmp_path: Path, seed: int, columns: int) -> None:
    text = render_text(build_document(sample_spec(seed)), "pipe")
    wrapped = hard_wrap(text, columns)
    assert wrapped.count("\n") > text.count("\n") + 5  # the prose really is wrapped
    assert _rules(tmp_path, wrapped) == []


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 400), columns=st.integers(24, 50), data=st.data())
def test_a_planted_defect_is_found_in_wrapped_text(tmp_path: Path, seed: int, columns: int, data) -> None:
    """From 24 characters a line (an A4 page holds 35-40): narrower, the longest section title
    (22 characters) wraps too, and a section that only says 无 looks as if it had content
    (GAO107 is missed; nothing false is found)."""
    spec = sample_spec(seed)
    defect = data.draw(st.sampled_from(sorted(defects_for(spec))))
    planted = plant(spec, defect, seed)
    got = set(_rules(tmp_path, hard_wrap(render_text(planted.document, "pipe"), columns)))
    assert planted.expected <= got, (defect, columns)
    assert got <= planted.expected | planted.allowed, (defect, columns)


@pytest.mark.parametrize("seed", range(4))
def test_a_web_page_whose_paragraphs_break_with_br_reads_its_title_and_period(tmp_path: Path, seed: int) -> None:
    """The first lines of such a page are pieces of a sentence that name a 报告 (``本报告依据
    《…》和国家规定的年度``): taken for the report's own title, they kept the page's title
    out, so the report's year came from its period and a wrong period went unseen."""
    spec = sample_spec(seed)
    page = _br_wrapped(render_html(build_document(spec)), 30)
    assert page.count("<br>") > 10
    assert _rules(tmp_path, page, "clean.html") == []
    planted = plant(spec, "period_wrong_year", seed)
    got = set(_rules(tmp_path, _br_wrapped(render_html(planted.document), 30), "planted.html"))
    assert planted.expected <= got <= planted.expected | planted.allowed
