"""The normalising pass over a container's extracted lines."""

from __future__ import annotations

import re

from ..model import Line, Location, Mention
from ..read.base import Extracted
from .pinyin import strip_pinyin
from .traditional import has_traditional, to_simplified
from .widths import arabic_years, to_halfwidth

#: Page furniture that is not part of the report: police-registration footers, ICP numbers
#: (found anywhere in a line) and page numbers such as "- 3 -", "第 3 页 共 5 页", "3/5" (a whole
#: line). Substring tests and an anchored match: a search for a pattern with ``^`` alternatives
#: would try every position of every line.
_FOOTER_WORDS = ("公网安备", "公網安備", "ICP备", "ICP備")
_PAGE_NUMBER = re.compile(
    r"\s*(?:[-—–－]\s*\d{1,3}\s*[-—–－]|第\s*\d{1,3}\s*页(?:\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3})\s*$"
)
_REGISTRATION_NUMBER = re.compile(r"^\s*\d{10,16}号\s*$")
#: A running footer as text copied from a PDF keeps it: a short name, then the page number
#: (``某某市人民政府办公室 第 1 页``, ``青禾县财政局 - 3 -``). Furniture only when the same line,
#: digits aside, is there twice or more: once, it may be the report's own words.
_RUNNING_FOOTER = re.compile(
    r"[^\d|\t]{1,30}?\s*(?:第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?|[-—–－]\s*\d{1,4}\s*[-—–－]|\d{1,4}\s*/\s*\d{1,4})\s*$"
)
_PAGE_END = frozenset("页-—–－0123456789")


def normalise(extracted: Extracted) -> tuple[list[Line], list[Mention], list[int]]:
    """Return the report's normalised lines, the damage noticed on the way, and for each picture
    the reader found (``Extracted.images``) the index of the normalised line it stands before."""
    sources = extracted.lines
    originals = [source.text for source in sources]
    runs = _one_character_runs(originals)
    images = extracted.images
    if runs:
        sources, originals = _joined(sources, originals, runs)
        images = [_after_runs(index, runs) for index in images]
    #: For each source line, the index its normalised line has (None: dropped as furniture).
    line_at: list[int | None] = []
    halves = _halfwidth_lines(originals)
    # One search over the whole text decides whether any line needs OpenCC or shows U+FFFD.
    whole = "\n".join(halves)
    traditional = has_traditional(whole)
    replaced = "\ufffd" in whole
    lines: list[Line] = []
    damage: list[Mention] = []
    previous_was_furniture = False
    footers = _running_footers(originals)
    furniture = [_is_furniture(original) for original in originals]
    headers = _running_headers(originals, furniture) if any(furniture) else set()
    for index, (source, original, text) in enumerate(zip(sources, originals, halves)):
        if (furniture[index] or (previous_was_furniture and _REGISTRATION_NUMBER.match(original))
                or (footers and original in footers) or (headers and index in headers)):
            previous_was_furniture = "公网安备" in original or "公網安備" in original
            line_at.append(None)
            continue
        previous_was_furniture = False
        if traditional and has_traditional(text):
            text = to_simplified(text)
        stripped, columns = strip_pinyin(text)
        location = Location(source.line, source.column, None, source.place)
        line = Line(len(lines), stripped, location, original, tuple(columns) if columns is not None else None)
        if columns is not None:
            damage.append(Mention("pinyin", original.strip()[:40], line.whole()))
        if replaced and "\ufffd" in stripped:
            start = stripped.index("\ufffd")
            damage.append(Mention("replacement", stripped.strip()[:40], line.location_of(start, start + 1)))
        line_at.append(len(lines))
        lines.append(line)
    for source, message in extracted.damage:
        damage.append(Mention("reader", message, Location(source.line, source.column, None, source.place)))
    return lines, damage, [_first_kept(index, line_at, len(lines)) for index in images]


def _after_runs(index: int, runs: list[tuple[int, int]]) -> int:
    """A source line's index once each run of one-character lines is one line."""
    shift = 0
    for start, end in runs:
        if index < start:
            break
        if index < end:
            return start - shift
        shift += end - start - 1
    return index - shift


def _first_kept(index: int, line_at: list[int | None], total: int) -> int:
    """The normalised line a picture before source line ``index`` stands before: that line's, or
    the first kept one after it (``total`` past the last)."""
    while index < len(line_at):
        kept = line_at[index]
        if kept is not None:
            return kept
        index += 1
    return total


#: Consecutive lines of one character each that are one line of text drawn glyph by glyph: a
#: heading or a label that a PDF viewer copied one character per line (三 / 、 / 收 / 到 …).
ONE_CHARACTER_RUN = 4


def _one_character_runs(texts: list[str]) -> list[tuple[int, int]]:
    """[start, end) of each run of ONE_CHARACTER_RUN or more lines holding one character each,
    a digit only between two characters that are not digits (第 / 1 / 页): a column of numbers,
    one per line, is a table's cells and stays as it is."""
    single = [len(text.strip()) == 1 for text in texts]
    if sum(single) < ONE_CHARACTER_RUN:
        return []
    joinable = [False] * len(texts)
    for index, text in enumerate(texts):
        if not single[index]:
            continue
        character = text.strip()
        if character in _CELL_MARKS:
            continue  # a table cell's — or / (a zero, or "not applicable"), one per line
        if not character.isdigit() and _GLYPH.match(character):  # full-width digits are digits
            joinable[index] = True
        elif 0 < index < len(texts) - 1 and single[index - 1] and single[index + 1]:
            after = texts[index + 1].strip()
            numbering = after in ".、．" and index + 2 < len(texts) and bool(_GLYPH.match(texts[index + 2].strip()[:1]))
            joinable[index] = numbering or (not texts[index - 1].strip().isdigit() and not after.isdigit())
    runs, start = [], None
    for index, ok in enumerate([*joinable, False]):
        if ok and start is None:
            start = index
        elif not ok and start is not None:
            if index - start >= ONE_CHARACTER_RUN:
                runs += _at_numberings(texts, start, index)
            start = None
    # One character over and over, digits aside (无 / 无 / 无 / 1: table cells, one per line), is
    # no word drawn glyph by glyph.
    return [(begin, end) for begin, end in runs
            if len({texts[i].strip() for i in range(begin, end) if not texts[i].strip().isdigit()}) > 1]


def _at_numberings(texts: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """The run [start, end) cut before each numbering it holds (一 / 、, （ / 二 / ）, 1 / .):
    the glyphs of a table's header and its first row's label come one after the other, and
    each label starts with its number."""
    characters = "".join(text.strip() for text in texts[start:end])
    cuts = [start + found.start() for found in _NUMBERING_START.finditer(characters) if found.start() > 0]
    pieces, previous = [], start
    for cut in [*cuts, end]:
        if cut - previous >= 2:
            pieces.append((previous, cut))
        previous = cut
    return pieces


#: What a table cell holds for zero or "not applicable" when it holds no number: never a glyph of
#: a word drawn one character per line.
_CELL_MARKS = frozenset("—–―-－/／")
#: A character that is part of a word or a label's numbering; a lone ``|`` or ``-`` is a table's
#: rule, never a glyph of the text (``5`` / ``|`` / ``0`` / ``|``: one cell per line).
_GLYPH = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff01-\uff5b\uff5d\uff5e“”‘’().:、]")
#: Where a label's numbering starts among characters one per line: 一、 （二） 3. 3、
_NUMBERING_START = re.compile(r"[一二三四五六七八九十]{1,2}、|[（(][一二三四五六七八九十]{1,2}[)）]|\d{1,2}[.、．](?=\D)")


def _joined(sources: list, originals: list[str], runs: list[tuple[int, int]]) -> tuple[list, list[str]]:
    """The lines with each run made one line, placed at its first character's line."""
    from ..read.base import SourceLine

    out_sources, out_texts = [], []
    position = 0
    for start, end in runs:
        out_sources += sources[position:start]
        out_texts += originals[position:start]
        text = "".join(t.strip() for t in originals[start:end])
        first = sources[start]
        out_sources.append(SourceLine(text, first.line, first.column, first.place))
        out_texts.append(text)
        position = end
    out_sources += sources[position:]
    out_texts += originals[position:]
    return out_sources, out_texts


def _running_footers(texts: list[str]) -> set[str]:
    """The lines that are a running footer repeated on two or more pages (see _RUNNING_FOOTER)."""
    candidates: dict[str, list[str]] = {}
    for text in texts:
        end = text.rstrip()[-1:]
        if end and end in _PAGE_END and len(text) <= 48 and _RUNNING_FOOTER.match(text):
            candidates.setdefault(_DIGITS.sub("#", text.replace(" ", "")), []).append(text)
    return {text for found in candidates.values() if len(found) >= 2 for text in found}


_DIGITS = re.compile(r"\d+")


def _running_headers(texts: list[str], furniture: list[bool]) -> set[int]:
    """The indexes of the lines that stand next to a page number line (``- 3 -``, 第3页) on two
    or more pages with the words of one of the file's first lines: a running header or footer
    on a line of its own (the title or the agency's name at the top of each page, copied from
    a PDF with its page numbers). Only those occurrences: the first lines themselves are the
    report's, and other lines beside page numbers (a table's header repeated on a new page)
    are kept."""
    first = [index for index, text in enumerate(texts[:40]) if text.strip()][:5]
    top = {texts[index].strip() for index in first}
    beside: dict[str, list[int]] = {}
    for index in [index for index, dropped in enumerate(furniture) if dropped]:  # (``_is_furniture``'s)
        if _PAGE_NUMBER.match(texts[index]) is None:
            continue  # (a registration footer)
        for step in (-1, 1):
            near = index + step
            while 0 <= near < len(texts) and abs(near - index) < 3 and not texts[near].strip():
                near += step  # (a blank line or two between)
            if 0 <= near < len(texts) and near not in first:
                words = texts[near].strip()
                if words in top and 4 <= len(words) <= 60:
                    beside.setdefault(words, []).append(near)
    return {index for found in beside.values() if len(set(found)) >= 2 for index in found}


def _is_furniture(text: str) -> bool:
    if _PAGE_NUMBER.match(text) is not None:
        return True
    # 公 is in most lines of a report (公开); 安备/安備/ICP are in footers only.
    return ("安备" in text or "安備" in text or "ICP" in text) and any(word in text for word in _FOOTER_WORDS)


def _halfwidth_lines(texts: list[str]) -> list[str]:
    """``to_halfwidth`` and ``arabic_years`` of every line, in one call over the joined text when no line holds a
    newline of its own (translate keeps lengths and never makes or removes a newline)."""
    joined = "\n".join(texts)
    if joined.count("\n") != max(len(texts) - 1, 0):
        return [arabic_years(to_halfwidth(text)) for text in texts]
    return arabic_years(to_halfwidth(joined)).split("\n") if texts else []
