"""Arithmetic rules: the identities of tables 3 and 4, read from the format's YAML."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Cell, Finding, Message, Row, Severity, Table
from ..model import number_text as _number
from ..model_format import TableSpec, column_cells
from .base import Context, FileRule, register
from .structure import NATIONAL, ZERO_PLACEHOLDERS

_GROUP_NAMES = {"review": "行政复议", "direct_suit": "未经复议直接起诉", "suit_after_review": "复议后起诉"}
_ROW_SHORT = {
    "new": "一（新收）",
    "carried_over": "二（上年结转）",
    "results_total": "三（七）总计",
    "carried_forward": "四（结转下年度）",
}


def _with_inferred_note(message: Message) -> Message:
    """A message about sums that include cells split out of glued digits says so: the numbers
    are the only reading that fits each row, not what the page printed cell by cell."""
    return Message(
        message.zh + "（部分单元格由粘连的数字推断）",
        message.en + " (some cells inferred from glued digits)",
    )


def _stands_for_zero(cell: Cell) -> bool:
    """A count cell left blank or holding a dash, slash or 无 where a 0 belongs (GAO106)."""
    raw = cell.raw.strip()
    return not raw or raw in ZERO_PLACEHOLDERS


def _zeros_counted(table: Table) -> Table:
    """``table`` with every cell that stands for a zero counted as 0. Pages that leave zeros
    blank (or dash them) are common; GAO106 asks for the 0, and the sums are checked as any
    reader checks them, blank for 0, so a wrong count elsewhere in the row or column is not
    hidden by the blanks. Findings over such cells say so (``_with_notes``)."""
    rows = {}
    changed = False
    for key, row in table.rows.items():
        if None in [c.value for c in row.cells] and any(c.value is None and _stands_for_zero(c) for c in row.cells):
            changed = True
            cells = [Cell(c.raw, 0.0, c.location, c.inferred) if c.value is None and _stands_for_zero(c) else c
                     for c in row.cells]
            row = Row(row.key, row.label, row.location, cells)
        rows[key] = row
    if not changed:
        return table
    return Table(table.kind, table.location, rows, table.missing_rows, table.end_location,
                 table.inferred_rows, table.unread_rows)


def _with_notes(message: Message, cells: list[Cell]) -> Message:
    """The message, noting the cells split out of glued digits and those counted as 0."""
    if any(cell.inferred for cell in cells):
        message = _with_inferred_note(message)
    marks = sorted({c.raw.strip() for c in cells if c.value == 0 and _stands_for_zero(c)})
    if marks:
        shown = "、".join(f"“{m}”" if m else "空白" for m in marks)
        message = Message(message.zh + f"（{shown}单元格按 0 计）",
                          message.en + " (" + ", ".join(f"'{m}'" if m else "blank" for m in marks) + " cells counted as 0)")
    return message


def _identities(context: Context, code: str) -> list[dict]:
    return [i for i in context.format.identities if i.get("rule") == code]


def _identity_tables(context: Context, code: str) -> Iterator[tuple[dict, Table, TableSpec]]:
    """(identity, table read, its format) for each identity of rule ``code`` whose table the
    report has."""
    for identity in _identities(context, code):
        table = context.report.tables.get(identity["table"])
        spec = context.format.tables.get(identity["table"])
        if table is not None and spec is not None:
            yield identity, _zeros_counted(table), spec


def _row_sum_mismatches(table: Table, identity: dict) -> Iterator[tuple[str, Row, Cell, list[Cell], float]]:
    """Rows of ``table`` whose total cell differs from the sum of their part cells, as
    (row key, row, total cell, part cells, sum of parts). Rows with unreadable cells or the
    wrong width are left to GAO105/GAO106."""
    total_column = identity["total_column"]
    parts = identity["part_columns"]
    for key, row in table.rows.items():
        cells = row.cells
        if len(cells) != total_column + 1:
            continue
        total = cells[total_column]
        values = [cells[i].value for i in parts]
        if total.value is None or None in values:
            continue
        summed = sum(values)
        if abs(summed - total.value) >= 1e-9:
            yield key, row, total, [cells[i] for i in parts], summed


class _ColumnIdentity(FileRule):
    """Shared check for identities that hold in every column of table 3."""

    formats = NATIONAL

    def check(self, context: Context) -> Iterator[Finding]:
        report = context.report
        for identity, table, spec in _identity_tables(context, self.code):
            left = spec.side_rows(table, identity["left"])
            right = spec.side_rows(table, identity["right"])
            if left is None or right is None:
                continue
            for column, name in enumerate(spec.columns):
                left_cells = column_cells(left, column)
                right_cells = column_cells(right, column)
                if left_cells is None or right_cells is None:
                    continue
                for finding in self.compare(report, spec, name, left, right, left_cells, right_cells):
                    finding.message = _with_notes(finding.message, left_cells + right_cells)
                    yield finding

    def compare(self, report, spec, name, left, right, left_cells, right_cells) -> Iterator[Finding]:
        raise NotImplementedError


@register
class BalanceIdentity(_ColumnIdentity):
    """**What it does**
    Checks the 勾稽关系 printed in table 3's header, in each of the 7 columns:
    一（本年新收）+ 二（上年结转）= 三（七）总计 + 四（结转下年度继续办理）.

    **Why is this bad?**
    Every application received or carried over must either be handled this year or carried
    forward; when the two sides differ, an application was lost or counted twice. The format
    prints this identity in the table itself, so it is the first check evaluators make.

    **Example**
    ```text
    一、本年新收政府信息公开申请数量 | … | 21 |
    二、上年结转政府信息公开申请数量 | … | 0 |
    （七）总计 | … | 20 |
    四、结转下年度继续办理 | … | 0 |
    ```

    **Use instead**
    Make 21 + 0 equal 20 + carried forward: here 结转下年度 should be 1 (or 总计 21).

    **References**
    - 国办公开办函〔2021〕30号，表三表头：（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）。
    """

    code = "GAO301"
    name = "balance-identity"
    severity = Severity.ERROR
    summary = "table 3: 一 + 二 ≠ 三（七）总计 + 四 in a column"
    name_zh = "收支不平衡"
    summary_zh = "表三：某列 一 + 二 ≠ 三（七）总计 + 四"
    explanation_zh = (
        "表三中，本年新收申请数（一）加上年结转数（二）应等于本年办理结果总计（三（七））加结转下年度继续办理数（四）。"
        "某一列不满足这一关系，说明有数字填错或漏填。"
    )

    def compare(self, report, spec, name, left, right, left_cells, right_cells):
        a = sum(c.value for c in left_cells)
        b = sum(c.value for c in right_cells)
        if abs(a - b) < 1e-9:
            return
        target = right_cells[-1]
        yield self.finding(
            report, target.location,
            f"表三“{name}”列勾稽关系不成立：一（新收）+ 二（上年结转）= {_number(a)}，"
            f"但 三（七）总计 + 四（结转下年度）= {_number(b)}（差 {_number(abs(a - b))}）",
            f"table 3 column '{name}': new + carried over = {_number(a)}, but total handled + carried "
            f"forward = {_number(b)} (difference {_number(abs(a - b))})",
        )


@register
class ResultsTotal(_ColumnIdentity):
    """**What it does**
    Checks, in each column of table 3, that 三（七）总计 equals the sum of all result rows
    （一）予以公开 … （六）其他处理 3.其他 (21 rows in the 2021 format, 19 in 2019, where
    （六）其他处理 is one row). A report that prints （六）其他处理 as one row is summed that way.

    **Why is this bad?**
    The total is what readers quote; when it is not the sum of its parts, either a row or the
    total is wrong, and the balance identity may hide it.

    **Example**
    ```text
    （七）总计 | 2119 | 37 | 0 | 0 | 0 | 6 | 2162 |
    ```
    where the result rows of the 其他 column add up to 5.

    **Use instead**
    Correct the row or the total so that the column adds up.

    **References**
    - 国办公开办函〔2021〕30号，表三；evaluators' standard check (format.md: implied identity).
    """

    code = "GAO303"
    name = "results-total"
    severity = Severity.ERROR
    summary = "table 3: 三（七）总计 ≠ the sum of the result rows in a column"
    name_zh = "办理结果合计错误"
    summary_zh = "表三：某列 三（七）总计 ≠ 各办理结果之和"
    explanation_zh = "表三中某一列的办理结果总计（三（七））不等于各项办理结果之和。"

    def compare(self, report, spec, name, left, right, left_cells, right_cells):
        stated = left_cells[0]
        total = sum(c.value for c in right_cells)
        if abs(stated.value - total) < 1e-9:
            return
        difference = abs(stated.value - total)
        yield self.finding(
            report, stated.location,
            f"三（七）总计“{name}”列为 {_number(stated.value)}，但各办理结果之和为 {_number(total)}（差 {_number(difference)}）",
            f"table 3 total handled, column '{name}', is {_number(stated.value)} but the result rows add up "
            f"to {_number(total)} (difference {_number(difference)})",
        )


@register
class RowTotal(FileRule):
    """**What it does**
    Checks, in each row of table 3, that the 总计 column equals 自然人 plus the five kinds of
    法人或其他组织 (商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他).

    **Why is this bad?**
    A row whose total is not the sum of its applicants misstates how many applications were
    received or handled in that category.

    **Example**
    ```text
    （一）予以公开 | 832 | 5 | 0 | 0 | 0 | 5 | 843 |
    ```

    **Use instead**
    ```text
    （一）予以公开 | 832 | 5 | 0 | 0 | 0 | 5 | 842 |
    ```

    **References**
    - 国办公开办函〔2021〕30号，表三。
    """

    code = "GAO302"
    name = "row-total"
    severity = Severity.ERROR
    formats = NATIONAL
    summary = "table 3: a row's 总计 ≠ 自然人 + the five 法人或其他组织 columns"
    name_zh = "行合计错误"
    summary_zh = "表三：某行总计 ≠ 自然人 + 五类法人或其他组织"
    explanation_zh = "表三中某一行的“总计”不等于自然人与五类法人或其他组织各列之和。"

    def check(self, context: Context) -> Iterator[Finding]:
        report = context.report
        for identity, table, _spec in _identity_tables(context, self.code):
            for _, row, total, cells, summed in _row_sum_mismatches(table, identity):
                difference = abs(summed - total.value)
                finding = self.finding(
                    report, total.location,
                    f"表三“{row.label}”行的总计为 {_number(total.value)}，但自然人与法人或其他组织各列之和为 {_number(summed)}（差 {_number(difference)}）",
                    f"table 3 row '{row.label}': 总计 is {_number(total.value)} but the applicant columns add up to "
                    f"{_number(summed)} (difference {_number(difference)})",
                )
                finding.message = _with_notes(finding.message, [total, *cells])
                yield finding


@register
class ReviewLitigationTotal(FileRule):
    """**What it does**
    Checks, in table 4, that each 总计 equals 结果维持 + 结果纠正 + 其他结果 + 尚未审结, for
    行政复议, for 行政诉讼 未经复议直接起诉 and for 复议后起诉.

    **Why is this bad?**
    A total that is not the sum of its outcomes misreports how many review or court cases the
    agency faced, which is exactly what readers of this table want to know.

    **Example**
    ```text
    10 | 1 | 0 | 0 | 0 | …
    ```
    (行政复议: 10 + 1 + 0 + 0 is 11, but 总计 says 0)

    **Use instead**
    ```text
    10 | 1 | 0 | 0 | 11 | …
    ```

    **References**
    - 国办公开办函〔2021〕30号，表四。
    """

    code = "GAO304"
    name = "review-litigation-total"
    severity = Severity.ERROR
    formats = NATIONAL
    summary = "table 4: a 总计 ≠ the sum of its four outcomes"
    name_zh = "复议诉讼合计错误"
    summary_zh = "表四：某项总计 ≠ 四种结果之和"
    explanation_zh = "表四中行政复议或行政诉讼的“总计”不等于结果维持、结果纠正、其他结果、尚未审结四项之和。"

    def check(self, context: Context) -> Iterator[Finding]:
        report = context.report
        for identity, table, spec in _identity_tables(context, self.code):
            count = sum(len(r.cells) for r in table.rows.values())
            if count != len(spec.groups) * len(spec.columns):
                continue  # GAO104/GAO105 explain; the columns cannot be told apart
            for key, row, total, cells, summed in _row_sum_mismatches(table, identity):
                group = _GROUP_NAMES.get(key, row.label)
                terms = " + ".join(_number(c.value) for c in cells)
                finding = self.finding(
                    report, total.location,
                    f"表四“{group}”的总计为 {_number(total.value)}，但 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = {terms} = {_number(summed)}（差 {_number(abs(summed - total.value))}）",
                    f"table 4 '{group}': total is {_number(total.value)} but the four outcomes add up to {terms} = {_number(summed)}",
                )
                finding.message = _with_notes(finding.message, [total, *cells])
                yield finding
