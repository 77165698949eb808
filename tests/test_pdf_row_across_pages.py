"""A table row that Word or LibreOffice breaks across a page: the wrapped label's last line is
alone at the top of the next page, and must join its row instead of making a blank one.

Seen on reports exported to PDF from a word processor (rows may break across pages by default):
"2.没有现" with the row's figures at the foot of one page, "成信息需要另行制作" over empty cells at
the top of the next, which read as a row of seven blank cells (a false GAO106)."""

from __future__ import annotations

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
