"""``--format text``: ``path:line:col: CODE [severity] message``, then the source line with a
marker under the span. Plain text when piped; rich colours when printing to a terminal. File
names, messages and report lines are printed through ``context.shown``: an escape sequence or
a newline in them is shown, never acted on."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from ..model import Finding
from .context import OutputContext, shown

_STYLE = {"error": "bold red", "warning": "yellow", "note": "cyan"}
_MAX_FRAME = 120


def _width(text: str) -> int:
    """Terminal cells taken by ``text``: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _frame(finding: Finding) -> tuple[str, str] | None:
    """The quoted source line (shortened around the span) and the marker line under it."""
    source = finding.source_line.rstrip("\r\n").replace("\t", " ")
    if not source.strip():
        return None
    location = finding.location
    start = max(location.column - 1, 0)
    end = location.end_column - 1 if location.end_column else start + 1
    start = min(start, len(source))
    end = max(min(end, len(source)), start + 1)
    offset = 0
    if _width(source) > _MAX_FRAME:
        offset = max(0, start - 20)
        source = source[offset : offset + 60]
        if offset:
            source = "…" + source
            offset -= 1
    # Escaped piece by piece, so the marker stays under the span however wide the escapes are.
    before = shown(source[: start - offset])
    span = shown(source[start - offset : end - offset]) or " "
    return shown(source), " " * _width(before) + "^" * max(1, _width(span))


def _summary(findings: Sequence[Finding], context: OutputContext) -> str:
    errors = sum(1 for f in findings if f.severity.value == "error")
    warnings = sum(1 for f in findings if f.severity.value == "warning")
    notes = len(findings) - errors - warnings
    if context.lang == "en":
        return (
            f"Found {len(findings)} finding(s) ({errors} error(s), {warnings} warning(s), {notes} note(s)) in "
            f"{context.files} file(s); {context.clean} file(s) clean."
        )
    return (f"共检查 {context.files} 个文件，发现 {len(findings)} 个问题（错误 {errors}，警告 {warnings}，提示 {notes}）；"
            f"{context.clean} 个文件无问题。")


def summary(findings: Sequence[Finding], context: OutputContext) -> str:
    return _summary(findings, context)


#: Names of the reasons a file was skipped (gaolint.discover.REASONS), for the summary line.
_SKIP_NAMES = {
    "extension": ("扩展名", "extension"),
    "size": ("过大", "size"),
    "type": ("非普通文件", "type"),
    "not-report": ("非报告", "not a report"),
    "excluded": ("已排除", "excluded"),
}


def skipped_summary(counts: dict[str, int], lang: str) -> str:
    """The sentence the summary line ends with when files were not checked, so a run is never
    silent about them: "另跳过 3 个文件（扩展名 2，非报告 1）。" ("" when none were)."""
    total = sum(counts.values())
    if not total:
        return ""
    if lang == "en":
        parts = ", ".join(f"{_SKIP_NAMES.get(reason, (reason, reason))[1]} {count}" for reason, count in counts.items())
        return f" Skipped {total} file(s) ({parts})."
    parts = "，".join(f"{_SKIP_NAMES.get(reason, (reason, reason))[0]} {count}" for reason, count in counts.items())
    return f"另跳过 {total} 个文件（{parts}）。"


def _blocks(findings: list[Finding], context: OutputContext):
    """For each finding: the header parts and the optional frame."""
    for finding in sorted(findings, key=Finding.sort_key):
        location = finding.location
        where = f"{shown(finding.path)}:{location.line}:{location.column}:"
        message = finding.message.text(context.lang)
        if location.place:
            from ..tableplace import place_text

            place = place_text(location.place, context.lang)
            message = f"{message}（{place}）" if context.lang != "en" else f"{message} ({place})"
        yield finding, where, shown(message), _frame(finding)


def render(findings: list[Finding], context: OutputContext) -> str:
    out: list[str] = []
    for finding, where, message, frame in _blocks(findings, context):
        out.append(f"{where} {finding.rule} [{finding.severity.value}] {message}")
        if frame is not None:
            gutter = str(finding.location.line)
            out.append(f"  {gutter} | {frame[0]}")
            out.append(f"  {' ' * len(gutter)} | {frame[1]}")
    return "\n".join(out) + ("\n" if out else "")


def print_rich(findings: list[Finding], context: OutputContext, console) -> None:
    """The same report as ``render``, coloured by rich for a terminal."""
    from rich.text import Text

    for finding, where, message, frame in _blocks(findings, context):
        line = Text()
        line.append(where, style="bold")
        line.append(" ")
        line.append(finding.rule, style=_STYLE[finding.severity.value])
        line.append(f" [{finding.severity.value}] ", style="dim")
        line.append(message)
        console.print(line, soft_wrap=True, highlight=False)
        if frame is not None:
            gutter = str(finding.location.line)
            console.print(Text(f"  {gutter} | ", style="blue") + Text(frame[0]), soft_wrap=True, highlight=False)
            console.print(
                Text(f"  {' ' * len(gutter)} | ", style="blue") + Text(frame[1], style=_STYLE[finding.severity.value]),
                soft_wrap=True,
                highlight=False,
            )
