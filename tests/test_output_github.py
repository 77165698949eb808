"""``--format github``: the closing line with the totals, since GitHub shows only 10 error and
10 warning annotations per step."""

from __future__ import annotations

from gaolint.model import Finding, Location, Message, Severity
from gaolint.output.context import OutputContext
from gaolint.output.github import render


def findings(count: int, severity: Severity) -> list[Finding]:
    return [Finding("GAO303", "results-total", severity, Message("合计不符", "totals differ"), f"r{i % 3}.txt",
                    Location(i + 1)) for i in range(count)]


def test_closing_line_counts_every_finding_and_says_what_github_does_not_show():
    out = render(findings(25, Severity.ERROR) + findings(4, Severity.WARNING), OutputContext()).splitlines()
    assert sum(1 for line in out if line.startswith("::")) == 29
    last = out[-1]
    assert not last.startswith("::")
    assert "29 finding(s) (25 error, 4 warning, 0 note) in 3 file(s)" in last
    assert "15 more are only in this log" in last and "错误 25" in last


def test_closing_line_without_findings_says_nothing_was_found():
    out = render([], OutputContext(files=4)).splitlines()
    assert out == [out[-1]] and "0 finding(s)" in out[-1]
    assert "only in this log" not in out[-1]
