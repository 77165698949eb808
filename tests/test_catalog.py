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
    code, out, _ = gaolint("explain", "--lang", "en", "GAO303", capsys=capsys)
    assert code == 0
    flat = re.sub(r"\s+", " ", out)
    for words in ("GAO303 results-total", "What it does", "Why is this bad?", "Example", "Use instead", "References", "error"):
        assert words in flat, words
    assert "**" not in out  # rendered, not raw Markdown
    assert "说明" not in out  # English only when asked


def test_explain_is_chinese_first_by_default_with_the_english_kept(capsys):
    code, out, _ = gaolint("explain", "GAO303", capsys=capsys)
    assert code == 0
    flat = re.sub(r"\s+", " ", out)
    for words in ("GAO303 办理结果合计错误 / results-total", "说明", "如何处理", "错误 error", "What it does", "Use instead"):
        assert words in flat, words
    assert flat.index("说明") < flat.index("What it does")


def test_rules_in_chinese_by_default_and_english_on_request(capsys):
    _, zh_out, _ = gaolint("rules", capsys=capsys)
    _, en_out, _ = gaolint("rules", "--lang", "en", capsys=capsys)
    assert "缺少收费说明" in zh_out and "没有说明是否收取信息处理费" in zh_out
    assert "缺少收费说明" not in en_out and "missing-fee-statement" in en_out


#: The rules of this branch; each has a Chinese name, summary and explanation.
TRANSLATED = [f"GAO{n:03d}" for n in (0, 1, 2, 3, 10, 101, 102, 103, 104, 105, 106, 107, 108, 201, 202, 203, 204,
                                      301, 302, 303, 304, 305, 401, 402, 501, 502, 601, 602)]


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_rule_has_chinese_texts(code):
    from gaolint.catalog import zh

    if code not in RULES:
        pytest.skip(f"{code} is not registered")
    name, summary, explanation = zh(code)
    assert re.search(r"[\u4e00-\u9fff]", name + summary + explanation)
    info = {i.code: i for i in rule_infos("zh")}[code]
    assert info.summary.startswith(f"{name}：{summary} / ") and info.name == RULES[code].name


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
    page = rule_page(info, "en")
    assert page.startswith(f"# {info.code} {info.name}\n")
    headings = re.findall(r"^## (.+)$", page, re.M)
    assert headings[:5] == ["What it does", "Why is this bad?", "Example", "Use instead", "References"]
    assert f"**{info.severity}**" in page
