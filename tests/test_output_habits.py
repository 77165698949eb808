"""Command-line habits from ruff and markdownlint: --statistics, --exit-zero, stdin,
--show-settings, -q, and summary lines that count notes and what was hidden."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_outputs import reports  # noqa: F401  (the fixture)


def gaolint(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gaolint", *args], cwd=cwd, capture_output=True, timeout=120,
                          input=stdin)


def out(done) -> str:
    return done.stdout.decode("utf-8")


def err(done) -> str:
    return done.stderr.decode("utf-8")


@pytest.mark.slow
def test_statistics_counts_findings_per_rule(reports):  # noqa: F811
    findings = json.loads(out(gaolint("check", "--no-cache", "--format", "json", ".", cwd=reports)))
    expected: dict[str, int] = {}
    for finding in findings:
        expected[finding["rule"]] = expected.get(finding["rule"], 0) + 1
    text = out(gaolint("check", "--no-cache", "--statistics", ".", cwd=reports))
    rows = re.findall(r"^\s*(\d+)\s+(GAO\d{3})\s+(error|warning|note)\s+([a-z-]+)$", text, re.M)
    assert {code: int(count) for count, code, _, _ in rows} == expected
    counts = [int(count) for count, *_ in rows]
    assert counts == sorted(counts, reverse=True)
    as_json = json.loads(out(gaolint("check", "--no-cache", "--statistics", "--format", "json", ".", cwd=reports)))
    assert {row["code"]: row["count"] for row in as_json} == expected


@pytest.mark.slow
def test_exit_zero(reports):  # noqa: F811
    assert gaolint("check", "--no-cache", ".", cwd=reports).returncode == 1
    done = gaolint("check", "--no-cache", "--exit-zero", ".", cwd=reports)
    assert done.returncode == 0 and "GAO303" in out(done)


def test_stdin_with_a_filename(reports):  # noqa: F811
    data = (reports / "sub" / "bad.md").read_bytes()
    done = gaolint("check", "--format", "json", "-", "--stdin-filename", "sub/piped.md", cwd=reports, stdin=data)
    findings = json.loads(out(done))
    assert done.returncode == 1 and findings
    assert {f["path"] for f in findings} == {"sub/piped.md"}
    from_file = json.loads(out(gaolint("check", "--no-cache", "--format", "json", "sub/bad.md", cwd=reports)))
    assert [(f["rule"], f["line"]) for f in findings] == [(f["rule"], f["line"]) for f in from_file]
    assert not (reports / "sub" / "piped.md").exists()  # nothing written next to the reports


def test_stdin_without_a_filename_is_plain_text(reports):  # noqa: F811
    data = (reports / "clean.txt").read_bytes()
    done = gaolint("check", "-", cwd=reports, stdin=data)
    assert done.returncode == 0 and "共检查 1 个文件" in err(done)


def test_show_settings_prints_and_does_not_lint(reports):  # noqa: F811
    (reports / ".gaolint.yaml").write_text("ignore: [GAO5]\nfail-on: warning\n", encoding="utf-8")
    done = gaolint("check", "--show-settings", "--select", "GAO3", ".", cwd=reports)
    text = out(done)
    assert done.returncode == 0
    assert ".gaolint.yaml" in text and '["GAO3"]' in text and '["GAO5"]' in text
    assert re.search(r"fail-on\s+warning", text)
    assert "GAO303" not in text.replace("GAO3", "")  # no findings printed
    assert err(done) == ""


def test_quiet_prints_findings_only(reports):  # noqa: F811
    done = gaolint("check", "--no-cache", "-q", ".", cwd=reports)
    assert done.returncode == 1 and "GAO303" in out(done)
    assert err(done) == ""


@pytest.mark.slow
def test_summary_counts_notes_and_what_a_baseline_and_comments_hid(reports):  # noqa: F811
    bad = reports / "sub" / "bad.md"
    gaolint("check", "--no-cache", "--write-baseline", "base.json", "sub", cwd=reports)
    with_baseline = err(gaolint("check", "--no-cache", "--baseline", "base.json", "sub", cwd=reports))
    everything = json.loads(out(gaolint("check", "--no-cache", "--format", "json", "sub", cwd=reports)))
    assert f"基线隐藏 {len(everything)} 个" in with_baseline
    assert "提示 0" in with_baseline
    # An inline comment before the title silences GAO401 for the file.
    bad.write_text("<!-- gaolint: disable=GAO401 -->\n" + bad.read_text(encoding="utf-8"), encoding="utf-8")
    english = err(gaolint("check", "--no-cache", "--lang", "en", "sub", cwd=reports))
    silenced = sum(1 for f in everything if f["rule"] == "GAO401")
    assert silenced and f"{silenced} by inline comments" in english
    assert re.search(r"\d+ note\(s\)", english)
