"""Which files a run checks: skipped files said and counted, zero files checked is exit 2, the
pre-commit hook's pattern from the readers' list, exclude globs, globs as arguments, the
nearest configuration per report, and repositories' own papers left out of folder walks."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from gaolint.discover import DOCUMENT_KINDS, NON_REPORT_NAMES, choose
from gaolint.read import READERS
from tests.builder import build_document, plant, render_text, sample_spec

ROOT = Path(__file__).resolve().parents[1]


def _clean_text(seed: int = 2) -> str:
    return render_text(build_document(sample_spec(seed)), "pipe")


def _defective_text(seed: int = 2) -> str:
    return render_text(plant(sample_spec(seed), "period_mid_year", seed).document, "markdown")


def gaolint(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, GAOLINT_NO_CACHE="1", GAOLINT_NO_SOFFICE="1")
    return subprocess.run([sys.executable, "-m", "gaolint", "check", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


# --------------------------------------------------------------------------------------------
# The pre-commit hook's pattern: the readers' extensions, any case, one list.


def _hook() -> dict:
    from ruamel.yaml import YAML

    return YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]


def test_hook_pattern_matches_exactly_the_extensions_gaolint_reads() -> None:
    files = re.compile(_hook()["files"])
    candidates = set(READERS) | set(DOCUMENT_KINDS) | {".docm", ".htmlx", ".pdfx", ".txt~", ".mdown", ".py", ".json", ".yaml", ".shtm", ".xhtm", ".jsp"}
    matched = {ext for ext in candidates if files.search(f"reports/2024/report{ext}")}
    assert matched == set(READERS)
    for ext in READERS:  # any case: KS-2025.TXT, 年报.DOCX
        assert files.search(f"KS-2025{ext.upper()}") and files.search(f"年报{ext.title()}")
    assert not files.search("report.docx.bak")


def test_hook_leaves_out_what_a_folder_walk_leaves_out() -> None:
    exclude = re.compile(_hook()["exclude"])
    for name in NON_REPORT_NAMES:
        for shown in (name, name.lower(), name.title()):
            assert exclude.search(f"{shown}.md") and exclude.search(f"sub/{shown}.txt"), shown
    assert exclude.search("docs/guide.md") and exclude.search("a/doc/index.HTML")
    for report in ("reports/2024.md", "readme-2024-report.txt", "docs/2024.pdf", "docs/2024.docx", "KS-2025.TXT"):
        assert not exclude.search(report), report


# --------------------------------------------------------------------------------------------
# choose(): reasons and counts.


@pytest.fixture
def folder(tmp_path: Path, monkeypatch) -> Path:
    """A report folder outside git with every kind of file an office keeps."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "KS-2025.TXT").write_text(_clean_text(), encoding="utf-8")
    (tmp_path / "reports" / "b.md").write_text(_defective_text(), encoding="utf-8")
    for name in ("stats.xlsx", "stats.et", "scan.ofd", "photo.JPG"):
        (tmp_path / "reports" / name).write_bytes(b"x")
    (tmp_path / "tool.py").write_text("print()", encoding="utf-8")
    (tmp_path / "README.md").write_text("# 年报仓库\n", encoding="utf-8")
    (tmp_path / "CHANGELOG.md").write_text("# changes\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.md").write_text("# 如何提交\n", encoding="utf-8")
    (tmp_path / "docs" / "example-report.md").write_text("# 某局2024年政府信息公开工作年度报告\n", encoding="utf-8")
    return tmp_path


def test_walk_checks_reports_and_counts_the_rest_by_reason(folder: Path) -> None:
    selection = choose(["."])
    assert sorted(Path(p).as_posix() for p in selection.files) == [
        "docs/example-report.md", "reports/KS-2025.TXT", "reports/b.md",
    ]
    assert selection.counts() == {"extension": 5, "not-report": 3}
    listed = sorted(Path(s.path).name for s in selection.skipped if s.listed)
    assert listed == ["photo.JPG", "scan.ofd", "stats.et", "stats.xlsx"]  # tool.py only counted
    reasons = {Path(s.path).name: s.en for s in selection.skipped}
    assert "spreadsheet" in reasons["stats.et"] and "OFD" in reasons["scan.ofd"]
    assert "README" in reasons["README.md"] and "docs/" in reasons["guide.md"]


def test_named_files_are_checked_even_when_a_walk_would_pass_them_over(folder: Path) -> None:
    selection = choose(["README.md", "docs/guide.md", "reports/stats.xlsx"])
    assert selection.files == ["README.md", "docs/guide.md"]
    [skipped] = selection.skipped
    assert skipped.reason == "extension" and skipped.listed


def test_walking_docs_itself_checks_its_files(folder: Path) -> None:
    assert sorted(Path(p).name for p in choose(["docs"]).files) == ["example-report.md", "guide.md"]


def test_globs_are_expanded_for_shells_that_do_not(folder: Path) -> None:
    selection = choose(["reports/*.TXT", "reports/*.md", "reports/*.xlsx"])
    assert [Path(p).name for p in selection.files] == ["KS-2025.TXT", "b.md"]
    assert [Path(s.path).name for s in selection.skipped] == ["stats.xlsx"]
    assert sorted(Path(p).name for p in choose(["**/*.md"]).files) == ["b.md", "example-report.md"]
    assert choose(["nothing-*.txt"]).missing == ["nothing-*.txt"]


def test_exclude_globs_remove_files_everywhere(folder: Path) -> None:
    # Patterns as gaolint.config.relocate_glob makes them for displayed paths.
    selection = choose([".", "reports/b.md"], exclude=["reports/b.md", "docs", "*/docs"])
    assert [Path(p).as_posix() for p in selection.files] == ["reports/KS-2025.TXT"]
    assert selection.counts()["excluded"] >= 2


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_walk_skips_pipes_and_oversized_files(folder: Path) -> None:
    from gaolint.read.limits import MAX_FILE_BYTES

    os.mkfifo(folder / "reports" / "pipe.txt")
    with open(folder / "reports" / "huge.pdf", "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing written
    selection = choose(["reports"])
    assert selection.counts() == {"extension": 4, "size": 1, "type": 1}
    assert all(s.listed for s in selection.skipped if s.reason in ("size", "type"))


# --------------------------------------------------------------------------------------------
# The command line.


def test_summary_counts_skipped_files(folder: Path) -> None:
    done = gaolint(".", cwd=folder)
    assert done.returncode == 1
    assert "共检查 3 个文件" in done.stderr
    assert "另跳过 8 个文件（扩展名 5，非报告 3）。" in done.stderr
    assert "跳过 reports/stats.et：电子表格" in done.stderr and "tool.py" not in done.stderr
    english = gaolint(".", "--lang", "en", cwd=folder)
    assert "Skipped 8 file(s) (extension 5, not a report 3)." in english.stderr


def test_nothing_checked_exits_2_and_says_so(tmp_path: Path) -> None:
    (tmp_path / "stats.xlsx").write_bytes(b"x")
    for args in ((".",), ("stats.xlsx",)):
        done = gaolint(*args, cwd=tmp_path)
        assert done.returncode == 2, done.stderr
        assert "no report file was checked" in done.stderr and "扩展名 1" in done.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    done = gaolint(".", cwd=empty)
    assert done.returncode == 2 and "no report file was checked" in done.stderr


@pytest.mark.slow
def test_exclude_option_and_key(folder: Path) -> None:
    done = gaolint(".", "--exclude", "b.md", "--exclude", "docs,nothing", cwd=folder)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "共检查 1 个文件" in done.stderr and "已排除 3" in done.stderr
    (folder / ".gaolint.yaml").write_text("exclude: [reports/]\n", encoding="utf-8")
    done = gaolint(".", cwd=folder)
    assert "共检查 1 个文件" in done.stderr and "已排除 2" in done.stderr
    (folder / ".gaolint.yaml").write_text("exclude: 3\n", encoding="utf-8")
    done = gaolint(".", cwd=folder)
    assert done.returncode == 2 and "exclude" in done.stderr


@pytest.mark.slow
def test_the_nearest_configuration_applies_to_each_report(tmp_path: Path) -> None:
    """Two offices in one repository: the one whose folder silences GAO202 gets no GAO202,
    the other still does; the root's fail-on still decides the exit code."""
    for office in ("a", "b"):
        (tmp_path / office).mkdir()
        (tmp_path / office / "report.md").write_text(_defective_text(), encoding="utf-8")
    (tmp_path / "b" / ".gaolint.yaml").write_text("ignore: [GAO202]\n", encoding="utf-8")
    import json

    done = gaolint(".", "--format", "json", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    found = {(f["path"], f["rule"]) for f in json.loads(done.stdout)}
    assert ("a/report.md", "GAO202") in found
    assert ("b/report.md", "GAO202") not in found
    text = gaolint(".", cwd=tmp_path)
    assert "共检查 2 个文件" in text.stderr and "1 个文件无问题" in text.stderr
    # --config switches the search off: one file for every report.
    (tmp_path / "all.yaml").write_text("ignore: []\n", encoding="utf-8")
    done = gaolint(".", "--format", "json", "--config", "all.yaml", cwd=tmp_path)
    assert ("b/report.md", "GAO202") in {(f["path"], f["rule"]) for f in json.loads(done.stdout)}


def test_git_repository_readme_is_not_a_report(tmp_path: Path) -> None:
    if subprocess.run(["git", "--version"], capture_output=True).returncode != 0:
        pytest.skip("git is not installed")
    (tmp_path / "README.md").write_text("# 本仓库存放年度报告\n", encoding="utf-8")
    (tmp_path / "2025.md").write_text(_clean_text(), encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    done = gaolint(cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "共检查 1 个文件" in done.stderr and "非报告 1" in done.stderr
    assert "README" not in done.stdout


@pytest.mark.slow
def test_pre_commit_runs_on_upper_case_names_and_leaves_the_readme_out(tmp_path: Path) -> None:
    """The real hook (``pre-commit try-repo`` against this repository) on a repository whose
    reports have upper-case extensions, beside a README and a spreadsheet."""
    import shutil

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "reports"
    repo.mkdir()
    (repo / "KS-2025.TXT").write_text(_clean_text(), encoding="utf-8")
    (repo / "DEFECTIVE.MD").write_text(_defective_text(), encoding="utf-8")
    (repo / "README.md").write_text("# 年报仓库\n", encoding="utf-8")
    (repo / "stats.XLSX").write_bytes(b"x")
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "cache"), GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.invalid", GAOLINT_NO_CACHE="1")

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(list(args), cwd=repo, env=env, capture_output=True, text=True, timeout=900)

    run("git", "init", "-q")
    run("git", "add", ".")
    pre_commit = [sys.executable, "-m", "pre_commit"]
    if run(*pre_commit, "--version").returncode != 0:
        pytest.skip("pre-commit is not installed")
    done = run(*pre_commit, "try-repo", str(ROOT), "gaolint", "--all-files", "--verbose")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "DEFECTIVE.MD" in done.stdout and "GAO202" in done.stdout
    assert "共检查 2 个文件" in done.stdout  # KS-2025.TXT and DEFECTIVE.MD; README.md not passed
    assert "README" not in done.stdout and "XLSX" not in done.stdout


@pytest.mark.slow
def test_a_folder_of_images_is_counted_not_listed_one_by_one(tmp_path: Path) -> None:
    (tmp_path / "2025.txt").write_text(_clean_text(), encoding="utf-8")
    for index in range(30):
        (tmp_path / f"scan-{index:02d}.png").write_bytes(b"x")
    done = gaolint(".", cwd=tmp_path)
    assert done.stderr.count("跳过 scan-") == 20
    assert "另有 10 个文件被跳过" in done.stderr and "另跳过 30 个文件（扩展名 30）" in done.stderr
    verbose = gaolint(".", "--verbose", cwd=tmp_path)
    assert verbose.stderr.count("跳过 scan-") == 30


def test_pages_saved_under_their_address_are_read_as_html(tmp_path: Path) -> None:
    """Government CMSs serve reports as …/t20250120_123456.shtml, and a crawler or a browser
    saves them under that name: such a page was skipped as an unsupported type (and a run of
    only such pages checked nothing, exit 2). It is read as the same page saved as .html."""
    from gaolint import api
    from tests.builder.html import render_html

    planted = plant(sample_spec(4), "table3_bad_value", 4)
    page = render_html(planted.document)
    rules = {}
    for name in ("t20250120_123456.shtml", "report.xhtml", "report.html"):
        (tmp_path / name).write_bytes(page)
        rules[name] = sorted(f.rule for f in api.lint_path(str(tmp_path / name), api.Settings()).findings)
    assert rules["t20250120_123456.shtml"] == rules["report.xhtml"] == rules["report.html"]
    assert planted.expected <= set(rules["report.html"])
    chosen = choose([str(tmp_path)])
    assert sorted(Path(path).name for path in chosen.files) == sorted(rules)
