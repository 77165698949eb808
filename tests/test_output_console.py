"""Consoles that cannot print everything: a C/POSIX locale (ASCII) and a GBK console never
raise, and the agency × year table keeps its columns aligned when ✓/✗ cannot be printed."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def run(env_extra: dict, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHONIO", "PYTHONUTF8", "LANG"))}
    env.update(env_extra)
    env["COLUMNS"] = "200"
    return subprocess.run([sys.executable, "-m", "gaolint", *args], cwd=ROOT, env=env, capture_output=True,
                          timeout=180)


def width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def table_lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines() if line.startswith(("|", "+", "┃", "│", "┏", "┡", "└"))]


C_LOCALE = {"LC_ALL": "C", "PYTHONUTF8": "0"}


@pytest.mark.parametrize("args", [
    ("check", "--no-cache", "examples"),
    ("check", "--no-cache", "--summary", "examples"),
    ("check", "--no-cache", "--statistics", "examples"),
    ("rules",),
    ("explain", "GAO303"),
])
def test_a_c_locale_never_raises(args):
    done = run(C_LOCALE, *args)
    stderr = done.stderr.decode("ascii", "replace")
    assert "Traceback" not in stderr and "UnicodeEncodeError" not in stderr, stderr[-2000:]
    assert done.returncode in (0, 1)
    done.stdout.decode("ascii")  # everything printed is ASCII: escapes, not mojibake
    if args[0] == "check" and "--statistics" not in args:
        assert b"GAO" in done.stdout  # the findings are there


def test_the_overview_stays_aligned_in_a_c_locale():
    done = run(C_LOCALE, "check", "--no-cache", "--summary", "examples")
    lines = table_lines(done.stdout.decode("ascii"))
    assert len(lines) >= 5
    assert len({len(line) for line in lines}) == 1, "\n".join(lines)
    assert "\\u2713" not in done.stdout.decode("ascii") and "\\u2717" not in done.stdout.decode("ascii")


def test_the_overview_stays_aligned_on_a_gbk_console():
    done = run({"PYTHONIOENCODING": "gbk"}, "check", "--no-cache", "--summary", "examples")
    text = done.stdout.decode("gbk")
    assert "Traceback" not in text
    lines = table_lines(text)
    assert len(lines) >= 5
    assert len({width(line) for line in lines}) == 1, "\n".join(lines)
    assert "机关" in text and ("×" in text or "√" in text)  # Chinese kept, GBK's own marks


def test_console_marks_choose_what_the_encoding_can_print():
    from gaolint.overview import console_marks, printable_in

    assert console_marks("utf-8")["error"] == "✗"
    assert console_marks("gbk")["error"] == "×" and console_marks("gbk")["note"] == "√"
    assert console_marks("ascii")["note"] == "ok" and console_marks("ascii")["missing"] == "-"
    assert printable_in("清河", "ascii") == "\\u6e05\\u6cb3" and printable_in("清河", "gbk") == "清河"
