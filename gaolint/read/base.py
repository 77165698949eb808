"""What every container reader hands on: lines of text, each remembering where it came from.

Readers know nothing of rules or printing. A reader turns a file's bytes into ``Extracted``:
the report as plain lines, tables already flattened into the "one cell per line, a lone ``|``
line between rows" shape the table parser understands, and for each line the place in the
source a finding should point at.
"""

from __future__ import annotations

from ..model import Record, Value
from .limits import MAX_LINE_CHARS, MAX_LINES, MAX_TEXT_CHARS


class UnreadableFile(Exception):
    """The container cannot be opened, decoded or unpacked; becomes one GAO001 finding."""


class SourceLine(Value):
    """One line of extracted text and the place it came from.

    ``line`` is 1-based: the line of the source file for text and HTML, the line of the
    extracted text for .docx and .pdf (which have no source lines). ``column`` is the source
    column of ``text[0]`` when the text maps character for character onto the source (plain
    text), else 1. ``place`` names the spot for a person when lines mean little: "第3页",
    "表3 第5行 第2列", "第12段".
    """

    __slots__ = ("text", "line", "column", "place")

    def __init__(self, text: str, line: int, column: int = 1, place: str = "") -> None:
        self.text = text
        self.line = line
        self.column = column
        self.place = place


class Extracted(Record):
    """A container's text, ready for normalising and parsing."""

    __slots__ = ("lines", "container", "encoding", "damage", "suppressions", "repeatable", "layout", "images")

    def __init__(
        self,
        lines: list[SourceLine],
        container: str,
        encoding: str = "utf-8",
        damage: list[tuple[SourceLine, str]] | None = None,
        suppressions: list[tuple[int, str, tuple[str, ...]]] | None = None,
        repeatable: bool = True,
        layout: str = "flow",
        images: list[int] | None = None,
    ) -> None:
        self.lines = lines
        self.container = container
        self.encoding = encoding
        #: Problems the reader noticed but could work around, as (source line, message) pairs.
        self.damage = [] if damage is None else damage
        #: Inline suppression comments found in Markdown/HTML: (line, kind, rule ids), kind is
        #: "file", "next-block" or "next-line".
        self.suppressions = [] if suppressions is None else suppressions
        #: False when the reader stopped on a time limit: another run, on a faster or quieter
        #: machine, may read more, so the result must not be remembered (gaolint.cache).
        self.repeatable = repeatable
        #: How the lines were obtained, for the parser (which never learns the container):
        #: "flow" — in the order the document states them (text, HTML, Word: a table row's
        #: label and numbers arrive together); "positioned" — rebuilt from where glyphs stand
        #: on a page (a PDF's text layer): a table without a ruled grid may have a row's
        #: numbers above or below its label.
        self.layout = layout
        #: Where the document shows a picture among its text (HTML and .docx readers): for each,
        #: the index in ``lines`` of the line it stands before (``len(lines)`` after the last). A
        #: section whose table is missing but which holds a picture gave its table as an image
        #: (GAO103 says so).
        self.images = [] if images is None else images


#: Row separator emitted between table rows by container readers.
ROW_SEPARATOR = "|"

#: Word's frames (a table of one row and one cell around the report or a table; the .docx and
#: .doc readers' ``_open_frames``): frames in frames opened at most, and the paragraphs that
#: make a frame of a one-cell table holding no table. A boxed note is a few paragraphs; a
#: frame around a report without tables (a 2008-format report, or one whose tables are
#: pictures), read as one cell, was one glued line whose headings were lost (GAO101).
MOST_FRAMES = 100
FRAME_PARAGRAPHS = 10


class LineCollector:
    """Lines of a word-processor body (.docx, .doc) as they are found, numbering paragraphs and
    tables, within the text limits: a line past ``MAX_LINE_CHARS`` is cut, and past
    ``MAX_TEXT_CHARS`` or ``MAX_LINES`` the rest is not read, each said as damage once."""

    def __init__(self) -> None:
        self.lines: list[SourceLine] = []
        self.damage: list[tuple[SourceLine, str]] = []
        self.paragraphs = 0
        self.tables = 0
        self.chars = 0
        self.full = False

    def _emit(self, text: str, place: str) -> None:
        if self.full:
            return
        line = len(self.lines) + 1
        if len(text) > MAX_LINE_CHARS:
            self.damage.append(
                (SourceLine(text[:80], line, 1, place), f"行过长，已截断为 {MAX_LINE_CHARS} 字符 / line cut at {MAX_LINE_CHARS} characters")
            )
            text = text[:MAX_LINE_CHARS]
        self.chars += len(text) + 1
        if self.chars > MAX_TEXT_CHARS or line > MAX_LINES:
            self.full = True
            self.damage.append((SourceLine("", line, 1, place), "文本过长，其余部分未读取 / text too long: the rest was not read"))
            return
        self.lines.append(SourceLine(text, line, 1, place))
