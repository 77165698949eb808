"""Rules about the statement of 信息处理费 (information processing fees)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding, Severity
from .base import Context, FileRule, register, start_of_report


@register
class MissingFeeStatement(FileRule):
    """**What it does**
    Reports a report that never states the fees its format asks about. Which statement each
    format carries is data (`obligations.fee_statement` in rules/*.yaml):
    - cn-2021 (report years from 2021): whether 信息处理费 (information processing fees) were
      charged in the year, under 《政府信息公开信息处理费管理办法》, in force from 1 January 2021
      (`obligations.fee_statement_from`: a 2020 report that already used the 2021 tables owes
      no such statement);
    - cn-2019 (report years 2019 and 2020): no fee statement is required, and none is asked for;
    - cn-2008 (report years up to 2018): the 收费及减免 (fees charged and waived) statement of
      the 2008 regulation, also written 均免费提供, 均为无偿提供 or 未向申请人收费 (`fees.waivers`); a
      heading that only names the topic (四、政府信息公开的收费及减免情况) is not the statement,
      nor is an item of a contents list (本报告全文包括…;政府信息公开收费及减免情况;…), but the
      heading with 无 or 暂无 alone on the line under it is (the topic answered "none").

    A sentence about the office's own spending on disclosure work (`产生的政府信息公开费用1万元`,
    words in `fees.spending` of rules/common.yaml) is not a fee statement. A sentence saying the
    agency charges nothing at all, without naming the fee (`依申请公开政府信息均未收费`,
    `本年度无收费情况`, `不涉及收费`; `fees.no_charge`), states that none was charged.

    **Why is this bad?**
    Since 2021 agencies may charge fees for unusually large or frequent requests; the report
    must say how many fee notices were issued and how much was collected, and "none" must be
    said explicitly. Evaluators check for this sentence in section 六.

    **Example**
    ```text
    六、其他需要报告的事项
    本机关无其他需要报告的事项。
    ```

    **Use instead**
    ```text
    六、其他需要报告的事项
    本年度未收取信息处理费。
    ```

    **References**
    - 《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）[R]; 国办公开办函〔2021〕30号 六 [R].
    - 2008 条例第三十二条第（三）项：收费及减免情况 [R].
    """

    code = "GAO401"
    name = "missing-fee-statement"
    severity = Severity.ERROR
    summary = "no statement of whether information processing fees were charged"
    name_zh = "缺少收费说明"
    summary_zh = "没有说明是否收取信息处理费"
    explanation_zh = "报告没有说明本年度是否收取信息处理费。按照《政府信息公开信息处理费管理办法》，年度报告应当说明收费情况。"

    def check(self, context: Context) -> Iterator[Finding]:
        report = context.report
        obligation = context.format.fee_obligation
        if obligation == "none" or report.fee_statements:
            return
        since = context.format.fee_statement_from
        if since is not None and report.year is not None and report.year < since:
            return  # (a 2020 report in the 2021 format: the fee rules began in 2021)
        section = report.section("other") or report.section("fees")
        location = section.location if section else start_of_report(report)
        if obligation == "charges-and-waivers":
            yield self.finding(
                report, location,
                "报告没有说明政府信息公开的收费及减免情况（如“本年度未收取任何费用，无减免情况”）",
                "the report does not state the fees charged and waived (收费及减免), as the 2008 regulation requires",
            )
            return
        yield self.finding(
            report, location,
            "报告没有说明本年度是否收取信息处理费（如“本年度未收取信息处理费”）",
            "the report does not state whether information processing fees (信息处理费) were charged",
        )


@register
class FeeContradiction(FileRule):
    """**What it does**
    Reports a fee statement that contradicts itself or the report's other fee figures: it
    says no fee was charged, then gives a non-zero amount or a number of fee notices.

    **Why is this bad?**
    Readers cannot tell which statement is true; usually one sentence was copied from an older
    report.

    **Example**
    ```text
    本年度未收取信息处理费。……共收取信息处理费200元。
    ```

    **Use instead**
    State one consistent figure: 本年度共发出收费通知1件，收取信息处理费200元。

    **References**
    - 《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）[R].
    """

    code = "GAO402"
    name = "fee-contradiction"
    severity = Severity.WARNING
    summary = "the fee statement says none were charged, then gives an amount"
    name_zh = "收费说明矛盾"
    summary_zh = "先说未收取信息处理费，后又写了金额"
    explanation_zh = "报告先说明没有收取信息处理费，后面却给出了收费金额，两处说法互相矛盾。"

    def check(self, context: Context) -> Iterator[Finding]:
        report = context.report
        says_none = [m for m in report.fee_statements if m.says_none]
        if not says_none:
            return
        for mention in report.fee_statements:
            for amount, figure, start, end in mention.amounts:
                if figure is None or float(figure) == 0:
                    continue
                if mention is says_none[0] and not _amount_is_fee(mention.text, start, end):
                    continue
                yield self.finding(
                    report, mention.location,
                    f"信息处理费说明自相矛盾：“{says_none[0].text[:30]}”，又写有“{amount}”",
                    f"contradictory fee statement: says none were charged, then gives '{amount}'",
                )
                return


def _amount_is_fee(text: str, start: int, end: int) -> bool:
    """In the sentence that says "none", an amount counts only if it is near a fee word."""
    window = text[max(0, start - 15) : end]
    return bool(re.search(r"处理费|收费|费用|收取", window))
