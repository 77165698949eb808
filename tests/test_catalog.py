"""``gaolint rules`` and ``gaolint explain``: the catalog as a person reads it."""

from __future__ import annotations

import re

import pytest

from gaolint.catalog import FAMILIES, family, rule_infos, rule_page
from gaolint.checks import RULES
from tests.test_config import gaolint


def test_rules_lists_every_id_once_per_line(capsys):
    code, out, _ = gaolint("rules", capsys=capsys)
    assert code == 0
    for rule_code, cls in RULES.items():
        lines = [line for line in out.splitlines() if re.search(rf"\b{rule_code}\b", line)]
        assert len(lines) == 1, rule_code
        assert cls.name in lines[0] and cls.severity.value in lines[0]
    assert "\x1b[" not in out  # no colour codes when piped


def test_explain_prints_the_rule_page(capsys):
    code, out, _ = gaolint("explain", "GAO303", capsys=capsys)
    assert code == 0
    flat = re.sub(r"\s+", " ", out)
    for words in ("GAO303 results-total", "What it does", "Why is this bad?", "Example", "Use instead", "References", "error"):
        assert words in flat, words
    assert "**" not in out  # rendered, not raw Markdown


def test_explain_accepts_lowercase_ids_and_names(capsys):
    first = gaolint("explain", "gao401", capsys=capsys)
    second = gaolint("explain", "missing-fee-statement", capsys=capsys)
    assert first[0] == second[0] == 0 and first[1] == second[1]


def test_explain_unknown_rule_exits_2_with_a_suggestion(capsys):
    code, out, err = gaolint("explain", "GAO3O3", capsys=capsys)
    assert code == 2 and out == "" and "GAO303" in err


def test_every_rule_belongs_to_a_family():
    for rule_code in RULES:
        assert rule_code[:4] in FAMILIES, rule_code
    assert family("GAO303")[0] == "GAO3"


@pytest.mark.parametrize("info", rule_infos(), ids=lambda i: i.code)
def test_rule_page_shape(info):
    page = rule_page(info)
    assert page.startswith(f"# {info.code} {info.name}\n")
    headings = re.findall(r"^## (.+)$", page, re.M)
    assert headings[:5] == ["What it does", "Why is this bad?", "Example", "Use instead", "References"]
    assert f"**{info.severity}**" in page
