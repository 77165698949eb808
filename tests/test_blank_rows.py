"""Table 4 with every count left blank: a row of blank cells (GAO106), not a missing table.

An agency with no review and no lawsuit in the year sometimes leaves table 4's fifteen counts
blank instead of writing 0. The table stands on the page, header and row; only its numbers
are missing. It was reported missing (GAO103) because the reader found no value to start the
row from. The page used here is tests/data/pages/cells-zeros-written.txt (written for these
tests), with its table 4 rewritten in each shape a blank row takes.
"""

from __future__ import annotations

import collections
import re
from pathlib import Path

import pytest

from gaolint.engine import Settings, lint_file, read_report
from tests.builder import build_document, render_text, sample_spec
from tests.builder.blocks import Document, Table
from tests.builder.docx import render_docx
from tests.builder.html import render_html
from tests.builder.text_shapes import SHAPES

WRITTEN = Path(__file__).parent / "data" / "pages" / "cells-zeros-written.txt"
HEADING = "四、政府信息公开行政复议、行政诉讼情况"
NEXT = "五、存在的主要问题及改进情况"
HEADER = (
    "| 行政复议 ||||| 行政诉讼 ||||||||||\n"
    "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 ||||| 复议后起诉 |||||\n"
    "| | | | | | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n"
)


def _with_section_four(body: str) -> str:
    """The written page with section 四 (the heading kept) replaced by ``body``."""
    text = WRITTEN.read_text(encoding="utf-8")
    before, rest = text.split(HEADING, 1)
    _, after = rest.split(NEXT, 1)
    # The overview's sentence about reviews would contradict a table of zeros (GAO305): none.
    return before + HEADING + "\n" + body + NEXT + after


def _one_cell_per_line_blank() -> str:
    """The page's own table 4, copied one cell per line, every count a lone pipe."""
    text = WRITTEN.read_text(encoding="utf-8")
    section = text.split(HEADING, 1)[1].split(NEXT, 1)[0]
    return re.sub(r"(?m)^\d+ \|$", "|", section).lstrip("\n")


def _lint(tmp_path, text: str):
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    return lint_file(str(path), Settings()).findings, read_report(str(path), str(path))[0]


BLANK_ROWS = {
    "one cell per line": _one_cell_per_line_blank(),
    "pipe row of spaces": HEADER + " |  |  |  |  |  |  |  |  |  |  |  |  |  |  |\n",
    "pipe row, closing pipes": HEADER + "|  |  |  |  |  |  |  |  |  |  |  |  |  |  |  |\n\n",
    "tab row": HEADER.replace(" |", "\t").replace("|", "") + "\t" * 14 + "\n",
}


@pytest.mark.parametrize("shape", list(BLANK_ROWS))
def test_a_review_table_left_blank_is_three_blank_rows(tmp_path, shape):
    findings, report = _lint(tmp_path, _with_section_four(BLANK_ROWS[shape]))
    assert [f.rule for f in findings] == ["GAO106"] * 3, [(f.rule, f.message.zh) for f in findings]
    assert all("5 个单元格空白" in f.message.zh for f in findings)
    assert [c.value for row in report.tables["table4"].rows.values() for c in row.cells] == [None] * 15


def test_the_same_table_with_its_zeros_written_is_clean(tmp_path):
    zeros = HEADER + "| 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
    findings, report = _lint(tmp_path, _with_section_four(zeros))
    assert findings == [], [(f.rule, f.message.zh) for f in findings]
    assert report.tables["table4"].rows["review"].cells[0].value == 0


@pytest.mark.parametrize("body", [
    # prose only, its paragraphs parted by many blank lines: no table, however many blanks
    "本年度未发生政府信息公开行政复议、行政诉讼案件。\n" + "\n" * 18 + "特此说明。\n",
    # the header alone, followed by its padding lines and no row
    HEADER + "||||||||||||||||\n",
    # a run of blank lines after the header: a crawled page's spacing, not fifteen cells
    HEADER + "\n" * 8,
])
def test_no_row_of_blank_cells_is_still_a_missing_table(tmp_path, body):
    findings, _ = _lint(tmp_path, _with_section_four(body))
    assert [f.rule for f in findings] == ["GAO103"], [(f.rule, f.message.zh) for f in findings]


def _review_blank(document: Document) -> Document:
    blocks = []
    for block in document.blocks:
        if isinstance(block, Table) and block.kind == "table4":
            rows = tuple(tuple(c if not c.text.isdigit() else type(c)(**{**c.__dict__, "text": ""}) for c in row)
                         for row in block.rows)
            block = Table(rows=rows, kind=block.kind)
        blocks.append(block)
    return Document(blocks=blocks)


@pytest.mark.parametrize("seed", [0, 3])
def test_every_shape_and_container_reads_the_blank_row(tmp_path, seed):
    """The builder's text shapes, its web page and its Word file, table 4 of zeros left blank."""
    document = _review_blank(build_document(sample_spec(seed, table4=(0,) * 15)))
    files = []
    for shape in SHAPES:
        path = tmp_path / f"{seed}-{shape}.txt"
        path.write_text(render_text(document, shape), encoding="utf-8")
        files.append(path)
    page = render_html(document)
    (tmp_path / f"{seed}.html").write_bytes(page if isinstance(page, bytes) else page.encode("utf-8"))
    (tmp_path / f"{seed}.docx").write_bytes(render_docx(document))
    files += [tmp_path / f"{seed}.html", tmp_path / f"{seed}.docx"]
    for path in files:
        rules = collections.Counter(f.rule for f in lint_file(str(path), Settings()).findings)
        assert rules == {"GAO106": 3}, (path.name, rules)


def test_the_last_row_of_table_two_with_nothing_after_its_label_is_blank(tmp_path):
    """行政事业性收费 | and then section 三: the page wrote not even the cell's pipe. The row is
    there with its amount blank (GAO106), not missing (GAO104)."""
    text = WRITTEN.read_text(encoding="utf-8").replace("行政事业性收费 |\n0 | ||\n", "行政事业性收费 |\n", 1)
    findings, report = _lint(tmp_path, text)
    assert [f.rule for f in findings] == ["GAO106"], [(f.rule, f.message.zh) for f in findings]
    assert "行政事业性收费" in findings[0].message.zh
    assert [c.value for c in report.tables["table2"].rows["fees"].cells] == [None]


def test_rows_whose_cells_were_left_out_in_a_table_of_one_cell_a_line(tmp_path):
    """行政许可 then 其他对外管理服务事项 with nothing between (a 2019-format page whose zeros were
    left blank and whose copy kept no separators): rows there with blank cells (GAO106), not
    missing rows (GAO104). A row written later with its values is read with them."""
    text = WRITTEN.read_text(encoding="utf-8")
    emptied = text.replace("行政处罚 |\n14 | ||\n", "行政处罚 |\n", 1)
    assert emptied != text
    findings, report = _lint(tmp_path, emptied)
    assert [f.rule for f in findings] == ["GAO106"], [(f.rule, f.message.zh) for f in findings]
    assert report.tables["table2"].rows["penalty"].cells[0].value is None


def _first_zero_only(document: Document) -> tuple[Document, int]:
    """Table 3 with each row of zeros written as its first 0 and six blank cells after it,
    as some pages fill a row (``<td>0</td><td>&nbsp;</td>…``); and how many rows that is."""
    blocks = []
    emptied = 0
    for block in document.blocks:
        if isinstance(block, Table) and block.kind == "table3":
            rows = []
            for row in block.rows:
                counts = [index for index, cell in enumerate(row) if cell.text.isdigit()]
                if len(counts) == 7 and all(row[index].text == "0" for index in counts):
                    emptied += 1
                    row = tuple(type(c)(**{**c.__dict__, "text": ""}) if index in counts[1:] else c
                                for index, c in enumerate(row))
                rows.append(row)
            block = Table(rows=tuple(rows), kind=block.kind)
        blocks.append(block)
    return Document(blocks=blocks), emptied


@pytest.mark.parametrize("seed", [0, 5])
def test_blank_cells_at_a_rows_end_are_cells_of_a_web_page_or_word_table(tmp_path, seed):
    """A row of a page's or Word file's table whose cells after its first are blank (``0``
    then six ``<td>&nbsp;</td>``) has seven cells, six of them blank (GAO106): a table the
    reader took apart holds its blank cells, where a pasted line's trailing separators are
    padding. They were dropped as padding: one number where seven belong (GAO105)."""
    document, emptied = _first_zero_only(build_document(sample_spec(seed)))
    assert emptied >= 3
    for name, data in (("page.html", render_html(document)), ("file.docx", render_docx(document))):
        path = tmp_path / name
        path.write_bytes(data)
        findings = lint_file(str(path), Settings()).findings
        rules = collections.Counter(f.rule for f in findings)
        assert rules == {"GAO106": emptied}, (name, [(f.rule, f.message.zh) for f in findings])
        report = read_report(str(path), str(path))[0]
        widths = {len(row.cells) for key, row in report.tables["table3"].rows.items() if row.cells}
        assert widths == {7}, (name, widths)
