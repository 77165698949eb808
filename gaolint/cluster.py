"""Linting on a Dask cluster: ``gaolint check --scheduler tcp://HOST:8786`` (or GAOLINT_SCHEDULER).

The client (this process) lists the files, sends them to the cluster's workers in small
chunks, and gets back one ``FileResult`` per file — the same ``gaolint.api.lint`` call the
process pool makes, so the findings are the same. Results are handed on in the order of the
files whatever order the workers finish in; at most a window of chunks is in flight or waiting
to be handed on, so memory stays flat in the number of files. Repository rules (GAO601/GAO602)
then run here on the gathered facts, as for a local run.

Workers must have gaolint installed (same version) and must see the inputs: local paths are
sent as absolute paths (a shared file system), URLs (``s3://``, ``file://``, ``hdfs://``) are
read by the workers through fsspec.

A worker that dies (a C library crash, the out-of-memory killer, a machine lost) fails the
tasks it held with ``KilledWorker`` once the scheduler has rescheduled them
``distributed.scheduler.allowed-failures`` times (0 on the clusters gaolint starts itself, so
the first death is reported at once). Each file of a failed chunk is then tried once more, on
its own. A worker runs a task or two at a time, so a file killed again may have been only the
neighbour of the culprit: it is tried a last time alone, once nothing else runs, and a file
whose task dies even then is answered with GAO000 (the file kills workers) — never by stopping
the run.

Dask is imported only here, and only when a scheduler is asked for: it is an optional extra
(``pip install 'gaolint[dask]'``). docs/scale.md says why Dask.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

from .engine import FileResult, Settings
from .errors import UsageError

#: Environment variable naming the scheduler when --scheduler is not given.
SCHEDULER_ENV = "GAOLINT_SCHEDULER"
#: Seconds to wait for the scheduler before giving up (exit 2).
CONNECT_TIMEOUT = 4
#: Most files sent to a worker in one task. Small enough that a killed worker costs little
#: work, large enough that the scheduler's ~1 ms per task is small beside a report's 5-500 ms.
MAX_CHUNK = 16


def scheduler_address(args) -> str | None:
    """--scheduler, else $GAOLINT_SCHEDULER, else None (a local run)."""
    return getattr(args, "scheduler", None) or os.environ.get(SCHEDULER_ENV) or None


def _require_dask():
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise UsageError(
            "--scheduler 需要安装 Dask / --scheduler needs Dask: pip install 'gaolint[dask]'"
        ) from None


def expand_inputs(paths: list[str]) -> tuple[list[tuple[str, str]], list[str]]:
    """(items to lint as (location, shown), paths that do not exist).

    Local paths are found as ``gaolint check`` finds them and sent as absolute paths, shown
    relative to this folder; a URL naming a folder (an ``s3://`` prefix) is listed through
    fsspec for report files, in name order; a URL is shown as written."""
    from .api import is_url
    from .discover import discover
    from .engine import display_path
    from .read import REPORT_EXTENSIONS

    local = [p for p in paths if not is_url(p)]
    urls = [p for p in paths if is_url(p)]
    items: list[tuple[str, str]] = []
    missing: list[str] = []
    if local or not urls:
        files, missing = discover(local)
        items = [(os.path.abspath(path), display_path(path)) for path in files]
    for url in urls:
        try:
            from fsspec.core import url_to_fs
        except ImportError:
            raise UsageError("URL 输入需要 fsspec / URL inputs need fsspec: pip install 'gaolint[dask]'") from None
        try:
            fs, root = url_to_fs(url)
            if fs.isdir(root):
                found = sorted(p for p in fs.find(root) if os.path.splitext(p)[1].lower() in REPORT_EXTENSIONS)
                protocol = url.split("://", 1)[0]
                items.extend(((u := _with_protocol(fs, p, protocol)), u) for p in found)
            elif fs.exists(root):
                items.append((url, url))
            else:
                missing.append(url)
        except (ImportError, ValueError) as error:  # an unknown protocol, or its package missing
            raise UsageError(f"无法读取 / cannot read {url}: {error}") from None
        except OSError:
            missing.append(url)
    seen: set[str] = set()
    unique = []
    for item in items:
        if item[0] not in seen:
            seen.add(item[0])
            unique.append(item)
    return unique, missing


def _with_protocol(fs, path: str, protocol: str) -> str:
    if protocol == "file":
        return "file://" + path
    return fs.unstrip_protocol(path)


class Cluster:
    """A connected ``distributed.Client`` (and the LocalCluster it owns, for ``local``)."""

    def __init__(self, address: str, timeout: float = CONNECT_TIMEOUT) -> None:
        _require_dask()
        import dask
        from distributed import Client

        self.cluster = None
        if address == "local" or address.startswith("local:"):
            from distributed import LocalCluster

            workers = int(address.partition(":")[2] or os.cpu_count() or 1)
            with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
                self.cluster = LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True,
                    dashboard_address=None, host="127.0.0.1", silence_logs=50,
                )
            address = self.cluster.scheduler_address
        try:
            self.client = Client(address, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as error:
            if self.cluster is not None:
                self.cluster.close()
            raise UsageError(
                f"无法连接 Dask 调度器 / cannot reach the Dask scheduler {address}: {error}"
            ) from None

    def threads(self) -> int:
        return max(1, sum(self.client.nthreads().values()))

    def close(self) -> None:
        try:
            self.client.close()
        finally:
            if self.cluster is not None:
                self.cluster.close()

    def __enter__(self) -> Cluster:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


_SETTLED = False


def lint_chunk(items: list[tuple[str, str]], settings: Settings) -> list[FileResult]:
    """What a worker runs: ``gaolint.api.lint`` for each (location, shown)."""
    global _SETTLED
    from .api import lint

    if not _SETTLED:  # once per worker process: the collector tuning of a local run
        from .lintloop import settle_collector

        settle_collector()
        _SETTLED = True
    return [lint(location, settings, shown) for location, shown in items]


def iter_results(
    items: list[tuple[str, str]],
    settings: Settings,
    cluster: Cluster,
    progress: Callable[[], None] | None = None,
    chunk: int | None = None,
) -> Iterator[FileResult]:
    """One result per item, in the order of ``items``, linted on ``cluster``'s workers."""
    if not items:
        return
    threads = cluster.threads()
    if chunk is None:
        chunk = max(1, min(MAX_CHUNK, len(items) // (threads * 8) or 1))
    dispatch = _Dispatch(cluster, settings, items, chunk, window=4 * threads + 4)
    try:
        for result in dispatch.results():
            if progress is not None:
                progress()
            yield result
    except OSError as error:  # CommClosedError and the like: the scheduler is gone
        raise UsageError(
            f"与 Dask 调度器的连接中断 / lost the Dask scheduler mid-run: {error}"
            " (with --format jsonl, --resume continues where it stopped)"
        ) from None
    finally:
        dispatch.cancel()


class _Dispatch:
    """Chunks out, results back in order; the files of a killed task sent once more each on
    its own; a file killed twice answered with GAO000."""

    def __init__(self, cluster: Cluster, settings: Settings, items: list, chunk: int, window: int) -> None:
        from distributed import as_completed

        self.cluster = cluster
        self.settings = settings
        self.chunk = chunk
        self.window = window
        # (start, items, attempt): attempt 1 is the retry of a file whose first task was killed,
        # on its own; attempt 2 the same file with nothing else running on the cluster.
        self.queue: list[tuple[int, list, int]] = [
            (start, items[start:start + chunk], 0) for start in range(0, len(items), chunk)
        ]
        self.queue.reverse()  # popped from the end: first chunks first, retries before the rest
        self.alone: list[tuple[int, list, int]] = []  # killed twice: tried once more, alone
        self.tasks: dict = {}  # future -> (start, items, attempt)
        self.done: dict[int, FileResult] = {}
        self.in_flight = 0  # files sent and not yet back
        self.waiting = as_completed(loop=cluster.client.loop)

    def submit(self) -> None:
        # A file killed on its own retry waits until nothing else runs, then goes alone: only
        # then is its worker's death its own doing, not a neighbour's on the same worker.
        if self.alone:
            if not self.tasks:
                self._send(*self.alone.pop())
            return
        # Files sent, or back but not yet handed on, stay under the window: a slow chunk at
        # the head holds the others back without letting them pile up.
        while self.queue and (not self.tasks or (
                len(self.tasks) < self.window and self.in_flight + len(self.done) < self.window * self.chunk)):
            self._send(*self.queue.pop())

    def _send(self, start: int, part: list, attempt: int) -> None:
        future = self.cluster.client.submit(lint_chunk, part, self.settings, pure=False)
        self.tasks[future] = (start, part, attempt)
        self.waiting.add(future)
        self.in_flight += len(part)

    def results(self) -> Iterator[FileResult]:
        from concurrent.futures import CancelledError

        from distributed.scheduler import KilledWorker

        from .engine import crashed_result

        next_index = 0
        self.submit()
        while self.tasks:
            future = next(self.waiting)
            start, part, attempt = self.tasks.pop(future)
            self.in_flight -= len(part)
            if future.status == "finished":
                try:
                    chunk_results = future.result()
                except CancelledError:  # finished, then cancelled as the scheduler went away
                    raise OSError("the task was cancelled") from None
                for offset, result in enumerate(chunk_results):
                    self.done[start + offset] = result
            elif future.status == "cancelled":  # the scheduler was lost, or shut down
                raise OSError("the task was cancelled")
            else:
                error = future.exception()
                if isinstance(error, (ImportError, AttributeError)) and not isinstance(error, KilledWorker):
                    raise UsageError(f"Dask 工作进程无法运行 gaolint / the workers cannot run gaolint: {error}")
                for offset, (location, shown) in enumerate(part):
                    if attempt == 0:
                        self.queue.append((start + offset, [(location, shown)], 1))
                    elif attempt == 1:
                        self.alone.insert(0, (start + offset, [(location, shown)], 2))
                    else:
                        crashed = crashed_result(shown, self.settings)
                        crashed.path = shown
                        for finding in crashed.findings:
                            finding.path = shown
                        self.done[start + offset] = crashed
            future.release()
            while next_index in self.done:
                yield self.done.pop(next_index)
                next_index += 1
            self.submit()

    def cancel(self) -> None:
        for future in self.tasks:
            future.cancel()
        self.tasks.clear()


def lint_on_cluster(items: list[tuple[str, str]], settings: Settings, address: str, progress=None) -> list[FileResult]:
    """Every result, in order (for the formats that print once everything is known)."""
    with Cluster(address) as cluster:
        return list(iter_results(items, settings, cluster, progress))


__all__ = ["Cluster", "SCHEDULER_ENV", "expand_inputs", "iter_results", "lint_chunk", "lint_on_cluster", "scheduler_address"]
