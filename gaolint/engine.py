"""Linting one file end to end: read → normalise → parse → rules → findings.

This is the only place that knows the whole pipeline. It never lets an exception escape for
one file: an unreadable file becomes an ``Unreadable`` finding, a crashing rule an
``InternalError`` one (``gaolint.checks.failures``).
"""

from __future__ import annotations

from .model import Finding, Message, Record, Report, ReportFacts, Severity

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (milliseconds of a cache hit)
if TYPE_CHECKING:
    from .suppress import Suppression


class Settings(Record):
    """What decides which rules run and how: filled from the command line and configuration."""

    __slots__ = (
        "select", "ignore", "severity", "per_file_ignores", "deadlines", "agencies", "verbose"
    )

    def __init__(
        self,
        select: tuple[str, ...] = (),
        ignore: tuple[str, ...] = (),
        severity: dict[str, str] | None = None,
        per_file_ignores: dict[str, tuple[str, ...]] | None = None,
        deadlines: dict[str, str] | None = None,
        agencies: dict[str, dict] | None = None,
        verbose: bool = False,
    ) -> None:
        self.select = select
        self.ignore = ignore
        self.severity = {} if severity is None else severity
        self.per_file_ignores = {} if per_file_ignores is None else per_file_ignores
        self.deadlines = {} if deadlines is None else deadlines
        self.agencies = {} if agencies is None else agencies
        self.verbose = verbose

    def enabled(self, code: str) -> bool:
        if self.select and not any(code.startswith(p) for p in self.select):
            return False
        return not any(code.startswith(p) for p in self.ignore)


class FileResult(Record):
    __slots__ = ("path", "findings", "facts", "suppressions", "repeatable")

    def __init__(
        self,
        path: str,
        findings: list[Finding],
        facts: ReportFacts | None = None,
        suppressions: list[Suppression] | None = None,
        repeatable: bool = True,
    ) -> None:
        self.path = path
        self.findings = findings
        self.facts = facts
        #: Inline suppression comments resolved to line ranges (gaolint.suppress.Suppression);
        #: applied by RunConfig.filter once every finding of the run is known.
        self.suppressions = [] if suppressions is None else suppressions
        #: False when the same bytes may give another result on another run (a reader stopped
        #: on a time limit): never stored in the result cache.
        self.repeatable = repeatable


def display_path(path: str) -> str:
    """The path as findings show it: relative to the current folder, with forward slashes.

    A file name that is not valid in the file system's encoding (GBK names unpacked from a zip
    made on Windows) reaches Python with its bad bytes as lone surrogates, which no UTF-8
    output can carry; they are shown as ``\\xNN``, as ``ls -b`` shows them."""
    from .discover import display

    return printable(display(path))


def printable(path: str) -> str:
    """``path`` with the lone surrogates of undecodable file-name bytes written as ``\\xNN``."""
    if path.isascii():
        return path
    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no file name decodes to
        return path.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def crashed_result(path: str, settings: Settings) -> FileResult:
    """The answer for a file whose linting process died (a crash inside a C library, or the
    kernel's out-of-memory killer): GAO000, never stored in the result cache."""
    from .checks.failures import InternalError

    shown = display_path(path)
    finding = InternalError.finding(
        shown,
        "检查此文件的进程意外终止（程序库崩溃或内存耗尽）",
        "the process checking this file died (a library crashed, or memory ran out)",
    )
    return FileResult(shown, [finding] if settings.enabled(InternalError.code) else [], repeatable=False)


#: Findings one rule lists for one file; past this the rest are counted in one closing
#: finding. A real report's worst case (every cell of table 3 wrong) is a few hundred; a file
#: of 90,000 contradicting sentences made 270,000 findings and 700 MB.
MAX_FINDINGS_PER_RULE = 1000


def _capped(found) -> list[Finding]:
    """The first ``MAX_FINDINGS_PER_RULE`` findings, then one saying how many more there are
    (placed where the first unlisted one was)."""
    iterator = iter(found)
    kept: list[Finding] = []
    for finding in iterator:
        if len(kept) < MAX_FINDINGS_PER_RULE:
            kept.append(finding)
            continue
        more = 1 + sum(1 for _ in iterator)
        kept.append(Finding(
            finding.rule, finding.name, finding.severity,
            Message(f"……另有 {more} 处同类问题未逐一列出（每条规则在每个文件最多列出 {MAX_FINDINGS_PER_RULE} 处）",
                    f"… and {more} more findings of this rule in this file, not listed one by one"
                    f" (at most {MAX_FINDINGS_PER_RULE} per rule per file)"),
            finding.path, finding.location, finding.source_line,
        ))
    return kept


def _exception_text(error: BaseException) -> str:
    """``ValueError: message``, as the last line of a traceback shows it."""
    import traceback  # only when something failed: it costs a pre-commit run otherwise

    return "".join(traceback.format_exception_only(type(error), error)).strip()


def read_report(path: str, shown: str, read=None) -> tuple[Report | None, Finding | None]:
    """Read, normalise and parse one file; a failure is returned as a finding. ``read`` (path →
    Extracted, raising UnreadableFile) replaces reading the path from the local disk: the
    library call ``gaolint.api.lint_bytes`` and the cluster's fsspec URLs pass one."""
    from .checks.failures import InternalError, Unreadable
    from .normalise import normalise
    from .parse import parse
    from .read import UnreadableFile, read_path

    try:
        extracted = read_path(path) if read is None else read(path)
    except UnreadableFile as error:
        return None, Unreadable.finding(shown, f"无法读取文件：{error}", f"unreadable file: {error}")
    except MemoryError:
        return None, Unreadable.finding(shown, "文件过大，无法读取", "the file is too large to read")
    except Exception as error:  # a reader bug must not stop the run
        return None, Unreadable.finding(
            shown,
            f"无法读取文件（读取器出错：{type(error).__name__}: {error}）",
            f"unreadable file (reader error: {type(error).__name__}: {error})",
        )
    try:
        if len(extracted.suppressions) > MAX_SUPPRESSIONS:
            _drop_extra_suppressions(extracted)
        lines, damage, images = normalise(extracted)
        report = parse(shown, extracted.container, lines, extracted.layout, images)
        report.damage[:0] = damage
        report.suppressions = list(extracted.suppressions)
        report.repeatable = extracted.repeatable
    except Exception as error:
        detail = _exception_text(error)
        return None, InternalError.finding(shown, f"解析器内部错误：{detail}", f"internal error in the parser: {detail}")
    return report, None


#: ``<!-- gaolint: ... -->`` comments honoured in one file; a report needs a handful. Past
#: this the rest are ignored, and GAO003 says so: 90,000 of them made 90,000 GAO010 findings.
MAX_SUPPRESSIONS = 500


def _drop_extra_suppressions(extracted) -> None:
    from .read.base import SourceLine

    first_ignored = extracted.suppressions[MAX_SUPPRESSIONS][0]
    extracted.suppressions = extracted.suppressions[:MAX_SUPPRESSIONS]
    extracted.damage.append((SourceLine("", first_ignored), (
        f"gaolint 屏蔽注释超过 {MAX_SUPPRESSIONS} 条，其余未生效"
        f" / more than {MAX_SUPPRESSIONS} gaolint comments: the rest were ignored"
    )))


def lint_file(path: str, settings: Settings, shown: str | None = None, read=None) -> FileResult:
    """All findings for one file, already filtered by the settings. ``shown`` is the path
    findings name (default: ``display_path(path)``; a cluster worker, whose current folder is
    not the client's, is told it); ``read`` see ``read_report``."""
    from .checks import RULES
    from .checks.base import Context, FileRule
    from .checks.failures import InternalError
    from .checks.file import is_annual_report
    from .checks.repository_rules import collect_facts
    from .formats import get_format

    shown = display_path(path) if shown is None else shown
    report, failure = read_report(path, shown, read)
    if report is None:
        assert failure is not None
        return FileResult(shown, [failure] if settings.enabled(failure.rule) else [])
    options = _options_for(shown, report, settings)
    fmt = get_format(report.format_version)
    context = Context(report, fmt, options)
    findings: list[Finding] = []
    annual = is_annual_report(report)
    for code, rule_class in RULES.items():
        if not issubclass(rule_class, FileRule) or not settings.enabled(code):
            continue
        rule = rule_class()
        if not annual and not rule.any_file:
            continue
        if not rule.applies_to(report):
            continue
        try:
            produced = _capped(rule.check(context))
        except Exception as error:
            detail = _exception_text(error)
            findings.append(InternalError.finding(
                shown,
                f"规则 {code}（{rule.name}）内部错误：{detail}",
                f"rule {code} ({rule.name}) raised: {detail}",
            ))
            continue
        findings.extend(produced)
    findings = [f for f in findings if settings.enabled(f.rule)]
    _apply_severity(findings, settings)
    from .tableplace import annotate  # 表三 “（七）总计”行 “总计”列, not a bare ``0 |``

    annotate(report, findings, fmt)
    facts = collect_facts(report) if annual else None
    suppressions = []
    if report.suppressions:
        from .suppress import resolve

        suppressions = resolve(report)
    return FileResult(shown, findings, facts, suppressions, report.repeatable)


def _options_for(shown: str, report: Report, settings: Settings) -> dict:
    """Per-file options: deadlines, and agency overrides from configuration globs."""
    from fnmatch import fnmatch

    options: dict = {"deadlines": dict(settings.deadlines), "verbose": settings.verbose}
    for pattern, override in settings.agencies.items():
        if fnmatch(shown, pattern):
            if override.get("name"):
                from .parse.metadata import agency_kind

                report.agency = override["name"]
                report.agency_kind = agency_kind(report.agency)
            if override.get("kind"):
                report.agency_kind = override["kind"]
                options["agency_kind"] = override["kind"]
            if override.get("year"):
                report.year = int(override["year"])
    return options


def _apply_severity(findings: list[Finding], settings: Settings) -> None:
    if not settings.severity:
        return
    for finding in findings:
        for prefix, level in settings.severity.items():
            if finding.rule.startswith(prefix):
                finding.severity = Severity(level)
