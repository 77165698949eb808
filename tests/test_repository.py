"""Repository-level rules over report pairs built from the test builder: GAO601 (carry-over
across years) and GAO602 (documents in force), across containers, plus agency grouping."""

from __future__ import annotations

from dataclasses import replace

import pytest

from .conftest import write_report

from gaolint.engine import ReportFacts, Settings, lint_file
from gaolint.repository import agency_groups, check_repository, pairs_by_year
from tests.builder import build_document, render_text, sample_spec
from tests.builder.labels import TOTAL_COLUMN, result_leaves
from tests.builder.spec import table3_from_parts

AGENCY = "苏州市吴江区人民政府"


def _six(row) -> tuple[int, ...]:
    return tuple(row[:TOTAL_COLUMN])


def next_year(previous, seed: int, *, carried_over=None, agency: str | None = None, valid_delta: int = 0):
    """A report for the year after ``previous``, consistent with it unless told otherwise:
    its 上年结转 is last year's 结转下年度 (or ``carried_over``), and its documents in force
    follow from last year's (plus ``valid_delta``)."""
    spec = sample_spec(seed, year=previous.year + 1, version=previous.version, kind=previous.kind,
                       agency=agency or previous.agency)
    leaves = {k: _six(spec.table3[k]) for k in result_leaves(spec.version)}
    over = tuple(carried_over) if carried_over is not None else _six(previous.table3["carried_forward"])
    results = [sum(leaves[k][c] for k in leaves) for c in range(TOTAL_COLUMN)]
    forward = tuple(max(f, o - r) for f, o, r in zip(_six(spec.table3["carried_forward"]), over, results))
    table3 = table3_from_parts(spec.version, leaves, over, forward)
    t2, last = spec.table2, previous.table2
    rules_repealed = min(t2.rules_repealed, last.rules_valid + t2.rules_issued)
    normative_repealed = min(t2.normative_repealed, last.normative_valid + t2.normative_issued)
    table2 = replace(
        t2,
        rules_repealed=rules_repealed,
        rules_valid=last.rules_valid + t2.rules_issued - rules_repealed,
        normative_repealed=normative_repealed,
        normative_valid=last.normative_valid + t2.normative_issued - normative_repealed + valid_delta,
    )
    return replace(spec, table3=table3, table2=table2)


def _write(tmp_path, spec, container: str, name: str) -> str:
    return write_report(tmp_path, build_document(spec), container, name)


def _run(paths, settings: Settings | None = None):
    settings = settings or Settings()
    results = [lint_file(p, settings) for p in paths]
    facts = [r.facts for r in results if r.facts is not None]
    return results, check_repository(facts, settings)


def _base(seed: int = 11, **overrides):
    overrides.setdefault("agency", AGENCY)
    overrides.setdefault("kind", "government")
    return sample_spec(seed, year=overrides.pop("year", 2023), **overrides)


CONTAINER_PAIRS = [("txt", "md"), ("md", "txt"), ("txt", "html"),
                   pytest.param("html", "docx", marks=pytest.mark.slow), pytest.param("docx", "txt", marks=pytest.mark.slow)]


@pytest.mark.parametrize("first,second", CONTAINER_PAIRS)
def test_consistent_pair_is_quiet_across_containers(tmp_path, first, second):
    last = _base()
    this = next_year(last, 12)
    paths = [_write(tmp_path, last, first, "a2023"), _write(tmp_path, this, second, "b2024")]
    results, findings = _run(paths)
    assert all(r.facts is not None for r in results)
    assert findings == [], [f.message.en for f in findings]


@pytest.mark.parametrize("first,second", CONTAINER_PAIRS)
def test_carryover_mismatch_points_at_this_years_cell(tmp_path, first, second):
    last = _base()
    forward = list(_six(last.table3["carried_forward"]))
    wrong = forward.copy()
    wrong[0] += 3
    this = next_year(last, 12, carried_over=wrong)
    paths = [_write(tmp_path, last, first, "a2023"), _write(tmp_path, this, second, "b2024")]
    _, findings = _run(paths)
    carry = [f for f in findings if f.rule == "GAO601"]
    assert len(carry) == 2, [f.message.en for f in findings]  # 自然人 and 总计
    assert all(f.path.endswith(f"b2024.{second}") for f in carry)
    assert all(f.severity.value == "error" for f in carry)
    first_finding = min(carry, key=lambda f: f.location.column + 1000 * f.location.line)
    zh = " ".join(f.message.zh for f in carry)
    assert "自然人" in zh and "总计" in zh
    assert f"a2023.{first}" in zh
    assert str(forward[0]) in zh and str(forward[0] + 3) in zh
    assert "差 3" in zh
    assert all(f"第 " in f.message.zh and "line " in f.message.en for f in carry)  # last year's cell
    assert first_finding.location.line > 1
    assert first_finding.source_line or second == "docx"


def test_documents_drift(tmp_path):
    last = _base(seed=21)
    this = next_year(last, 22, valid_delta=5)
    paths = [_write(tmp_path, last, "txt", "a"), _write(tmp_path, this, "md", "b")]
    _, findings = _run(paths)
    drift = [f for f in findings if f.rule == "GAO602"]
    assert len(drift) == 1, [f.message.en for f in findings]
    finding = drift[0]
    assert finding.severity.value == "warning"
    assert "行政规范性文件" in finding.message.zh and "差 5" in finding.message.zh
    assert str(last.table2.normative_valid) in finding.message.zh
    assert finding.path.endswith("b.md")
    assert finding.source_line.strip().startswith("|") or str(this.table2.normative_valid) in finding.source_line


def test_rules_respect_select_ignore_and_severity(tmp_path):
    last = _base()
    wrong = list(_six(last.table3["carried_forward"]))
    wrong[0] += 1
    this = next_year(last, 12, carried_over=wrong, valid_delta=2)
    paths = [_write(tmp_path, last, "txt", "a"), _write(tmp_path, this, "txt", "b")]
    _, findings = _run(paths)
    assert {f.rule for f in findings} == {"GAO601", "GAO602"}
    _, findings = _run(paths, Settings(ignore=("GAO601",)))
    assert {f.rule for f in findings} == {"GAO602"}
    _, findings = _run(paths, Settings(select=("GAO3",)))
    assert findings == []
    _, findings = _run(paths, Settings(severity={"GAO601": "warning"}))
    assert {f.severity.value for f in findings if f.rule == "GAO601"} == {"warning"}


def test_spelling_variants_of_one_agency_are_grouped(tmp_path):
    last = _base(agency="苏州市吴江区")  # title 苏州市吴江区2023年…: a government's report
    wrong = list(_six(last.table3["carried_forward"]))
    wrong[1] += 1
    this = next_year(last, 12, carried_over=wrong, agency="苏州市吴江区政府")
    paths = [_write(tmp_path, last, "txt", "a"), _write(tmp_path, this, "txt", "b")]
    results, findings = _run(paths)
    assert {r.facts.agency for r in results} == {"苏州市吴江区人民政府"}
    assert [f.rule for f in findings] == ["GAO601", "GAO601"]


def test_different_agencies_and_distant_years_are_not_compared(tmp_path):
    last = _base()
    other = next_year(last, 12, carried_over=[9, 9, 9, 9, 9, 9], agency="苏州市相城区人民政府")
    later = replace(next_year(last, 13, carried_over=[9, 9, 9, 9, 9, 9]), year=2026)
    paths = [_write(tmp_path, s, "txt", n) for s, n in ((last, "a"), (other, "b"), (later, "c"))]
    _, findings = _run(paths)
    assert findings == []


def test_two_files_claiming_the_same_agency_and_year(tmp_path):
    last = _base()
    twin = next_year(last, 14)  # a 2024 report consistent with 2023
    this = next_year(last, 12)
    bad = list(_six(last.table3["carried_forward"]))
    bad[5] += 2
    odd = next_year(last, 15, carried_over=bad)
    paths = [_write(tmp_path, s, "txt", n) for s, n in ((last, "a"), (twin, "b"), (this, "c"), (odd, "d"))]
    # And a second 2023 report identical to the first: every 2024 report is compared with both.
    paths.append(_write(tmp_path, last, "md", "a-copy"))
    _, findings = _run(paths)
    assert {f.path.rsplit("/", 1)[-1] for f in findings} == {"d.txt"}
    assert len([f for f in findings if f.rule == "GAO601"]) == 4  # 其他 and 总计, against each 2023 file


def test_configured_year_and_agency_override(tmp_path):
    last = _base()
    wrong = list(_six(last.table3["carried_forward"]))
    wrong[0] += 1
    this = next_year(last, 12, carried_over=wrong, agency="苏州市某某区人民政府")
    paths = [_write(tmp_path, last, "txt", "a"), _write(tmp_path, this, "txt", "b")]
    _, findings = _run(paths)
    assert findings == []  # two agencies as the titles say
    settings = Settings(agencies={"*b.txt": {"name": AGENCY}})
    _, findings = _run(paths, settings)
    assert {f.rule for f in findings} == {"GAO601"}
    settings = Settings(agencies={"*b.txt": {"name": AGENCY, "year": 2030}})
    _, findings = _run(paths, settings)
    assert findings == []


def test_cn2019_to_cn2021_compares_carryover_only(tmp_path):
    last = _base(version="cn-2019", year=2020)
    this = next_year(replace(last, version="cn-2019"), 12, valid_delta=7)
    this_2021 = sample_spec(12, year=2021, agency=AGENCY, kind="government")
    this_2021 = replace(this_2021, table3=table3_from_parts(
        "cn-2021",
        {k: _six(this_2021.table3[k]) for k in result_leaves("cn-2021")},
        _six(last.table3["carried_forward"]),
        tuple(max(a, b) for a, b in zip(_six(this_2021.table3["carried_forward"]), _six(last.table3["carried_forward"]))),
    ))
    paths = [_write(tmp_path, last, "txt", "a"), _write(tmp_path, this_2021, "txt", "b")]
    _, findings = _run(paths)
    assert findings == [], [f.message.en for f in findings]
    del this


def _facts(path, agency, year, over=None, forward=None, version="cn-2021") -> ReportFacts:
    return ReportFacts(path, agency, "government", year, version, carried_over=over, carried_forward=forward)


def test_grouping_unifies_abbreviated_place_names_only_when_unambiguous():
    facts = [
        _facts("a", "淮安市洪泽区人民政府", 2023),
        _facts("b", "洪泽区人民政府", 2024),
        _facts("c", "南京市鼓楼区人民政府", 2023),
        _facts("d", "福州市鼓楼区人民政府", 2023),
        _facts("e", "鼓楼区人民政府", 2024),
        _facts("f", "昆山市", 2024),
        _facts("g", "", 2024),
    ]
    groups = {k: sorted(f.path for f in v) for k, v in agency_groups(facts).items()}
    assert groups["淮安市洪泽区人民政府"] == ["a", "b"]
    assert groups["鼓楼区人民政府"] == ["e"]
    assert groups["昆山市人民政府"] == ["f"]
    assert "" not in groups
    assert [(a.path, b.path) for a, b in pairs_by_year(groups and agency_groups(facts)["淮安市洪泽区人民政府"])] == [("b", "a")]


def test_unreadable_cells_and_short_rows_do_not_crash():
    row = [1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0]
    facts = [
        _facts("a", "X市人民政府", 2023, forward=row),
        _facts("b", "X市人民政府", 2024, over=[None, 0.0, 0.0, 0.0, 0.0, 0.0, 2.0]),
        _facts("c", "X市人民政府", 2024, over=[1.0, 2.0]),
        _facts("d", "X市人民政府", 2024, over=None),
        _facts("e", "X市人民政府", None, over=row),
    ]
    findings = check_repository(facts, Settings())
    assert [(f.path, f.rule) for f in findings] == [("b", "GAO601")]
    assert findings[0].location.line == 1  # no location recorded: the file's first line
