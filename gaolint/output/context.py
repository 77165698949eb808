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
