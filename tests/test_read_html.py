"""The HTML reader: report found inside a CMS page, tables flattened with true grid places,
source lines pointing at the <td>, furniture left out, hostile pages bounded."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from gaolint.read.base import Extracted, SourceLine, UnreadableFile  # noqa: E402
from gaolint.read.html import MAX_TABLE_CELLS, read_html, sniff_charset  # noqa: E402
from gaolint.read.xmlsafe import join_cell_lines  # noqa: E402
from tests.builder.blocks import Cell, Document, Heading, Paragraph, Table  # noqa: E402
from tests.builder.docx import cell_origins  # noqa: E402
from tests.builder.html import render_html  # noqa: E402

# --------------------------------------------------------------------------------------
# A hand-built report (used by the .docx tests too) and the oracle for flattened tables.

TABLE3_LEAVES = [
    ("（三）不予公开", ["1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”",
                  "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息",
                  "7.属于行政执法案卷", "8.属于行政查询事项"]),
    ("（四）无法提供", ["1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"]),
    ("（五）不予处理", ["1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物",
                  "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息"]),
    ("（六）其他处理", ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                  "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他"]),
]


def _numbers(row: int) -> tuple[Cell, ...]:
    """Seven distinct numbers per row, so any reordering shows."""
    return tuple(Cell(str(row * 100 + k)) for k in range(1, 8))


def table3() -> Table:
    rows: list[tuple[Cell, ...]] = [
        (Cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rowspan=3, colspan=3),
         Cell("申请人情况", colspan=7)),
        (Cell("自然人", rowspan=2), Cell("法人或其他组织", colspan=5), Cell("总计", rowspan=2)),
        tuple(Cell(t) for t in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")),
        (Cell("一、本年新收政府信息公开申请数量", colspan=3),) + _numbers(3),
        (Cell("二、上年结转政府信息公开申请数量", colspan=3),) + _numbers(4),
        (Cell("三、本年度办理结果", rowspan=22), Cell("（一）予以公开", colspan=2)) + _numbers(5),
        (Cell("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", colspan=2),) + _numbers(6),
    ]
    for group, leaves in TABLE3_LEAVES:
        for index, leaf in enumerate(leaves):
            head = (Cell(group, rowspan=len(leaves)),) if index == 0 else ()
            rows.append(head + (Cell(leaf),) + _numbers(len(rows)))
    rows.append((Cell("（七）总计", colspan=2),) + _numbers(len(rows)))
    rows.append((Cell("四、结转下年度继续办理", colspan=3),) + _numbers(len(rows)))
    return Table(tuple(rows), kind="table3")


def table2() -> Table:
    head = lambda text: (Cell(text, colspan=4),)  # noqa: E731
    return Table((
        head("第二十条第（一）项"),
        tuple(Cell(t) for t in ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数")),
        (Cell("规章"), Cell("0"), Cell("0"), Cell("12")),
        (Cell("行政规范性文件"), Cell("3"), Cell("1"), Cell("45")),
        head("第二十条第（五）项"),
        (Cell("信息内容"), Cell("本年处理决定数量", colspan=3)),
        (Cell("行政许可"), Cell("1024", colspan=3)),
        head("第二十条第（八）项"),
        (Cell("信息内容"), Cell("本年收费金额\n（单位：万元）", colspan=3)),
        (Cell("行政事业性收费"), Cell("12.5", colspan=3)),
    ), kind="table2")


def table4() -> Table:
    outcomes = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    return Table((
        (Cell("行政复议", colspan=5, rowspan=2), Cell("行政诉讼", colspan=10)),
        (Cell("未经复议直接起诉", colspan=5), Cell("复议后起诉", colspan=5)),
        tuple(Cell(t) for t in outcomes * 3),
        tuple(Cell(str(k)) for k in range(15)),
    ), kind="table4")


def handmade_document() -> Document:
    return Document([
        Heading("某某市2024年政府信息公开工作年度报告", level=0),
        Paragraph("本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和国务院办公厅政府信息与政务公开办公室"
                  "有关要求编制。本报告中所列数据的统计期限为2024年1月1日至2024年12月31日。"),
        Heading("一、总体情况"),
        Heading("（一）主动公开", level=2),
        Paragraph("全年主动公开政府信息1234条。\n联系电话 ABC 0571-87051234"),
        Heading("二、主动公开政府信息情况"),
        table2(),
        Heading("三、收到和处理政府信息公开申请情况"),
        table3(),
        Heading("四、政府信息公开行政复议、行政诉讼情况"),
        table4(),
        Heading("五、存在的主要问题及改进情况"),
        Paragraph("一是公开内容不够全面；二是解读形式较为单一。下一步将加强培训。"),
        Heading("六、其他需要报告的事项"),
        Paragraph("本年度未收取信息处理费。"),
        Paragraph("某某市人民政府办公室\n2025年1月20日"),
    ])


def expected_prose(document: Document) -> list[str]:
    lines = []
    for block in document.blocks:
        if isinstance(block, (Heading, Paragraph)):
            lines += [part.strip() for part in block.text.split("\n") if part.strip()]
    return lines


def expected_table(table: Table, number: int) -> list[tuple[str, str]]:
    """(text, place) lines the contract asks for: ``|`` per row, each drawn cell once at its
    true grid column, a closing ``|``."""
    out: list[tuple[str, str]] = []
    origins = cell_origins(table)
    for r in range(len(table.rows)):
        out.append(("|", f"第{number}个表格 第{r + 1}行"))
        for row, column, _, _, text in origins:
            if row == r:
                out.append((join_cell_lines(text.split("\n")), f"第{number}个表格 第{r + 1}行 第{column + 1}列"))
    out.append(("|", f"第{number}个表格"))
    return out


def tables_in(document: Document) -> list[Table]:
    return [block for block in document.blocks if isinstance(block, Table)]


def table_lines(extracted: Extracted, number: int) -> list[SourceLine]:
    prefix = f"第{number}个表格"
    return [line for line in extracted.lines if line.place == prefix or line.place.startswith(prefix + " ")]


def check_against_document(extracted: Extracted, document: Document) -> None:
    """Prose in order, every table exactly as the oracle flattens it."""
    prose = [line.text for line in extracted.lines if "个表格" not in line.place]
    assert prose == expected_prose(document)
    for number, table in enumerate(tables_in(document), start=1):
        got = [(line.text, line.place) for line in table_lines(extracted, number)]
        assert got == expected_table(table, number), f"table {number}"
    # Everything is prose or a table line: nothing else leaked in.
    assert len(extracted.lines) == len(prose) + sum(
        len(expected_table(t, n)) for n, t in enumerate(tables_in(document), start=1)
    )


def check_table3_rows(extracted: Extracted, number: int) -> None:
    """Each data row: ``|``, its label cell(s), seven numbers in order at columns 4..10."""
    lines = table_lines(extracted, number)
    rows: list[list[SourceLine]] = []
    for line in lines[:-1]:
        if line.text == "|":
            rows.append([])
        else:
            rows[-1].append(line)
    data_rows = [row for row in rows if row and row[-1].text.isdigit()]
    assert len(data_rows) == 25
    for row in data_rows:
        numbers = row[-7:]
        r = int(re.search(r"第(\d+)行", numbers[0].place).group(1))
        assert [n.text for n in numbers] == [str((r - 1) * 100 + k) for k in range(1, 8)]
        assert [n.place for n in numbers] == [f"第{number}个表格 第{r}行 第{c}列" for c in range(4, 11)]
        assert all(not label.text.isdigit() for label in row[:-7])
    by_label = {line.text: line for row in data_rows for line in row}
    assert by_label["1.属于国家秘密"].place == f"第{number}个表格 第8行 第3列"
    assert by_label["（三）不予公开"].place == f"第{number}个表格 第8行 第2列"
    assert by_label["2.重复申请"].place == f"第{number}个表格 第20行 第3列"
    assert by_label["四、结转下年度继续办理"].place == f"第{number}个表格 第28行 第1列"


# --------------------------------------------------------------------------------------


def test_handmade_page_prose_and_tables() -> None:
    document = handmade_document()
    extracted = read_html(render_html(document), "r.html")
    assert extracted.container == "html"
    check_against_document(extracted, document)
    check_table3_rows(extracted, 2)


def test_table3_row_shape_example() -> None:
    extracted = read_html(render_html(handmade_document()), "r.html")
    texts = [line.text for line in table_lines(extracted, 2)]
    at = texts.index("1.属于国家秘密")
    assert texts[at - 2: at + 8] == ["|", "（三）不予公开", "1.属于国家秘密"] + [str(700 + k) for k in range(1, 8)]
    assert texts[at + 8: at + 10] == ["|", "2.其他法律行政法规禁止公开"]


def test_cell_line_points_at_its_td() -> None:
    data = render_html(handmade_document())
    source = data.decode("utf-8").split("\n")
    extracted = read_html(data, "r.html")
    cells = [line for line in extracted.lines if "列" in line.place]
    assert cells
    for line in cells:
        src = source[line.line - 1]
        assert "<td" in src
        if line.text and "（单位" not in line.text:
            assert line.text in src.replace("&amp;", "&")


def test_prose_line_points_at_its_element() -> None:
    data = render_html(handmade_document())
    source = data.decode("utf-8").split("\n")
    extracted = read_html(data, "r.html")
    for line in extracted.lines:
        if not line.place:
            assert line.text[:10] in source[line.line - 1]


def test_gbk_page_decodes() -> None:
    document = handmade_document()
    data = render_html(document, encoding="gbk")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert sniff_charset(data) == "gb18030"
    extracted = read_html(data, "r.html")
    assert extracted.encoding == "gb18030"
    check_against_document(extracted, document)


@pytest.mark.parametrize("declared", ["unicode_escape", "raw_unicode_escape", "utf-7", "punycode", "idna", "utf-16", "zlib", "rot13", "x-bogus"])
def test_a_charset_no_browser_uses_is_ignored(declared: str) -> None:
    """A GBK page declaring a codec that turns any bytes into text (unicode_escape) must be
    read as a browser reads it, not as mojibake."""
    document = handmade_document()
    data = render_html(document, encoding="gbk").replace(b"charset=GBK", f"charset={declared}".encode(), 1)
    assert f"charset={declared}".encode() in data[:4096]
    assert sniff_charset(data) is None
    extracted = read_html(data, "r.html")
    assert extracted.encoding == "gb18030"
    check_against_document(extracted, document)


def test_big5_page_decodes() -> None:
    """Characters Big5 lacks are written as character references, as browsers do on save."""
    document = handmade_document()
    data = render_html(document, encoding="big5")
    extracted = read_html(data, "r.html")
    assert extracted.encoding == "big5"
    check_against_document(extracted, document)


def test_furniture_left_out() -> None:
    extracted = read_html(render_html(handmade_document()), "r.html")
    text = "\n".join(line.text for line in extracted.lines)
    for junk in ("首页", "政务服务", "当前位置", "siteName", "公网安备", "ICP", "网站标识码", "主办",
                 "分享到", "相关报告", "2023年", "发布时间", "浏览次数", "访问量", "微信"):
        assert junk not in text, junk


def test_title_inside_content_not_duplicated() -> None:
    document = handmade_document()
    extracted = read_html(render_html(document, title_outside=False), "r.html")
    check_against_document(extracted, document)


def test_suppression_comments() -> None:
    page = """<html><head><!-- gaolint: disable=GAO501 --></head><body>
<div id="content">
<!-- gaolint: disable=GAO401 -->
<h1>某某局2024年政府信息公开工作年度报告</h1>
<p>一、总体情况</p>
<p>本机关认真贯彻落实《条例》，全年主动公开政府信息一百二十条，办理依申请公开三十件。</p>
<!-- gaolint: disable=GAO107 -->
<p>五、存在的主要问题及改进情况</p>
<!-- gaolint: disable-next-line=GAO303 -->
<p>无</p>
</div></body></html>""".encode()
    extracted = read_html(page, "r.html")
    assert extracted.suppressions == [
        (1, "file", ("GAO501",)),
        (3, "file", ("GAO401",)),
        (7, "next-block", ("GAO107",)),
        (9, "next-line", ("GAO303",)),
    ]
    assert [line.text for line in extracted.lines][:2] == ["某某局2024年政府信息公开工作年度报告", "一、总体情况"]


def test_report_split_over_sibling_divs_is_kept_whole() -> None:
    """Sections 一–四 in one wrapper holding most text, 五–六 in a sibling: both kept;
    an unnamed footer div next to them is not."""
    filler = "本机关认真贯彻落实政府信息公开条例，持续深化政务公开工作，不断提升公开质量和实效。" * 6
    page = f"""<html><body>
<div class="wrap">
<div class="part-a"><p>一、总体情况</p><p>{filler}</p><p>二、主动公开政府信息情况</p><p>{filler}</p>
<p>三、收到和处理政府信息公开申请情况</p><p>{filler}</p><p>四、行政复议行政诉讼</p><p>{filler}</p></div>
<div class="part-b"><p>五、存在的主要问题及改进情况</p><p>问题不少。</p><p>六、其他需要报告的事项</p><p>本年度未收取信息处理费。</p></div>
</div>
<div class="bottom"><p>某某市人民政府 版权所有</p><p>地址：某某路1号 电话：0571-88888888</p></div>
</body></html>""".encode()
    texts = [line.text for line in read_html(page, "r.html").lines]
    assert "六、其他需要报告的事项" in texts and "本年度未收取信息处理费。" in texts
    assert not any("版权所有" in t or "88888888" in t for t in texts)


def _word_wrapped_page(rows: int) -> bytes:
    """An old page exported from Word: the whole report's paragraphs inside one ``<P><SPAN>``
    (the parser nests them there), the statistics table beside that wrapper, and the CMS's
    source line, version tabs and QR caption around it (the shape of a real 2011 page)."""
    paragraph = "<P><SPAN>{}</SPAN></P>"
    prose = "本年度本区认真贯彻政府信息公开条例，不断完善工作机制，拓展公开渠道，规范办理流程，为公众提供及时服务。"
    body = "".join(paragraph.format(text) for text in (
        "本报告由青禾新区管委会编制，统计期限自2011年1月1日起至2011年12月31日。联系电话：0591-2345678。",
        "一、概述", prose * 2, "二、主动公开政府信息情况", prose, "三、依申请公开政府信息情况", "本年度未收到申请。"))
    cells = "".join(f"<TR><TD>第{i}项指标</TD><TD>条</TD><TD>{i * 7}</TD></TR>" for i in range(1, rows + 1))
    return f"""<html><body>
<div class="top"><span>来源：青禾新区管委会办公室</span><span>时间：2012-04-11</span></div>
<div class="tabs"><a href="#">全真版</a><a href="#">文字版</a></div>
<div class="article">
<P><SPAN>{body}</SPAN></P>
<DIV align=center><TABLE border=1><TR><TD>指标名称</TD><TD>计量单位</TD><TD>本年度</TD></TR>{cells}</TABLE></DIV>
</div>
<div class="qr"><p>扫一扫在手机上查看当前页面</p></div>
<div class="rel"><p>文字解读</p><p>图片解读</p></div>
</body></html>""".encode()


def test_a_report_wrapped_by_word_in_one_span_keeps_its_table_and_leaves_the_chrome() -> None:
    """The text's element (the wrapping ``<SPAN>``) misses the one marker, the statistics
    table: the report is what holds both, not the whole page with its source line and tabs."""
    texts = [line.text for line in read_html(_word_wrapped_page(8), "r.html").lines]
    assert texts[0].startswith("本报告由青禾新区管委会编制") and "一、概述" in texts
    assert "第8项指标" in texts and "56" in texts
    assert not any(chrome in text for text in texts for chrome in ("来源：", "全真版", "扫一扫", "图片解读"))


def test_paragraphs_after_a_word_wrapper_are_still_the_report() -> None:
    """Sections after the ``<P><SPAN>`` that wraps most of the report, as paragraphs of their
    own: the wrapper adds nothing, and the search for the report's siblings goes on above it."""
    page = _word_wrapped_page(0).decode("utf-8").replace(
        "</SPAN></P>\n<DIV", "</SPAN></P>\n<P>四、存在的主要问题及改进情况</P><P>个别栏目更新不够及时，明年加强督促检查。</P>\n<DIV")
    texts = [line.text for line in read_html(page.encode("utf-8"), "r.html").lines]
    assert "一、概述" in texts and "四、存在的主要问题及改进情况" in texts
    assert not any(chrome in text for text in texts for chrome in ("来源：", "全真版", "扫一扫", "图片解读"))


def test_layout_table_around_report() -> None:
    """Old portals lay the page out with tables; the report table inside stays a table."""
    document = handmade_document()
    inner = render_html(document, title_outside=False).decode("utf-8")
    start, end = inner.index('<div id="zoom"'), inner.index('<div class="share-box">')
    page = ("<html><body><table width='100%'><tr><td class='left'><a href='/'>首页</a><br><a href='/x'>机构</a></td>"
            f"<td class='right'>{inner[start:end]}</td></tr></table></body></html>").encode()
    extracted = read_html(page, "r.html")
    check_table3_rows(extracted, 2)


def test_cjk_source_wrap_joins_without_space_but_latin_keeps_space() -> None:
    page = "<html><body><p>本机关全年\n  主动公开信息\nABC\ndef 12</p><table><tr><td>a<br>b</td><td>本年<br>收费</td><td>1</td><td>2</td><td>3</td><td>4</td></tr></table></body></html>"
    lines = [line.text for line in read_html(page.encode(), "r.html").lines]
    assert lines[0] == "本机关全年主动公开信息 ABC def 12"
    assert lines[1:4] == ["|", "a b", "本年收费"]


def test_br_splits_prose_lines_and_empty_cells_are_kept() -> None:
    page = "<html><body><p>第一行<br>第二行</p><table><tr><td>甲</td><td>&nbsp;</td><td></td><td>1</td><td>2</td><td>3</td><td>4</td></tr></table></body></html>"
    lines = read_html(page.encode(), "r.html").lines
    assert [line.text for line in lines][:2] == ["第一行", "第二行"]
    assert [line.text for line in lines][2:6] == ["|", "甲", "", ""]
    assert lines[4].place == "第1个表格 第1行 第2列"


def test_utf8_bom_and_crlf() -> None:
    page = "\ufeff<html>\r\n<body>\r\n<p>一、总体情况</p>\r\n<p>本年度未收取信息处理费。</p>\r\n</body></html>".encode("utf-8")
    lines = read_html(page, "r.html").lines
    assert [(line.text, line.line) for line in lines] == [("一、总体情况", 3), ("本年度未收取信息处理费。", 4)]


def test_empty_page() -> None:
    assert read_html(b"", "r.html").lines == []
    assert read_html(b"<html><body></body></html>", "r.html").lines == []


# -- random merge layouts: any rectangle tiling must flatten exactly as the oracle says ------

_CELL_TEXT = st.text(alphabet="政府信息公开0123456789abcXYZ.&<（）：\n", max_size=8)


@st.composite
def tables(draw: st.DrawFn, max_rows: int = 6, max_columns: int = 6) -> Table:
    """A table whose cells tile an R×C grid with random rectangles (rowspan/colspan)."""
    height = draw(st.integers(1, max_rows))
    width = draw(st.integers(1, max_columns))
    taken: set[tuple[int, int]] = set()
    rows: list[list[Cell]] = [[] for _ in range(height)]
    for r in range(height):
        for c in range(width):
            if (r, c) in taken:
                continue
            free = 1
            while c + free < width and (r, c + free) not in taken:
                free += 1
            colspan = draw(st.integers(1, free))
            rowspan = draw(st.integers(1, height - r))
            while any((r + dr, c + dc) in taken for dr in range(rowspan) for dc in range(colspan)):
                rowspan -= 1
            taken.update((r + dr, c + dc) for dr in range(rowspan) for dc in range(colspan))
            rows[r].append(Cell(draw(_CELL_TEXT), rowspan=rowspan, colspan=colspan))
    return Table(tuple(tuple(row) for row in rows))


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(table=tables())
def test_random_merge_layouts(table: Table) -> None:
    document = with_table(table)
    check_against_document(read_html(render_html(document), "r.html"), document)


def with_table(table: Table) -> Document:
    """The handmade report with one more table before section 五."""
    blocks = handmade_document().blocks
    at = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text.startswith("五"))
    return Document(blocks[:at] + [table] + blocks[at:])


def test_short_report_on_a_busy_page() -> None:
    """A report much smaller than the page furniture around it still comes out alone."""
    document = Document([Heading("某局2024年政府信息公开工作年度报告", 0), Heading("一、总体情况"),
                         Paragraph("无。"), Heading("二、主动公开政府信息情况"), table2(), Paragraph("完")])
    page = render_html(document).decode("utf-8")
    menu = "".join(f"<li>栏目名称{i}政务公开专题</li>" for i in range(40))
    page = page.replace('<div class="main">', f'<div class="main"><div class="left"><ul>{menu}</ul></div>')
    check_against_document(read_html(page.encode("utf-8"), "r.html"), document)


# -- generated documents, once the document builder exists -------------------------------


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 7, 42])
def test_generated_documents(seed: int) -> None:
    document_module = pytest.importorskip("tests.builder.document")
    spec_module = pytest.importorskip("tests.builder.spec")
    document = document_module.build_document(spec_module.sample_spec(seed))
    for encoding in ("utf-8", "gbk"):
        extracted = read_html(render_html(document, encoding=encoding), "r.html")
        check_against_document(extracted, document)


# -- hostile pages: each must raise UnreadableFile or return; all are bounded by construction


def _read_or_unreadable(data: bytes) -> Extracted | None:
    try:
        return read_html(data, "hostile.html")
    except UnreadableFile:
        return None


def test_billion_laughs() -> None:
    entities = "".join(f'<!ENTITY a{i} "{("&a%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    page = f'<?xml version="1.0"?>\n<!DOCTYPE html [\n<!ENTITY a0 "lol">\n{entities}\n]>\n<html><body><p>&a9;</p><p>一、总体情况</p></body></html>'
    extracted = read_html(page.encode(), "x.html")
    assert sum(len(line.text) for line in extracted.lines) < 1000
    assert extracted.lines[-1] == SourceLine("一、总体情况", 6)


def test_very_long_line() -> None:
    page = "<html><body><p>" + "政" * 200_000 + "</p><p>一、总体情况</p></body></html>"
    extracted = read_html(page.encode(), "x.html")
    assert len(extracted.lines[0].text) <= 20_000
    assert extracted.damage
    assert extracted.lines[-1].text == "一、总体情况"


def _text_size(extracted: Extracted) -> int:
    return sum(len(line.text) for line in extracted.lines)


def test_random_bytes() -> None:
    rng = random.Random(1234)
    for _ in range(20):
        data = bytes(rng.getrandbits(8) for _ in range(rng.randrange(1, 5000)))
        extracted = _read_or_unreadable(data)
        # a decoder never makes more characters than it was given bytes
        assert extracted is None or _text_size(extracted) <= len(data)


def test_binary_is_unreadable() -> None:
    with pytest.raises(UnreadableFile):
        read_html(b"\x00\x01\x02\x03\xff\xfe\x00\x00" * 500 + bytes(range(256)) * 10, "x.html")


def test_deep_nesting_and_absurd_spans() -> None:
    deep = "<div>" * 50_000 + "一、总体情况" + "</div>" * 50_000
    nested = _read_or_unreadable(deep.encode())
    assert nested is None or _text_size(nested) <= len("一、总体情况")  # no text invented by the nesting
    spans = "<table>" + "<tr>" + '<td colspan="99999" rowspan="99999">1</td>' * 200 + "</tr>" * 300 + "</table>"
    extracted = _read_or_unreadable(("<html><body><p>一、总体情况</p>" + spans + "</body></html>").encode())
    assert extracted is not None
    assert extracted.lines[0].text == "一、总体情况"
    # 200 one-digit cells and 300 rows: spans are clamped (MAX_SPAN), never expanded into 10^10 cells
    assert len(extracted.lines) <= 1 + 200 + 300
    assert _text_size(extracted) <= len("一、总体情况") + 200 + 300


def test_many_cells_refused_or_bounded() -> None:
    page = "<table>" + ("<tr>" + "<td>1</td>" * 50 + "</tr>") * 5000 + "</table>"
    try:
        extracted = read_html(page.encode(), "cells.html")
    except UnreadableFile as refused:
        assert "too complex" in str(refused)  # refused for its size, saying so
    else:
        cells = [line for line in extracted.lines if line.text == "1"]
        assert len(cells) <= MAX_TABLE_CELLS  # or read only as far as the cell bound


class _CountingPattern:
    """Stands in for a compiled pattern and counts its matches."""

    def __init__(self, pattern: re.Pattern) -> None:
        self.pattern = pattern
        self.calls = 0

    def match(self, text: str):
        self.calls += 1
        return self.pattern.match(text)


@pytest.mark.parametrize("numbers", [False, True])
def test_nested_tables_are_read_cell_by_cell_not_level_by_level(monkeypatch, numbers: bool) -> None:
    """Whether an element holds a number table is worked out in one pass over the cells; asked
    table by table it re-read every nested table once per level (cubic: a 600 KB page of
    tables nested 100 deep took 4 s)."""
    import gaolint.read.html as html_module

    depth, copies = 60, 20
    opening = "<table><tr><td>1</td><td>2</td><td>3</td><td>4</td><td>" if numbers else "<table><tr><td>"
    nest = opening * depth + "说明文字" + "</td></tr></table>" * depth
    page = "<html><body><p>一、总体情况</p>" + nest * copies + "</body></html>"
    cells = page.count("<td>")
    counter = _CountingPattern(html_module._NUMBER_CELL)
    monkeypatch.setattr(html_module, "_NUMBER_CELL", counter)
    read_html(page.encode("utf-8"), "nested.html")
    assert 0 < counter.calls <= 3 * cells  # three passes (two rounds of dropping, choosing)


# -- the cell fast path (issue 15 item 2) gives the walk's lines -----------------------------

from hypothesis import given as _given, settings as _settings, strategies as _st  # noqa: E402

_PIECES = _st.sampled_from(["", " ", "\n", "\u3000", "12", "申请", " 3 4 ", "\n公开\n", "\xa0", "a\nb"])
_TAGS = _st.sampled_from(["p", "span", "div", "b", "font", "br", "pre", "img", "td"])


@_st.composite
def _cells(draw):
    def element(depth: int) -> str:
        tag = draw(_TAGS)
        if tag in ("br", "img"):
            return f"<{tag}>{draw(_PIECES)}"
        inner = "".join(element(depth + 1) + draw(_PIECES) for _ in range(draw(_st.integers(0, 2 if depth < 2 else 0))))
        return f"<{tag}>{draw(_PIECES)}{inner}</{tag}>"
    body = "".join(element(1) + draw(_PIECES) for _ in range(draw(_st.integers(0, 3))))
    return f"<table><tr><td>{draw(_PIECES)}{body}</td></tr></table>"


@_settings(max_examples=300, deadline=None)
@_given(html=_cells())
def test_cell_fast_path_matches_the_walk(html: str) -> None:
    from lxml import etree

    from gaolint.read import html as reader

    root = etree.fromstring(f"<html><body>{html}</body></html>", etree.HTMLParser())
    for cell in root.iter("td"):
        fast = reader._simple_cell_lines(cell)
        walker = reader._Walker(None, table_mode=False)
        walker.run(cell)
        assert fast is None or fast == [text for text, _, _ in walker.collected]


@pytest.mark.parametrize("reference", ["&#1;", "&#12;", "&#x1F;", "&#8;"])
def test_a_control_character_reference_beside_a_dropped_script_keeps_the_text(reference):
    """libxml2 reads such references as C0 controls, which lxml refuses to set when the
    script's tail joins the text before it: the page was refused (GAO001), and a first fix
    lost the text before the script (lxml clears it before it refuses)."""
    page = ("<html><body><div><p>本机关全年主动公开政府信息。</p>"
            f"<p>前文<b>粗体</b>中间<script>var a = 1;</script>{reference}二百条。</p></div></body></html>")
    lines = [line.text for line in read_html(page.encode("utf-8"), "x.html").lines]
    assert lines == ["本机关全年主动公开政府信息。", "前文粗体中间 二百条。"]


def test_a_picture_is_placed_before_the_line_that_follows_it_once_furniture_is_gone():
    from gaolint.read.html import read_html

    page = ("<html><body><div><h1>青禾县2024年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>正文。</p>"
            "<p><img src='a.png'></p><p>分享到：微信 微博</p><p>二、主动公开政府信息情况</p>"
            "<p>正文<img src='b.png' width='400'>之中。</p><p><img src='icon.gif' width='12'></p></div></body></html>")
    extracted = read_html(page.encode("utf-8"), "p.html")
    texts = [line.text for line in extracted.lines]
    assert "分享到:微信 微博" not in texts and "分享到：微信 微博" not in texts
    assert [texts[index] for index in extracted.images] == ["二、主动公开政府信息情况", "正文之中。"]


def test_reflow_moves_picture_marks_with_the_lines_it_cuts():
    from gaolint.formats import load_formats
    from gaolint.model import Line, Location
    from gaolint.parse.reflow import reflow

    long = "开头的说明文字。" * 20 + "一、总体情况 本年度工作情况良好。" + "二、主动公开政府信息情况 全年主动公开信息100条。" * 3
    lines = [Line(0, "标题", Location(1), "标题"), Line(1, long, Location(2), long), Line(2, "结尾", Location(3), "结尾")]
    marks = [1, 2, 3]
    out = reflow(lines, list(load_formats().values()), marks)
    assert len(out) > 3
    assert out[marks[0]].text.startswith("开头") and out[marks[1]].text == "结尾" and marks[2] == len(out)


def test_pictures_are_placed_for_the_first_thousand_only():
    """A page of 20,000 pictures, each before a furniture line that is dropped: the places are
    worked out in one pass, for the first MAX_PICTURES (a report has a few)."""
    from gaolint.read.html import read_html
    from gaolint.read.limits import MAX_PICTURES

    page = ("<html><body><div><h1>青禾县2024年政府信息公开工作年度报告</h1>"
            + "<p><img src='a.png'></p><p>分享到：微信</p>" * 20_000 + "<p>结尾。</p></div></body></html>")
    extracted = read_html(page.encode("utf-8"), "p.html")
    assert len(extracted.images) == MAX_PICTURES
    assert {extracted.lines[index].text for index in extracted.images} == {"结尾。"}


# --- a page whose text lines share one source line (session 10) ------------------------------

_ONE_SOURCE_LINE_REPORT = [
    "青禾县农业农村局2016年政府信息公开工作年度报告",
    "本报告统计期限为2016年1月1日至2016年12月31日。如对本报告有疑问，请与青禾县农业农村局办公室联系（电话：57001234）。",
    "一、概述", "2016年，我局认真贯彻《条例》，全年主动公开政府信息120条。",
    "二、主动公开政府信息情况", "全年通过门户网站主动公开政府信息120条。",
    "三、依申请公开和不予公开政府信息情况",
    "全年收到政府信息公开申请3件，均已按期答复，未发生因政府信息公开申请提起的行政复议和行政诉讼。",
    "四、收费及减免情况", "本年度未收取任何费用，无减免情况。",
    "五、存在的主要问题及改进措施", "公开内容还不够丰富，下一步将加强培训，提高公开质量。",
]


@pytest.mark.parametrize("joiner", ["\n", "", "<br>"])
def test_a_page_written_on_one_source_line_reads_as_the_page_written_on_many(tmp_path, joiner):
    """CMS pages are often minified or print the article on one line, and <br> parts lines of one
    paragraph: many text lines then share a source line. The bare telephone 57001234 was looked
    up in the first of them and dropped as a glued table row (a false GAO501), and the report's
    body was taken to be empty after its title's line, so a 2008-format topic said in running
    text went unseen (a false GAO101)."""
    from gaolint.engine import Settings, lint_file

    if joiner == "<br>":
        body = "<p>" + "<br>".join(_ONE_SOURCE_LINE_REPORT) + "</p>"
    else:
        body = joiner.join(f"<p>{text}</p>" for text in _ONE_SOURCE_LINE_REPORT)
    page = tmp_path / "p.html"
    page.write_text(f"<html><head><meta charset='utf-8'></head><body>{joiner}<div class='article_content'>"
                    f"{body}</div></body></html>", encoding="utf-8")
    assert [f.rule for f in lint_file(str(page), Settings()).findings] == []


def _government_page(head_title: str, h1: str, after: str = "") -> str:
    body = "".join(f"<p>{text}</p>" for text in [
        "本报告所列数据统计期限为2024年1月1日至2024年12月31日。如有疑问，请联系青禾县人民政府办公室（电话：0598-5123456）。",
        "一、总体情况", "2024年，全县主动公开政府信息560条，办理依申请公开12件。",
        "五、存在的主要问题及改进情况", "主要问题是公开内容不够细化，下一步将加强培训。",
        "六、其他需要报告的事项", "本年度未收取信息处理费。"])
    return (f"<html><head><meta charset='utf-8'><title>{head_title}</title></head><body>"
            f"<div class='header'><h1>{h1}</h1></div><div class='article_content'>{body}</div>{after}</body></html>")


@pytest.mark.parametrize("head_title", ["青禾县人民政府2024年政府信息公开工作年度报告_青禾县人民政府门户网站",
                                        "青禾县人民政府2024年政府信息公开工作年度报告 - 青禾县人民政府",
                                        "青禾县人民政府2024年政府信息公开工作年度报告"])
def test_a_title_only_in_the_head_is_the_reports(tmp_path, head_title):
    """A page whose <h1> holds the site's name and whose body never states the title: the title
    is the <title>'s, its site's name cut off. Without it the report had no agency, and a
    people's government's missing accountability results (GAO108) went unreported."""
    from gaolint.engine import Settings, lint_file, read_report

    page = tmp_path / "p.html"
    page.write_text(_government_page(head_title, "青禾县人民政府门户网站"), encoding="utf-8")
    report = read_report(str(page), str(page))[0]
    assert (report.title, report.agency) == ("青禾县人民政府2024年政府信息公开工作年度报告", "青禾县人民政府")
    assert "GAO108" in {f.rule for f in lint_file(str(page), Settings()).findings}
    page.write_text(_government_page("青禾县人民政府门户网站", "青禾县人民政府门户网站"), encoding="utf-8")
    assert read_report(str(page), str(page))[0].title == ""


def test_a_list_of_related_reports_beside_the_report_is_not_read(tmp_path):
    """A "相关报告" list after the article, each item a link and a one-sentence summary of
    another year's report: it is the site's furniture. Read with the report, its summary's
    period (2015) stood for the report's own, which states none (GAO202 and GAO203 instead of
    GAO201)."""
    from gaolint.engine import Settings, lint_file

    related = ("<div class='list-related'><h3>相关报告</h3><ul><li><a href='#'>青禾县人民政府2015年政府信息公开工作年度报告</a>"
               "<p>本报告所列数据统计期限为2015年1月1日至2015年12月31日。</p></li></ul></div>")
    page = tmp_path / "p.html"
    text = _government_page("青禾县人民政府2024年政府信息公开工作年度报告", "青禾县人民政府2024年政府信息公开工作年度报告", related)
    page.write_text(text.replace("本报告所列数据统计期限为2024年1月1日至2024年12月31日。", ""), encoding="utf-8")
    rules = {f.rule for f in lint_file(str(page), Settings()).findings}
    assert "GAO201" in rules and not rules & {"GAO202", "GAO203"}
