"""The same findings from --jobs 1, --jobs 2, a Dask LocalCluster, and a real ``dask scheduler``
with two ``dask worker`` processes on 127.0.0.1; a worker killed mid-run, a file that kills
every worker that reads it, an unreachable scheduler. Skipped without dask[distributed]."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from gaolint import api  # noqa: E402
from gaolint.cli import main  # noqa: E402
from gaolint.cluster import Cluster, expand_inputs, iter_results  # noqa: E402

from .test_api import make_corpus  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::ResourceWarning")


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cluster") / "reports"
    make_corpus(folder)
    return folder


def _check(capsys, *argv: str) -> tuple[int, str]:
    code = main(["check", "--no-cache", "--no-progress", *argv])
    return code, capsys.readouterr().out


def _local_results(corpus_dir: Path) -> list:
    settings = api.Settings()
    return [api.lint_path(str(p), settings, p.name) for p in sorted(corpus_dir.iterdir())]


@pytest.mark.slow
def test_jobs_and_local_cluster_give_the_same_output(corpus_dir, capsys, monkeypatch):
    monkeypatch.chdir(corpus_dir)
    for fmt in ("json", "text"):
        one = _check(capsys, "--format", fmt, "--jobs", "1", ".")
        two = _check(capsys, "--format", fmt, "--jobs", "2", ".")
        dask = _check(capsys, "--format", fmt, "--scheduler", "local:2", ".")
        assert one == two == dask, fmt
        assert one[0] == 1 and one[1]
    # streamed: the jsonl of the cluster is the jsonl of one process, line for line
    out_one, out_dask = corpus_dir.parent / "one.jsonl", corpus_dir.parent / "dask.jsonl"
    assert _check(capsys, "--format", "jsonl", "--jobs", "1", "--output", str(out_one), ".")[0] == 1
    assert _check(capsys, "--format", "jsonl", "--scheduler", "local:2", "--output", str(out_dask), ".")[0] == 1
    assert out_one.read_text(encoding="utf-8") == out_dask.read_text(encoding="utf-8")
    rules = {json.loads(line).get("rule") for line in out_dask.read_text(encoding="utf-8").splitlines()}
    assert {"GAO601", "GAO602", "GAO010", "GAO001"} <= rules


@pytest.mark.slow
def test_environment_names_the_scheduler(corpus_dir, capsys, monkeypatch):
    """GAOLINT_SCHEDULER alone sends the run to the cluster: an unreachable one is exit 2, fast."""
    monkeypatch.chdir(corpus_dir)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again: nothing listens there
    monkeypatch.setenv("GAOLINT_SCHEDULER", f"tcp://127.0.0.1:{port}")
    started = time.monotonic()
    code = main(["check", "--no-cache", "."])
    took = time.monotonic() - started
    err = capsys.readouterr().err
    assert code == 2
    assert "cannot reach the Dask scheduler" in err and str(port) in err
    assert took < 15


def test_expand_inputs_sends_absolute_paths_shown_relative(corpus_dir, monkeypatch):
    monkeypatch.chdir(corpus_dir.parent)
    items, missing = expand_inputs(["reports", "nowhere.txt"])
    assert missing == ["nowhere.txt"]
    assert items[0] == (str(corpus_dir / items[0][1].split("/", 1)[1]), items[0][1])
    assert all(os.path.isabs(location) and shown.startswith("reports/") for location, shown in items)


@pytest.mark.slow
def test_file_urls_are_listed_and_read_by_the_workers(corpus_dir):
    pytest.importorskip("fsspec")
    url = "file://" + str(corpus_dir)
    items, missing = expand_inputs([url])
    assert not missing
    assert [shown for _, shown in items] == ["file://" + str(p) for p in sorted(corpus_dir.iterdir())]
    with Cluster("local:1") as cluster:
        results = list(iter_results(items[:4], api.Settings(), cluster))
    local = _local_results(corpus_dir)[:4]
    for remote, here in zip(results, local):
        assert remote.path == "file://" + str(corpus_dir / here.path)
        assert [(f.rule, f.location) for f in remote.findings] == [(f.rule, f.location) for f in here.findings]


KILLER = '''
import os

def dask_setup(worker):
    """Make every worker die on a file named boom.txt, as a crashing C library would."""
    import gaolint.api as api

    real = api.lint

    def lint(location, settings, shown=None):
        if location.endswith("boom.txt"):
            os._exit(1)
        return real(location, settings, shown)

    api.lint = lint
'''


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_a_file_that_kills_workers_is_gao000_and_the_rest_are_linted(corpus_dir, tmp_path, workers):
    """One worker: the files queued behind boom.txt die with it, twice; they are linted all
    the same, and only boom.txt is GAO000."""
    import dask
    from distributed import LocalCluster

    preload = tmp_path / "killer.py"
    preload.write_text(KILLER, encoding="utf-8")
    boom = corpus_dir.parent / "boom-folder"
    boom.mkdir(exist_ok=True)
    (boom / "boom.txt").write_text("whatever", encoding="utf-8")
    items = [(str(p), p.name) for p in sorted(corpus_dir.iterdir())]
    items.insert(5, (str(boom / "boom.txt"), "boom.txt"))
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        local = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                             host="127.0.0.1", silence_logs=50, preload=[str(preload)])
    try:
        cluster = Cluster(local.scheduler_address)
        try:
            results = list(iter_results(items, api.Settings(), cluster, chunk=3))
        finally:
            cluster.close()
    finally:
        local.close()
    assert [r.path for r in results] == [shown for _, shown in items]
    killed = results.pop(5)
    assert [f.rule for f in killed.findings] == ["GAO000"] and killed.path == "boom.txt"
    assert "died" in killed.findings[0].message.en
    assert results == _local_results(corpus_dir)


class _FinishedThenCancelled:
    """A future whose task finished, then was cancelled when the client lost the scheduler
    before the result was fetched: its status still says finished, its result() raises."""

    status = "finished"

    def result(self):
        from distributed.client import FutureCancelledError

        raise FutureCancelledError("lint_chunk-1", reason="scheduler-connection-lost")

    def cancel(self) -> None:
        pass


def test_a_result_cancelled_as_the_scheduler_goes_is_the_lost_scheduler_error(monkeypatch):
    """The race the real-cluster test below met under load: a usage error (exit 2), not a
    FutureCancelledError traceback."""
    from gaolint import cluster as cluster_module
    from gaolint.cli import UsageError

    future = _FinishedThenCancelled()
    dispatch = cluster_module._Dispatch.__new__(cluster_module._Dispatch)
    dispatch.queue, dispatch.alone, dispatch.done = [], [], {}
    dispatch.tasks = {future: (0, [("a.txt", "a.txt")], 0)}
    dispatch.in_flight, dispatch.window, dispatch.chunk = 1, 4, 1
    dispatch.waiting = iter([future])

    class _OneThread:
        def threads(self) -> int:
            return 1

    monkeypatch.setattr(cluster_module, "_Dispatch", lambda *args, **kwargs: dispatch)
    with pytest.raises(UsageError, match="lost the Dask scheduler"):
        list(iter_results([("a.txt", "a.txt")], api.Settings(), _OneThread()))  # type: ignore[arg-type]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def real_cluster(tmp_path):
    """``dask scheduler`` and two ``dask worker`` processes (each under its nanny) on
    127.0.0.1, started in another folder than the test's; stopped afterwards."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "DASK_DISTRIBUTED__LOGGING__DISTRIBUTED": "error"}
    started = []
    logs = open(tmp_path / "dask.log", "w")

    def spawn(*argv: str) -> None:
        started.append(subprocess.Popen(
            [sys.executable, "-m", "dask", *argv], cwd=tmp_path, env=env, stdout=logs, stderr=logs,
            start_new_session=True,
        ))

    try:
        spawn("scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard")
        for _ in range(2):
            spawn("worker", address, "--host", "127.0.0.1", "--nthreads", "1", "--nworkers", "1",
                  "--no-dashboard", "--death-timeout", "30")
        from distributed import Client

        deadline = time.monotonic() + 60
        with Client(address, timeout=30) as client:
            while len(client.scheduler_info()["workers"]) < 2:
                if time.monotonic() > deadline:
                    pytest.fail("the dask workers did not start within 60 s")
                time.sleep(0.2)
        yield address, started[0]
    finally:
        for process in reversed(started):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in reversed(started):
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
        logs.close()


@pytest.mark.slow
def test_real_scheduler_and_workers_and_a_worker_killed_mid_run(real_cluster, corpus_dir, capsys, monkeypatch):
    real_cluster, scheduler = real_cluster
    monkeypatch.chdir(corpus_dir)
    one = _check(capsys, "--format", "json", "--jobs", "1", ".")
    assert _check(capsys, "--format", "json", "--scheduler", real_cluster, ".") == one

    # Kill one worker process (its nanny starts another) once the first result is in: its
    # files are linted again elsewhere, and the findings do not change.
    items = [(str(p), p.name) for p in sorted(corpus_dir.iterdir())] * 3
    with Cluster(real_cluster) as cluster:
        pids = cluster.client.run(os.getpid)
        victim = sorted(pids.values())[0]
        results = []
        for result in iter_results(items, api.Settings(), cluster, chunk=2):
            if not results:
                os.kill(victim, signal.SIGKILL)
            results.append(result)
        after = cluster.client.run(os.getpid)
    assert victim not in after.values()
    assert results == _local_results(corpus_dir) * 3
    assert not any(f.rule == "GAO000" for r in results for f in r.findings)

    # The scheduler lost mid-run: a usage error (exit 2 from the CLI), not a hang or a traceback.
    from gaolint.cli import UsageError

    with Cluster(real_cluster) as cluster:
        started = time.monotonic()
        with pytest.raises(UsageError, match="lost the Dask scheduler"):
            for count, _ in enumerate(iter_results(items, api.Settings(), cluster, chunk=1)):
                if count == 2:
                    os.killpg(scheduler.pid, signal.SIGKILL)
        assert time.monotonic() - started < 30
