"""Rules about the file as a whole: a file that is not an annual report, text damaged in extraction.
(A file that cannot be read or checked at all: ``gaolint.checks.failures``.)"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import TITLE_LINES, Finding, Severity
from .base import Context, FileRule, register, start_of_report


@register
class NotAnAnnualReport(FileRule):
    """**What it does**
    Reports a file in scope that shows no sign of being a 政府信息公开工作年度报告: no report
    title, no statistics period, fewer than two recognised sections, no table, and not two of
    the phrases annual reports open with (本报告, 本年度报告, 本年报, 政府信息公开条例,
    统计期限 …, listed in `rules/common.yaml` as `report_evidence`) in its first screen of text.

    Also reported: a file with the report's title and nothing else a report is made of — no
    statistics period, fewer than two sections, no table, and fewer than
    `COVER_PAGE_CHARACTERS` Chinese characters besides the title. That is the page a site
    publishes to announce the report (`现将…年度报告予以公布，详见附件`), whose body is an
    attachment (`附件：…年度报告.pdf`) or a document shown in an embedded viewer; crawlers save
    it as the report. A complete report cannot be that short (the labels of its tables alone
    are longer), so the finding names the attachment when the page does, and the other rules
    are not run: twelve missing-section and missing-table errors would only say that the body
    is elsewhere. The same for a site's list of reports (the 政府信息公开年报 column): three or
    more lines that are each a report's title, and nothing else of a report. And the
    信息公开工作报告 of a university, research institute or hospital (its title says 信息公开,
    not 政府信息公开 or 政务公开; `title.other_regimes`): published under its sector's own rules,
    in parts of its own and without the national tables, it would get a dozen false errors.

    Real reports open with site menus, blank lines, a citation of the provincial notice
    (《…关于做好2012年政府信息公开工作年度报告…的通知》 — a cited title, not the report's), or
    straight with `本报告…统计期限…` or `一、总体情况`: any of the evidence above is enough,
    so this finding is rare on real reports. With `--verbose` the finding says what was looked
    for and that the other rules were not run.

    **Why is this bad?**
    Either a stray file sits among the reports (a README, a notice), or the report is so
    damaged that no other check can work on it. Other rules (except GAO003) are not run on
    such a file, so it does not drown in missing-section errors.

    **Example**
    A notice that only says 关于做好政务公开工作的通知…; or a page with the title
    `某某县财政局2023年政府信息公开工作年度报告`, one sentence and `附件：财政局2023年报.pdf`.

    **Use instead**
    Keep only annual reports under the linted folders, or exclude the file in configuration;
    for an announcement page, check the attached report file itself.

    **References**
    - 国办公开办函〔2021〕30号：年度报告的标题和六个部分。
    """

    code = "GAO002"
    name = "not-an-annual-report"
    severity = Severity.WARNING
    summary = "no recognisable report title, period, sections, tables or report wording"
    any_file = True
    name_zh = "不像年度报告"
    summary_zh = "找不到报告标题、年份或部分结构"
    explanation_zh = (
        "文件中没有可识别的报告标题、年份或章节结构，很可能不是政府信息公开工作年度报告（例如混在报告中的通知或说明文件），或者文件损坏严重。"
        "此类文件不再运行其他规则。"
    )

    def check(self, context: Context) -> Iterator[Finding]:
        report = context.report
        headline = notice_headline(report)
        if headline:
            yield self.finding(
                report, start_of_report(report),
                f"这是关于年度报告的通知或新闻（“{headline}”），不是政府信息公开工作年度报告；其他规则未运行",
                f"a notice or a news item about annual reports ('{headline}'), not a report: other rules were not run",
            )
            return
        if cover_page(report):
            yield self.finding(report, report.title_location or start_of_report(report), *_cover_page_message(report))
            return
        body, headline = another_regime(report)
        if body:
            yield self.finding(
                report, report.title_location or start_of_report(report),
                f"这是{body}依照本系统规定发布的信息公开工作报告（“{headline}”），不是行政机关的政府信息公开"
                "工作年度报告，不按国家格式检查；其他规则未运行",
                f"the information-disclosure report of {body} under its own sector's rules ('{headline}'), not an "
                "administrative agency's annual report under the regulation: not checked against the national "
                "format; other rules were not run",
            )
            return
        strong, weak = report_evidence(report)
        if strong or len(weak) >= 2:
            return
        zh = "文件中找不到年度报告的标题、统计期限、章节结构或表格，可能不是政府信息公开工作年度报告"
        en = "no annual-report title, statistics period, section structure or table found: this may not be an annual report"
        if context.options.get("verbose"):
            seen_zh = f"开头只见到“{weak[0]}”" if weak else "开头没有“本报告”“统计期限”等说法"
            seen_en = f"the opening has only '{weak[0]}'" if weak else "the opening has none of 本报告, 统计期限 …"
            zh += (f"（查找了：标题（前{TITLE_LINES}个非空行）、统计期限、章节标题 {len(report.sections)} 个（需2个）、"
                   f"表格 0 个；{seen_zh}）。除 {DamagedText.code} 外的其他规则均未运行")
            en += (f" (looked for: a title in the first {TITLE_LINES} non-blank lines, a statistics period, "
                   f"sections: {len(report.sections)} of 2 needed, tables: none; {seen_en}). "
                   f"Every other rule except {DamagedText.code} was not run on this file")
        yield self.finding(report, start_of_report(report), zh, en)


def report_evidence(report) -> tuple[list[str], list[str]]:
    """(strong, weak) signs that a file is an annual report. Strong: a title, a statistics
    period, two recognised sections, a table. Weak: one section, and each report phrase of
    rules/common.yaml the parser found in the first screen of text (``opening_phrases``)."""
    strong = []
    if report.title:
        strong.append("title")
    if report.period is not None:
        strong.append("period")
    if len(report.sections) >= 2:
        strong.append("sections")
    if report.tables or report.unreadable_tables:
        strong.append("tables")
    if strong:
        return strong, []
    weak = ["section"] if report.sections else []
    weak += [phrase for phrase in report.opening_phrases if phrase not in weak]
    return strong, weak


def is_annual_report(report) -> bool:
    """Any strong sign, or two weak ones (see report_evidence); never a cover page."""
    strong, weak = report_evidence(report)
    return ((bool(strong) or len(weak) >= 2) and not cover_page(report) and not notice_headline(report)
            and not another_regime(report)[0])


def another_regime(report) -> tuple[str, str]:
    """(the body, the headline) of a university's, research institute's or hospital's
    信息公开工作报告, published under its sector's rules (rules/common.yaml
    ``title.other_regimes``): five parts of its own and none of the national tables, so every
    section and table check would be false. ("", "") for any other file."""
    from ..formats import load_common

    common = load_common()
    if report.title:
        if common.under_another_regime(report.title, report.agency or ""):
            return report.agency, report.title
        return "", ""
    # (no title read: a university's names its school year, 青禾大学2022-2023学年信息公开工作年度报告)
    for text in _opening_lines(report):
        body = _YEAR.split(text, 1)[0]
        if len(text) <= 60 and "报告" in text and common.under_another_regime(text, body):
            return body, text
    return "", ""


_YEAR = re.compile(r"\d{4}")


def _opening_lines(report) -> list[str]:
    """The file's first two non-blank lines (within its first 20): where a headline stands."""
    return [line.text.strip() for line in report.lines[:20] if line.text.strip()][:2]


def notice_headline(report) -> str:
    """The headline of a notice or a news item about making reports that opens a file (关于做好
    2023年…年度报告编制发布工作的通知, 某县召开…年报编制培训会: rules/common.yaml
    ``title.not_reports`` and ``title.about_reports``), or "". It may state the period units
    must use and name the report's parts: no report still. A notice publishing a report (关于
    印发《…年度报告》的通知) names it in 《》 and is read as the report."""
    from ..formats import load_common

    common = load_common()
    shown = _opening_lines(report)
    for text in shown:
        if (len(text) <= 60 and "《" not in text and ("报告" in text or "年报" in text)
                and common.about_making_reports(text)):
            return text
    return ""


#: Chinese characters besides the title below which a file with a title and no period, section
#: or table is an announcement page, not a report: the labels of tables 2–4 alone are about
#: 700 characters, a complete report several thousand; an announcement with its sentence and
#: attachment line is 50–200, a site's menus and footer copied with it a few hundred more.
COVER_PAGE_CHARACTERS = 600
_CJK = re.compile(r"[\u3400-\u9fff]")
#: A document's file name as announcement pages show it (`附件：…年度报告.pdf`).
_ATTACHMENT = re.compile(r"[^\s:：，,；;。|（）()<>]{1,80}\.(?:pdf|docx?|wps|ofd|xlsx?|zip|rar)\b", re.IGNORECASE)


#: Below this many Chinese characters besides the title there is nothing but the title and a
#: site's menus: a page showing the report in an embedded viewer, with no wording of its own.
BARE_TITLE_CHARACTERS = 150


def cover_page(report) -> bool:
    """A title and nothing else of a report: no period, fewer than two sections, no table,
    fewer than COVER_PAGE_CHARACTERS Chinese characters besides the title, and either an
    announcement's wording (``announcement_phrases``: 附件, 详见, 予以公布 …) or fewer than
    BARE_TITLE_CHARACTERS. A short, defective report of the 2008 era, with its title and a few
    sentences but no such wording, is still checked as a report."""
    if not report.title or report.period is not None or len(report.sections) >= 2:
        return False
    if report.tables or report.unreadable_tables:
        return False
    body = body_characters(report)
    if body >= COVER_PAGE_CHARACTERS:
        return False
    return body < BARE_TITLE_CHARACTERS or bool(report.announcement_phrases) or len(report.listed_titles) >= LISTED_REPORTS


#: A page with this many report titles, each a line of its own, and nothing else of a report
#: is a site's list of reports (政府信息公开年报 column), not one report.
LISTED_REPORTS = 3


def body_characters(report) -> int:
    """Chinese characters outside the title and the report titles a page lists: each line
    counted without the titles it holds (a line that is a title by itself counts nothing; a
    report copied onto one line, its title run in, counts the rest of it)."""
    titles = [title for title in (report.title, *report.listed_titles) if title]
    total = 0
    for line in report.lines:
        text = line.text
        for title in titles:
            if title in text:
                text = text.replace(title, "")
        total += len(_CJK.findall(text))
    return total


def _cover_page_message(report) -> tuple[str, str]:
    # An attachment named on the page makes it the report's announcement, even with the site's
    # list of other reports around it: the attachment is what the user must check.
    attachment = next((m.group(0) for line in report.lines for m in _ATTACHMENT.finditer(line.text)), "")
    if len(report.listed_titles) >= LISTED_REPORTS and not attachment:
        count = len(report.listed_titles)
        return (
            f"这是年度报告的列表页面（列出 {count} 份报告，如“{report.listed_titles[0]}”），不是报告本身："
            "找不到统计期限、章节和表格。请检查各份报告；其他规则未运行",
            f"a list of annual reports ({count} titles, such as '{report.listed_titles[0]}'), not a report: "
            "no statistics period, sections or tables. Check the reports themselves. Other rules were not run",
        )
    where_zh = f"（附件：{attachment}）" if attachment else "（附件或页面中嵌入的文件）"
    where_en = f" (attachment: {attachment})" if attachment else " (an attachment, or a document the page embeds)"
    return (
        f"只有年度报告的标题，没有报告正文：找不到统计期限、章节和表格。这多半是发布报告的页面，报告在别处{where_zh}，"
        "请检查报告文件本身；其他规则未运行",
        f"the report's title but not its body: no statistics period, sections or tables. This looks like the page "
        f"that announces the report, whose body is elsewhere{where_en}; check the report file itself. "
        "Other rules were not run",
    )


_DAMAGE = {
    "date": ("日期缺字（年、月被丢失）", "dates with lost characters"),
    "pinyin": ("正文夹杂拼音注音（网页繁简转换残留）", "inline pinyin annotations left by a converter"),
    "replacement": ("出现无法解码的替换字符 U+FFFD", "U+FFFD replacement characters"),
    "email": (
        "电子邮箱被网页的邮箱保护替换为占位文字，无法读取",
        "an e-mail address replaced by a web page's e-mail protection placeholder, unreadable",
    ),
    "reader": ("提取时发现的问题", "problems noticed while extracting the text"),
    "glued": (
        "表格单元格之间没有分隔、数字粘连成一串，已按唯一符合列数与合计关系（行合计或表内各列的勾稽关系）的拆分读取（这些单元格为推断值）",
        "table cells lost their separators and were glued into digit runs; they were read by the only split that fits the row's width and sums, or the table's column sums (inferred cells)",
    ),
    "glued-unread": (
        "表格单元格之间没有分隔、数字粘连成一串，且无法唯一拆分，这些行未作核对",
        "table cells lost their separators and were glued into digit runs that fit no single split; those rows were not checked",
    ),
    "table": (
        "表格无法可靠读取（PDF 中的表格没有框线，数字与行名错位），已跳过该表的检查",
        "a table could not be read reliably (a PDF table without ruled lines: numbers and labels are misaligned); its checks were skipped",
    ),
}


@register
class DamagedText(FileRule):
    """**What it does**
    Reports text damaged in extraction or conversion: dates that lost characters
    (`20161231日` for 2016年12月31日, `2011111231`, `201211-1231日` in a period statement, a
    signing date printed as bare digits under the signing agency such as `019328`), a
    statistics period whose dates are gone altogether (`统计期限自至。`, also GAO201), an
    e-mail address a web page's protection replaced (`[email protected]`), pinyin left after each character by a web converter
    (`區(qū)`), U+FFFD replacement characters, and PDF tables without ruled lines whose numbers
    came out beside the wrong labels (that table's rows and sums are then not checked, rather
    than reported wrongly), and table cells a web crawler glued into digit runs (`713000074`:
    each row is read by the only split that fits its width and its own sums, or, where two
    splits fit a row, by the only one that lets the table's column sums hold; a row that no
    split decides is named and not checked). One finding per kind of damage, pointing at the
    first place and counting the others.

    The same warning names any part of the file left unread because it passes one of the
    limits that keep gaolint fast on hostile input (no real report comes near them): text
    past 100,000 lines or the character limit, a table of more than 50,000 cells, a PDF page
    drawing more than 30,000 objects, prose figures past 5,000 (the rest are not compared
    with the tables), more than 500 `gaolint:` comments. What was read is still checked.

    **Why is this bad?**
    Damaged text can hide real defects: a period that cannot be read cannot be checked, and a
    published report with garbled dates misinforms its readers. gaolint removes pinyin residue
    before checking, but the published text still carries it.

    **Example**
    ```text
    报告统计数据截止时间为20161231日
    ```

    **Use instead**
    ```text
    报告统计数据截止时间为2016年12月31日
    ```

    **References**
    - 国办公开办函〔2021〕30号：统计期限的写法；GB/T 15835 出版物上数字用法。
    """

    code = "GAO003"
    name = "damaged-text"
    severity = Severity.WARNING
    summary = "extraction damage: lost date characters, pinyin residue, replacement characters"
    any_file = True
    name_zh = "文字提取受损"
    summary_zh = "提取出的文字受损：日期字符丢失、拼音残留、替换字符"
    explanation_zh = (
        "从文件中提取的文字有损坏的迹象，如日期中的“年”“月”“日”丢失、夹杂拼音或出现替换字符（�）。"
        "受损的文字会使其他检查不可靠，公众阅读也会受影响。请检查原文件的转换或导出方式。"
    )

    def check(self, context: Context) -> Iterator[Finding]:
        report = context.report
        by_kind: dict[str, list] = {}
        for mention in report.damage:
            by_kind.setdefault(mention.kind, []).append(mention)
        for kind, mentions in by_kind.items():
            zh, en = _DAMAGE.get(kind, _DAMAGE["reader"])
            samples = "、".join(f"“{m.text}”" for m in mentions[:3])
            more = f"等 {len(mentions)} 处" if len(mentions) > 1 else ""
            yield self.finding(
                report,
                mentions[0].location,
                f"文本损坏：{zh}，如 {samples}{more}",
                f"damaged text: {en}, e.g. {', '.join(m.text for m in mentions[:3])}"
                + (f" ({len(mentions)} places)" if len(mentions) > 1 else ""),
            )
