"""Page furniture and paragraphs: turning page-by-page lines into the text of a web page.

Printed pages add what a web page does not have: page numbers (``- 3 -``), running headers
and footers repeated on every page, and prose wrapped at the right margin. Rules that look
for a sentence (统计期限自…起至…止) or a phone number must not see a line break in the middle,
so a line that runs to the right margin is joined with the next one when that one starts at
the left margin (Chinese paragraphs start indented, headings too).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .pdf_tables import PageTable
from .pdf_text import NO_LINE_START, TextLine, join_wrapped

#: A line that is only a page number. Blanks around an optional comma are ``(?:\s*[,，])?\s*``,
#: not ``\s*[,，]?\s*``: two stars competing for one run of blanks are quadratic in it.
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－~～]?\s*\d{1,4}\s*[-—–－~～]?"
    r"|第\s*\d{1,4}\s*页(?:(?:\s*[,，/])?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页(?:\s*[,，])?\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page|Page|PAGE)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)$"
)
_HEADING_START = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十]{1,3}[）)]|第[一二三四五六七八九十]{1,3}[章节部分])")
#: How a full line ends when its sentence goes on: a Chinese character or a comma, not the
#: punctuation that ends a sentence or a heading. A line that wraps before （八）项 or 一、 then
#: goes on with them (依据《条例》第二十条第 / （八）项…): they open no heading there.
_MID_PHRASE = re.compile(r"[\u4e00-\u9fff，、“《(（]$")
#: A heading whose numeral lost its 、 (二主动公开政府信息情况, 二 主动公开…): a short line opening
#: with a Chinese numeral, holding no punctuation (``_is_bare_heading``).
_BARE_NUMERAL = re.compile(r"^[一二三四五六七八九十]{1,3}\s*+[\u4e00-\u9fff]")
_BARE_HEADING_CHARS = 30
_SENTENCE_MARKS = frozenset("。，,；;：:！？!?")


def _is_bare_heading(text: str) -> bool:
    """A line that is a section heading even without the 、 after its numeral: short, opening
    with a numeral, no punctuation. (A wrapped line of prose that opens with 一, as 进 / 一步
    does, is either a full line or the paragraph's end with its 。.)"""
    return (len(text) <= _BARE_HEADING_CHARS and _BARE_NUMERAL.match(text) is not None
            and not _SENTENCE_MARKS.intersection(text))


#: Share of the page height at the top and bottom where headers, footers and numbers live.
MARGIN_SHARE = 0.12


@dataclass(slots=True)
class PageContent:
    """What one page holds, in reading order: prose lines and table pieces."""

    number: int
    height: float
    width: float
    items: list[TextLine | PageTable]
    #: Visible glyphs on the page, and how many of them pdfminer could not map to Unicode.
    glyphs: int = 0
    undecoded: int = 0
    #: Whether the page draws a picture: a page with almost no text that draws one is a scan;
    #: one that draws none is a blank page (a separator, the empty first page of a printed web
    #: page) or a page holding only its page number, rules or a stamp's outline.
    drawn: bool = True


def _in_margin(line: TextLine, height: float) -> bool:
    return line.bottom <= height * MARGIN_SHARE or line.top >= height * (1 - MARGIN_SHARE)


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.replace(" ", ""))


def drop_furniture(pages: Sequence[PageContent]) -> None:
    """Remove page numbers and running headers/footers (margin lines repeated on ≥2 pages,
    digits ignored) in place."""
    seen: Counter[str] = Counter()
    for page in pages:
        keys = {_furniture_key(i.text) for i in page.items
                if isinstance(i, TextLine) and _in_margin(i, page.height)}
        seen.update(keys)
    for page in pages:
        page.items = [
            i for i in page.items
            if not (isinstance(i, TextLine) and _in_margin(i, page.height) and (
                _PAGE_NUMBER.match(i.text) or (len(pages) > 1 and seen[_furniture_key(i.text)] > 1)
            ))
        ]


@dataclass(frozen=True, slots=True)
class Column:
    """The text column prose wraps in: its edges and the body font size."""

    left: float
    right: float
    body_size: float


def _column(lines: Sequence[TextLine], page_width: float) -> Column | None:
    """The text column, or None when nothing looks wrapped. Left: the leftmost start of the
    longer lines. Right: the median end of the lines ending near the rightmost one (a line
    whose digits overflow the margin must not move it). Trusted only when several lines
    reach it and it lies about as far from the page's right edge as the left one from the
    left edge: a document of short lines (a list, a form) has nothing wrapped to undo."""
    long_lines = [i for i in lines if len(i.text) >= 8]
    if not long_lines:
        return None
    sizes = sorted(i.size for i in long_lines)
    body = max(sizes[len(sizes) // 2], 1.0)
    left = min(i.x0 for i in long_lines)
    furthest = max(i.x1 for i in long_lines)
    near = sorted(i.x1 for i in long_lines if i.x1 >= furthest - 3 * body)
    right = near[len(near) // 2]
    if len(near) < 2 or abs((page_width - right) - left) > 0.12 * page_width:
        return None
    return Column(left=left, right=right, body_size=body)


def join_paragraphs(pages: Sequence[PageContent]) -> list[TextLine | PageTable]:
    """Flatten pages into one item list, joining wrapped prose lines (see module docstring).
    A joined line keeps the page it starts on."""
    widths = sorted(p.width for p in pages)
    column = _column([i for p in pages for i in p.items if isinstance(i, TextLine)],
                     widths[len(widths) // 2] if widths else 0.0)
    out: list[TextLine | PageTable] = []
    tail: TextLine | None = None  # the last physical line of the paragraph being built
    for page in pages:
        for item in page.items:
            if isinstance(item, PageTable):
                out.append(item)
                tail = None
                continue
            if tail is not None and column is not None and _continues(tail, item, column):
                paragraph = out[-1]
                assert isinstance(paragraph, TextLine)
                paragraph.text = join_wrapped(paragraph.text, item.text)
            else:
                out.append(TextLine(item.text, item.x0, item.x1, item.top, item.bottom,
                                    item.size, item.page))
            tail = item
    return out


_LATIN_RUN = re.compile(r"[!-~]+")


def _first_word_width(text: str, size: float) -> float:
    """Roughly how wide the start of a line is that could not have stayed on the line
    before: a whole Latin/digit run (``223100``), else one character, plus a following
    punctuation mark that may not start a line."""
    run = _LATIN_RUN.match(text)
    if run:
        return len(run.group()) * 0.55 * size
    return 2 * size if len(text) > 1 and text[1] in NO_LINE_START else size


def _continues(line: TextLine, following: TextLine, column: Column) -> bool:
    """Whether ``following`` is the wrapped rest of ``line``'s paragraph: ``line`` runs to
    the right edge (no room left for the next line's first word) and ``following`` starts
    at the left edge, or, for a title set larger than the body, is centred under it."""
    size = max(line.size, 1.0)
    if abs(following.size - line.size) > 0.2 * size:
        return False
    if column.right - line.x1 > _first_word_width(following.text, size) + 0.5 * size:
        return False
    if following.page == line.page and following.top - line.bottom > 1.5 * size:
        return False
    if following.page not in (line.page, line.page + 1):
        return False
    if _HEADING_START.match(following.text) and not _MID_PHRASE.search(line.text):
        return False  # (after a line that stops mid-phrase, 第 / （八）项…, it is the sentence's)
    if _is_bare_heading(following.text) and column.right - following.x1 > 2 * size:
        return False  # (a full line is the paragraph's, whatever it opens with)
    if following.x0 <= column.left + 0.5 * size:
        return True
    centre = (column.left + column.right) / 2
    title = size >= 1.15 * column.body_size and following.page == line.page
    return title and abs((following.x0 + following.x1) / 2 - centre) <= size
