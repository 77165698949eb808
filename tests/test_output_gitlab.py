"""``--format gitlab``: GitLab Code Quality JSON."""

from __future__ import annotations

import json

from gaolint.model import Finding, Location, Message, Severity
from gaolint.output.context import OutputContext
from gaolint.output.gitlab import render
from tests.test_config import BAD_TOTAL_MD, NO_FEE_MD, gaolint, project  # noqa: F401

SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def _finding(rule="GAO303", severity=Severity.ERROR, line=324, text="| 6 |", place="", path="reports/a.txt"):
    return Finding(
        rule, "results-total", severity,
        Message("三（七）总计“其他”列为 6，但各办理结果之和为 5（差 1）", "table 3 (七) total of 其他 is 6; results add up to 5"),
        path, Location(line, 1, 2, place), text,
    )


def test_snapshot():
    out = render([_finding()], OutputContext())
    assert out == """[
  {
    "type": "issue",
    "description": "GAO303 三（七）总计“其他”列为 6，但各办理结果之和为 5（差 1）",
    "check_name": "GAO303",
    "fingerprint": "%s:1",
    "severity": "major",
    "location": {
      "path": "reports/a.txt",
      "lines": {
        "begin": 324
      }
    }
  }
]
""" % json.loads(out)[0]["fingerprint"].split(":")[0]


def test_fields_severities_and_places():
    findings = [
        _finding(severity=Severity.WARNING, line=3),
        _finding(rule="GAO401", severity=Severity.NOTE, line=1, place="表三 第5行 第2列"),
        _finding(line=0),
    ]
    issues = json.loads(render(findings, OutputContext(lang="en")))
    assert [i["severity"] for i in issues] == ["major", "info", "minor"]
    assert all(set(i["severity"]) and i["severity"] in SEVERITIES for i in issues)
    assert issues[0]["location"]["lines"]["begin"] == 1  # GitLab needs a 1-based line
    assert issues[1]["description"].endswith("(表三 第5行 第2列)")
    assert all(i["description"].startswith(i["check_name"] + " ") for i in issues)


def test_fingerprints_are_unique_and_survive_moved_lines():
    twins = [_finding(line=10), _finding(line=20)]
    first = [i["fingerprint"] for i in json.loads(render(twins, OutputContext()))]
    assert len(set(first)) == 2
    moved = [_finding(line=15), _finding(line=25)]
    assert [i["fingerprint"] for i in json.loads(render(moved, OutputContext()))] == first
    assert json.loads(render([], OutputContext())) == []


def test_command_line(project, capsys):
    (project / "fees.md").write_text(NO_FEE_MD, encoding="utf-8")
    (project / "totals.md").write_text(BAD_TOTAL_MD, encoding="utf-8")
    code, out, _ = gaolint("check", "--format", "gitlab", ".", capsys=capsys)
    assert code == 1
    issues = json.loads(out)
    assert sorted(i["check_name"] for i in issues) == ["GAO303", "GAO303", "GAO401"]
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in SEVERITIES
        assert issue["location"]["path"] in ("fees.md", "totals.md")
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["lines"]["begin"] >= 1
    assert len({i["fingerprint"] for i in issues}) == 3
    code, _, _ = gaolint("check", "--format", "gitlab", "--output", "gl.json", ".", capsys=capsys)
    assert code == 1 and json.loads((project / "gl.json").read_text(encoding="utf-8")) == issues
