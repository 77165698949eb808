"""The builder's ``sample_spec(previous=…)``: a report that follows from the same agency's year
before, as the benchmark corpus chains 2019–2025; repository rules stay quiet on the chain."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from gaolint.engine import Settings, lint_file
from gaolint.repository import check_repository
from tests.builder import check_identities, sample_spec
from tests.builder.labels import TOTAL_COLUMN

ROOT = Path(__file__).resolve().parents[1]


def _chain(seed: int, years=range(2019, 2026), kind: str = "government"):
    specs, previous = [], None
    for offset, year in enumerate(years):
        version = "cn-2019" if year < 2021 else "cn-2021"
        previous = sample_spec(seed * 10 + offset, version=version, year=year, kind=kind,
                               agency="云川市洪泽区人民政府", previous=previous)
        specs.append(previous)
    return specs


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**6), st.sampled_from(["government", "department"]))
def test_each_year_follows_from_the_one_before(seed: int, kind: str) -> None:
    specs = _chain(seed, kind=kind)
    for last, this in zip(specs, specs[1:]):
        assert not check_identities(this)
        assert this.year == last.year + 1 and this.agency == last.agency and this.kind == kind
        assert this.table3["carried_over"] == last.table3["carried_forward"]
        if this.version == last.version == "cn-2021":
            t2, l2 = this.table2, last.table2
            assert t2.rules_valid == l2.rules_valid + t2.rules_issued - t2.rules_repealed
            assert t2.normative_valid == l2.normative_valid + t2.normative_issued - t2.normative_repealed
            assert t2.rules_valid >= t2.rules_issued and t2.normative_valid >= t2.normative_issued
        assert all(v >= 0 for row in this.table3.values() for v in row[:TOTAL_COLUMN])


def test_without_previous_nothing_changes() -> None:
    for seed in range(20):
        assert sample_spec(seed) == sample_spec(seed, previous=None)
        assert sample_spec(seed, year=2022, kind="department") == sample_spec(seed, year=2022, kind="department", previous=None)


def test_previous_only_touches_the_chained_figures() -> None:
    last = sample_spec(1, year=2023)
    alone = sample_spec(2, year=2024, agency=last.agency, kind=last.kind)
    chained = sample_spec(2, previous=last)
    assert chained.year == 2024 and chained.agency == last.agency
    assert chained.contact == alone.contact and chained.table4 == alone.table4
    assert chained.table2.licensing == alone.table2.licensing
    for key in chained.table3:
        if key.startswith("result.") and key != "results_total":
            assert chained.table3[key] == alone.table3[key]


def test_a_chained_agency_is_quiet_across_its_years(tmp_path: Path) -> None:
    """Seven years of one agency, written the way the benchmark writes them: no GAO601/GAO602,
    and breaking one carry-over makes GAO601 speak (the comparison really runs)."""
    from tests.builder import build_document, render_text

    specs = _chain(7)
    paths = []
    for spec in specs:
        path = tmp_path / f"{spec.year}.txt"
        path.write_text(render_text(build_document(spec), "pipe"), encoding="utf-8")
        paths.append(str(path))
    facts = [lint_file(p, Settings()).facts for p in paths]
    assert check_repository(facts, Settings()) == []
    from dataclasses import replace

    broken = dict(specs[3].table3)
    row = list(broken["carried_over"])
    row[0] += 1
    row[TOTAL_COLUMN] += 1
    broken["carried_over"] = tuple(row)  # (the file's own balance breaks too: not our concern)
    Path(paths[3]).write_text(render_text(build_document(replace(specs[3], table3=broken)), "pipe"), encoding="utf-8")
    facts = [lint_file(p, Settings()).facts for p in paths]
    assert {f.rule for f in check_repository(facts, Settings())} == {"GAO601"}


def test_bench_corpus_chains_its_years() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import corpus
    finally:
        sys.path.remove(str(ROOT / "bench"))
    for index in range(1, 21):
        if index % len(corpus.YEARS):
            this, last = corpus.spec_for(index), corpus.spec_for(index - 1)
            assert this.agency == last.agency and this.year == last.year + 1
            assert this.table3["carried_over"] == last.table3["carried_forward"]
