"""The format versions as plain records: sections, tables, rows and identities of one revision
of the national format (or of the 2008 regulation's free form).

Part of the model: it imports nothing of gaolint's but ``gaolint.model``. ``gaolint.formats``
reads ``rules/*.yaml`` into these records (docs/formats.md describes every key); parsing and
rules only read them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Set

from .model import Cell, Row, Table, Value


class RowSpec(Value):
    __slots__ = (
        "key", "label", "match", "exact", "columns", "parent", "group", "total", "amount", "signed",
        "not_applicable", "running_total",
    )

    def __init__(
        self,
        key: str,
        label: str,
        match: tuple[str, ...],
        exact: tuple[str, ...] = (),
        columns: tuple[str, ...] = (),
        parent: str = "",
        group: bool = False,
        total: bool = False,
        amount: bool = False,
        signed: tuple[int, ...] = (),
        not_applicable: tuple[str, ...] = (),
        running_total: bool = False,
    ) -> None:
        self.key = key
        self.label = label
        self.match = match
        self.exact = exact
        self.columns = columns
        self.parent = parent
        self.group = group
        self.total = total
        self.amount = amount
        self.signed = signed
        #: Marks an agency may write instead of a count when the row does not apply to it
        #: ("/" in 规章 for an agency with no rule-making power).
        self.not_applicable = not_applicable
        #: The row's three columns are issued this year, repealed this year and in force at the
        #: year's end: in force = last year's in force + issued − repealed (GAO602).
        self.running_total = running_total


class TableSpec(Value):
    __slots__ = ("kind", "title", "section", "anchors", "opens", "rows", "columns", "groups", "_by_key")

    def __init__(
        self,
        kind: str,
        title: str,
        section: str,
        anchors: tuple[str, ...],
        rows: tuple[RowSpec, ...] = (),
        columns: tuple[str, ...] = (),
        groups: tuple[tuple[str, str], ...] = (),
        opens: tuple[str, ...] = (),
    ) -> None:
        self.kind = kind
        self.title = title
        self.section = section
        #: Words anywhere in a line that start the table when its section heading is missing.
        self.anchors = anchors
        #: Words that start the table when they open a line (after a numeral such as 一、).
        self.opens = opens
        self.rows = rows
        self.columns = columns
        self.groups = groups  # (key, label) for table 4
        #: Rows by key (the first of a key wins, as a scan in order would find it).
        self._by_key: dict[str, RowSpec] = {}
        for row in reversed(rows):
            self._by_key[row.key] = row

    def row(self, key: str) -> RowSpec | None:
        """The row spec with this key: rules ask for it once per row of every report."""
        return self._by_key.get(key)

    def columns_of(self, row: RowSpec | None) -> tuple[str, ...]:
        """The columns a row has: its own (table 2's rows differ) or the table's."""
        return row.columns if row is not None and row.columns else self.columns

    def leaves(self, parent: str) -> list[RowSpec]:
        """Rows that hold numbers under ``parent`` (a group's children, recursively), in order."""
        out: list[RowSpec] = []
        for row in self.rows:
            if row.parent == parent and not row.total:
                out.extend([row] if not row.group else [row] + self.leaves(row.key))
        return out

    # --- which rows of a table read an identity adds up -----------------------------------------
    # Asked by the arithmetic rules, which check the identities, and by the parser, which uses
    # them to choose between the splits of a row whose digits came glued.

    def is_full(self, row: Row) -> bool:
        """A row read with as many cells as the format gives it. A row a cell short (or long)
        is GAO105's: which column lost its cell is unknown, so its numbers stand in the wrong
        columns and a sum over them would report a false difference."""
        return bool(row.cells) and len(row.cells) == len(self.columns_of(self.row(row.key)))

    def leaf_rows(self, table: Table, parent: str) -> list[Row] | None:
        """The rows of ``table`` whose numbers add up to ``parent``'s total; None when one is
        missing, since a sum over an incomplete table would only repeat GAO104, or has the wrong
        width (GAO105)."""
        rows: list[Row] = []
        for child in (r for r in self.rows if r.parent == parent and not r.total):
            row = table.rows.get(child.key)
            if row is not None and row.cells and not self.is_full(row):
                return None
            if row is not None and row.cells:
                rows.append(row)
            elif child.group:
                nested = self.leaf_rows(table, child.key)
                if nested is None or not nested:
                    return None
                rows.extend(nested)
            else:
                return None
        return rows

    def side_rows(self, table: Table, terms: list) -> list[Row] | None:
        """The rows of ``table`` one side of an identity names (a row key, or ``{leaves_of:
        group}``); None when one of them is missing or not full."""
        rows: list[Row] = []
        for term in terms:
            if isinstance(term, dict) and "leaves_of" in term:
                leaves = self.leaf_rows(table, term["leaves_of"])
                if leaves is None:
                    return None
                rows.extend(leaves)
            else:
                row = table.rows.get(term)
                if row is None or not self.is_full(row):
                    return None
                rows.append(row)
        return rows


def column_cells(rows: list[Row], column: int) -> list[Cell] | None:
    """The cells of ``rows`` in ``column``; None when a row is too short or its cell holds no
    number (GAO105/GAO106 report those; a sum over them would only repeat it)."""
    cells = []
    for row in rows:
        if column >= len(row.cells):
            return None
        cell = row.cells[column]
        if cell.value is None:
            return None
        cells.append(cell)
    return cells


class SectionSpec(Value):
    __slots__ = ("key", "title", "match", "numeral", "required", "not_empty")

    def __init__(
        self,
        key: str,
        title: str,
        match: tuple[str, ...],
        numeral: str = "",
        required: bool = True,
        not_empty: bool = False,
    ) -> None:
        self.key = key
        self.title = title
        self.match = match
        self.numeral = numeral
        self.required = required
        self.not_empty = not_empty


class FormatSpec(Value):
    __slots__ = (
        "version", "name", "year_from", "year_to", "markers", "ordered", "sections",
        "accountability", "tables", "identities", "deadlines", "obligations", "period_starts",
        "national", "headers", "wording",
    )

    def __init__(
        self,
        version: str,
        name: str,
        year_from: int | None,
        year_to: int | None,
        markers: tuple[str, ...],
        ordered: bool,
        sections: tuple[SectionSpec, ...],
        accountability: tuple[str, ...],
        tables: dict[str, TableSpec],
        identities: tuple[dict, ...],
        deadlines: dict[str, str] | None = None,
        obligations: dict[str, str | int] | None = None,
        period_starts: tuple[str, ...] = (),
        national: bool = False,
        headers: tuple[str, ...] = (),
        wording: tuple[str, ...] = (),
    ) -> None:
        self.version = version
        self.name = name
        self.year_from = year_from
        self.year_to = year_to
        self.markers = markers
        self.ordered = ordered
        self.sections = sections
        self.accountability = accountability
        self.tables = tables
        self.identities = identities
        self.deadlines = {} if deadlines is None else deadlines
        #: What the report must state besides its sections and tables, e.g. ``fee_statement``:
        #: ``processing-fee`` (信息处理费, cn-2021), ``charges-and-waivers`` (收费及减免, cn-2008)
        #: or ``none`` (cn-2019, which predates the 信息处理费 rules).
        self.obligations = {"fee_statement": "processing-fee"} if obligations is None else obligations
        #: Start dates ("YYYY-MM-DD") a period may have besides 1 January: 2008-05-01, the day
        #: the 2008 regulation took effect, for the 2008 reports.
        self.period_starts = period_starts
        #: A revision of the national format (国办公开办函): its tables and identities apply.
        self.national = national
        #: Words of the format's table headers (勾稽关系, 第二十条): a report with no year and
        #: no marker that has one is in the newest format listing it.
        self.headers = headers
        #: Words of the regulation the format belongs to (总体情况, 收到和处理 for the 2019
        #: regulation; 收费及减免 for 2008), which tell a free-form report's era.
        self.wording = wording

    @property
    def fee_obligation(self) -> str:
        return str(self.obligations.get("fee_statement", "processing-fee"))

    @property
    def fee_statement_from(self) -> int | None:
        """The first report year the fee statement is due (``obligations.fee_statement_from``):
        a report of an earlier year written in this format owes none."""
        year = self.obligations.get("fee_statement_from")
        return year if isinstance(year, int) else None

    @property
    def running_totals(self) -> bool:
        """Whether a table has rows whose in-force count carries over years (GAO602)."""
        return any(row.running_total for table in self.tables.values() for row in table.rows)

    def covers_year(self, year: int) -> bool:
        return (self.year_from is None or year >= self.year_from) and (self.year_to is None or year <= self.year_to)

    def cell_sums(self, table: str) -> dict | None:
        """The identity that adds up cells within one row (``per: row``) or one group
        (``per: group``) of ``table``: it tells how a row of glued digits may be split."""
        return next((i for i in self.identities if i.get("table") == table and i.get("per") in ("row", "group")), None)

    def column_sums(self, table: str) -> list[dict]:
        """The identities that add up cells down the columns of ``table`` (``per: column``):
        they choose between the splits of glued rows that several fit."""
        return [i for i in self.identities if i.get("table") == table and i.get("per") == "column"]


class FormatSelection(Set):
    """The format versions a rule applies to, named by a property of their data
    (``FormatSelection("national")``: every format with ``national: true``), so a new revision
    in YAML is picked up without naming it in Python. Read lazily: formats may be added (an
    extra formats folder) after the rules are defined."""

    #: Every format by version; installed by ``gaolint.formats`` (the loader) when imported.
    source: Callable[[], dict[str, FormatSpec]] | None = None

    def __init__(self, attribute: str) -> None:
        self.attribute = attribute

    def _formats(self) -> dict[str, FormatSpec]:
        if FormatSelection.source is None:
            raise RuntimeError("format data not loaded: import gaolint.formats first")
        return FormatSelection.source()

    def __contains__(self, version: object) -> bool:
        spec = self._formats().get(version) if isinstance(version, str) else None
        return spec is not None and bool(getattr(spec, self.attribute))

    def __iter__(self) -> Iterator[str]:
        return iter([version for version, spec in self._formats().items() if getattr(spec, self.attribute)])

    def __len__(self) -> int:
        return len(list(iter(self)))

    def __repr__(self) -> str:
        return f"FormatSelection({self.attribute!r})"
