"""Rules about the report's mandated structure: sections and the shape of the three tables."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Finding, Location, Report, Severity, Table
from ..model_format import FormatSelection, TableSpec
from .base import Context, FileRule, register, start_of_report

#: The revisions of the national format (``national: true`` in rules/*.yaml).
NATIONAL = FormatSelection("national")
TABLE_NAMES = {"table2": "表二", "table3": "表三", "table4": "表四"}


def _where_missing(report: Report, position: int) -> Location:
    """Where a missing section should have started: at the next section present after it."""
    later = [s for s in report.sections if s.number > position]
    if later:
        return min(later, key=lambda s: s.first_line).location
    earlier = [s for s in report.sections if s.number < position]
    if earlier:
        last = max(earlier, key=lambda s: s.first_line)
        if last.end_line - 1 < len(report.lines):
            return report.lines[max(last.end_line - 1, 0)].whole()
    return start_of_report(report)


@register
class MissingSection(FileRule):
    """**What it does**
    Reports a section the report's format mandates that cannot be found. For the national
    format (2019, 2021) these are 一、总体情况 · 二、主动公开政府信息情况 ·
    三、收到和处理政府信息公开申请情况 · 四、政府信息公开行政复议、行政诉讼情况 ·
    五、存在的主要问题及改进情况 · 六、其他需要报告的事项. Wording variants are accepted
    (五、存在的不足及改进措施, 五、存在的主要问题及改进工作措施, Traditional characters).
    For cn-2008 reports the topics of the 2008 regulation are checked instead, in any order:
    free-form reports often treat a topic in a sentence of another part (2011年未收到有关
    政府信息公开行政复议申请), so a topic counts as present when its heading OR its words
    are in the report. The 收费及减免 statement is GAO401's to report, not this rule's.

    **Why is this bad?**
    The format is fixed nationally so that reports can be compared and audited; a missing
    section is the first thing an evaluator marks down.

    **Example**
    A report that goes from 四、政府信息公开行政复议、行政诉讼情况 straight to
    六、其他需要报告的事项.

    **Use instead**
    Add 五、存在的主要问题及改进情况 with the problems found and how they are being fixed.

    **References**
    - 《政府信息公开条例》（2019）第五十条。
    - 国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》。
    - 2008 条例第三十二条 [R] for cn-2008 reports.
    """

    code = "GAO101"
    name = "missing-section"
    severity = Severity.ERROR
    summary = "a mandatory section is absent"
    name_zh = "缺少必要部分"
    summary_zh = "缺少规定的部分"
    explanation_zh = (
        "年度报告应包含规定的六个部分（总体情况、主动公开、收到和处理申请、复议诉讼、存在的问题及改进情况、其他需要报告的事项）。"
        "缺少任何一部分都不符合国办公开办函〔2021〕30号的要求。"
    )

    def check(self, context: Context) -> Iterator[Finding]:
        report = context.report
        present = {s.key for s in report.sections}
        topics = "" if context.format.ordered else _body_text(report)
        for position, spec in enumerate(context.format.sections, start=1):
            if spec.key in present or not spec.required:
                continue
            if topics and any(word in topics for word in spec.match):
                continue  # a free-form (2008) report may treat a topic in running text
            label = f"{spec.numeral}、{spec.title}" if spec.numeral else spec.title
            yield self.finding(
                report,
                _where_missing(report, position),
                f"缺少必备部分“{label}”（{context.format.name}）",
                f"mandatory section missing: {label} ({context.format.version})",
            )


def _body_text(report: Report) -> str:
    """The report's text after its title line: where a free-form report's topics are. The title's
    line is found by its place and its text, not by its line number alone: a web page written on
    one source line gives all its text lines the title's line number."""
    here = report.title_location
    first = here.line if here is not None else 0
    title = report.title[:8]
    after = next((index + 1 for index, line in enumerate(report.lines)
                  if line.location.line == first and title and title in line.text), None)
    if after is None:  # (a title not written in the text as read: the lines past its line)
        return "\n".join(line.text for line in report.lines if line.location.line > first or line.location.column > 1)
    return "\n".join(line.text for line in report.lines[after:])


@register
class SectionOrder(FileRule):
    """**What it does**
    Reports mandatory sections that appear twice or out of their prescribed order.

    **Why is this bad?**
    Readers and evaluators look for each section in its fixed place; a duplicated heading
    usually means text was pasted twice or a section was mislabelled.

    **Example**
    三、收到和处理政府信息公开申请情况 printed before 二、主动公开政府信息情况.

    **Use instead**
    Keep the six sections once each, in the order 一 to 六.

    **References**
    - 国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》。
    """

    code = "GAO102"
    name = "section-order"
    severity = Severity.WARNING
    summary = "mandatory sections duplicated or out of order"
    name_zh = "部分顺序错误"
    summary_zh = "必要部分重复或顺序错误"
    explanation_zh = "规定的部分出现重复，或没有按照规定的顺序排列。读者和汇总单位按固定顺序查找内容，顺序错乱容易造成遗漏。"

    def check(self, context: Context) -> Iterator[Finding]:
        report = context.report
        seen: dict[str, int] = {}
        highest = 0
        for section in report.sections:
            if section.key in seen:
                yield self.finding(
                    report,
                    section.location,
                    f"“{section.title}”重复出现（第一次在第 {seen[section.key]} 行）",
                    f"section '{section.title}' appears twice (first at line {seen[section.key]})",
                )
                continue
            seen[section.key] = section.location.line
            if context.format.ordered and section.number < highest:
                yield self.finding(
                    report,
                    section.location,
                    f"“{section.title}”顺序不对：应排在第 {section.number} 部分",
                    f"section '{section.title}' is out of order: it should be part {section.number}",
                )
            highest = max(highest, section.number)


def _tables(context: Context) -> Iterator[tuple[str, Table, TableSpec, str]]:
    """The report's tables with their format spec and Chinese name (表二…)."""
    for kind, table in context.report.tables.items():
        yield kind, table, context.format.tables[kind], TABLE_NAMES.get(kind, kind)


def _table_home(report: Report, spec: TableSpec) -> Location:
    section = report.section(spec.section)
    return section.location if section is not None else start_of_report(report)


@register
class MissingTable(FileRule):
    """**What it does**
    Reports that one of the three national tables cannot be located: table 2
    (主动公开政府信息情况), table 3 (收到和处理政府信息公开申请情况) or table 4
    (政府信息公开行政复议、行政诉讼情况). A table a web page or a Word file gives only as a
    picture (a screenshot pasted into its section in place of the table) is reported too, since
    no one can read or check its numbers, and the finding says that it is a picture.

    **Why is this bad?**
    The tables are the comparable core of every report; without them none of the arithmetic
    identities can be checked and the report does not follow the national format.

    **Example**
    Section 三 that describes the applications in prose but has no table.

    **Use instead**
    Include the table exactly as the format draws it, with every row and column.

    **References**
    - 国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》。
    """

    code = "GAO103"
    name = "missing-table"
    severity = Severity.ERROR
    formats = NATIONAL
    summary = "table 2, 3 or 4 is absent or cannot be located"
    name_zh = "缺少表格"
    summary_zh = "表二、表三或表四缺失或无法定位"
    explanation_zh = "主动公开情况（表二）、收到和处理申请情况（表三）或复议诉讼情况（表四）找不到。这些表格是年度报告的法定内容。"

    def check(self, context: Context) -> Iterator[Finding]:
        report = context.report
        for kind, spec in context.format.tables.items():
            if kind in report.tables or kind in report.unreadable_tables:
                continue
            name = TABLE_NAMES.get(kind, kind)
            if kind in report.pictured_tables:
                yield self.finding(
                    report,
                    _table_home(report, spec),
                    f"找不到文字形式的{name}“{spec.title}”：该部分只有图片，表格可能以图片形式提供，其中的数字无法读取和核对",
                    f"{kind} ({spec.title}) is not given as a table: its section holds a picture, the table is probably "
                    f"given as that picture, and its numbers cannot be read or checked",
                )
                continue
            yield self.finding(
                report,
                _table_home(report, spec),
                f"找不到{name}“{spec.title}”",
                f"{kind} ({spec.title}) is missing or cannot be located",
            )


@register
class MissingTableItem(FileRule):
    """**What it does**
    Reports a mandated row or column that is absent from a table: 行政强制 in table 2,
    `（四）无法提供 / 3.补正后申请内容仍不明确` in table 3, a 尚未审结 column in table 4.
    Row labels are matched by meaning, so lost characters (`2.其他法律行政止公开`) are not
    reported as missing rows.

    **Why is this bad?**
    A missing row hides a category the format requires every agency to count, and shifts the
    arithmetic of the table.

    **Example**
    Table 3 whose （四）无法提供 has only two sub-rows.

    **Use instead**
    Print every row of the format, with 0 where nothing was counted.

    **References**
    - 国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》。
    """

    code = "GAO104"
    name = "missing-table-item"
    severity = Severity.ERROR
    formats = NATIONAL
    summary = "a mandated row or column is absent"
    name_zh = "缺少表格项目"
    summary_zh = "缺少规定的行或列"
    explanation_zh = "表格中缺少格式要求的某一行或某一列。缺项会使数据无法汇总和核对。"

    def check(self, context: Context) -> Iterator[Finding]:
        report = context.report
        for kind, table, spec, name in _tables(context):
            if spec.groups:
                yield from self._review_columns(report, table, spec, name)
                continue
            for key in table.missing_rows:
                row = spec.row(key)
                if row is None or row.group:
                    continue
                yield self.finding(
                    report,
                    _next_row_location(table, spec, key),
                    f"{name}缺少必备行“{row.label}”",
                    f"{kind} lacks the mandated row '{row.label}'",
                )

    def _review_columns(self, report, table: Table, spec: TableSpec, name: str) -> Iterator[Finding]:
        if table.unread_rows:
            return
        count = sum(len(r.cells) for r in table.rows.values())
        expected = len(spec.groups) * len(spec.columns)
        if count == expected - len(spec.groups):
            yield self.finding(
                report,
                table.location,
                f"{name}只有 {count} 个数，应为 {expected} 个：每组缺少一列（如“尚未审结”）",
                f"{name} has {count} numbers instead of {expected}: a column (such as 尚未审结) is missing in each group",
            )


def _next_row_location(table: Table, spec: TableSpec, key: str) -> Location:
    """Where a missing row belongs: at the row that follows it in the format."""
    keys = [r.key for r in spec.rows]
    for later in keys[keys.index(key) + 1 :]:
        if later in table.rows:
            return table.rows[later].location
    return table.location


@register
class TableShape(FileRule):
    """**What it does**
    Reports a table row with the wrong number of cells: a table 3 row needs 7 numbers
    (自然人, five kinds of 法人或其他组织, 总计), table 4 needs 15, and each table 2 row as many
    as its columns.

    **Why is this bad?**
    When a row has too few or too many numbers, gaolint cannot tell which number belongs to
    which column, so the arithmetic of that row cannot be checked safely — and neither can a
    reader.

    **Example**
    ```text
    一、本年新收政府信息公开申请数量 | 21 | 0 | 0 | 0 | 21 |
    ```

    **Use instead**
    ```text
    一、本年新收政府信息公开申请数量 | 21 | 0 | 0 | 0 | 0 | 0 | 21 |
    ```

    **References**
    - 国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》。
    """

    code = "GAO105"
    name = "table-shape"
    severity = Severity.ERROR
    formats = NATIONAL
    summary = "a row has the wrong number of cells"
    name_zh = "表格形状错误"
    summary_zh = "某一行的单元格数目不对"
    explanation_zh = "表格中某一行的单元格数目与格式要求不符，通常是漏填、合并或错位造成的，数字可能被读到错误的列中。"

    def check(self, context: Context) -> Iterator[Finding]:
        report = context.report
        for kind, table, spec, name in _tables(context):
            if table.unread_rows:
                continue  # glued digits that fit no single split: said once, as GAO003
            if spec.groups:
                count = sum(len(r.cells) for r in table.rows.values())
                expected = len(spec.groups) * len(spec.columns)
                if count not in (expected, expected - len(spec.groups)):
                    yield self.finding(
                        report,
                        table.location,
                        f"{name}应有 {expected} 个数，实际读到 {count} 个",
                        f"{kind} should hold {expected} numbers; found {count}",
                    )
                continue
            for row in table.rows.values():
                row_spec = spec.row(row.key)
                if row_spec is None or not row.cells:
                    continue
                expected = len(spec.columns_of(row_spec))
                if len(row.cells) != expected:
                    yield self.finding(
                        report,
                        row.location,
                        f"{name}“{row.label}”行应有 {expected} 个数，实际有 {len(row.cells)} 个",
                        f"{kind} row '{row.label}' should have {expected} cells; it has {len(row.cells)}",
                    )


#: What agencies write for a zero in a count cell instead of 0: one finding per row and mark
#: (and, with a blank, counted as 0 in the tables' sums: gaolint.checks.arithmetic).
ZERO_PLACEHOLDERS = frozenset({"—", "——", "–", "-", "－", "/", "／", "\\", "无", "空"})


@register
class BadCellValue(FileRule):
    """**What it does**
    Reports a cell that must hold a count but is not a non-negative integer (blank, `—`, `/`,
    `-3`, `1.5`, or a run of more than 15 digits, which no count reaches and no sum could
    check exactly), or a fee amount that is not a non-negative number. A row's blank cells,
    and its cells holding the same dash, slash or 无 for a zero, are one finding naming their
    columns. A count written with its unit (`3件`) is read as the count. The sums of tables
    3 and 4 (GAO301–GAO304) count a blank, dash, slash or 无 as 0, as a reader does, and
    their findings say so.

    **Why is this bad?**
    The format asks for numbers; a dash or a blank leaves the reader guessing whether the
    count is zero or unknown, and every total that includes the cell rests on that guess.

    **Example**
    ```text
    2.重复申请 | — | 0 | 0 | 0 | 0 | 0 | 0 |
    ```

    **Use instead**
    ```text
    2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
    ```

    **References**
    - 国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》（填报说明）。
    """

    code = "GAO106"
    name = "bad-cell-value"
    severity = Severity.ERROR
    formats = NATIONAL
    summary = "a count is not a non-negative integer, or an amount is not a number"
    name_zh = "单元格数值错误"
    summary_zh = "件数不是非负整数，或金额不是数字"
    explanation_zh = "应当填写件数的单元格不是非负整数，或应当填写金额的单元格不是数字。空白、文字或负数都无法汇总。"

    def check(self, context: Context) -> Iterator[Finding]:
        report = context.report
        for kind, table, spec, name in _tables(context):
            for row in table.rows.values():
                row_spec = spec.row(row.key)
                columns = spec.columns_of(row_spec)
                blanks: list[tuple[int, object]] = []
                placeholders: dict[str, list[tuple[int, object]]] = {}
                for index, cell in enumerate(row.cells):
                    if cell.is_count:
                        continue  # right in any column: most cells, so tested first
                    if not cell.raw.strip():
                        blanks.append((index, cell))
                        continue
                    if row_spec is not None and cell.raw.strip() in row_spec.not_applicable:
                        continue  # "/" where the row does not apply to this agency
                    if cell.raw.strip() in ZERO_PLACEHOLDERS:
                        placeholders.setdefault(cell.raw.strip(), []).append((index, cell))
                        continue
                    signed = row_spec is not None and index in row_spec.signed
                    amount = row_spec is not None and row_spec.amount
                    problem = _cell_problem(cell.raw, cell.value, amount, signed)
                    if problem is None:
                        continue
                    column = _column_name(columns, index)
                    yield self.finding(
                        report,
                        cell.location,
                        f"{name}“{row.label}”行“{column}”列的值“{_clip(cell.raw) or '（空白）'}”{problem[0]}",
                        f"{kind} row '{row.label}', column '{column}': value '{_clip(cell.raw)}' {problem[1]}",
                    )
                if blanks:
                    yield self._blank_cells(report, kind, name, row.label, columns, blanks)
                for mark, cells in placeholders.items():
                    yield self._placeholder_cells(report, kind, name, row.label, columns, mark, cells)

    def _placeholder_cells(self, report, kind: str, name: str, label: str, columns, mark: str, cells: list) -> Finding:
        """One finding for a row's cells holding the same dash or 无 for a zero, naming their
        columns: like blank cells, a row of dashes is one thing to fix."""
        names = [_column_name(columns, i) for i, _ in cells]
        if len(cells) == 1:
            return self.finding(
                report,
                cells[0][1].location,
                f"{name}“{label}”行“{names[0]}”列的值“{mark}”不是数字",
                f"{kind} row '{label}', column '{names[0]}': value '{mark}' is not a number",
            )
        shown = "、".join(f"“{n}”" for n in names)
        return self.finding(
            report,
            cells[0][1].location,
            f"{name}“{label}”行有 {len(cells)} 个单元格填写“{mark}”（{shown}列）：件数应为数字，为零也应填写 0",
            f"{kind} row '{label}' has {len(cells)} cells holding '{mark}' ({', '.join(names)}): counts are numbers;"
            f" a zero count should be written 0",
        )

    def _blank_cells(self, report, kind: str, name: str, label: str, columns, blanks: list) -> Finding:
        """One finding for a row's blank cells (zeros left blank), naming their columns: a
        report that leaves forty zeros blank has a handful of rows to fix, not forty errors."""
        names = [_column_name(columns, i) for i, _ in blanks]
        shown = "、".join(f"“{n}”" for n in names)
        return self.finding(
            report,
            blanks[0][1].location,
            f"{name}“{label}”行有 {len(blanks)} 个单元格空白（{shown}列）：件数为零也应填写 0",
            f"{kind} row '{label}' has {len(blanks)} blank cell(s) ({', '.join(names)}): a zero count should be written 0",
        )


def _column_name(columns, index: int) -> str:
    """The name of a row's ``index``-th cell (table 4's row runs over its three groups)."""
    return columns[index % len(columns)] if columns else f"第{index + 1}列"


def _clip(raw: str, limit: int = 40) -> str:
    """A cell's text as a message quotes it: whole unless absurdly long."""
    return raw if len(raw) <= limit else f"{raw[:limit - 10]}…{raw[-8:]}"


def _cell_problem(raw: str, value: float | None, amount: bool, signed: bool) -> tuple[str, str] | None:
    if value is None:
        digits = raw.replace(",", "").replace(" ", "")
        if digits.isdigit():  # only digits, yet no number: too many of them to be exact
            return (f"有 {len(digits)} 位数字，不可能是件数或金额", f"has {len(digits)} digits: not a plausible count or amount")
        return ("不是数字", "is not a number")
    if value < 0 and not signed:
        return ("是负数", "is negative")
    if not amount and not float(value).is_integer():
        return ("不是整数", "is not a whole number")
    return None


#: What an empty section says. "无其他需要报告的事项" is not here: it is a statement that
#: nothing else is to be reported — a full answer for 六 in the 2019 format; where the 2021
#: format also wants the 信息处理费 stated, GAO401 reports its absence.
_EMPTY_WORDS = re.compile(r"^(?:无|暂无|没有|本年度无|略)?$")
_PUNCTUATION = re.compile(r"[\s。.,，;；:：、!！]")


@register
class EmptySection(FileRule):
    """**What it does**
    Reports a mandatory section that is present but empty, or that says only 无 / 暂无 —
    typical for 五、存在的主要问题及改进情况 and 六、其他需要报告的事项.

    **Why is this bad?**
    Section 五 must say what the problems are and how they are being fixed; section 六 must at
    least state the 信息处理费 charged. A bare 无 is a defect evaluators mark down. The
    report's closing signature (the agency and the date after 六) is not content; a sentence
    such as 无其他需要报告的事项 is (a missing fee statement is GAO401's to report).

    **Example**
    ```text
    六、其他需要报告的事项
    无。
    ```

    **Use instead**
    ```text
    六、其他需要报告的事项
    本年度未收取信息处理费。
    ```

    **References**
    - 国办公开办函〔2021〕30号；《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）[R].
    """

    code = "GAO107"
    name = "empty-section"
    severity = Severity.WARNING
    summary = "a mandatory section is empty or says only 无"
    name_zh = "部分内容为空"
    summary_zh = "必要部分为空或只写“无”"
    explanation_zh = "规定的部分没有内容，或只写了“无”。即使没有相关情况，也应当说明情况。"

    def check(self, context: Context) -> Iterator[Finding]:
        report = context.report
        wanted = {s.key for s in context.format.sections if s.not_empty}
        for section in report.sections:
            if section.key not in wanted:
                continue
            body = _without_signature(section.body)
            content = _PUNCTUATION.sub("", body)
            if _EMPTY_WORDS.match(content):
                shown = body.strip() or "（空）"
                yield self.finding(
                    report,
                    section.location,
                    f"“{section.title}”部分没有实际内容（{shown[:10]}）",
                    f"section '{section.title}' has no real content ('{shown[:10]}')",
                )


_SIGNING_DATE = re.compile(r"^\s*(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日\s*$")


def _without_signature(body: str) -> str:
    """A section's text without the report's closing signature (the agency's name and the
    date), which follows the last section: 六 that says only 无。 is still empty above it."""
    lines = [line for line in body.split("\n") if line.strip()]
    if lines and _SIGNING_DATE.match(lines[-1]):
        lines.pop()
        if lines and len(lines[-1].strip()) <= 30 and "。" not in lines[-1]:
            lines.pop()
    return "\n".join(lines)


@register
class MissingAccountabilityResults(FileRule):
    """**What it does**
    Reports a people's government (人民政府) report that does not mention the results of
    工作考核、社会评议和责任追究 anywhere.

    **Why is this bad?**
    The 2019 regulation requires governments to report how their disclosure work was assessed,
    reviewed by the public and held accountable; leaving it out is a content defect.

    **Example**
    A county government's report whose 总体情况 covers platforms and management only.

    **Use instead**
    Add a sentence such as 将政务公开工作纳入年度绩效考核，开展社会评议，本年度未发生责任追究情况。

    **References**
    - 《政府信息公开条例》（2019）第五十条第（四）项 [R]; format.md: 一 must give
      工作考核、社会评议和责任追究结果 for 人民政府 reports [V].
    """

    code = "GAO108"
    name = "missing-accountability-results"
    severity = Severity.WARNING
    formats = NATIONAL
    summary = "a people's government report omits 工作考核、社会评议和责任追究结果"
    name_zh = "缺少考核追责结果"
    summary_zh = "人民政府的报告缺少工作考核、社会评议和责任追究结果"
    explanation_zh = "人民政府的年度报告应当说明政务公开工作考核、社会评议和责任追究结果情况，本报告中没有找到。"

    def check(self, context: Context) -> Iterator[Finding]:
        report = context.report
        if report.agency_kind != "government" or not context.format.accountability:
            return
        text = report.text
        words = context.format.accountability
        if any(word in text for word in words):
            return
        joined = "".join(text.split())  # a hard wrap or a letter space inside 绩效考 / 核
        if any(word in joined for word in words):
            return
        section = report.section("overview")
        yield self.finding(
            report,
            section.location if section else start_of_report(report),
            "人民政府的年度报告未报告工作考核、社会评议和责任追究结果",
            "a people's government report must give the results of assessment, public review and accountability",
        )
