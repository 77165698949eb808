"""Zeros left blank in tables copied one cell per line, where a blank cell is a lone pipe.

A web page's table copied as text gives each cell a line ending in a pipe and opens every row
with a lone ``|``; a cell the agency left blank copies as a lone ``|`` too. Those blanks are
GAO106's (a count must be written, 0 included), as in every other shape, and must not make
the rows look short (GAO105) or missing (GAO104). The two pages in tests/data/pages are
written here, in our own words: the same small bureau's report with its zeros left blank and
with them written.
"""

from __future__ import annotations

import collections
import dataclasses
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gaolint.engine import Settings, lint_file, read_report
from gaolint.parse.cells import _pipe_cells
from tests.builder import build_document, render_text, sample_spec
from tests.builder.blocks import Document, Table
from tests.builder.crawled import cells_as_paragraphs, indented_and_spaced
from tests.builder.text_shapes import SHAPES

PAGES = Path(__file__).parent / "data" / "pages"
BLANK = PAGES / "cells-blank-zeros.txt"
WRITTEN = PAGES / "cells-zeros-written.txt"


def _findings(tmp_path, text: str):
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    return lint_file(str(path), Settings()).findings


def _values(report, table: str, row: str) -> list[float | None]:
    return [c.value for c in report.tables[table].rows[row].cells]


def test_zeros_written_read_clean():
    findings = lint_file(str(WRITTEN), Settings()).findings
    assert findings == [], [(f.rule, f.message.en) for f in findings]


def test_blank_zeros_are_blank_cells_one_finding_a_row():
    findings = lint_file(str(BLANK), Settings()).findings
    assert {f.rule for f in findings} == {"GAO106"}, [(f.rule, f.message.en) for f in findings]
    # Every row of tables 2-4 that leaves a zero blank, once: 5 + 25 + 3.
    assert len(findings) == 33
    assert len({f.location.line for f in findings}) == 33
    report, problem = read_report(str(BLANK), str(BLANK))
    assert problem is None
    assert _values(report, "table3", "new") == [5, 1, None, None, None, None, 6]
    assert _values(report, "table3", "withheld_secret") == [None] * 7
    assert _values(report, "table3", "carried_forward") == [1, None, None, None, None, None, 1]
    assert _values(report, "table2", "normative_documents") == [2, None, 9]
    assert _values(report, "table2", "regulations") == [None, None, None]
    assert _values(report, "table2", "licensing") == [None]
    assert _values(report, "table4", "review") == [None, 1, None, None, 1]
    assert _values(report, "table4", "suit_after_review") == [None] * 5


def test_a_row_a_cell_short_stays_a_shape_finding(tmp_path):
    """A value missing from a row whose zeros are written is GAO105, not a blank cell: the
    lone pipe after it opens the next row."""
    text = WRITTEN.read_text(encoding="utf-8")
    short = text.replace("2.重复申请 |\n0 |\n0 |", "2.重复申请 |\n0 |", 1)
    assert short != text
    findings = _findings(tmp_path, short)
    assert [f.rule for f in findings if f.rule in ("GAO105", "GAO106")] == ["GAO105"]
    assert "2.重复申请" in next(f.message.zh for f in findings if f.rule == "GAO105")


# --- any zeros blank -------------------------------------------------------------------------

_LABEL_LINE = re.compile(r"^(?!\d+ \|)(?!\|).+ \|( \|+)?$")
_ZERO_LINE = re.compile(r"^0 \|( \|+)?$")


def _zero_cells() -> list[tuple[int, str]]:
    """(line index, the row it belongs to) of every written zero in the tables' cells."""
    lines = WRITTEN.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("二、主动公开"))
    review = next(i for i, line in enumerate(lines) if line.startswith("四、政府信息公开行政复议"))
    cells: list[tuple[int, str]] = []
    row = ""
    review_values = 0
    for index in range(start, len(lines)):
        line = lines[index]
        if index > review and re.match(r"^\d+ \|$", line):
            if _ZERO_LINE.match(line):
                cells.append((index, f"table4-{review_values // 5}"))
            review_values += 1
        elif index < review and _LABEL_LINE.match(line):
            row = line
        elif index < review and _ZERO_LINE.match(line):
            cells.append((index, row))
    return cells


ZERO_CELLS = _zero_cells()


def test_the_written_page_has_zeros_in_every_table():
    rows = {row for _, row in ZERO_CELLS}
    assert len(ZERO_CELLS) > 150 and "规章 |" in rows and "table4-2" in rows


@settings(max_examples=40, deadline=None)
@given(st.sets(st.sampled_from(range(len(ZERO_CELLS))), min_size=1, max_size=40))
def test_any_zeros_left_blank_give_one_blank_cell_finding_a_row(tmp_path_factory, chosen):
    lines = WRITTEN.read_text(encoding="utf-8").split("\n")
    for pick in chosen:
        index, _ = ZERO_CELLS[pick]
        lines[index] = lines[index].replace("0 |", "|", 1)
    findings = _findings(tmp_path_factory.mktemp("blank"), "\n".join(lines))
    assert {f.rule for f in findings} == {"GAO106"}, [(f.rule, f.message.en) for f in findings]
    assert len(findings) == len({ZERO_CELLS[pick][1] for pick in chosen})


# --- the builder's text shapes ---------------------------------------------------------------

def _zeros_blank(document: Document) -> Document:
    """Every zero of tables 2-4 left blank."""
    blocks = []
    for block in document.blocks:
        if isinstance(block, Table) and block.kind in ("table2", "table3", "table4"):
            rows = tuple(tuple(dataclasses.replace(c, text="" if c.text == "0" else c.text) for c in row)
                         for row in block.rows)
            block = Table(rows=rows, kind=block.kind)
        blocks.append(block)
    return Document(blocks=blocks)


@pytest.mark.parametrize("seed", [0, 4, 8])
def test_blank_zeros_read_alike_in_every_text_shape(tmp_path, seed):
    """The shapes differ only in how they part cells, so blank zeros give the same findings
    in each: a pipe row opening on a blank first cell (`` | 22 |``), a tab line holding only
    its tab, a lone pipe line between padding lines."""
    spec = sample_spec(seed, version="cn-2021")
    found = {}
    for shape in SHAPES:
        text = render_text(_zeros_blank(build_document(spec)), shape)
        found[shape] = collections.Counter(f.rule for f in _findings(tmp_path, text))
    assert set(found["pipe"]) == {"GAO106"}, found["pipe"]
    assert all(counts == found["pipe"] for counts in found.values()), found


def test_a_values_row_opening_on_one_space_keeps_its_blank_first_cell():
    assert _pipe_cells(" | 22 |  |") == [(0, " "), (2, " 22 "), (7, "  "), (10, "")]
    # A Markdown row's opening pipe, and one before a label, open the row as before.
    assert _pipe_cells("| 22 |")[0] == (1, " 22 ")
    assert _pipe_cells(" | 规章 | 0 |")[0] == (2, " 规章 ")


# --- sums over zeros left blank or dashed ----------------------------------------------------

def test_a_wrong_total_among_blank_zeros_is_found_and_says_blanks_count_as_zero(tmp_path):
    """The sums are checked as a reader checks them, blank for 0: a wrong count is not hidden
    by the blanks around it (it was: a row or column holding a blank was not summed)."""
    text = BLANK.read_text(encoding="utf-8")
    wrong = text.replace("（一）予以公开 |\n3 |\n|\n|\n|\n|\n|\n3 |", "（一）予以公开 |\n3 |\n|\n|\n|\n|\n|\n4 |", 1)
    assert wrong != text
    findings = _findings(tmp_path, wrong)
    by_rule = collections.defaultdict(list)
    for f in findings:
        by_rule[f.rule].append(f)
    assert set(by_rule) == {"GAO106", "GAO302", "GAO303"}, [(f.rule, f.message.zh) for f in findings]
    row_total = by_rule["GAO302"][0].message
    assert "总计为 4" in row_total.zh and "之和为 3" in row_total.zh and row_total.zh.endswith("（空白单元格按 0 计）")
    assert row_total.en.endswith("(blank cells counted as 0)")
    assert "差 1" in by_rule["GAO303"][0].message.zh


def test_dashed_zeros_count_as_zero_in_table_4(tmp_path):
    text = render_text(build_document(sample_spec(3, version="cn-2021")), "pipe")
    lines = text.split("\n")
    review = next(i for i, line in enumerate(lines) if line.startswith("四、政府信息公开行政复议"))
    row = next(i for i in range(review, len(lines)) if re.match(r"^\s*\|?\s*\d", lines[i]))
    cells = lines[row].split("|")
    numbers = [i for i, c in enumerate(cells) if c.strip().isdigit()]
    assert len(numbers) == 15
    total = numbers[4]  # 行政复议's 总计
    cells = [(" — " if c.strip() == "0" else c) for c in cells]
    clean = "\n".join(lines[:row] + ["|".join(cells)] + lines[row + 1:])
    assert {f.rule for f in _findings(tmp_path, clean)} <= {"GAO106"}
    cells[total] = f" {int(lines[row].split('|')[total]) + 2} "
    wrong = "\n".join(lines[:row] + ["|".join(cells)] + lines[row + 1:])
    gao304 = [f for f in _findings(tmp_path, wrong) if f.rule == "GAO304"]
    assert len(gao304) == 1 and "差 2" in gao304[0].message.zh, [f.message.zh for f in gao304]
    assert "—" in [cells[n].strip() for n in numbers[:4]]  # an outcome of 行政复议 was 0
    assert gao304[0].message.zh.endswith("（“—”单元格按 0 计）")


# --- spacing between the cells of such tables ------------------------------------------------

@pytest.mark.parametrize("layout", [indented_and_spaced, cells_as_paragraphs])
@pytest.mark.parametrize("seed", [0, 4, 8])
@pytest.mark.parametrize("blank", [False, True])
def test_spacing_lines_between_cells_are_not_cells(tmp_path, layout, seed, blank):
    """Lines of spaces between the cells of a one-cell-per-line table are spacing (they gave
    GAO105/GAO106 on every row); where rows follow one another after one blank line, each
    further blank line is a cell left blank (a row lost its values after the first blank)."""
    spec = sample_spec(seed, version="cn-2021")
    document = build_document(spec)
    if blank:
        document = _zeros_blank(document)
    expected = collections.Counter(f.rule for f in _findings(tmp_path, render_text(document, "pipe")))
    text = "\n".join(layout(render_text(document, "cells").split("\n")))
    got = collections.Counter(f.rule for f in _findings(tmp_path, text))
    assert got == expected
    assert set(got) <= {"GAO106"}


def test_an_amount_written_with_its_unit_is_the_amount(tmp_path):
    """``行政事业性收费 | 43.788万元 |``: the cell holds the amount (the row was missing: GAO104)."""
    from gaolint.parse.cells import NUMBER, classify

    assert classify("43.788万元") == (NUMBER, 43.788) and classify("1530000元") == (NUMBER, 1530000.0)
    text = WRITTEN.read_text(encoding="utf-8").replace("行政事业性收费 |\n0 | ||", "行政事业性收费 |\n43.788万元 | ||")
    assert "43.788万元" in text
    assert _findings(tmp_path, text) == []
    path = tmp_path / "fee.txt"
    path.write_text(text, encoding="utf-8")
    report, _ = read_report(str(path), str(path))
    assert _values(report, "table2", "fees") == [43.788]


def test_a_row_split_into_its_label_and_lone_pipes_is_a_blank_row(tmp_path):
    """``规章 |`` / ``|`` / ``|`` / ``|`` among rows on lines of their own: the page split its one
    empty row; three blank cells (GAO106), not a missing row (GAO104)."""
    text = render_text(build_document(sample_spec(3, version="cn-2021")), "pipe")
    row = next(line for line in text.split("\n") if line.startswith("规章 |"))
    findings = _findings(tmp_path, text.replace(row, "规章 |\n|\n|\n|", 1))
    assert [f.rule for f in findings] == ["GAO106"], [(f.rule, f.message.zh) for f in findings]
    assert "规章" in findings[0].message.zh and "3 个单元格空白" in findings[0].message.zh


def test_a_label_with_its_definition_in_brackets_is_a_label(tmp_path):
    """2019-format pages print a row's definition after its label (规范性文件（行政机关制定
    发布的决定、公告，…）): with commas in brackets it is still the label, not a note (the row
    was lost in a table of cells parted by blank lines: GAO104)."""
    document = build_document(sample_spec(3, version="cn-2021"))
    lines = cells_as_paragraphs(render_text(document, "cells").split("\n"))
    label = next(i for i, line in enumerate(lines) if line == "行政规范性文件")
    lines[label] = ("行政规范性文件（行政机关制定发布的决定、公告、通告、意见、通知，以及标题采用“规定”“办法”"
                    "“细则”等字样的公文，一般情况下属于规范性文件）")
    assert _findings(tmp_path, "\n".join(lines)) == []


def test_a_long_run_of_blank_lines_before_table_4_keeps_its_fifteen_cells():
    """Surplus blanks are trimmed by index (popping the front of a 40,000-token run one by one
    was quadratic); the fifteen cells after them are the table."""
    from gaolint.formats import load_formats
    from gaolint.model import Line, Location
    from gaolint.parse.tables import read_review_table

    spec = load_formats()["cn-2021"].tables["table4"]
    texts = ["四、政府信息公开行政复议、行政诉讼情况", "总计 |"] + ["|"] * 40_000 + [f"{n} |" for n in range(1, 16)]
    table = read_review_table(spec, [Line(i, t, Location(i + 1), t) for i, t in enumerate(texts)])
    assert [c.value for c in table.rows["review"].cells] == [1, 2, 3, 4, 5]
    assert [c.value for c in table.rows["suit_after_review"].cells] == [11, 12, 13, 14, 15]
