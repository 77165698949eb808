"""``--format sarif``: SARIF 2.1.0 as GitHub code scanning reads it.

Fingerprints hash the rule, the path and the whitespace-normalised text of the finding's line,
never its line number, so a finding keeps its identity when unrelated lines move.
"""

from __future__ import annotations

import hashlib
import json

from .. import __version__
from ..model import Finding
from .context import OutputContext

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
DOCS = "https://github.com/gaolint/gaolint/blob/main/docs/rules/{code}.md"
_LEVEL = {"error": "error", "warning": "warning", "note": "note"}


def line_hash(finding: Finding) -> str:
    """Hash of rule, path and the line's text without spacing: survives moved lines."""
    text = "".join(finding.source_line.split()) or finding.message.zh
    digest = hashlib.sha256(f"{finding.rule}\0{finding.path}\0{text}".encode("utf-8")).hexdigest()
    return digest[:32]


def artifact_location(path: str) -> dict:
    """The ``artifactLocation`` of a shown path. SARIF asks for a URI reference (RFC 3986), so
    everything but unreserved characters and ``/`` is percent-encoded as UTF-8: spaces, Chinese
    file names, ``#`` and ``%`` would otherwise make an invalid URI or a fragment, and code
    scanning rejects or misplaces the alert. A path under the current folder stays relative to
    ``%SRCROOT%``; one outside it (shown absolute) becomes a ``file://`` URI without a base id,
    as an absolute URI under a base id is contradictory."""
    from urllib.parse import quote

    if path.startswith("/"):
        return {"uri": "file://" + quote(path, safe="/")}
    if len(path) > 2 and path[1] == ":" and path[2] == "/":  # C:/… on Windows
        return {"uri": "file:///" + path[:2] + quote(path[2:], safe="/")}
    return {"uri": quote(path, safe="/"), "uriBaseId": "%SRCROOT%"}


def fingerprints(findings: list[Finding]) -> list[str]:
    """primaryLocationLineHash values: the line hash plus an occurrence counter, as GitHub does,
    so two findings on identical lines stay distinct."""
    seen: dict[str, int] = {}
    out = []
    for finding in findings:
        base = line_hash(finding)
        seen[base] = seen.get(base, 0) + 1
        out.append(f"{base}:{seen[base]}")
    return out


def _clip(text: str, limit: int = 1024) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _rule_descriptor(info) -> dict:
    return {
        "id": info.code,
        "name": info.name,
        "shortDescription": {"text": _clip(f"{info.name}: {info.summary}")},
        "fullDescription": {"text": _clip(info.doc.split("**Why is this bad?**")[0].replace("**What it does**", "").strip() or info.summary)},
        "helpUri": DOCS.format(code=info.code),
        "help": {"text": info.doc or info.summary, "markdown": info.doc or info.summary},
        "defaultConfiguration": {"level": _LEVEL[info.severity]},
        "properties": {"tags": ["gaolint", info.code[:4]]},
    }


def render(findings: list[Finding], context: OutputContext) -> str:
    ordered = sorted(findings, key=Finding.sort_key)[:25000]
    catalog = list(context.catalog)
    index = {info.code: position for position, info in enumerate(catalog)}
    results = []
    for finding, fingerprint in zip(ordered, fingerprints(ordered)):
        location = finding.location
        region: dict = {"startLine": max(1, location.line), "startColumn": max(1, location.column)}
        if location.end_column is not None and location.end_column > location.column:
            region["endColumn"] = location.end_column
        message = finding.message.text(context.lang)
        if location.place:
            message = f"{message}（{location.place}）" if context.lang != "en" else f"{message} ({location.place})"
        result = {
            "ruleId": finding.rule,
            "level": _LEVEL[finding.severity.value],
            "message": {"text": message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": artifact_location(finding.path),
                        "region": region,
                    }
                }
            ],
            "partialFingerprints": {"primaryLocationLineHash": fingerprint},
        }
        if finding.rule in index:
            result["ruleIndex"] = index[finding.rule]
        results.append(result)
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "gaolint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": "https://github.com/gaolint/gaolint",
                        "rules": [_rule_descriptor(info) for info in catalog],
                    }
                },
                "automationDetails": {"id": "gaolint/"},
                "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The folder gaolint ran in."}}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
