"""Streamed runs: ``--format jsonl`` / ``--format parquet``, and ``--resume``.

A streamed run writes each file's findings as its result arrives instead of gathering every
result first, so memory stays flat in the number of files: only the repository rules' facts
(a few hundred bytes per annual report) are kept until the end, when GAO601/GAO602 run on them.

Findings are final when written: per-file ignores and severity overrides depend only on the
file, and inline suppressions only on the file's own comments — except that a comment may
also silence a repository finding, known only at the end. A file with inline suppression
comments (rare) is therefore held back and written at the end, with the repository findings;
every other file is written in input order. The findings are those of ``--jobs 1``.

``--resume`` (jsonl only) reads what an earlier run over the same files left in ``--output``:
every file with a ``file`` line is done; everything after the last one is cut off and the run
goes on with the files left, appending. Results from the result cache are used as in any run.
"""

from __future__ import annotations

import os
import sys

from .checks.failures import InternalError
from .engine import FileResult, ReportFacts, Settings
from .errors import EXIT_FINDINGS, EXIT_OK, UsageError
from .model import SEVERITY_RANK
from .output import FORMATS

#: Files linted between two writes in a one-process run.
BATCH = 16


def _info(facts: ReportFacts | None) -> dict:
    if facts is None:
        return {"agency": "", "agency_kind": "", "year": None, "format_version": ""}
    return {"agency": facts.agency, "agency_kind": facts.agency_kind, "year": facts.year,
            "format_version": facts.format_version}


def settings_fingerprint(settings: Settings) -> str:
    """What decides the findings (--verbose only adds explanations: a resumed run may differ)."""
    import copy

    from .cache import settings_fingerprint as fingerprint

    quiet = copy.copy(settings)
    quiet.verbose = False
    return fingerprint(quiet)


def _check_options(args) -> None:
    fmt = args.output_format
    resume = getattr(args, "resume", False)
    if resume and not FORMATS[fmt].resumable:
        raise UsageError("--resume 只用于 --format jsonl / --resume works with --format jsonl only")
    if resume and not args.output:
        raise UsageError("--resume 需要 --output FILE / --resume needs --output FILE")
    if FORMATS[fmt].binary and not args.output:
        raise UsageError(f"--format {fmt} 需要 --output FILE / --format {fmt} needs --output FILE")
    for option, name in ((args.baseline, "--baseline"), (args.write_baseline, "--write-baseline"),
                         (getattr(args, "summary", False), "--summary")):
        if option:
            raise UsageError(f"{name} 不能与流式输出同用 / {name} cannot be used with --format {fmt}")


def local_results(files: list[str], settings: Settings, jobs: int | None, progress=None, cache=None, budget=None):
    """Results of ``files`` in order, linted by the run's own pool a batch at a time (the pool,
    its crash handling and the cache's writes work per batch; memory holds one batch). A
    batch of ``BATCH`` files for one process; for a pool, enough that starting it is small
    beside the work."""
    from .lintloop import default_jobs, lint_files

    workers = jobs if jobs is not None else default_jobs(len(files))
    size = BATCH if workers <= 1 else BATCH * 8 * workers
    for start in range(0, len(files), size):
        yield from lint_files(files[start:start + size], settings, jobs, progress, cache, budget)


def run_streamed(args, config, inputs: list, cache, scheduler: str | None) -> int:
    """Lint ``inputs`` (paths; (location, shown) pairs with a ``scheduler``), writing as
    results arrive; the exit code as ``gaolint check`` decides it."""
    from . import __version__
    from .api import facts_from_dict, facts_to_dict
    from .engine import display_path
    from .output import load
    from .repository import check_repository

    _check_options(args)
    settings = config.settings
    module = load(args.output_format)
    header = {"gaolint": __version__, "lang": config.lang, "settings": settings_fingerprint(settings)}
    facts: list[ReportFacts] = []
    tally = _Tally()
    done: set[str] = set()
    offset = None
    if getattr(args, "resume", False) and os.path.exists(args.output):
        from .output.jsonl import read_done

        old, offset, rows, found = read_done(args.output)
        if old is None:
            offset = None  # nothing usable: start afresh
        elif (old.get("settings"), old.get("lang")) != (header["settings"], header["lang"]):
            raise UsageError(
                f"--resume: {args.output} 由不同的设置写成 / was written with other settings or language;"
                " remove it or run without --resume"
            )
        for row in rows:
            done.add(row["path"])
            if row.get("facts"):
                facts.append(facts_from_dict(row["facts"]))
        for rule, severity in found:
            tally.add(rule, severity)
        if settings.verbose:
            sys.stderr.write(f"gaolint: --resume: {len(done)} 个文件已完成 / file(s) already done\n")

    def shown_of(item) -> str:
        return item[1] if scheduler else display_path(item)

    todo = [item for item in inputs if shown_of(item) not in done] if done else list(inputs)
    from .lintloop import restore_collector, settle_collector
    from .progress import progress_bar

    cluster = None
    if scheduler:  # connected before the output is touched: an unreachable one leaves it as it was
        from .cluster import Cluster, iter_results

        cluster = Cluster(scheduler)
    try:
        writer = module.Writer(args.output, config.lang, header, offset)
    except BaseException:
        if cluster is not None:
            cluster.close()
        raise
    progress = progress_bar(len(todo), args)
    advance = progress.advance if progress else None
    froze = settle_collector()
    held: list[FileResult] = []  # files with inline suppressions: written at the end
    files = len(done)
    try:
        if cluster is not None:
            results = iter_results(todo, settings, cluster, advance)
        else:
            results = local_results(todo, settings, args.jobs, advance, cache, getattr(config, "budget", None))
        try:
            for result in results:
                files += 1
                if result.facts is not None:
                    facts.append(result.facts)
                if result.suppressions:
                    held.append(result)
                    continue
                kept = config.filter(result.findings, [result])
                tally.count(kept)
                writer.file(result.path, _info(result.facts), kept,
                            None if result.facts is None else facts_to_dict(result.facts))
        finally:
            if cluster is not None:
                cluster.close()
        if progress:
            progress.stop()
            progress = None
        repository = check_repository(facts, settings)
        kept = config.filter([f for r in held for f in r.findings] + repository, held)
        info_by_path = {f.path: _info(f) for f in facts}
        for result in held:  # marked held back: --resume lints them again
            own = [f for f in kept if f.path == result.path]
            writer.file(result.path, _info(result.facts), own,
                        None if result.facts is None else facts_to_dict(result.facts), deferred=True)
        held_paths = {r.path for r in held}
        rest = [f for f in kept if f.path not in held_paths]
        writer.findings(rest, lambda path: info_by_path.get(path, _info(None)))
        tally.count(kept)
        writer.close({"files": files, "findings": tally.total})
    except BaseException:
        writer.abort()
        raise
    finally:
        restore_collector(froze)
        if progress:
            progress.stop()
    if args.output:
        sys.stderr.write(f"gaolint: {files} 个文件，{tally.total} 个问题 / {files} file(s), "
                         f"{tally.total} finding(s) → {args.output}\n")
    # A crashing rule always fails the run, whatever --fail-on says (interface.md).
    if config.fail_on == "never":
        return EXIT_FINDINGS if tally.internal else EXIT_OK
    failed = tally.worst >= SEVERITY_RANK[config.fail_on]
    return EXIT_FINDINGS if failed or tally.internal else EXIT_OK


class _Tally:
    """What the exit code needs of the findings written: the worst severity, and whether any
    was GAO000."""

    def __init__(self) -> None:
        self.total = 0
        self.worst = 0
        self.internal = False

    def add(self, rule: str, severity: str) -> None:
        self.total += 1
        self.worst = max(self.worst, SEVERITY_RANK.get(severity, 0))
        self.internal = self.internal or rule == InternalError.code

    def count(self, findings) -> None:
        for finding in findings:
            self.add(finding.rule, finding.severity.value)
