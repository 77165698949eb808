"""Every output format, parsed back from what the command printed."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.builder import build_document, plant, render_text, sample_spec

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


def gaolint(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gaolint", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """A folder with a clean report and one with two planted defects (GAO303/GAO302, GAO401)."""
    (tmp_path / "clean.txt").write_text(render_text(build_document(sample_spec(1)), "pipe"), encoding="utf-8")
    planted = plant(sample_spec(3), "table3_leaf_changed", 3)
    text = render_text(planted.document, "cells")
    text = re.sub(r"[^\n。]*信息处理费[^\n。]*。", "", text)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "bad.md").write_text(text, encoding="utf-8")
    return tmp_path


def test_json_lists_sorted_findings_with_contract_fields(reports):
    done = gaolint("check", "--format", "json", ".", cwd=reports)
    assert done.returncode == 1
    findings = json.loads(done.stdout)
    assert findings and {f["path"] for f in findings} == {"sub/bad.md"}
    for finding in findings:
        assert {"path", "line", "column", "end_line", "end_column", "rule", "name", "severity", "message"} <= set(finding)
    keys = [(f["path"], f["line"], f["column"], f["rule"]) for f in findings]
    assert keys == sorted(keys)
    assert {"GAO302", "GAO303", "GAO401"} <= {f["rule"] for f in findings}


def test_sarif_validates_and_meets_code_scanning_rules(reports):
    jsonschema = pytest.importorskip("jsonschema")
    done = gaolint("check", "--format", "sarif", ".", cwd=reports)
    document = json.loads(done.stdout)
    jsonschema.validate(document, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert document["version"] == "2.1.0" and document["$schema"]
    (run,) = document["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "gaolint" and driver["version"]
    ids = [rule["id"] for rule in driver["rules"]]
    for rule in driver["rules"]:
        assert len(rule["shortDescription"]["text"]) <= 1024 and len(rule["fullDescription"]["text"]) <= 1024
        assert rule["help"]["text"] and rule["helpUri"].endswith(f"{rule['id']}.md")
        assert "security-severity" not in json.dumps(rule)
    # No fixed category: it would override the upload action's `category` (--sarif-category sets one).
    assert "automationDetails" not in run
    assert run["invocations"][0]["executionSuccessful"] is True
    assert run["results"]
    for result in run["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == "sub/bad.md"
        assert physical["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert physical["region"]["startLine"] >= 1
        assert result["partialFingerprints"]["primaryLocationLineHash"]


@pytest.mark.slow
def test_sarif_fingerprints_survive_moved_lines(reports):
    before = json.loads(gaolint("check", "--format", "sarif", ".", cwd=reports).stdout)
    bad = reports / "sub" / "bad.md"
    bad.write_text("\n\n前言：本文件为测试插入的一行。\n" + bad.read_text(encoding="utf-8"), encoding="utf-8")
    after = json.loads(gaolint("check", "--format", "sarif", ".", cwd=reports).stdout)

    def prints(document):
        return sorted((r["ruleId"], r["partialFingerprints"]["primaryLocationLineHash"]) for r in document["runs"][0]["results"])

    lines_before = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in before["runs"][0]["results"]]
    lines_after = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after["runs"][0]["results"]]
    assert lines_before != lines_after
    assert prints(before) == prints(after)


def test_github_annotations(reports):
    done = gaolint("check", "--format", "github", ".", cwd=reports)
    lines = done.stdout.splitlines()
    assert len(lines) > 1
    pattern = re.compile(r"^::(error|warning|notice) file=sub/bad\.md,line=\d+,col=\d+(,endColumn=\d+)?,title=GAO\d{3} [a-z-]+::.+$")
    for line in lines[:-1]:
        assert pattern.match(line), line
    # A closing plain line with the totals (GitHub shows only 10 annotations per level per step).
    assert lines[-1].startswith("gaolint: ") and f"{len(lines) - 1} finding(s)" in lines[-1]


def test_text_output_has_position_rule_message_and_code_frame(reports):
    done = gaolint("check", ".", cwd=reports)
    assert done.returncode == 1
    out = done.stdout
    header = re.compile(r"^sub/bad\.md:(\d+):(\d+): (GAO\d{3}) \[(error|warning)\] (.+)$", re.M)
    matches = header.findall(out)
    assert matches and any(rule == "GAO303" for _, _, rule, _, _ in matches)
    assert re.search(r"^\s+\d+ \| .+\n\s+\| +\^+", out, re.M), "a code frame with a marker"
    assert "\x1b[" not in out, "no colour codes when piped"
    assert "共检查 2 个文件" in done.stderr and "1 个文件无问题" in done.stderr


@pytest.mark.slow
def test_english_messages(reports):
    done = gaolint("check", "--lang", "en", "--format", "json", ".", cwd=reports)
    messages = [f["message"] for f in json.loads(done.stdout)]
    # English sentences; Chinese appears only inside quoted labels and glossed terms.
    assert messages and all(re.match(r"[A-Za-z]", m) for m in messages)


@pytest.mark.slow
def test_output_file_and_exit_codes(reports, tmp_path):
    out = reports / "out.json"
    done = gaolint("check", "--format", "json", "--output", str(out), "sub", cwd=reports)
    assert done.returncode == 1 and done.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))
    assert gaolint("check", "clean.txt", cwd=reports).returncode == 0
    assert gaolint("check", "--fail-on", "never", "sub", cwd=reports).returncode == 0
    assert gaolint("check", "--select", "NOPE", "clean.txt", cwd=reports).returncode == 2
    assert gaolint("check", "missing-file.txt", cwd=reports).returncode == 2
    assert gaolint("check", "--bogus", cwd=reports).returncode == 2


def test_version_and_module_entry(reports):
    done = gaolint("--version", cwd=reports)
    assert done.returncode == 0 and re.match(r"gaolint \d+\.\d+", done.stdout)


def test_each_command_parses_alike_from_its_own_parser_and_the_whole_one(capsys):
    """cli._parser(command) builds only the subcommand being run (argparse asks gettext for
    every parser's titles: ~1 ms of each pre-commit run); what it parses and what its help says
    must be what the whole command line's parser gives, and ``gaolint --help`` lists them all."""
    from gaolint.cli import COMMANDS, _parser

    samples = {
        "check": ["check", "--format", "json", "--select", "GAO3", "-q", "--jobs", "2", "a.txt", "b"],
        "rules": ["rules", "--lang", "en"],
        "explain": ["explain", "GAO301"],
        "init": ["init", "--force"],
        "clean": ["clean"],
    }
    assert set(samples) == set(COMMANDS)
    for command, argv in samples.items():
        assert vars(_parser(command).parse_args(argv)) == vars(_parser().parse_args(argv))
        helps = []
        for parser in (_parser(command), _parser()):
            with pytest.raises(SystemExit):
                parser.parse_args([command, "--help"])
            helps.append(capsys.readouterr().out)
        assert helps[0] == helps[1] and command in helps[0]
    whole = _parser().format_help()
    assert all(command in whole for command in COMMANDS)
    assert _parser("--version").format_help() == whole  # not a command: every one is built


#: What RFC 3986 lets a URI reference hold literally (unreserved, sub-delims, ``:@/?#[]``, and
#: ``%`` only as the start of an escape).
URI_REFERENCE = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#\[\]]|%[0-9A-F]{2})*$")


def _sarif_locations(document: dict) -> list[dict]:
    return [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in document["runs"][0]["results"]]


@pytest.mark.slow
def test_sarif_uris_are_percent_encoded_and_decode_to_the_shown_path(reports):
    from urllib.parse import unquote

    awkward = reports / "二〇二五 年报 #1%"
    awkward.mkdir()
    (reports / "sub" / "bad.md").rename(awkward / "县政府 报告.md")
    shown = "二〇二五 年报 #1%/县政府 报告.md"
    text = json.loads(gaolint("check", "--format", "json", ".", cwd=reports).stdout)
    assert {f["path"] for f in text} == {shown}
    document = json.loads(gaolint("check", "--format", "sarif", ".", cwd=reports).stdout)
    locations = _sarif_locations(document)
    assert locations
    for artifact in locations:
        assert URI_REFERENCE.match(artifact["uri"]), artifact["uri"]
        assert unquote(artifact["uri"]) == shown
        assert artifact["uriBaseId"] == "%SRCROOT%"


def test_sarif_uri_of_a_file_outside_the_folder_is_an_absolute_file_uri(reports, tmp_path):
    from urllib.parse import unquote, urlsplit

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    document = json.loads(gaolint("check", "--format", "sarif", str(reports / "sub" / "bad.md"), cwd=elsewhere).stdout)
    for artifact in _sarif_locations(document):
        assert "uriBaseId" not in artifact  # an absolute URI under a base id is contradictory
        parts = urlsplit(artifact["uri"])
        assert parts.scheme == "file" and unquote(parts.path) == str(reports / "sub" / "bad.md")


@pytest.mark.skipif(sys.platform != "linux", reason="file names of arbitrary bytes are a Linux thing")
@pytest.mark.parametrize("output", ["text", "json", "sarif", "github", "gitlab", "html"])
def test_an_undecodable_file_name_is_printed_escaped_in_valid_utf8(reports, output):
    """A GBK file name unpacked on Linux is not UTF-8; every format still prints valid UTF-8
    that parses, naming the file with its bad bytes as \\xNN."""
    name = "年报".encode("gbk") + b".md"
    import os

    os.rename(reports / "sub" / "bad.md", os.path.join(os.fsencode(reports / "sub"), name))
    done = subprocess.run([sys.executable, "-m", "gaolint", "check", "--format", output, "."], cwd=reports,
                          capture_output=True, timeout=120)
    assert done.returncode == 1, done.stderr.decode("utf-8", "replace")[-2000:]
    out = done.stdout.decode("utf-8")  # strict: raises on any byte that is not UTF-8
    shown = "sub/" + name.decode("utf-8", "backslashreplace")  # "sub/\\xc4걨.md": three of the bytes are UTF-8
    assert "\\xc4" in shown
    if output == "sarif":
        from urllib.parse import unquote

        assert {unquote(a["uri"]) for a in _sarif_locations(json.loads(out))} == {shown}
    elif output == "json":
        assert {f["path"] for f in json.loads(out)} == {shown}
    elif output == "gitlab":
        assert {issue["location"]["path"] for issue in json.loads(out)} == {shown}
    else:
        assert shown in out


@pytest.mark.slow
@pytest.mark.parametrize("encoding", ["ascii", "gbk"])
@pytest.mark.parametrize("output", ["text", "json", "sarif"])
def test_a_console_that_cannot_show_chinese_still_gets_every_finding(reports, encoding, output):
    """A C locale or a Windows code page: text degrades to \\uXXXX escapes instead of a
    UnicodeEncodeError, and machine formats are still UTF-8 that parses."""
    import os

    done = subprocess.run([sys.executable, "-m", "gaolint", "check", "--no-cache", "--format", output, "."], cwd=reports,
                          capture_output=True, timeout=120, env=dict(os.environ, PYTHONIOENCODING=encoding))
    stderr = done.stderr.decode(encoding, "replace")
    assert done.returncode == 1 and "Traceback" not in stderr, stderr[-2000:]
    if output == "text":
        out = done.stdout.decode(encoding)
        assert re.search(r"^sub/bad\.md:\d+:\d+: GAO303 \[error\] ", out, re.M)
    else:
        document = json.loads(done.stdout.decode("utf-8"))
        assert document
        assert "表三" in done.stdout.decode("utf-8")


@pytest.mark.parametrize("target", ["folder", "missing/out.sarif", "report-as-folder"])
def test_an_output_that_cannot_be_written_exits_2_before_linting(reports, target):
    (reports / "folder").mkdir()
    (reports / "report-as-folder").write_text("x", encoding="utf-8")
    path = target if target != "report-as-folder" else "report-as-folder/out.sarif"
    done = gaolint("check", "--no-cache", "--format", "sarif", "--output", path, ".", cwd=reports)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "--output" in done.stderr and "共检查" not in done.stderr  # refused before any lint


@pytest.mark.slow
def test_a_table_finding_names_its_table_row_and_column(reports):
    """Not a bare ``0 |``: the place says 表三, the row's label and the column's heading."""
    findings = json.loads(gaolint("check", "--no-cache", "--format", "json", "sub", cwd=reports).stdout)
    places = {f["rule"]: f["place"] for f in findings if f["rule"] in ("GAO302", "GAO303")}
    assert places["GAO303"].startswith("表三 “(七)总计”行 “") and places["GAO303"].endswith("”列")
    assert places["GAO302"].endswith("行 “总计”列")
    english = gaolint("check", "--no-cache", "--lang", "en", "sub", cwd=reports).stdout
    assert "(table 3, row “(七)总计”, column “" in english


def test_places_in_english():
    from gaolint.tableplace import place_text

    assert place_text("第4页 表四 “行政复议”行 “总计”列", "en") == "page 4, table 4, row “行政复议”, column “总计”"
    assert place_text("第2个表格 第30行 第6列", "en") == "table #2, row 30, column 6"
    assert place_text("第3段", "en") == "paragraph 3" and place_text("第3段", "zh") == "第3段"
