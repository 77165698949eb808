"""The real ``pre-commit try-repo`` against this repository's hook, on a throw-away git
repository holding a clean and a defective report."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.builder import build_document, plant, render_text, sample_spec

ROOT = Path(__file__).resolve().parents[1]


def _run(args, cwd, env):
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


@pytest.fixture
def report_repo(tmp_path: Path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "reports"
    repo.mkdir()
    (repo / "clean.txt").write_text(render_text(build_document(sample_spec(2)), "pipe"), encoding="utf-8")
    planted = plant(sample_spec(2), "period_mid_year", 2)
    (repo / "defective.md").write_text(render_text(planted.document, "markdown"), encoding="utf-8")
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "cache"), GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.invalid")
    _run(["git", "init", "-q"], repo, env)
    _run(["git", "add", "."], repo, env)
    return repo, env


@pytest.mark.slow
def test_pre_commit_try_repo_passes_clean_and_fails_defective(report_repo):
    repo, env = report_repo
    pre_commit = [sys.executable, "-m", "pre_commit"]
    if _run(pre_commit + ["--version"], repo, env).returncode != 0:
        pytest.skip("pre-commit is not installed")
    clean = _run(pre_commit + ["try-repo", str(ROOT), "gaolint", "--files", "clean.txt"], repo, env)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout
    defective = _run(pre_commit + ["try-repo", str(ROOT), "gaolint", "--all-files"], repo, env)
    assert defective.returncode == 1, defective.stdout + defective.stderr
    assert "Failed" in defective.stdout
    assert "defective.md" in defective.stdout and "GAO202" in defective.stdout
    assert "clean.txt:" not in defective.stdout
