"""``--format html``: one self-contained page for people, parsed as a browser would."""

from __future__ import annotations

import lxml.html

from gaolint.engine import FileResult, ReportFacts
from gaolint.model import Finding, Location, Message, Severity
from gaolint.output.context import OutputContext
from gaolint.output.html import render_page
from tests.test_config import BAD_TOTAL_MD, CLEAN_MD, NO_FEE_MD, findings_of, gaolint, project  # noqa: F401


def _finding(path, line, rule="GAO303", severity=Severity.ERROR, text="| 6 |", column=3, end=4):
    return Finding(rule, "results-total", severity, Message(f"{rule} 的问题", f"{rule} problem"), path, Location(line, column, end), text)


def _page(findings, results, lang="zh"):
    context = OutputContext(lang=lang, files=len(results), clean=sum(1 for r in results if r.path not in {f.path for f in findings}))
    return render_page(findings, context, results)


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
