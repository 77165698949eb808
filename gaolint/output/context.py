"""What every output format may know besides the findings."""

from __future__ import annotations

import re

from ..model import Record, Value

#: Characters a terminal or a CI log acts on instead of showing: C0 controls (ESC starts colour
#: and cursor sequences, a newline splits a finding's line, CR overwrites it), DEL, C1 controls
#: (CSI), line/paragraph separators and bidirectional overrides (which reorder what is shown).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def shown(text: str) -> str:
    """``text`` as a human-readable output may print it: file names and report lines come from
    outside, so every character that a terminal or log would act on is written as a visible
    escape (``\\x1b``, ``\\n``, ``\\u202e``); everything else, CJK included, is unchanged."""
    if text.isascii() and text.isprintable():
        return text
    return _UNSAFE.sub(_escape, text)



class OutputContext(Record):
    """Everything a format may print besides the findings, as plain data built by the run
    (``gaolint.run``): what a format needs beyond the common fields it asks for by its flags in
    ``gaolint.output.FORMATS``."""

    __slots__ = ("lang", "files", "clean", "color", "rules", "catalog", "category", "reports", "overview")

    def __init__(
        self,
        lang: str = "zh",
        files: int = 0,
        clean: int = 0,
        color: bool = False,
        rules: tuple[str, ...] = (),
        catalog: list[RuleInfo] | None = None,
        category: str | None = None,
        reports: list[ReportRow] | None = None,
        overview=None,
    ) -> None:
        self.lang = lang
        self.files = files
        #: Files that produced no finding at all.
        self.clean = clean
        self.color = color
        #: Codes of rules that were enabled for the run (SARIF lists them).
        self.rules = rules
        #: The rule catalog, for formats that describe rules (SARIF, HTML, xlsx).
        self.catalog = [] if catalog is None else catalog
        #: SARIF ``automationDetails.id`` (``--sarif-category``); None: left out.
        self.category = category
        #: One row per file of the run, in the run's order (HTML, xlsx).
        self.reports = [] if reports is None else reports
        #: The agency × year table (``gaolint.overview.Overview``: plain data), for xlsx.
        self.overview = overview


class ReportRow(Value):
    """One file of the run as outputs see it: its path and what was read of the report (empty
    or None when the file is not an annual report, or could not be read)."""

    __slots__ = ("path", "agency", "year", "format_version")

    def __init__(self, path: str, agency: str = "", year: int | None = None, format_version: str = "") -> None:
        self.path = path
        self.agency = agency
        self.year = year
        self.format_version = format_version


class RuleInfo(Value):
    """A rule as outputs see it: plain data, taken from the registry by the caller."""

    __slots__ = ("code", "name", "severity", "summary", "doc", "name_zh", "tool_failure")

    def __init__(self, code: str, name: str, severity: str, summary: str, doc: str, name_zh: str = "",
                 tool_failure: bool = False) -> None:
        self.code = code
        self.name = name
        self.severity = severity
        self.summary = summary
        self.doc = doc
        #: The rule's Chinese title (缺少必要部分), "" where it has none.
        self.name_zh = name_zh
        #: Its findings report a failure of gaolint itself (GAO000), not of the report.
        self.tool_failure = tool_failure
