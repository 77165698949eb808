"""Hard per-file budgets: every file is read, parsed and checked within a wall-clock and a
memory limit, enforced outside the parser, and the run goes on with the other files.

Why outside: the readers call libraries (lxml, python-docx, the PDF engine) that may loop or
recurse on a hostile file without ever returning to Python, and no limit checked inside the
parser can stop them. So a file is linted in a *worker*: a long-lived child process forked
once (``os.fork``: it inherits the modules, settings and compiled patterns already loaded, so
starting one costs a few milliseconds, not a Python start-up), which lints one file at a time
for the parent and sends back its ``FileResult``. The parent watches the processor time the worker spends on
the file (``/proc``) and a wall-clock deadline and, past either, kills the worker (SIGKILL: nothing in the child can refuse it), answers the file with
GAO001 naming the limit, and forks a fresh worker for the rest of the run. Inside the worker,
``RLIMIT_AS`` caps its address space (an allocation past it fails: MemoryError in Python,
a failed ``malloc`` in C) and ``RLIMIT_CPU`` is a second, kernel-enforced clock should the
parent itself be stopped. One worker with ``--jobs 1``, N with ``--jobs N``; a worker that dies
(a library crash, the kernel's out-of-memory killer) costs only the file it was on: the others
are not touched and the dead worker is replaced (each worker holds one file at a time, so the
file that killed it is known exactly).

The fast path: a pre-commit run lints one small .txt or .md file, and any process spawn would
be a noticeable share of its start-up. Plain text goes through gaolint's own Python code only
(no third-party reader), and a file under ``INLINE_MAX_BYTES`` is small enough that its memory
is bounded by construction, so such files are linted in the calling process under a
processor-time alarm (``ITIMER_PROF``, delivered as SIGPROF), which interrupts any Python-level
loop. Everything else, and everything when
``--jobs`` > 1, goes through workers.

Where ``os.fork`` does not exist (Windows) files are linted as before (in this process, or a
process pool with ``--jobs`` > 1): only the readers' own size limits apply there.

Cheap checks come first (gaolint/preflight.py): a file whose size, object counts or structure
already rule it out is refused in milliseconds, before any reader library sees it.
"""

from __future__ import annotations

import os
import sys

from .engine import FileResult, Settings, display_path, lint_file
from .model import Record

#: Seconds of processor time to read, parse and check one file (see ``Budget``). A real report
#: takes 10-300 ms (a 1 MB one 0.3 s, a 30-page PDF well under a second with the PDF engine);
#: the budget is every file answered within 5 s, so the default leaves a second to spare.
DEFAULT_TIMEOUT = 4.0
#: Memory one worker may take beyond what it held when it started (MB): 15 MB of text needs
#: about 200 MB all told; the budget is 300 MB per process.
DEFAULT_MEMORY_MB = 256
#: Text and Markdown files up to this size are linted in the calling process (see above).
INLINE_MAX_BYTES = 512 * 1024
INLINE_SUFFIXES = (".txt", ".md", ".markdown")


class Budget(Record):
    """The per-file limits of a run. ``timeout`` in seconds and ``memory_mb`` in megabytes;
    0 switches a limit off (``--timeout 0`` for a slow machine checking a few huge files).

    ``timeout`` is counted in processor time spent on the file, not in time on the wall
    clock: a machine busy with other work (a CI runner, ``--jobs`` above the number of cores)
    stretches the wall-clock time of a good report many times over (a 1 s PDF took 5 s on a
    2-core machine at load 10), and a wall-clock limit would then call good reports
    unreadable, the worst defect gaolint can have. On an idle machine the two are the same. A
    file that waits without computing (a slow network share) is stopped by the wall-clock
    limit, ``wall``: three times the timeout plus 5 s."""

    __slots__ = ("timeout", "memory_mb")

    def __init__(self, timeout: float = DEFAULT_TIMEOUT, memory_mb: int = DEFAULT_MEMORY_MB) -> None:
        self.timeout = timeout
        self.memory_mb = memory_mb

    @property
    def wall(self) -> float:
        return self.timeout * 3 + 5 if self.timeout else 0.0


class _Overrun(BaseException):
    """Raised by the SIGPROF handler inside an inline lint. A BaseException so that the
    engine's ``except Exception`` (which turns reader and rule errors into findings) lets it
    through to us."""


def over_budget(path: str, settings: Settings, limit: str, budget: Budget) -> FileResult:
    """GAO001 for a file that went past a limit, naming the limit and how to raise it."""
    from .checks.failures import Unreadable

    shown = display_path(path)
    if limit == "time":
        zh = f"读取和检查超过每个文件的时间上限（{budget.timeout:g} 秒处理器时间），未能检查此文件（可用 --timeout 或配置项 timeout 调整）"
        en = (f"reading and checking took longer than the per-file time limit ({budget.timeout:g} s of processor time):"
              f" not checked (raise it with --timeout or the timeout configuration key)")
    elif limit == "wall":
        zh = f"读取和检查超过每个文件的等待时间上限（{budget.wall:g} 秒），未能检查此文件（可用 --timeout 调整）"
        en = (f"reading and checking did not finish within the per-file wall-clock limit ({budget.wall:g} s):"
              f" not checked (raise it with --timeout)")
    else:
        zh = f"读取和检查超过每个文件的内存上限（{budget.memory_mb} MB），未能检查此文件（可用 --memory-limit 或配置项 memory-limit 调整）"
        en = (f"reading and checking needed more than the per-file memory limit ({budget.memory_mb} MB): not checked"
              f" (raise it with --memory-limit or the memory-limit configuration key)")
    finding = Unreadable.finding(shown, zh, en)
    return FileResult(shown, [finding] if settings.enabled(Unreadable.code) else [], repeatable=False)


def budgeted_lint(path: str, settings: Settings) -> FileResult:
    """``engine.lint_file`` after the cheap checks (gaolint/preflight.py): what a worker runs.
    ``lint_file`` is this module's name for it, looked up at each call: the one name callers
    and tests replace to change how one file is linted."""
    from .preflight import preflight

    refused = preflight(path, settings)
    if refused is not None:
        return refused
    return lint_file(path, settings)


def can_fork() -> bool:
    return hasattr(os, "fork") and sys.platform != "win32"


def inline_safe(path: str) -> bool:
    """A small text or Markdown file: gaolint's own code only, bounded memory (see above)."""
    if not path.lower().endswith(INLINE_SUFFIXES):
        return False
    try:
        return os.stat(path).st_size <= INLINE_MAX_BYTES
    except OSError:  # gone, or unreadable: the reader says so, quickly
        return True


def lint_inline(path: str, settings: Settings, budget: Budget) -> FileResult:
    """Lint in this process under a processor-time alarm (main thread only; elsewhere, or
    where there is no ``setitimer``, without one: only small text files come here).

    The alarm is set through ``_signal``, the C module ``signal`` wraps: the same functions, but
    ``import signal`` builds its enums of every signal and handler (~0.9 ms of a pre-commit
    run's start-up; docs/performance.md). Handlers here are plain functions and the numbers
    plain ints, which is all ``_signal`` takes and gives back."""
    TYPE_CHECKING = False  # mypy reads ``signal`` (see gaolint/model.py)
    if TYPE_CHECKING:
        import signal
    else:
        try:
            import _signal as signal
        except ImportError:  # an interpreter without the C module
            import signal

    timer = getattr(signal, "setitimer", None)
    if not budget.timeout or timer is None:
        return budgeted_lint(path, settings)

    def expire(signum, frame):
        raise _Overrun()

    # ITIMER_PROF counts this process's processor time, as the workers' limit does.
    try:
        previous = signal.signal(signal.SIGPROF, expire)
    except ValueError:  # not the main thread (a program that embeds gaolint): no alarm
        return budgeted_lint(path, settings)
    try:
        try:
            timer(signal.ITIMER_PROF, budget.timeout)
            return budgeted_lint(path, settings)
        finally:
            timer(signal.ITIMER_PROF, 0)
    except _Overrun:
        return over_budget(path, settings, "time", budget)
    finally:
        signal.signal(signal.SIGPROF, previous)


# --- the worker process ----------------------------------------------------------------------

_HEADER = 8  # bytes of length before each pickled message


def _send(fd: int, message: object) -> None:
    import pickle

    payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    data = memoryview(len(payload).to_bytes(_HEADER, "little") + payload)
    while data:
        data = data[os.write(fd, data):]


def _receive_exactly(fd: int, size: int) -> bytes | None:
    parts, left = [], size
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            return None
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


def _address_space(field: int = 0) -> int:
    """This process's virtual size in bytes (``field`` 1: its resident size) on Linux, or 0
    where it cannot be read."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            return int(handle.read().split()[field]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _limit_memory(memory_mb: int) -> None:
    import resource

    if not memory_mb:
        return
    base = _address_space()
    if not base:
        return
    _lower_soft_limit(resource.RLIMIT_AS, base + memory_mb * 1024 * 1024)


def _limit_cpu(timeout: float) -> None:
    """CPU seconds this worker may reach before the kernel stops it (SIGXCPU): what it has
    used so far plus the file's budget and a second of slack. The parent's deadline normally
    comes first; this one holds even if the parent is stopped."""
    import resource

    if not timeout:
        return
    usage = resource.getrusage(resource.RUSAGE_SELF)
    _lower_soft_limit(resource.RLIMIT_CPU, int(usage.ru_utime + usage.ru_stime + timeout) + 2)


def _lower_soft_limit(kind: int, wanted: int) -> None:
    """Set the soft limit ``kind`` to ``wanted`` (never above the hard limit); a limit the
    system refuses is left as it was: the parent's deadline still holds."""
    import resource

    soft, hard = resource.getrlimit(kind)
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    try:
        resource.setrlimit(kind, (wanted, hard))
    except (ValueError, OSError):
        pass


def _memory_failure(result: FileResult) -> bool:
    """Whether a result reports a MemoryError the engine caught (GAO000 from the parser or a
    rule, GAO001 from a reader): under the worker's RLIMIT_AS that is the memory limit."""
    from .checks.failures import NOT_CHECKED

    for finding in result.findings:
        if finding.rule in NOT_CHECKED:
            text = finding.message.en if hasattr(finding.message, "en") else str(finding.message)
            if "MemoryError" in text or "too large to read" in text:
                return True
    return False


def _serve(jobs: int, answers: int, settings: Settings, budget: Budget) -> None:
    """The worker's loop: (index, path) in, (index, FileResult) out, until the pipe closes."""
    import signal
    import time

    from .read.limits import set_conversion_deadline

    # Ctrl-C reaches the whole process group: the parent handles it and ends its workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _limit_memory(budget.memory_mb)
    while True:
        header = _receive_exactly(jobs, _HEADER)
        if header is None:
            return
        import pickle

        body = _receive_exactly(jobs, int.from_bytes(header, "little"))
        if body is None:
            return
        index, path = pickle.loads(body)
        _limit_cpu(budget.timeout)
        if budget.timeout:  # the parent kills this worker at budget.wall from now
            set_conversion_deadline(time.monotonic() + budget.wall)
        try:
            result = budgeted_lint(path, settings)
            if budget.memory_mb and _memory_failure(result):
                result = over_budget(path, settings, "memory", budget)
        except MemoryError:
            result = over_budget(path, settings, "memory", budget)
        try:
            _send(answers, (index, result))
        except MemoryError:
            _send(answers, (index, over_budget(path, settings, "memory", budget)))


#: The parent's ends of every live worker's pipes: a new worker closes its copies at once, or
#: a worker would hold its siblings' job pipes open and never see them close.
_PARENT_ENDS: set[int] = set()


class _Worker:
    """One forked worker: its pid, the two pipe ends the parent uses, the file it is on."""

    def __init__(self, settings: Settings, budget: Budget) -> None:
        job_read, job_write = os.pipe()
        answer_read, answer_write = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        #: Resident KB the worker starts with (this process's, which it copies).
        self.base_kb = _address_space(1) // 1024
        pid = os.fork()
        if pid == 0:  # the child: never returns into the caller's code
            status = 0
            try:
                for fd in _PARENT_ENDS | {job_write, answer_read}:
                    os.close(fd)
                _serve(job_read, answer_write, settings, budget)
            except BaseException:
                status = 70
            finally:
                os._exit(status)
        os.close(job_read)
        os.close(answer_write)
        _PARENT_ENDS.update((job_write, answer_read))
        self.pid = pid
        self.jobs = job_write
        self.answers = answer_read
        self.buffer = bytearray()
        self.job: tuple[int, str] | None = None
        self.deadline = 0.0
        self.cpu_start: float | None = None
        self.dead = False

    def submit(self, index: int, path: str, budget: Budget) -> None:
        import time

        self.job = (index, path)
        self.buffer.clear()
        self.deadline = time.monotonic() + budget.wall if budget.timeout else float("inf")
        self.cpu_start = _cpu_seconds(self.pid) if budget.timeout else None
        _send(self.jobs, (index, path))

    def over_cpu(self, budget: Budget) -> bool:
        if self.cpu_start is None:
            return False
        used = _cpu_seconds(self.pid)
        return used is not None and used - self.cpu_start > budget.timeout

    def read_answer(self):
        """Read what is available; the (index, result) once whole, None while incomplete.
        Raises EOFError when the worker has gone."""
        chunk = os.read(self.answers, 1 << 20)
        if not chunk:
            raise EOFError
        self.buffer += chunk
        if len(self.buffer) < _HEADER:
            return None
        size = int.from_bytes(self.buffer[:_HEADER], "little")
        if len(self.buffer) < _HEADER + size:
            return None
        import pickle

        answer = pickle.loads(bytes(self.buffer[_HEADER:_HEADER + size]))
        self.buffer.clear()
        self.job = None
        return answer

    def end(self, kill: bool = True) -> tuple[int, int]:
        """Close the pipes, kill the worker (when ``kill``: an idle one holds nothing worth
        keeping, a dead one is only reaped), reap it; (wait status, peak resident KB beyond
        what it started with), or (0, 0) if it could not be reaped."""
        import signal

        if self.dead:
            return 0, 0
        self.dead = True
        for fd in (self.jobs, self.answers):
            _PARENT_ENDS.discard(fd)
            try:
                os.close(fd)
            except OSError:
                pass
        if kill:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except OSError:
                pass
        try:
            _, status, usage = os.wait4(self.pid, 0)
        except (OSError, ChildProcessError):
            return 0, 0
        return status, max(0, usage.ru_maxrss - self.base_kb)


_TICKS = 0


def _cpu_seconds(pid: int) -> float | None:
    """Processor time (user + system) of process ``pid`` so far, from /proc (Linux); None
    where it cannot be read (then the wall-clock limit and RLIMIT_CPU still hold)."""
    global _TICKS
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()
        if not _TICKS:
            _TICKS = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12])) / _TICKS
    except (OSError, ValueError, IndexError):
        return None


#: How often the parent looks at its busy workers' processor time (seconds).
POLL_SECONDS = 0.1


def _death_result(path: str, settings: Settings, budget: Budget, status: int, peak_kb: int) -> FileResult:
    """The answer for a file whose worker died: a limit when the death says so, else GAO000."""
    import signal

    from .engine import crashed_result

    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == getattr(signal, "SIGXCPU", -1):
        return over_budget(path, settings, "time", budget)
    if budget.memory_mb and os.WIFSIGNALED(status) and peak_kb * 1024 >= 0.8 * budget.memory_mb * 1024 * 1024:
        # Killed by a signal near its address-space limit: an allocation failed in C code (an
        # abort, or a library's deliberate crash on out-of-memory), or the kernel's OOM killer.
        return over_budget(path, settings, "memory", budget)
    return crashed_result(path, settings)


def lint_in_workers(pending: list, settings: Settings, jobs: int, budget: Budget, keep) -> None:
    """Lint ``pending`` (index, path, ticket) in ``jobs`` forked workers under ``budget``,
    handing each result to ``keep(index, path, ticket, result)`` as it comes back."""
    import select
    import time
    from collections import deque

    tickets = {index: (path, ticket) for index, path, ticket in pending}
    queue = deque((index, path) for index, path, _ in pending)
    prewarm([path for _, path, _ in pending])
    workers: list[_Worker] = []
    idle: list[_Worker] = []

    def answer(index: int, result: FileResult) -> None:
        path, ticket = tickets[index]
        keep(index, path, ticket, result)

    try:
        while queue or any(w.job is not None for w in workers):
            while queue and (idle or len(workers) < jobs):
                worker = idle.pop() if idle else None
                if worker is None:
                    worker = _Worker(settings, budget)
                    workers.append(worker)
                index, path = queue.popleft()
                try:
                    worker.submit(index, path, budget)
                except OSError:  # it died between files: replace it, try the file again once
                    worker.end(kill=True)
                    workers.remove(worker)
                    worker = _Worker(settings, budget)
                    workers.append(worker)
                    worker.submit(index, path, budget)
            busy = [w for w in workers if w.job is not None]
            wait = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            if budget.timeout:
                wait = min(wait, POLL_SECONDS)
            ready, _, _ = select.select([w.answers for w in busy], [], [], min(wait, 3600.0))
            for worker in busy:
                if worker.answers not in ready:
                    continue
                job = worker.job
                assert job is not None
                try:
                    got = worker.read_answer()
                except (EOFError, OSError):
                    status, peak = worker.end(kill=False)  # already dead: how it died matters
                    workers.remove(worker)
                    answer(job[0], _death_result(job[1], settings, budget, status, peak))
                    continue
                if got is not None:
                    idle.append(worker)
                    answer(*got)
            now = time.monotonic()
            for worker in list(workers):
                if worker.job is None or worker.dead:
                    continue
                limit = "wall" if now >= worker.deadline else "time" if worker.over_cpu(budget) else None
                if limit is not None:
                    job = worker.job
                    worker.end(kill=True)
                    workers.remove(worker)
                    answer(job[0], over_budget(job[1], settings, limit, budget))
    finally:
        for worker in workers:
            worker.end()


#: Modules any lint imports on its first file (parser, rules, normaliser; 0.1 s of CPU), and
#: the libraries of each container's reader (lxml 0.03 s, pypdfium2 with ctypes 0.1 s).
_PIPELINE_MODULES = ("gaolint.checks", "gaolint.parse", "gaolint.normalise.pipeline", "gaolint.tableplace")
_READER_LIBRARIES = {".html": ("lxml.etree",), ".htm": ("lxml.etree",), ".shtml": ("lxml.etree",),
                     ".xhtml": ("lxml.etree",), ".docx": ("lxml.etree",),
                     ".pdf": ("pypdfium2", "pypdfium2.raw")}


def prewarm(paths: list[str]) -> None:
    """Import in this process, before any worker is forked, what the workers would each import
    on their first file: the lint pipeline and the readers (and their libraries) of the
    containers among ``paths``. A forked worker inherits them. Each worker used to import them
    for itself: with ``--jobs 2`` over a mixed folder that was twice the ~0.35 s of CPU, and
    with ``--jobs 1`` the pipeline was imported by this process (for the text files linted
    inline) and again by the worker. Only what ``paths`` need is imported: one PDF imports the
    PDF engine and no HTML or Word library. A library that fails to import is left to the
    worker, whose reader reports it for the file."""
    import gc
    from importlib import import_module

    from .read import READERS

    names = list(_PIPELINE_MODULES)
    for suffix in sorted({os.path.splitext(path)[1].lower() for path in paths}):
        if suffix in READERS:
            names.append(READERS[suffix][0])
            names.extend(_READER_LIBRARIES.get(suffix, ()))
    for name in names:
        try:
            import_module(name)
        except Exception:  # noqa: BLE001 - an optional library missing, or broken: the worker says so
            pass
    try:
        from .formats import load_common, load_formats

        load_formats()
        load_common()
    except Exception:  # noqa: BLE001 - a broken format file: reported by the worker for each file
        pass
    if gc.get_freeze_count():  # the run froze its start-up objects: these are start-up objects too
        gc.freeze()


def lint_budgeted(pending: list, settings: Settings, jobs: int, budget: Budget, keep) -> None:
    """Lint ``pending`` (index, path, ticket) under ``budget``: small text files in this
    process when ``jobs`` is 1, the rest in ``jobs`` workers (see the module docstring)."""
    if jobs <= 1:
        rest = []
        for index, path, ticket in pending:
            if inline_safe(path):
                keep(index, path, ticket, lint_inline(path, settings, budget))
            else:
                rest.append((index, path, ticket))
        pending = rest
    if pending:
        lint_in_workers(pending, settings, max(1, jobs), budget, keep)


__all__ = ["Budget", "DEFAULT_TIMEOUT", "DEFAULT_MEMORY_MB", "lint_budgeted", "lint_inline", "over_budget", "budgeted_lint"]
