"""A table row whose every count was left blank, where no cell holds a value at all.

Table 4 has one row of fifteen counts. An agency with no review and no lawsuit sometimes
leaves all fifteen blank instead of writing 0. With no value anywhere, the table reader has
nothing to start the row from, and the table was reported missing (GAO103), though it stands
on the page with its header and its empty row. Such a row is read here from the lines after
the header, as blank cells, so that GAO106 says what is wrong: the counts are not written.

A blank cell is what each shape leaves of it: a pipe row of spaces (`` |  |  | … |``, also
Markdown's), a tab row with nothing between the tabs, a lone pipe or tab on its own line (a page
copied one cell per line), or an empty line (a web page's or Word file's cell as the readers
give it). Lines of pipes alone (``||||||``) are a header's padding, not cells.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Line
from .cells import EMPTY, Token, _pipe_cells

#: Cells beyond the row's count that may still belong to it: the lone pipes that open and close
#: a row copied one cell per line, and a stray blank line.
SURPLUS = 3


def blank_row(lines: list[Line], count: int, header_words: Sequence[str]) -> list[Token] | None:
    """The ``count`` blank cells of the last run of blank-cell lines after the header (a line
    naming one of ``header_words``, the table's columns) in ``lines``, when that run holds
    ``count`` cells or a few more (``SURPLUS``); None when there is no such run: then there is
    no table (a section of prose, blank lines between its paragraphs). Call it only for a
    table none of whose cells holds a value: any writing ends a run."""
    found: list[Token] | None = None
    run: list[Token] = []
    header = False
    for line in [*lines, None]:
        cells = None if line is None else _blank_cells(line)
        if cells is not None:
            if header:
                run += cells
            continue
        if count <= len(run) <= count + SURPLUS:
            found = _trimmed(run, count)
        run = []
        header = header or (line is not None and any(word in line.text for word in header_words))
    return found


def _blank_cells(line: Line) -> list[Token] | None:
    """The blank cells a line holds, or None when something is written on it."""
    text = line.text
    if text.replace("|", "").strip():
        return None
    if "|" not in text and "\t" not in text:
        return [_blank(line, 0)]  # an empty line: a cell as the web page and Word readers give it
    lone = text.strip(" ")
    if lone == "|" or lone == "\t":  # a lone pipe or tab: a cell copied one per line
        return [_blank(line, text.index(lone))]
    tabs = "\t" in text
    # pieces between pipes or tabs: blanks, or nothing between two pipes (a header's padding,
    # no cell; between two tabs, a cell)
    return [_blank(line, start) for start, raw in _pipe_cells(text) if raw or tabs]


def _blank(line: Line, start: int) -> Token:
    return (EMPTY, "", line, start, start, None)


def _trimmed(run: list[Token], count: int) -> list[Token]:
    """``run`` less its surplus cells: the lone pipes that open and close it, then blank lines
    at its end, then at its start."""
    def lone_pipe(token: Token) -> bool:
        return bool(token[2].text.strip(" ") in ("|", "\t"))

    def blank_line(token: Token) -> bool:
        return "|" not in token[2].text and "\t" not in token[2].text

    low, high = 0, len(run)
    if high - low > count and lone_pipe(run[low]):
        low += 1
    if high - low > count and lone_pipe(run[high - 1]):
        high -= 1
    while high - low > count and blank_line(run[high - 1]):
        high -= 1
    while high - low > count and blank_line(run[low]):
        low += 1
    while high - low > count:
        low += 1
    return run[low:high]
