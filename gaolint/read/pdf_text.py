"""Characters → text lines for the PDF reader.

A PDF text layer is a bag of positioned glyphs, not lines. Government reports are typeset
with letter-spacing (``电 话 ：``), digits in a Latin font next to CJK text (``2023 年``) and
labels stacked one character per line down a merged cell, so the layer must be rebuilt into
the text a person would copy from a web page: spaces only where they separate Latin or digit
runs (``10 1 0 0``), none inside Chinese.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .pdf_engine import Glyph

#: A visible glyph with its box (``text``, ``x0``, ``x1``, ``top``, ``bottom``, ``size``).
Char = Glyph

#: Gap between two glyphs on a line, as a share of the font size, read as a space.
SPACE_GAP = 0.25
_WHITESPACE = re.compile(r"[ \t\u3000\u00a0]+")


@dataclass(slots=True)
class TextLine:
    """One visual line of prose, with the geometry needed to undo line wrapping."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int


#: Punctuation a line may not start with (kinsoku): typesetters keep it on the line before,
#: hanging past the line's end or a cell's right rule.
NO_LINE_START = frozenset("，。、；：？！）》」』”’,.;:?!)")


def is_ascii_word(ch: str) -> bool:
    """Latin letters, digits and ASCII punctuation: runs of these keep separating spaces."""
    return "!" <= ch <= "~"


def tidy_spaces(text: str) -> str:
    """Keep one space between two ASCII runs (numbers, Latin words); drop every other space.

    ``电 话 ： 0517`` → ``电话：0517``; ``总 计`` → ``总计``; ``10 1 0`` stays.
    """
    parts = _WHITESPACE.split(text.strip())
    out = parts[0]
    for part in parts[1:]:
        if not part:
            continue
        if out and is_ascii_word(out[-1]) and is_ascii_word(part[0]):
            out += " "
        out += part
    return out


def join_wrapped(first: str, second: str, *, split_numbers: bool = False) -> str:
    """Join text wrapped over two lines: nothing between CJK, a space between Latin runs.

    With ``split_numbers`` a digit run broken over two lines is rejoined (a narrow table
    column wraps ``4119`` as ``41`` / ``19``; one cell never holds two stacked numbers).
    """
    if not first:
        return second
    if not second:
        return first
    a, b = first[-1], second[0]
    if split_numbers and a.isdigit() and b.isdigit():
        return first + second
    if a.isascii() and a.isalnum() and b.isascii() and b.isalnum():
        return f"{first} {second}"
    return first + second


def group_lines(chars: Sequence[Char]) -> list[list[Char]]:
    """Cluster glyphs into visual lines: a glyph joins a line when its vertical middle lies
    inside the band of the line's first glyph. Sorted top to bottom, each left to right."""
    ordered = sorted(chars, key=lambda c: (c.top + c.bottom, c.x0))
    lines: list[list[Char]] = []
    low, high = 0.0, -1.0
    for char in ordered:
        middle = (char.top + char.bottom) / 2
        if lines and low <= middle <= high:
            lines[-1].append(char)
        else:
            lines.append([char])
            low, high = char.top, char.bottom
    for line in lines:
        line.sort(key=lambda c: c.x0)
    return lines


#: A gap between a Chinese character and a digit this wide (a share of the font size) is a
#: typed space or a column's gap, kept: ``行政许可 97`` (a label and its figure on a line
#: with no rules) must not become ``行政许可97``. Word and LibreOffice put a quarter of the
#: size between Chinese and Latin text by themselves (``2023 年``); that gap is dropped.
KEPT_GAP = 0.33
_KEPT = "\x1f"  # a space tidy_spaces must keep, put back as a space after it


def _cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def line_text(chars: Sequence[Char]) -> str:
    """The text of one visual line, spaces inferred from gaps then tidied."""
    pieces: list[str] = []
    previous: Char | None = None
    kept = False
    for char in chars:
        if previous is not None:
            size = min(previous.size or 10.0, char.size or 10.0)
            gap = char.x0 - previous.x1
            if gap > SPACE_GAP * size:
                before, after = previous.text[-1:], char.text[:1]
                if gap > KEPT_GAP * size and ((_cjk(before) and after.isdigit()) or (before.isdigit() and _cjk(after))):
                    pieces.append(_KEPT)
                    kept = True
                else:
                    pieces.append(" ")
        pieces.append(char.text)
        previous = char
    text = tidy_spaces("".join(pieces))
    return text.replace(_KEPT, " ") if kept else text


def text_lines(chars: Sequence[Char], page: int) -> list[TextLine]:
    """Prose lines of a page (glyphs already stripped of table cells)."""
    result: list[TextLine] = []
    for line in group_lines(chars):
        text = line_text(line)
        if not text:
            continue
        sizes = sorted(c.size or 0.0 for c in line)
        result.append(
            TextLine(
                text=text,
                x0=min(c.x0 for c in line),
                x1=max(c.x1 for c in line),
                top=min(c.top for c in line),
                bottom=max(c.bottom for c in line),
                size=sizes[len(sizes) // 2] or 10.0,
                page=page,
            )
        )
    return result


def cell_text(chars: Sequence[Char]) -> str:
    """The text of one table cell: its visual lines joined as wrapped text."""
    text = ""
    for line in group_lines(chars):
        text = join_wrapped(text, line_text(line), split_numbers=True)
    return text
