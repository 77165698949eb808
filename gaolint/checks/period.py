"""Rules about the statistics period, the report year and the publication deadline."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import MAXYEAR, Finding, Severity, date
from .base import Context, FileRule, register, start_of_report

#: Since the 2019 regulation (in force 2019-05-15) departments publish by 31 January; before it,
#: every agency had until 31 March.
_DEFAULT_DEADLINES = {"department": "01-31", "government": "03-31", "zone": "03-31"}


def _fmt(day: date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "？"


@register
class MissingPeriod(FileRule):
    """**What it does**
    Reports a report with no statement of its statistics period (统计期限 / 统计时限), or one
    whose two dates are both gone (`统计期限自至。`, also reported by GAO003).

    The period is recognised in the wordings real reports use, listed as data in
    `rules/common.yaml` (`period.keys`): 统计期限为…至…, 统计时限自…起至…止, 统计日期自…,
    本报告所列数据自…起至…止, 所列数据的期限从…至…, 涵盖…至…期间, 时间跨度为…; the end
    may be a month's or the year's end in words (…至2015年12月底, 至12月末止, 至2015年年底).
    A cut-off date alone (`统计期限截止2011年12月31日`, `数据截止时间为…`, words in
    `period.cutoff`) counts as a stated period: a cut-off of 31 December of the report year is
    accepted, any other cut-off is GAO202. A period whose dates lost their 年/月 marks in
    extraction (`截止时间为20161231日`) is GAO003 only: the statement is there. A damaged date
    elsewhere in the report (`于20078月成立`) does not stand in for a missing period.

    **Why is this bad?**
    Without the period a reader cannot tell which year the numbers cover, and the tables
    cannot be compared with other reports or with last year's.

    **Example**
    An introduction that never says which dates the data cover.

    **Use instead**
    ```text
    本报告中所列数据的统计期限为2025年1月1日至2025年12月31日。
    ```

    **References**
    - 国办公开办函〔2021〕30号：年度报告引言说明统计期限。
    """

    code = "GAO201"
    name = "missing-period"
    severity = Severity.ERROR
    summary = "no statement of the statistics period"
    name_zh = "缺少统计期限"
    summary_zh = "没有说明统计期限"
    explanation_zh = "报告没有说明数据的统计期限。读者无法判断数字对应哪个时间段。"

    def check(self, context: Context) -> Iterator[Finding]:
        report = context.report
        period = report.period
        if period is not None:
            if not period.damaged or any(ch.isdigit() for ch in period.text):
                return  # stated, or stated with damaged dates: GAO003 says so, precisely
            yield self.finding(
                report, period.location,
                f"统计期限的日期缺失：“{period.text}”（两个日期都没有）",
                f"the statistics period has lost both its dates: '{period.text}'",
            )
            return
        yield self.finding(
            report,
            report.title_location or start_of_report(report),
            "找不到统计期限的说明（如“统计期限为2025年1月1日至2025年12月31日”）",
            "no statement of the statistics period (统计期限) found",
        )


@register
class WrongPeriod(FileRule):
    """**What it does**
    Reports a stated statistics period that is not 1 January to 31 December of the report
    year: the wrong year, a partial year, or an end before the start. A report that states only
    a cut-off date (`统计期限截止2011年12月31日`) is accepted when the cut-off is 31 December of
    the report year; a cut-off in another year or on another day is reported here. A period
    whose dates could not be read (GAO003) is not compared. A 2008 report may start on 1 May
    2008, when the 2008 regulation took effect (`period_starts` in rules/cn-2008.yaml).

    **Why is this bad?**
    The annual report covers exactly one calendar year; any other period makes its numbers
    incomparable and usually means last year's text was reused.

    **Example**
    ```text
    统计期限为2025年1月1日至2025年6月30日
    ```

    **Use instead**
    ```text
    统计期限为2025年1月1日至2025年12月31日
    ```

    **References**
    - 《政府信息公开条例》第四十九条、第五十条：年度报告报告上一年度的工作。
    """

    code = "GAO202"
    name = "wrong-period"
    severity = Severity.ERROR
    summary = "the period is not 1 January – 31 December of the report year"
    name_zh = "统计期限错误"
    summary_zh = "统计期限不是报告年度的1月1日至12月31日"
    explanation_zh = "年度报告的统计期限应为报告年度的1月1日至12月31日，本报告写明的期限与此不符。"

    def check(self, context: Context) -> Iterator[Finding]:
        report = context.report
        period = report.period
        if period is None or period.damaged:
            return
        start, end = period.start, period.end
        if start is not None and end is not None and end < start:
            yield self.finding(
                report, period.location,
                f"统计期限的结束日期 {_fmt(end)} 早于开始日期 {_fmt(start)}",
                f"the period ends ({end}) before it starts ({start})",
            )
            return
        year = report.year or (end.year if end else start.year if start else None)
        if year is None:
            return
        expected_start, expected_end = date(year, 1, 1), date(year, 12, 31)
        if (start is None or start == expected_start or start.isoformat() in context.format.period_starts) and end == expected_end:
            return
        if start is None:
            yield self.finding(
                report, period.location,
                f"统计截止日期为 {_fmt(end)}，应为 {year}年12月31日（统计期限应为 {year}年1月1日至{year}年12月31日）",
                f"the statistics cut-off is {end}; it should be {expected_end}",
            )
            return
        yield self.finding(
            report, period.location,
            f"统计期限为 {_fmt(start)} 至 {_fmt(end)}，应为 {year}年1月1日至{year}年12月31日",
            f"the period is {start} to {end}; it should be {expected_start} to {expected_end}",
        )


@register
class YearMismatch(FileRule):
    """**What it does**
    Reports a report year in the title that disagrees with the statistics period, and a
    carry-over sentence naming the wrong year (`结转2025年度` in the 2025 report, where
    2026 is meant).

    **Why is this bad?**
    These are the marks of a report copied from last year and not fully updated; readers are
    told two different years.

    **Example**
    ```text
    2025年……当年度办结2162件，结转2025年度144件。
    ```

    **Use instead**
    ```text
    2025年……当年度办结2162件，结转2026年度144件。
    ```

    **References**
    - 国办公开办函〔2021〕30号：四、结转下年度继续办理。
    """

    code = "GAO203"
    name = "year-mismatch"
    severity = Severity.ERROR
    summary = "the title year disagrees with the period, or a carry-over names the wrong year"
    name_zh = "年份不一致"
    summary_zh = "标题年份与统计期限不一致，或结转年份写错"
    explanation_zh = "标题中的年份与统计期限的年份不一致，或“上年结转”“结转下年度”写错了年份，说明报告可能套用了往年的模板。"

    def check(self, context: Context) -> Iterator[Finding]:
        report = context.report
        year = report.year
        period = report.period
        if year is not None and report.title and period is not None and period.end is not None:
            if period.end.year != year and (period.start is None or period.start.year != year):
                yield self.finding(
                    report, period.location,
                    f"标题中的报告年度为 {year} 年，统计期限却是 {period.end.year} 年",
                    f"the title says {year} but the period is in {period.end.year}",
                )
        if year is None:
            return
        for named, location in report.carryover_years:
            if named != year + 1:
                yield self.finding(
                    report, location,
                    f"{year}年度报告的结转年度写成了 {named} 年，应为 {year + 1} 年",
                    f"the {year} report carries applications over to {named}; it should be {year + 1}",
                )


@register
class LatePublication(FileRule):
    """**What it does**
    Reports a signing or publication date printed in the report that falls after the legal
    deadline for the report year: 31 January of the next year for departments of governments
    at county level and above, 31 March for a local people's government's own report, and
    31 March for every report before the 2019 regulation. The deadlines and the agency kind
    can be set in configuration, since local rules vary.

    The agency kind comes from the name's ending, as listed in `rules/common.yaml`
    (`agency_kinds`): a 人民政府 (乡、镇、民族乡 and 苏木 governments included) has the
    government deadline; a zone administration (综合实验区, 试验区, 开发区… 管委会) reports for
    its area as a whole and has the deadline the format gives `zone` (31 March); a
    街道办事处 is the district government's dispatched office, not a people's government, and
    has a department's deadline.

    The signing date is the last short line holding a date at the report's end: above the
    page's own dates and links, above an annexed statistics table (附件1：…情况统计表, as
    2008-format reports append it), or run on after the last sentence of a page saved as one
    line (…便捷服务。 青禾县人民政府 2013年1月16日).

    **Why is this bad?**
    Publishing late breaches the regulation and is one of the items evaluators score.

    **Example**
    A department's 2025 report signed 2026年3月5日.

    **Use instead**
    Publish by the deadline, and print the real signing date.

    **References**
    - 《政府信息公开条例》（2019）第四十九条 [R]；2008 条例第三十一条 [R].
    """

    code = "GAO204"
    name = "late-publication"
    severity = Severity.WARNING
    summary = "the signing date is after the legal deadline"
    name_zh = "发布晚于期限"
    summary_zh = "落款日期晚于法定期限"
    explanation_zh = "《政府信息公开条例》第四十九条要求每年1月31日前公布上一年度的年度报告，本报告的落款日期晚于这一期限。"

    def check(self, context: Context) -> Iterator[Finding]:
        report = context.report
        signed = report.signing_date
        if signed is None or report.year is None or report.year >= MAXYEAR:
            return  # a title year of 9999 has no next year to publish in
        kind = context.options.get("agency_kind") or report.agency_kind or "department"
        deadlines = dict(_DEFAULT_DEADLINES)
        deadlines.update(context.format.deadlines)
        deadlines.update(context.options.get("deadlines") or {})
        month_day = deadlines.get(kind) or deadlines["department"]
        month, day = (int(part) for part in str(month_day).split("-"))
        deadline = date(report.year + 1, month, day)
        if signed.date > deadline:
            who = {"government": "人民政府", "zone": "管委会"}.get(kind, "部门")
            yield self.finding(
                report, signed.location,
                f"落款日期 {_fmt(signed.date)} 晚于{who}年度报告的公布期限 {_fmt(deadline)}（晚 {(signed.date - deadline).days} 天）",
                f"signed {signed.date}, after the {kind} deadline {deadline} ({(signed.date - deadline).days} days late)",
            )
