"""Shared test fixtures: the published reports in ../shared/corpus (skipped when absent) and a
helper that lints text written to a temporary file."""

from __future__ import annotations

from pathlib import Path

import pytest

from gaolint.engine import Settings, lint_file

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return CORPUS


@pytest.fixture
def lint(tmp_path):
    """lint(text_or_bytes, name="report.txt") -> list of findings."""

    def run(content, name: str = "report.txt", settings: Settings | None = None):
        path = tmp_path / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return lint_file(str(path), settings or Settings()).findings

    return run


def rules_of(findings, severity: str | None = None) -> set[str]:
    return {f.rule for f in findings if severity is None or f.severity.value == severity}
