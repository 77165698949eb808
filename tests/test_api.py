"""The public library call (gaolint.api): one file from a path, bytes or a URL, the same
findings the CLI prints, and results that go to plain JSON and back unchanged.

``make_corpus`` is shared with tests/test_cluster.py and tests/test_stream_outputs.py: a small
mixed folder (text shapes, Markdown, HTML, .docx, an unreadable file, a report with an inline
comment that silences nothing, and an agency's two years that repository rules flag)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gaolint import api
from gaolint.cli import main
from gaolint.engine import lint_file

AGENCY = "江州市临川区人民政府"


def make_corpus(folder: Path, reports: int = 14) -> list[Path]:
    """Write the mixed corpus into ``folder``; return the files in discovery (name) order."""
    from bench.corpus import report_bytes, spec_for
    from tests.builder import build_document, render_text, sample_spec
    from tests.builder.html import render_html
    from tests.test_repository import _six, next_year

    folder.mkdir(parents=True, exist_ok=True)
    for index in range(reports):
        data, name = report_bytes(index)
        (folder / name).write_bytes(data)
    for index in (20, 21):
        (folder / f"h{index}.html").write_bytes(render_html(build_document(spec_for(index))))
    pytest.importorskip("docx")
    from tests.builder.docx import render_docx

    (folder / "d22.docx").write_bytes(render_docx(build_document(spec_for(22))))
    (folder / "zz-broken.docx").write_bytes(b"PK\x03\x04 this is no zip archive")
    # Two years of one agency: this year's 上年结转 is not last year's 结转下年度 (GAO601) and
    # the documents in force do not follow (GAO602).
    last = sample_spec(11, year=2023, agency=AGENCY, kind="government")
    wrong = list(_six(last.table3["carried_forward"]))
    wrong[0] += 3
    this = next_year(last, 12, carried_over=wrong, valid_delta=2)
    (folder / "y2023.txt").write_text(render_text(build_document(last), "pipe"), encoding="utf-8")
    (folder / "y2024.md").write_text(
        "<!-- gaolint: disable=GAO401 -->\n" + render_text(build_document(this), "markdown"), encoding="utf-8")
    return sorted(p for p in folder.iterdir() if p.is_file())


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("api") / "reports"
    make_corpus(folder)
    return folder


def _json(capsys, *argv: str) -> list[dict]:
    main(["check", "--no-cache", "--format", "json", *argv])
    return json.loads(capsys.readouterr().out)


def test_the_corpus_exercises_every_kind_of_finding(corpus_dir, capsys, monkeypatch):
    monkeypatch.chdir(corpus_dir)
    rules = {f["rule"] for f in _json(capsys, "--jobs", "1", ".")}
    # file rules, an unreadable file, both repository rules, an unused inline comment
    assert {"GAO001", "GAO601", "GAO602", "GAO010"} <= rules, rules
    assert rules & {"GAO101", "GAO103", "GAO202", "GAO203"}


def test_lint_path_is_the_engine_call(corpus_dir, monkeypatch):
    monkeypatch.chdir(corpus_dir)
    settings = api.Settings()
    for path in sorted(p.name for p in corpus_dir.iterdir()):
        assert api.lint_path(path, settings) == lint_file(path, settings)


def test_lint_bytes_gives_the_findings_of_the_file_on_disk(corpus_dir, monkeypatch):
    monkeypatch.chdir(corpus_dir)
    settings = api.Settings()
    for path in sorted(corpus_dir.iterdir()):
        from_disk = lint_file(path.name, settings)
        from_memory = api.lint_bytes(path.read_bytes(), path.name, settings)
        assert from_memory == from_disk, path.name


def test_lint_bytes_refuses_what_the_disk_reader_refuses(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.xyz").write_bytes(b"hello")
    settings = api.Settings()
    on_disk = lint_file("notes.xyz", settings)
    in_memory = api.lint_bytes(b"hello", "notes.xyz", settings)
    assert [f.rule for f in in_memory.findings] == ["GAO001"]
    assert in_memory == on_disk


def test_lint_path_names_the_file_as_told(corpus_dir):
    path = str(next(p for p in sorted(corpus_dir.iterdir()) if p.name.startswith("r00003")))
    result = api.lint_path(path, api.Settings(), shown="archive/2022/x.md")
    assert result.path == "archive/2022/x.md"
    assert result.findings and {f.path for f in result.findings} == {"archive/2022/x.md"}
    assert result.facts.path == "archive/2022/x.md"


def test_lint_url_reads_through_fsspec(corpus_dir):
    pytest.importorskip("fsspec")
    path = next(p for p in sorted(corpus_dir.iterdir()) if p.name.startswith("r00003"))
    url = "file://" + str(path)
    result = api.lint(url, api.Settings())
    assert result.path == url
    expected = api.lint_bytes(path.read_bytes(), url, api.Settings())
    assert result == expected and result.findings


def test_missing_url_is_unreadable_not_an_exception():
    pytest.importorskip("fsspec")
    result = api.lint("file:///no/such/folder/report.pdf", api.Settings())
    assert [f.rule for f in result.findings] == ["GAO001"]
    assert "cannot open" in result.findings[0].message.en


def test_is_url():
    assert api.is_url("s3://bucket/a.pdf") and api.is_url("file:///x.txt") and api.is_url("hdfs://nn/x.pdf")
    assert not api.is_url("reports/a.pdf") and not api.is_url("C:\\reports\\a.pdf") and not api.is_url("a://")


def test_results_go_to_json_and_back_unchanged(corpus_dir, monkeypatch):
    monkeypatch.chdir(corpus_dir)
    settings = api.Settings()
    results = [api.lint_path(p.name, settings) for p in sorted(corpus_dir.iterdir())]
    assert any(r.facts is not None for r in results) and any(r.suppressions for r in results)
    for result in results:
        text = json.dumps(api.result_to_dict(result), ensure_ascii=False)
        assert api.result_from_dict(json.loads(text)) == result


def test_finish_gives_the_cli_findings(corpus_dir, capsys, monkeypatch):
    monkeypatch.chdir(corpus_dir)
    config = api.load_config()
    results = [api.lint_path(p.name, config.settings) for p in sorted(corpus_dir.iterdir())]
    findings = api.finish(results, config)
    expected = _json(capsys, "--jobs", "1", ".")
    from gaolint.output.json_output import finding_dict

    ordered = sorted(findings, key=lambda f: f.sort_key())
    assert [finding_dict(f, "zh") for f in ordered] == expected


def test_load_config_takes_command_line_options(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".gaolint.yaml").write_text("ignore: [GAO5]\nlang: en\n", encoding="utf-8")
    config = api.load_config(select="GAO3")
    assert config.settings.select == ("GAO3",) and config.settings.ignore == ("GAO5",)
    assert config.lang == "en"
    assert api.settings_for(ignore="GAO1").ignore == ("GAO1",)


def test_url_inputs_need_a_scheduler(capsys, monkeypatch):
    monkeypatch.delenv("GAOLINT_SCHEDULER", raising=False)
    assert main(["check", "s3://archive/2025/"]) == 2
    assert "--scheduler" in capsys.readouterr().err
