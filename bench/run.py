"""gaolint's performance budgets, measured: start-up latency, throughput, memory and scale.

    python bench/run.py                 # everything (about two minutes on 2 cores)
    python bench/run.py latency         # one report, as pre-commit runs it
    python bench/run.py throughput      # 2,000 reports: --jobs 1 cold and warm, --jobs 2, against a floor
    python bench/run.py memory          # peak RSS over 10,000 reports
    python bench/run.py scale           # a 1 MB report and one with 4,000 table rows (read, under the 50,000-cell cap)
    python bench/run.py profile latency|throughput|scale   # pyinstrument, where the time goes

Budgets (issue "Fast enough to forget it is there"):

* latency: ``gaolint check one-report.txt`` (the installed console script, output piped) at
  most 4x ``python -c pass``, medians of 9 interleaved runs in the same session; budgeted with
  the result cache as pre-commit mostly meets it (a miss: the staged report changed since it
  was last checked), and shown beside it for a hit (an unchanged report) and ``--no-cache``;
* throughput: ``gaolint check --jobs 1`` over 2,000 reports at most 5x ``bench/floor.py``
  (read + decode + one digit regex over the same files), measured cold (``--no-cache``: every
  report linted), as a first run (an empty result cache: everything linted and the cache
  written) and warm (the result cache primed by one run, then every report answered from it),
  each against the floor; ``--jobs 2`` (cold) close to twice as fast as cold ``--jobs 1``;
* memory: peak RSS under 200 MB over 10,000 reports;
* scale: a 1 MB report and a report with 4,000 table rows (read, not skipped) each under 2 s.

Reports come from the test builder (see bench/corpus.py) and are written once under
``$TMPDIR/gaolint-bench`` (outside any git repository: inside one, gaolint would skip the
git-ignored corpus when walking the folder); ``--workdir`` puts them elsewhere.

Result cache (gaolint/cache.py): the children get ``GAOLINT_CACHE_DIR`` inside the work folder,
emptied at the start of each measurement, never the user's ~/.cache; memory is measured as a
first run (an empty cache, so every report is linted and every result stored), scale with
``--no-cache`` (a warm cache would measure lookups, not linting).

Byte-code: an installed package has .pyc files, so the children run with byte-code caching on
(``PYTHONDONTWRITEBYTECODE`` removed, ``PYTHONPYCACHEPREFIX`` pointing into the work folder) and
one warm-up run, whatever the calling shell sets. ``--cold`` measures without .pyc files.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402  (bench/corpus.py)

BUDGETS = {"latency": 4.0, "throughput": 5.0, "memory_mb": 200.0, "scale_s": 2.0}
#: Modules a clean simplified-Chinese .txt run must never import.
HEAVY = ("rich", "ruamel", "opencc", "lxml", "docx", "pdfplumber", "pdfminer", "pypdfium2", "regex", "charset_normalizer")


# --- running things ------------------------------------------------------------------------

class Bench:
    def __init__(self, workdir: Path, cold: bool = False) -> None:
        self.workdir = workdir
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.env = dict(os.environ)
        for name in ("FORCE_COLOR", "PYTHONPROFILEIMPORTTIME", "PYTHONSTARTUP"):
            self.env.pop(name, None)
        if cold:
            self.env["PYTHONDONTWRITEBYTECODE"] = "1"
        else:
            self.env.pop("PYTHONDONTWRITEBYTECODE", None)
            self.env["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")
        self.cache = workdir / "result-cache"
        self.env["GAOLINT_CACHE_DIR"] = str(self.cache)
        self.env.pop("GAOLINT_NO_CACHE", None)
        self.gaolint = _console_script()
        self.failed: list[str] = []
        self.last: dict[str, subprocess.CompletedProcess] = {}

    def run(self, command, stdout=subprocess.PIPE) -> tuple[float, subprocess.CompletedProcess]:
        """Run ``command`` (a list, or (list, extra environment)); wall time and the result."""
        env = self.env
        if isinstance(command, tuple):
            command, extra = command
            # a callable value is called before each run (a fresh setting per run)
            env = dict(self.env, **{k: v() if callable(v) else v for k, v in extra.items()})
        start = time.perf_counter()
        completed = subprocess.run(command, stdout=stdout, stderr=subprocess.PIPE, env=env, check=False)
        elapsed = time.perf_counter() - start
        if completed.returncode not in (0, 1):
            sys.stderr.write(completed.stderr.decode("utf-8", "replace")[-2000:])
            raise SystemExit(f"bench: {' '.join(command)} exited {completed.returncode}")
        if b"Traceback" in completed.stderr:
            sys.stderr.write(completed.stderr.decode("utf-8", "replace")[-2000:])
            raise SystemExit(f"bench: {' '.join(command)} printed a traceback")
        return elapsed, completed

    def medians(self, commands: dict[str, list[str]], runs: int, warmup: int = 2) -> dict[str, float]:
        """Median wall time of each command, runs interleaved so drift hits all alike."""
        for command in commands.values():
            for _ in range(warmup):
                self.run(command)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, command in commands.items():
                elapsed, completed = self.run(command)
                times[name].append(elapsed)
                self.last[name] = completed
        return {name: statistics.median(values) for name, values in times.items()}

    def empty_cache(self) -> None:
        shutil.rmtree(self.cache, ignore_errors=True)

    def missing_entries(self) -> str:
        """The cache folder with its shard files removed but the folder kept: the next run is
        a miss in a cache that exists, as after editing a report. Returns the folder."""
        for shard in self.cache.glob("*.jsonl"):  # gaolint/cache.py SHARD_SUFFIX
            shard.unlink()
        return str(self.cache)

    def fresh_cache(self) -> str:
        """An empty cache folder of its own: the next run is a first run (lints and writes)."""
        folder = self.workdir / "result-cache-first"
        shutil.rmtree(folder, ignore_errors=True)
        return str(folder)

    def verdict(self, name: str, ok: bool) -> str:
        if not ok:
            self.failed.append(name)
        return "ok" if ok else "OVER BUDGET"


def _console_script() -> str:
    """The installed ``gaolint`` entry point next to this interpreter (or on PATH)."""
    beside = Path(sys.executable).with_name("gaolint")
    if beside.exists():
        return str(beside)
    found = shutil.which("gaolint")
    if not found:
        raise SystemExit("bench: the gaolint console script is not installed (pip install -e .)")
    return found


#: Spawns the command from a fresh, small interpreter and reports the largest RSS among its
#: descendants. Measured from this process instead, a child's ru_maxrss would start at *this*
#: process's peak: Linux carries the spawning process's high-water mark across vfork + exec.
RSS_WRAPPER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[2:])\n"
    "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n"
    "sys.exit(code)\n"
)


def peak_rss(command: list[str], env: dict, workdir: Path) -> tuple[float, float, float]:
    """(seconds, peak RSS of the largest process in MB, peak RSS of the whole tree in MB).

    The largest process is exact (getrusage of a small wrapper's children); the tree total is
    sampled from /proc every 20 ms, so it matters only with --jobs > 1."""
    report = workdir / "maxrss.txt"
    with open(os.devnull, "wb") as sink:
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-S", "-c", RSS_WRAPPER, str(report), *command],
                                   stdout=sink, stderr=sink, env=env)
        tree_peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                tree_peak[0] = max(tree_peak[0], _tree_rss_kb(process.pid))
                done.wait(0.02)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        process.wait()
        elapsed = time.perf_counter() - start
        done.set()
        sampler.join()
    if process.returncode not in (0, 1):
        raise SystemExit(f"bench: {' '.join(command)} exited {process.returncode}")
    largest = int(report.read_text()) / 1024
    return elapsed, largest, max(tree_peak[0] / 1024, largest)


def _tree_rss_kb(root: int) -> int:
    try:
        parents: dict[int, int] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat", "rb") as handle:
                        fields = handle.read().rsplit(b")", 1)[1].split()
                    parents[int(entry)] = int(fields[1])
                except (OSError, IndexError, ValueError):
                    continue
        tree, frontier = {root}, [root]
        while frontier:
            current = frontier.pop()
            for pid, parent in parents.items():
                if parent == current and pid not in tree:
                    tree.add(pid)
                    frontier.append(pid)
        total = 0
        for pid in tree:
            try:
                with open(f"/proc/{pid}/status", "rb") as handle:
                    for line in handle:
                        if line.startswith(b"VmRSS:"):
                            total += int(line.split()[1])
                            break
            except OSError:
                continue
        return total
    except OSError:
        return 0


# --- the measurements ----------------------------------------------------------------------

def one_report(bench: Bench) -> Path:
    path = bench.workdir / "one-report.txt"
    if not path.exists():
        text, _ = corpus.report_text(0, "pipe", defects=False)
        path.write_text(text, encoding="utf-8")
    return path


def _compare_env(tree: Path) -> dict:
    """Run another source tree of gaolint (a checkout of an older commit) through the same
    console script: its package comes first on the path."""
    return {"PYTHONPATH": str(tree)}


def latency(bench: Bench, runs: int, compare: Path | None = None) -> None:
    report = one_report(bench)
    bench.empty_cache()
    hit_cache = bench.workdir / "result-cache-hit"
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        # what pre-commit meets: a report changed since the last run, so its entry is missing
        "gaolint check one-report.txt": ([bench.gaolint, "check", str(report)],
                                         {"GAOLINT_CACHE_DIR": bench.missing_entries}),
        "hit": ([bench.gaolint, "check", str(report)], {"GAOLINT_CACHE_DIR": str(hit_cache)}),
        "no-cache": [bench.gaolint, "check", "--no-cache", str(report)],
    }
    if compare is not None:
        commands["compare"] = ([bench.gaolint, "check", str(report)], _compare_env(compare))
    medians = bench.medians(commands, runs)
    base, lint = medians["python -c pass"], medians["gaolint check one-report.txt"]
    ratio = lint / base
    print(f"\n## latency (median of {runs}, interleaved, output piped)")
    print(f"  python -c pass                 {base * 1000:7.1f} ms")
    print(f"  gaolint check one-report.txt   {lint * 1000:7.1f} ms   {ratio:.2f}x  "
          f"(budget {BUDGETS['latency']:.0f}x: {bench.verdict('latency', ratio <= BUDGETS['latency'])})  "
          "result cache miss (a changed report)")
    print(f"  the same, result cache hit     {medians['hit'] * 1000:7.1f} ms   {medians['hit'] / base:.2f}x  "
          "(an unchanged report)")
    print(f"  the same with --no-cache       {medians['no-cache'] * 1000:7.1f} ms   {medians['no-cache'] / base:.2f}x")
    if compare is not None:
        print(f"  the same, from {compare}   {medians['compare'] * 1000:7.1f} ms   {medians['compare'] / base:.2f}x")
    heavy, top = import_report(bench, report)
    print(f"  heavy modules imported: {', '.join(heavy) if heavy else 'none'}")
    print("  largest imports (self time, -X importtime): " + ", ".join(f"{n} {us / 1000:.1f} ms" for n, us in top))


def import_report(bench: Bench, report: Path) -> tuple[list[str], list[tuple[str, int]]]:
    _, completed = bench.run(([sys.executable, "-X", "importtime", bench.gaolint, "check", str(report)],
                              {"GAOLINT_CACHE_DIR": bench.missing_entries}))  # a miss: everything runs
    modules: list[tuple[str, int]] = []
    for line in completed.stderr.decode("utf-8", "replace").splitlines():
        if not line.startswith("import time:") or "imported package" in line:
            continue
        parts = line.split("|")
        name = parts[2].strip()
        modules.append((name, int(parts[0].split(":")[1])))
    heavy = sorted({n.split(".")[0] for n, _ in modules if n.split(".")[0] in HEAVY})
    top = sorted(modules, key=lambda item: item[1], reverse=True)[:8]
    return heavy, top


def throughput(bench: Bench, count: int, runs: int, compare: Path | None = None) -> None:
    folder = bench.workdir / f"corpus-{count}"
    started = time.perf_counter()
    files = corpus.build(folder, count)
    built = time.perf_counter() - started
    size = sum(p.stat().st_size for p in files) / 1e6
    check = [bench.gaolint, "check", "--no-progress"]
    commands = {
        "floor": [sys.executable, str(HERE / "floor.py"), str(folder)],
        "jobs1": [*check, "--no-cache", "--jobs", "1", str(folder)],
        "first1": ([*check, "--jobs", "1", str(folder)], {"GAOLINT_CACHE_DIR": bench.fresh_cache}),
        "warm1": [*check, "--jobs", "1", str(folder)],
        "jobs2": [*check, "--no-cache", "--jobs", "2", str(folder)],
    }
    if compare is not None:
        commands["compare"] = ([*check, "--jobs", "1", str(folder)], _compare_env(compare))
    bench.empty_cache()
    bench.run(commands["warm1"])  # the priming run: fills the result cache
    medians = bench.medians(commands, runs, warmup=1)
    for name in ("jobs1", "first1", "warm1", "jobs2"):  # make sure gaolint really answered for every file
        checked = re.search(r"共检查 (\d+) 个文件", bench.last[name].stderr.decode("utf-8", "replace"))
        if not checked or int(checked.group(1)) != len(files):
            raise SystemExit(f"bench: gaolint checked {checked.group(1) if checked else '?'} of {len(files)} files")
    if bench.last["warm1"].stdout != bench.last["jobs1"].stdout:
        raise SystemExit("bench: the warm run's output differs from the cold run's")
    floor, one, warm, two = medians["floor"], medians["jobs1"], medians["warm1"], medians["jobs2"]
    first = medians["first1"]
    ratio, warm_ratio = one / floor, warm / floor
    budget = BUDGETS["throughput"]
    print(f"\n## throughput: {len(files)} reports, {size:.1f} MB (corpus ready in {built:.1f} s; median of {runs})")
    print(f"  floor (read + decode + digit regex)        {floor:6.2f} s   {len(files) / floor:7.0f} files/s")
    print(f"  cold: check --jobs 1 --no-cache            {one:6.2f} s   {len(files) / one:7.0f} files/s   "
          f"{ratio:.2f}x floor (budget {budget:.0f}x: {bench.verdict('throughput cold', ratio <= budget)})")
    print(f"  first run: check --jobs 1, empty cache     {first:6.2f} s   {len(files) / first:7.0f} files/s   "
          f"{first / floor:.2f}x floor; lints everything and writes the cache ({first / one:.2f}x the cold run)")
    print(f"  warm: check --jobs 1, result cache primed  {warm:6.2f} s   {len(files) / warm:7.0f} files/s   "
          f"{warm_ratio:.2f}x floor (budget {budget:.0f}x: {bench.verdict('throughput warm', warm_ratio <= budget)}); "
          "nothing linted, every result from the cache")
    print(f"  cold: check --jobs 2 --no-cache            {two:6.2f} s   {len(files) / two:7.0f} files/s   "
          f"speed-up {one / two:.2f}x over cold --jobs 1 (ideal 2x on {os.cpu_count()} cores)")
    if compare is not None:
        print(f"  --jobs 1 from {compare} (its own defaults)   {medians['compare']:6.2f} s   {medians['compare'] / floor:.2f}x floor")


def memory(bench: Bench, count: int) -> None:
    folder = bench.workdir / f"corpus-{count}"
    files = corpus.build(folder, count)
    print(f"\n## memory: {len(files)} reports")
    for jobs in (1, 2):
        command = [bench.gaolint, "check", "--jobs", str(jobs), "--no-progress", str(folder)]
        bench.empty_cache()  # a first run: lints every report and stores every result
        elapsed, largest, tree = peak_rss(command, bench.env, bench.workdir)
        ok = bench.verdict(f"memory --jobs {jobs}", largest <= BUDGETS["memory_mb"])
        extra = f", whole process tree {tree:.0f} MB (sampled)" if jobs > 1 else ""
        print(f"  --jobs {jobs}: peak RSS {largest:6.1f} MB (budget {BUDGETS['memory_mb']:.0f} MB: {ok}){extra}; {elapsed:.1f} s")


def scale(bench: Bench, runs: int) -> None:
    files = corpus.scale_files(bench.workdir / "scale")
    print(f"\n## scale (median of {runs})")
    for name, path in files.items():
        commands = {name: [bench.gaolint, "check", "--no-cache", str(path)]}
        _, once = bench.run(commands[name])
        if b"not read" in once.stdout:  # a table refused unread would time the skip path
            raise SystemExit(f"bench: the scale case {name!r} was not read:\n{once.stdout.decode('utf-8', 'replace')}")
        seconds = bench.medians(commands, runs, warmup=1)[name]
        lines = path.read_text(encoding="utf-8").count("\n") + 1
        ok = bench.verdict(f"scale {name}", seconds <= BUDGETS["scale_s"])
        print(f"  {name:18} {path.stat().st_size / 1e6:5.2f} MB {lines:6} lines   {seconds:5.2f} s "
              f"(budget {BUDGETS['scale_s']:.0f} s: {ok})")


def profile(bench: Bench, target: str, count: int) -> None:
    """pyinstrument over one of the workloads, in-process (after a warm-up)."""
    try:
        import pyinstrument  # noqa: F401
    except ImportError:
        raise SystemExit("bench: pip install pyinstrument") from None
    if target == "latency":
        paths = [one_report(bench)]
    elif target == "scale":
        paths = list(corpus.scale_files(bench.workdir / "scale").values())
    else:
        folder = bench.workdir / f"corpus-{count}"
        corpus.build(folder, count)
        paths = [folder]
    command = [sys.executable, "-m", "pyinstrument", "-i", "0.0005", "-r", "text", bench.gaolint,
               "check", "--no-cache", "--jobs", "1", "--no-progress", *map(str, paths)]
    if target == "latency":
        command = [sys.executable, "-m", "pyinstrument", "-i", "0.0002", "-r", "text", bench.gaolint, "check",
                   "--no-cache", str(paths[0])]
    bench.run(command)  # warm-up: write byte-code
    completed = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=bench.env, check=False)
    sys.stdout.write(completed.stdout.decode("utf-8", "replace"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", nargs="*", default=["all"],
                        help="latency, throughput, memory, scale, all, or: profile latency|throughput|scale")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "gaolint-bench",
                        help="where corpora are written (default $TMPDIR/gaolint-bench)")
    parser.add_argument("--runs", type=int, default=9, help="runs per latency measurement (default 9)")
    parser.add_argument("--throughput-runs", type=int, default=3, help="runs per throughput measurement (default 3)")
    parser.add_argument("--reports", type=int, default=2000, help="reports for the throughput run (default 2000)")
    parser.add_argument("--memory-reports", type=int, default=10000, help="reports for the memory run (default 10000)")
    parser.add_argument("--cold", action="store_true", help="no .pyc files (PYTHONDONTWRITEBYTECODE=1)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a budget is exceeded")
    parser.add_argument("--compare", type=Path, metavar="TREE",
                        help="also time gaolint from another source tree (e.g. `git archive` of an older commit), "
                             "interleaved with this one (latency and throughput --jobs 1)")
    options = parser.parse_args(argv)
    bench = Bench(options.workdir.resolve(), cold=options.cold)
    what = options.what
    if what[0] == "profile":
        profile(bench, what[1] if len(what) > 1 else "latency", min(options.reports, 300))
        return 0
    if "all" in what:
        what = ["latency", "throughput", "memory", "scale"]
    load = os.getloadavg()[0]
    print(f"gaolint benchmark: {bench.gaolint} on {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
          f"{'cold (no .pyc)' if options.cold else 'with .pyc'}, load average {load:.2f}")
    if load > 0.5:
        print("  warning: the machine is busy; timings (and the --jobs 2 speed-up) will be off")
    for name in what:
        if name == "latency":
            latency(bench, options.runs, options.compare)
        elif name == "throughput":
            throughput(bench, options.reports, options.throughput_runs, options.compare)
        elif name == "memory":
            memory(bench, options.memory_reports)
        elif name == "scale":
            scale(bench, 3)
        else:
            parser.error(f"unknown measurement {name!r}")
    if bench.failed:
        print(f"\nover budget: {', '.join(bench.failed)}")
    return 1 if bench.failed and options.strict else 0


if __name__ == "__main__":
    sys.exit(main())
