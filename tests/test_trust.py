"""Issue 18: trust nothing on disk. Every hostile file here is built anew by the test: output
paths that are inputs, poisoned start-up and result caches, odd configuration and baseline
files, readers' corner cases, quadratic corners and escape sequences in what gets printed."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gaolint.engine import Settings, lint_file

ROOT = Path(__file__).resolve().parents[1]


def _cli(*args: str, cwd: Path, env: dict | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    """The command line in a child process (a hang is a failed test, not a hung session)."""
    merged = dict(os.environ)
    merged.update(env or {})
    merged["PYTHONPATH"] = str(ROOT) + os.pathsep + merged.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-m", "gaolint", *args], cwd=cwd, env=merged, capture_output=True,
                          text=True, timeout=timeout)


# --- item 7a: a row of thousands of empty cells ------------------------------------------------

def test_trailing_empty_cells_are_not_recounted(tmp_path):
    """A label, one value and 20,000 empty cells: each popped empty cell used to recount the
    row (quadratic: ~10 s); linear now."""
    path = tmp_path / "wide.txt"
    path.write_text("三、收到和处理政府信息公开申请情况\n本年新收政府信息公开申请数量|7" + "|" * 20_000 + "\n", encoding="utf-8")
    started = time.perf_counter()
    result = lint_file(str(path), Settings())
    elapsed = time.perf_counter() - started
    assert elapsed < 1.5, f"{elapsed:.2f} s for a 20 KB two-line file"
    assert not any(f.rule in ("GAO000", "GAO001") for f in result.findings)


# --- item 1: an output path that is an input ------------------------------------------------

_REPORT = "某某县人民政府2024年政府信息公开工作年度报告\n一、总体情况\n本年度主动公开政府信息12条。\n"


@pytest.mark.parametrize("option", ["--output", "--write-baseline"])
@pytest.mark.parametrize("how", ["same", "symlink", "hardlink"])
def test_output_that_is_an_input_is_refused(tmp_path, option, how):
    report = tmp_path / "r.txt"
    report.write_text(_REPORT, encoding="utf-8")
    target = tmp_path / "r.txt"
    if how == "symlink":
        target = tmp_path / "out.json"
        target.symlink_to(report)
    elif how == "hardlink":
        target = tmp_path / "out.json"
        os.link(report, target)
    before = report.read_bytes()
    extra = ["--format", "json"] if option == "--output" else []
    done = _cli("check", "--no-cache", option, str(target), *extra, "r.txt", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "never writes to its inputs" in done.stderr
    assert "Traceback" not in done.stderr
    assert report.read_bytes() == before


def test_output_beside_the_inputs_is_still_written(tmp_path):
    (tmp_path / "r.txt").write_text(_REPORT, encoding="utf-8")
    done = _cli("check", "--no-cache", "--output", "out.json", "--format", "json", ".", cwd=tmp_path)
    assert done.returncode in (0, 1), done.stderr
    assert (tmp_path / "out.json").read_text(encoding="utf-8").lstrip().startswith(("[", "{"))
