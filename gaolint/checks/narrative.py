"""GAO305: figures stated in the report's prose that contradict its tables."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Cell, Finding, Report, Severity
from ..model import number_text as _number
from .base import Context, FileRule, register
from .structure import NATIONAL

#: Table-3 rows a measure reads (their 总计 column), with the words messages use for it.
_TABLE3 = {
    "new": ("new", "本年新收申请", "new applications"),
    "received": ("new", "收到（受理）申请", "applications received"),
    "carried_over": ("carried_over", "上年结转申请", "applications carried over from last year"),
    "results_total": ("results_total", "办结申请", "applications handled"),
    "carried_forward": ("carried_forward", "结转下年度申请", "applications carried forward"),
    "disclosed": ("disclosed", "予以公开", "disclosed"),
    "partly_disclosed": ("partly_disclosed", "部分公开", "partly disclosed"),
    "withheld": ("withheld", "不予公开", "withheld"),
    "unavailable": ("unavailable", "无法提供", "unavailable"),
    "not_processed": ("not_processed", "不予处理", "not processed"),
    "other_handling": ("other_handling", "其他处理", "otherwise handled"),
}
#: Table-4 groups a measure adds up (their 总计 column).
_TABLE4 = {
    "review": (("review",), "行政复议", "administrative reviews"),
    "litigation": (("direct_suit", "suit_after_review"), "行政诉讼", "lawsuits"),
    "direct_suit": (("direct_suit",), "未经复议直接起诉", "lawsuits without prior review"),
    "suit_after_review": (("suit_after_review",), "复议后起诉", "lawsuits after review"),
}
_GROUP_LABELS = {"review": "行政复议", "direct_suit": "未经复议直接起诉", "suit_after_review": "复议后起诉"}
_TOTAL = 6  # table 3's 总计 column
_REVIEW_TOTAL = 4  # table 4's 总计 column in each group
_OTHER_PERIOD = re.compile(r"上一?年|去年|前年|上年度")


class _Target:
    """The table cells a prose figure is compared with, and how to name them."""

    def __init__(self, cells: list[Cell], zh: str, en: str, what_zh: str, what_en: str) -> None:
        self.cells = cells
        self.zh = zh
        self.en = en
        self.what_zh = what_zh
        self.what_en = what_en

    @property
    def value(self) -> float:
        return sum(c.value or 0 for c in self.cells)

    def where(self, lang: str) -> str:
        lines = sorted({c.location.line for c in self.cells})
        span = f"{lines[0]}" if len(lines) == 1 else f"{lines[0]}–{lines[-1]}"
        place = self.cells[0].location.place
        if lang == "en":
            return f"line {span}" + (f", {place}" if place else "")
        return f"第 {span} 行" + (f"，{place}" if place else "")


def _table3_target(report: Report, context: Context, measure: str) -> _Target | None:
    table = report.tables.get("table3")
    spec = context.format.tables.get("table3")
    if table is None or spec is None or measure not in _TABLE3:
        return None
    key, what_zh, what_en = _TABLE3[measure]
    row_spec = spec.row(key)
    if row_spec is None:
        return None
    keys = [key]
    if row_spec.group:
        keys = [r.key for r in spec.leaves(key) if not r.group]
    cells = []
    for leaf in keys:
        row = table.rows.get(leaf)
        if row is None or len(row.cells) != len(spec.columns) or row.cells[_TOTAL].value is None:
            return None
        cells.append(row.cells[_TOTAL])
    label = row_spec.label
    if row_spec.group:
        return _Target(cells, f"表三“{label}”各项的总计之和", f"the sum of table 3's '{label}' rows (总计)", what_zh, what_en)
    return _Target(cells, f"表三“{label}”的总计", f"table 3 '{label}' 总计", what_zh, what_en)


def _table4_target(report: Report, context: Context, measure: str) -> _Target | None:
    table = report.tables.get("table4")
    spec = context.format.tables.get("table4")
    if table is None or spec is None or measure not in _TABLE4:
        return None
    if sum(len(r.cells) for r in table.rows.values()) != len(spec.groups) * len(spec.columns):
        return None  # GAO104/GAO105 explain; the groups cannot be told apart
    groups, what_zh, what_en = _TABLE4[measure]
    cells = []
    for group in groups:
        row = table.rows.get(group)
        if row is None or row.cells[_REVIEW_TOTAL].value is None:
            return None
        cells.append(row.cells[_REVIEW_TOTAL])
    names = "、".join(_GROUP_LABELS[g] for g in groups)
    if len(groups) > 1:
        return _Target(cells, f"表四“{names}”的总计之和", f"the sum of table 4's '{names}' 总计", what_zh, what_en)
    return _Target(cells, f"表四“{names}”的总计", f"table 4 '{names}' 总计", what_zh, what_en)


def _table2_target(report: Report, context: Context) -> _Target | None:
    table = report.tables.get("table2")
    spec = context.format.tables.get("table2")
    row_spec = spec.row("normative_documents") if spec else None
    if table is None or row_spec is None or "现行有效件数" not in row_spec.columns:
        return None
    row = table.rows.get("normative_documents")
    column = row_spec.columns.index("现行有效件数")
    if row is None or len(row.cells) != len(row_spec.columns) or row.cells[column].value is None:
        return None
    return _Target([row.cells[column]], "表二“行政规范性文件”的现行有效件数", "table 2 '行政规范性文件' 现行有效件数",
                   "现行有效的行政规范性文件", "normative documents in force")


def target_for(report: Report, context: Context, measure: str) -> _Target | None:
    """The table cells that count what ``measure`` counts, or None when they cannot be read."""
    if measure in _TABLE3:
        return _table3_target(report, context, measure)
    if measure in _TABLE4:
        return _table4_target(report, context, measure)
    if measure == "normative_in_force":
        return _table2_target(report, context)
    return None


def _self_names(report: Report, kind: str) -> list[str]:
    """Ways a report names its own agency: 苏州市吴江区人民政府, 吴江区人民政府, 吴江区, 吴江,
    区政府, 全区, 我区; 淮安市洪泽区教育局, 洪泽区教育局, 教育局."""
    agency = report.agency
    if not agency:
        return []
    tails = [agency] + [agency[m.end() :] for m in re.finditer(r"省|市|州|盟|区|县", agency)]
    names = {tail for tail in tails if len(tail) >= 2}
    if kind == "government":
        for tail in tails:
            if not tail.endswith("人民政府") or len(tail) <= len("人民政府"):
                continue
            place = tail[: -len("人民政府")]
            names.add(place)
            level = re.search(r"(自治区|自治州|自治县|省|市|区|县|旗|州|盟|镇|乡)$", place)
            if level:
                if len(place) - len(level.group(1)) >= 2:
                    names.add(place[: -len(level.group(1))])
                unit = level.group(1)[-1]
                names.update({f"{unit}人民政府", f"{unit}政府", f"全{unit}", f"我{unit}", f"本{unit}"})
    if agency.endswith("街道办事处"):
        # 城关街道办事处: 城关街道, 本街道, 全街道 name its own report.
        names.update({tail[: -len("办事处")] for tail in tails if len(tail) > len("街道办事处")})
        names.update({"本街道", "我街道", "全街道", "街道办事处", "街道办"})
    if kind == "zone":
        # 平潭综合实验区(管委会): 全区, 我区, 区管委会, 管委会 name the zone's own report.
        place = re.sub(r"(?:党工委)?(?:管委会|管理委员会)$", "", agency)
        names.update({place, "管委会", "管理委员会"})
        if place.endswith("区"):
            names.update({"全区", "我区", "本区", "区管委会", "区直各部门"})
    return sorted(names, key=len, reverse=True)


def scope_difference(report: Report, scope: str, kind: str) -> str:
    """Why a sentence's scope is not the report's own ("" when it is)."""
    if not scope:
        return ""
    if _OTHER_PERIOD.search(scope):
        return "period"
    rest = scope
    for name in _self_names(report, kind):
        rest = rest.replace(name, "")
    if kind in ("government", "zone"):
        # 全市各行政机关 / 各级行政机关 / 各部门: everything the government's report covers.
        rest = re.sub(r"各级|各|行政机关|政府部门|部门|单位|机关", "", rest)
    return "scope" if rest.strip() else ""


@register
class NarrativeMismatch(FileRule):
    """**What it does**
    Compares the figures the prose states with the tables: applications (新收, 上年结转,
    办结, 结转下年度, 予以公开, 部分公开, 不予公开, 无法提供, 不予处理, 其他处理) with table 3's
    总计 column, 行政复议 and 行政诉讼 counts (including “未发生…行政复议” as zero) with table 4's
    总计 (行政诉讼 = 未经复议直接起诉 + 复议后起诉), and 现行有效的行政规范性文件 with table 2.
    Figures may be written in Arabic or Chinese numerals (二十三), with or without thousands
    separators (2,168). The finding points at the figure in the sentence; the table cell is
    named in the message and given as a related location.

    A sentence is compared only when it plainly speaks of the same scope and year as the
    table: sentences about a narrower scope (其中市政府本级…, one 街道 or 镇, one office or
    department other than the report's own, one channel such as 通过信函), about another
    year (上年…), or approximations (约2000件, 2000余件) are skipped. With `--verbose`, a
    skipped sentence whose figure differs from the table is reported as a `note` saying why
    (跳过：范围不同 …).

    **Why is this bad?**
    Readers quote the prose, evaluators check it against the tables. When the two disagree,
    one of them is wrong, and the report contradicts itself in public.

    **Example**
    ```text
    本年度新收政府信息公开申请2170件……
    一、本年新收政府信息公开申请数量 | 2120 | 42 | 0 | 0 | 0 | 6 | 2168 |
    ```

    **Use instead**
    ```text
    本年度新收政府信息公开申请2168件……
    ```

    **References**
    - 国办公开办函〔2021〕30号：总体情况中依申请公开情况的表述应与表三、表四一致 [R].
    - format.md: tables 2, 3 and 4.
    """

    code = "GAO305"
    name = "narrative-mismatch"
    severity = Severity.WARNING
    formats = NATIONAL
    summary = "a figure stated in the prose contradicts the table"
    name_zh = "正文与表格不符"
    summary_zh = "正文中的数字与表格矛盾"
    explanation_zh = "正文中写到的数字（如“全年共收到申请X件”）与表格中的同一数字不一致。读者会不知道该相信哪一个。"

    def check(self, context: Context) -> Iterator[Finding]:
        report = context.report
        verbose = bool(context.options.get("verbose"))
        kind = context.options.get("agency_kind") or report.agency_kind
        for figure in report.narrative:
            target = target_for(report, context, figure.measure)
            if target is None:
                continue
            stated, counted = figure.value, target.value
            if abs(stated - counted) < 1e-9:
                continue
            if figure.measure == "received":
                over = _table3_target(report, context, "carried_over")
                if over is not None and abs(stated - counted - over.value) < 1e-9:
                    continue  # 受理 counted with last year's carry-over
            reason = self._skip_reason(report, figure, kind)
            if reason and not verbose:
                continue
            yield self._finding(report, figure, target, reason)

    @staticmethod
    def _skip_reason(report: Report, figure, kind: str) -> str:
        if figure.year is not None and report.year is not None and figure.year != report.year:
            if not (figure.measure == "carried_over" and figure.year == report.year - 1):
                return "year"
        return scope_difference(report, figure.scope, kind)

    def _finding(self, report: Report, figure, target: _Target, reason: str) -> Finding:
        stated, counted = figure.value, target.value
        difference = _number(abs(stated - counted))
        zh = (f"正文称“{figure.text}”（{target.what_zh} {stated}），但{target.zh}为 {_number(counted)}"
              f"（{target.where('zh')}）（差 {difference}）")
        en = (f"the prose says “{figure.text}” ({target.what_en}: {stated}), but {target.en} is "
              f"{_number(counted)} ({target.where('en')}; difference {difference})")
        severity = self.severity
        if reason:
            severity = Severity.NOTE
            if reason == "year":
                why_zh, why_en = f"年份不同（{figure.year}年）", f"another year ({figure.year})"
            elif reason == "period":
                why_zh, why_en = f"年份不同（“{figure.scope}”）", f"another year ('{figure.scope}')"
            else:
                why_zh, why_en = f"范围不同（“{figure.scope}”）", f"different scope ('{figure.scope}')"
            zh = f"跳过：{why_zh}，不与表格比较：{zh}"
            en = f"skipped: {why_en}, not compared with the table: {en}"
        finding = self.finding(report, figure.location, zh, en)
        finding.severity = severity
        finding.related = [(cell.location, f"{target.zh}") for cell in target.cells]
        return finding


__all__ = ["NarrativeMismatch", "scope_difference", "target_for"]
