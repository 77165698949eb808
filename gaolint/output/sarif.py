"""``--format sarif``: SARIF 2.1.0 as GitHub code scanning reads it.

Fingerprints hash the rule, the path and the whitespace-normalised text of the finding's line,
never its line number, so a finding keeps its identity when unrelated lines move.

Code scanning's documented limits (docs.github.com, "SARIF results exceed limit" and "SARIF file
is too large") are kept here, so an upload is never rejected for size: at most 25,000 results
per run (more and the whole file is rejected; only the 5,000 most severe are shown), at most
20 tags per rule, at most 1,000 locations per result, and at most 10 MB for the gzip-compressed
file. When findings exceed them, the most severe are kept first, and what was cut is said in
the log itself (``invocations[0].toolExecutionNotifications``) and on stderr, so a truncated
upload never looks complete.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Sequence

from .. import __version__
from ..model import SEVERITY_RANK, Finding
from .context import OutputContext

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
DOCS = "https://github.com/gaolint/gaolint/blob/main/docs/rules/{code}.md"
_LEVEL = {"error": "error", "warning": "warning", "note": "note"}

#: Results per run that code scanning accepts (a file with more is rejected outright).
MAX_RESULTS = 25_000
#: Results per run that code scanning displays (the most severe first).
SHOWN_RESULTS = 5_000
#: Tags per rule accepted (more are rejected; only 10 are kept).
MAX_TAGS = 10
#: Size of the gzip-compressed file accepted by the upload.
MAX_GZIP_BYTES = 10 * 1024 * 1024

#: Notification descriptors of the tool itself (``tool.driver.notifications``).
def notifications(failures: list[str]) -> dict[str, tuple[str]]:
    """The descriptors, naming the rule codes that report gaolint's own failures."""
    return {
        "results-cut": ("结果过多，已截断 / results cut to code scanning's limits",),
        "internal-error": (f"规则运行出错 / a rule crashed on a file ({', '.join(failures)})",),
    }


def line_hash(finding: Finding) -> str:
    """Hash of rule, path and the line's text without spacing: survives moved lines."""
    text = "".join(finding.source_line.split()) or finding.message.zh
    digest = hashlib.sha256(f"{finding.rule}\0{finding.path}\0{text}".encode()).hexdigest()
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


_BOLD = re.compile(r"\*\*(.+?)\*\*")
_CODE = re.compile(r"`([^`]*)`")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")


def plain_text(markdown: str) -> str:
    """Markdown made plain for ``help.text``, which code scanning shows verbatim: no ``**``,
    backticks, heading marks, fences or link syntax (a link keeps its address in brackets)."""
    lines = []
    for line in markdown.splitlines():
        if line.strip().startswith("```"):
            continue
        line = re.sub(r"^#{1,6}\s+", "", line)
        line = _LINK.sub(r"\1 (\2)", line)
        line = _BOLD.sub(r"\1", line)
        line = _CODE.sub(r"\1", line)
        lines.append(line.rstrip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _rule_descriptor(info) -> dict:
    doc = info.doc or info.summary or info.name
    what = doc.split("**Why is this bad?**")[0].replace("**What it does**", "").strip()
    return {
        "id": info.code,
        "name": info.name,
        "shortDescription": {"text": _clip(plain_text(f"{info.name}: {info.summary}" if info.summary else info.name))},
        "fullDescription": {"text": _clip(plain_text(what) or info.summary or info.name)},
        "helpUri": DOCS.format(code=info.code),
        "help": {"text": plain_text(doc), "markdown": doc},
        "defaultConfiguration": {"level": _LEVEL[info.severity]},
        "properties": {"tags": ["gaolint", info.code[:4]][:MAX_TAGS]},
    }


def _message(finding: Finding, lang: str) -> str:
    from ..tableplace import place_text

    message = finding.message.text(lang)
    place = place_text(finding.location.place, lang)
    if place:
        message = f"{message}（{place}）" if lang != "en" else f"{message} ({place})"
    return message


def _result(finding: Finding, fingerprint: str, lang: str, index: dict) -> dict:
    location = finding.location
    region: dict = {"startLine": max(1, location.line), "startColumn": max(1, location.column)}
    if location.end_column is not None and location.end_column > location.column:
        region["endColumn"] = location.end_column
    result = {
        "ruleId": finding.rule,
        "level": _LEVEL[finding.severity.value],
        "message": {"text": _message(finding, lang) or finding.rule},
        "locations": [{"physicalLocation": {"artifactLocation": artifact_location(finding.path), "region": region}}],
        "partialFingerprints": {"primaryLocationLineHash": fingerprint},
    }
    if finding.rule in index:
        result["ruleIndex"] = index[finding.rule]
    return result


def select(findings: Sequence[Finding], limit: int = MAX_RESULTS) -> tuple[list[tuple[Finding, str]], list[Finding]]:
    """(kept findings with their fingerprints in path order, cut findings). Fingerprints are
    counted over every finding, so a finding's identity does not depend on what was cut; the
    kept ones are the most severe, then the first by path, line and column."""
    ordered = sorted(findings, key=Finding.sort_key)
    paired = list(zip(ordered, fingerprints(ordered)))
    if len(paired) <= limit:
        return paired, []
    ranked = sorted(range(len(paired)), key=lambda i: (-SEVERITY_RANK[paired[i][0].severity.value], i))
    keep = set(ranked[:limit])
    return [paired[i] for i in sorted(keep)], [paired[i][0] for i in ranked[limit:]]


def _counts(findings: list[Finding]) -> str:
    by = {"error": 0, "warning": 0, "note": 0}
    for finding in findings:
        by[finding.severity.value] += 1
    return f"{by['error']} error, {by['warning']} warning, {by['note']} note"


def _cut_text(total: int, kept: int, cut: list[Finding], why: tuple[str, str]) -> str:
    return (
        f"SARIF 结果已截断：共 {total} 个问题，保留最严重的 {kept} 个，未写入 {len(cut)} 个（{_counts(cut)}），"
        f"原因：{why[0]}。完整结果请用 --format json 或 html。 / "
        f"SARIF results cut: {total} findings, the {kept} most severe kept, {len(cut)} left out "
        f"({_counts(cut)}) because {why[1]}. Use --format json or html for all of them."
    )


def _notifications(kept, cut, why, lang, failures: frozenset[str]) -> list[dict]:
    notes: list[dict] = []
    if cut:
        total = len(kept) + len(cut)
        notes.append({
            "level": "warning",
            "message": {"text": _cut_text(total, len(kept), cut, why)},
            "descriptor": {"id": "results-cut"},
        })
    elif len(kept) > SHOWN_RESULTS:
        notes.append({
            "level": "note",
            "message": {"text": f"code scanning shows only the {SHOWN_RESULTS} most severe of {len(kept)} results / "
                                f"代码扫描只显示 {len(kept)} 个结果中最严重的 {SHOWN_RESULTS} 个"},
            "descriptor": {"id": "results-cut"},
        })
    for finding, _ in kept:
        if finding.rule in failures:
            notes.append({
                "level": "error",
                "message": {"text": f"{finding.path}: {_message(finding, lang)}"},
                "descriptor": {"id": "internal-error"},
                "associatedRule": {"id": finding.rule},
                "locations": [{"physicalLocation": {
                    "artifactLocation": artifact_location(finding.path),
                    "region": {"startLine": max(1, finding.location.line)},
                }}],
            })
    return notes


def _document(kept, cut, why, context: OutputContext) -> dict:
    catalog = list(context.catalog)
    index = {info.code: position for position, info in enumerate(catalog)}
    results = [_result(finding, fingerprint, context.lang, index) for finding, fingerprint in kept]
    failures = frozenset(info.code for info in catalog if info.tool_failure)
    crashed = any(finding.rule in failures for finding, _ in kept) or any(f.rule in failures for f in cut)
    run: dict = {
        "tool": {
            "driver": {
                "name": "gaolint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": "https://github.com/gaolint/gaolint",
                "rules": [_rule_descriptor(info) for info in catalog],
                "notifications": [
                    {"id": key, "shortDescription": {"text": text[0]}} for key, text in notifications(sorted(failures)).items()
                ],
            }
        },
        "invocations": [{
            # A rule that crashed means some file was not fully checked: the run did not succeed.
            "executionSuccessful": not crashed,
            "toolExecutionNotifications": _notifications(kept, cut, why, context.lang, failures),
        }],
        "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The folder gaolint ran in."}}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    category = context.category
    if category:
        # Only when asked: a fixed id would override the upload action's own `category`.
        run["automationDetails"] = {"id": category if category.endswith("/") else category + "/"}
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def _gzip_size(text: str) -> int:
    import zlib

    compressor = zlib.compressobj(6, zlib.DEFLATED, 31)
    return len(compressor.compress(text.encode("utf-8")) + compressor.flush())


def render(findings: Sequence[Finding], context: OutputContext, limit: int = MAX_RESULTS,
           max_bytes: int = MAX_GZIP_BYTES) -> str:
    """The SARIF log. ``context.category``: ``automationDetails.id`` (``--sarif-category``); left
    out by default so the upload action's ``category`` applies. ``limit`` and ``max_bytes``:
    code scanning's limits (smaller in tests)."""
    why = ("超过代码扫描每次运行 25,000 个结果的上限", "code scanning accepts at most 25,000 results per run")
    kept, cut = select(findings, limit)
    while True:
        document = _document(kept, cut, why, context)
        indent = 2 if len(kept) <= SHOWN_RESULTS else None  # a big log is written compact
        text = json.dumps(document, ensure_ascii=False, indent=indent) + "\n"
        if len(kept) < 1000 or len(text) < max_bytes or _gzip_size(text) <= max_bytes or not kept:
            break
        why = ("压缩后超过代码扫描 10 MB 的文件上限", "the compressed file would exceed code scanning's 10 MB")
        kept, cut = select(findings, len(kept) * 3 // 4)
    if cut:
        sys.stderr.write("gaolint: " + _cut_text(len(kept) + len(cut), len(kept), cut, why) + "\n")
    return text
