"""``--format json``: a list of finding objects, sorted by path, line, column, rule."""

from __future__ import annotations

import json

from ..model import Finding
from .context import OutputContext


def finding_dict(finding: Finding, lang: str) -> dict:
    location = finding.location
    return {
        "path": finding.path,
        "line": location.line,
        "column": location.column,
        "end_line": location.line,
        "end_column": location.end_column if location.end_column is not None else location.column,
        "rule": finding.rule,
        "name": finding.name,
        "severity": finding.severity.value,
        "message": finding.message.text(lang),
        "place": location.place,
    }


def render(findings: list[Finding], context: OutputContext) -> str:
    ordered = sorted(findings, key=Finding.sort_key)
    return json.dumps([finding_dict(f, context.lang) for f in ordered], ensure_ascii=False, indent=2) + "\n"
