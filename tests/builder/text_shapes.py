"""Render a `Document` as the plain-text shapes reports take when copied from web pages.

Each shape mirrors one seen in the corpus: "pipe" (cells joined by ` | `, covered columns padded
with bare `|`), "cells" (one cell per line, lone `|` lines between rows), "tabs" (tab-indented
cells, blank line between rows), "markdown" (pipe tables, merged cells left empty) and "merged"
(like pipe, but wide header cells spill over several lines). Paragraphs and headings take one
line each.
"""

from __future__ import annotations

import re
from typing import Callable

from .blocks import Document, Heading, Paragraph, Table

SHAPES = ("pipe", "cells", "tabs", "markdown", "merged")

#: Characters per physical line of a spilled header cell in the "merged" shape.
WRAP = 4


def width(table: Table) -> int:
    """Columns of the grid; the first row has nothing merged into it from above."""
    return sum(c.colspan for c in table.rows[0]) if table.rows else 0


def _pipe_line(texts: list[str], pad: int) -> str:
    # A covered column adds a bare `|`; the line ends at the last pipe, as copied page text does.
    return ("".join(t + " | " for t in texts) + "|" * pad).rstrip()


def _pipe(table: Table) -> list[str]:
    w = width(table)
    return [_pipe_line([c.text for c in row], w - len(row)) for row in table.rows]


def _spill(text: str, wrap: int = WRAP) -> str:
    """Wrap a header cell into lines of at most `wrap` characters, balanced in length."""
    if len(text) <= wrap:
        return text
    lines = -(-len(text) // wrap)
    size = -(-len(text) // lines)
    return "\n".join(text[i : i + size] for i in range(0, len(text), size))


def _is_number(text: str) -> bool:
    return text.replace(".", "", 1).lstrip("-").isdigit()


def _merged(table: Table) -> list[str]:
    if table.kind not in ("table3", "table4"):
        return _pipe(table)
    w, out, in_header = width(table), [], True
    for row in table.rows:
        in_header = in_header and not any(_is_number(c.text) for c in row)
        texts = [
            _spill(c.text) if in_header and (c.rowspan > 1 or c.colspan > 1) else c.text
            for c in row
        ]
        out.append(_pipe_line(texts, w - len(row)))
    return out


def _cells(table: Table) -> list[str]:
    w, out = width(table), []
    for row in table.rows:
        out.append("|")
        out += [f"{c.text} |" for c in row]
        if w - len(row):
            out.append("|" * (w - len(row)))
    return out


def _tabs(table: Table) -> list[str]:
    out: list[str] = []
    for row in table.rows:
        out += [f"\t{c.text}" for c in row]
        out.append("")
    return out


def _markdown(table: Table) -> list[str]:
    grid = _origin_grid(table)
    lines = ["| " + " | ".join(r) + " |" for r in grid]
    if lines:
        lines.insert(1, "|" + "---|" * len(grid[0]))
    return lines


def _origin_grid(table: Table) -> list[list[str]]:
    """The full grid with each merged cell's text at its top-left corner and blanks elsewhere."""
    taken: set[tuple[int, int]] = set()
    grid: list[list[str]] = [[""] * width(table) for _ in table.rows]
    for r, row in enumerate(table.rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            grid[r][c] = cell.text
            taken.update((r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan))
            c += cell.colspan
    return grid


_TABLES: dict[str, Callable[[Table], list[str]]] = {
    "pipe": _pipe, "cells": _cells, "tabs": _tabs, "markdown": _markdown, "merged": _merged,
}


def render_text(document: Document, shape: str = "pipe") -> str:
    """The document as one text shape; every line ends with a newline."""
    try:
        draw = _TABLES[shape]
    except KeyError:
        raise ValueError(f"unknown shape {shape!r}; expected one of {SHAPES}") from None
    markdown = shape == "markdown"
    lines: list[str] = []
    for block in document.blocks:
        if isinstance(block, Heading):
            lines.append("#" * (block.level + 1) + " " + block.text if markdown else block.text)
        elif isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            lines += draw(block)
        if markdown:
            lines.append("")  # Markdown needs blank lines to keep blocks apart
    return "\n".join(lines).rstrip("\n") + "\n"



#: What a layout engine keeps on one line: a run of Latin letters, digits and the marks of a
#: number, an e-mail or a web address (a CJK character may end a line anywhere).
_UNBREAKABLE = re.compile(r"[A-Za-z0-9@._/:%]+|.")


def _columns(text: str) -> int:
    """Width on the page: a character outside ASCII (CJK, full-width, the curly quotes and
    dashes a CJK font draws full-width) is as wide as two Latin ones."""
    return sum(1 if ord(ch) < 0x80 else 2 for ch in text)


def hard_wrap(text: str, columns: int) -> str:
    """``text`` with every prose line broken where a page ``columns`` CJK characters wide ends
    it, as a PDF viewer's copy or a fixed-width page gives it: anywhere between CJK
    characters, never inside a number, an e-mail or a web address (digits and Latin letters
    are half as wide, so a line holding them holds more characters). Table lines (with ``|``
    or mostly digits) are left alone."""
    out: list[str] = []
    width = 2 * columns
    for line in text.split("\n"):
        digits = sum(ch.isdigit() for ch in line)
        if "|" in line or _columns(line) <= width or digits > len(line) // 3:
            out.append(line)
            continue
        current, used = "", 0
        for piece in _UNBREAKABLE.findall(line):
            size = _columns(piece)
            if current and used + size > width:
                out.append(current)
                current, used = "", 0
            current += piece
            used += size
        out.append(current)
    return "\n".join(out)
