"""Configuration as a new user meets it: .gaolint.yaml, [tool.gaolint], command-line options on
top, errors that name the key, file and line; ``gaolint init``; ``--jobs`` not changing output.

The small report texts here are shared by the other tests of configuration, suppressions,
baselines and outputs (imported from this module)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from gaolint.cli import main

# A minimal, clean cn-2021 report of a county department, in Markdown.
CLEAN_MD = """\
# 青禾县农业农村局2024年政府信息公开工作年度报告

本报告依据《中华人民共和国政府信息公开条例》编写，所列数据的统计期限为2024年1月1日至2024年12月31日。对本报告如有疑问，请联系青禾县农业农村局办公室（地址：青禾县文昌路18号，邮编：336500，电话：0795-6012345）。

## 一、总体情况

2024年，本局围绕乡村振兴重点工作推进政务公开，及时发布惠农补贴、动物防疫和农机购置补贴等信息，全年主动公开政府信息312条。依申请公开方面，全年新收申请4件，上年结转1件，办结4件，结转2025年度1件。本局将政务公开纳入年度绩效考核，开展社会评议，未发生责任追究情况。

## 二、主动公开政府信息情况

| 第二十条第(一)项 |  |  |  |
|---|---|---|---|
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
| 规章 | 0 | 0 | 0 |
| 行政规范性文件 | 2 | 1 | 9 |
| 第二十条第(五)项 |  |  |  |
| 信息内容 | 本年处理决定数量 |  |  |
| 行政许可 | 57 |  |  |
| 第二十条第(六)项 |  |  |  |
| 信息内容 | 本年处理决定数量 |  |  |
| 行政处罚 | 12 |  |  |
| 行政强制 | 0 |  |  |
| 第二十条第(八)项 |  |  |  |
| 信息内容 | 本年收费金额(单位:万元) |  |  |
| 行政事业性收费 | 0 |  |  |

## 三、收到和处理政府信息公开申请情况

| (本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) |  |  | 申请人情况 |  |  |  |  |  |  |
|---|---|---|---|---|---|---|---|---|---|
|  |  |  | 自然人 | 法人或其他组织 |  |  |  |  | 总计 |
|  |  |  |  | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |  |
| 一、本年新收政府信息公开申请数量 |  |  | 3 | 1 | 0 | 0 | 0 | 0 | 4 |
| 二、上年结转政府信息公开申请数量 |  |  | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
| 三、本年度办理结果 | (一)予以公开 |  | 2 | 1 | 0 | 0 | 0 | 0 | 3 |
|  | (二)部分公开(区分处理的,只计这一情形,不计其他情形) |  | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
|  | (三)不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|  |  | 2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|  |  | 3.危及“三安全一稳定” | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|  |  | 4.保护第三方合法权益 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|  |  | 5.属于三类内部事务信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|  |  | 6.属于四类过程性信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|  |  | 7.属于行政执法案卷 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|  |  | 8.属于行政查询事项 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|  | (四)无法提供 | 1.本机关不掌握相关政府信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|  |  | 2.没有现成信息需要另行制作 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|  |  | 3.补正后申请内容仍不明确 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|  | (五)不予处理 | 1.信访举报投诉类申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|  |  | 2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|  |  | 3.要求提供公开出版物 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|  |  | 4.无正当理由大量反复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|  |  | 5.要求行政机关确认或重新出具已获取信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|  | (六)其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|  |  | 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|  |  | 3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
|  | (七)总计 |  | 3 | 1 | 0 | 0 | 0 | 0 | 4 |
| 四、结转下年度继续办理 |  |  | 1 | 0 | 0 | 0 | 0 | 0 | 1 |

## 四、政府信息公开行政复议、行政诉讼情况

| 行政复议 |  |  |  |  | 行政诉讼 |  |  |  |  |  |  |  |  |  |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
|  |  |  |  |  | 未经复议直接起诉 |  |  |  |  | 复议后起诉 |  |  |  |  |
| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
| 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |

## 五、存在的主要问题及改进情况

一是部分栏目更新不够及时；二是政策解读形式较为单一。下一步，本局将建立栏目更新台账，定期检查，并增加图解、视频等解读形式。

## 六、其他需要报告的事项

本年度未收取信息处理费。

青禾县农业农村局

2025年1月20日
"""

FEE_SENTENCE = "本年度未收取信息处理费。"
#: The same report without its fee statement: exactly one finding, GAO401, at the 六 heading.
NO_FEE_MD = CLEAN_MD.replace(FEE_SENTENCE, "本局无其他需要报告的事项。")
SECTION_SIX = "## 六、其他需要报告的事项"
#: The same report with one result row changed: GAO303 twice on the （七）总计 line.
RESULTS_ROW = "| 三、本年度办理结果 | (一)予以公开 |  | 2 | 1 | 0 | 0 | 0 | 0 | 3 |"
TOTAL_ROW = "|  | (七)总计 |  | 3 | 1 | 0 | 0 | 0 | 0 | 4 |"
BAD_TOTAL_MD = CLEAN_MD.replace(RESULTS_ROW, "| 三、本年度办理结果 | (一)予以公开 |  | 3 | 1 | 0 | 0 | 0 | 0 | 4 |")
PERIOD = "统计期限为2024年1月1日至2024年12月31日"
WRONG_PERIOD = "统计期限为2024年1月1日至2024年6月30日"

assert NO_FEE_MD != CLEAN_MD and BAD_TOTAL_MD != CLEAN_MD


def gaolint(*argv: str, capsys=None) -> tuple[int, str, str]:
    """Run the command line in-process: (exit code, stdout, stderr)."""
    if capsys is not None:
        capsys.readouterr()
    code = main(list(argv))
    if capsys is None:
        return code, "", ""
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def findings_of(out: str) -> list[dict]:
    return json.loads(out)


def rules_in(out: str) -> list[str]:
    return sorted(f["rule"] for f in findings_of(out))


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    """An empty repository folder, made the current folder."""
    root = tmp_path / "repo"
    root.mkdir()
    monkeypatch.chdir(root)
    return root


# --------------------------------------------------------------------------------------------
# The report texts themselves.


def test_report_texts_behave_as_described(project, capsys):
    (project / "clean.md").write_text(CLEAN_MD, encoding="utf-8")
    (project / "nofee.md").write_text(NO_FEE_MD, encoding="utf-8")
    (project / "total.md").write_text(BAD_TOTAL_MD, encoding="utf-8")
    assert gaolint("check", "--format", "json", "clean.md", capsys=capsys)[:2] == (0, "[]\n")
    code, out, _ = gaolint("check", "--format", "json", "nofee.md", capsys=capsys)
    assert code == 1 and rules_in(out) == ["GAO401"]
    code, out, _ = gaolint("check", "--format", "json", "total.md", capsys=capsys)
    assert code == 1 and rules_in(out) == ["GAO303", "GAO303"]


# --------------------------------------------------------------------------------------------
# Finding the file, and what it switches off.


def test_gaolint_yaml_ignores_a_rule(project, capsys):
    (project / "nofee.md").write_text(NO_FEE_MD, encoding="utf-8")
    (project / ".gaolint.yaml").write_text("ignore: [GAO401]\n", encoding="utf-8")
    code, out, _ = gaolint("check", "--format", "json", "nofee.md", capsys=capsys)
    assert (code, findings_of(out)) == (0, [])


def test_pyproject_table_with_a_prefix(project, capsys):
    (project / "nofee.md").write_text(NO_FEE_MD, encoding="utf-8")
    (project / "pyproject.toml").write_text(
        '[project]\nname = "reports"\n\n[tool.gaolint]\nignore = ["GAO4"]\n', encoding="utf-8"
    )
    code, out, _ = gaolint("check", "--format", "json", "nofee.md", capsys=capsys)
    assert (code, findings_of(out)) == (0, [])


def test_config_is_found_from_a_subfolder_and_globs_stay_relative_to_it(project, monkeypatch, capsys):
    reports = project / "reports" / "2024"
    reports.mkdir(parents=True)
    (reports / "nofee.md").write_text(NO_FEE_MD, encoding="utf-8")
    (reports / "other.md").write_text(NO_FEE_MD, encoding="utf-8")
    (project / ".gaolint.yaml").write_text(
        'per-file-ignores:\n  "reports/2024/nofee.md": [GAO401]\n', encoding="utf-8"
    )
    monkeypatch.chdir(reports)
    code, out, _ = gaolint("check", "--format", "json", ".", capsys=capsys)
    assert code == 1
    assert [(f["path"], f["rule"]) for f in findings_of(out)] == [("other.md", "GAO401")]


def test_pyproject_without_a_table_is_passed_over(project, monkeypatch, capsys):
    (project / ".gaolint.yaml").write_text("ignore: [GAO401]\n", encoding="utf-8")
    sub = project / "sub"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (sub / "nofee.md").write_text(NO_FEE_MD, encoding="utf-8")
    monkeypatch.chdir(sub)
    assert gaolint("check", "--format", "json", "nofee.md", capsys=capsys)[:2] == (0, "[]\n")


def test_explicit_config_overrides_the_search(project, capsys):
    (project / "nofee.md").write_text(NO_FEE_MD, encoding="utf-8")
    (project / ".gaolint.yaml").write_text("ignore: [GAO401]\n", encoding="utf-8")
    (project / "strict.yaml").write_text("fail-on: warning\n", encoding="utf-8")
    code, out, _ = gaolint("check", "--config", "strict.yaml", "--format", "json", "nofee.md", capsys=capsys)
    assert code == 1 and rules_in(out) == ["GAO401"]


def test_command_line_overrides_the_file(project, capsys):
    (project / "nofee.md").write_text(NO_FEE_MD, encoding="utf-8")
    (project / ".gaolint.yaml").write_text(
        "ignore: [GAO401]\nfail-on: never\nlang: en\n", encoding="utf-8"
    )
    # --ignore replaces the file's list, so GAO401 runs again; --fail-on and --lang win too.
    code, out, _ = gaolint("check", "--ignore", "GAO5", "--fail-on", "error", "--lang", "zh",
                           "--format", "json", "nofee.md", capsys=capsys)
    assert code == 1
    (finding,) = findings_of(out)
    assert finding["rule"] == "GAO401" and "信息处理费" in finding["message"]
    code, out, _ = gaolint("check", "--format", "json", "nofee.md", "--select", "GAO4", capsys=capsys)
    assert code == 0 and findings_of(out) == []  # the file's ignore and fail-on: never still hold


def test_severity_most_specific_wins_and_fail_on(project, capsys):
    (project / "nofee.md").write_text(NO_FEE_MD, encoding="utf-8")
    (project / ".gaolint.yaml").write_text(
        "severity:\n  GAO4: warning\n  GAO401: note\n", encoding="utf-8"
    )
    code, out, _ = gaolint("check", "--format", "json", "nofee.md", capsys=capsys)
    assert code == 0 and [f["severity"] for f in findings_of(out)] == ["note"]
    code, _, _ = gaolint("check", "--format", "json", "--fail-on", "note", "nofee.md", capsys=capsys)
    assert code == 1


def test_deadlines_and_agencies(project, capsys):
    # Signed 2025-01-20: late against a department deadline of 01-10, in time for a government.
    (project / "clean.md").write_text(CLEAN_MD, encoding="utf-8")
    (project / ".gaolint.yaml").write_text('deadlines:\n  department: "01-10"\n', encoding="utf-8")
    code, out, _ = gaolint("check", "--format", "json", "clean.md", capsys=capsys)
    assert rules_in(out) == ["GAO204"]
    (project / ".gaolint.yaml").write_text(
        'deadlines:\n  department: "01-10"\n  government: "03-31"\n'
        'agencies:\n  "*.md":\n    kind: government\n    name: 青禾县人民政府\n',
        encoding="utf-8",
    )
    code, out, _ = gaolint("check", "--format", "json", "clean.md", capsys=capsys)
    assert (code, findings_of(out)) == (0, [])


# --------------------------------------------------------------------------------------------
# Mistakes: exit 2, naming the key, the file and the line.


def test_select_nope_exits_2(project, capsys):
    (project / "clean.md").write_text(CLEAN_MD, encoding="utf-8")
    code, out, err = gaolint("check", "--select", "NOPE", "clean.md", capsys=capsys)
    assert code == 2 and out == ""
    assert "NOPE" in err


def test_unknown_key_exits_2_naming_key_file_and_line(project, capsys):
    (project / "clean.md").write_text(CLEAN_MD, encoding="utf-8")
    (project / ".gaolint.yaml").write_text("# reports\nignore: [GAO5]\nselct: [GAO1]\n", encoding="utf-8")
    code, out, err = gaolint("check", "clean.md", capsys=capsys)
    assert code == 2 and out == ""
    assert ".gaolint.yaml:3" in err and "selct" in err and "select" in err


def test_unknown_key_in_pyproject_names_the_line(project, capsys):
    (project / "clean.md").write_text(CLEAN_MD, encoding="utf-8")
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.gaolint]\nignore = ["GAO5"]\nfail_on = "warning"\n', encoding="utf-8"
    )
    code, _, err = gaolint("check", "clean.md", capsys=capsys)
    assert code == 2 and "pyproject.toml:6" in err and "fail_on" in err and "fail-on" in err


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("select:\n  - GAO1\n  - GAO9\n", 3, ["select", "GAO9"]),
        ("ignore: GAO1, GAO3O3\n", 1, ["ignore", "GAO3O3", "GAO303"]),
        ("severity:\n  GAO5: warn\n", 2, ["severity.GAO5", "warn"]),
        ("severity:\n  GAO7: note\n", 2, ["severity.GAO7", "GAO7"]),
        ("fail-on: sometimes\n", 1, ["fail-on", "sometimes"]),
        ("lang: fr\n", 1, ["lang", "fr"]),
        ("per-file-ignores:\n  '*.pdf': [GAO99]\n", 2, ["per-file-ignores", "GAO99"]),
        ("per-file-ignores: [GAO1]\n", 1, ["per-file-ignores", "mapping"]),
        ('deadlines:\n  department: "02-30"\n', 2, ["deadlines.department", "02-30"]),
        ('deadlines:\n  county: "01-31"\n', 2, ["deadlines.county", "county"]),
        ("agencies:\n  '*.md':\n    name: 某局\n    kind: bureau\n", 4, ["agencies.*.md.kind", "bureau"]),
        ("agencies:\n  '*.md':\n    year: 24\n", 3, ["agencies.*.md.year", "24"]),
        ("agencies:\n  '*.md':\n    nmae: 某局\n", 3, ["nmae", "name"]),
        ("ignore: [GAO1\n", 2, ["YAML"]),
        ("- GAO1\n", 1, ["mapping"]),
    ],
)
def test_bad_values_exit_2_naming_key_file_and_line(project, capsys, text, line, words):
    (project / "clean.md").write_text(CLEAN_MD, encoding="utf-8")
    (project / ".gaolint.yaml").write_text(text, encoding="utf-8")
    code, out, err = gaolint("check", "clean.md", capsys=capsys)
    assert code == 2 and out == ""
    assert f".gaolint.yaml:{line}:" in err, err
    for word in words:
        assert word in err, err


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('[tool.gaolint]\nselect = ["GAO1", "NOPE"]\n', 2, ["select", "NOPE"]),
        ('[tool.gaolint]\nignore = []\n\n[tool.gaolint.severity]\nGAO3 = "fatal"\n', 5, ["severity.GAO3", "fatal"]),
        ('[tool.gaolint.agencies."a/*.md"]\nname = "某局"\nkind = "bureau"\n', 3, ["kind", "bureau"]),
        ('[tool.gaolint]\nfail-on = [1\n', 2, ["TOML"]),
    ],
)
def test_bad_pyproject_values(project, capsys, text, line, words):
    (project / "clean.md").write_text(CLEAN_MD, encoding="utf-8")
    (project / "pyproject.toml").write_text(text, encoding="utf-8")
    code, _, err = gaolint("check", "clean.md", capsys=capsys)
    assert code == 2
    assert f"pyproject.toml:{line}" in err or "TOML" in words, err
    for word in words:
        assert word in err, err


def test_missing_or_tableless_explicit_config_exits_2(project, capsys):
    (project / "clean.md").write_text(CLEAN_MD, encoding="utf-8")
    assert gaolint("check", "--config", "nowhere.yaml", "clean.md", capsys=capsys)[0] == 2
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    code, _, err = gaolint("check", "--config", "pyproject.toml", "clean.md", capsys=capsys)
    assert code == 2 and "tool.gaolint" in err


def test_empty_and_all_commented_files_are_fine(project, capsys):
    (project / "nofee.md").write_text(NO_FEE_MD, encoding="utf-8")
    (project / ".gaolint.yaml").write_text("# nothing yet\nseverity:\n  # GAO5: note\n", encoding="utf-8")
    assert gaolint("check", "--format", "json", "nofee.md", capsys=capsys)[0] == 1


def test_comma_separated_strings_and_lowercase_ids(project, capsys):
    (project / "nofee.md").write_text(NO_FEE_MD, encoding="utf-8")
    (project / ".gaolint.yaml").write_text("ignore: gao5, gao401\n", encoding="utf-8")
    assert gaolint("check", "--format", "json", "nofee.md", capsys=capsys)[:2] == (0, "[]\n")


# --------------------------------------------------------------------------------------------
# gaolint init


def test_init_writes_a_working_commented_file_and_refuses_to_overwrite(project, capsys):
    assert gaolint("init", capsys=capsys)[0] == 0
    written = (project / ".gaolint.yaml").read_text(encoding="utf-8")
    assert written.count("#") > 10
    for key in ("select", "ignore", "severity", "per-file-ignores", "fail-on", "lang", "deadlines", "agencies"):
        assert key in written
    (project / "clean.md").write_text(CLEAN_MD, encoding="utf-8")
    (project / "nofee.md").write_text(NO_FEE_MD, encoding="utf-8")
    assert gaolint("check", "--format", "json", "clean.md", capsys=capsys)[:2] == (0, "[]\n")
    assert gaolint("check", "--format", "json", "nofee.md", capsys=capsys)[0] == 1

    (project / ".gaolint.yaml").write_text("ignore: [GAO401]\n", encoding="utf-8")
    code, _, err = gaolint("init", capsys=capsys)
    assert code == 2 and "--force" in err
    assert (project / ".gaolint.yaml").read_text(encoding="utf-8") == "ignore: [GAO401]\n"
    assert gaolint("init", "--force", capsys=capsys)[0] == 0
    assert (project / ".gaolint.yaml").read_text(encoding="utf-8") == written


def test_init_template_uncommented_examples_are_valid(project):
    """Every commented example in the template is valid once uncommented."""
    from gaolint.config import INIT_TEMPLATE, parse_options, _YamlSource
    from ruamel.yaml import YAML

    example = re.compile(r"^(\s*)# (\s*(?:[a-z\"-]|GAO)[^\u4e00-\u9fff:]*:.*)$")
    text = "\n".join(example.sub(r"\1\2", line) for line in INIT_TEMPLATE.splitlines()) + "\n"
    data = YAML(typ="rt").load(text)
    options = parse_options(data, _YamlSource(".gaolint.yaml", data))
    assert options.select and options.deadlines and options.agencies and options.per_file_ignores


# --------------------------------------------------------------------------------------------
# Parallel runs print exactly what serial runs print.


def test_jobs_2_output_equals_jobs_1(project, capsys):
    texts = [CLEAN_MD, NO_FEE_MD, BAD_TOTAL_MD, NO_FEE_MD.replace(PERIOD, WRONG_PERIOD)]
    for number in range(12):
        (project / f"report-{number:02d}.md").write_text(texts[number % len(texts)], encoding="utf-8")
    (project / ".gaolint.yaml").write_text(
        "severity:\n  GAO303: warning\nper-file-ignores:\n  report-03.md: [GAO202]\n", encoding="utf-8"
    )
    outputs = {}
    for jobs in ("1", "2"):
        for fmt in ("json", "text", "sarif"):
            code, out, _ = gaolint("check", "--jobs", jobs, "--no-progress", "--format", fmt, ".", capsys=capsys)
            outputs[jobs, fmt] = (code, out)
    for fmt in ("json", "text", "sarif"):
        assert outputs["1", fmt] == outputs["2", fmt]
    assert len(findings_of(outputs["1", "json"][1])) > 6


def test_relocate_glob_forms(tmp_path):
    from gaolint.config import relocate_glob

    base = str(tmp_path)
    assert relocate_glob("*.pdf", base, base) == ["*.pdf", "*/*.pdf"]
    assert relocate_glob("./reports/", base, base) == ["reports/*"]
    assert relocate_glob("**/old/*.txt", base, base) == ["**/old/*.txt", "old/*.txt"]
    sub = tmp_path / "reports"
    sub.mkdir()
    assert relocate_glob("reports/2024/*.md", base, str(sub)) == ["2024/*.md"]
    outside = relocate_glob("archive/*.md", base, str(sub))
    assert outside == [str(tmp_path / "archive" / "*.md").replace("\\", "/")]


# --------------------------------------------------------------------------------------------
# Configuration and baseline files built to exhaust the reader: exit 2 with a message, promptly.

_ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 10)}]\n" for previous, name in zip("abcdefg", "bcdefgh")
) + "ignore: *h\n"


@pytest.mark.parametrize(("name", "text", "words"), [
    (".gaolint.yaml", _ALIAS_BOMB, "more than 100000 values"),
    # Refused by shape before ruamel parses it (issue 18); nesting within the shape limit:
    (".gaolint.yaml", "ignore: " + "[" * 100_000 + "]" * 100_000 + "\n", "the limit is 65536 bytes"),
    (".gaolint.yaml", "ignore: " + "[" * 20_000 + "]" * 20_000 + "\n", "too many lines and values"),
    pytest.param(".gaolint.yaml", "ignore: " + "[" * 2_000 + "]" * 2_000 + "\n", "nested too deeply", marks=pytest.mark.slow),
    (".gaolint.yaml", "ignore: " + "[" * 40 + "]" * 40 + "\n", "more than 32 levels"),
    ("pyproject.toml", "[tool.gaolint]\nignore = " + "[" * 100_000 + "]" * 100_000 + "\n", "nested too deeply"),
])
def test_a_hostile_configuration_exits_2_naming_the_problem(project, capsys, name, text, words):
    """An alias bomb (a hundred million values from 300 bytes) took minutes and gigabytes;
    deep nesting raised RecursionError out of the run."""
    (project / "clean.md").write_text(CLEAN_MD, encoding="utf-8")
    (project / name).write_text(text, encoding="utf-8")
    code, out, err = gaolint("check", "--no-cache", "clean.md", capsys=capsys)
    assert code == 2 and out == ""
    assert name in err and words in err


def test_a_deeply_nested_baseline_exits_2(project, capsys):
    (project / "clean.md").write_text(CLEAN_MD, encoding="utf-8")
    # Inside the object: a top-level array is refused by its shape before parsing (issue 18).
    nested = "[" * 100_000 + "]" * 100_000
    (project / "base.json").write_text('{"format": "gaolint-baseline", "version": 1, "findings": [' + nested + "]}",
                                       encoding="utf-8")
    code, out, err = gaolint("check", "--no-cache", "--baseline", "base.json", "clean.md", capsys=capsys)
    assert code == 2 and out == ""
    assert "base.json" in err and "nested too deeply" in err
    (project / "base.json").write_text(nested, encoding="utf-8")
    code, out, err = gaolint("check", "--no-cache", "--baseline", "base.json", "clean.md", capsys=capsys)
    assert code == 2 and "base.json" in err and "not a gaolint baseline" in err


def test_yaml_anchors_of_a_reasonable_size_still_work(project, capsys):
    (project / "nofee.md").write_text(NO_FEE_MD, encoding="utf-8")
    (project / ".gaolint.yaml").write_text('select: &all [GAO]\nper-file-ignores:\n  "*.md": &fees [GAO401]\n  "*.txt": *fees\n', encoding="utf-8")
    code, out, err = gaolint("check", "--no-cache", "--format", "json", "nofee.md", capsys=capsys)
    assert (code, out) == (0, "[]\n"), err


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("option", ["--config", "--baseline"])
def test_a_named_pipe_as_configuration_or_baseline_exits_2_at_once(project, capsys, option):
    """Opening a FIFO for reading waits for a writer: the run would hang."""
    import os

    (project / "clean.md").write_text(CLEAN_MD, encoding="utf-8")
    os.mkfifo(project / "pipe.yaml")
    code, out, err = gaolint("check", "--no-cache", option, "pipe.yaml", "clean.md", capsys=capsys)
    assert code == 2 and out == ""
    assert "pipe.yaml" in err and "regular file" in err
