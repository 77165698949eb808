"""The typed report and finding model: plain data that imports nothing of gaolint's.

Parsing fills a ``Report``; rules read it and emit ``Finding``s; outputs print findings. Every
value that came from the document carries the ``Location`` it came from, so a finding can point
at the exact cell or line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"

    @property
    def rank(self) -> int:
        return {"note": 1, "warning": 2, "error": 3}[self.value]


@dataclass(frozen=True, slots=True)
class Location:
    """A place in the source: 1-based line and column (columns count characters), an exclusive
    end column, and for containers without lines a human description (表3 第5行 第2列, 第3页)."""

    line: int
    column: int = 1
    end_column: int | None = None
    place: str = ""


@dataclass(frozen=True, slots=True)
class Line:
    """One normalised line of the report: the text rules read, its source location and the
    original text (for code frames)."""

    index: int  # 0-based position among the report's lines
    text: str
    location: Location
    original: str
    #: For each character of ``text``, its index in ``original``; None when they align 1:1.
    columns: tuple[int, ...] | None = None

    def _source_index(self, index: int) -> int:
        if self.columns is None:
            return index
        if not self.columns:
            return 0
        if index >= len(self.columns):
            return self.columns[-1] + 1 + (index - len(self.columns))
        return self.columns[max(index, 0)]

    def location_of(self, start: int, end: int | None = None) -> Location:
        """Location of ``text[start:end]`` in the source, through the column map."""
        column = self.location.column + self._source_index(start)
        end_column = None
        if end is not None and end > start:
            end_column = self.location.column + self._source_index(end - 1) + 1
        return Location(self.location.line, column, end_column, self.location.place)

    def whole(self) -> Location:
        """The location of the whole line's visible text."""
        stripped = self.text.strip()
        if not stripped:
            return self.location
        start = self.text.index(stripped[0])
        return self.location_of(start, start + len(stripped))


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell holding (or meant to hold) a number."""

    raw: str
    value: float | None  # None when the text is not a number (blank, —, /)
    location: Location

    @property
    def is_count(self) -> bool:
        """A count is a non-negative integer."""
        return self.value is not None and self.value >= 0 and float(self.value).is_integer()


@dataclass(slots=True)
class Row:
    """A table row matched to a row of the format (``key`` from rules/*.yaml)."""

    key: str
    label: str  # the text found in the report
    location: Location
    cells: list[Cell] = field(default_factory=list)

    def value(self, column: int) -> float | None:
        if 0 <= column < len(self.cells):
            return self.cells[column].value
        return None


@dataclass(slots=True)
class Table:
    """One of the national tables: ``kind`` is table2, table3 or table4."""

    kind: str
    location: Location
    rows: dict[str, Row] = field(default_factory=dict)
    #: Row keys the format mandates that were not found.
    missing_rows: list[str] = field(default_factory=list)
    end_location: Location | None = None


@dataclass(slots=True)
class Section:
    """A numbered top-level section (一、…六、) and the lines it spans."""

    number: int  # 1-based position in the format's list of sections
    key: str
    title: str
    location: Location
    first_line: int  # index of the heading line
    end_line: int  # index one past the last body line
    body: str = ""


@dataclass(frozen=True, slots=True)
class DateMention:
    date: dt.date
    text: str
    location: Location


@dataclass(slots=True)
class Period:
    """The statistics period (统计期限/统计时限) as stated."""

    start: dt.date | None
    end: dt.date | None
    text: str
    location: Location


@dataclass(frozen=True, slots=True)
class Mention:
    """A sentence or phrase the rules care about (a fee statement, a contact detail)."""

    kind: str
    text: str
    location: Location


@dataclass(slots=True)
class Report:
    """Everything gaolint knows about one report file."""

    path: str
    container: str
    lines: list[Line]
    format_version: str = ""
    title: str = ""
    title_location: Location | None = None
    agency: str = ""
    agency_kind: str = ""  # "government" | "department" | ""
    year: int | None = None
    year_location: Location | None = None
    period: Period | None = None
    signing_date: DateMention | None = None
    contacts: list[Mention] = field(default_factory=list)
    fee_statements: list[Mention] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    tables: dict[str, Table] = field(default_factory=dict)
    #: Tables that were found but could only be read misaligned (a PDF table without ruled
    #: lines); they are left out of ``tables`` so no row or sum is checked, and GAO003 says why.
    unreadable_tables: list[str] = field(default_factory=list)
    #: Places where extraction damaged the text (lost date characters, pinyin residue).
    damage: list[Mention] = field(default_factory=list)
    #: Carry-over phrases naming a year (结转2026年度).
    carryover_years: list[tuple[int, Location]] = field(default_factory=list)
    #: Inline suppressions from Markdown/HTML comments: (line, kind, rule ids).
    suppressions: list[tuple[int, str, tuple[str, ...]]] = field(default_factory=list)
    #: Figures the prose states about table contents (parse.narrative.NarrativeFigure).
    narrative: list = field(default_factory=list)

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True, slots=True)
class Message:
    zh: str
    en: str

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass(slots=True)
class Finding:
    """One defect at one place."""

    rule: str
    name: str
    severity: Severity
    message: Message
    path: str
    location: Location
    #: The source line quoted under the finding, and used for the fingerprint.
    source_line: str = ""
    #: Related places (the cell a sentence contradicts), as (location, description).
    related: list[tuple[Location, str]] = field(default_factory=list)

    def sort_key(self) -> tuple:
        return (self.path, self.location.line, self.location.column, self.rule)
