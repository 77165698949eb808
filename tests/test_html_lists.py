"""Numbers a browser draws before ``<ol>`` items (gaolint/read/html_lists.py): a page whose
headings are list items — LibreOffice's web page of a Word report whose headings Word numbered,
or a CMS editor's list button — shows 1. 2. … or 一、二、… that are not in its text."""

from __future__ import annotations


import pytest

from gaolint.engine import Settings, lint_file, read_report
from gaolint.read.html import read_html
from tests.builder.defects import clean_or_planted
from tests.builder.html import render_html
from tests.findings import findings_apart_from_places


def _lines(body: str) -> list[str]:
    page = f"<html><head><meta charset='utf-8'></head><body><div id='zoom'>{body}</div></body></html>"
    return [line.text for line in read_html(page.encode("utf-8"), "x.html").lines]


def test_markers_follow_the_list_as_a_browser_draws_it():
    assert _lines("<ol><li>甲</li><li>乙</li></ol>") == ["1. 甲", "2. 乙"]
    assert _lines('<ol start="3" type="a"><li>甲</li><li value="7">乙</li><li>丙</li></ol>') == ["c. 甲", "g. 乙", "h. 丙"]
    assert _lines('<ol style="list-style-type: cjk-ideographic"><li>总体情况</li><li>主动公开</li></ol>') == ["一、总体情况", "二、主动公开"]
    assert _lines("<ol reversed><li>甲</li><li>乙</li><li>丙</li></ol>") == ["3. 甲", "2. 乙", "1. 丙"]
    assert _lines('<ol type="I"><li style="list-style: none">甲</li><li>乙</li></ol>') == ["甲", "II. 乙"]
    assert _lines("<ol><li><h1>标题</h1><p>正文</p></li></ol>") == ["1. 标题", "正文"]
    assert _lines("<p>本机关全年公开信息如下。</p><ul><li>政策文件</li><li>解读材料</li></ul>") == [
        "本机关全年公开信息如下。", "政策文件", "解读材料"]


def test_an_item_with_its_own_number_gets_no_marker():
    """Site style sheets hide list markers (``ol, li { list-style: none }``) on pages whose items
    carry typed numbers: those are what a reader sees, and a marker would hide the heading."""
    assert _lines("<ol><li>一、总体情况</li><li>（二）主动公开</li><li>3. 其他</li><li>第四部分 附则</li></ol>") == [
        "一、总体情况", "（二）主动公开", "3. 其他", "第四部分 附则"]
    assert _lines("<ol><li>2023年主动公开</li></ol>") == ["1. 2023年主动公开"]


def test_absurd_list_numbers_stay_short():
    """A start value from the page is a number, not a length: 10¹¹ in letters would be a
    string of billions of letters."""
    assert _lines('<ol type="A" start="100000000000"><li>甲</li></ol>') == ["100000000000. 甲"]
    assert _lines('<ol start="1e9999" type="i"><li>甲</li></ol>') == ["i. 甲"]


def test_an_empty_item_lends_its_number_to_nothing():
    assert _lines("<ol><li></li><li>乙</li></ol><p>正文</p>") == ["2. 乙", "正文"]
    assert _lines("<ol><li><img src='x.png'></li></ol><p>本年度工作情况如下。</p>") == ["本年度工作情况如下。"]


def test_nested_lists_count_on_their_own():
    assert _lines("<ol><li>甲<ol><li>子</li><li>丑</li></ol></li><li>乙</li></ol>") == ["1. 甲", "1. 子", "2. 丑", "2. 乙"]


@pytest.mark.parametrize("style", ["nested", "cjk"])
@pytest.mark.parametrize("seed", [2, 5])
def test_a_page_whose_headings_are_list_items_reads_as_the_typed_page(tmp_path, style, seed):
    document = clean_or_planted(seed)
    typed, listed = tmp_path / "typed.html", tmp_path / "listed.html"
    typed.write_bytes(render_html(document))
    listed.write_bytes(render_html(document, list_headings=style))
    assert "<h2>总体情况</h2>" in listed.read_text(encoding="utf-8")
    assert findings_apart_from_places(listed) == findings_apart_from_places(typed)


def test_typed_headings_inside_list_items_read_as_typed(tmp_path):
    """A page that wraps its typed headings (一、总体情况) in ``<ol><li>``, its style sheet hiding
    the markers: the headings keep their own numbers."""
    document = clean_or_planted(4)
    typed, listed = tmp_path / "typed.html", tmp_path / "listed.html"
    page = render_html(document)
    typed.write_bytes(page)
    text = page.decode("utf-8").replace("<h2>", "<ol><li><h2>").replace("</h2>", "</h2></li></ol>")
    text = text.replace("</style>", " ol, ul, li { list-style: none; }</style>", 1)
    assert "<ol><li><h2>一、总体情况" in text
    listed.write_bytes(text.encode("utf-8"))
    assert findings_apart_from_places(listed) == findings_apart_from_places(typed)


def _without_section(seed: int, numeral: str):
    """A builder report with section ``numeral`` (and its content) taken out, as
    ``missing_section`` plants it."""
    from tests.builder import build_document, sample_spec
    from tests.builder.document import Document, Heading

    document = build_document(sample_spec(seed))
    blocks = list(document.blocks)
    start = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.level == 1 and b.text.startswith(numeral))
    end = next((i for i, b in enumerate(blocks) if i > start and isinstance(b, Heading) and b.level == 1), len(blocks))
    return Document(blocks=blocks[:start] + blocks[end:])


@pytest.mark.parametrize("seed", [3, 6])
def test_a_nested_list_sub_heading_is_no_stand_in_for_a_missing_section(tmp_path, seed):
    """LibreOffice writes both heading levels as ``<ol>`` items, so a browser draws 1. 总体情况 and,
    under it, 1. 主动公开. With section 二 gone, the sub-heading 主动公开 named section 二 by its
    words and the report's missing section went unreported."""
    page = tmp_path / "listed.html"
    page.write_bytes(render_html(_without_section(seed, "二"), list_headings="nested"))
    assert "<li><p><strong>主动公开</strong></p>" in page.read_text(encoding="utf-8")
    got = {f.rule for f in lint_file(str(page), Settings()).findings}
    assert "GAO101" in got


def test_copied_text_numbered_1_2_at_both_levels(tmp_path):
    """The same shape as text copied from such a page: a number that goes back (1. under 1.) opens
    a sub-heading. A heading that holds its section's whole title is its section even numbered
    wrong, and a report with every section present reads clean of GAO101."""
    head = "青禾县人民政府2024年政府信息公开工作年度报告\n本报告统计期限为2024年1月1日至2024年12月31日。\n"
    body = ("1. 总体情况\n1. 主动公开\n全年主动公开信息120条。\n2. 依申请公开\n全年收到申请3件。\n"
            "3. 收到和处理政府信息公开申请情况\n本年度收到申请3件。\n4. 政府信息公开行政复议、行政诉讼情况\n无。\n"
            "5. 存在的主要问题及改进情况\n培训不足，下一步加强培训。\n6. 其他需要报告的事项\n本年度未收取信息处理费。\n")
    report = tmp_path / "r.txt"
    report.write_text(head + body, encoding="utf-8")
    keys = [s.key for s in read_report(str(report), str(report))[0].sections]
    assert keys == ["overview", "requests", "review", "problems", "other"]
    report.write_text(head + body.replace("1. 主动公开\n全年", "1. 主动公开政府信息情况\n全年"), encoding="utf-8")
    keys = [s.key for s in read_report(str(report), str(report))[0].sections]
    assert keys[:2] == ["overview", "active"]
