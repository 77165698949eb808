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
    return "\n".join(lines) + ("\n" if lines else "")
