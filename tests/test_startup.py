"""Start-up hygiene: what ``gaolint check one-report.txt`` imports on the pre-commit path, and
the start-up cache (gaolint/startcache.py) that keeps the parsed format YAML between runs.

A clean simplified-Chinese .txt piped to a file needs none of the heavy libraries: rich only
draws on a terminal, ruamel only rebuilds the format cache, OpenCC only converts Traditional
text, lxml/python-docx/pypdfium2 only read other containers, ``regex`` is not used at all.
Timing is measured by bench/run.py, not here; these tests pin the imports that cost it.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.builder import build_document, plant, render_text, sample_spec

#: Third-party packages a clean .txt run must never import.
HEAVY = ("rich", "ruamel", "opencc", "lxml", "docx", "pdfplumber", "pdfminer", "pypdfium2", "regex", "charset_normalizer")
#: Standard-library modules kept off the path on purpose (each cost milliseconds): hashlib
#: (OpenSSL) for the format cache key, subprocess for git (folders only), shutil for argparse's
#: terminal width, traceback for error messages, pathlib (with urllib.parse) in formats,
#: dataclasses (with inspect, ast and dis: ~10 ms) and typing (~3 ms) for the model's classes.
STDLIB_KEPT_OFF = (
    "hashlib", "subprocess", "shutil", "traceback", "pathlib", "urllib", "dataclasses", "inspect", "ast", "typing",
)

CONSOLE_SCRIPT = Path(sys.executable).with_name("gaolint")


@pytest.fixture
def env(tmp_path: Path) -> dict:
    """A child environment with its own cache folder and byte-code caching as installed."""
    environment = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"), PYTHONPYCACHEPREFIX=str(tmp_path / "pyc"))
    for name in ("PYTHONDONTWRITEBYTECODE", "FORCE_COLOR", "PYTHONPROFILEIMPORTTIME"):
        environment.pop(name, None)
    return environment


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.txt"
    path.write_text(render_text(build_document(sample_spec(3)), "pipe"), encoding="utf-8")
    return path


def _imported(command: list[str], env: dict, tmp_path: Path) -> tuple[set[str], subprocess.CompletedProcess]:
    with open(tmp_path / "out.txt", "wb") as out:  # piped to a file, as pre-commit does
        done = subprocess.run(command, stdout=out, stderr=subprocess.PIPE, env=env, timeout=120, check=False)
    names = set()
    for line in done.stderr.decode("utf-8", "replace").splitlines():
        if line.startswith("import time:") and "imported package" not in line:
            names.add(line.split("|")[-1].strip())
    return names, done


def _commands(small: Path) -> dict[str, list[str]]:
    commands = {"python -m gaolint": [sys.executable, "-X", "importtime", "-m", "gaolint", "check", str(small)]}
    if CONSOLE_SCRIPT.exists():
        commands["console script"] = [sys.executable, "-X", "importtime", str(CONSOLE_SCRIPT), "check", str(small)]
    return commands


@pytest.mark.slow
@pytest.mark.parametrize("how", ["python -m gaolint", "console script"])
def test_clean_txt_imports_nothing_heavy(how: str, small: Path, env: dict, tmp_path: Path) -> None:
    commands = _commands(small)
    if how not in commands:
        pytest.skip("the gaolint console script is not installed")
    command = commands[how]
    subprocess.run(command[:1] + command[3:], env=env, capture_output=True, timeout=120, check=False)  # warm the caches
    names, done = _imported(command, env, tmp_path)
    assert done.returncode in (0, 1), done.stderr.decode("utf-8", "replace")[-2000:]
    assert "gaolint.engine" in names  # the run really linted
    heavy = sorted(n for n in names if n.split(".")[0] in HEAVY)
    assert not heavy, f"a clean .txt run imported {heavy}"
    kept_off = sorted(n for n in names if n.split(".")[0] in STDLIB_KEPT_OFF)
    assert not kept_off, f"start-up imports {kept_off} again (see STDLIB_KEPT_OFF)"


#: Kept off a changed report's path (the pre-commit miss) since the sixth session: datetime.py's
#: pure-Python twin of the C date types, signal's enums, and the two modules the pattern table
#: was once decoded with, and locale, which gettext imported for argparse's titles (docs/performance.md,
#: "start-up trims of the sixth session").
MISS_KEPT_OFF = ("datetime", "signal", "array", "binascii", "locale")


@pytest.mark.slow
def test_a_changed_report_runs_without_datetime_signal_array_or_binascii(small: Path, env: dict, tmp_path: Path) -> None:
    command = _commands(small)["python -m gaolint"]
    subprocess.run(command[:1] + command[3:], env=env, capture_output=True, timeout=120, check=False)  # warm the caches
    with open(small, "a", encoding="utf-8") as report:
        report.write("\n")  # changed: a result-cache miss, linted in this process under the alarm
    names, done = _imported(command, env, tmp_path)
    assert done.returncode in (0, 1), done.stderr.decode("utf-8", "replace")[-2000:]
    assert "gaolint.engine" in names and "gaolint.parse" in names  # really linted, not a cache hit
    assert not sorted(n for n in names if n in MISS_KEPT_OFF)


@pytest.mark.slow
def test_cold_cache_still_avoids_the_readers_and_rich(small: Path, env: dict, tmp_path: Path) -> None:
    """Without any cache the format YAML is parsed (ruamel), but nothing else heavy loads."""
    names, done = _imported(_commands(small)["python -m gaolint"], env, tmp_path)
    assert done.returncode in (0, 1)
    heavy = sorted(n for n in names if n.split(".")[0] in HEAVY and n.split(".")[0] != "ruamel")
    assert not heavy


@pytest.mark.slow
def test_start_up_cache_is_plain_json_and_no_pattern_cache_is_written(small: Path, env: dict) -> None:
    """Issue 18: the start-up cache holds the parsed format YAML as checked JSON; compiled
    pattern opcodes are no longer kept (they went to ``_sre.compile`` unchecked)."""
    done = subprocess.run([sys.executable, "-m", "gaolint", "check", str(small)], env=env, capture_output=True, timeout=120)
    assert done.returncode in (0, 1)
    names = sorted(p.name for p in Path(env["XDG_CACHE_HOME"], "gaolint").iterdir() if p.is_file())
    assert len(names) == 1 and names[0].startswith("formats-") and names[0].endswith(".json"), names


@pytest.mark.slow
def test_output_is_the_same_with_cold_warm_and_corrupt_caches(tmp_path: Path, env: dict) -> None:
    planted = plant(sample_spec(4), "table3_leaf_changed", 4)
    report = tmp_path / "defective.txt"
    report.write_text(render_text(planted.document, "cells"), encoding="utf-8")
    command = [sys.executable, "-m", "gaolint", "check", "--format", "json", str(report)]

    def run() -> tuple[int, str]:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
        assert "Traceback" not in done.stderr
        return done.returncode, done.stdout

    cold = run()
    warm = run()
    for path in Path(env["XDG_CACHE_HOME"], "gaolint").iterdir():
        path.write_bytes(b"\x00garbage" * 100)
    corrupt = run()
    assert cold == warm == corrupt
    assert cold[0] == 1 and '"GAO30' in cold[1]


@pytest.mark.slow
def test_unwritable_cache_folder_is_harmless(small: Path, env: dict, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    env = dict(env, XDG_CACHE_HOME=str(blocker))
    done = subprocess.run([sys.executable, "-m", "gaolint", "check", str(small)], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode in (0, 1) and "Traceback" not in done.stderr


def test_main_called_in_process_leaves_the_collector_alone(small: Path, monkeypatch, tmp_path: Path) -> None:
    """The command line freezes the collector just before exiting; a caller of main() (a test,
    an editor plugin) keeps its process as it was."""
    from gaolint.cli import main

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    before = gc.get_freeze_count(), gc.get_threshold()
    assert main(["check", "--no-progress", str(small)]) in (0, 1)
    assert (gc.get_freeze_count(), gc.get_threshold()) == before
    assert gc.isenabled()


@pytest.mark.parametrize("frozen_by_the_host", [False, True])
def test_the_collector_is_tuned_while_linting_and_put_back_after(frozen_by_the_host: bool, small: Path, monkeypatch, tmp_path: Path) -> None:
    """Start-up objects are frozen while linting (the thresholds stay Python's), and that is
    undone afterwards, objects the host froze itself staying frozen."""
    from gaolint import lintloop as run
    from gaolint.cli import main

    seen = []
    real = run.lint_files

    def spy(*args, **kwargs):
        seen.append((gc.get_threshold()[0], gc.get_freeze_count() > 0))
        return real(*args, **kwargs)

    monkeypatch.setattr(run, "lint_files", spy)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    if frozen_by_the_host:
        gc.freeze()
    try:
        frozen, threshold = gc.get_freeze_count(), gc.get_threshold()
        assert main(["check", "--no-progress", str(small)]) in (0, 1)
        assert seen == [(threshold[0], True)]
        assert gc.get_threshold() == threshold
        # The host's frozen objects stay frozen (a few may have been freed meanwhile).
        assert (gc.get_freeze_count() > frozen * 0.9) if frozen_by_the_host else gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()


def test_a_start_up_cache_entry_is_not_checked_again_but_a_new_checker_misses_it(tmp_path: Path, monkeypatch) -> None:
    """The format data is checked against the schema before it is cached, not when read back
    (startcache.source_digest); a changed gaolint/format_data.py makes the entry a miss, so
    data is never used that the current checker did not see."""
    from gaolint import format_data, formats, startcache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("GAOLINT_NO_CACHE", raising=False)
    checked: list[str] = []
    real = format_data.check_schema

    def spy(data, name, text):
        checked.append(name)
        return real(data, name, text)

    monkeypatch.setattr(format_data, "check_schema", spy)
    try:
        formats.reload()
        first = formats._load_raw()
        assert len(checked) == len(first) >= 4  # parsed from YAML: every file checked, then cached
        checked.clear()
        formats.reload()
        assert formats._load_raw() == first and checked == []  # from the cache: not again
        monkeypatch.setattr(startcache, "_checker_stamp", lambda: b"another checker")
        formats.reload()
        assert formats._load_raw() == first and len(checked) == len(first)  # a miss: checked
    finally:
        formats.reload()


@pytest.mark.slow
def test_a_warm_run_does_not_rewrite_the_cache(small: Path, env: dict) -> None:
    """Once warm, the start-up cache file is only read: a run that rewrote it every time would
    pay for parsing the YAML again (what the cache is there to avoid)."""
    command = [sys.executable, "-m", "gaolint", "check", str(small)]
    for _ in range(2):
        subprocess.run(command, env=env, capture_output=True, timeout=120, check=False)
    files = list(Path(env["XDG_CACHE_HOME"], "gaolint").glob("formats-*.json"))
    assert len(files) == 1
    stamp = files[0].stat().st_mtime_ns, files[0].read_bytes()
    done = subprocess.run(command, env=env, capture_output=True, timeout=120, check=False)
    assert done.returncode in (0, 1)
    assert (files[0].stat().st_mtime_ns, files[0].read_bytes()) == stamp


def test_argparse_titles_are_not_looked_up_while_building_and_lookups_come_back() -> None:
    """The parsers are built without gettext's lookups (docs/performance.md), and argparse's own
    lookups are put back for the help and error messages printed later."""
    import argparse
    import gettext

    from gaolint.cli import _parser

    seen: list[str] = []
    original = argparse._  # type: ignore[attr-defined]
    argparse._ = lambda message: seen.append(message) or message  # type: ignore[attr-defined]
    try:
        parser = _parser("check")
        assert seen == []
        assert argparse._ is not original  # type: ignore[attr-defined]
    finally:
        argparse._ = original  # type: ignore[attr-defined]
    assert argparse._ is gettext.gettext  # type: ignore[attr-defined]
    assert "usage: gaolint check" in parser._subparsers._group_actions[0].choices["check"].format_help()  # type: ignore[union-attr]
