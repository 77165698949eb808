"""A table row that Word or LibreOffice breaks across a page: the wrapped label's last line is
alone at the top of the next page, and must join its row instead of making a blank one.

Seen on reports exported to PDF from a word processor (rows may break across pages by default):
"2.没有现" with the row's figures at the foot of one page, "成信息需要另行制作" over empty cells at
the top of the next, which read as a row of seven blank cells (a false GAO106)."""

from __future__ import annotations

import io

import pytest

from gaolint.read.pdf import read_pdf
from gaolint.read.pdf_tables import DocTable, GridCell, PageTable, append_piece

#: x ranges of a label column and three figure columns.
COLUMNS = ((50.0, 200.0), (200.0, 250.0), (250.0, 300.0), (300.0, 350.0))


def _row(texts: list[str], row: int, page: int) -> list[GridCell]:
    return [GridCell(text, row, col, 1, 1, x0, x1, 100.0 + 20 * row, 120.0 + 20 * row, page)
            for col, (text, (x0, x1)) in enumerate(zip(texts, COLUMNS))]


def _piece(rows: list[list[str]], page: int) -> PageTable:
    cells = [cell for index, texts in enumerate(rows) for cell in _row(texts, index, page)]
    return PageTable(cells, len(rows), len(COLUMNS), 50.0, 350.0, 100.0, 100.0 + 20 * len(rows), page)


def _texts(doc: DocTable) -> list[list[str]]:
    return [[cell.text for cell in row] for row in doc.rows]


def _joined(first: list[list[str]], second: list[list[str]]) -> list[list[str]]:
    doc = DocTable()
    append_piece(doc, _piece(first, 1))
    append_piece(doc, _piece(second, 2))
    return _texts(doc)


def test_the_rest_of_a_cut_label_joins_its_row():
    rows = _joined([["1.本机关不掌握相关政府信息", "3", "0", "3"], ["2.没有现", "0", "1", "1"]],
                   [["成信息需要另行制作", "", "", ""], ["3.补正后申请内容仍不明确", "0", "0", "0"]])
    assert rows == [["1.本机关不掌握相关政府信息", "3", "0", "3"], ["2.没有现成信息需要另行制作", "0", "1", "1"],
                    ["3.补正后申请内容仍不明确", "0", "0", "0"]]


def test_a_numbered_row_with_blank_zeros_at_the_top_of_a_page_stays_a_row():
    rows = _joined([["2.没有现成信息需要另行制作", "0", "1", "1"]],
                   [["3.补正后申请内容仍不明确", "", "", ""]])
    assert rows == [["2.没有现成信息需要另行制作", "0", "1", "1"], ["3.补正后申请内容仍不明确", "", "", ""]]


def test_a_label_over_figures_is_a_row_of_its_own():
    rows = _joined([["2.没有现", "0", "1", "1"]], [["成信息需要另行制作", "0", "", ""]])
    assert len(rows) == 2


def test_an_unnumbered_row_with_blank_zeros_under_a_page_break_stays_a_row():
    """行政强制 with its zeros left blank at the top of a page, under 行政处罚: two rows."""
    rows = _joined([["行政处罚", "12", "0", "0"]], [["行政强制", "", "", ""]])
    assert rows == [["行政处罚", "12", "0", "0"], ["行政强制", "", "", ""]]


# --- session 11: LibreOffice exports of real reports, a page break in every place ---------------

def _filled(cells: list[GridCell], left: float, right: float, size: float = 12.0) -> list[GridCell]:
    """The first cell's label measured as set: ``left`` and ``right`` points free inside its rules."""
    cells[0].ink_left, cells[0].ink_right, cells[0].size = left, right, size
    return cells


def _joined_measured(first: list[list[str]], second: list[list[str]], left: float, right: float) -> list[list[str]]:
    doc = DocTable()
    piece = _piece(first, 1)
    last_row = [cell for cell in piece.cells if cell.row == len(first) - 1]
    _filled(last_row, left, right)
    append_piece(doc, piece)
    append_piece(doc, _piece(second, 2))
    return _texts(doc)


@pytest.mark.parametrize("upper, rest", [("行政规", "范性文件"), ("行政事", "业性收费"), ("其他对外管理服务", "事项")])
def test_the_rest_of_an_unnumbered_label_that_fills_its_cell_joins_its_row(upper, rest):
    """Table 2's labels have no numbers: 行政规 at a page's foot whose line reaches across its
    narrow cell was wrapped there, and 范性文件 over blank cells at the next page's top is its
    rest (a row of three blank cells before: GAO106, and 行政规范性文件 missing, GAO104)."""
    rows = _joined_measured([["规章", "0", "0", "0"], [upper, "1", "0", "4"]], [[rest, "", "", ""]], 5.4, 8.0)
    assert rows == [["规章", "0", "0", "0"], [upper + rest, "1", "0", "4"]]


def test_an_unnumbered_label_that_ends_short_of_its_rule_is_whole():
    """行政处罚 ending 60 points short of its cell's rule was not wrapped: 行政强制 with its zeros
    left blank below it at the next page's top is a row of its own."""
    rows = _joined_measured([["行政处罚", "12", "0", "0"]], [["行政强制", "", "", ""]], 5.4, 60.0)
    assert rows == [["行政处罚", "12", "0", "0"], ["行政强制", "", "", ""]]


def test_a_numbered_label_cut_inside_its_brackets_joins_its_row():
    """（六 at the foot of a page, ）其他处理 at the top of the next: one label."""
    rows = _joined([["（五）不予处理", "0", "0", "0"], ["（六", "1", "0", "1"]], [["）其他处理", "", "", ""]])
    assert rows == [["（五）不予处理", "0", "0", "0"], ["（六）其他处理", "1", "0", "1"]]


def _with_group(rows: list[list[str]], page: int, group: str, span: int) -> PageTable:
    """A piece whose first column holds ``group`` merged over its ``span`` last rows (the other
    columns shift right by one)."""
    columns = ((20.0, 50.0), *COLUMNS)
    cells = []
    for index, texts in enumerate(rows):
        for col, (text, (x0, x1)) in enumerate(zip(texts, columns[1:]), start=1):
            cells.append(GridCell(text, index, col, 1, 1, x0, x1, 100.0 + 20 * index, 120.0 + 20 * index, page))
    first = len(rows) - span
    cells.append(GridCell(group, first, 0, span, 1, 20.0, 50.0, 100.0 + 20 * first, 100.0 + 20 * len(rows), page))
    return PageTable(cells, len(rows), len(columns), 20.0, 350.0, 100.0, 100.0 + 20 * len(rows), page)


def _group_across_pages(first: PageTable, row: list[str], group_cell: str) -> list[str]:
    """The texts of ``first`` then a piece of one ``row`` whose merged group column holds
    ``group_cell``."""
    doc = DocTable()
    append_piece(doc, first)
    second = _piece([row], 2)
    for cell in second.cells:
        cell.col += 1
    second.cells.append(GridCell(group_cell, 0, 0, 1, 1, 20.0, 50.0, 100.0, 120.0, 2))
    append_piece(doc, second)
    return [cell.text for row in doc.rows for cell in row]


@pytest.mark.parametrize("upper, rest", [("（三）不予", "公开"), ("（三）", "不予公开"), ("（三", "）不予公开")])
def test_a_group_label_merged_over_rows_cut_by_the_break_is_one_label(upper, rest):
    """（三）不予公开 merged over its rows, cut inside its words or brackets: （三）不予 on one page,
    公开 in the merged cell's continuation on the next. The rest was read as a label of its own
    (GAO106)."""
    first = _with_group([["1.属于国家秘密", "0", "0", "0"], ["2.其他法律行政法规禁止公开", "0", "0", "0"]], 1, upper, 2)
    texts = _group_across_pages(first, ["3.危及“三安全一稳定”", "0", "0", "0"], rest)
    assert "（三）不予公开" in texts and rest not in texts


def test_a_new_group_at_the_top_of_a_page_stays_a_group():
    """（四）无法提供 starting in the merged column at the next page's top is the next group."""
    first = _with_group([["8.属于行政查询事项", "0", "0", "0"]], 1, "（三）不予公开", 1)
    texts = _group_across_pages(first, ["1.本机关不掌握相关政府信息", "0", "0", "0"], "（四）无法提供")
    assert "（三）不予公开" in texts and "（四）无法提供" in texts


def test_a_row_cut_below_a_repeated_header_joins_its_row():
    """Word and LibreOffice repeat the header row on each page (标题行重复); the break then cut a
    figure, 19 / 1 of 191, whose 1 stood under the repeated header: it was read as 19."""
    header = ["信息内容", "自然人", "法人", "总计"]
    rows = _joined([header, ["一、本年新收", "188", "3", "19"]], [header, ["", "", "", "1"], ["二、上年结转", "4", "0", "4"]])
    assert rows == [header, ["一、本年新收", "188", "3", "191"], ["二、上年结转", "4", "0", "4"]]


# --- a figure cut by the page break; a header cell with no rule on its left (session 10) -------

def _ruled_rows(page, left: float, top: float, widths: list[float], rows: list[list[str]], height: float,
                open_first: bool = False) -> float:
    """Draw ``rows`` as a ruled table from (left, top) downwards, a cell's text at its middle;
    with ``open_first``, the first row's first cell (a merged header over five columns) has no
    rule on its left or top, as a web page's cells styled with only right and bottom borders
    come out of a word processor. Returns the bottom."""
    from tests.builder.pdf import FONT

    right = left + sum(widths)
    y = top
    for index, row in enumerate(rows):
        bottom = y - height
        edges = [left]
        for w in widths:
            edges.append(edges[-1] + w)
        first_width = sum(widths[:5]) if open_first and index == 0 else None
        page.line(left if not (open_first and index == 0) else left + first_width, y, right, y)
        page.line(left, bottom, right, bottom)
        for col, x in enumerate(edges):
            if open_first and index == 0 and (col == 0 or 0 < col < 5):
                continue
            page.line(x, y, x, bottom)
        x = left
        cells = row if not (open_first and index == 0) else [row[0], *row[5:]]
        spans = [5, *[1] * (len(cells) - 1)] if open_first and index == 0 else [1] * len(cells)
        col = 0
        for text, span in zip(cells, spans):
            width = sum(widths[col:col + span])
            if text:
                page.setFont(FONT, 9)
                page.drawCentredString(x + width / 2, bottom + height / 2 - 3, text)
            x += width
            col += span
        y = bottom
    return y


def _table4_over_a_break(open_first: bool) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from tests.builder.pdf import FONT, _register_font

    _register_font()
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    page.setFont(FONT, 12)
    for row in range(24):
        page.drawString(72, 780 - 26 * row, "本机关全年认真办理行政复议和行政诉讼案件，依法规范答复。")
    page.setFont(FONT, 12)
    page.drawString(72, 140, "四、政府信息公开行政复议、行政诉讼情况")
    widths = [30.0] * 15
    columns = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    header = [["行政复议", "", "", "", "", "行政诉讼", *[""] * 9]]
    _ruled_rows(page, 72, 130, widths, header, 16, open_first=open_first)
    _ruled_rows(page, 72, 114, widths, [columns * 3], 16)
    _ruled_rows(page, 72, 98, widths, [["2", "1", "0", "0", "3", "1", "0", "0", "0", "1", "0", "0", "0", "0", "0"]], 40)
    page.showPage()
    _ruled_rows(page, 72, 800, widths, [["", "", "", "", "6", *[""] * 10]], 20)
    page.setFont(FONT, 12)
    page.drawString(72, 760, "五、存在的主要问题及改进情况")
    page.showPage()
    page.save()
    return out.getvalue()


@pytest.mark.parametrize("open_first", [False, True])
def test_a_figure_wrapped_over_the_page_break_is_joined(open_first):
    """A narrow 总计 cell wrapped 36 as 3 / 6, and the page broke inside the row: 6 alone in a
    row at the top of the next page, under the 3. It is the rest of the figure, not a row of
    its own (GAO105/GAO106) nor a second table (GAO304: 总计为 3). A header cell drawn with no
    rule on its left reads as a line of text; it no longer parts the table from its rest."""
    lines = [line.text for line in read_pdf(_table4_over_a_break(open_first), "t.pdf").lines]
    start = lines.index("四、政府信息公开行政复议、行政诉讼情况")
    end = lines.index("五、存在的主要问题及改进情况")
    figures = [text for text in lines[start:end] if text.isdigit()]
    assert figures == ["2", "1", "0", "0", "36", "1", "0", "0", "0", "1", "0", "0", "0", "0", "0"]
    assert sum(1 for text in lines[start:end] if text == "|") == 4  # three rows and the table's end
