"""Format files are data with a schema (docs/formats.md): a misspelled key is an error naming
file, line and key; ``extends:`` lets a revision state only what changed; a new revision is one
YAML file in a folder ``GAOLINT_FORMATS`` names, and reports written in it are linted by it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from gaolint import formats
from gaolint.api import Settings
from gaolint.checks.structure import NATIONAL
from gaolint.engine import lint_file, read_report
from gaolint.format_data import COMMON_SCHEMA, FORMAT_SCHEMA, FormatDataError, Keys, ListOf, MapOf, extend, schema_errors
from tests.builder import build_document, render_text, sample_spec

#: A made-up revision: table 2 says 本年印发件数 where cn-2021 says 本年制发件数 (so its rows are
#: restated: lists are replaced, not merged), departments publish by 30 April, the rest is
#: cn-2021's.
CN_2099 = """\
version: cn-2099
extends: cn-2021
name: 全国统一格式（2099年，测试用）
years: {from: 2099}
markers: [本年印发件数]
tables:
  table2:
    anchors: [第二十条, 本年印发件数, 信息内容]
    rows:
      - {key: regulations, label: 规章, match: [规章], columns: [本年印发件数, 本年废止件数, 现行有效件数], not_applicable: [/], running_total: true}
      - {key: normative_documents, label: 行政规范性文件, match: [规范性文件], columns: [本年印发件数, 本年废止件数, 现行有效件数], running_total: true}
      - {key: licensing, label: 行政许可, match: [行政许可], columns: [本年处理决定数量]}
      - {key: penalty, label: 行政处罚, match: [行政处罚], columns: [本年处理决定数量]}
      - {key: coercion, label: 行政强制, match: [行政强制], columns: [本年处理决定数量]}
      - {key: fees, label: 行政事业性收费, match: [行政事业性收费, 事业性收费], columns: [本年收费金额（单位：万元）], value: amount}
deadlines:
  department: "04-30"
"""


@pytest.fixture
def extra(tmp_path, monkeypatch):
    """An empty extra formats folder, named by GAOLINT_FORMATS, with its own start-up cache."""
    folder = tmp_path / "formats"
    folder.mkdir()
    monkeypatch.setenv("GAOLINT_FORMATS", str(folder))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    formats.reload()
    yield folder
    monkeypatch.undo()
    formats.reload()


def _report_text(**fields) -> str:
    return render_text(build_document(sample_spec(fields.pop("seed", 7), **fields)), "pipe")


def _rules(findings) -> set[str]:
    return {f.rule for f in findings}


# --- the schema --------------------------------------------------------------------------------

def test_the_shipped_formats_fit_the_schema():
    assert set(formats.load_formats()) == {"cn-2021", "cn-2019", "cn-2008"}
    assert set(NATIONAL) == {"cn-2021", "cn-2019"}


def test_a_misspelled_key_names_file_line_and_key(extra):
    text = CN_2099.replace("{key: licensing, label:", "{key: licensing, lable:")
    (extra / "cn-2099.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(FormatDataError) as caught:
        formats.load_formats()
    message = str(caught.value)
    line = next(n for n, t in enumerate(text.splitlines(), start=1) if "lable" in t)
    assert message.startswith(f"{extra / 'cn-2099.yaml'}:{line}: ")
    assert "'lable'" in message and "tables.table2.rows[2]" in message and "did you mean 'label'" in message


@pytest.mark.parametrize("how", ["files", "stdin", "cached", "cluster"])
def test_a_broken_format_file_stops_the_run_with_exit_2(extra, tmp_path, monkeypatch, capsys, how):
    """A configuration error (spec/interface.md, exit codes): one message naming the file, the
    line and the key, exit 2 — not an internal error (GAO000) on every report checked."""
    import io

    from gaolint.cli import main

    reports = []
    for index in range(3):
        path = tmp_path / f"report-{index}.txt"
        path.write_text(_report_text(seed=index), encoding="utf-8")
        reports.append(str(path))
    monkeypatch.setenv("GAOLINT_CACHE_DIR", str(tmp_path / "results"))
    if how == "cached":  # every report answered from the result cache before the file broke
        assert main(["check", *reports]) in (0, 1)
    text = CN_2099.replace("{key: licensing, label:", "{key: licensing, lable:")
    (extra / "cn-2099.yaml").write_text(text, encoding="utf-8")
    formats.reload()
    from gaolint import cache

    cache.code_fingerprint.cache_clear()  # once per process: a new process sees the new file
    capsys.readouterr()
    if how == "stdin":
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(_report_text().encode("utf-8"))))
        code = main(["check", "-", "--no-cache"])
    elif how == "cluster":  # refused before connecting: no scheduler listens there
        code = main(["check", "--no-cache", "--scheduler", "tcp://127.0.0.1:9", *reports])
    else:
        code = main(["check", *([] if how == "cached" else ["--no-cache"]), *reports])
    out, err = capsys.readouterr()
    line = next(n for n, t in enumerate(text.splitlines(), start=1) if "lable" in t)
    assert code == 2
    assert f"cn-2099.yaml:{line}: unknown key 'lable'" in err
    assert "GAO000" not in out + err
    cache.code_fingerprint.cache_clear()  # later tests must not see this folder's stamp


def test_a_good_extra_format_file_lints_as_before(extra, tmp_path, capsys):
    from gaolint.cli import main

    (extra / "cn-2099.yaml").write_text(CN_2099, encoding="utf-8")
    formats.reload()
    report = tmp_path / "report.txt"
    report.write_text(_report_text(), encoding="utf-8")
    assert main(["check", "--no-cache", str(report)]) == 0
    assert "GAO000" not in capsys.readouterr().out


def test_an_unknown_top_level_key_is_refused_with_its_line(extra):
    text = CN_2099 + "dealines:\n  zone: \"03-31\"\n"
    (extra / "cn-2099.yaml").write_text(text, encoding="utf-8")
    line = len(CN_2099.splitlines()) + 1
    with pytest.raises(FormatDataError, match=rf"cn-2099\.yaml:{line}: unknown key 'dealines'; did you mean 'deadlines'"):
        formats.load_formats()


@pytest.mark.parametrize("data, wrong", [
    ({"version": "x", "national": "yes"}, "national must be a true/false"),
    ({"version": "x", "identities": [{"rule": "GAO302", "table": "table3", "per": "cell"}]}, "use one of column, row, group"),
    ({"version": "x", "tables": {"table2": {"title": "t", "rows": [{"key": "a", "label": "b"}]}}}, "has no 'match'"),
    ({"version": "x", "markers": "本年制发件数"}, "markers must be a list of words"),
    ({"name": "x"}, "has no 'version'"),
])
def test_values_of_the_wrong_kind_are_refused(data, wrong):
    assert any(wrong in message for _, message in schema_errors(data, FORMAT_SCHEMA))


def test_identities_must_name_rows_of_their_table(extra):
    text = CN_2099 + "identities:\n  - {rule: GAO301, table: table3, per: column, left: [new], right: [nothing]}\n"
    (extra / "cn-2099.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(FormatDataError, match="names row 'nothing', not a row of table3"):
        formats.load_formats()


def test_every_schema_key_is_documented():
    doc = (Path(__file__).parent.parent / "docs" / "formats.md").read_text(encoding="utf-8")

    def keys(schema) -> set[str]:
        found = set()
        for key, sub in schema.fields.items():
            found.add(key)
            while isinstance(sub, (ListOf, MapOf)):
                sub = sub.item if isinstance(sub, ListOf) else sub.value
            if isinstance(sub, Keys):
                found |= keys(sub)
        return found

    missing = sorted(k for k in keys(FORMAT_SCHEMA) | keys(COMMON_SCHEMA) if f"`{k}`" not in doc)
    assert not missing, f"docs/formats.md does not describe {missing}"


# --- extends -----------------------------------------------------------------------------------

def test_extends_merges_mappings_and_replaces_lists():
    base = {"version": "a", "deadlines": {"department": "01-31", "zone": "03-31"}, "markers": ["x", "y"],
            "years": {"from": 2021, "to": 2024}}
    child = {"version": "b", "deadlines": {"department": "04-30"}, "markers": ["z"], "years": {"to": None}}
    assert extend(base, child) == {"version": "b", "deadlines": {"department": "04-30", "zone": "03-31"},
                                   "markers": ["z"], "years": {"from": 2021}}


def test_extends_must_name_a_format_and_not_go_round(extra):
    (extra / "cn-2099.yaml").write_text(CN_2099.replace("extends: cn-2021", "extends: cn-2098"), encoding="utf-8")
    with pytest.raises(FormatDataError, match="extends 'cn-2098', which no format file defines"):
        formats.load_formats()
    (extra / "cn-2099.yaml").write_text(CN_2099.replace("extends: cn-2021", "extends: cn-2098"), encoding="utf-8")
    (extra / "cn-2098.yaml").write_text("version: cn-2098\nextends: cn-2099\n", encoding="utf-8")
    formats.reload()
    with pytest.raises(FormatDataError, match="in a circle"):
        formats.load_formats()


def test_a_version_defined_twice_is_refused(extra):
    (extra / "mine.yaml").write_text("version: cn-2021\nextends: cn-2019\n", encoding="utf-8")
    with pytest.raises(FormatDataError, match="also defined in rules/cn-2021.yaml"):
        formats.load_formats()


# --- a new revision is one YAML file -----------------------------------------------------------

def test_a_new_revision_is_one_yaml_file(extra, tmp_path):
    (extra / "cn-2099.yaml").write_text(CN_2099, encoding="utf-8")
    spec = formats.get_format("cn-2099")
    inherited = formats.get_format("cn-2021")
    assert spec.national and spec.running_totals and "cn-2099" in NATIONAL
    assert spec.deadlines == {**inherited.deadlines, "department": "04-30"}
    assert spec.tables["table3"] == inherited.tables["table3"] and spec.sections == inherited.sections
    assert spec.tables["table2"].row("regulations").columns[0] == "本年印发件数"

    # A department's report signed on 15 March: late under cn-2021 (31 January), not under cn-2099.
    text = _report_text(version="cn-2021", year=2023, kind="department", signed_on=date(2024, 3, 15))
    assert "本年制发件数" in text
    old = tmp_path / "2021.txt"
    old.write_text(text, encoding="utf-8")
    new = tmp_path / "2099.txt"
    new.write_text(text.replace("本年制发件数", "本年印发件数"), encoding="utf-8")
    report, failure = read_report(str(new), "2099.txt")
    assert failure is None and report.format_version == "cn-2099"
    assert report.tables["table2"].rows["regulations"].cells  # table 2 read with the new columns
    assert "GAO204" in _rules(lint_file(str(old), Settings()).findings)
    found = lint_file(str(new), Settings()).findings
    assert not _rules(found) & {"GAO204", "GAO103", "GAO104", "GAO105"}, [(f.rule, f.message.en) for f in found]

    # The inherited identities apply to the new revision (national: true is inherited too).
    broken = re.sub(r"(（七）总计[^\n]*?\|\s*)(\d+)", lambda m: m.group(1) + str(int(m.group(2)) + 5), new.read_text("utf-8"), count=1)
    new.write_text(broken, encoding="utf-8")
    assert {"GAO301", "GAO303"} & _rules(lint_file(str(new), Settings()).findings)


def test_the_start_up_cache_key_holds_the_folder_and_its_files(extra, tmp_path):
    cache = tmp_path / "cache" / "gaolint"
    (extra / "cn-2099.yaml").write_text(CN_2099, encoding="utf-8")
    formats.load_formats()
    first = set(cache.glob("formats-*.json"))
    assert len(first) == 1
    formats.reload()
    formats.load_formats()  # a hit: no new file
    assert set(cache.glob("formats-*.json")) == first
    (extra / "cn-2099.yaml").write_text(CN_2099.replace("04-30", "05-31"), encoding="utf-8")
    formats.reload()
    assert formats.get_format("cn-2099").deadlines["department"] == "05-31"
    second = set(cache.glob("formats-*.json")) - first
    assert len(second) == 1
    other = tmp_path / "elsewhere"
    (extra).rename(other)
    os.environ["GAOLINT_FORMATS"] = str(other)
    formats.reload()
    assert formats.get_format("cn-2099").deadlines["department"] == "05-31"
    assert len(set(cache.glob("formats-*.json")) - first - second) == 1  # another folder: another entry


def test_the_command_line_reads_the_extra_folder_from_its_cache_without_ruamel(extra, tmp_path):
    (extra / "cn-2099.yaml").write_text(CN_2099, encoding="utf-8")
    report = tmp_path / "2099.txt"
    text = _report_text(version="cn-2021", year=2023, kind="department", signed_on=date(2024, 3, 15))
    report.write_text(text.replace("本年制发件数", "本年印发件数"), encoding="utf-8")
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"), GAOLINT_FORMATS=str(extra))
    command = [sys.executable, "-X", "importtime", "-m", "gaolint", "check", "--format", "json", str(report)]
    cold = subprocess.run(command, capture_output=True, env=env, timeout=120, check=False)
    warm = subprocess.run(command, capture_output=True, env=env, timeout=120, check=False)
    assert cold.stdout == warm.stdout and b"GAO204" not in warm.stdout
    assert b"| ruamel" in cold.stderr and b"| ruamel" not in warm.stderr


@pytest.mark.parametrize("name, text, wrong", [
    ("empty.yaml", "", "is a mapping of keys"),
    ("words.yaml", "kind: common\ntable_words: [x]\n", "only rules/common.yaml holds the shared wordings"),
])
def test_an_extra_file_that_is_not_a_format_is_refused(extra, name, text, wrong):
    (extra / name).write_text(text, encoding="utf-8")
    with pytest.raises(FormatDataError, match=wrong):
        formats.load_formats()


def test_a_missing_extra_folder_is_refused(extra, monkeypatch):
    monkeypatch.setenv("GAOLINT_FORMATS", str(extra / "nowhere"))
    formats.reload()
    with pytest.raises(FormatDataError, match="GAOLINT_FORMATS: cannot read the folder"):
        formats.load_formats()


def test_national_is_what_turns_the_table_rules_on(extra):
    (extra / "cn-2099.yaml").write_text(CN_2099 + "national: false\n", encoding="utf-8")
    assert "cn-2099" not in NATIONAL and set(NATIONAL) == {"cn-2021", "cn-2019"}
    (extra / "cn-2099.yaml").write_text(CN_2099, encoding="utf-8")
    formats.reload()
    assert "cn-2099" in NATIONAL
