"""Plain text and Markdown reports: decode, split into lines, collect inline suppressions."""

from __future__ import annotations

import re

from .base import Extracted, SourceLine
from .decode import decode_bytes
from .limits import MAX_LINE_CHARS, MAX_LINES, MAX_TEXT_CHARS

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


def read_text(data: bytes, path: str, container: str = "text") -> Extracted:
    text, encoding = decode_bytes(data)
    notes: list[str] = []
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
    return extracted


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
