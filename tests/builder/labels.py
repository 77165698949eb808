"""The fixed national wording (section titles, table row and column labels) the builder draws.

Kept apart from the prose so a reader can compare it line by line with the format notices
(国办公开办函〔2021〕30号, 〔2019〕60号); these labels are the part of a report that may not vary.
"""

from __future__ import annotations

from typing import NamedTuple

VERSIONS = ("cn-2021", "cn-2019", "cn-2008")
KINDS = ("government", "department")

#: 一 … 六 of cn-2021 and cn-2019; 五 is left open because its wording varies in practice.
SECTION_TITLES = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、{title}",
    "六、其他需要报告的事项",
)
SECTION5_TITLES = (
    "存在的主要问题及改进情况",
    "政府信息公开工作存在的主要问题及改进情况",
    "存在的不足及改进措施",
    "存在的主要问题及改进工作措施",
)
#: Free-form cn-2008 topics, as most pre-2019 reports numbered them.
SECTION_TITLES_2008 = (
    "一、概述",
    "二、主动公开政府信息情况",
    "三、依申请公开政府信息情况",
    "四、收费及减免情况",
    "五、因政府信息公开申请提起行政复议、行政诉讼情况",
    "六、存在的主要问题及改进措施",
    "七、其他需要报告的事项",
)

#: Table 3 columns: 自然人, the five 法人或其他组织, 总计.
TABLE3_COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
PERSON_COLUMNS = TABLE3_COLUMNS[:6]
TOTAL_COLUMN = 6

BALANCE_HEADER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


class Row3(NamedTuple):
    """One table-3 row: a stable key and its label path (outer group first)."""

    key: str
    labels: tuple[str, ...]


_RESULTS = "三、本年度办理结果"
_WITHHELD = "（三）不予公开"
_UNABLE = "（四）无法提供"
_NOT_PROCESSED = "（五）不予处理"
_OTHER = "（六）其他处理"


def _leaves(group: str, prefix: str, names: tuple[str, ...]) -> list[Row3]:
    return [
        Row3(f"{prefix}.{i}", (_RESULTS, group, f"{i}.{name}")) for i, name in enumerate(names, 1)
    ]


def _table3_rows(split_other: bool) -> tuple[Row3, ...]:
    rows = [
        Row3("new", ("一、本年新收政府信息公开申请数量",)),
        Row3("carried_over", ("二、上年结转政府信息公开申请数量",)),
        Row3("result.1", (_RESULTS, "（一）予以公开")),
        Row3("result.2", (_RESULTS, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）")),
    ]
    rows += _leaves(_WITHHELD, "result.3", (
        "属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益",
        "属于三类内部事务信息", "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项",
    ))
    rows += _leaves(_UNABLE, "result.4", (
        "本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确",
    ))
    rows += _leaves(_NOT_PROCESSED, "result.5", (
        "信访举报投诉类申请", "重复申请", "要求提供公开出版物", "无正当理由大量反复申请",
        "要求行政机关确认或重新出具已获取信息",
    ))
    if split_other:
        rows += _leaves(_OTHER, "result.6", (
            "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "其他",
        ))
    else:
        rows.append(Row3("result.6", (_RESULTS, _OTHER)))
    rows.append(Row3("results_total", (_RESULTS, "（七）总计")))
    rows.append(Row3("carried_forward", ("四、结转下年度继续办理",)))
    return tuple(rows)


TABLE3_ROWS = {"cn-2021": _table3_rows(True), "cn-2019": _table3_rows(False)}
# cn-2008 reports have no table, but the builder still keeps their figures in the 2021 shape.
TABLE3_ROWS["cn-2008"] = TABLE3_ROWS["cn-2021"]


def result_leaves(version: str) -> tuple[str, ...]:
    """Keys of the result rows that add up to （七）总计 (21 in cn-2021, 19 in cn-2019)."""
    return tuple(
        r.key for r in TABLE3_ROWS[version] if r.key.startswith("result.")
    )


TABLE4_GROUPS = ("行政复议", "未经复议直接起诉", "复议后起诉")
TABLE4_OUTCOMES = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
