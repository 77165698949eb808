"""Command-line habits from ruff and markdownlint: ``--statistics``, ``--show-settings``,
reading a report from stdin (``-`` with ``--stdin-filename``), and the summary lines that count
notes and say what a baseline, an inline comment or the configuration hid.

Kept apart from run.py so the run stays readable; run.py calls in here only when asked.
"""

from __future__ import annotations

import json
import os
import sys

from .model import Finding


class Hidden:
    """How many findings were found but not reported, and by what."""

    __slots__ = ("configuration", "suppression", "baseline")

    def __init__(self) -> None:
        self.configuration = 0
        self.suppression = 0
        self.baseline = 0

    def count_filter(self, config, before: list[Finding], after: list[Finding]) -> None:
        """Findings dropped by ``config.filter``: per-file-ignores, then inline comments (the
        GAO010 findings the filter adds are not counted as kept from before)."""
        switched_off = sum(1 for f in before if config.ignored_in(f.path, f.rule))
        from .checks.meta import UnusedSuppression

        unused = UnusedSuppression.code
        kept = sum(1 for f in after if f.rule != unused) + sum(1 for f in before if f.rule == unused)
        self.configuration = switched_off
        self.suppression = max(0, len(before) - switched_off - min(kept, len(before)))

    def line(self, lang: str) -> str:
        """An empty string when nothing was hidden."""
        if not (self.configuration or self.suppression or self.baseline):
            return ""
        zh, en = [], []
        if self.baseline:
            zh.append(f"基线隐藏 {self.baseline} 个")
            en.append(f"{self.baseline} hidden by the baseline")
        if self.suppression:
            zh.append(f"行内忽略注释隐藏 {self.suppression} 个")
            en.append(f"{self.suppression} by inline comments")
        if self.configuration:
            zh.append(f"配置关闭 {self.configuration} 个")
            en.append(f"{self.configuration} switched off by configuration (per-file-ignores)")
        if lang == "en":
            return "Not reported: " + ", ".join(en) + "."
        return "未报告的问题：" + "，".join(zh) + "。"


def statistics(findings: list[Finding], fmt: str) -> str:
    """``--statistics``: one line per rule with its count, most frequent first (as ruff
    prints them); with ``--format json`` a list of objects."""
    counts: dict[str, list] = {}
    for finding in findings:
        entry = counts.setdefault(finding.rule, [0, finding.name, finding.severity.value])
        entry[0] += 1
    ordered = sorted(counts.items(), key=lambda item: (-item[1][0], item[0]))
    if fmt == "json":
        rows = [{"code": code, "name": name, "severity": severity, "count": count}
                for code, (count, name, severity) in ordered]
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    width = max((len(str(entry[0])) for _, entry in ordered), default=1)
    lines = [f"{count:>{width}}  {code}  {severity:<7}  {name}" for code, (count, name, severity) in ordered]
    return "\n".join(lines) + ("\n" if lines else "")


def show_settings(args, config) -> str:
    """``--show-settings``: what a run with these options and this configuration would use,
    without linting anything."""
    settings = config.settings
    cache = "off" if getattr(args, "no_cache", False) else _cache_folder()
    rows = {
        "configuration": config.sources[0] if config.sources else "(none: defaults)",
        "paths": list(args.paths) or ["."],
        "select": list(settings.select) or "(all rules)",
        "ignore": list(settings.ignore),
        "severity": settings.severity,
        "per-file-ignores": {k: list(v) for k, v in settings.per_file_ignores.items()},
        "fail-on": "never" if getattr(args, "exit_zero", False) else config.fail_on,
        "lang": config.lang,
        "deadlines": settings.deadlines,
        "agencies": settings.agencies,
        "format": args.output_format,
        "output": args.output or "(stdout)",
        "baseline": args.baseline or "(none)",
        "jobs": args.jobs or "(automatic)",
        "cache": cache,
    }
    from . import __version__

    lines = [f"gaolint {__version__} 设置 / settings"]
    for key, value in rows.items():
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        lines.append(f"  {key:<18} {shown}")
    return "\n".join(lines) + "\n"


def _cache_folder() -> str:
    from .cache import cache_dir, disabled_by_environment

    return "off (GAOLINT_NO_CACHE)" if disabled_by_environment() else cache_dir()


def lint_stdin(stdin_filename: str | None, settings, budget=None) -> tuple[list, str]:
    """Lint the report piped on stdin as if it were ``stdin_filename`` (which need not exist:
    its extension picks the reader, its path is what findings show, and configuration globs
    match it). The bytes go to a private temporary file, since readers open paths; nothing is
    written next to the reports. As a file named on the command line, it is read within the
    size limit (a byte more, and the reader refuses it: stdin is never read whole) and linted
    under the per-file ``budget`` (workers.Budget: time and memory)."""
    import tempfile

    from .engine import display_path
    from .formats import check_files
    from .read.limits import MAX_FILE_BYTES
    from .workers import Budget, lint_budgeted

    check_files()  # a broken format file: exit 2, not GAO000
    name = stdin_filename or "stdin.txt"
    shown = display_path(name) if stdin_filename else "stdin"
    if hasattr(sys.stdin, "buffer"):
        data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    else:
        data = sys.stdin.read(MAX_FILE_BYTES + 1).encode("utf-8")[: MAX_FILE_BYTES + 1]
    linted: dict = {}
    with tempfile.TemporaryDirectory(prefix="gaolint-stdin-") as folder:
        path = os.path.join(folder, os.path.basename(name) or "stdin.txt")
        with open(path, "wb") as handle:
            handle.write(data)
        del data
        lint_budgeted([(0, path, None)], settings, 1, budget or Budget(),
                      lambda index, _path, _ticket, result: linted.__setitem__(index, result))
    result = linted[0]
    result.path = shown
    for finding in result.findings:
        finding.path = shown
    if result.facts is not None:
        result.facts.path = shown
    return [result], shown
