"""The typed report and finding model: plain data that imports nothing of gaolint's.

Parsing fills a ``Report``; rules read it and emit ``Finding``s; outputs print findings. Every
value that came from the document carries the ``Location`` it came from, so a finding can point
at the exact cell or line.
"""

from __future__ import annotations

from enum import Enum

#: The date types of ``Period`` and ``DateMention``, which the parser and the rules build and
#: compare, taken without running Lib/datetime.py: ``import datetime`` executes its pure-Python
#: implementation and then replaces it with the C types of ``_datetime`` (about 1.4 ms of a
#: changed report's ~60 ms start-up, for classes thrown away). These are those C types
#: themselves, the classes ``datetime`` exports (``date.__module__ == "datetime"``; equal,
#: hashed and pickled alike); an interpreter without ``_datetime`` gets them from ``datetime``.
#: What it buys: docs/performance.md, "What each clever piece buys". mypy takes any name
#: ``TYPE_CHECKING`` for true and reads the first branch; at run time it is False without
#: importing ``typing`` (itself kept off the start-up path).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import MAXYEAR, date, timedelta
else:
    try:
        from _datetime import MAXYEAR, date, timedelta
    except ImportError:  # an interpreter without the C module
        from datetime import MAXYEAR, date, timedelta  # noqa: F401 (re-exported to the parser and rules)

#: How far into a report the parser looks for its title and opening words (the "first screen"
#: a reader sees): real pages put menus, breadcrumbs, blank lines and a citation of the
#: provincial notice before it. Non-blank lines, and characters; rules quote them.
TITLE_LINES = 40
TITLE_CHARS = 4000


class Record:
    """Plain data with ``__slots__``: a readable repr and field-wise equality.

    What ``@dataclass`` would write, without importing ``dataclasses`` (which pulls in inspect,
    ast and dis: about ten milliseconds of every pre-commit run). Subclasses list their fields
    in ``__slots__`` and assign them in ``__init__``.
    """

    __slots__ = ()
    #: Every field name, base classes first; set for each subclass when it is defined. A slot
    #: whose name starts with ``_`` holds something derived (an index), not a field.
    _names: tuple[str, ...] = ()

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        names: list[str] = []
        for klass in reversed(cls.__mro__):
            names.extend(name for name in vars(klass).get("__slots__", ()) if not name.startswith("_"))
        cls._names = tuple(names)

    def _values(self) -> tuple:
        return tuple([getattr(self, name) for name in self._names])

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._names)
        return f"{type(self).__name__}({inner})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]  # mutable: unhashable, as a dataclass would be


class Value(Record):
    """A Record never changed after construction: hashable by its fields."""

    __slots__ = ()

    def __hash__(self) -> int:  # type: ignore[override]  # Record sets __hash__ = None
        return hash(self._values())


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


#: How bad each severity is (by its value, or the member itself): what ``--fail-on`` and
#: "the worst finding" compare, note < warning < error.
SEVERITY_RANK = {"note": 1, "warning": 2, "error": 3}


def number_text(value: float) -> str:
    """A number as a message shows it: ``12`` for 12.0, ``2.5`` as it is."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


class Location(Value):
    """A place in the source: 1-based line and column (columns count characters), an exclusive
    end column, and for containers without lines a human description (表3 第5行 第2列, 第3页)."""

    __slots__ = ("line", "column", "end_column", "place")

    def __init__(self, line: int, column: int = 1, end_column: int | None = None, place: str = "") -> None:
        self.line = line
        self.column = column
        self.end_column = end_column
        self.place = place


class Line(Value):
    """One normalised line of the report: the text rules read, its source location and the
    original text (for code frames)."""

    __slots__ = ("index", "text", "location", "original", "columns")

    def __init__(self, index: int, text: str, location: Location, original: str,
                 columns: tuple[int, ...] | None = None) -> None:
        self.index = index  # 0-based position among the report's lines
        self.text = text
        self.location = location
        self.original = original
        #: For each character of ``text``, its index in ``original``; None when they align 1:1.
        self.columns = columns

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
        here = self.location
        if self.columns is None:  # the common case, kept cheap: tables call this per cell
            column = here.column + start
            end_column = here.column + end if end is not None and end > start else None
            return Location(here.line, column, end_column, here.place)
        column = here.column + self._source_index(start)
        end_column = None
        if end is not None and end > start:
            end_column = here.column + self._source_index(end - 1) + 1
        return Location(here.line, column, end_column, here.place)

    def whole(self) -> Location:
        """The location of the whole line's visible text."""
        stripped = self.text.strip()
        if not stripped:
            return self.location
        start = self.text.index(stripped[0])
        return self.location_of(start, start + len(stripped))


class Cell(Value):
    """One table cell holding (or meant to hold) a number."""

    __slots__ = ("raw", "value", "location", "inferred")

    def __init__(self, raw: str, value: float | None, location: Location, inferred: bool = False) -> None:
        self.raw = raw
        self.value = value  # None when the text is not a number (blank, —, /)
        self.location = location
        #: True when the cell was cut out of a run of glued digits (``713000074``) by the only
        #: split that fits the row's width and sums: a finding on it says so.
        self.inferred = inferred

    @property
    def is_count(self) -> bool:
        """A count is a non-negative integer."""
        return self.value is not None and self.value >= 0 and float(self.value).is_integer()


class Row(Record):
    """A table row matched to a row of the format (``key`` from rules/*.yaml)."""

    __slots__ = ("key", "label", "location", "cells")

    def __init__(self, key: str, label: str, location: Location, cells: list[Cell] | None = None) -> None:
        self.key = key
        self.label = label  # the text found in the report
        self.location = location
        self.cells = [] if cells is None else cells

    def value(self, column: int) -> float | None:
        if 0 <= column < len(self.cells):
            return self.cells[column].value
        return None


class Table(Record):
    """One of the national tables: ``kind`` is table2, table3 or table4."""

    __slots__ = ("kind", "location", "rows", "missing_rows", "end_location", "inferred_rows", "unread_rows")

    def __init__(self, kind: str, location: Location, rows: dict[str, Row] | None = None,
                 missing_rows: list[str] | None = None, end_location: Location | None = None,
                 inferred_rows: list[str] | None = None, unread_rows: list[str] | None = None) -> None:
        self.kind = kind
        self.location = location
        self.rows = {} if rows is None else rows
        #: Row keys the format mandates that were not found.
        self.missing_rows = [] if missing_rows is None else missing_rows
        self.end_location = end_location
        #: Rows whose cells were glued into digit runs and split by the only split that fits.
        self.inferred_rows = [] if inferred_rows is None else inferred_rows
        #: Rows that are there but whose glued digits fit no split or several: present, and
        #: holding no cells, so no sum is checked on a guess.
        self.unread_rows = [] if unread_rows is None else unread_rows


class Section(Record):
    """A numbered top-level section (一、…六、) and the lines it spans."""

    __slots__ = ("number", "key", "title", "location", "first_line", "end_line", "body")

    def __init__(self, number: int, key: str, title: str, location: Location, first_line: int,
                 end_line: int, body: str = "") -> None:
        self.number = number  # 1-based position in the format's list of sections
        self.key = key
        self.title = title
        self.location = location
        self.first_line = first_line  # index of the heading line
        self.end_line = end_line  # index one past the last body line
        self.body = body


class DateMention(Value):
    __slots__ = ("date", "text", "location")

    def __init__(self, date: date, text: str, location: Location) -> None:
        self.date = date
        self.text = text
        self.location = location


class Period(Record):
    """The statistics period (统计期限/统计时限) as stated."""

    __slots__ = ("start", "end", "text", "location")

    def __init__(self, start: date | None, end: date | None, text: str, location: Location) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.location = location

    @property
    def damaged(self) -> bool:
        """A period statement was found but its dates could not be read."""
        return self.start is None and self.end is None


class Mention(Value):
    """A sentence or phrase the rules care about (a fee statement, a contact detail)."""

    __slots__ = ("kind", "text", "location")

    def __init__(self, kind: str, text: str, location: Location) -> None:
        self.kind = kind
        self.text = text
        self.location = location


class FeeStatement(Mention):
    """A sentence saying whether 信息处理费 were charged, with what the parser read in it:
    whether it says none were (未收取…), and each amount or number of fee notices it gives as
    (matched text, figure or None, start, end) in ``text``."""

    __slots__ = ("says_none", "amounts")

    def __init__(self, kind: str, text: str, location: Location, says_none: bool = False,
                 amounts: list[tuple[str, str | None, int, int]] | None = None) -> None:
        super().__init__(kind, text, location)
        self.says_none = says_none
        self.amounts = [] if amounts is None else amounts


class Report(Record):
    """Everything gaolint knows about one report file."""

    __slots__ = (
        "path", "container", "lines", "format_version", "title", "title_location", "agency",
        "agency_kind", "year", "year_location", "period", "signing_date", "contacts",
        "fee_statements", "sections", "tables", "unreadable_tables", "pictured_tables", "damage", "carryover_years",
        "suppressions", "narrative", "repeatable", "opening_phrases", "announcement_phrases", "listed_titles",
    )

    def __init__(self, path: str, container: str, lines: list[Line], format_version: str = "",
                 title: str = "", title_location: Location | None = None, agency: str = "",
                 agency_kind: str = "", year: int | None = None, year_location: Location | None = None,
                 period: Period | None = None, signing_date: DateMention | None = None) -> None:
        self.path = path
        self.container = container
        self.lines = lines
        self.format_version = format_version
        self.title = title
        self.title_location = title_location
        self.agency = agency
        self.agency_kind = agency_kind  # "government" | "department" | ""
        self.year = year
        self.year_location = year_location
        self.period = period
        self.signing_date = signing_date
        self.contacts: list[Mention] = []
        self.fee_statements: list[FeeStatement] = []
        self.sections: list[Section] = []
        self.tables: dict[str, Table] = {}
        #: Tables that were found but could only be read misaligned (a PDF table without ruled
        #: lines); they are left out of ``tables`` so no row or sum is checked, and GAO003 says why.
        self.unreadable_tables: list[str] = []
        #: Tables not found as text whose section holds a picture (a web page that pasted a
        #: screenshot of the table): still missing as tables (GAO103), and said to be pictures.
        self.pictured_tables: list[str] = []
        #: Places where extraction damaged the text (lost date characters, pinyin residue).
        self.damage: list[Mention] = []
        #: Carry-over phrases naming a year (结转2026年度).
        self.carryover_years: list[tuple[int, Location]] = []
        #: Inline suppressions from Markdown/HTML comments: (line, kind, rule ids).
        self.suppressions: list[tuple[int, str, tuple[str, ...]]] = []
        #: Figures the prose states about table contents (parse.narrative.NarrativeFigure).
        self.narrative: list = []
        #: False when the reader stopped on a time limit, so a rerun may read more.
        self.repeatable = True
        #: The phrases annual reports open with (rules/common.yaml ``report_evidence``: 本报告,
        #: 统计期限 …) found in the first screen of text, outside cited titles, in that order.
        self.opening_phrases: list[str] = []
        #: Words of a page announcing a report kept elsewhere (rules/common.yaml
        #: ``announcement_words``: 附件, 详见 …) found in the first screen of text, in that order.
        #: Looked for only in a file with no period, fewer than two sections and no table.
        self.announcement_phrases: list[str] = []
        #: Lines of the first screen that are each a report's title (one on a report, many on
        #: a site's list of reports), distinct, in order; looked for as announcement_phrases.
        self.listed_titles: list[str] = []

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


class Message(Value):
    __slots__ = ("zh", "en")

    def __init__(self, zh: str, en: str) -> None:
        self.zh = zh
        self.en = en

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


class Finding(Record):
    """One defect at one place."""

    __slots__ = ("rule", "name", "severity", "message", "path", "location", "source_line", "related")

    def __init__(self, rule: str, name: str, severity: Severity, message: Message, path: str,
                 location: Location, source_line: str = "",
                 related: list[tuple[Location, str]] | None = None) -> None:
        self.rule = rule
        self.name = name
        self.severity = severity
        self.message = message
        self.path = path
        self.location = location
        #: The source line quoted under the finding, and used for the fingerprint.
        self.source_line = source_line
        #: Related places (the cell a sentence contradicts), as (location, description).
        self.related = [] if related is None else related

    def sort_key(self) -> tuple:
        return (self.path, self.location.line, self.location.column, self.rule)


class ReportFacts(Record):
    """The little a repository-level rule needs from each report, small enough to send back
    from a worker process."""

    __slots__ = (
        "path", "agency", "agency_kind", "year", "format_version", "carried_over",
        "carried_forward", "documents", "locations", "source_lines"
    )

    def __init__(
        self,
        path: str,
        agency: str = "",
        agency_kind: str = "",
        year: int | None = None,
        format_version: str = "",
        carried_over: list | None = None,
        carried_forward: list | None = None,
        documents: dict | None = None,
        locations: dict[str, list[Location]] | None = None,
        source_lines: dict | None = None,
    ) -> None:
        self.path = path
        self.agency = agency
        self.agency_kind = agency_kind
        self.year = year
        self.format_version = format_version
        #: table-3 rows 二 and 四 as lists of 7 values (None where unreadable), with locations.
        self.carried_over = carried_over
        self.carried_forward = carried_forward
        #: table-2 rows (regulations, normative_documents): (issued, repealed, in force) values.
        self.documents = {} if documents is None else documents
        #: locations of those cells, parallel to the values.
        self.locations = {} if locations is None else locations
        self.source_lines = {} if source_lines is None else source_lines
