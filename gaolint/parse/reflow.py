"""Cutting run-on lines at the section headings they hide.

Reports copied from a web page or saved by a crawler often put the whole body on ONE line:
``…统计期限自2021年1月1日起至2021年12月31日止。一、总体情况2021年，…二、主动公开政府信息情况
第二十条…``. Every later step reads lines (a heading is a line, a table spans lines), so a long
line is cut where a heading of the format starts mid-line, and again where that heading's title
ends. Each piece is a ``Line`` of its own that still points into the same source line, so
findings keep their exact column.

A heading is only taken mid-line where a sentence could have ended before it (``。``, ``；``,
a space, a closing bracket, the digits of a table row, the start of the line) and where the
words after its numeral name one of the format's sections; table row labels that look like
headings (``四、结转下年度继续办理``) are never cut out as sections.
"""

from __future__ import annotations

import re

from ..model import Line, Location
from ..model_format import FormatSpec
from .labels import squeeze

#: Lines this long or shorter are left alone: find_sections reads a line of up to this many
#: characters as a heading with its first sentence run in (六、其他需要报告的事项：本年度…). A
#: longer one is cut here, or its heading would be read by neither.
LONG_LINE = 70
#: Numbered items looked at in one line; a whole crawled report has a few dozen.
MAX_NUMERALS = 2_000
#: A numbered heading: 一、 二. 第三部分、 …
_NUMERAL = re.compile(r"(?:第)?[一二三四五六七八九十]{1,2}(?:部分)?\s*[、.]\s*")
#: What may stand right before a heading that starts mid-line.
_BEFORE = frozenset("。；;！!？?）)】>”\"'’ \t\u3000") | frozenset("0123456789")
def _full_stop_before(text: str, start: int) -> bool:
    """A half-width full stop ends the sentence before a heading (…电子邮箱：gk@qh.gov.cn）.一、总体
    情况, text typed or converted with ASCII punctuation), unless a digit stands before it (2.5万元.)."""
    return text[start - 1] == "." and start > 1 and not text[start - 2].isdigit()


#: Where a heading's title ends when it does not end with the format's own title.
_TITLE_STOP = re.compile(r"[\s(（。:：；;,，]|\d")
#: How far after the numeral a title may run.
_TITLE_REACH = 40


def _section_words(formats: list[FormatSpec]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(match words, full titles) of every section of every format, squeezed."""
    words: set[str] = set()
    titles: set[str] = set()
    for fmt in formats:
        for section in fmt.sections:
            words.update(squeeze(word) for word in section.match if word)
            titles.add(squeeze(section.title))
    ordered = lambda items: tuple(sorted(items, key=len, reverse=True))  # noqa: E731
    return ordered(words), ordered(titles)


def _title_end(text: str, start: int, titles: tuple[str, ...]) -> int:
    """Where the title that starts at ``text[start]`` ends: after the format's full title when
    the text starts with it, else at the first bracket, stop, space or digit."""
    window = text[start : start + _TITLE_REACH + 20]
    for title in titles:
        end = _prefix_end(window, title)
        if end is not None:
            return start + end
    stop = _TITLE_STOP.search(text, start, start + _TITLE_REACH)
    return stop.start() if stop is not None else min(len(text), start + _TITLE_REACH)


def _prefix_end(window: str, title: str) -> int | None:
    """The index in ``window`` just past ``title`` when ``window`` opens with it, ignoring the
    punctuation ``squeeze`` drops (a title may be written with or without its 、)."""
    matched = 0
    for index, char in enumerate(window):
        if matched == len(title):
            return index
        if not squeeze(char):
            continue
        if char != title[matched]:
            return None
        matched += 1
    return len(window) if matched == len(title) else None


#: A title this long is specific enough to mark a heading even glued to a table cell
#: (``…32.52元三、收到和处理政府信息公开申请情况``).
_SPECIFIC_TITLE = 8
#: Words that continue a list of section names in a sentence (``…主动公开政府信息情况等六个部分``).
_LISTING = frozenset("等和与及、,，")


def _whole_title_follows(text: str, start: int, titles: tuple[str, ...]) -> bool:
    window = text[start : start + _TITLE_REACH + 20]
    for title in titles:
        if len(title) < _SPECIFIC_TITLE:
            continue
        end = _prefix_end(window, title)
        if end is not None and window[end : end + 1] not in _LISTING:
            return True
    return False


def heading_cuts(text: str, words: tuple[str, ...], titles: tuple[str, ...]) -> list[int]:
    """Positions in ``text`` where a line should be cut: each heading's start and its title's
    end."""
    from ..formats import load_common

    table_words = load_common().table_words  # words of table rows: never a section's title
    cuts: list[int] = []
    for seen, match in enumerate(_NUMERAL.finditer(text)):
        if seen >= MAX_NUMERALS:
            break  # no report body numbers this many things in one line: hostile text
        start = match.start()
        title_start = match.end()
        head = squeeze(text[title_start : title_start + _TITLE_REACH])
        if start > 0 and text[start - 1] not in _BEFORE and not _full_stop_before(text, start) \
                and not _whole_title_follows(text, title_start, titles):
            continue  # mid-sentence, unless the format's whole (long) title follows
        if not any(head.startswith(word) or word in head[:16] for word in words):
            continue
        if any(word in head[:16] for word in table_words):
            continue
        end = _title_end(text, title_start, titles)
        after = text[end : end + 1]
        if (after and after in "；;、") or (after == "。" and start > 0 and text[start - 1] in "；;"):
            continue  # "…组成：一、总体情况；二、主动公开…": a list of the parts, not headings
        if start > 0:
            cuts.append(start)
        if end < len(text):
            cuts.append(end)
    return sorted(set(cuts))


def _piece(line: Line, start: int, end: int) -> Line:
    """The part ``line.text[start:end]`` as a line that still points into the same source."""
    here = line.location
    if line.columns is None:
        location = Location(here.line, here.column + start, None, here.place)
        return Line(0, line.text[start:end], location, line.original)
    return Line(0, line.text[start:end], here, line.original, line.columns[start:end])


def reflow(lines: list[Line], formats: list[FormatSpec], marks: list[int] | None = None) -> list[Line]:
    """``lines`` with every long line cut at the section headings it runs on into. ``marks``
    (indexes into ``lines``: where pictures stand) are moved in place to the same lines' new
    indexes."""
    if not any(len(line.text) > LONG_LINE for line in lines):
        return lines
    words, titles = _section_words(formats)
    out: list[Line] = []
    first_piece: list[int] = []  # for each line of ``lines``, the index of its first piece in ``out``
    for line in lines:
        first_piece.append(len(out))
        text = line.text
        cuts = heading_cuts(text, words, titles) if len(text) > LONG_LINE else []
        if not cuts:
            out.append(line)
            continue
        bounds = [0, *cuts, len(text)]
        for start, end in zip(bounds, bounds[1:]):
            piece = _piece(line, start, end)
            if piece.text.strip():
                out.append(piece)
    for index, line in enumerate(out):
        if line.index != index:
            out[index] = Line(index, line.text, line.location, line.original, line.columns)
    if marks:
        marks[:] = [first_piece[mark] if mark < len(first_piece) else len(out) for mark in marks]
    return out
