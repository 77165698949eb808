"""The lint loop: many files linted in order, from the result cache, inline, in forked workers
under their budgets, or in a process pool, each result handed back as it comes. Used by
``gaolint check`` (gaolint/run.py), the streamed outputs (gaolint/stream.py) and the cluster's
workers (gaolint/cluster.py); it imports none of them.

How one file is linted is ``gaolint.workers.lint_file``, looked up at each call: the one name
callers and tests replace."""

from __future__ import annotations

import os
import sys

from . import workers
from .engine import FileResult, Settings
from .model import Location


def _lint_one(job: tuple[str, Settings]) -> FileResult:
    path, settings = job
    return workers.lint_file(path, settings)


def lint_files(files: list[str], settings: Settings, jobs: int | None, progress=None, cache=None,
               budget=None) -> list[FileResult]:
    """Results in the order of ``files`` whatever the number of workers.

    With a ``cache`` (gaolint.cache.ResultCache), files whose entry is there are answered in this
    process first; only the others are linted (inline, or in a pool when ``jobs`` > 1; ``None``
    chooses by how many are left); their results are kept as they come back and written to the
    cache once, at the end. Each file is linted within ``budget`` (gaolint.workers.Budget: the
    default limits when None; see gaolint/workers.py for how they are enforced)."""
    results: list[FileResult | None] = [None] * len(files)
    shared: dict[Location, Location] = {}
    pending: list[tuple[int, str, object]] = []  # (index, path, cache ticket)
    if cache is None:
        pending = [(index, path, None) for index, path in enumerate(files)]
    else:
        from .engine import display_path

        answers = cache.lookup_all([(path, display_path(path)) for path in files])
        for index, (path, (found, ticket)) in enumerate(zip(files, answers)):
            if found is not None:
                results[index] = share_facts(found, shared)
                if progress is not None:
                    progress()
            else:
                pending.append((index, path, ticket))
    if pending:
        from .formats import check_files

        check_files()  # a broken format file: exit 2 now, not GAO000 on every report
    if jobs is None:
        jobs = default_jobs(len(pending))

    def keep(index: int, path: str, ticket: object, result: FileResult) -> None:
        results[index] = share_facts(result, shared)
        if cache is not None:
            cache.store(path, ticket, result)
        if progress is not None:
            progress()

    from .workers import Budget, can_fork, lint_budgeted

    if can_fork():
        lint_budgeted(pending, settings, 1 if len(pending) < 2 else jobs, budget or Budget(), keep)
    elif jobs <= 1 or len(pending) < 2:
        for index, path, ticket in pending:
            keep(index, path, ticket, workers.lint_file(path, settings))
    else:
        _lint_in_pool(pending, settings, jobs, keep, results)
    if cache is not None:
        cache.flush()
    return results  # type: ignore[return-value]


def share_facts(result: FileResult, shared: dict[Location, Location]) -> FileResult:
    """``result`` with its repository facts holding one copy of each equal location and
    interned strings: every report's facts are kept to the end of the run for GAO601/602, and a
    worker's or the cache's answer arrives as new objects each time, although the places of
    table 3's rows are the same in nearly every report (``第2个表格 第5行 第4列``). Halves what
    a result holds (7.5 KB to 3.9 KB a .docx report): 110 MB to 68 MB peak over 10,000 .docx with ``--jobs 1``
    (docs/performance.md). Values are never changed once made (``model.Value``), so sharing
    them is safe."""
    facts = result.facts
    if facts is None:
        return result
    if facts.locations:
        for key, locations in facts.locations.items():
            facts.locations[key] = [shared.setdefault(location, location) for location in locations]
    if facts.source_lines:
        for key, texts in facts.source_lines.items():
            facts.source_lines[key] = [sys.intern(text) if type(text) is str else text for text in texts]
    for name in ("agency", "agency_kind", "format_version"):
        text = getattr(facts, name)
        if type(text) is str:
            setattr(facts, name, sys.intern(text))
    return result


def _lint_in_pool(pending: list, settings: Settings, jobs: int, keep, results: list) -> None:
    """Lint ``pending`` (index, path, ticket) in ``jobs`` worker processes, handing each result
    to ``keep`` as it comes back, in order."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    chunk = max(1, min(64, len(pending) // (jobs * 8) or 1))
    try:
        with ProcessPoolExecutor(max_workers=jobs, initializer=settle_collector) as pool:
            work = [(path, settings) for _, path, _ in pending]
            for (index, path, ticket), result in zip(pending, pool.map(_lint_one, work, chunksize=chunk)):
                keep(index, path, ticket, result)
    except BrokenProcessPool:
        # A worker died, taking its chunk with it, and the pool with it. Keep what came back;
        # lint each file still missing in a process of its own, so the file that kills its
        # process is named (GAO000) and the others still get their findings.
        for index, path, ticket in pending:
            if results[index] is None:
                keep(index, path, ticket, _lint_isolated(path, settings))


def _lint_isolated(path: str, settings: Settings) -> FileResult:
    """One file in a fresh process: its result, or GAO000 if the process dies."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from .engine import crashed_result

    with ProcessPoolExecutor(max_workers=1) as pool:
        try:
            return pool.submit(_lint_one, (path, settings)).result()
        except BrokenProcessPool:
            return crashed_result(path, settings)


#: The collector while linting: everything start-up made (modules, compiled patterns, the
#: format tables) is frozen out of its sight, so its older-generation passes do not walk those
#: long-lived objects once per report. Worker processes forked afterwards inherit it; spawned
#: ones run ``settle_collector`` as their initializer.
#: Measured (125 .docx and 1,000 .txt, ``--jobs 1 --no-cache``, user time, machine loaded):
#: freezing alone gives .docx 3.4 s and 37 MB; a young-generation threshold raised to 10,000
#: on top gave 4.2 s and 305 MB (the cycles a .docx read leaves survived into rare full
#: collections), with no gain on text (2.8-3.2 s every way). So only the freeze is kept and
#: the thresholds stay Python's (docs/performance.md).


def settle_collector() -> bool:
    """Freeze the start-up objects for a lint run; whether this call froze them (gaolint may run
    inside another program, a test session, that froze objects of its own)."""
    import gc

    if gc.get_freeze_count():
        return False
    gc.freeze()
    return True


def restore_collector(froze: bool) -> None:
    """Undo ``settle_collector``."""
    if froze:
        import gc

        gc.unfreeze()


def default_jobs(count: int) -> int:
    """Workers for ``count`` files to lint: one for a few, one per core for more."""
    if count <= 8:
        return 1
    return max(1, os.cpu_count() or 1)
