"""``--format github``: workflow commands that GitHub Actions turns into annotations."""

from __future__ import annotations

from ..model import Finding
from .context import OutputContext, shown

_LEVEL = {"error": "error", "warning": "warning", "note": "notice"}


def _escape_data(text: str) -> str:
    """The runner's own escapes for %, CR and LF; every other control character (an escape
    sequence in a file name or a report line) as visible text, so the log never acts on it."""
    return shown(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(findings: list[Finding], context: OutputContext) -> str:
    lines = []
    for finding in sorted(findings, key=Finding.sort_key):
        location = finding.location
        properties = [f"file={_escape_property(finding.path)}", f"line={location.line}", f"col={location.column}"]
        if location.end_column is not None:
            properties.append(f"endColumn={location.end_column}")
        properties.append(f"title={_escape_property(finding.rule + ' ' + finding.name)}")
        message = finding.message.text(context.lang)
        if location.place:
            message = f"{message} [{location.place}]"
        lines.append(f"::{_LEVEL[finding.severity.value]} {','.join(properties)}::{_escape_data(message)}")
    lines.append(closing_line(findings, context))
    return "\n".join(lines) + "\n"


#: Annotations GitHub shows per step and per level (error, warning; notices likewise).
SHOWN_PER_STEP = 10


def closing_line(findings: list[Finding], context: OutputContext) -> str:
    """The totals, as a plain log line (not a workflow command): GitHub shows at most 10 error
    and 10 warning annotations per step, so a run with more must not look as if the
    annotations were all there is."""
    counts = {"error": 0, "warning": 0, "note": 0}
    for finding in findings:
        counts[finding.severity.value] += 1
    files = len({finding.path for finding in findings})
    hidden = sum(max(0, count - SHOWN_PER_STEP) for count in counts.values())
    line = (
        f"gaolint: 共 {len(findings)} 个问题（错误 {counts['error']}，警告 {counts['warning']}，提示 {counts['note']}），"
        f"涉及 {files} 个文件 / {len(findings)} finding(s) ({counts['error']} error, {counts['warning']} warning, "
        f"{counts['note']} note) in {files} file(s)"
    )
    if hidden:
        line += (
            f"; GitHub 每个步骤每个级别只显示 {SHOWN_PER_STEP} 条注释，另有 {hidden} 条只在本日志中 / "
            f"GitHub shows only {SHOWN_PER_STEP} annotations per level per step: {hidden} more are only in this log"
        )
    return line
