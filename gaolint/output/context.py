"""What every output format may know besides the findings."""

from __future__ import annotations

from ..model import Record, Value



class OutputContext(Record):
    __slots__ = ("lang", "files", "clean", "color", "rules", "notes", "catalog")

    def __init__(
        self,
        lang: str = "zh",
        files: int = 0,
        clean: int = 0,
        color: bool = False,
        rules: tuple[str, ...] = (),
        notes: list[str] | None = None,
        catalog: list[RuleInfo] | None = None,
    ) -> None:
        self.lang = lang
        self.files = files
        #: Files that produced no finding at all.
        self.clean = clean
        self.color = color
        #: Codes of rules that were enabled for the run (SARIF lists them).
        self.rules = rules
        self.notes = [] if notes is None else notes
        #: The rule catalog, for formats that describe rules (SARIF, HTML).
        self.catalog = [] if catalog is None else catalog


class RuleInfo(Value):
    """A rule as outputs see it: plain data, taken from the registry by the caller."""

    __slots__ = ("code", "name", "severity", "summary", "doc")

    def __init__(self, code: str, name: str, severity: str, summary: str, doc: str) -> None:
        self.code = code
        self.name = name
        self.severity = severity
        self.summary = summary
        self.doc = doc
