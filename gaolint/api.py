"""The stable library call: lint one file (a path, bytes, or an fsspec URL) with given settings.

This is what the command line, the process pool and a Dask cluster's workers all run for one
file, so a program that embeds gaolint gets exactly the findings ``gaolint check`` prints:

    from gaolint import api

    config = api.load_config()                  # .gaolint.yaml / pyproject.toml, as the CLI finds it
    result = api.lint_path("report.pdf", config.settings)
    findings = api.finish([result], config)     # repository rules, per-file ignores, suppressions
    rows = [api.finding_to_dict(f) for f in findings]

A ``FileResult`` is plain data (``__slots__`` records of str, int, float, lists and dicts):
it pickles to a worker process or a Dask worker and back, and ``result_to_dict`` /
``result_from_dict`` turn it into JSON and back without loss (the jsonl stream and ``--resume``
rely on that). Its ``findings`` are filtered by the settings' select/ignore/severity; what
needs the whole run — repository rules (GAO601/GAO602), per-file ignores and inline
suppressions — is applied by ``finish``. docs/api.md is the reference.

Only the standard library is imported here; readers and rules load on the first call.
"""

from __future__ import annotations

import os
from functools import cache

from .engine import FileResult, ReportFacts, Settings, display_path, lint_file
from .model import Finding, Location, Message, Severity

#: Bumped only when a field is removed or changes meaning; adding a field keeps it.
API_VERSION = 1


def is_url(location: str) -> bool:
    """``s3://bucket/x.pdf``, ``file:///data/x.pdf``: anything with a scheme fsspec may know.
    A Windows drive (``C:\\x``) is not a URL."""
    scheme, sep, _ = location.partition("://")
    return bool(sep) and len(scheme) > 1 and scheme.replace("+", "").replace("-", "").isalnum()


def lint_path(path: str, settings: Settings, shown: str | None = None) -> FileResult:
    """Lint the local file ``path``. Findings name it as ``shown`` (default: relative to the
    current folder, as the CLI shows it). Never raises for anything in the file: an unreadable
    file is GAO001, a crashing rule GAO000."""
    return lint_file(path, settings, shown)


def lint_bytes(data: bytes, filename: str, settings: Settings) -> FileResult:
    """Lint a file held in memory. ``filename`` picks the reader by its extension and is the
    path findings name (as given: nothing is read from the disk)."""

    def read(path: str):
        return _extracted(data, path)

    return lint_file(filename, settings, filename, read)


def lint_url(url: str, settings: Settings, shown: str | None = None) -> FileResult:
    """Lint a file named by an fsspec URL (``s3://``, ``file://``, ``hdfs://``…). The file is
    read through fsspec (which must be installed, with the protocol's own package, e.g. s3fs),
    at most ``MAX_FILE_BYTES`` of it; failing to open it is GAO001 like a local file."""

    def read(path: str):
        return _extracted(_url_bytes(url), path)

    return lint_file(url, settings, url if shown is None else shown, read)


def lint(location: str, settings: Settings, shown: str | None = None) -> FileResult:
    """``lint_url`` for a URL, ``lint_path`` otherwise: what a cluster worker runs."""
    if is_url(location):
        return lint_url(location, settings, shown)
    return lint_path(location, settings, shown)


def _extracted(data: bytes, path: str):
    """Read ``data`` as the file ``path``, refusing what ``read_path`` refuses, with its words."""
    from .read import READERS, UnreadableFile, read_bytes
    from .read.limits import MAX_FILE_BYTES

    name = path.split("?", 1)[0]
    extension = os.path.splitext(name)[1].lower()
    if extension not in READERS:
        raise UnreadableFile(f"不支持的文件类型 {extension or '(无扩展名)'} / unsupported file type")
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableFile(
            f"文件过大（{len(data) // (1024 * 1024)} MB，上限 {MAX_FILE_BYTES // (1024 * 1024)} MB）"
            f" / file too large ({len(data)} bytes)"
        )
    return read_bytes(data, name)


def _url_bytes(url: str) -> bytes:
    from .read import UnreadableFile
    from .read.limits import MAX_FILE_BYTES

    try:
        import fsspec
    except ImportError:
        raise UnreadableFile("读取 URL 需要 fsspec / reading a URL needs fsspec: pip install 'gaolint[dask]'") from None
    try:
        with fsspec.open(url, "rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)
    except Exception as error:  # every filesystem raises its own errors; all mean "cannot open"
        detail = getattr(error, "strerror", None) or error
        raise UnreadableFile(f"无法打开文件 / cannot open the file: {detail}") from None


def load_config(config: str | None = None, *, select: str | None = None, ignore: str | None = None,
                lang: str | None = None, fail_on: str | None = None, verbose: bool = False):
    """The run's configuration as ``gaolint check`` builds it: the file ``config`` (or the
    .gaolint.yaml / pyproject.toml found from the current folder) under the given options
    (comma-separated rule IDs or prefixes, as on the command line). ``.settings`` is what the
    lint calls take; the whole object is what ``finish`` takes. Raises ``UsageError`` for a bad
    file or option."""
    from types import SimpleNamespace

    from .config import load_settings

    args = SimpleNamespace(config=config, select=select, ignore=ignore, lang=lang, fail_on=fail_on, verbose=verbose)
    return load_settings(args)


def settings_for(config: str | None = None, **options) -> Settings:
    """Only the ``Settings`` of ``load_config`` (options as there)."""
    return load_config(config, **options).settings


def finish(results: list[FileResult], config) -> list[Finding]:
    """Every finding of a run over ``results``, as ``gaolint check`` reports them: each file's
    findings, then the repository rules (GAO601/GAO602) over the gathered facts, then
    per-file ignores, severity overrides and inline suppressions (with GAO010 for comments
    that silenced nothing)."""
    from .repository import check_repository

    findings = [f for result in results for f in result.findings]
    findings.extend(check_repository([r.facts for r in results if r.facts is not None], config.settings))
    return config.filter(findings, results)


# --- plain data: JSON in, JSON out -------------------------------------------------------------

@cache
def _records():
    """Records as dicts of their fields (gaolint/codec.py): locations, facts, suppressions."""
    from .codec import Codec
    from .suppress import Suppression

    return Codec(ReportFacts, Location, Suppression, named=True)


def _location(location: Location) -> dict:
    return _records().encode(location)


def _location_from(data: dict) -> Location:
    return _records().decode(Location, data)


def finding_to_dict(finding: Finding, lang: str | None = None) -> dict:
    """A finding as JSON-ready data: both message languages, or ``message`` in ``lang``."""
    data = {
        "path": finding.path,
        "rule": finding.rule,
        "name": finding.name,
        "severity": finding.severity.value,
        **_location(finding.location),
        "message_zh": finding.message.zh,
        "message_en": finding.message.en,
        "source_line": finding.source_line,
        "related": [{**_location(where), "text": text} for where, text in finding.related],
    }
    if lang is not None:
        data["message"] = finding.message.text(lang)
    return data


def finding_from_dict(data: dict) -> Finding:
    return Finding(
        data["rule"], data["name"], Severity(data["severity"]),
        Message(data["message_zh"], data["message_en"]), data["path"], _location_from(data),
        data.get("source_line", ""),
        [(_location_from(item), item["text"]) for item in data.get("related", ())],
    )


def facts_to_dict(facts: ReportFacts) -> dict:
    """Facts as JSON-ready data: each field by name, locations as dicts of theirs."""
    return _records().encode(facts)


def facts_from_dict(data: dict) -> ReportFacts:
    """The facts ``facts_to_dict`` gave ``data`` for; a missing field takes its default."""
    return _records().decode(ReportFacts, data)


def result_to_dict(result: FileResult) -> dict:
    """A FileResult as JSON-ready data; ``result_from_dict`` gives it back equal."""
    return {
        "path": result.path,
        "findings": [finding_to_dict(f) for f in result.findings],
        "facts": None if result.facts is None else facts_to_dict(result.facts),
        "notes": [],  # API version 1 had notes; FileResult never held any
        "suppressions": [_records().encode(s) for s in result.suppressions],
        "repeatable": result.repeatable,
    }


def result_from_dict(data: dict) -> FileResult:
    from .suppress import Suppression

    return FileResult(
        data["path"],
        [finding_from_dict(f) for f in data.get("findings", ())],
        None if data.get("facts") is None else facts_from_dict(data["facts"]),
        [_records().decode(Suppression, s) for s in data.get("suppressions", ())],
        data.get("repeatable", True),
    )


__all__ = [
    "API_VERSION", "Settings", "FileResult", "ReportFacts", "Finding", "display_path",
    "lint", "lint_path", "lint_bytes", "lint_url", "is_url", "load_config", "settings_for", "finish",
    "finding_to_dict", "finding_from_dict", "facts_to_dict", "facts_from_dict",
    "result_to_dict", "result_from_dict",
]
