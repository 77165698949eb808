"""Rules across the reports of one agency in consecutive years. The engine keeps a few facts
of each report (``collect_facts``), the run pairs the reports (``gaolint.repository``), and
each rule compares the facts of a pair (``compare``)."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Location, Report, ReportFacts, Severity
from ..model_format import FormatSelection
from .base import RepositoryRule, register, source_line

#: The formats with the national table 3 (``national: true`` in rules/*.yaml).
NATIONAL_TABLE3 = FormatSelection("national")


@register
class CarryoverMismatch(RepositoryRule):
    """**What it does**
    Compares this year's table 3 二、上年结转政府信息公开申请数量 with the same agency's
    previous-year table 3 四、结转下年度继续办理, column by column (自然人, the five kinds of
    法人或其他组织, 总计), whenever both reports are linted in the same run, whatever their
    containers (.txt, .md, .html, .docx, .pdf). Reports belong to the same agency when their
    normalised agency names are equal (昆山市 / 昆山市政府 / 昆山市人民政府 are one agency;
    configuration can set the name and the year per file). The finding points at this year's
    cell and names last year's file, value and line.

    **Why is this bad?**
    What one report carries forward is, by definition, what the next report carries over.
    A difference means applications were lost or invented between the two years, or one of the
    two tables is wrong.

    **Example**
    ```text
    2024 report: 四、结转下年度继续办理 | 137 | 1 | 0 | 0 | 0 | 0 | 138 |
    2025 report: 二、上年结转政府信息公开申请数量 | 137 | 1 | 0 | 0 | 0 | 0 | 139 |
    ```

    **Use instead**
    ```text
    2025 report: 二、上年结转政府信息公开申请数量 | 137 | 1 | 0 | 0 | 0 | 0 | 138 |
    ```

    **References**
    - 国办公开办函〔2021〕30号，表三（二、上年结转；四、结转下年度继续办理）。
    - format.md: identities across years (this year's 二 = last year's 四).
    """

    code = "GAO601"
    name = "carryover-mismatch"
    severity = Severity.ERROR
    formats = NATIONAL_TABLE3
    summary = "this year's 二（上年结转）≠ the same agency's last-year 四（结转下年度）"
    name_zh = "结转数不衔接"
    summary_zh = "本年“二、上年结转”≠ 同一机关上年度的“四、结转下年度”"
    explanation_zh = "同一机关本年度表三的上年结转数，应等于上一年度报告表三的结转下年度继续办理数。不一致说明某一年的数字有误。"

    def compare(self, current: ReportFacts, previous: ReportFacts) -> Iterator[Finding]:
        """This year's 二（上年结转） against last year's 四（结转下年度）, column by column."""
        over, forward = current.carried_over, previous.carried_forward
        if not over or not forward or len(over) != len(TABLE3_COLUMNS) or len(forward) != len(TABLE3_COLUMNS):
            return
        for column, name in enumerate(TABLE3_COLUMNS):
            this, last = over[column], forward[column]
            if this is None or last is None or abs(this - last) < 1e-9:
                continue
            where = _cell_location(previous, "carried_forward", column)
            difference = _number(abs(this - last))
            zh = (f"表三 二（上年结转）“{name}”列为 {_number(this)}，但上年报告 {previous.path}（{previous.year}年）"
                  f"的 四（结转下年度）为 {_number(last)}（{_where(where, 'zh')}）（差 {difference}）")
            en = (f"table 3 row 二 (carried over), column '{name}', is {_number(this)}, but last year's report "
                  f"{previous.path} ({previous.year}) carried forward {_number(last)} ({_where(where, 'en')}; "
                  f"difference {difference})")
            yield self.finding(current, "carried_over", column, zh, en)


@register
class ValidDocumentsDrift(RepositoryRule):
    """**What it does**
    Checks table 2's 现行有效件数 for 规章 and for 行政规范性文件 against the same agency's
    previous-year report: this year's 现行有效 should be last year's 现行有效 + this year's
    本年制发 − 本年废止. Only reports in the 2021 format are compared (the 2019 format counts
    对外公开总数量 instead), and only when both years are linted in the same run.

    **Why is this bad?**
    The number of documents in force changes only by issuing and repealing them. Drift means a
    count is wrong, or documents lapsed (失效) without being reported as repealed — either way
    the public list of documents in force cannot be trusted.

    **Example**
    ```text
    2024 report: 行政规范性文件 | 20 | 30 | 127 |
    2025 report: 行政规范性文件 | 15 | 35 | 110 |   (127 + 15 − 35 = 107)
    ```

    **Use instead**
    ```text
    2025 report: 行政规范性文件 | 15 | 35 | 107 |
    ```
    or explain lapsed documents and count them as 废止.

    **References**
    - 国办公开办函〔2021〕30号，表二 第二十条第（一）项（本年制发件数 / 本年废止件数 / 现行有效件数）[V].
    - Documents that lapse without a repeal notice are a known cause of drift, so this is a
      warning, not an error [R].
    """

    code = "GAO602"
    name = "valid-documents-drift"
    severity = Severity.WARNING
    formats = FormatSelection("running_totals")  # rows with ``running_total: true`` (cn-2021)
    summary = "table 2: 现行有效 ≠ last year's 现行有效 + 本年制发 − 本年废止"
    name_zh = "有效文件数不衔接"
    summary_zh = "表二：现行有效 ≠ 上年现行有效 + 本年制发 − 本年废止"
    explanation_zh = "同一机关本年度表二中规章、规范性文件的现行有效件数，应等于上年现行有效件数加本年新制发件数减本年废止件数。"

    def compare(self, current: ReportFacts, previous: ReportFacts) -> Iterator[Finding]:
        """现行有效 = last year's 现行有效 + 本年制发 − 本年废止, for 规章 and 规范性文件."""
        for key, (label, label_en) in DOCUMENT_ROWS.items():
            this, last = current.documents.get(key), previous.documents.get(key)
            if not this or not last or len(this) != 3 or len(last) != 3:
                continue
            issued, repealed, in_force = this
            before = last[2]
            if None in (issued, repealed, in_force, before):
                continue
            expected = before + issued - repealed
            if abs(expected - in_force) < 1e-9:
                continue
            where = _cell_location(previous, key, 2)
            difference = _number(abs(expected - in_force))
            zh = (f"表二“{label}”现行有效件数为 {_number(in_force)}，但上年报告 {previous.path}（{previous.year}年）"
                  f"的现行有效 {_number(before)}（{_where(where, 'zh')}）+ 本年制发 {_number(issued)} − 本年废止 "
                  f"{_number(repealed)} = {_number(expected)}（差 {difference}）")
            en = (f"table 2 {label_en} in force is {_number(in_force)}, but last year's report {previous.path} "
                  f"({previous.year}) had {_number(before)} in force ({_where(where, 'en')}) + {_number(issued)} issued "
                  f"− {_number(repealed)} repealed = {_number(expected)} (difference {difference})")
            yield self.finding(current, key, 2, zh, en)


def collect_facts(report: Report) -> ReportFacts:
    """What the repository rules keep of one report (the engine calls this for each annual
    report; a worker sends it back): table 3's rows 二 and 四 (GAO601) and table 2's rows of
    documents (GAO602), with each cell's location and source line."""
    facts = ReportFacts(report.path, report.agency, report.agency_kind, report.year, report.format_version)
    table3 = report.tables.get("table3")
    if table3 is not None:
        for key in ("carried_over", "carried_forward"):
            row = table3.rows.get(key)
            if row is not None and row.cells:
                setattr(facts, key, [c.value for c in row.cells])
                facts.locations[key] = [c.location for c in row.cells]
                facts.source_lines[key] = [source_line(report, c.location.line) for c in row.cells]
    table2 = report.tables.get("table2")
    if table2 is not None:
        for key in DOCUMENT_ROWS:
            row = table2.rows.get(key)
            if row is not None and len(row.cells) == 3:
                facts.documents[key] = [c.value for c in row.cells]
                facts.locations[key] = [c.location for c in row.cells]
                facts.source_lines[key] = [source_line(report, c.location.line) for c in row.cells]
    return facts


#: Table 3's columns, in order, as the messages name them.
TABLE3_COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
#: Table 2's rows of documents (issued, repealed, in force): key → (Chinese, English) label.
DOCUMENT_ROWS = {"regulations": ("规章", "regulations"), "normative_documents": ("行政规范性文件", "normative documents")}


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _where(location: Location | None, lang: str) -> str:
    if location is None:
        return ""
    if lang == "en":
        return f"line {location.line}" + (f", {location.place}" if location.place else "")
    return f"第 {location.line} 行" + (f"，{location.place}" if location.place else "")


def _cell_location(facts: ReportFacts, key: str, column: int) -> Location | None:
    locations = facts.locations.get(key) or []
    return locations[column] if column < len(locations) else None
