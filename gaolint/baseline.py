"""Baselines: record today's findings, then report only new ones.

A finding is known by its rule, its file and the whitespace-free text of its line (the SARIF
``line_hash``), never its line number, so recorded findings stay silent when lines are inserted
above them, while a new defect — even on a line that looks like an old one, beyond the number
recorded — still shows. Paths are stored relative to the baseline file's folder, so the same
baseline works whichever folder gaolint runs in.
"""

from __future__ import annotations

import copy
import json
import os
import sys
from collections import Counter

from .cli import UsageError
from .model import Finding
from .output.sarif import line_hash
from .regular_file import read_regular_file

#: Largest baseline read: about 300 bytes a finding, so room for half a million findings.
MAX_BASELINE_BYTES = 128 * 1024 * 1024

FORMAT = "gaolint-baseline"
VERSION = 1


def _relative_path(path: str, base: str) -> str:
    """A finding's path relative to ``base`` (the baseline's folder), with forward slashes."""
    try:
        relative = os.path.relpath(os.path.abspath(path), base)
    except ValueError:  # another drive on Windows
        return path.replace(os.sep, "/")
    return relative.replace(os.sep, "/")


def _key(finding: Finding, base: str) -> tuple[str, str, str]:
    path = _relative_path(finding.path, base)
    moved = copy.copy(finding)
    moved.path = path
    return path, finding.rule, line_hash(moved)


def _folder(path: str) -> str:
    return os.path.dirname(os.path.abspath(path))


def write_baseline(path: str, findings: list[Finding], lang: str = "zh") -> int:
    """Record ``findings`` in ``path``; return how many were recorded."""
    base = _folder(path)
    counts: Counter = Counter()
    first: dict[tuple[str, str, str], Finding] = {}
    for finding in sorted(findings, key=Finding.sort_key):
        key = _key(finding, base)
        counts[key] += 1
        first.setdefault(key, finding)
    entries = []
    for key in sorted(counts):
        relative, rule, fingerprint = key
        finding = first[key]
        entries.append({
            "path": relative,
            "rule": rule,
            "fingerprint": fingerprint,
            "count": counts[key],
            # For people reading the file; matching uses only path, rule and fingerprint.
            "line": finding.location.line,
            "message": finding.message.text(lang),
        })
    document = {"format": FORMAT, "version": VERSION, "findings": entries}
    try:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(document, handle, ensure_ascii=False, indent=2)
            handle.write("\n")
    except OSError as error:
        raise UsageError(f"--write-baseline: 无法写入 / cannot write {path}: {error.strerror}") from None
    total = sum(counts.values())
    sys.stderr.write(f"gaolint: 已将 {total} 个问题记入基线 {path} / recorded {total} finding(s) in {path}\n")
    return total


def read_baseline(path: str) -> Counter:
    """(path, rule, fingerprint) → how many findings the baseline allows."""
    try:
        document = json.loads(read_regular_file(path, MAX_BASELINE_BYTES).decode("utf-8"))
    except FileNotFoundError:
        raise UsageError(f"--baseline: 找不到基线文件 / baseline file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as error:  # a pipe or a device, too large, unreadable
        raise UsageError(f"--baseline: 无法读取基线文件 / cannot read baseline {path}: {error}") from None
    except json.JSONDecodeError as error:
        raise UsageError(f"--baseline: {path}:{error.lineno}: 基线文件不是有效的 JSON / not valid JSON: {error.msg}") from None
    except RecursionError:
        raise UsageError(f"--baseline: {path}: 基线文件嵌套过深 / not a baseline: nested too deeply") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT or not isinstance(document.get("findings"), list):
        raise UsageError(f"--baseline: {path} 不是 gaolint 基线文件 / is not a gaolint baseline (write one with --write-baseline)")
    if document.get("version") != VERSION:
        raise UsageError(f"--baseline: {path}: 不支持的基线版本 / unsupported baseline version {document.get('version')!r}")
    allowed: Counter = Counter()
    for number, entry in enumerate(document["findings"], start=1):
        try:
            key = (str(entry["path"]), str(entry["rule"]), str(entry["fingerprint"]))
            count = int(entry.get("count", 1))
        except (KeyError, TypeError, ValueError):
            raise UsageError(f"--baseline: {path}: 第 {number} 条记录缺少 path/rule/fingerprint / entry {number} lacks path, rule or fingerprint") from None
        if count < 1:
            raise UsageError(f"--baseline: {path}: 第 {number} 条记录的 count 无效 / entry {number} has an invalid count")
        allowed[key] += count
    return allowed


def apply_baseline(path: str, findings: list[Finding]) -> list[Finding]:
    """The findings not recorded in the baseline at ``path``."""
    allowed = read_baseline(path)
    base = _folder(path)
    kept = []
    for finding in sorted(findings, key=Finding.sort_key):
        key = _key(finding, base)
        if allowed[key] > 0:
            allowed[key] -= 1
            continue
        kept.append(finding)
    return kept


__all__ = ["write_baseline", "read_baseline", "apply_baseline"]
