"""Reports that differ from the test builder's the way published ones do (bench/variants.py
finds them): each test takes a builder report, changes it as a real report is written, and
checks that a clean one stays clean and a defect is still found. The changes are written here
in our own words; ../shared/corpus is read only by tests/test_corpus.py.
"""

from __future__ import annotations

import re

import pytest

from gaolint import api
from tests.builder import build_document, plant, render_text, sample_spec, to_traditional

SETTINGS = api.Settings()


def _rules(text: str, name: str = "report.txt") -> list[str]:
    return sorted(f.rule for f in api.lint_bytes(text.encode("utf-8"), name, SETTINGS).findings)


# --- Traditional characters --------------------------------------------------------------------

def _section5_empty(seed: int) -> str:
    spec = sample_spec(seed, version="cn-2021")
    return render_text(plant(spec, "section5_empty", seed).document, "pipe")


@pytest.mark.parametrize("seed", [0, 3])
def test_an_empty_section_in_traditional_characters_is_found(seed):
    # 五、存在的主要問題及改進情況 / 暫無。: the line 暫無。 holds none of the characters that
    # used to tell a Traditional line (報, 開, 數 …), so it stayed 暫無 and was not 暂无.
    text = to_traditional(_section5_empty(seed))
    assert "暫無" in text or "無。" in text
    assert "GAO107" in _rules(text)


@pytest.mark.parametrize("seed", range(4))
def test_a_clean_report_in_traditional_characters_stays_clean(seed):
    text = to_traditional(render_text(build_document(sample_spec(seed)), "pipe"))
    assert _rules(text) == []


@pytest.mark.parametrize("seed", range(3))
def test_a_web_page_in_traditional_characters_keeps_its_title_and_year(seed):
    """The HTML reader looks for the page's title before OpenCC converts the lines: 年度報告
    must count as 年度报告, or the year comes from the period and a wrong period is GAO204
    (late publication) instead of GAO202."""
    from tests.builder.html import render_html

    spec = sample_spec(seed, version="cn-2021")
    page = render_html(build_document(spec))
    page = page.decode("utf-8") if isinstance(page, bytes) else page
    assert _rules(to_traditional(page), "page.html") == []
    planted = plant(spec, "period_wrong_year", seed)
    page = render_html(planted.document)
    page = page.decode("utf-8") if isinstance(page, bytes) else page
    got = set(_rules(to_traditional(page), "page.html"))
    assert planted.expected <= got <= planted.expected | planted.allowed


# --- a table continued on the next page ---------------------------------------------------------

def _continued(text: str, mark: str) -> str:
    """Table 3 broken before （四）无法提供 by a page number and a repeated title, as text copied
    from a PDF whose table runs over a page break."""
    lines = text.split("\n")
    head = next(i for i, s in enumerate(lines) if s.startswith("三、") and "申请" in s)
    cut = next(i for i in range(head, len(lines)) if lines[i][1:].startswith("四)无法提供") or lines[i][1:].startswith("四）无法提供"))
    return "\n".join(lines[:cut] + ["- 4 -", mark.format(title=lines[head])] + lines[cut:])


@pytest.mark.parametrize("mark", ["{title}（续表）", "{title}(续)", "续表", "{title}续表"])
@pytest.mark.parametrize("seed", [0, 3, 5])
def test_a_section_title_repeated_above_a_continued_table_is_not_a_second_section(seed, mark):
    text = render_text(build_document(sample_spec(seed, version="cn-2021")), "pipe")
    assert _rules(_continued(text, mark)) == []


@pytest.mark.parametrize("seed", [0, 3])
def test_a_changed_cell_below_a_continued_title_is_still_found(seed):
    spec = sample_spec(seed, version="cn-2021")
    planted = plant(spec, "table3_leaf_changed", seed)
    got = set(_rules(_continued(render_text(planted.document, "pipe"), "{title}（续表）")))
    assert planted.expected <= got
    assert got <= planted.expected | planted.allowed


# --- a page whose every cell was a paragraph, copied with a blank line after each ---------------

@pytest.mark.parametrize("seed", [0, 1, 4])
def test_one_cell_a_line_double_spaced_reads_as_without_the_blank_lines(seed):
    # 自然人 |, 7 |, 3 |, … one cell a line, a lone | before each row, and a blank line after
    # every line: the blank lines were read as empty cells (13 cells in a row of 7: GAO105).
    text = render_text(build_document(sample_spec(seed)), "cells")
    assert _rules("\n\n".join(text.split("\n"))) == []


def test_a_changed_cell_in_a_double_spaced_table_is_still_found():
    spec = sample_spec(0)
    planted = plant(spec, "table3_leaf_changed", 0)
    text = "\n\n".join(render_text(planted.document, "cells").split("\n"))
    got = set(_rules(text))
    assert planted.expected <= got <= planted.expected | planted.allowed


def _cells_wrapped(text: str) -> str:
    """One cell a line, each label of ten characters or more wrapped in two (the first piece
    without its pipe), as a narrow cell's lines come out of a copy."""
    out = []
    for line in text.split("\n"):
        label = line.rstrip(" |")
        if len(label) >= 10 and line.endswith("|") and not any(ch.isdigit() for ch in label):
            out += [label[: len(label) // 2], label[len(label) // 2 :] + " |"]
        else:
            out.append(line)
    return "\n".join(out)


def _rows_wrapped(text: str) -> str:
    """A row a line with its cells spaced apart (a PDF viewer's copy), a long last label cut
    after 12 characters with its end on the line of the numbers: ``（四）无法提供 1.本机关不掌握相关政府``
    / ``信息 0 0 0 0 0 1 1``."""
    out = []
    for line in text.split("\n"):
        cells = [cell.strip() for cell in line.split("|")]
        numbers = [c for c in cells if c and c.replace(".", "", 1).isdigit()]
        labels = [c for c in cells if c and c not in numbers]
        if numbers and labels and len(labels[-1]) >= 14:
            out += [" ".join([*labels[:-1], labels[-1][:12]]), labels[-1][12:] + " " + " ".join(numbers)]
        else:
            out.append(" ".join(c for c in cells if c) if numbers else line)
    return "\n".join(out)


_WRAPPED = {"cells": _cells_wrapped, "pipe": _rows_wrapped}


@pytest.mark.parametrize("seed", [0, 1, 4])
@pytest.mark.parametrize("shape", sorted(_WRAPPED))
def test_wrapped_labels_in_a_double_spaced_table_are_joined(seed, shape):
    # 5.属于三类内 / (blank) / 部事务信息 |: the pieces were taken as lines apart, so the row was
    # lost (GAO104) and the next row's figures went to the wrong row (GAO305).
    text = _WRAPPED[shape](render_text(build_document(sample_spec(seed)), shape))
    assert _rules(text) == []  # the same shape single-spaced reads clean
    assert _rules("\n\n".join(text.split("\n"))) == []


@pytest.mark.parametrize("shape", sorted(_WRAPPED))
def test_a_changed_cell_in_a_double_spaced_table_of_wrapped_labels_is_still_found(shape):
    planted = plant(sample_spec(0), "table3_leaf_changed", 0)
    text = "\n\n".join(_WRAPPED[shape](render_text(planted.document, shape)).split("\n"))
    got = set(_rules(text))
    assert planted.expected <= got <= planted.expected | planted.allowed


# --- a label cell merged across two columns, repeated in each by a copy or a CMS ----------------

def _label_repeated(text: str, labels: tuple[str, ...] = ("（七）总计", "(七)总计", "四、结转下年度继续办理")) -> str:
    """``（七）总计 | 7 | …`` as ``（七）总计 | （七）总计 | 7 | …``: the merged label cell written into
    both of the columns it spans."""
    out = []
    for line in text.split("\n"):
        label, bar, rest = line.partition(" | ")
        out.append(f"{label} | {label} | {rest}" if bar and label in labels else line)
    return "\n".join(out)


@pytest.mark.parametrize("seed", [0, 1, 4])
def test_a_total_label_repeated_in_both_columns_it_spans_is_one_label(seed):
    # The second （七）总计 read as a bare 总计 after the total row, which names no row: the
    # total row was lost (GAO104) and no column sum of table 3 was checked.
    text = _label_repeated(render_text(build_document(sample_spec(seed)), "pipe"))
    assert "总计 | （七）总计 |" in text or "总计 | (七)总计 |" in text
    assert _rules(text) == []


def test_a_changed_cell_beside_a_repeated_total_label_is_still_found():
    planted = plant(sample_spec(0), "table3_leaf_changed", 0)
    got = set(_rules(_label_repeated(render_text(planted.document, "pipe"))))
    assert planted.expected <= got <= planted.expected | planted.allowed


def test_a_web_page_whose_total_label_fills_both_of_its_columns_reads_clean():
    # <td colspan="2">（七）总计</td> re-published as two cells each holding it.
    from tests.builder.html import render_html

    page = render_html(build_document(sample_spec(0))).decode("utf-8")
    merged = re.compile(r'<td colspan="2"([^>]*>(?:<[^>]+>)*（七）总计(?:</[^>]+>)*</td>)')
    assert merged.search(page)
    assert _findings(merged.sub(r"<td\1<td\1", page).encode("utf-8")) == []


# --- table 3's header repeated in one row where a page broke the table -------------------------

_ONE_ROW_HEADER = "自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |"


def _header_repeated_before(text: str, label: str) -> str:
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(label))
    return "\n".join([*lines[:at], _ONE_ROW_HEADER, *lines[at:]])


@pytest.mark.parametrize(("seed", "label"), [
    (0, "2.申请人逾期"), (0, "3.其他"), (0, "（七）总计"), (1, "(七)总计"), (0, "四、结转下年度")])
def test_a_one_row_header_repeated_near_the_total_row_leaves_it_the_total_row(seed, label):
    # The header's bare 总计, within four rows after 3.其他, took the total row; the row's own
    # （七）总计 below it then named no row (GAO104, and table 3's column sums unchecked).
    text = render_text(build_document(sample_spec(seed)), "pipe")
    assert _rules(_header_repeated_before(text, label)) == []


def test_a_changed_total_below_a_repeated_header_is_still_found():
    planted = plant(sample_spec(0), "table3_leaf_changed", 0)
    text = _header_repeated_before(render_text(planted.document, "pipe"), "（七）总计")
    got = set(_rules(text))
    assert planted.expected <= got <= planted.expected | planted.allowed


# --- section 六 with a sub-heading naming the fee -----------------------------------------------

def _fee_subheading(text: str, heading: str) -> str:
    """A sub-heading such as （一）收取信息处理费情况 above the fee sentence of section 六."""
    lines = text.split("\n")
    six = next(i for i, s in enumerate(lines) if s.startswith("六、"))
    fee = next(i for i in range(six, len(lines)) if "信息处理费" in lines[i])
    return "\n".join(lines[:fee] + [heading] + lines[fee:])


@pytest.mark.parametrize("heading", ["（一）收取信息处理费情况", "（一）信息处理费收取情况", "1.关于收取信息处理费的情况"])
@pytest.mark.parametrize("seed", [0, 2, 10])
def test_a_fee_sub_heading_does_not_hide_the_fee_sentence_below_it(seed, heading):
    # The heading and 本年度未收取信息处理费。 made one match of 收取…费 across the line break,
    # which swallowed the 未: the statement was dropped as a bare topic (false GAO401).
    spec = sample_spec(seed, version="cn-2021")
    assert _rules(_fee_subheading(render_text(build_document(spec), "pipe"), heading)) == []


@pytest.mark.parametrize("heading", ["（一）收取信息处理费情况", "（一）信息处理费收取情况"])
@pytest.mark.parametrize("seed", [1, 6, 8])
def test_a_fee_contradiction_below_a_fee_sub_heading_is_found(seed, heading):
    # 本年度未收取信息处理费，全年共收取信息处理费35.5元。 was joined to the heading as well.
    spec = sample_spec(seed, version="cn-2021")
    planted = plant(spec, "fee_contradiction", seed)
    got = set(_rules(_fee_subheading(render_text(planted.document, "pipe"), heading)))
    assert "GAO402" in got and got <= planted.expected | planted.allowed


# --- a section the agency added -----------------------------------------------------------------

def _seventh_section(text: str) -> str:
    """六、信息处理费收取情况 added before 其他需要报告的事项, which becomes 七、."""
    lines = text.split("\n")
    six = next(i for i, s in enumerate(lines) if s.startswith("六、"))
    fee = next(i for i in range(six, len(lines)) if "信息处理费" in lines[i])
    rest = [s for i, s in enumerate(lines[six + 1:], six + 1) if i != fee]
    return "\n".join(lines[:six] + ["六、信息处理费收取情况", lines[fee], "七、其他需要报告的事项"] + rest)


@pytest.mark.parametrize("seed", [0, 3])
def test_an_empty_section_five_before_an_added_section_six_is_found(seed):
    # 五、… / 暂无。 / 六、信息处理费收取情况 / …: 六 was read as part of 五, which was not empty.
    text = _seventh_section(_section5_empty(seed))
    assert "GAO107" in _rules(text)


@pytest.mark.parametrize("seed", range(4))
def test_a_report_with_an_added_section_stays_clean(seed):
    text = _seventh_section(render_text(build_document(sample_spec(seed, version="cn-2021")), "pipe"))
    assert _rules(text) == []


# --- section headings as real reports print them ------------------------------------------------

_HEADINGS = ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
             "四、政府信息公开行政复议、行政诉讼情况", "六、其他需要报告的事项")


def _with_heading(seed: int, old: str, new: str, defect: str | None = None) -> str:
    spec = sample_spec(seed, version="cn-2021")
    document = plant(spec, defect, seed).document if defect else build_document(spec)
    text = render_text(document, "pipe")
    assert old + "\n" in text
    return text.replace(old + "\n", new + "\n", 1)


@pytest.mark.parametrize("seed", [0, 5])
@pytest.mark.parametrize("separator", [" ", "  ", "\t", "\u3000"])
def test_a_heading_whose_numeral_is_followed_by_a_space_is_a_section(seed, separator):
    """一 总体情况: Word's numbering or a PDF's layout left a space where 、 was (GAO101 before)."""
    for heading in _HEADINGS:
        numeral, title = heading.split("、", 1)
        assert _rules(_with_heading(seed, heading, numeral + separator + title)) == [], heading


def test_a_missing_section_is_still_found_among_space_numbered_headings():
    text = _with_heading(0, "二、主动公开政府信息情况", "二 主动公开政府信息情况")
    text = text.replace("一、总体情况\n", "一 总体情况\n", 1)
    cut = text.index("四、政府信息公开行政复议")
    end = text.index("五、")
    assert "GAO101" in _rules(text[:cut] + text[end:])


@pytest.mark.parametrize("seed", [0, 5, 9])
def test_a_first_heading_that_lost_its_number_among_numbered_ones_is_a_section(seed):
    """总体情况 alone on its line, then 二、…六、 numbered (a page whose first list number did
    not copy): section 一 was reported missing (GAO101)."""
    assert _rules(_with_heading(seed, "一、总体情况", "总体情况")) == []
    assert _rules(_with_heading(seed, "一、总体情况", "1. 总体情况")) == []  # a page's list numbering
    text = render_text(build_document(sample_spec(seed, version="cn-2021")), "pipe")
    five = next(line for line in text.split("\n") if line.startswith("五、"))
    assert _rules(text.replace(five + "\n", five[2:] + "\n", 1)) == [], five


def test_an_arabic_number_not_the_sections_own_is_no_section():
    """3. 总体情况 is no heading of section 一 (its number is not the section's)."""
    assert "GAO101" in _rules(_with_heading(0, "一、总体情况", "3. 总体情况"))


def test_a_bare_title_out_of_its_section_order_is_no_section():
    """The overview's title as a bare line after section 二 is a sub-heading or prose, not
    section 一: the missing section is still found."""
    text = _with_heading(0, "一、总体情况", "（零）概况")
    at = text.index("三、收到和处理")
    assert "GAO101" in _rules(text[:at] + "总体情况\n" + text[at:])


def test_a_sub_heading_that_lost_its_opening_bracket_is_no_section():
    """一)主动公开情况 (the 《（》 of （一） lost in a copy) under 一、总体情况 was read as the
    section 一 (a second 一) or its words' section, 二 (GAO102 at the real 二)."""
    text = _with_heading(0, "一、总体情况", "一、总体情况\n一)主动公开情况\n二)依申请公开情况")
    assert _rules(text) == []


@pytest.mark.parametrize("mark", [",", "，"])
def test_prose_counting_its_points_is_no_heading(mark):
    """第一，主动公开 / 第二，依申请公开 inside 一、总体情况: prose enumerating its points, not
    sections 二 and 三 (a false GAO102 at the real 二)."""
    text = _with_heading(0, "一、总体情况", f"一、总体情况\n第一{mark}主动公开\n第二{mark}依申请公开")
    assert _rules(text) == []


@pytest.mark.parametrize("seed", [0, 5])
def test_section_six_titled_other_matters_to_explain_is_section_six(seed):
    """六、其他需要说明的事项 (GAO101 before)."""
    assert _rules(_with_heading(seed, "六、其他需要报告的事项", "六、其他需要说明的事项")) == []


# --- a table given as a picture -------------------------------------------------------------------

def _page_with_table3_as(replacement: str, seed: int = 0) -> bytes:
    import re

    from tests.builder.html import render_html

    page = render_html(build_document(sample_spec(seed))).decode("utf-8")
    tables = list(re.finditer(r"<table.*?</table>", page, re.S))
    table3 = tables[1]
    return (page[: table3.start()] + replacement + page[table3.end():]).encode("utf-8")


def _findings(data: bytes, name: str = "report.html"):
    return api.lint_bytes(data, name, SETTINGS).findings


@pytest.mark.parametrize("picture", [
    '<p><img src="/uploads/2024/table3.png" width="640" alt=""></p>',
    '<p style="text-align:center"><img src="t3.jpg"></p><p>注：本表数据截至12月31日。</p>',
    '<div><span><img src="data:image/png;base64,iVBORw0KGgo=" width="100%"></span></div>',
])
def test_a_table_given_as_a_picture_is_reported_as_a_picture(picture):
    """A screenshot of table 3 pasted into the page: still no table anyone can check (GAO103),
    and the finding says it is a picture, not that nothing is there."""
    findings = _findings(_page_with_table3_as(picture))
    assert [f.rule for f in findings] == ["GAO103"], [(f.rule, f.message.zh) for f in findings]
    assert "表三" in findings[0].message.zh and "图片" in findings[0].message.zh
    assert "picture" in findings[0].message.en


@pytest.mark.parametrize("replacement", [
    "",  # gone
    '<p><img src="/images/print.gif" width="16" height="16">打印本页</p>',  # an icon, not a picture
])
def test_a_missing_table_is_still_missing_beside_an_icon_or_nothing(replacement):
    (missing,) = [f for f in _findings(_page_with_table3_as(replacement)) if f.rule == "GAO103"]
    assert "找不到表三" in missing.message.zh and "图片" not in missing.message.zh


def test_a_picture_in_the_page_chrome_does_not_stand_for_a_missing_table():
    page = _page_with_table3_as("").decode("utf-8")
    assert "<body>" in page
    page = page.replace("<body>", '<body><div class="header"><img src="/logo.png" width="300"></div>', 1)
    (missing,) = [f for f in _findings(page.encode("utf-8")) if f.rule == "GAO103"]
    assert "图片" not in missing.message.zh


def test_a_chart_beside_a_table_read_as_text_changes_nothing():
    import re

    from tests.builder.html import render_html

    page = render_html(build_document(sample_spec(0))).decode("utf-8")
    table3 = list(re.finditer(r"<table.*?</table>", page, re.S))[1]
    charted = page[: table3.end()] + '<p><img src="chart.png"></p>' + page[table3.end():]
    assert _findings(charted.encode("utf-8")) == []


# --- zeros written as a dash, 无 or nothing -----------------------------------------------------

def _zeros_as(mark: str, seed: int = 0):
    """The builder's document with every 0 in tables 2–4 written as ``mark``."""
    from tests.builder.document import Cell, Document, Table

    blocks = []
    for block in build_document(sample_spec(seed)).blocks:
        if isinstance(block, Table) and block.kind in ("table2", "table3", "table4"):
            rows = tuple(tuple(Cell(mark if cell.text == "0" else cell.text, cell.rowspan, cell.colspan) for cell in row)
                         for row in block.rows)
            block = Table(rows=rows, kind=block.kind)
        blocks.append(block)
    return Document(blocks=blocks)


def _renderings(document):
    from tests.builder.html import render_html

    yield "pipe", render_text(document, "pipe").encode("utf-8"), "r.txt"
    yield "html", render_html(document), "r.html"


@pytest.mark.parametrize("seed", [0, 1, 5])
@pytest.mark.parametrize("mark", ["—", "-", "无", "／"])
def test_zeros_written_as_a_mark_are_bad_values_and_nothing_else(seed, mark):
    """A table that writes its zeros as — or 无 is GAO106 (a count must be a number): each cell
    on its own line (a web page's cells) is not joined into a rule ———— or a label 规章无无,
    which gave GAO105 (a row short of cells) on every such row."""
    for shape, data, name in _renderings(_zeros_as(mark, seed)):
        rules = {f.rule for f in api.lint_bytes(data, name, SETTINGS).findings}
        allowed = {"GAO106"} | ({"GAO305"} if mark != "／" else set())  # a prose "0件" against a mark
        assert rules and rules <= allowed, (shape, sorted(rules))


@pytest.mark.parametrize("seed", [0, 1])
def test_a_row_of_blank_zeros_around_one_count_keeps_its_width(seed):
    """``3.补正后申请内容仍不明确 |  |  |  | 1 |  |  |  |``: the blanks before the 1 are cells of
    the row, not merged label columns (GAO105 before: the row read as one cell)."""
    for shape, data, name in _renderings(_zeros_as("", seed)):
        rules = {f.rule for f in api.lint_bytes(data, name, SETTINGS).findings}
        assert rules and rules <= {"GAO106", "GAO305"}, (shape, sorted(rules))


_WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def _docx_with_table3_as(drawing: str, seed: int = 0, keep_table: bool = False) -> bytes:
    """The builder's .docx with table 3's ``w:tbl`` replaced by a paragraph holding ``drawing``
    (or, with ``keep_table``, that paragraph put before the table)."""
    import re

    from tests.builder.docx import render_docx, with_document_xml

    def edit(xml: str) -> str:
        table3 = list(re.finditer(r"<w:tbl>.*?</w:tbl>", xml, re.S))[1]
        kept = table3.group(0) if keep_table else ""
        return xml[: table3.start()] + f"<w:p><w:r>{drawing}</w:r></w:p>" + kept + xml[table3.end():]

    # Word keeps an embedded picture under word/media/
    media = {"word/media/image1.png": b"\x89PNG\r\n\x1a\n"} if drawing.startswith("<w:drawing") else None
    return with_document_xml(render_docx(build_document(sample_spec(seed))), edit, media)


def _drawing(width_px: int, height_px: int) -> str:
    return (f'<w:drawing><wp:inline xmlns:wp="{_WP_NS}"><wp:extent cx="{width_px * 9525}" cy="{height_px * 9525}"/>'
            f'<wp:docPr id="1" name="table3.png"/></wp:inline></w:drawing>')


def test_a_word_table_given_as_a_picture_is_reported_as_a_picture():
    findings = _findings(_docx_with_table3_as(_drawing(600, 400)), "report.docx")
    assert [f.rule for f in findings] == ["GAO103"], [(f.rule, f.message.zh) for f in findings]
    assert "表三" in findings[0].message.zh and "图片" in findings[0].message.zh


@pytest.mark.parametrize("replacement", [_drawing(16, 16), ""])
def test_a_word_table_missing_beside_an_icon_is_missing(replacement):
    document = _docx_with_table3_as(replacement) if replacement else _docx_with_table3_as("<w:t>（表略）</w:t>")
    (missing,) = [f for f in _findings(document, "report.docx") if f.rule == "GAO103"]
    assert "找不到表三" in missing.message.zh


def test_a_word_document_with_a_picture_reads_as_without_it():
    """A picture sends the document down the walk instead of the libxslt records: the same lines,
    and the picture's place; a chart beside a table read as text changes no finding."""
    from gaolint.read.docx import read_docx
    from tests.builder.docx import render_docx

    plain = read_docx(render_docx(build_document(sample_spec(0))), "a.docx")
    charted_bytes = _docx_with_table3_as(_drawing(600, 400), keep_table=True)
    charted = read_docx(charted_bytes, "b.docx")
    assert not plain.images and len(charted.images) == 1
    assert [(x.text, x.line, x.place) for x in charted.lines] == [(x.text, x.line, x.place) for x in plain.lines]
    assert _findings(charted_bytes, "report.docx") == []


# --- a 2020 report in the 2021 format -----------------------------------------------------------

@pytest.mark.parametrize("seed", [0, 5])
def test_a_2020_report_in_the_2021_format_owes_no_processing_fee_statement(seed):
    # Some agencies used the 2021 tables for their 2020 report already; 信息处理费 were only
    # introduced from 1 January 2021 (obligations.fee_statement_from), so no statement is due.
    for year, expected in ((2020, set()), (2021, {"GAO401"})):
        spec = sample_spec(seed, version="cn-2021", year=year)
        planted = plant(spec, "fee_statement_missing", seed)
        assert set(_rules(render_text(planted.document, "pipe"))) == expected, year


@pytest.mark.parametrize("container", ["docx", "html"])
def test_a_first_heading_without_its_number_in_a_word_file_or_page(tmp_path, container):
    """The same as text, where every line has a place (第4段): only a table cell's (…第1列) is
    kept out."""
    from dataclasses import replace

    from tests.builder.blocks import Heading
    from tests.builder.docx import render_docx
    from tests.builder.html import render_html

    document = build_document(sample_spec(3, version="cn-2021"))
    document.blocks[:] = [replace(b, text="总体情况") if isinstance(b, Heading) and b.text == "一、总体情况" else b
                          for b in document.blocks]
    data = render_docx(document) if container == "docx" else render_html(document)
    path = tmp_path / f"r.{container}"
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    assert [f.rule for f in api.lint_bytes(path.read_bytes(), str(path), api.Settings()).findings] == []


def test_a_2021_report_whose_first_header_keeps_the_2019_columns_is_read_as_2021():
    """第二十条第（一）项's header still written 本年新制作数量 | 本年新公开数量 | 对外公开总数量 (the
    2019 table), every other part of the table in the 2021 layout (本年处理决定数量,
    本年收费金额): it was checked as a 2019 report (GAO104 ×2 for its rows, GAO106 ×4)."""
    spec = sample_spec(4, version="cn-2021")
    text = render_text(build_document(spec), "pipe")
    old = next(line for line in text.split("\n") if "本年制发件数" in line)
    mixed = old.replace("本年制发件数", "本年新制作数量").replace("本年废止件数", "本年新公开数量").replace("现行有效件数", "对外公开总数量")
    assert _rules(text.replace(old, mixed, 1)) == []


def test_a_sentence_naming_a_row_above_the_table_is_no_row():
    """本年度行政处罚处理决定数量39件，…。 above an inline-pipe table 2: it was read as the 行政处罚
    row with a blank cell, and the real row after it was ignored (a false GAO106)."""
    text = render_text(build_document(sample_spec(2, version="cn-2021")), "pipe")
    heading = "二、主动公开政府信息情况\n"
    sentence = "本年度内单位行政处罚处理决定数量39件,不存在其他情况。\n"
    assert _rules(text.replace(heading, heading + sentence, 1)) == []


def test_a_row_label_with_its_definition_ending_in_a_full_stop_is_still_the_row():
    """规章：地方行政规章指…制定的规章。 (a 2019-format page printing each row's definition): the
    label holds a 。 but opens with the row's words; it is the row, not a sentence."""
    text = render_text(build_document(sample_spec(2, version="cn-2019")), "pipe")
    line = next(line for line in text.split("\n") if line.startswith("规章 |"))
    defined = line.replace("规章 |", "规章：地方政府规章指省、自治区、直辖市和设区的市的人民政府制定的规章。 |", 1)
    assert _rules(text.replace(line, defined, 1)) == []
