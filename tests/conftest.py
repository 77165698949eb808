"""Shared test fixtures: the published reports in ../shared/corpus (skipped when absent) and a
helper that lints text written to a temporary file."""

from __future__ import annotations

from pathlib import Path

import pytest

from gaolint.engine import Settings, lint_file

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.fixture(autouse=True)
def result_cache_dir(tmp_path_factory, monkeypatch) -> Path:
    """Every test gets its own, initially absent, result cache folder (gaolint/cache.py), in the
    environment so that subprocesses (the CLI, pre-commit) inherit it: no test reads another
    test's entries or the user's ~/.cache. Outside ``tmp_path``, so folder walks never see it."""
    folder = tmp_path_factory.mktemp("gaolint-cache") / "results"
    monkeypatch.setenv("GAOLINT_CACHE_DIR", str(folder))
    monkeypatch.delenv("GAOLINT_NO_CACHE", raising=False)
    return folder


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


def write_report(tmp_path, document, container: str = "txt", name: str = "report") -> str:
    """Render a builder ``Document`` as .txt, .md, .html or .docx under ``tmp_path``."""
    if container == "html":
        from tests.builder.html import render_html

        data = render_html(document)
    elif container == "docx":
        pytest.importorskip("docx")
        from tests.builder.docx import render_docx

        data = render_docx(document)
    else:
        from tests.builder import render_text

        data = render_text(document, "markdown" if container == "md" else "pipe").encode("utf-8")
    path = tmp_path / f"{name}.{container}"
    path.write_bytes(data)
    return str(path)
