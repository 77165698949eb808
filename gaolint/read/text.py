"""Plain text and Markdown reports: decode, split into lines, collect inline suppressions."""

from __future__ import annotations

import re

from .base import Extracted, SourceLine
from .decode import decode_bytes
from .limits import MAX_LINE_CHARS, MAX_LINES, MAX_TEXT_BYTES, MAX_TEXT_CHARS

#: <!-- gaolint: disable=GAO401,GAO5 -->  /  <!-- gaolint: disable-next-line=GAO303 -->
#: The IDs are one greedy run of ``[A-Za-z0-9_,\s]`` straight after ``=`` (blanks included,
#: stripped by the caller): no two quantifiers compete for the same blanks, so a comment left
#: open before thousands of spaces fails in linear time (the old ``\s*([…\s]+?)\s*-->`` was
#: quadratic in the run of blanks).
#: ``disable-row``/``disable-cell`` name a row (and column) of the next table after a ``;``
#: (resolved by gaolint.suppress), so the comment can stand before a Markdown table, not in it.
SUPPRESSION = re.compile(
    r"<!--\s*gaolint:\s*(disable|disable-next-line|disable-row|disable-cell)\s*=([A-Za-z0-9_,\s]+)"
    r"(?:;((?:[^<-]|<(?!!--)|-(?!->))*))?-->"
)


def split_lines(text: str, limit: int = -1) -> list[str]:
    """Lines as a person sees them: CRLF, CR and LF all end a line; nothing else does. With a
    ``limit``, at most that many lines and then the rest of the text as one more item (a file
    of millions of short lines is never made into millions of strings)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n", limit)


def _code_unit(data: bytes) -> tuple[int, str]:
    """(bytes per code unit, codec of a newline) as decode_bytes will see the data: UTF-32 and
    UTF-16 by their BOM or their NUL bytes, otherwise an ASCII-compatible encoding (UTF-8,
    GB18030, Big5), where a 0x0A byte is always a newline."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return 4, "utf-32-le" if data[0] == 0xFF else "utf-32-be"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return 2, "utf-16-le" if data[0] == 0xFF else "utf-16-be"
    head = data[:4096]
    if b"\x00" in head:
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if max(even, odd) > len(head) // 6:
            return 2, "utf-16-le" if odd > even else "utf-16-be"
    return 1, "ascii"


def cut_bytes(data: bytes, limit: int = MAX_TEXT_BYTES) -> bytes:
    """``data`` up to the last line end before ``limit`` bytes (whole code units of UTF-16 and
    UTF-32, never half a UTF-8 character when no line ends), so that only what can be read is
    decoded."""
    if len(data) <= limit:
        return data
    unit, codec = _code_unit(data)
    newline = "\n".encode(codec)
    end = limit - limit % unit
    found = data.rfind(newline, 0, end)
    while found > 0 and found % unit:
        found = data.rfind(newline, 0, found)
    if found > 0:
        return data[: found + len(newline)]
    if unit == 1:  # no line end at all: do not split a UTF-8 sequence
        while end > 0 and 0x80 <= data[end] < 0xC0:
            end -= 1
    return data[:end]


#: How a web page's source opens: a .txt holding one (a page saved with ``curl > report.txt``,
#: or its source copied) is read as the page it is, not as text full of tags.
_PAGE_START = (b"<!doctype html", b"<html")


def read_text(data: bytes, path: str, container: str = "text") -> Extracted:
    if container == "text" and data[:256].lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith(_PAGE_START):
        from .html import read_html

        return read_html(data, path)
    notes: list[str] = []
    if len(data) > MAX_TEXT_BYTES:
        data = cut_bytes(data)
        notes.append(f"文件超过 {MAX_TEXT_BYTES // (1024 * 1024)} MB，其余部分未读取 / file larger than"
                     f" {MAX_TEXT_BYTES // (1024 * 1024)} MB: the rest was not read")
    text, encoding = decode_bytes(data)
    del data  # the caller's copy is its own; ours need not outlive decoding
    if len(text) > MAX_TEXT_CHARS:
        text = text[:MAX_TEXT_CHARS]
        notes.append(f"文本超过 {MAX_TEXT_CHARS} 个字符，其余部分未读取 / text longer than {MAX_TEXT_CHARS}"
                     f" characters: the rest was not read")
    texts = split_lines(text, MAX_LINES)
    if len(texts) > MAX_LINES:
        del texts[MAX_LINES:]
        notes.append(f"文件超过 {MAX_LINES} 行，其余部分未读取 / more than {MAX_LINES} lines: the rest was not read")
    lines = []
    for number, line in enumerate(texts, start=1):
        if len(line) > MAX_LINE_CHARS:
            line = line[:MAX_LINE_CHARS]
        lines.append(SourceLine(line, number))
    extracted = Extracted(lines=lines, container=container, encoding=encoding)
    if notes:
        last = lines[-1].line if lines else 1
        extracted.damage = [(SourceLine("", last), note) for note in notes]
    if container == "markdown" and "gaolint" in text:
        extracted.suppressions = find_suppressions(lines)
    if container == "markdown" and "<!--" in text:
        blank_comments(lines)
    return extracted


def blank_comments(lines: list[SourceLine]) -> None:
    """Blank out HTML comments (``<!-- … -->``, over several lines too) in Markdown, column for
    column: a rendered page never shows them, so their words and digits are no report text (a
    comment on the signing-date line hid the date; one after a heading joined its title).
    Suppression comments are read before this and stay as they are (GAO010 shows their line
    and fingerprints it). A comment that never closes is left as text:
    a slip of the writer's must not blank the rest of the report. One pass: once no ``-->``
    follows, no later comment can close either."""
    joined = "\n".join(source.text for source in lines)
    pieces: list[str] = []
    position = 0
    while (start := joined.find("<!--", position)) >= 0 and (end := joined.find("-->", start + 4)) >= 0:
        pieces.append(joined[position:start])
        comment = joined[start : end + 3]
        # a gaolint comment stays: its line is what GAO010 shows and fingerprints
        pieces.append(comment if _GAOLINT_COMMENT.match(comment) else _NOT_NEWLINE.sub(" ", comment))
        position = end + 3
    if not pieces:
        return
    pieces.append(joined[position:])
    for source, text in zip(lines, "".join(pieces).split("\n")):
        source.text = text


_NOT_NEWLINE = re.compile(r"[^\n]")
_GAOLINT_COMMENT = re.compile(r"<!--\s*+gaolint\s*+:")


def find_suppressions(lines: list[SourceLine]) -> list[tuple[int, str, tuple[str, ...]]]:
    """Inline ``<!-- gaolint: ... -->`` comments. ``disable`` before the first heading covers
    the whole file, elsewhere the next block; ``disable-next-line`` the next non-blank line."""
    found: list[tuple[int, str, tuple[str, ...]]] = []
    seen_heading = False
    for source in lines:
        stripped = source.text.lstrip()
        if stripped.startswith("#") or _looks_like_heading(stripped):
            seen_heading = True
        for match in SUPPRESSION.finditer(source.text):
            ids = tuple(i.strip().upper() for i in match.group(2).split(",") if i.strip())
            if match.group(1) == "disable-next-line":
                kind = "next-line"
            elif match.group(1) in ("disable-row", "disable-cell"):
                kind = f"{match.group(1)[len('disable-'):]}:{match.group(3) or ''}"  # "row:row=（七）总计"
            else:
                kind = "next-block" if seen_heading else "file"
            found.append((source.line, kind, ids))
    return found


_HEADING = re.compile(r"^[一二三四五六七八九十]+[、.．]")


def _looks_like_heading(text: str) -> bool:
    return bool(_HEADING.match(text))


def read_markdown(data: bytes, path: str) -> Extracted:
    return read_text(data, path, container="markdown")
