"""``gaolint check``: discover files, lint them (in parallel when many), run repository-level
rules, print, and decide the exit code."""

from __future__ import annotations

import os
import sys

from . import lintloop
from .engine import FileResult, Settings
from .errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError
from .model import SEVERITY_RANK
from .progress import progress_bar


def _check_output_path(path: str) -> None:
    """Refuse an --output that cannot be written before linting, not after a long run."""
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        raise UsageError(f"--output: 这是一个文件夹 / is a folder: {path}")
    if not os.path.isdir(folder):
        raise UsageError(f"--output: 文件夹不存在 / no such folder: {folder}")


def _refuse_writing_inputs(files: list[str], args) -> None:
    """gaolint never writes to a file it checks: an --output or --write-baseline path that is
    one of the inputs (the same file by device and inode, so symlinks and hard links too; a
    shell glob like ``--output *.txt`` does it by accident) is refused before linting."""
    targets = {}
    for option, path in (("--output", args.output), ("--write-baseline", getattr(args, "write_baseline", None))):
        if not path:
            continue
        try:
            info = os.stat(path)
        except (OSError, ValueError):
            continue  # not there yet (or unreachable): it cannot be an input
        targets[(info.st_dev, info.st_ino)] = (option, path)
    if not targets:
        return
    for file in files:
        try:
            info = os.stat(file)
        except (OSError, ValueError):
            continue
        hit = targets.get((info.st_dev, info.st_ino))
        if hit is not None:
            from .engine import printable

            option, path = hit
            raise UsageError(f"{option}: {printable(path)} 是被检查的文件之一，拒绝覆盖 / is one of the files being "
                             f"checked ({printable(file)}); gaolint never writes to its inputs")


def run_check(args) -> int:
    from .config import load_settings

    config = load_settings(args)
    settings: Settings = config.settings
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs 必须是正整数 / --jobs must be at least 1")
    from .output import FORMATS

    output_format = FORMATS[args.output_format]
    fmt = args.output_format
    if args.output:
        _check_output_path(args.output)
    elif output_format.binary and not output_format.streamed and _stdout_is_terminal():
        raise UsageError(f"--format {fmt} 需要 --output FILE.{fmt} / --format {fmt} needs --output FILE.{fmt}")
    if getattr(args, "show_settings", False):
        from .habits import show_settings

        sys.stdout.write(show_settings(args, config))
        return EXIT_OK
    if getattr(args, "quiet", False):
        args.no_progress = True
    if args.paths == ["-"] or getattr(args, "stdin_filename", None):
        return _run_stdin(args, config)

    scheduler = None
    groups = None
    selection = None
    if getattr(args, "scheduler", None) or os.environ.get("GAOLINT_SCHEDULER"):
        from .cluster import expand_inputs, scheduler_address

        scheduler = scheduler_address(args)  # a Dask cluster: paths and URLs the workers read
        from .formats import check_files

        # A broken format file here is most likely the workers' too (one installation, one
        # GAOLINT_FORMATS): exit 2 before connecting, not GAO000 on every report.
        check_files()
        items, missing = expand_inputs(args.paths)
        files = [shown for _, shown in items]
    else:
        from .discover import choose

        selection = choose(args.paths, config.exclude)
        missing = selection.missing
        if any("://" in path for path in missing):
            raise UsageError("URL 输入需要 --scheduler / URL inputs need --scheduler (a Dask cluster; "
                             "--scheduler local for this machine)")
    if missing:
        from .engine import printable

        raise UsageError("找不到路径 / no such path: " + ", ".join(map(printable, missing)))
    if selection is not None:
        from .config import config_groups

        # Each report is checked with the configuration nearest to it (gaolint.config.nearest).
        groups = config_groups(selection.files, args, config, selection.skipped)
        files = [path for _, members in groups for path in members]
        _tell_skipped(selection, config.lang, settings.verbose)
        if not files:
            from .output.text import skipped_summary

            skipped = skipped_summary(selection.counts(), config.lang).strip()
            sys.stderr.write("gaolint: 未检查任何报告文件 / no report file was checked\n" + (f"{skipped}\n" if skipped else ""))
            return EXIT_USAGE
    _refuse_writing_inputs(files, args)
    allowed = None
    if args.baseline and not args.write_baseline:  # a bad baseline fails now, not after the run
        from .baseline import read_baseline

        allowed = read_baseline(args.baseline)

    if output_format.streamed or getattr(args, "resume", False):
        from .stream import run_streamed

        cache = None if scheduler else _result_cache(settings, args)
        return run_streamed(args, config, items if scheduler else files, cache, scheduler)
    progress = progress_bar(len(files), args)
    froze = lintloop.settle_collector()
    by_path: dict[str, FileResult] = {}
    caches = []
    try:
        if scheduler:
            from .cluster import lint_on_cluster

            results = lint_on_cluster(items, settings, scheduler, progress.advance if progress else None)
        else:
            for group_config, members in groups or ():
                cache = _result_cache(group_config.settings, args)
                caches.append(cache)
                # --jobs unset: chosen by how many files the cache leaves to lint.
                found = lintloop.lint_files(members, group_config.settings, args.jobs, progress.advance if progress else None,
                                   cache, getattr(config, "budget", None))
                by_path.update(zip(members, found))
            results = [by_path[path] for path in selection.files if path in by_path]  # type: ignore[union-attr]  # chosen when no scheduler
    finally:
        lintloop.restore_collector(froze)
        if progress:
            progress.stop()
    for cache in caches:
        if settings.verbose and cache is not None:
            sys.stderr.write(
                f"gaolint: 结果缓存 {cache.folder}：{cache.hits} 个文件未改变，沿用上次结果 / "
                f"result cache {cache.folder}: {cache.hits} unchanged file(s) answered from it\n"
            )

    from .repository import check_repository

    findings = [f for result in results for f in result.findings]
    findings.extend(check_repository([r.facts for r in results if r.facts is not None], settings))
    grouping = (groups, by_path) if groups is not None and len(groups) > 1 else None
    return _finish(args, config, findings, results, allowed, grouping, selection.counts() if selection else None)


def _run_stdin(args, config) -> int:
    """``gaolint check - --stdin-filename reports/x.md``: one report read from stdin."""
    from .habits import lint_stdin

    if args.paths not in ([], ["-"]):
        raise UsageError("--stdin-filename 只能与路径 - 一起使用 / --stdin-filename goes with the path - only")
    results, _ = lint_stdin(getattr(args, "stdin_filename", None), config.settings, getattr(config, "budget", None))
    return _finish(args, config, [f for r in results for f in r.findings], results)


def _finish(args, config, findings, results, allowed=None, grouping=None, skipped=None) -> int:
    """Filter (by each report's own configuration when ``grouping`` holds several), apply the
    baseline, print, and choose the exit code."""
    from .habits import Hidden

    hidden = Hidden()
    before = findings
    if grouping is not None:
        groups, by_path = grouping
        findings = _filter_by_group(groups, findings, by_path, config)
    else:
        findings = config.filter(findings, results)
    hidden.count_filter(config, before, findings)

    if args.write_baseline:
        from .baseline import write_baseline

        write_baseline(args.write_baseline, findings, config.lang)
        findings = []  # everything found is now recorded, so nothing is new
    elif args.baseline:
        from .baseline import apply_baseline

        count = len(findings)
        findings = apply_baseline(args.baseline, findings, allowed)
        hidden.baseline = count - len(findings)

    args.hidden = hidden
    _emit(args, config, findings, results, skipped)
    # A crashing rule always fails the run, whatever --fail-on says (interface.md).
    from .checks.failures import InternalError

    internal = any(f.rule == InternalError.code for f in findings)
    fail_on = "never" if getattr(args, "exit_zero", False) else config.fail_on
    if fail_on == "never":
        return EXIT_FINDINGS if internal else EXIT_OK
    threshold = SEVERITY_RANK[fail_on]
    failed = any(SEVERITY_RANK[f.severity.value] >= threshold for f in findings)
    return EXIT_FINDINGS if failed or internal else EXIT_OK


def _result_cache(settings: Settings, args):
    """The result cache for runs with ``settings``, or None (switched off, or unusable)."""
    if getattr(args, "no_cache", False):
        return None
    from .cache import ResultCache, disabled_by_environment

    if disabled_by_environment():
        return None
    try:
        return ResultCache(settings)
    except Exception:  # a cache only saves time: without one, lint everything
        return None


def _filter_by_group(groups, findings, by_path: dict, config) -> list:
    """Each group's findings (its files' and the repository rules' findings pointing into its
    files) filtered by its own configuration; the rest by the run's."""
    owner = {}
    for index, (_, members) in enumerate(groups):
        for path in members:
            owner[by_path[path].path] = index
    split: list[list] = [[] for _ in groups]
    rest: list = []
    for finding in findings:
        owned = owner.get(finding.path)
        (rest if owned is None else split[owned]).append(finding)
    kept = []
    for (group_config, members), group_findings in zip(groups, split):
        kept.extend(group_config.filter(group_findings, [by_path[path] for path in members]))
    if rest:
        kept.extend(config.filter(rest, []))
    return kept


#: Skipped files named one by one without --verbose; past this they are counted on one line
#: (a website's folder of images would otherwise bury the findings).
MAX_SKIPPED_LISTED = 20


def _tell_skipped(selection, lang: str, verbose: bool) -> None:
    """One stderr line per skipped file worth naming (or every one with --verbose)."""
    from .engine import display_path

    named = [skipped for skipped in selection.skipped if skipped.listed or verbose]
    shown_now = named if verbose else named[:MAX_SKIPPED_LISTED]
    for skipped in shown_now:
        shown = display_path(skipped.path)
        line = f"skipped {shown}: {skipped.en}" if lang == "en" else f"跳过 {shown}：{skipped.zh}"
        sys.stderr.write(f"gaolint: {line}\n")
    more = len(named) - len(shown_now)
    if more:
        sys.stderr.write(f"gaolint: … and {more} more skipped (--verbose lists them)\n" if lang == "en"
                         else f"gaolint: ……另有 {more} 个文件被跳过（--verbose 逐一列出）\n")


def _emit(args, config, findings, results, skipped=None) -> None:
    from .output import FORMATS, load

    fmt = args.output_format
    output_format = FORMATS[fmt]
    context = output_context(output_format, config.lang, findings, results, getattr(args, "sarif_category", None),
                             statistics=getattr(args, "statistics", False))
    if getattr(args, "statistics", False):
        from .habits import statistics

        _write_stdout(statistics(findings, fmt), utf8=fmt == "json")
        if not getattr(args, "quiet", False):
            _write_summary(args, config, findings, context)
        return
    if output_format.console and not args.output and _stdout_is_terminal():
        from rich.console import Console

        load(fmt).print_rich(findings, context, Console(highlight=False))
    else:
        rendered = load(fmt).render(findings, context)
        if isinstance(rendered, bytes):  # a binary format (xlsx)
            _write_bytes(args, rendered)
        elif args.output:
            try:
                with open(args.output, "w", encoding="utf-8") as handle:
                    handle.write(rendered)
            except OSError as error:
                raise UsageError(f"--output: 无法写入 / cannot write {args.output}: {error.strerror or error}") from None
        else:
            _write_stdout(rendered, utf8=not output_format.console)
    if (output_format.console or args.output) and not getattr(args, "quiet", False):
        _write_summary(args, config, findings, context, skipped)
    if getattr(args, "summary", False):
        from .overview import print_overview

        print_overview(results, findings, args.output_format, lang=config.lang)


def output_context(output_format, lang: str, findings, results, category: str | None = None,
                   statistics: bool = False):
    """What an output may print besides the findings, as plain data: the counts every format
    has, and what ``output_format`` (an entry of ``gaolint.output.FORMATS``) asks for by its
    flags — the rule catalog, one row per file, the agency × year table."""
    from .output.context import OutputContext

    with_findings = {f.path for f in findings}
    context = OutputContext(
        lang=lang,
        files=len(results),
        clean=sum(1 for r in results if r.path not in with_findings),
        category=category,
    )
    if statistics:  # only the summary line is printed
        return context
    if output_format.catalog:
        from .catalog import rule_infos

        context.catalog = rule_infos(lang)
    if output_format.reports:
        from .overview import build_overview

        context.reports = report_rows(results)
        context.overview = build_overview(results, findings)
    return context


def report_rows(results) -> list:
    """One ``ReportRow`` per file result: the path and what was read of the report."""
    from .output.context import ReportRow

    rows = []
    for result in results:
        facts = result.facts
        rows.append(ReportRow(result.path) if facts is None
                    else ReportRow(result.path, facts.agency or "", facts.year, facts.format_version or ""))
    return rows


def _write_bytes(args, data: bytes) -> None:
    if not args.output:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        with open(args.output, "wb") as handle:
            handle.write(data)
    except OSError as error:
        raise UsageError(f"--output: 无法写入 / cannot write {args.output}: {error.strerror or error}") from None


def _write_summary(args, config, findings, context, skipped=None) -> None:
    from .output.text import skipped_summary, summary

    sys.stderr.write(summary(findings, context) + skipped_summary(skipped or {}, config.lang) + "\n")
    hidden = getattr(args, "hidden", None)
    line = hidden.line(config.lang) if hidden is not None else ""
    if line:
        sys.stderr.write(line + "\n")


def _write_stdout(rendered: str, utf8: bool) -> None:
    """Print ``rendered``. JSON, SARIF, annotations and HTML are UTF-8 by contract, so on a
    console with another encoding (a Windows code page) their bytes are written directly."""
    encoding = (sys.stdout.encoding or "").lower().replace("-", "").replace("_", "")
    binary = getattr(sys.stdout, "buffer", None)
    if utf8 and encoding != "utf8" and binary is not None:
        sys.stdout.flush()
        binary.write(rendered.encode("utf-8"))
        binary.flush()
        return
    sys.stdout.write(rendered)
    sys.stdout.flush()


def _stdout_is_terminal() -> bool:
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("NO_COLOR"):
        return False
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


__all__ = ["run_check", "EXIT_USAGE"]
