"""``--format jsonl``: one JSON object per line, written as each file's result arrives.

Lines, each with a ``type``:

- ``run``: the first line: gaolint's version, the message language, and a fingerprint of the
  settings (``--resume`` refuses to continue a file written with other settings);
- ``finding``: the keys of ``--format json`` (path, line, column, end_line, end_column, rule,
  name, severity, message, place) plus the report's ``agency``, ``year`` and
  ``format_version`` (empty when the file is not an annual report);
- ``file``: written after a file's findings: its path, how many findings, and the facts the
  repository rules need (``gaolint.api.facts_to_dict``). A file with a ``file`` line is done:
  ``--resume`` reads them back and lints only the files without one;
- ``end``: the last line, after the repository rules' findings: files and findings counted.

Nothing is kept in memory per finding, so memory stays flat however many files a run has
(the repository rules' few facts per report excepted). Query it with
``duckdb -c "select rule, count(*) from read_json_auto('out.jsonl') where type = 'finding' group by rule"``
or ``pandas.read_json('out.jsonl', lines=True)``.
"""

from __future__ import annotations

import io
import json
import os
import sys

from ..model import Finding
from .context import OutputContext
from .json_output import finding_dict


def finding_line(finding: Finding, lang: str, info: dict) -> str:
    row = {"type": "finding", **finding_dict(finding, lang), **info}
    return json.dumps(row, ensure_ascii=False) + "\n"


def render(findings: list[Finding], context: OutputContext) -> str:
    """All findings at once (the registry's contract), one line each, sorted as --format json."""
    ordered = sorted(findings, key=Finding.sort_key)
    return "".join(finding_line(f, context.lang, {}) for f in ordered)


class Writer:
    """Appends lines to ``target`` (stdout when None), flushed after every file so a run that
    is killed leaves every finished file on disk."""

    def __init__(self, target: str | None, lang: str, header: dict, resume_offset: int | None = None) -> None:
        self.lang = lang
        self._stdout = target is None
        if target is None:
            sys.stdout.flush()
            binary = getattr(sys.stdout, "buffer", None)
            # UTF-8 whatever the console's encoding, as --format json; never closed here.
            self._handle = io.TextIOWrapper(binary, encoding="utf-8", newline="\n") if binary else sys.stdout
        elif resume_offset is not None:
            self._handle = open(target, "r+", encoding="utf-8", newline="\n")  # noqa: SIM115  # closed by close() or abort()
            self._handle.seek(resume_offset)
            self._handle.truncate()
        else:
            self._handle = open(target, "w", encoding="utf-8", newline="\n")  # noqa: SIM115  # closed by close() or abort()
        if resume_offset is None:
            self._handle.write(json.dumps({"type": "run", **header}, ensure_ascii=False) + "\n")

    def file(self, path: str, info: dict, findings: list[Finding], facts: dict | None,
             deferred: bool = False) -> None:
        write = self._handle.write
        for finding in findings:
            write(finding_line(finding, self.lang, info))
        row = {"type": "file", "path": path, "findings": len(findings), **info, "facts": facts}
        if deferred:
            row["deferred"] = True  # written at the end with the repository findings
        write(json.dumps(row, ensure_ascii=False) + "\n")
        self._handle.flush()

    def findings(self, findings: list[Finding], info_of) -> None:
        for finding in findings:
            self._handle.write(finding_line(finding, self.lang, info_of(finding.path)))

    def close(self, summary: dict) -> None:
        self._handle.write(json.dumps({"type": "end", **summary}, ensure_ascii=False) + "\n")
        self._release()

    def abort(self) -> None:
        """Stop without the ``end`` line (the run was interrupted): what is written stays."""
        try:
            self._release()
        except (OSError, ValueError):
            pass

    def _release(self) -> None:
        self._handle.flush()
        if not self._stdout:
            self._handle.close()
        elif isinstance(self._handle, io.TextIOWrapper) and self._handle is not sys.stdout:
            self._handle.detach()  # leaves sys.stdout's buffer open


def read_done(path: str) -> tuple[dict | None, int, list[dict], list[tuple[str, str]]]:
    """What an earlier run left in ``path``: (its ``run`` line, the offset just past its last
    ``file`` line, the ``file`` lines, (rule, severity) of the done files' findings). Anything
    after the last ``file`` line — findings of a file cut short, files held back to the end
    (``deferred``), the repository rules' findings, the ``end`` line — is written again."""
    header = None
    offset = 0
    files: list[dict] = []
    severities: list[tuple[str, str]] = []
    pending: list[tuple[str, str]] = []
    position = 0
    if not os.path.exists(path):
        return None, 0, [], []
    with open(path, "rb") as handle:
        for raw in handle:
            position += len(raw)
            if not raw.endswith(b"\n"):
                break  # cut off mid-line by the kill
            try:
                row = json.loads(raw)
            except ValueError:
                break
            kind = row.get("type") if isinstance(row, dict) else None
            if kind == "run" and header is None:
                header = row
                offset = position
            elif kind == "finding":
                pending.append((row.get("rule", ""), row.get("severity", "")))
            elif kind == "file" and not row.get("deferred") and header is not None:
                files.append(row)
                severities.extend(pending)
                pending = []
                offset = position
            elif kind in ("file", "end"):
                break
    return header, offset, files, severities
