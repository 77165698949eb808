"""A PDF table drawn without ruled lines reaches the parser as running text. When its numbers
come out beside the wrong labels, gaolint says so once (GAO003) instead of raising a wall of
row and sum errors it cannot stand behind; when they line up, the table is checked as usual."""

from __future__ import annotations

import re

from gaolint.checks import RULES, Context
from gaolint.formats import get_format
from gaolint.normalise import normalise
from gaolint.parse import parse
from gaolint.read.base import Extracted, SourceLine
from tests.builder import build_document, render_text, sample_spec

_NUMBERS = re.compile(r"^(.*?[^\d\s])((?:\s+\d+)+)$")


def _unruled(misalign: bool) -> list[str]:
    """The pipe shape with its pipes removed, as a PDF text layer prints an unruled table;
    with ``misalign`` every second row's numbers are printed on the line above its label."""
    lines = [re.sub(r"\s*\|\s*", " ", line).strip() for line in render_text(build_document(sample_spec(6)), "pipe").splitlines()]
    if misalign:
        out: list[str] = []
        for index, line in enumerate(lines):
            match = _NUMBERS.match(line)
            if match and "、" not in line[:3] and index % 2:
                out.extend([match.group(2).strip(), match.group(1)])
            else:
                out.append(line)
        lines = out
    return lines


def _findings(lines: list[str]):
    extracted = Extracted([SourceLine(t, i + 1) for i, t in enumerate(lines)], "pdf", layout="positioned")
    normalised, damage, _ = normalise(extracted)
    report = parse("r.pdf", "pdf", normalised, extracted.layout)
    report.damage[:0] = damage
    context = Context(report, get_format(report.format_version))
    return report, [f for cls in RULES.values() if cls.scope == "file" for f in cls().check(context)]


def test_misaligned_text_layer_table_is_reported_once_not_checked():
    report, findings = _findings(_unruled(misalign=True))
    assert "table3" in report.unreadable_tables
    rules = {f.rule for f in findings}
    assert "GAO003" in rules
    assert not rules & {"GAO103", "GAO104", "GAO105", "GAO106", "GAO301", "GAO302", "GAO303"}
    damaged = [f for f in findings if f.rule == "GAO003"]
    assert any("表格无法可靠读取" in f.message.zh for f in damaged)


def test_aligned_text_layer_table_is_checked():
    report, findings = _findings(_unruled(misalign=False))
    assert report.unreadable_tables == [] and "table3" in report.tables
    assert len(report.tables["table3"].rows["new"].cells) == 7
    assert not [f for f in findings if f.severity.value == "error"]
