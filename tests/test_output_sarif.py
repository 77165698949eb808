"""SARIF at code scanning's scale: the documented limits, what was cut, crashes as notifications,
the category, plain-text help, rule texts in the chosen language."""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

import pytest

from gaolint.catalog import rule_infos
from gaolint.model import Finding, Location, Message, Severity
from gaolint.output.context import OutputContext
from gaolint.output.sarif import MAX_RESULTS, plain_text, render

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
SEVERITY = {"error": Severity.ERROR, "warning": Severity.WARNING, "note": Severity.NOTE}
RULE_OF = {"error": "GAO303", "warning": "GAO102", "note": "GAO701"}


def synthetic(count: int, severity: str, start: int = 0) -> list[Finding]:
    """``count`` findings of one severity, spread over report files of 100 findings each."""
    rule = RULE_OF[severity]
    return [
        Finding(rule, "synthetic", SEVERITY[severity], Message(f"第{i}号问题", f"problem {i}"),
                f"reports/r{i // 100:04d}.txt", Location(i % 100 + 1, 1, 3), f"第{i}行的文字")
        for i in range(start, start + count)
    ]


def context(lang: str = "zh") -> OutputContext:
    return OutputContext(lang=lang, catalog=rule_infos(lang) if lang else rule_infos())


@pytest.fixture(scope="module")
def big():
    """32,000 findings: 3,000 errors placed last in path order, 20,000 warnings, 9,000 notes."""
    findings = synthetic(20_000, "warning") + synthetic(9_000, "note", 20_000) + synthetic(3_000, "error", 29_000)
    started = time.perf_counter()
    import io
    import sys

    saved, sys.stderr = sys.stderr, io.StringIO()
    try:
        text = render(findings, context())
        stderr = sys.stderr.getvalue()
    finally:
        sys.stderr = saved
    return findings, text, stderr, time.perf_counter() - started


@pytest.mark.slow
def test_more_findings_than_code_scanning_accepts_keep_every_error_and_say_what_was_cut(big):
    findings, text, stderr, seconds = big
    (run,) = json.loads(text)["runs"]
    results = run["results"]
    assert len(results) == MAX_RESULTS == 25_000
    levels = [r["level"] for r in results]
    assert levels.count("error") == 3_000 and levels.count("warning") == 20_000 and levels.count("note") == 2_000
    assert len(gzip.compress(text.encode("utf-8"))) < 10 * 1024 * 1024
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is True
    (note,) = [n for n in invocation["toolExecutionNotifications"] if n["descriptor"]["id"] == "results-cut"]
    assert note["level"] == "warning"
    assert "32000" in note["message"]["text"] and "7000" in note["message"]["text"]
    assert "0 error, 0 warning, 7000 note" in note["message"]["text"]
    assert "7000" in stderr and "25000" in stderr
    assert seconds < 60


def test_the_cut_log_validates_against_the_schema(big):
    jsonschema = pytest.importorskip("jsonschema")
    _, text, _, _ = big
    document = json.loads(text)
    document["runs"][0]["results"] = document["runs"][0]["results"][:: 250]  # a sample: the schema walk is slow
    jsonschema.validate(document, json.loads(SCHEMA.read_text(encoding="utf-8")))


@pytest.mark.slow
def test_fingerprints_do_not_depend_on_what_was_cut(big):
    findings, text, _, _ = big
    full = json.loads(render(findings[-3_000:], context()))
    small = {(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["partialFingerprints"]["primaryLocationLineHash"])
             for r in full["runs"][0]["results"]}
    large = {(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["partialFingerprints"]["primaryLocationLineHash"])
             for r in json.loads(text)["runs"][0]["results"] if r["level"] == "error"}
    assert small == large


@pytest.mark.slow
def test_a_compressed_log_over_the_size_limit_is_cut_further(capsys):
    findings = synthetic(8_000, "warning")
    whole = len(gzip.compress(render(findings, context()).encode("utf-8")))
    capsys.readouterr()
    limit = whole * 2 // 3
    text = render(findings, context(), max_bytes=limit)
    (run,) = json.loads(text)["runs"]
    assert 1_000 <= len(run["results"]) < 8_000
    assert len(gzip.compress(text.encode("utf-8"))) <= limit
    assert "10 MB" in capsys.readouterr().err


def test_under_the_limit_nothing_is_cut_or_said(capsys):
    text = render(synthetic(50, "warning"), context())
    (run,) = json.loads(text)["runs"]
    assert len(run["results"]) == 50
    assert run["invocations"][0]["toolExecutionNotifications"] == []
    assert capsys.readouterr().err == ""


def test_an_internal_error_is_a_tool_notification_and_an_unsuccessful_run():
    crash = Finding("GAO000", "internal-error", Severity.ERROR, Message("规则 GAO303 出错", "rule GAO303 crashed"),
                    "a.txt", Location(1))
    document = json.loads(render([crash] + synthetic(2, "warning"), context("en")))
    (run,) = document["runs"]
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and note["associatedRule"]["id"] == "GAO000"
    assert "rule GAO303 crashed" in note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "a.txt"
    assert any(r["ruleId"] == "GAO000" for r in run["results"])  # still a result too
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(document, json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_category_only_when_asked():
    assert "automationDetails" not in json.loads(render([], context()))["runs"][0]
    asked = context()
    asked.category = "gaolint/reports"
    document = json.loads(render(synthetic(3, "note"), asked))
    run = document["runs"][0]
    assert run["automationDetails"] == {"id": "gaolint/reports/"}
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(document, json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_help_text_is_plain_and_markdown_stays_in_help_markdown():
    rules = json.loads(render([], context("en")))["runs"][0]["tool"]["driver"]["rules"]
    assert rules
    for rule in rules:
        text = rule["help"]["text"]
        assert "**" not in text and "`" not in text and "\n#" not in text, rule["id"]
        assert "**" in rule["help"]["markdown"]
        assert "**" not in rule["shortDescription"]["text"] and "**" not in rule["fullDescription"]["text"]


def test_plain_text_keeps_link_addresses_and_drops_marks():
    assert plain_text("## 为什么\n**粗体** 和 `代码`，见 [条例](https://example.org)\n```\nx\n```") == \
        "为什么\n粗体 和 代码，见 条例 (https://example.org)\nx"


@pytest.mark.slow
def test_sarif_category_option(tmp_path):
    import subprocess
    import sys

    (tmp_path / "note.txt").write_text("关于做好政务公开工作的通知\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "gaolint", "check", "--no-cache", "--format", "sarif",
                           "--sarif-category", "reports-2024", "note.txt"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    (run,) = json.loads(done.stdout)["runs"]
    assert run["automationDetails"] == {"id": "reports-2024/"}
    assert run["invocations"][0]["executionSuccessful"] is True
    # Rule texts in the chosen language (zh by default): Chinese first, English kept.
    (rule,) = [r for r in run["tool"]["driver"]["rules"] if r["id"] == "GAO401"]
    short = rule["shortDescription"]["text"]
    assert "缺少收费说明" in short and "fees were charged" in short
    assert short.index("缺少收费说明") < short.index("fees were charged")
