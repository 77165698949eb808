"""The report's own title, agency and year on pages that list other reports around it.

Sites print a column of other agencies' or other years' reports, a 相关报告 / 热点推荐 list,
上一篇 / 下一篇 links and breadcrumbs before a report; text copied or crawled from such a page
keeps them above the title. The first title on the page is then another report's: the report
got that report's agency and year, false GAO202/GAO203/GAO204 findings, and in a folder of one
agency's reports wrong GAO601/GAO602 pairs. Every fixture here is written for this file (the
report body comes from the test builder; the site's lists are invented), in the shapes such
pages have.
"""

from __future__ import annotations

import pytest

from gaolint.engine import Settings, lint_file, read_report
from gaolint.formats import load_common
from gaolint.parse.metadata import agency_from_title
from gaolint.repository import check_repository
from tests.builder import build_document, render_text, sample_spec
from tests.builder.html import _block

from .conftest import rules_of

AGENCY = "临溪县人民政府"
DEPARTMENTS = ["临溪县教育局", "临溪县民政局", "临溪县财政局", "临溪县卫生健康局", "临溪县自然资源局", "东坪镇人民政府", "临溪县审计局"]


def _chain(years=(2021, 2022, 2023, 2024), seed: int = 5):
    """One agency's consistent reports for consecutive years."""
    specs = [sample_spec(seed, year=years[0], agency=AGENCY, kind="government")]
    for offset, _ in enumerate(years[1:], 1):
        specs.append(sample_spec(seed + offset, previous=specs[-1]))
    return specs


SPECS = _chain()
SPEC = SPECS[2]  # 2023
YEAR = SPEC.year
TITLE = f"{AGENCY}{YEAR}年政府信息公开工作年度报告"


def _title(agency: str, year: int) -> str:
    return f"{agency}{year}年政府信息公开工作年度报告"


OTHER_AGENCIES = [_title(a, YEAR) for a in DEPARTMENTS]
OTHER_YEARS = [_title(AGENCY, y) for y in range(YEAR - 1, YEAR - 7, -1)]
LAST_YEAR_OTHERS = [_title(a, YEAR - 1) for a in DEPARTMENTS[:5]]


def _page(chrome=(), *, title: str | None = None, after_title=(), tail=(), spec=SPEC) -> str:
    """The builder's report as text copied from a page: ``chrome`` above the title, ``title``
    instead of the report's own, ``after_title`` between it and the body, ``tail`` below."""
    lines = render_text(build_document(spec), "pipe").rstrip("\n").split("\n")
    if title is not None:
        lines[0] = title
    return "\n".join([*chrome, lines[0], *after_title, *lines[1:], *tail]) + "\n"


def _read(tmp_path, text: str, name: str = "report.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    report, failure = read_report(str(path), name)
    assert failure is None
    return report, lint_file(str(path), Settings()).findings


def test_the_page_without_lists_is_clean(tmp_path):
    report, findings = _read(tmp_path, _page())
    assert (report.agency, report.year, report.title) == (AGENCY, YEAR, TITLE)
    assert findings == []


#: The lists real pages print above a report's title, copied with the page's text.
SIDEBARS = {
    "left column of other agencies": ["栏目导航", *OTHER_AGENCIES],
    "left column of other years": OTHER_YEARS,
    "other years, each with its date": [f"{t} {YEAR - i}-01-2{i}" for i, t in enumerate(OTHER_YEARS)],
    "bulleted entries": [f"· {t}" for t in LAST_YEAR_OTHERS],
    "numbered entries": [f"{i}. {t}" for i, t in enumerate(LAST_YEAR_OTHERS, 1)],
    "dated entries": [f"【{YEAR}-0{i}-15】{t}" for i, t in enumerate(LAST_YEAR_OTHERS, 1)],
    "related reports": ["相关报告", *LAST_YEAR_OTHERS],
    "hot and related links": ["热点推荐", *LAST_YEAR_OTHERS[:3], "相关链接", *OTHER_YEARS[:3]],
    "previous and next on one line each": [f"上一篇：{OTHER_YEARS[0]}", f"下一篇：{OTHER_AGENCIES[0]}"],
    "previous and next with the title below the label": ["上一篇：", OTHER_YEARS[0], "下一篇：", OTHER_AGENCIES[0]],
    "breadcrumbs": ["首页 > 政务公开 > 年度报告", f"首页 > 政务公开 > 政府信息公开年报 > {OTHER_YEARS[0]}"],
    "crawler header and a list": [f"标题：{TITLE}", f"发布时间：{YEAR + 1}-01-20", "原文链接：http://www.linxi.gov.cn/zwgk/nb/1.html",
                                  "首页 > 政务公开 > 年度报告", *OTHER_YEARS[:4]],
    "page title with the site's name, then the heading": [f"{TITLE}_临溪县人民政府门户网站", "首页 > 政务公开 > 年度报告",
                                                         *OTHER_AGENCIES[:3]],
}


@pytest.mark.parametrize("chrome", list(SIDEBARS.values()), ids=list(SIDEBARS))
def test_a_list_of_other_reports_above_the_title(tmp_path, chrome):
    report, findings = _read(tmp_path, _page(chrome))
    assert (report.agency, report.year, report.format_version) == (AGENCY, YEAR, "cn-2021")
    assert findings == [], [(f.rule, f.message.zh) for f in findings]


def test_a_list_between_the_title_and_the_body_leaves_the_title(tmp_path):
    report, findings = _read(tmp_path, _page(after_title=["相关报告", *OTHER_YEARS[:4]]))
    assert (report.agency, report.year, report.title) == (AGENCY, YEAR, TITLE)
    assert findings == []


@pytest.mark.parametrize("chrome", [OTHER_AGENCIES, OTHER_YEARS], ids=["other agencies", "other years"])
def test_a_title_without_its_agency_below_a_list(tmp_path, chrome):
    """The agency comes from the report (its opening or signature), not from the list."""
    report, findings = _read(tmp_path, _page(chrome, title=f"{YEAR}年政府信息公开工作年度报告"))
    assert (report.agency, report.year) == (AGENCY, YEAR)
    assert findings == []


def test_a_2008_era_report_below_newer_reports_keeps_its_format(tmp_path):
    """A 2018 report under links to the 2019-2021 reports: their years would make it cn-2019."""
    spec = sample_spec(3, year=2018, version="cn-2008", agency=AGENCY, kind="government")
    newer = [_title(AGENCY, y) for y in (2021, 2020, 2019)]
    report, findings = _read(tmp_path, _page(["往年报告", *newer], spec=spec))
    assert (report.agency, report.year, report.format_version) == (AGENCY, 2018, "cn-2008")
    assert findings == [], [(f.rule, f.message.zh) for f in findings]


def test_a_page_without_a_period_or_signature_keeps_the_last_title_before_the_body(tmp_path):
    """Nothing in the body names a year or an agency: the title just above the first sentence
    is the report's, not a sidebar entry before it."""
    text = "\n".join([*OTHER_AGENCIES[:4], TITLE, "本年度，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，各项工作有序推进。"])
    report, _ = _read(tmp_path, text + "\n")
    assert (report.title, report.agency, report.year) == (TITLE, AGENCY, YEAR)


def test_an_index_of_the_agencys_reports_is_still_a_list_page(tmp_path):
    lines = ["首页 > 政务公开 > 政府信息公开年报", *(f"· {_title(AGENCY, y)} {y + 1}-01-18" for y in range(2024, 2019, -1)),
             "共5条 首页 上一页 下一页 尾页"]
    _, findings = _read(tmp_path, "\n".join(lines) + "\n")
    assert [f.rule for f in findings] == ["GAO002"] and "列出 5 份报告" in findings[0].message.zh


def test_a_report_whose_list_is_in_the_html_content(tmp_path):
    """A page whose 'latest reports' entries are plain paragraphs in the report's own element:
    the HTML reader keeps them, the title is still the report's."""
    document = build_document(SPEC)
    body = "\n".join(_block(block) for block in document.blocks)
    side = "".join(f"<p>{t}</p>" for t in OTHER_AGENCIES[:6])
    page = (f'<html><head><meta charset="utf-8"><title>{TITLE}</title></head>'
            f"<body><div>{side}{body}</div></body></html>")
    report, findings = _read(tmp_path, page, name="report.html")
    assert (report.agency, report.year) == (AGENCY, YEAR)
    assert findings == []


def _folder(tmp_path, tweak=None):
    paths = []
    for spec in SPECS:
        years = [_title(AGENCY, y) for y in range(2021, 2026) if y != spec.year]
        others = [_title(a, spec.year) for a in DEPARTMENTS[:5]]
        for shape, chrome in (("years", ["首页 > 政务公开 > 政府信息公开年报", "最新报告", *years]), ("agencies", ["相关报告", *others])):
            text = _page(chrome, spec=spec)
            if tweak:
                text = tweak(spec, shape, text)
            path = tmp_path / f"{shape}-{spec.year}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))
    results = [lint_file(p, Settings()) for p in paths]
    facts = [r.facts for r in results if r.facts is not None]
    return results, facts, check_repository(facts, Settings())


def test_a_folder_of_one_agencys_crawled_pages_is_quiet(tmp_path):
    results, facts, repository = _folder(tmp_path)
    assert sorted((f.agency, f.year) for f in facts) == sorted((AGENCY, s.year) for s in SPECS for _ in range(2))
    assert [f for r in results for f in r.findings] == [] and repository == []


def test_a_folder_still_reports_a_true_carry_over_mismatch(tmp_path):
    """Last year's 结转 changed in the 2023 pages: GAO601 names those pages only."""
    def tweak(spec, shape, text):
        if spec.year != 2023:
            return text
        row = next(line for line in text.split("\n") if line.startswith("二、上年结转"))
        cells = row.split(" | ")
        cells[1], cells[7] = str(int(cells[1]) + 2), str(int(cells[7]) + 2)  # 自然人 and 总计
        return text.replace(row, " | ".join(cells))

    _, _, repository = _folder(tmp_path, tweak)
    assert {f.rule for f in repository} == {"GAO601"}
    assert {f.path.rsplit("/", 1)[-1] for f in repository} == {"years-2023.txt", "agencies-2023.txt"}


@pytest.mark.parametrize("title,agency", [
    ("标题: 临溪县人民政府2023年政府信息公开工作年度报告", AGENCY),
    ("标题：临溪综合实验区2023年度政府信息公开工作年度报告", "临溪综合实验区"),
    ("文章标题：临溪县教育局2023年政府信息公开工作年度报告", "临溪县教育局"),
])
def test_a_label_before_the_title_is_not_the_agency(title, agency):
    assert agency_from_title(title) == agency


def test_link_words_and_labels_are_data():
    common = load_common()
    assert {"上一篇", "下一篇", "相关链接"} <= set(common.title_links)
    assert "标题" in common.title_labels


def test_crawled_pages_name_their_agency_without_the_crawlers_label(corpus):
    for name, agency in (("pingtan-2021.txt", "平潭综合实验区"), ("pingtanxian-2011.txt", "平潭县人民政府")):
        path = corpus / "crawled" / name
        if not path.exists():
            pytest.skip(f"{name} is not in the corpus")
        report, failure = read_report(str(path), name)
        assert failure is None and report.agency == agency


#: What pages print below a report: its dates are not the report's signing date.
TAILS = {
    "related reports with dates in Chinese": ["相关报告", *(f"{t}（{YEAR + 1}年5月{i}日）" for i, t in enumerate(LAST_YEAR_OTHERS, 1))],
    "a list of titles, then the page's date": [*LAST_YEAR_OTHERS[:3], f"{YEAR + 1}-06-03"],
    "previous and next": [f"上一篇：{OTHER_YEARS[0]}", f"下一篇：{OTHER_AGENCIES[0]}", f"{YEAR + 1}年6月3日"],
}


@pytest.mark.parametrize("tail", list(TAILS.values()), ids=list(TAILS))
def test_a_list_below_the_report_is_not_its_signature(tmp_path, tail):
    report, findings = _read(tmp_path, _page(tail=tail))
    assert report.signing_date is not None and report.signing_date.date == SPEC.signed_on
    assert (report.agency, report.year) == (AGENCY, YEAR)
    assert findings == [], [(f.rule, f.message.zh) for f in findings]


def test_a_late_signature_above_a_list_is_still_gao204(tmp_path):
    text = _page(tail=["相关报告", *LAST_YEAR_OTHERS]).replace(
        f"{SPEC.signed_on.year}年{SPEC.signed_on.month}月{SPEC.signed_on.day}日", f"{YEAR + 1}年7月1日")
    report, findings = _read(tmp_path, text)
    assert report.signing_date is not None and report.signing_date.date.month == 7
    assert rules_of(findings) == {"GAO204"}


@pytest.mark.parametrize("chrome", [[], OTHER_AGENCIES[:3]], ids=["alone", "below a list"])
def test_a_title_without_agency_and_no_signature_takes_the_compiler_of_the_opening(tmp_path, chrome):
    body = ["本报告由临溪县人民政府办公室根据《中华人民共和国政府信息公开条例》编制。本报告所列数据的统计期限为2023年1月1日至2023年12月31日。",
            "一、总体情况", "2023年，我县继续推进政府信息公开工作，各项制度运行平稳。"]
    report, _ = _read(tmp_path, "\n".join([*chrome, "2023年政府信息公开工作年度报告", *body]) + "\n")
    assert (report.agency, report.year) == (AGENCY, 2023)


MENU = ["网站首页", "机构概况", "政务公开", "办事服务", "互动交流", "当前位置：首页 > 政务公开 > 年度报告",
        *(f"栏目{i}" for i in range(30))]


@pytest.mark.parametrize("chrome", [MENU + OTHER_AGENCIES, MENU + OTHER_YEARS, OTHER_YEARS + MENU],
                         ids=["menus, then other agencies", "menus, then other years", "other years, then menus"])
def test_menus_and_lists_longer_than_a_screen(tmp_path, chrome):
    """The site's menus and lists fill the first screen: the title below them is still found."""
    report, findings = _read(tmp_path, _page(chrome))
    assert (report.title, report.agency, report.year) == (TITLE, AGENCY, YEAR)
    assert findings == [], [(f.rule, f.message.zh) for f in findings]


def _crawled(before_page: str = "", header: bool = True) -> str:
    """The report as a crawler saves it (header lines, then the whole page on one line), with
    ``before_page`` in front of the page's line."""
    from tests.builder.crawled import render_crawled

    text = render_crawled(build_document(SPEC), TITLE, YEAR, seed=1)
    top, rule, page = text.partition("==================== 正文 ====================\n")
    return (top + rule if header else "") + before_page + page


CRAWLED = {
    "the crawler's header, a related list on the page's line": _crawled("相关链接： " + " ".join(OTHER_YEARS[:4]) + " "),
    "the crawler's header, a list on lines of its own": _crawled("\n".join(OTHER_AGENCIES) + "\n"),
    "no header, a related list on the page's line": _crawled("相关链接： " + " ".join(OTHER_YEARS[:4]) + " ", header=False),
    "no header, a hot list on the page's line": _crawled("热点推荐 " + " ".join(OTHER_AGENCIES[:5]) + " ", header=False),
    "no header, other years on lines of their own": _crawled("\n".join(OTHER_YEARS) + "\n", header=False),
}


@pytest.mark.parametrize("text", list(CRAWLED.values()), ids=list(CRAWLED))
def test_crawled_pages_with_lists(tmp_path, text):
    """Only the glued tables' damage notes (GAO003), as on the page without the list."""
    report, findings = _read(tmp_path, text)
    assert (report.agency, report.year, report.format_version) == (AGENCY, YEAR, "cn-2021")
    assert rules_of(findings) <= {"GAO003"}, [(f.rule, f.message.zh) for f in findings]
    _, plain = _read(tmp_path, _crawled(), name="plain.txt")
    assert sorted(f.rule for f in findings) == sorted(f.rule for f in plain)


@pytest.mark.parametrize("chrome", [["相关报告", *LAST_YEAR_OTHERS], OTHER_YEARS[:4]], ids=["other agencies", "other years"])
def test_an_announcement_page_below_a_list_names_its_own_report(tmp_path, chrome):
    """A page announcing the report as an attachment, below a list: one GAO002, and the
    report's agency and year are the announced report's (for --summary and the repository)."""
    lines = [*chrome, TITLE, f"发布时间：{YEAR + 1}-01-20", f"现将{TITLE}予以公布，详见附件。", f"附件：{TITLE}.pdf"]
    report, findings = _read(tmp_path, "\n".join(lines) + "\n")
    assert (report.title, report.agency, report.year) == (TITLE, AGENCY, YEAR)
    assert [f.rule for f in findings] == ["GAO002"]


def test_a_department_signed_by_its_office_below_other_departments(tmp_path):
    spec = sample_spec(8, year=2023, agency="临溪县民政局", kind="department", signer="临溪县民政局办公室")
    others = [_title(a, 2023) for a in ("临溪县教育局", "临溪县财政局", "临溪县人民政府")]
    report, findings = _read(tmp_path, _page(["相关报告", "热门文章", *others], spec=spec))
    assert (report.agency, report.year) == ("临溪县民政局", 2023)
    assert findings == [], [(f.rule, f.message.zh) for f in findings]


# --- any report, any list: the findings are those of the report alone --------------------------

def _random_chrome(rng, spec) -> tuple[list[str], list[str]]:
    """A site's lists above and below a report, drawn from the shapes above: other agencies of
    its place and other years of its own agency, bulleted, numbered, dated or bare, under a
    heading or not, with 上一篇/下一篇 links and a breadcrumb."""
    from tests.builder import names

    place = next((p for p in names.PLACES if spec.agency.startswith(p)), spec.agency[:3])
    agencies = [f"{place}{d}" for d in rng.sample(names.DEPARTMENTS, 4)] + [f"{place}人民政府"]
    agencies = [a for a in agencies if a != spec.agency]
    years = [y for y in range(spec.year - 4, spec.year + 3) if y != spec.year]
    entries = [_title(a, spec.year) for a in agencies[:3]] + [_title(spec.agency, y) for y in rng.sample(years, 3)]
    rng.shuffle(entries)
    shape = rng.choice(["bare", "bullet", "number", "date-after", "date-before"])
    marked = [
        {"bare": t, "bullet": f"· {t}", "number": f"{i}. {t}", "date-after": f"{t} {spec.year + 1}-0{i}-1{i}",
         "date-before": f"[{spec.year + 1}-0{i}-0{i}] {t}"}[shape]
        for i, t in enumerate(entries, 1)
    ]
    above: list[str] = []
    if rng.random() < 0.5:
        above.append("首页 > 政务公开 > 政府信息公开年报")
    if rng.random() < 0.5:
        above.append(rng.choice(["相关报告", "热点推荐", "往年报告", "栏目导航"]))
    above += marked
    if rng.random() < 0.5:
        above += [f"上一篇：{entries[0]}", f"下一篇：{entries[-1]}"]
    below = rng.choice([[], ["相关报告", *marked[:3]], [f"上一篇：{entries[1]}", f"下一篇：{entries[2]}"]])
    return above, below


@pytest.mark.parametrize("seed", range(24))
def test_any_report_below_any_list_reads_as_the_report_alone(tmp_path, seed):
    import random

    rng = random.Random(seed)
    version = ("cn-2021", "cn-2019", "cn-2008")[seed % 3]
    spec = sample_spec(100 + seed, version=version)
    above, below = _random_chrome(rng, spec)
    alone, alone_findings = _read(tmp_path, _page(spec=spec), name="alone.txt")
    listed, listed_findings = _read(tmp_path, _page(above, tail=below, spec=spec), name="listed.txt")
    assert (listed.agency, listed.year, listed.format_version) == (alone.agency, alone.year, alone.format_version)
    assert alone.year == spec.year
    shift = len(above)
    assert sorted((f.rule, f.location.line - shift) for f in listed_findings) == sorted(
        (f.rule, f.location.line) for f in alone_findings)


def test_a_closing_sentence_that_starts_like_a_link_keeps_the_signature(tmp_path):
    """相关信息… as a sentence of the report is no 相关信息： link: the signing date below it
    is still read (a late one still GAO204)."""
    late = f"{YEAR + 1}年7月1日"
    text = _page().replace(f"{SPEC.signed_on.year}年{SPEC.signed_on.month}月{SPEC.signed_on.day}日", late)
    lines = text.rstrip("\n").split("\n")
    lines[-2:-2] = ["相关信息已在本机关门户网站政府信息公开专栏同步发布。"]
    report, findings = _read(tmp_path, "\n".join(lines) + "\n")
    assert report.signing_date is not None and report.signing_date.date.month == 7
    assert rules_of(findings) == {"GAO204"}
