"""Render a `Document` the way a web crawler saves a report page, and the table layouts real
pages take when their text is copied.

The crawled shape: the crawler's own header lines (标题 / 发布时间 / 原文链接 …), a banner, the
site's breadcrumb, source-and-time line and share buttons, then the WHOLE report on one line —
headings running on after the sentence before them, and table cells glued together with no
separator (a row 71, 3, 0, 0, 0, 0, 74 becomes ``713000074``), an odd space surviving here and
there. It is not one of `SHAPES`: a glued row that several splits fit is left unread by
gaolint, so a defect planted there is (rightly) not found; tests of this shape choose their
reports and defects accordingly.
"""

from __future__ import annotations

import random

from .blocks import Document, Heading, Paragraph, Table

#: What a crawler writes before the page's text.
CRAWLER_HEADER = (
    "标题: {title}\n发布时间: {year_after}-01-26 09:30\n文号: \n发布机构: \n栏目: 年度报告\n"
    "原文链接: https://www.example.gov.cn/zwgk/ndbg/{year_after}01/t{year_after}0126_1001.htm\n"
    "==================== 正文 ====================\n"
)
#: Site chrome that precedes the title on the one-line body.
CHROME = "当前位置： 首页 > 政务公开 > 政府信息公开年报 {title} 来源：本站 时间：{year_after}-01-26 微信 微博 打印 关闭 "


def _is_number(text: str) -> bool:
    return text.replace(".", "", 1).lstrip("+-").isdigit()


def glued_table(table: Table, rng: random.Random | None = None, label_space: bool = False) -> str:
    """The table's cells in reading order with every separator dropped; ``rng`` lets a space
    survive between two numbers now and then, as crawled pages show. ``label_space``: a space
    between each label and the digits after it (``…申请数量 713000074二、上年结转…``), as the
    2022 page of the crawled corpus's site has it."""
    out: list[str] = []
    previous = ""
    for row in table.rows:
        for cell in row:  # as drawn: a merged cell once, where it starts
            text = cell.text
            if not text:
                continue
            if label_space and _is_number(text) and previous and not _is_number(previous):
                out.append(" ")
            elif rng is not None and _is_number(text) and _is_number(previous) and rng.random() < 0.1:
                out.append(" ")
            out.append(text)
            previous = text
    return "".join(out)


def render_crawled(document: Document, title: str, year: int, seed: int = 0, label_space: bool = False) -> str:
    """The document as a crawler saved its page: header lines, then chrome and the whole report
    on one line (``label_space``: see ``glued_table``)."""
    rng = random.Random(seed)
    pieces: list[str] = []
    first = True
    for block in document.blocks:
        if isinstance(block, Heading) and first:
            first = False
            continue  # the title: the chrome already carries it
        if isinstance(block, (Heading, Paragraph)):
            pieces.append(block.text + (" " if isinstance(block, Heading) and rng.random() < 0.5 else ""))
        elif isinstance(block, Table):
            pieces.append(glued_table(block, rng, label_space) + " ")
    header = CRAWLER_HEADER.format(title=title, year_after=year + 1)
    return header + CHROME.format(title=title, year_after=year + 1) + "".join(pieces) + "\n"


def pipe_after_every_cell(lines: list[str]) -> list[str]:
    """A one-cell-per-line table (the "cells" shape) with a lone ``|`` after EVERY cell."""
    out: list[str] = []
    for line in lines:
        if line.strip() and not line.strip().strip("|"):
            continue  # the row separators and merged-column padding of the "cells" shape
        if line.rstrip().endswith("|"):
            out += [line.rstrip(" |"), "|"]
        else:
            out.append(line)
    return out


def pipe_after_every_cell_with_padding(lines: list[str]) -> list[str]:
    """Like ``pipe_after_every_cell``, but each row also closes with a lone ``|`` and a row short
    of the grid keeps its padding line of pipes (``||||``), as a page saved so has it."""
    out: list[str] = []
    for line in lines:
        stripped = line.strip()
        if stripped == "|":
            if out and out[-1] == "|":
                out.append("|")  # the row's own closing pipe after its last cell's
            continue
        if stripped and not stripped.strip("|"):
            out.append(stripped)  # the grid's padding
        elif line.rstrip().endswith("|"):
            out += [line.rstrip(" |"), "|"]
        else:
            out.append(line)
    return out


def blank_line_after_every_cell(lines: list[str]) -> list[str]:
    """A one-cell-per-line table with a blank line after every cell and a longer gap between
    rows."""
    out: list[str] = []
    for line in lines:
        if line.strip() == "|":
            out += ["", ""]
        elif line.strip() and not line.strip().strip("|"):
            continue  # merged-column padding
        elif line.rstrip().endswith("|"):
            out += [line.rstrip(" |"), ""]
        else:
            out.append(line)
    return out


def indented_and_spaced(lines: list[str]) -> list[str]:
    """Each cell indented and followed by a line of spaces alone, each row opening with
    ``| `` after a shorter line of spaces (a page's table copied with its layout's
    indentation; a blank cell keeps its pipe)."""
    out: list[str] = []
    for line in lines:
        if line == "|":
            out += ["    ", "| "]
        elif line == " |":
            out += ["      |", "      "]  # a blank cell keeps its pipe
        elif line.strip() and not line.strip().strip("|"):
            out.append("      " + line.strip())
        elif line.endswith(" |"):
            out += ["      " + line + " ", "      "]
        else:
            out.append(line)
    return out


def cells_as_paragraphs(lines: list[str]) -> list[str]:
    """Each cell followed by one blank line, a cell left blank by one blank line alone, and
    nothing else between rows (a page whose every cell is a paragraph, with no pipes)."""
    out: list[str] = []
    for line in lines:
        if line == " |":
            out.append("")  # a blank cell: its empty paragraph
        elif line == "|" or (line.strip() and not line.strip().strip("|")):
            continue  # a row's opening pipe, or padding
        elif line.endswith(" |"):
            out += [line[:-2], ""]
        else:
            out.append(line)
    return out
