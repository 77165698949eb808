"""Numbers a browser draws before ``<ol>`` items (gaolint/read/html_lists.py): a page whose
headings are list items — LibreOffice's web page of a Word report whose headings Word numbered,
or a CMS editor's list button — shows 1. 2. … or 一、二、… that are not in its text."""

from __future__ import annotations


import pytest

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
