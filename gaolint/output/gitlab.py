"""``--format gitlab``: a GitLab Code Quality report (the subset of the Code Climate issue
format GitLab reads), for ``artifacts:reports:codequality`` in a merge request.

Fingerprints are SARIF's ``primaryLocationLineHash`` values, so the same defect keeps the same
identity in GitLab and in GitHub code scanning, and stays the same when unrelated lines move.
"""

from __future__ import annotations

import json

from ..model import Finding
from .context import OutputContext
from .sarif import fingerprints

#: gaolint severity → Code Quality severity (info | minor | major | critical | blocker).
SEVERITY = {"error": "major", "warning": "minor", "note": "info"}


def issue(finding: Finding, fingerprint: str, lang: str) -> dict:
    message = finding.message.text(lang)
    if finding.location.place:
        message = f"{message} ({finding.location.place})" if lang == "en" else f"{message}（{finding.location.place}）"
    return {
        "type": "issue",
        "description": f"{finding.rule} {message}",
        "check_name": finding.rule,
        "fingerprint": fingerprint,
        "severity": SEVERITY[finding.severity.value],
        "location": {"path": finding.path, "lines": {"begin": max(1, finding.location.line)}},
    }


def render(findings: list[Finding], context: OutputContext) -> str:
    ordered = sorted(findings, key=Finding.sort_key)
    issues = [issue(f, fp, context.lang) for f, fp in zip(ordered, fingerprints(ordered))]
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


__all__ = ["render", "SEVERITY"]
