"""The format versions (cn-2021, cn-2019, cn-2008), read from the YAML files in ``rules/``.

The YAML is the single source of sections, rows, columns, identities and deadlines, so a new
format revision is a data change. Parsing YAML with ruamel.yaml costs more than a whole lint of
one report, so the parsed data is cached (as JSON checked against digests of the files and of itself:
gaolint/startcache.py) under ~/.cache/gaolint; a pre-commit run reads the cache and never
imports ruamel.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import TYPE_CHECKING

from .model import Value

if TYPE_CHECKING:  # imported where used: this module is on the start-up path
    from pathlib import Path

    from .format_data import CommonSpec


class RowSpec(Value):
    __slots__ = (
        "key", "label", "match", "exact", "columns", "parent", "group", "total", "amount", "signed",
        "not_applicable",
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


class TableSpec(Value):
    __slots__ = ("kind", "title", "section", "anchors", "rows", "columns", "groups", "_by_key")

    def __init__(
        self,
        kind: str,
        title: str,
        section: str,
        anchors: tuple[str, ...],
        rows: tuple[RowSpec, ...] = (),
        columns: tuple[str, ...] = (),
        groups: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self.kind = kind
        self.title = title
        self.section = section
        self.anchors = anchors
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

    def leaves(self, parent: str) -> list[RowSpec]:
        """Rows that hold numbers under ``parent`` (a group's children, recursively), in order."""
        out: list[RowSpec] = []
        for row in self.rows:
            if row.parent == parent and not row.total:
                out.extend([row] if not row.group else [row] + self.leaves(row.key))
        return out


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
        "version", "name", "basis", "year_from", "year_to", "markers", "ordered", "sections",
        "accountability", "tables", "identities", "deadlines", "obligations", "period_starts"
    )

    def __init__(
        self,
        version: str,
        name: str,
        basis: str,
        year_from: int | None,
        year_to: int | None,
        markers: tuple[str, ...],
        ordered: bool,
        sections: tuple[SectionSpec, ...],
        accountability: tuple[str, ...],
        tables: dict[str, TableSpec],
        identities: tuple[dict, ...],
        deadlines: dict[str, str] | None = None,
        obligations: dict[str, str] | None = None,
        period_starts: tuple[str, ...] = (),
    ) -> None:
        self.version = version
        self.name = name
        self.basis = basis
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

    @property
    def fee_obligation(self) -> str:
        return self.obligations.get("fee_statement", "processing-fee")

    def covers_year(self, year: int) -> bool:
        return (self.year_from is None or year >= self.year_from) and (self.year_to is None or year <= self.year_to)


def formats_dir() -> Path:
    """Where the format YAML lives: inside the installed package, or ``rules/`` in a checkout."""
    from pathlib import Path

    return Path(_formats_folder())


def _formats_folder() -> str:
    # os.path, not pathlib: pathlib (with urllib.parse) is a few ms of a pre-commit run.
    packaged = os.path.join(os.path.dirname(__file__), "formats")
    if os.path.isdir(packaged):
        return packaged
    return os.path.join(os.path.dirname(os.path.dirname(os.path.realpath(__file__))), "rules")


def _load_raw() -> list[dict]:
    """The parsed YAML of every format file, from the start-up cache when it is current
    (gaolint/startcache.py: checked JSON, never executed)."""
    from . import startcache

    folder = _formats_folder()
    files = sorted(os.path.join(folder, name) for name in os.listdir(folder) if name.endswith(".yaml"))
    blobs = []
    for path in files:
        with open(path, "rb") as handle:
            blobs.append(handle.read())
    raw = startcache.load_formats(blobs)
    if raw is not None:
        return raw
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    import json

    # Through JSON: plain dicts, lists, strings and numbers, whatever types the loader returns.
    raw = json.loads(json.dumps([yaml.load(blob.decode("utf-8")) for blob in blobs], ensure_ascii=False))
    startcache.save_formats(blobs, raw)
    return raw


def _row(data: dict) -> RowSpec:
    return RowSpec(
        key=data["key"],
        label=data["label"],
        match=tuple(data.get("match") or ()),
        exact=tuple(data.get("exact") or ()),
        columns=tuple(data.get("columns") or ()),
        parent=data.get("parent", ""),
        group=bool(data.get("group", False)),
        total=bool(data.get("total", False)),
        amount=data.get("value") == "amount",
        signed=tuple(data.get("signed") or ()),
        not_applicable=tuple(data.get("not_applicable") or ()),
    )


def _table(kind: str, data: dict) -> TableSpec:
    return TableSpec(
        kind=kind,
        title=data["title"],
        section=data.get("section", ""),
        anchors=tuple(data.get("anchors") or ()),
        rows=tuple(_row(r) for r in data.get("rows") or ()),
        columns=tuple(data.get("columns") or ()),
        groups=tuple((g["key"], g["label"]) for g in data.get("groups") or ()),
    )


def _format(data: dict) -> FormatSpec:
    years = data.get("years") or {}
    return FormatSpec(
        version=data["version"],
        name=data["name"],
        basis=data.get("basis", ""),
        year_from=years.get("from"),
        year_to=years.get("to"),
        markers=tuple(data.get("markers") or ()),
        ordered=bool(data.get("ordered", True)),
        sections=tuple(
            SectionSpec(
                key=s["key"],
                title=s["title"],
                match=tuple(s["match"]),
                numeral=s.get("numeral", ""),
                required=bool(s.get("required", True)),
                not_empty=bool(s.get("not_empty", False)),
            )
            for s in data.get("sections") or ()
        ),
        accountability=tuple(data.get("accountability") or ()),
        tables={kind: _table(kind, t) for kind, t in (data.get("tables") or {}).items()},
        identities=tuple(data.get("identities") or ()),
        deadlines=dict(data.get("deadlines") or {}),
        obligations=dict(data.get("obligations") or {}),
        period_starts=tuple(str(d) for d in data.get("period_starts") or ()),
    )


@lru_cache(maxsize=1)
def load_formats() -> dict[str, FormatSpec]:
    """Every format version by name, newest first."""
    from .format_data import check_format

    specs = [_format(check_format(d)) for d in _load_raw() if d.get("kind") != "common"]
    specs.sort(key=lambda f: f.year_from or 0, reverse=True)
    return {spec.version: spec for spec in specs}


@lru_cache(maxsize=1)
def load_common() -> CommonSpec:
    """The wording data shared by every format (rules/common.yaml), checked when loaded."""
    from .format_data import CommonSpec

    raw = [d for d in _load_raw() if d.get("kind") == "common"]
    return CommonSpec.from_data(raw[0] if raw else {})


def get_format(version: str) -> FormatSpec:
    return load_formats()[version]
