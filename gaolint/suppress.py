"""Inline suppressions: which lines a ``<!-- gaolint: ... -->`` comment covers, which findings
it silences, and which comments silenced nothing (GAO010).

Readers find the comments (``Extracted.suppressions``); the engine resolves them against the
report's lines into ``Suppression`` ranges carried back in ``FileResult``; the run's
configuration applies them once every finding, including repository-level ones, is known.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from .model import Finding, Line, Report, Value

#: A gaolint comment. Its body never runs past another ``<!--``: with ``.*?`` a line of many
#: unclosed ``<!-- gaolint:`` scanned to its end from each of them (quadratic).
_COMMENT = re.compile(r"<!--\s*gaolint:(?:[^<-]|<(?!!--)|-(?!->))*-->")
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
_ROW_SEPARATOR = "|"


class Suppression(Value):
    """One comment: where it is, what it names, and the source lines it covers (inclusive)."""

    __slots__ = ("line", "kind", "ids", "first", "last", "source", "column", "span", "target")

    def __init__(
        self,
        line: int,
        kind: str,
        ids: tuple[str, ...],
        first: int,
        last: int,
        source: str = "",
        column: int = 1,
        span: tuple[int, int] | None = None,
        target: str = "",
    ) -> None:
        self.line = line
        self.kind = kind
        self.ids = ids
        self.first = first
        self.last = last
        #: The comment's own source line (for the code frame and fingerprint of GAO010), if known.
        self.source = source
        self.column = column
        #: For a row or cell on one line: the columns it takes, [start, end).
        self.span = span
        #: What a ``disable-row``/``disable-cell`` comment named, as a person wrote it.
        self.target = target

    def covers(self, finding: Finding) -> bool:
        if self.kind == "file":
            return True
        if not self.first <= finding.location.line <= self.last:
            return False
        return self.span is None or self.span[0] <= finding.location.column < self.span[1]

    def names(self, code: str) -> str | None:
        """The ID or prefix in this comment that matches ``code``, if any."""
        return next((i for i in self.ids if code.startswith(i)), None)


def _is_comment_only(text: str) -> bool:
    return bool(_COMMENT.search(text)) and not _COMMENT.sub("", text).strip()


def resolve(report: Report) -> list[Suppression]:
    """The line ranges the report's suppression comments cover.

    ``file`` covers everything. ``next-line`` covers the next line with text (for an HTML table
    row, every cell of that row). ``next-block`` covers from the next line with text up to the
    next blank line or the next heading.

    Each comment is placed by bisection over the lines and each block's end is found once, so
    a file of thousands of comments stays linear (scanning the lines once per comment took
    minutes on 40,000 of them)."""
    if not report.suppressions:
        return []
    lines = report.lines
    headings = {s.location.line for s in report.sections}
    if report.title_location is not None:
        headings.add(report.title_location.line)

    def is_heading(index: int) -> bool:
        line = lines[index]
        return line.location.line in headings or bool(_MARKDOWN_HEADING.match(line.original))

    numbers = [line.location.line for line in lines]
    in_order = all(a <= b for a, b in zip(numbers, numbers[1:]))
    # next_text[i]: the first index at or after i holding text that is not only a comment.
    next_text: list[int | None] = [None] * (len(lines) + 1)
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        has_text = bool(line.text.strip()) and not _is_comment_only(line.original)
        next_text[index] = index if has_text else next_text[index + 1]
    sources: dict[int, Line] = {}
    for line in lines:
        if "gaolint" in line.original:
            sources.setdefault(line.location.line, line)
    ends: dict[tuple[str, int], int] = {}

    def end_of(kind: str, start: int) -> int:
        key = (kind, start)
        if key not in ends:
            end = start
            if kind == "next-line":
                if lines[start].text.strip() == _ROW_SEPARATOR:
                    while end + 1 < len(lines) and lines[end + 1].text.strip() != _ROW_SEPARATOR:
                        end += 1
            else:
                while end + 1 < len(lines):
                    following = lines[end + 1]
                    if not following.text.strip() or is_heading(end + 1):
                        break
                    end += 1
            ends[key] = end
        return ends[key]

    resolved = []
    last_line = max(numbers, default=1)
    for comment_line, kind, ids in report.suppressions:
        source, column = "", 1
        found = sources.get(comment_line)
        if found is not None:
            source = found.original
            column = found.original.find("<!--") + 1 or 1
        if kind.startswith(("row:", "cell:")):
            resolved.append(_table_target(report, comment_line, kind, ids, source, column))
            continue
        if kind == "file":
            resolved.append(Suppression(comment_line, kind, ids, 1, last_line, source, column))
            continue
        if in_order:
            start = next_text[bisect.bisect_right(numbers, comment_line)]
        else:  # lines out of source order (never from today's readers): look at each
            start = next((i for i, n in enumerate(numbers) if n > comment_line and next_text[i] == i), None)
        if start is None:
            resolved.append(Suppression(comment_line, kind, ids, comment_line + 1, comment_line + 1, source, column))
            continue
        end = end_of(kind, start)
        first = lines[start].location.line
        resolved.append(Suppression(comment_line, kind, ids, first, max(first, lines[end].location.line), source, column))
    return resolved


def apply_suppressions(
    findings: list[Finding],
    results,
    ignored_in: Callable[[str, str], bool],
) -> tuple[list[Finding], list[Finding]]:
    """(findings no comment silences, GAO010 findings for comments that silenced nothing).

    ``ignored_in(path, code)`` says whether configuration switched a rule off for a file: an
    ID naming only switched-off rules is not reported as unused, since it could not have been
    used in this run."""
    by_path: dict[str, list[Suppression]] = {}
    for result in results:
        found = getattr(result, "suppressions", None)
        if found:
            by_path[result.path] = list(found)
    if not by_path:
        return findings, []
    # Per file, each ID or prefix -> the comments naming it: a finding is tried only against
    # comments that can name its rule, not against every comment of its file.
    naming: dict[str, dict[str, list[Suppression]]] = {}
    for path, suppressions in by_path.items():
        index = naming[path] = {}
        for suppression in suppressions:
            for name in dict.fromkeys(suppression.ids):
                index.setdefault(name, []).append(suppression)

    def candidates(finding: Finding) -> list[Suppression]:
        index = naming.get(finding.path)
        if not index:
            return []
        rule = finding.rule
        found = {id(s): s for size in range(1, len(rule) + 1) for s in index.get(rule[:size], ())}
        return list(found.values())

    used: set[tuple[str, int, str]] = set()  # (path, comment line, id)
    kept = []
    for finding in findings:
        silenced = False
        for suppression in candidates(finding):
            name = suppression.names(finding.rule)
            if name is not None and suppression.covers(finding):
                used.add((finding.path, suppression.line, name))
                silenced = True
        if not silenced:
            kept.append(finding)

    from .checks import RULES
    from .checks.meta import UnusedSuppression

    codes = list(RULES)
    unused_findings = []
    for path, suppressions in by_path.items():
        if ignored_in(path, UnusedSuppression.code):
            continue
        for suppression in suppressions:
            unknown, unused = [], []
            for name in suppression.ids:
                matching = [c for c in codes if c.startswith(name)] if name.startswith("GAO") else []
                if not matching:
                    unknown.append(name)
                elif (path, suppression.line, name) in used or name.startswith(UnusedSuppression.code):
                    continue
                elif any(not ignored_in(path, code) for code in matching):
                    unused.append(name)
            if unknown or unused:
                unused_findings.append(UnusedSuppression.for_comment(path, suppression, unused, unknown))
    # A comment may silence GAO010 itself (``disable=GAO010`` before the first heading).
    remaining = []
    for finding in unused_findings:
        if not any(s.names(finding.rule) and s.covers(finding) for s in candidates(finding)):
            remaining.append(finding)
    return kept, remaining


_TARGET_KEYS = {"row": "row", "行": "row", "column": "column", "col": "column", "列": "column"}
_FOLD = str.maketrans({"（": "(", "）": ")", "，": ",", "、": ",", "．": ".", "“": "\"", "”": "\""})


def _fold(text: str) -> str:
    """A row label as compared: no spaces, half-width brackets and commas, quotes removed."""
    import unicodedata

    folded = unicodedata.normalize("NFKC", text).translate(_FOLD)
    return "".join(folded.split()).strip("\"'").lower()


def parse_target(arguments: str) -> tuple[str, int | None]:
    """(row label, column number or None) from ``row=（七）总计; column=3`` (also ``行=``,
    ``列=``; parts separated by ``;``)."""
    row, column = "", None
    for part in arguments.replace("＝", "=").split(";"):  # no pattern: comments are user text
        key, equals, value = part.partition("=")
        key = _TARGET_KEYS.get(key.strip().lower())
        if not equals or key is None:
            continue
        value = value.strip().strip("\"'“”")
        if key == "row":
            row = value
        elif value.isdigit():
            column = int(value)
    return row, column


def find_row(table, wanted: str):
    """The row of ``table`` named ``wanted``: by its label or key, else the one row whose label
    ends with or contains it (``总计`` alone is ambiguous in table 3 only when two rows match)."""
    target = _fold(wanted)
    if not target:
        return None
    rows = list(table.rows.values())
    exact = [row for row in rows if _fold(row.label) == target or row.key.lower() == target]
    if exact:
        return exact[0]
    for test in (lambda label: label.endswith(target), lambda label: target in label):
        matches = [row for row in rows if test(_fold(row.label))]
        if len(matches) == 1:
            return matches[0]
    return None


def _table_target(report: Report, comment_line: int, kind: str, ids: tuple[str, ...], source: str,
                  column: int) -> Suppression:
    """A ``disable-row``/``disable-cell`` comment placed before a table: the row (or the cell of
    the row at the given column, counting the row's number cells from 1) of the first table
    that starts after the comment. A comment that names no row covers nothing, so GAO010
    reports it."""
    name, arguments = kind.split(":", 1)
    wanted, number = parse_target(arguments)
    described = wanted + (f" #{number}" if number is not None else "")
    nothing = Suppression(comment_line, name, ids, comment_line + 1, comment_line, source, column, None,
                          f"{described}（未找到 / not found）")
    following = [t for t in report.tables.values() if t.location.line > comment_line]
    if not following or not wanted or (name == "cell" and not number):
        return nothing
    table = min(following, key=lambda t: t.location.line)
    row = find_row(table, wanted)
    if row is None:
        return nothing
    cells = [cell.location for cell in row.cells]
    if name == "cell":
        if number > len(cells):
            return nothing
        cell = cells[number - 1]
        end = cell.end_column if cell.end_column and cell.end_column > cell.column else cell.column + 1
        return Suppression(comment_line, name, ids, cell.line, cell.line, source, column, (cell.column, end), described)
    places = [row.location] + cells
    first, last = min(p.line for p in places), max(p.line for p in places)
    span = None
    if first == last and cells:  # a row on one line with others (a flattened layout): its columns only
        ends = [c.end_column or c.column + 1 for c in cells]
        span = (row.location.column, max(ends))
    return Suppression(comment_line, name, ids, first, last, source, column, span, described)


__all__ = ["parse_target", "find_row", "Suppression", "resolve", "apply_suppressions"]
