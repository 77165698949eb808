"""Lines that a fixed width wrapped in the middle of a sentence.

Text copied out of a PDF viewer, or saved from a page laid out at a fixed width, keeps the
line breaks of the page: ``…全年共收取信息处理费2600`` / ``元。``. A newline ends a sentence
for the prose readers (``metadata.Prose``), so the amount lost its unit and the figure its
measure: GAO402 and GAO305 were missed on such text. The PDF reader joins the lines a
paragraph wraps over from their positions; a text file has no positions, only the lines'
widths: wrapped text has a right margin that most of its lines reach.

So a line break is taken for a wrap only when
* the prose has a margin: at least ``MARGIN_SHARE`` of its longer lines (and ``MARGIN_LINES``
  of them) end within a few columns of one width, the widest such width (a web page's
  paragraphs, one line each, have no such margin);
* the line reaches that margin and does not end a sentence (。！？；, or a closing quote or
  bracket after one);
* the next line follows it directly (no blank line, no table between them) and does not start
  with a heading's or an item's numbering.
Everything else stays a sentence end, as before.
"""

from __future__ import annotations

import re

from ..model import Line

#: Lines narrower than this (in columns: a CJK character is two) tell nothing of a margin.
MIN_WIDTH = 24
#: Lines that must reach the margin, at least, and as a share of the lines at least MIN_WIDTH.
MARGIN_LINES = 4
MARGIN_SHARE = 0.3
#: How far short of the margin a full line may end (punctuation squeezed, a Latin word moved
#: down whole): this many columns, or this share of the margin, whichever is more.
SLACK_COLUMNS = 4
SLACK_SHARE = 0.1

#: What ends a sentence at the end of a line (a closing quote or bracket may follow it);
#: searched in the last few characters of a line without its trailing spaces.
_SENTENCE_END = re.compile(r"[。！？；!?;][”’\"')）】」』]{0,3}$")
_END_REACH = 4
#: The start of a heading or an item: 一、 （一） (1) 1. 1、 第一部分 ① •.
_NUMBERED = re.compile(r"\s*(?:第?[一二三四五六七八九十]{1,3}(?:部分)?\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|\d{1,2}\s*[.、．](?!\d)|[①-⑳•·●■◆])")


def _width(text: str) -> int:
    """Columns ``text`` fills: a character outside ASCII counts two (UTF-8 gives CJK three bytes,
    so bytes plus characters, halved, is the count without a per-character lookup)."""
    return (len(text.encode("utf-8", "surrogatepass")) + len(text)) // 2


def margin(widths: list[int]) -> int | None:
    """The right margin most of the longer lines reach, or None when the text has none."""
    long = sorted((w for w in widths if w >= MIN_WIDTH), reverse=True)
    needed = max(MARGIN_LINES, int(len(long) * MARGIN_SHARE + 0.999))
    if len(long) < needed:
        return None
    low = 0
    reach = long[0] - _slack(long[0])
    for high, width in enumerate(long):  # widest first: the first window full enough wins
        while width < reach:
            low += 1
            reach = long[low] - _slack(long[low])
        if high - low + 1 >= needed:
            return long[low]
    return None


def _slack(margin_width: int) -> int:
    return max(SLACK_COLUMNS, int(margin_width * SLACK_SHARE))


def soft_breaks(lines: list[Line]) -> set[int]:
    """Indexes ``i`` (into ``lines``) whose break before ``lines[i + 1]`` is a wrap."""
    texts = [line.text.rstrip() for line in lines]
    # The breaks that could be wraps (a long enough line that does not end a sentence, the next
    # line right below it): most reports, a paragraph a line, have few or none, and then the
    # margin is not worth measuring.
    end = _SENTENCE_END.search
    candidates = [
        index for index in range(len(lines) - 1)
        if len(texts[index]) * 2 >= MIN_WIDTH and not end(texts[index], max(0, len(texts[index]) - _END_REACH))
        and texts[index + 1] and lines[index + 1].index == lines[index].index + 1
    ]
    if not candidates:
        return set()
    widths = {index: _width(text) for index, text in enumerate(texts) if len(text) * 2 >= MIN_WIDTH}
    right = margin(list(widths.values()))
    if right is None:
        return set()
    full = right - _slack(right)
    return {index for index in candidates if widths[index] >= full and not _NUMBERED.match(texts[index + 1])}


__all__ = ["margin", "soft_breaks"]
