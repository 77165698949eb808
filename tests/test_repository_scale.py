"""Repository rules at scale: hundreds of files claiming one agency and year cost time and
findings linear in the files (each report against at most ``MAX_PREVIOUS`` of last year's),
not one comparison per pair; agency grouping is linear in the number of names."""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from gaolint.engine import ReportFacts, Settings
from gaolint.repository import (
    MAX_PREVIOUS,
    _PLACE_PREFIX,
    _PLACED,
    _canonical_names,
    check_repository,
    pairs_by_year,
)

AGENCY = "苏州市吴江区人民政府"
FORWARD = [5.0, 1.0, 0.0, 0.0, 0.0, 0.0, 6.0]
DOCUMENTS = {"regulations": [1.0, 0.0, 10.0], "normative_documents": [4.0, 2.0, 40.0]}


def _facts(path: str, year: int, *, over=None, forward=None, documents=None) -> ReportFacts:
    return ReportFacts(path, AGENCY, "government", year, "cn-2021", carried_over=over,
                       carried_forward=forward, documents=documents)


def _run(count: int, bad_every: int, *, distinct_last_year: int = 1):
    """``count`` 2023 files (``distinct_last_year`` different carry-forward rows among them)
    and ``count`` 2024 files, every ``bad_every``-th of which carries over one too many
    自然人 applications and has one 规范性文件 too many in force."""
    facts = []
    for i in range(count):
        forward = list(FORWARD)
        forward[0] += i % distinct_last_year
        forward[6] += i % distinct_last_year
        facts.append(_facts(f"2023/r{i:04d}.txt", 2023, forward=forward, documents=DOCUMENTS))
    bad = set()
    for i in range(count):
        over = list(FORWARD)
        documents = {"regulations": [0.0, 0.0, 10.0], "normative_documents": [3.0, 1.0, 42.0]}
        if i % bad_every == 0:
            over[0] += 1
            over[6] += 1
            documents["normative_documents"][2] += 1
            bad.add(f"2024/r{i:04d}.txt")
        facts.append(_facts(f"2024/r{i:04d}.txt", 2024, over=over, documents=documents))
    return facts, bad


def test_three_hundred_files_a_year_give_findings_linear_in_the_files():
    facts, bad = _run(300, 10)
    reports = list(facts)
    assert len(pairs_by_year(reports)) == 300 * MAX_PREVIOUS  # not 300 × 300
    findings = check_repository(facts, Settings())
    by_rule = Counter(f.rule for f in findings)
    # Each bad 2024 file: 自然人 and 总计 (GAO601) and 规范性文件 (GAO602), against each of
    # last year's representatives (all identical: the first three by path).
    assert by_rule == {"GAO601": len(bad) * 2 * MAX_PREVIOUS, "GAO602": len(bad) * MAX_PREVIOUS}
    assert {f.path for f in findings} == bad
    named = {re.search(r"上年报告 (\S+?)（", f.message.zh).group(1) for f in findings}
    assert named == {"2023/r0000.txt", "2023/r0001.txt", "2023/r0002.txt"}


def test_messages_name_last_years_file_and_values():
    facts, _ = _run(300, 150)
    findings = check_repository(facts, Settings())
    first = next(f for f in findings if f.rule == "GAO601" and "2023/r0000.txt" in f.message.zh)
    assert first.path == "2024/r0000.txt"
    assert first.message.zh.startswith("表三 二（上年结转）“自然人”列为 6，但上年报告 2023/r0000.txt（2023年）的 四（结转下年度）为 5")
    assert first.message.en.startswith("table 3 row 二 (carried over), column '自然人', is 6, but last year's report 2023/r0000.txt (2023)")
    drift = next(f for f in findings if f.rule == "GAO602" and "2023/r0001.txt" in f.message.zh)
    assert "现行有效件数为 43" in drift.message.zh and "+ 本年制发 3 − 本年废止 1 = 42（差 1）" in drift.message.zh


def test_distinct_versions_of_last_year_are_each_compared():
    """Last year's files disagreeing among themselves: every distinct version (up to the cap)
    is a representative, so a report is checked against each of them, not against three
    copies of the first."""
    facts, _ = _run(300, 1000, distinct_last_year=2)  # r0000 only is bad; odd 2023 files differ
    findings = check_repository(facts, Settings())
    reports_named = {re.search(r"上年报告 (\S+?)（", f.message.zh).group(1) for f in findings if f.rule == "GAO601"}
    assert {"2023/r0000.txt", "2023/r0001.txt"} <= reports_named and len(reports_named) == MAX_PREVIOUS
    # r0001 (forward 6/7) disagrees with every 2024 file but the bad r0000 (which carried over
    # 6/7 too): each of the 299 gets its two findings against it once.
    against_r0001 = [f for f in findings if "2023/r0001.txt" in f.message.zh and f.rule == "GAO601"]
    assert len(against_r0001) == 299 * 2
    assert "2024/r0000.txt" not in {f.path for f in against_r0001}


def test_few_files_a_year_are_all_compared():
    """Up to ``MAX_PREVIOUS`` files a year (one report in each container) every pair is kept."""
    facts = [_facts(f"a{i}", 2023, forward=FORWARD) for i in range(MAX_PREVIOUS)]
    facts += [_facts(f"b{i}", 2024, over=FORWARD) for i in range(4)]
    pairs = pairs_by_year(facts)
    assert sorted((a.path, b.path) for a, b in pairs) == sorted(
        (f"b{j}", f"a{i}") for j in range(4) for i in range(MAX_PREVIOUS))


# --- agency grouping: the suffix index against the pairwise original ---------------------------


def _canonical_names_pairwise(names: set[str]) -> dict[str, str]:
    """The pairwise version replaced by the suffix index, kept here as the reference."""
    canonical = {}
    for name in names:
        longer = sorted(
            (other for other in names
             if len(other) > len(name) and other.endswith(name) and _PLACE_PREFIX.search(other[: -len(name)])),
            key=len,
        )
        chain = all(b.endswith(a) for a, b in zip(longer, longer[1:]))
        canonical[name] = longer[-1] if longer and chain and _PLACED.match(name) else name
    return canonical


_NAME_PARTS = st.sampled_from(["淮安市", "南京市", "江苏省", "洪泽区", "鼓楼区", "自治区", "市", "区", "县",
                               "人民政府", "教育局", "旗", "州", "地区", "X"])


@settings(max_examples=300, deadline=None)
@given(st.sets(st.lists(_NAME_PARTS, min_size=1, max_size=5).map("".join), max_size=12))
def test_suffix_index_groups_as_the_pairwise_comparison_did(names):
    assert _canonical_names(names) == _canonical_names_pairwise(names)


def test_many_agencies_are_grouped():
    names = {f"{p}市{c}区{a}" for p in "甲乙丙丁戊己庚辛" for c in "一二三四五六七八九十" for a in
             ("人民政府", "教育局", "财政局", "公安局", "卫生健康委员会")}
    names |= {f"{c}区{a}" for c in "一二" for a in ("人民政府", "教育局")}
    canonical = _canonical_names(names)
    assert canonical == _canonical_names_pairwise(names)
    assert canonical["一区人民政府"] == "一区人民政府"  # eight places hold a 一区: ambiguous
