"""The six crawled report pages in ../shared/corpus/crawled/: what a careful reader finds in each
(its README), and nothing else. GAO003 (the page's glued table cells) is the only extra note
allowed: it says which rows were read by inference and which could not be read."""

from __future__ import annotations

import pytest

from gaolint.engine import Settings, lint_file, read_report

from .conftest import rules_of

#: file → the rules a careful reader expects (besides GAO003).
EXPECTED = {
    "pingtanxian-2011.txt": {"GAO401"},  # no statement of 收费及减免
    "pingtan-2016.txt": set(),
    "pingtan-2019.txt": set(),
    "pingtan-2021.txt": set(),
    "pingtan-2023.txt": set(),
    "pingtan-2025.txt": {"GAO501"},  # no contact anywhere
}
FORMATS = {
    "pingtanxian-2011.txt": "cn-2008",
    "pingtan-2016.txt": "cn-2008",
    "pingtan-2019.txt": "cn-2019",
    "pingtan-2021.txt": "cn-2021",
    "pingtan-2023.txt": "cn-2021",
    "pingtan-2025.txt": "cn-2021",
}


@pytest.fixture
def crawled(corpus):
    folder = corpus / "crawled"
    if not folder.is_dir():
        pytest.skip("../shared/corpus/crawled is not present")
    return folder


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_crawled_report_findings_are_what_a_careful_reader_finds(crawled, name):
    findings = lint_file(str(crawled / name), Settings()).findings
    assert rules_of(findings) - {"GAO003"} == EXPECTED[name], [(f.rule, f.message.en) for f in findings]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_crawled_report_sections_and_format(crawled, name):
    report, problem = read_report(str(crawled / name), name)
    assert problem is None
    assert report.format_version == FORMATS[name]
    if FORMATS[name] != "cn-2008":
        assert [s.key for s in report.sections] == ["overview", "active", "requests", "review", "problems", "other"]
        assert set(report.tables) == {"table2", "table3", "table4"}


@pytest.mark.parametrize("name", ["pingtan-2021.txt", "pingtan-2023.txt", "pingtan-2025.txt"])
def test_crawled_glued_rows_read_and_every_identity_holds(crawled, name):
    report, _ = read_report(str(crawled / name), name)
    table3 = report.tables["table3"]
    assert len(table3.inferred_rows) >= 20
    # Rows that two splits fit (（一）予以公开 ``270020130``) are read by the column sums.
    assert not table3.unread_rows
    assert table3.rows["new"].cells and all(c.inferred for c in table3.rows["new"].cells)
    table4 = report.tables["table4"]
    assert not table4.unread_rows
    assert sum(len(r.cells) for r in table4.rows.values()) == 15


def test_pingtan_2025_glued_row_is_a_row_not_a_mobile_number(crawled):
    report, _ = read_report(str(crawled / "pingtan-2025.txt"), "pingtan-2025.txt")
    assert [c.raw for c in report.tables["table3"].rows["new"].cells] == ["151", "3", "0", "0", "0", "0", "154"]
    assert not report.contacts or all("15130000154" not in c.text for c in report.contacts)
