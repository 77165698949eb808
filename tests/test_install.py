"""The install recipes of README.md and docs/ are ones that work: gaolint is not on PyPI, so
every recipe installs from this repository (a clone, a ``git+`` URL at a tag, or a wheelhouse
for a machine without internet). The wheelhouse recipe itself is run (slow: it builds a wheel,
downloads the dependencies and installs them into a fresh virtual environment offline)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from gaolint import __version__

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
GIT_URL = re.compile(r"git\+https://github\.com/gaolint/gaolint@(v[\d.]+)")


def _text() -> dict[Path, str]:
    return {path: path.read_text(encoding="utf-8") for path in DOCUMENTS}


def _version(tag: str) -> tuple[int, ...]:
    return tuple(int(part) for part in tag.lstrip("v").split("."))


def test_no_recipe_installs_gaolint_from_the_public_index():
    for path, text in _text().items():
        for line in text.splitlines():
            command = line.strip().lstrip("$ -").strip()
            if command.startswith("pip install"):
                assert not re.fullmatch(r"pip install (-U |--upgrade )?gaolint(\[[a-z,]+\])?", command), f"{path.name}: {line}"
        # Extras too: 'gaolint[dask]' alone asks the public index.
        for match in re.finditer(r"pip install ['\"]?gaolint\[[a-z,]+\]['\"]?(?! @)", text):
            raise AssertionError(f"{path.name}: {match.group(0)} installs from PyPI, where gaolint is not")


def test_every_recipe_names_one_tag_no_older_than_this_version():
    tags = set()
    for path, text in _text().items():
        tags.update(GIT_URL.findall(text))
        tags.update(re.findall(r"^\s*rev:\s*(v[\d.]+)", text, re.M))
        tags.update("v" + v for v in re.findall(r"gaolint-([\d.]+)-py3-none-any\.whl", text))
    assert len(tags) == 1, tags
    (tag,) = tags
    assert _version(tag) >= _version(__version__)


def test_offline_install_is_documented_in_both_languages():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    chinese = (ROOT / "docs" / "quickstart-zh.md").read_text(encoding="utf-8")
    for text in (readme, chinese):
        assert "pip download -d wheelhouse" in text and "pip install --no-index --find-links wheelhouse gaolint" in text
    assert "## 快速上手" in readme and "quickstart-zh.md" in readme


def _run(*command: str, cwd: Path = ROOT, timeout: int = 900) -> subprocess.CompletedProcess:
    return subprocess.run(list(command), cwd=cwd, capture_output=True, text=True, timeout=timeout)


@pytest.mark.slow
def test_wheelhouse_recipe_installs_without_the_index(tmp_path):
    """README's offline recipe, step by step: build the wheel, download its dependencies into
    the wheelhouse, then install into a new virtual environment with ``--no-index``."""
    wheelhouse = tmp_path / "wheelhouse"
    built = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(wheelhouse), str(ROOT))
    assert built.returncode == 0, built.stderr[-3000:]
    (wheel,) = wheelhouse.glob("gaolint-*-py3-none-any.whl")
    downloaded = _run(sys.executable, "-m", "pip", "download", "-d", str(wheelhouse), str(wheel))
    if downloaded.returncode != 0 and re.search(r"(?i)connection|network|resolve|temporary failure", downloaded.stderr):
        pytest.skip("no package index reachable to fill the wheelhouse")
    assert downloaded.returncode == 0, downloaded.stderr[-3000:]
    venv = tmp_path / "venv"
    assert _run(sys.executable, "-m", "venv", str(venv)).returncode == 0
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    installed = _run(str(python), "-m", "pip", "install", "--no-index", "--find-links", str(wheelhouse), "gaolint")
    assert installed.returncode == 0, installed.stderr[-3000:]
    script = venv / ("Scripts/gaolint.exe" if os.name == "nt" else "bin/gaolint")
    done = _run(str(script), "check", "--no-cache", "--format", "json", "--fail-on", "never", str(ROOT / "examples"),
                cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    assert '"rule": "GAO' in done.stdout  # the defective examples are found by the installed copy
    version = _run(str(script), "--version", cwd=tmp_path)
    assert version.stdout.strip() == f"gaolint {wheel.name.split('-')[1]}"
