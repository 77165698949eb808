"""What every container reader hands on: lines of text, each remembering where it came from.

Readers know nothing of rules or printing. A reader turns a file's bytes into ``Extracted``:
the report as plain lines, tables already flattened into the "one cell per line, a lone ``|``
line between rows" shape the table parser understands, and for each line the place in the
source a finding should point at.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class UnreadableFile(Exception):
    """The container cannot be opened, decoded or unpacked; becomes one GAO001 finding."""


@dataclass(frozen=True, slots=True)
class SourceLine:
    """One line of extracted text and the place it came from.

    ``line`` is 1-based: the line of the source file for text and HTML, the line of the
    extracted text for .docx and .pdf (which have no source lines). ``column`` is the source
    column of ``text[0]`` when the text maps character for character onto the source (plain
    text), else 1. ``place`` names the spot for a person when lines mean little: "第3页",
    "表3 第5行 第2列", "第12段".
    """

    text: str
    line: int
    column: int = 1
    place: str = ""


@dataclass(slots=True)
class Extracted:
    """A container's text, ready for normalising and parsing."""

    lines: list[SourceLine]
    container: str  # "text", "markdown", "html", "docx", "pdf"
    encoding: str = "utf-8"
    #: Problems the reader noticed but could work around, as (source line, message) pairs.
    damage: list[tuple[SourceLine, str]] = field(default_factory=list)
    #: Inline suppression comments found in Markdown/HTML: (line, kind, rule ids), kind is
    #: "file", "next-block" or "next-line".
    suppressions: list[tuple[int, str, tuple[str, ...]]] = field(default_factory=list)


#: Row separator emitted between table rows by container readers.
ROW_SEPARATOR = "|"
