"""--format jsonl and --format parquet: written as results arrive, read back equal to
--format json (plus agency, year and format version), and --resume after a run cut short."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gaolint.cli import main

from .test_api import make_corpus

JSON_KEYS = ("path", "line", "column", "end_line", "end_column", "rule", "name", "severity", "message", "place")


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("stream") / "reports"
    make_corpus(folder)
    return folder


@pytest.fixture(autouse=True)
def in_corpus(corpus_dir, monkeypatch):
    monkeypatch.chdir(corpus_dir)


@pytest.fixture
def expected(corpus_dir, capsys):
    """(exit code, findings) of --format json --jobs 1 over the corpus."""
    code = main(["check", "--no-cache", "--format", "json", "--jobs", "1", "."])
    return code, json.loads(capsys.readouterr().out)


def _key(row: dict) -> tuple:
    return (row["path"], row["line"], row["column"], row["rule"], row["message"])


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _jsonl(corpus_dir, out: Path, *extra: str) -> int:
    return main(["check", "--no-cache", "--no-progress", "--format", "jsonl", "--output", str(out), *extra, "."])


def test_jsonl_reads_back_as_the_json_findings(corpus_dir, expected, tmp_path):
    code, findings = expected
    out = tmp_path / "out.jsonl"
    assert _jsonl(corpus_dir, out, "--jobs", "1") == code
    rows = _lines(out)
    assert rows[0]["type"] == "run" and rows[-1]["type"] == "end"
    found = [r for r in rows if r["type"] == "finding"]
    assert sorted(map(_key, found)) == sorted(map(_key, findings))
    assert sorted(({k: r[k] for k in JSON_KEYS} for r in found), key=_key) == sorted(findings, key=_key)
    files = [r for r in rows if r["type"] == "file"]
    assert len(files) == len(list(corpus_dir.iterdir())) == rows[-1]["files"]
    assert rows[-1]["findings"] == len(findings)
    # every finding of an annual report carries its agency, year and format version
    y2024 = [r for r in found if r["path"] == "y2024.md"]
    assert y2024 and all(r["agency"] == "江州市临川区人民政府" and r["year"] == 2024 and r["format_version"]
                         for r in y2024)
    assert any(r["rule"] == "GAO601" for r in y2024)


def test_jsonl_is_written_as_results_arrive(corpus_dir, tmp_path, monkeypatch):
    """Each file's line is on disk before the next file is linted."""
    import gaolint.lintloop as run

    out = tmp_path / "out.jsonl"
    seen: list[int] = []
    real = run.lint_files

    # Counted where each batch starts, in this process: files are linted in forked workers
    # (gaolint.workers), where a patched lint_file would count in the child.
    def counting(files, *args, **kwargs):
        for _ in files:
            seen.append(sum(1 for line in out.read_text(encoding="utf-8").splitlines() if '"type": "file"' in line)
                        if out.exists() else 0)
        return real(files, *args, **kwargs)

    monkeypatch.setattr(run, "lint_files", counting)
    monkeypatch.chdir(corpus_dir)
    _jsonl(corpus_dir, out, "--jobs", "1")
    assert len(seen) == len(list(corpus_dir.iterdir()))
    # written a batch at a time (gaolint.stream.BATCH files), not all at the end
    from gaolint.stream import BATCH

    assert seen == sorted(seen) and seen[0] == 0
    assert seen[-1] >= BATCH - 1 and len(seen) > BATCH


def test_jsonl_with_two_jobs_is_the_same(corpus_dir, tmp_path):
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    _jsonl(corpus_dir, one, "--jobs", "1")
    _jsonl(corpus_dir, two, "--jobs", "2")
    assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8")


def test_parquet_reads_back_as_the_json_findings(corpus_dir, expected, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    code, findings = expected
    out = tmp_path / "findings.parquet"
    assert main(["check", "--no-cache", "--format", "parquet", "--output", str(out), "."]) == code
    table = pq.read_table(out)
    assert {"agency", "year", "format_version", "rule", "severity", "place"} <= set(table.column_names)
    rows = table.to_pylist()
    assert sorted(map(_key, rows)) == sorted(map(_key, findings))
    by_rule = {r["rule"]: r for r in rows}
    assert by_rule["GAO602"]["year"] == 2024 and by_rule["GAO602"]["agency"] == "江州市临川区人民政府"


def test_parquet_opens_in_duckdb(corpus_dir, expected, tmp_path):
    duckdb = pytest.importorskip("duckdb")
    out = tmp_path / "findings.parquet"
    main(["check", "--no-cache", "--format", "parquet", "--output", str(out), "."])
    count = duckdb.sql(f"select count(*) from '{out}' where severity = 'error'").fetchone()[0]
    assert count == sum(1 for f in expected[1] if f["severity"] == "error")


def test_parquet_needs_an_output_file(corpus_dir, capsys):
    assert main(["check", "--format", "parquet", "."]) == 2
    assert "--output" in capsys.readouterr().err


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.95])
def test_resume_lints_only_what_is_left(corpus_dir, tmp_path, monkeypatch, cut):
    import gaolint.lintloop as run

    whole = tmp_path / "whole.jsonl"
    code = _jsonl(corpus_dir, whole, "--jobs", "1")
    text = whole.read_bytes()
    out = tmp_path / "out.jsonl"
    out.write_bytes(text[: int(len(text) * cut)])  # killed half-way, mid-line
    done_before = sum(1 for line in out.read_bytes().split(b"\n")[:-1] if b'"type": "file"' in line)

    linted: list[str] = []
    real = run.lint_files

    def counting(files, *args, **kwargs):  # in this process: the files go to forked workers
        linted.extend(files)
        return real(files, *args, **kwargs)

    monkeypatch.setattr(run, "lint_files", counting)
    assert _jsonl(corpus_dir, out, "--jobs", "1", "--resume") == code
    assert len(linted) == len(list(corpus_dir.iterdir())) - done_before
    rows, whole_rows = _lines(out), _lines(whole)
    assert sorted(json.dumps(r, sort_keys=True) for r in rows) == sorted(json.dumps(r, sort_keys=True) for r in whole_rows)

    linted.clear()  # a finished run resumed: only the files held to the end are read again
    assert _jsonl(corpus_dir, out, "--jobs", "1", "--resume") == code
    assert linted == ["./y2024.md"]
    assert sorted(map(json.dumps, _lines(out))) == sorted(map(json.dumps, whole_rows))


def test_resume_refuses_other_settings(corpus_dir, tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    _jsonl(corpus_dir, out)
    assert _jsonl(corpus_dir, out, "--ignore", "GAO3", "--resume") == 2
    assert "other settings" in capsys.readouterr().err
    assert _jsonl(corpus_dir, out, "--verbose", "--resume") == 1  # --verbose changes no finding
    assert "already done" in capsys.readouterr().err


def test_resume_needs_jsonl_and_an_output(corpus_dir, capsys):
    assert main(["check", "--format", "json", "--resume", "."]) == 2
    assert main(["check", "--format", "jsonl", "--resume", "."]) == 2


def test_progress_bar_shows_files_per_second():
    from types import SimpleNamespace

    from gaolint.progress import _speed_column

    column = _speed_column()
    assert column.render(SimpleNamespace(finished_speed=None, speed=12.34)).plain == "12.3 files/s"
    assert column.render(SimpleNamespace(finished_speed=None, speed=None)).plain == "– files/s"
    assert column.render(SimpleNamespace(finished_speed=1500.0, speed=3.0)).plain == "1,500.0 files/s"


def test_jsonl_on_stdout(expected, capsys):
    code, findings = expected
    assert main(["check", "--no-cache", "--format", "jsonl", "."]) == code
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert sorted(map(_key, (r for r in rows if r["type"] == "finding"))) == sorted(map(_key, findings))
    assert rows[-1]["type"] == "end"
