"""``--format html``: one self-contained page for people, parsed as a browser would."""

from __future__ import annotations

import lxml.html

from gaolint.engine import FileResult, ReportFacts
from gaolint.model import Finding, Location, Message, Severity
from gaolint.output.context import OutputContext
from gaolint.output.html import render
from gaolint.run import report_rows
from tests.test_config import BAD_TOTAL_MD, CLEAN_MD, NO_FEE_MD, findings_of, gaolint, project  # noqa: F401


def _finding(path, line, rule="GAO303", severity=Severity.ERROR, text="| 6 |", column=3, end=4):
    return Finding(rule, "results-total", severity, Message(f"{rule} 的问题", f"{rule} problem"), path, Location(line, column, end), text)


def _page(findings, results, lang="zh"):
    context = OutputContext(lang=lang, files=len(results), clean=sum(1 for r in results if r.path not in {f.path for f in findings}),
                            reports=report_rows(results))
    return render(findings, context)


def test_matrix_groups_by_agency_and_year_and_colours_by_worst():
    results = [
        FileResult("a/2023.md", [], ReportFacts("a/2023.md", "青禾县人民政府", "government", 2023, "cn-2021")),
        FileResult("a/2024.md", [], ReportFacts("a/2024.md", "青禾县人民政府", "government", 2024, "cn-2021")),
        FileResult("b/2024.pdf", [], ReportFacts("b/2024.pdf", "青禾县教育局", "department", 2024, "cn-2021")),
        FileResult("junk/notes.txt", [], None),
    ]
    findings = [
        _finding("a/2023.md", 5, severity=Severity.WARNING),
        _finding("a/2024.md", 7),
        _finding("a/2024.md", 9, severity=Severity.NOTE),
        _finding("junk/notes.txt", 1, rule="GAO002", severity=Severity.WARNING),
    ]
    page = lxml.html.document_fromstring(_page(findings, results))
    matrix = page.get_element_by_id("matrix")
    years = [th.text_content() for th in matrix.xpath(".//thead//th")][1:]
    assert years == ["2023", "2024", "年度不明"]
    rows = {tr.xpath("./th")[0].text_content(): tr for tr in matrix.xpath(".//tbody/tr")}
    assert set(rows) == {"青禾县人民政府", "青禾县教育局", "notes.txt"}
    government = rows["青禾县人民政府"].xpath("./td")
    assert "sev-warning" in government[0].xpath(".//a")[0].get("class")
    assert "sev-error" in government[1].xpath(".//a")[0].get("class")
    assert "sev-clean" in rows["青禾县教育局"].xpath("./td")[1].xpath(".//a")[0].get("class")
    # every matrix link leads to an element on the page
    for link in matrix.xpath(".//a/@href"):
        assert page.get_element_by_id(link[1:]) is not None


def test_every_finding_is_shown_with_its_line_quoted_and_escaped():
    nasty = '<script>alert("x")</script> & “引号” | 6 |'
    results = [FileResult("r.md", [], None)]
    findings = [_finding("r.md", 3, text=nasty, column=1, end=9), _finding("r.md", 8, rule="GAO401", text="")]
    html = _page(findings, results)
    page = lxml.html.document_fromstring(html)
    assert not page.xpath("//script") and "<script>alert" not in html
    details = page.get_element_by_id("details")
    items = details.xpath(".//div[contains(@class, 'finding')]")
    assert len(items) == 2
    assert nasty in items[0].xpath(".//pre")[0].text_content()
    assert items[0].xpath(".//pre/mark")[0].text_content() == "<script>"
    assert "GAO303 的问题" in items[0].text_content() and "第 3 行" in items[0].text_content()
    assert not items[1].xpath(".//pre")  # nothing to quote


def test_self_contained():
    html = _page([_finding("r.md", 3)], [FileResult("r.md", [], None)])
    page = lxml.html.document_fromstring(html)
    assert not page.xpath("//script | //link | //img | //iframe | //*[@src]")
    assert "url(" not in html and "@import" not in html
    assert page.xpath("//style") and page.xpath("//meta[@charset='utf-8']")


def test_clean_run_and_english():
    results = [FileResult("r.md", [], ReportFacts("r.md", "某局", "department", 2024, "cn-2021"))]
    page = lxml.html.document_fromstring(_page([], results, lang="en"))
    assert page.get("lang") == "en"
    assert "No findings." in page.text_content()
    assert "r.md" in page.get_element_by_id("clean").text_content()


def test_command_line_page_contains_each_finding(project, capsys):
    (project / "clean.md").write_text(CLEAN_MD, encoding="utf-8")
    (project / "fees.md").write_text(NO_FEE_MD, encoding="utf-8")
    (project / "totals.md").write_text(BAD_TOTAL_MD, encoding="utf-8")
    (project / "odd.txt").write_text('<b>not a report</b> & "quotes"\n', encoding="utf-8")
    code, out, _ = gaolint("check", "--format", "json", ".", capsys=capsys)
    expected = findings_of(out)
    assert len(expected) >= 4
    code, out, err = gaolint("check", "--format", "html", "--output", "report.html", ".", capsys=capsys)
    assert code == 1 and out == "" and "4 个文件" in err
    html = (project / "report.html").read_text(encoding="utf-8")
    page = lxml.html.document_fromstring(html)
    items = page.get_element_by_id("details").xpath(".//div[contains(@class, 'finding')]")
    assert len(items) == len(expected)
    shown = [item.text_content() for item in items]
    for finding in expected:
        assert any(finding["rule"] in text and finding["message"] in text for text in shown), finding
    assert '<b>not a report</b> & "quotes"' in page.text_content()
    agencies = [th.text_content() for th in page.xpath("//table[@class='matrix']/tbody/tr/th")]
    assert "青禾县农业农村局" in agencies and "odd.txt" in agencies


# --- A report for a collection: counts per rule, filters, table places, natural order, time --

def _collection():
    results = [
        FileResult("reports/县政府10.md", [], ReportFacts("reports/县政府10.md", "青禾县人民政府", "government", 2024, "cn-2021")),
        FileResult("reports/县政府2.md", [], ReportFacts("reports/县政府2.md", "青禾县人民政府", "government", 2023, "cn-2021")),
        FileResult("reports/教育局1.md", [], ReportFacts("reports/教育局1.md", "青禾县教育局", "department", 2024, "cn-2021")),
        FileResult("reports/readme.txt", [], None),
    ]
    placed = Finding("GAO303", "results-total", Severity.ERROR, Message("三（七）总计“法律服务机构”列为 0", "the total is 0"),
                     "reports/县政府10.md", Location(78, 35, 36, "表三 “(七)总计”行 “法律服务机构”列"), "| 0 |")
    findings = [
        placed,
        _finding("reports/县政府2.md", 5, severity=Severity.WARNING, rule="GAO204"),
        _finding("reports/县政府2.md", 9, rule="GAO303"),
        _finding("reports/教育局1.md", 3, rule="GAO401"),
        _finding("reports/readme.txt", 1, rule="GAO002", severity=Severity.WARNING),
    ]
    return findings, results


def _full_page(lang="zh"):
    from gaolint.catalog import rule_infos

    findings, results = _collection()
    context = OutputContext(lang=lang, files=len(results), catalog=rule_infos(lang), reports=report_rows(results))
    return lxml.html.document_fromstring(render(findings, context)), findings


def test_counts_per_rule():
    page, findings = _full_page()
    rows = page.get_element_by_id("rules").xpath(".//tbody/tr")
    counts = {tr.xpath("./td")[0].text_content().split()[0]: (int(tr.xpath("./td")[2].text_content()),
                                                              int(tr.xpath("./td")[3].text_content())) for tr in rows}
    assert counts == {"GAO303": (2, 2), "GAO204": (1, 1), "GAO401": (1, 1), "GAO002": (1, 1)}
    assert rows[0].xpath("./td")[0].text_content().startswith("GAO303 办理结果合计错误")  # most frequent first, zh name


def test_filters_by_rule_severity_and_agency_need_no_script():
    page, findings = _full_page()
    html = lxml.html.tostring(page, encoding="unicode")
    assert not page.xpath("//script")
    radios = {i.get("id") for i in page.xpath("//input[@type='radio']")}
    assert {"fs-all", "fs-error", "fs-warning", "fs-note", "fr-all", "fa-all"} <= radios
    assert {f"fr-{f.rule}" for f in findings} <= radios
    agencies = {label.text_content(): label.get("for") for label in page.xpath("//nav[@class='filters']//label")
                if label.get("for", "").startswith("fa-") and label.get("for") != "fa-all"}
    assert set(agencies) == {"青禾县人民政府", "青禾县教育局", "（机关不明）"}
    style = page.xpath("//style")[0].text
    for finding in findings:
        assert f"#fr-{finding.rule}:checked ~ #details .finding:not(.r-{finding.rule})" in style
    assert "#fs-error:checked ~ #details .finding:not(.s-error)" in style
    # Each report carries its agency's class, each finding its rule and severity classes.
    government = agencies["青禾县人民政府"].split("-")[1]
    reports = page.get_element_by_id("details").xpath(".//article")
    assert {a.get("class").split()[-1] for a in reports if "县政府" in a.text_content()} == {f"a-{government}"}
    assert f"#fa-{government}:checked ~ #details .report:not(.a-{government})" in style
    for item in page.xpath("//div[contains(@class,'finding')]"):
        assert any(c.startswith("r-GAO") for c in item.get("class").split()) and " s-" in " " + item.get("class")
    assert "fa-" in html


def test_a_table_finding_names_its_row_and_column():
    page, _ = _full_page()
    (place,) = page.xpath("//p[@class='table-place']")
    assert place.text_content() == "表三 “(七)总计”行 “法律服务机构”列"
    assert [b.text_content() for b in place.xpath(".//b")] == ["(七)总计", "法律服务机构"]
    english, _ = _full_page("en")
    assert english.xpath("//p[@class='table-place']")[0].text_content() == "table 3, row “(七)总计”, column “法律服务机构”"


def test_file_names_sort_naturally_and_the_run_time_is_shown(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 00:00:00 UTC
    page, _ = _full_page()
    titles = [h.text_content() for h in page.get_element_by_id("details").xpath(".//h3")]
    assert titles.index("reports/县政府2.md") < titles.index("reports/县政府10.md")
    government_cells = [a.get("title") for a in page.get_element_by_id("matrix").xpath(".//a")]
    assert government_cells.index("reports/县政府2.md") < government_cells.index("reports/县政府10.md")
    assert page.xpath("//p[contains(@class,'run-time')]")[0].text_content() == "检查时间：2026-01-01 00:00:00 +0000"


def test_natural_key():
    from gaolint.output.html import natural_key

    assert sorted(["r10.txt", "r2.txt", "r1.txt", "a.txt"], key=natural_key) == ["a.txt", "r1.txt", "r2.txt", "r10.txt"]
