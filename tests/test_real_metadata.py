"""Issue 12 items 4-12: report metadata as real published reports write it.

Every fixture here is written for this file, in its own words, in the shapes real pages have:
site menus and breadcrumbs before the title, a cited provincial notice, run-in sentences, odd
separators. Each behaviour has a case that must be reported and one that must not.
"""

from __future__ import annotations

from datetime import date

import pytest

from gaolint.engine import Settings, lint_file, read_report
from gaolint.format_data import CommonSpec, FormatDataError, check_format
from gaolint.parse.metadata import agency_kind, normalise_agency
from tests.builder import build_document, render_text, sample_spec, to_traditional

from .conftest import rules_of

# --- a free-form (2008 regulation) report, assembled from parts ------------------------------

TITLE = "青禾县人民政府2012年政府信息公开工作年度报告"
OPENING = "本报告依据《中华人民共和国政府信息公开条例》编制，由概述、主动公开、依申请公开等部分组成。"
PERIOD = "本报告所列数据的统计期限为2012年1月1日至2012年12月31日。"
CONTACT = "如对本报告有疑问，请与青禾县人民政府办公室联系（地址：青禾县南街8号；邮编：365100；电话：0598-5123456）。"
BODY = [
    "一、概述",
    "2012年，我县继续推进政府信息公开工作，各项制度运行平稳。",
    "二、主动公开政府信息情况",
    "全年主动公开政府信息1320条，其中通过门户网站公开1100条。",
    "三、依申请公开政府信息和不予公开政府信息情况",
    "全年共受理依申请公开12件，均已按时答复。",
    "四、政府信息公开的收费及减免情况",
    "FEE",
    "五、因政府信息公开申请行政复议、提起行政诉讼的情况",
    "全年未发生因政府信息公开申请提起的行政复议和行政诉讼。",
    "六、政府信息公开工作存在的主要问题及改进情况",
    "部分单位更新不够及时，明年将加强督促检查，定期通报更新情况。",
]
FEE = "本年度未收取任何费用，无减免情况。"
SIGNATURE = ["青禾县人民政府办公室", "2013年3月12日"]


def free_form(*, title=TITLE, chrome=(), opening=OPENING, period=PERIOD, contact=CONTACT, fee=FEE,
              body=None, signature=SIGNATURE) -> str:
    lines = list(chrome)
    if title:
        lines.append(title)
    lines.append(" ".join(part for part in (opening, period, contact) if part))
    lines.extend(fee if line == "FEE" else line for line in (body if body is not None else BODY))
    lines.extend(signature)
    return "\n".join(lines) + "\n"


def _lint(tmp_path, text: str, name: str = "report.txt", settings: Settings | None = None):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return lint_file(str(path), settings or Settings()).findings


def _report(tmp_path, text: str, name: str = "report.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    report, failure = read_report(str(path), name)
    assert failure is None
    return report


@pytest.mark.parametrize("line,title", [
    ("| 标题: | 青禾县民政局2012年政府信息公开工作年度报告 | ||", "青禾县民政局2012年政府信息公开工作年度报告"),
    ("名 称: 青禾县民政局2012年政府信息公开工作年度报告", "青禾县民政局2012年政府信息公开工作年度报告"),
    ("标 题 | 青禾县民政局2012年政府信息公开工作年度报告 | ||", "青禾县民政局2012年政府信息公开工作年度报告"),
    ("内容概述 | 青禾县民政局2012年政府信息公开工作年度报告 | ||", "青禾县民政局2012年政府信息公开工作年度报告"),
    ("标      题 青禾县民政局2012年政府信息公开工作年度报告", "青禾县民政局2012年政府信息公开工作年度报告"),
])
def test_a_label_before_the_title_is_not_the_title_or_the_agency(tmp_path, line, title):
    """A page's metadata label (in a table's cells, or spaced) is neither the title's text nor
    the agency's name (the agency was read as ``|标题:|青禾县民政局``)."""
    report = _report(tmp_path, free_form(title=line))
    assert (report.title, report.agency) == (title, "青禾县民政局")


@pytest.mark.parametrize("title", ["青禾县卫生健康委2012年政府信息公开工作报告", "青禾县人民政府2012年度政府信息公开工作报告",
                                   "青禾县统计局政府信息公开工作2012年度报告", "青禾县人民政府政府信息公开2012年度报告"])
def test_a_title_ending_in_gongzuo_baogao_is_the_title(tmp_path, title):
    """…政府信息公开工作报告 without 年度 is the report's title (its year was not read: the
    period, deadline and year checks had nothing to compare with)."""
    report = _report(tmp_path, free_form(title=title))
    assert (report.title, report.year) == (title, 2012)
    late = free_form(title=title, period="本报告所列数据的统计期限为2011年1月1日至2011年12月31日。")
    assert "GAO202" in rules_of(_lint(tmp_path, late, name="late.txt"))


def test_the_free_form_fixture_is_clean(tmp_path):
    findings = _lint(tmp_path, free_form())
    assert rules_of(findings) == set(), [(f.rule, f.message.zh) for f in findings]


# --- item 4: statistics-period wordings ---------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "本报告涵盖2012年1月1日至2012年12月31日期间全县政府信息公开工作情况。",
    "报告统计日期自2012年1月1日至2012年12月31日。",
    "本报告所列数据的期限从2012年1月1日至2012年12月31日。",
    "本报告所列数据自2012年1月1日起至2012年12月31日止。",
    "报告时间跨度为2012年1月1日—12月31日。",
    "统计时限：2012年1月1日到2012年12月31日。",
    "所列统计数据时间范围为2012年1月1日至2012年12月31日。",
    "所列数据统计期限自2012年1月1日起到2012年12月31日止。",
    "报告中所列数据统计期限为2012年1月1日0时至2012年12月31日24时。",
    "本报告所列数据统计期限为2012.1.1—2012.12.31。",
    "本报告统计时限为2012/01/01至2012/12/31。",
    "本报告统计期限为2012-01-01至2012-12-31。",
    # Months and days in Chinese numerals (the year too: the normaliser writes it in digits),
    # mixed with Arabic ones, and 元月 for January. 二〇一二年一月一日 gave GAO201.
    "本报告所列数据的统计期限为二〇一二年一月一日至二〇一二年十二月三十一日。",
    "统计期限为二○一二年一月一日至十二月三十一日。",
    "统计期限为2012年元月1日至2012年12月31日。",
    "本报告统计期限自二〇一二年元月一日起至二〇一二年十二月三十一日止。",
    # A comma after 起 (GAO201 before), 开始 for 起, 截至/截止 for 至.
    "本报告中所列数据统计期限自2012年1月1日起，至2012年12月31日止。",
    "统计期限：2012年1月1日起,至12月31日止。",
    "本报告统计期限自2012年1月1日开始至2012年12月31日结束。",
    "本报告所列数据统计期限自2012年1月1日起截至2012年12月31日。",
    "统计期限为2012.1.1起，至2012.12.31止。",
    "报告中所列数据统计期限自2012年1月1日始至2012年12月31日止。",  # 始 for 起 (GAO201 before)
    "报告中数据核定时间为2012年1月1日起至2012年12月31日止。",  # (GAO201 before)
    "本报告统计期限从2012年1月1日至12月31止。",  # 日 left out before 止 (GAO201 before)
    # Session 11 (each GAO201 before): 截止到, the hour in words or on a clock, 起止日期.
    "本报告统计期限从2012年1月1日开始，截止到2012年12月31日。",
    "统计期限为2012年1月1日零时起至2012年12月31日二十四时止。",
    "统计期限为2012年1月1日0:00至2012年12月31日24:00。",
    "本报告统计起止日期为2012年1月1日至2012年12月31日。",
])
def test_period_wordings_are_read(tmp_path, sentence):
    report = _report(tmp_path, free_form(period=sentence))
    assert report.period is not None and report.period.start == date(2012, 1, 1)
    assert report.period.end == date(2012, 12, 31)
    assert not rules_of(_lint(tmp_path, free_form(period=sentence))) & {"GAO201", "GAO202"}


@pytest.mark.parametrize("sentence,end", [
    ("统计期限为2012年1月至12月。", date(2012, 12, 31)),
    ("统计期限为2012年1-12月。", date(2012, 12, 31)),  # the first month without 月 (GAO201 before)
    ("本报告所列数据均为2012年度数据。", date(2012, 12, 31)),  # 均为 (GAO201 before)
    ("本报告统计期限为2012年度。", date(2012, 12, 31)),
    ("统计时间为2012年全年。", date(2012, 12, 31)),
    ("统计期限为2012年1月份至2012年6月份。", date(2012, 6, 30)),
    ("统计期限为2012年1月起，至12月止。", date(2012, 12, 31)),
])
def test_periods_in_months_or_whole_years(tmp_path, sentence, end):
    report = _report(tmp_path, free_form(period=sentence))
    assert report.period is not None and report.period.start == date(2012, 1, 1) and report.period.end == end
    findings = _lint(tmp_path, free_form(period=sentence))
    assert ("GAO202" in rules_of(findings)) == (end != date(2012, 12, 31))
    assert "GAO201" not in rules_of(findings)


@pytest.mark.parametrize("sentence", ["统计期限为2012.1.1—2012.6.30。", "统计期限为2012年1月1日0时至2012年6月30日24时。"])
def test_a_short_period_written_with_dots_or_hours_is_gao202(tmp_path, sentence):
    findings = _lint(tmp_path, free_form(period=sentence))
    assert "GAO202" in rules_of(findings) and not rules_of(findings) & {"GAO201", "GAO003"}
    assert "2012年6月30日" in next(f for f in findings if f.rule == "GAO202").message.zh


def test_a_half_year_period_in_chinese_numerals_is_gao202(tmp_path):
    findings = _lint(tmp_path, free_form(period="统计期限为二〇一二年一月一日至二〇一二年六月三十日。"))
    assert "GAO202" in rules_of(findings) and "GAO201" not in rules_of(findings)
    assert "2012年6月30日" in next(f for f in findings if f.rule == "GAO202").message.zh


@pytest.mark.parametrize("signed", ["二〇一三年三月十二日", "二○一三年三月十二日", "2013-03-12", "2013.3.12", "（2013年3月12日）",
                                    "2013年三月十二日", "2013年三月12日",
                                    "二0一三年三月十二日", "二O一三年三月十二日"])  # a digit 0, a letter O for 〇
def test_signing_dates_in_chinese_numerals_or_numeric_forms(tmp_path, signed):
    report = _report(tmp_path, free_form(signature=["青禾县人民政府办公室", signed]))
    assert report.signing_date is not None and report.signing_date.date == date(2013, 3, 12)


@pytest.mark.parametrize("signed", ["二〇一三年元月二十日", "2013年元月20日"])
def test_a_signature_in_january_written_yuanyue(tmp_path, signed):
    report = _report(tmp_path, free_form(signature=["青禾县人民政府办公室", signed]))
    assert report.signing_date is not None and report.signing_date.date == date(2013, 1, 20)


@pytest.mark.parametrize("footer", [
    ["发布日期：2014年6月3日"], ["【打印本页】", "发布时间：2014-06-03 09:30"], ["来源：青禾县人民政府办公室 2014年6月3日"],
    ["更新时间：2014年6月3日", "浏览次数：1024"],
])
def test_a_page_date_below_the_signature_is_not_the_signing_date(tmp_path, footer):
    """A crawled or saved page prints its own dates under the report: they are the site's, not
    the report's (rules/common.yaml ``site_dates``); a year late, they gave a false GAO204."""
    text = free_form(signature=["青禾县人民政府办公室", "2013年3月12日", *footer])
    report = _report(tmp_path, text)
    assert report.signing_date is not None and report.signing_date.date == date(2013, 3, 12)
    assert "GAO204" not in rules_of(_lint(tmp_path, text))


def test_a_late_signature_in_chinese_numerals_is_gao204(tmp_path):
    findings = _lint(tmp_path, free_form(signature=["青禾县人民政府办公室", "二〇一三年五月二十日"]))
    assert "GAO204" in rules_of(findings)
    assert "2013年5月20日" in next(f for f in findings if f.rule == "GAO204").message.zh


#: The statistics table 2008-format reports append below the signature, in our own figures.
ANNEX = ["附件1：青禾县人民政府2012年政府信息公开情况统计表", "指标名称 计量单位 2012年度 历年累计",
         *(f"{index}.某类信息数 条 {index} {index * 3}" for index in range(1, 15))]


@pytest.mark.parametrize("annex", [ANNEX, ANNEX[1:], ["附表", *ANNEX[1:]],
                                   [*ANNEX, "附件2：依申请公开情况统计表", *ANNEX[1:8]]])
def test_a_signature_above_an_annexed_statistics_table_is_read(tmp_path, annex):
    """The annex pushed the signature out of the ten lines read above the end: a late report
    with its statistics table annexed got no GAO204. (The annex's title may lack 附件.)"""
    annex = annex if annex[0] != ANNEX[1] else ["青禾县人民政府政府信息公开情况统计表", *annex]
    late = free_form(signature=["青禾县人民政府办公室", "2013年5月20日", "", *annex])
    report = _report(tmp_path, late)
    assert report.signing_date is not None and report.signing_date.date == date(2013, 5, 20)
    assert "GAO204" in rules_of(_lint(tmp_path, late))
    on_time = free_form(signature=["青禾县人民政府办公室", "2013年3月12日", "", *annex])
    assert "GAO204" not in rules_of(_lint(tmp_path, on_time, name="on_time.txt"))


@pytest.mark.parametrize("closing, signed", [
    ("青禾县人民政府 2013年5月20日", date(2013, 5, 20)),
    ("二○一三年五月二十日 青禾县人民政府政府信息公开情况统计表 指标名称 计量单位 2012年度", date(2013, 5, 20)),
    ("青禾县人民政府 2013年5月20日 附件1：统计表 指标名称 计量单位", date(2013, 5, 20)),
    ("青禾县人民政府办公室 2013年5月20日 附件下载", date(2013, 5, 20)),
    ("本报告自2013年5月20日起公开", None),  # a sentence's words before the date: no signature
    ("2013年5月20日前完成整改。", None),  # a sentence the date opens
    ("2013年5月20日起施行", None),
    ("青禾县人民政府 2013年5月20日印发的通知要求，各单位按时报送", None),
])
def test_a_signature_run_on_after_the_last_sentence_of_a_one_line_page(tmp_path, closing, signed):
    """A page saved as one line ends …便捷服务。 青禾县人民政府 2013年5月20日 (an annex may follow):
    its signature was never read, a long line being no signature line (no GAO204 when late)."""
    one_line = " ".join([OPENING, PERIOD, CONTACT, *BODY]).replace("FEE", FEE) + " " + closing
    text = "\n".join([TITLE, one_line]) + "\n"
    report = _report(tmp_path, text)
    assert (report.signing_date.date if report.signing_date else None) == signed
    assert ("GAO204" in rules_of(_lint(tmp_path, text))) == (signed is not None)


def test_a_website_footer_date_is_not_the_signing_date(tmp_path):
    report = _report(tmp_path, free_form(signature=["青禾县人民政府办公室", "更新时间：2013-06-30"]))
    assert report.signing_date is None


def test_the_first_reports_may_start_on_1_may_2008(tmp_path):
    def period(start: str) -> str:
        return free_form(title="青禾县人民政府2008年政府信息公开工作年度报告", period=f"统计期限为2008年{start}至2008年12月31日。",
                         signature=["青禾县人民政府办公室", "2009年3月12日"])
    assert "GAO202" not in rules_of(_lint(tmp_path, period("5月1日")))
    assert "GAO202" in rules_of(_lint(tmp_path, period("6月1日"), name="june.txt"))


def test_no_period_is_gao201(tmp_path):
    findings = _lint(tmp_path, free_form(period="全县各单位按要求报送了有关材料。"))
    assert "GAO201" in rules_of(findings)


def test_a_cut_off_of_31_december_of_the_report_year_is_a_stated_period(tmp_path):
    findings = _lint(tmp_path, free_form(period="统计期限截止2012年12月31日。"))
    assert not rules_of(findings) & {"GAO201", "GAO202"}
    findings = _lint(tmp_path, free_form(period="报告数据截止时间为2012年12月31日。"))
    assert not rules_of(findings) & {"GAO201", "GAO202"}


def test_a_cut_off_in_the_wrong_year_is_gao202(tmp_path):
    findings = _lint(tmp_path, free_form(period="统计期限截止2011年12月31日。"))
    assert "GAO202" in rules_of(findings) and "GAO201" not in rules_of(findings)
    wrong = next(f for f in findings if f.rule == "GAO202")
    assert "截止" in wrong.message.zh and "2012年12月31日" in wrong.message.zh


def test_period_wordings_are_data(tmp_path, monkeypatch):
    """A wording the data does not list is not read; adding the word to the data reads it."""
    from gaolint import formats

    sentence = "本报告反映2012年1月1日至2012年12月31日的工作。"
    assert "GAO201" in rules_of(_lint(tmp_path, free_form(period=sentence)))
    common = formats.load_common()
    extended = CommonSpec(period_keys=common.period_keys + ("反映",), cutoff=common.cutoff,
                          title_endings=common.title_endings, evidence=common.evidence,
                          agency_kinds=common.agency_kinds)
    monkeypatch.setattr(formats, "load_common", lambda: extended)
    assert "GAO201" not in rules_of(_lint(tmp_path, free_form(period=sentence), name="again.txt"))


# --- item 5: damaged dates --------------------------------------------------------------------

def test_both_period_dates_lost_is_gao003_and_gao201(tmp_path):
    findings = _lint(tmp_path, free_form(period="本报告所列数据统计期限自至。"))
    assert {"GAO003", "GAO201"} <= rules_of(findings)


@pytest.mark.parametrize("sentence", ["统计期限为2012111231。", "统计期限为201211-1231日。",
                                      "统计期限为20121月1日至12月31日。", "统计期限自2012年11日至20121231日止。"])
def test_period_dates_that_lost_their_marks_are_gao003_only(tmp_path, sentence):
    findings = _lint(tmp_path, free_form(period=sentence))
    assert "GAO003" in rules_of(findings)
    assert not rules_of(findings) & {"GAO201", "GAO202"}


def test_a_signing_date_that_lost_its_marks_is_gao003(tmp_path):
    findings = _lint(tmp_path, free_form(signature=["青禾县人民政府办公室", "013312"]))
    damaged = [f for f in findings if f.rule == "GAO003"]
    assert damaged and "013312" in damaged[0].message.zh
    assert "GAO003" not in rules_of(_lint(tmp_path, free_form(), name="ok.txt"))


def test_a_damaged_date_elsewhere_does_not_hide_a_missing_period(tmp_path):
    body = list(BODY)
    body[1] = "我县政务公开办公室于20078月成立，2012年继续推进各项工作。"
    findings = _lint(tmp_path, free_form(period="", body=body))
    assert {"GAO003", "GAO201"} <= rules_of(findings)
    # ... and with the period stated, only the damage is reported.
    assert "GAO201" not in rules_of(_lint(tmp_path, free_form(body=body), name="stated.txt"))


# --- item 6: is it a report (GAO002) ------------------------------------------------------------

MENU = ["网站首页", "", "机构概况", "政务公开", "", "办事服务", "互动交流", "", "当前位置：首页 > 政务公开 > 年度报告",
        "【字体：大 中 小】 打印本页 关闭窗口"] + [f"栏目{i}" for i in range(20)]


def test_menus_and_blank_lines_before_the_title(tmp_path):
    report = _report(tmp_path, free_form(chrome=MENU))
    assert report.title == TITLE and report.year == 2012
    assert "GAO002" not in rules_of(_lint(tmp_path, free_form(chrome=MENU)))


def test_a_link_to_last_years_report_is_not_the_title(tmp_path):
    chrome = ["政务公开", "上一篇：青禾县人民政府2011年政府信息公开工作年度报告"]
    report = _report(tmp_path, free_form(chrome=chrome))
    assert report.title == TITLE and report.year == 2012


def test_a_cited_notice_is_not_the_title_and_its_issuer_not_the_agency(tmp_path):
    notice = "根据《闽东省人民政府办公厅关于做好2012年政府信息公开工作年度报告编制发布工作的通知》要求，现公布本年度报告。"
    text = free_form(title="", opening=notice)
    report = _report(tmp_path, text)
    assert report.title == ""
    assert "办公厅" not in report.agency and "闽东省" not in report.agency
    assert report.agency == "青禾县人民政府"  # from the signature
    assert "GAO002" not in rules_of(_lint(tmp_path, text))


@pytest.mark.parametrize("opening", [
    ["本报告所列数据统计期限为2012年1月1日至2012年12月31日，现予公布。"],
    ["一、总体情况", "本年度报告依照《中华人民共和国政府信息公开条例》编写。"],
])
def test_openings_without_a_title_are_reports(tmp_path, opening):
    text = "\n".join(opening) + "\n本单位全年主动公开信息300条。\n"
    findings = _lint(tmp_path, text)
    assert "GAO002" not in rules_of(findings)


def test_a_notice_is_not_a_report_and_verbose_says_why(tmp_path):
    notice = "关于做好春季防火工作的通知\n各乡镇、各有关单位：\n请认真做好防火巡查，及时上报情况。\n特此通知。\n"
    findings = _lint(tmp_path, notice)
    assert rules_of(findings) == {"GAO002"}
    quiet = next(f for f in findings if f.rule == "GAO002")
    assert "未运行" not in quiet.message.zh
    loud = next(f for f in _lint(tmp_path, notice, name="v.txt", settings=Settings(verbose=True)) if f.rule == "GAO002")
    assert "统计期限" in loud.message.zh and "除 GAO003 外的其他规则均未运行" in loud.message.zh
    assert "not run" in loud.message.en


# --- a page that announces the report, whose body is an attachment (GAO002) ------------------

COVER = [TITLE, "发布时间：2013-03-15 来源：县政府办公室 浏览次数：56",
         "根据《中华人民共和国政府信息公开条例》规定，现将青禾县人民政府2012年政府信息公开工作年度报告予以公布，详见附件。",
         "附件：青禾县人民政府2012年政府信息公开工作年度报告.doc"]


@pytest.mark.parametrize("chrome", [(), MENU, MENU + ["主办单位：青禾县人民政府办公室 承办单位：青禾县信息中心 网站标识码：3509250001",
                                                     "地址：青禾县南街8号 邮编：365100 闽ICP备05001234号 闽公网安备35092502000123号"]])
def test_an_announcement_page_is_one_warning_naming_the_attachment(tmp_path, chrome):
    findings = _lint(tmp_path, "\n".join([*chrome, *COVER]) + "\n")
    assert [f.rule for f in findings] == ["GAO002"]
    assert "附件：青禾县人民政府2012年政府信息公开工作年度报告.doc" in findings[0].message.zh
    assert findings[0].location.line == len(chrome) + 1  # the title


def test_a_short_report_opening_with_xianjiang_baogao_ruxia_is_checked_as_a_report(tmp_path):
    """现将…情况报告如下 opens the report itself: a short report with no period and one heading
    is checked (GAO201 …), not taken for a page announcing an attachment (GAO002 silenced all)."""
    text = "\n".join([
        "青禾县文化和旅游局2020年度政府信息公开工作年度报告",
        "根据《中华人民共和国政府信息公开条例》要求，现将青禾县文化和旅游局2020年度政府信息公开情况报告如下：",
        "一、总体公开情况",
        "本年度我局通过县政府门户网站主动公开政府信息86条，未收到政府信息公开申请，未发生收费。",
        "我局明确一名分管领导负责政务公开工作，办公室具体承办，按照主动公开基本目录及时发布机构职能、"
        "政策文件、文化和旅游项目审批结果等信息，并对过时信息进行清理。对照年度政务公开工作要点，"
        "逐项落实责任分工，全年未发生因政府信息公开引起的行政复议和行政诉讼。下一步将加强业务培训，"
        "提高信息发布的及时性和准确性。",
        "联系电话：0598-5123456。",
    ]) + "\n"
    rules = rules_of(_lint(tmp_path, text))
    assert "GAO002" not in rules and "GAO201" in rules


def test_an_announcement_page_under_a_list_of_other_reports_names_its_attachment(tmp_path):
    """The site's column of other reports around the announcement does not make it a list
    page: the attachment is what the user must check."""
    column = ["相关报告", "青禾县教育局2012年政府信息公开工作年度报告", "青禾县民政局2012年政府信息公开工作年度报告",
              "青禾县财政局2012年政府信息公开工作年度报告"]
    findings = _lint(tmp_path, "\n".join([*column, *COVER]) + "\n")
    assert [f.rule for f in findings] == ["GAO002"]
    assert "附件：青禾县人民政府2012年政府信息公开工作年度报告.doc" in findings[0].message.zh


def test_a_page_with_nothing_but_the_title_is_an_announcement_too(tmp_path):
    """A page whose report is shown in an embedded PDF viewer: no words of its own."""
    findings = _lint(tmp_path, "\n".join(["首页 > 信息公开 > 年度报告", TITLE, "日期：2013-03-15"]) + "\n")
    assert [f.rule for f in findings] == ["GAO002"] and "页面中嵌入的文件" in findings[0].message.zh


def test_a_short_report_without_announcement_words_is_still_checked(tmp_path):
    """A tiny 2008-era report that lost its period and numbering is a defective report, not an
    announcement page: its missing parts are still reported."""
    body = ["2012年，我县继续推进政府信息公开工作，全年主动公开政府信息1320条，受理依申请公开12件，均已按时答复。",
            "全年未收取任何费用。全年未发生因政府信息公开申请提起的行政复议和行政诉讼。部分单位更新不够及时，明年将加强督促检查。",
            "我县把政府信息公开纳入年度目标考核，由县政府办公室牵头，各乡镇和县直部门明确分管领导和具体经办人员，逐步形成主要领导亲自抓、分管领导具体抓的工作格局。"]
    findings = _lint(tmp_path, "\n".join([TITLE, *body, *SIGNATURE]) + "\n")
    assert "GAO002" not in rules_of(findings) and "GAO201" in rules_of(findings)


@pytest.mark.parametrize("date", ["2013-03-15", "2013.03.15", "[2013-03-15]", ""])
def test_a_list_of_reports_is_one_warning(tmp_path, date):
    agencies = ["青禾县人民政府", "青禾县教育局", "青禾县民政局", "青禾县财政局"]
    lines = ["首页 > 政务公开 > 政府信息公开年报", *(f"{a}2012年政府信息公开工作年度报告 {date}" for a in agencies),
             "共4条 首页 上一页 下一页 尾页"]
    findings = _lint(tmp_path, "\n".join(lines) + "\n")
    assert [f.rule for f in findings] == ["GAO002"] and "列出 4 份报告" in findings[0].message.zh


def test_a_report_with_a_sidebar_of_other_reports_is_checked_as_a_report(tmp_path):
    sidebar = ["相关阅读", "青禾县教育局2012年政府信息公开工作年度报告", "青禾县民政局2012年政府信息公开工作年度报告",
               "青禾县财政局2012年政府信息公开工作年度报告"]
    assert rules_of(_lint(tmp_path, free_form(chrome=sidebar))) == set()


@pytest.mark.parametrize("seed", range(4))
def test_a_full_report_with_an_attachment_line_is_unchanged(tmp_path, seed):
    """Pages that give the report in full and attach it again as a PDF are checked as before."""
    text = render_text(build_document(sample_spec(seed)), "pipe")
    with_link = text + "\n附件：本报告全文.pdf（点击下载）\n"
    before = {(f.rule, f.location.line) for f in _lint(tmp_path, text)}
    assert {(f.rule, f.location.line) for f in _lint(tmp_path, with_link, name="linked.txt")} == before
    assert "GAO002" not in {rule for rule, _ in before}


# --- item 7: titles -----------------------------------------------------------------------------

@pytest.mark.parametrize("title,agency", [
    ("青禾县人民政府2012年政府信息公开工作的年度报告", "青禾县人民政府"),
    ("青禾县民政局2012年信息公开年度报告", "青禾县民政局"),
    ("2012年青禾县人民政府信息公开年报", "青禾县人民政府"),
    ("青禾县人民政府2012年政务公开工作年度报告", "青禾县人民政府"),
    ("青禾县人民政府2012年政务信息公开工作年度报告", "青禾县人民政府"),
])
def test_title_variants(tmp_path, title, agency):
    report = _report(tmp_path, free_form(title=title))
    assert report.title == title and report.year == 2012 and report.agency == agency


def test_a_title_cut_by_the_page_width(tmp_path):
    """Text copied from a PDF: the title's last character wraps onto a line of its own."""
    report = _report(tmp_path, free_form(title="青禾县人民政府 2011 年政府信息公开工作年度报\n告"))
    assert report.year == 2011 and report.agency == "青禾县人民政府"
    assert "GAO203" in rules_of(_lint(tmp_path, free_form(title="青禾县人民政府 2011 年政府信息公开工作年度报\n告")))


@pytest.mark.parametrize("written", ["二〇一二", "二○一二", "二零一二"])
def test_a_title_year_in_chinese_numerals(tmp_path, written):
    report = _report(tmp_path, free_form(title=f"青禾县人民政府{written}年政府信息公开工作年度报告"))
    assert report.year == 2012 and report.agency == "青禾县人民政府"
    # the line keeps what the page printed; only the reading is in digits, column for column
    wrong = free_form(title=f"青禾县人民政府{written.replace('二', '一', 2)[:-1]}一年政府信息公开工作年度报告")
    assert "GAO203" not in rules_of(_lint(tmp_path, wrong, name="odd.txt"))  # 一〇一一 is no year: left alone
    mismatch = free_form(title=f"青禾县人民政府{written[:-1]}一年政府信息公开工作年度报告")
    assert "GAO203" in rules_of(_lint(tmp_path, mismatch, name="mismatch.txt"))


def test_a_report_published_as_a_notice_names_its_agency(tmp_path):
    title = "青禾县人民政府办公室关于印发2012年政府信息公开工作年度报告的通知"
    report = _report(tmp_path, free_form(title=title, signature=["2013年3月12日"]))
    assert report.year == 2012 and report.agency == "青禾县人民政府"


def test_a_quoted_report_title_is_still_the_title(tmp_path):
    report = _report(tmp_path, free_form(title="《青禾县2012年政府信息公开工作年度报告》"))
    assert report.year == 2012 and report.agency == "青禾县人民政府"


def test_title_inside_a_crawled_chrome_line(tmp_path):
    chrome = ("当前位置： 首页政务公开政府信息公开年报 青禾综合实验区2021年度政府信息公开工作年度报告 "
              "来源：青禾县人民政府 时间：2022-02-08 16:34 微信 微博 本报告所列数据统计期限为2021年1月1日至2021年12月31日。")
    report = _report(tmp_path, chrome + "\n")
    assert report.year == 2021 and report.agency == "青禾综合实验区" and report.agency_kind == "zone"


def test_traditional_title(tmp_path):
    report = _report(tmp_path, to_traditional(free_form(title="青禾縣人民政府2012年政府信息公開工作年度報告")))
    assert report.year == 2012 and report.agency == "青禾县人民政府"


# --- item 8: format version ---------------------------------------------------------------------

def test_a_free_form_report_with_its_year_only_in_the_period_is_cn2008(tmp_path):
    text = free_form(title="", chrome=["政府信息公开年度报告"] + MENU[:3])
    report = _report(tmp_path, text)
    assert report.format_version == "cn-2008"


def test_a_free_form_report_with_no_year_before_its_signature_is_cn2008(tmp_path):
    text = free_form(title="青禾县政府信息公开工作年度报告", period="")
    assert _report(tmp_path, text).format_version == "cn-2008"


def test_a_marker_word_in_prose_is_not_a_table(tmp_path):
    body = list(BODY)
    body[3] = "全年主动公开政府信息1320条，其中政府集中采购项目类信息55条。"
    text = free_form(title="青禾县人民政府2018年政府信息公开工作年度报告",
                     period="统计期限为2018年1月1日至2018年12月31日。", body=body,
                     signature=["青禾县人民政府办公室", "2019年3月1日"])
    assert _report(tmp_path, text).format_version == "cn-2008"
    # Two of cn-2019's column names are its table.
    body[3] = "信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量"
    assert _report(tmp_path, text.replace("其中政府集中采购项目类信息55条", "")
                   .replace("全年主动公开政府信息1320条，。", body[3]), name="t.txt").format_version == "cn-2019"


def test_one_marker_as_a_cell_of_its_own_is_table_text(tmp_path):
    text = free_form(title="青禾县人民政府2020年政府信息公开工作年度报告",
                     period="统计期限为2020年1月1日至2020年12月31日。",
                     body=BODY[:3] + ["信息内容", "本年制发件数", "规章", "3"] + BODY[3:])
    assert _report(tmp_path, text).format_version == "cn-2021"
    prose = text.replace("信息内容\n本年制发件数\n", "全年本年制发件数较上年有所增加。\n")
    assert _report(tmp_path, prose, name="prose.txt").format_version == "cn-2019"


# --- item 9: fee obligations follow the format ------------------------------------------------

def test_cn2008_states_charges_and_waivers(tmp_path):
    findings = _lint(tmp_path, free_form(fee="本年度产生的政府信息公开工作费用1万元，主要用于网站维护。"))
    gao401 = [f for f in findings if f.rule == "GAO401"]
    assert len(gao401) == 1 and "收费及减免" in gao401[0].message.zh
    assert "GAO401" not in rules_of(_lint(tmp_path, free_form(), name="ok.txt"))


@pytest.mark.parametrize("sentence", ["依申请提供的政府信息均免费提供。", "本年度没有向申请人收费，也无减免情况。"])
def test_cn2008_waiver_wordings_are_fee_statements(tmp_path, sentence):
    assert "GAO401" not in rules_of(_lint(tmp_path, free_form(fee=sentence)))


@pytest.mark.parametrize("sentence", ["依申请提供的政府信息全部免费提供。", "依申请提供的政府信息一律免费提供。",
                                      "依申请提供的政府信息全部无偿提供。"])
def test_cn2008_free_of_charge_for_all_said_in_the_requests_topic(tmp_path, sentence):
    """全部/一律免费提供 in the requests topic, with no fee heading to join it to: the waiver words
    were taken out before looking for what the sentence says of them, and 全部/一律 counted as
    nothing (GAO401 before)."""
    body = [line for line in BODY if line not in ("FEE", "四、政府信息公开的收费及减免情况")]
    body[body.index("全年共受理依申请公开12件，均已按时答复。")] = "全年共受理依申请公开12件，已按时答复。" + sentence
    assert "GAO401" not in rules_of(_lint(tmp_path, free_form(body=body)))
    body[body.index("全年共受理依申请公开12件，已按时答复。" + sentence)] = "全年共受理依申请公开12件，已按时答复。"
    assert "GAO401" in rules_of(_lint(tmp_path, free_form(body=body), name="none.txt"))


def test_a_cn2008_fee_heading_answered_none_after_its_colon_on_one_line(tmp_path):
    """四、政府信息公开的收费及减免情况：无。 on a crawled one-line page: the line was cut after the
    heading, leaving ：无。, which the heading-then-none reading did not take (GAO401 before)."""
    one_line = " ".join([OPENING, PERIOD, CONTACT, *(line for line in BODY if line != "FEE")])
    one_line = one_line.replace("四、政府信息公开的收费及减免情况", "四、政府信息公开的收费及减免情况：无。")
    text = "\n".join([TITLE, one_line, *SIGNATURE]) + "\n"
    assert "GAO401" not in rules_of(_lint(tmp_path, text))
    assert "GAO401" in rules_of(_lint(tmp_path, text.replace("情况：无。", "情况："), name="bare.txt"))


def test_a_cn2008_fee_heading_alone_is_no_statement(tmp_path):
    body = [line for line in BODY if line != "FEE"]
    assert "GAO401" in rules_of(_lint(tmp_path, free_form(body=body)))


def _builder_text(**fields) -> str:
    return render_text(build_document(sample_spec(fields.pop("seed", 11), **fields)), "pipe")


def test_cn2019_has_no_fee_obligation_and_cn2021_has(tmp_path):
    quiet = "本机关本年度无其他需要报告的事项。"
    old = _builder_text(version="cn-2019", year=2020, fee_sentence=quiet)
    findings = _lint(tmp_path, old, name="2019.txt")
    assert "GAO401" not in rules_of(findings)
    assert _report(tmp_path, old, name="2019b.txt").format_version == "cn-2019"
    new = _builder_text(version="cn-2021", year=2023, fee_sentence=quiet)
    assert "GAO401" in rules_of(_lint(tmp_path, new, name="2021.txt"))


def test_office_spending_is_not_a_fee_statement(tmp_path):
    spending = "本年度开展政府信息公开工作产生的政府信息公开费用1万元。"
    new = _builder_text(version="cn-2021", year=2023, fee_sentence=spending)
    assert "GAO401" in rules_of(_lint(tmp_path, new, name="spend.txt"))
    charged = _builder_text(version="cn-2021", year=2023, fee_sentence="本年度未收取信息处理费。")
    assert "GAO401" not in rules_of(_lint(tmp_path, charged, name="charged.txt"))


@pytest.mark.parametrize("sentence", ["本机关办理政府信息公开申请未涉及收费。", "本年度未对申请人收取任何费用。",
                                      "依申请公开政府信息实行零收费。"])
def test_no_charge_worded_without_naming_the_fee(tmp_path, sentence):
    """未涉及收费, 未对申请人收费, 零收费: no charge said without naming 信息处理费 (GAO401 before)."""
    text = _builder_text(version="cn-2021", year=2023, fee_sentence=sentence)
    assert "GAO401" not in rules_of(_lint(tmp_path, text, name="none.txt"))


def test_the_unpaid_fee_row_shortened_to_the_fee_it_names(tmp_path):
    """2.申请人逾期未缴纳信息处理费, the row's label shortened: GAO104 before."""
    text, _ = _clean_2021(tmp_path)
    label = next(line.split(" |")[0] for line in text.splitlines() if line.startswith("2.申请人逾期未按收费通知"))
    changed = text.replace(label, "2.申请人逾期未缴纳信息处理费", 1)
    assert changed != text
    assert rules_of(_lint(tmp_path, changed, name="row.txt")) == set()


def test_a_cut_off_date_after_data_jiezhi_is_the_period_end(tmp_path):
    """本报告数据截至2012年12月31日 (数据截至, not only 数据截止): GAO201 before."""
    report = _report(tmp_path, free_form(period="本报告数据截至2012年12月31日。"))
    assert report.period is not None and report.period.end == date(2012, 12, 31)
    assert "GAO201" not in rules_of(_lint(tmp_path, free_form(period="本报告数据截至2012年12月31日。")))


@pytest.mark.parametrize("old,heading", [
    ("六、其他需要报告的事项", "六、其它需要报告的事项"), ("六、其他需要报告的事项", "六、其他报告的事项"),
    ("六、其他需要报告的事项", "六、其它事项"), ("三、收到和处理政府信息公开申请情况", "三、政府信息公开申请办理情况"),
    ("五、政府信息公开工作存在的主要问题及改进情况", "五、工作不足及改进方向"),
    ("五、政府信息公开工作存在的主要问题及改进情况", "五、存在的困难和下一步工作计划"),
])
def test_sections_worded_otherwise(tmp_path, old, heading):
    """其它 for 其他, 其他报告的事项 (two real township reports of 2025 list their parts so), 申请办理
    for 收到和处理, 五 named by its shortcomings or the next year's plans: GAO101 before."""
    text, _ = _clean_2021(tmp_path)
    changed = text.replace(old, heading, 1)
    assert changed != text
    assert rules_of(_lint(tmp_path, changed, name="six.txt")) == set()


@pytest.mark.parametrize("sentence", ["按照《政府信息公开信息处理费管理办法》规定，本年度未发生收费情况。",
                                      "本年度依据《政府信息公开信息处理费管理办法》未收取费用。"])
def test_a_cited_fee_regulation_names_the_fee_of_a_no_charge_sentence(tmp_path, sentence):
    text = _builder_text(version="cn-2021", year=2023, fee_sentence=sentence)
    assert "GAO401" not in rules_of(_lint(tmp_path, text, name="cited.txt"))
    cited_only = _builder_text(version="cn-2021", year=2023, fee_sentence="本机关认真学习《政府信息公开信息处理费管理办法》。")
    assert "GAO401" in rules_of(_lint(tmp_path, cited_only, name="only.txt"))


@pytest.mark.parametrize("sentence", [
    "本机关依申请公开政府信息均未收费。",
    "本单位在政府信息公开工作中不存在收费情况。",
    "本年度我局无收费情况。",
    "政府信息公开工作中不涉及收费。",
    "本机关依申请提供政府信息均为免费。",
    "本年度我办未收到政府信息公开申请,未发生信息公开收费事项。",
])
def test_a_sentence_that_the_agency_charges_nothing_states_the_fee(tmp_path, sentence):
    """Without naming 信息处理费: none was charged (fees.no_charge in rules/common.yaml; each
    gave a false GAO401)."""
    text = _builder_text(version="cn-2021", year=2023, fee_sentence=sentence)
    findings = _lint(tmp_path, text, name="none.txt")
    assert not rules_of(findings) & {"GAO401", "GAO402"}, [(f.rule, f.message.zh) for f in findings]
    (statement,) = _report(tmp_path, text, name="none2.txt").fee_statements
    assert statement.says_none and sentence.rstrip("。") in statement.text


@pytest.mark.parametrize("sentence", [
    "本机关免费发放政策解读宣传资料2000余份。",  # free brochures: no word of charging for information
    "全文包括总体情况、收费情况、不收费事项等部分。",  # a list of topics, not a statement
    "本机关组织学习了《关于清理规范不收费事项的通知》。",  # a cited title
])
def test_what_is_not_a_statement_that_nothing_was_charged(tmp_path, sentence):
    text = _builder_text(version="cn-2021", year=2023, fee_sentence=sentence)
    assert "GAO401" in rules_of(_lint(tmp_path, text, name="other.txt"))


# --- item 10: agency kinds ------------------------------------------------------------------------

@pytest.mark.parametrize("name,kind", [
    ("青禾县人民政府", "government"),
    ("青禾县石门镇人民政府", "government"),
    ("青禾县畲族乡人民政府", "government"),
    ("阿拉善左旗巴彦苏木人民政府", "government"),
    ("青禾县城关街道办事处", "department"),
    ("青禾综合实验区管委会", "zone"),
    ("青禾综合实验区", "zone"),
    ("青禾经济技术开发区管理委员会", "zone"),
    ("青禾县教育局", "department"),
])
def test_agency_kinds(name, kind):
    assert agency_kind(normalise_agency(name)) == kind


def test_a_street_office_is_not_made_a_government():
    assert normalise_agency("城关街道") == "城关街道办事处"
    assert normalise_agency("巴彦苏木") == "巴彦苏木人民政府"
    assert normalise_agency("青禾综合实验区") == "青禾综合实验区"


def _without_accountability(text: str) -> str:
    from gaolint.formats import load_formats

    words = tuple(load_formats()["cn-2021"].accountability)
    return "\n".join("。".join(s for s in line.split("。") if not any(w in s for w in words))
                     for line in text.splitlines())


def test_gao108_for_a_township_government_not_for_a_zone_or_street(tmp_path):
    town = _without_accountability(_builder_text(kind="government", agency="青禾县石门镇人民政府", year=2023))
    assert "GAO108" in rules_of(_lint(tmp_path, town, name="town.txt"))
    zone = _without_accountability(_builder_text(kind="government", agency="青禾综合实验区", year=2023))
    assert "GAO108" not in rules_of(_lint(tmp_path, zone, name="zone.txt"))
    street = _without_accountability(_builder_text(kind="government", agency="青禾县城关街道办事处", year=2023))
    assert "GAO108" not in rules_of(_lint(tmp_path, street, name="street.txt"))


def test_deadline_of_a_zone_and_of_a_street_office(tmp_path):
    zone = _builder_text(kind="government", agency="青禾综合实验区", year=2023, signed_on=date(2024, 3, 8))
    assert "GAO204" not in rules_of(_lint(tmp_path, zone, name="zone.txt"))
    late_zone = _builder_text(kind="government", agency="青禾综合实验区", year=2023, signed_on=date(2024, 4, 8))
    gao204 = [f for f in _lint(tmp_path, late_zone, name="zone2.txt") if f.rule == "GAO204"]
    assert gao204 and "管委会" in gao204[0].message.zh
    street = _builder_text(kind="department", agency="青禾县城关街道办事处", year=2023, signed_on=date(2024, 3, 8))
    assert "GAO204" in rules_of(_lint(tmp_path, street, name="street.txt"))


# --- item 11: contacts ----------------------------------------------------------------------------

def test_a_dotted_telephone_is_malformed_not_missing(tmp_path):
    findings = _lint(tmp_path, free_form(contact="咨询请拨打联系电话6402.1371。"))
    assert "GAO502" in rules_of(findings) and "GAO501" not in rules_of(findings)
    assert "6402.1371" in next(f for f in findings if f.rule == "GAO502").message.zh


@pytest.mark.parametrize("number", ["0591-87654321-8001", "0591-87654321转8001", "0591-87654321分机8001",
                                    "+86-591-87654321", "0086 591 87654321", "023-12360"])
def test_an_extension_or_a_country_code_is_a_well_formed_telephone(tmp_path, number):
    """An extension after a dash and China's code before the area code (GAO502 before)."""
    findings = _lint(tmp_path, free_form(contact=f"咨询电话：{number}。"))
    assert not rules_of(findings) & {"GAO501", "GAO502"}, [(f.rule, f.message.zh) for f in findings]


@pytest.mark.parametrize("number", ["0591-876543211", "8765432-8001", "+86-591-8765", "0931-2179"])
def test_a_malformed_telephone_is_still_malformed_with_an_extension_or_country_code(tmp_path, number):
    assert "GAO502" in rules_of(_lint(tmp_path, free_form(contact=f"咨询电话：{number}。")))


@pytest.mark.parametrize("contact, malformed", [
    ("联系方式：0591-876543211。", True),  # 联系方式 labels the number: checked like 电话's
    ("联系方法：0591-8765432。", False),
    ("联系方式：0591-87654321。", False),
    ("联系方式：地址为青禾县府前路1号，邮编350400，电子邮箱gk@qh.gov.cn。", False),  # no number after it
    ("联系方式：2024年起由办公室负责，电子邮箱gk@qh.gov.cn。", False),  # a year, not a number
    ("联系方式如下：电子邮箱gk@qh.gov.cn。", False),
])
def test_a_number_after_lianxi_fangshi_is_a_telephone(tmp_path, contact, malformed):
    """联系方式：021-800191735 (a digit too many) gave no finding: 联系方式 was no telephone label,
    and a malformed number is found only after one. It labels a number that follows it; an
    address, a year or a list after it is not a malformed number."""
    findings = _lint(tmp_path, free_form(contact=contact))
    assert ("GAO502" in rules_of(findings)) is malformed, [(f.rule, f.message.zh) for f in findings]
    assert "GAO501" not in rules_of(findings)


@pytest.mark.parametrize("label", ["电话、传真", "电话/传真", "联系电话及传真", "电话（传真）", "电话、fax"])
def test_a_telephone_sharing_its_label_with_the_fax_is_a_telephone(tmp_path, label):
    """电话、传真：0432-61234567 gives one number for both. Only the fax was read, and a fax is no
    contact: a report giving nothing else got a false GAO501."""
    findings = _lint(tmp_path, free_form(contact=f"如有疑问，请与本机关办公室联系（{label}：0432-61234567）。"))
    assert not rules_of(findings) & {"GAO501", "GAO502"}, [(f.rule, f.message.zh) for f in findings]
    report = _report(tmp_path, free_form(contact=f"如有疑问，请与本机关办公室联系（{label}：0432-61234567）。"))
    assert {(m.kind, m.text) for m in report.contacts} >= {("phone", "0432-61234567")}


def test_a_fax_alone_is_still_no_contact(tmp_path):
    assert "GAO501" in rules_of(_lint(tmp_path, free_form(contact="如有疑问，请与本机关办公室联系（传真：0432-61234567）。")))


def test_empty_contact_fields_are_named(tmp_path):
    findings = _lint(tmp_path, free_form(contact="联系方式：邮编：电话：传真："))
    assert "GAO502" not in rules_of(findings)
    missing = [f for f in findings if f.rule == "GAO501"]
    assert len(missing) == 1
    assert all(name in missing[0].message.zh for name in ("邮编", "电话", "传真"))


def test_a_protected_email_is_one_unreadable_address(tmp_path):
    findings = _lint(tmp_path, free_form(contact="如有疑问请发送邮件至电子邮箱：[email protected]。"))
    assert "GAO502" not in rules_of(findings) and "GAO501" not in rules_of(findings)
    damaged = [f for f in findings if f.rule == "GAO003"]
    assert len(damaged) == 1 and "[email protected]" in damaged[0].message.zh


@pytest.mark.parametrize("contact", ["如对本报告有疑问，请发送电子邮件至qinghe_gk@163.com。", "电子邮箱地址：qinghe_gk@163.com。",
                                     "可发邮件到qinghe_gk@163.com咨询。", "邮箱地址为qinghe_gk@163.com。"])
def test_the_words_between_an_email_key_and_its_address(tmp_path, contact):
    assert not rules_of(_lint(tmp_path, free_form(contact=contact))) & {"GAO501", "GAO502"}


def test_a_full_width_at_sign_is_read(tmp_path):
    findings = _lint(tmp_path, free_form(contact="电子邮箱：qinghe_gk＠163.com。"))
    assert not rules_of(findings) & {"GAO501", "GAO502"}
    findings = _lint(tmp_path, free_form(contact="电子邮箱：qinghe_gk＠163。"), name="bad.txt")
    assert "GAO502" in rules_of(findings)


@pytest.mark.parametrize("table", [
    "政府信息公开工作机构联系方式：\n地址 | 青禾县府前路186号 |",
    "联系方式：\n电子邮箱 | qinghe_gk@163.com |",
    "联系方式：\n| 办公地址 | 青禾县府前路186号 |\n| 邮政编码 | 418000 |",
    "联系方式：\n邮政编码 | 418000 |\n电子邮箱 | qinghe_gk@163.com |",
])
def test_a_contact_table_copied_as_text_is_a_contact(tmp_path, table):
    """A page's contact details in a two-column table copy as ``地址 | …``: the key cell, a
    pipe, the value cell (GAO501 before)."""
    findings = _lint(tmp_path, free_form(contact=table))
    assert not rules_of(findings) & {"GAO501", "GAO502"}, [(f.rule, f.message.zh) for f in findings]


def test_a_web_address_is_no_contact(tmp_path):
    """门户网站地址：http://… names the site, not a place to write to (it hid GAO501)."""
    findings = _lint(tmp_path, free_form(contact="本报告可在门户网站地址：http://www.qinghe.gov.cn/ 查阅。"))
    assert "GAO501" in rules_of(findings)


def test_an_address_ends_at_its_line(tmp_path):
    report = _report(tmp_path, free_form(contact="联系地址：青禾县南街8号1506室\n\n电话：0598-5123456"))
    assert [m.text for m in report.contacts if m.kind == "address"] == ["青禾县南街8号1506室"]


def test_a_malformed_postcode_in_a_contact_table_is_malformed(tmp_path):
    findings = _lint(tmp_path, free_form(contact="联系方式：\n地址 | 青禾县府前路186号 |\n邮政编码 | 4180 |"))
    assert "GAO502" in rules_of(findings) and "4180" in next(f for f in findings if f.rule == "GAO502").message.zh


def test_a_malformed_telephone_in_a_contact_table_is_malformed(tmp_path):
    findings = _lint(tmp_path, free_form(contact="联系方式：\n地址 | 青禾县府前路186号 |\n电话 | 0736-5213 |"))
    assert "GAO502" in rules_of(findings) and "GAO501" not in rules_of(findings)
    assert "0736-5213" in next(f for f in findings if f.rule == "GAO502").message.zh


def test_a_glued_table_digit_run_is_not_a_telephone(tmp_path):
    glued = "统计表 本年新收申请 15130000154 上年结转 00000000"
    findings = _lint(tmp_path, free_form(contact=glued))
    assert "GAO501" in rules_of(findings) and "GAO502" not in rules_of(findings)
    findings = _lint(tmp_path, free_form(contact="联系电话13905981234。"), name="mobile.txt")
    assert not rules_of(findings) & {"GAO501", "GAO502"}


# --- item 12: prose against tables ----------------------------------------------------------------

def test_applications_received_in_the_prose_are_compared_with_table_3(tmp_path):
    clean = _builder_text(version="cn-2021", year=2023, seed=21, kind="government", agency="青禾县人民政府")
    report = _report(tmp_path, clean, name="base.txt")
    new = int(report.tables["table3"].rows["new"].cells[-1].value)
    over = int(report.tables["table3"].rows["carried_over"].cells[-1].value)
    sentence = "全年累计接收到各类政府信息公开申请{}件。"
    lines = clean.splitlines()
    at = next(i for i, line in enumerate(lines) if "一、总体情况" in line) + 1
    right = "\n".join(lines[:at] + [sentence.format(new)] + lines[at:]) + "\n"
    assert "GAO305" not in rules_of(_lint(tmp_path, right, name="right.txt"))
    wrong = "\n".join(lines[:at] + [sentence.format(new + over + 7)] + lines[at:]) + "\n"
    found = [f for f in _lint(tmp_path, wrong, name="wrong.txt") if f.rule == "GAO305"]
    assert found and str(new + over + 7) in found[0].message.zh


# --- the data is checked when loaded --------------------------------------------------------------

@pytest.mark.parametrize("data", [
    {"kind": "common", "period": {"keys": "统计期限"}},
    {"kind": "common", "period": {"keys": ["统计期限", ""]}},
    {"kind": "common", "agency_kinds": [{"kind": "Zone!", "endings": ["管委会"]}]},
    {"kind": "common", "agency_kinds": [{"kind": "zone"}]},
    {"kind": "common", "fees": ["经费"]},
])
def test_bad_common_data_is_refused(data):
    with pytest.raises(FormatDataError):
        CommonSpec.from_data(data)


def test_bad_format_obligations_are_refused():
    with pytest.raises(FormatDataError, match="fee_statement"):
        check_format({"version": "cn-x", "obligations": {"fee_statement": "sometimes"}})
    with pytest.raises(FormatDataError, match="period_starts"):
        check_format({"version": "cn-x", "period_starts": ["May 1"]})
    with pytest.raises(FormatDataError, match="deadlines.zone"):
        check_format({"version": "cn-x", "deadlines": {"zone": "3-31"}})
    with pytest.raises(FormatDataError, match="fee_statement_from"):
        check_format({"version": "cn-x", "obligations": {"fee_statement_from": "2021"}})
    assert check_format({"version": "cn-x", "obligations": {"fee_statement": "none"}})


def test_shipped_formats_carry_their_fee_obligation():
    from gaolint.formats import load_formats

    formats = load_formats()
    assert {v: f.fee_obligation for v, f in formats.items()} == {
        "cn-2021": "processing-fee", "cn-2019": "none", "cn-2008": "charges-and-waivers"}
    assert {v: f.fee_statement_from for v, f in formats.items()} == {"cn-2021": 2021, "cn-2019": None, "cn-2008": None}


# --- the crawled pages (../shared/corpus/crawled): what is ours to get right -------------------

#: Rules about metadata: none may fire on these pages except where the corpus README says.
_METADATA_RULES = {"GAO002", "GAO108", "GAO201", "GAO202", "GAO203", "GAO204", "GAO401", "GAO402", "GAO501", "GAO502"}
_CRAWLED = {
    # name: (format, year, agency kind, the metadata findings its README states)
    "pingtanxian-2011.txt": ("cn-2008", 2011, "government", {"GAO401"}),
    "pingtan-2016.txt": ("cn-2008", 2016, "zone", set()),
    "pingtan-2019.txt": ("cn-2019", 2019, "zone", set()),
    "pingtan-2021.txt": ("cn-2021", 2021, "zone", set()),
    "pingtan-2023.txt": ("cn-2021", 2023, "zone", set()),
    "pingtan-2025.txt": ("cn-2021", 2025, "zone", {"GAO501"}),
}


@pytest.mark.parametrize("name", sorted(_CRAWLED))
def test_crawled_pages_metadata(corpus, name):
    path = corpus / "crawled" / name
    if not path.exists():
        pytest.skip(f"{name} is not in the corpus")
    version, year, kind, expected = _CRAWLED[name]
    report, failure = read_report(str(path), name)
    assert failure is None
    assert (report.format_version, report.year, report.agency_kind) == (version, year, kind)
    findings = lint_file(str(path), Settings()).findings
    assert rules_of(findings) & _METADATA_RULES == expected, [(f.rule, f.message.zh) for f in findings]
    if "GAO401" in expected:
        assert "收费及减免" in next(f for f in findings if f.rule == "GAO401").message.zh


def test_configuration_accepts_the_zone_kind_and_its_deadline():
    from ruamel.yaml import YAML

    from gaolint.config import parse_options, _YamlSource

    text = 'deadlines:\n  zone: "02-28"\nagencies:\n  "zones/*":\n    kind: zone\n'
    data = YAML(typ="rt").load(text)
    options = parse_options(data, _YamlSource(".gaolint.yaml", data))
    assert options.deadlines["zone"] == "02-28" and options.agencies["zones/*"]["kind"] == "zone"


def test_configured_zone_deadline_applies(tmp_path):
    text = _builder_text(kind="government", agency="青禾综合实验区", year=2023, signed_on=date(2024, 3, 8))
    assert "GAO204" in rules_of(_lint(tmp_path, text, settings=Settings(deadlines={"zone": "02-28"})))


def test_a_zone_compares_its_own_figures(tmp_path):
    """全区 in a zone administration's report is the zone itself: its figures are compared."""
    clean = _builder_text(version="cn-2021", year=2023, seed=21, kind="government", agency="青禾综合实验区")
    report = _report(tmp_path, clean, name="base.txt")
    assert report.agency_kind == "zone"
    new = int(report.tables["table3"].rows["new"].cells[-1].value)
    over = int(report.tables["table3"].rows["carried_over"].cells[-1].value)
    lines = clean.splitlines()
    at = next(i for i, line in enumerate(lines) if "一、总体情况" in line) + 1
    wrong = "\n".join(lines[:at] + [f"全区全年共收到政府信息公开申请{new + over + 7}件。"] + lines[at:]) + "\n"
    assert "GAO305" in rules_of(_lint(tmp_path, wrong, name="wrong.txt"))
    other = "\n".join(lines[:at] + [f"其中某街道收到政府信息公开申请{new + over + 7}件。"] + lines[at:]) + "\n"
    assert "GAO305" not in rules_of(_lint(tmp_path, other, name="other.txt"))


def test_a_sentence_holding_many_no_charge_words_is_read_once(monkeypatch):
    """行政事业性收费 followed by 20,000 不收费 in one sentence: every match is the same sentence,
    which is read once (each match read it again: 7 s, quadratic)."""
    from gaolint.model import Line, Location
    from gaolint.parse import metadata

    calls = []
    real = metadata.mask_quotes
    monkeypatch.setattr(metadata, "mask_quotes", lambda text: calls.append(1) or real(text))
    text = "行政事业性收费" + "不收费" * 20_000 + "。"
    prose = metadata.Prose([Line(0, text, Location(1), text)], "\n")
    assert metadata.fee_statements(prose) == [] and len(calls) == 1


# --- session 8: shapes from county, township and department pages -------------------------------

def test_a_period_with_a_doubled_dash_is_read(tmp_path):
    """统计期限为:2016年1月1日——2016年12月31日 (a Chinese dash typed twice) was GAO201."""
    report = _report(tmp_path, free_form(period="本报告信息数据统计期限为:2012年1月1日——2012年12月31日。"))
    assert (report.period.start, report.period.end) == (date(2012, 1, 1), date(2012, 12, 31))


def test_the_report_time_key_states_the_period(tmp_path):
    report = _report(tmp_path, free_form(period="本报告时间为2012年1月1日至12月31日，全文包括概述等六个部分。"))
    assert (report.period.start, report.period.end) == (date(2012, 1, 1), date(2012, 12, 31))


def test_an_email_run_into_the_next_heading_ends_at_it(tmp_path):
    """A crawled page runs the first heading on after the e-mail address: 电子邮箱：…＠163.com一、概述."""
    text = free_form(contact="如有疑问请联系区政府办公室（电话：0591-23456789；电子邮箱：qhxxgk＠163.com）")
    text = text.replace("）\n一、概述", "）电子邮箱：qhxxgk＠163.com一、概述")
    findings = _lint(tmp_path, text)
    assert "GAO502" not in rules_of(findings), [(f.rule, f.message.zh) for f in findings]
    emails = {m.text for m in _report(tmp_path, text, name="e.txt").contacts if m.kind == "email"}
    assert emails == {"qhxxgk@163.com"}


@pytest.mark.parametrize("phones,expected", [
    ("0471-5612345 5612346", {"0471-5612345", "5612346"}),  # two lines sharing the area code
    ("0471 5612345", {"0471 5612345"}),  # the area code parted by a space: one number
])
def test_two_telephone_numbers_after_one_key(tmp_path, phones, expected):
    text = free_form(contact=f"联系方式：电话:{phones}")
    assert "GAO502" not in rules_of(_lint(tmp_path, text))
    assert {m.text for m in _report(tmp_path, text, name="p.txt").contacts if m.kind == "phone"} == expected


def test_a_cn2008_fee_heading_naming_requests_is_the_fee_section(tmp_path):
    """三、依申请公开政府信息收费及减免情况 holds the requests section's words too: with that
    section found already under 二, it is the fee section, not a second requests section."""
    body = [line.replace("四、政府信息公开的收费及减免情况", "四、依申请公开政府信息收费及减免情况") for line in BODY]
    findings = _lint(tmp_path, free_form(body=body))
    assert findings == [], [(f.rule, f.message.zh) for f in findings]
    keys = [s.key for s in _report(tmp_path, free_form(body=body), name="s.txt").sections]
    assert keys.count("requests") == 1 and keys.index("requests") < keys.index("fees")


@pytest.mark.parametrize("sentence", [
    "其中价格和收费信息5条，规划信息3条。",  # information about fees that was published
    "公开行政事业性收费信息2条。",
    "我局印发并放置了免费的政务公开手册，不断方便群众取阅。",  # something handed out free
    "办理下岗失业人员减免税共计91件，减免金额21万元。",  # tax relief
    "公开重点如人事任免、各项收费政策和收费标准等。",  # 任免 is no waiver
])
def test_cn2008_sentences_that_only_mention_fees_are_no_fee_statement(tmp_path, sentence):
    """The 2008 regulation's fee statement says whether fees were charged to applicants or
    waived; each of these passed for one (a missed GAO401)."""
    body = [line for line in BODY if line not in ("四、政府信息公开的收费及减免情况", "FEE")]
    body.insert(3, sentence)
    findings = _lint(tmp_path, free_form(body=body))
    assert rules_of(findings) == {"GAO401"}, [(f.rule, f.message.zh) for f in findings]


@pytest.mark.parametrize("sentence", [
    "我局没有任何信息公开的收费项目。",
    "2012年我县各级工作部门依申请提供政府信息暂不收费。",
    "本年度未向申请人收费。",
])
def test_cn2008_fee_statements_that_say_none(tmp_path, sentence):
    text = free_form(fee=sentence)
    assert "GAO401" not in rules_of(_lint(tmp_path, text))
    (statement,) = _report(tmp_path, text, name="f.txt").fee_statements
    assert statement.says_none


@pytest.mark.parametrize("sentence", ["本年度未向申请人收费。", "本年度无依申请公开收费情况。", "依申请提供政府信息均免收费用。"])
def test_more_sentences_that_the_agency_charges_nothing(tmp_path, sentence):
    text = _builder_text(version="cn-2021", year=2023, fee_sentence=sentence)
    findings = _lint(tmp_path, text, name="none.txt")
    assert not rules_of(findings) & {"GAO401", "GAO402"}, [(f.rule, f.message.zh) for f in findings]


def test_a_report_copied_onto_one_line_is_no_announcement(tmp_path):
    """A township report copied as one line, its title run into its text: the title was taken
    out with the whole line, which left no body and made it an announcement page (GAO002,
    which stops every other rule)."""
    prose = "我乡建立健全依申请公开工作机制，开通投诉举报信箱，按时更新公开栏目。" * 14
    text = ("根据《中华人民共和国政府信息公开条例》的有关要求，现将青禾乡2012年政府信息公开工作年度报告如下："
            f" 一、2012年政务公开工作完成情况 （一）机构建设方面。{prose} 3、政府信息公开收费及减免情况。"
            "2012年度，我乡没有政府信息公开的收费及减免事项。")
    findings = _lint(tmp_path, text + "\n")
    assert "GAO002" not in rules_of(findings) and {"GAO101", "GAO201"} <= rules_of(findings)


@pytest.mark.parametrize("sentence,named", [
    ("经查，2011年收到，结转至2012年作出答复的申请2件。", []),  # carried in from the year before
    ("2011年底结转到2012年办理的申请1件。", []),
    ("截至2012年12月31日，结转2012年度继续办理的申请3件。", [2012]),  # the wrong year: still named
    ("本年度办结申请20件，结转2013年度继续办理1件。", [2013]),
])
def test_a_carry_in_from_the_year_before_names_no_carry_over_year(tmp_path, sentence, named):
    """GAO203 asks that applications carried over out of the 2012 report go to 2013; a sentence
    about those carried into 2012 from 2011 names 2012 rightly (a false GAO203)."""
    body = [line if line != "全年共受理依申请公开12件，均已按时答复。" else line + sentence for line in BODY]
    report = _report(tmp_path, free_form(body=body))
    assert [year for year, _ in report.carryover_years] == named


def test_a_period_whose_year_and_month_marks_were_lost_with_their_spaces_is_damaged(tmp_path):
    """统计期限为 2012 1 1 日至 2012 12 31 日 (text from a PDF that lost 年 and 月 but kept the
    gaps): a damaged period (GAO003), not a missing one (GAO201)."""
    findings = _lint(tmp_path, free_form(period="本报告所列数据统 计期限为 2012 1 1 日至 2012 12 31 日。"))
    assert "GAO201" not in rules_of(findings) and "GAO003" in rules_of(findings)


def test_a_page_metadata_line_is_no_title(tmp_path):
    """索引号 … 发文字号 …年度报告号 below the real title (a 政务公开 page's fields): it was joined to
    the 发表日期 line above and taken for the title and the agency."""
    chrome = ["", "发表日期:2013-01-26 15:35:23 发布机构:政务服务管理局",
              "索引号 620000000/2013-00047 发文字号 青禾县民政局2012年政府信息公开工作年度报告号"]
    text = free_form(title=None)
    text = TITLE + "\n" + "\n".join(chrome) + "\n" + text
    report = _report(tmp_path, text)
    assert (report.title, report.agency) == (TITLE, "青禾县人民政府")


@pytest.mark.parametrize("name", ["青峰地区行政公署", "青峰盟行政公署"])
def test_a_prefecture_administrative_office_reports_as_a_government(tmp_path, name):
    """地区/盟行政公署, the province's dispatched office over a prefecture: published with the
    governments by 31 March (the department deadline, 31 January, gave a false GAO204)."""
    assert agency_kind(name) == "government"
    text = free_form(title=f"{name}2012年政府信息公开工作年度报告", signature=[f"{name}办公室", "2013年3月10日"])
    assert "GAO204" not in rules_of(_lint(tmp_path, text))


def test_a_period_of_two_dates_with_no_word_between_is_read(tmp_path):
    """自2012年1月1日起, 2012年12月31日止: 起 and 止 with no 至 between (a false GAO201)."""
    report = _report(tmp_path, free_form(period="本报告所列数据统计期限自2012年1月1日起, 2012年12月31日止。"))
    assert (report.period.start, report.period.end) == (date(2012, 1, 1), date(2012, 12, 31))


def test_a_title_with_its_year_in_brackets_at_the_end(tmp_path):
    """青禾县统计局政府信息公开报告(2012年): not read as a title, the report was taken for no report
    at all (GAO002, and no other rule ran)."""
    report = _report(tmp_path, free_form(title="青禾县统计局政府信息公开报告(2012年)"))
    assert (report.title, report.year, report.agency) == ("青禾县统计局政府信息公开报告(2012年)", 2012, "青禾县统计局")


def test_a_local_number_with_an_extension_is_well_formed(tmp_path):
    assert "GAO502" not in rules_of(_lint(tmp_path, free_form(contact="联系电话23111111转6951。")))


@pytest.mark.parametrize("sentence", ["本年度没有进行收费。", "本年度没有因信息公开收取或减免费用。"])
def test_more_old_sentences_that_say_no_fee_was_charged(tmp_path, sentence):
    (statement,) = _report(tmp_path, free_form(fee=sentence)).fee_statements
    assert statement.says_none


def test_a_bulletin_title_label_glued_to_the_title(tmp_path):
    report = _report(tmp_path, free_form(title="公报标题青禾县民政局2012年政府信息公开工作年度报告"))
    assert (report.title, report.agency) == ("青禾县民政局2012年政府信息公开工作年度报告", "青禾县民政局")


@pytest.mark.parametrize("placeholder", ["略", "无"])
def test_a_telephone_left_out_is_no_malformed_number(tmp_path, placeholder):
    """电话：略 (a number left out of a copy): no number given, not a malformed one (GAO502)."""
    text = free_form(contact=f"如对本报告有疑问，请与青禾县人民政府办公室联系（地址：青禾县南街8号；电话：{placeholder}）。")
    findings = _lint(tmp_path, text)
    assert "GAO502" not in rules_of(findings), [(f.rule, f.message.zh) for f in findings]


def test_an_email_typed_with_a_chinese_full_stop_is_quoted_as_written(tmp_path):
    """电子邮箱：qhxxgk@163。com: malformed, and the finding quotes it whole (it quoted an address
    cut at the 。, which the report never wrote)."""
    findings = _lint(tmp_path, free_form(contact="联系电话：0591-23456789，电子邮箱：qhxxgk@163。com。"))
    (gao502,) = [f for f in findings if f.rule == "GAO502"]
    assert "qhxxgk@163。com" in gao502.message.zh


@pytest.mark.parametrize("sentence", ["未对公众提出的依申请公开收取任何费用。", "本年度未对申请人收取信息处理费。"])
def test_no_fee_charged_to_someone(tmp_path, sentence):
    (statement,) = _report(tmp_path, free_form(fee=sentence)).fee_statements
    assert statement.says_none


def test_a_big5_gateway_page_reads_its_regulations_word(tmp_path):
    """資訊公開 (the word a big5 gateway writes for 信息公开): the title named no report and the
    agency read 青禾县人民政府政府资讯, a department (no GAO108, the wrong GAO204 deadline)."""
    text = to_traditional(free_form()).replace("信息公開", "資訊公開")
    assert "資訊公開" in text
    report = _report(tmp_path, text)
    assert (report.title, report.agency, report.agency_kind) == (TITLE, "青禾县人民政府", "government")


def test_a_work_report_titled_huibao_is_a_title(tmp_path):
    title = "青禾县通信管理局2012年政务信息公开工作汇报"
    report = _report(tmp_path, free_form(title=title))
    assert (report.title, report.year, report.agency) == (title, 2012, "青禾县通信管理局")


def test_a_title_wrapped_inside_its_agencys_name(tmp_path):
    """青禾县甲街道 / 办事处2012年…: the agency read 办事处, and every street office of a folder
    became one agency (false GAO601/GAO602 across them)."""
    report = _report(tmp_path, free_form(title="青禾县甲街道\n办事处2012年政府信息公开工作年度报告"))
    assert (report.title, report.agency) == ("青禾县甲街道办事处2012年政府信息公开工作年度报告", "青禾县甲街道办事处")


def test_a_page_footer_after_the_signature_is_not_the_agency(tmp_path):
    """网站地图 | 联系我们 / 技术支持：青禾县大数据中心 under the signature of a government's report:
    the footer's 中心 was taken for the agency (a department: the 31 January deadline)."""
    text = free_form(title="2012年政府信息公开工作年度报告", signature=["青禾县人民政府办公室", "2013年3月12日", "",
                                                                "网站地图 | 联系我们", "技术支持：青禾县大数据中心"])
    report = _report(tmp_path, text)
    assert (report.agency, report.agency_kind) == ("青禾县人民政府", "government")


@pytest.mark.parametrize("name", ["本级", "本级机关"])
def test_this_level_names_no_agency(name):
    assert normalise_agency(name) == ""


@pytest.mark.parametrize("sentence", ["本年度未因信息公开收取公民、法人和其他组织等任何费用。",
                                      "本年度没有政府信息公开的收费及减免情况发生。", "未有收取或减免相关费用的情况。"])
def test_still_more_sentences_that_say_no_fee_was_charged(tmp_path, sentence):
    statements = _report(tmp_path, free_form(fee=sentence)).fee_statements
    assert statements and all(statement.says_none for statement in statements)


def test_a_fee_sub_heading_numbered_4_dot_is_no_statement(tmp_path):
    """4.政府信息公开的收费及减免情况 alone names the topic: its 4 was read as the statement's figure,
    which silenced GAO401."""
    text = _builder_text(version="cn-2021", year=2023, fee_sentence="4.政府信息公开的收费及减免情况")
    assert "GAO401" in rules_of(_lint(tmp_path, text, name="h.txt"))


def test_a_count_of_hotline_calls_is_no_telephone_number(tmp_path):
    """12345市民热线16038件: 16038 calls, not a number to call (it stood for the report's
    contact and would have hidden a missing one, GAO501)."""
    text = free_form(contact="全年受理12345市民热线16038件，均按时办结。")
    assert not [m for m in _report(tmp_path, text).contacts if m.kind == "phone" and "16038" in m.text]
    assert "GAO501" in rules_of(_lint(tmp_path, text, name="c.txt"))


@pytest.mark.parametrize("period", ["统计期限为2012年1月1日起—2012年12月31日止。", "统计期限为2012年1月1日起至2012年12月31日止。",
                                    "统计期限为2012年1月1日起，2012年12月31日止。"])
def test_a_period_with_qi_and_any_range_mark(tmp_path, period):
    report = _report(tmp_path, free_form(period="本报告所列数据的" + period))
    assert (report.period.start, report.period.end) == (date(2012, 1, 1), date(2012, 12, 31))


def test_a_fee_topic_run_into_its_statement_is_the_statement(tmp_path):
    """1.信息处理费收取情况：本年度未收取信息处理费。 is no bare heading: the topic runs on into the
    statement (the statement's 未 went with the topic's words, and the line passed for a heading)."""
    text = _builder_text(version="cn-2021", year=2023, fee_sentence="1.信息处理费收取情况：本年度未收取信息处理费。")
    assert "GAO401" not in rules_of(_lint(tmp_path, text, name="r.txt"))


@pytest.mark.parametrize("headline,body", [
    ("关于做好2012年政府信息公开工作年度报告编制发布工作的通知",
     "各乡镇人民政府，县直各单位：\n为做好年度报告编制发布工作，现将有关事项通知如下：\n一、编制要求\n"
     "年度报告包括总体情况、主动公开政府信息情况等六个部分，统计期限为2012年1月1日至2012年12月31日。\n二、发布时间\n3月31日前发布。"),
    ("青禾县召开2012年度政府信息公开工作年报编制培训会",
     "发布时间：2013-01-10\n1月9日下午，县政务公开办召开年报编制培训会，对年报的总体情况、主动公开政府信息情况等六个部分的"
     "编写要求作了讲解，并通报了去年年报中勾稽关系错误等问题。"),
])
def test_a_notice_or_news_about_making_reports_is_no_report(tmp_path, headline, body):
    """A notice asking for reports (it names the parts and the period units must use) or a
    news item about a training: it got a dozen report defects (GAO101 ×6, GAO103, GAO201…)."""
    findings = _lint(tmp_path, headline + "\n" + body + "\n")
    assert [f.rule for f in findings] == ["GAO002"], [(f.rule, f.message.zh) for f in findings]
    assert headline in findings[0].message.zh


def test_a_report_sent_under_a_covering_letter_is_still_a_report(tmp_path):
    """青禾县民政局关于报送2012年政府信息公开工作年度报告的函, then the report: checked as one."""
    text = "青禾县民政局关于报送2012年政府信息公开工作年度报告的函\n" + free_form()
    assert "GAO002" not in rules_of(_lint(tmp_path, text))


def test_a_telephone_number_ends_at_its_line(tmp_path):
    """联系电话:0851-36220377 at a line's end, the next paragraph opening 2012年，…: the number ran on
    into the year (a false GAO502)."""
    text = free_form(contact="联系电话:0851-36220377")
    text = text.replace("0851-36220377\n一、概述", "0851-36220377\n2012年，本县认真做好政府信息公开工作。\n一、概述")
    assert "0851-36220377\n2012" in text
    assert "GAO502" not in rules_of(_lint(tmp_path, text))


@pytest.mark.parametrize("wrapped,number", [("0931\n-43323166", "0931-43323166"), ("0591-2345\n6789", "0591-23456789")])
def test_a_telephone_number_wrapped_at_a_fixed_width_goes_on(tmp_path, wrapped, number):
    """A text wrapped at a fixed width cuts a number (电话：0931 / -43323166): cut short at its
    line's end, it goes on on the next line; a whole number ends at its line."""
    text = free_form(contact=f"联系电话：{wrapped}）。")
    assert "GAO502" not in rules_of(_lint(tmp_path, text))
    assert number in {m.text for m in _report(tmp_path, text, name="w.txt").contacts if m.kind == "phone"}


# --- session 9: real report pages of development zones, street offices and departments ------

def _clean_2021(tmp_path, name: str = "clean.txt") -> tuple[str, list[str]]:
    """A clean cn-2021 report of the builder, and the rules it gets (none)."""
    text = _builder_text(version="cn-2021", year=2023, fee_sentence="本年度未收取信息处理费。")
    assert rules_of(_lint(tmp_path, text, name=name)) == set()
    return text, []


def _period_line(text: str) -> str:
    return next(line for line in text.splitlines() if "统计" in line and "2023年1月1日" in line)


@pytest.mark.parametrize("damaged", ["自2023年1月1日起至202312月31日", "自20231月1日起至2023年12月31日"])
def test_a_period_with_either_date_damaged_is_damaged_not_missing(tmp_path, damaged):
    """The end date lost its 年 (自2023年1月1日起至202312月31日): the statement was not read at
    all (GAO201, an error) where a damaged start date was a damaged statement (GAO003 alone)."""
    text, _ = _clean_2021(tmp_path)
    line = _period_line(text)
    changed = text.replace(line, f"本报告所列数据统计期限{damaged}。")
    assert rules_of(_lint(tmp_path, changed, name="d.txt")) == {"GAO003"}


@pytest.mark.parametrize("stated,start", [
    ("报告采用数据为2023年1月1日至2023年12月31日。", date(2023, 1, 1)),
    ("报告中所涉及的数据核定时间点为2023年12月31日。", None),
])
def test_a_period_worded_as_data_used_or_a_point_in_time(tmp_path, stated, start):
    """报告采用数据为…至… and 数据核定时间点为… (a cut-off, like 截止…): GAO201 on both."""
    text, _ = _clean_2021(tmp_path)
    changed = text.replace(_period_line(text), stated)
    assert "GAO201" not in rules_of(_lint(tmp_path, changed, name="p.txt"))
    report = _report(tmp_path, changed, name="p2.txt")
    assert (report.period.start, report.period.end) == (start, date(2023, 12, 31))


@pytest.mark.parametrize("heading", ["一、总体公开情况", "一、总体工作情况", "一、总体概况", "一、概况"])
def test_section_one_worded_otherwise(tmp_path, heading):
    text, _ = _clean_2021(tmp_path)
    changed = text.replace("一、总体情况", heading, 1)
    assert changed != text
    assert "GAO101" not in rules_of(_lint(tmp_path, changed, name="s.txt"))


@pytest.mark.parametrize("title,agency", [
    ("青禾县人民政府2012年政府信息公开工作情况报告", "青禾县人民政府"),
    ("青禾自治区青禾厅2012年度政务公开工作情况的报告", "青禾自治区青禾厅"),
])
def test_a_title_reporting_the_work_situation(tmp_path, title, agency):
    """…政府信息公开工作情况报告 (common in the first years) and …政务公开工作情况的报告: no title
    was read, so the page passed for something else (GAO002, which silences the other rules)."""
    report = _report(tmp_path, free_form(title=title))
    assert (report.title, report.year, report.agency) == (title, 2012, agency)
    assert "GAO002" not in rules_of(_lint(tmp_path, free_form(title=title)))


def test_a_title_after_a_label_ends_before_the_pages_next_field(tmp_path):
    report = _report(tmp_path, free_form(title="名 称: 青禾县民政局2012年政府信息公开工作年度报告 发布日期: 2013年03月08日"))
    assert report.title == "青禾县民政局2012年政府信息公开工作年度报告"


def test_an_empty_postcode_field_takes_no_year_from_the_next_line(tmp_path):
    """邮编： at a line's end, the next paragraph opening 2012年，…: the year was read as the
    postcode (a false GAO502)."""
    text = free_form(contact="如有疑问，请联系县政府办公室（地址：青禾县南街8号；邮编：")
    text = text.replace("邮编：\n一、概述", "邮编：\n2012年，本县认真做好政府信息公开工作。\n一、概述")
    assert "邮编：\n2012" in text
    assert "GAO502" not in rules_of(_lint(tmp_path, text))
    written = free_form(contact="地址：青禾县南街8号，邮政编码：365 100。")
    assert {m.text for m in _report(tmp_path, written, name="w.txt").contacts if m.kind == "postcode"} == {"365 100"}


def test_contact_fields_run_together(tmp_path):
    """An e-mail address in brackets is the address (a false GAO502 on ``(qh@…``); an address
    ends at the next field glued to it (…7楼邮 编：365100电 话：…)."""
    text = free_form(contact="联系地址：青禾县南街8号7楼邮 编：365100电 话：0598-5123456。电子邮箱：(qhxzf@example.cn)。")
    assert "GAO502" not in rules_of(_lint(tmp_path, text))
    contacts = {(m.kind, m.text) for m in _report(tmp_path, text, name="c.txt").contacts}
    assert {("address", "青禾县南街8号7楼"), ("postcode", "365100"), ("phone", "0598-5123456"),
            ("email", "qhxzf@example.cn")} <= contacts


def test_no_fee_said_of_government_information_disclosure(tmp_path):
    text = _builder_text(version="cn-2021", year=2023, fee_sentence="2023年，本局未发生政府信息公开收费事项。")
    assert "GAO401" not in rules_of(_lint(tmp_path, text, name="f.txt"))


def test_a_cited_notices_number_is_no_fee_figure(tmp_path):
    """A training on a cited notice (…《关于信息处理费收缴有关事项的通知》（青财函〔2023〕2号）…落实
    信息处理费规定): its document number passed for the figure of a fee statement, so a report
    that says nothing of its fees was not told (GAO401 missed)."""
    training = ("组织各单位学习《关于信息处理费收缴有关事项的通知》（青财函〔2023〕2号），要求各单位落实信息处理费有关规定。")
    text = _builder_text(version="cn-2021", year=2023, fee_sentence=training)
    assert "GAO401" in rules_of(_lint(tmp_path, text, name="t.txt"))


@pytest.mark.parametrize("opening", ["按照《中华人民共和国政府信息公开条例》的有关规定，现将我局2012年政府信息公开情况报告如下。",
                                     "现将2012年政府信息公开工作报告如下："])
def test_an_opening_sentence_reporting_as_follows_is_no_title_line(tmp_path, opening):
    """A page with no title line, opening 现将…报告如下: the whole sentence was the title and
    its words the agency (的有关规定,现将我局); the report it names is the title, and the agency
    is the signature's."""
    report = _report(tmp_path, opening + "\n" + free_form(title="", opening=""))
    assert report.title in ("2012年政府信息公开情况报告", "2012年政府信息公开工作报告")
    assert report.agency == "青禾县人民政府"


_SECTOR_PARTS = ("一、信息公开情况\n本年度通过网站公开信息120条，其中科研动态58条。\n二、依申请公开信息和不予公开信息的情况\n"
                 "本年度收到信息公开申请2件，均已按时答复。\n三、信息公开的收费及减免情况\n本年度未收取任何费用。\n"
                 "四、因信息公开申请提起复议、诉讼的情况\n本年度未发生相关复议和诉讼。\n五、存在的主要问题和改进情况\n"
                 "信息更新还不够及时，明年将加强管理。\n")


@pytest.mark.parametrize("title", ["中国科学院青禾研究所2023年度信息公开工作报告", "青禾大学2022-2023学年信息公开工作年度报告",
                                   "青禾市第一人民医院2023年信息公开工作报告"])
def test_a_sectors_own_information_disclosure_report_is_not_checked_as_a_governments(tmp_path, title):
    """A research institute's, university's or hospital's 信息公开工作报告 follows its sector's
    rules (five parts of its own, no national tables): checked against cn-2021 it got GAO101 ×3
    and GAO103 ×3 on a complete report. Now one GAO002 that says what it is."""
    findings = _lint(tmp_path, title + "\n" + _SECTOR_PARTS)
    assert [f.rule for f in findings] == ["GAO002"], [(f.rule, f.message.zh) for f in findings]
    assert "信息公开工作报告" in findings[0].message.zh and title in findings[0].message.zh


def test_a_body_of_those_sectors_reporting_under_the_regulation_is_checked(tmp_path):
    """A hospital or a college whose title says 政府信息公开 reports under the regulation: checked."""
    text = free_form(title="青禾县人民医院2012年政府信息公开工作年度报告", signature=["青禾县人民医院", "2013年3月12日"])
    assert "GAO002" not in rules_of(_lint(tmp_path, text))


@pytest.mark.parametrize("title", ["青禾县人民政府 2 0 1 2 年政府信息公开工作年度报告",
                                   "青 禾 县 人 民 政 府 2 0 1 2 年 政 府 信 息 公 开 工 作 年 度 报 告"])
def test_a_letter_spaced_title_copied_from_a_pdf(tmp_path, title):
    """A title set letter-spaced, or its year's digits alone, as text copied from a PDF keeps
    them: no title was read, so no agency either (its kind, deadline and GAO108 went unknown)."""
    report = _report(tmp_path, free_form(title=title, signature=["2013年3月12日"]))
    assert (report.year, report.agency) == (2012, "青禾县人民政府")
    assert report.title.replace(" ", "") == "青禾县人民政府2012年政府信息公开工作年度报告"


def test_a_title_named_in_the_opening_does_not_run_across_sentences(tmp_path):
    """现将青禾县2012政府信息公开工作年度报告予以公开。…统计期限自2012年1月1日起至2012年12月31日止。本年报在
    青禾县政府网“政府信息公开年度报告”专栏公布: the title ran from the period's end date across 。 to
    the column's name, and the agency was 12月31日止。本年报在青禾县政府网 (a department: GAO108 lost)."""
    opening = ("现将青禾县2012政府信息公开工作年度报告予以公开。本报告中所列数据的统计期限自2012年1月1日起至2012年12月31日止。"
               "本年报在青禾县政府网“政府信息公开年度报告”专栏公布。")
    report = _report(tmp_path, free_form(title="", opening=opening, period="", signature=["2013年3月12日"]))
    assert (report.title, report.year, report.agency, report.agency_kind) == (
        "2012政府信息公开工作年度报告", 2012, "青禾县人民政府", "government")


@pytest.mark.parametrize("title", ["青禾县2012政府信息公开工作年度报告", "青禾县 2012 政府信息公开工作报告"])
def test_a_title_whose_year_lost_its_nian(tmp_path, title):
    report = _report(tmp_path, free_form(title=title, signature=["2013年3月12日"]))
    assert (report.year, report.agency) == (2012, "青禾县人民政府")


def test_a_reports_own_cross_reference_is_no_announcement(tmp_path):
    """详见本报告第三、四部分 is the report pointing at itself, not an announcement page's 详见附件."""
    text = ("青禾县发展改革局2012年政府信息公开工作年度报告\n一、概述\n" + "2012年，我局认真做好政府信息公开工作，" * 14
            + "全年收到政府信息公开申请16件（具体情况详见本报告第三、四部分）。\n")
    assert "GAO002" not in rules_of(_lint(tmp_path, text))


def test_a_broken_second_copy_of_the_title_is_not_the_title(tmp_path):
    """A page that prints its title twice, the second copy cut at the start and wrapped
    (县人民政府办公室2012年政府信息 / ⏎ / 公开年度报告): the cut copy was taken as the title, and its
    agency (县人民政府办公室) named no county."""
    title = "青禾县人民政府办公室2012年政府信息公开年度报告"
    text = free_form(title=title + "\n县人民政府办公室2012年政府信息\n\n公开年度报告", signature=["2013年3月12日"])
    report = _report(tmp_path, text)
    assert (report.title, report.agency) == (title, "青禾县人民政府办公室")


@pytest.mark.parametrize("sentence", ["没有发生有关审计信息公开收费情况", "未出现收费情况", "没有发生过收费", "无发生收费情况"])
def test_no_charging_said_as_an_event(tmp_path, sentence):
    """全年共受理申请2件，没有发生有关审计信息公开收费情况 (a real 2024 report): a false GAO401."""
    text = _builder_text(version="cn-2021", year=2023, fee_sentence=f"全年共受理依申请公开事项，{sentence}。")
    assert "GAO401" not in rules_of(_lint(tmp_path, text, name="e.txt"))


@pytest.mark.parametrize("pronoun,agency", [("我局", ""), ("我乡", "我乡人民政府")])
def test_an_opening_sentence_naming_the_report_is_no_title_line(tmp_path, pronoun, agency):
    """现公布我局2012年…年度报告。本报告中所列数据…: the whole line (the period's sentence with it)
    was the title and 现公布我局 the agency."""
    opening = f"现公布{pronoun}2012年政府信息公开工作年度报告。本报告所列数据统计期限为2012年1月1日至2012年12月31日。"
    report = _report(tmp_path, opening + "\n" + free_form(title="", opening="", period="", signature=["2013年3月12日"]))
    assert (report.title, report.agency) == ("2012年政府信息公开工作年度报告", agency)


def test_a_bulleted_title_line_keeps_no_bullet(tmp_path):
    report = _report(tmp_path, free_form(title="  • 青禾县民政局2012年政府信息公开工作年度报告"))
    assert (report.title, report.agency) == ("青禾县民政局2012年政府信息公开工作年度报告", "青禾县民政局")


# --- session 10: central and provincial publishers, 2009-2018 pages --------------------------

@pytest.mark.parametrize("stated, end", [
    ("统计期限自2012年1月1日起,至2012年12月底。", date(2012, 12, 31)),
    ("统计期限为2012年1月1日至2012年年底。", date(2012, 12, 31)),
    ("统计期限为2012年1月1日起至12月底止。", date(2012, 12, 31)),
    ("统计期限为2012年1月1日至2012年12月末。", date(2012, 12, 31)),
    ("统计期限为2012年1月1日至2012年6月底。", date(2012, 6, 30)),
])
def test_a_period_that_ends_at_a_month_end_in_words(tmp_path, stated, end):
    """A 2015 安监局 page ended its period 至2015年12月底: no period was read (a false GAO201) and
    the report lost its year. A period that ends at 6月底 is read too, and is half a year."""
    text = free_form(period=stated)
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    report = read_report(str(path), str(path))[0]
    assert report.period is not None and (report.period.start, report.period.end) == (date(2012, 1, 1), end)
    rules = rules_of(_lint(tmp_path, text))
    assert "GAO201" not in rules
    assert ("GAO202" in rules) == (end.month != 12)


def test_a_contents_list_in_semicolons_is_no_fee_statement(tmp_path):
    """本报告全文包括…的情况;…;政府信息公开收费及减免情况;…: an item of the contents names the
    topic and states nothing. A report with no fee statement besides it got no GAO401."""
    opening = ("本报告全文包括主动公开政府信息的情况;依申请公开政府信息的情况;政府信息公开收费及减免情况;"
               "因政府信息公开申请行政复议、提起行政诉讼的情况;存在的主要问题及改进情况。")
    body = [line for line in BODY if line not in ("四、政府信息公开的收费及减免情况", "FEE")]
    assert "GAO401" in rules_of(_lint(tmp_path, free_form(opening=opening, body=body)))
    # the same list with the statement itself in the body
    assert "GAO401" not in rules_of(_lint(tmp_path, free_form(opening=opening)))
    # a statement cut by semicolons with a figure is a statement
    charged = "本年度共受理申请12件;收取检索费、复制费共计120元;无减免情况。"
    assert "GAO401" not in rules_of(_lint(tmp_path, free_form(opening="本报告全文包括五个部分;" + OPENING, body=body + [charged])))


@pytest.mark.parametrize("answer", ["无", "暂无。", "无此情况。", "  无 "])
def test_a_fee_heading_answered_none_on_its_own_line(tmp_path, answer):
    """三、政府信息公开的收费及减免情况, then 无 on the next line: the topic answered "none", as
    收费情况：无 is on one line. A heading with prose under it that says nothing of fees is
    still no statement."""
    assert "GAO401" not in rules_of(_lint(tmp_path, free_form(fee=answer)))
    assert "GAO401" in rules_of(_lint(tmp_path, free_form(fee="本机关将继续做好相关工作。")))


@pytest.mark.parametrize("fee, reported", [
    ("本年度依申请公开的政府信息均为无偿提供。", False),
    ("本机关向群众无偿提供政策汇编500册。", True),
])
def test_free_said_as_wuchang(tmp_path, fee, reported):
    """均为无偿提供 says the information was given free, as 均免费提供 does; handing out free
    booklets says nothing of fees charged to applicants."""
    assert ("GAO401" in rules_of(_lint(tmp_path, free_form(fee=fee)))) == reported


def test_ascii_full_stops_before_a_heading_and_after_an_address(tmp_path):
    """Text typed or converted with half-width punctuation: 电子邮箱：gk@qh.gov.cn. ends its
    sentence with the ".", which is no part of the address (a false GAO502); and a heading run
    into the line after ").一、概述" starts there, as after "。" (a false GAO101 for 一)."""
    contact = "如对本报告有疑问，请与青禾县人民政府办公室联系（电话：0598-5123456，电子邮箱：gk@qinghe.gov.cn）."
    body = [line for line in BODY[2:]]  # from 二、主动公开政府信息情况 on (概述 is no section of 2008's)
    one_line = " ".join([OPENING, PERIOD, contact + body[0], *body[1:]]).replace("FEE", FEE)
    text = "\n".join([TITLE, one_line, *SIGNATURE]) + "\n"
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    report = read_report(str(path), str(path))[0]
    assert report.sections and report.sections[0].key == "active"
    assert report.sections[0].location.column > 100  # found mid-line, right after the "."
    rules = rules_of(_lint(tmp_path, text))
    assert "GAO101" not in rules and "GAO502" not in rules
    mail = "\n".join([TITLE, OPENING + PERIOD + "电子邮箱：gk@qinghe.gov.cn.", *BODY, *SIGNATURE]).replace("FEE", FEE)
    path.write_text(mail, encoding="utf-8")
    report = read_report(str(path), str(path))[0]
    assert [m.text for m in report.contacts if m.kind == "email"] == ["gk@qinghe.gov.cn"]
    assert "GAO502" not in rules_of(_lint(tmp_path, mail))


def test_a_short_heading_after_a_half_width_full_stop_mid_line(tmp_path):
    """一、总体情况 run into a line after ")." (a page flattened to one line, half-width
    punctuation): its title is too short to be taken anywhere mid-sentence, but a full stop
    ends the sentence before it. After "2.5万元." (a figure's decimal) it is not taken."""
    text = ("青禾县人民政府2024年政府信息公开工作年度报告\n"
            "本报告所列数据的统计期限为2024年1月1日至2024年12月31日，如有疑问请联系县政府办公室（电话：0598-5123456）."
            "一、总体情况 全年主动公开政府信息1200条。二、主动公开政府信息情况 见下表。\n")
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    sections = read_report(str(path), str(path))[0].sections
    assert [s.key for s in sections][:2] == ["overview", "active"]
    path.write_text(text.replace("（电话：0598-5123456）.", "收费2.5."), encoding="utf-8")
    assert [s.key for s in read_report(str(path), str(path))[0].sections][:1] == ["active"]
